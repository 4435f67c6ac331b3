"""Exam training (issue 6): the question bank, practice and mock exam pages, questions.json.

Questions live in content/questions/art-NN.yaml (the questions testing article NN), the mock exam's
training settings in content/questions/exam.yaml. Every question is checked against the text it
cites: answers among the options, options distinct, 填空 answers present in the cited text, and the
explanation quoting the cited text verbatim. The printable paper is in generator/paper.py.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from generator import higher_law
from generator import settings as regulation_settings
from generator.assets import KB_JS, Asset
from generator.errors import Problem
from generator.links import (
    QUIZ_EXAM,
    QUIZ_INDEX,
    QUIZ_PAPER,
    QUIZ_PRACTICE,
    QUIZ_PRACTICE_ARTICLE,
    article_id,
    article_url,
    md_uri,
    provision_url,
    relative,
    site_root,
)
from generator.load import Document, read_folder, read_yaml
from generator.model import Article, article_slug
from generator.part import Part
from generator.parts.reading import reading_of
from generator.project import Project, SearchRecord
from generator.render import Facet, render_page, script_json
from generator.validate import check_schema, located, unknown_provisions

QUESTIONS = "content/questions"
SETTINGS = "exam.yaml"
TYPES = ("单选", "多选", "判断", "填空")
TRUE_FALSE = ("正确", "错误")
BLANK = "（　　）"
QUESTIONS_JSON = "data/questions.json"


@dataclass(frozen=True)
class QuestionSettings:
    """`settings.questions` in content/regulation.yaml: what the bank must hold.

    min_per_article: questions each article needs (0: none required).
    min_total: questions the whole bank needs.
    min_options: options a 单选 or 多选 question needs.
    min_quote: characters a “…” quote in an explanation needs to count as quoting the cited text
        (shorter spans, a single word, do not show the reader the provision).
    """

    min_per_article: int = 0
    min_total: int = 0
    min_options: int = 3
    min_quote: int = 4


_FILE = re.compile(r"^art-(\d+)$")
_QUOTE = re.compile(r"“([^“”]+)”")


@dataclass(frozen=True)
class Question:
    """One exam question.

    id: stable id q<article>-<n>; article: the article it tests (its file art-NN.yaml).
    type: 单选, 多选, 判断 or 填空.
    stem: the question; 填空 stems hold one blank （　　）.
    options: the choices of 单选/多选 in authoring order; empty for 判断 and 填空.
    answer: the correct option(s) (多选: several, in option order), 正确/错误, or the missing words.
    cites: provision ids the question tests; explanation: quotes the cited text in “…” (多选: for
        every correct option, a verbatim quote sharing a run of half its characters, at least 2).
    source, line: where it was written (for messages and reviewers).
    """

    id: str
    article: int
    type: str
    stem: str
    options: tuple[str, ...]
    answer: tuple[str, ...]
    cites: tuple[str, ...]
    explanation: str
    source: str = ""
    line: int = 0

    @property
    def choices(self) -> tuple[str, ...]:
        """What the candidate chooses from: the options, 正确/错误 for 判断, nothing for 填空."""
        return TRUE_FALSE if self.type == "判断" else self.options


@dataclass(frozen=True)
class ExamSettings:
    """The site's mock exam settings (a training setting, not a legal rule).

    questions: questions per exam; minutes: time limit; pass_mark: points out of 100 to pass.
    composition: the mock exam's paper by type, ((type, count), ...) in TYPES order, the counts
        adding up to `questions`; empty: drawn from the whole bank at random. The exam, the
        browser's paper (按模拟考试方案) and `python -m generator paper --exam` draw it alike.
    """

    questions: int = 30
    minutes: int = 30
    pass_mark: int = 80
    composition: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class QuestionBank:
    """All questions in article order, then file order, and the mock exam settings."""

    questions: tuple[Question, ...]
    exam: ExamSettings

    def get(self, qid: str) -> Question | None:
        return next((q for q in self.questions if q.id == qid), None)


# ---------------------------------------------------------------------------------------------
# Loading and checking


def _cited_text(project: Project, cites: tuple[str, ...]) -> list[str]:
    return [project.index[c].text for c in cites if c in project.index]


def _question_problems(
    doc: Document, i: int, data: dict, number: int, project: Project, config: QuestionSettings
) -> list[Problem]:
    """Everything wrong with one schema-valid question, beyond the schema."""
    at = ("questions", i)
    qtype, options = data["type"], data.get("options")
    problems = _citation_problems(doc, at, data, number, project)
    if qtype in ("单选", "多选") and options is None:
        return [*problems, doc.problem(at, f"{qtype} questions need options")]
    texts = _cited_text(project, tuple(data["cites"]))
    problems += _option_problems(doc, at, qtype, options, config)
    problems += _answer_problems(doc, at, data, texts)
    problems += _explanation_problems(doc, at, data, texts, config)
    return problems


def _citation_problems(
    doc: Document, at: tuple[str, int], data: dict, number: int, project: Project
) -> list[Problem]:
    """The id names the file's article; every citation resolves, one of them into that article."""
    problems: list[Problem] = []
    cites = tuple(data["cites"])
    if not data["id"].startswith(f"q{number}-"):
        problems.append(doc.problem((*at, "id"), f"id must start with q{number}- in this file"))
    problems += unknown_provisions(doc, [((*at, "cites", j), r) for j, r in enumerate(cites)], project.index)
    known = [project.index[c] for c in cites if c in project.index]
    if known and all(p.article.number != number for p in known):
        problems.append(
            doc.problem((*at, "cites"), f"cites nothing in article {number} (this file's article)")
        )
    return problems


