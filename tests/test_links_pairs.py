"""Links both ways across regulations (issue 27 item 3): editorial pairs from the Jilin articles to
the national provisions on the same duty, each quoting both sides verbatim (build-checked), the
backlinks computed for the national pages, and the per-page preview data (item 4)."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
from test_validate import edit, problems

from generator.build import load_project
from generator.links import KEY_SEPARATOR
from generator.render import law_view, preview_data, render_article


@pytest.fixture(scope="module")
def project(shipped_project):
    return shipped_project


def pairs(project) -> list:
    return [(a, r) for a in project.regulation.articles for r in a.related if KEY_SEPARATOR in r.ref]


def _law_article(project, slug: str, number: int):
    law = next(law for law in project.laws if law.slug == slug)
    return law_view(project, law), next(a for a in law.articles if a.number == number and not a.suffix)


def test_at_least_forty_pairs_each_quoting_both_sides_verbatim(project) -> None:
    found = pairs(project)
    assert len({(a.id, r.ref) for a, r in found}) >= 40
    for article, rel in found:
        assert rel.quote and rel.quote_here, (article.id, rel.ref)
        there = project.index[rel.ref].text
        assert all(f in there for f in rel.quote), (article.id, rel.ref)
        assert all(f in article.text for f in rel.quote_here), (article.id, rel.ref)


def test_the_duties_of_the_issue_are_paired(project) -> None:
    # 出示证件, 两人以上执法, 回避 is not in the regulation; 听证, 委托, 复议与诉讼, 赔偿与追偿.
    refs = {(a.number, r.ref) for a, r in pairs(project)}
    for expected in [
        (26, "xzcf:art_55__para_1"),
        (26, "xzqz:art_18__para_1__point_3"),
        (26, "xzcf:art_42__para_1"),
        (26, "xzqz:art_18__para_1__point_2"),
        (12, "xzcf:art_63__para_1"),
        (16, "xzcf:art_20__para_2"),
        (19, "xzss:art_3__para_3"),
        (20, "xzfy:art_11__para_1__point_10"),
        (40, "gjpc:art_16__para_1"),
        (40, "gjpc:art_7__para_1"),
    ]:
        assert expected in refs


PAIR = """- ref: xzcf:art_55__para_1
  reason: 调查或者检查时主动出示执法证件
  quote: 执法人员在调查或者进行检查时，应当主动向当事人或者有关人员出示执法证件
  quote_here: 主动向行政相对人出示行政执法证件
