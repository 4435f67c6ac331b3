"""Question bank: behaviour on the part's fixture bank (generator/parts/quiz/fixtures/: bad questions
are rejected, located; exam shares; pages); the shipped banks by `shipped` invariants only."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import CONTENT_ROOT, ROOT

from generator import settings
from generator.build import ARTICLES, load_project
from generator.errors import ContentError
from generator.laws import load_laws, split_versions
from generator.links import provision_index
from generator.load import read_folder, read_yaml
from generator.parts import quiz
from generator.project import Project
from generator.render import Facet, render_article
from generator.validate import build_regulation

Q23 = "content/questions/art-23.yaml"


@pytest.fixture(scope="module")
def project(quiz_root: Path):
    """The quiz part's fixture project (generator/parts/quiz/fixtures/), loaded once."""
    return load_project(quiz_root)


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
    laws, found = load_laws(root)  # the further regulations' banks resolve in their own laws
    assert found == []
    laws, versions = split_versions(laws)  # earlier versions are no regulation of the site
    index = provision_index(regulation)
    for law in laws:
        index.update(provision_index(law, law.slug))
    return Project(
        root=root, regulation=regulation, index=index, settings_doc=reg_doc, laws=laws, versions=versions
    )


def problems(project_root: Path) -> list[str]:
    bank, found = quiz.load(bare_project(project_root))
    assert bank is None
    return [str(p) for p in ContentError(found).problems]


# --- the shipped banks: invariants only ------------------------------------------------------

# Issue 28: questions each further regulation's bank holds at least (lower bounds, never exact).
LAW_MINIMUMS = {
    "xzcf": 100,
    "xzxk": 60,
    "xzqz": 60,
    "xzfy": 60,
    "xzss": 50,
    "gjpc": 30,
    "zfxxgk": 30,
    "yssx": 10,
}


@pytest.mark.shipped
def test_shipped_bank_meets_its_settings_and_the_issue_minimums(shipped_project) -> None:
    project = shipped_project
    bank = quiz.bank_of(project)
    config, found = settings.read(project, "questions", quiz.QuestionSettings)
    assert found == []
    own = [q for q in bank.questions if not q.law]
    assert len(own) >= config.min_total
    per_article = {a.number: 0 for a in project.regulation.articles}
    for q in own:
        per_article[q.article] += 1
    assert min(per_article.values()) >= config.min_per_article
    assert {q.type for q in own} == set(quiz.TYPES)
    assert len({q.id for q in bank.questions}) == len(bank.questions)
    have = {slug: sum(q.law == slug for q in bank.questions) for slug in LAW_MINIMUMS}
    assert {slug: n for slug, n in have.items() if n < LAW_MINIMUMS[slug]} == {}


@pytest.mark.shipped
def test_every_question_has_one_defensible_answer(shipped_project) -> None:
    project = shipped_project
    for q in quiz.bank_of(project).questions:
        texts = [project.index[c].text for c in q.keys]
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


@pytest.mark.shipped
def test_shipped_exam_settings_are_a_training_setting_the_bank_can_fill(shipped_project) -> None:
    exam = quiz.bank_of(shipped_project).exam
    assert 0 < exam.pass_mark <= 100 and exam.minutes > 0
    assert sum(n for _, n, _ in exam.plan) == exam.questions
    assert "TRAINING settings" in (CONTENT_ROOT / "content/questions/exam.yaml").read_text(encoding="utf-8")


def test_exam_settings_are_read(project) -> None:
    exam = quiz.bank_of(project).exam
    assert (exam.questions, exam.minutes, exam.pass_mark) == (6, 10, 80)


