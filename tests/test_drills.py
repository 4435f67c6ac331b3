"""Drills generated from the text (generator/parts/drills): the extractor on hostile wording, the
drills of every document of ../shared/corpus/related/ checked against their provisions, determinism,
and the pages of the shipped project (one practice page per regulation, counts, search records)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.parse import parse
from generator.parts import drills as part
from generator.parts.drills.extract import BLANK, Leaf, drills, regulation_drills, values
from tests.conftest import CORPUS, NODE, node_json

RELATED = CORPUS / "related"


def _values(text: str) -> list[tuple[str, str]]:
    return [(v.text, v.kind) for v in values(text)]


# ---------------------------------------------------------------------------------------------
# The extractor on hostile wording

HOSTILE = [
    # Citations and references are not values: 第三十五条, 第二款, 第（三）项, 前款, 前两款.
    ("依照本法第三十五条第二款第（三）项的规定处理。", []),
    ("有前款规定情形的，依照前两款的规定办理。", []),
    ("违反本法第一百零五条规定的，依照第三日的规定。", []),
    # Dates and calendar years, in the text or in history, Arabic, Chinese and full-width.
    ("本法自2021年7月15日起施行。", []),
    ("本规定自二〇二一年一月二十二日起施行。", []),
    ("应当在每年3月31日前公布。", []),
    ("1996年3月17日第八届全国人民代表大会第四次会议通过", []),
    ("依照二〇〇五年的规定", []),
    # Proportions and ranges.
    ("每日按罚款数额的百分之五十加处罚款", [("百分之五十", "百分之")]),
    ("处一万元以上十万元以下的罚款", [("一万元", "元"), ("十万元", "元")]),
    ("经三分之二以上委员同意", [("三分之二", "分之")]),
    ("并处违法所得一倍以上五倍以下的罚款", [("一倍", "倍"), ("五倍", "倍")]),
    # Time limits of every unit, Arabic and full-width digits.
    ("应当自收到申请之日起十五日内作出决定", [("十五日", "日")]),
    ("应当在十个工作日内答复，延长不得超过20个工作日", [("十个工作日", "工作日"), ("20个工作日", "工作日")]),
    ("应当在２４小时内移送，３日内作出决定", [("２４小时", "小时"), ("３日", "日")]),
    ("期限为六个月，最长不超过二年", [("六个月", "个月"), ("二年", "年")]),
    ("不满十四周岁的未成年人", [("十四周岁", "周岁")]),
    # Counts of people and times; 一次 as "at once" and 一次性 are not counts.
    ("执法人员不得少于两人，可以委托一至二名律师", [("两人", "人"), ("二名", "名")]),
    ("一年内被投诉三次的，应当一次性告知并一次告知申请人", [("一年", "年"), ("三次", "次")]),
    # Numerals inside words are not values: 同一人民法院, 统一, 唯一, 人员, 年度, 名称, 一元化.
    ("由同一人民法院管辖，统一日程，唯一人选", []),
    ("三人员额，上一年度报告，二名称，一元化管理", []),
    # Units without a numeral, and numerals without a unit.
    ("按日计算，以元为单位，若干人", []),
    ("分为三类，共十项", []),
    # Bare 万/百/千 are not numerals: 每万元, 百日.
    ("每万元收取，百日维新", []),
]


@pytest.mark.parametrize(("text", "expected"), HOSTILE, ids=[t for t, _ in HOSTILE])
def test_values_on_hostile_wording(text: str, expected: list) -> None:
    assert _values(text) == expected


def test_values_carry_their_offsets() -> None:
    text = "处一万元以上十万元以下的罚款"
    assert [text[v.start : v.end] for v in values(text)] == ["一万元", "十万元"]


def _leaf(pid: str, text: str, context: str | None = None) -> Leaf:
    return Leaf(pid, pid.split("__")[0], "第一条", text, text if context is None else context)


def test_a_drill_blanks_its_value_and_draws_distractors_of_its_kind_the_provision_does_not_state() -> None:
    items = [
        _leaf("art_1__para_1", "应当在十五日内决定，并处一万元以上十万元以下的罚款。"),
        _leaf("art_2__para_1", "应当在五日内告知。"),
        _leaf("art_3__para_1", "应当在七日内送达，罚款五千元。"),
        _leaf("art_4__para_1", "应当在三十日内执行，罚款二十万元。"),
        _leaf("art_5__para_1", "期限为六个月。"),
    ]
    out = {d.id: d for d in drills(items)}
    first = out["d-art_1__para_1-1"]
    assert first.answer == "十五日"
    assert first.stem == f"应当在{BLANK}内决定，并处一万元以上十万元以下的罚款。"
    assert first.type == "单选"
    # 五日 is inside 十五日: the provision states it verbatim, so it is never a distractor.
    assert sorted(first.options) == sorted(["十五日", "七日", "三十日"])
    amount = out["d-art_1__para_1-2"]
    assert amount.answer == "一万元"
    assert amount.stem == f"应当在十五日内决定，并处{BLANK}以上十万元以下的罚款。"
    assert sorted(amount.options) == sorted(["一万元", "五千元", "二十万元"])
    assert out["d-art_1__para_1-3"].answer == "十万元"
    # Only one other value of its kind (个月): a 填空 without options.
    assert out["d-art_5__para_1-1"].type == "填空"
    assert out["d-art_5__para_1-1"].options == ()


def test_a_value_stated_twice_is_one_drill_with_both_places_blanked() -> None:
    (only,) = drills([_leaf("art_1__para_1", "三日内申请，三日内答复。")])
    assert (only.id, only.stem) == ("d-art_1__para_1-1", f"{BLANK}内申请，{BLANK}内答复。")


def test_distractors_never_come_from_the_paragraph_shown_after_answering() -> None:
    context = "下列期限：\n（一）五日内告知；\n（二）十日内决定。"
    items = [
        _leaf("art_1__para_1__point_1", "（一）五日内告知；", context),
        _leaf("art_1__para_1__point_2", "（二）十日内决定。", context),
        _leaf("art_2__para_1", "二十日内送达。"),
        _leaf("art_3__para_1", "三十日内执行。"),
    ]
    first = drills(items)[0]
    assert first.answer == "五日" and "十日" not in first.options
    assert sorted(first.options) == sorted(["五日", "二十日", "三十日"])


def test_history_title_and_citations_of_a_document_make_no_drill() -> None:
    text = (
        "中华人民共和国测试法\n\n"
        "2021年1月22日第十三届全国人民代表大会常务委员会第二十五次会议修订\n\n"
        "第一条　为了规范三十日的期限，制定本法。\n\n"
        "第二条　依照本法第一条、前款和第三十五条的规定。\n\n"
        "第三条　本法自2021年7月15日起施行。\n"
    )
    doc = parse(text, "test.txt")
    assert [(d.id, d.answer, d.citation) for d in regulation_drills(doc.articles)] == [
        ("d-art_1__para_1-1", "三十日", "第一条")
    ]


# ---------------------------------------------------------------------------------------------
# Every document of the corpus


# Without ../shared/corpus beside the checkout these skip, as tests/test_corpus.py and test_library.py do.
needs_corpus = pytest.mark.skipif(not RELATED.is_dir(), reason=f"no corpus at {RELATED}")


def _corpus() -> list[Path]:
    return sorted(RELATED.glob("*.txt"))


@pytest.fixture(scope="module")
def corpus_drills() -> dict[str, tuple]:
    out = {}
    for path in _corpus():
        doc = parse(path.read_text(encoding="utf-8"), path.name)
        out[path.name] = (doc, regulation_drills(doc.articles))
    return out


@needs_corpus
def test_the_corpus_documents_are_there() -> None:
    assert len(_corpus()) == 8


def _provisions(doc) -> dict[str, str]:
    out = {}
    for art in doc.articles:
        for para in art.paragraphs:
            out[para.id] = para.text
            for point in para.points:
                out[point.id] = point.text
                out.update((s.id, s.text) for s in point.subpoints)
    return out


@needs_corpus
def test_every_corpus_answer_is_in_its_provision_and_no_distractor_is(corpus_drills) -> None:
    problems = []
    for name, (doc, found) in corpus_drills.items():
        assert found, f"{name}: no drill"
        texts = _provisions(doc)
        for d in found:
            text = texts[d.provision]
            if d.text != text or d.answer not in text or d.stem.replace(BLANK, d.answer) != text:
                problems.append(f"{name}: {d.id}: answer {d.answer} not its provision's wording")
            if BLANK not in d.stem:
                problems.append(f"{name}: {d.id}: nothing blanked")
            for option in d.options:
                if option != d.answer and (option in text or option in d.context):
                    problems.append(f"{name}: {d.id}: distractor {option} is stated in the provision")
            if d.type == "单选" and (d.answer not in d.options or len(set(d.options)) != len(d.options)):
                problems.append(f"{name}: {d.id}: options {d.options} do not hold the answer once")
            if d.type == "填空" and d.options:
                problems.append(f"{name}: {d.id}: a 填空 with options")
    assert problems == []


@needs_corpus
def test_corpus_distractors_are_values_of_the_same_kind_from_the_same_regulation(corpus_drills) -> None:
    for name, (_, found) in corpus_drills.items():
        stated: dict[str, set[str]] = {}
        for d in found:
            stated.setdefault(d.kind, set()).add(d.answer)
        for d in found:
            assert set(d.options) <= stated[d.kind], f"{name}: {d.id}"


@needs_corpus
def test_corpus_drill_ids_are_unique_and_derived_from_provision_and_position(corpus_drills) -> None:
    for name, (_, found) in corpus_drills.items():
        ids = [d.id for d in found]
        assert len(ids) == len(set(ids)), name
        assert all(re.fullmatch(re.escape(f"d-{d.provision}-") + r"[1-9][0-9]*", d.id) for d in found), name


@needs_corpus
def test_corpus_drills_are_deterministic(corpus_drills) -> None:
    for path in _corpus():
        doc = parse(path.read_text(encoding="utf-8"), path.name)
        assert regulation_drills(doc.articles) == corpus_drills[path.name][1], path.name


@needs_corpus
def test_corpus_drills_include_the_officers_time_limits(corpus_drills) -> None:
    _, found = corpus_drills["行政处罚法(2021-01-22).txt"]
    answers = {d.id: d.answer for d in found}
    assert answers["d-art_67__para_3-1"] == "十五日"
    assert answers["d-art_72__para_1__point_1-1"] == "百分之三"
    assert answers["d-art_51__para_1-2"] == "三千元"


# ---------------------------------------------------------------------------------------------
# The pages of the shipped project


@pytest.fixture(scope="module")
def site_pages(shipped_project) -> dict[str, str]:
    return part.pages(shipped_project)


def _data(page: str) -> dict:
    return json.loads(
        re.search(r'<script type="application/json" id="kb-drills-data">(.*?)</script>', page).group(1)
    )


def test_every_regulation_of_the_site_has_a_practice_page_with_all_its_drills(
    shipped_project, site_pages
) -> None:
    regulations = shipped_project.regulations
    assert len(regulations) == 9
    assert sorted(site_pages) == sorted(["drills/index.md", *(f"drills/{r.slug}.md" for r in regulations)])
    for reg in regulations:
        page = site_pages[f"drills/{reg.slug}.md"]
        expected = regulation_drills(reg.articles)
        assert expected, reg.slug
        assert re.findall(r'data-kb-drill="([^"]+)"', page) == [d.id for d in expected]
        assert [d["id"] for d in _data(page)["drills"]] == [d.id for d in expected]
        assert _data(page)["regulation"] == reg.slug
        assert page.count('<span class="kb-drill-badge">自动生成</span>') == len(expected)
        assert "kb_kind: drills" in page


def test_the_index_lists_every_regulation_with_its_counts(shipped_project, site_pages) -> None:
    index = site_pages["drills/index.md"]
    for reg in shipped_project.regulations:
        found = regulation_drills(reg.articles)
        single = sum(d.type == "单选" for d in found)
        name = reg.short_title or reg.title
        row = (
            f'<tr><td><a href="{reg.slug}.html">{name}</a></td><td>{len(found)}</td>'
            f"<td>{single}</td><td>{len(found) - single}</td></tr>"
        )
        assert row in index


def test_a_practice_page_shows_the_stem_citation_link_and_full_provision(site_pages) -> None:
    page = site_pages["drills/xzcf.md"]
    item = page[page.index('id="d-art_67__para_3-1"') :].split("</details>", 1)[0]
    assert "当事人应当自收到行政处罚决定书之日起（　　）内" in item
    assert '<a class="kb-drill-cite" href="../laws/xzcf/articles/art-67.html#art_67__para_3">' in item
    assert "《中华人民共和国行政处罚法》第六十七条第三款</a>" in item
    assert '<strong class="kb-drill-key">十五日</strong>' in item
    assert "<p>当事人应当自收到行政处罚决定书之日起十五日内" in item


def test_search_records_name_each_regulations_drill_page(shipped_project) -> None:
    records = part.search_records(shipped_project)
    assert [r.url for r in records] == [
        "drills/index.html",
        *(f"drills/{r.slug}.html" for r in shipped_project.regulations),
    ]
    assert records[2].title == "国家赔偿法 数字练习" and records[2].group == "数字练习（自动生成）"


def test_nav_lists_the_overview_and_every_regulation(shipped_project) -> None:
    (entry,) = part.nav(shipped_project)
    pages = entry["数字练习（自动生成）"]
    assert pages[0] == "drills/index.md" and pages[3] == {"行政处罚法": "drills/xzcf.md"}
    assert len(pages) == 1 + len(shipped_project.regulations)


# ---------------------------------------------------------------------------------------------
# The widget's pure rules (drills-state.js) under node

D1 = {"id": "d-art_1__para_1-1", "answer": "十五日"}
D2 = {"id": "d-art_2__para_1-1", "answer": "三日"}
D3 = {"id": "d-art_3__para_1-1", "answer": "一万元"}
EMPTY = {"format": 1, "answers": {}, "place": None}


def _record(*answers: tuple[dict, str, bool, int]) -> dict:
    out = {"format": 1, "answers": {}, "place": None}
    for drill, given, right, t in answers:
        out["answers"][drill["id"]] = {"given": given, "right": right, "t": t}
        out["place"] = {"id": drill["id"], "t": t}
    return out


STATE_CASES = [
    ("empty", "empty", [], EMPTY),
    ("right answer", "recordAnswer", [EMPTY, D1, "十五日", 5], _record((D1, "十五日", True, 5))),
    (
        "spaces do not count",
        "recordAnswer",
        [EMPTY, D1, " 十五\u3000日 ", 5],
        _record((D1, " 十五\u3000日 ", True, 5)),
    ),
    ("wrong answer", "recordAnswer", [EMPTY, D1, "五日", 5], _record((D1, "五日", False, 5))),
    (
        "a later answer replaces the earlier one and moves the place",
        "recordAnswer",
        [_record((D1, "五日", False, 5), (D2, "三日", True, 6)), D1, "十五日", 7],
        {
            "format": 1,
            "answers": {
                D1["id"]: {"given": "十五日", "right": True, "t": 7},
                D2["id"]: {"given": "三日", "right": True, "t": 6},
            },
            "place": {"id": D1["id"], "t": 7},
        },
    ),
    (
        "a record that is not one starts afresh",
        "recordAnswer",
        [{"format": 1}, D2, "三日", 1],
        _record((D2, "三日", True, 1)),
    ),
    ("empty answer is not right", "isRight", [D1, "  "], False),
    ("check: not a record", "check", [{"format": 2, "answers": {}}], "不是数字练习记录"),
    ("check: bad place", "check", [{"format": 1, "answers": {}, "place": 3}], "练习位置格式不正确"),
    ("check: fine", "check", [_record((D1, "x", False, 1))], None),
    (
        "summary ignores drills no longer generated",
        "summary",
        [_record((D1, "十五日", True, 1), ({"id": "gone"}, "x", True, 2), (D3, "x", False, 3)), [D1, D2, D3]],
        {"total": 3, "answered": 2, "right": 1},
    ),
    ("resume: nothing answered starts at the first", "resumeAt", [EMPTY, [D1, D2, D3]], 0),
    ("resume: after the last answered", "resumeAt", [_record((D1, "x", False, 1)), [D1, D2, D3]], 1),
    (
        "resume: wraps round to the first unanswered",
        "resumeAt",
        [_record((D2, "x", False, 1), (D3, "x", True, 2)), [D1, D2, D3]],
        0,
    ),
    (
        "resume: skips answered drills after the place",
        "resumeAt",
        [_record((D3, "x", False, 1), (D1, "x", True, 2)), [D1, D2, D3]],
        1,
    ),
    (
        "resume: all answered",
        "resumeAt",
        [_record((D1, "x", True, 1), (D2, "x", True, 2), (D3, "x", True, 3)), [D1, D2, D3]],
        -1,
    ),
]


@pytest.fixture(scope="module")
def state_results() -> dict[str, dict]:
    if not Path(NODE).exists():
        pytest.fail("node is missing: install Node.js (see README)")
    cases = [{"name": n, "fn": fn, "args": args} for n, fn, args, _ in STATE_CASES]
    return {r["name"]: r for r in node_json("run_drills.js", "-", input=cases)}


@pytest.mark.parametrize(("name", "fn", "args", "expected"), STATE_CASES, ids=[c[0] for c in STATE_CASES])
def test_drills_state(state_results, name: str, fn: str, args: list, expected: object) -> None:
    assert state_results[name] == {"name": name, "result": expected}
