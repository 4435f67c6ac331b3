"""The annual evaluation (第二十八条至第三十二条): scoring scheme, reference rules, calculator pages.

The scheme lives in checklists/scoring.yaml: its areas (any number, ids chosen by the scheme; the
shipped example follows the eight contents of 第二十九条) with maxima summing to 100, the grades of
第三十一条 and the consequences of 第三十二条, 第三十五条（五） and 第三十七条. The rules here are the
reference; generator/parts/scoring/theme/assets/javascripts/scoring-rules.js implements the same rules in the page,
and both are driven by the same scheme data (`scheme_data`) and checked against the same test vectors
(tests/vectors/scoring.yaml).

Numbers: every score is handled as an integer number of hundredths. Inputs may carry at most two
decimals (more is refused, so nothing is ever rounded silently); sums and comparisons are exact
integer arithmetic, so 94.99 stays 良好 and 12.5 + 12.25 + ... never drifts to 94.99999. Results
give numbers back as integers when whole (95) and as hundredths / 100 otherwise (94.99): both
runtimes divide the same integers by 100, so they print the same shortest decimal.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Protocol, TypeGuard, runtime_checkable

from generator.assets import KB_JS, TABLES_CSS, Asset
from generator.errors import ContentError, Problem
from generator.links import (
    formal_citation,
    md_uri,
    note_url,
    provision_url,
    relative,
    site_root,
)
from generator.load import Document, read_yaml
from generator.model import Provision
from generator.part import Command, Loader, Part
from generator.parts.scoring.assess import NA_RULES, exact_text, round_once
from generator.parts.scoring.urls import CALCULATOR, COMPARE, SCHEME, SCORING_JSON
from generator.project import Project, SearchRecord
from generator.render import environment, page_context, script_json
from generator.validate import (
    check_schema,
    duplicate_ids,
    quote_problems,
    quotes_of,
    restating_problems,
    unknown_provisions,
)

SCHEME_FILE = "checklists/scoring.yaml"
SCALE = 10000  # 百分制 (第三十一条), in hundredths
INPUT_FIELDS = ("areas", "total", "previous_grade", "illegal_findings_same_kind", "verified_complaints")
DATA_FORMAT = 1
# How 不适用 counts, as the score sheet, the compare page and README state it (one text per rule).
NA_ITEM_TEXT = "不适用的条目不计入该领域的分母：领域得分 = 满分 × 符合项数 ÷（符合项数 + 不符合项数）。"
NA_TEXT = {
    "proportional": NA_ITEM_TEXT
    + "某领域已答条目全部不适用时，该领域不计分，其余领域得分之和按比例折算为百分制"
    "（总分 = 其余领域得分之和 × 100 ÷（100 − 该领域满分））。",
    "full": NA_ITEM_TEXT + "某领域已答条目全部不适用时，该领域按满分计。",
}
assert set(NA_TEXT) == set(NA_RULES)


@dataclass(frozen=True)
class SubItem:
    """A sub-item of an area: what it covers and its share of the area's points (hundredths)."""

    title: str
    max: int


@dataclass(frozen=True)
class Area:
    """One evaluation area of the scheme (in the example, one content of 第二十九条).

    id: chosen by the scheme; checklist items name it in `area:`.
    title: short name; covers: what the area covers; cites: provisions it comes from.
    max: maximum points in hundredths (1500 = 15 points); items: optional sub-items.
    """

    id: str
    title: str
    max: int
    covers: str
    cites: tuple[str, ...]
    items: tuple[SubItem, ...] = ()


@dataclass(frozen=True)
class Grade:
    """A grade of 第三十一条: reached at `min` hundredths and above."""

    name: str
    min: int
    cites: tuple[str, ...]


@dataclass(frozen=True)
class Consequence:
    """Something that follows from a result when every condition holds (empty conditions: always).

    grades / previous_grades: this year's / last year's grade is one of these (empty: any).
    illegal_at_least / complaints_at_least: minimum counts of the per-year triggers (0: no condition).
    quote: verbatim fragments of the cited provisions the text restates (build-checked).
    """

    id: str
    text: str
    cites: tuple[str, ...]
    quote: tuple[str, ...] = ()
    grades: tuple[str, ...] = ()
    previous_grades: tuple[str, ...] = ()
    illegal_at_least: int = 0
    complaints_at_least: int = 0