def _option_problems(
    doc: Document, at: tuple[str, int], qtype: str, options: list | None, config: QuestionSettings
) -> list[Problem]:
    """Choice questions have enough distinct options (their presence is checked before); the
    others have none."""
    problems: list[Problem] = []
    if qtype in ("单选", "多选") and options is not None:
        if len(options) < config.min_options:
            problems.append(doc.problem((*at, "options"), f"needs at least {config.min_options} options"))
        for j, option in enumerate(options):
            if option in options[:j]:
                problems.append(
                    doc.problem((*at, "options", j), f"repeats option {options.index(option) + 1}")
                )
    elif options is not None:
        hint = "正确/错误" if qtype == "判断" else "the blank"
        problems.append(
            doc.problem((*at, "options"), f"{qtype} questions take no options (they answer {hint})")
        )
    return problems


def _answer_problems(doc: Document, at: tuple[str, int], data: dict, texts: list[str]) -> list[Problem]:
    """The answer has the form of its question type and is among the options, or (填空) in the
    cited text."""
    problems: list[Problem] = []
    # A choice question has its options (the caller returned before otherwise); others use none.
    qtype, options, answer = data["type"], data.get("options") or [], data["answer"]
    if qtype == "多选":
        if not isinstance(answer, list):
            problems.append(doc.problem((*at, "answer"), "多选 answer must be a list of options"))
        else:
            for j, a in enumerate(answer):
                if a not in options:
                    problems.append(doc.problem((*at, "answer", j), f"「{a}」 is not among the options"))
                elif a in answer[:j]:
                    problems.append(doc.problem((*at, "answer", j), f"「{a}」 is listed twice"))
            if len(set(answer)) < 2:
                problems.append(doc.problem((*at, "answer"), "多选 needs at least 2 correct options"))
            elif set(options) <= set(answer):
                problems.append(doc.problem((*at, "answer"), "every option is correct; add a wrong one"))
    elif not isinstance(answer, str):
        problems.append(doc.problem((*at, "answer"), f"{qtype} answer must be one string"))
    elif qtype == "单选":
        if answer not in options:
            problems.append(doc.problem((*at, "answer"), f"「{answer}」 is not among the options"))
    elif qtype == "判断":
        if answer not in TRUE_FALSE:
            problems.append(doc.problem((*at, "answer"), "判断 answer must be 正确 or 错误"))
    elif qtype == "填空":
        if data["stem"].count(BLANK) != 1:
            problems.append(doc.problem((*at, "stem"), f"填空 stem needs exactly one blank {BLANK}"))
        if texts and not any(answer in t for t in texts):
            problems.append(doc.problem((*at, "answer"), f"「{answer}」 does not occur in the cited text"))
    return problems


