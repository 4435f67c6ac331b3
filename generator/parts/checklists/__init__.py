"""Role-specific self-assessment checklists (issue 4): load, check, cover, render.

One YAML file per checklist under checklists/ (file name = id). Every item cites provisions by id and
names the scheme's evaluation area it feeds. The build fails, with located messages, when a citation
names no provision, an area or role is unknown, or an article of the covered range (settings, e.g.
第四条 to 第四十一条) is cited by no item.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from generator import settings
from generator.assets import KB_JS, TABLES_CSS, Asset
from generator.errors import Problem
from generator.links import HOME, article_url, formal_citation, md_uri, provision_url, relative
from generator.load import Document, YamlPath, read_folder
from generator.model import Article, Chapter
from generator.part import Part
from generator.parts.checklists.urls import CHECKLISTS_INDEX, CHECKLISTS_JSON, COVERAGE, checklist_url
from generator.parts.reading import reading_of
from generator.parts.scoring import Feed, scheme_of
from generator.project import Project, SearchRecord
from generator.render import environment, page_context, script_json
from generator.validate import (
    check_schema,
    duplicate_ids,
    located,
    quote_problems,
    quotes_of,
    restating_problems,
    unknown_provisions,
)

FOLDER = "checklists"
# Files in checklists/ that are not checklists (the scoring scheme is another part's record).
NOT_CHECKLISTS = frozenset({"scoring"})


@dataclass(frozen=True)
class ChecklistSettings:
    """`settings.checklists` in content/regulation.yaml.

    covered_first, covered_last: every article in this range must be cited by at least one item
        (0 and 0: no coverage rule). 第一条 to 第三条 state purpose and scope and 第四十二条 and
        第四十三条 are 附则, so the Jilin regulation covers 4 to 41.
    liability_chapter: title of the chapter(s) on liability, as the regulation writes it (without
        第N章); items may attach consequences only from their articles ('': from any article). A
        title, not a number, so a renumbered or repeated text keeps the rule.
    """

    covered_first: int = 0
    covered_last: int = 0
    liability_chapter: str = ""


_ID = re.compile(r"^[a-z][a-z0-9_]*$")
# Page names the part uses itself: a checklist may not take them.
RESERVED = frozenset({"index", "coverage"})
_ARTICLE = re.compile(r"^art_(\d+)")


def _short_hash(text: str, length: int) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


@dataclass(frozen=True)
class ChecklistItem:
    """One yes/no question.

    id: stable id, unique within the checklist; saved answers are keyed by it.
    number: 1-based position on the page.
    text: the question, with 是否, in plain Chinese.
    cites: provision ids the question rests on.
    evidence: what to look at to answer it.
    area: id of the scheme's evaluation area the item feeds.
    consequences: provision ids of the liability chapter that apply when the item is not met.
    quote: verbatim fragments of the cited provisions the question asks about (build-checked).
    """

    id: str
    number: int
    text: str
    cites: tuple[str, ...]
    evidence: str
    area: str
    consequences: tuple[str, ...] = ()
    quote: tuple[str, ...] = ()

    @property
    def fingerprint(self) -> str:
        """Short hash of the question text: tells the widget whether a saved answer still fits."""
        return _short_hash(self.text, 8)

    @property
    def articles(self) -> tuple[int, ...]:
        """Numbers of the site's own articles the item cites, in order, without repeats (a further
        regulation's provisions, slug:id, count for no article of the coverage matrix)."""
        numbers = [int(m.group(1)) for c in self.cites if (m := _ARTICLE.match(c))]
        return tuple(dict.fromkeys(numbers))


@dataclass(frozen=True)
class Checklist:
    """A checklist for one role.

    id: file stem, e.g. agency; also the page name checklists/<id>.html and the storage key.
    title, short: page title and the short name used in table headings.
    role: role id of who answers; also: further role ids it is meant for.
    description: editorial introduction.
    items: the questions in order.
    source: the YAML file (for messages).
    """

    id: str
    title: str
    short: str
    role: str
    also: tuple[str, ...]
    description: str
    items: tuple[ChecklistItem, ...]
    source: str = ""
    # What the description restates: provisions and their verbatim words (navigation: none).
    cites: tuple[str, ...] = ()
    quote: tuple[str, ...] = ()

    @property
    def version(self) -> str:
        """Computed from the item ids and texts: changes exactly when a saved answer may no longer fit."""
        return _short_hash("\n".join(f"{i.id}\t{i.text}" for i in self.items), 10)

    @property
    def url(self) -> str:
        return checklist_url(self.id)


