"""Issue 15 in Chromium: the calculator while typing, the score sheet and the checklist on paper,
filling from a chosen assessment, several agencies side by side, GBK files, tables that fit."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

AREAS = ["organization", "system", "team", "review_filing", "orders", "procedure", "accountability", "other"]
CONVERTED = "该文件不是 UTF-8 编码，已按 GBK（GB18030）编码转换后读取，请核对导入的名称和备注"


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def open_calculator(offline, built_site: Path, width: int = 1366, height: int = 768):
    page = offline.page
    page.set_viewport_size({"width": width, "height": height})
    page.goto(built_site.joinpath("scoring/calculator.html").as_uri())
    page.wait_for_function("window.kbScoring !== undefined")
    return page


def in_viewport(page, selector: str) -> bool:
    return page.eval_on_selector(
        selector,
        """e => { const r = e.getBoundingClientRect();
                  return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight
                         && r.left >= 0 && r.right <= window.innerWidth; }""",
    )


@pytest.mark.parametrize("size", [(1366, 768), (390, 844)], ids=["1366x768", "phone"])
def test_total_and_grade_stay_in_view_while_typing(offline, built_site, size):
    page = open_calculator(offline, built_site, *size)
    assert page.locator(".kb-score-bar").is_hidden()  # nothing typed: no result to show
    page.click("#kb-score-organization")
    page.keyboard.type("9")
    assert in_viewport(page, "#kb-score-organization")
    assert in_viewport(page, ".kb-score-bar")
    assert page.inner_text(".kb-score-bar-total") == "总分 9 分"
    assert page.inner_text(".kb-score-bar-grade") == "不及格"
    assert page.inner_text(".kb-score-bar-count") == "随之而来的处理 2 项"
    # Further down the form the summary is still in view.
    page.click("#kb-score-other")
    page.keyboard.type("10")
    assert in_viewport(page, ".kb-score-bar")
    assert page.inner_text(".kb-score-bar-total") == "总分 19 分"
    # The page itself never scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_one_tab_per_field(offline, built_site):
    page = open_calculator(offline, built_site)
    page.focus("#kb-score-organization")
    seen = []
    for _ in range(len(AREAS) + 3):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("document.activeElement.id"))
    assert seen == [f"kb-score-{a}" for a in AREAS[1:]] + [
        "kb-score-previous",
        "kb-score-illegal",
        "kb-score-complaints",
        # then out of the form (the first link of the result section)
        seen[-1],
    ]
    assert seen[-1] not in {"kb-score-previous", "kb-score-illegal", "kb-score-complaints"}


def test_typed_values_are_kept_as_a_draft_across_reloads(offline, built_site):
    page = open_calculator(offline, built_site)
    page.fill("#kb-score-unit", "吉林市市场监督管理局")
    page.fill("#kb-score-evaluator", "张三")
    page.fill("#kb-score-year", "2026")
    page.fill("#kb-score-procedure", "18.5")
    page.select_option("#kb-score-previous", "及格")
    page.reload()
    page.wait_for_function("window.kbScoring !== undefined")
    assert page.input_value("#kb-score-unit") == "吉林市市场监督管理局"
    assert page.input_value("#kb-score-evaluator") == "张三"
    assert page.input_value("#kb-score-year") == "2026"
    assert page.input_value("#kb-score-procedure") == "18.5"
    assert page.input_value("#kb-score-previous") == "及格"
    assert page.inner_text(".kb-score-total") == "总分 18.5 分"


ROUNDING = "总分由各领域精确值相加，只在显示时舍入一次（两位小数，四舍五入）；等级按精确总分确定。"


def test_the_score_sheet_prints_on_at_most_two_a4_pages(offline, built_site, tmp_path):
    page = open_calculator(offline, built_site)
    page.fill("#kb-score-unit", "吉林市市场监督管理局")
    page.fill("#kb-score-evaluator", "张三")
    page.fill("#kb-score-year", "2026")
    scores = ["9.5", "14", "9", "13.75", "9", "18.5", "9.25", "8"]
    for area, value in zip(AREAS, scores, strict=True):
        page.fill(f"#kb-score-{area}", value)
    page.select_option("#kb-score-previous", "不及格")
    page.fill("#kb-score-illegal", "2")
    page.emulate_media(media="print")
    sheet = page.locator(".kb-score-sheet")
    assert sheet.is_visible()
    for hidden in (".kb-score-form", ".kb-score-fill", ".kb-score-years", ".kb-score-rules", ".md-header"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert sheet.locator("h2").inner_text() == "行政执法责任制评议考核评分表"
    who = sheet.locator(".kb-sheet-who tr").all_inner_texts()
    assert who == ["被考核单位\t吉林市市场监督管理局", "考核年度\t2026年度", "考核人\t张三"]
    rows = sheet.locator(".kb-sheet-areas tbody tr").evaluate_all(
        "rows => rows.map(r => Array.from(r.cells).map(c => c.textContent))"
    )
    assert [r[3] for r in rows[:-1]] == scores
    assert [r[2] for r in rows[:-1]] == ["10", "15", "10", "15", "10", "20", "10", "10"]
    assert rows[-1] == ["", "总分", "100", "91"]
    assert (
        sheet.locator(".kb-sheet-grade").inner_text()
        == "等级：良好（依据：《吉林市行政执法责任制规定》第三十一条第一款）"
    )
    consequences = sheet.locator(".kb-sheet-consequences li").all_inner_texts()
    assert len(consequences) == 2
    assert consequences[1].endswith(
        "（依据：《吉林市行政执法责任制规定》第三十五条、《吉林市行政执法责任制规定》第三十五条第（五）项）"
    )
    signs = [t.split("：")[0] for t in sheet.locator(".kb-sheet-sign p").all_inner_texts()]
    assert signs == ["考核人签字", "被考核单位负责人签字", "考核单位（盖章）"]
    assert sheet.locator(".kb-sheet-sign .kb-sheet-line").count() == 12
    # The sheet states its one rounding; the total is whole, so no exact fraction is shown.
    assert sheet.locator(".kb-sheet-remark").all_inner_texts() == [ROUNDING]
    pdf = page.pdf(path=str(tmp_path / "sheet.pdf"), format="A4")
    assert 1 <= pdf_pages(pdf) <= 2
    # An area left out is said to count as 0, never left as a blank to be filled in later.
    page.emulate_media(media="screen")
    page.fill("#kb-score-team", "")
    page.emulate_media(media="print")
    assert sheet.locator('[data-kb-sheet-area="team"] td').nth(3).inner_text() == "未填（0）"
    assert sheet.locator(".kb-sheet-remark").all_inner_texts() == [
        "“未填（0）”：该领域未评分，按 0 分计入总分。",
        ROUNDING,
    ]
    pdf = page.pdf(path=str(tmp_path / "sheet-unfilled.pdf"), format="A4")
    assert 1 <= pdf_pages(pdf) <= 2


def test_saving_over_a_saved_year_asks_first(offline, built_site):
    page = open_calculator(offline, built_site)
    page.check('input[name="kb-score-mode"][value="total"]')
    page.fill("#kb-score-total", "80")
    page.fill("#kb-score-year", "2025")
    page.click("#kb-score-save")
    assert page.inner_text("#kb-score-years-status") == "已保存2025年度的结果。"
    page.fill("#kb-score-total", "60")
    page.click("#kb-score-save")
    assert page.locator(".kb-score-confirm").is_visible()
    assert page.inner_text("#kb-score-confirm-text").startswith("2025年度已有保存的结果，覆盖吗？")
    page.click("#kb-score-confirm-no")
    assert page.inner_text("#kb-score-years-status") == "未保存：2025年度原有的结果保持不变。"
    assert page.evaluate("kb.storage.read('scoring:years').years") == {"2025": {"total": 80}}
    page.click("#kb-score-save")
    page.click("#kb-score-confirm-yes")
    assert page.inner_text("#kb-score-years-status") == "已覆盖2025年度的结果。"
    assert page.evaluate("kb.storage.read('scoring:years').years") == {"2025": {"total": 60}}


def agency_items(page) -> list[dict]:
    return page.evaluate("() => window.kbScoring.scheme.checklists.filter(c => c.id === 'agency')[0].items")


def unanswered(n: int) -> str:
    return f"、未答 {n} 项" if n else ""


def test_fill_asks_which_assessment_and_leaves_unanswered_areas_empty(offline, built_site):
    page = open_calculator(offline, built_site)
    items = agency_items(page)
    by_area: dict[str, list[str]] = {}
    for i in items:
        by_area.setdefault(i["area"], []).append(i["id"])
    answered_area, other_area = "procedure", "team"
    assert len(by_area[answered_area]) >= 3 and by_area[other_area]
    first, second, third = by_area[answered_area][:3]
    record = {
        "format": 1,
        "current": "a1",
        "assessments": {
            "a1": {"name": "2025年度自查", "checklist": "agency", "version": "x", "answers": {}},
            "a2": {
                "name": "2026年度自查",
                "checklist": "agency",
                "version": "x",
                "answers": {first: {"status": "yes"}, second: {"status": "no"}, third: {"status": "yes"}},
            },
        },
    }
    page.evaluate("r => kb.storage.write('checklist:agency', r)", record)
    page.fill(f"#kb-score-{other_area}", "7")  # typed by hand before filling
    page.select_option("#kb-score-checklist", "agency")
    options = page.locator("#kb-score-assessment option").all_inner_texts()
    assert options == ["2025年度自查（已答 0 项）", "2026年度自查（已答 3 项）"]
    assert page.input_value("#kb-score-assessment") == "a1"  # the current one is offered first
    page.select_option("#kb-score-assessment", "a2")
    page.click("#kb-score-fill-button")
    status = page.inner_text("#kb-score-fill-status").splitlines()
    scheme = page.evaluate("window.kbScoring.scheme")
    titles = {a["id"]: a["title"] for a in scheme["areas"]}
    count = len(items)
    assert status[0] == f"按“行政执法机关自查清单”的自查“2026年度自查”填入（已答 3/{count}）："
    # The field keeps the exact share (20 × 2/3), so the total is rounded once, from exact values.
    assert page.input_value(f"#kb-score-{answered_area}") == "40/3"
    # One line per area, in the scheme's order: the answered area with its exact share, every
    # other area left empty (the hand-typed 7 is gone) with its unanswered count.
    lines = status[1 : 1 + len(AREAS)]
    for area, text in zip(AREAS, lines, strict=True):
        if area == answered_area:
            assert text == (
                f"{titles[area]}：符合 2 项、不符合 1 项、不适用 0 项{unanswered(len(by_area[area]) - 3)}"
                " → 20 × 2 ÷ 3 = 13.33 分（精确值 40/3）"
            )
        else:
            assert page.input_value(f"#kb-score-{area}") == "", area
            assert text == (
                f"{titles[area]}：符合 0 项、不符合 0 项、不适用 0 项{unanswered(len(by_area[area]))}，"
                "没有作答，已留空（按 0 分计）。"
            ), area
    missing = "、".join(titles[a] for a in AREAS if a != answered_area)
    assert status[1 + len(AREAS) :] == [
        f"暂定：该自查已答 3/{count} 项，未评分的领域：{missing}。总分和等级只是暂定，补全作答后再填入。",
        scheme["not_applicable"]["text"],
    ]
    assert page.inner_text(".kb-score-total") == "总分 13.33 分"
    # Incomplete: only a provisional grade, with what is missing, here and on the sheet.
    assert page.inner_text(".kb-score-grade") == "暂定 不及格"
    assert page.inner_text("[data-kb-ref=provisional]") == (
        f"暂定：自查“2026年度自查”已答 3/{count} 项，尚未作答完毕，不定最终等级。"
    )
    assert page.inner_text("[data-kb-ref=exact]") == (
        "总分按各领域精确值相加后只舍入一次（保留两位小数，四舍五入）；等级按精确总分 40/3 确定。"
    )
    page.emulate_media(media="print")
    sheet = page.locator(".kb-score-sheet")
    assert sheet.locator(".kb-sheet-grade strong").inner_text() == "暂定 不及格"
    assert sheet.locator(".kb-sheet-remark").all_inner_texts() == [
        "“未填（0）”：该领域未评分，按 0 分计入总分。",
        f"依据“行政执法机关自查清单”自查“2026年度自查”：已答 3/{count} 项，尚未作答完毕，总分和等级为暂定。",
        "不适用规则：" + scheme["not_applicable"]["text"],
        "总分由各领域精确值相加，只在显示时舍入一次（两位小数，四舍五入）；精确总分 40/3；等级按精确总分确定。",
    ]


def years_file(unit: str | None, years: dict) -> str:
    data = {"kind": "jlzfzrz-scoring-years", "format": 1, "years": years}
    if unit:
        data["unit"] = unit
    return json.dumps(data, ensure_ascii=False)


def test_three_agencies_compare_in_one_table_and_export_csv(offline, built_site, tmp_path):
    page = offline.page
    page.goto(built_site.joinpath("scoring/compare.html").as_uri())
    page.wait_for_selector("#kb-compare-table .kb-score-empty")
    items = agency_items_from(page)
    files = {
        "a.json": years_file("吉林市公安局", {"2026": {"total": 88}}),
        "b.json": years_file(
            "吉林市交通运输局",
            {"2026": {"areas": dict(zip(AREAS, [10, 15, 10, 15, 10, 20, 10, 10], strict=True))}},
        ),
        # A checklist assessment: only the procedure items answered, every one 符合.
        "=吉林市税务局.json": json.dumps(
            {
                "format": 1,
                "kind": "jlzfzrz-checklist-assessment",
                "checklist": "agency",
                "title": "执法机关自查清单",
                "version": "x",
                "name": "2026年度自查",
                "answers": {i["id"]: {"status": "yes"} for i in items if i["area"] == "procedure"},
            },
            ensure_ascii=False,
        ),
        "broken.json": '{"kind": "jlzfzrz-scoring-years", "format": 1, "years": {"2026": {"total": 101}}}',
    }
    paths = []
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    # The checklist file names no unit: the evaluator is asked, the file's name offered (and kept).
    asked = []

    def name_the_unit(dialog) -> None:
        asked.append((dialog.type, dialog.message, dialog.default_value))
        dialog.accept(dialog.default_value)

    page.on("dialog", name_the_unit)
    page.set_input_files("#kb-compare-import", paths)
    page.wait_for_function(
        "() => document.getElementById('kb-compare-status').textContent.includes('已导入')"
    )
    assert asked == [
        (
            "prompt",
            "文件“=吉林市税务局.json”没有填写自查单位。请输入被考核单位名称（取消则不导入该文件）：",
            "=吉林市税务局",
        )
    ]
    status = page.inner_text("#kb-compare-status").splitlines()
    assert status == [
        "已导入 3 行，对比表共 3 行。",
        "无法导入“broken.json”：2026年度的数据无效：total: 超过满分100分。该文件未导入。",
    ]
    # Key columns first (they stay in view at 1366 px), then each area, the source, the tools.
    header = page.locator(".kb-compare-table thead th").all_inner_texts()
    assert header[:5] == ["单位", "年度", "总分", "等级", "已答"]
    assert header[5:-2] == [f"{a['title']}（{a['max']}）" for a in scheme_areas(page)]
    assert header[-2:] == ["来源", "操作"]
    cols = "['agency', 'year', 'total', 'grade', 'answered', 'area:procedure', 'area:team']"
    rows = page.locator(".kb-compare-table tbody tr").evaluate_all(
        f"rows => rows.map(r => {cols}.map(c => r.querySelector(`[data-kb-col='${{c}}']`).textContent))"
    )
    procedure = sum(1 for i in items if i["area"] == "procedure")
    assert rows == [
        ["吉林市公安局", "2026", "88", "良好", "—", "—", "—"],
        ["吉林市交通运输局", "2026", "100", "优秀", "—", "20", "10"],
        # Only the procedure items answered: no final grade, only 暂定, with the answered count.
        [
            "=吉林市税务局",
            "2026",
            "20（暂定）",
            "暂定 不及格",
            f"已答 {procedure}/{len(items)}",
            "20",
            "—（未答）",
        ],
    ]
    # Sort by total: highest first, then lowest first.
    page.click('[data-kb-sort="total"]')
    names = page.locator(".kb-compare-table tbody th").all_inner_texts()
    assert names == ["吉林市交通运输局", "吉林市公安局", "=吉林市税务局"]
    assert page.get_attribute('th:has([data-kb-sort="total"])', "aria-sort") == "descending"
    page.click('[data-kb-sort="total"]')
    assert page.locator(".kb-compare-table tbody th").all_inner_texts() == names[::-1]

    with page.expect_download() as info:
        page.click("#kb-compare-csv")
    raw = Path(info.value.path()).read_bytes()
    assert raw.startswith("\ufeff".encode())
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert table[0] == header[:-1]
    # In the order shown; a unit starting with = stays text in Excel.
    assert [r[:5] for r in table[1:]] == [
        ["'=吉林市税务局", "2026", "20（暂定）", "暂定 不及格", f"已答 {procedure}/{len(items)}"],
        ["吉林市公安局", "2026", "88", "良好", "—"],
        ["吉林市交通运输局", "2026", "100", "优秀", "—"],
    ]
    assert table[3][5:13] == ["10", "15", "10", "15", "10", "20", "10", "10"]
    assert table[3][13] == "2026年度（评分计算器）"

    # Kept across reloads; printable without the tools.
    page.reload()
    page.wait_for_selector(".kb-compare-table")
    assert page.locator(".kb-compare-table tbody tr").count() == 3
    page.emulate_media(media="print")
    assert not page.locator(".kb-compare-tools").is_visible()
    assert page.locator(".kb-compare-table").is_visible()
    assert not page.locator(".kb-compare-ops").first.is_visible()


def test_comparison_shows_one_year_at_a_time(offline, built_site, tmp_path):
    page = offline.page
    page.goto(built_site.joinpath("scoring/compare.html").as_uri())
    page.wait_for_selector("#kb-compare-table .kb-score-empty")
    a = tmp_path / "a.json"
    a.write_text(years_file("吉林市公安局", {"2025": {"total": 70}, "2026": {"total": 96}}), encoding="utf-8")
    b = tmp_path / "吉林市司法局.json"
    b.write_text(years_file(None, {"2026": {"total": 85}}), encoding="utf-8")
    # Without a unit in the file, the evaluator is asked once, the file's name offered.
    offered = []

    def name_the_unit(dialog) -> None:
        offered.append(dialog.default_value)
        dialog.accept(dialog.default_value)

    page.on("dialog", name_the_unit)
    page.set_input_files("#kb-compare-import", [str(a), str(b)])
    page.wait_for_function(
        "() => document.getElementById('kb-compare-status').textContent.includes('已导入')"
    )
    assert offered == ["吉林市司法局"]
    assert page.locator("#kb-compare-year option").all_inner_texts() == ["全部年度", "2026年度", "2025年度"]
    assert page.locator(".kb-compare-table tbody tr").count() == 3
    page.select_option("#kb-compare-year", "2026")
    assert page.locator(".kb-compare-table tbody th").all_inner_texts() == ["吉林市公安局", "吉林市司法局"]
    assert page.inner_text("#kb-compare-table-h") == "评议考核结果对比表（2026年度）"
    with page.expect_download() as info:
        page.click("#kb-compare-csv")
    lines = Path(info.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 3
    assert lines[1].startswith("吉林市公安局,2026,96,优秀,—,")
    assert lines[1].endswith(",2026年度（评分计算器）")


def scheme_areas(page) -> list[dict]:
    return json.loads(page.locator("#kb-compare-data").text_content())["areas"]


def agency_items_from(page) -> list[dict]:
    data = json.loads(page.locator("#kb-compare-data").text_content())
    return next(c for c in data["checklists"] if c["id"] == "agency")["items"]


def test_a_gbk_file_is_converted_with_a_notice(offline, built_site, tmp_path):
    page = open_calculator(offline, built_site)
    path = tmp_path / "gbk.json"
    path.write_bytes(years_file("吉林市公安局", {"2024": {"total": 90}}).encode("gbk"))
    page.set_input_files("#kb-score-import", str(path))
    page.wait_for_function(
        "() => document.getElementById('kb-score-years-status').textContent.includes('已导入')"
    )
    assert page.inner_text("#kb-score-years-status") == CONVERTED + "。已导入 1 个年度（2024）。"

    # A checklist assessment saved in GBK keeps its Chinese name, with the same notice.
    page.goto(built_site.joinpath("checklists/agency.html").as_uri())
    page.wait_for_selector(".kb-cl-tools:not([hidden])")
    exported = {
        "format": 1,
        "kind": "jlzfzrz-checklist-assessment",
        "checklist": "agency",
        "title": "执法机关自查清单",
        "version": json.loads(page.locator("#kb-checklist-data").text_content())["version"],
        "name": "二〇二六年度自查（记事本另存）",
        "answers": {},
    }
    path.write_bytes(json.dumps(exported, ensure_ascii=False).encode("gb18030"))
    page.set_input_files(".kb-cl-import", str(path))
    page.wait_for_function("() => document.querySelector('.kb-cl-status').textContent.includes('已导入')")
    assert page.inner_text(".kb-cl-status").startswith(CONVERTED + "。已导入“二〇二六年度自查（记事本另存）”")


def test_a_file_in_neither_utf8_nor_gbk_is_refused(offline, built_site, tmp_path):
    page = open_calculator(offline, built_site)
    path = tmp_path / "utf16.json"
    path.write_bytes(years_file(None, {"2024": {"total": 90}}).encode("utf-16"))
    page.set_input_files("#kb-score-import", str(path))
    page.wait_for_function(
        "() => document.getElementById('kb-score-years-status').textContent.includes('无法导入')"
    )
    assert page.inner_text("#kb-score-years-status") == (
        "无法导入“utf16.json”：文件不是 UTF-8 或 GBK 编码的文本。未做任何更改。"
    )


def test_blank_agency_checklist_prints_as_a_form_in_at_most_8_pages(offline, built_site, tmp_path):
    page = offline.page
    page.goto(built_site.joinpath("checklists/agency.html").as_uri())
    page.wait_for_selector(".kb-cl-tools:not([hidden])")
    page.emulate_media(media="print")
    assert page.locator(".kb-cl-paper:visible").count() == 53
    assert page.locator(".kb-cl-boxes").first.inner_text() == "□ 符合　□ 不符合　□ 不适用"
    lines = page.locator(".kb-cl-paper-note").first.evaluate(
        "e => [getComputedStyle(e).backgroundImage, e.getBoundingClientRect().height]"
    )
    assert "repeating-linear-gradient" in lines[0] and lines[1] > 20  # ruled lines to write on
    assert not page.locator(".kb-cl-summary").is_visible()  # nothing answered: no summary
    assert page.locator(".kb-cl-sign").is_visible()
    pages = pdf_pages(page.pdf(path=str(tmp_path / "blank.pdf"), format="A4"))
    assert 1 <= pages <= 8


def test_answered_agency_checklist_prints_as_a_record_in_at_most_8_pages(offline, built_site, tmp_path):
    page = offline.page
    page.goto(built_site.joinpath("checklists/agency.html").as_uri())
    page.wait_for_selector(".kb-cl-tools:not([hidden])")
    ids = page.eval_on_selector_all("[data-kb-item]", "els => els.map(e => e.dataset.kbItem)")
    answers = {}
    for i, item_id in enumerate(ids):
        answers[item_id] = {"status": ["yes", "no", "na"][i % 3]}
        if i % 2 == 0:
            answers[item_id]["note"] = "已查阅2026年执法案卷\n第二行：整改措施见附件"
    record = {
        "format": 1,
        "current": "a1",
        "assessments": {
            "a1": {
                "name": "2026年度自查",
                "checklist": "agency",
                "version": json.loads(page.locator("#kb-checklist-data").text_content())["version"],
                "answers": answers,
            }
        },
    }
    page.evaluate("r => kb.storage.write('checklist:agency', r)", record)
    page.reload()
    page.wait_for_selector(".kb-cl-tools:not([hidden])")
    page.emulate_media(media="print")
    first = page.locator(f"#item-{ids[0]}")
    assert first.locator(".kb-cl-boxes").inner_text() == "☑ 符合　□ 不符合　□ 不适用"
    # Notes keep their line breaks on paper.
    assert first.locator(".kb-cl-paper-text").inner_text() == "已查阅2026年执法案卷\n第二行：整改措施见附件"
    summary = page.locator(".kb-cl-summary")
    assert summary.is_visible()
    assert page.locator(".kb-cl-summary-item").count() == len(ids[1::3])
    assert page.locator(".kb-cl-summary-laws .kb-cl-summary-law").first.inner_text().startswith("第")
    assert page.locator(".kb-cl-sign").is_visible()
    pages = pdf_pages(page.pdf(path=str(tmp_path / "answered.pdf"), format="A4"))
    assert 1 <= pages <= 8


@pytest.mark.parametrize(
    "path,box", [("checklists/coverage.html", ".kb-coverage-wrap"), ("scoring/scheme.html", ".kb-table-box")]
)
def test_wide_tables_scroll_in_their_own_box_on_a_phone(offline, built_site, path, box):
    page = offline.page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(built_site.joinpath(path).as_uri())
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.eval_on_selector(box, "e => getComputedStyle(e).overflowX") == "auto"
    assert page.eval_on_selector(f"{box} thead th", "e => getComputedStyle(e).position") == "sticky"
    assert page.eval_on_selector(f"{box} tbody th", "e => getComputedStyle(e).position") == "sticky"


def test_widget_pages_use_the_width_of_wide_screens(offline, built_site):
    page = offline.page
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(built_site.joinpath("scoring/calculator.html").as_uri())
    page.wait_for_function("window.kbScoring !== undefined")
    page.check('input[name="kb-score-mode"][value="total"]')
    for year, total in (("2024", "70"), ("2025", "80"), ("2026", "90")):
        page.fill("#kb-score-total", total)
        page.fill("#kb-score-year", year)
        page.click("#kb-score-save")
    content = page.eval_on_selector(".md-content", "e => e.getBoundingClientRect().width")
    assert content > 1200
    # The years table fits: its last column is inside the box, which does not scroll.
    assert page.eval_on_selector(".kb-score-table", "e => e.scrollWidth <= e.clientWidth")


def test_the_new_widgets_are_accessible_with_content(browser, built_site, tmp_path):
    """axe on the states the tour does not reach: a filled comparison, a fill result, a confirmation."""
    from conftest import OfflinePage
    from test_browser_a11y import AXE, axe_violations

    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run npm ci (./scripts/test.sh does)")
    context = browser.new_context()
    watched = OfflinePage(context)
    page = watched.page
    found = {}
    page.goto(built_site.joinpath("scoring/compare.html").as_uri())
    path = tmp_path / "a.json"
    path.write_text(years_file("吉林市公安局", {"2026": {"total": 88}}), encoding="utf-8")
    page.set_input_files("#kb-compare-import", str(path))
    page.wait_for_selector(".kb-compare-table")
    page.click('[data-kb-sort="total"]')
    found["compare"] = axe_violations(page)
    page.goto(built_site.joinpath("scoring/calculator.html").as_uri())
    page.wait_for_function("window.kbScoring !== undefined")
    page.fill("#kb-score-organization", "9")
    page.fill("#kb-score-year", "2026")
    page.click("#kb-score-save")
    page.click("#kb-score-save")
    page.click("#kb-score-fill-button")
    assert page.locator(".kb-score-confirm").is_visible()
    page.mouse.move(0, 0)  # hover colours are the theme's; the states themselves are checked
    found["calculator"] = axe_violations(page)
    context.close()
    assert watched.external == []
    assert found == {"compare": [], "calculator": []}
