"""Several regulations in one site (issue 17): the Jilin regulation keeps its URLs, the related
national laws get theirs under laws/<slug>/, and citations resolve both ways."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import ROOT
from test_validate import edit

URLS = ROOT / "tests/vectors/jilin-urls.txt"


def test_every_jilin_url_of_the_single_regulation_site_still_resolves(built_site: Path) -> None:
    # tests/vectors/jilin-urls.txt: every page, data file and 款/项 anchor of the site as it was
    # before further regulations were added (main at 6ed146e); each must still be there.
    missing = []
    for line in URLS.read_text(encoding="utf-8").split():
        path, _, anchor = line.partition("#")
        page = built_site / path
        if not page.is_file() or (anchor and f'id="{anchor}"' not in page.read_text(encoding="utf-8")):
            missing.append(line)
    assert missing == []
    assert len(URLS.read_text(encoding="utf-8").split()) == 216


def test_each_further_regulation_has_its_pages_and_export(built_site: Path) -> None:
    folders = sorted(p.name for p in (ROOT / "content/laws").iterdir() if p.is_dir())
    assert folders == ["gjpc", "xzcf", "xzfy", "xzfy-2017", "xzqz", "xzss", "xzxk", "yssx", "zfxxgk"]
    # xzfy-2017 is an earlier version (version_of: xzfy): no pages of its own, only its 修订对照
    # (tests/test_versions.py).
    assert not (built_site / "laws/xzfy-2017").exists()
    laws = [slug for slug in folders if slug != "xzfy-2017"]
    for slug in laws:
        data = json.loads((built_site / f"laws/{slug}/data/regulation.json").read_text(encoding="utf-8"))
        for name in (
            "index.html",
            "fulltext.html",
            *(a["url"].removeprefix(f"laws/{slug}/") for a in data["articles"]),
        ):
            assert (built_site / f"laws/{slug}" / name).is_file(), (slug, name)
    xzcf = json.loads((built_site / "laws/xzcf/data/regulation.json").read_text(encoding="utf-8"))
    art32 = next(a for a in xzcf["articles"] if a["id"] == "art_32")
    assert art32["citation"] == "《中华人民共和国行政处罚法》第三十二条"
    assert art32["url"] == "laws/xzcf/articles/art-32.html"
    # 第五章 has sections: its chapter record lists them with their article ranges.
    chapter5 = xzcf["chapters"][4]
    assert [(c["id"], c["title"], c["first"], c["last"]) for c in chapter5["children"]] == [
        ("chp_5__sec_1", "一般规定", 39, 50),
        ("chp_5__sec_2", "简易程序", 51, 53),
        ("chp_5__sec_3", "普通程序", 54, 62),
        ("chp_5__sec_4", "听证程序", 63, 65),
    ]


def test_law_text_citations_link_within_the_law(built_site: Path) -> None:
    # 政府信息公开条例 第三十三条第三款 says 前款 (its 第二款); 第十三条 lists 第十四条、第十五条、第十六条.
    html = (built_site / "laws/zfxxgk/articles/art-33.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="kb-xref" href="art-33.html#art_33__para_2"[^>]*>前款</a>', html)
    html = (built_site / "laws/zfxxgk/articles/art-13.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'<a class="kb-xref" href="([^"]+)"[^>]*>(第[^<]+条)</a>', html)
    assert hrefs == [("art-14.html", "第十四条"), ("art-15.html", "第十五条"), ("art-16.html", "第十六条")]
    # 国家赔偿法 第十九条 cites 刑法第十七条、第十八条 and 刑事诉讼法第十五条…: other laws' articles,
    # the whole list left as text (the site does not hold them).
    html = (built_site / "laws/gjpc/articles/art-19.html").read_text(encoding="utf-8")
    assert "依照刑法第十七条、第十八条规定" in html
    assert "kb-xref" not in html.partition('class="kb-law"')[2].partition("</div>")[0]


def test_jilin_editorial_links_reach_the_national_law_and_back(built_site: Path) -> None:
    # 第四十条's note and related entry cite 国家赔偿法 第十六条第一款 (gjpc:art_16__para_1)...
    art40 = (built_site / "articles/art-40.html").read_text(encoding="utf-8")
    assert (
        'href="../laws/gjpc/articles/art-16.html#art_16__para_1">《中华人民共和国国家赔偿法》第十六条第一款</a>'
        in art40
    )
    # ...and that article's page lists 第四十条 among the site's provisions relating to it, with the
    # pair's reason and both sides' words (the related entry's quote_here and quote).
    art16 = (built_site / "laws/gjpc/articles/art-16.html").read_text(encoding="utf-8")
    assert (
        '<a href="../../../articles/art-40.html#art_40__para_1">《吉林市行政执法责任制规定》第四十条</a>'
        ' 赔偿义务机关赔偿后的追偿<span class="kb-pair-texts">该条原文：<q>赔偿后依法向存在故意或过失的'
        "行政执法人员追偿部分或全部赔偿费用</q>；第十六条第一款原文：<q>赔偿义务机关赔偿损失后，应当责令有"
        "故意或者重大过失的工作人员或者受委托的组织或者个人承担部分或者全部赔偿费用</q>。</span>" in art16
    )


def test_laws_index_lists_every_further_regulation(built_site: Path) -> None:
    html = (built_site / "laws/index.html").read_text(encoding="utf-8")
    titles = re.findall(r'<td><a href="[a-z]+/index.html">([^<]+)</a></td>', html)
    assert titles == [
        "中华人民共和国国家赔偿法",
        "中华人民共和国行政处罚法",
        "中华人民共和国行政复议法",
        "中华人民共和国行政强制法",
        "中华人民共和国行政诉讼法",
        "中华人民共和国行政许可法",
        "行政执法机关移送涉嫌犯罪案件的规定",
        "中华人民共和国政府信息公开条例",
    ]


def test_questions_and_checklist_items_may_cite_a_further_regulation(project_copy: Path) -> None:
    from generator.build import load_project, render_site

    edit(
        project_copy,
        "content/questions/art-40.yaml",
        "  cites:\n  - art_40\n  explanation: 表述正确：",
        "  cites:\n  - art_40\n  - gjpc:art_16__para_1\n  explanation: 表述正确：",
    )
    edit(
        project_copy,
        "checklists/officer.yaml",
        "  cites: [art_22, art_25__para_2]\n",
        "  cites: [art_22, art_25__para_2, xzcf:art_17]\n",
    )
    pages = render_site(load_project(project_copy))
    checklist = pages["checklists/officer.md"]
    assert (
        '<a href="../laws/xzcf/articles/art-17.html" title="《中华人民共和国行政处罚法》第十七条">'
        "《中华人民共和国行政处罚法》第十七条</a>" in checklist
    )
    assert (
        '<a href="../laws/gjpc/articles/art-16.html#art_16__para_1">《中华人民共和国国家赔偿法》第十六条第一款</a>'
        in pages["quiz/index.md"]
    )
    assert (
        '"citations":["第四十条","《中华人民共和国国家赔偿法》第十六条第一款"]' in pages["quiz/practice.md"]
    )
    # An unknown provision of a further regulation is refused with its place.
    edit(project_copy, "checklists/officer.yaml", "xzcf:art_17]", "xzcf:art_170]")
    from generator.errors import ContentError

    try:
        load_project(project_copy)
    except ContentError as exc:
        assert [str(p) for p in exc.problems] == [
            "checklists/officer.yaml:12: items[0].cites[2]: unknown provision xzcf:art_170"
        ]
    else:
        raise AssertionError("an unknown provision was accepted")


def test_sections_in_the_nav_and_breadcrumb_of_a_built_article(built_site: Path) -> None:
    # 行政处罚法 第五十一条 is in 第五章 第二节 简易程序: the left nav opens that 节 as a section of
    # its chapter, and the breadcrumb names it with a link to its heading on the chapter page.
    html = (built_site / "laws/xzcf/articles/art-51.html").read_text(encoding="utf-8")
    primary = html.partition('class="md-nav md-nav--primary"')[2]
    before = primary.partition('<a href="art-51.html" class="md-nav__link md-nav__link--active">')[0]
    assert before != primary, "第五十一条 is not the active entry of the nav"
    labels = re.findall(
        r'<label class="md-nav__link" for="(__nav_[\d_]+)"[^>]*>\s*<span class="md-ellipsis">\s*([^<]+?)\s*</span>',
        before,
    )
    toggle, title = labels[-1]
    assert title == "第二节 简易程序"
    assert f'<input class="md-nav__toggle md-toggle " type="checkbox" id="{toggle}" checked>' in before
    assert '<a href="../chapters/chapter-5.html#chp_5__sec_2">第二节 简易程序</a> › 第五十一条</nav>' in html
    chapter = (built_site / "laws/xzcf/chapters/chapter-5.html").read_text(encoding="utf-8")
    assert 'id="chp_5__sec_2"' in chapter


def test_a_national_article_page_lists_the_jilin_articles_related_to_it(built_site: Path) -> None:
    html = (built_site / "laws/xzcf/articles/art-55.html").read_text(encoding="utf-8")
    assert '本站相关条文<span class="kb-editorial-tag">编者整理</span>' in html
    assert (
        '<a href="../../../articles/art-26.html#art_26__para_1__point_3">《吉林市行政执法责任制规定》第二十六条第（三）项</a>'
        in html
    )
