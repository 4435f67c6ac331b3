"""kb.storage in Chromium, for every widget that keeps data: what the first release stored still loads,
a browser that refuses to store is said at once next to the work (with the widget's export), and a
stored record a widget does not recognise is set aside and reported, never overwritten."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

REFUSED = "浏览器拒绝保存：本页的作答不会保留，请立即导出备份"
LEGACY = "jlzfzrz:v1:"
# Storage.setItem throwing as Chromium does when the quota is exhausted.
REFUSE_ALL = """(() => {
  Storage.prototype.setItem = function () { throw new DOMException("full", "QuotaExceededError"); };
})();"""

PAGES = {
    "checklist": ("checklists/agency.html", "checklist:agency"),
    "calculator": ("scoring/calculator.html", "scoring:years"),
    "quiz-practice": ("quiz/practice.html?seed=1", "quiz:progress"),
    "quiz-exam": ("quiz/exam.html?seed=1&count=2", "quiz:exams"),
}


def open_widget(page, built_site: Path, component: str):
    path, _ = PAGES[component]
    rel, _, query = path.partition("?")
    page.goto(built_site.joinpath(rel).as_uri() + ("?" + query if query else ""))
    page.wait_for_function("() => window.kb !== undefined")
    return page.locator(f'[data-kb-component="{component}"]')


def full_key(page, name: str) -> str:
    return page.evaluate("name => kb.storage.fullKey(name)", name)


def stored_keys(page) -> list[str]:
    return sorted(page.evaluate("Object.keys(localStorage)"))


def quiz_ids(page) -> list[str]:
    return [q["id"] for q in json.loads(page.locator("#kb-quiz-data").text_content())["questions"]]


def first_change(page, component: str) -> None:
    """The first thing a person does with the widget that the widget stores."""
    if component == "checklist":
        page.locator('[data-kb-item="legal_office_in_charge"]').get_by_label("符合", exact=True).check()
    elif component == "calculator":
        page.fill("#kb-score-organization", "9")
        page.fill("#kb-score-year", "2026")
        page.click("#kb-score-save")
    elif component == "quiz-practice":
        page.locator(".kb-quiz-setup button[type=submit]").click()
        first_input = page.locator(".kb-quiz-question input").first
        if first_input.get_attribute("type") == "text":
            first_input.fill("某个答案")
        else:
            first_input.check()
        page.click(".kb-quiz-check")
        page.locator(".kb-quiz-verdict").wait_for()
    else:
        page.locator(".kb-exam-start button").click()
        page.click(".kb-exam-submit")
        page.click(".kb-quiz-confirm-yes")
        page.locator(".kb-exam-score").wait_for()


# Formats newer than 1: the exam history is format 2 since the exam screen (issue 14).
CURRENT_FORMAT = {"quiz:exams": 2, "quiz:progress": 2}


# --- records saved by the first release -------------------------------------------------------------


def test_records_saved_by_the_first_release_still_load(offline, built_site):
    page = offline.page
    open_widget(page, built_site, "quiz-practice")
    qid = quiz_ids(page)[0]
    legacy = {
        "checklist:agency": {
            "format": 1,
            "current": "a1",
            "assessments": {
                "a1": {
                    "name": "2025年度自查",
                    "checklist": "agency",
                    "version": "will-be-set",
                    "answers": {"legal_office_in_charge": {"status": "no", "note": "旧答案"}},
                }
            },
        },
        "quiz:progress": {
            "format": 1,
            "cards": {qid: {"box": 1, "due": "2020-01-01", "right": 0, "wrong": 2, "last": "2020-01-01"}},
            "wrongbook": {qid: {"count": 2, "last": "2020-01-01"}},
        },
        "quiz:exams": {
            "format": 1,
            "attempts": [
                {
                    "at": "2025-03-04 09:30",
                    "score": 80,
                    "correct": 8,
                    "total": 10,
                    "passed": True,
                    "pass_mark": 60,
                    "seconds": 300,
                    "timeout": False,
                }
            ],
        },
        "scoring:years": {"format": 1, "years": {"2024": {"total": 96}}},
    }
    open_widget(page, built_site, "checklist")
    checklist_version = json.loads(page.locator("#kb-checklist-data").text_content())["version"]
    legacy["checklist:agency"]["assessments"]["a1"]["version"] = checklist_version
    page.evaluate("localStorage.clear()")
    for name, record in legacy.items():
        page.evaluate(
            "([k, v]) => localStorage.setItem(k, v)", [LEGACY + name, json.dumps(record, ensure_ascii=False)]
        )

    page.reload()
    page.wait_for_selector(".kb-cl-tools:not([hidden])")
    first = page.locator('[data-kb-item="legal_office_in_charge"]')
    assert first.get_by_label("不符合", exact=True).is_checked()
    assert first.locator("textarea").input_value() == "旧答案"
    assert page.locator(".kb-cl-select option:checked").text_content() == "2025年度自查"

    open_widget(page, built_site, "quiz-practice")
    assert page.locator(f'.kb-quiz-book-item[data-kb-question="{qid}"]').count() == 1
    assert (
        page.locator(".kb-quiz-book-meta")
        .first.text_content()
        .startswith("答错 2 次 · 第 1 盒 · 下次复习 2020-01-01")
    )

    open_widget(page, built_site, "quiz-exam")
    cells = page.locator(".kb-exam-history tbody tr").first.locator("td").all_text_contents()
    assert cells == ["2025-03-04 09:30", "80 分", "—", "8 / 10", "合格", "05:00"]

    open_widget(page, built_site, "calculator")
    header = page.eval_on_selector_all(".kb-score-table thead th", "els => els.map(e => e.textContent)")
    assert header == ["项目", "2024年度"]

    # Each record now lives under the site's identity key, unchanged; the first-release keys are gone.
    for name, record in legacy.items():
        assert json.loads(page.evaluate("k => localStorage.getItem(k)", full_key(page, name))) == record
    assert not [k for k in stored_keys(page) if k.startswith(LEGACY)]


def test_keys_are_named_by_the_site_identity_not_its_folder(offline, built_site):
    page = offline.page
    open_widget(page, built_site, "checklist")
    assert full_key(page, "checklist:agency") == "jlzfzrz:v3:checklist:agency"


def test_a_kind_migrates_older_formats_when_read(offline, built_site):
    page = offline.page
    open_widget(page, built_site, "checklist")
    result = page.evaluate(
        """() => {
          kb.storage.define("demo", {format: 3, migrations: {
            1: r => ({format: 2, items: r.list}),
            2: r => ({format: 3, items: r.items, count: r.items.length})
          }});
          localStorage.setItem(kb.storage.fullKey("demo:x"), JSON.stringify({format: 1, list: ["a", "b"]}));
          localStorage.setItem(kb.storage.fullKey("demo:y"), JSON.stringify({format: 0}));
          return [kb.storage.read("demo:x"), kb.storage.read("demo:y"), kb.storage.problems().map(p => p.kind + " " + p.key + " " + p.detail)];
        }"""
    )
    assert result == [
        {"format": 3, "items": ["a", "b"], "count": 2},
        None,
        ["unrecognised demo:y 格式版本 0 无法识别"],
    ]


# --- the browser refuses to store ------------------------------------------------------------------


EXPORTS = {
    "checklist": ".json",
    "calculator": "考核评分记录.json",
    "quiz-practice": "学法考试记录.json",
    "quiz-exam": "学法考试记录.json",
}


@pytest.mark.parametrize("component", list(PAGES))
def test_a_refusing_browser_is_reported_at_once_next_to_the_work_with_the_export(
    offline, built_site, component
):
    offline.page.add_init_script(REFUSE_ALL)
    page = offline.page
    root = open_widget(page, built_site, component)
    first_change(page, component)
    refused = root.locator(".kb-refused")
    assert refused.is_visible()
    assert refused.locator(".kb-refused-text").text_content() == REFUSED
    with page.expect_download() as info:
        refused.locator("button.kb-refused-export").click()
    assert info.value.suggested_filename.endswith(EXPORTS[component])
    saved = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    # The export holds what was done on this page although the browser stored none of it.
    if component == "checklist":
        assert saved["answers"] == {"legal_office_in_charge": {"status": "yes"}}
    elif component == "calculator":
        assert saved["years"] == {"2026": {"areas": {"organization": 9}}}
    elif component == "quiz-practice":
        assert len(saved["progress"]["cards"]) == 1
    else:
        assert len(saved["exams"]["attempts"]) == 1
    assert page.evaluate("Object.keys(localStorage).length") == 0


def test_a_write_refused_after_a_good_start_is_said_at_once(offline, built_site):
    # Storage works at first (the probe passes); only the practice record is refused (quota full).
    offline.page.add_init_script(
        """(() => {
          const set = Storage.prototype.setItem;
          Storage.prototype.setItem = function (k, v) {
            if (String(k).indexOf("quiz:progress") >= 0) throw new DOMException("full", "QuotaExceededError");
            return set.call(this, k, v);
          };
        })();"""
    )
    page = offline.page
    root = open_widget(page, built_site, "quiz-practice")
    assert root.locator(".kb-refused").count() == 0
    first_change(page, "quiz-practice")
    assert root.locator(".kb-refused .kb-refused-text").text_content() == REFUSED
    assert root.locator(".kb-refused").is_visible()


# --- records a widget does not recognise -------------------------------------------------------------


@pytest.mark.parametrize("component", list(PAGES))
def test_an_unrecognised_record_is_set_aside_and_reported_never_overwritten(offline, built_site, component):
    page = offline.page
    _, name = PAGES[component]
    open_widget(page, built_site, component)
    page.evaluate("localStorage.clear()")
    original = '{"format": 99, "from": "a newer release"}'
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [full_key(page, name), original])
    root = open_widget(page, built_site, component)
    aside = [k for k in stored_keys(page) if k.startswith(full_key(page, name) + ".unrecognised-")]
    assert len(aside) == 1
    short = aside[0][len(full_key(page, "")) :]
    supported = CURRENT_FORMAT.get(name, 1)
    message = (
        f"浏览器中保存的数据（{name}）无法识别（格式版本 99 比本页支持的 {supported} 新）；"
        f"原数据已原样另存为 {short}，不会被覆盖。"
    )
    assert root.get_by_text(message, exact=True).is_visible()
    first_change(page, component)
    assert page.evaluate("k => localStorage.getItem(k)", aside[0]) == original
    assert (
        json.loads(page.evaluate("k => localStorage.getItem(k)", full_key(page, name)))["format"] == supported
    )
    assert root.locator(".kb-refused").count() == 0


def test_a_record_that_cannot_be_set_aside_is_left_alone(offline, built_site):
    # The browser stores the checklist but refuses the copy aside: the record must stay as it was.
    offline.page.add_init_script(
        """(() => {
          const set = Storage.prototype.setItem;
          Storage.prototype.setItem = function (k, v) {
            if (String(k).indexOf(".unrecognised-") >= 0) throw new DOMException("full", "QuotaExceededError");
            return set.call(this, k, v);
          };
        })();"""
    )
    page = offline.page
    root = open_widget(page, built_site, "checklist")
    original = '{"format": 99}'
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [full_key(page, "checklist:agency"), original])
    page.reload()
    page.wait_for_selector(".kb-cl-tools:not([hidden])")
    message = "浏览器中保存的数据（checklist:agency）无法识别（格式版本 99 比本页支持的 1 新）；原数据无法另存，已保持原样，本页不会覆盖它。"
    assert root.get_by_text(message, exact=True).is_visible()
    first_change(page, "checklist")
    assert page.evaluate("k => localStorage.getItem(k)", full_key(page, "checklist:agency")) == original
    assert root.locator(".kb-refused .kb-refused-text").text_content() == REFUSED


# --- records saved by the release before the exam screen (issue 14) ------------------------------


def test_quiz_records_of_the_current_release_are_migrated_not_lost(offline, built_site):
    """quiz:progress {format: 1, cards, wrongbook} and quiz:exams format 1, under today's scoped keys."""
    page = offline.page
    open_widget(page, built_site, "quiz-practice")
    ids = quiz_ids(page)
    progress = {
        "format": 1,
        "cards": {
            ids[0]: {"box": 1, "due": "2020-01-01", "right": 0, "wrong": 1, "last": "2020-01-01"},
            ids[1]: {"box": 3, "due": "2099-01-01", "right": 2, "wrong": 0, "last": "2020-01-01"},
        },
        "wrongbook": {ids[0]: {"count": 1, "last": "2020-01-01"}},
    }
    old_attempt = {
        "at": "2026-05-06 10:00",
        "score": 60,
        "correct": 18,
        "total": 30,
        "passed": False,
        "pass_mark": 80,
        "seconds": 1200,
        "timeout": True,
    }
    exams = {"format": 1, "attempts": [old_attempt]}
    page.evaluate("localStorage.clear()")
    for name, record in (("quiz:progress", progress), ("quiz:exams", exams)):
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [full_key(page, name), json.dumps(record)])

    page.reload()
    book = page.locator(".kb-quiz-book-item")
    assert [book.nth(i).get_attribute("data-kb-question") for i in range(book.count())] == [ids[0]]
    assert (
        page.locator(".kb-quiz-book-summary")
        .text_content()
        .startswith("错题本共 1 题；今天到期待复习 1 题。")
    )

    root = open_widget(page, built_site, "quiz-exam")
    cells = page.locator(".kb-exam-history tbody tr").first.locator("td").all_text_contents()
    assert cells == ["2026-05-06 10:00", "60 分", "—", "18 / 30", "不合格", "20:00（时间到）"]
    assert root.locator(".kb-problem, .kb-notice-problem").count() == 0
    first_change(page, "quiz-exam")
    stored = json.loads(page.evaluate("k => localStorage.getItem(k)", full_key(page, "quiz:exams")))
    assert stored["format"] == 2
    assert stored["attempts"][0] == {**old_attempt, "answered": None, "chapters": None, "types": None}
    assert len(stored["attempts"]) == 2
    # The practice record keeps its format and what it held.
    kept = json.loads(page.evaluate("k => localStorage.getItem(k)", full_key(page, "quiz:progress")))
    assert kept["format"] == 1
    assert kept["cards"][ids[1]] == progress["cards"][ids[1]]
    assert kept["wrongbook"][ids[0]] == progress["wrongbook"][ids[0]]
