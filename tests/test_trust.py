"""Editorial trust (issue 26): higher-law notes, dates with their meaning, quotes on every
restating editorial sentence."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT

from generator.build import load_project, render_site
from generator.errors import ContentError
from generator.higher_law import notes_of, restating
from generator.parts import checklists, quiz, reading


@pytest.fixture(scope="module")
def project():
    return load_project(ROOT)


@pytest.fixture(scope="module")
def pages(project):
    return render_site(project)


def _problems(root: Path) -> list[str]:
    with pytest.raises(ContentError) as exc:
        load_project(root)
    return [str(p) for p in exc.value.problems]


# --- Higher-law notes (上位法提示) ----------------------------------------------------------------

# Every editorial statement that restates 第四十条's recovery rule (故意或过失), by where it is shown.
RESTATING_40 = {
    "checklists/agency.md": ["compensation_recovered"],
    "checklists/officer.md": ["description"],
    "roles/officer.md": [
        "consequences: 行政执法机关赔偿后，依法向存在故意或过失的行政执法人员追偿部分或全部赔偿费用"
    ],
    "quiz/index.md": ["q40-2", "q40-3"],
    "topics/compensation.md": ["compensation"],
    "glossary.md": ["recovery"],
}


# Every editorial statement that restates 第十九条's hearing rule (主要领导或主管领导出席), which
# 行政复议法 第五十一条第三款 qualifies (the 负责人 may send staff, giving reasons).
RESTATING_19 = {
    "checklists/leadership.md": ["reconsideration_hearing"],
    "roles/principal.md": ["duties: 需要听证的行政复议案件，由主要领导或主管领导出席"],
    "roles/deputy.md": ["duties: 需要听证的行政复议案件，由主要领导或主管领导出席"],
    "topics/administrative_review.md": ["administrative_review"],
    "glossary.md": ["hearing"],
    "quiz/index.md": ["q19-2"],
}


def _restating_places(project, number: int = 40) -> dict[str, list[str]]:
    """The places whose statement cites the article and holds its note's `restates` phrase, from the data."""
    notes = tuple(n for n in notes_of(project.regulation, project.index) if n.article.number == number)
    found: dict[str, list[str]] = {}
    for c in checklists.checklists_of(project).checklists:
        if restating(notes, c.cites, (c.description, *c.quote)):
            found.setdefault(f"checklists/{c.id}.md", []).append("description")
        for item in c.items:
            if restating(notes, item.cites, (item.text, *item.quote)):
                found.setdefault(f"checklists/{c.id}.md", []).append(item.id)
    model = reading.reading_of(project)
    for role in model.roles:
        for kind in reading.LINE_KINDS:
            for line in getattr(role, kind):
                if restating(notes, line.cites, (line.text, *line.quote)):
                    found.setdefault(f"roles/{role.id}.md", []).append(f"{kind}: {line.text.split('（')[0]}")
    for topic in model.topics:
        if restating(notes, topic.provisions, (topic.description, *topic.quote)):
            found.setdefault(f"topics/{topic.id}.md", []).append(topic.id)
    for term in model.glossary:
        if restating(notes, term.cites, (term.explanation, *term.grounds)):
            found.setdefault("glossary.md", []).append(term.id)
    for q in quiz.bank_of(project).questions:
        if restating(notes, q.cites, (q.stem, q.explanation, *q.answer)):
            found.setdefault("quiz/index.md", []).append(q.id)
    return found


def test_the_places_restating_article_40_are_the_listed_ones(project) -> None:
    assert _restating_places(project) == RESTATING_40


def test_the_places_restating_article_19_are_the_listed_ones(project) -> None:
    assert _restating_places(project, 19) == RESTATING_19


def test_every_place_restating_article_19_shows_its_note(pages) -> None:
    both = "《中华人民共和国行政复议法》第五十一条第三款原文：<q>被申请人的负责人应当参加听证。不能参加的，应当说明理由并委托相应的工作人员参加听证</q>"
    for uri in RESTATING_19:
        assert both in pages[uri], uri
        total = len(RESTATING_19[uri]) + len(RESTATING_40.get(uri, []))
        assert pages[uri].count('<aside class="kb-higher-law kb-editorial"') == total, uri
    assert both in pages["articles/art-19.md"]


