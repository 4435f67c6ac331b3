"""The site's navigation (generator/nav.py): today's nav for the Jilin regulation, ranges of chapters for
large regulations, the 相关法律法规 section, and the bounded view a page shows."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pytest
from conftest import ROOT
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Section, get_navigation

from generator.model import Chapter
from generator.nav import FLAT_LIMIT, RELATED_TITLE, grouped, nav_titles, page_view, regulation_nav, site_nav
from generator.parts import PARTS

# The Jilin regulation's nav as it was before nav.py (render.core_nav): labels and URIs must not change.
JILIN_CHAPTERS = {
    "第一章 总则": (1, 1, 4),
    "第二章 行政执法机关责任": (2, 5, 21),
    "第三章 行政执法人员": (3, 22, 27),
    "第四章 评议考核与监督": (4, 28, 34),
    "第五章 行政执法责任追究": (5, 35, 41),
    "第六章 附则": (6, 42, 43),
}


@pytest.fixture(scope="module")
def project(shipped_project):
    return shipped_project


def scaled(regulation, copies: int):
    """The regulation repeated `copies` times, renumbered (what `bench` synthesizes, model only)."""
    n_art, n_chp = len(regulation.articles), len(regulation.chapters)
    chapters = tuple(
        Chapter(c.number + k * n_chp, c.title, c.first + k * n_art, c.last + k * n_art)
        for k in range(copies)
        for c in regulation.chapters
    )
    articles = tuple(
        dataclasses.replace(a, number=a.number + k * n_art, chapter=a.chapter + k * n_chp)
        for k in range(copies)
        for a in regulation.articles
    )
    return dataclasses.replace(regulation, chapters=chapters, articles=articles)


def test_jilin_nav_is_todays(project) -> None:
    nav = regulation_nav(project.regulation)
    assert nav[:2] == [{"首页": "index.md"}, {"全文": "fulltext.md"}]
    expected = [
        {
            title: [f"chapters/chapter-{number}.md"]
            + [f"articles/art-{a:02d}.md" for a in range(first, last + 1)]
        }
        for title, (number, first, last) in JILIN_CHAPTERS.items()
    ]
    assert nav[2:] == expected


def test_site_nav_adds_the_parts_after_the_regulation(project) -> None:
    nav = site_nav(project, PARTS)
    assert [next(iter(e)) for e in nav] == [
        "首页",
        "全文",
        *JILIN_CHAPTERS,
        "相关法律法规",
        "修订对照",
        "主题",
        "角色",
        "术语",
        "自查清单",
        "考核评分",
        "学法考试",
        "数字练习（自动生成）",
    ]


def test_grouped_keeps_short_lists() -> None:
    entries = [(f"第{i}章", f"c{i}.md") for i in range(FLAT_LIMIT)]
    assert grouped(entries) == [f"c{i}.md" for i in range(FLAT_LIMIT)]


def test_grouped_splits_long_lists_into_about_sqrt_n_ranges() -> None:
    entries = [(str(i), f"c{i}.md") for i in range(600)]
    groups = grouped(entries, title=lambda first, last: f"{first}-{last}")
    assert len(groups) == math.ceil(math.sqrt(600)) == 25
    sizes = [len(next(iter(g.values()))) for g in groups]
    assert set(sizes) == {24}
    assert next(iter(groups[0])) == "0-23"
    assert [e for g in groups for e in next(iter(g.values()))] == [e for _, e in entries]
    uneven = grouped(entries[:35])
    assert [len(next(iter(g.values()))) for g in uneven] == [6, 6, 6, 6, 6, 5]


def test_large_regulation_groups_chapters_into_ranges(project) -> None:
    reg = scaled(project.regulation, 100)  # 600 chapters, 4,300 articles
    nav = regulation_nav(reg)
    ranges = nav[2:]
    assert len(ranges) == 25
    assert list(ranges[0]) == ["第一章至第二十四章"]
    assert list(ranges[-1]) == ["第五百七十七章至第六百章"]
    first_chapter = ranges[0]["第一章至第二十四章"][0]
    assert first_chapter == {
        "第一章 总则": ["chapters/chapter-1.md", *(f"articles/art-0{a}.md" for a in range(1, 5))]
    }


def test_a_further_regulation_is_under_its_folder(project) -> None:
    # Issue 17: each law's URLs carry laws/<slug>/; its chapters with 节 are one entry each.
    xzcf = project.law("xzcf")
    nav = regulation_nav(xzcf, home="文件信息")
    assert nav[:2] == [{"文件信息": "laws/xzcf/index.md"}, {"全文": "laws/xzcf/fulltext.md"}]
    assert nav[2]["第一章 总则"][:2] == ["laws/xzcf/chapters/chapter-1.md", "laws/xzcf/articles/art-01.md"]
    assert len(nav) == 2 + 8
    # A regulation without chapters lists its articles.
    yssx = regulation_nav(project.law("yssx"))
    assert yssx[2:4] == ["laws/yssx/articles/art-01.md", "laws/yssx/articles/art-02.md"]
    assert len(yssx) == 2 + 20


def test_related_section_lists_each_further_regulation(project) -> None:
    nav = site_nav(project, ())
    related = nav[-1][RELATED_TITLE]
    assert related[0] == "laws/index.md"
    assert [next(iter(entry)) for entry in related[1:]] == [law.name for law in project.laws]
    assert related[2] == {"行政处罚法": regulation_nav(project.law("xzcf"), home="文件信息")}
    assert site_nav(dataclasses.replace(project, laws=()), ()) == nav[:-1]


def test_nav_titles() -> None:
    nav = [{"首页": "index.md"}, {"主题": ["topics/index.md", {"执法": "topics/a.md"}]}, "x.md"]
    assert nav_titles(nav) == {"index.md": "首页", "topics/a.md": "执法"}


def mkdocs_nav(nav: list, tmp_path: Path):
    """MkDocs' Navigation of `nav`, over empty generated pages."""
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path))
    uris = list(_uris(nav))
    files = Files([File(uri, str(tmp_path), str(tmp_path / "site"), False) for uri in uris])
    config.nav = nav
    return get_navigation(files, config)


