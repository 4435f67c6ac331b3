"""Question bank: the shipped bank is complete and sound; bad questions are rejected, located."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import CONTENT_ROOT, ROOT

from generator import settings
from generator.build import ARTICLES, load_project
from generator.errors import ContentError
from generator.links import provision_index
from generator.load import read_folder, read_yaml
from generator.parts import quiz
from generator.project import Project
from generator.render import Facet, render_article
from generator.validate import build_regulation

Q23 = "content/questions/art-23.yaml"


@pytest.fixture(scope="module")
def project(shipped_project):
    return shipped_project


def edit(project_root: Path, rel: str, old: str, new: str) -> None:
    path = project_root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def bare_project(root: Path) -> Project:
    """The regulation alone, without the other optional parts: checks this part in isolation, fast."""
    root = root.resolve()
    reg_doc = read_yaml(root / "content/regulation.yaml", root)
    regulation, found = build_regulation(reg_doc, read_folder(root / ARTICLES, root), ARTICLES)
    assert found == []
    return Project(root=root, regulation=regulation, index=provision_index(regulation), settings_doc=reg_doc)


def problems(project_root: Path) -> list[str]:
    bank, found = quiz.load(bare_project(project_root))
    assert bank is None
    return [str(p) for p in ContentError(found).problems]


# --- the shipped bank -------------------------------------------------------------------------


def test_bank_covers_every_article(project) -> None:
    bank = quiz.bank_of(project)
    config, found = settings.read(project, "questions", quiz.QuestionSettings)
    assert found == [] and (config.min_per_article, config.min_total) == (2, 150)
    assert len(bank.questions) >= config.min_total
    per_article = {a.number: 0 for a in project.regulation.articles}
    for q in bank.questions:
        per_article[q.article] += 1
    assert min(per_article.values()) >= config.min_per_article
    assert {q.type for q in bank.questions} == set(quiz.TYPES)
    assert len({q.id for q in bank.questions}) == len(bank.questions)


def test_every_question_has_one_defensible_answer(project) -> None:
    for q in quiz.bank_of(project).questions:
        texts = [project.index[c].text for c in q.cites]
        if q.type == "填空":
            assert q.stem.count(quiz.BLANK) == 1, q.id
            assert any(q.answer[0] in t for t in texts), q.id
        elif q.type == "判断":
            assert q.choices == ("正确", "错误") and q.answer[0] in q.choices, q.id
        else:
            assert len(set(q.options)) == len(q.options) >= 3, q.id
            assert set(q.answer) <= set(q.options), q.id
            assert (len(q.answer) >= 2) if q.type == "多选" else (len(q.answer) == 1), q.id
            assert len(q.answer) < len(q.options), q.id
        quotes = re.findall(r"“([^“”]+)”", q.explanation)
        assert any(s in t for s in quotes for t in texts), q.id


def test_exam_settings_are_a_training_setting(project) -> None:
    exam = quiz.bank_of(project).exam
    assert (exam.questions, exam.minutes, exam.pass_mark) == (30, 30, 80)
    assert "TRAINING settings" in (CONTENT_ROOT / "content/questions/exam.yaml").read_text(encoding="utf-8")


def test_questions_json_has_the_issue_fields(project) -> None:
    data = json.loads(quiz.exports(project)["data/questions.json"])
    first = data["questions"][0]
    assert list(first)[:6] == ["id", "type", "stem", "options", "answer", "cites"]
    by_id = {q["id"]: q for q in data["questions"]}
    assert by_id["q23-4"]["options"] == ["正确", "错误"] and by_id["q23-4"]["answer"] == "错误"
    assert by_id["q23-3"]["answer"] == ["执法机构负责人", "行政执法机关负责行政执法工作的领导"]
    assert by_id["q23-2"]["options"] == [] and by_id["q23-2"]["answer"] == "法律知识考试"
    assert by_id["q26-1"]["urls"] == ["articles/art-26.html#art_26__para_1__point_3"]
    assert sum(len(c["questions"]) for c in data["chapters"]) == len(data["questions"])
    assert quiz.exports(project) == quiz.exports(project)


def test_topic_membership_includes_provisions_inside_the_topic() -> None:
    class Topic:
        provisions = ("art_26", "art_27__para_1__point_3")

    def q(*cites):
        return quiz.Question("q1-1", 1, "判断", "s", (), ("正确",), cites, "e")

    assert quiz.in_topic(q("art_26__para_1__point_3"), Topic)
    assert quiz.in_topic(q("art_27__para_1__point_3"), Topic)
    assert not quiz.in_topic(q("art_27__para_1"), Topic)
    assert not quiz.in_topic(q("art_2"), Topic)  # art_2 is no prefix match of art_26
    assert not quiz.in_topic(q("art_260"), Topic)


def test_no_reading_part_means_no_topics(project) -> None:
    import dataclasses

    bare = dataclasses.replace(project, parts={"quiz": quiz.bank_of(project)})
    assert quiz.questions_data(bare)["topics"] == []
    assert 'value="topic:' not in quiz.pages(bare)["quiz/practice.md"]


def test_pages_and_nav(project) -> None:
    pages = {**quiz.pages(project), **quiz.exports(project)}
    assert sorted(pages) == [
        "data/questions.json",
        "quiz/exam.md",
        "quiz/index.md",
        "quiz/paper.md",
        "quiz/practice.md",
    ]
    assert quiz.nav(project) == [
        {"学法考试": ["quiz/index.md", "quiz/practice.md", "quiz/exam.md", "quiz/paper.md"]}
    ]
    assert '<a href="paper.html"><strong>打印试卷</strong></a>' in pages["quiz/index.md"]
    index = pages["quiz/index.md"]
    assert index.count('<details class="kb-quiz-answer">') == len(quiz.bank_of(project).questions)
    assert '<a href="../articles/art-26.html#art_26__para_1__point_3">第二十六条第（三）项</a>' in index
    # The embedded data is the same as questions.json and cannot end its <script> early.
    practice = pages["quiz/practice.md"]
    embedded = re.search(r'id="kb-quiz-data">(.*?)</script>', practice).group(1)
    assert "<" not in embedded
    assert json.loads(embedded) == json.loads(pages["data/questions.json"])


def test_built_site_has_the_quiz(built_site: Path) -> None:
    data = json.loads((built_site / "data/questions.json").read_text(encoding="utf-8"))
    assert len(data["questions"]) >= 150
    for page in ("quiz/index.html", "quiz/practice.html", "quiz/exam.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        assert "assets/javascripts/quiz.js" in html and "assets/stylesheets/quiz.css" in html
    assert (built_site / "assets/javascripts/exam.js").is_file()
    assert not (built_site / "questions").exists()  # the YAML is source, not site content


# --- bad questions ------------------------------------------------------------------------------


def test_load_project_reports_question_problems(project_copy: Path) -> None:
    edit(project_copy, Q23, "  answer: 上岗前", "  answer: 上岗之前")
    with pytest.raises(ContentError) as exc:
        load_project(project_copy)
    assert f"{Q23}:12: questions[0].answer: 「上岗之前」 is not among the options" in [
        str(p) for p in exc.value.problems
    ]


def test_answer_not_among_options(project_copy: Path) -> None:
    edit(project_copy, Q23, "  answer: 上岗前", "  answer: 上岗之前")
    assert problems(project_copy) == [f"{Q23}:12: questions[0].answer: 「上岗之前」 is not among the options"]


def test_repeated_option(project_copy: Path) -> None:
    edit(project_copy, Q23, "  - 晋升职务时", "  - 年度考核时")
    assert problems(project_copy) == [f"{Q23}:11: questions[0].options[3]: repeats option 3"]


def test_too_few_options(project_copy: Path) -> None:
    edit(project_copy, Q23, "  - 任职满一年后\n  - 上岗前\n  - 年度考核时\n", "  - 上岗前\n")
    assert problems(project_copy) == [f"{Q23}:8: questions[0].options: needs at least 3 options"]


def test_unknown_provision(project_copy: Path) -> None:
    edit(project_copy, Q23, "  - art_23\n", "  - art_23__para_2\n")
    assert problems(project_copy) == [f"{Q23}:14: questions[0].cites[0]: unknown provision art_23__para_2"]


def test_cites_must_include_the_files_article(project_copy: Path) -> None:
    edit(project_copy, Q23, "  - art_23\n", "  - art_25__para_1\n")
    assert problems(project_copy) == [
        f"{Q23}:14: questions[0].cites: cites nothing in article 23 (this file's article)",
        f"{Q23}:15: questions[0].explanation: quotes none of the cited text (put at least 4 verbatim characters in “…”)",
    ]


def test_fill_in_answer_must_occur_in_cited_text(project_copy: Path) -> None:
    edit(project_copy, Q23, "  answer: 法律知识考试", "  answer: 业务知识考试")
    assert problems(project_copy) == [
        f"{Q23}:19: questions[1].answer: 「业务知识考试」 does not occur in the cited text"
    ]


def test_fill_in_needs_one_blank(project_copy: Path) -> None:
    edit(project_copy, Q23, "应通过统一组织的（　　）。", "应通过统一组织的法律知识考试。")
    assert problems(project_copy) == [
        f"{Q23}:18: questions[1].stem: 填空 stem needs exactly one blank （　　）"
    ]


def test_explanation_must_quote_the_cited_text(project_copy: Path) -> None:
    edit(
        project_copy,
        Q23,
        "表述错误。依据第二十三条：“执法机构负责人在上岗前",
        "表述错误。依据第二十三条：“执法机构负责人在上岗后",
    )
    assert problems(project_copy) == [
        f"{Q23}:43: questions[3].explanation: quotes none of the cited text (put at least 4 verbatim characters in “…”)"
    ]


def test_multiple_choice_explanation_quotes_every_correct_option(project_copy: Path) -> None:
    # Quoting only the words of one correct option leaves the other unexplained; a quote that is
    # not verbatim in the cited text does not count.
    edit(
        project_copy,
        Q23,
        "“行政执法机关负责行政执法工作的领导和执法机构负责人在上岗前，应通过统一组织的法律知识考试”。\n- id: q23-4",
        "“执法机构负责人在上岗前，应通过统一组织的法律知识考试”。\n- id: q23-4",
    )
    assert problems(project_copy) == [
        f"{Q23}:33: questions[2].answer[1]: 「行政执法机关负责行政执法工作的领导」 is not quoted in the explanation"
        " (quote the cited words it rests on in “…”, sharing a run of at least 9 of its characters)"
    ]


def test_true_false_answer(project_copy: Path) -> None:
    edit(project_copy, Q23, "  answer: 错误", "  answer: 对")
    assert problems(project_copy) == [f"{Q23}:40: questions[3].answer: 判断 answer must be 正确 or 错误"]


def test_true_false_takes_no_options(project_copy: Path) -> None:
    edit(project_copy, Q23, "  answer: 错误", "  options:\n  - 正确\n  - 错误\n  answer: 错误")
    assert problems(project_copy) == [
        f"{Q23}:41: questions[3].options: 判断 questions take no options (they answer 正确/错误)"
    ]


def test_multiple_choice_needs_two_correct(project_copy: Path) -> None:
    edit(
        project_copy,
        Q23,
        "  - 执法机构负责人\n  - 行政执法机关负责行政执法工作的领导\n  cites",
        "  - 执法机构负责人\n  cites",
    )
    assert problems(project_copy) == [f"{Q23}:32: questions[2].answer: 多选 needs at least 2 correct options"]


def test_multiple_choice_answer_must_be_a_list(project_copy: Path) -> None:
    edit(
        project_copy,
        Q23,
        "  answer:\n  - 执法机构负责人\n  - 行政执法机关负责行政执法工作的领导\n",
        "  answer: 执法机构负责人\n",
    )
    assert problems(project_copy) == [f"{Q23}:31: questions[2].answer: 多选 answer must be a list of options"]


def test_duplicate_id_across_files(project_copy: Path) -> None:
    edit(project_copy, "content/questions/art-42.yaml", "- id: q42-1", "- id: q23-1")
    assert problems(project_copy) == [
        f"content/questions/art-42.yaml:4: questions[0].id: id q23-1 is also used in {Q23}",
    ]


def test_schema_problems_are_located(project_copy: Path) -> None:
    edit(project_copy, Q23, "  type: 单选", "  type: 问答")
    edit(project_copy, Q23, "- id: q23-2", "- id: Q23-2")
    assert problems(project_copy) == [
        f"{Q23}:5: questions[0].type: must be one of: 单选, 多选, 判断, 填空",
        f"{Q23}:16: questions[1].id: 'Q23-2' is not valid: expected a stable id q<article>-<n>, e.g. q23-1; never renumber or reuse one",
    ]


def test_article_without_enough_questions(project_copy: Path) -> None:
    (project_copy / "content/questions/art-42.yaml").unlink()
    assert problems(project_copy) == [
        "content/questions/art-42.yaml:0: questions: article 42 has 0 question(s); needs at least 2"
    ]


def test_misnamed_file(project_copy: Path) -> None:
    (project_copy / "content/questions/art-44.yaml").write_text("questions: []\n", encoding="utf-8")
    assert problems(project_copy) == [
        "content/questions/art-44.yaml:1: -: question files are named art-NN.yaml after an article (art-01 to art-43)"
    ]


def test_bank_too_small(project_copy: Path) -> None:
    n = len(quiz.load(bare_project(CONTENT_ROOT))[0].questions)
    edit(project_copy, "content/regulation.yaml", "min_total: 150", "min_total: 1000")
    assert problems(project_copy) == [
        f"content/questions:0: -: the bank has {n} questions; needs at least 1000"
    ]


def test_exam_settings_checked(project_copy: Path) -> None:
    edit(project_copy, "content/questions/exam.yaml", "questions: 30 ", "questions: 3000 ")
    edit(project_copy, "content/questions/exam.yaml", "pass_mark: 80 ", "pass_mark: 180 ")
    assert problems(project_copy) == ["content/questions/exam.yaml:6: pass_mark: must be at most 100"]
    edit(project_copy, "content/questions/exam.yaml", "pass_mark: 180 ", "pass_mark: 80 ")
    n = len(quiz.load(bare_project(CONTENT_ROOT))[0].questions)
    assert problems(project_copy) == [
        f"content/questions/exam.yaml:4: questions: must be at most {n} (the size of the bank)",
        "content/questions/exam.yaml:10: composition: the shares add up to 30, not to questions (3000)",
    ]


def test_the_mock_exam_composition_is_checked(project_copy: Path) -> None:
    """Issue 28 item 4: shares that do not add up, a share larger than the bank's questions of its
    type and an unknown type are each reported where they are written."""
    have = sum(q.type == "多选" for q in quiz.load(bare_project(ROOT))[0].questions)
    edit(project_copy, "content/questions/exam.yaml", "  多选: 6", "  多选: 60")
    assert problems(project_copy) == [
        "content/questions/exam.yaml:10: composition: the shares add up to 84, not to questions (30)",
        f"content/questions/exam.yaml:11: composition.多选: 60 questions asked, the bank has {have} 多选",
    ]
    edit(project_copy, "content/questions/exam.yaml", "  多选: 60", "  问答: 6")
    assert problems(project_copy) == ["content/questions/exam.yaml:11: composition.问答: unknown field"]
    edit(project_copy, "content/questions/exam.yaml", "  问答: 6", "  多选: -6")
    assert problems(project_copy) == ["content/questions/exam.yaml:11: composition.多选: must be at least 0"]


def test_the_mock_exam_composition_reaches_the_pages(project) -> None:
    bank = quiz.bank_of(project)
    assert bank.exam.composition == (("单选", 12), ("多选", 6), ("判断", 8), ("填空", 4))
    assert sum(n for _, n in bank.exam.composition) == bank.exam.questions
    assert quiz.questions_data(project)["exam"]["composition"] == [
        ["单选", 12],
        ["多选", 6],
        ["判断", 8],
        ["填空", 4],
    ]


def test_every_article_with_questions_links_practice_on_it(project) -> None:
    bank = quiz.bank_of(project)
    art = project.regulation.articles[25]
    n = sum(1 for q in bank.questions if q.article == 26)
    facets = quiz.article_facets(project, "articles/art-26.md", art)
    assert facets == (
        Facet("practice", "练习本条", (("../quiz/practice.html?scope=article:26", f"练习本条（{n}题）"),)),
    )
    html = render_article(project, art, facets)
    assert html.count("练习本条（") == 1  # beside the cite tools, not again among the facets
    assert (
        f'<p class="kb-practice-link" data-search-exclude><a href="../quiz/practice.html?scope=article:26">'
        f"练习本条（{n}题）</a></p>" in html
    )


# --- the widgets' scripts: pure state beside a thin mount (issue 24 item 3) ------------------------

QUIZ_JS = ROOT / "generator" / "parts" / "quiz" / "theme" / "assets" / "javascripts"
# Function lengths (at most 80 lines) are checked for every script by tests/test_function_length.py.


@pytest.mark.parametrize("name", ["quiz-state.js", "exam-state.js", "paper-state.js"])
def test_state_files_touch_no_page(name: str) -> None:
    """The pure halves use neither the DOM nor storage (node runs them)."""
    text = (QUIZ_JS / name).read_text(encoding="utf-8")
    code = "\n".join(line.split("//")[0] for line in text.splitlines())
    for word in ("document", "localStorage", "kb.storage", "kb.el", "addEventListener", "kb.mount"):
        assert word not in code, f"{name} uses {word}"
