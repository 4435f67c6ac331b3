"""The page's scoring rules (scoring-rules.js) under node give what the Python references give.

Fast tier: no browser. Node has no YAML parser, so the shared vectors are handed over as JSON.
Both runtimes score with the scoring part's fixture scheme (generator/parts/scoring/fixtures/).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from assess_vectors import CASES as ASSESS_CASES
from assess_vectors import EXPECT as ASSESS_EXPECT
from conftest import NODE, node_json

from generator.build import load_project
from generator.parts import scoring
from generator.parts.scoring import ScoringInputError, evaluate, scheme_data
from generator.parts.scoring.assess import assess
from generator.parts.scoring.fill import fill_from_checklist

ROOT = Path(__file__).resolve().parent.parent


def load_vectors(name: str):
    return yaml.safe_load((ROOT / "tests" / "vectors" / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def project(scoring_root):
    return load_project(scoring_root, only=("scoring",))


@pytest.fixture(scope="module")
def node_output(project, tmp_path_factory):
    if not Path(NODE).exists():
        pytest.fail("node is missing: install Debian's nodejs (see README)")
    scoring = load_vectors("scoring.yaml")
    fill = load_vectors("fill.yaml")
    tmp = tmp_path_factory.mktemp("js-rules")
    scheme_file = tmp / "scheme.json"
    vectors_file = tmp / "vectors.json"
    scheme_file.write_text(json.dumps(scheme_data(project), ensure_ascii=False), encoding="utf-8")
    vectors_file.write_text(
        json.dumps(
            {
                "scoring": [
                    {"name": c["name"], "input": c["input"]} for c in scoring["valid"] + scoring["invalid"]
                ],
                "fill": fill["cases"],
                "assess": ASSESS_CASES,
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    return node_json("run_vectors.js", scheme_file, vectors_file)


def python_scoring(project, case) -> dict:
    try:
        return {"name": case["name"], "result": evaluate(scoring.scheme_of(project), case["input"])}
    except ScoringInputError as e:
        return {"name": case["name"], "error": str(e), "field": e.field}


def test_node_scores_every_shared_vector_as_python_does(project, node_output):
    vectors = load_vectors("scoring.yaml")
    cases = vectors["valid"] + vectors["invalid"]
    want = [python_scoring(project, c) for c in cases]
    assert len(node_output["scoring"]) == len(cases) > 0
    assert node_output["scoring"] == json.loads(json.dumps(want, ensure_ascii=False))


def test_node_refuses_the_invalid_vectors_with_their_exact_messages(node_output):
    vectors = load_vectors("scoring.yaml")
    by_name = {r["name"]: r for r in node_output["scoring"]}
    for case in vectors["invalid"]:
        assert by_name[case["name"]].get("error") == case["error"], case["name"]


def test_node_fills_from_checklists_as_python_does(node_output):
    cases = load_vectors("fill.yaml")["cases"]
    want = [
        {"name": c["name"], "result": fill_from_checklist(c["areas"], c["items"], c["statuses"])}
        for c in cases
    ]
    assert node_output["fill"] == want
    assert [r["result"] for r in node_output["fill"]] == [c["expect"] for c in cases]


def test_node_assesses_every_shared_vector_exactly_as_python_does(node_output):
    want = [
        {"name": c["name"], "result": assess(c["scheme"], c["items"], c["statuses"], c["confirmed"])}
        for c in ASSESS_CASES
    ]
    assert len(node_output["assess"]) == len(ASSESS_CASES) > 0
    assert node_output["assess"] == want
    for got in node_output["assess"]:
        expect = ASSESS_EXPECT[got["name"]]
        assert {k: got["result"][k] for k in expect} == expect, got["name"]


def test_node_gives_the_exact_95_vector_优秀(node_output):
    [got] = [
        r for r in node_output["assess"] if r["name"].startswith("sixths and eighteenths sum exactly to 95")
    ]
    assert (got["result"]["total"], got["result"]["shown"], got["result"]["grade"]) == ("95", "95", "优秀")


# --- the comparison's state (compare-state.js) under node -----------------------------------------

SITE_KEY = "jlzfzrz"


def agency_items(project) -> list[dict]:
    [agency] = [c for c in scheme_data(project)["checklists"] if c["id"] == "agency"]
    return agency["items"]


def checklist_json(statuses: dict, **extra) -> dict:
    return {
        "format": 1,
        "kind": f"{SITE_KEY}-checklist-assessment",
        "checklist": "agency",
        "title": "行政执法机关自查清单",
        "version": "x",
        "name": "2026年度自查",
        "answers": {k: {"status": v} for k, v in statuses.items()},
        **extra,
    }


def checklist_csv(statuses: dict, unit: str) -> str:
    rows = [
        ["清单", "行政执法机关自查清单"],
        ["清单编号", "agency"],
        ["自查名称", "2026年度自查"],
        ["自查单位", unit],
    ]
    rows += [[], ["序号", "项目编号", "检查事项", "依据", "查阅材料", "考评内容", "答复", "备注"]]
    label = {"yes": "符合", "no": "不符合", "na": "不适用"}
    rows += [
        [str(i), k, "事项，含逗号", "", "", "", label[v], ""] for i, (k, v) in enumerate(statuses.items(), 1)
    ]
    return "\r\n".join(",".join(f'"{c}"' if "," in c else c for c in r) for r in rows) + "\r\n"


# The comparison's tests read a frozen copy of an agency checklist and an eight-area scheme
# (tests/fixtures/compare/), not the shipped files, which an agency edits: the figures below
# (53 items, 优秀) are the fixture's.
COMPARE_FIXTURE = ROOT / "tests" / "fixtures" / "compare"


def compare_csv(scheme: dict, rows: list[dict]) -> str:
    """The table's own CSV as compare.js exports it: key columns, the areas, the source."""
    head = (
        ["单位", "年度", "总分", "等级", "已答"]
        + [f"{a['title']}（{a['max']}）" for a in scheme["areas"]]
        + ["来源"]
    )
    lines = [head] + [
        [r["unit"], r["year"], r["total"], r["grade"], r["answered"]]
        + [r["areas"].get(a["id"], str(a["max"])) for a in scheme["areas"]]
        + [r["source"]]
        for r in rows
    ]
    return "\r\n".join(",".join(lines_cell for lines_cell in line) for line in lines) + "\r\n"


