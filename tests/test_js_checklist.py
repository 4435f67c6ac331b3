"""The checklist's state (checklist-state.js) with kb.js's file rules, run by node as the page runs them.

Fast tier: no browser. Who and when on a record, file names, the CSV export read back (UTF-8 and
GBK), and every kind of file a checklist page may be handed, each refused with what it is.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import re
from pathlib import Path

import pytest
from conftest import node_json

from generator.build import load_project
from generator.parts.checklists import checklists_of, render_checklist

ROOT = Path(__file__).resolve().parent.parent
RUNNER = "run_checklist.js"
SITE_KEY = "jlzfzrz"
KIND = f"{SITE_KEY}-checklist-assessment"
INCOMPLETE_JSON = "文件不完整（JSON 在中途截断），可能复制或下载未完成，请重新导出或复制"


@pytest.fixture(scope="module")
def data() -> dict:
    """The agency checklist as its page embeds it."""
    project = load_project(ROOT)
    page = render_checklist(project, checklists_of(project).get("agency"))
    found = re.search(r'<script type="application/json" id="kb-checklist-data">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))


def run(data: dict, cases: list[dict], tmp_path: Path) -> dict[str, dict]:
    (tmp_path / "data.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "cases.json").write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
    return {r["name"]: r for r in node_json(RUNNER, tmp_path / "data.json", tmp_path / "cases.json")}


def call(data, tmp_path, fn: str, *args):
    out = run(data, [{"name": "x", "fn": fn, "args": list(args)}], tmp_path)["x"]
    assert "error" not in out, out
    return out["result"]


def read(data, tmp_path, content: bytes) -> dict:
    case = {"name": "x", "base64": base64.b64encode(content).decode(), "siteKey": SITE_KEY}
    out = run(data, [case], tmp_path)["x"]
    out.pop("name")
    return out


def export(data: dict, **extra) -> dict:
    first, second = data["items"][0]["id"], data["items"][1]["id"]
    return {
        "format": 1,
        "kind": KIND,
        "checklist": "agency",
        "title": data["title"],
        "version": data["version"],
        "name": "2026年度自查",
        "answers": {first: {"status": "yes", "note": "见文件"}, second: {"status": "na"}},
        **extra,
    }


def csv_text(rows: list[list]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


# --- who and when, file names ------------------------------------------------------------------


def test_the_file_name_gives_unit_year_and_checklist(data, tmp_path):
    a = {"name": "2026年度自查", "unit": "吉林市甲局", "year": "2026", "answers": {}}
    assert call(data, tmp_path, "fileStem", "$data", a) == "吉林市甲局-2026年度-行政执法机关自查"


def test_the_file_name_adds_a_name_that_says_more_than_the_year(data, tmp_path):
    a = {"name": "复查", "unit": "乙局", "year": "2026", "answers": {}}
    assert call(data, tmp_path, "fileStem", "$data", a) == "乙局-2026年度-行政执法机关自查-复查"


def test_a_unit_with_path_characters_cannot_leave_the_download_folder(data, tmp_path):
    a = {"name": "2026年度自查", "unit": '../甲:局*"<>|', "year": "2026", "answers": {}}
    assert call(data, tmp_path, "fileStem", "$data", a) == "_甲_局_-2026年度-行政执法机关自查"


def test_a_record_of_an_earlier_release_keeps_working_and_takes_its_year_from_its_name(data, tmp_path):
    item = data["items"][0]["id"]
    old = {
        "name": "2025年度自查",
        "checklist": "agency",
        "version": data["version"],
        "answers": {item: {"status": "no"}},
    }
    raw = {"format": 1, "current": "a1", "assessments": {"a1": old}}
    clean = call(data, tmp_path, "cleanRecord", raw, "$data")
    assert clean == {"record": {"format": 1, "current": "a1", "assessments": {"a1": old}}, "damaged": False}
    assert call(data, tmp_path, "whoOf", old) == {"unit": "", "year": "2025", "filler": "", "date": ""}


def test_stored_who_that_is_not_text_is_dropped_and_the_record_set_aside(data, tmp_path):
    a = {
        "name": "n",
        "checklist": "agency",
        "version": data["version"],
        "answers": {},
        "unit": {"x": 1},
        "year": "2026",
    }
    clean = call(data, tmp_path, "cleanRecord", {"format": 1, "assessments": {"a1": a}}, "$data")
    assert clean["damaged"] is True
    assert clean["record"]["assessments"]["a1"] == {
        "name": "n",
        "checklist": "agency",
        "version": data["version"],
        "answers": {},
        "year": "2026",
    }


def test_the_json_export_carries_who_and_when(data, tmp_path):
    a = {
        "name": "2026年度自查",
        "unit": "甲局",
        "year": "2026",
        "filler": "张三",
        "date": "2026-03-31",
        "answers": {},
    }
    file = call(data, tmp_path, "exportFile", "$data", a, KIND)
    assert (file["unit"], file["year"], file["filler"], file["date"]) == (
        "甲局",
        "2026",
        "张三",
        "2026-03-31",
    )


# --- the CSV export read back ------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk"])
def test_the_csv_export_reads_back_in_utf8_and_gbk(data, tmp_path, encoding):
    first, second, third = (i["id"] for i in data["items"][:3])
    a = {
        "name": "2026年度自查",
        "unit": "丙局",
        "year": "2026",
        "filler": "李四",
        "date": "2026-04-01",
        "answers": {
            first: {"status": "yes", "note": "=1+1 见文件", "t": 5},
            second: {"status": "no", "note": '未公告，"待办"\n续', "t": 5},
            third: {"note": "只有备注", "t": 5},
        },
    }
    rows = call(data, tmp_path, "csvRows", "$data", a)
    assert rows[4:8] == [["自查单位", "丙局"], ["年度", "2026"], ["填表人", "李四"], ["日期", "2026-04-01"]]
    got = read(data, tmp_path, csv_text(rows).encode(encoding))
    assert got["result"]["encoding"] == ("gb18030" if encoding == "gbk" else "utf-8")
    result = got["result"]
    assert (result["name"], result["version"], result["who"]) == (
        "2026年度自查",
        data["version"],
        {"unit": "丙局", "year": "2026", "filler": "李四", "date": "2026-04-01"},
    )
    assert result["answers"] == {
        first: {"status": "yes", "note": "=1+1 见文件", "t": 1},
        second: {"status": "no", "note": '未公告，"待办"\n续', "t": 1},
        third: {"note": "只有备注", "t": 1},
    }


def test_a_json_export_without_who_imports_with_none(data, tmp_path):
    got = read(data, tmp_path, json.dumps(export(data), ensure_ascii=False).encode())
    assert got["result"]["who"] == {}
    assert len(got["result"]["answers"]) == 2


# --- files refused, each saying what it is -----------------------------------------------------


def hostile(data: dict) -> dict[str, tuple[bytes, str]]:
    full = json.dumps(export(data, unit="甲局"), ensure_ascii=False).encode()
    other_id = data["items"][0]["id"]
    return {
        "truncated json": (full[:150], INCOMPLETE_JSON),
        "truncated inside a character": (
            full[: full.index("甲".encode()) + 2],
            "文件不完整（在一个字符中间截断），可能复制或下载未完成，请重新导出或复制",
        ),
        "compare csv": (
            (
                "\ufeff"
                + csv_text([["单位", "年度", "总分", "等级", "已答"], ["甲局", "2026", "95", "优秀", "—"]])
            ).encode(),
            "这是多单位对比表（请在“考核评分 › 多单位对比”页面导入），不是自查文件",
        ),
        "calculator years json": (
            json.dumps({"format": 1, "kind": f"{SITE_KEY}-scoring-years", "years": {}}).encode(),
            "这是评分计算器导出的考核评分记录（请在“考核评分 › 评分计算器”页面导入），不是自查文件",
        ),
        "calculator years csv": (
            csv_text([["年度", "被考核单位", "总分", "等级"], ["2026", "甲局", "95", "优秀"]]).encode("gbk"),
            "这是评分计算器导出的考核评分记录（请在“考核评分 › 评分计算器”页面导入），不是自查文件",
        ),
        "quiz backup": (
            json.dumps({"format": 1, "kind": f"{SITE_KEY}-quiz-backup"}).encode(),
            "这是学法考试的练习记录备份（请在学法考试页面导入），不是自查文件",
        ),
        "another site": (
            json.dumps({"format": 1, "kind": "other-checklist-assessment"}).encode(),
            "这是其他网站或版本导出的文件（类型“other-checklist-assessment”），不是本站的自查文件",
        ),
        "plain text": (
            "这只是一段文字\n".encode("gbk"),
            "这不是本站导出的自查文件（CSV 文件缺少“清单编号”）",
        ),
        "json array": (b"[1, 2, 3]", "这不是本站导出的自查文件"),
        "neither utf-8 nor gbk": (
            bytes([0xFF, 0xFE, 0x00, 0x81, 0x20]) * 4,
            "文件不是 UTF-8 或 GBK 编码的文本",
        ),
        "another checklist": (
            json.dumps(export(data, checklist="officer", title="行政执法人员自查清单")).encode(),
            "该文件属于“行政执法人员自查清单”（officer），不是本清单“行政执法机关自查清单”（agency）",
        ),
        "unit not text": (
            json.dumps(export(data, unit=["甲局"])).encode(),
            "文件中的自查单位、年度、填表人或日期格式不正确",
        ),
        "unknown item": (
            json.dumps(export(data, answers={"no_such_item": {"status": "yes"}})).encode(),
            "本清单没有项目 no_such_item",
        ),
        "csv answer as formula": (
            csv_text(
                [["清单编号", "agency"], ["清单版本", data["version"]], ["自查名称", "n"], []]
                + [["序号", "项目编号", "检查事项", "依据", "查阅材料", "考评内容", "答复", "备注"]]
                + [["1", other_id, "x", "", "", "", "=1+1", ""]]
            ).encode(),
            "CSV 第 6 行的答复“=1+1”无法识别（应为符合、不符合或不适用）",
        ),
        "csv without version": (
            csv_text([["清单编号", "agency"], ["自查名称", "n"], [], ["序号", "项目编号", "答复"]]).encode(),
            "文件缺少清单版本",
        ),
    }


HOSTILE_NAMES = [
    "truncated json",
    "truncated inside a character",
    "compare csv",
    "calculator years json",
    "calculator years csv",
    "quiz backup",
    "another site",
    "plain text",
    "json array",
    "neither utf-8 nor gbk",
    "another checklist",
    "unit not text",
    "unknown item",
    "csv answer as formula",
    "csv without version",
]


@pytest.fixture(scope="module")
def refused(data, tmp_path_factory) -> dict[str, dict]:
    cases = [
        {"name": k, "base64": base64.b64encode(v[0]).decode(), "siteKey": SITE_KEY}
        for k, v in hostile(data).items()
    ]
    return run(data, cases, tmp_path_factory.mktemp("refused"))


def test_every_hostile_file_has_a_case(data):
    assert sorted(HOSTILE_NAMES) == sorted(hostile(data))


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_file_that_is_not_this_checklists_export_says_what_it_is(data, refused, name):
    assert refused[name] == {"name": name, "error": hostile(data)[name][1]}
