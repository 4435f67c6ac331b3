"""The checklist widget in Chromium over file://: answer, keep, switch, export, import, print, stay safe."""

from __future__ import annotations

import csv
import datetime
import io
import json
from pathlib import Path

import pytest
from conftest import OfflinePage

pytestmark = pytest.mark.browser

CHECKLIST = "checklist:agency"
HOSTILE = '<img src=x onerror="window.__xss=1">'


def open_agency(offline_or_page, built_site: Path):
    page = getattr(offline_or_page, "page", offline_or_page)
    page.goto(built_site.joinpath("checklists/agency.html").as_uri())
    page.wait_for_selector(".kb-cl-tools:not([hidden])")
    return page


def key(page, name: str = CHECKLIST) -> str:
    """The localStorage key of a kb.storage record on this site (prefixed and scoped by the site path)."""
    return page.evaluate("name => kb.storage.fullKey(name)", name)


def item(page, item_id: str):
    return page.locator(f"#item-{item_id}")


def answer(page, item_id: str, label: str, note: str | None = None) -> None:
    item(page, item_id).get_by_label(label, exact=True).check()
    if note is not None:
        item(page, item_id).locator("textarea").fill(note)


def stored(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem({json.dumps(key(page))})"))


def given(answers: dict) -> dict:
    """Stored answers as given: choices and notes, without their times and without answers cleared
    again (which keep only their time, so another tab's older copy cannot bring them back)."""
    plain = {i: {k: v for k, v in a.items() if k != "t"} for i, a in answers.items()}
    return {i: a for i, a in plain.items() if a}


def current_answers(page) -> dict:
    record = stored(page)
    return given(record["assessments"][record["current"]]["answers"])


def checked(page, item_id: str) -> str | None:
    return (
        item(page, item_id)
        .locator("input[type=radio]:checked")
        .evaluate_all("els => els.length ? els[0].value : null")
    )


def data(page) -> dict:
    return json.loads(page.locator("#kb-checklist-data").text_content())


def test_answers_are_saved_in_the_agreed_format_and_survive_reload(offline, built_site):
    page = open_agency(offline, built_site)
    assert page.evaluate(f"localStorage.getItem({json.dumps(key(page))})") is None  # opening stores nothing
    answer(page, "legal_office_in_charge", "符合")
    answer(page, "subject_qualification", "不符合", "未向社会公告")
    answer(page, "entrustment_letter", "不适用")
    expect_progress = "已回答 3 / 53 项（符合 1，不符合 1，不适用 1）"
    assert page.locator(".kb-cl-progress-text").text_content() == expect_progress
    assert page.locator(".kb-cl-progress").evaluate("p => p.value") == 3

    record = stored(page)
    assert set(record) == {"format", "current", "currentT", "assessments"} and record["format"] == 1
    assessment = record["assessments"][record["current"]]
    # Each answer and the assessment carry the time they were written (ms), so tabs merge per item.
    times = [a.pop("t") for a in assessment["answers"].values()] + [assessment.pop("t")]
    assert all(isinstance(t, int) and t > 1_700_000_000_000 for t in times)
    assert assessment == {
        "name": assessment["name"],
        "checklist": "agency",
        "version": data(page)["version"],
        "year": str(datetime.date.today().year),  # a new assessment is this year's
        "answers": {
            "legal_office_in_charge": {"status": "yes"},
            "subject_qualification": {"status": "no", "note": "未向社会公告"},
            "entrustment_letter": {"status": "na"},
        },
    }
    assert assessment["name"].endswith("年度自查")

    page.reload()
    page.wait_for_selector(".kb-cl-tools:not([hidden])")
    assert checked(page, "legal_office_in_charge") == "yes"
    assert checked(page, "subject_qualification") == "no"
    assert checked(page, "entrustment_letter") == "na"
    assert item(page, "subject_qualification").locator("textarea").input_value() == "未向社会公告"
    assert page.locator(".kb-cl-progress-text").text_content() == expect_progress
    # The summary lists the 不符合 item with the consequence the regulation attaches, linked.
    summary = page.locator(".kb-cl-summary-list li")
    assert summary.count() == 1
    assert "第 2 项" in summary.text_content() and "备注：未向社会公告" in summary.text_content()
    link = summary.locator(".kb-cl-summary-conseq a")
    assert link.text_content() == "第三十五条"
    assert link.get_attribute("href") == "../articles/art-35.html#art_35__para_1"
    # The liability text follows the items, once per provision.
    law = page.locator(".kb-cl-summary-laws .kb-cl-summary-law").text_content()
    assert law.startswith(
        "第三十五条　行政执法机关违反本规定或者有下列情形之一的，由本级人民政府责令改正、予以通报批评"
    )


def test_radio_group_works_from_the_keyboard(offline, built_site):
    page = open_agency(offline, built_site)
    group = item(page, "legal_office_in_charge").get_by_role("group", name="第 1 项答复")
    assert group.get_attribute("aria-describedby") == "kb-cl-q-legal_office_in_charge"
    first = group.get_by_label("符合", exact=True)
    first.focus()
    page.keyboard.press("Space")
    assert checked(page, "legal_office_in_charge") == "yes"
    page.keyboard.press("ArrowRight")
    assert checked(page, "legal_office_in_charge") == "no"
    assert current_answers(page) == {"legal_office_in_charge": {"status": "no"}}


def test_named_assessments_can_be_created_renamed_switched_and_deleted(offline, built_site):
    page = open_agency(offline, built_site)
    page.fill(".kb-cl-name", "2026年度自查")
    page.click(".kb-cl-rename button[type=submit]")
    answer(page, "legal_office_in_charge", "符合")

    page.click(".kb-cl-new")
    page.fill(".kb-cl-name", "2027年度自查")
    page.keyboard.press("Enter")
    assert page.locator(".kb-cl-status").text_content() == "已重命名为“2027年度自查”。"
    assert checked(page, "legal_office_in_charge") is None  # a new assessment starts empty
    answer(page, "legal_office_in_charge", "不符合")

    options = page.locator(".kb-cl-select option")
    assert options.all_text_contents() == ["2026年度自查", "2027年度自查"]
    page.select_option(".kb-cl-select", label="2026年度自查")
    assert checked(page, "legal_office_in_charge") == "yes"
    assert page.locator(".kb-cl-print-name").text_content() == "2026年度自查"
    page.reload()
    page.wait_for_selector(".kb-cl-tools:not([hidden])")
    assert page.locator(".kb-cl-select option:checked").text_content() == "2026年度自查"

    # A name in use is refused; deleting asks first, and cancelling changes nothing.
    page.fill(".kb-cl-name", "2027年度自查")
    page.keyboard.press("Enter")
    assert "已有名为“2027年度自查”的自查" in page.locator(".kb-cl-status").text_content()
    page.click(".kb-cl-delete")
    assert page.locator(".kb-cl-confirm").is_visible()
    assert "确定删除“2026年度自查”吗？" in page.locator(".kb-cl-confirm-text").text_content()
    page.click(".kb-cl-confirm-no")
    assert not page.locator(".kb-cl-confirm").is_visible()
    assert len(stored(page)["assessments"]) == 2
    page.click(".kb-cl-delete")
    page.click(".kb-cl-confirm-yes")
    assert options.all_text_contents() == ["2027年度自查"]
    assert checked(page, "legal_office_in_charge") == "no"
    names = [a["name"] for a in stored(page)["assessments"].values()]
    assert names == ["2027年度自查"]


def download(page, selector: str):
    with page.expect_download() as info:
        page.click(selector)
    return info.value


def test_export_json_and_csv_then_import_into_a_fresh_profile(offline, built_site, browser):
    page = open_agency(offline, built_site)
    page.fill(".kb-cl-name", "2026年度自查")
    page.keyboard.press("Enter")
    answer(page, "legal_office_in_charge", "符合", "=1+1 见职责文件")
    answer(page, "subject_qualification", "不符合", '未公告，"待办", 第二行\n续')
    answer(page, "entrustment_letter", "不适用")
    version = data(page)["version"]

    page.fill("#kb-cl-unit", "吉林市甲局")
    page.fill("#kb-cl-filler", "张三")
    year = datetime.date.today().year
    exported = download(page, ".kb-cl-export-json")
    assert exported.suggested_filename == f"吉林市甲局-{year}年度-行政执法机关自查.json"
    file = json.loads(Path(exported.path()).read_text(encoding="utf-8"))
    assert file["kind"] == "jlzfzrz-checklist-assessment" and file["format"] == 1
    assert (file["checklist"], file["version"], file["name"]) == ("agency", version, "2026年度自查")
    assert file["answers"] == current_answers(page)
    assert (file["unit"], file["year"], file["filler"], file["date"]) == ("吉林市甲局", str(year), "张三", "")

    sheet = download(page, ".kb-cl-export-csv")
    assert sheet.suggested_filename == f"吉林市甲局-{year}年度-行政执法机关自查.csv"
    raw = Path(sheet.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[:4] == [
        ["清单", "行政执法机关自查清单"],
        ["清单编号", "agency"],
        ["清单版本", version],
        ["自查名称", "2026年度自查"],
    ]
    assert rows[4:8] == [["自查单位", "吉林市甲局"], ["年度", str(year)], ["填表人", "张三"], ["日期", ""]]
    assert rows[9] == ["序号", "项目编号", "检查事项", "依据", "查阅材料", "考评内容", "答复", "备注"]
    body = {row[1]: row for row in rows[10:]}
    assert len(body) == 53
    assert body["legal_office_in_charge"][3] == "第四条第二款"
    assert body["legal_office_in_charge"][6:] == ["符合", "'=1+1 见职责文件"]  # never a formula
    assert body["subject_qualification"][6:] == ["不符合", '未公告，"待办", 第二行\n续']
    assert body["entrustment_letter"][6] == "不适用" and body["regular_staff"][6:] == ["", ""]

    fresh = OfflinePage(browser.new_context(accept_downloads=True))
    try:
        other = open_agency(fresh, built_site)
        other.set_input_files(".kb-cl-import", exported.path())
        other.wait_for_function("document.querySelector('.kb-cl-status').textContent.indexOf('已导入') === 0")
        assert other.locator(".kb-cl-select option:checked").text_content() == "2026年度自查"
        assert checked(other, "legal_office_in_charge") == "yes"
        assert checked(other, "subject_qualification") == "no"
        assert checked(other, "entrustment_letter") == "na"
        note = item(other, "subject_qualification").locator("textarea").input_value()
        assert note == '未公告，"待办", 第二行\n续'
        assert current_answers(other) == current_answers(page)
        # Importing the same file again keeps both, under distinct names.
        other.set_input_files(".kb-cl-import", exported.path())
        other.wait_for_function(
            "document.querySelector('.kb-cl-status').textContent.indexOf('已导入“2026年度自查（2）”') === 0"
        )
        assert len(stored(other)["assessments"]) == 2
    finally:
        fresh.context.close()
        fresh.assert_clean()


BAD_FILES = [
    (
        "broken.json",
        b'{"format": 1, "kind": "jlzfzrz-checklist-assess',
        "文件不完整（JSON 在中途截断），可能复制或下载未完成，请重新导出或复制",
    ),
    ("damaged.json", b'{"format": 1,, "kind": 2}', "文件已损坏或不是 JSON 格式"),
    (
        "years.json",
        b'{"format": 1, "kind": "jlzfzrz-scoring-years", "years": {}}',
        "这是评分计算器导出的考核评分记录（请在“考核评分 › 评分计算器”页面导入），不是自查文件",
    ),
    ("other.json", b'{"some": "thing"}', "这不是本站导出的自查文件"),
    (
        "officer.json",
        json.dumps(
            {
                "format": 1,
                "kind": "jlzfzrz-checklist-assessment",
                "checklist": "officer",
                "title": "行政执法人员自查清单",
                "version": "x",
                "name": "n",
                "answers": {},
            }
        ).encode(),
        "该文件属于“行政执法人员自查清单”（officer），不是本清单“行政执法机关自查清单”（agency）",
    ),
    (
        "shape.json",
        json.dumps(
            {
                "format": 1,
                "kind": "jlzfzrz-checklist-assessment",
                "checklist": "agency",
                "version": "x",
                "name": "n",
                "answers": {"regular_staff": {"status": "maybe"}},
            }
        ).encode(),
        "项目 regular_staff 的答案格式不正确",
    ),
]


@pytest.mark.parametrize(("name", "content", "reason"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_a_wrong_or_damaged_file_changes_nothing(offline, built_site, name, content, reason):
    page = open_agency(offline, built_site)
    answer(page, "legal_office_in_charge", "符合")
    before = page.evaluate("JSON.stringify(Object.assign({}, localStorage))")
    page.set_input_files(
        ".kb-cl-import", files=[{"name": name, "mimeType": "application/json", "buffer": content}]
    )
    status = page.locator(".kb-cl-status.kb-cl-error")
    status.wait_for()
    assert status.text_content() == f"无法导入“{name}”：{reason}。未作任何更改。"
    assert page.evaluate("JSON.stringify(Object.assign({}, localStorage))") == before
    assert page.locator(".kb-cl-select option").count() == 1
    assert checked(page, "legal_office_in_charge") == "yes"


def test_print_layout_shows_name_answers_notes_and_signature_lines(offline, built_site):
    page = open_agency(offline, built_site)
    page.fill(".kb-cl-name", "2026年度自查")
    page.keyboard.press("Enter")
    answer(page, "legal_office_in_charge", "符合", "见职责分工文件")
    answer(page, "subject_qualification", "不符合")
    page.emulate_media(media="print")
    assert not page.locator(".kb-cl-tools").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator(".kb-cl-print-head").is_visible()
    assert page.locator(".kb-cl-print-name").text_content() == "2026年度自查"
    first = item(page, "legal_office_in_charge")
    # Answered: the chosen box ticked and the note written out; unanswered: boxes and ruled lines.
    assert first.locator(".kb-cl-paper").is_visible()
    assert first.locator(".kb-cl-boxes").text_content() == "☑ 符合　□ 不符合　□ 不适用"
    assert first.locator(".kb-cl-paper-note").text_content() == "备注、证据：见职责分工文件"
    assert not first.locator("input[type=radio]").first.is_visible()
    assert not first.locator("textarea").is_visible()
    blank = item(page, "regular_staff")
    assert blank.locator(".kb-cl-boxes").text_content() == "□ 符合　□ 不符合　□ 不适用"
    assert blank.locator(".kb-cl-paper-text").text_content() == ""
    assert "repeating-linear-gradient" in blank.locator(".kb-cl-paper-note").evaluate(
        "e => getComputedStyle(e).backgroundImage"
    )
    assert (
        item(page, "subject_qualification").locator(".kb-cl-boxes").text_content()
        == "□ 符合　☑ 不符合　□ 不适用"
    )
    assert first.locator("a", has_text="第四条第二款").is_visible()
    sign = page.locator(".kb-cl-sign")
    assert sign.is_visible()
    assert [t.split("：")[0] for t in sign.locator("p").all_text_contents()] == [
        "自查单位（盖章）",
        "负责人签字",
        "日期",
    ]
    assert page.locator(".kb-cl-summary").is_visible()
    page.emulate_media(media="screen")
    assert not page.locator(".kb-cl-sign").is_visible()


def test_without_javascript_the_page_is_a_printable_paper_form(browser, built_site):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(built_site.joinpath("checklists/agency.html").as_uri())
        assert page.locator(".kb-cl-item").count() == 53
        assert not page.locator(".kb-cl-tools").is_visible()
        assert not page.locator(".kb-cl-answer").first.is_visible()
        assert page.locator(".kb-cl-paper").first.is_visible()
        first = page.locator("#item-entrustment_letter")
        assert (
            first.locator("a", has_text="第十六条第一款").get_attribute("href")
            == "../articles/art-16.html#art_16__para_1"
        )
        assert "委托书" in first.locator("dd").nth(1).text_content()
        page.emulate_media(media="print")
        assert page.locator(".kb-cl-sign").is_visible()
        assert page.locator(".kb-cl-paper").first.is_visible()
    finally:
        context.close()


def test_user_text_is_shown_as_text_never_as_html(offline, built_site):
    page = open_agency(offline, built_site)
    page.fill(".kb-cl-name", HOSTILE)
    page.keyboard.press("Enter")
    answer(page, "subject_qualification", "不符合", HOSTILE)
    assert page.locator(".kb-cl-select option:checked").text_content() == HOSTILE
    assert page.locator(".kb-cl-print-name").text_content() == HOSTILE
    assert page.locator(".kb-cl-summary-note").text_content() == "备注：" + HOSTILE
    exported = download(page, ".kb-cl-export-json")
    page.reload()
    page.wait_for_selector(".kb-cl-tools:not([hidden])")

    # An imported file whose name and notes carry markup: shown as text as well.
    file = json.loads(Path(exported.path()).read_text(encoding="utf-8"))
    file["name"] = "<b>导入</b>" + HOSTILE
    file["answers"]["legal_office_in_charge"] = {"status": "no", "note": "<script>window.__xss=2</script>"}
    page.set_input_files(
        ".kb-cl-import",
        files=[
            {"name": "<i>x</i>.json", "mimeType": "application/json", "buffer": json.dumps(file).encode()}
        ],
    )
    page.wait_for_function("document.querySelector('.kb-cl-status').textContent.indexOf('已导入') === 0")
    assert page.locator(".kb-cl-select option:checked").text_content() == "<b>导入</b>" + HOSTILE
    notes = page.locator(".kb-cl-summary-note").all_text_contents()
    assert notes == ["备注：<script>window.__xss=2</script>", "备注：" + HOSTILE]
    page.set_input_files(
        ".kb-cl-import", files=[{"name": "<i>x</i>.json", "mimeType": "application/json", "buffer": b"{"}]
    )
    page.locator(".kb-cl-status.kb-cl-error").wait_for()
    assert page.locator(".kb-cl-status").text_content().startswith("无法导入“<i>x</i>.json”")
    assert page.locator(".kb-cl img, .kb-cl b, .kb-cl i, .kb-cl script:not(#kb-checklist-data)").count() == 0
    assert page.evaluate("window.__xss") is None


def test_corrupted_storage_is_reported_and_set_aside(offline, built_site):
    page = open_agency(offline, built_site)
    page.evaluate(f'localStorage.setItem({json.dumps(key(page))}, \'{{"format": 1, "assess\')')
    page.reload()
    page.wait_for_selector(".kb-cl-tools:not([hidden])")
    problem = page.locator(".kb-cl-problems p")
    assert problem.count() == 1
    assert problem.text_content().startswith(
        "浏览器中保存的自查数据已损坏，无法读取；原数据已另存（已将无法读取的数据另存为 checklist:agency.corrupt-"
    )
    keys = page.evaluate("Object.keys(localStorage)")
    aside = [k for k in keys if k.startswith(key(page) + ".corrupt-")]
    assert (
        len(aside) == 1
        and page.evaluate(f"localStorage.getItem({json.dumps(aside[0])})") == '{"format": 1, "assess'
    )
    answer(page, "legal_office_in_charge", "符合")  # still works
    assert current_answers(page) == {"legal_office_in_charge": {"status": "yes"}}


def test_storage_of_the_wrong_shape_keeps_what_is_usable(offline, built_site):
    page = open_agency(offline, built_site)
    version = data(page)["version"]
    record = {
        "format": 1,
        "current": "a1",
        "assessments": {
            "a1": {
                "name": "2026年度自查",
                "checklist": "agency",
                "version": version,
                "answers": {
                    "regular_staff": {"status": "yes"},
                    "nonsense": {"status": "yes"},
                    "subject_qualification": {"status": 7},
                },
            },
            "a2": "not an assessment",
        },
    }
    page.evaluate(f"localStorage.setItem({json.dumps(key(page))}, {json.dumps(json.dumps(record))})")
    page.reload()
    page.wait_for_selector(".kb-cl-tools:not([hidden])")
    assert "格式不正确" in page.locator(".kb-cl-problems p").text_content()
    assert checked(page, "regular_staff") == "yes"
    assert stored(page)["assessments"] == {
        "a1": {
            "name": "2026年度自查",
            "checklist": "agency",
            "version": version,
            "answers": {"regular_staff": {"status": "yes"}},
        }
    }
    aside = [k for k in page.evaluate("Object.keys(localStorage)") if k.startswith(key(page) + ".invalid-")]
    assert len(aside) == 1


def test_a_new_checklist_version_keeps_answers_to_unchanged_items(offline, built_site):
    page = open_agency(offline, built_site)
    current = data(page)
    old = {i["id"]: i["fingerprint"] for i in current["items"]}
    del old["regular_staff"]  # did not exist in the old version: new now
    old["subject_qualification"] = "00000000"  # its question text has changed since
    old["withdrawn_item"] = "11111111"  # no longer in the checklist
    record = {
        "format": 1,
        "current": "a1",
        "assessments": {
            "a1": {
                "name": "2025年度自查",
                "checklist": "agency",
                "version": "0ld0ld0ld0",
                "answers": {
                    "legal_office_in_charge": {"status": "yes", "note": "保留"},
                    "subject_qualification": {"status": "no", "note": "旧备注"},
                    "withdrawn_item": {"status": "yes"},
                },
            },
        },
    }
    fingerprints = {"format": 1, "versions": {"0ld0ld0ld0": old}}
    page.evaluate(
        f"""localStorage.setItem({json.dumps(key(page))}, {json.dumps(json.dumps(record))});
        localStorage.setItem({json.dumps(key(page, "checklist-fingerprints:agency"))}, {json.dumps(json.dumps(fingerprints))});"""
    )
    page.reload()
    page.wait_for_selector(".kb-cl-tools:not([hidden])")
    number = {i["id"]: i["number"] for i in current["items"]}
    assert page.locator(".kb-cl-notice").text_content() == (
        "本清单已更新。“2025年度自查”中未变化项目的答案已保留；"
        f"新增 第 {number['regular_staff']} 项，请作答；"
        f"第 {number['subject_qualification']} 项 的题目已修改，原选择已清除（备注保留），请重新作答；"
        "1 个已删除项目的答案不再保留。"
    )
    assert checked(page, "legal_office_in_charge") == "yes"
    assert checked(page, "subject_qualification") is None
    assert item(page, "subject_qualification").locator("textarea").input_value() == "旧备注"
    assert item(page, "regular_staff").locator(".kb-cl-badge").text_content() == "新增"
    assert item(page, "subject_qualification").locator(".kb-cl-badge").text_content() == "已修改"
    saved = stored(page)["assessments"]["a1"]
    assert saved["version"] == current["version"]
    assert given(saved["answers"]) == {
        "legal_office_in_charge": {"status": "yes", "note": "保留"},
        "subject_qualification": {"note": "旧备注"},
    }


def test_index_and_coverage_pages_link_the_checklists(offline, built_site):
    page = offline.page
    page.goto(built_site.joinpath("checklists/index.html").as_uri())
    links = page.locator(".kb-cl-list a")
    assert links.count() == 6
    page.locator('.kb-checklist-index a[href="coverage.html"]').first.click()
    page.wait_for_url("**/checklists/coverage.html")
    assert page.locator("table.kb-coverage tbody tr").count() == 38
    page.locator('table.kb-coverage a[href="officer.html#item-complaints_below_threshold"]').click()
    page.wait_for_url("**/checklists/officer.html#item-complaints_below_threshold")
    assert page.locator("#item-complaints_below_threshold .kb-cl-text").is_visible()


def test_a_file_from_an_older_version_is_carried_over_on_import(offline, built_site):
    page = open_agency(offline, built_site)
    current = data(page)
    items = {i["id"]: i["fingerprint"] for i in current["items"]}
    del items["complaint_channels"]
    file = {
        "format": 1,
        "kind": "jlzfzrz-checklist-assessment",
        "checklist": "agency",
        "version": "0ld0ld0ld0",
        "name": "2025年度自查",
        "answers": {"regular_staff": {"status": "yes"}, "gone": {"status": "no"}},
        "items": {**items, "gone": "22222222"},
    }
    page.set_input_files(
        ".kb-cl-import",
        files=[{"name": "old.json", "mimeType": "application/json", "buffer": json.dumps(file).encode()}],
    )
    page.wait_for_function("document.querySelector('.kb-cl-status').textContent.indexOf('已导入') === 0")
    number = next(i["number"] for i in current["items"] if i["id"] == "complaint_channels")
    assert f"新增 第 {number} 项，请作答" in page.locator(".kb-cl-notice").text_content()
    assert "1 个已删除项目的答案不再保留" in page.locator(".kb-cl-notice").text_content()
    assert current_answers(page) == {"regular_staff": {"status": "yes"}}
    assert stored(page)["assessments"][stored(page)["current"]]["version"] == current["version"]


def test_a_refused_write_is_reported_not_crashed(offline, built_site):
    # The browser refuses to store this checklist (as when the quota is exhausted).
    offline.page.add_init_script(
        """(() => {
          const set = Storage.prototype.setItem;
          Storage.prototype.setItem = function (k, v) {
            if (String(k).indexOf("checklist:agency") >= 0) throw new DOMException("full", "QuotaExceededError");
            return set.call(this, k, v);
          };
        })();"""
    )
    page = open_agency(offline, built_site)
    answer(page, "legal_office_in_charge", "符合")
    refused = page.locator(".kb-cl-problems .kb-refused")
    assert refused.is_visible()
    assert (
        refused.locator(".kb-refused-text").text_content()
        == "浏览器拒绝保存：本页的作答不会保留，请立即导出备份"
    )
    assert page.locator(".kb-cl-progress-text").text_content().startswith("已回答 1 / 53 项")
    assert download(page, ".kb-cl-export-json").suggested_filename.endswith(".json")
    assert download(page, ".kb-cl-problems .kb-refused-export").suggested_filename.endswith(".json")


def test_two_tabs_of_the_same_checklist_stay_in_step(offline, built_site):
    first = open_agency(offline, built_site)
    answer(first, "legal_office_in_charge", "符合")
    second = open_agency(offline.new_page(), built_site)
    assert checked(second, "legal_office_in_charge") == "yes"
    answer(first, "regular_staff", "不适用")
    second.wait_for_function("document.querySelector('.kb-cl-status').textContent.indexOf('另一个窗口') >= 0")
    assert checked(second, "regular_staff") == "na"


# --- issue 25: who and when, files named by unit, blank form, imports that say what happened -------

CONVERTED = "该文件不是 UTF-8 编码，已按 GBK（GB18030）编码转换后读取，请核对导入的名称和备注"


def unit_of_current(page) -> str | None:
    record = stored(page)
    return record["assessments"][record["current"]].get("unit")


def test_a_new_assessment_asks_for_its_unit_and_the_file_name_uses_it(offline, built_site):
    page = open_agency(offline, built_site)
    answer(page, "legal_office_in_charge", "符合")
    page.click(".kb-cl-new")
    year = datetime.date.today().year
    assert page.locator(".kb-cl-status").text_content() == (
        f"已新建“{year}年度自查（2）”。请填写自查单位（导出的文件名和多单位对比按单位区分），可在“自查名称”中修改名称。"
    )
    assert page.evaluate("document.activeElement.id") == "kb-cl-unit"
    assert page.locator("#kb-cl-year").input_value() == str(year)
    page.keyboard.type("吉林市乙局")
    assert unit_of_current(page) == "吉林市乙局"
    page.fill("#kb-cl-year", "20x6")
    assert page.locator(".kb-cl-who-error").text_content() == "年度应为四位数，例如 2026"
    assert stored(page)["assessments"][stored(page)["current"]]["year"] == str(year)
    page.fill("#kb-cl-year", "2025")
    assert download(page, ".kb-cl-export-json").suggested_filename == (
        f"吉林市乙局-2025年度-行政执法机关自查-{year}年度自查（2）.json"
    )
    page.emulate_media(media="print")
    assert page.locator('[data-kb-print="unit"]').text_content() == "吉林市乙局"
    assert page.locator('[data-kb-print="year"]').text_content() == "2025"


def test_an_earlier_release_record_asks_for_its_unit_on_export(offline, built_site):
    page = open_agency(offline, built_site)
    version = data(page)["version"]
    old = {"name": "2025年度自查", "checklist": "agency", "version": version, "answers": {}}
    record = {"format": 1, "current": "a1", "assessments": {"a1": old}}
    page.evaluate(f"localStorage.setItem({json.dumps(key(page))}, {json.dumps(json.dumps(record))})")
    page.reload()
    page.wait_for_selector(".kb-cl-tools:not([hidden])")
    assert page.locator("#kb-cl-year").input_value() == "2025"  # read from its name
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.accept("吉林市丙局")))
    assert (
        download(page, ".kb-cl-export-csv").suggested_filename == "吉林市丙局-2025年度-行政执法机关自查.csv"
    )
    assert asked == [
        "“2025年度自查”没有填写自查单位。请输入单位名称（导出的文件名和多单位对比都按单位区分）："
    ]
    assert unit_of_current(page) == "吉林市丙局"
    assert page.locator("#kb-cl-unit").input_value() == "吉林市丙局"


def test_two_units_files_of_the_same_name_import_as_two_assessments(offline, built_site, browser, tmp_path):
    page = open_agency(offline, built_site)
    paths = []
    # Two agencies' assessments of the same name (here one record re-labelled: two PCs in practice).
    page.fill(".kb-cl-name", "年度自查")
    page.keyboard.press("Enter")
    for unit, status in (("吉林市甲局", "符合"), ("吉林市乙局", "不符合")):
        page.fill("#kb-cl-unit", unit)
        answer(page, "legal_office_in_charge", status)
        exported = download(page, ".kb-cl-export-json")
        paths.append(tmp_path / exported.suggested_filename)
        exported.save_as(paths[-1])
    assert [p.name.split("-")[0] for p in paths] == ["吉林市甲局", "吉林市乙局"]

    fresh = OfflinePage(browser.new_context(accept_downloads=True))
    try:
        other = open_agency(fresh, built_site)
        for n, path in enumerate(paths):
            other.set_input_files(".kb-cl-import", str(path))
            other.wait_for_function(
                f"document.querySelectorAll('.kb-cl-select option').length === {n + 1} && "
                "document.querySelector('.kb-cl-status').textContent.indexOf('已导入') === 0"
            )
        units = {
            a["unit"]: a["answers"]["legal_office_in_charge"]["status"]
            for a in stored(other)["assessments"].values()
        }
        assert units == {"吉林市甲局": "yes", "吉林市乙局": "no"}
        assert other.locator(".kb-cl-select option").all_text_contents() == ["年度自查", "年度自查（2）"]
    finally:
        fresh.context.close()
        fresh.assert_clean()


PRINTED = """() => {
  window.__printed = [];
  window.print = () => window.__printed.push({
    boxes: [...document.querySelectorAll('.kb-cl-box')].map(b => b.textContent).join(''),
    notes: [...document.querySelectorAll('.kb-cl-paper-text')].map(n => n.textContent).join(''),
    name: document.querySelector('.kb-cl-print-name').textContent,
    unit: document.querySelector('[data-kb-print="unit"]').textContent,
    blank: document.querySelector('.kb-cl').classList.contains('kb-cl-blank'),
    stored: Object.keys(localStorage).filter(k => k.indexOf('checklist:') >= 0).length
  });
}"""


def test_print_blank_form_creates_nothing(offline, built_site):
    page = open_agency(offline, built_site)
    page.evaluate(PRINTED)
    page.click(".kb-cl-print-blank")
    [first] = page.evaluate("window.__printed")
    assert first == {
        "boxes": "□" * 159,
        "notes": "",
        "name": "＿" * 12,
        "unit": "",
        "blank": True,
        "stored": 0,
    }
    assert page.evaluate("Object.keys(localStorage).filter(k => k.indexOf('checklist:agency') >= 0)") == []

    # With answers: the blank form still shows none of them, and the record is back afterwards.
    page.fill("#kb-cl-unit", "吉林市甲局")
    answer(page, "legal_office_in_charge", "符合", "见文件")
    page.click(".kb-cl-print-blank")
    second = page.evaluate("window.__printed")[1]
    assert (second["boxes"], second["notes"], second["unit"], second["blank"]) == ("□" * 159, "", "", True)
    assert len(stored(page)["assessments"]) == 1
    assert page.locator(".kb-cl-select option").count() == 1
    assert item(page, "legal_office_in_charge").locator(".kb-cl-boxes").text_content().startswith("☑")
    assert page.locator('[data-kb-print="unit"]').text_content() == "吉林市甲局"


def test_the_answered_print_has_one_heading_and_notes_end_before_the_liability(offline, built_site):
    page = open_agency(offline, built_site)
    answer(page, "subject_qualification", "不符合", "未向社会公告")
    page.emulate_media(media="print")
    assert page.locator("h1#kb-checklist").is_visible()
    assert not page.locator(".kb-cl-print-title").is_visible()
    entry = page.locator(".kb-cl-summary-item").first
    note = entry.locator(".kb-cl-summary-note").bounding_box()
    conseq = entry.locator(".kb-cl-summary-conseq")
    assert conseq.text_content().startswith("规定的责任：")
    box = conseq.bounding_box()
    assert box["y"] >= note["y"] + note["height"] - 1  # below the note, on its own line
    assert box["x"] <= note["x"]


def test_a_gbk_csv_imports_on_the_checklist_page(offline, built_site, tmp_path):
    page = open_agency(offline, built_site)
    version = data(page)["version"]
    rows = [
        ["清单", "行政执法机关自查清单"],
        ["清单编号", "agency"],
        ["清单版本", version],
        ["自查名称", "2026年度自查"],
        ["自查单位", "吉林市丁局"],
        ["年度", "2026"],
        ["填表人", "王五"],
        ["日期", "2026-03-31"],
        [],
        ["序号", "项目编号", "检查事项", "依据", "查阅材料", "考评内容", "答复", "备注"],
        ["1", "legal_office_in_charge", "x", "", "", "", "符合", "'=见职责文件"],
        ["2", "subject_qualification", "x", "", "", "", "不符合", "未公告，待办"],
    ]
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path = tmp_path / "excel.csv"
    path.write_bytes(out.getvalue().encode("gbk"))
    page.set_input_files(".kb-cl-import", str(path))
    page.wait_for_function("document.querySelector('.kb-cl-status').textContent.indexOf('已导入') >= 0")
    assert page.locator(".kb-cl-status").text_content() == (
        CONVERTED + "。已导入“2026年度自查”（2 项答案），并切换到该自查。"
    )
    assert [page.locator(f"#kb-cl-{f}").input_value() for f in ("unit", "year", "filler", "date")] == [
        "吉林市丁局",
        "2026",
        "王五",
        "2026-03-31",
    ]
    assert checked(page, "legal_office_in_charge") == "yes"
    assert item(page, "legal_office_in_charge").locator("textarea").input_value() == "=见职责文件"
    assert checked(page, "subject_qualification") == "no"


def test_a_truncated_json_says_it_is_incomplete(offline, built_site):
    page = open_agency(offline, built_site)
    whole = json.dumps(
        {"format": 1, "kind": "jlzfzrz-checklist-assessment", "name": "甲局自查"}, ensure_ascii=False
    )
    cut = whole.encode()[: whole.encode().index("局".encode()) + 1]  # inside a character
    page.set_input_files(
        ".kb-cl-import", files=[{"name": "cut.json", "mimeType": "application/json", "buffer": cut}]
    )
    page.locator(".kb-cl-status.kb-cl-error").wait_for()
    assert page.locator(".kb-cl-status").text_content() == (
        "无法导入“cut.json”：文件不完整（在一个字符中间截断），可能复制或下载未完成，请重新导出或复制。未作任何更改。"
    )
