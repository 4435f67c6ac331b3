"""Issue 29: what the importer now reads with a note instead of refusing (trailing whitespace, 项
going on after unnumbered lines, headings the source leaves out, titles broken over two lines, an
unnumbered 附则 after numbered chapters, a code's book starting mid-numbering), and the hostile
variants that stay refused with their line. Every accepted text also loads as a site regulation."""

from __future__ import annotations

import pytest
from test_laws import load_like

from generator.parse import Line, ParseError, parse

HEAD = "示例条例\n2020年1月1日 公布\n"


def parsed(body: str):
    return parse(HEAD + body, "src.txt")


def refusal(body: str) -> str:
    with pytest.raises(ParseError) as exc:
        parsed(body)
    return str(exc.value)


@pytest.mark.parametrize(
    ("line", "removed", "column"),
    [
        ("第一条 甲。 ", "U+0020", 7),
        ("第一条 甲。\u3000\u3000", "U+3000 U+3000", 7),
        ("第一条 甲。\t", "U+0009", 7),
        ("第一条 甲。\u00a0", "U+00A0", 7),
        # A non-text character among the trailing whitespace: each recorded once, at its own column.
        ("第一条 甲。 \u200b ", "U+0020 U+0020", 7),
    ],
)
def test_trailing_whitespace_is_removed_and_recorded(line: str, removed: str, column: int) -> None:
    doc = parsed(line)
    assert doc.articles[0].text == "甲。"
    trailing = [r for r in doc.removed if r.reason.startswith("行尾空白")]
    assert [(r.line, r.column, r.removed) for r in trailing] == [(3, column, removed)]
    count = removed.count("U+")
    assert trailing[0].reason == f"行尾空白（{count} 个字符：{removed}），不属于规定原文"
    notes = load_like(doc, "x").import_notes
    assert [(n.line, n.column) for n in notes if n.reason == trailing[0].reason] == [(3, column)]


def test_a_label_alone_with_trailing_whitespace_is_still_an_article_without_text() -> None:
    assert refusal("第一条 甲。\n第二条\u3000 \n") == "src.txt:4: article 2 has no text"


def test_items_going_on_after_unnumbered_lines_keep_their_numbers() -> None:
    doc = parsed("第一条 下列人员：\n（一）甲；\n甲的说明。\n（二）乙；\n（三）丙。\n第二条 丁。")
    art = doc.articles[0]
    assert [(p.text, p.points_from, [q.id for q in p.points]) for p in art.paragraphs] == [
        ("下列人员：", 1, ["art_1__para_1__point_1"]),
        ("甲的说明。", 2, ["art_1__para_2__point_2", "art_1__para_2__point_3"]),
    ]
    assert doc.notes == (Line(6, "项（二）接续本条前面的项，其间未编号的行保留为单独的款"),)
    law = load_like(doc, "x")
    assert [q.number for p in law.articles[0].paragraphs for q in p.points] == [1, 2, 3]
    assert law.articles[0].text == art.text


@pytest.mark.parametrize(
    ("body", "message"),
    [
        # A skip with no unnumbered line between: the numbering itself is wrong.
        ("第一条 甲：\n（一）甲；\n（三）丙。", "src.txt:5: item （三） out of sequence"),
        # After unnumbered lines, only the next number goes on (or a new list from （一）); a
        # repeat or a jump does not.
        (
            "第一条 甲：\n（一）甲；\n（二）乙；\n说明。\n（二）又一。",
            "src.txt:7: item （二） out of sequence",
        ),
        ("第一条 甲：\n（一）甲；\n说明。\n（三）丙。", "src.txt:6: item （三） out of sequence"),
        # No earlier 项 in the article: a 项 （二） after plain 款 is not a continuation.
        ("第一条 甲。\n乙。\n（二）丙。", "src.txt:5: item （二） out of sequence"),
        # Not across articles.
        ("第一条 甲：\n（一）甲。\n第二条 乙。\n（二）丙。", "src.txt:6: item （二） out of sequence"),
    ],
)
def test_item_numbering_the_text_does_not_explain_stays_refused(body: str, message: str) -> None:
    assert refusal(body) == message


def test_items_in_arabic_numerals_are_paragraphs_and_load() -> None:
    doc = parsed("第一条 甲：\n（1）甲；\n（2）乙。")
    assert [(p.text, p.points) for p in doc.articles[0].paragraphs][1:] == [
        ("（1）甲；", ()),
        ("（2）乙。", ()),
    ]
    assert load_like(doc, "x").articles[0].text == "甲：\n（1）甲；\n（2）乙。"


