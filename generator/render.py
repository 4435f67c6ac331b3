"""Stage 4: turn the model into pages (source URI -> text). Pure: no file IO beyond templates."""

from __future__ import annotations

import json
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

import jinja2
from markupsafe import Markup

from generator import checklists, quiz, reading, scoring
from generator.links import article_url, formal_citation, provision_url
from generator.model import Article, Chapter
from generator.project import Project

# Parts that add pages, in nav order.
PARTS = (reading, checklists, scoring, quiz)


@cache
def environment() -> jinja2.Environment:
    """Jinja environment for all page templates: strict, trimmed, HTML-escaped."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=True,
        keep_trailing_newline=True,
    )


def relative(from_uri: str, to_url: str) -> str:
    """Link from the page built from `from_uri` (e.g. articles/art-19.md) to a site-root URL."""
    path, _, anchor = to_url.partition("#")
    page_dir = posixpath.dirname(from_uri)
    rel = posixpath.relpath(path, page_dir or ".") if path else ""
    return rel + (f"#{anchor}" if anchor else "")


def chapter_url(chapter: Chapter) -> str:
    return f"chapters/{chapter.slug}.html"


def md_uri(url: str) -> str:
    """Source URI of a generated page from its site URL: articles/art-19.html -> articles/art-19.md."""
    return url.removesuffix(".html") + ".md"


@dataclass(frozen=True)
class Link:
    """A link to another article as templates need it."""

    href: str
    label: str
    caption: str


@dataclass(frozen=True)
class RelatedLink:
    href: str
    citation: str
    reason: str


class _Links(Mapping):
    """id -> link relative to one page, computed on first use.

    Building every link for every page made rendering quadratic in the number of articles.
    """

    def __init__(self, uri: str, urls: Mapping[str, str]) -> None:
        self._uri, self._urls, self._done = uri, urls, {}

    def __getitem__(self, key: str) -> str:
        if key not in self._done:
            self._done[key] = relative(self._uri, self._urls[key])
        return self._done[key]

    def __iter__(self):
        return iter(self._urls)

    def __len__(self) -> int:
        return len(self._urls)


_last_tables: list = [None, None]  # (project, tables) of the project rendered last


def _site_tables(project: Project) -> dict:
    """Lookups that are the same on every page, built once per project (the last one is kept)."""
    if _last_tables[0] is project:
        return _last_tables[1]
    reg = project.regulation
    _last_tables[:] = [
        project,
        {
            "cite": {pid: formal_citation(reg, p) for pid, p in project.index.items()},
            "short_cite": {pid: p.citation for pid, p in project.index.items()},
            "article_urls": {a.id: article_url(a) for a in reg.articles},
            "chapter_urls": {c.id: chapter_url(c) for c in reg.chapters},
        },
    ]
    return _last_tables[1]


def page_context(project: Project, uri: str) -> dict:
    """Context every page template can use: lookups by id, resolved relative to this page."""
    reg = project.regulation
    index = project.index
    tables = _site_tables(project)

    def href(ref: str) -> str:
        return relative(uri, provision_url(index[ref]))

    return {
        "regulation": reg,
        "cite": tables["cite"],
        "short_cite": tables["short_cite"],
        "href": href,
        "href_home": relative(uri, "index.html"),
        "href_fulltext": relative(uri, "fulltext.html"),
        "a_href": _Links(uri, tables["article_urls"]),
        "c_href": _Links(uri, tables["chapter_urls"]),
        # Law text with cross-reference links and glossary terms (generator/reading.py).
        "law_segments": lambda pid, text: reading.law_segments(project, uri, pid, text),
        "law_terms": lambda article: reading.law_terms(project, article),
    }


def render_page(project: Project, template: str, uri: str, **extra: object) -> str:
    """Render a page template with the shared page context for `uri` plus the part's own values."""
    return environment().get_template(template).render(page_context(project, uri), **extra)


