from __future__ import annotations

import json
import re

import pytest

from generator.build import load_project, render_site
from generator.links import relative
from generator.render import render_article


@pytest.fixture(scope="module")
def project(shipped_project):
    return shipped_project


@pytest.fixture(scope="module")
def pages(shipped_pages):
    return dict(shipped_pages)


def test_relative_links() -> None:
    assert relative("articles/art-19.md", "articles/art-20.html") == "art-20.html"
    assert relative("articles/art-19.md", "chapters/chapter-2.html") == "../chapters/chapter-2.html"
    assert relative("index.md", "articles/art-01.html#art_1__para_1") == "articles/art-01.html#art_1__para_1"
    assert relative("articles/art-19.md", "index.html") == "../index.html"


def test_core_pages_exist(pages) -> None:
    for uri in ["index.md", "fulltext.md", "data/regulation.json"]:
        assert uri in pages
    assert sum(1 for u in pages if re.fullmatch(r"articles/art-\d\d\.md", u)) == 43
    assert sum(1 for u in pages if re.fullmatch(r"chapters/chapter-\d\.md", u)) == 6


def test_article_page_has_anchor_per_provision(project) -> None:
    page = render_article(project, project.regulation.articles[19])
    assert page.startswith('---\ntitle: "\\u7b2c\\u4e8c\\u5341\\u6761')
    for pid in ["art_20__para_1"] + [f"art_20__para_1__point_{k}" for k in range(1, 5)]:
        assert f'id="{pid}"' in page
    assert 'data-kb-citation="《吉林市行政执法责任制规定》第二十条"' in page
    assert '<a class="kb-prev" rel="prev" href="art-19.html">← 第十九条 行政复议应诉</a>' in page
    assert 'href="../chapters/chapter-2.html"' in page


def test_text_is_escaped_not_interpreted(project) -> None:
    import dataclasses

    art = project.regulation.articles[0]
    para = dataclasses.replace(art.paragraphs[0], text="<b>粗</b>&")
    evil = dataclasses.replace(art, paragraphs=(para,))
    page = render_article(dataclasses.replace(project), evil)
    assert "&lt;b&gt;粗&lt;/b&gt;&amp;" in page
    assert "<b>粗</b>" not in page


def test_regulation_json(pages, project) -> None:
    data = json.loads(pages["data/regulation.json"])
    assert data["title"] == "吉林市行政执法责任制规定"
    assert len(data["articles"]) == 43
    art = data["articles"][35]
    assert art["number"] == 36 and art["chapter"] == 5 and art["url"] == "articles/art-36.html"
    assert art["caption"] == project.regulation.articles[35].caption
    assert art["text"].split("\n")[1] == "（一）责令作出书面检查；"
    assert art["paragraphs"][0]["points"][2]["id"] == "art_36__para_1__point_3"


def test_render_is_deterministic(project, pages) -> None:
    # `pages` is the module's first render of the same project.
    assert render_site(project) == pages


def test_home_says_editorial_aids_are_unofficial_and_when_reviewed(project, pages) -> None:
    reviewed = project.regulation.reviewed
    assert reviewed is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", reviewed.date)
    home = pages["index.md"]
    block = home[home.index('<section id="kb-editorial-review"') :]
    block = block[: block.index("</section>")]
    assert "不是规定原文，不具有法律效力" in block
    assert f"最近一次对照规定原文审读：{reviewed.date}，{reviewed.by}。" in block


def test_home_has_no_review_block_without_a_review(project_copy) -> None:
    path = project_copy / "content/regulation.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("reviewed:")], encoding="utf-8")
    home = render_site(load_project(project_copy))["index.md"]
    assert "kb-editorial-review" not in home


def test_notes_export_their_quotes(project, pages) -> None:
    data = json.loads(pages["data/regulation.json"])
    art40 = next(a for a in data["articles"] if a["number"] == 40)
    assert art40["notes"][0]["quote"] == ["赔偿后依法向存在故意或过失的行政执法人员追偿部分或全部赔偿费用"]
    assert art40["notes"][0]["kind"] == "higher_law"
    assert art40["notes"][0]["higher_ref"] == "gjpc:art_16__para_1"
    assert art40["notes"][0]["higher_quote"] == [
        "赔偿义务机关赔偿损失后，应当责令有故意或者重大过失的工作人员或者受委托的组织或者个人承担部分或者全部赔偿费用"
    ]
    assert (
        "<q>赔偿后依法向存在故意或过失的行政执法人员追偿部分或全部赔偿费用</q>" in pages["articles/art-40.md"]
    )


def _xzcf(project):
    from generator.render import law_view

    law = next(law for law in project.laws if law.slug == "xzcf")
    return law_view(project, law), law


def test_sections_in_the_breadcrumb_and_legend_of_an_article(project) -> None:
    view, law = _xzcf(project)
    page = render_article(view, next(a for a in law.articles if a.number == 51))
    assert (
        '<a href="../chapters/chapter-5.html">第五章 行政处罚的决定</a> › '
        '<a href="../chapters/chapter-5.html#chp_5__sec_2">第二节 简易程序</a> › 第五十一条</nav>'
    ) in page
    # A Jilin article (chapters only) keeps its breadcrumb.
    jilin = render_article(project, project.regulation.articles[25])
    assert '<a href="../chapters/chapter-3.html">第三章 行政执法人员</a> › 第二十六条</nav>' in jilin


def test_sections_in_the_full_text_and_chapter_outlines(project) -> None:
    from generator.render import fulltext_outline, render_chapter

    view, law = _xzcf(project)
    chapter5 = fulltext_outline(view)["items"][5]
    assert chapter5["title"] == "第五章　行政处罚的决定"
    assert [(s["title"], s["href"]) for s in chapter5["children"]] == [
        ("第一节　一般规定", "#chp_5__sec_1"),
        ("第二节　简易程序", "#chp_5__sec_2"),
        ("第三节　普通程序", "#chp_5__sec_3"),
        ("第四节　听证程序", "#chp_5__sec_4"),
    ]
    assert [a["href"] for a in chapter5["children"][1]["children"]] == [
        "#full-art_51",
        "#full-art_52",
        "#full-art_53",
    ]
    page = render_chapter(view, law.chapters[4])
    outline = json.loads(page.partition("kb_outline: ")[2].partition("\n")[0])
    assert outline["items"][1]["title"] == "第二节　简易程序"
    assert outline["items"][1]["children"][0] == {"title": "第五十一条", "href": "#art_51", "children": []}
    assert '<h2 id="chp_5__sec_2" class="kb-division-heading">第二节　简易程序</h2>' in page
