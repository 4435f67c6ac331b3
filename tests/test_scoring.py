"""The evaluation rules (Python reference), the scheme checks, the `score` CLI and the pages.

Everything here runs on the part's fixture scheme (generator/parts/scoring/fixtures/, a copy of the
project with that scheme: conftest.fixture_project), except the tests marked `shipped`, which check
invariants of the shipped checklists/scoring.yaml and never its names or counts.
"""

from __future__ import annotations

import dataclasses
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, part_fixtures

from generator.build import load_project, render_site
from generator.cli import main
from generator.errors import ContentError
from generator.nav import site_nav
from generator.parts import PARTS, scoring
from generator.parts.scoring import ScoringInputError, evaluate, load_scheme, scheme_data

VECTORS = yaml.safe_load((ROOT / "tests" / "vectors" / "scoring.yaml").read_text(encoding="utf-8"))
SCHEME = "checklists/scoring.yaml"


@pytest.fixture(scope="module")
def scheme(scoring_root):
    return load_scheme(scoring_root)


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


def test_vectors_match_the_fixture_scheme(scheme):
    """The vectors name the fixture's areas, maxima and grades (not the shipped scheme's)."""
    fixture = yaml.safe_load((part_fixtures("scoring") / SCHEME).read_text(encoding="utf-8"))
    assert [a.id for a in scheme.areas] == [a["id"] for a in fixture["areas"]] == ["duties", "staff", "cases"]
    assert [a.max for a in scheme.areas] == [3334, 3333, 3333]
    assert [i.max for i in scheme.areas[0].items] == [1667, 1667]
    assert [(g.name, g.min) for g in scheme.grades] == [("合格", 6667), ("不合格", 0)]
    named = {
        area
        for c in VECTORS["valid"] + VECTORS["invalid"]
        if isinstance(c["input"], dict) and isinstance(c["input"].get("areas"), dict)
        for area in c["input"]["areas"]
    }
    assert named - {a.id for a in scheme.areas} == {"leadership"}  # the one unknown-area case