def _uris(nav):
    for entry in nav:
        if isinstance(entry, str):
            yield entry
        else:
            for value in entry.values():
                yield from [value] if isinstance(value, str) else _uris(value)


def entries(items) -> int:
    """Nav entries a page draws: every item of the view, nested ones included."""
    return sum(1 + (entries(i.children) if i.is_section else 0) for i in items)


def test_page_view_is_bounded_and_keeps_the_way_to_the_page(project, tmp_path: Path) -> None:
    reg = scaled(project.regulation, 100)
    nav = mkdocs_nav(regulation_nav(reg), tmp_path)
    assert entries(nav.items) > 5000
    stubs: dict = {}
    page = next(p for p in nav.pages if p.file.src_uri == "articles/art-2626.md")
    page.active = True
    view = page_view(nav.items, stubs)
    page.active = False
    # 首页, 全文, 25 ranges; the open range's 24 chapters; the open chapter's page and 4 articles;
    # each closed range or chapter holds only the way to its first page.
    assert entries(view) < 150
    opened = [s for s in view if s.is_section and s.active]
    assert [s.title for s in opened] == ["第三百六十一章至第三百八十四章"]
    chapter = next(c for c in opened[0].children if c.active)
    assert chapter.title == "第三百六十七章 总则"
    assert [p.file.src_uri for p in chapter.children][:2] == [
        "chapters/chapter-367.md",
        "articles/art-2624.md",
    ]
    assert page in chapter.children
    closed = view[2]
    assert closed.title == "第一章至第二十四章" and not closed.active
    assert [type(c) for c in closed.children] == [Section]
    assert [p.file.src_uri for p in closed.children[0].children] == ["chapters/chapter-1.md"]
    # Closed sections are the same objects for every page of a build.
    other = next(p for p in nav.pages if p.file.src_uri == "articles/art-01.md")
    other.active = True
    again = page_view(nav.items, stubs)
    other.active = False
    assert again[-1] is view[-1]


def test_page_view_of_a_page_outside_the_nav_closes_every_section(project, tmp_path: Path) -> None:
    nav = mkdocs_nav(regulation_nav(project.regulation), tmp_path)
    view = page_view(nav.items, {})
    assert [i.title for i in view] == ["首页", "全文", *JILIN_CHAPTERS]
    assert all(not s.active and len(s.children) == 1 for s in view[2:])


def _law(project, slug: str):
    return next(law for law in project.laws if law.slug == slug)


def test_sections_are_nav_sections_inside_their_chapter(project) -> None:
    # 行政处罚法 第五章 has four 节: each is a section of the chapter's entry, holding its articles;
    # 第五十一条 is under 第二节 简易程序.
    nav = regulation_nav(_law(project, "xzcf"))
    chapter5 = next(e for e in nav if isinstance(e, dict) and "第五章 行政处罚的决定" in e)[
        "第五章 行政处罚的决定"
    ]
    art = "laws/xzcf/articles/art-{}.md".format
    assert chapter5 == [
        "laws/xzcf/chapters/chapter-5.md",
        {"第一节 一般规定": [art(n) for n in range(39, 51)]},
        {"第二节 简易程序": [art(51), art(52), art(53)]},
        {"第三节 普通程序": [art(n) for n in range(54, 63)]},
        {"第四节 听证程序": [art(63), art(64), art(65)]},
    ]
    # A chapter without sections lists its articles as before.
    chapter4 = next(e for e in nav if isinstance(e, dict) and "第四章 行政处罚的管辖和适用" in e)
    assert all(isinstance(x, str) for x in chapter4["第四章 行政处罚的管辖和适用"])


def test_divisions_nest_to_any_depth_with_articles_beside_them(project) -> None:
    # A 编 holding an article of its own, then a 章 with two 节: every level is a section in the
    # nav, articles outside any nested division stay where they stand.
    law = _law(project, "xzcf")
    articles = law.articles[:6]
    sec1 = Chapter(1, "甲节", 2, 3, kind="section", eid="book_1__chp_1__sec_1")
    sec2 = Chapter(2, "乙节", 4, 5, kind="section", eid="book_1__chp_1__sec_2")
    chp = Chapter(1, "某章", 2, 6, kind="chapter", children=(sec1, sec2), eid="book_1__chp_1")
    book = Chapter(1, "某编", 1, 6, kind="book", children=(chp,), base=law.base)
    reg = dataclasses.replace(law, chapters=(book,), articles=articles)
    art = "laws/xzcf/articles/art-0{}.md".format
    assert regulation_nav(reg)[2:] == [
        {
            "第一编 某编": [
                "laws/xzcf/chapters/book-1.md",
                art(1),
                {
                    "第一章 某章": [
                        {"第一节 甲节": [art(2), art(3)]},
                        {"第二节 乙节": [art(4), art(5)]},
                        art(6),
                    ]
                },
            ]
        }
    ]
