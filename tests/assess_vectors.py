"""The `assess` vectors of tests/vectors/fill.yaml as the three runtimes receive them.

Python (test_fill.py), node (test_js_rules.py) and Chromium (test_browser_calculator.py) all call
their `assess` with the same {scheme, items, statuses, confirmed}, built here once.
"""

from __future__ import annotations

from pathlib import Path

import yaml

VECTORS = yaml.safe_load(
    (Path(__file__).resolve().parent / "vectors" / "fill.yaml").read_text(encoding="utf-8")
)
STATUS_ORDER = ("yes", "no", "na", None)


def inputs(case: dict) -> dict:
    """{name, scheme, items, statuses, confirmed} of one case: items <area>-1.. in answer order."""
    scheme = VECTORS["assess_schemes"][case["scheme"]]
    items: list[dict] = []
    statuses: dict = {}
    for area, counts in case["answers"].items():
        number = 0
        for status, n in zip(STATUS_ORDER, counts, strict=True):
            for _ in range(n):
                number += 1
                item = f"{area}-{number}"
                items.append({"id": item, "area": area})
                if status is not None:
                    statuses[item] = status
    statuses.update(case.get("override", {}))
    return {
        "name": case["name"],
        "scheme": scheme,
        "items": items,
        "statuses": None if "statuses" in case and case["statuses"] is None else statuses,
        "confirmed": case.get("confirmed", False),
    }


CASES = [inputs(c) for c in VECTORS["assess"]]
EXPECT = {c["name"]: c["expect"] for c in VECTORS["assess"]}