def test_a_heading_the_source_leaves_out_is_a_gap_with_a_note() -> None:
    doc = parsed("第一章 总则\n第一条 甲。\n第三章 附则\n第二条 乙。")
    assert [(d.label, d.number) for d in doc.divisions] == [("第一章", 1), ("第三章", 3)]
    assert doc.notes == (Line(5, "原文缺少第二章的标题，第三章按原文编号"),)
    law = load_like(doc, "x")
    assert [(c.id, c.first, c.last) for c in law.chapters] == [("chp_1", 1, 1), ("chp_3", 2, 2)]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("第二章 总则\n第一条 甲。", "src.txt:3: chapter 2 follows chapter 0"),
        ("第一章 总则\n第一条 甲。\n第一章 又一\n第二条 乙。", "src.txt:5: chapter 1 follows chapter 1"),
        (
            "第一章 总则\n第一条 甲。\n第三章 附则\n第二条 乙。\n第二章 倒退\n第三条 丙。",
            "src.txt:7: chapter 2 follows chapter 3",
        ),
    ],
)
def test_heading_numbers_that_go_back_or_start_late_stay_refused(body: str, message: str) -> None:
    assert refusal(body) == message


def test_an_unnumbered_supplementary_heading_after_chapters_is_the_next_chapter() -> None:
    doc = parsed("第一章 总则\n第一条 甲。\n第二章 罚则\n第二条 乙。\n附 则\n第三条 丙。")
    assert [(d.label, d.title, d.line) for d in doc.divisions][-1] == ("第三章", "附 则", 7)
    assert doc.notes == (Line(7, "原文标题“附 则”未编号，本站按章的顺序作为第三章"),)
    law = load_like(doc, "x")
    assert [(c.number, c.title, c.first) for c in law.chapters][-1] == (3, "附 则", 3)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        # Without numbered chapters before it there is no chapter order to follow.
        (
            "第一条 甲。\n附 则\n第二条 乙。",
            "src.txt:4: heading 附 则 has no number (第N章); number it in the source",
        ),
        (
            "第一编 总则\n第一章 一般\n第一条 甲。\n附则\n第二条 乙。",
            "src.txt:6: heading 附则 has no number (第N章); number it in the source",
        ),
    ],
)
def test_an_unnumbered_heading_without_chapters_stays_refused(body: str, message: str) -> None:
    assert refusal(body) == message


def test_a_heading_title_broken_over_two_lines_is_joined_with_a_note() -> None:
    doc = parsed("第一章 听取和审议人民政府、人民法院和\n人民检察院的专项工作报告\n第一条 甲。")
    assert doc.divisions[0].title == "听取和审议人民政府、人民法院和\n人民检察院的专项工作报告"
    assert doc.notes == (Line(4, "此行接续第一章的标题（原文标题分两行）"),)
    doc = parsed("第一章 国务院有关部门\n在设备管理工作中的职责\n第一条 甲。")
    assert doc.divisions[0].title == "国务院有关部门\n在设备管理工作中的职责"
    assert load_like(doc, "x").chapters[0].title == "国务院有关部门\n在设备管理工作中的职责"


@pytest.mark.parametrize(
    "body",
    [
        "第一章 总则\n杂\n第一条 甲。",  # a complete title and a line that is not its rest
        "第一章 人民法院和\n这一行写成了句子。\n第一条 甲。",  # sentence punctuation
        "第一章 人民法院和\n甲\n乙\n第一条 甲。",  # only one line goes on
        "第一章 人民法院和\n" + "长" * 31 + "\n第一条 甲。",  # too long for a title's rest
    ],
)
def test_text_after_a_heading_that_is_not_its_title_stays_refused(body: str) -> None:
    assert refusal(body).endswith(": text between a chapter heading and its first article")


def test_a_book_of_a_code_starts_at_its_own_number() -> None:
    doc = parse(
        "中华人民共和国民法典\n人格权编\n2020年5月28日 通过\n第一章 一般规定\n第九百八十九条 甲。\n第九百九十条 乙。",
        "人格权编.txt",
    )
    assert [a.number for a in doc.articles] == [989, 990]
    assert doc.notes == (Line(5, "本文件是法典的一部分（人格权编），条文按法典连续编号，自第九百八十九条起"),)
    assert [(a.label, a.slug) for a in load_like(doc, "x").articles] == [
        ("第九百八十九条", "art-989"),
        ("第九百九十条", "art-990"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # No line naming a book: a first article above 1 is a lost 第一条.
        ("示例法\n2020年5月28日 通过\n第三条 甲。", "x.txt:3: article 3 follows article 0"),
        # A book still numbers on without gaps, and 之N cannot open it.
        ("民法典\n物权编\n第二百零五条 甲。\n第二百零七条 乙。", "x.txt:4: article 207 follows article 205"),
        ("民法典\n物权编\n第二百零五条之一 甲。", "x.txt:3: article 205-1 follows article 0"),
    ],
)
def test_a_late_first_article_without_a_book_stays_refused(text: str, message: str) -> None:
    with pytest.raises(ParseError) as exc:
        parse(text, "x.txt")
    assert str(exc.value) == message