def test_questions_json_has_the_issue_fields(project) -> None:
    data = json.loads(quiz.exports(project)["data/questions.json"])
    first = data["questions"][0]
    assert list(first)[:6] == ["id", "type", "stem", "options", "answer", "cites"]
    by_id = {q["id"]: q for q in data["questions"]}
    assert by_id["q23-4"]["options"] == ["正确", "错误"] and by_id["q23-4"]["answer"] == "错误"
    assert by_id["q23-3"]["answer"] == ["执法机构负责人", "行政执法机关负责行政执法工作的领导"]
    assert by_id["q23-2"]["options"] == [] and by_id["q23-2"]["answer"] == "法律知识考试"
    assert by_id["q23-1"]["urls"] == ["articles/art-23.html"]
    assert by_id["xzcf-q20-1"]["urls"] == ["laws/xzcf/articles/art-20.html#art_20__para_1"]
    own = [q for q in data["questions"] if q["regulation"] == "jilin-zfzrz"]
    assert sum(len(c["questions"]) for c in data["chapters"]) == len(own)
    by_law: dict[str, int] = {}
    for q in data["questions"]:
        by_law[q["regulation"]] = by_law.get(q["regulation"], 0) + 1
    # the site's own regulation first, then the laws that have questions, in the site's order
    assert [(r["slug"], len(r["questions"])) for r in data["regulations"]] == list(by_law.items())
    assert [(r["slug"], len(r["questions"])) for r in data["regulations"]] == [
        ("jilin-zfzrz", 9),
        ("xzcf", 7),
    ]
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
    assert '<a href="../articles/art-23.html">第二十三条</a>' in index
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


def test_load_project_reports_question_problems(quiz_copy: Path) -> None:
    edit(quiz_copy, Q23, "  answer: 上岗前", "  answer: 上岗之前")
    with pytest.raises(ContentError) as exc:
        load_project(quiz_copy)
    assert f"{Q23}:12: questions[0].answer: 「上岗之前」 is not among the options" in [
        str(p) for p in exc.value.problems
    ]


def test_answer_not_among_options(quiz_copy: Path) -> None:
    edit(quiz_copy, Q23, "  answer: 上岗前", "  answer: 上岗之前")
    assert problems(quiz_copy) == [f"{Q23}:12: questions[0].answer: 「上岗之前」 is not among the options"]


def test_repeated_option(quiz_copy: Path) -> None:
    edit(quiz_copy, Q23, "  - 晋升职务时", "  - 年度考核时")
    assert problems(quiz_copy) == [f"{Q23}:11: questions[0].options[3]: repeats option 3"]


def test_too_few_options(quiz_copy: Path) -> None:
    edit(quiz_copy, Q23, "  - 任职满一年后\n  - 上岗前\n  - 年度考核时\n", "  - 上岗前\n")
    assert problems(quiz_copy) == [f"{Q23}:8: questions[0].options: needs at least 3 options"]


def test_unknown_provision(quiz_copy: Path) -> None:
    edit(quiz_copy, Q23, "  - art_23\n", "  - art_23__para_2\n")
    assert problems(quiz_copy) == [f"{Q23}:14: questions[0].cites[0]: unknown provision art_23__para_2"]


def test_cites_must_include_the_files_article(quiz_copy: Path) -> None:
    edit(quiz_copy, Q23, "  - art_23\n", "  - art_25__para_1\n")
    assert problems(quiz_copy) == [
        f"{Q23}:14: questions[0].cites: cites nothing in article 23 (this file's article)",
        f"{Q23}:15: questions[0].explanation: quotes none of the cited text (put at least 4 verbatim characters in “…”)",
    ]


def test_fill_in_answer_must_occur_in_cited_text(quiz_copy: Path) -> None:
    edit(quiz_copy, Q23, "  answer: 法律知识考试", "  answer: 业务知识考试")
    assert problems(quiz_copy) == [
        f"{Q23}:19: questions[1].answer: 「业务知识考试」 does not occur in the cited text"
    ]


def test_fill_in_needs_one_blank(quiz_copy: Path) -> None:
    edit(quiz_copy, Q23, "应通过统一组织的（　　）。", "应通过统一组织的法律知识考试。")
    assert problems(quiz_copy) == [f"{Q23}:18: questions[1].stem: 填空 stem needs exactly one blank （　　）"]


def test_explanation_must_quote_the_cited_text(quiz_copy: Path) -> None:
    edit(
        quiz_copy,
        Q23,
        "表述错误。依据第二十三条：“执法机构负责人在上岗前",
        "表述错误。依据第二十三条：“执法机构负责人在上岗后",
    )
    assert problems(quiz_copy) == [
        f"{Q23}:43: questions[3].explanation: quotes none of the cited text (put at least 4 verbatim characters in “…”)"
    ]