@dataclass(frozen=True)
class Scheme:
    """The scoring scheme: areas with maxima, grades, consequences.

    example: True while the weights are the shipped example, to be replaced by the scheme the
    people's government approves (第二十八条第三款). approval: who approved it, shown on the pages.
    tie_note: anchor id of the editorial note that explains which grade a total exactly on a
    boundary gets (第三十一条 puts 70 in both 及格 and 不及格); '' when the scheme has none.
    """

    title: str
    example: bool
    approval: str
    areas: tuple[Area, ...]
    grades: tuple[Grade, ...]
    consequences: tuple[Consequence, ...]
    source: str = SCHEME_FILE
    tie_note: str = ""
    na_rule: str = "proportional"

    def area(self, area_id: str) -> Area | None:
        return next((a for a in self.areas if a.id == area_id), None)


class ScoringInputError(ValueError):
    """Invalid evaluation input; `field` names the offending field (areas.team, total, ...)."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


# --- numbers -------------------------------------------------------------------------------------


def _is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _two_decimals(value: float) -> bool:
    return abs(value * 100 - round(value * 100)) < 1e-6


def number(hundredths: int) -> int | float:
    """A score for output: 9500 -> 95, 9499 -> 94.99 (the same shortest decimal in JavaScript)."""
    return hundredths // 100 if hundredths % 100 == 0 else hundredths / 100


# --- loading -------------------------------------------------------------------------------------


def _scheme_problems(doc: Document, index: Mapping[str, Provision]) -> list[Problem]:
    """Checks beyond the schema: area set, sums, decimals, grade order, names and citations."""
    data = doc.data
    problems: list[Problem] = []

    def cites_problems(path: tuple, cites: list) -> None:
        problems.extend(
            unknown_provisions(doc, [((*path, "cites", i), r) for i, r in enumerate(cites)], index)
        )

    def decimals(path: tuple, value: float) -> None:
        if not _two_decimals(value):
            problems.append(doc.problem(path, f"{value} has more than two decimals"))

    total = 0
    problems += duplicate_ids(
        doc, [(("areas", i, "id"), a["id"]) for i, a in enumerate(data["areas"])], "area id"
    )
    for i, area in enumerate(data["areas"]):
        decimals(("areas", i, "max"), area["max"])
        total += round(area["max"] * 100)
        cites_problems(("areas", i), area["cites"])
        problems += restating_problems(doc, ("areas", i), area, "covers", area["cites"], index)
        if "items" in area:
            for k, item in enumerate(area["items"]):
                decimals(("areas", i, "items", k, "max"), item["max"])
            sub = sum(round(item["max"] * 100) for item in area["items"])
            if sub != round(area["max"] * 100):
                problems.append(
                    doc.problem(
                        ("areas", i, "items"),
                        f"sub-item maxima sum to {number(sub)}, expected {number(round(area['max'] * 100))}"
                        " (the area maximum)",
                    )
                )
    if total != SCALE:
        problems.append(doc.problem(("areas",), f"area maxima sum to {number(total)}, expected 100"))

    names = [g["name"] for g in data["grades"]]
    problems += duplicate_ids(doc, [(("grades", i, "name"), n) for i, n in enumerate(names)], "grade")
    previous = None
    for i, grade in enumerate(data["grades"]):
        decimals(("grades", i, "min"), grade["min"])
        if previous is not None and grade["min"] >= previous:
            problems.append(
                doc.problem(("grades", i, "min"), f"must be below the grade before it ({previous})")
            )
        previous = grade["min"]
        cites_problems(("grades", i), grade["cites"])
    if data["grades"] and data["grades"][-1]["min"] != 0:
        last = len(data["grades"]) - 1
        problems.append(doc.problem(("grades", last, "min"), "the lowest grade must start at 0"))

    consequences = data["consequences"]
    problems += duplicate_ids(
        doc, [(("consequences", i, "id"), c["id"]) for i, c in enumerate(consequences)], "consequence id"
    )
    for i, item in enumerate(consequences):
        for key in ("grade", "previous_grade"):
            for k, name in enumerate(item["when"].get(key, [])):
                if name not in names:
                    problems.append(doc.problem(("consequences", i, "when", key, k), f"unknown grade {name}"))
        cites_problems(("consequences", i), item["cites"])
        problems += quote_problems(doc, ("consequences", i, "quote"), item["quote"], item["cites"], index)
    return problems


def _scheme(doc: Document) -> Scheme:
    data = doc.data
    return Scheme(
        title=data["title"],
        example=data["example"],
        approval=data.get("approval", ""),
        areas=tuple(
            Area(
                id=a["id"],
                title=a["title"],
                max=round(a["max"] * 100),
                covers=a["covers"],
                cites=tuple(a["cites"]),
                items=tuple(SubItem(s["title"], round(s["max"] * 100)) for s in a.get("items", [])),
            )
            for a in data["areas"]
        ),
        grades=tuple(Grade(g["name"], round(g["min"] * 100), tuple(g["cites"])) for g in data["grades"]),
        consequences=tuple(
            Consequence(
                id=c["id"],
                text=c["text"],
                cites=tuple(c["cites"]),
                quote=quotes_of(c["quote"]),
                grades=tuple(c["when"].get("grade", [])),
                previous_grades=tuple(c["when"].get("previous_grade", [])),
                illegal_at_least=c["when"].get("illegal_findings_same_kind_at_least", 0),
                complaints_at_least=c["when"].get("verified_complaints_at_least", 0),
            )
            for c in data["consequences"]
        ),
        source=doc.path,
        tie_note=data.get("tie_note", ""),
        na_rule=data.get("not_applicable", {}).get("area", "proportional"),
    )


def load(project: Project) -> tuple[Scheme | None, list[Problem]]:
    """Read and check checklists/scoring.yaml; a project without one has no scheme (and no pages)."""
    path = project.root / SCHEME_FILE
    if not path.exists():
        return None, []
    doc = read_yaml(path, project.root)
    if isinstance(doc, Problem):
        return None, [doc]
    problems = check_schema(doc, "scoring")
    if problems:
        return None, problems
    problems = _scheme_problems(doc, project.index) + _tie_note_problems(doc, project)
    if problems:
        return None, problems
    return _scheme(doc), []


def _tie_note_problems(doc: Document, project: Project) -> list[Problem]:
    note = doc.data.get("tie_note")
    if not note:
        return []
    article_id, _, number = note.partition("__note_")
    article = project.index.get(article_id)
    if article is None or not number.isdigit() or not 1 <= int(number) <= len(article.article.notes):
        return [doc.problem(("tie_note",), f"no editorial note {note} (expected art_<n>__note_<k>)")]
    return []


# --- the rules -----------------------------------------------------------------------------------


FRACTION = re.compile(r"^([0-9]{1,9})(?:/([0-9]{1,9}))?$")


def _points(field: str, value: object, maximum: int, too_high: str, exact: bool = False) -> Fraction:
    """Points as an exact fraction: a number with at most two decimals or, where `exact` (an area's
    points), also a string "n" / "n/d" (an exact share such as 25/3, as a checklist assessment gives)."""
    if exact and isinstance(value, str):
        match = FRACTION.match(value.strip())
        if not match or (match.group(2) is not None and int(match.group(2)) == 0):
            raise ScoringInputError(field, "必须是数字或分数（如 25/3）")
        share = Fraction(int(match.group(1)), int(match.group(2) or 1))
        if share > Fraction(maximum, 100):
            raise ScoringInputError(field, too_high)
        return share
    if not _is_number(value):
        raise ScoringInputError(field, "必须是数字")
    if value < 0:
        raise ScoringInputError(field, "不能为负数")
    if value > maximum / 100:
        raise ScoringInputError(field, too_high)
    if not _two_decimals(value):
        raise ScoringInputError(field, "最多保留两位小数")
    return Fraction(round(value * 100), 100)


def _shown(value: Fraction) -> int | float:
    """The one rounding of a score for output: 95, 94.99, 8.33 (two decimals, halves up)."""
    text = round_once(value)
    return int(text) if "." not in text else float(text)


def _count(data: dict, field: str) -> int:
    if field not in data:
        return 0
    value = data[field]
    if not _is_number(value) or value < 0 or value != math.floor(value):
        raise ScoringInputError(field, "必须是非负整数")
    return int(value)


def evaluate(scheme: Scheme, data: object) -> dict:
    """Total, grade and consequences for one year's input; raise ScoringInputError naming the field.

    Input: {"areas": {"<area id>": points, ...}} (areas left out count as 0) or {"total": points},
    optionally "previous_grade" (last year's grade or null), "illegal_findings_same_kind" (findings
    of illegal enforcement of the same kind this year) and "verified_complaints" (most verified
    complaints against one officer this year). The first problem found is raised, in a fixed order
    that the JavaScript rules follow too.
    """
    if not isinstance(data, dict):
        raise ScoringInputError("input", "必须是 JSON 对象")
    unknown = sorted(k for k in data if k not in INPUT_FIELDS)
    if unknown:
        raise ScoringInputError(unknown[0], "未知字段")
    if "areas" in data and "total" in data:
        raise ScoringInputError("input", "“areas”（各领域得分）和“total”（总分）只能填写一项")
    if "areas" not in data and "total" not in data:
        raise ScoringInputError("input", "需要“areas”（各领域得分）或“total”（总分）")
    areas: list[dict] = []
    if "areas" in data:
        given = data["areas"]
        if not isinstance(given, dict):
            raise ScoringInputError("areas", "必须是对象（评分领域 → 得分）")
        strange = sorted(k for k in given if scheme.area(k) is None)
        if strange:
            known = "、".join(a.id for a in scheme.areas)
            raise ScoringInputError(f"areas.{strange[0]}", f"未知的评分领域（可用：{known}）")
        total = Fraction(0)
        for area in scheme.areas:
            points: Fraction | None = None
            if area.id in given:
                too_high = f"超过该领域满分{number(area.max)}分"
                points = _points(f"areas.{area.id}", given[area.id], area.max, too_high, exact=True)
                total += points
            areas.append(
                {
                    "id": area.id,
                    "title": area.title,
                    "points": None if points is None else _shown(points),
                    "exact": None if points is None else exact_text(points),
                    "max": number(area.max),
                    "cites": list(area.cites),
                }
            )
    else:
        total = _points("total", data["total"], SCALE, f"超过满分{number(SCALE)}分")
    names = [g.name for g in scheme.grades]
    previous = data.get("previous_grade")
    if previous is not None and previous not in names:
        raise ScoringInputError("previous_grade", "必须是以下之一：" + "、".join(names))
    illegal = _count(data, "illegal_findings_same_kind")
    complaints = _count(data, "verified_complaints")
    grade = next(g for g in scheme.grades if total * 100 >= g.min)
    consequences = [
        {"id": c.id, "text": c.text, "cites": list(c.cites)}
        for c in scheme.consequences
        if (not c.grades or grade.name in c.grades)
        and (not c.previous_grades or previous in c.previous_grades)
        and illegal >= c.illegal_at_least
        and complaints >= c.complaints_at_least
    ]
    return {
        "input": "areas" if "areas" in data else "total",
        "total": _shown(total),
        "exact": exact_text(total),
        "maximum": number(SCALE),
        "grade": grade.name,
        "grade_cites": list(grade.cites),
        "areas": areas,
        "previous_grade": previous,
        "illegal_findings_same_kind": illegal,
        "verified_complaints": complaints,
        "consequences": consequences,
    }


# --- data and pages ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Feed:
    """A checklist item whose answers estimate an area's points (fill from checklist)."""

    checklist: str
    checklist_title: str
    checklist_url: str
    item: str
    text: str
    area: str


