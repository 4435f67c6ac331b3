"""The fill-from-checklist rule (Python reference) against the shared vectors."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.parts.scoring.fill import fill_from_checklist

ROOT = Path(__file__).resolve().parent.parent
VECTORS = yaml.safe_load((ROOT / "tests" / "vectors" / "fill.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", VECTORS["cases"], ids=[c["name"] for c in VECTORS["cases"]])
def test_fill_vector(case):
    assert fill_from_checklist(case["areas"], case["items"], case["statuses"]) == case["expect"]


def test_points_are_ints_when_whole():
    [entry] = fill_from_checklist([{"id": "t", "max": 10}], [{"id": "a", "area": "t"}], {"a": "yes"})
    assert entry["points"] == 10 and isinstance(entry["points"], int)


def test_vectors_cover_every_reason_and_rounding_up():
    reasons = {e["reason"] for c in VECTORS["cases"] for e in c["expect"]}
    assert reasons == {None, "no-items", "no-answers"}
    points = {e["points"] for c in VECTORS["cases"] for e in c["expect"]}
    assert {6.67, 0.13, 3.33} <= points