def test_every_quote_of_an_explanation_must_be_verbatim(quiz_copy: Path) -> None:
    # One verbatim quote does not cover a second one that the text does not hold.
    edit(
        quiz_copy,
        Q23,
        "应通过统一组织的法律知识考试”。\n- id: q23-4",
        "应通过统一组织的法律知识考试”，“可在上岗后一年内补考”。\n- id: q23-4",
    )
    assert problems(quiz_copy) == [
        f"{Q23}:36: questions[2].explanation: “可在上岗后一年内补考” does not occur in the cited text"
        " (quote it verbatim, cite its provision, or name an option in 「…」)"
    ]


def test_an_option_named_in_corner_brackets_is_not_a_quote(quiz_copy: Path) -> None:
    edit(
        quiz_copy,
        Q23,
        "应通过统一组织的法律知识考试”。\n- id: q23-4",
        "应通过统一组织的法律知识考试”，「可在上岗后一年内补考」不符合本条。\n- id: q23-4",
    )
    bank, found = quiz.load(bare_project(quiz_copy))
    assert found == [] and bank is not None


def test_a_quote_of_the_higher_law_of_a_cited_article_is_verbatim(quiz_copy: Path) -> None:
    # 第四十条 has a 上位法提示 naming 国家赔偿法第十六条第一款: an explanation may quote that text.
    q40 = "content/questions/art-40.yaml"
    edit(
        quiz_copy,
        q40,
        "以“故意或者重大过失”为限，追偿的条件依上位法确定。\n- id: q40-3",
        "以“故意或者一般过失”为限，追偿的条件依上位法确定。\n- id: q40-3",
    )
    assert problems(quiz_copy) == [
        f"{q40}:22: questions[1].explanation: “故意或者一般过失” does not occur in the cited text"
        " (quote it verbatim, cite its provision, or name an option in 「…」)"
    ]


def test_multiple_choice_explanation_quotes_every_correct_option(quiz_copy: Path) -> None:
    # Quoting only the words of one correct option leaves the other unexplained; a quote that is
    # not verbatim in the cited text does not count.
    edit(
        quiz_copy,
        Q23,
        "“行政执法机关负责行政执法工作的领导和执法机构负责人在上岗前，应通过统一组织的法律知识考试”。\n- id: q23-4",
        "“执法机构负责人在上岗前，应通过统一组织的法律知识考试”。\n- id: q23-4",
    )
    assert problems(quiz_copy) == [
        f"{Q23}:33: questions[2].answer[1]: 「行政执法机关负责行政执法工作的领导」 is not quoted in the explanation"
        " (quote the cited words it rests on in “…”, sharing a run of at least 9 of its characters)"
    ]


def test_true_false_answer(quiz_copy: Path) -> None:
    edit(quiz_copy, Q23, "  answer: 错误", "  answer: 对")
    assert problems(quiz_copy) == [f"{Q23}:40: questions[3].answer: 判断 answer must be 正确 or 错误"]


def test_true_false_takes_no_options(quiz_copy: Path) -> None:
    edit(quiz_copy, Q23, "  answer: 错误", "  options:\n  - 正确\n  - 错误\n  answer: 错误")
    assert problems(quiz_copy) == [
        f"{Q23}:41: questions[3].options: 判断 questions take no options (they answer 正确/错误)"
    ]


def test_multiple_choice_needs_two_correct(quiz_copy: Path) -> None:
    edit(
        quiz_copy,
        Q23,
        "  - 执法机构负责人\n  - 行政执法机关负责行政执法工作的领导\n  cites",
        "  - 执法机构负责人\n  cites",
    )
    assert problems(quiz_copy) == [f"{Q23}:32: questions[2].answer: 多选 needs at least 2 correct options"]


def test_multiple_choice_answer_must_be_a_list(quiz_copy: Path) -> None:
    edit(
        quiz_copy,
        Q23,
        "  answer:\n  - 执法机构负责人\n  - 行政执法机关负责行政执法工作的领导\n",
        "  answer: 执法机构负责人\n",
    )
    assert problems(quiz_copy) == [f"{Q23}:31: questions[2].answer: 多选 answer must be a list of options"]