@runtime_checkable
class FeedsAreas(Protocol):
    """A part model whose items feed the scheme's areas (the checklists implement it).

    The scheme names no other part: it shows whatever loaded model offers these feeds.
    """

    def area_feeds(self) -> tuple[Feed, ...]: ...

    def feeds_index(self) -> str:
        """Site URL of the page that lists what feeds the areas (the checklists' index)."""
        ...


def scheme_of(project: Project) -> Scheme | None:
    """This part's model in a loaded project."""
    value = project.part("scoring")
    assert value is None or isinstance(value, Scheme)
    return value


def feeds(project: Project) -> tuple[Feed, ...]:
    """Every loaded part's feeds into the areas, in part order; empty when none offers any."""
    return tuple(f for m in project.parts.values() if isinstance(m, FeedsAreas) for f in m.area_feeds())


def feeds_index(project: Project) -> str:
    """The page listing what feeds the areas (the first loaded part offering feeds), or ''."""
    return next((m.feeds_index() for m in project.parts.values() if isinstance(m, FeedsAreas)), "")


def _cited(scheme: Scheme) -> list[str]:
    refs = [r for a in scheme.areas for r in a.cites]
    refs += [r for g in scheme.grades for r in g.cites]
    refs += [r for c in scheme.consequences for r in c.cites]
    return list(dict.fromkeys(refs))