def test_every_listed_place_shows_the_higher_law_note(pages) -> None:
    both = "《中华人民共和国国家赔偿法》第十六条第一款原文：<q>赔偿义务机关赔偿损失后，应当责令有故意或者重大过失的工作人员"
    for uri, places in RESTATING_40.items():
        total = len(places) + len(RESTATING_19.get(uri, []))
        assert pages[uri].count('<aside class="kb-higher-law kb-editorial"') == total, uri
        assert both in pages[uri], uri
    # The article carries the note itself, with both texts.
    article = pages["articles/art-40.md"]
    assert 'class="kb-note kb-higher-law"' in article
    assert "第四十条原文：<q>赔偿后依法向存在故意或过失的行政执法人员追偿部分或全部赔偿费用</q>" in article
    assert both in article


def test_the_wrong_answer_review_carries_the_note(pages) -> None:
    """Practice, 错题 and the exam show the explanation from data/questions.json."""
    records = {q["id"]: q for q in json.loads(pages["data/questions.json"])["questions"]}
    for qid in ("q40-2", "q40-3"):
        assert (
            "上位法提示：第四十条写“赔偿后依法向存在故意或过失的行政执法人员" in records[qid]["explanation"]
        )
    assert "上位法提示" not in records["q40-1"]["explanation"]


def test_the_checklist_item_asks_what_both_texts_require(project) -> None:
    item = next(
        i
        for c in checklists.checklists_of(project).checklists
        for i in c.items
        if i.id == "compensation_recovered"
    )
    assert "对存在故意或者重大过失的行政执法人员" in item.text
    assert "只有一般过失的人员未被追偿，不属于不符合" in item.text


NOTE = """\
notes:
- kind: higher_law
  title: 上位法提示
  text: 说明。
  quote: {quote}
  higher_ref: {ref}
  higher_quote: {higher}
  restates: {restates}
related:
"""


@pytest.mark.parametrize(
    ("quote", "ref", "higher", "restates", "expected"),
    [
        (  # the higher law's words quoted as the article's own
            "有故意或者重大过失的工作人员",
            "gjpc:art_16__para_1",
            "有故意或者重大过失的工作人员",
            "故意",
            ["content/articles/art-40.yaml:11: notes[0].quote[0]: not found in the text of 第四十条"],
        ),
        (  # the article's words quoted as the higher law's
            "存在故意或过失",
            "gjpc:art_16__para_1",
            "存在故意或过失",
            "故意或过失",
            [
                "content/articles/art-40.yaml:13: notes[0].higher_quote[0]: not found in the text of "
                "《中华人民共和国国家赔偿法》第十六条第一款"
            ],
        ),
        (  # a provision of the regulation itself is no higher law
            "存在故意或过失",
            "art_18",
            "追究",
            "故意或过失",
            [
                "content/articles/art-40.yaml:12: notes[0].higher_ref: a higher-law note needs a further regulation's provision"
            ],
        ),
        (
            "存在故意或过失",
            "gjpc:art_99",
            "追究",
            "故意或过失",
            ["content/articles/art-40.yaml:12: notes[0].higher_ref: unknown provision gjpc:art_99"],
        ),
        (  # the marker phrase must be the article's words
            "存在故意或过失",
            "gjpc:art_16__para_1",
            "故意或者重大过失",
            "重大过失",
            ["content/articles/art-40.yaml:14: notes[0].restates: must be a phrase of the note's quote"],
        ),
    ],
)
def test_bad_higher_law_notes_are_located(project_copy, quote, ref, higher, restates, expected) -> None:
    path = project_copy / "content/articles/art-40.yaml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("notes:\n"), text.index("related:\n")
    note = NOTE.format(quote=quote, ref=ref, higher=higher, restates=restates)
    path.write_text(text[:start] + note + text[end + len("related:\n") :], encoding="utf-8")
    assert [p for p in _problems(project_copy) if "art-40.yaml" in p] == expected


# --- Every restating editorial sentence carries a quote -------------------------------------------