def compare_csv_files(scheme: dict) -> dict[str, bytes]:
    # Areas 10 x 5/6, 10 x 5/6 and 15 x 16/18, the rest full: exactly 95, shown rounded per area.
    exact95 = {
        "unit": "甲局",
        "year": "2026",
        "total": "95",
        "grade": "优秀",
        "answered": "已答 53/53",
        "areas": {"organization": "8.33", "team": "8.33", "system": "13.33"},
        "source": "自查“2026年度自查”（行政执法机关自查清单）",
    }
    partial = {
        "unit": "乙局",
        "year": "2026",
        "total": "100（暂定）",
        "grade": "暂定 优秀",
        "answered": "已答 8/53",
        "areas": {},
        "source": "自查“x”（行政执法机关自查清单）",
    }
    typed = {
        "unit": "丙局",
        "year": "2025",
        "total": "94.99",
        "grade": "良好",
        "answered": "—",
        "areas": {"organization": "8.33", "team": "8.33", "system": "13.33"},
        "source": "2025年度（评分计算器）",
    }
    wrong = {**typed, "total": "90"}
    return {
        "compare csv utf-8": ("\ufeff" + compare_csv(scheme, [exact95, partial, typed])).encode("utf-8"),
        "compare csv in gbk": compare_csv(scheme, [exact95]).encode("gbk"),
        "compare csv total not the sum": compare_csv(scheme, [wrong]).encode(),
    }


