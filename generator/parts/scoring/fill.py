"""Filling the evaluation areas of 第二十九条 from a checklist assessment (the reference rule).

The calculator page runs the same rule (fillFromChecklist in
generator/parts/scoring/theme/assets/javascripts/scoring-rules.js); tests/vectors/fill.yaml holds the shared vectors
both runtimes must pass. For each area: points = max × yes ÷ (yes + no), rounded to hundredths with
halves going up; "na" (不适用) answers do not count; an area the checklist has no item for, or whose
items are not answered 符合 or 不符合, gets no points: the calculator and the comparison page leave
it empty and name it (never keeping an old hand-typed value, which would mix into the total), and
show the derivation of every other area.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

STATUSES = ("yes", "no", "na")


def _round_half_up(value: float) -> int:
    """JavaScript's Math.round for the non-negative values here (Python's round() rounds halves to even)."""
    floor = math.floor(value)
    return floor + 1 if value - floor >= 0.5 else floor


def _number(hundredths: int) -> int | float:
    """9500 -> 95, 9499 -> 94.99: whole numbers as ints, as JSON from JavaScript prints them."""
    return hundredths // 100 if hundredths % 100 == 0 else hundredths / 100


def fill_from_checklist(
    areas: Iterable[Mapping], items: Iterable[Mapping], statuses: Mapping[str, str]
) -> list[dict]:
    """One entry per area, in order: {id, yes, no, na, points, reason}.

    areas: [{"id", "max"}]; items: [{"id", "area"}] (the checklist items feeding areas);
    statuses: item id -> "yes" | "no" | "na" (anything else is not an answer). `points` is None and
    `reason` is "no-items" or "no-answers" when the area is to be left empty.
    """
    item_list = list(items)
    given = statuses if isinstance(statuses, Mapping) else {}
    out = []
    for area in areas:
        counts = dict.fromkeys(STATUSES, 0)
        feeding = 0
        for item in item_list:
            if item["area"] != area["id"]:
                continue
            feeding += 1
            status = given.get(item["id"])
            if isinstance(status, str) and status in counts:
                counts[status] += 1
        yes, no = counts["yes"], counts["no"]
        points = None
        reason = None
        if not feeding:
            reason = "no-items"
        elif yes + no == 0:
            reason = "no-answers"
        else:
            points = _number(_round_half_up(area["max"] * 100 * yes / (yes + no)))
        out.append(
            {"id": area["id"], "yes": yes, "no": no, "na": counts["na"], "points": points, "reason": reason}
        )
    return out