def _explanation_problems(
    doc: Document, at: tuple[str, int], data: dict, texts: list[str], config: QuestionSettings
) -> list[Problem]:
    """The explanation quotes the cited text verbatim, and (多选) quotes the ground of every
    correct option."""
    answer = data["answer"]
    quotes = [q for q in _QUOTE.findall(data["explanation"]) if len(q) >= config.min_quote]
    if texts and not any(q in t for q in quotes for t in texts):
        return [
            doc.problem(
                (*at, "explanation"),
                f"quotes none of the cited text (put at least {config.min_quote} verbatim characters in “…”)",
            )
        ]
    problems: list[Problem] = []
    if texts and data["type"] == "多选" and isinstance(answer, list):
        # A trainee who missed an option must find its ground in the explanation: every correct
        # option shares at least half of its characters, as one run, with a verbatim quote.
        verbatim = [q for q in quotes if any(q in t for t in texts)]
        for j, option in enumerate(answer):
            need = max(2, -(-len(option) // 2))
            if isinstance(option, str) and not any(_common_run(option, q) >= need for q in verbatim):
                problems.append(
                    doc.problem(
                        (*at, "answer", j),
                        f"「{option}」 is not quoted in the explanation (quote the cited words it rests on"
                        f" in “…”, sharing a run of at least {need} of its characters)",
                    )
                )
    return problems


def _common_run(a: str, b: str) -> int:
    """Length of the longest run of characters that occurs in both a and b."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] not in b:
                break
            best = j - i
    return best


def _question(doc: Document, i: int, data: dict, number: int) -> Question:
    answer = data["answer"]
    options = tuple(data.get("options") or ())
    if isinstance(answer, list):
        answer = tuple(o for o in options if o in answer)  # option order, whatever order was written
    else:
        answer = (answer,)
    return Question(
        id=data["id"],
        article=number,
        type=data["type"],
        stem=data["stem"],
        options=options,
        answer=answer,
        cites=tuple(data["cites"]),
        explanation=data["explanation"],
        source=doc.path,
        line=doc.line(("questions", i)),
    )


def _settings(folder: Path, root: Path, by_type: Counter[str]) -> tuple[ExamSettings, list[Problem]]:
    path = folder / SETTINGS
    if not path.exists():
        return ExamSettings(), []
    problems: list[Problem] = []
    doc = located(read_yaml(path, root), problems)
    if doc is None:
        return ExamSettings(), problems
    problems += check_schema(doc, "exam")
    if problems:
        return ExamSettings(), problems
    shares = doc.data.get("composition") or {}
    composition = tuple((t, shares[t]) for t in TYPES if shares.get(t))
    settings = ExamSettings(**{**doc.data, "composition": composition})
    total = sum(by_type.values())
    if total and settings.questions > total:
        problems.append(doc.problem(("questions",), f"must be at most {total} (the size of the bank)"))
    if shares and sum(shares.values()) != settings.questions:
        problems.append(
            doc.problem(
                ("composition",),
                f"the shares add up to {sum(shares.values())}, not to questions ({settings.questions})",
            )
        )
    for qtype, n in composition:
        if total and n > by_type[qtype]:
            problems.append(
                doc.problem(
                    ("composition", qtype), f"{n} questions asked, the bank has {by_type[qtype]} {qtype}"
                )
            )
    return settings, problems


def load(project: Project) -> tuple[QuestionBank | None, list[Problem]]:
    """Read and check content/questions/; return (bank, problems). No folder, no bank."""
    root = project.root
    folder = root / QUESTIONS
    if not folder.is_dir():
        return None, []
    config, problems = regulation_settings.read(project, "questions", QuestionSettings)
    questions: list[Question] = []
    seen: dict[str, str] = {}
    per_article: dict[int, int] = {}
    files: dict[int, Document] = {}
    numbers = {a.number for a in project.regulation.articles}
    for doc in (located(x, problems) for x in read_folder(folder, root)):
        if doc is None or Path(doc.path).name == SETTINGS:
            continue
        match = _FILE.match(Path(doc.path).stem)
        if (
            not match
            or int(match.group(1)) not in numbers
            or Path(doc.path).stem != article_slug(int(match.group(1)))
        ):
            problems.append(
                doc.problem(
                    (),
                    f"question files are named art-NN.yaml after an article (art-01 to art-{max(numbers):02d})",
                )
            )
            continue
        number = int(match.group(1))
        files[number] = doc
        found = check_schema(doc, "question")
        problems += found
        items = doc.data.get("questions") if isinstance(doc.data, dict) else None
        for i, data in enumerate(items if isinstance(items, list) else []):
            if not isinstance(data, dict):
                continue
            qid = data.get("id")
            if isinstance(qid, str):
                if qid in seen:
                    problems.append(
                        doc.problem(("questions", i, "id"), f"id {qid} is also used in {seen[qid]}")
                    )
                    continue
                seen[qid] = doc.path
            if any(e.field == f"questions[{i}]" or e.field.startswith(f"questions[{i}].") for e in found):
                continue  # the schema reported it; the checks below need a well-formed question
            own = _question_problems(doc, i, data, number, project, config)
            problems += own
            if not own:
                questions.append(_question(doc, i, data, number))
                per_article[number] = per_article.get(number, 0) + 1
    broken = {p.path for p in problems}
    for number in sorted(numbers):
        count = per_article.get(number, 0)
        path = f"{QUESTIONS}/{article_slug(number)}.yaml"
        if count < config.min_per_article and path not in broken:
            line = files[number].line(("questions",)) if number in files else 0
            problems.append(
                Problem(
                    path,
                    line,
                    "questions",
                    f"article {number} has {count} question(s); needs at least {config.min_per_article}",
                )
            )
    if not problems and len(questions) < config.min_total:
        problems.append(
            Problem(
                QUESTIONS,
                0,
                "-",
                f"the bank has {len(questions)} questions; needs at least {config.min_total}",
            )
        )
    settings, found = _settings(folder, root, Counter(q.type for q in questions))
    problems += found
    if problems:
        return None, problems
    return QuestionBank(tuple(sorted(questions, key=lambda q: q.article)), settings), []


# ---------------------------------------------------------------------------------------------
# Output


def bank_of(project: Project) -> QuestionBank | None:
    """This part's model in a loaded project."""
    value = project.part("quiz")
    assert value is None or isinstance(value, QuestionBank)
    return value


def _bank(project: Project) -> QuestionBank:
    bank = bank_of(project)
    assert bank is not None
    return bank


def topics(project: Project) -> list:
    """The reading part's topics (practice by topic)."""
    reading = reading_of(project)
    return list(reading.topics) if reading is not None else []


def in_topic(question: Question, topic) -> bool:
    """A question belongs to a topic when one of its cites is, or lies inside, a topic provision."""
    return any(c == p or c.startswith(p + "__") for c in question.cites for p in topic.provisions)


def _higher_law(project: Project, q: Question) -> tuple:
    texts = (q.stem, q.explanation, *q.answer)
    return higher_law.restating(higher_law.notes_of(project.regulation, project.index), q.cites, texts)


def question_record(project: Project, q: Question) -> dict:
    """One question as JSON: the issue's fields first, then what the widgets show."""
    return {
        "id": q.id,
        "type": q.type,
        "stem": q.stem,
        "options": list(q.choices),
        "answer": list(q.answer) if q.type == "多选" else q.answer[0],
        "cites": list(q.cites),
        # The 上位法提示 the question restates travels with its explanation (practice, 错题, exam).
        "explanation": " ".join([q.explanation, *(h.line for h in _higher_law(project, q))]),
        "article": q.article,
        "chapter": project.index[article_id(q.article)].article.chapter,
        "citations": [project.index[c].site_citation for c in q.cites],
        "urls": [provision_url(project.index[c]) for c in q.cites],
        "texts": [project.index[c].text for c in q.cites],
    }


# (project, questions_data) of the project seen last: the pages embed the data and the export writes
# it, and building it twice was a tenth of a large build.
_last_data: list = [None, None]


def questions_data(project: Project) -> dict:
    """Everything the widgets need: questions, scopes (chapters, topics) and the exam settings.

    URLs are relative to the site root; widgets prefix them with their page's path to the root.
    """
    if _last_data[0] is not project:
        _last_data[:] = [project, _questions_data(project)]
    return _last_data[1]


def _questions_data(project: Project) -> dict:
    bank = _bank(project)
    reg = project.regulation
    records = [question_record(project, q) for q in bank.questions]
    by_chapter: dict[int, list[str]] = {}
    for r in records:
        by_chapter.setdefault(r["chapter"], []).append(r["id"])
    return {
        "title": reg.title,
        "questions": records,
        "articles": [
            {"number": a.number, "title": f"{a.label} {a.caption}", "url": article_url(a)}
            for a in reg.articles
        ],
        "chapters": [
            {
                "number": c.number,
                "label": c.label,
                "title": f"{c.label} {c.plain_title}",
                "questions": by_chapter.get(c.number, []),
            }
            for c in reg.chapters
        ],
        "topics": [
            {"id": t.id, "title": t.title, "questions": [q.id for q in bank.questions if in_topic(q, t)]}
            for t in topics(project)
        ],
        "exam": {
            "questions": bank.exam.questions,
            "minutes": bank.exam.minutes,
            "pass_mark": bank.exam.pass_mark,
            "composition": [list(share) for share in bank.exam.composition],
        },
    }


def exports(project: Project) -> dict[str, str]:
    """site/data/questions.json, stable key order."""
    return {QUESTIONS_JSON: json.dumps(questions_data(project), ensure_ascii=False, indent=1) + "\n"}


def embedded_json(project: Project) -> Markup:
    """The same data for a <script type="application/json"> block: one line, no "<" to end it early."""
    return script_json(questions_data(project))


def _render(project: Project, template: str, url: str, **extra) -> str:
    uri = md_uri(url)
    return render_page(
        project,
        template,
        uri,
        bank=_bank(project),
        root=site_root(uri),
        href_quiz=relative(uri, QUIZ_INDEX),
        href_practice=relative(uri, QUIZ_PRACTICE),
        href_exam=relative(uri, QUIZ_EXAM),
        href_paper=relative(uri, QUIZ_PAPER),
        **extra,
    )


LETTERS = "ABCDEFGHIJ"


def answer_text(q: Question) -> str:
    """The answer as a printed key shows it: option letters with their text, or the words."""
    if q.type in ("单选", "多选"):
        return "；".join(f"{LETTERS[q.options.index(a)]}. {a}" for a in q.answer)
    return q.answer[0]


def _context(project: Project) -> dict:
    """What the three pages show besides the embedded data: counts per type, chapter and topic."""
    bank = _bank(project)
    reg = project.regulation
    by_chapter: dict[int, list[Question]] = {}
    for q in bank.questions:
        by_chapter.setdefault(reg.articles[q.article - 1].chapter, []).append(q)
    chapters = [(c, by_chapter.get(c.number, [])) for c in reg.chapters]
    per_article = article_counts(bank)
    topic_counts = [(t, sum(1 for q in bank.questions if in_topic(q, t))) for t in topics(project)]
    return {
        "counts": {t: sum(1 for q in bank.questions if q.type == t) for t in TYPES},
        "chapters": chapters,
        "chapter_counts": [(c, len(qs)) for c, qs in chapters],
        "article_counts": [(a, n) for a in reg.articles if (n := per_article[a.number])],
        "topic_counts": [(t, n) for t, n in topic_counts if n],
        "has_topics": any(n for _, n in topic_counts),
        "answer_text": {q.id: answer_text(q) for q in bank.questions},
    }


def pages(project: Project) -> dict[str, str]:
    """The overview with the whole bank (answers in <details>), practice and the mock exam."""
    ctx = _context(project)
    data = embedded_json(project)
    return {
        md_uri(QUIZ_INDEX): _render(project, "quiz.md.j2", QUIZ_INDEX, **ctx),
        md_uri(QUIZ_PRACTICE): _render(project, "quiz-practice.md.j2", QUIZ_PRACTICE, data=data, **ctx),
        md_uri(QUIZ_EXAM): _render(project, "quiz-exam.md.j2", QUIZ_EXAM, data=data, **ctx),
        md_uri(QUIZ_PAPER): _render(project, "quiz-paper.md.j2", QUIZ_PAPER, data=data, types=TYPES, **ctx),
    }


def nav(project: Project) -> list:
    """Nav entries this part adds after the chapters."""
    return [
        {
            "学法考试": [
                md_uri(QUIZ_INDEX),
                md_uri(QUIZ_PRACTICE),
                md_uri(QUIZ_EXAM),
                md_uri(QUIZ_PAPER),
            ]
        }
    ]


PRACTICE_FACET = "practice"
_last_counts: list = [None, Counter()]  # (bank, questions per article number) of the bank seen last


def article_counts(bank: QuestionBank) -> Counter:
    """Questions per article number, counted once per bank (every article page asks)."""
    if _last_counts[0] is not bank:
        _last_counts[:] = [bank, Counter(q.article for q in bank.questions)]
    return _last_counts[1]


def article_facets(project: Project, uri: str, article: Article) -> tuple[Facet, ...]:
    """练习本条: practice limited to this article (the page links it next to its cite tools)."""
    if article.base:
        return ()  # the bank's questions are on the site's own regulation
    bank = bank_of(project)
    count = article_counts(bank)[article.number] if bank else 0
    if not count:
        return ()
    href = relative(uri, QUIZ_PRACTICE_ARTICLE.format(number=article.number))
    return (Facet(PRACTICE_FACET, "练习本条", ((href, f"练习本条（{count}题）"),)),)


def search_records(project: Project) -> tuple[SearchRecord, ...]:
    """The question bank's home, under the part's nav label."""
    return (SearchRecord("quiz:index", "学法考试", "练习、错题本、模拟考试与试卷", QUIZ_INDEX, "学法考试"),)


QUIZ_JS = "assets/javascripts/quiz.js"
PAPER_JS = "assets/javascripts/paper.js"
# The pure halves of the widgets (no DOM, no storage; node runs them in the fast tier).
PAPER_STATE_JS = "assets/javascripts/paper-state.js"
QUIZ_STATE_JS = "assets/javascripts/quiz-state.js"
EXAM_STATE_JS = "assets/javascripts/exam-state.js"

PART = Part(
    folder=Path(__file__).parent,
    name="quiz",
    load=load,
    pages=pages,
    nav=nav,
    exports=exports,
    article_facets=article_facets,
    requires=("reading",),
    search_records=search_records,
    assets=(
        Asset("assets/stylesheets/quiz.css", pages=("quiz",)),
        # quiz.js draws with the paper's shuffle (kb.paper); exam.js builds on kb.quiz.
        Asset(PAPER_STATE_JS, needs=(KB_JS,)),
        Asset(PAPER_JS, pages=("quiz",), needs=(KB_JS, PAPER_STATE_JS)),
        Asset(QUIZ_STATE_JS, needs=(KB_JS,)),
        Asset(QUIZ_JS, pages=("quiz",), needs=(KB_JS, PAPER_STATE_JS, QUIZ_STATE_JS)),
        Asset(EXAM_STATE_JS, needs=(KB_JS,)),
        Asset(
            "assets/javascripts/exam.js",
            pages=("quiz",),
            needs=(KB_JS, QUIZ_JS, EXAM_STATE_JS, PAPER_STATE_JS),
        ),
    ),
)