@pytest.fixture(scope="module")
def compare_project(tmp_path_factory):
    from conftest import fixture_project

    dest = fixture_project(tmp_path_factory.mktemp("compare-project") / "project", "checklists")
    for record in (dest / "checklists").glob("*.yaml"):
        if not record.name.startswith("_"):
            record.unlink()
    shutil.copytree(COMPARE_FIXTURE, dest, dirs_exist_ok=True)
    regulation = dest / "content" / "regulation.yaml"
    data = yaml.safe_load(regulation.read_text(encoding="utf-8"))
    data["settings"]["checklists"].update(covered_first=16, covered_last=16)  # what agency.yaml cites
    regulation.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_project(dest, only=("checklists",))


@pytest.fixture(scope="module")
def compare_output(compare_project, tmp_path_factory):
    import base64

    project = compare_project
    items = agency_items(project)
    other = [i["id"] for i in items if i["area"] == "other"]
    all_yes = {i["id"]: "yes" for i in items}
    na_other = {**all_yes, **dict.fromkeys(other, "na")}
    first_per_area = {}
    for i in items:
        first_per_area.setdefault(i["area"], i["id"])
    eight = {v: "yes" for v in first_per_area.values()}
    full = json.dumps(checklist_json(na_other, unit="甲局", year="2026"), ensure_ascii=False).encode()
    files = {
        "52 yes and 1 na": full,
        "8 answered": json.dumps(checklist_json(eight, unit="乙局"), ensure_ascii=False).encode(),
        "no unit": json.dumps(checklist_json(all_yes), ensure_ascii=False).encode(),
        "gbk csv": checklist_csv(na_other, "丙局").encode("gbk"),
        "utf-8 csv with bom": ("\ufeff" + checklist_csv(eight, "丁局")).encode(),
        "truncated json": full[:120],
        "truncated inside a character": full[: full.index("甲".encode()) + 1],
        "quiz backup": json.dumps({"format": 1, "kind": f"{SITE_KEY}-quiz-backup"}).encode(),
        "another site": json.dumps({"format": 1, "kind": "other-site-checklist-assessment"}).encode(),
        "plain text": "这只是一段文字\n".encode(),
        "bad csv answer": checklist_csv({items[0]["id"]: "yes"}, "戊局").replace("符合", "=1+1").encode(),
        "neither utf-8 nor gbk": bytes([0xFF, 0xFE, 0x00, 0x81, 0x20]) * 4,
        "json of another shape": b"[1, 2, 3]",
        "damaged json": b"{not json",
    }
    files.update(compare_csv_files(scheme_data(project)))
    tmp = tmp_path_factory.mktemp("compare")
    (tmp / "scheme.json").write_text(json.dumps(scheme_data(project), ensure_ascii=False), encoding="utf-8")
    cases = [
        {"name": k, "base64": base64.b64encode(v).decode(), "siteKey": SITE_KEY} for k, v in files.items()
    ]
    (tmp / "cases.json").write_text(json.dumps(cases), encoding="utf-8")
    return {r["name"]: r for r in node_json("run_compare.js", tmp / "scheme.json", tmp / "cases.json")}


def test_compare_rows_carry_unit_year_and_completeness(compare_output):
    row = compare_output["52 yes and 1 na"]["rows"][0]
    assert (row["agency"], row["year"], row["checklist"]) == ("甲局", "2026", "agency")
    assert (row["answered"], row["count"], row["complete"]) == (53, 53, True)
    cells = compare_output["52 yes and 1 na"]["cells"][0]
    assert (cells["total"]["text"], cells["grade"]["text"], cells["answered"]["text"]) == (
        "100",
        "优秀",
        "已答 53/53",
    )
    assert cells["area:other"]["text"] == "10"


def test_compare_gives_8_of_53_no_final_grade(compare_output):
    cells = compare_output["8 answered"]["cells"][0]
    assert (cells["total"]["text"], cells["grade"]["text"], cells["answered"]["text"]) == (
        "100（暂定）",
        "暂定 优秀",
        "已答 8/53",
    )


def test_compare_leaves_the_unit_of_a_file_without_one_to_the_evaluator(compare_output):
    assert compare_output["no unit"]["rows"][0]["agency"] == ""