"""
ART26 = "content/articles/art-26.yaml"


def _line(project: Path, text: str) -> int:
    lines = (project / ART26).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line == text)


@pytest.mark.parametrize(
    ("new", "field", "message"),
    [
        # A pair without the Jilin side's words.
        (
            PAIR.replace("  quote_here: 主动向行政相对人出示行政执法证件\n", ""),
            "related[2].reason",
            "restates the law without a quote: add quote_here (verbatim words of 第二十六条) or navigation: true",
        ),
        # The Jilin side's words taken from the national side.
        (
            PAIR.replace("quote_here: 主动向行政相对人出示行政执法证件", "quote_here: 应当主动向当事人"),
            "related[2].quote_here",
            "not found in the text of 第二十六条",
        ),
        # One fragment of a list is not verbatim (a half-width comma for the full-width one).
        (
            PAIR.replace(
                "quote_here: 主动向行政相对人出示行政执法证件",
                'quote_here: [二人以上执法, "二人以上执法,主动"]',
            ),
            "related[2].quote_here[1]",
            "not found in the text of 第二十六条",
        ),
        # The national side's words not in the cited provision (they are in its second 款).
        (
            PAIR.replace(
                "quote: 执法人员在调查或者进行检查时，应当主动向当事人或者有关人员出示执法证件",
                "quote: 询问或者检查应当制作笔录",
            ),
            "related[2].quote",
            "not found in the text of 《中华人民共和国行政处罚法》第五十五条第一款",
        ),
        # An empty quote_here.
        (
            PAIR.replace("quote_here: 主动向行政相对人出示行政执法证件", "quote_here: ''"),
            "related[2].quote_here",
            "'' is not valid under any of the given schemas",
        ),
    ],
    ids=["missing", "other-side", "fragment", "wrong-provision", "empty"],
)
def test_a_broken_pair_is_refused_with_its_line(
    project_copy: Path, new: str, field: str, message: str
) -> None:
    edit(project_copy, ART26, PAIR, new)
    found = problems(project_copy)
    line = next(
        i
        for i, text in enumerate(new.splitlines())
        if text.startswith(f"  {field.split('.')[-1].split('[')[0]}:")
    )
    at = _line(project_copy, "- ref: xzcf:art_55__para_1") + line
    assert found == [f"{ART26}:{at}: {field}: {message}"]


def test_quote_here_is_checked_on_a_link_inside_the_regulation_too(project_copy: Path) -> None:
    old = "- ref: art_36\n  reason: 违反本条规定的处理\n"
    edit(project_copy, ART26, old, old + "  quote_here: 酒后驾驶\n")
    at = _line(project_copy, "  quote_here: 酒后驾驶")
    assert problems(project_copy) == [
        f"{ART26}:{at}: related[1].quote_here: not found in the text of 第二十六条"
    ]


def test_a_navigation_pointer_needs_no_quotes(project_copy: Path) -> None:
    edit(project_copy, ART26, PAIR, "- ref: xzcf:art_55__para_1\n  reason: 参见\n  navigation: true\n")
    load_project(project_copy)


def test_a_national_page_lists_the_jilin_provisions_relating_to_it(project) -> None:
    view, art55 = _law_article(project, "xzcf", 55)
    page = render_article(view, art55)
    section = page.partition("<h2>本站相关条文")[2].partition("</ul>")[0]
    assert (
        '<li><a href="../../../articles/art-26.html#art_26__para_1__point_3">《吉林市行政执法责任制规定》第二十六条第（三）项</a>'
        ' 调查或者检查时主动出示执法证件<span class="kb-pair-texts">该条原文：<q>主动向行政相对人出示行政执法证件</q>；'
        "第五十五条第一款原文：<q>执法人员在调查或者进行检查时，应当主动向当事人或者有关人员出示执法证件</q>。</span></li>"
    ) in section
    # The outline column lists it too.
    assert "\\u672c\\u7ad9\\u76f8\\u5173\\u6761\\u6587" in page.partition("\n---\n")[0]  # 本站相关条文


def test_every_paired_national_article_links_back_to_each_jilin_article(project) -> None:
    for article, rel in pairs(project):
        slug, _, pid = rel.ref.partition(KEY_SEPARATOR)
        number = int(re.match(r"art_(\d+)", pid).group(1))
        view, target = _law_article(project, slug, number)
        section = render_article(view, target).partition("<h2>本站相关条文")[2].partition("</ul>")[0]
        assert f'href="../../../articles/{article.slug}.html' in section, (article.id, rel.ref)
        assert rel.reason in section


def test_the_jilin_page_shows_each_pair_with_both_quotes_marked_editorial(project) -> None:
    page = render_article(project, project.regulation.articles[25])
    section = page.partition('<section class="kb-related kb-pairs kb-editorial"')[2].partition("</section>")[
        0
    ]
    assert '相关法律规定<span class="kb-editorial-tag">编者整理</span>' in section
    assert (
        '<li><a href="../laws/xzqz/articles/art-18.html#art_18__para_1__point_2">《中华人民共和国行政强制法》'
        '第十八条第（二）项</a>：行政强制措施由两名以上行政执法人员实施<span class="kb-pair-texts">本条原文：<q>二人以上执法</q>；'
        "《中华人民共和国行政强制法》第十八条第（二）项原文：<q>由两名以上行政执法人员实施</q>。</span></li>"
    ) in section


def _preview_block(page: str) -> dict:
    match = re.search(r'<script type="application/json" class="kb-preview-data">(.*?)</script>', page, re.S)
    assert match
    return json.loads(match.group(1))


def test_the_page_carries_the_text_of_every_provision_it_links_to(project) -> None:
    page = render_article(project, project.regulation.articles[25])
    data = _preview_block(page)
    entry = data["../laws/xzcf/articles/art-55.html#art_55__para_1"]
    assert entry["citation"] == "《中华人民共和国行政处罚法》第五十五条第一款"
    assert entry["text"] == project.index["xzcf:art_55__para_1"].text
    # Every link of the page's related entries and of the provisions citing it has its preview.
    hrefs = set(re.findall(r'<li><a href="([^"]+)"', page.partition('class="kb-related')[2]))
    assert hrefs and hrefs <= set(data)


def test_preview_text_is_cut_and_hostile_text_cannot_close_the_block(project) -> None:
    hostile = "（三）二人以上执法</script><img src=x onerror=alert(1)>\u2028&amp;，主动向行政相对人出示行政执法证件；"
    point = dataclasses.replace(project.index["art_26__para_1__point_3"], text=hostile)
    view, _ = _law_article(project, "xzcf", 55)
    block = str(preview_data(view, "laws/xzcf/articles/art-55.md", [point]))
    assert "<" not in block and ">" not in block and "&" not in block and "\u2028" not in block
    assert json.loads(block) == {
        "../../../articles/art-26.html#art_26__para_1__point_3": {
            "citation": "《吉林市行政执法责任制规定》第二十六条第（三）项",
            "text": hostile,
        }
    }
    long = project.index["xzcf:art_64"]
    data = json.loads(preview_data(view, "laws/xzcf/articles/art-65.md", [long]))
    assert len(long.text) > 300 and data == {
        "art-64.html": {"citation": "《中华人民共和国行政处罚法》第六十四条", "text": long.text[:300] + "…"}
    }