def _edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [
        (  # a related link's reason with its quote removed
            "content/articles/art-40.yaml",
            "  reason: 执法过错责任追究\n  quote: 执法过错责任追究\n",
            "  reason: 执法过错责任追究\n",
            "content/articles/art-40.yaml:19: related[0].reason: restates the law without a quote: "
            "add quote (verbatim words of 第十八条) or navigation: true",
        ),
        (  # a reason's quote taken from the wrong provision (the article's own, not the target's)
            "content/articles/art-40.yaml",
            "  quote: 执法过错责任追究\n",
            "  quote: 存在故意或过失\n",
            "content/articles/art-40.yaml:20: related[0].quote: not found in the text of 第十八条",
        ),
        (  # a national law's reason quoted with the regulation's words
            "content/articles/art-40.yaml",
            "  quote: 赔偿义务机关赔偿损失后，应当责令有故意或者重大过失的工作人员或者受委托的组织或者个人承担部分或者全部赔偿费用\n",
            "  quote: 由行政执法机关予以赔偿\n",
            "content/articles/art-40.yaml:26: related[2].quote: not found in the text of "
            "《中华人民共和国国家赔偿法》第十六条第一款",
        ),
        (  # a caption with no quote
            "content/articles/art-40.yaml",
            "caption_quote: [由行政执法机关予以赔偿, 赔偿后依法向存在故意或过失的行政执法人员追偿部分或全部赔偿费用]\n",
            "",
            "content/articles/art-40.yaml:4: caption: restates the law without a quote: "
            "add caption_quote (verbatim words of 第四十条) or navigation: true",
        ),
        (  # a silently corrected word (诫勉 for the source's 诫免)
            "content/articles/art-06.yaml",
            "并建议有关部门对该单位主要领导或分管领导进行诫免谈话",
            "并建议有关部门对该单位主要领导或分管领导进行诫勉谈话",
            "content/articles/art-06.yaml:13: related[1].quote: not found in the text of 第三十二条第（三）项",
        ),
        (  # a role description with no quote
            "content/roles.yaml",
            "  quote: 保护公民、法人和其他组织(以下称行政相对人)的合法权益\n  rights:",
            "  rights:",
            "content/roles.yaml:467: roles[13].description: restates the law without a quote: "
            "add quote (verbatim words of 第一条) or navigation: true",
        ),
        (  # a checklist description with no quote
            "checklists/agency.yaml",
            "quote: 机关自我考评\n",
            "",
            "checklists/agency.yaml:6: description: restates the law without a quote: "
            "add quote (verbatim words of 第三十条第（一）项) or navigation: true",
        ),
        (  # a scheme's covers line with no quote
            "checklists/scoring.yaml",
            "  quote: 考核机关确定的其他内容\n",
            "",
            "checklists/scoring.yaml:74: areas[7].covers: restates the law without a quote: "
            "add quote (verbatim words of 第二十九条第（八）项) or navigation: true",
        ),
        (  # a caption quoting two stray characters (the script's old 行政, 赔偿)
            "content/articles/art-40.yaml",
            "caption_quote: [由行政执法机关予以赔偿, 赔偿后依法向存在故意或过失的行政执法人员追偿部分或全部赔偿费用]\n",
            "caption_quote: [行政, 由行政执法机关予以赔偿]\n",
            "content/articles/art-40.yaml:{caption_line}: caption_quote[0]: quote of 2 characters is too short: "
            "quote at least 4 characters, the words the sentence stands on",
        ),
        (  # a reason whose one quote is three characters, verbatim but saying nothing
            "content/articles/art-40.yaml",
            "  reason: 执法过错责任追究\n  quote: 执法过错责任追究\n",
            "  reason: 执法过错责任追究\n  quote: 责任追\n",
            "content/articles/art-40.yaml:20: related[0].quote: quote of 3 characters is too short: "
            "quote at least 4 characters, the words the sentence stands on",
        ),
        (  # a role description's quote list with one short fragment among long ones
            "content/roles.yaml",
            "  quote: 行政机关依法委托履行行政执法职责的组织(以下称行政执法机关)的行政执法责任制工作，适用本规定\n",
            "  quote: [行政机关依法委托履行行政执法职责的组织, 本规定]\n",
            "content/roles.yaml:393: roles[8].quote[1]: quote of 3 characters is too short: "
            "quote at least 4 characters, the words the sentence stands on",
        ),
        (  # a scheme's covers line quoting one character
            "checklists/scoring.yaml",
            "  quote: 考核机关确定的其他内容\n",
            "  quote: 其他内\n",
            "checklists/scoring.yaml:76: areas[7].quote: quote of 3 characters is too short: "
            "quote at least 4 characters, the words the sentence stands on",
        ),
        (  # half-width punctuation is not the source's full-width
            "checklists/scoring.yaml",
            "  quote: 规范性文件、重大行政处罚及以政府名义作出具体行政行为的审查备案情况\n",
            "  quote: 规范性文件,重大行政处罚及以政府名义作出具体行政行为的审查备案情况\n",
            "checklists/scoring.yaml:49: areas[3].quote: not found in the text of 第二十九条第（四）项",
        ),
    ],
)
def test_a_restating_sentence_without_its_quote_is_refused(project_copy, name, old, new, expected) -> None:
    _edit(project_copy, name, old, new)
    text = (project_copy / name).read_text(encoding="utf-8").split("\n")
    caption_line = next((n for n, line in enumerate(text, 1) if line.startswith("caption_quote:")), 0)
    assert _problems(project_copy) == [expected.replace("{caption_line}", str(caption_line))]