def scheme_data(project: Project) -> dict:
    """The scheme as the JavaScript rules and other systems read it (site/data/scoring.json).

    Maxima and minima are plain numbers (15, 12.5); `citations` gives every cited provision's formal
    citation and site-root URL; `checklists` maps checklist items to areas.
    """
    scheme = scheme_of(project)
    assert scheme is not None
    reg = project.regulation
    lists: dict[str, dict] = {}
    for f in feeds(project):
        entry = lists.setdefault(
            f.checklist, {"id": f.checklist, "title": f.checklist_title, "url": f.checklist_url, "items": []}
        )
        entry["items"].append({"id": f.item, "area": f.area})
    return {
        "format": DATA_FORMAT,
        "title": scheme.title,
        "example": scheme.example,
        "approval": scheme.approval,
        "maximum": number(SCALE),
        "not_applicable": {"area": scheme.na_rule, "text": NA_TEXT[scheme.na_rule]},
        "areas": [
            {
                "id": a.id,
                "title": a.title,
                "max": number(a.max),
                "covers": a.covers,
                "cites": list(a.cites),
                "items": [{"title": s.title, "max": number(s.max)} for s in a.items],
            }
            for a in scheme.areas
        ],
        "grades": [{"name": g.name, "min": number(g.min), "cites": list(g.cites)} for g in scheme.grades],
        "consequences": [
            {
                "id": c.id,
                "when": {
                    k: v
                    for k, v in (
                        ("grade", list(c.grades)),
                        ("previous_grade", list(c.previous_grades)),
                        ("illegal_findings_same_kind_at_least", c.illegal_at_least),
                        ("verified_complaints_at_least", c.complaints_at_least),
                    )
                    if v
                },
                "text": c.text,
                "cites": list(c.cites),
                "quote": list(c.quote),
            }
            for c in scheme.consequences
        ],
        "citations": {
            ref: {
                "citation": formal_citation(reg, project.index[ref]),
                "url": provision_url(project.index[ref]),
            }
            for ref in _cited(scheme)
        },
        "checklists": list(lists.values()),
    }


