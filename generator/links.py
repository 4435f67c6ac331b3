"""Stage 3: every citable provision by id, formal citations, and the core's page URLs.

Each id and URL pattern of the core (the regulations' own pages) is spelled here once; a part's
URL patterns live once in its folder (generator/parts/<name>/urls.py), and a page of one part that
another part or the core links to reaches them through what the part hands over (Part.links, its
model), never by name. URLs are site-root relative (`articles/art-19.html`); `relative` turns them
into links from one page.
"""

from __future__ import annotations

import dataclasses
import posixpath

from generator.model import Article, Chapter, Provision, Regulation, article_id
from generator.numerals import to_chinese

# Pages of the core (the regulation itself).
HOME = "index.html"
FULLTEXT = "fulltext.html"
REGULATION_JSON = "data/regulation.json"


def paragraph_id(article: int, paragraph: int) -> str:
    return paragraph_eid(article_id(article), paragraph)


def point_id(article: int, paragraph: int, point: int) -> str:
    return point_eid(paragraph_id(article, paragraph), point)


# Ids of the importer's document model (generator/parse.py), which also holds 第十七条之一, 目 and
# nested divisions. For a plain article they are the ids above: art_17, art_17__para_2__point_3.
DIVISION_PREFIX = {
    "book": "book",
    "part": "part",
    "chapter": "chp",
    "section": "sec",
    "heading": "hcontainer",
}


def article_eid(number: int, suffix: int = 0) -> str:
    """Id of an article, 之N included: (17, 0) -> art_17, (17, 1) -> art_17-1 (第十七条之一)."""
    return article_id(number) + (f"-{suffix}" if suffix else "")


def paragraph_eid(article: str, paragraph: int) -> str:
    """Id of a 款 inside the article with id `article`: art_17-1__para_2."""
    return f"{article}__para_{paragraph}"


def point_eid(paragraph: str, point: int) -> str:
    """Id of a 项 inside the 款 with id `paragraph`: art_17__para_1__point_3."""
    return f"{paragraph}__point_{point}"


def subpoint_eid(point: str, subpoint: int) -> str:
    """Id of a 目 (1. 2.) inside the 项 with id `point`: art_17__para_1__point_2__subpoint_1."""
    return f"{point}__subpoint_{subpoint}"


def division_eid(parent: str, kind: str, number: int) -> str:
    """Id of a 编/分编/章/节 (or a judicial interpretation's 一、 heading), nested in `parent`.

    Top-level chapters keep the site's chapter ids (chp_2); nested ones name their path, as Akoma
    Ntoso does: book_1__chp_2__sec_3. `parent` is '' at the top.
    """
    own = f"{DIVISION_PREFIX[kind]}_{number}"
    return f"{parent}__{own}" if parent else own


def appendix_eid(number: int) -> str:
    """Id of an appendix (附件, 附表, 附：) after the last article: att_1."""
    return f"att_{number}"


def note_id(article: int, note: int) -> str:
    """Anchor of an editorial note on an article page (1-based)."""
    return f"{article_id(article)}__note_{note}"


# Further regulations (content/laws/<slug>/) have the same pages under this folder.
LAWS = "laws/"
LAWS_INDEX = "laws/index.html"
# A provision of a further regulation is named across the site as <slug>:<id> (xzcf:art_32).
KEY_SEPARATOR = ":"


def law_base(slug: str) -> str:
    """URL folder of a further regulation's pages: xzcf -> laws/xzcf/."""
    return f"{LAWS}{slug}/"


def provision_key(base_slug: str, provision_id: str) -> str:
    """Site-wide name of a provision: the id in the site's own regulation ('' slug), else slug:id."""
    return f"{base_slug}{KEY_SEPARATOR}{provision_id}" if base_slug else provision_id


def key_of(regulation: Regulation, provision_id: str) -> str:
    """Site-wide key of one of the regulation's own provisions (its slug only for a further one)."""
    return provision_key(regulation.slug if regulation.base else "", provision_id)