@dataclass(frozen=True)
class Coverage:
    """Which items cite which article: the article x checklist matrix.

    articles: the article numbers that must be covered (settings covered_first to covered_last).
    cells: (article number, checklist id) -> ids of the items of that checklist citing the article.
    """

    articles: tuple[int, ...]
    cells: dict[tuple[int, str], tuple[str, ...]]

    def items(self, article: int, checklist: str) -> tuple[str, ...]:
        return self.cells.get((article, checklist), ())

    def total(self, article: int) -> int:
        return sum(len(v) for (a, _), v in self.cells.items() if a == article)


@dataclass(frozen=True)
class Checklists:
    """All checklists, ordered by role (as the roles are listed) and id, with their coverage."""

    checklists: tuple[Checklist, ...]
    coverage: Coverage

    def get(self, checklist_id: str) -> Checklist | None:
        return next((c for c in self.checklists if c.id == checklist_id), None)

    def area_feeds(self) -> tuple[Feed, ...]:
        """Every item with the area it feeds, in checklist order (scoring.FeedsAreas)."""
        return tuple(
            Feed(c.id, c.title, c.url, item.id, item.text, item.area)
            for c in self.checklists
            for item in c.items
        )

    def feeds_index(self) -> str:
        """The page listing the checklists (scoring.FeedsAreas): the comparison page links it."""
        return CHECKLISTS_INDEX


def checklists_of(project: Project) -> Checklists | None:
    """This part's model in a loaded project."""
    value = project.part("checklists")
    assert value is None or isinstance(value, Checklists)
    return value


def role_names(project: Project) -> dict[str, str]:
    """Role id -> name, as content/roles.yaml lists them (the reading part)."""
    reading = reading_of(project)
    return {r.id: r.name for r in reading.roles} if reading is not None else {}


def area_ids(project: Project) -> tuple[str, ...]:
    """The scheme's area ids, in scheme order."""
    scheme = scheme_of(project)
    return tuple(a.id for a in scheme.areas) if scheme is not None else ()


def consequence_chapters(project: Project, config: ChecklistSettings) -> tuple[Chapter, ...]:
    """The chapters whose articles state consequences (法律责任), named in the settings."""
    if not config.liability_chapter:
        return ()
    return tuple(c for c in project.regulation.chapters if c.plain_title == config.liability_chapter)


def _item_problems(
    doc: Document, project: Project, roles: dict, areas: tuple[str, ...], config: ChecklistSettings
) -> list[Problem]:
    """Checks beyond the schema: ids unique, citations resolve, area and consequences in range."""
    items = doc.data["items"]
    problems = duplicate_ids(
        doc, [(("items", n, "id"), item["id"]) for n, item in enumerate(items)], "item id"
    )
    chapters = consequence_chapters(project, config)
    liability = {n for c in chapters for n in range(c.first, c.last + 1)}
    arts = project.regulation.articles
    where = (
        f"{chapters[0].label} {chapters[0].plain_title} ({arts[chapters[0].first - 1].label}"
        f" to {arts[chapters[0].last - 1].label})"
        if chapters
        else ""
    )
    for n, item in enumerate(items):
        for k, ref in enumerate(item["cites"]):
            path = ("items", n, "cites", k)
            if ref not in project.index:
                problems += unknown_provisions(doc, [(path, ref)], project.index)
            elif ref in item["cites"][:k]:
                problems.append(doc.problem(path, f"{ref} is cited twice"))
            elif project.index[ref].paragraph is None and len(project.index[ref].article.paragraphs) > 1:
                # An item rests on a 款 (or 项), not on a whole article of several paragraphs.
                count = len(project.index[ref].article.paragraphs)
                problems.append(
                    doc.problem(
                        path,
                        f"{ref} has {count} paragraphs: cite one of {ref}__para_1 to {ref}__para_{count}",
                    )
                )
        problems += quote_problems(doc, ("items", n, "quote"), item["quote"], item["cites"], project.index)
        for k, ref in enumerate(item.get("consequences", [])):
            if ref not in project.index:
                problems += unknown_provisions(doc, [(("items", n, "consequences", k), ref)], project.index)
            elif chapters and project.index[ref].article.number not in liability:
                problems.append(doc.problem(("items", n, "consequences", k), f"{ref} is not in {where}"))
        if item["area"] not in areas:
            problems.append(
                doc.problem(
                    ("items", n, "area"), f"unknown area {item['area']} (expected one of: {', '.join(areas)})"
                )
            )
    cites = doc.data.get("cites", [])
    problems += unknown_provisions(doc, [(("cites", k), r) for k, r in enumerate(cites)], project.index)
    problems += restating_problems(doc, (), doc.data, "description", cites, project.index)
    roles_at: list[tuple[YamlPath, str]] = [(("role",), doc.data["role"])]
    roles_at += [(("also", k), r) for k, r in enumerate(doc.data.get("also", []))]
    for at, role in roles_at:
        if role not in roles:
            problems.append(doc.problem(at, f"unknown role {role}"))
    return problems


