"""Practice and mock exam in Chromium over file://, offline: feedback, 错题本 across reloads, timer, score."""

from __future__ import annotations

import json
from pathlib import Path


def questions(page) -> dict[str, dict]:
    data = json.loads(page.locator("#kb-quiz-data").text_content())
    return {q["id"]: q for q in data["questions"]}


def answer(fieldset, q: dict, right: bool) -> None:
    """Answer the question shown in `fieldset` rightly or wrongly, as a user would."""
    if q["type"] == "填空":
        fieldset.locator("input[type=text]").fill(q["answer"] if right else "不知道")
        return
    want = q["answer"] if isinstance(q["answer"], list) else [q["answer"]]
    if not right:
        # 多选: only some of the right options; others: an option that is not the answer.
        want = want[:1] if q["type"] == "多选" else [next(o for o in q["options"] if o not in want)]
    inputs = fieldset.locator("input")
    for i in range(inputs.count()):
        if inputs.nth(i).get_attribute("value") in want:
            inputs.nth(i).check()


def test_practice_session_and_wrong_answer_book(built_site: Path, offline) -> None:
    page = offline.page
    url = built_site.joinpath("quiz/practice.html").as_uri()
    page.goto(url + "?seed=1")
    assert page.locator(".kb-quiz-nojs").is_hidden()
    bank = questions(page)
    page.select_option("#kb-practice-scope", "chapter:3")
    page.fill("#kb-practice-count", "2")
    page.locator(".kb-quiz-setup button[type=submit]").click()

    progress = page.locator(".kb-quiz-progress")
    assert progress.text_content() == "第 1 / 2 题，已答对 0 题"
    seen = []
    for right in (True, False):
        fieldset = page.locator(".kb-quiz-question")
        qid = fieldset.get_attribute("data-kb-question")
        q = bank[qid]
        assert q["chapter"] == 3
        seen.append(qid)
        answer(fieldset, q, right)
        page.locator(".kb-quiz-check").click()
        feedback = page.locator(".kb-quiz-feedback")
        assert feedback.locator(".kb-quiz-verdict").text_content() == (
            "回答正确。" if right else "回答错误。"
        )
        assert feedback.locator(".kb-quiz-explanation").text_content() == q["explanation"]
        link = feedback.locator(".kb-quiz-cites a").first
        assert link.text_content() == q["citations"][0]
        href = link.get_attribute("href")
        assert href == "../" + q["urls"][0]
        assert (built_site / "quiz" / href.split("#")[0]).resolve().is_file()
        if not right:
            correct = q["answer"] if isinstance(q["answer"], str) else "；".join(q["answer"])
            assert feedback.locator(".kb-quiz-correct").text_content() == "正确答案：" + correct
        page.locator(".kb-quiz-next").click()
    assert progress.text_content() == "练习完成：共 2 题，答对 1 题。"
    book = page.locator(".kb-quiz-book-item")
    assert [book.nth(i).get_attribute("data-kb-question") for i in range(book.count())] == [seen[1]]

    # The 错题本 survives a reload, and "到期待复习的错题" practises exactly the weak question.
    page.reload()
    book = page.locator(".kb-quiz-book-item")
    assert book.count() == 1 and book.get_attribute("data-kb-question") == seen[1]
    assert "答错 1 次 · 第 1 盒" in book.text_content()
    page.select_option("#kb-practice-scope", "due")
    page.locator(".kb-quiz-setup button[type=submit]").click()
    assert page.locator(".kb-quiz-question").get_attribute("data-kb-question") == seen[1]
    assert progress.text_content() == "第 1 / 1 题，已答对 0 题"
    # Answering it right moves it to box 2, due tomorrow; it stays in the book until removed.
    answer(page.locator(".kb-quiz-question"), bank[seen[1]], True)
    page.locator(".kb-quiz-check").click()
    assert "（第 2 盒）" in page.locator(".kb-quiz-next-due").text_content()
    page.locator(".kb-quiz-book-remove").click()
    assert page.locator(".kb-quiz-book-item").count() == 0