def script_json(value: object) -> Markup:
    """JSON for a <script type="application/json"> block: one line, and no character that HTML
    treats specially inside a script element (<, >, &) nor U+2028/U+2029, so no content can close
    the element early. JSON.parse reads it back unchanged."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return Markup(text)


def render_article(project: Project, article: Article) -> str:
    """The page of one article: caption, verbatim text, citation, notes, related, prev/next."""
    reg = project.regulation
    uri = md_uri(article_url(article))
    ctx = page_context(project, uri)

    def link(number: int) -> Link | None:
        if not 1 <= number <= len(reg.articles):
            return None
        other = reg.articles[number - 1]
        return Link(relative(uri, article_url(other)), other.label, other.caption)

    related = [
        RelatedLink(ctx["href"](r.ref), project.index[r.ref].citation, r.reason) for r in article.related
    ]
    chapter = reg.chapter_of(article)
    return (
        environment()
        .get_template("article.md.j2")
        .render(
            ctx,
            article=article,
            chapter=chapter,
            href_chapter=relative(uri, chapter_url(chapter)),
            related=related,
            **reading.article_context(project, uri, article),
            prev=link(article.number - 1),
            next=link(article.number + 1),
        )
    )


def render_chapter(project: Project, chapter: Chapter) -> str:
    """A chapter page: every article of the chapter with its text."""
    reg = project.regulation
    uri = md_uri(chapter_url(chapter))
    articles = reg.articles_in(chapter)
    return (
        environment()
        .get_template("chapter.md.j2")
        .render(
            page_context(project, uri),
            chapter=chapter,
            articles=articles,
            first_label=articles[0].label.removeprefix("第"),
            last_label=articles[-1].label.removeprefix("第"),
        )
    )


def render_home(project: Project) -> str:
    return environment().get_template("home.md.j2").render(page_context(project, "index.md"))


def render_fulltext(project: Project) -> str:
    return environment().get_template("fulltext.md.j2").render(page_context(project, "fulltext.md"))


def regulation_json(project: Project) -> str:
    """site/data/regulation.json: the model for widgets and other systems, stable key order."""
    reg = project.regulation
    data = {
        "title": reg.title,
        "promulgation_note": reg.promulgation_note,
        "issuer": reg.issuer,
        "history": [{"date": h.date, "instrument": h.instrument, "action": h.action} for h in reg.history],
        "effective": reg.effective,
        "source": {"url": reg.source_url, "citation_code": reg.citation_code},
        "chapters": [
            {"number": c.number, "title": c.title, "first": c.first, "last": c.last, "url": chapter_url(c)}
            for c in reg.chapters
        ],
        "articles": [
            {
                "number": a.number,
                "id": a.id,
                "label": a.label,
                "chapter": a.chapter,
                "caption": a.caption,
                "text": a.text,
                "url": article_url(a),
                "citation": formal_citation(reg, project.index[a.id]),
                "paragraphs": [
                    {
                        "id": p.id,
                        "text": p.text,
                        "citation": formal_citation(reg, project.index[p.id]),
                        "points": [
                            {
                                "id": q.id,
                                "text": q.text,
                                "citation": formal_citation(reg, project.index[q.id]),
                            }
                            for q in p.points
                        ],
                    }
                    for p in a.paragraphs
                ],
                "notes": [{"title": n.title, "text": n.text, "refs": list(n.refs)} for n in a.notes],
            }
            for a in reg.articles
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def render_site(project: Project) -> dict[str, str]:
    """Every generated file by source URI, in a stable order."""
    reg = project.regulation
    pages = {"index.md": render_home(project), "fulltext.md": render_fulltext(project)}
    for chapter in reg.chapters:
        pages[md_uri(chapter_url(chapter))] = render_chapter(project, chapter)
    for article in reg.articles:
        pages[md_uri(article_url(article))] = render_article(project, article)
    pages["data/regulation.json"] = regulation_json(project)
    for part in PARTS:
        for uri, text in part.pages(project).items():
            if uri in pages:
                raise ValueError(f"two generators write {uri}")
            pages[uri] = text
    return dict(sorted(pages.items()))


def navigation(project: Project) -> list:
    """MkDocs nav: home, full text, then each chapter as a section led by its chapter page."""
    reg = project.regulation
    nav: list = [{"首页": "index.md"}, {"全文": "fulltext.md"}]
    for chapter in reg.chapters:
        entries = [md_uri(chapter_url(chapter))] + [md_uri(article_url(a)) for a in reg.articles_in(chapter)]
        nav.append({f"{chapter.label} {chapter.plain_title}": entries})
    for part in PARTS:
        nav.extend(part.nav(project))
    return nav
