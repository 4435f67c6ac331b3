"""Stage 2c: the further regulations of the site (content/laws/<slug>/), checked and built.

Each folder has the shape of the site's own regulation: `regulation.yaml` (title, history,
divisions, preamble, appendices, import notes) and `articles/art-NN.yaml` (art-NN-1.yaml for
第N条之一), written by `python -m generator import SOURCE --law SLUG --out content/laws/SLUG`.
Divisions may be any of 编, 分编, 章, 节 (or none); items may hold 目. The text fields are verbatim;
captions, related provisions and notes are editorial, as in the site's own regulation.

Pure apart from `read_laws`, which reads the folders.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from generator.cache import Store
from generator.errors import Problem
from generator.links import (
    article_eid,
    division_eid,
    law_base,
    paragraph_eid,
    point_eid,
    subpoint_eid,
)
from generator.load import Document, read_folder, read_yaml
from generator.model import (
    Appendix,
    Article,
    Chapter,
    HistoryEvent,
    ImportNote,
    Paragraph,
    Point,
    Regulation,
    Subpoint,
    article_slug,
)
from generator.validate import check_schema, editorial_fields, item_label_problem, located

LAWS_DIR = "content/laws"
# The order of categories (效力级别) on the laws list and in the nav; any other level follows.
CATEGORY_ORDER = ("法律", "行政法规", "司法解释", "部门规章", "地方性法规", "地方政府规章")
OTHER_CATEGORY = "其他"
SLUG = re.compile(r"^[a-z][a-z0-9-]*$")


@dataclass(frozen=True)
class LawSource:
    """One folder of content/laws/: its slug, its regulation record and its article records."""

    slug: str
    regulation: Document
    articles: tuple[Document, ...]


def read_laws(root: Path, problems: list[Problem], store: Store | None = None) -> list[LawSource]:
    """Every folder under content/laws/ in name order; unreadable files become problems. `store`
    keeps the parsed articles of each folder between builds (load.read_folder)."""
    folder = root / LAWS_DIR
    out: list[LawSource] = []
    if not folder.is_dir():
        return out
    for law_dir in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        rel = f"{LAWS_DIR}/{law_dir.name}"
        if not SLUG.match(law_dir.name):
            problems.append(Problem(rel, 0, "-", "folder name must be lower-case letters, digits and -"))
            continue
        reg = located(read_yaml(law_dir / "regulation.yaml", root), problems)
        arts = [
            d for d in (located(x, problems) for x in read_folder(law_dir / "articles", root, store)) if d
        ]
        if reg is not None:
            out.append(LawSource(law_dir.name, reg, tuple(arts)))
    return out


def _points(
    number_id: str, data: list, doc: Document, path: tuple, problems: list[Problem], first: int = 1
) -> tuple:
    points = []
    for k, item in enumerate(data, start=first):
        text, subs = (item, []) if isinstance(item, str) else (item["text"], item.get("subpoints", []))
        pid = point_eid(number_id, k)
        if message := item_label_problem(text, k):
            problems.append(doc.problem((*path, k - first), message))
        subpoints = tuple(Subpoint(subpoint_eid(pid, j), j, s) for j, s in enumerate(subs, start=1))
        points.append(Point(pid, k, text, subpoints))
    return tuple(points)


def _article(doc: Document, base: str, problems: list[Problem]) -> Article:
    data = doc.data
    number, suffix = data["number"], data.get("suffix", 0)
    aid = article_eid(number, suffix)
    paragraphs = []
    for m, para in enumerate(data["paragraphs"], start=1):
        pid = paragraph_eid(aid, m)
        points = _points(
            pid,
            para.get("points", []),
            doc,
            ("paragraphs", m - 1, "points"),
            problems,
            para.get("points_from", 1),
        )
        paragraphs.append(Paragraph(pid, m, para["text"], points))
    related, notes = editorial_fields(data)
    return Article(
        number=number,
        chapter=0,
        caption=data.get("caption", ""),
        paragraphs=tuple(paragraphs),
        related=related,
        notes=notes,
        source=doc.path,
        suffix=suffix,
        division=data.get("division", ""),
        base=base,
    )


def _divisions(
    items: list,
    parent: str,
    positions: dict[str, list[int]],
    base: str,
    doc: Document,
    path: tuple,
    problems: list,
) -> tuple[Chapter, ...]:
    """Divisions with their article ranges; `positions` lists the article positions by innermost division id."""
    out = []
    for i, item in enumerate(items):
        eid = division_eid(parent, item["kind"], item["number"])
        children = _divisions(
            item.get("children", []), eid, positions, base, doc, (*path, i, "children"), problems
        )
        mine = [p for key, ps in positions.items() if key == eid or key.startswith(eid + "__") for p in ps]
        if not mine:
            problems.append(doc.problem((*path, i), f"division {eid} holds no article"))
            mine = [0]
        out.append(
            Chapter(
                number=item["number"],
                title=item["title"],
                first=min(mine),
                last=max(mine),
                kind=item["kind"],
                children=children,
                eid=eid,
                base=base,
            )
        )
    return tuple(out)


def _division_ids(chapters: tuple[Chapter, ...]) -> set[str]:
    out: set[str] = set()
    for c in chapters:
        out.add(c.id)
        out |= _division_ids(c.children)
    return out


def build_law(source: LawSource) -> tuple[Regulation | None, list[Problem]]:
    """Check one further regulation and build its model (articles in file order by number)."""
    problems = check_schema(source.regulation, "law")
    for doc in source.articles:
        problems += check_schema(doc, "law_article")
    if problems:
        return None, problems
    base = law_base(source.slug)
    articles, kept = _law_articles(source.articles, base, problems)
    if not articles:
        problems.append(
            source.regulation.problem((), "the regulation has no article (expected in articles/)")
        )
        return None, problems
    positions: dict[str, list[int]] = {}
    for pos, art in enumerate(articles, start=1):
        positions.setdefault(art.division, []).append(pos)
    chapters = _divisions(
        source.regulation.data.get("divisions", []),
        "",
        positions,
        base,
        source.regulation,
        ("divisions",),
        problems,
    )
    placed = _placed(articles, kept, chapters, problems)
    lines = {h["text"] for h in source.regulation.data.get("history", [])}
    for i, note in enumerate(source.regulation.data.get("history_notes", [])):
        if note["line"] not in lines:
            problems.append(source.regulation.problem(("history_notes", i, "line"), "is no history line"))
    if problems:
        return None, problems
    return _law_regulation(source, base, chapters, placed), []


def _law_articles(
    article_docs: tuple[Document, ...], base: str, problems: list[Problem]
) -> tuple[list[Article], list[Document]]:
    """The articles by number (then 之N), each from its own file, and the documents they came from;
    a misnamed file or a number defined twice is a problem (the second file is left out)."""
    docs = sorted(article_docs, key=lambda d: (d.data["number"], d.data.get("suffix", 0)))
    seen: dict[tuple[int, int], str] = {}
    articles: list[Article] = []
    kept: list[Document] = []
    for doc in docs:
        key = (doc.data["number"], doc.data.get("suffix", 0))
        if Path(doc.path).stem != article_slug(*key):
            problems.append(
                doc.problem(
                    ("number",),
                    f"article {key[0]} must be in {article_slug(*key)}.yaml, not {Path(doc.path).name}",
                )
            )
        if key in seen:
            problems.append(doc.problem(("number",), f"article {key[0]} is also defined in {seen[key]}"))
            continue
        seen[key] = doc.path
        articles.append(_article(doc, base, problems))
        kept.append(doc)
    return articles, kept


def _placed(
    articles: list[Article], docs: list[Document], chapters: tuple[Chapter, ...], problems: list[Problem]
) -> list[Article]:
    """The articles with their top-level division's position as `chapter` (0 without divisions);
    an article in an unknown division or outside every division is a problem, except articles
    before the first division (全国人民代表大会议事规则: 第一条 stands before 第一章)."""
    known = _division_ids(chapters)
    tops = {c.id: n for n, c in enumerate(chapters, start=1)}
    placed = []
    leading = True
    for art, doc in zip(articles, docs, strict=True):
        leading = leading and not art.division
        if leading:
            placed.append(art)
            continue
        if art.division and art.division not in known:
            problems.append(doc.problem(("division",), f"unknown division {art.division}"))
        top = next(
            (n for cid, n in tops.items() if art.division == cid or art.division.startswith(cid + "__")), 0
        )
        if chapters and not top:
            problems.append(doc.problem(("division",), f"{art.label} is outside every division"))
        placed.append(dataclasses.replace(art, chapter=top))
    return placed


def _law_regulation(
    source: LawSource, base: str, chapters: tuple[Chapter, ...], articles: list[Article]
) -> Regulation:
    """The model of a further regulation whose records are all valid."""
    data = source.regulation.data
    notes = {n["line"]: n["note"] for n in data.get("history_notes", [])}
    history = tuple(
        HistoryEvent(
            date=h.get("date", ""),
            instrument=h["text"],
            action=h.get("action", ""),
            note=notes.get(h["text"], ""),
        )
        for h in data.get("history", [])
    )
    return Regulation(
        title=data["title"],
        promulgation_note="",
        issuer=data.get("issuer", ""),
        history=history,
        effective=data.get("effective", ""),
        source_url=data["source"].get("url", ""),
        citation_code=data["source"].get("citation_code", ""),
        source_file=data["source"]["file"],
        chapters=chapters,
        articles=tuple(articles),
        import_notes=tuple(ImportNote(**n) for n in data.get("import_notes", [])),
        slug=source.slug,
        level=data.get("level", ""),
        validity=data.get("validity", ""),
        base=base,
        short_title=data.get("short_title", ""),
        aliases=tuple(data.get("aliases", [])),
        preamble=tuple(data.get("preamble", [])),
        appendices=tuple(
            Appendix(f"att_{i}", a["heading"], tuple(a.get("lines", [])))
            for i, a in enumerate(data.get("appendices", []), start=1)
        ),
        version_of=data.get("version_of", ""),
        library="library" in data,
        structure_notes=tuple((n["line"], n["note"]) for n in data.get("structure_notes", [])),
    )


def load_laws(root: Path, store: Store | None = None) -> tuple[tuple[Regulation, ...], list[Problem]]:
    """Every further regulation under content/laws/, built, and every problem found (`store`:
    read_laws)."""
    problems: list[Problem] = []
    laws = []
    sources = read_laws(root, problems, store)
    for source in sources:
        law, found = build_law(source)
        problems += found
        if law is not None:
            laws.append(law)
    return tuple(laws), problems + version_problems(sources)


def version_problems(sources: list[LawSource]) -> list[Problem]:
    """`version_of` must name another folder of content/laws/ that is itself a current text (a value
    that is no slug at all is the schema's to report)."""
    current = {s.slug for s in sources if not s.regulation.data.get("version_of")}
    problems = []
    for source in sources:
        target = source.regulation.data.get("version_of")
        if isinstance(target, str) and SLUG.match(target) and target not in current:
            problems.append(
                source.regulation.problem(
                    ("version_of",), f"{target} is not a current regulation of content/laws/"
                )
            )
    return problems


def split_versions(laws: tuple[Regulation, ...]) -> tuple[tuple[Regulation, ...], tuple[Regulation, ...]]:
    """The current regulations and the earlier versions (`version_of` set), each in folder order."""
    return tuple(x for x in laws if not x.version_of), tuple(x for x in laws if x.version_of)


def law_label(law: Regulation) -> str:
    """How the laws list (and the nav, for a library's documents) names a further regulation: a
    library document by its file name (title and date: 专利法实施细则(2023-12-11)), so versions of
    one title differ; any other by its full title."""
    return Path(law.source_file).stem if law.library else law.title


def by_category(laws: tuple[Regulation, ...] | list[Regulation]) -> list[tuple[str, list[Regulation]]]:
    """The regulations grouped by category (`level`, 其他 when unset): CATEGORY_ORDER first, then
    any other in name order, 其他 last; each group in the order given."""
    groups: dict[str, list[Regulation]] = {}
    for law in laws:
        groups.setdefault(law.level or OTHER_CATEGORY, []).append(law)

    def rank(category: str) -> tuple[int, str]:
        if category in CATEGORY_ORDER:
            return (CATEGORY_ORDER.index(category), "")
        return (len(CATEGORY_ORDER) + (category == OTHER_CATEGORY), category)

    return sorted(groups.items(), key=lambda kv: rank(kv[0]))
