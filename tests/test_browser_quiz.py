"""Practice, mock exam and papers in Chromium over file://, offline: feedback, 错题本 across reloads,
the exam screen (答题卡, flags, keys), nothing lost on reload, results in view, papers as the CLI's."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from generator.build import load_project
from generator.parts.quiz import bank_of as quiz_bank
from generator.parts.quiz import paper


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
        if q["type"] != "填空":  # the options list marks the chosen and the correct ones
            want = q["answer"] if isinstance(q["answer"], list) else [q["answer"]]
            marked = page.locator(".kb-quiz-choice.kb-review-correct input").evaluate_all(
                "els => els.map(e => e.value)"
            )
            assert sorted(marked) == sorted(want)
            assert (
                page.locator(".kb-quiz-choice.kb-review-chosen .kb-quiz-mark")
                .first.text_content()
                .startswith("（你的选择）")
            )
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


def test_removing_the_only_due_question_takes_it_out_of_todays_queue(built_site: Path, offline) -> None:
    page = offline.page
    page.goto(built_site.joinpath("quiz/practice.html").as_uri() + "?seed=1")
    bank = questions(page)
    qid = next(iter(bank))
    page.evaluate(
        """qid => kb.storage.write("quiz:progress", {format: 1, wrongbook: {[qid]: {count: 1, last: "2020-01-01"}},
           cards: {[qid]: {box: 1, due: "2020-01-01", right: 0, wrong: 1, last: "2020-01-01"}}})""",
        qid,
    )
    page.reload()
    assert (
        page.locator(".kb-quiz-book-summary")
        .text_content()
        .startswith("错题本共 1 题；今天到期待复习 1 题。")
    )
    page.locator(".kb-quiz-book-remove").click()
    assert page.locator(".kb-quiz-book-summary").text_content() == "错题本是空的。答错的题会出现在这里。"
    page.select_option("#kb-practice-scope", "due")
    page.locator(".kb-quiz-setup button[type=submit]").click()
    assert page.locator(".kb-quiz-status").text_content() == "今天没有到期待复习的题。"


def test_clearing_the_wrong_answer_book_asks_first_and_offers_a_backup(built_site: Path, offline) -> None:
    page = offline.page
    page.goto(built_site.joinpath("quiz/practice.html").as_uri() + "?seed=1")
    qid = next(iter(questions(page)))
    page.evaluate(
        """qid => kb.storage.write("quiz:progress", {format: 1, wrongbook: {[qid]: {count: 2, last: "2020-01-01"}},
           cards: {[qid]: {box: 1, due: "2020-01-01", right: 0, wrong: 2, last: "2020-01-01"}}})""",
        qid,
    )
    page.reload()
    page.locator(".kb-quiz-book-clear").click()
    confirm = page.locator(".kb-quiz-book .kb-quiz-confirm")
    assert confirm.get_attribute("role") == "alertdialog"
    assert confirm.locator(".kb-quiz-confirm-text").text_content() == (
        "确定清空错题本（1 题）和全部复习记录（1 题）吗？清空后无法恢复，建议先导出备份。"
    )
    with page.expect_download() as info:
        confirm.locator(".kb-quiz-confirm-backup").click()
    backup = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert backup["kind"] == "jlzfzrz-quiz-backup" and backup["format"] == 2
    assert list(backup["progress"]["wrongbook"]) == [qid]
    confirm.locator(".kb-quiz-confirm-no").click()
    assert page.locator(".kb-quiz-book-item").count() == 1
    page.locator(".kb-quiz-book-clear").click()
    page.locator(".kb-quiz-confirm-yes").click()
    assert page.locator(".kb-quiz-book-item").count() == 0

    # The backup comes back, after a confirmation; a damaged file changes nothing.
    damaged = Path(info.value.path()).with_name("damaged.json")
    damaged.write_text('{"kind": "jlzfzrz-quiz-backup", "format": 2, "progress": {', encoding="utf-8")
    page.locator(".kb-quiz-book .kb-quiz-import").set_input_files(str(damaged))
    page.get_by_text(
        "无法导入“damaged.json”：文件已损坏或不是 JSON 格式。未作任何更改。", exact=True
    ).wait_for()
    page.locator(".kb-quiz-book .kb-quiz-import").set_input_files(info.value.path())
    page.locator(".kb-quiz-book .kb-quiz-confirm-yes").click()
    assert page.locator(".kb-quiz-book-item").get_attribute("data-kb-question") == qid


def test_practise_this_article_from_its_page(built_site: Path, offline) -> None:
    page = offline.page
    page.goto(built_site.joinpath("articles/art-26.html").as_uri())
    link = page.locator(".kb-practice-link a")
    assert link.count() == 1
    link.click()
    page.wait_for_url(re.compile(r"quiz/practice\.html\?scope=article:26$"))
    bank = questions(page)
    want = [q for q in bank.values() if q["article"] == 26 and q["regulation"] == "jilin-zfzrz"]
    progress = page.locator(".kb-quiz-progress")
    assert progress.text_content() == f"第 1 / {len(want)} 题，已答对 0 题"
    seen = []
    for _ in want:
        fieldset = page.locator(".kb-quiz-question")
        q = bank[fieldset.get_attribute("data-kb-question")]
        assert q["article"] == 26
        seen.append(q["id"])
        answer(fieldset, q, True)
        page.locator(".kb-quiz-check").click()
        page.locator(".kb-quiz-next").click()
    assert sorted(seen) == sorted(q["id"] for q in want)
    # Never-seen practice now leaves those out.
    page.locator(".kb-quiz-again").click()
    page.select_option("#kb-practice-scope", "unseen")
    page.fill("#kb-practice-count", str(len(bank)))
    page.locator(".kb-quiz-setup button[type=submit]").click()
    assert progress.text_content() == f"第 1 / {len(bank) - len(want)} 题，已答对 0 题"


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


# --- the mock exam ------------------------------------------------------------------------------


# --- 背题模式, 收藏, 顺序练习 (issue 28 item 3) ------------------------------------------------------


def practice_data(page) -> dict:
    return json.loads(page.locator("#kb-quiz-data").text_content())


def start_practice(page, scope: str, count: int, mode: str = "answer", order: str = "random") -> None:
    page.select_option("#kb-practice-scope", scope)
    page.fill("#kb-practice-count", str(count))
    page.check(f".kb-quiz-setup input[name=mode][value={mode}]")
    page.check(f".kb-quiz-setup input[name=order][value={order}]")
    page.locator(".kb-quiz-setup button[type=submit]").click()


def option_text(page, value: str) -> str:
    return page.locator(f"#kb-practice-scope option[value='{value}']").text_content()


def test_study_mode_shows_answers_and_records_nothing(built_site: Path, offline) -> None:
    page = offline.page
    page.goto(built_site.joinpath("quiz/practice.html").as_uri() + "?seed=2")
    bank = questions(page)
    start_practice(page, "chapter:3", 2, mode="study")
    progress = page.locator(".kb-quiz-progress")
    shown = []
    for i in (1, 2):
        assert progress.text_content() == f"背题模式：第 {i} / 2 题"
        fieldset = page.locator(".kb-quiz-question")
        q = bank[fieldset.get_attribute("data-kb-question")]
        shown.append(q["id"])
        assert q["chapter"] == 3
        correct = q["answer"] if isinstance(q["answer"], str) else "；".join(q["answer"])
        assert page.locator(".kb-quiz-study .kb-quiz-correct").text_content() == "正确答案：" + correct
        assert page.locator(".kb-quiz-study .kb-quiz-explanation").text_content() == q["explanation"]
        assert page.locator(".kb-quiz-check").count() == 0  # nothing to answer
        if q["type"] != "填空":
            want = q["answer"] if isinstance(q["answer"], list) else [q["answer"]]
            marked = page.locator(".kb-quiz-choice.kb-review-correct input").evaluate_all(
                "els => els.map(e => e.value)"
            )
            assert sorted(marked) == sorted(want)
            assert page.locator(".kb-quiz-choice input:not([disabled])").count() == 0
        assert page.locator(".kb-quiz-prev").is_disabled() == (i == 1)
        if i == 1:
            page.locator(".kb-quiz-next").click()
    page.locator(".kb-quiz-prev").click()
    assert page.locator(".kb-quiz-question").get_attribute("data-kb-question") == shown[0]
    page.locator(".kb-quiz-next").click()
    assert page.locator(".kb-quiz-next").text_content() == "结束背题"
    page.locator(".kb-quiz-next").click()
    assert progress.text_content() == "背题完成：共 2 题。"
    # Reading is not answering: no card, nothing in the 错题本, still never seen.
    stored = page.evaluate("() => kb.quiz.loadProgress()")
    assert stored["cards"] == {} and stored["wrongbook"] == {}
    assert option_text(page, "unseen") == f"还没练过的题（{len(bank)}题）"


def test_starred_questions_are_kept_counted_and_practised_across_tabs(built_site: Path, offline) -> None:
    page = offline.page
    url = built_site.joinpath("quiz/practice.html").as_uri() + "?seed=3"
    page.goto(url)
    bank = questions(page)
    assert option_text(page, "starred") == "收藏的题（0题）"
    start_practice(page, "starred", 5)
    assert page.locator(".kb-quiz-status").text_content() == "还没有收藏的题。练习时点“收藏本题”即可收藏。"
    start_practice(page, "chapter:2", 1)
    qid = page.locator(".kb-quiz-question").get_attribute("data-kb-question")
    star = page.locator(".kb-quiz-star")
    assert (star.text_content(), star.get_attribute("aria-pressed")) == ("收藏本题", "false")
    star.click()
    assert (star.text_content(), star.get_attribute("aria-pressed")) == ("已收藏（点击取消）", "true")
    assert option_text(page, "starred") == "收藏的题（1题）"

    # A second tab whose copy is older writes its own star over the whole record: the first tab
    # puts its star back when the browser reports the write, so both stars are kept.
    other_id = next(i for i in bank if i != qid)
    other = offline.new_page()
    other.goto(url)
    other.evaluate(
        """id => kb.storage.write("quiz:progress", {format: 2, cards: {}, wrongbook: {}, places: {}, cleared: {},
             stars: {[id]: {on: true, t: Date.now()}}})""",
        other_id,
    )
    page.wait_for_function(
        "ids => ids.every(id => kb.quizState.isStarred(kb.storage.read('quiz:progress'), id))",
        arg=[qid, other_id],
    )
    assert option_text(page, "starred") == "收藏的题（2题）"
    other.close()

    page.reload()
    assert option_text(page, "starred") == "收藏的题（2题）"
    start_practice(page, "starred", 5, order="sequential")
    order = [q["id"] for q in practice_data(page)["questions"] if q["id"] in (qid, other_id)]
    assert page.locator(".kb-quiz-question").get_attribute("data-kb-question") == order[0]
    page.locator(".kb-quiz-star").click()  # un-star the first: one left
    assert page.locator(".kb-quiz-star").get_attribute("aria-pressed") == "false"
    assert page.evaluate(
        "() => Object.keys(kb.quiz.loadProgress().stars).filter(id => "
        "kb.quizState.isStarred(kb.quiz.loadProgress(), id))"
    ) == [order[1]]


def test_sequential_practice_resumes_where_it_stopped_per_scope(built_site: Path, offline) -> None:
    page = offline.page
    url = built_site.joinpath("quiz/practice.html").as_uri() + "?seed=4"
    page.goto(url)
    bank = questions(page)
    in_scope = [q["id"] for q in practice_data(page)["questions"] if q["chapter"] == 2]
    assert len(in_scope) > 4
    start_practice(page, "chapter:2", 2, order="sequential")
    assert (
        page.locator(".kb-quiz-place").text_content() == f"顺序练习：从本范围第 1 / {len(in_scope)} 题开始。"
    )
    for i in range(2):
        fieldset = page.locator(".kb-quiz-question")
        assert fieldset.get_attribute("data-kb-question") == in_scope[i]
        answer(fieldset, bank[in_scope[i]], True)
        page.locator(".kb-quiz-check").click()
        page.locator(".kb-quiz-next").click()

    page.reload()
    start_practice(page, "chapter:2", 2, order="sequential")
    assert (
        page.locator(".kb-quiz-place").text_content() == f"顺序练习：从本范围第 3 / {len(in_scope)} 题继续。"
    )
    assert page.locator(".kb-quiz-question").get_attribute("data-kb-question") == in_scope[2]
    # 背题 moves the place on too; leaving mid-way keeps the last question read.
    page.reload()
    start_practice(page, "chapter:2", 3, mode="study", order="sequential")
    assert page.locator(".kb-quiz-question").get_attribute("data-kb-question") == in_scope[2]
    page.locator(".kb-quiz-next").click()
    page.reload()
    start_practice(page, "chapter:2", 1, order="sequential")
    assert page.locator(".kb-quiz-question").get_attribute("data-kb-question") == in_scope[4]
    # Another scope has its own place.
    page.reload()
    first_of_all = practice_data(page)["questions"][0]["id"]
    start_practice(page, "all", 1, order="sequential")
    assert page.locator(".kb-quiz-place").text_content() == f"顺序练习：从本范围第 1 / {len(bank)} 题开始。"
    assert page.locator(".kb-quiz-question").get_attribute("data-kb-question") == first_of_all


def visible_question(page):
    return page.locator(".kb-exam-item:not([hidden]) .kb-quiz-question")


def cell_classes(page) -> list[str]:
    return [
        " ".join(sorted(c.replace("kb-exam-cell-", "") for c in cls.split() if c != "kb-exam-cell"))
        for cls in page.eval_on_selector_all(".kb-exam-cell", "els => els.map(e => e.className)")
    ]


def jump(page, i: int) -> None:
    """Click cell i of the 答题卡 (centred first: the site's fixed header may cover the top rows)."""
    cell = page.locator(".kb-exam-cell").nth(i)
    cell.evaluate("e => e.scrollIntoView({block: 'center'})")
    cell.click()


def seconds_left(page) -> int:
    m, s = page.locator(".kb-exam-timer").text_content().removeprefix("剩余时间 ").split(":")
    return int(m) * 60 + int(s)


def test_exam_screen_survives_a_reload_with_answers_flags_and_a_running_timer(
    built_site: Path, offline
) -> None:
    page = offline.page
    page.goto(built_site.joinpath("quiz/exam.html").as_uri() + "?seed=2&count=4&seconds=600")
    bank = questions(page)
    page.locator(".kb-exam-start button").click()
    assert page.locator(".kb-exam-cell").count() == 4
    assert cell_classes(page) == ["current", "", "", ""]
    assert page.locator(".kb-exam-cell").first.get_attribute("aria-current") == "step"
    first = visible_question(page)
    q1 = bank[first.get_attribute("data-kb-question")]
    answer(first, q1, True)
    assert page.locator(".kb-exam-answered").text_content() == "已答 1 / 4 题"
    page.locator(".kb-exam-next").click()
    second_id = visible_question(page).get_attribute("data-kb-question")
    page.locator(".kb-exam-cell").nth(1).focus()  # keys act outside text fields
    page.keyboard.press("f")
    assert cell_classes(page) == ["answered", "current flagged", "", ""]
    assert page.locator(".kb-exam-flagged").text_content() == "标记 1 题"
    assert page.locator(".kb-exam-cell").nth(1).get_attribute("aria-label") == "第 2 题，未答，已标记"
    # Jump with the 答题卡, back with P.
    jump(page, 3)
    assert cell_classes(page) == ["answered", "flagged", "", "current"]
    page.locator(".kb-exam-cell").nth(3).focus()  # keys act outside text fields
    page.keyboard.press("p")
    assert cell_classes(page) == ["answered", "flagged", "current", ""]
    given = page.evaluate(
        "() => JSON.parse(localStorage.getItem(kb.storage.fullKey('quiz:attempt'))).answers"
    )
    assert list(given) == [q1["id"]]
    before = seconds_left(page)
    page.wait_for_timeout(2100)

    dialogs = []

    def accept(dialog):
        dialogs.append(dialog.type)
        dialog.accept()

    page.on("dialog", accept)
    page.reload()
    assert dialogs == ["beforeunload"]
    resume = page.locator(".kb-exam-resume-text")
    assert re.fullmatch(
        r"有一场未完成的模拟考试（开始于 \d{4}-\d\d-\d\d \d\d:\d\d，已答 1 / 4 题，标记 1 题）。"
        r"计时在离开期间没有停止，剩余时间 \d\d:\d\d。",
        resume.text_content(),
    )
    page.locator(".kb-exam-resume-go").click()
    assert cell_classes(page)[:2] == ["answered", "flagged"]
    assert seconds_left(page) <= before - 2
    jump(page, 0)
    restored = page.evaluate(
        """() => Array.from(document.querySelectorAll('.kb-exam-item:not([hidden]) input'))
                 .map(i => i.type === 'text' ? i.value : (i.checked ? i.value : null)).filter(Boolean)"""
    )
    want = q1["answer"] if isinstance(q1["answer"], list) else [q1["answer"]]
    assert sorted(restored) == sorted(want)
    jump(page, 1)
    assert visible_question(page).get_attribute("data-kb-question") == second_id
    assert page.locator(".kb-exam-flag").get_attribute("aria-pressed") == "true"
    page.remove_listener("dialog", accept)


def test_keys_choose_options(built_site: Path, offline) -> None:
    page = offline.page
    page.goto(built_site.joinpath("quiz/exam.html").as_uri() + "?seed=5&count=10&seconds=600")
    bank = questions(page)
    page.locator(".kb-exam-start button").click()
    for k in range(10):
        jump(page, k)
        q = bank[visible_question(page).get_attribute("data-kb-question")]
        if q["type"] in ("单选", "判断"):
            break
    page.locator(".kb-exam-cell").nth(k).focus()
    inputs = visible_question(page).locator("input")
    page.keyboard.press("b")
    assert inputs.nth(1).is_checked() and not inputs.nth(0).is_checked()
    page.keyboard.press("1")
    assert inputs.nth(0).is_checked() and not inputs.nth(1).is_checked()
    assert page.locator(".kb-exam-answered").text_content() == "已答 1 / 10 题"


@pytest.mark.parametrize("size", [(1366, 768), (390, 844)])
def test_handing_in_asks_first_and_the_score_is_in_view(built_site: Path, offline, size) -> None:
    page = offline.page
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(built_site.joinpath("quiz/exam.html").as_uri() + "?seed=2&count=30&seconds=900")
    bank = questions(page)
    page.locator(".kb-exam-start button").click()
    chosen = {}
    for i in range(3):
        jump(page, i)
        fieldset = visible_question(page)
        q = bank[fieldset.get_attribute("data-kb-question")]
        answer(fieldset, q, i != 1)
        chosen[q["id"]] = i != 1
    jump(page, 4)
    page.locator(".kb-exam-flag").click()
    page.locator(".kb-exam-submit").click()
    confirm = page.locator(".kb-exam-bar .kb-quiz-confirm")
    assert confirm.locator(".kb-quiz-confirm-text").text_content() == (
        "还有 27 题未答，1 题已标记待检查。确定交卷吗？交卷后不能再修改。"
    )
    confirm.locator(".kb-quiz-confirm-no").click()
    assert page.locator(".kb-exam-score").count() == 0
    page.locator(".kb-exam-submit").click()
    page.locator(".kb-quiz-confirm-yes").click()

    score = page.locator(".kb-exam-score")
    assert score.text_content() == "得分 7 分（答对 2 / 30 题），不合格。"
    assert page.evaluate("document.activeElement.classList.contains('kb-exam-score')")
    box = score.bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= size[1], box
    assert page.evaluate("document.documentElement.scrollWidth") <= size[0]

    review = page.locator(".kb-exam-review > li")
    assert review.count() == 30
    ids = [review.nth(i).get_attribute("data-kb-question") for i in range(30)]
    assert len(set(ids)) == 30
    assert not re.search(r"第 \d+ 题", page.locator(".kb-exam-review").text_content())
    for i in range(3):
        item, q = review.nth(i), bank[ids[i]]
        assert item.locator(".kb-exam-verdict").text_content() == (
            "回答正确" if chosen[q["id"]] else "回答错误"
        )
        if q["type"] != "填空":
            correct = item.locator(".kb-review-correct").all_text_contents()
            want = q["answer"] if isinstance(q["answer"], list) else [q["answer"]]
            assert len(correct) == len(want) and all("（正确答案）" in c for c in correct)
            assert item.locator(".kb-review-chosen").count() >= 1
        assert item.locator(".kb-quiz-provision p").first.text_content() == q["texts"][0]
        assert item.locator(".kb-quiz-provision a").first.get_attribute("href") == "../" + q["urls"][0]
    assert review.nth(3).locator(".kb-exam-verdict").text_content() == "未作答"
    rows = page.locator(".kb-exam-by-type tbody tr")
    assert rows.count() >= 1
    assert page.locator(".kb-exam-by-chapter tbody tr").count() >= 1
    # Only the answered questions were recorded; unanswered ones are not "wrong".
    cards = page.evaluate("() => Object.keys(kb.quiz.loadProgress().cards)")
    assert sorted(cards) == sorted(chosen)
    wrong = page.evaluate("() => Object.keys(kb.quiz.loadProgress().wrongbook)")
    assert wrong == [qid for qid, right in chosen.items() if not right]
    assert page.evaluate("() => localStorage.getItem(kb.storage.fullKey('quiz:attempt'))") is None


def test_history_shows_a_trend_and_clearing_it_asks_first(built_site: Path, offline) -> None:
    page = offline.page
    page.goto(built_site.joinpath("quiz/exam.html").as_uri() + "?seed=4&count=2&seconds=60")
    page.evaluate(
        """() => kb.storage.write("quiz:exams", {format: 2, attempts: [
          {at: "2026-01-01 09:00", score: 50, correct: 1, total: 2, passed: false, pass_mark: 80, seconds: 30,
           timeout: false, answered: 2, chapters: null, types: null},
          {at: "2026-01-02 09:00", score: 100, correct: 2, total: 2, passed: true, pass_mark: 80, seconds: 20,
           timeout: false, answered: 2, chapters: null, types: null}]})"""
    )
    page.reload()
    assert (
        page.locator(".kb-exam-trend").text_content()
        == "最近 2 次得分走势：50 → 100。最近一次比上一次提高 50 分。"
    )
    assert page.locator(".kb-exam-history tbody tr").first.locator("td").nth(2).text_content() == "↑ 50"
    page.locator(".kb-exam-history-clear").click()
    assert page.locator(".kb-exam-history .kb-quiz-confirm-text").text_content() == (
        "确定清除全部 2 次考试记录吗？清除后无法恢复，建议先导出备份。"
    )
    assert page.locator(".kb-exam-history .kb-quiz-confirm-backup").is_visible()
    page.locator(".kb-quiz-confirm-no").click()
    assert page.locator(".kb-exam-history tbody tr").count() == 2
    page.locator(".kb-exam-history-clear").click()
    page.locator(".kb-quiz-confirm-yes").click()
    assert page.locator(".kb-exam-history-empty").is_visible()


def test_mock_exam_submits_itself_when_time_runs_out(built_site: Path, offline) -> None:
    page = offline.page
    page.goto(built_site.joinpath("quiz/exam.html").as_uri() + "?seed=4&count=2&seconds=2")
    page.locator(".kb-exam-start button").click()
    title = page.locator(".kb-exam-result-title")
    title.wait_for(timeout=15000)
    assert title.text_content() == "时间到，已自动交卷"
    assert page.locator(".kb-exam-score").text_content() == "得分 0 分（答对 0 / 2 题），不合格。"
    assert "（时间到）" in page.locator(".kb-exam-history-table tbody tr").first.text_content()
    # Nothing answered, nothing recorded as wrong.
    assert page.evaluate("() => kb.quiz.loadProgress()") == {
        "format": 2,
        "cards": {},
        "wrongbook": {},
        "stars": {},
        "places": {},
        "cleared": {},
    }


def test_an_attempt_whose_time_ran_out_while_closed_is_handed_in_and_recorded(
    built_site: Path, offline
) -> None:
    page = offline.page
    page.goto(built_site.joinpath("quiz/exam.html").as_uri())
    bank = questions(page)
    q = next(q for q in bank.values() if q["type"] == "判断")
    page.evaluate(
        """([id, answer]) => kb.storage.write("quiz:attempt", {format: 1, started: Date.now() - 3600 * 1000,
           limit: 1800, left: 900, saved: Date.now() - 2700 * 1000, questions: [{id: id, options: []}],
           answers: {[id]: answer}, flags: [], current: 0})""",
        [q["id"], q["answer"]],
    )
    page.reload()
    assert (
        page.locator(".kb-exam-result-title").text_content() == "考试时间已在离开期间用完，已按当时的作答交卷"
    )
    assert page.locator(".kb-exam-score").text_content() == "得分 100 分（答对 1 / 1 题），合格。"
    assert "30:00（时间到）" in page.locator(".kb-exam-history tbody tr").first.text_content()
    assert page.evaluate("() => localStorage.getItem(kb.storage.fullKey('quiz:attempt'))") is None


# --- papers from the browser ---------------------------------------------------------------------


def browser_paper(page) -> list[tuple[str, list[str]]]:
    items = page.locator(".kb-paper-items > li")
    return [
        (
            items.nth(i).get_attribute("data-kb-question"),
            json.loads(items.nth(i).get_attribute("data-kb-options")),
        )
        for i in range(items.count())
    ]


def test_the_browser_paper_is_the_cli_paper(built_site: Path, offline) -> None:
    project = load_project(ROOT)
    page = offline.page
    page.goto(built_site.joinpath("quiz/paper.html").as_uri())
    # The shared vectors in the browser.
    vectors = yaml.safe_load((ROOT / "tests" / "vectors" / "paper.yaml").read_text(encoding="utf-8"))
    got = page.evaluate(
        """v => v.draws.map(c => kb.paper.draw(kb.paper.select(v.bank, c.chapters, c.types), c.count, c.seed)
                 .map(d => ({id: d.question.id, options: d.options})))""",
        vectors,
    )
    assert got == [c["expect"] for c in vectors["draws"]]

    page.fill("#kb-paper-count", "12")
    page.fill("#kb-paper-seed", "7")
    page.uncheck("#kb-paper-ch-2")
    page.uncheck("#kb-paper-type-4")
    page.locator(".kb-paper-setup button[type=submit]").click()
    sections = paper.compose(project, 12, 7, (1, 3, 4, 5, 6), ("单选", "多选", "判断"))
    want = [(i.question.id, list(i.options)) for s in sections for i in s.items]
    assert browser_paper(page) == want
    assert page.locator(".kb-paper-command code").text_content() == (
        "题量 12，种子 7，章 1、3、4、5、6，题型 单选、多选、判断"
    )
    key_rows = page.locator(".kb-paper-key-table tbody tr")
    assert key_rows.count() == 12
    # 打印试卷 / 打印答案 print one sheet each, without the form.
    page.emulate_media(media="print")
    for which, shown, gone in (
        ("paper", ".kb-paper-questions", ".kb-paper-key"),
        ("key", ".kb-paper-key", ".kb-paper-questions"),
    ):
        page.evaluate("w => document.documentElement.classList.add('kb-print-' + w)", which)
        assert page.locator(shown).is_visible() and not page.locator(gone).is_visible()
        assert (
            not page.locator(".kb-paper-setup").is_visible()
            and not page.locator(".kb-paper-tools").is_visible()
        )
        page.evaluate("w => document.documentElement.classList.remove('kb-print-' + w)", which)
    page.emulate_media(media="screen")
    first = [i for s in sections for i in s.items][0]
    assert key_rows.first.locator("td").nth(1).text_content() == first.answer

    # Whole bank, default count, a random seed that is shown and gives the CLI's paper too.
    page.check("#kb-paper-ch-2")
    page.check("#kb-paper-type-4")
    page.fill("#kb-paper-count", "50")
    page.locator(".kb-paper-random").click()
    seed = int(page.input_value("#kb-paper-seed"))
    assert (
        page.locator(".kb-paper-status").text_content()
        == f"已随机选取种子 {seed}。记下种子，可再次生成同一份试卷。"
    )
    page.locator(".kb-paper-setup button[type=submit]").click()
    want = [(i.question.id, list(i.options)) for s in paper.compose(project, 50, seed) for i in s.items]
    assert browser_paper(page) == want


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_the_printed_paper_is_numbered_once_with_the_instructions_and_a_key_from_page_one(
    built_site: Path, offline, tmp_path: Path
) -> None:
    """Issue 28 item 5: as printed, "1." and "A." come from the text alone (no list marker beside
    them, in the 判断 section too), the CLI's instructions box is there, the key starts on page 1."""
    project = load_project(ROOT)
    page = offline.page
    page.goto(built_site.joinpath("quiz/paper.html").as_uri())
    page.fill("#kb-paper-count", "30")
    page.fill("#kb-paper-seed", "7")
    page.locator(".kb-paper-setup button[type=submit]").click()
    page.emulate_media(media="print")
    page.evaluate("document.documentElement.classList.add('kb-print-paper')")
    printed = page.evaluate(
        """() => [...document.querySelectorAll('.kb-paper-items > li, .kb-paper-options > li')].map(li => ({
             options: li.parentNode.classList.contains('kb-paper-options'),
             marker: getComputedStyle(li).listStyleType,
             text: (li.querySelector(':scope > p') || li).innerText.trim()}))"""
    )
    assert {p["marker"] for p in printed} == {"none"}
    numbers = [int(p["text"].split(".")[0]) for p in printed if not p["options"]]
    assert numbers == list(range(1, 31))
    letters = [p["text"][:3] for p in printed if p["options"]]
    assert set(letters) <= {"A. ", "B. ", "C. ", "D. ", "E. ", "F. "} and "A. " in letters
    sections = page.locator(".kb-paper-questions h3").all_inner_texts()
    assert [s.split("、")[1].split("（")[0] for s in sections] == [
        "单项选择题",
        "多项选择题",
        "判断题",
        "填空题",
    ]
    note = page.locator(".kb-paper-questions .kb-paper-note")
    assert note.is_visible()
    cli = paper.render_paper(project, 30, 7)[0]
    assert f'<p class="note">{note.inner_text()}</p>' in cli
    # The key alone: a short key is one page, so its first page is not blank.
    page.evaluate("document.documentElement.classList.replace('kb-print-paper', 'kb-print-key')")
    page.emulate_media(media="screen")
    for qtype in ("单选", "多选", "填空"):  # three 判断 stay short whatever a growing bank draws
        page.locator(f'input[name=type][value="{qtype}"]').uncheck()
    page.fill("#kb-paper-count", "3")
    page.locator(".kb-paper-setup button[type=submit]").click()
    page.emulate_media(media="print")  # page.pdf prints with the emulated media
    key = page.pdf(path=str(tmp_path / "key.pdf"))
    assert pdf_pages(key) == 1
    page.evaluate("document.documentElement.classList.replace('kb-print-key', 'kb-print-paper')")
    assert pdf_pages(page.pdf(path=str(tmp_path / "paper.pdf"))) == 1


def test_a_composed_mock_exam_follows_the_paper_definition(built_site: Path, offline) -> None:
    """Issue 28 item 4: the exam, the browser's paper and `paper --exam` draw exam.yaml's composition
    alike (the same seed, the same questions and options), and the results come by type."""
    project = load_project(ROOT)
    shares = quiz_bank(project).exam.plan  # the composition split by regulation (issue 28)
    want = [
        (i.question.id, list(i.options))
        for s in paper.compose(project, 30, 7, shares=shares)
        for i in s.items
    ]
    page = offline.page
    page.goto(built_site.joinpath("quiz/exam.html").as_uri() + "?seed=7&seconds=900")
    page.locator(".kb-exam-start button").click()
    assert page.locator(".kb-exam-help").text_content().startswith("共 30 题，限时 15 分钟。")
    attempt = page.evaluate("() => kb.storage.read('quiz:attempt').questions")
    assert [(a["id"], a["options"]) for a in attempt] == want
    types = [questions(page)[a["id"]]["type"] for a in attempt]
    assert types == ["单选"] * 12 + ["多选"] * 6 + ["判断"] * 8 + ["填空"] * 4
    page.locator(".kb-exam-submit").click()
    page.locator(".kb-quiz-confirm-yes").click()
    rows = page.locator(".kb-exam-by-type tbody tr")
    assert [rows.nth(i).locator("th").text_content() for i in range(rows.count())] == [
        "单选",
        "多选",
        "判断",
        "填空",
    ]
    assert [rows.nth(i).locator("td").first.text_content() for i in range(rows.count())] == [
        "0 / 12",
        "0 / 6",
        "0 / 8",
        "0 / 4",
    ]

    page.goto(built_site.joinpath("quiz/paper.html").as_uri())
    assert page.locator("label[for=kb-paper-mode-mock]").text_content() == (
        "按模拟考试方案：单选 12 题、多选 6 题、判断 8 题、填空 4 题，共30题（只用下面的种子）"
    )
    page.check("#kb-paper-mode-mock")
    page.fill("#kb-paper-seed", "7")
    page.locator(".kb-paper-setup button[type=submit]").click()
    assert browser_paper(page) == want
    assert page.locator(".kb-paper-command code").text_content() == "模拟考试方案，种子 7"
    assert page.locator(".kb-paper-questions .kb-paper-sub").nth(1).text_content() == (
        "组卷方案：单选 12 题、多选 6 题、判断 8 题、填空 4 题；按法规：《吉林市行政执法责任制规定》 20 题、《行政处罚法》 10 题"
    )
    assert (
        "组卷方案：单选 12 题、多选 6 题、判断 8 题、填空 4 题；按法规：《吉林市行政执法责任制规定》 20 题、《行政处罚法》 10 题"
        in paper.render_paper(project, 30, 7, shares=shares)[0]
    )


def test_exam_and_practice_fit_a_phone(built_site: Path, offline) -> None:
    page = offline.page
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("quiz/practice.html?scope=article:26", "quiz/exam.html?count=30", "quiz/paper.html"):
        page.goto(
            built_site.joinpath(path.split("?")[0]).as_uri()
            + ("?" + path.split("?")[1] if "?" in path else "")
        )
        if "exam" in path:
            page.locator(".kb-exam-start button").click()
        if "paper" in path:
            page.locator(".kb-paper-setup button[type=submit]").click()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path


def test_exam_screen_results_and_paper_pass_axe_and_the_review_prints_cleanly(
    built_site: Path, offline, tmp_path: Path
) -> None:
    from test_browser_a11y import AXE, axe_violations

    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run npm ci (./scripts/test.sh does)")
    page = offline.page
    page.goto(built_site.joinpath("quiz/exam.html").as_uri() + "?seed=3&count=5&seconds=600")
    bank = questions(page)
    page.locator(".kb-exam-start button").click()
    answer(visible_question(page), bank[visible_question(page).get_attribute("data-kb-question")], False)
    page.locator(".kb-exam-flag").click()
    page.locator(".kb-exam-submit").click()
    screen = axe_violations(page)
    page.locator(".kb-quiz-confirm-yes").click()
    page.wait_for_timeout(600)  # material's back-to-top button fades in after the scroll
    results = axe_violations(page)
    page.emulate_media(media="print")
    hidden = [".kb-exam-again", ".kb-exam-print", ".kb-quiz-backup-tools", ".md-header", ".kb-exam-start"]
    assert {s: page.locator(s).first.is_visible() for s in hidden} == dict.fromkeys(hidden, False)
    assert page.locator(".kb-exam-score").is_visible()
    assert page.locator(".kb-exam-review > li").nth(4).is_visible()
    pdf = page.pdf(path=str(tmp_path / "review.pdf"))
    assert pdf.startswith(b"%PDF")
    page.emulate_media(media="screen")
    page.goto(built_site.joinpath("quiz/paper.html").as_uri())
    page.locator(".kb-paper-setup button[type=submit]").click()
    paper_page = axe_violations(page)
    # axe's own stylesheet reads over file:// log console errors (see test_browser_a11y); they can
    # arrive after axe returns, so the page is closed first and then they are set aside.
    page.close()
    offline.console_errors[:] = [
        e for e in offline.console_errors if "XMLHttpRequest" not in e and "ERR_FAILED" not in e
    ]
    assert (screen, results, paper_page) == ([], [], [])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[1, 2]", "这不是本站导出的学法考试记录文件"),
        ('{"kind": "jlzfzrz-quiz-backup", "format": 9}', "文件格式版本（9）无法识别"),
        (
            '{"kind": "jlzfzrz-quiz-backup", "format": 2, "progress": {"format": 1}}',
            "文件中的练习记录格式不正确",
        ),
        (
            '{"kind": "jlzfzrz-quiz-backup", "format": 2, "progress": {"format": 1, "cards": {"q1-1": {"box": "x"}},'
            ' "wrongbook": {}}}',
            "题目 q1-1 的复习记录格式不正确",
        ),
        (
            '{"kind": "jlzfzrz-quiz-backup", "format": 2, "progress": {"format": 1, "cards": {}, "wrongbook": {}},'
            ' "exams": {"format": 2, "attempts": [{"score": "high"}]}}',
            "文件中的考试记录格式不正确",
        ),
    ],
)
def test_a_damaged_or_foreign_backup_changes_nothing(
    built_site: Path, offline, tmp_path: Path, content, message
):
    page = offline.page
    page.goto(built_site.joinpath("quiz/exam.html").as_uri())
    before = page.evaluate("() => JSON.stringify(localStorage)")
    path = tmp_path / "backup.json"
    path.write_text(content, encoding="utf-8")
    page.locator(".kb-exam-history .kb-quiz-import").set_input_files(str(path))
    page.get_by_text(f"无法导入“backup.json”：{message}。未作任何更改。", exact=True).wait_for()
    assert page.locator(".kb-quiz-confirm").count() == 0
    assert page.evaluate("() => JSON.stringify(localStorage)") == before


def test_abandoning_an_open_attempt_asks_first(built_site: Path, offline) -> None:
    page = offline.page
    page.goto(built_site.joinpath("quiz/exam.html").as_uri() + "?seed=6&count=3&seconds=600")
    page.locator(".kb-exam-start button").click()
    page.on("dialog", lambda d: d.accept())
    page.reload()
    page.locator(".kb-exam-resume-drop").click()
    assert page.locator(".kb-exam-resume .kb-quiz-confirm-text").text_content() == (
        "放弃后这场考试的作答不会保留，也不计入考试记录。确定放弃吗？"
    )
    page.locator(".kb-quiz-confirm-no").click()
    assert page.locator(".kb-exam-resume").is_visible()
    page.locator(".kb-exam-resume-drop").click()
    page.locator(".kb-quiz-confirm-yes").click()
    assert page.locator(".kb-exam-resume").count() == 0
    assert page.locator(".kb-exam-start").is_visible()
    assert page.evaluate("() => localStorage.getItem(kb.storage.fullKey('quiz:attempt'))") is None
    assert page.locator(".kb-exam-history-empty").is_visible()