def test_vectors_cover_every_boundary_and_kind_of_invalid_input():
    totals = {c["input"].get("total") for c in VECTORS["valid"] if isinstance(c["input"], dict)}
    assert {100, 66.67, 66.66, 0} <= totals
    messages = {c["error"].split(": ", 1)[1] for c in VECTORS["invalid"]}
    for kind in (
        "不能为负数",
        "超过满分100分",
        "超过该领域满分33.33分",
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
    assert json.dumps(evaluate(scheme, {"areas": {"staff": 0.1, "duties": 0.2}})["total"]) == "0.3"
    assert json.dumps(evaluate(scheme, {"areas": {"duties": 16.67, "staff": 16.67}})["total"]) == "33.34"


def test_nan_and_infinity_are_not_numbers(scheme):
    for value in (float("nan"), float("inf"), float("-inf")):
        with pytest.raises(ScoringInputError, match=r"^total: 必须是数字$"):
            evaluate(scheme, {"total": value})


def test_every_result_line_carries_existing_citations(scheme, project):
    result = evaluate(
        scheme,
        {"total": 10, "previous_grade": "不合格", "illegal_findings_same_kind": 2, "verified_complaints": 3},
    )
    assert len(result["consequences"]) == 5
    refs = result["grade_cites"] + [r for c in result["consequences"] for r in c["cites"]]
    assert all(c["cites"] for c in result["consequences"])
    assert all(r in project.index for r in refs)


@pytest.mark.shipped
def test_shipped_consequences_quote_their_cites_verbatim(shipped_project):
    """Invariant of the shipped scheme: each consequence restates words found verbatim in a
    provision it cites, and its text carries each of them."""
    shipped = scoring.scheme_of(shipped_project)
    for c in shipped.consequences:
        assert c.quote, c.id
        for q in c.quote:
            assert any(q in shipped_project.index[ref].text for ref in c.cites), (c.id, q)


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


@pytest.mark.shipped
def test_shipped_scheme_invariants(shipped_project):
    """Whatever scheme is shipped: maxima sum to 100, grades descend to 0, every cite resolves,
    every area cites a provision, and no two areas or grades share a name."""
    shipped = scoring.scheme_of(shipped_project)
    assert shipped is not None
    assert sum(a.max for a in shipped.areas) == 10000
    assert all(sum(i.max for i in a.items) == a.max for a in shipped.areas if a.items)
    mins = [g.min for g in shipped.grades]
    assert mins == sorted(mins, reverse=True) and mins[-1] == 0 and len(set(mins)) == len(mins)
    assert len({a.id for a in shipped.areas}) == len(shipped.areas)
    assert len({g.name for g in shipped.grades}) == len(shipped.grades)
    assert all(a.cites for a in shipped.areas)
    refs = [r for a in shipped.areas for r in a.cites] + [r for g in shipped.grades for r in g.cites]
    refs += [r for c in shipped.consequences for r in c.cites]
    assert all(r in shipped_project.index for r in refs)


def test_maxima_not_summing_to_100_are_refused(scoring_copy):
    rewrite(scoring_copy, "  max: 33.33\n  covers: 执法人员", "  max: 28.33\n  covers: 执法人员")
    line = line_of(scoring_copy, "- id: duties")
    assert problems(scoring_copy) == [f"{SCHEME}:{line}: areas: area maxima sum to 95, expected 100"]


def test_the_build_refuses_the_scheme_too(scoring_copy):
    from generator.build import load_project

    rewrite(scoring_copy, "  max: 33.34\n", "  max: 33.84\n  # bigger\n")
    rewrite(scoring_copy, "  - {title: 执法职权分解, max: 16.67}", "  - {title: 执法职权分解, max: 17.17}")
    line = line_of(scoring_copy, "- id: duties")
    with pytest.raises(ContentError) as exc:
        load_project(scoring_copy)
    assert f"{SCHEME}:{line}: areas: area maxima sum to 100.5, expected 100" in [
        str(p) for p in exc.value.problems
    ]


def test_duplicate_and_malformed_area_ids(scoring_copy):
    rewrite(scoring_copy, "- id: cases\n", "- id: staff\n")
    rewrite(scoring_copy, "- id: duties\n", "- id: Duties\n")
    lines = (scoring_copy / SCHEME).read_text(encoding="utf-8").splitlines()
    first = [i for i, x in enumerate(lines, 1) if x == "- id: staff"][0]
    bad = line_of(scoring_copy, "- id: Duties")
    assert problems(scoring_copy) == [
        f"{SCHEME}:{bad}: areas[0].id: 'Duties' is not valid: expected a lower-case id (letters, digits, _) "
        "that checklist items name in `area:`",
    ]
    rewrite(scoring_copy, "- id: Duties\n", "- id: duties\n")
    dup = [i for i, x in enumerate(lines, 1) if x == "- id: staff"][1]
    assert first < dup
    assert problems(scoring_copy) == [
        f"{SCHEME}:{dup}: areas[2].id: duplicate area id staff (also areas[1].id)"
    ]


def test_citations_must_exist(scoring_copy):
    rewrite(scoring_copy, "cites: [art_37]", "cites: [art_37, art_99]")
    rewrite(
        scoring_copy, "cites: [art_29__para_1__point_6]", "cites: [art_29__para_1__point_6, art_29__para_2]"
    )
    cases = line_of(scoring_copy, "art_29__para_2]")
    complaints = line_of(scoring_copy, "art_99]")
    assert problems(scoring_copy) == [
        f"{SCHEME}:{cases}: areas[2].cites[1]: unknown provision art_29__para_2",
        f"{SCHEME}:{complaints}: consequences[5].cites[1]: unknown provision art_99",
    ]


def test_sub_items_decimals_grades_and_conditions(scoring_copy):
    rewrite(scoring_copy, "{title: 执法职权分解, max: 16.67}", "{title: 执法职权分解, max: 15.67}")
    rewrite(scoring_copy, "{name: 合格, min: 66.67,", "{name: 合格, min: 66.675,")
    rewrite(scoring_copy, "{name: 不合格, min: 0,", "{name: 不合格, min: 70,")
    rewrite(scoring_copy, "when: {grade: [合格]}", "when: {grade: [特优]}")
    items = line_of(scoring_copy, "执法依据梳理")
    good = line_of(scoring_copy, "{name: 合格")
    fail = line_of(scoring_copy, "{name: 不合格")
    when = line_of(scoring_copy, "[特优]")
    assert problems(scoring_copy) == [
        f"{SCHEME}:{items}: areas[0].items: sub-item maxima sum to 32.34, expected 33.34 (the area maximum)",
        f"{SCHEME}:{good}: grades[0].min: 66.675 has more than two decimals",
        f"{SCHEME}:{fail}: grades[1].min: must be below the grade before it (66.675)",
        f"{SCHEME}:{fail}: grades[1].min: the lowest grade must start at 0",
        f"{SCHEME}:{when}: consequences[1].when.grade[0]: unknown grade 特优",
    ]


def test_schema_problems_are_located(scoring_copy):
    rewrite(scoring_copy, "- id: circulated\n  when: {}\n", "- id: circulated\n  when: {year: 2}\n")
    line = line_of(scoring_copy, "when: {year: 2}")
    assert problems(scoring_copy) == [f"{SCHEME}:{line}: consequences[0].when.year: unknown field"]


def test_replacing_the_scheme_needs_no_code_change(scoring_copy):
    rewrite(scoring_copy, "example: true", "example: false")
    rewrite(scoring_copy, 'approval: ""', "approval: 经某市人民政府批准，2027年1月1日起施行")
    rewrite(scoring_copy, "  max: 33.33\n  covers: 执法人员", "  max: 40.83\n  covers: 执法人员")
    rewrite(scoring_copy, "  max: 33.33\n  covers: 执法活动", "  max: 25.83\n  covers: 执法活动")
    project = load_project(scoring_copy, only=("scoring",))
    assert evaluate(scoring.scheme_of(project), {"areas": {"staff": 40.83}})["total"] == 40.83
    with pytest.raises(ScoringInputError, match=r"^areas\.cases: 超过该领域满分25\.83分$"):
        evaluate(scoring.scheme_of(project), {"areas": {"cases": 26}})
    pages = scoring.pages(project)
    assert "示例方案" not in pages["scoring/calculator.md"]
    assert "经某市人民政府批准，2027年1月1日起施行" in pages["scoring/scheme.md"]
    assert "（满分 40.83 分）" in pages["scoring/calculator.md"]


def test_no_scheme_file_means_no_pages(scoring_copy):
    (scoring_copy / SCHEME).unlink()
    project = load_project(scoring_copy, only=("scoring",))
    assert scoring.scheme_of(project) is None
    assert not [uri for uri in render_site(project) if "scoring" in uri]
    assert "考核评分" not in str(site_nav(project, PARTS))
    assert problems(scoring_copy) == [f"{SCHEME}:0: -: missing file: scoring needs the scheme"]


# --- pages -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def project(scoring_root):
    return load_project(scoring_root, only=("scoring",))


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
    assert [a["max"] for a in data["areas"]] == [33.34, 33.33, 33.33]
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
    # The note on a total of exactly 70 shows only when a grade starts at 70: not in this scheme.
    assert "第三十一条的编者注" not in page and "kb-score-why70" not in page
    assert (
        '<label for="kb-score-staff">2. 队伍建设 <span class="kb-score-max">（满分 33.33 分）</span></label>'
        in page
    )
    assert 'aria-describedby="kb-score-staff-hint kb-score-staff-error"' in page
    assert "示例方案" in page and "第二十八条第三款" in page
    assert scoring.nav(project) == [
        {"考核评分": ["scoring/calculator.md", "scoring/compare.md", "scoring/scheme.md"]}
    ]
    # Citations between two fields stay out of the Tab order (one Tab per field).
    hint = page[page.index('id="kb-score-staff-hint"') : page.index('id="kb-score-staff-error"')]
    assert hint.count('tabindex="-1"') == hint.count("<a ") > 0


@dataclasses.dataclass(frozen=True)
class _Items:
    """A part model that feeds areas (scoring.FeedsAreas), as the checklists do."""

    feeds: tuple

    def area_feeds(self):
        return self.feeds

    def feeds_index(self):
        return "checklists/index.html"


def test_scheme_page_shows_which_checklist_items_feed_which_area(project):
    page = scoring.pages(project)["scoring/scheme.md"]
    assert "本站尚未收录自查清单" in page
    title, url = "行政执法机关自查清单", "checklists/agency.html"
    items = _Items(
        (
            scoring.Feed("agency", title, url, "a1", "是否建立了责任制？", "duties"),
            scoring.Feed("agency", title, url, "a2", "是否有自查机制？", "duties"),
        )
    )
    with_lists = dataclasses.replace(project, parts={**project.parts, "items": items})
    pages = {**scoring.pages(with_lists), **scoring.exports(with_lists)}
    page = pages["scoring/scheme.md"]
    assert (
        '<li><a href="../checklists/agency.html">行政执法机关自查清单</a> <code>a1</code>：是否建立了责任制？</li>'
        in page
    )
    assert page.count("没有自查条目对应本领域") == 2
    data = json.loads(pages["data/scoring.json"])
    assert data["checklists"] == [
        {
            "id": "agency",
            "title": "行政执法机关自查清单",
            "url": "checklists/agency.html",
            "items": [{"id": "a1", "area": "duties"}, {"id": "a2", "area": "duties"}],
        }
    ]


def test_embedded_json_cannot_close_the_script_element():
    from generator.render import script_json

    # The calculator page embeds the scheme with the site's shared escaping: stricter than "<\/".
    assert script_json({"t": "</script><b>"}) == '{"t":"\\u003c/script\\u003e\\u003cb\\u003e"}'


# --- CLI -------------------------------------------------------------------------------------------


@pytest.fixture
def loads_once(shipped_loads_once) -> None:
    """The in-process `score` runs load the read-only fixture project once (conftest)."""


def score(root: Path, monkeypatch, capsys, *args: str, stdin: str = "") -> tuple[int, str, str]:
    """`generator score` in process: (exit code, stdout, stderr)."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8"))
    code = main(["--root", str(root), "score", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_smoke_scores_stdin_in_a_subprocess(scoring_root, scheme):
    """The one `score` test that runs the command as a user does, in its own process."""
    data = {"areas": {"staff": 8.5, "cases": 19.99}, "previous_grade": "不合格"}
    done = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(scoring_root), "score", "-"],
        input=json.dumps(data, ensure_ascii=False),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == evaluate(scheme, data)
    assert done.stderr == ""


@pytest.mark.usefixtures("loads_once")
def test_cli_scores_stdin(scoring_root, scheme, monkeypatch, capsys):
    data = {"areas": {"duties": 16.67, "staff": 33.33}, "previous_grade": "不合格"}
    code, out, err = score(scoring_root, monkeypatch, capsys, "-", stdin=json.dumps(data, ensure_ascii=False))
    assert (code, err) == (0, "")
    assert json.loads(out) == evaluate(scheme, data)
    assert json.loads(out)["total"] == 50


@pytest.mark.usefixtures("loads_once")
def test_cli_scores_a_file(tmp_path, scoring_root, monkeypatch, capsys):
    path = tmp_path / "in.json"
    path.write_text('\ufeff{"total": 66.66}', encoding="utf-8")
    code, out, err = score(scoring_root, monkeypatch, capsys, str(path))
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert result["grade"] == "不合格" and result["total"] == 66.66


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        ('{"areas": {"staff": 33.34}}', "stdin: areas.staff: 超过该领域满分33.33分\n"),
        ('{"total": -1}', "stdin: total: 不能为负数\n"),
        ('{"total": 101}', "stdin: total: 超过满分100分\n"),
        ('{"total": "x"}', "stdin: total: 必须是数字\n"),
        ('{"areas": {"boss": 1}}', "stdin: areas.boss: 未知的评分领域（可用：duties、staff、cases）\n"),
        ('{"total": 1, "areas": {}}', "stdin: input: “areas”（各领域得分）和“total”（总分）只能填写一项\n"),
        ("{}", "stdin: input: 需要“areas”（各领域得分）或“total”（总分）\n"),
        ('{"total": 80, "previous_grade": "差"}', "stdin: previous_grade: 必须是以下之一：合格、不合格\n"),
        ('{"total": NaN}', "stdin: input: 不是有效的 JSON（NaN is not a number JSON allows）\n"),
        (
            '{"total": 9',
            "stdin: input: 不是有效的 JSON（Expecting ',' delimiter: line 1 column 12 (char 11)）\n",
        ),
        ("\ufeff", "stdin: input: 不是有效的 JSON（Expecting value: line 1 column 1 (char 0)）\n"),
        ("", "stdin: input: 不是有效的 JSON（Expecting value: line 1 column 1 (char 0)）\n"),
    ],
)
@pytest.mark.usefixtures("loads_once")
def test_cli_refuses_invalid_input_with_nothing_on_stdout(scoring_root, monkeypatch, capsys, stdin, message):
    assert score(scoring_root, monkeypatch, capsys, "-", stdin=stdin) == (1, "", message)


@pytest.mark.usefixtures("loads_once")
def test_cli_refuses_bytes_that_are_not_utf8(tmp_path, scoring_root, monkeypatch, capsys):
    path = tmp_path / "gbk.json"
    path.write_bytes('{"total": "九十"}'.encode("gbk"))
    code, out, err = score(scoring_root, monkeypatch, capsys, str(path))
    assert (code, out) == (1, "")
    assert err.startswith(f"{path}: cannot read: 'utf-8' codec can't decode byte ")


@pytest.mark.usefixtures("loads_once")
def test_cli_missing_file(tmp_path, scoring_root, monkeypatch, capsys):
    code, out, err = score(scoring_root, monkeypatch, capsys, str(tmp_path / "none.json"))
    assert (code, out) == (1, "")
    assert err.startswith(f"{tmp_path / 'none.json'}: cannot read: ")


def test_cli_reports_a_broken_scheme_located(scoring_copy, monkeypatch, capsys):
    rewrite(scoring_copy, "  max: 33.33\n  covers: 执法人员", "  max: 28.33\n  covers: 执法人员")
    line = line_of(scoring_copy, "- id: duties")
    code, out, err = score(scoring_copy, monkeypatch, capsys, "-", stdin='{"total": 1}')
    assert (code, out) == (1, "")
    assert err == (
        f"{SCHEME}:{line}: areas: area maxima sum to 95, expected 100\n1 problem(s); nothing was written\n"
    )


def test_a_consequence_quote_must_be_verbatim_in_its_cites(scoring_copy):
    # A quote is verbatim or refused: one character off (督办 for 督促) is found.
    rewrite(
        scoring_copy,
        "quote: 由本级政府下发整改通知书，由司法行政部门督促整改",
        "quote: 由本级政府下发整改通知书，由司法行政部门督办整改",
    )
    line = line_of(scoring_copy, "司法行政部门督办整改")
    assert problems(scoring_copy) == [
        f"{SCHEME}:{line}: consequences[2].quote: not found in the text of 第三十二条第（三）项",
    ]


@pytest.mark.shipped
def test_cli_grades_an_exact_total_of_95_by_the_exact_value(monkeypatch, capsys):
    """Issue 25: three areas each 5/3 short of their maxima make exactly 95; rounding each area to
    two decimals first gave 94.99 (and, in the shipped scheme, 良好 instead of 优秀). An invariant of
    any scheme with three areas of at least 2 points: the grade is the scheme's grade for 95."""
    from fractions import Fraction

    from conftest import CONTENT_ROOT

    scheme = load_scheme(CONTENT_ROOT)
    areas = [a for a in scheme.areas if a.max >= 200][:3]
    assert len(areas) == 3, "the scheme needs three areas of at least 2 points"
    short = Fraction(5, 3)
    data = {"areas": {a.id: str(Fraction(a.max, 100) - short) for a in areas}}
    data["areas"].update({a.id: a.max / 100 for a in scheme.areas if a not in areas})
    want = next(g.name for g in scheme.grades if g.min <= 9500)
    code, out, err = score(CONTENT_ROOT, monkeypatch, capsys, "-", stdin=json.dumps(data))
    assert code == 0, err
    result = json.loads(out)
    assert (result["total"], result["exact"], result["grade"]) == (95, "95", want)


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
