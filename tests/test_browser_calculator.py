"""The calculator page in Chromium: shared vectors through window.kbScoring, typing, errors, years."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
import yaml

from generator.build import load_project
from generator.parts.scoring import evaluate, scheme_data, scheme_of
from generator.parts.scoring.assess import exact_text

ROOT = Path(__file__).resolve().parent.parent
VECTORS = yaml.safe_load((ROOT / "tests" / "vectors" / "scoring.yaml").read_text(encoding="utf-8"))

# Runs every case in the page with the page's rules and the vectors' scheme (the scoring part's
# fixture, not the shipped one); an Error becomes {"error": message}, a result {"result": ...}.
RUN_VECTORS = """([scheme, cases]) => cases.map(c => {
  try { return {result: window.kb.scoringRules.evaluate(scheme, c.input)}; }
  catch (e) { return {error: e.message, isError: e instanceof Error}; }
})"""


@pytest.fixture
def calculator(offline, built_site):
    page = offline.page
    page.goto(built_site.joinpath("scoring/calculator.html").as_uri())
    page.wait_for_function("window.kbScoring !== undefined")
    return page


def test_shared_vectors_give_the_python_results_in_the_page(calculator, scoring_root):
    project = load_project(scoring_root, only=("scoring",))
    scheme = scheme_of(project)
    cases = VECTORS["valid"] + VECTORS["invalid"]
    answers = calculator.evaluate(RUN_VECTORS, [scheme_data(project), [{"input": c["input"]} for c in cases]])
    assert len(answers) == len(cases)
    for case, answer in zip(cases, answers, strict=True):
        if "error" in case:
            assert answer == {"error": case["error"], "isError": True}, case["name"]
        else:
            assert "result" in answer, (case["name"], answer)
            # Deep-equal as JSON: the same object in both runtimes.
            assert json.dumps(answer["result"], sort_keys=True, ensure_ascii=False) == json.dumps(
                evaluate(scheme, case["input"]), sort_keys=True, ensure_ascii=False
            ), case["name"]
            for key, want in case["expect"].items():
                got = answer["result"][key]
                assert ([c["id"] for c in got] if key == "consequences" else got) == want, case["name"]


def test_nan_and_infinity_are_refused_in_the_page(calculator):
    messages = calculator.evaluate(
        """() => [NaN, Infinity, -Infinity].map(v => {
             try { window.kbScoring.evaluate({total: v}); return "accepted"; } catch (e) { return e.message; }
           })"""
    )
    assert messages == ["total: 必须是数字"] * 3


def test_typing_scores_updates_total_grade_and_consequences(calculator, built_site):
    page = calculator
    assert page.inner_text("#kb-score-summary").strip() == "请输入得分。"
    assert page.get_attribute("#kb-score-summary", "aria-live") == "polite"
    scores = {
        "organization": "9.99",
        "system": "14.5",
        "team": "9.25",
        "review_filing": "13.75",
        "orders": "9.5",
        "procedure": "18.5",
        "accountability": "9.75",
    }
    for area, value in scores.items():
        page.fill(f"#kb-score-{area}", value)
    page.type("#kb-score-other", "9.75")
    assert page.inner_text(".kb-score-total") == "总分 94.99 分"
    assert page.inner_text(".kb-score-grade") == "良好"
    assert page.eval_on_selector_all(
        "[data-kb-consequence]", "els => els.map(e => e.dataset.kbConsequence)"
    ) == ["circulated"]
    page.fill("#kb-score-other", "")
    page.type("#kb-score-other", "10")
    assert page.inner_text(".kb-score-total") == "总分 95.24 分"
    assert page.inner_text(".kb-score-grade") == "优秀"
    commendation = page.locator('[data-kb-consequence="commendation"]')
    assert "由本级政府予以表彰" in commendation.inner_text()
    link = commendation.locator("a")
    assert link.inner_text() == "《吉林市行政执法责任制规定》第三十二条第（二）项"
    href = link.get_attribute("href")
    assert href == "../articles/art-32.html#art_32__para_1__point_2"
    target = built_site / "articles/art-32.html"
    assert 'id="art_32__para_1__point_2"' in target.read_text(encoding="utf-8")

    # Direct total, last year's grade and the per-year triggers.
    page.check('input[name="kb-score-mode"][value="total"]')
    assert page.is_hidden("#kb-score-areas")
    page.fill("#kb-score-total", "70")
    assert page.inner_text(".kb-score-grade") == "及格"
    assert "70 分算“及格”" in page.inner_text(".kb-score-why70")
    page.fill("#kb-score-total", "69.99")
    page.select_option("#kb-score-previous", "不及格")
    page.fill("#kb-score-illegal", "2")
    page.fill("#kb-score-complaints", "3")
    assert page.inner_text(".kb-score-grade") == "不及格"
    ids = page.eval_on_selector_all("[data-kb-consequence]", "els => els.map(e => e.dataset.kbConsequence)")
    assert ids == ["circulated", "rectification", "second_failure", "illegal_findings", "complaints"]
    assert "第三十二条第（四）项" in page.inner_text('[data-kb-consequence="second_failure"]')
    assert "第三十七条" in page.inner_text('[data-kb-consequence="complaints"]')


def test_input_errors_are_shown_next_to_the_field(calculator):
    page = calculator
    page.fill("#kb-score-team", "11")
    page.fill("#kb-score-system", "abc")
    page.fill("#kb-score-procedure", "12.5")
    assert page.get_attribute("#kb-score-team", "aria-invalid") == "true"
    assert page.inner_text("#kb-score-team-error") == "超过该领域满分10分"
    assert "kb-score-team-error" in page.get_attribute("#kb-score-team", "aria-describedby")
    assert page.inner_text("#kb-score-system-error") == "必须是数字或分数（如 25/3）"
    assert page.get_attribute("#kb-score-procedure", "aria-invalid") is None
    assert page.is_hidden("#kb-score-procedure-error")
    # The valid fields still count; the summary says some did not.
    assert page.inner_text(".kb-score-total") == "总分 12.5 分"
    assert "有输入错误的项目未计入" in page.inner_text("#kb-score-summary")
    page.fill("#kb-score-team", "-1")
    assert page.inner_text("#kb-score-team-error") == "不能为负数"
    page.fill("#kb-score-team", "8.125")
    assert page.inner_text("#kb-score-team-error") == "最多保留两位小数"
    page.fill("#kb-score-team", "8")
    page.fill("#kb-score-system", "")
    assert page.get_attribute("#kb-score-team", "aria-invalid") is None
    assert page.is_hidden("#kb-score-team-error")
    page.fill("#kb-score-complaints", "1.5")
    assert page.inner_text("#kb-score-complaints-error") == "必须是非负整数"


def test_years_are_saved_compared_exported_and_imported(calculator, offline, tmp_path):
    page = calculator
    page.click("#kb-score-save")
    assert page.inner_text("#kb-score-year-error") == "请填写四位数的年度，例如 2026"
    page.fill("#kb-score-year", "2025")
    page.click("#kb-score-save")
    assert "当前输入不完整或有错误，未保存" in page.inner_text("#kb-score-years-status")
    page.check('input[name="kb-score-mode"][value="total"]')
    page.fill("#kb-score-total", "60")
    page.click("#kb-score-save")
    assert page.inner_text("#kb-score-years-status") == "已保存2025年度的结果。"
    page.check('input[name="kb-score-mode"][value="areas"]')
    page.fill("#kb-score-procedure", "20")
    page.fill("#kb-score-system", "12.5")
    page.select_option("#kb-score-previous", "不及格")
    page.fill("#kb-score-year", "2026")
    page.click("#kb-score-save")
    header = page.eval_on_selector_all(".kb-score-table thead th", "els => els.map(e => e.textContent)")
    assert header == ["项目", "2025年度", "2026年度"]
    rows = page.eval_on_selector_all(
        ".kb-score-table tbody tr", "rows => rows.map(r => Array.from(r.cells).map(c => c.textContent))"
    )
    assert ["总分", "60", "32.5"] in rows
    assert ["等级", "不及格", "不及格"] in rows
    assert ["责任制度建立和落实（15）", "—", "12.5"] in rows

    # Saved in the browser: a second tab shows the same table.
    other = offline.new_page()
    other.goto(page.url)
    assert other.locator(".kb-score-table thead th").count() == 3
    other.close()

    page.focus("#kb-score-export")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "kb-score-export-csv"
    page.keyboard.press("Tab")
    assert (
        page.evaluate("() => document.activeElement.id") == "kb-score-import"
    )  # import is reachable by keyboard

    with page.expect_download() as info:
        page.click("#kb-score-export")
    exported = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert exported["kind"] == "jlzfzrz-scoring-years" and exported["format"] == 1
    assert exported["years"] == {
        "2025": {"total": 60},
        "2026": {"areas": {"system": 12.5, "procedure": 20}, "previous_grade": "不及格"},
    }

    stored_before = page.evaluate("() => JSON.stringify(window.kb.storage.read('scoring:years'))")
    bad = {
        "damaged.json": ("{not json", "文件已损坏或不是 JSON 文件"),
        "other.json": ('{"kind": "checklist"}', "这不是本站导出的考核评分记录文件"),
        "bad-year.json": (
            json.dumps({"kind": "jlzfzrz-scoring-years", "format": 1, "years": {"2024": {"total": 120}}}),
            "2024年度的数据无效：total: 超过满分100分",
        ),
    }
    for name, (text, message) in bad.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        page.set_input_files("#kb-score-import", str(path))
        page.wait_for_function(
            "name => document.getElementById('kb-score-years-status').textContent.includes(name)", arg=name
        )
        status = page.inner_text("#kb-score-years-status")
        assert message in status and status.endswith("未做任何更改。"), status
        assert page.get_attribute("#kb-score-years-status", "data-kind") == "error"
        assert page.evaluate("() => JSON.stringify(window.kb.storage.read('scoring:years'))") == stored_before

    good = tmp_path / "good.json"
    exported["years"]["2024"] = {"total": 96}
    exported["years"]["2025"] = {"total": 71}
    good.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    page.set_input_files("#kb-score-import", str(good))
    # 2025 and 2026 are saved already: importing over them asks first.
    page.wait_for_selector("#kb-score-confirm-yes:visible")
    assert page.inner_text("#kb-score-confirm-text") == (
        "“good.json”中的 2025、2026 年度在本浏览器中已有结果，导入将覆盖它们，继续吗？"
    )
    page.click("#kb-score-confirm-no")
    assert page.inner_text("#kb-score-years-status") == "未导入“good.json”：原有结果保持不变。"
    assert page.evaluate("() => JSON.stringify(window.kb.storage.read('scoring:years'))") == stored_before
    page.set_input_files("#kb-score-import", str(good))
    page.click("#kb-score-confirm-yes")
    page.wait_for_function(
        "() => document.getElementById('kb-score-years-status').textContent.includes('已导入')"
    )
    assert (
        page.inner_text("#kb-score-years-status")
        == "已导入 3 个年度（2024、2025、2026），其中 2025、2026 年度覆盖了原有结果。"
    )
    header = page.eval_on_selector_all(".kb-score-table thead th", "els => els.map(e => e.textContent)")
    assert header == ["项目", "2024年度", "2025年度", "2026年度"]

    # Loading a year puts its input back into the form.
    page.click('button[aria-label="载入2025年度"]')
    assert page.input_value("#kb-score-total") == "71"
    assert page.inner_text(".kb-score-grade") == "及格"


def test_filling_areas_from_a_saved_checklist_assessment(calculator):
    page = calculator
    lists = page.evaluate("() => window.kbScoring.scheme.checklists")
    if not lists:
        page.click("#kb-score-fill-button")
        assert "尚未收录对应评分领域的自查清单" in page.inner_text("#kb-score-fill-status")
        return
    checklist = lists[0]
    page.select_option("#kb-score-checklist", checklist["id"])
    page.click("#kb-score-fill-button")
    assert "还没有" in page.inner_text("#kb-score-fill-status")

    area = checklist["items"][0]["area"]
    items = [i["id"] for i in checklist["items"] if i["area"] == area]
    statuses = (["yes", "no", "na"] * len(items))[: len(items)]
    answers = {item: {"status": s, "note": ""} for item, s in zip(items, statuses, strict=True)}
    saved = {
        "format": 1,
        "current": "a1",
        "assessments": {
            "a1": {"name": "2026年度自查", "checklist": checklist["id"], "version": "x", "answers": answers}
        },
    }
    page.evaluate(
        "([key, value]) => window.kb.storage.write(key, value)", [f"checklist:{checklist['id']}", saved]
    )
    page.click("#kb-score-fill-button")
    yes, no = statuses.count("yes"), statuses.count("no")
    maximum = next(a["max"] for a in page.evaluate("() => window.kbScoring.scheme.areas") if a["id"] == area)
    # The field holds the exact share (20/3), never a value rounded before the total is summed.
    expected = Fraction(str(maximum)) * yes / (yes + no) if yes + no else None
    status = page.inner_text("#kb-score-fill-status")
    assert "2026年度自查" in status
    if expected is None:
        assert page.input_value(f"#kb-score-{area}") == ""
    else:
        assert page.input_value(f"#kb-score-{area}") == exact_text(expected)
        # The other areas were not answered: the result is 暂定 and says what is answered.
        assert f"已答 {len(items)}/{len(checklist['items'])}" in status
        assert page.inner_text(".kb-score-grade").startswith("暂定 ")
        assert f"符合 {yes} 项、不符合 {no} 项、不适用 {statuses.count('na')} 项" in status
        assert page.inner_text(".kb-score-grade")  # the result was recomputed


def test_scheme_page_lists_areas_and_maxima(offline, built_site):
    page = offline.page
    page.goto(built_site.joinpath("scoring/scheme.html").as_uri())
    rows = page.eval_on_selector_all(
        ".kb-score-scheme tbody tr", "rows => rows.map(r => r.cells[1].textContent)"
    )
    assert rows == ["10", "15", "10", "15", "10", "20", "10", "10"]
    assert "合计 100 分" in page.inner_text(".kb-score-scheme caption")
    assert "示例" in page.inner_text(".kb-score-example")
    data = json.loads(built_site.joinpath("data/scoring.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in data["areas"]] == [
        "organization",
        "system",
        "team",
        "review_filing",
        "orders",
        "procedure",
        "accountability",
        "other",
    ]


def test_without_javascript_the_page_still_explains_the_rules(browser, built_site):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.route(
            "**/*",
            lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort(),
        )
        page.goto(built_site.joinpath("scoring/calculator.html").as_uri())
        rules = page.inner_text(".kb-score-rules")
        assert "优秀 95 分及以上；良好 85 分及以上；及格 70 分及以上；不及格 其余" in rules
        assert "诫免谈话" in rules and "第三十七条" in rules
        assert page.locator("label[for=kb-score-procedure]").inner_text() == "6. 履行执法程序 （满分 20 分）"
    finally:
        context.close()


def test_assess_vectors_give_the_python_results_in_chromium(calculator):
    """The exact scores (thirds, sixths, eighteenths summing to 95, 85, 70) agree in the browser."""
    from assess_vectors import CASES

    from generator.parts.scoring.assess import assess

    got = calculator.evaluate(
        "cases => cases.map(c => window.kb.scoringRules.assess(c.scheme, c.items, c.statuses, c.confirmed))",
        CASES,
    )
    want = [assess(c["scheme"], c["items"], c["statuses"], c["confirmed"]) for c in CASES]
    assert got == want
    [exact95] = [
        g
        for c, g in zip(CASES, got, strict=True)
        if c["name"].startswith("sixths and eighteenths sum exactly to 95")
    ]
    assert (exact95["total"], exact95["grade"]) == ("95", "优秀")


def test_exact_shares_typed_in_the_page_make_95_优秀(calculator):
    shares = {
        "organization": "25/3",
        "system": "40/3",
        "team": "25/3",
        "review_filing": "15",
        "orders": "10",
        "procedure": "20",
        "accountability": "10",
        "other": "10",
    }
    for area, value in shares.items():
        calculator.fill(f"#kb-score-{area}", value)
    summary = calculator.locator("#kb-score-summary")
    assert "总分 95 分" in summary.inner_text()
    assert calculator.locator("#kb-score-summary .kb-score-grade").inner_text() == "优秀"


CONVERTED = "该文件不是 UTF-8 编码，已按 GBK（GB18030）编码转换后读取，请核对导入的名称和备注"


def test_the_years_csv_exports_and_imports_back_in_gbk(calculator, tmp_path):
    page = calculator
    page.fill("#kb-score-unit", "吉林市甲局")
    page.check('input[name="kb-score-mode"][value="total"]')
    page.fill('[data-kb-field="total"]', "88.5")
    page.fill("#kb-score-year", "2025")
    page.click("#kb-score-save")
    with page.expect_download() as info:
        page.click("#kb-score-export-csv")
    assert info.value.suggested_filename == "吉林市甲局-考核评分记录.csv"
    text = Path(info.value.path()).read_bytes().decode("utf-8-sig")
    assert text.splitlines()[1].startswith("2025,吉林市甲局,")
    page.evaluate("() => localStorage.clear()")
    page.reload()
    page.wait_for_function("window.kbScoring !== undefined")
    path = tmp_path / "excel.csv"
    path.write_bytes(text.encode("gbk"))
    page.set_input_files("#kb-score-import", str(path))
    page.wait_for_function(
        "() => document.getElementById('kb-score-years-status').textContent.includes('已导入')"
    )
    assert page.inner_text("#kb-score-years-status") == CONVERTED + "。已导入 1 个年度（2025）。"
    assert page.locator(".kb-score-table thead th").all_inner_texts() == ["项目", "2025年度"]
    assert page.locator(".kb-score-table tbody tr", has_text="总分").locator("td").inner_text() == "88.5"
