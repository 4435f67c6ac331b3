"""Each widget's main feature, from disk and through nginx (CSP on), and by keyboard alone.

The `watched` fixture (conftest) blocks and records every request to another host and
every console error (a CSP violation under nginx is one); the test fails on any.
"""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser


def first_question(page) -> dict:
    data = json.loads(page.locator("#kb-quiz-data").text_content())
    qid = page.locator(".kb-quiz-question").get_attribute("data-kb-question")
    return next(q for q in data["questions"] if q["id"] == qid)


def test_checklist_answer_survives_reload(watched, transport) -> None:
    base, _ = transport
    page = watched.page
    page.goto(base + "checklists/officer.html")
    first = page.locator(".kb-cl-item").first
    first.get_by_label("不符合", exact=True).check()
    first.locator("textarea").fill("执法证件已过年检期")
    page.reload()
    first = page.locator(".kb-cl-item").first
    assert first.get_by_label("不符合", exact=True).is_checked()
    assert first.locator("textarea").input_value() == "执法证件已过年检期"
    assert "已回答 1 / 19 项" in page.locator(".kb-cl-progress-text").text_content()


def test_calculator_grades_as_you_type(watched, transport) -> None:
    base, _ = transport
    page = watched.page
    page.goto(base + "scoring/calculator.html")
    page.locator("#kb-score-total").wait_for(state="attached")
    page.check("input[name=kb-score-mode][value=total]")
    page.fill("#kb-score-total", "69.99")
    summary = page.locator("#kb-score-summary")
    assert "不及格" in summary.text_content()
    page.fill("#kb-score-total", "70")
    assert "及格" in summary.text_content() and "不及格" not in summary.text_content()
    result = page.evaluate("kbScoring.evaluate({total: 95})")
    assert result["grade"] == "优秀"


def test_practice_and_exam_start(watched, transport) -> None:
    base, _ = transport
    page = watched.page
    page.goto(base + "quiz/practice.html?seed=3")
    page.locator(".kb-quiz-setup button[type=submit]").click()
    assert page.locator(".kb-quiz-question").count() == 1
    page.goto(base + "quiz/exam.html?seed=3&seconds=120")
    page.locator(".kb-exam-start button").click()
    assert page.locator(".kb-exam-timer, [class*=timer]").first.is_visible()


def test_glossary_term_shows_its_definition_on_focus(watched, transport) -> None:
    base, _ = transport
    page = watched.page
    page.goto(base + "articles/art-01.html")
    term = page.locator("dfn.kb-term").first
    term.focus()
    described = term.get_attribute("aria-describedby")
    assert page.locator(f"#{described}").text_content()


def test_quiz_by_keyboard_alone(watched, transport) -> None:
    """Start a practice session, answer and check the answer without the mouse."""
    base, _ = transport
    page = watched.page
    page.goto(base + "quiz/practice.html?seed=5")
    page.locator(".kb-quiz-setup button[type=submit]").focus()
    page.keyboard.press("Enter")
    q = first_question(page)
    fieldset = page.locator(".kb-quiz-question")
    fieldset.locator("input").first.focus()
    if q["type"] == "填空":
        page.keyboard.type(q["answer"])
    else:
        page.keyboard.press("Space")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('kb-quiz-check')"):
            break
    else:
        pytest.fail("Tab never reached the check button")
    page.keyboard.press("Enter")
    verdict = page.locator(".kb-quiz-feedback .kb-quiz-verdict")
    assert verdict.text_content() in {"回答正确。", "回答错误。"}


def test_calculator_by_keyboard_alone(watched, transport) -> None:
    base, _ = transport
    page = watched.page
    page.goto(base + "scoring/calculator.html")
    page.locator("#kb-score-organization").focus()
    page.keyboard.type("10")
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "kb-score-system":
            break
    else:
        pytest.fail("Tab did not move from one area input to the next")
    page.keyboard.type("15")
    assert page.locator("#kb-score-summary").get_attribute("aria-live") == "polite"
    assert "25" in page.locator("#kb-score-summary").text_content()