def test_compare_reads_checklist_csv_in_gbk_and_utf8(compare_output):
    gbk = compare_output["gbk csv"]
    assert gbk["encoding"] == "gb18030"
    assert (gbk["rows"][0]["agency"], gbk["cells"][0]["grade"]["text"]) == ("丙局", "优秀")
    utf8 = compare_output["utf-8 csv with bom"]
    assert (utf8["encoding"], utf8["rows"][0]["agency"], utf8["cells"][0]["answered"]["text"]) == (
        "utf-8",
        "丁局",
        "已答 8/53",
    )


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("truncated json", "文件不完整（JSON 在中途截断），可能复制或下载未完成，请重新导出或复制"),
        (
            "truncated inside a character",
            "文件不完整（在一个字符中间截断），可能复制或下载未完成，请重新导出或复制",
        ),
        ("quiz backup", "这是学法考试的练习记录备份（请在学法考试页面导入，不能用于考核对比）"),
        (
            "another site",
            "这是其他网站或版本导出的文件（类型“other-site-checklist-assessment”），不是本站的考核评分记录或自查文件",
        ),
        ("plain text", "这不是本站导出的自查或考核评分文件（CSV 文件缺少“清单编号”）"),
        ("bad csv answer", "CSV 第 7 行的答复“=1+1”无法识别（应为符合、不符合或不适用）"),
        ("neither utf-8 nor gbk", "文件不是 UTF-8 或 GBK 编码的文本"),
        ("json of another shape", "这不是本站导出的考核评分记录或自查文件"),
        # kb.js's wording, as the calculator and the checklists say it.
        ("damaged json", "文件已损坏或不是 JSON 文件"),
    ],
)
def test_compare_says_what_happened_to_a_file_it_refuses(compare_output, name, error):
    assert compare_output[name] == {"name": name, "error": error}


def test_the_compare_tables_own_csv_reads_back_with_exact_shares(compare_output):
    out = compare_output["compare csv utf-8"]
    exact, partial, typed = out["rows"]
    assert (exact["agency"], exact["year"], exact["checklist"], exact["complete"]) == (
        "甲局",
        "2026",
        "agency",
        True,
    )
    assert exact["input"]["areas"]["organization"] == "25/3" and exact["input"]["areas"]["system"] == "40/3"
    assert [c["total"]["text"] for c in out["cells"]] == ["95", "100（暂定）", "94.99"]
    assert [c["grade"]["text"] for c in out["cells"]] == ["优秀", "暂定 优秀", "良好"]
    assert (partial["answered"], partial["count"], partial["complete"]) == (8, 53, False)
    assert (typed["checklist"], typed["input"]["areas"]["organization"]) == ("", 8.33)
    gbk = compare_output["compare csv in gbk"]
    assert (gbk["encoding"], gbk["cells"][0]["grade"]["text"]) == ("gb18030", "优秀")


def test_a_compare_csv_whose_total_is_not_its_areas_is_refused(compare_output):
    assert compare_output["compare csv total not the sum"]["error"] == "CSV 第 2 行的各领域得分与总分“90”不符"


# --- the comparison's table and imports (compare-state.js) under node ------------------------------


def run_compare(project, cases: list[dict], tmp_path: Path) -> dict[str, dict]:
    (tmp_path / "scheme.json").write_text(
        json.dumps(scheme_data(project), ensure_ascii=False), encoding="utf-8"
    )
    (tmp_path / "cases.json").write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
    return {
        r.pop("name"): r
        for r in node_json("run_compare.js", tmp_path / "scheme.json", tmp_path / "cases.json")
    }


def compare_fn(project, tmp_path: Path, fn: str, *args) -> object:
    out = run_compare(project, [{"name": "x", "fn": fn, "args": list(args)}], tmp_path)["x"]
    assert "error" not in out, out
    return out["result"]


def row(agency: str, year: str = "2026", checklist: str = "", total: float = 90, **extra) -> dict:
    return {
        "agency": agency,
        "year": year,
        "checklist": checklist,
        "source": f"{year}年度（评分计算器）",
        "input": {"total": total},
        "empty": [],
        "answered": None,
        "count": None,
        "complete": True,
        "confirmed": False,
        **extra,
    }