def exports(project: Project) -> dict[str, str]:
    """site/data/scoring.json, stable key order."""
    return {SCORING_JSON: json.dumps(scheme_data(project), ensure_ascii=False, indent=1) + "\n"}


@dataclass(frozen=True)
class CitationLink:
    href: str
    label: str
    title: str


def _render(project: Project, uri: str, template: str, **extra: object) -> str:
    scheme = scheme_of(project)
    assert scheme is not None
    ctx = page_context(project, uri)

    def links(refs: tuple[str, ...]) -> list[CitationLink]:
        return [
            CitationLink(
                ctx["href"](r),
                project.index[r].site_citation,
                formal_citation(project.regulation, project.index[r]),
            )
            for r in refs
        ]

    by_area: dict[str, list[Feed]] = {a.id: [] for a in scheme.areas}
    for f in feeds(project):
        by_area.setdefault(f.area, []).append(f)
    # 第三十一条 puts exactly 70 in two grades; the page explains the scheme's choice when the
    # scheme has a grade starting there and an editorial note on it.
    tie = next((g for g in scheme.grades if g.min == 7000), None) if scheme.tie_note else None
    article_id, _, note = scheme.tie_note.partition("__note_")
    return (
        environment()
        .get_template(template)
        .render(
            ctx,
            scheme=scheme,
            number=number,
            links=links,
            feeds=by_area,
            has_checklists=bool(feeds(project)),
            checklist_href=lambda url: relative(uri, url),
            href_calculator=relative(uri, CALCULATOR),
            href_scheme=relative(uri, SCHEME),
            href_data=relative(uri, SCORING_JSON),
            href_compare=relative(uri, COMPARE),
            href_checklists=relative(uri, index) if (index := feeds_index(project)) else "",
            href_root=site_root(uri),
            tie=tie,
            href_tie_note=relative(uri, note_url(project.index[article_id].article, int(note)))
            if tie
            else "",
            lowest=scheme.grades[-1].name,
            grade_of=lambda hundredths: next(g.name for g in scheme.grades if hundredths >= g.min),
            **extra,
        )
    )