def _checklist(doc: Document) -> Checklist:
    data = doc.data
    items = tuple(
        ChecklistItem(
            id=item["id"],
            number=n,
            text=item["text"],
            cites=tuple(item["cites"]),
            evidence=item["evidence"],
            area=item["area"],
            consequences=tuple(item.get("consequences", [])),
            quote=quotes_of(item["quote"]),
        )
        for n, item in enumerate(data["items"], start=1)
    )
    return Checklist(
        id=Path(doc.path).stem,
        title=data["title"],
        short=data["short"],
        role=data["role"],
        also=tuple(data.get("also", [])),
        description=data["description"],
        items=items,
        cites=tuple(data.get("cites", [])),
        quote=quotes_of(data.get("quote")),
        source=doc.path,
    )


def coverage(checklists: tuple[Checklist, ...], covered: range) -> Coverage:
    """The article x checklist matrix over the covered articles (other articles are counted too)."""
    cells: dict[tuple[int, str], list[str]] = {}
    for checklist in checklists:
        for item in checklist.items:
            for number in item.articles:
                cells.setdefault((number, checklist.id), []).append(item.id)
    return Coverage(tuple(covered), {k: tuple(v) for k, v in sorted(cells.items())})


def load(project: Project) -> tuple[Checklists | None, list[Problem]]:
    """Read and check every checklists/*.yaml; then check that the covered articles all are."""
    config, problems = settings.read(project, "checklists", ChecklistSettings)
    folder = project.root / FOLDER
    read = [x for x in read_folder(folder, project.root) if Path(x.path).stem not in NOT_CHECKLISTS]
    docs = [d for d in (located(x, problems) for x in read) if d]
    roles, areas = role_names(project), area_ids(project)
    valid: list[Checklist] = []
    for doc in docs:
        stem = Path(doc.path).stem
        if not _ID.match(stem) or stem in RESERVED:
            problems.append(
                doc.problem(
                    (),
                    f"file name {stem!r} is not a valid checklist id"
                    " (lower-case letters, digits and _; not index or coverage)",
                )
            )
            continue
        found = check_schema(doc, "checklist")
        if not found:
            found = _item_problems(doc, project, roles, areas, config)
        problems += found
        if not found:
            valid.append(_checklist(doc))
    # A broken checklist may well cite the article that now looks uncovered: report it only when all
    # files are sound, so one typo does not bury its own message under a list of coverage gaps.
    if problems:
        return None, problems
    order = {role: i for i, role in enumerate(roles)}
    ordered = tuple(sorted(valid, key=lambda c: (order.get(c.role, len(order)), c.id)))
    cover = coverage(
        ordered, range(config.covered_first, config.covered_last + 1) if config.covered_first else range(0)
    )
    where = f"{FOLDER}/"
    for number in cover.articles:
        if number > len(project.regulation.articles):
            last = len(project.regulation.articles)
            problems.append(
                settings.problem(project, "checklists", "covered_last", f"must be at most {last}")
            )
            break
        if cover.total(number) == 0:
            article = project.regulation.articles[number - 1]
            problems.append(
                Problem(where, 0, "-", f"{article.label} (art_{number}) is cited by no checklist item")
            )
    if problems:
        return None, problems
    return Checklists(ordered, cover), []


# --- rendering -------------------------------------------------------------------------------------