def import_files(project, tmp_path: Path, rows: list[dict], files: list[dict], answers: list, max_rows=300):
    case = {
        "name": "x",
        "importFiles": {"list": rows, "files": files},
        "answers": answers,
        "maxRows": max_rows,
    }
    return run_compare(project, [case], tmp_path)["x"]


UNIT_QUESTION = "文件“{}”没有填写自查单位。请输入被考核单位名称（取消则不导入该文件）："


def test_two_same_named_files_from_different_units_give_two_rows(project, tmp_path):
    files = [
        {"name": "行政执法机关-2026年度自查.json", "rows": [row("甲局", checklist="agency")]},
        {"name": "行政执法机关-2026年度自查.json", "rows": [row("乙局", checklist="agency")]},
    ]
    out = import_files(project, tmp_path, [], files, [])
    assert [r["agency"] for r in out["result"]["list"]] == ["甲局", "乙局"]
    assert out["asked"] == []
    assert out["summary"] == "已导入 2 行，对比表共 2 行。"


def test_a_file_without_a_unit_asks_once_for_all_its_rows(project, tmp_path):
    files = [{"name": "考核评分记录.json", "rows": [row("", year=y) for y in ("2024", "2025", "2026")]}]
    out = import_files(project, tmp_path, [], files, ["  吉林市司法局  "])
    assert out["asked"] == [[UNIT_QUESTION.format("考核评分记录.json"), "考核评分记录"]]
    assert [(r["agency"], r["year"]) for r in out["result"]["list"]] == [
        ("吉林市司法局", "2024"),
        ("吉林市司法局", "2025"),
        ("吉林市司法局", "2026"),
    ]


# Hostile answers to the unit question: cancelled, blank, whitespace only.
@pytest.mark.parametrize("answer", [None, "", "  \u3000 "], ids=["cancelled", "blank", "whitespace"])
def test_a_file_whose_unit_is_not_given_is_not_imported(project, tmp_path, answer):
    before = [row("甲局")]
    out = import_files(project, tmp_path, before, [{"name": "x.json", "rows": [row("")]}], [answer])
    assert out["result"]["list"] == before
    assert out["result"]["lines"] == ["“x.json”未导入：没有单位名称。"]
    assert (out["result"]["added"], out["result"]["failed"], out["summary"]) == (0, False, None)


def test_a_long_unit_is_cut_to_60_characters_and_a_formula_stays_text_in_csv(project, tmp_path):
    out = import_files(
        project, tmp_path, [], [{"name": "x.json", "rows": [row("")]}], ["=HYPERLINK(" + "a" * 80]
    )
    [got] = out["result"]["list"]
    assert got["agency"] == ("=HYPERLINK(" + "a" * 80)[:60]
    table = compare_fn(project, tmp_path, "csvTable", "$scheme", "$rules", [got], None)
    assert table[1][0] == "'" + got["agency"]


TAKEN = "对比表中已有该文件中的 3 行，如“甲局”2024年度的同一清单结果。请输入：1 替换原有行；2 两行都保留；3 跳过（不导入）"


