"""The annual evaluation (第二十八条至第三十二条): scoring scheme, reference rules, calculator pages.

The scheme lives in checklists/scoring.yaml: the eight areas of 第二十九条 with maxima, the grades of
第三十一条 and the consequences of 第三十二条, 第三十五条（五） and 第三十七条. The rules here are the
reference; site_overrides/assets/javascripts/scoring-rules.js implements the same rules in the page,
and both are driven by the same scheme data (`scheme_data`) and checked against the same test vectors
(tests/vectors/scoring.yaml).

Numbers: every score is handled as an integer number of hundredths. Inputs may carry at most two
decimals (more is refused, so nothing is ever rounded silently); sums and comparisons are exact
integer arithmetic, so 94.99 stays 良好 and 12.5 + 12.25 + ... never drifts to 94.99999. Results
give numbers back as integers when whole (95) and as hundredths / 100 otherwise (94.99): both
runtimes divide the same integers by 100, so they print the same shortest decimal.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from generator.errors import Problem
from generator.links import formal_citation, provision_url
from generator.load import Document, read_yaml
from generator.project import Project
from generator.validate import check_schema

SCHEME_FILE = "checklists/scoring.yaml"
# The eight contents of 第二十九条, in order; the area with each id must cite its item.
AREA_ITEMS = {
    "organization": "art_29__para_1__point_1",
    "system": "art_29__para_1__point_2",
    "team": "art_29__para_1__point_3",
    "review_filing": "art_29__para_1__point_4",
    "orders": "art_29__para_1__point_5",
    "procedure": "art_29__para_1__point_6",
    "accountability": "art_29__para_1__point_7",
    "other": "art_29__para_1__point_8",
}
SCALE = 10000  # 百分制 (第三十一条), in hundredths
INPUT_FIELDS = ("areas", "total", "previous_grade", "illegal_findings_same_kind", "verified_complaints")
DATA_FORMAT = 1


@dataclass(frozen=True)
class SubItem:
    """A sub-item of an area: what it covers and its share of the area's points (hundredths)."""

    title: str
    max: int


@dataclass(frozen=True)
class Area:
    """One content of 第二十九条.

    id: fixed area id (see AREA_ITEMS); checklist items name it in `area:`.
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
    """

    id: str
    text: str
    cites: tuple[str, ...]
    grades: tuple[str, ...] = ()
    previous_grades: tuple[str, ...] = ()
    illegal_at_least: int = 0
    complaints_at_least: int = 0


@dataclass(frozen=True)
class Scheme:
    """The scoring scheme: areas of 第二十九条 with maxima, grades, consequences.

    example: True while the weights are the shipped example, to be replaced by the scheme the
    people's government approves (第二十八条第三款). approval: who approved it, shown on the pages.
    """

    title: str
    example: bool
    approval: str
    areas: tuple[Area, ...]
    grades: tuple[Grade, ...]
    consequences: tuple[Consequence, ...]
    source: str = SCHEME_FILE

    def area(self, area_id: str) -> Area | None:
        return next((a for a in self.areas if a.id == area_id), None)