def home_url(regulation: Regulation) -> str:
    """A regulation's home (information and contents) page: index.html, laws/xzcf/index.html."""
    return regulation.base + HOME


def fulltext_url(regulation: Regulation) -> str:
    return regulation.base + FULLTEXT


def regulation_json_url(regulation: Regulation) -> str:
    return regulation.base + REGULATION_JSON


def article_url(article: Article) -> str:
    """Path of an article page relative to the site root."""
    return f"{article.base}articles/{article.slug}.html"


def note_url(article: Article, note: int) -> str:
    return f"{article_url(article)}#{note_id(article.number, note)}"


def chapter_url(chapter: Chapter) -> str:
    return f"{chapter.base}chapters/{chapter.slug}.html"


def md_uri(url: str) -> str:
    """Source URI of a generated page from its site URL: articles/art-19.html -> articles/art-19.md."""
    return url.partition("#")[0].removesuffix(".html") + ".md"


def relative(from_uri: str, to_url: str) -> str:
    """Link from the page built from `from_uri` (e.g. articles/art-19.md) to a site-root URL."""
    path, _, anchor = to_url.partition("#")
    page_dir = posixpath.dirname(from_uri)
    rel = posixpath.relpath(path, page_dir or ".") if path else ""
    return rel + (f"#{anchor}" if anchor else "")


def site_root(from_uri: str) -> str:
    """Prefix that leads from the page built from `from_uri` to the site root ('' or '../')."""
    return relative(from_uri, HOME).removesuffix(HOME)


def provision_index(regulation: Regulation, slug: str = "") -> dict[str, Provision]:
    """Every 条, 款, 项 and 目 by id, in document order, with its formal citation (title omitted).

    A single-paragraph article is cited without 第一款 (第二十六条第（三）项), as Chinese
    drafting practice does; with several paragraphs the 款 is named (第二十五条第二款).
    `slug` names a further regulation: keys become slug:id (see provision_key); ids stay as they are.
    """
    index: dict[str, Provision] = {}
    title = regulation.title

    def add(provision: Provision) -> None:
        key = provision_key(slug, provision.id)
        index[key] = dataclasses.replace(provision, title=title, key=key)

    for art in regulation.articles:
        add(Provision(art.id, art, citation=art.label, text=art.text))
        several = len(art.paragraphs) > 1
        for para in art.paragraphs:
            para_cite = art.label + (f"第{to_chinese(para.number)}款" if several else "")
            lines = [para.text]
            for p in para.points:
                lines += [p.text, *(s.text for s in p.subpoints)]
            add(Provision(para.id, art, para, citation=para_cite, text="\n".join(lines)))
            for point in para.points:
                point_cite = f"{para_cite}第（{to_chinese(point.number)}）项"
                point_text = "\n".join([point.text, *(s.text for s in point.subpoints)])
                add(Provision(point.id, art, para, point, citation=point_cite, text=point_text))
                for sub in point.subpoints:
                    cite = f"{point_cite}第{to_chinese(sub.number)}目"
                    add(Provision(sub.id, art, para, point, citation=cite, text=sub.text, subpoint=sub))
    return index


def local_citation(regulation: Regulation, provision: Provision) -> str:
    """The citation as pages of `regulation` show it: 第二十六条 for one of its own provisions,
    《中华人民共和国国家赔偿法》第十六条 for another regulation's."""
    if provision.title in ("", regulation.title):
        return provision.citation
    return f"《{provision.title}》{provision.citation}"


def formal_citation(regulation: Regulation, provision: Provision) -> str:
    """《吉林市行政执法责任制规定》第二十六条第（三）项 (the title of the provision's own regulation)."""
    return f"《{provision.title or regulation.title}》{provision.citation}"


def provision_url(provision: Provision) -> str:
    """Site-root-relative URL of a provision: the article page, anchored below article level."""
    url = article_url(provision.article)
    return url if provision.paragraph is None else f"{url}#{provision.id}"
