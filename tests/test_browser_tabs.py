"""Several tabs, odd storage and odd clocks in Chromium (issue 23, items 3, 5 and 7).

Two pages of one browser context share localStorage as two tabs of one profile do. Each test below
is a way a person lost work or saw a wrong state on main 7ce7e65: a second tab overwriting the
first's answer, 新建自查 in one tab moving another tab's next answer, one exam open in two tabs, the
clock set back, a browser refusing storage, an 8,000-row import freezing the page, and answers
lost when the same release is opened from another folder.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from test_browser_checklist import answer, checked, given, key, open_agency, stored
from test_browser_quiz import answer as answer_question
from test_browser_quiz import questions, seconds_left, visible_question

pytestmark = pytest.mark.browser

REFUSED = "浏览器拒绝保存：本页的作答不会保留，请立即导出备份"
RECOVERED = "浏览器已恢复保存：本页的作答已重新保存。"
ELSEWHERE = "这场模拟考试已在另一个窗口中打开。同一场考试同一时间只能在一个窗口中作答。"
TAKEN = "这场考试已在另一个窗口中继续，本窗口已停止作答（作答已由那个窗口保存）。"
ITEMS = ["legal_office_in_charge", "subject_qualification", "entrustment_letter", "regular_staff"]


def all_answers(page) -> dict:
    record = stored(page)
    return {aid: given(a["answers"]) for aid, a in record["assessments"].items()}


# --- checklist: two tabs ---------------------------------------------------------------------------


def test_two_tabs_answering_different_items_at_the_same_time_keep_both(offline, built_site):
    a = open_agency(offline, built_site)
    answer(a, ITEMS[0], "符合")  # the assessment exists in storage before the second tab opens
    b = open_agency(offline.new_page(), built_site)
    # Interleaved, each tab writing before it has heard of the other's last write.
    for i, item_id in enumerate(ITEMS[1:]):
        page = a if i % 2 == 0 else b
        page.locator(f"#item-{item_id}").get_by_label("不符合", exact=True).evaluate("e => e.click()")
    want = {ITEMS[0]: "yes", **{i: "no" for i in ITEMS[1:]}}
    for page in (a, b):
        page.wait_for_function(
            "ids => ids.every(id => document.querySelector('#item-' + id + ' input:checked'))", arg=ITEMS
        )
        assert {i: checked(page, i) for i in ITEMS} == want
    (answers,) = all_answers(a).values()
    assert {i: v["status"] for i, v in answers.items()} == want


def test_a_tab_never_overwrites_an_answer_with_its_stale_copy(offline, built_site):
    a = open_agency(offline, built_site)
    answer(a, ITEMS[0], "符合")
    b = open_agency(offline.new_page(), built_site)
    # B changes item 1 later than A chose it; A then answers item 2 from its own (older) state.
    answer(b, ITEMS[0], "不适用")
    answer(a, ITEMS[1], "符合")
    a.wait_for_function(f"document.querySelector('#item-{ITEMS[0]} input:checked').value === 'na'")
    (answers,) = all_answers(a).values()
    assert answers == {ITEMS[0]: {"status": "na"}, ITEMS[1]: {"status": "yes"}}


def test_a_new_assessment_in_one_tab_does_not_move_the_other_tabs_answers(offline, built_site):
    a = open_agency(offline, built_site)
    answer(a, ITEMS[0], "符合")
    first_id = stored(a)["current"]
    b = open_agency(offline.new_page(), built_site)
    a.click(".kb-cl-new")
    new_id = stored(a)["current"]
    assert new_id != first_id
    b.wait_for_function("document.querySelectorAll('.kb-cl-select option').length === 2")
    # B still shows, and writes to, the assessment it showed.
    assert b.locator(".kb-cl-select").input_value() == first_id
    answer(b, ITEMS[1], "不符合")
    answers = all_answers(b)
    assert answers[first_id] == {ITEMS[0]: {"status": "yes"}, ITEMS[1]: {"status": "no"}}
    assert answers[new_id] == {}
    assert checked(a, ITEMS[1]) is None  # A shows its new, empty assessment


def test_an_assessment_deleted_in_another_tab_is_said_and_nothing_else_is_lost(offline, built_site):
    a = open_agency(offline, built_site)
    answer(a, ITEMS[0], "符合")
    first_id = stored(a)["current"]
    a.click(".kb-cl-new")
    answer(a, ITEMS[1], "不符合")
    b = open_agency(offline.new_page(), built_site)
    b.select_option(".kb-cl-select", first_id)
    b.click(".kb-cl-delete")
    b.click(".kb-cl-confirm-yes")
    a.wait_for_function("document.querySelectorAll('.kb-cl-select option').length === 1")
    assert list(all_answers(a).values()) == [{ITEMS[1]: {"status": "no"}}]
    assert checked(a, ITEMS[1]) == "no"


# --- exam: one tab at a time -----------------------------------------------------------------------


def start_exam(page, built_site: Path, query: str = "?seed=3&count=3&seconds=600"):
    page.goto(built_site.joinpath("quiz/exam.html").as_uri() + query)
    page.locator(".kb-exam-start button").click()
    page.locator(".kb-exam-timer").wait_for()


def stored_attempt(page) -> dict:
    return json.loads(page.evaluate("() => localStorage.getItem(kb.storage.fullKey('quiz:attempt'))"))


def test_an_exam_is_open_in_one_tab_at_a_time_and_can_be_taken_over(offline, built_site):
    a = offline.page
    start_exam(a, built_site)
    bank = questions(a)
    q1 = visible_question(a)
    answer_question(q1, bank[q1.get_attribute("data-kb-question")], True)

    b = offline.new_page()
    b.goto(built_site.joinpath("quiz/exam.html").as_uri() + "?seed=3&count=3&seconds=600")
    assert b.locator(".kb-exam-elsewhere").text_content() == ELSEWHERE
    go = b.locator(".kb-exam-resume-go")
    assert go.text_content() == "在本窗口继续（另一个窗口将停止作答）"
    # Starting a new exam is not offered over the open one.
    assert not b.locator(".kb-exam-start").is_visible()
    go.click()
    b.locator(".kb-exam-timer").wait_for()

    a.locator(".kb-exam-taken-text").wait_for()
    assert a.locator(".kb-exam-taken-text").text_content() == TAKEN
    assert a.locator(".kb-exam-form input").first.is_disabled()
    assert a.locator(".kb-exam-submit").is_disabled()
    # B has A's answer and adds its own; A writes nothing more.
    assert b.locator(".kb-exam-answered").text_content() == "已答 1 / 3 题"
    b.locator(".kb-exam-next").click()
    q2 = visible_question(b)
    answer_question(q2, bank[q2.get_attribute("data-kb-question")], False)
    a.wait_for_timeout(1500)  # A's timer would have saved by now
    attempt = stored_attempt(b)
    assert set(attempt["answers"]) == {
        q1.get_attribute("data-kb-question"),
        q2.get_attribute("data-kb-question"),
    }
    assert attempt["owner"]["tab"] == b.evaluate(
        "() => JSON.parse(localStorage.getItem(kb.storage.fullKey('quiz:attempt'))).owner.tab"
    )

    # A takes it back; B then stops.
    a.locator(".kb-exam-take-back").click()
    b.locator(".kb-exam-taken-text").wait_for()
    assert a.locator(".kb-exam-answered").text_content() == "已答 2 / 3 题"


def test_closing_the_owning_tab_lets_the_next_one_resume_without_a_takeover(offline, built_site):
    a = offline.page
    start_exam(a, built_site)
    a.evaluate("() => window.removeEventListener('beforeunload', () => {})")
    a.close(run_before_unload=False)
    b = offline.new_page()
    b.goto(built_site.joinpath("quiz/exam.html").as_uri() + "?seed=3&count=3&seconds=600")
    assert b.locator(".kb-exam-elsewhere").count() == 0
    assert b.locator(".kb-exam-resume-go").text_content() == "继续考试"


SHIFT_CLOCK = """(() => {
  const real = Date.now.bind(Date);
  window.__shift = Number(sessionStorage.getItem("shift") || 0);
  Date.now = () => real() + window.__shift;
})();"""


def test_setting_the_clock_back_during_an_exam_gives_no_time(offline, built_site):
    page = offline.page
    page.add_init_script(SHIFT_CLOCK)
    start_exam(page, built_site, "?seed=3&count=3&minutes=30")
    page.evaluate("() => { window.__shift = -3600 * 1000; }")
    page.wait_for_timeout(2200)
    assert 1790 <= seconds_left(page) <= 1800


def test_reopening_an_exam_with_the_clock_set_back_gives_no_time(offline, built_site):
    page = offline.page
    page.add_init_script(SHIFT_CLOCK)
    start_exam(page, built_site, "?seed=3&count=3&minutes=30")
    page.wait_for_timeout(1200)
    page.evaluate("() => sessionStorage.setItem('shift', String(-3600 * 1000))")
    page.reload()
    text = page.locator(".kb-exam-resume-text").text_content()
    left = text.split("剩余时间 ")[1].rstrip("。")
    minutes, seconds = (int(x) for x in left.split(":"))
    assert 29 * 60 <= minutes * 60 + seconds <= 30 * 60
    page.locator(".kb-exam-resume-go").click()
    assert 29 * 60 <= seconds_left(page) <= 30 * 60


BAD_ATTEMPTS = {
    "used is text": {"used": "lots"},
    "owner is a number": {"owner": 5},
    "times is a list": {"times": []},
    "limit is negative": {"limit": -10},
    "format from the future": {"format": 9},
}


@pytest.mark.parametrize("change", list(BAD_ATTEMPTS.values()), ids=list(BAD_ATTEMPTS))
def test_a_stored_attempt_of_the_wrong_shape_is_set_aside_not_run(offline, built_site, change):
    page = offline.page
    page.goto(built_site.joinpath("quiz/exam.html").as_uri() + "?seed=3&count=3&seconds=600")
    qid = next(iter(questions(page)))
    record = {
        "format": 2,
        "started": 1,
        "limit": 600,
        "used": 0,
        "saved": 1,
        "questions": [{"id": qid, "options": []}],
        "answers": {},
        "times": {},
        "flags": [],
        "current": 0,
        "owner": None,
        **change,
    }
    page.evaluate("r => localStorage.setItem(kb.storage.fullKey('quiz:attempt'), JSON.stringify(r))", record)
    page.reload()
    page.wait_for_function("() => window.kb !== undefined")
    assert page.locator(".kb-exam-resume").count() == 0
    assert page.locator(".kb-exam-start").is_visible()
    aside = [k for k in page.evaluate("Object.keys(localStorage)") if ".unrecognised-" in k]
    assert len(aside) == 1 and json.loads(page.evaluate("k => localStorage.getItem(k)", aside[0])) == record


# --- storage refused, unavailable, recovered ------------------------------------------------------

THROWING_GETTER = """Object.defineProperty(window, "localStorage", {
  get() { throw new DOMException("denied", "SecurityError"); }
});"""

PAGES = [
    "index.html",
    "checklists/agency.html",
    "scoring/calculator.html",
    "scoring/compare.html",
    "quiz/practice.html",
    "quiz/exam.html",
    "articles/art-01.html",
]


@pytest.mark.parametrize("path", PAGES)
def test_a_throwing_storage_getter_is_a_notice_never_an_uncaught_error(offline, built_site, path):
    page = offline.page
    page.add_init_script(THROWING_GETTER)
    page.goto(built_site.joinpath(path).as_uri())
    page.wait_for_function("() => window.kb !== undefined")
    page.wait_for_timeout(300)
    if (
        page.locator("[data-kb-component]")
        .filter(has=page.locator("script[type='application/json']"))
        .count()
    ):
        notices = page.locator(".kb-refused-text")
        if notices.count():
            assert notices.first.text_content() == REFUSED
    assert page.evaluate("() => kb.storage.persistent") is False
    # offline's teardown fails the test on any console error or uncaught exception.


QUOTA = """(() => {
  const set = Storage.prototype.setItem;
  window.__full = true;
  Storage.prototype.setItem = function (k, v) {
    if (window.__full && String(k).indexOf("__probe__") < 0) throw new DOMException("full", "QuotaExceededError");
    return set.call(this, k, v);
  };
})();"""


def test_a_checklist_saves_again_once_space_is_freed_and_says_so(offline, built_site):
    page = offline.page
    page.add_init_script(QUOTA)
    open_agency(page, built_site)
    answer(page, ITEMS[0], "符合")
    assert page.locator(".kb-refused-text").text_content() == REFUSED
    assert page.evaluate(f"localStorage.getItem({json.dumps(key(page))})") is None
    page.evaluate("() => { window.__full = false; }")
    answer(page, ITEMS[1], "不符合")
    assert not page.locator(".kb-refused").is_visible()
    assert page.locator(".kb-recovered").text_content() == RECOVERED
    (answers,) = all_answers(page).values()
    assert answers == {ITEMS[0]: {"status": "yes"}, ITEMS[1]: {"status": "no"}}


def test_storage_unavailable_at_load_is_tried_again_on_the_next_change(offline, built_site):
    page = offline.page
    page.add_init_script(QUOTA.replace('String(k).indexOf("__probe__") < 0', "true"))
    open_agency(page, built_site)
    assert page.locator(".kb-refused-text").text_content() == REFUSED
    page.evaluate("() => { window.__full = false; }")
    answer(page, ITEMS[0], "符合")
    assert page.locator(".kb-recovered").text_content() == RECOVERED
    assert given(stored(page)["assessments"][stored(page)["current"]]["answers"]) == {
        ITEMS[0]: {"status": "yes"}
    }


def test_the_calculator_saves_again_once_space_is_freed(offline, built_site):
    page = offline.page
    page.add_init_script(QUOTA)
    page.goto(built_site.joinpath("scoring/calculator.html").as_uri())
    page.fill("#kb-score-organization", "9")
    page.fill("#kb-score-year", "2026")
    page.click("#kb-score-save")
    assert page.locator(".kb-refused-text").first.text_content() == REFUSED
    page.evaluate("() => { window.__full = false; }")
    page.fill("#kb-score-organization", "8")
    page.wait_for_function(
        "() => document.querySelector('.kb-recovered') && !document.querySelector('.kb-recovered').hidden"
    )
    assert page.locator(".kb-recovered").text_content() == RECOVERED


# --- huge imports ---------------------------------------------------------------------------------

LONG_TASKS = """(() => {
  window.__long = [];
  new PerformanceObserver(list => list.getEntries().forEach(e => window.__long.push(e.duration)))
    .observe({ type: "longtask", buffered: true });
})();"""


def years_file(folder: Path, n: int, name: str = "考核评分记录.json") -> Path:
    years = {str(1000 + i): {"total": 90} for i in range(n)}
    path = folder / name
    path.write_text(
        json.dumps({"kind": "jlzfzrz-scoring-years", "format": 1, "years": years}), encoding="utf-8"
    )
    return path


@pytest.mark.parametrize(
    ("page_path", "selector", "status", "message"),
    [
        (
            "scoring/compare.html",
            "#kb-compare-import",
            "[data-kb-component=compare] [data-kb-ref=status]",
            "无法导入“考核评分记录.json”：文件中有 8000 个年度，超过对比表上限 300 行。该文件未导入。",
        ),
        (
            "scoring/calculator.html",
            "#kb-score-import",
            "[data-kb-ref=years-status]",
            "无法导入“考核评分记录.json”：文件中有 8000 个年度，超过上限 200 个（不是本站导出的考核评分记录）。未做任何更改。",
        ),
    ],
    ids=["compare", "calculator"],
)
def test_an_8000_row_import_is_refused_without_freezing_the_page(
    offline, built_site, tmp_path, page_path, selector, status, message
):
    page = offline.page
    page.add_init_script(LONG_TASKS)
    page.goto(built_site.joinpath(page_path).as_uri())
    page.set_input_files(selector, str(years_file(tmp_path, 8000)))
    page.wait_for_function("s => document.querySelector(s).textContent.length > 0", arg=status)
    assert page.locator(status).text_content() == message
    page.wait_for_timeout(200)
    assert [d for d in page.evaluate("window.__long") if d > 200] == []


def test_compare_refuses_a_file_that_would_take_the_table_past_its_limit(offline, built_site, tmp_path):
    page = offline.page
    page.goto(built_site.joinpath("scoring/compare.html").as_uri())
    status = "[data-kb-component=compare] [data-kb-ref=status]"
    # The files name no unit: each asks for one once (the file's name offered, and taken).
    offered = []

    def name_the_unit(dialog) -> None:
        offered.append(dialog.default_value)
        dialog.accept(dialog.default_value)

    page.on("dialog", name_the_unit)
    page.set_input_files("#kb-compare-import", str(years_file(tmp_path, 300)))
    page.wait_for_function("s => document.querySelector(s).textContent.startsWith('已导入')", arg=status)
    other = years_file(tmp_path, 1, "单位B.json")
    page.set_input_files("#kb-compare-import", str(other))
    page.wait_for_function("s => document.querySelector(s).textContent.indexOf('最多') >= 0", arg=status)
    assert page.locator(status).text_content() == (
        "无法导入“单位B.json”：对比表最多 300 行，导入后将有 301 行。该文件未导入。"
    )
    assert offered == ["考核评分记录", "单位B"]
    assert page.locator(".kb-score-table tbody tr, table tbody tr").count() == 300
    assert page.evaluate("kb.storage.read('scoring:compare').rows.length") == 300


# --- the site's identity, not its folder ------------------------------------------------------------


def test_answers_saved_from_one_folder_appear_when_the_same_build_is_opened_from_another(
    offline, built_site, tmp_path
):
    first = shutil.copytree(built_site, tmp_path / "release-A")
    second = shutil.copytree(built_site, tmp_path / "copy on D" / "release-B")
    page = open_agency(offline, first)
    answer(page, ITEMS[0], "不符合", "整改中")
    page = open_agency(offline.new_page(), second)
    assert checked(page, ITEMS[0]) == "no"
    assert page.locator(f"#item-{ITEMS[0]} textarea").input_value() == "整改中"


def test_a_record_under_the_folder_scoped_key_is_moved_never_over_a_newer_one(offline, built_site):
    page = open_agency(offline, built_site)
    data = json.loads(page.locator("#kb-checklist-data").text_content())
    folder = built_site.as_uri()[len("file://") :] + "/"
    old = {
        "format": 1,
        "current": "a1",
        "assessments": {
            "a1": {
                "name": "旧目录的自查",
                "checklist": "agency",
                "version": data["version"],
                "answers": {ITEMS[0]: {"status": "na"}},
            }
        },
    }
    scoped = f"jlzfzrz:v2:{folder}:checklist:agency"
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [scoped, json.dumps(old, ensure_ascii=False)])
    page.reload()
    page.wait_for_selector(".kb-cl-tools:not([hidden])")
    assert checked(page, ITEMS[0]) == "na"
    assert page.evaluate("k => localStorage.getItem(k)", scoped) is None
    assert stored(page) == old
    # Another folder's old record while the identity key holds one: both stay as they are.
    other = "jlzfzrz:v2:/D:/other/:checklist:agency"
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [other, json.dumps({**old, "current": "x"})])
    page.reload()
    page.wait_for_selector(".kb-cl-tools:not([hidden])")
    assert stored(page) == old
    assert page.evaluate("k => localStorage.getItem(k)", other) is not None