def test_practice_requires_an_answer_and_checks_fill_ins_leniently(built_site: Path, offline) -> None:
    page = offline.page
    page.goto(built_site.joinpath("quiz/practice.html").as_uri() + "?seed=3")
    page.select_option("#kb-practice-scope", "wrong")
    page.locator(".kb-quiz-setup button[type=submit]").click()
    assert page.locator(".kb-quiz-status").text_content() == "错题本是空的。"
    page.select_option("#kb-practice-scope", "all")
    page.locator(".kb-quiz-setup button[type=submit]").click()
    page.locator(".kb-quiz-check").click()
    assert page.locator(".kb-quiz-warning").text_content() == "请先作答。"
    assert page.locator(".kb-quiz-feedback").text_content() == ""
    # 填空: spaces, full-width digits and book-title marks do not make a right answer wrong.
    checks = page.evaluate(
        """() => [
          kb.quiz.isRight({type: "填空", answer: "行政执法证"}, " 《行政执法证》 "),
          kb.quiz.isRight({type: "填空", answer: "95"}, "９５"),
          kb.quiz.isRight({type: "填空", answer: "二人以上"}, "二人"),
          kb.quiz.isRight({type: "多选", answer: ["甲", "乙"]}, ["乙", "甲"]),
          kb.quiz.isRight({type: "多选", answer: ["甲", "乙"]}, ["甲", "乙", "丙"]),
        ]"""
    )
    assert checks == [True, True, False, True, False]


def test_mock_exam_timer_score_review_history(built_site: Path, offline) -> None:
    page = offline.page
    url = built_site.joinpath("quiz/exam.html").as_uri()
    page.goto(url + "?seed=2&count=3&seconds=90")
    bank = questions(page)
    page.locator(".kb-exam-start button").click()
    timer = page.locator(".kb-exam-timer")
    assert timer.text_content() == "剩余时间 01:30"
    assert page.locator(".kb-exam-announce").text_content() == "剩余时间 1 分钟 30 秒"
    page.wait_for_function("document.querySelector('.kb-exam-timer').textContent !== '剩余时间 01:30'")
    fieldsets = page.locator(".kb-exam-questions .kb-quiz-question")
    assert fieldsets.count() == 3
    first = fieldsets.nth(0)
    answer(first, bank[first.get_attribute("data-kb-question")], True)
    answer(fieldsets.nth(1), bank[fieldsets.nth(1).get_attribute("data-kb-question")], False)
    assert page.locator(".kb-exam-answered").text_content() == "已答 2 / 3 题"
    # Nothing is marked before handing in.
    assert page.locator(".kb-quiz-verdict, .kb-exam-score").count() == 0
    wrong_ids = [fieldsets.nth(i).get_attribute("data-kb-question") for i in (1, 2)]
    page.locator(".kb-exam-submit").click()

    result = page.locator(".kb-exam-result")
    assert result.locator(".kb-exam-score").text_content() == "得分 33 分（答对 1 / 3 题），不合格。"
    assert "及格分 80 分为本站培训设置" in result.text_content()
    review = result.locator(".kb-exam-review > li")
    assert [review.nth(i).get_attribute("data-kb-question") for i in range(2)] == wrong_ids
    assert review.nth(1).locator(".kb-exam-given").text_content() == "你的答案：未作答"
    for i in range(2):
        q = bank[wrong_ids[i]]
        assert review.nth(i).locator(".kb-quiz-explanation").text_content() == q["explanation"]
        assert review.nth(i).locator(".kb-quiz-cites a").first.get_attribute("href") == "../" + q["urls"][0]
    rows = page.locator(".kb-exam-history-table tbody tr")
    assert rows.count() == 1 and "33 分" in rows.first.text_content()

    # The history and the 错题本 (wrong exam answers feed it) survive a reload.
    page.reload()
    rows = page.locator(".kb-exam-history-table tbody tr")
    assert rows.count() == 1 and "不合格" in rows.first.text_content()
    practice = offline.new_page()
    practice.goto(built_site.joinpath("quiz/practice.html").as_uri())
    items = practice.locator(".kb-quiz-book-item")
    assert sorted(items.nth(i).get_attribute("data-kb-question") for i in range(items.count())) == sorted(
        wrong_ids
    )


def test_mock_exam_submits_itself_when_time_runs_out(built_site: Path, offline) -> None:
    page = offline.page
    page.goto(built_site.joinpath("quiz/exam.html").as_uri() + "?seed=4&count=2&seconds=2")
    page.locator(".kb-exam-start button").click()
    title = page.locator(".kb-exam-result-title")
    title.wait_for(timeout=15000)
    assert title.text_content() == "时间到，已自动交卷"
    assert page.locator(".kb-exam-score").text_content() == "得分 0 分（答对 0 / 2 题），不合格。"
    assert "（时间到）" in page.locator(".kb-exam-history-table tbody tr").first.text_content()