def test_duplicate_id_across_files(quiz_copy: Path) -> None:
    edit(quiz_copy, "content/questions/art-42.yaml", "- id: q42-1", "- id: q23-1")
    assert problems(quiz_copy) == [
        f"content/questions/art-42.yaml:4: questions[0].id: id q23-1 is also used in {Q23}",
    ]


def test_schema_problems_are_located(quiz_copy: Path) -> None:
    edit(quiz_copy, Q23, "  type: 单选", "  type: 问答")
    edit(quiz_copy, Q23, "- id: q23-2", "- id: Q23-2")
    assert problems(quiz_copy) == [
        f"{Q23}:5: questions[0].type: must be one of: 单选, 多选, 判断, 填空",
        f"{Q23}:16: questions[1].id: 'Q23-2' is not valid: expected a stable id q<article>-<n>, e.g. q23-1"
        " (in a further regulation's bank <slug>-q<article>-<n>, e.g. xzcf-q55-1); never renumber or reuse one",
    ]


def test_article_without_enough_questions(quiz_copy: Path) -> None:
    """min_per_article is the site's own regulation's setting: 行政处罚法's articles without
    questions (第一条) are not reported."""
    edit(quiz_copy, "content/regulation.yaml", "min_per_article: 0", "min_per_article: 3")
    (quiz_copy / "content/questions/art-42.yaml").unlink()
    articles = bare_project(quiz_copy).regulation.articles
    assert all(not a.suffix for a in articles)
    assert sorted(problems(quiz_copy)) == sorted(
        f"content/questions/{a.slug}.yaml:0: questions: article {a.number} has 0 question(s); needs at least 3"
        for a in articles
        if a.number not in (23, 40)
    )
    edit(quiz_copy, "content/regulation.yaml", "min_per_article: 3", "min_per_article: 4")
    assert "content/questions/art-40.yaml:4: questions: article 40 has 3 question(s); needs at least 4" in (
        problems(quiz_copy)
    )


def test_misnamed_file(quiz_copy: Path) -> None:
    (quiz_copy / "content/questions/art-44.yaml").write_text("questions: []\n", encoding="utf-8")
    assert problems(quiz_copy) == [
        "content/questions/art-44.yaml:1: -: question files are named art-NN.yaml after an article (art-01 to art-43)"
    ]


def test_bank_too_small(quiz_copy: Path) -> None:
    """min_total counts the site's own regulation's questions only."""
    edit(quiz_copy, "content/regulation.yaml", "min_total: 6", "min_total: 10")
    assert problems(quiz_copy) == ["content/questions:0: -: the bank has 9 questions; needs at least 10"]


def test_exam_settings_checked(quiz_copy: Path) -> None:
    edit(quiz_copy, "content/questions/exam.yaml", "questions: 6 ", "questions: 3000 ")
    edit(quiz_copy, "content/questions/exam.yaml", "pass_mark: 80 ", "pass_mark: 180 ")
    assert problems(quiz_copy) == ["content/questions/exam.yaml:6: pass_mark: must be at most 100"]
    edit(quiz_copy, "content/questions/exam.yaml", "pass_mark: 180 ", "pass_mark: 80 ")
    assert problems(quiz_copy) == [
        "content/questions/exam.yaml:4: questions: must be at most 16 (the size of the bank)",
        "content/questions/exam.yaml:8: composition: the shares add up to 6, not to questions (3000)",
        "content/questions/exam.yaml:13: composition.by_regulation: the shares add up to 6, not to questions (3000)",
    ]


def test_the_mock_exam_composition_is_checked(quiz_copy: Path) -> None:
    """Issue 28 item 4: shares that do not add up, a share larger than the bank's questions of its
    type and an unknown type are each reported where they are written."""
    edit(quiz_copy, "content/questions/exam.yaml", "  多选: 1", "  多选: 600")
    assert problems(quiz_copy) == [  # the bank's 多选 of every regulation: q23-3, xzcf-q20-5
        "content/questions/exam.yaml:8: composition: the shares add up to 605, not to questions (6)",
        "content/questions/exam.yaml:9: composition.多选: 600 questions asked, the bank has 2 多选",
    ]
    edit(quiz_copy, "content/questions/exam.yaml", "  多选: 600", "  问答: 1")
    assert problems(quiz_copy) == ["content/questions/exam.yaml:9: composition.问答: unknown field"]
    edit(quiz_copy, "content/questions/exam.yaml", "  问答: 1", "  多选: -1")
    assert problems(quiz_copy) == ["content/questions/exam.yaml:9: composition.多选: must be at least 0"]