@pytest.mark.parametrize(
    ("answer", "agencies", "totals", "lines", "summary"),
    [
        (
            "1",
            ["乙局", "甲局", "甲局", "甲局"],
            [90, 70, 70, 70],
            [],
            "已导入 3 行（其中替换 3 行），对比表共 4 行。",
        ),
        (
            "2",
            ["甲局", "甲局", "甲局", "乙局", "甲局（2）", "甲局（2）", "甲局（2）"],
            [90, 90, 90, 90, 70, 70, 70],
            [],
            "已导入 3 行，对比表共 7 行。",
        ),
        ("3", ["甲局", "甲局", "甲局", "乙局"], [90] * 4, ["已跳过“x.json”中对比表已有的 3 行。"], None),
        # Hostile answers skip: cancelled, unknown, a full-width digit, a word.
        (None, ["甲局", "甲局", "甲局", "乙局"], [90] * 4, ["已跳过“x.json”中对比表已有的 3 行。"], None),
        ("4", ["甲局", "甲局", "甲局", "乙局"], [90] * 4, ["已跳过“x.json”中对比表已有的 3 行。"], None),
        ("１", ["甲局", "甲局", "甲局", "乙局"], [90] * 4, ["已跳过“x.json”中对比表已有的 3 行。"], None),
        (
            "replace",
            ["甲局", "甲局", "甲局", "乙局"],
            [90] * 4,
            ["已跳过“x.json”中对比表已有的 3 行。"],
            None,
        ),
    ],
    ids=["replace", "both", "skip", "cancelled", "unknown", "full-width", "word"],
)
def test_a_file_of_rows_already_there_asks_once(project, tmp_path, answer, agencies, totals, lines, summary):
    years = ("2024", "2025", "2026")
    before = [row("甲局", year=y) for y in years] + [row("乙局")]
    files = [{"name": "x.json", "rows": [row("甲局", year=y, total=70) for y in years]}]
    out = import_files(project, tmp_path, before, files, [answer])
    assert out["asked"] == [[TAKEN, "1"]]
    assert [r["agency"] for r in out["result"]["list"]] == agencies
    assert [r["input"]["total"] for r in out["result"]["list"]] == totals
    assert out["result"]["lines"] == lines
    assert out["summary"] == summary


def test_one_row_already_there_is_named_when_asked_and_when_skipped(project, tmp_path):
    before = [row("甲局")]
    out = import_files(
        project, tmp_path, before, [{"name": "x.json", "rows": [row("甲局", total=70)]}], ["3"]
    )
    question = (
        "对比表中已有“甲局”2026年度的同一清单结果。请输入：1 替换原有行；2 两行都保留；3 跳过（不导入）"
    )
    assert out["asked"] == [[question, "1"]]
    assert out["result"]["lines"] == ["已跳过“甲局”（2026年度（评分计算器））。"]


LIMIT = "无法导入“{}”：对比表最多 3 行，导入后将有 {} 行。该文件未导入。"


def test_a_file_past_the_limit_is_refused_whole_before_anything_is_asked(project, tmp_path):
    before = [row("甲局", year="2025")]
    files = [{"name": "y.json", "rows": [row("乙局", year=y) for y in ("2023", "2024", "2025")]}]
    out = import_files(project, tmp_path, before, files, ["1"], max_rows=3)
    assert out["asked"] == []
    assert out["result"]["list"] == before
    assert out["result"]["lines"] == [LIMIT.format("y.json", 4)]
    assert (out["result"]["added"], out["result"]["failed"]) == (0, True)


def test_keeping_both_past_the_limit_refuses_the_file_whole(project, tmp_path):
    before = [row("甲局", year=y) for y in ("2024", "2025", "2026")]
    files = [{"name": "y.json", "rows": [row("甲局", year=y, total=70) for y in ("2025", "2026")]}]
    out = import_files(project, tmp_path, before, files, ["2"], max_rows=3)
    assert out["result"]["list"] == before
    assert out["result"]["lines"] == [LIMIT.format("y.json", 5)]
    # Replacing stays within the limit.
    out = import_files(project, tmp_path, before, files, ["1"], max_rows=3)
    assert [r["input"]["total"] for r in out["result"]["list"]] == [90, 70, 70]


def test_each_file_says_what_happened_to_it_in_order(project, tmp_path):
    files = [
        {"name": "坏.json", "error": "文件已损坏或不是 JSON 文件"},
        {"name": "gbk.csv", "rows": [row("丙局", checklist="agency")], "converted": True},
        {"name": "无单位.json", "rows": [row("")]},
    ]
    out = import_files(project, tmp_path, [], files, [None])
    assert out["result"]["lines"] == [
        "无法导入“坏.json”：文件已损坏或不是 JSON 文件。该文件未导入。",
        "“gbk.csv”：（已转换）。",
        "“无单位.json”未导入：没有单位名称。",
    ]
    assert (out["result"]["added"], out["result"]["failed"], out["summary"]) == (
        1,
        True,
        "已导入 1 行，对比表共 1 行。",
    )


