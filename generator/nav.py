"""Stage 4b: the site's navigation.

Two pure pieces. `regulation_nav` and `site_nav` write the whole nav as MkDocs `nav` entries (source
URIs, titled sections); MkDocs turns them into its Navigation once per build, which gives every page
its place (parents, active path). `page_view` then cuts that Navigation down to what one page shows:
the sections on the way to the page keep their entries, every other section is reduced to its way to
its first page, which is all the theme draws of a section `navigation.prune` hides. A page's nav
thus holds the regulation's chapters (or, when there are many, about sqrt(n) ranges of them), the
current chapter's articles and the parts' entries, never every chapter's articles, and the theme's
loops over it (navigation.indexes checks each child) stay bounded. The home page and the full text
carry the complete lists.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, MutableMapping, Sequence
from typing import TYPE_CHECKING

from generator.laws import by_category, law_label
from generator.links import LAWS_INDEX, article_url, chapter_url, fulltext_url, home_url, md_uri

if TYPE_CHECKING:
    from generator.model import Chapter, Regulation
    from generator.part import Part
    from generator.project import Project

# Up to this many chapters (or articles in a chapter, or regulations) are listed as they are; more
# are split into about sqrt(n) ranges so a page's nav stays near 2*sqrt(n) entries.
FLAT_LIMIT = 32
# The section that lists the regulations shown beside the site's own (issue 17).
RELATED_TITLE = "相关法律法规"


def _range_title(first: str, last: str) -> str:
    """第一章至第二十六章"""
    return first if first == last else f"{first}至{last}"


def grouped(
    entries: Sequence[tuple[str, object]],
    limit: int = FLAT_LIMIT,
    title: Callable[[str, str], str] = _range_title,
) -> list:
    """Nav entries from (label, entry) pairs: as they are when at most `limit`, else split in order
    into ceil(sqrt(n)) ranges of near-equal size, each a section titled by `title(first, last)`
    from the labels of its first and last entries."""
    if len(entries) <= limit:
        return [entry for _, entry in entries]
    count = math.ceil(math.sqrt(len(entries)))
    size, extra = divmod(len(entries), count)
    out, start = [], 0
    for k in range(count):
        chunk = entries[start : start + size + (k < extra)]
        start += len(chunk)
        out.append({title(chunk[0][0], chunk[-1][0]): [entry for _, entry in chunk]})
    return out


def regulation_nav(regulation: Regulation, home: str = "首页", fulltext: str = "全文") -> list:
    """Nav entries of one regulation (its URLs carry its folder: '' for the site's own, laws/<slug>/
    for one beside it): its home page, its full text, then its chapters, each led by its chapter
    page and listing its articles; a regulation without chapters lists its articles. Many chapters
    (or many articles in a chapter) are grouped into ranges (see `grouped`)."""
    head = [{home: md_uri(home_url(regulation))}, {fulltext: md_uri(fulltext_url(regulation))}]
    if not regulation.chapters:
        return head + grouped([(a.label, md_uri(article_url(a))) for a in regulation.articles])
    chapters = []
    for chapter in regulation.chapters:
        entries = [md_uri(chapter_url(chapter)), *division_entries(regulation, chapter)]
        chapters.append((chapter.label, {f"{chapter.label} {chapter.plain_title}": entries}))
    return head + grouped(chapters)


def division_entries(regulation: Regulation, division: Chapter) -> list:
    """The nav entries inside a division: its articles in order, those of a nested division (节
    in a 章, 章 in a 编, any depth) gathered in a section titled 第二节 简易程序 where the first of
    them stands; many articles in a row are grouped into ranges (see `grouped`)."""
    out: list = []
    run: list[tuple[str, object]] = []
    done: set[str] = set()
    articles = regulation.articles[division.first - 1 : division.last]
    for position, article in enumerate(articles, start=division.first):
        child = next((c for c in division.children if c.first <= position <= c.last), None)
        if child is None:
            run.append((article.label, md_uri(article_url(article))))
            continue
        if child.id not in done:
            done.add(child.id)
            out += grouped(run)
            run = []
            out.append({f"{child.label} {child.plain_title}": division_entries(regulation, child)})
    return out + grouped(run)


def related_nav(laws: Sequence[Regulation]) -> list:
    """The 相关法律法规 section: the list of them (laws/index.html), then one entry per further
    regulation holding its `regulation_nav`, grouped into ranges when there are many; none when
    there are none."""
    if not laws:
        return []
    own = [law for law in laws if not law.library]
    entries = [(law.name, {law.name: regulation_nav(law, home="文件信息")}) for law in own]
    # A library's documents (hundreds) go under one section per category, each split into ranges
    # by `grouped`: a page shows the categories, the ranges of its own and its law's entries.
    library = [
        {
            f"{category}（{len(members)}）": grouped(
                [(law_label(law), {law_label(law): regulation_nav(law, home="文件信息")}) for law in members]
            )
        }
        for category, members in by_category([law for law in laws if law.library])
    ]
    return [{RELATED_TITLE: [md_uri(LAWS_INDEX), *grouped(entries), *library]}]


def site_nav(project: Project, parts: Iterable[Part]) -> list:
    """MkDocs nav of the site: the regulation's, the regulations beside it (`related_nav`), then
    each loaded part's entries in registry order."""
    nav = regulation_nav(project.regulation)
    nav.extend(related_nav(project.laws))
    for part in parts:
        if part.name in project.parts:
            nav.extend(part.nav(project))
    return nav


def nav_titles(nav: list) -> dict[str, str]:
    """Source URI -> title for the pages the nav names with a title of their own ({title: uri}),
    as MkDocs titles the pages it makes from the nav."""
    out: dict[str, str] = {}
    for entry in nav:
        if isinstance(entry, dict):
            for title, value in entry.items():
                if isinstance(value, str):
                    out[value] = title
                else:
                    out.update(nav_titles(value))
    return out


def page_view(items: Sequence, stubs: MutableMapping[int, object]) -> list:
    """The nav items one page shows, from MkDocs' Navigation items while that page is active.

    A section on the way to the page keeps its children, each shown by the same rule; any other
    section becomes a stub: a section of the same title holding only the way to its first page,
    which is what the theme draws for a pruned section (a link to that page), so the HTML is the
    same as with the whole nav. Stubs never hold the current page; they are kept in `stubs` (by
    id of the section) and shared between pages of one build.
    """
    from mkdocs.structure.nav import Section

    def stub(section):
        key = id(section)
        if key not in stubs:
            first = section.children[0] if section.children else None
            children = [] if first is None else [stub(first) if first.is_section else first]
            stubs[key] = Section(section.title, children)
        return stubs[key]

    def view(items):
        out = []
        for item in items:
            if not item.is_section:
                out.append(item)
            elif item.active:
                shown = Section(item.title, view(item.children))
                shown.active = True
                out.append(shown)
            else:
                out.append(stub(item))
        return out

    return view(items)