def checklist_record(project: Project, checklist: Checklist) -> dict:
    """One checklist as site/data/checklists.json lists it (and as its page embeds it)."""
    return {
        "id": checklist.id,
        "title": checklist.title,
        "role": checklist.role,
        "version": checklist.version,
        "url": checklist.url,
        "items": [
            {
                "id": item.id,
                "number": item.number,
                "text": item.text,
                "cites": list(item.cites),
                "quote": list(item.quote),
                "area": item.area,
                "evidence": item.evidence,
                "consequences": list(item.consequences),
                "fingerprint": item.fingerprint,
            }
            for item in checklist.items
        ],
    }


def exports(project: Project) -> dict[str, str]:
    """site/data/checklists.json: every checklist for widgets and other intranet systems."""
    data = {"checklists": [checklist_record(project, c) for c in _lists(project)]}
    return {CHECKLISTS_JSON: json.dumps(data, ensure_ascii=False, indent=1) + "\n"}


def _lists(project: Project) -> tuple[Checklist, ...]:
    loaded = checklists_of(project)
    assert loaded is not None
    return loaded.checklists


@dataclass(frozen=True)
class Ref:
    """A provision as a page shows it: short citation, relative link, formal citation."""

    id: str
    citation: str
    href: str
    formal: str


def _ref(project: Project, uri: str, provision_id: str) -> Ref:
    provision = project.index[provision_id]
    return Ref(
        provision_id,
        provision.site_citation,
        relative(uri, provision_url(provision)),
        formal_citation(project.regulation, provision),
    )


def consequence_text(project: Project, provision_id: str) -> str:
    """Verbatim text to show with a consequence: a 项 of 第三十五条 only names the case, so the 款
    it belongs to (which states what follows) comes first, shortened to its lead-in."""
    provision = project.index[provision_id]
    if provision.point is not None and provision.paragraph is not None:  # a 项 is in a 款
        return f"{provision.paragraph.text}……{provision.point.text}"
    return provision.text


def _area_label(project: Project, area_id: str) -> str:
    """What an area stands for: the 项 it rests on when it cites exactly one (verbatim, without its
    label), else the scheme's title for it."""
    scheme = scheme_of(project)
    area = scheme.area(area_id) if scheme is not None else None
    if area is None:
        return area_id
    if len(area.cites) == 1 and project.index[area.cites[0]].point is not None:
        text = project.index[area.cites[0]].text
        return text[text.index("）") + 1 :].rstrip("；。")
    return area.title


def _area_refs(project: Project, uri: str) -> dict[str, Ref]:
    """The provision each area rests on first, as a link from the page at `uri`."""
    scheme = scheme_of(project)
    return {a.id: _ref(project, uri, a.cites[0]) for a in (scheme.areas if scheme else ()) if a.cites}


def _roles_label(project: Project, checklist: Checklist) -> str:
    names = role_names(project)
    return "、".join(names.get(r, r) for r in (checklist.role, *checklist.also))


def render_checklist(project: Project, checklist: Checklist) -> str:
    """The page of one checklist: every item readable and printable without JavaScript."""
    uri = md_uri(checklist.url)
    refs = {pid: _ref(project, uri, pid) for i in checklist.items for pid in (*i.cites, *i.consequences)}
    areas = _area_refs(project, uri)
    data = checklist_record(project, checklist)
    # The widget also needs the links as seen from this page (file:// cannot fetch the JSON file).
    data["refs"] = {pid: {"citation": r.citation, "href": r.href} for pid, r in sorted(refs.items())}
    for pid in {c for i in checklist.items for c in i.consequences}:
        data["refs"][pid]["text"] = consequence_text(project, pid)
    data["areas"] = {a: _area_label(project, a) for a in area_ids(project)}
    data["short"] = checklist.short
    return (
        environment()
        .get_template("checklist.md.j2")
        .render(
            # The shared page context first (the 上位法提示 macro needs higher_law, href, cite).
            page_context(project, uri),
            checklist=checklist,
            regulation=project.regulation,
            roles_label=_roles_label(project, checklist),
            refs=refs,
            area_refs=areas,
            area_label={a: _area_label(project, a) for a in area_ids(project)},
            href_home=relative(uri, HOME),
            href_index=relative(uri, CHECKLISTS_INDEX),
            href_coverage=relative(uri, COVERAGE),
            data=script_json(data),
        )
    )


@dataclass(frozen=True)
class RoleGroup:
    role: str
    name: str
    checklists: tuple[Checklist, ...]


