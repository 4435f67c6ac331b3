"""修订对照: an earlier version of a further regulation beside its current text.

An earlier version is imported like any regulation (`python -m generator import SOURCE --law SLUG
--out content/laws/SLUG`) and marked `version_of: <current slug>` in its regulation.yaml; the core
keeps it out of the current laws (Project.versions). This part aligns its articles with the
current text's (align.py), reads the hand corrections of that alignment
(content/laws/<earlier slug>/alignment.yaml), and contributes one page per version pair listing
every current article with its earlier counterpart or 新增 and every deleted earlier article, the
changes marked inside the text; on each current article's page, a link to its row. It adds no
search record: the earlier text is searched in the header search's 历史版本 scope only
(generator/search.py), whose hits open their row here; the page is reached from the nav and from
every current article of the regulation.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.assets import Asset
from generator.errors import Problem
from generator.links import article_url, md_uri, provision_key, relative
from generator.load import Document, read_yaml
from generator.model import Article, Regulation
from generator.part import Part
from generator.parts.versions.align import (
    ADDED,
    CHANGED,
    DELETED,
    KINDS,
    NO_CORRECTIONS,
    RENUMBERED,
    UNCHANGED,
    Corrections,
    Segment,
    align,
    changes,
)
from generator.parts.versions.urls import versions_url
from generator.project import Project
from generator.render import Facet, latest_version, render_page
from generator.validate import check_schema, located

CORRECTIONS = "alignment.yaml"
NAV_TITLE = "修订对照"
# How a row's kind reads on the page and in the current article's facet.
KIND_LABELS = {
    UNCHANGED: "未修改",
    RENUMBERED: "仅条号变动",
    CHANGED: "有修改",
    ADDED: "新增",
    DELETED: "删除",
}


@dataclass(frozen=True)
class Row:
    """One row of a 修订对照: a current article with its earlier counterpart, a current article
    that is new (old None) or an earlier article that was deleted (new None).

    kind: one of align.KINDS; ratio: similarity of the two texts; forced: set by alignment.yaml;
    old_lines / new_lines: each side's text as lines of segments, the changes marked.
    """

    kind: str
    old: Article | None
    new: Article | None
    ratio: float
    forced: bool
    old_lines: tuple[tuple[Segment, ...], ...]
    new_lines: tuple[tuple[Segment, ...], ...]

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


@dataclass(frozen=True)
class Comparison:
    """An earlier version of a regulation and its current text, aligned."""

    old: Regulation
    new: Regulation
    rows: tuple[Row, ...]

    @property
    def url(self) -> str:
        return versions_url(self.old.slug)

    @property
    def old_edition(self) -> str:
        return edition(self.old)

    @property
    def new_edition(self) -> str:
        return edition(self.new)

    @property
    def title(self) -> str:
        return f"{self.new.name}修订对照（{self.old_edition}→{self.new_edition}）"

    def counts(self) -> list[tuple[str, int]]:
        """(label, count) of every kind, in KINDS order."""
        return [(KIND_LABELS[k], sum(r.kind == k for r in self.rows)) for k in KINDS]

    def row_of(self, article: Article) -> Row | None:
        """The row of a current article."""
        return next((r for r in self.rows if r.new is not None and r.new.id == article.id), None)


def edition(regulation: Regulation) -> str:
    """2017年修正: the year and action of the version, from the history lines."""
    version = latest_version(regulation.history)
    first = regulation.history[0] if regulation.history else None
    event = version or first
    if event is None or not event.date:
        return regulation.name
    return f"{event.date[:4]}年{event.action}" if event.action else f"{event.date[:4]}年"


def _lines(segments: tuple[Segment, ...]) -> tuple[tuple[Segment, ...], ...]:
    """Segments cut at the text's line ends (one line per 款 or 项)."""
    lines: list[list[Segment]] = [[]]
    for seg in segments:
        for k, piece in enumerate(seg.text.split("\n")):
            if k:
                lines.append([])
            if piece:
                lines[-1].append(Segment(piece, seg.change))
    return tuple(tuple(line) for line in lines)


def _plain(article: Article) -> tuple[tuple[Segment, ...], ...]:
    return tuple((Segment(line),) for line in article.lines)


def _keys(regulation: Regulation) -> dict[tuple[int, int], Article]:
    return {(a.number, a.suffix): a for a in regulation.articles}


