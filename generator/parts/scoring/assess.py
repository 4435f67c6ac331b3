"""Scoring one checklist assessment exactly (the reference; scoring-rules.js `assess` is its JS twin).

The rules an evaluator reads in README's evaluator section and on the score sheet:

- An area's points are `max × 符合 ÷ (符合 + 不符合)` over the checklist items feeding it, kept as an
  exact fraction. A 不适用 item leaves the area's denominator.
- An area whose answered items are all 不适用 is scored by the scheme's rule (`not_applicable.area`
  in checklists/scoring.yaml): `proportional` (按比例折算: the area leaves the scheme and the other
  areas' total is scaled to 100) or `full` (the area gets its maximum).
- The total is the exact sum (after the proportional scaling); the grade compares the exact total
  with the grade minima. The display rounds once, to two decimals with halves up; a total within
  0.01 of a grade boundary (and not exactly two decimals) also shows its exact fraction.
- An item without an answer makes the record provisional (暂定): the total is computed from the
  answers given (an area with no answer scores 0) and the grade is only provisional, unless the
  evaluator confirms the record as final.

Fractions cross to JSON as strings ("95", "283/3") so both runtimes compare them exactly.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

STATUSES = ("yes", "no", "na")
NA_RULES = ("proportional", "full")
HUNDRED = Fraction(100)


@dataclass(frozen=True)
class AreaScore:
    """One area of one assessment.

    points: exact points, or None when the area is not scored (see `basis`).
    basis: "answers" (from 符合/不符合), "all-na" (every answered item 不适用: the scheme's rule
    gives its points: max × total ÷ 100 under `proportional`, max under `full`),
    "unanswered" (no item answered: scores 0 in a provisional total) or "no-items" (the checklist
    has no item for the area: scores 0, and the record stays provisional).
    """

    id: str
    max: Fraction
    yes: int
    no: int
    na: int
    unanswered: int
    points: Fraction | None
    basis: str


def exact_text(value: Fraction) -> str:
    """'95' or '283/3': the exact value as both runtimes print it."""
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"


def round_once(value: Fraction) -> str:
    """The one rounding: two decimals, halves up, shortest form ('95', '94.99', '8.3')."""
    hundredths = (value * 100 + Fraction(1, 2)).__floor__()
    whole, cents = divmod(hundredths, 100)
    if cents == 0:
        return str(whole)
    return f"{whole}.{cents:02d}".rstrip("0")


def _area(area: Mapping, items: list[Mapping], statuses: Mapping) -> AreaScore:
    counts = dict.fromkeys(STATUSES, 0)
    unanswered = feeding = 0
    for item in items:
        if item["area"] != area["id"]:
            continue
        feeding += 1
        status = statuses.get(item["id"])
        if isinstance(status, str) and status in counts:
            counts[status] += 1
        else:
            unanswered += 1
    yes, no, na = counts["yes"], counts["no"], counts["na"]
    maximum = Fraction(str(area["max"]))
    if not feeding:
        points, basis = None, "no-items"
    elif yes + no:
        points, basis = maximum * yes / (yes + no), "answers"
    elif na and not unanswered:
        points, basis = None, "all-na"
    else:
        points, basis = None, "unanswered"
    return AreaScore(area["id"], maximum, yes, no, na, unanswered, points, basis)


def assess(
    scheme: Mapping,
    items: Iterable[Mapping],
    statuses: Mapping[str, str],
    confirmed: bool = False,
) -> dict:
    """The exact score of one assessment as JSON-ready data.

    scheme: {"areas": [{id, max}], "grades": [{name, min}], "not_applicable": {"area": rule}} (the
    shape of site/data/scoring.json); items: [{id, area}]; statuses: item id -> yes | no | na;
    confirmed: the evaluator confirmed an incomplete record as final.
    """
    item_list = list(items)
    given = statuses if isinstance(statuses, Mapping) else {}
    rule = scheme.get("not_applicable", {}).get("area", "proportional")
    scores = [_area(a, item_list, given) for a in scheme["areas"]]
    left_out = sum((s.max for s in scores if s.basis == "all-na" and rule == "proportional"), Fraction(0))
    earned = Fraction(0)
    for s in scores:
        if s.points is not None:
            earned += s.points
        elif s.basis == "all-na" and rule == "full":
            earned += s.max
    total = earned * HUNDRED / (HUNDRED - left_out) if left_out < HUNDRED else Fraction(0)
    # An all-不适用 area shows what the rule gives it, so the areas always add up to the total:
    # 按比例折算 is the same as scoring it at the other areas' rate (max × total ÷ 100).
    share = {s.id: s.max * total / HUNDRED if rule == "proportional" else s.max for s in scores}
    scores = [
        s if s.basis != "all-na" or left_out >= HUNDRED else dataclasses.replace(s, points=share[s.id])
        for s in scores
    ]
    answered = sum(s.yes + s.no + s.na for s in scores)
    count = answered + sum(s.unanswered for s in scores)
    missing = [s.id for s in scores if s.basis in ("unanswered", "no-items")]
    complete = answered == count and not any(s.basis == "no-items" for s in scores) and left_out < HUNDRED
    grade = next(g["name"] for g in scheme["grades"] if total >= Fraction(str(g["min"])))
    near = (
        any(abs(total - Fraction(str(g["min"]))) < Fraction(1, 100) for g in scheme["grades"])
        and (total * 100).denominator != 1
    )
    return {
        "areas": [
            {
                "id": s.id,
                "yes": s.yes,
                "no": s.no,
                "na": s.na,
                "unanswered": s.unanswered,
                "basis": s.basis,
                "points": None if s.points is None else exact_text(s.points),
                "shown": None if s.points is None else round_once(s.points),
            }
            for s in scores
        ],
        "rule": rule,
        "left_out": exact_text(left_out),
        "total": exact_text(total),
        "shown": round_once(total),
        "near_boundary": near,
        "grade": grade,
        "answered": answered,
        "count": count,
        "missing": missing,
        "complete": complete,
        "final": complete or bool(confirmed),
        "confirmed": bool(confirmed) and not complete,
    }