def render_index(project: Project) -> str:
    """自查清单: the checklists grouped by role, how to work with them, and the coverage page."""
    uri = md_uri(CHECKLISTS_INDEX)
    names = role_names(project)
    lists = _lists(project)
    groups: list[RoleGroup] = []
    for checklist in lists:
        if groups and groups[-1].role == checklist.role:
            groups[-1] = RoleGroup(checklist.role, groups[-1].name, (*groups[-1].checklists, checklist))
        else:
            groups.append(RoleGroup(checklist.role, names.get(checklist.role, checklist.role), (checklist,)))
    return (
        environment()
        .get_template("checklist-index.md.j2")
        .render(
            regulation=project.regulation,
            groups=groups,
            roles_label={c.id: _roles_label(project, c) for c in lists},
            href={c.id: relative(uri, c.url) for c in lists},
            href_home=relative(uri, HOME),
            href_coverage=relative(uri, COVERAGE),
            art={n: _ref(project, uri, f"art_{n}") for n in (28, 29, 30)},
        )
    )


@dataclass(frozen=True)
class CoverageRow:
    article: Article
    href: str
    cells: tuple[tuple[tuple[str, str, int], ...], ...]
    total: int


def render_coverage(project: Project) -> str:
    """The article x checklist coverage matrix as a page; each cell links to the items citing it."""
    uri = md_uri(COVERAGE)
    loaded = checklists_of(project)
    assert loaded is not None
    lists, cover = loaded.checklists, loaded.coverage
    numbers = {c.id: {i.id: i.number for i in c.items} for c in lists}
    rows = []
    for number in cover.articles:
        article = project.regulation.articles[number - 1]
        cells = tuple(
            tuple(
                (relative(uri, f"{c.url}#item-{item}"), item, numbers[c.id][item])
                for item in cover.items(number, c.id)
            )
            for c in lists
        )
        rows.append(CoverageRow(article, relative(uri, article_url(article)), cells, cover.total(number)))
    return (
        environment()
        .get_template("coverage.md.j2")
        .render(
            regulation=project.regulation,
            checklists=lists,
            href={c.id: relative(uri, c.url) for c in lists},
            rows=rows,
            first=project.regulation.articles[cover.articles[0] - 1].label if cover.articles else "",
            last=project.regulation.articles[cover.articles[-1] - 1].label if cover.articles else "",
            href_home=relative(uri, HOME),
            href_index=relative(uri, CHECKLISTS_INDEX),
            item_count=sum(len(c.items) for c in lists),
        )
    )


def pages(project: Project) -> dict[str, str]:
    """Pages of this part by source URI: the index, one page per checklist, the coverage matrix."""
    out = {md_uri(CHECKLISTS_INDEX): render_index(project), md_uri(COVERAGE): render_coverage(project)}
    for checklist in _lists(project):
        out[md_uri(checklist.url)] = render_checklist(project, checklist)
    return out


def nav(project: Project) -> list:
    """自查清单 section: the index page, one page per checklist, then the coverage matrix."""
    entries = [md_uri(CHECKLISTS_INDEX), *(md_uri(c.url) for c in _lists(project)), md_uri(COVERAGE)]
    return [{"自查清单": entries}]


def search_records(project: Project) -> tuple[SearchRecord, ...]:
    """Each checklist by title and description."""
    return tuple(
        SearchRecord(f"checklist:{c.id}", c.title, c.description, checklist_url(c.id), "自查清单")
        for c in _lists(project)
    )


CHECKLIST_JS = "assets/javascripts/checklist.js"
# The checklist's pure state (records, counts, files), apart from its mount (checklist.js).
CHECKLIST_STATE_JS = "assets/javascripts/checklist-state.js"

PART = Part(
    folder=Path(__file__).parent,
    name="checklists",
    load=load,
    pages=pages,
    nav=nav,
    exports=exports,
    requires=("reading", "scoring"),
    search_records=search_records,
    assets=(
        Asset("assets/stylesheets/checklist.css", pages=("checklist",), needs=(TABLES_CSS,)),
        Asset(CHECKLIST_STATE_JS, needs=(KB_JS,)),
        Asset(CHECKLIST_JS, pages=("checklist",), needs=(KB_JS, CHECKLIST_STATE_JS)),
    ),
)
