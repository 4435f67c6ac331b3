"""The fill-from-checklist rule (Python reference) against the shared vectors."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
import yaml
from assess_vectors import CASES, EXPECT

from generator.parts.scoring.assess import assess, round_once
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


# --- assess: exact scores of one assessment (shared with node and Chromium) ------------------------


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_assess_vector(case):
    result = assess(case["scheme"], case["items"], case["statuses"], case["confirmed"])
    want = EXPECT[case["name"]]
    assert {k: result[k] for k in want} == want


def test_assess_vectors_sum_thirds_sixths_and_eighteenths_to_each_boundary():
    exact = {EXPECT[c["name"]]["total"] for c in CASES if "eighteenths" in c["name"]}
    assert exact == {"95", "85", "70"}


def test_round_once_rounds_halves_up_and_prints_the_shortest_decimal():
    assert [round_once(Fraction(n, d)) for n, d in ((1, 200), (1, 300), (19, 2), (284999, 3000), (0, 1))] == [
        "0.01",
        "0",
        "9.5",
        "95",
        "0",
    ]