def test_the_mock_exam_composition_reaches_the_pages(project) -> None:
    bank = quiz.bank_of(project)
    assert bank.exam.composition == (("单选", 2), ("多选", 1), ("判断", 2), ("填空", 1))
    assert quiz.questions_data(project)["exam"]["composition"] == [
        ["单选", 2],
        ["多选", 1],
        ["判断", 2],
        ["填空", 1],
    ]


def test_every_article_with_questions_links_practice_on_it(project) -> None:
    bank = quiz.bank_of(project)
    art = project.regulation.articles[19]
    assert quiz.article_facets(project, "articles/art-20.md", art) == ()  # 行政处罚法第二十条's are not its
    art = project.regulation.articles[22]
    n = sum(1 for q in bank.questions if q.article == 23 and not q.law)
    assert n == 4
    facets = quiz.article_facets(project, "articles/art-23.md", art)
    assert facets == (
        Facet("practice", "练习本条", (("../quiz/practice.html?scope=article:23", f"练习本条（{n}题）"),)),
    )
    html = render_article(project, art, facets)
    assert html.count("练习本条（") == 1  # beside the cite tools, not again among the facets
    assert (
        f'<p class="kb-practice-link" data-search-exclude><a href="../quiz/practice.html?scope=article:23">'
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


# --- banks of the further regulations (issue 28 item 1) ---------------------------------------

XZCF20 = "content/laws/xzcf/questions/art-20.yaml"
JILIN_23 = "行政执法机关负责行政执法工作的领导和执法机构负责人在上岗前，应通过统一组织的法律知识考试"


def test_the_law_banks_are_loaded_with_their_regulation(project) -> None:
    bank = quiz.bank_of(project)
    xzcf = [q for q in bank.questions if q.law == "xzcf"]
    assert len(xzcf) == 7 and {q.type for q in xzcf} == set(quiz.TYPES)
    assert all(re.fullmatch(rf"xzcf-q{q.article}-\d+", q.id) for q in xzcf)
    q = bank.get("xzcf-q20-1")
    assert q.keys == ("xzcf:art_20__para_1",) and q.cites == ("art_20__para_1",)
    record = quiz.question_record(project, q)
    assert (record["regulation"], record["chapter"], record["cites"]) == ("xzcf", 0, ["art_20__para_1"])
    assert record["citations"] == ["《中华人民共和国行政处罚法》第二十条第一款"]
    assert record["urls"] == ["laws/xzcf/articles/art-20.html#art_20__para_1"]
    # the bank's order: the site's own regulation first, then each law by article
    own = sum(not q.law for q in bank.questions)
    assert all(not q.law for q in bank.questions[:own])
    assert [q.article for q in xzcf] == sorted(q.article for q in xzcf)


def test_a_law_question_whose_quote_is_in_another_regulation_is_refused(quiz_copy: Path) -> None:
    """The quote is verbatim, but from 吉林市规定第二十三条, not from the law the question cites."""
    edit(quiz_copy, XZCF20, "“受委托组织在委托范围内，以委托行政机关名义实施行政处罚”", f"“{JILIN_23}”")
    assert problems(quiz_copy) == [
        f"{XZCF20}:23: questions[1].explanation: quotes none of the cited text (put at least 4 verbatim"
        " characters in “…”)"
    ]


def test_check_fails_on_a_law_question_whose_quote_is_not_in_its_provision(quiz_copy: Path, capsys) -> None:
    from generator.cli import main

    edit(quiz_copy, XZCF20, "以委托行政机关名义实施行政处罚”", "以自己的名义实施行政处罚”")
    assert main(["check", "--root", str(quiz_copy)]) == 1
    err = capsys.readouterr().err
    assert (
        f"{XZCF20}:23: questions[1].explanation: quotes none of the cited text (put at least 4 verbatim"
        " characters in “…”)" in err
    )
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (  # an id of the site's own bank in a law's file
            "- id: xzcf-q20-2",
            "- id: q20-9",
            "17: questions[1].id: id must start with xzcf-q20- in this file",
        ),
        (  # a provision the regulation has (吉林市规定第二十条 has no 第四款), named in the law
            "  - art_20__para_4\n  explanation: 表述错误。依据《行政处罚法》第二十条第四款：“受委托组织",
            "  - art_20__para_5\n  explanation: 表述错误。依据《行政处罚法》第二十条第四款：“受委托组织",
            "22: questions[1].cites[0]: unknown provision art_20__para_5 of 《行政处罚法》"
            " (cite its own ids, e.g. art_1)",
        ),
        (  # a site-wide key instead of the law's own id
            "  - art_20__para_4\n  explanation: 表述错误。依据《行政处罚法》第二十条第四款：“受委托组织",
            "  - xzcf:art_20__para_4\n  explanation: 表述错误。依据《行政处罚法》第二十条第四款：“受委托组织",
            "22: questions[1].cites[0]: unknown provision xzcf:art_20__para_4 of 《行政处罚法》"
            " (cite its own ids, e.g. art_1)",
        ),
        (  # citing only another article of the law
            "  - art_20__para_4\n  explanation: 表述错误。依据《行政处罚法》第二十条第四款：“受委托组织",
            "  - art_21__para_1\n  explanation: 表述错误。依据《行政处罚法》第二十条第四款：“受委托组织",
            "22: questions[1].cites: cites nothing in article 20 (this file's article)",
        ),
        (  # 单选: the correct option is not among the quoted words
            "“可以在其法定权限内书面委托符合本法第二十一条规定条件的组织实施行政处罚”",
            "“行政机关依照法律、法规、规章的规定”",
            "13: questions[0].answer: 「书面委托」 is not quoted in the explanation (quote the cited words it"
            " rests on in “…”, sharing a run of at least 2 of its characters)",
        ),
    ],
)
def test_law_questions_are_checked_against_their_own_law(quiz_copy: Path, old, new, message) -> None:
    assert quiz.load(bare_project(quiz_copy))[1] == []  # the untouched copy is valid
    edit(quiz_copy, XZCF20, old, new)
    expected = [f"{XZCF20}:{message}"]
    if "cites nothing" in message:  # its quote is then not in the cited text either
        expected.append(
            f"{XZCF20}:23: questions[1].explanation: quotes none of the cited text (put at least 4"
            " verbatim characters in “…”)"
        )
    assert problems(quiz_copy) == expected


