"""The calculator's state (calculator-state.js) run by node: its years CSV goes out and comes back
exactly (exact shares included), in UTF-8 and GBK, and the files of other pages say what they are."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
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