def read_corrections(doc: Document, old: Regulation, new: Regulation) -> tuple[Corrections, list[Problem]]:
    """The hand corrections of alignment.yaml, every article checked to exist and to appear once."""
    problems = check_schema(doc, "version_alignment")
    if problems:
        return Corrections(), problems
    sides = {"old": (old, _keys(old)), "new": (new, _keys(new))}
    seen: dict[tuple[str, int], str] = {}

    def key(section: str, i: int, side: str) -> tuple[int, int] | None:
        number = doc.data[section][i][side]
        regulation, keys = sides[side]
        where = f"{section}[{i}]"
        if (number, 0) not in keys:
            problems.append(doc.problem((section, i, side), f"{regulation.slug} has no article {number}"))
            return None
        if (side, number) in seen:
            problems.append(
                doc.problem(
                    (section, i, side),
                    f"article {number} of {regulation.slug} is already in {seen[side, number]}",
                )
            )
            return None
        seen[side, number] = where
        return (number, 0)

    pairs, added, deleted = [], [], []
    for i in range(len(doc.data.get("pairs", []))):
        o, n = key("pairs", i, "old"), key("pairs", i, "new")
        if o and n:
            pairs.append((o, n))
    for i in range(len(doc.data.get("added", []))):
        if n := key("added", i, "new"):
            added.append(n)
    for i in range(len(doc.data.get("deleted", []))):
        if o := key("deleted", i, "old"):
            deleted.append(o)
    return Corrections(tuple(pairs), tuple(added), tuple(deleted)), problems


def compare(old: Regulation, new: Regulation, corrections: Corrections = NO_CORRECTIONS) -> Comparison:
    """The aligned rows of two versions, each pair's changes marked."""
    olds, news = _keys(old), _keys(new)
    matches = align({k: a.text for k, a in olds.items()}, {k: a.text for k, a in news.items()}, corrections)
    rows = []
    for m in matches:
        a = olds[m.old] if m.old is not None else None
        b = news[m.new] if m.new is not None else None
        if a is not None and b is not None:
            left, right = changes(a.text, b.text)
            old_lines, new_lines = _lines(left), _lines(right)
        else:
            old_lines = _plain(a) if a is not None else ()
            new_lines = _plain(b) if b is not None else ()
        rows.append(Row(m.kind, a, b, m.ratio, m.forced, old_lines, new_lines))
    return Comparison(old, new, tuple(rows))


def load(project: Project) -> tuple[tuple[Comparison, ...] | None, list[Problem]]:
    """A comparison for every earlier version whose current text is loaded; None when there is none."""
    problems: list[Problem] = []
    out = []
    for old in project.versions:
        new = project.law(old.version_of)
        if new is None:
            continue  # the core reports a version_of that names no current regulation
        path = project.root / "content" / "laws" / old.slug / CORRECTIONS
        corrections = Corrections()
        if path.is_file():
            doc = located(read_yaml(path, project.root), problems)
            if doc is not None:
                corrections, found = read_corrections(doc, old, new)
                problems += found
        out.append(compare(old, new, corrections))
    return (tuple(out) or None), problems


def comparisons(project: Project) -> tuple[Comparison, ...]:
    value = project.part("versions")
    return value if isinstance(value, tuple) else ()


def pages(project: Project) -> dict[str, str]:
    """One 修订对照 page per earlier version."""
    out = {}
    for c in comparisons(project):
        uri = md_uri(c.url)
        out[uri] = render_page(
            project,
            "versions.md.j2",
            uri,
            comparison=c,
            href_article=lambda a, uri=uri: relative(uri, article_url(a)),
        )
    return out


def nav(project: Project) -> list:
    found = comparisons(project)
    if not found:
        return []
    return [{NAV_TITLE: [{c.title: md_uri(c.url)} for c in found]}]


def article_facets(project: Project, uri: str, article: Article) -> tuple[Facet, ...]:
    """修订前条文: on a current article's page, its row of each 修订对照 (its earlier counterpart or 新增)."""
    out = []
    for c in comparisons(project):
        if article.base != c.new.base:
            continue
        row = c.row_of(article)
        if row is None:
            continue
        href = relative(uri, versions_url(c.old.slug, "new", article.id))
        if row.old is None:
            label = f"{c.old_edition}文本无对应条文（{c.new_edition}新增）"
        else:
            label = f"{c.old_edition}文本{row.old.label}（{row.label}）"
        out.append(Facet("versions", "修订前条文", ((href, label),)))
    return tuple(out)


def locations(project: Project) -> dict[str, str]:
    """Every article of each compared earlier version at its row of the 修订对照 page, by site-wide
    key (slug:art_N): the 历史版本 search links there."""
    return {
        provision_key(c.old.slug, art.id): versions_url(c.old.slug, "old", art.id)
        for c in comparisons(project)
        for art in c.old.articles
    }


PART = Part(
    name="versions",
    folder=Path(__file__).parent,
    load=load,
    pages=pages,
    nav=nav,
    article_facets=article_facets,
    locations=locations,
    assets=(Asset("assets/stylesheets/versions.css", pages=("versions",)),),
)