def test_navigation_only_needs_no_quote(project_copy) -> None:
    _edit(
        project_copy,
        "content/articles/art-40.yaml",
        "  reason: 执法过错责任追究\n  quote: 执法过错责任追究\n",
        "  reason: 另见\n  navigation: true\n",
    )
    load_project(project_copy)


# --- Dates with their meaning ------------------------------------------------------------------------


def _iso(chinese: str) -> str:
    y, m, d = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", chinese).groups()
    return f"{y}-{int(m):02d}-{int(d):02d}"


def test_every_document_information_block_matches_its_history_lines(project) -> None:
    from generator.render import document_info, law_view

    checked = 0
    for reg, info in [(project.regulation, document_info(project))] + [
        (law, document_info(law_view(project, law))) for law in project.laws
    ]:
        rows = dict(info)
        versions = [h for h in reg.history if h.action in ("修正", "修订")]
        first = reg.history[0]
        assert _iso(rows[f"{first.action}日期"]) == first.date, reg.title
        if versions:
            assert _iso(rows[f"本版本{versions[-1].action}日期"]) == versions[-1].date, reg.title
        stated = [h for h in reg.history if h.action == "施行"]
        original = [k for k in rows if k.startswith("原") and k.endswith("施行日期")]
        if stated:
            assert _iso(rows["施行日期"]) == stated[-1].date and not original, reg.title
        elif reg.effective and versions and reg.effective < versions[-1].date:
            # The text's 施行 date predates the current version: the original text's, labelled so.
            assert [_iso(rows[k]) for k in original] == [reg.effective] and "施行日期" not in rows, reg.title
        elif reg.effective:
            assert _iso(rows["施行日期"]) == reg.effective and not original, reg.title
        # 时效性 and 效力级别 are never shown as if the source said them.
        assert "时效性" not in rows and "效力级别" not in rows, reg.title
        checked += 1
    assert checked == 9


def test_the_amended_texts_show_the_original_date_as_such(project) -> None:
    from generator.render import document_info, law_view

    laws = {law.slug: dict(document_info(law_view(project, law))) for law in project.laws}
    assert laws["gjpc"]["本版本修正日期"] == "2012年10月26日"
    assert laws["gjpc"]["原法施行日期"] == "1995年1月1日"
    assert laws["xzcf"]["施行日期"] == "2021年7月15日"
    assert laws["zfxxgk"]["本版本修订日期"] == "2019年4月3日"
    own = dict(document_info(project))
    assert own["本版本修订日期"] == "2023年2月1日" and own["原规定施行日期"] == "2006年1月1日"
    assert own["时效性（编者注）"].startswith("现行有效（据数据库标注，非规定原文")


def test_the_laws_list_shows_the_last_amendment_not_a_date_of_effect(pages) -> None:
    page = pages["laws/index.md"]
    assert "2019年4月3日 中华人民共和国国务院令第711号修订" in page
    assert "<td>2019年5月15日 施行</td>" not in page


# --- A slip the source keeps, noted beside it (移送规定's stray "修订）") --------------------------

STRAY = "2020年8月7日 《国务院关于修改〈行政执法机关移送涉嫌犯罪案件的规定〉的决定》修订）"


def test_the_stray_bracket_is_kept_and_noted(project) -> None:
    from generator.render import document_info, law_view

    law = next(law for law in project.laws if law.slug == "yssx")
    assert [h.instrument for h in law.history][-1] == STRAY  # the source's line, unchanged
    rows = [value for label, value in document_info(law_view(project, law)) if label == "沿革"]
    assert len(rows) == 1
    assert rows[0].startswith(
        STRAY + "（编者注：行末的“）”在本文本中没有对应的左括号，原文如此，属文字瑕疵。"
    )
    assert "本站未能核对数据库原页面，不作推断" in rows[0]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (  # the note names the line as corrected, not as the source has it
            f"- line: {STRAY}\n",
            f"- line: {STRAY[:-1]}\n",
            ["content/laws/yssx/regulation.yaml:20: history_notes[0].line: is no history line"],
        ),
        (  # a note with nothing to say
            "  note: 行末的",
            "  other: 行末的",
            [
                "content/laws/yssx/regulation.yaml:20: history_notes[0].note: missing required field",
                "content/laws/yssx/regulation.yaml:21: history_notes[0].other: unknown field",
            ],
        ),
    ],
)
def test_bad_history_notes_are_located(project_copy, old, new, expected) -> None:
    _edit(project_copy, "content/laws/yssx/regulation.yaml", old, new)
    assert [p for p in _problems(project_copy) if "yssx" in p] == expected
