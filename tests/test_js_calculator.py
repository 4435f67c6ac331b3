"""The calculator's state (calculator-state.js) run by node: its years CSV goes out and comes back
exactly (exact shares included), in UTF-8 and GBK, and the files of other pages say what they are;
the input a form gives, every field error at once, the notes, the fill report, the score sheet and
the years table, as the page shows them."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from conftest import node_json
from test_js_checklist import ROOT, SITE_KEY, run

from generator.build import load_project
from generator.parts.scoring import scheme_data


@pytest.fixture(scope="module")
def scheme() -> dict:
    return scheme_data(load_project(ROOT))


def years_of(scheme: dict) -> dict:
    """Two years: a total typed directly, and areas of exact sixths (as a checklist fill gives them)."""
    sixths = {a["id"]: f"{round(a['max'] * 100) * 5}/600" for a in scheme["areas"][:3]}
    last = scheme["areas"][3]
    return {
        "2025": {"total": 88.5, "previous_grade": "良好", "verified_complaints": 1},
        "2026": {"areas": {**sixths, last["id"]: last["max"] / 2}, "illegal_findings_same_kind": 2},
    }


def call(scheme: dict, tmp_path: Path, case: dict) -> dict:
    out = run(scheme, [{"name": "x", **case}], tmp_path)["x"]
    out.pop("name")
    return out


def test_the_years_csv_reads_back_exactly_in_utf8_and_gbk(scheme, tmp_path):
    years = years_of(scheme)
    text = call(scheme, tmp_path, {"yearsCsv": years, "unit": "吉林市甲局"})["result"]
    head = text.split("\r\n")[0].split(",")
    assert head[:2] == ["年度", "被考核单位"] and head[-2:] == ["总分", "等级"]
    assert "'" + next(iter(years["2026"]["areas"].values())) in text  # a share stays text, never a date
    for encoding, name in (("utf-8-sig", "utf-8"), ("gbk", "gb18030")):
        got = call(
            scheme, tmp_path, {"years": base64.b64encode(text.encode(encoding)).decode(), "siteKey": SITE_KEY}
        )
        assert got == {"result": {"encoding": name, "years": years, "unit": "吉林市甲局"}}


def refuse(scheme: dict, tmp_path: Path, content: bytes) -> str:
    return call(scheme, tmp_path, {"years": base64.b64encode(content).decode(), "siteKey": SITE_KEY})["error"]


def test_a_truncated_years_file_says_it_is_incomplete(scheme, tmp_path):
    whole = json.dumps({"kind": f"{SITE_KEY}-scoring-years", "format": 1, "years": years_of(scheme)}).encode()
    assert (
        refuse(scheme, tmp_path, whole[:60])
        == "文件不完整（JSON 在中途截断），可能复制或下载未完成，请重新导出或复制"
    )


def test_a_checklist_file_says_it_belongs_to_the_checklist_page(scheme, tmp_path):
    csv_text = "清单,行政执法机关自查清单\r\n清单编号,agency\r\n".encode("gbk")
    assert refuse(scheme, tmp_path, csv_text) == (
        "这是自查清单的自查结果（请在对应的自查清单页面导入，或在多单位对比页面导入以对比），不是考核评分记录"
    )
    as_json = json.dumps({"format": 1, "kind": f"{SITE_KEY}-checklist-assessment"}).encode()
    assert refuse(scheme, tmp_path, as_json) == (
        "这是自查清单的自查结果（请在对应的自查清单页面导入，或在“从自查清单填入”中使用），不是考核评分记录"
    )


def test_the_compare_csv_says_it_belongs_to_the_compare_page(scheme, tmp_path):
    content = "\ufeff单位,年度,总分,等级,已答\r\n甲局,2026,95,优秀,—\r\n".encode()
    assert (
        refuse(scheme, tmp_path, content)
        == "这是多单位对比表（请在“考核评分 › 多单位对比”页面导入），不是考核评分记录"
    )


def test_a_csv_year_the_rules_refuse_is_named(scheme, tmp_path):
    text = call(scheme, tmp_path, {"yearsCsv": years_of(scheme), "unit": ""})["result"]
    broken = text.replace("88.5", "188.5")
    assert refuse(scheme, tmp_path, broken.encode()) == "2025年度的数据无效：total: 超过满分100分"


# --- the form, the notes, the sheet and the years table (calculator-state.js) ---------------------

RUNNER = "run_calculator.js"


def state(scheme: dict, tmp_path: Path, fn: str, *args) -> object:
    (tmp_path / "scheme.json").write_text(json.dumps(scheme, ensure_ascii=False), encoding="utf-8")
    case = [{"name": "x", "fn": fn, "args": list(args)}]
    (tmp_path / "cases.json").write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    [out] = node_json(RUNNER, tmp_path / "scheme.json", tmp_path / "cases.json")
    assert "error" not in out, out
    return out["result"]


def test_the_form_gives_the_input_of_its_mode(scheme, tmp_path):
    fields = {
        "areas.organization": " ９．５ ",  # full-width digits and point, as a Chinese IME types them
        "areas.system": "25/3",
        "areas.team": "",
        "areas.procedure": "十八",
        "total": "88",
        "previous_grade": "良好",
        "illegal_findings_same_kind": "2",
        "verified_complaints": "",
    }
    got = state(scheme, tmp_path, "inputOf", "$scheme", "areas", fields)
    assert got == {
        "areas": {"organization": 9.5, "system": "25/3", "procedure": "十八"},
        "previous_grade": "良好",
        "illegal_findings_same_kind": 2,
    }
    assert state(scheme, tmp_path, "inputOf", "$scheme", "total", fields) == {
        "total": 88,
        "previous_grade": "良好",
        "illegal_findings_same_kind": 2,
    }


@pytest.mark.parametrize(
    "saved",
    [
        {
            "areas": {"organization": "25/3", "procedure": 18.5},
            "previous_grade": "不及格",
            "verified_complaints": 1,
        },
        {"total": 70, "illegal_findings_same_kind": 3},
        {"areas": {}},
    ],
    ids=["areas", "total", "nothing typed"],
)
def test_a_saved_input_goes_back_into_the_form_unchanged(scheme, tmp_path, saved):
    form = state(scheme, tmp_path, "formOf", "$scheme", saved)
    assert state(scheme, tmp_path, "inputOf", "$scheme", form["mode"], form["fields"]) == saved


# Hostile input: every field wrong at once; each error is found, with its own message, and the
# rest is still scored.
def test_every_field_error_is_found_at_once_and_the_rest_is_scored(scheme, tmp_path):
    bad = {
        "areas": {"organization": 11, "system": "abc", "team": -1, "orders": 5.555, "procedure": "40/3"},
        "illegal_findings_same_kind": 1.5,
        "verified_complaints": 2,
    }
    got = state(scheme, tmp_path, "checkInput", "$evaluate", bad)
    assert got["errors"] == {
        "areas.organization": "超过该领域满分10分",
        "areas.system": "必须是数字或分数（如 25/3）",
        "areas.team": "不能为负数",
        "areas.orders": "最多保留两位小数",
        "illegal_findings_same_kind": "必须是非负整数",
    }
    assert (got["clean"], got["result"]["total"], got["result"]["exact"]) == (False, 13.33, "40/3")
    assert state(scheme, tmp_path, "checkInput", "$evaluate", {"total": "x"})["errors"] == {
        "total": "必须是数字"
    }


def test_the_notes_say_provisional_exact_errors_and_blank_areas(scheme, tmp_path):
    result = state(scheme, tmp_path, "checkInput", "$evaluate", {"areas": {"procedure": "40/3", "team": "x"}})
    filled = {
        "name": "2026年度自查",
        "checklist": "行政执法机关自查清单",
        "scored": {"complete": False, "answered": 3, "count": 53},
    }
    notes = state(scheme, tmp_path, "summaryNotes", result["result"], result, filled)
    blank = "、".join(a["title"] for a in scheme["areas"] if a["id"] not in ("procedure", "team"))
    assert notes == [
        {
            "className": "kb-score-error",
            "ref": "provisional",
            "text": "暂定：自查“2026年度自查”已答 3/53 项，尚未作答完毕，不定最终等级。",
        },
        {
            "className": "kb-score-covers",
            "ref": "exact",
            "text": "总分按各领域精确值相加后只舍入一次（保留两位小数，四舍五入）；等级按精确总分 40/3 确定。",
        },
        {"className": "kb-score-error", "text": "有输入错误的项目未计入，请按提示更正。"},
        {"className": "kb-score-covers", "text": f"未填写的领域按 0 分计：{blank}。"},
    ]


def test_52_yes_and_one_not_applicable_fill_completely_under_the_stated_rule(scheme, tmp_path):
    [agency] = [c for c in scheme["checklists"] if c["id"] == "agency"]
    statuses = {i["id"]: ("na" if i["area"] == "other" else "yes") for i in agency["items"]}
    assert list(statuses.values()).count("na") == 1
    scored = {"$assess": {"checklist": "agency", "statuses": statuses}}
    lines = state(scheme, tmp_path, "fillReport", "$scheme", agency, {"name": "2026年度自查"}, scored)
    assert lines[0] == f"按“{agency['title']}”的自查“2026年度自查”填入（已答 53/53）："
    assert (
        lines[-2]
        == "其他内容：符合 0 项、不符合 0 项、不适用 1 项 → 已答条目全部不适用，按评分方案按比例折算：10 分"
    )
    assert lines[-1] == scheme["not_applicable"]["text"]
    assert not any(line.startswith("暂定") for line in lines)


def test_the_sheet_names_an_area_left_out_and_states_its_rules(scheme, tmp_path):
    result = state(scheme, tmp_path, "checkInput", "$evaluate", {"areas": {"organization": "25/3"}})["result"]
    areas = state(scheme, tmp_path, "sheetAreas", "$scheme", result)
    assert areas["unfilled"] is True
    assert [r["text"] for r in areas["rows"]] == ["8.33"] + ["未填（0）"] * 7
    filled = {"name": "甲", "checklist": "清单", "scored": {"complete": True, "answered": 53, "count": 53}}
    assert state(scheme, tmp_path, "sheetRemarks", "$scheme", result, filled, True) == [
        "“未填（0）”：该领域未评分，按 0 分计入总分。",
        "依据“清单”自查“甲”：已答 53/53 项。",
        "不适用规则：" + scheme["not_applicable"]["text"],
        "总分由各领域精确值相加，只在显示时舍入一次（两位小数，四舍五入）；精确总分 25/3；等级按精确总分确定。",
    ]
    typed = state(scheme, tmp_path, "checkInput", "$evaluate", {"total": 90})["result"]
    assert [r["text"] for r in state(scheme, tmp_path, "sheetAreas", "$scheme", typed)["rows"]] == [""] * 8
    assert (
        state(scheme, tmp_path, "sheetRemarks", "$scheme", typed, None, False)[0]
        == "本次直接输入总分，未按领域评分。"
    )
    blank = state(scheme, tmp_path, "sheetAreas", "$scheme", None)
    assert (blank["unfilled"], [r["text"] for r in blank["rows"]]) == (False, [""] * 8)


def test_a_year_the_current_scheme_refuses_says_why_in_its_total(scheme, tmp_path):
    years = {"2026": {"areas": {"organization": "25/3"}}, "2025": {"total": 101}}
    table = state(scheme, tmp_path, "yearsTable", "$scheme", years, "$evaluate")
    assert table["keys"] == ["2025", "2026"]
    by_label = {r["label"]: r["cells"] for r in table["rows"]}
    assert by_label["总分"] == ["按当前方案无法计算：total: 超过满分100分", "8.33"]
    assert by_label["等级"] == ["—", "不及格"]
    assert by_label["组织领导及行政决策（10）"] == ["—", "8.33"]
    assert by_label["责任制度建立和落实（15）"] == ["—", "—"]
    assert [r["label"] for r in table["rows"]][-2:] == ["总分", "等级"]


def test_an_import_names_the_years_it_would_replace(scheme, tmp_path):
    saved = {"2024": {"total": 1}, "2026": {"total": 2}}
    incoming = {"2026": {"total": 3}, "2025": {"total": 4}, "2024": {"total": 5}}
    assert state(scheme, tmp_path, "replacedYears", saved, incoming) == ["2024", "2026"]


@pytest.mark.parametrize(
    ("keep", "chosen"),
    [("a2", "a2"), ("gone", "a3"), ("", "a3")],
    ids=["kept", "deleted since: the current one", "none yet: the current one"],
)
def test_the_assessment_chosen_is_kept_else_the_current_one(scheme, tmp_path, keep, chosen):
    found = {
        "current": "a3",
        "list": [
            {"id": "a1", "name": "甲", "statuses": {}},
            {"id": "a2", "name": "乙", "statuses": {"x": "yes"}},
            {"id": "a3", "name": "丙", "statuses": {"x": "no", "y": "na"}},
        ],
    }
    got = state(scheme, tmp_path, "assessmentOptions", found, keep)
    assert got["options"] == [
        {"value": "a1", "text": "甲（已答 0 项）"},
        {"value": "a2", "text": "乙（已答 1 项）"},
        {"value": "a3", "text": "丙（已答 2 项）"},
    ]
    assert got["value"] == chosen
    assert state(scheme, tmp_path, "assessmentOptions", None, keep) == {
        "options": [{"value": "", "text": "（尚无保存的自查）"}],
        "value": "",
    }