class ScoringInputError(ValueError):
    """Invalid evaluation input; `field` names the offending field (areas.team, total, ...)."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


# --- numbers -------------------------------------------------------------------------------------


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _two_decimals(value: float) -> bool:
    return abs(value * 100 - round(value * 100)) < 1e-6


def number(hundredths: int) -> int | float:
    """A score for output: 9500 -> 95, 9499 -> 94.99 (the same shortest decimal in JavaScript)."""
    return hundredths // 100 if hundredths % 100 == 0 else hundredths / 100


# --- loading -------------------------------------------------------------------------------------


def _scheme_problems(doc: Document, index: dict) -> list[Problem]:
    """Checks beyond the schema: area set, sums, decimals, grade order, names and citations."""
    data = doc.data
    problems: list[Problem] = []

    def cites_problems(path: tuple, cites: list) -> None:
        for i, ref in enumerate(cites):
            if ref not in index:
                problems.append(doc.problem((*path, "cites", i), f"unknown provision {ref}"))

    def decimals(path: tuple, value: float) -> None:
        if not _two_decimals(value):
            problems.append(doc.problem(path, f"{value} has more than two decimals"))

    seen: set[str] = set()
    total = 0
    for i, area in enumerate(data["areas"]):
        if area["id"] in seen:
            problems.append(doc.problem(("areas", i, "id"), f"duplicate area id {area['id']}"))
        seen.add(area["id"])
        decimals(("areas", i, "max"), area["max"])
        total += round(area["max"] * 100)
        cites_problems(("areas", i), area["cites"])
        if AREA_ITEMS[area["id"]] not in area["cites"]:
            problems.append(doc.problem(("areas", i, "cites"), f"must include {AREA_ITEMS[area['id']]}"))
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
    for missing in (a for a in AREA_ITEMS if a not in seen):
        problems.append(doc.problem(("areas",), f"missing area {missing} ({AREA_ITEMS[missing]})"))
    if total != SCALE:
        problems.append(doc.problem(("areas",), f"area maxima sum to {number(total)}, expected 100"))

    names: list[str] = []
    previous = None
    for i, grade in enumerate(data["grades"]):
        if grade["name"] in names:
            problems.append(doc.problem(("grades", i, "name"), f"duplicate grade {grade['name']}"))
        names.append(grade["name"])
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

    ids: set[str] = set()
    for i, item in enumerate(data["consequences"]):
        if item["id"] in ids:
            problems.append(doc.problem(("consequences", i, "id"), f"duplicate consequence id {item['id']}"))
        ids.add(item["id"])
        for key in ("grade", "previous_grade"):
            for k, name in enumerate(item["when"].get(key, [])):
                if name not in names:
                    problems.append(doc.problem(("consequences", i, "when", key, k), f"unknown grade {name}"))
        cites_problems(("consequences", i), item["cites"])
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
                grades=tuple(c["when"].get("grade", [])),
                previous_grades=tuple(c["when"].get("previous_grade", [])),
                illegal_at_least=c["when"].get("illegal_findings_same_kind_at_least", 0),
                complaints_at_least=c["when"].get("verified_complaints_at_least", 0),
            )
            for c in data["consequences"]
        ),
        source=doc.path,
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
    problems = _scheme_problems(doc, project.index)
    if problems:
        return None, problems
    return _scheme(doc), []


# --- the rules -----------------------------------------------------------------------------------


def _points(field: str, value: object, maximum: int, too_high: str) -> int:
    if not _is_number(value):
        raise ScoringInputError(field, "必须是数字")
    if value < 0:
        raise ScoringInputError(field, "不能为负数")
    if value > maximum / 100:
        raise ScoringInputError(field, too_high)
    if not _two_decimals(value):
        raise ScoringInputError(field, "最多保留两位小数")
    return round(value * 100)


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
        total = 0
        for area in scheme.areas:
            points = None
            if area.id in given:
                too_high = f"超过该领域满分{number(area.max)}分"
                points = _points(f"areas.{area.id}", given[area.id], area.max, too_high)
                total += points
            areas.append(
                {
                    "id": area.id,
                    "title": area.title,
                    "points": None if points is None else number(points),
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
    grade = next(g for g in scheme.grades if total >= g.min)
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
        "total": number(total),
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
    """A checklist item that feeds an area (read from project.checklists, which loads after us)."""

    checklist: str
    checklist_title: str
    checklist_url: str
    item: str
    text: str
    area: str


def feeds(project: Project) -> tuple[Feed, ...]:
    """Checklist items naming an area, in checklist order; empty until the checklists exist.

    Read by attribute so this part does not depend on the checklist model's other details.
    """
    value = project.checklists
    lists = getattr(value, "checklists", value if isinstance(value, tuple | list) else ())
    out = []
    for cl in lists or ():
        for item in getattr(cl, "items", ()):
            area = getattr(item, "area", None)
            if area:
                url = getattr(cl, "url", None) or checklist_url(cl.id)
                title = getattr(cl, "title", cl.id)
                out.append(Feed(cl.id, title, url, item.id, getattr(item, "text", ""), area))
    return tuple(out)


def checklist_url(checklist_id: str) -> str:
    """Site-root URL of a checklist page, for a checklist model without a `url` of its own."""
    return f"checklists/{checklist_id}.html"


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
    scheme = project.scheme
    assert scheme is not None
    reg = project.regulation
    found = feeds(project)
    lists: dict[str, dict] = {}
    for f in found:
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


def scheme_json(project: Project) -> str:
    """site/data/scoring.json, stable key order."""
    return json.dumps(scheme_data(project), ensure_ascii=False, indent=1) + "\n"


@dataclass(frozen=True)
class CitationLink:
    href: str
    label: str
    title: str


def _render(project: Project, uri: str, template: str, **extra: object) -> str:
    from generator.render import environment, page_context, relative

    scheme = project.scheme
    assert scheme is not None
    ctx = page_context(project, uri)

    def links(refs: tuple[str, ...]) -> list[CitationLink]:
        return [
            CitationLink(
                ctx["href"](r),
                project.index[r].citation,
                formal_citation(project.regulation, project.index[r]),
            )
            for r in refs
        ]

    by_area: dict[str, list[Feed]] = {a.id: [] for a in scheme.areas}
    for f in feeds(project):
        by_area.setdefault(f.area, []).append(f)
    return (
        environment()
        .get_template(template)
        .render(
            ctx,
            scheme=scheme,
            number=number,
            links=links,
            feeds=by_area,
            has_checklists=project.checklists is not None,
            checklist_href=lambda url: relative(uri, url),
            href_calculator=relative(uri, "scoring/calculator.html"),
            href_scheme=relative(uri, "scoring/scheme.html"),
            href_data=relative(uri, "data/scoring.json"),
            href_root=relative(uri, "index.html").removesuffix("index.html"),
            href_note31=relative(uri, "articles/art-31.html#art_31__note_1"),
            **extra,
        )
    )


def pages(project: Project) -> dict[str, str]:
    """The calculator, the scheme page and site/data/scoring.json (none without a scheme)."""
    if project.scheme is None:
        return {}
    from generator.render import script_json

    return {
        "scoring/calculator.md": _render(
            project, "scoring/calculator.md", "calculator.md.j2", data=script_json(scheme_data(project))
        ),
        "scoring/scheme.md": _render(project, "scoring/scheme.md", "scheme.md.j2"),
        "data/scoring.json": scheme_json(project),
    }


def nav(project: Project) -> list:
    """Nav entries this part adds after the chapters."""
    if project.scheme is None:
        return []
    return [{"考核评分": ["scoring/calculator.md", "scoring/scheme.md"]}]


def core_project(root: Path) -> Project:
    """The regulation and the scheme of the project at `root`, without the other parts.

    Scoring one input must not depend on the state of the question bank or the checklists, so the
    CLI reads only what the rules need. Raises ContentError listing every problem found.
    """
    import sys

    from generator.build import load_project

    return load_project(root, parts=(("scheme", sys.modules[__name__]),))


def load_scheme(root: Path) -> Scheme:
    """The validated scheme of the project at `root`, for the CLI; raises ContentError."""
    from generator.errors import ContentError

    scheme = core_project(root).scheme
    if scheme is None:
        raise ContentError([Problem(SCHEME_FILE, 0, "-", "missing file: scoring needs the scheme")])
    return scheme