def test_a_law_question_file_must_name_an_article_of_its_law(quiz_copy: Path) -> None:
    path = quiz_copy / "content/laws/xzcf/questions/art-87.yaml"
    path.write_text((quiz_copy / XZCF20).read_text(encoding="utf-8"), encoding="utf-8")
    assert problems(quiz_copy) == [
        "content/laws/xzcf/questions/art-87.yaml:4: -: question files are named art-NN.yaml after an"
        " article (art-01 to art-86)"
    ]


def test_a_law_fill_in_must_occur_in_the_law(quiz_copy: Path) -> None:
    rel = "content/laws/xzcf/questions/art-60.yaml"
    edit(quiz_copy, rel, "  answer: 立案", "  answer: 上岗前")  # 上岗前 is in 吉林市规定第二十三条
    assert problems(quiz_copy) == [
        f"{rel}:20: questions[1].answer: 「上岗前」 does not occur in the cited text"
    ]


def test_ids_are_unique_across_the_banks(quiz_copy: Path) -> None:
    edit(quiz_copy, XZCF20, "- id: xzcf-q20-3", "- id: xzcf-q20-2")
    assert problems(quiz_copy) == [f"{XZCF20}:24: questions[2].id: id xzcf-q20-2 is also used in {XZCF20}"]


# --- the mock exam by regulation --------------------------------------------------------------


