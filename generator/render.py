"""Stage 4: turn the model into pages (source URI -> text). Pure: no file IO beyond templates."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import jinja2
from markupsafe import Markup

from generator.cache import Store, digest
from generator.higher_law import GOVERNS, HigherLawNote, notes_of, restating
from generator.laws import by_category, law_label
from generator.links import (
    HOME,
    KEY_SEPARATOR,
    LAWS_INDEX,
    article_url,
    chapter_url,
    formal_citation,
    fulltext_url,
    home_url,
    key_of,
    local_citation,
    md_uri,
    paragraph_id,
    point_id,
    provision_index,
    provision_key,
    provision_url,
    regulation_json_url,
    relative,
)
from generator.model import Article, Chapter, HistoryEvent, Regulation, Relation
from generator.numerals import to_chinese
from generator.project import Project

TEMPLATES = Path(__file__).parent / "templates"
# Template folders of the declared parts (Part.folder / "templates"), in declaration order: the core
# finds a part's templates where the part says it lies, never by its name.
_part_templates: list[Path] = []


def add_template_folder(folder: Path) -> None:
    """Make the templates in `folder` renderable (a part's `templates/`, see generator/part.py)."""
    if folder not in _part_templates:
        _part_templates.append(folder)
        environment.cache_clear()


@cache
def environment() -> jinja2.Environment:
    """Jinja environment for all page templates: strict, trimmed, HTML-escaped. It finds the core's
    templates and every declared part's, whose names are unique (tests/test_architecture.py)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(TEMPLATES), *(str(d) for d in _part_templates)]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=True,
        keep_trailing_newline=True,
    )


@dataclass(frozen=True)
class Link:
    """A link to another article as templates need it."""

    href: str
    label: str
    caption: str


@dataclass(frozen=True)
class RelatedLink:
    """A related entry of an article page. A pair across regulations (issue 27) also carries the
    verbatim words of both sides: `there` of the cited provision, `here` of the page's article."""

    href: str
    citation: str
    reason: str
    there: tuple[str, ...] = ()
    here: tuple[str, ...] = ()
    key: str = ""


@dataclass(frozen=True)
class Pointer:
    """An editorial related entry or note of another regulation's article that points at an
    article: the pointing article (by site key), the key it cites, and the relation when it is a
    related entry (None for a note's refs)."""

    source: str
    cited: str
    relation: Relation | None = None


@dataclass(frozen=True)
class Backlink:
    """A provision of another regulation that relates to the article shown (computed from that
    regulation's related entries): where it is, its citation, the reason and both sides' words
    (`here`: of the pointing provision; `there`: of the provision of this page it cites)."""

    href: str
    label: str
    detail: str
    reason: str = ""
    here: tuple[str, ...] = ()
    there: tuple[str, ...] = ()
    there_citation: str = ""
    key: str = ""


class _Links(Mapping):
    """id -> link relative to one page, computed on first use.

    Building every link for every page made rendering quadratic in the number of articles.
    """

    def __init__(self, uri: str, urls: Mapping[str, str]) -> None:
        self._uri, self._urls = uri, urls
        self._done: dict[str, str] = {}

    def __getitem__(self, key: str) -> str:
        if key not in self._done:
            self._done[key] = relative(self._uri, self._urls[key])
        return self._done[key]

    def __iter__(self):
        return iter(self._urls)

    def __len__(self) -> int:
        return len(self._urls)


class _Cites(Mapping):
    """Citation of a provision by id (or site-wide key), computed on first use.

    formal: 《title》第…条 always; otherwise the title is added only for a provision of another
    regulation than the page's (notes and related entries may cite one).
    """

    def __init__(self, index: Mapping, regulation: Regulation, formal: bool) -> None:
        self._index = index
        self._done: dict[str, str] = {}
        self._cite = formal_citation if formal else local_citation
        self._regulation = regulation

    def __getitem__(self, key: str) -> str:
        if key not in self._done:
            self._done[key] = self._cite(self._regulation, self._index[key])
        return self._done[key]

    def __iter__(self):
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


@dataclass(frozen=True)
class SiteTables:
    """Lookups over every regulation of the site, the same on every page of every regulation: built
    once per project and shared by each further regulation's view (law_view). `references` and
    `regulations` are what they were built from (a project with others builds its own)."""

    references: tuple
    regulations: tuple[Regulation, ...]
    # The references written in a 款/项 by its site-wide key; the articles citing an article (by key).
    refs: Mapping[str, list]
    citing: Mapping[str, tuple[str, ...]]
    # Editorial related entries and notes of any regulation that point at an article (by key).
    pointing: Mapping[str, tuple[Pointer, ...]]
    # The site's own regulation and the further ones' tuple they were built from: `fits` tests these
    # by identity first (comparing `regulations` item by item on every page was quadratic).
    home: Regulation | None = None
    laws: tuple[Regulation, ...] = ()


@dataclass(frozen=True)
class Tables:
    """What every page of one regulation looks up: the site-wide tables and that regulation's own
    (citations, page URLs, positions), held on the project (Project.tables) so they are built once
    per regulation, not per page. `regulation` and `index` are what the own tables were built from."""

    site: SiteTables
    regulation: Regulation
    index: Mapping
    cite: _Cites
    short_cite: _Cites
    article_urls: Mapping[str, str]
    chapter_urls: Mapping[str, str]
    position: Mapping[str, int]

    def fits(self, project: Project) -> bool:
        """Whether these tables were built from this project's content."""
        return (
            self.regulation is project.regulation
            and self.index is project.index
            and self.site.references is project.references
            and (
                (self.site.home is (project.home or project.regulation) and self.site.laws is project.laws)
                or _same(self.site.regulations, project.regulations)
            )
        )


def _same(these: tuple, those: tuple) -> bool:
    """The same objects in the same order (an identity test: comparing regulations is deep)."""
    return len(these) == len(those) and all(a is b for a, b in zip(these, those, strict=True))


def site_tables(project: Project) -> SiteTables:
    """The site-wide lookups of `project` (SiteTables)."""
    by_source: dict[str, list] = {}
    citing: dict[str, list[str]] = {}
    for ref in project.references:
        by_source.setdefault(ref.source, []).append(ref)
        citing.setdefault(ref.target.partition("__")[0], []).append(ref.source)
    pointing: dict[str, list[Pointer]] = {}
    for other in project.regulations:
        for a in other.articles:
            cites = [(r.ref, r) for r in a.related] + [(k, None) for n in a.notes for k in n.refs]
            for cited, relation in cites:
                key = cited if KEY_SEPARATOR in cited or not other.base else provision_key(other.slug, cited)
                target = key.partition("__")[0]
                if target != key_of(other, a.id):
                    pointing.setdefault(target, []).append(Pointer(key_of(other, a.id), key, relation))
    return SiteTables(
        references=project.references,
        regulations=project.regulations,
        refs=by_source,
        citing={k: tuple(dict.fromkeys(v)) for k, v in citing.items()},
        pointing={k: tuple(dict.fromkeys(v)) for k, v in pointing.items()},
        home=project.home or project.regulation,
        laws=project.laws,
    )


def build_tables(project: Project, site: SiteTables | None = None) -> Tables:
    """The tables of `project`'s regulation, over `site` (built here when not given)."""
    reg = project.regulation
    return Tables(
        site=site if site is not None else site_tables(project),
        regulation=reg,
        index=project.index,
        cite=_Cites(project.index, reg, formal=True),
        short_cite=_Cites(project.index, reg, formal=False),
        article_urls={a.id: article_url(a) for a in reg.articles},
        chapter_urls={c.id: chapter_url(c) for c in reg.chapters},
        position={a.id: i for i, a in enumerate(reg.articles)},
    )


def with_tables(project: Project) -> Project:
    """`project` holding its tables (Project.tables), so that rendering builds them once."""
    return dataclasses.replace(project, tables=build_tables(project))


def _tables(project: Project) -> Tables:
    """The project's tables when it holds them for its content, else built now (a project made
    without load_project, or changed since: correct, only slower)."""
    held = project.tables
    return held if isinstance(held, Tables) and held.fits(project) else build_tables(project)


@dataclass(frozen=True)
class LawSegment:
    """A piece of one 款/项's text as the law macro renders it: plain, a cross-reference (href,
    title) or a part's mark (term, tip, tip_id). The segments of a line join back to its text."""

    text: str
    href: str = ""
    title: str = ""
    term: str = ""
    tip: str = ""
    tip_id: str = ""


@dataclass(frozen=True)
class TermTip:
    """The hidden description a marked span points to with aria-describedby."""

    tip_id: str
    text: str


@dataclass(frozen=True)
class Facet:
    """A group of links a part shows on an article page (所属主题, 涉及角色, ...).

    key: css suffix (kb-article-<key>); title: the heading; links: (href, label) pairs;
    empty: what to say when there are none ('' to leave the facet out then).
    """

    key: str
    title: str
    links: tuple[tuple[str, str], ...]
    empty: str = ""


def _line_text(project: Project, pid: str) -> str | None:
    """The loaded text of one 款 (its lead-in) or 项, or None for any other id."""
    provision = project.index.get(pid)
    if provision is None or provision.paragraph is None:
        return None
    return provision.point.text if provision.point is not None else provision.paragraph.text


def law_segments(project: Project, uri: str, pid: str, text: str) -> list[LawSegment]:
    """Segments of one 款/项 for the page at `uri`: cross-references from the text itself and the
    spans parts marked. Any other text (a variant, a test) stays plain."""
    if _line_text(project, pid) != text:
        return [LawSegment(text)]
    spans: list[tuple[int, int, LawSegment]] = []
    reg = project.regulation
    for ref in _tables(project).site.refs.get(key_of(reg, pid), ()):
        target = project.keys[ref.target]
        seg = LawSegment(
            text[ref.start : ref.end],
            href=relative(uri, provision_url(target)),
            title=f"{local_citation(reg, target)} {target.article.caption}".rstrip(),
        )
        spans.append((ref.start, ref.end, seg))
    for mark in project.marks.get(pid, ()):
        seg = LawSegment(text[mark.start : mark.end], term=mark.key, tip=mark.label, tip_id=mark.tip_id)
        spans.append((mark.start, mark.end, seg))
    spans.sort(key=lambda s: s[0])
    out: list[LawSegment] = []
    pos = 0
    for start, end, seg in spans:
        if start < pos:
            continue  # a mark inside a cross-reference: the reference wins
        if start > pos:
            out.append(LawSegment(text[pos:start]))
        out.append(seg)
        pos = end
    if pos < len(text) or not out:
        out.append(LawSegment(text[pos:]))
    return out


def law_terms(project: Project, article: Article) -> list[TermTip]:
    """Descriptions of the spans marked in an article (one per tip id), for aria-describedby."""
    tips: dict[str, TermTip] = {}
    for para in article.paragraphs:
        for pid in (para.id, *(p.id for p in para.points)):
            for mark in project.marks.get(pid, ()):
                tips.setdefault(mark.tip_id, TermTip(mark.tip_id, mark.description))
    return list(tips.values())


def page_context(project: Project, uri: str) -> dict:
    """Context every page template can use: lookups by id, resolved relative to this page."""
    reg = project.regulation
    index = project.index
    tables = _tables(project)

    def href(ref: str) -> str:
        return relative(uri, provision_url(index[ref]))

    return {
        "regulation": reg,
        # A further regulation's pages link to its own home (laws/<slug>/index.html) as well.
        "is_law": bool(reg.base),
        "href_reg_home": relative(uri, home_url(reg)),
        "href_laws": relative(uri, LAWS_INDEX),
        "cite": tables.cite,
        "short_cite": tables.short_cite,
        "href": href,
        "href_home": relative(uri, HOME),
        "href_fulltext": relative(uri, fulltext_url(reg)),
        # The parts' pages every page may link to (Part.links): href_<name>.
        **{f"href_{name}": relative(uri, url) for name, url in project.links.items()},
        "a_href": _Links(uri, tables.article_urls),
        "c_href": _Links(uri, tables.chapter_urls),
        # Law text with cross-reference links and the spans parts marked (glossary terms).
        "law_segments": lambda pid, text: law_segments(project, uri, pid, text),
        "law_terms": lambda article: law_terms(project, article),
        # The 上位法提示 a statement restates: higher_law(cites, text, ...) (generator/higher_law.py).
        "higher_law": lambda cites, *texts: restating(higher_law_notes(project), cites, _texts(texts)),
        "higher_law_governs": GOVERNS,
    }


def higher_law_notes(project: Project) -> tuple[HigherLawNote, ...]:
    """The higher-law notes of the site's own regulation."""
    return notes_of(project.regulation, project.index)


def _texts(values: tuple) -> list[str]:
    """Strings and the strings inside tuples/lists (a quote is a tuple of fragments)."""
    out: list[str] = []
    for v in values:
        out += [v] if isinstance(v, str) else [x for x in v if isinstance(x, str)]
    return out


def render_page(project: Project, template: str, uri: str, **extra: object) -> str:
    """Render a page template with the shared page context for `uri` plus the part's own values."""
    return environment().get_template(template).render(page_context(project, uri), **extra)


def script_json(value: object, sort_keys: bool = False) -> Markup:
    """JSON for a <script type="application/json"> block or a literal in a script file: one line,
    and no character that HTML treats specially inside a script element (<, >, &) nor U+2028/U+2029
    (line ends in scripts before ES2019), so no content can close the element early or end a
    string. JSON.parse (or the script) reads it back unchanged."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=sort_keys)
    for char, escape in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return Markup(text)


def _excerpt(text: str, size: int = 16) -> str:
    """The start of a line for an outline entry: whole when short, else cut with an ellipsis."""
    return text if len(text) <= size + 1 else text[:size] + "…"


def _date(iso: str) -> str:
    """2005-11-25 -> 2005年11月25日"""
    year, month, day = iso.split("-")
    return f"{year}年{int(month)}月{int(day)}日"


VERSION_ACTIONS = ("修正", "修订")


def latest_version(history: tuple[HistoryEvent, ...]) -> HistoryEvent | None:
    """The history event that made the current text: the last 修正 or 修订 (None for an original
    text). A 施行 line is a date of effect, not a version."""
    return next((h for h in reversed(history) if h.action in VERSION_ACTIONS), None)


def date_rows(history: tuple[HistoryEvent, ...], effective: str, own: str = "本法") -> list[tuple[str, str]]:
    """The dates of a regulation with their meaning, derived from its history lines (issue 26):
    公布 (or 通过), the current version's 修正/修订 date, and the 施行 date. A 施行 date earlier than
    the current version is the original text's (the 施行 article of an amended text keeps it):
    labelled 原{own}施行日期, never beside the current text as if it applied since then."""
    rows = []
    first = history[0] if history else None
    if first is not None and first.date:
        rows.append(("公布日期" if first.action == "公布" else f"{first.action}日期", _date(first.date)))
    version = latest_version(history)
    if version is not None and version.date:
        rows.append((f"本版本{version.action}日期", _date(version.date)))
    stated = next((h for h in reversed(history) if h.action == "施行" and h.date), None)
    if stated is not None:
        rows.append(("施行日期", _date(stated.date)))
    elif effective:
        original = version is not None and effective < version.date
        rows.append((f"原{own}施行日期" if original else "施行日期", _date(effective)))
    return rows


def document_info(project: Project) -> list[tuple[str, str]]:
    """The document information block (文件信息) as (label, value) rows, in the order Chinese legal
    databases show them, with each date's meaning (date_rows); 效力级别 and 时效性 only when
    content/regulation.yaml states them, both marked as editorial."""
    reg = project.regulation
    if reg.base:
        # A further regulation: its history lines as the source writes them (通过, 修正, …).
        rows = [("标题", reg.title)]
        rows += [
            ("沿革" if i else "制定", h.instrument + (f"（编者注：{h.note}）" if h.note else ""))
            for i, h in enumerate(reg.history)
        ]
        own = "法" if reg.title.endswith("法") else ("条例" if reg.title.endswith("条例") else "规定")
    else:
        rows = [
            ("制定机关", reg.issuer),
            ("发文字号", reg.promulgation.instrument),
        ]
        rows += [(event.action, f"{_date(event.date)}（{event.instrument}）") for event in reg.amendments]
        own = "规定"
    rows += date_rows(reg.history, reg.effective, own)
    if reg.level:
        rows.append(("效力级别（编者注）", reg.level))
    if reg.validity:
        rows.append(("时效性（编者注）", f"{reg.validity}（据数据库标注，非规定原文；以发布机关公布为准）"))
    return rows


def article_outline(article: Article, related: list, citing: list, pointed: list | tuple = ()) -> dict:
    """The right-hand column of an article page (front matter kb_outline, partials/toc.html): its
    款 and 项 with anchors, then the related articles, the provisions citing it and the other
    regulations' provisions that relate to it."""
    several = len(article.paragraphs) > 1
    items: list[dict[str, object]] = []
    for number, para in enumerate(article.paragraphs, start=1):
        points: list[dict[str, object]] = [
            {"title": _excerpt(p.text), "href": f"#{p.id}", "children": []} for p in para.points
        ]
        if several:
            title = f"第{to_chinese(number)}款　{_excerpt(para.text, 10)}"
            items.append({"title": title, "href": f"#{para.id}", "children": points})
        else:
            items.extend(points)
    groups = [
        {
            "title": "相关条文",
            "links": [{"href": r.href, "label": f"{r.citation}　{r.reason}"} for r in related],
        },
        {
            "title": "引用本条的条文",
            "links": [{"href": c.href, "label": f"{c.label}　{c.detail}"} for c in citing],
        },
        {
            "title": "本站相关条文",
            "links": [{"href": b.href, "label": f"{b.label}　{b.reason or b.detail}"} for b in pointed],
        },
    ]
    return {
        "title": "本条结构",
        "items": items,
        "empty": "本条只有一款，不分项。" if not items else "",
        "groups": [g for g in groups if g["links"]],
    }


def division_outline(regulation: Regulation, division: Chapter, anchor: str = "#") -> list[dict[str, object]]:
    """Outline entries inside a division: its articles in order (linked to `anchor` + id), those of
    a nested division (节 in a 章, any depth) under an entry for it (linked to its heading) where
    the first of them stands."""
    items: list[dict[str, object]] = []
    done: set[str] = set()
    articles = regulation.articles[division.first - 1 : division.last]
    for position, a in enumerate(articles, start=division.first):
        child = next((c for c in division.children if c.first <= position <= c.last), None)
        if child is None:
            title = f"{a.label}　{a.caption}" if a.caption else a.label
            items.append({"title": title, "href": f"{anchor}{a.id}", "children": []})
        elif child.id not in done:
            done.add(child.id)
            children = division_outline(regulation, child, anchor)
            items.append(
                {"title": f"{child.label}　{child.plain_title}", "href": f"#{child.id}", "children": children}
            )
    return items


def fulltext_outline(project: Project) -> dict:
    """The full text's outline (front matter kb_outline): chapters (and the sections in them, any
    division level), each with its articles."""
    reg = project.regulation
    items: list[dict[str, object]] = [{"title": "文件信息", "href": "#kb-docinfo", "children": []}]
    if not reg.chapters:
        items += [{"title": a.label, "href": f"#full-{a.id}", "children": []} for a in reg.articles]
    for chapter in reg.chapters:
        title = f"{chapter.label}　{chapter.plain_title}"
        children = division_outline(reg, chapter, "#full-")
        items.append({"title": title, "href": f"#{chapter.id}", "children": children})
    return {"title": "目录", "items": items, "empty": "", "groups": []}


@dataclass(frozen=True)
class Cited:
    """A 款/项 that cites the article being shown."""

    href: str
    label: str
    detail: str


def render_article(project: Project, article: Article, facets: tuple[Facet, ...] = ()) -> str:
    """The page of one article: caption, verbatim text, citation, notes, related, cited-by, the
    parts' facets (topics, roles, terms), prev/next."""
    reg = project.regulation
    uri = md_uri(article_url(article))
    ctx = page_context(project, uri)
    tables = _tables(project)
    here = tables.position[article.id]

    def link(position: int) -> Link | None:
        if not 0 <= position < len(reg.articles):
            return None
        other = reg.articles[position]
        return Link(relative(uri, article_url(other)), other.label, other.caption)

    related = [
        RelatedLink(ctx["href"](r.ref), ctx["short_cite"][r.ref], r.reason, r.quote, r.quote_here, r.ref)
        for r in article.related
    ]
    keys = project.keys

    def cited(key: str) -> Cited:
        source = keys[key]
        href = relative(uri, provision_url(source))
        return Cited(href, local_citation(reg, source), source.article.caption)

    citing = [cited(key) for key in tables.site.citing.get(key_of(reg, article.id), ())]
    # Provisions of other regulations whose editorial related entries or notes point here.
    pointed = backlinks(project, uri, article) if reg.base else []
    chapter = reg.chapter_of(article)
    shown = [project.index[r.ref] for r in article.related]
    shown += [project.index[k] for n in article.notes for k in n.refs]
    shown += [
        keys[ref.target] for pid in _line_ids(article) for ref in tables.site.refs.get(key_of(reg, pid), ())
    ]
    shown += [keys[b.key] for b in pointed]
    shown += [keys[key] for key in tables.site.citing.get(key_of(reg, article.id), ())]
    return (
        environment()
        .get_template("article.md.j2")
        .render(
            ctx,
            article=article,
            chapter=chapter,
            href_chapter=relative(uri, chapter_url(chapter)) if chapter else "",
            divisions=reg.divisions_of(article),
            related=[r for r in related if not r.here],
            pairs=[r for r in related if r.here],
            cited_by=citing,
            pointed_by=pointed,
            previews=preview_data(project, uri, shown),
            outline=article_outline(article, related, citing, pointed),
            facets=facets,
            prev=link(here - 1),
            next=link(here + 1),
        )
    )


def _line_ids(article: Article) -> list[str]:
    """Ids of every 款, 项 and 目 of an article, in order."""
    out = []
    for para in article.paragraphs:
        out.append(para.id)
        for point in para.points:
            out.append(point.id)
            out += [x.id for x in point.subpoints]
    return out


def _holding(project: Project, article_key: str, fragments: tuple[str, ...]) -> str:
    """The key of the narrowest provision of an article (a 项, else a 款, else the article) whose
    text holds every fragment: where a pair's `quote_here` stands."""
    prefix = article_key.partition(KEY_SEPARATOR)[0] + KEY_SEPARATOR if KEY_SEPARATOR in article_key else ""
    article = project.keys[article_key].article
    points = [q.id for para in article.paragraphs for q in para.points]
    for pid in (*points, *(para.id for para in article.paragraphs)):
        text = project.keys[prefix + pid].text
        if fragments and all(f in text for f in fragments):
            return prefix + pid
    return article_key


def backlinks(project: Project, uri: str, article: Article) -> list[Backlink]:
    """The provisions of other regulations whose editorial related entries (or notes) point at
    `article`, computed from those entries: each pair at the provision holding its `quote_here`,
    with the reason and both sides' words. A note's refs add its article once, unless a related
    entry of that article already points here."""
    reg = project.regulation
    keys = project.keys
    pointers = _tables(project).site.pointing.get(key_of(reg, article.id), ())
    paired = {p.source for p in pointers if p.relation is not None}
    out: list[Backlink] = []
    noted: set[str] = set()
    for ptr in pointers:
        rel = ptr.relation
        if rel is None and (ptr.source in paired or ptr.source in noted):
            continue
        noted.add(ptr.source)
        source = keys[_holding(project, ptr.source, rel.quote_here if rel else ())]
        out.append(
            Backlink(
                href=relative(uri, provision_url(source)),
                label=local_citation(reg, source),
                detail=source.article.caption,
                reason=rel.reason if rel else "",
                here=rel.quote_here if rel else (),
                there=rel.quote if rel else (),
                there_citation=local_citation(reg, keys[ptr.cited]),
                key=source.key,
            )
        )
    return out


PREVIEW_CHARS = 300  # a longer text is cut with an ellipsis; the link leads to the whole


def preview_data(project: Project, uri: str, provisions: list) -> Markup:
    """The per-page JSON block preview.js reads (issue 27 item 4): for every provision the page
    links to, by the link's href as written on this page, its formal citation and its verbatim
    text (cut after PREVIEW_CHARS). From the page alone, so it works
    from file:// with no fetch."""
    reg = project.regulation
    data: dict[str, dict[str, str]] = {}
    for provision in provisions:
        href = relative(uri, provision_url(provision))
        if href in data:
            continue
        text = provision.text
        data[href] = {
            "citation": formal_citation(reg, provision),
            "text": text if len(text) <= PREVIEW_CHARS else text[:PREVIEW_CHARS] + "…",
        }
    return script_json(data, sort_keys=True)


@dataclass(frozen=True)
class Headed:
    """An article on a page listing many, with the headings of the nested divisions (第一节 …)
    that start at it: each division's heading is printed once, before its first article.
    heads: (division, heading level) pairs; level: the heading level of the article itself."""

    heads: tuple[tuple[Chapter, int], ...]
    article: Article
    level: int


def division_headings(
    regulation: Regulation, articles: tuple[Article, ...], depth: int, level: int
) -> list[Headed]:
    """The articles with their divisions' headings below the first `depth` levels (the page's own),
    the outermost shown at heading `level` (levels stop at 6)."""
    out = []
    shown: set[str] = set()
    for a in articles:
        path = regulation.divisions_of(a)[depth:]
        heads = tuple((d, min(level + i, 6)) for i, d in enumerate(path) if d.id not in shown)
        shown |= {d.id for d in path}
        out.append(Headed(heads, a, min(level + len(path), 6)))
    return out


def render_chapter(project: Project, chapter: Chapter) -> str:
    """A chapter page: every article of the chapter with its text, under its sections' headings."""
    reg = project.regulation
    uri = md_uri(chapter_url(chapter))
    articles = reg.articles_in(chapter)
    refs = _tables(project).site.refs
    shown = [
        project.keys[r.target]
        for a in articles
        for pid in _line_ids(a)
        for r in refs.get(key_of(reg, pid), ())
    ]
    return (
        environment()
        .get_template("chapter.md.j2")
        .render(
            page_context(project, uri),
            chapter=chapter,
            articles=articles,
            headed=division_headings(reg, articles, 1, 2),
            previews=preview_data(project, uri, shown),
            outline={"title": "本章目录", "items": division_outline(reg, chapter), "empty": "", "groups": []},
            first_label=articles[0].label.removeprefix("第"),
            last_label=articles[-1].label.removeprefix("第"),
        )
    )


def render_home(project: Project) -> str:
    reg = project.regulation
    template = "law-home.md.j2" if reg.base else "home.md.j2"
    return (
        environment()
        .get_template(template)
        .render(
            page_context(project, md_uri(home_url(reg))),
            document_info=document_info(project),
            headed=division_headings(reg, reg.articles, 0, 2),
            laws=project.laws,
        )
    )


def render_fulltext(project: Project) -> str:
    reg = project.regulation
    uri = md_uri(fulltext_url(reg))
    refs = _tables(project).site.refs
    # The provisions its cross-references cite, previewed as on chapter pages (issue 27).
    shown = [
        project.keys[r.target]
        for a in reg.articles
        for pid in _line_ids(a)
        for r in refs.get(key_of(reg, pid), ())
    ]
    return (
        environment()
        .get_template("fulltext.md.j2")
        .render(
            page_context(project, uri),
            document_info=document_info(project),
            outline=fulltext_outline(project),
            headed=division_headings(reg, reg.articles, 0, 2),
            previews=preview_data(project, uri, shown),
        )
    )


def regulation_json(project: Project) -> str:
    """site/data/regulation.json: the model for widgets and other systems, stable key order."""
    reg = project.regulation

    def chapter_json(c: Chapter) -> dict:
        out = {"number": c.number, "title": c.title, "first": c.first, "last": c.last, "url": chapter_url(c)}
        if reg.base:
            out = {"id": c.id, "kind": c.kind, **out}
            out["children"] = [{**chapter_json(d), "url": ""} for d in c.children]
        return out

    def point_json(q) -> dict:
        out = {"id": q.id, "text": q.text, "citation": cite[q.id]}
        if q.subpoints:
            out["subpoints"] = [{"id": x.id, "text": x.text, "citation": cite[x.id]} for x in q.subpoints]
        return out

    cite = _Cites(project.index, reg, formal=True)
    data: dict[str, Any] = {
        "title": reg.title,
        "promulgation_note": reg.promulgation_note,
        "issuer": reg.issuer,
        "history": [{"date": h.date, "instrument": h.instrument, "action": h.action} for h in reg.history],
        "effective": reg.effective,
        "level": reg.level,
        "validity": reg.validity,
        "source": {"url": reg.source_url, "citation_code": reg.citation_code},
        "chapters": [chapter_json(c) for c in reg.chapters],
        "articles": [
            {
                "number": a.number,
                "id": a.id,
                "label": a.label,
                "chapter": a.chapter,
                **({"suffix": a.suffix, "division": a.division} if reg.base else {}),
                "caption": a.caption,
                "text": a.text,
                "url": article_url(a),
                "citation": cite[a.id],
                "paragraphs": [
                    {
                        "id": p.id,
                        "text": p.text,
                        "citation": cite[p.id],
                        "points": [point_json(q) for q in p.points],
                    }
                    for p in a.paragraphs
                ],
                "notes": [
                    {"title": n.title, "text": n.text, "refs": list(n.refs), "quote": list(n.quote)}
                    # A higher-law note (上位法提示) also carries the higher law's words.
                    | (
                        {"kind": n.kind, "higher_ref": n.higher_ref, "higher_quote": list(n.higher_quote)}
                        if n.kind
                        else {}
                    )
                    for n in a.notes
                ],
            }
            for a in reg.articles
        ],
    }
    if reg.base:
        data["short_title"] = reg.short_title
        data["preamble"] = list(reg.preamble)
        data["appendices"] = [
            {"id": x.id, "heading": x.heading, "lines": list(x.lines)} for x in reg.appendices
        ]
        data["source"]["file"] = reg.source_file
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def core_pages(
    project: Project,
    facets: Callable[[str, Article], tuple[Facet, ...]],
) -> dict[str, str]:
    """The regulation's own pages (home, full text, chapters, articles) and its JSON export.

    `facets(uri, article)` gives what the parts add to each article page."""
    reg = project.regulation
    pages = {md_uri(home_url(reg)): render_home(project), md_uri(fulltext_url(reg)): render_fulltext(project)}
    for chapter in reg.chapters:
        pages[md_uri(chapter_url(chapter))] = render_chapter(project, chapter)
    for article in reg.articles:
        uri = md_uri(article_url(article))
        pages[uri] = render_article(project, article, facets(uri, article))
    pages[regulation_json_url(reg)] = regulation_json(project)
    return pages


class _Scoped(Mapping):
    """A further regulation's provisions by its own ids first, then every provision of the site by
    site-wide key: what its pages' notes and related entries (art_3, gjpc:art_16) resolve against."""

    def __init__(self, own: Mapping, site: Mapping) -> None:
        self._own, self._site = own, site

    def __getitem__(self, key: str):
        return self._own[key] if key in self._own else self._site[key]

    def __contains__(self, key: object) -> bool:
        return key in self._own or key in self._site

    def __iter__(self):
        return iter(self._own)

    def __len__(self) -> int:
        return len(self._own)


class _Recording(Mapping):
    """The site's provision index, noting the regulation of every key looked up (its slug; "" for
    the site's own regulation; "*" when the whole index is read): what a regulation's pages showed
    of the others, so that their cached Markdown is used only while those are unchanged."""

    def __init__(self, index: Mapping, seen: set[str]) -> None:
        self._index, self._seen = index, seen

    def _note(self, key: object) -> None:
        if isinstance(key, str):
            self._seen.add(key.partition(KEY_SEPARATOR)[0] if KEY_SEPARATOR in key else "")

    def __getitem__(self, key: str):
        self._note(key)
        return self._index[key]

    def __contains__(self, key: object) -> bool:
        self._note(key)
        return key in self._index

    def __iter__(self):
        self._seen.add("*")
        return iter(self._index)

    def __len__(self) -> int:
        self._seen.add("*")
        return len(self._index)


def law_view(project: Project, law: Regulation, seen: set[str] | None = None) -> Project:
    """The project as the pages of one further regulation see it: that regulation in the core's
    place, its ids first in the index, no parts and no marks (the parts work on the site's own
    regulation), and every reference of the site. With `seen`, the regulations whose provisions
    the pages look up are added to it (_Recording)."""
    prefix = law.slug + ":"
    own = {key.removeprefix(prefix): p for key, p in provision_index(law, law.slug).items()}
    site = project.index if seen is None else _Recording(project.index, seen)
    view = dataclasses.replace(
        project,
        regulation=law,
        index=_Scoped(own, site),
        settings_doc=None,
        parts=MappingProxyType({}),
        marks=MappingProxyType({}),
        site_index=site,
        home=project.regulation,
    )
    # The site-wide tables are the project's: built once per build, not once per law.
    return dataclasses.replace(view, tables=build_tables(view, _tables(project).site))


def no_facets(uri: str, article: Article) -> tuple:
    return ()


LAW_PAGES = "law-pages"  # the kind of a regulation's pages in a Store


class Digests:
    """A hash of each regulation's model by slug ("" the site's own, "*" all of them), computed on
    first use: a regulation's pages are a function of its model, the site-wide table entries of
    its provisions and the provisions of others they show (law_pages keys them so). The model's
    repr holds all of it: every model class is a frozen dataclass whose repr lists its fields."""

    def __init__(self, project: Project) -> None:
        home = project.home or project.regulation
        self._regs: dict[str, Regulation] = {"": home, **{law.slug: law for law in project.laws}}
        self._done: dict[str, str] = {}

    def of(self, slug: str) -> str:
        if slug not in self._done:
            if slug == "*":
                self._done[slug] = digest(*(self.of(s) for s in self._regs))
            else:
                reg = self._regs.get(slug)
                self._done[slug] = digest(repr(reg)) if reg is not None else ""
        return self._done[slug]


def _site_entries(project: Project, law: Regulation) -> str:
    """The site-wide table entries of `law`'s provisions (the references written in them, the
    articles citing them, the related entries and notes of others pointing at them)."""
    site = _tables(project).site
    out: list[object] = []
    for a in law.articles:
        key = key_of(law, a.id)
        out.append((site.citing.get(key, ()), site.pointing.get(key, ())))
        out += [site.refs.get(key_of(law, pid), ()) for pid in _line_ids(a)]
    return repr(out)


def _cached_law_pages(
    project: Project,
    law: Regulation,
    facets: Callable[[str, Article], tuple[Facet, ...]],
    store: Store,
    digests: Digests,
) -> dict[str, str]:
    """core_pages of `law`'s view, from `store` when its model, its table entries, its facets and
    every regulation its pages showed last time are unchanged; else rendered and stored with the
    regulations they show now."""
    shown = repr([facets(md_uri(article_url(a)), a) for a in law.articles])
    key = store.key(LAW_PAGES, law.slug, digests.of(law.slug), _site_entries(project, law), shown)
    entry = store.get(LAW_PAGES, key, lambda e: _fresh(e, digests))
    if entry is not None:
        return dict(entry["pages"])
    seen: set[str] = set()
    pages = core_pages(law_view(project, law, seen), facets)
    deps = {slug: digests.of(slug) for slug in sorted(seen - {law.slug})}
    store.put(LAW_PAGES, key, law.slug, {"deps": deps, "pages": pages})
    return pages


def _fresh(entry: Any, digests: Digests) -> bool:
    """Whether a stored entry of law pages holds pages (text by URI) and every regulation it showed
    is unchanged (a damaged entry is rendered anew)."""
    pages, deps = entry.get("pages"), entry.get("deps")
    return (
        isinstance(pages, dict)
        and all(isinstance(text, str) for text in pages.values())
        and isinstance(deps, dict)
        and all(isinstance(s, str) and digests.of(s) == d for s, d in deps.items())
    )


def law_pages(
    project: Project,
    facets: Callable[[str, Article], tuple[Facet, ...]] = no_facets,
    store: Store | None = None,
) -> dict[str, str]:
    """The pages of every further regulation (laws/<slug>/…) and the list of them (laws/index.html);
    `facets(uri, article)` gives what the parts add to each article page (Article.base tells whose).
    With a `store`, each regulation's pages come from it while what they show is unchanged."""
    pages: dict[str, str] = {}
    digests = Digests(project)
    for law in project.laws:
        if store is None:
            pages.update(core_pages(law_view(project, law), facets))
        else:
            pages.update(_cached_law_pages(project, law, facets, store, digests))
    if project.laws:
        uri = md_uri(LAWS_INDEX)
        groups = [
            (
                category,
                [(relative(uri, home_url(law)), law, len(law.articles), law_label(law)) for law in laws],
            )
            for category, laws in by_category(project.laws)
        ]
        pages[uri] = (
            environment()
            .get_template("laws.md.j2")
            .render(
                page_context(project, uri),
                groups=groups,
                total=len(project.laws),
                category_ids={category: f"kb-laws-{n}" for n, (category, _) in enumerate(groups, start=1)},
                latest_version=latest_version,
            )
        )
    return pages


def jump_targets(project: Project) -> dict:
    """What the jump box (jump.js) needs to turn 第二十六条第三项 into a link, for every page: each
    article's page URL (site-root relative), the number of 项 in each of its 款, and the 款/项 id
    patterns from links.py with {a}, {p}, {i} standing for the numbers."""
    reg = project.regulation
    a, p, i = 900001, 900002, 900003  # placeholders no real number equals

    def pattern(text: str) -> str:
        return text.replace(str(a), "{a}").replace(str(p), "{p}").replace(str(i), "{i}")

    targets: dict = {
        **_article_targets(reg),
        "para": pattern(paragraph_id(a, p)),
        "point": pattern(point_id(a, p, i)),
    }
    if project.laws:
        # 处罚法第32条: each further regulation's names and the same targets as the site's own
        # (article URLs by number, 款/项 shape). Articles with 之N are reached from their
        # article's page, not typed.
        targets["laws"] = [
            {"slug": law.slug, "title": law.name, "names": law_names(law), **_article_targets(law)}
            for law in project.laws
        ]
    return targets


def law_names(law: Regulation) -> list[str]:
    """What a reader may type before an article number to name a further regulation, longest first:
    its title with and without 中华人民共和国, its short title and aliases."""
    names = {law.title, law.title.removeprefix("中华人民共和国"), law.short_title, *law.aliases}
    return sorted((n for n in names if n), key=lambda n: (-len(n), n))


def _article_targets(law: Regulation) -> dict:
    """Article page URLs by number (index number - 1; '' for a number the regulation lacks) and the
    number of 项 in each 款 of each; articles with 之N are left out."""
    plain = {art.number: art for art in law.articles if not art.suffix}
    numbers = range(1, max(plain, default=0) + 1)
    return {
        "urls": [article_url(plain[n]) if n in plain else "" for n in numbers],
        "shape": [[len(pa.points) for pa in plain[n].paragraphs] if n in plain else [] for n in numbers],
    }