# Hostile cell text: what Excel or WPS would run as a formula is quoted; anything else is kept.
CELLS = {
    "=1+1": "'=1+1",
    "+86": "'+86",
    "-5": "'-5",
    "@SUM(A1)": "'@SUM(A1)",
    "\tx": "'\tx",
    "\rx": "'\rx",
    "甲=局": "甲=局",
    " =x": " =x",
}


@pytest.mark.parametrize(("text", "cell"), CELLS.items(), ids=[repr(k) for k in CELLS])
def test_csv_cells_that_would_be_formulas_stay_text(project, tmp_path, text, cell):
    assert compare_fn(project, tmp_path, "cellText", text) == cell


def test_empty_cells_are_empty_and_numbers_are_kept(project, tmp_path):
    cases = [{"name": str(v), "fn": "cellText", "args": [v]} for v in (None, 0, 95.5)]
    out = run_compare(project, cases, tmp_path)
    assert [out[k]["result"] for k in ("None", "0", "95.5")] == ["", "0", "95.5"]


def test_the_table_sorts_by_total_highest_first_and_keeps_ties_in_import_order(project, tmp_path):
    rows = [row("甲局", total=80), row("乙局", total=95), row("丙局", total=80), row("丁局", total=60)]
    column = next(c for c in compare_fn(project, tmp_path, "columns", "$scheme") if c["id"] == "total")
    sort = compare_fn(project, tmp_path, "nextSort", {"column": None, "descending": False}, column)
    assert sort == {"column": "total", "descending": True}
    entries = compare_fn(project, tmp_path, "entries", "$scheme", "$rules", rows, sort)
    assert [e["row"]["agency"] for e in entries] == ["乙局", "甲局", "丙局", "丁局"]
    again = compare_fn(project, tmp_path, "nextSort", sort, column)
    entries = compare_fn(project, tmp_path, "entries", "$scheme", "$rules", rows, again)
    assert [e["row"]["agency"] for e in entries] == ["丁局", "甲局", "丙局", "乙局"]


def test_the_key_columns_come_first_and_the_csv_follows_the_table(project, tmp_path):
    scheme = scheme_data(project)
    labels = [c["label"] for c in compare_fn(project, tmp_path, "columns", "$scheme")]
    areas = [f"{a['title']}（{a['max']}）" for a in scheme["areas"]]
    assert labels == ["单位", "年度", "总分", "等级", "已答", *areas, "来源"]
    rows = [row("甲局", total=80), row("乙局", total=95)]
    table = compare_fn(
        project, tmp_path, "csvTable", "$scheme", "$rules", rows, {"column": "total", "descending": True}
    )
    assert table[0] == labels
    grade = {t: evaluate(scoring.scheme_of(project), {"total": t})["grade"] for t in (80, 95)}
    assert [r[:5] for r in table[1:]] == [
        ["乙局", "2026", "95", grade[95], "—"],
        ["甲局", "2026", "80", grade[80], "—"],
    ]


def test_years_are_listed_newest_first_and_one_year_is_shown(project, tmp_path):
    rows = [
        row("甲局", year="2025"),
        row("乙局", year=""),
        row("丙局", year="2026"),
        row("丁局", year="2025"),
    ]
    assert compare_fn(project, tmp_path, "yearsOf", rows) == ["2026", "2025"]
    shown = compare_fn(project, tmp_path, "ofYear", rows, "2025")
    assert [r["agency"] for r in shown] == ["甲局", "丁局"]
    assert len(compare_fn(project, tmp_path, "ofYear", rows, "")) == 4


def test_confirming_and_removing_touch_only_the_row_of_that_key(project, tmp_path):
    rows = [
        row("甲局", checklist="agency", complete=False),
        row("甲局", year="2025", checklist="agency", complete=False),
    ]
    confirmed = compare_fn(project, tmp_path, "confirmed", rows, rows[0])
    assert [r["confirmed"] for r in confirmed] == [True, False]
    assert compare_fn(project, tmp_path, "without", rows, rows[0]) == [rows[1]]