def test_the_mock_exam_plan_splits_types_by_regulation(project) -> None:
    exam = quiz.bank_of(project).exam
    assert exam.by_regulation == (("jilin-zfzrz", 4), ("xzcf", 2))
    assert exam.plan == (
        ("单选", 2, "jilin-zfzrz"),
        ("多选", 1, "jilin-zfzrz"),
        ("判断", 1, "jilin-zfzrz"),
        ("判断", 1, "xzcf"),
        ("填空", 1, "xzcf"),
    )
    data = quiz.questions_data(project)["exam"]
    assert data["plan"] == [list(cell) for cell in exam.plan]
    assert data["by_regulation"] == [["jilin-zfzrz", 4], ["xzcf", 2]]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "    xzcf: 2",
            "    nosuch: 2",
            "14: composition.by_regulation.nosuch: unknown regulation nosuch (known: jilin-zfzrz, gjpc,"
            " xzcf, xzfy, xzqz, xzss, xzxk, yssx, zfxxgk)",
        ),
        (
            "    xzcf: 2",
            "    xzcf: 3",
            "13: composition.by_regulation: the shares add up to 7, not to questions (6)",
        ),
        (
            "    jilin-zfzrz: 4",
            "    jilin-zfzrz: -2",
            "13: composition.by_regulation.jilin-zfzrz: must be at least 0",
        ),
        (
            "    jilin-zfzrz: 4",
            "    Jilin: 4",
            "13: composition.by_regulation: 'Jilin' is not valid: expected the form ^[a-z][a-z0-9-]*$",
        ),
    ],
)
def test_shares_by_regulation_are_checked(quiz_copy: Path, old, new, message) -> None:
    edit(quiz_copy, "content/questions/exam.yaml", old, new)
    assert problems(quiz_copy) == [f"content/questions/exam.yaml:{message}"]


def test_a_share_of_a_regulation_without_a_bank(quiz_copy: Path) -> None:
    assert not (quiz_copy / "content/laws/yssx/questions").exists()  # the fixture has no yssx bank
    edit(quiz_copy, "content/questions/exam.yaml", "    xzcf: 2", "    yssx: 2")
    assert problems(quiz_copy) == [
        "content/questions/exam.yaml:14: composition.by_regulation.yssx: 2 questions asked, the bank has 0 of"
        " 《行政执法机关移送涉嫌犯罪案件的规定》"
    ]


def test_shares_by_regulation_larger_than_its_bank(quiz_copy: Path) -> None:
    # The fixture's 行政处罚法 bank holds 7 questions; the whole bank 6 单选, 2 多选, 5 判断, 3 填空.
    exam = quiz_copy / "content/questions/exam.yaml"
    exam.write_text(
        "questions: 8\nminutes: 10\npass_mark: 80\ncomposition:\n  单选: 3\n  多选: 1\n  判断: 3\n  填空: 1\n"
        "  by_regulation:\n    jilin-zfzrz: 0\n    xzcf: 8\n",
        encoding="utf-8",
    )
    assert problems(quiz_copy) == [
        "content/questions/exam.yaml:11: composition.by_regulation.xzcf: 8 questions asked,"
        " the bank has 7 of 《行政处罚法》"
    ]


def test_allocate_fills_both_shares_or_says_it_cannot() -> None:
    from generator.parts.quiz.plan import allocate

    have = {("单选", "a"): 9, ("判断", "a"): 9, ("单选", "b"): 9, ("判断", "b"): 9}
    assert allocate((("单选", 4), ("判断", 2)), (("a", 3), ("b", 3)), have) == (
        ("单选", 2, "a"),
        ("单选", 2, "b"),
        ("判断", 1, "a"),
        ("判断", 1, "b"),
    )
    # b has no 判断: the proportional first round leaves a short, the second round moves it.
    have = {("单选", "a"): 9, ("判断", "a"): 9, ("单选", "b"): 9}
    cells = allocate((("单选", 4), ("判断", 2)), (("a", 3), ("b", 3)), have)
    assert cells == (("单选", 1, "a"), ("单选", 3, "b"), ("判断", 2, "a"))
    # neither regulation can give two 判断
    assert (
        allocate(
            (("单选", 4), ("判断", 2)),
            (("a", 3), ("b", 3)),
            {("单选", "a"): 9, ("单选", "b"): 9, ("判断", "a"): 1},
        )
        is None
    )
    assert allocate((("单选", 4),), (("a", 3),), have) is None  # the shares do not add up alike