def pages(project: Project) -> dict[str, str]:
    """The calculator, the comparison of several agencies and the scheme page."""
    return {
        md_uri(CALCULATOR): _render(
            project, md_uri(CALCULATOR), "calculator.md.j2", data=script_json(scheme_data(project))
        ),
        md_uri(SCHEME): _render(project, md_uri(SCHEME), "scheme.md.j2"),
        md_uri(COMPARE): _render(
            project, md_uri(COMPARE), "compare.md.j2", data=script_json(scheme_data(project))
        ),
    }


def nav(project: Project) -> list:
    """Nav entries this part adds after the chapters."""
    return [{"考核评分": [md_uri(CALCULATOR), md_uri(COMPARE), md_uri(SCHEME)]}]


def load_scheme(root: Path) -> Scheme:
    """The validated scoring scheme of the project at `root`, read without the other parts:
    scoring one input must not depend on the state of the question bank or the checklists.
    Raises ContentError listing every problem found."""
    from generator.build import load_project  # the core loads the parts; imported when called

    scheme = scheme_of(load_project(root, only=("scoring",)))
    if scheme is None:
        raise ContentError([Problem(SCHEME_FILE, 0, "-", "missing file: scoring needs the scheme")])
    return scheme


def search_records(project: Project) -> tuple[SearchRecord, ...]:
    """The calculator, under the part's nav label."""
    return (
        SearchRecord("scheme:calculator", "考核评分", "评议考核计分、等级与后果", CALCULATOR, "考核评分"),
    )


RULES_JS = "assets/javascripts/scoring-rules.js"
# The comparison's state (files, rows, keys, cells), apart from its mount (compare.js).
COMPARE_STATE_JS = "assets/javascripts/compare-state.js"
# calculator.js fills from saved checklist records, whose reading checklist.js registers: it is
# loaded before it when the checklists part is there (a site without checklists fills nothing).
CHECKLIST_JS = "assets/javascripts/checklist.js"
# The calculator's pure state (fields, years files and CSV), apart from its mount (calculator.js).
CALCULATOR_STATE_JS = "assets/javascripts/calculator-state.js"


def _score_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help='JSON such as {"areas": {"team": 8.5}} or {"total": 94.5}; - for stdin')


def _no_json_constants(value: str) -> object:
    raise ValueError(f"{value} is not a number JSON allows")


def run_score(args: argparse.Namespace, load: Loader) -> int:
    """`score FILE`: the file (or stdin) scored with checklists/scoring.yaml of --root; 1 on a bad input."""
    scheme = load_scheme(Path(args.root))
    name = "stdin" if args.file == "-" else args.file
    try:
        raw = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
        text = raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"{name}: cannot read: {exc}", file=sys.stderr)
        return 1
    try:
        data = json.loads(text, parse_constant=_no_json_constants)
    except ValueError as exc:
        print(f"{name}: input: 不是有效的 JSON（{exc}）", file=sys.stderr)
        return 1
    try:
        result = evaluate(scheme, data)
    except ScoringInputError as exc:
        print(f"{name}: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


# `python -m generator score FILE`, the part's command (cli.py wires it); its output (evaluate's
# JSON) and messages (one `NAME: message` line on stderr) are relied on by other tools.
SCORE = Command(
    name="score",
    help="annual evaluation: total, grade and consequences of a JSON input",
    description="Evaluate one year's evaluation input with the scheme in checklists/scoring.yaml and print "
    "the result as JSON; invalid input names the field on stderr and exits 1.",
    arguments=_score_arguments,
    run="generator.parts.scoring:run_score",
    after="serve",
)


PART = Part(
    folder=Path(__file__).parent,
    name="scoring",
    load=load,
    pages=pages,
    nav=nav,
    exports=exports,
    search_records=search_records,
    commands=(SCORE,),
    assets=(
        Asset("assets/stylesheets/calculator.css", pages=("calculator", "compare"), needs=(TABLES_CSS,)),
        Asset(RULES_JS, pages=("calculator", "compare"), needs=(KB_JS,)),
        Asset(CALCULATOR_STATE_JS, needs=(KB_JS,)),
        Asset(
            "assets/javascripts/calculator.js",
            pages=("calculator",),
            needs=(KB_JS, RULES_JS, CALCULATOR_STATE_JS),
            uses=(CHECKLIST_JS,),
        ),
        Asset(COMPARE_STATE_JS, pages=("compare",), needs=(KB_JS,)),
        Asset("assets/javascripts/compare.js", pages=("compare",), needs=(KB_JS, RULES_JS, COMPARE_STATE_JS)),
    ),
)
