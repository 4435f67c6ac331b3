"""The evaluation rules (Python reference), the scheme checks, the `score` CLI and the pages."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.build import load_project, render_site
from generator.errors import ContentError
from generator.nav import site_nav
from generator.parts import PARTS, scoring
from generator.parts.scoring import ScoringInputError, evaluate, load_scheme, scheme_data

ROOT = Path(__file__).resolve().parent.parent
VECTORS = yaml.safe_load((ROOT / "tests" / "vectors" / "scoring.yaml").read_text(encoding="utf-8"))
SCHEME = "checklists/scoring.yaml"


@pytest.fixture(scope="module")
def scheme():
    return load_scheme(ROOT)


def check_expectation(result: dict, expect: dict) -> None:
    """Every key of `expect` matches; `consequences` lists the expected ids in order."""
    for key, want in expect.items():
        if key == "consequences":
            assert [c["id"] for c in result["consequences"]] == want
        else:
            assert result[key] == want, key


# --- shared vectors --------------------------------------------------------------------------------


@pytest.mark.parametrize("case", VECTORS["valid"], ids=[c["name"] for c in VECTORS["valid"]])
def test_valid_vector(scheme, case):
    check_expectation(evaluate(scheme, case["input"]), case["expect"])


@pytest.mark.parametrize("case", VECTORS["invalid"], ids=[c["name"] for c in VECTORS["invalid"]])
def test_invalid_vector(scheme, case):
    with pytest.raises(ScoringInputError) as exc:
        evaluate(scheme, case["input"])
    assert str(exc.value) == case["error"]
    assert exc.value.field == case["error"].split(": ")[0]


def test_vectors_cover_every_boundary_and_kind_of_invalid_input():
    totals = {c["input"].get("total") for c in VECTORS["valid"] if isinstance(c["input"], dict)}
    assert {100, 95, 94.99, 85, 84.99, 70, 69.99, 0} <= totals
    messages = {c["error"].split(": ", 1)[1] for c in VECTORS["invalid"]}
    for kind in (
        "不能为负数",
        "超过满分100分",
        "超过该领域满分10分",
        "必须是数字",
        "最多保留两位小数",
        "未知字段",
    ):
        assert kind in messages
    assert any(m.startswith("未知的评分领域") for m in messages)
    assert any(m.startswith("必须是以下之一") for m in messages)
    assert any("只能填写一项" in m for m in messages) and any(m.startswith("需要") for m in messages)


def test_area_sums_are_exact_where_floats_drift(scheme):
    areas = next(c for c in VECTORS["valid"] if c["name"] == "areas of 0.1 steps summing exactly to 95")
    values = list(areas["input"]["areas"].values())
    assert sum(values) != 95  # plain float addition drifts ...
    assert evaluate(scheme, areas["input"])["total"] == 95  # ... the rules do not


def test_totals_are_integers_when_whole_and_shortest_decimals_otherwise(scheme):
    assert json.dumps(evaluate(scheme, {"total": 95.0})["total"]) == "95"
    assert json.dumps(evaluate(scheme, {"total": 94.99})["total"]) == "94.99"
    assert json.dumps(evaluate(scheme, {"areas": {"team": 0.1, "system": 0.2}})["total"]) == "0.3"


def test_nan_and_infinity_are_not_numbers(scheme):
    for value in (float("nan"), float("inf"), float("-inf")):
        with pytest.raises(ScoringInputError, match=r"^total: 必须是数字$"):
            evaluate(scheme, {"total": value})


def test_every_result_line_carries_existing_citations(scheme):
    project = load_project(ROOT, only=("scoring",))
    result = evaluate(
        scheme,
        {"total": 10, "previous_grade": "不及格", "illegal_findings_same_kind": 2, "verified_complaints": 3},
    )
    assert len(result["consequences"]) == 5
    refs = result["grade_cites"] + [r for c in result["consequences"] for r in c["cites"]]
    assert all(c["cites"] for c in result["consequences"])
    assert all(r in project.index for r in refs)


def test_consequence_texts_follow_the_articles(scheme):
    """Each consequence text reuses the operative words of the provision it cites."""
    project = load_project(ROOT, only=("scoring",))
    pieces = {
        "commendation": "由本级政府予以表彰",
        "rectification": "由本级政府下发整改通知书，由司法行政部门督促整改，并建议有关部门对该单位主要领导或分管领导进行诫免谈话",
        "second_failure": "由司法行政部门建议有关部门对其主要领导及主管领导调离现岗位或给予行政处分",
        "illegal_findings": "对其主要负责人或者负有直接责任的主管领导依法给予行政处分；涉嫌犯罪的，移交司法机关依法处理",
        "complaints": "由监察、人事部门视情节依法给予相应的行政处分",
        "circulated": "评议考核结果由本级政府予以通报",
    }
    for c in scheme.consequences:
        assert pieces[c.id] in c.text
        assert any(pieces[c.id] in project.index[ref].text for ref in c.cites), c.id


# --- the scheme file -------------------------------------------------------------------------------


def rewrite(copy: Path, old: str, new: str) -> None:
    path = copy / SCHEME
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(copy: Path, needle: str) -> int:
    lines = (copy / SCHEME).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def problems(copy: Path) -> list[str]:
    with pytest.raises(ContentError) as exc:
        load_scheme(copy)
    return [str(p) for p in exc.value.problems]


def test_shipped_scheme_has_the_eight_areas_summing_to_100(scheme):
    # The example follows 第二十九条: one area per item, each citing its item.
    assert [a.cites[0] for a in scheme.areas] == [f"art_29__para_1__point_{k}" for k in range(1, 9)]
    assert sum(a.max for a in scheme.areas) == 10000
    assert scheme.example is True
    assert [g.name for g in scheme.grades] == ["优秀", "良好", "及格", "不及格"]
    assert [g.min for g in scheme.grades] == [9500, 8500, 7000, 0]


def test_maxima_not_summing_to_100_are_refused(project_copy):
    rewrite(project_copy, "  max: 10\n  covers: 执法机构设置", "  max: 5\n  covers: 执法机构设置")
    line = line_of(project_copy, "- id: organization")
    assert problems(project_copy) == [f"{SCHEME}:{line}: areas: area maxima sum to 95, expected 100"]


def test_the_build_refuses_the_scheme_too(project_copy):
    from generator.build import load_project

    rewrite(project_copy, "  max: 20\n", "  max: 20.5\n  # bigger\n")
    rewrite(project_copy, "  - {title: 执法程序合法, max: 10}", "  - {title: 执法程序合法, max: 10.5}")
    line = line_of(project_copy, "- id: organization")
    with pytest.raises(ContentError) as exc:
        load_project(project_copy)
    assert f"{SCHEME}:{line}: areas: area maxima sum to 100.5, expected 100" in [
        str(p) for p in exc.value.problems
    ]


def test_duplicate_and_malformed_area_ids(project_copy):
    rewrite(project_copy, "- id: team\n", "- id: system\n")
    rewrite(project_copy, "- id: other\n", "- id: Misc\n")
    lines = (project_copy / SCHEME).read_text(encoding="utf-8").splitlines()
    first = [i for i, x in enumerate(lines, 1) if x == "- id: system"][0]
    misc = line_of(project_copy, "- id: Misc")
    assert problems(project_copy) == [
        f"{SCHEME}:{misc}: areas[7].id: 'Misc' is not valid: expected a lower-case id (letters, digits, _) "
        "that checklist items name in `area:`",
    ]
    rewrite(project_copy, "- id: Misc\n", "- id: misc\n")
    dup = [i for i, x in enumerate(lines, 1) if x == "- id: system"][1]
    assert first < dup
    assert problems(project_copy) == [
        f"{SCHEME}:{dup}: areas[2].id: duplicate area id system (also areas[1].id)"
    ]


def test_citations_must_exist(project_copy):
    rewrite(project_copy, "cites: [art_37]", "cites: [art_37, art_99]")
    rewrite(
        project_copy, "cites: [art_29__para_1__point_8]", "cites: [art_29__para_1__point_8, art_29__para_2]"
    )
    other = line_of(project_copy, "art_29__para_2]")
    complaints = line_of(project_copy, "art_99]")
    assert problems(project_copy) == [
        f"{SCHEME}:{other}: areas[7].cites[1]: unknown provision art_29__para_2",
        f"{SCHEME}:{complaints}: consequences[5].cites[1]: unknown provision art_99",
    ]


def test_sub_items_decimals_grades_and_conditions(project_copy):
    rewrite(project_copy, "{title: 重大行政决策程序规范, max: 5}", "{title: 重大行政决策程序规范, max: 4}")
    rewrite(project_copy, "{name: 良好, min: 85,", "{name: 良好, min: 95.5,")
    rewrite(project_copy, "{name: 不及格, min: 0,", "{name: 不及格, min: 0.001,")
    rewrite(project_copy, "when: {grade: [优秀]}", "when: {grade: [特优]}")
    items = line_of(project_copy, "组织领导机构健全")
    good = line_of(project_copy, "{name: 良好")
    fail = line_of(project_copy, "{name: 不及格")
    when = line_of(project_copy, "[特优]")
    assert problems(project_copy) == [
        f"{SCHEME}:{items}: areas[0].items: sub-item maxima sum to 9, expected 10 (the area maximum)",
        f"{SCHEME}:{good}: grades[1].min: must be below the grade before it (95)",
        f"{SCHEME}:{fail}: grades[3].min: 0.001 has more than two decimals",
        f"{SCHEME}:{fail}: grades[3].min: the lowest grade must start at 0",
        f"{SCHEME}:{when}: consequences[1].when.grade[0]: unknown grade 特优",
    ]


def test_schema_problems_are_located(project_copy):
    rewrite(project_copy, "- id: circulated\n  when: {}\n", "- id: circulated\n  when: {year: 2}\n")
    line = line_of(project_copy, "when: {year: 2}")
    assert problems(project_copy) == [f"{SCHEME}:{line}: consequences[0].when.year: unknown field"]


def test_replacing_the_scheme_needs_no_code_change(project_copy):
    rewrite(project_copy, "example: true", "example: false")
    rewrite(project_copy, 'approval: ""', "approval: 经某市人民政府批准，2027年1月1日起施行")
    rewrite(project_copy, "  max: 10\n  covers: 执法机构设置", "  max: 12.5\n  covers: 执法机构设置")
    rewrite(
        project_copy,
        "  max: 10\n  covers: 考核机关确定的其他内容。",
        "  max: 7.5\n  covers: 考核机关确定的其他内容。",
    )
    project = load_project(project_copy, only=("scoring",))
    assert evaluate(scoring.scheme_of(project), {"areas": {"team": 12.5}})["total"] == 12.5
    with pytest.raises(ScoringInputError, match=r"^areas\.other: 超过该领域满分7\.5分$"):
        evaluate(scoring.scheme_of(project), {"areas": {"other": 8}})
    pages = scoring.pages(project)
    assert "示例方案" not in pages["scoring/calculator.md"]
    assert "经某市人民政府批准，2027年1月1日起施行" in pages["scoring/scheme.md"]
    assert "（满分 12.5 分）" in pages["scoring/calculator.md"]


def test_no_scheme_file_means_no_pages(project_copy):
    (project_copy / SCHEME).unlink()
    project = load_project(project_copy, only=("scoring",))
    assert scoring.scheme_of(project) is None
    assert not [uri for uri in render_site(project) if "scoring" in uri]
    assert "考核评分" not in str(site_nav(project, PARTS))
    assert problems(project_copy) == [f"{SCHEME}:0: -: missing file: scoring needs the scheme"]


# --- pages -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def project():
    return load_project(ROOT, only=("scoring",))


def embedded(page: str) -> dict:
    start = page.index('<script type="application/json" id="kb-scoring-data">') + len(
        '<script type="application/json" id="kb-scoring-data">'
    )
    return json.loads(page[start : page.index("</script>", start)])


def test_page_data_and_site_data_are_the_same(project):
    pages = {**scoring.pages(project), **scoring.exports(project)}
    assert set(pages) == {
        "scoring/calculator.md",
        "scoring/compare.md",
        "scoring/scheme.md",
        "data/scoring.json",
    }
    data = json.loads(pages["data/scoring.json"])
    assert embedded(pages["scoring/calculator.md"]) == data
    # The comparison page evaluates with the same scheme.
    compare = pages["scoring/compare.md"]
    start = compare.index('<script type="application/json" id="kb-compare-data">') + len(
        '<script type="application/json" id="kb-compare-data">'
    )
    assert json.loads(compare[start : compare.index("</script>", start)]) == data
    assert data["citations"]["art_32__para_1__point_2"] == {
        "citation": "《吉林市行政执法责任制规定》第三十二条第（二）项",
        "url": "articles/art-32.html#art_32__para_1__point_2",
    }
    assert [a["max"] for a in data["areas"]] == [10, 15, 10, 15, 10, 20, 10, 10]
    # Every consequence carries the words it restates, verbatim in a cited provision.
    for c in data["consequences"]:
        assert c["quote"] and all(any(q in project.index[r].text for r in c["cites"]) for q in c["quote"]), c[
            "id"
        ]
    assert "原文：<q>评议考核结果由本级政府予以通报</q>" in pages["scoring/scheme.md"]
    assert {**scoring.pages(project), **scoring.exports(project)} == pages  # reproducible


def test_calculator_page_links_and_labels(project):
    page = scoring.pages(project)["scoring/calculator.md"]
    assert "kb_kind: calculator" in page
    assert 'href="../articles/art-32.html#art_32__para_1__point_3"' in page
    assert 'href="../articles/art-31.html#art_31__note_1">第三十一条的编者注' in page
    assert (
        '<label for="kb-score-team">3. 执法机构和队伍建设 <span class="kb-score-max">（满分 10 分）</span></label>'
        in page
    )
    assert 'aria-describedby="kb-score-team-hint kb-score-team-error"' in page
    assert "示例方案" in page and "第二十八条第三款" in page
    assert scoring.nav(project) == [
        {"考核评分": ["scoring/calculator.md", "scoring/compare.md", "scoring/scheme.md"]}
    ]
    # Citations between two fields stay out of the Tab order (one Tab per field).
    hint = page[page.index('id="kb-score-team-hint"') : page.index('id="kb-score-team-error"')]
    assert hint.count('tabindex="-1"') == hint.count("<a ") > 0


@dataclasses.dataclass(frozen=True)
class _Items:
    """A part model that feeds areas (scoring.FeedsAreas), as the checklists do."""

    feeds: tuple

    def area_feeds(self):
        return self.feeds


def test_scheme_page_shows_which_checklist_items_feed_which_area(project):
    page = scoring.pages(project)["scoring/scheme.md"]
    assert "本站尚未收录自查清单" in page
    title, url = "行政执法机关自查清单", "checklists/agency.html"
    items = _Items(
        (
            scoring.Feed("agency", title, url, "a1", "是否建立了责任制？", "system"),
            scoring.Feed("agency", title, url, "a2", "是否有自查机制？", "system"),
        )
    )
    with_lists = dataclasses.replace(project, parts={**project.parts, "items": items})
    pages = {**scoring.pages(with_lists), **scoring.exports(with_lists)}
    page = pages["scoring/scheme.md"]
    assert (
        '<li><a href="../checklists/agency.html">行政执法机关自查清单</a> <code>a1</code>：是否建立了责任制？</li>'
        in page
    )
    assert page.count("没有自查条目对应本领域") == 7
    data = json.loads(pages["data/scoring.json"])
    assert data["checklists"] == [
        {
            "id": "agency",
            "title": "行政执法机关自查清单",
            "url": "checklists/agency.html",
            "items": [{"id": "a1", "area": "system"}, {"id": "a2", "area": "system"}],
        }
    ]


def test_embedded_json_cannot_close_the_script_element():
    from generator.render import script_json

    # The calculator page embeds the scheme with the site's shared escaping: stricter than "<\/".
    assert script_json({"t": "</script><b>"}) == '{"t":"\\u003c/script\\u003e\\u003cb\\u003e"}'


# --- CLI -------------------------------------------------------------------------------------------


def run_cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(ROOT), "score", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_cli_scores_stdin(scheme):
    data = {"areas": {"team": 8.5, "procedure": 19.99}, "previous_grade": "不及格"}
    done = run_cli("-", stdin=json.dumps(data, ensure_ascii=False))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == evaluate(scheme, data)
    assert done.stderr == ""


def test_cli_scores_a_file(tmp_path, scheme):
    path = tmp_path / "in.json"
    path.write_text('\ufeff{"total": 94.99}', encoding="utf-8")
    done = run_cli(str(path))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["grade"] == "良好" and result["total"] == 94.99


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        ('{"areas": {"team": 11}}', "stdin: areas.team: 超过该领域满分10分\n"),
        ('{"total": -1}', "stdin: total: 不能为负数\n"),
        ('{"total": 101}', "stdin: total: 超过满分100分\n"),
        ('{"total": "x"}', "stdin: total: 必须是数字\n"),
        (
            '{"areas": {"boss": 1}}',
            "stdin: areas.boss: 未知的评分领域（可用：organization、system、team、review_filing、orders、procedure、accountability、other）\n",
        ),
        ('{"total": 1, "areas": {}}', "stdin: input: “areas”（各领域得分）和“total”（总分）只能填写一项\n"),
        ("{}", "stdin: input: 需要“areas”（各领域得分）或“total”（总分）\n"),
        (
            '{"total": 80, "previous_grade": "差"}',
            "stdin: previous_grade: 必须是以下之一：优秀、良好、及格、不及格\n",
        ),
        ('{"total": NaN}', "stdin: input: 不是有效的 JSON（NaN is not a number JSON allows）\n"),
        (
            '{"total": 9',
            "stdin: input: 不是有效的 JSON（Expecting ',' delimiter: line 1 column 12 (char 11)）\n",
        ),
    ],
)
def test_cli_refuses_invalid_input_with_nothing_on_stdout(stdin, message):
    done = run_cli("-", stdin=stdin)
    assert (done.returncode, done.stdout, done.stderr) == (1, "", message)


def test_cli_missing_file(tmp_path):
    done = run_cli(str(tmp_path / "none.json"))
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith(f"{tmp_path / 'none.json'}: cannot read: ")


def test_a_consequence_quote_must_be_verbatim_in_its_cites(project_copy):
    # 诫勉 is the usual spelling; the text has 诫免, and a quote is verbatim or refused.
    rewrite(
        project_copy, "对该单位主要领导或分管领导进行诫免谈话\n", "对该单位主要领导或分管领导进行诫勉谈话\n"
    )
    line = line_of(project_copy, "进行诫勉谈话")
    assert problems(project_copy) == [
        f"{SCHEME}:{line}: consequences[2].quote[0]: not found in the text of 第三十二条第（三）项",
    ]


def test_cli_grades_the_exact_95_vector_优秀():
    """Issue 25: 10×5/6, 10×5/6 and 15×16/18 with the rest full are exactly 95, not 94.99 良好."""
    data = {
        "areas": {
            "organization": "25/3",
            "system": "40/3",
            "team": "25/3",
            "review_filing": 15,
            "orders": 10,
            "procedure": 20,
            "accountability": 10,
            "other": 10,
        }
    }
    done = run_cli("-", stdin=json.dumps(data))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert (result["total"], result["exact"], result["grade"]) == (95, "95", "优秀")
    assert [c["id"] for c in result["consequences"]] == ["circulated", "commendation"]


def test_scheme_states_the_not_applicable_rule(project):
    rule = scheme_data(project)["not_applicable"]
    assert rule["area"] == "proportional"
    assert rule["text"].startswith("不适用的条目不计入该领域的分母")
    assert "按比例折算为百分制" in rule["text"]


@pytest.mark.parametrize(
    ("value", "field", "message"),
    [
        ("{area: half}", "not_applicable.area", "must be one of: proportional, full"),
        ("{}", "not_applicable.area", "missing required field"),
        ("{area: full, item: keep}", "not_applicable.item", "unknown field"),
        ("proportional", "not_applicable", "expected mapping, got string"),
    ],
)
def test_a_bad_not_applicable_rule_is_located(project_copy, value, field, message):
    rewrite(project_copy, "not_applicable: {area: proportional}", f"not_applicable: {value}")
    line = line_of(project_copy, "not_applicable:")
    assert problems(project_copy) == [f"{SCHEME}:{line}: {field}: {message}"]


def test_the_full_rule_reaches_the_page_data(project_copy):
    rewrite(project_copy, "not_applicable: {area: proportional}", "not_applicable: {area: full}")
    data = scheme_data(load_project(project_copy, only=("scoring",)))
    assert data["not_applicable"] == {"area": "full", "text": scoring.NA_TEXT["full"]}
    assert data["not_applicable"]["text"].endswith("该领域按满分计。")
