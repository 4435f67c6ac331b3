"""Exam training (issue 6): the question bank, practice and mock exam pages, questions.json.

Questions live in content/questions/art-NN.yaml (the questions testing article NN), the mock exam's
training settings in content/questions/exam.yaml. Every question is checked against the text it
cites: answers among the options, options distinct, 填空 answers present in the cited text, and the
explanation quoting the cited text verbatim. The printable paper is in generator/paper.py.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from generator import higher_law
from generator import settings as regulation_settings
from generator.assets import KB_JS, Asset
from generator.errors import Problem
from generator.laws import LAWS_DIR
from generator.links import (
    KEY_SEPARATOR,
    article_eid,
    article_id,
    article_url,
    md_uri,
    provision_key,
    provision_url,
    relative,
    site_root,
)
from generator.load import Document, read_folder, read_yaml
from generator.model import Article, Provision, Regulation
from generator.part import Command, Part
from generator.parts.quiz.plan import allocate
from generator.parts.quiz.urls import QUIZ_EXAM, QUIZ_INDEX, QUIZ_PAPER, QUIZ_PRACTICE, QUIZ_PRACTICE_ARTICLE
from generator.parts.reading import reading_of
from generator.project import Project, SearchRecord
from generator.render import Facet, render_page, script_json
from generator.validate import check_schema, located

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
    law: the slug of the further regulation whose bank holds it (content/laws/<law>/questions/),
        '' for the site's own regulation; its cites are that regulation's own ids.
    suffix: N of the tested article 第…条之N (0 for a plain article).
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
    law: str = ""
    suffix: int = 0

    @property
    def keys(self) -> tuple[str, ...]:
        """The cites as site-wide keys of the provision index (slug:id for a further regulation)."""
        return tuple(provision_key(self.law, c) for c in self.cites)

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
    by_regulation: the paper's shares by regulation, ((slug, count), ...) in the order written
        (the site's own regulation by its slug); empty: any regulation.
    plan: what is drawn, ((type, count, slug), ...) in TYPES order (plan.allocate); slug '' when
        there are no shares by regulation.
    """

    questions: int = 30
    minutes: int = 30
    pass_mark: int = 80
    composition: tuple[tuple[str, int], ...] = ()
    by_regulation: tuple[tuple[str, int], ...] = ()
    plan: tuple[tuple[str, int, str], ...] = ()


@dataclass(frozen=True)
class QuestionBank:
    """All questions in article order, then file order, and the mock exam settings."""

    questions: tuple[Question, ...]
    exam: ExamSettings

    def get(self, qid: str) -> Question | None:
        return next((q for q in self.questions if q.id == qid), None)


# ---------------------------------------------------------------------------------------------
# Loading and checking


@dataclass(frozen=True)
class Shelf:
    """One regulation's question files and what their questions are checked against.

    law: '' for the site's own regulation (content/questions/), else the slug of a further one
        (content/laws/<slug>/questions/); folder: that folder, relative to the project root.
    regulation: the regulation the questions test; index: its provisions by the ids the questions
        cite (a further regulation's own ids, art_55__para_1, resolved within that regulation).
    min_per_article: questions each article needs (the site's own regulation's setting only).
    """

    law: str
    folder: str
    regulation: Regulation
    index: Mapping[str, Provision]
    min_per_article: int = 0
    # Every provision of the site by key (slug:id), for the higher laws of 上位法提示 notes.
    site_index: Mapping[str, Provision] = field(default_factory=dict)

    def id_prefix(self, article: Article) -> str:
        """What every id in the article's file starts with: q55- (xzcf-q55-, xzcf-q17-1- for 之一)."""
        own = f"q{article.number}-" if not article.suffix else f"q{article.number}-{article.suffix}-"
        return f"{self.law}-{own}" if self.law else own


def _shelves(project: Project, config: QuestionSettings) -> list[Shelf]:
    """The site's own bank, then each further regulation's that has a questions/ folder."""
    out = []
    if (project.root / QUESTIONS).is_dir():
        out.append(
            Shelf("", QUESTIONS, project.regulation, project.index, config.min_per_article, project.index)
        )
    for law in project.laws:
        folder = f"{LAWS_DIR}/{law.slug}/questions"
        if (project.root / folder).is_dir():
            prefix = law.slug + KEY_SEPARATOR
            own = {k[len(prefix) :]: p for k, p in project.index.items() if k.startswith(prefix)}
            out.append(Shelf(law.slug, folder, law, own, site_index=project.index))
    return out


def _cited_text(shelf: Shelf, cites: tuple[str, ...]) -> list[str]:
    return [shelf.index[c].text for c in cites if c in shelf.index]


def _question_problems(
    doc: Document, i: int, data: dict, article: Article, shelf: Shelf, config: QuestionSettings
) -> list[Problem]:
    """Everything wrong with one schema-valid question, beyond the schema."""
    at = ("questions", i)
    qtype, options = data["type"], data.get("options")
    problems = _citation_problems(doc, at, data, article, shelf)
    if qtype in ("单选", "多选") and options is None:
        return [*problems, doc.problem(at, f"{qtype} questions need options")]
    texts = _cited_text(shelf, tuple(data["cites"]))
    problems += _option_problems(doc, at, qtype, options, config)
    problems += _answer_problems(doc, at, data, texts)
    problems += _explanation_problems(
        doc, at, data, texts, config, _higher_quotes(shelf, tuple(data["cites"]))
    )
    return problems


def _higher_quotes(shelf: Shelf, cites: tuple[str, ...]) -> tuple[str, ...] | None:
    """The text of the higher provisions that the 上位法提示 notes of the cited articles name; None
    when one of them does not name a further regulation's provision (that note's own check reports
    it, and the explanation's quotes are not checked against a reference that does not hold)."""
    articles = {shelf.index[c].article.id: shelf.index[c].article for c in cites if c in shelf.index}
    refs = [n.higher_ref for a in articles.values() for n in a.notes if n.kind == higher_law.KIND]
    if any(KEY_SEPARATOR not in r or r not in shelf.site_index for r in refs):
        return None
    return tuple(shelf.site_index[r].text for r in refs)


def _citation_problems(
    doc: Document, at: tuple[str, int], data: dict, article: Article, shelf: Shelf
) -> list[Problem]:
    """The id names the file's article; every citation resolves (in the shelf's regulation), one
    of them into that article."""
    problems: list[Problem] = []
    cites = tuple(data["cites"])
    prefix = shelf.id_prefix(article)
    if not data["id"].startswith(prefix):
        problems.append(doc.problem((*at, "id"), f"id must start with {prefix} in this file"))
    for j, ref in enumerate(cites):
        if ref not in shelf.index:
            where = f" of 《{shelf.regulation.name}》 (cite its own ids, e.g. art_1)" if shelf.law else ""
            problems.append(doc.problem((*at, "cites", j), f"unknown provision {ref}{where}"))
    known = [shelf.index[c] for c in cites if c in shelf.index]
    if known and all(p.article is not article and p.article.id != article.id for p in known):
        problems.append(
            doc.problem(
                (*at, "cites"), f"cites nothing in article {_article_name(article)} (this file's article)"
            )
        )
    return problems


def _article_name(article: Article) -> str:
    return str(article.number) if not article.suffix else f"{article.number}-{article.suffix}"


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
    doc: Document,
    at: tuple[str, int],
    data: dict,
    texts: list[str],
    config: QuestionSettings,
    higher: tuple[str, ...] | None = (),
) -> list[Problem]:
    """The explanation quotes the cited text verbatim, every quote in it is verbatim (`higher`:
    the higher-law words of 上位法提示 on the cited articles), and (单选, 多选) it quotes the ground
    of every correct option."""
    answer = data["answer"]
    quotes = [q for q in _QUOTE.findall(data["explanation"]) if len(q) >= config.min_quote]
    if texts and not any(q in t for q in quotes for t in texts):
        return [
            doc.problem(
                (*at, "explanation"),
                f"quotes none of the cited text (put at least {config.min_quote} verbatim characters in “…”)",
            )
        ]
    # Every quote is verbatim: from the cited text, or from the higher provision a 上位法提示 on a
    # cited article names. Options are named in 「…」.
    elsewhere = [*texts, *higher] if higher is not None else None
    problems: list[Problem] = [
        doc.problem(
            (*at, "explanation"),
            f"“{q}” does not occur in the cited text (quote it verbatim, cite its provision, or name an option in 「…」)",
        )
        for q in quotes
        if texts and elsewhere is not None and not any(q in t for t in elsewhere)
    ]
    if data["type"] == "单选" and isinstance(answer, str):
        answer = [answer]
    if texts and data["type"] in ("多选", "单选") and isinstance(answer, list):
        # A trainee who missed an option must find its ground in the explanation: every correct
        # option shares at least half of its characters, as one run, with a verbatim quote.
        verbatim = [q for q in quotes if any(q in t for t in texts)]
        for j, option in enumerate(answer):
            need = max(2, -(-len(option) // 2))
            if isinstance(option, str) and not any(_common_run(option, q) >= need for q in verbatim):
                problems.append(
                    doc.problem(
                        (*at, "answer", j) if data["type"] == "多选" else (*at, "answer"),
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


def _question(doc: Document, i: int, data: dict, article: Article, law: str) -> Question:
    answer = data["answer"]
    options = tuple(data.get("options") or ())
    if isinstance(answer, list):
        answer = tuple(o for o in options if o in answer)  # option order, whatever order was written
    else:
        answer = (answer,)
    return Question(
        id=data["id"],
        article=article.number,
        type=data["type"],
        stem=data["stem"],
        options=options,
        answer=answer,
        cites=tuple(data["cites"]),
        explanation=data["explanation"],
        source=doc.path,
        line=doc.line(("questions", i)),
        law=law,
        suffix=article.suffix,
    )


def regulation_key(project: Project, q: Question) -> str:
    """The slug naming the question's regulation: its further regulation's, or the site's own."""
    return q.law or project.regulation.slug


def _settings(project: Project, questions: list[Question]) -> tuple[ExamSettings, list[Problem]]:
    path = project.root / QUESTIONS / SETTINGS
    if not path.exists():
        return ExamSettings(), []
    problems: list[Problem] = []
    doc = located(read_yaml(path, project.root), problems)
    if doc is None:
        return ExamSettings(), problems
    problems += check_schema(doc, "exam")
    if problems:
        return ExamSettings(), problems
    shares = dict(doc.data.get("composition") or {})
    regs = shares.pop("by_regulation", None) or {}
    composition = tuple((t, shares[t]) for t in TYPES if shares.get(t))
    by_regulation = tuple((slug, n) for slug, n in regs.items() if n)
    by_type = Counter(q.type for q in questions)
    settings = ExamSettings(**{**doc.data, "composition": composition, "by_regulation": by_regulation})
    total = len(questions)
    if total and settings.questions > total:
        problems.append(doc.problem(("questions",), f"must be at most {total} (the size of the bank)"))
    for label, given in (("", shares), (".by_regulation", regs)):
        if given and sum(given.values()) != settings.questions:
            problems.append(
                doc.problem(
                    ("composition", *(("by_regulation",) if label else ())),
                    f"the shares add up to {sum(given.values())}, not to questions ({settings.questions})",
                )
            )
    for qtype, n in composition:
        if total and n > by_type[qtype]:
            problems.append(
                doc.problem(
                    ("composition", qtype), f"{n} questions asked, the bank has {by_type[qtype]} {qtype}"
                )
            )
    problems += _regulation_share_problems(doc, project, questions, regs, bool(shares))
    if problems:
        return settings, problems
    return _planned(doc, project, settings, questions)


def _regulation_share_problems(
    doc: Document, project: Project, questions: list[Question], regs: dict, by_type: bool
) -> list[Problem]:
    """Shares by regulation name regulations of the site, ask no more than each one's bank holds,
    and come with shares by type."""
    problems: list[Problem] = []
    if regs and not by_type:
        problems.append(doc.problem(("composition", "by_regulation"), "needs shares by type beside it"))
    names = {r.slug: r.name for r in project.regulations}
    have = Counter(regulation_key(project, q) for q in questions)
    for slug, n in regs.items():
        at = ("composition", "by_regulation", slug)
        if slug not in names:
            problems.append(doc.problem(at, f"unknown regulation {slug} (known: {', '.join(names)})"))
        elif n > have[slug]:
            problems.append(
                doc.problem(at, f"{n} questions asked, the bank has {have[slug]} of 《{names[slug]}》")
            )
    return problems


def _planned(
    doc: Document, project: Project, settings: ExamSettings, questions: list[Question]
) -> tuple[ExamSettings, list[Problem]]:
    """The settings with their plan (plan.allocate), or the problem that the bank cannot fill it."""
    if not settings.by_regulation:
        plan = tuple((t, n, "") for t, n in settings.composition)
        return dataclasses.replace(settings, plan=plan), []
    available = Counter((q.type, regulation_key(project, q)) for q in questions)
    cells = allocate(settings.composition, settings.by_regulation, available)
    if cells is None:
        return settings, [
            doc.problem(
                ("composition", "by_regulation"),
                "the bank cannot fill the shares by type and by regulation at once"
                " (too few questions of some type in some regulation)",
            )
        ]
    return dataclasses.replace(settings, plan=cells), []


def _read_shelf(
    shelf: Shelf, project: Project, config: QuestionSettings, seen: dict[str, str], problems: list[Problem]
) -> list[Question]:
    """The shelf's valid questions in file order; every problem appended to `problems`."""
    questions: list[Question] = []
    per_article: Counter[str] = Counter()
    files: dict[str, Document] = {}
    articles = {a.slug: a for a in shelf.regulation.articles}
    for doc in (located(x, problems) for x in read_folder(project.root / shelf.folder, project.root)):
        if doc is None or (not shelf.law and Path(doc.path).name == SETTINGS):
            continue
        article = articles.get(Path(doc.path).stem)
        if article is None:
            first, last = shelf.regulation.articles[0].slug, shelf.regulation.articles[-1].slug
            problems.append(
                doc.problem((), f"question files are named art-NN.yaml after an article ({first} to {last})")
            )
            continue
        files[article.slug] = doc
        for question in _read_file(doc, article, shelf, config, seen, problems):
            questions.append(question)
            per_article[article.slug] += 1
    broken = {p.path for p in problems}
    for article in shelf.regulation.articles:
        count = per_article[article.slug]
        path = f"{shelf.folder}/{article.slug}.yaml"
        if count < shelf.min_per_article and path not in broken:
            line = files[article.slug].line(("questions",)) if article.slug in files else 0
            problems.append(
                Problem(
                    path,
                    line,
                    "questions",
                    f"article {_article_name(article)} has {count} question(s); needs at least {shelf.min_per_article}",
                )
            )
    return questions


def _read_file(
    doc: Document,
    article: Article,
    shelf: Shelf,
    config: QuestionSettings,
    seen: dict[str, str],
    problems: list[Problem],
) -> list[Question]:
    """The valid questions of one file (schema, ids unique site-wide, then each question's checks)."""
    found = check_schema(doc, "question")
    problems += found
    out: list[Question] = []
    items = doc.data.get("questions") if isinstance(doc.data, dict) else None
    for i, data in enumerate(items if isinstance(items, list) else []):
        if not isinstance(data, dict):
            continue
        qid = data.get("id")
        if isinstance(qid, str):
            if qid in seen:
                problems.append(doc.problem(("questions", i, "id"), f"id {qid} is also used in {seen[qid]}"))
                continue
            seen[qid] = doc.path
        if any(e.field == f"questions[{i}]" or e.field.startswith(f"questions[{i}].") for e in found):
            continue  # the schema reported it; the checks below need a well-formed question
        own = _question_problems(doc, i, data, article, shelf, config)
        problems += own
        if not own:
            out.append(_question(doc, i, data, article, shelf.law))
    return out


def load(project: Project) -> tuple[QuestionBank | None, list[Problem]]:
    """Read and check content/questions/ and every content/laws/<slug>/questions/; return (bank,
    problems). No folder, no bank."""
    config, problems = regulation_settings.read(project, "questions", QuestionSettings)
    shelves = _shelves(project, config)
    if not shelves:
        return None, []
    seen: dict[str, str] = {}
    questions: list[Question] = []
    for shelf in shelves:
        mine = _read_shelf(shelf, project, config, seen, problems)
        order = {a.id: n for n, a in enumerate(shelf.regulation.articles)}
        questions += sorted(mine, key=lambda q: order[article_eid(q.article, q.suffix)])
    own = [q for q in questions if not q.law]
    if not problems and shelves[0].law == "" and len(own) < config.min_total:
        problems.append(
            Problem(
                QUESTIONS,
                0,
                "-",
                f"the bank has {len(own)} questions; needs at least {config.min_total}",
            )
        )
    settings, found = _settings(project, questions)
    problems += found
    if problems:
        return None, problems
    return QuestionBank(tuple(questions), settings), []


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
    """A question belongs to a topic when one of its cites is, or lies inside, a topic provision
    (topics are of the site's own regulation)."""
    return not question.law and any(
        c == p or c.startswith(p + "__") for c in question.cites for p in topic.provisions
    )


def _higher_law(project: Project, q: Question) -> tuple:
    if q.law:
        return ()  # the higher-law notes are about the site's own regulation
    texts = (q.stem, q.explanation, *q.answer)
    return higher_law.restating(higher_law.notes_of(project.regulation, project.index), q.cites, texts)


def question_record(project: Project, q: Question) -> dict:
    """One question as JSON: the issue's fields first, then what the widgets show.

    cites are the ids as written (a further regulation's own ids); regulation names the regulation
    (its slug); chapter is the site's own regulation's chapter, 0 for a further regulation's question.
    """
    provisions = [project.index[k] for k in q.keys]
    return {
        "id": q.id,
        "type": q.type,
        "stem": q.stem,
        "options": list(q.choices),
        "answer": list(q.answer) if q.type == "多选" else q.answer[0],
        "cites": list(q.cites),
        "regulation": regulation_key(project, q),
        # The 上位法提示 the question restates travels with its explanation (practice, 错题, exam).
        "explanation": " ".join([q.explanation, *(h.line for h in _higher_law(project, q))]),
        "article": q.article,
        "chapter": 0 if q.law else project.index[article_id(q.article)].article.chapter,
        "citations": [p.site_citation for p in provisions],
        "urls": [provision_url(p) for p in provisions],
        "texts": [p.text for p in provisions],
    }


def regulation_counts(project: Project, bank: QuestionBank) -> list[tuple[Regulation, list[Question]]]:
    """Each regulation of the site that has questions, the site's own first, with its questions."""
    out = []
    for reg in project.regulations:
        mine = [q for q in bank.questions if regulation_key(project, q) == reg.slug]
        if mine:
            out.append((reg, mine))
    return out


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
        if r["chapter"]:
            by_chapter.setdefault(r["chapter"], []).append(r["id"])
    return {
        "title": reg.title,
        "regulation": reg.slug,
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
        "regulations": [
            {"slug": r.slug, "title": r.name, "questions": [q.id for q in qs]}
            for r, qs in regulation_counts(project, bank)
        ],
        "exam": {
            "questions": bank.exam.questions,
            "minutes": bank.exam.minutes,
            "pass_mark": bank.exam.pass_mark,
            "composition": [list(share) for share in bank.exam.composition],
            "by_regulation": [list(share) for share in bank.exam.by_regulation],
            "plan": [list(cell) for cell in bank.exam.plan],
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
        if not q.law:
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
        "regulation_counts": [(r, len(qs)) for r, qs in regulation_counts(project, bank)],
        "law_banks": [(r, qs) for r, qs in regulation_counts(project, bank) if r.base],
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
    """Questions per article number of the site's own regulation, counted once per bank (every
    article page asks)."""
    if _last_counts[0] is not bank:
        _last_counts[:] = [bank, Counter(q.article for q in bank.questions if not q.law)]
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


def _paper_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--count", default="50", help="number of questions (default: 50)")
    parser.add_argument(
        "--seed",
        default="1",
        help="0 to 4294967295; the same seed gives the same paper (default: 1)",
    )
    parser.add_argument(
        "--chapters",
        default=None,
        help="draw only from these chapters, by number, e.g. 1,3 (default: every chapter)",
    )
    parser.add_argument(
        "--types",
        default=None,
        help="draw only these question types, e.g. 单选,判断 (of 单选,多选,判断,填空; default: all)",
    )
    parser.add_argument(
        "--exam",
        action="store_true",
        help="the mock exam's paper: questions by type as exam.yaml's composition sets (not with "
        "--chapters, --types; --count is the composition's total)",
    )
    parser.add_argument("--out", default="paper", help="output folder (default: paper/)")


# `python -m generator paper`, the part's command (cli.py wires it); its arguments, output and
# messages are relied on by other tools. It runs in paper.py (run_paper), which imports this module.
PAPER = Command(
    name="paper",
    help="write a printable exam paper and its answer key (HTML)",
    description="Draw questions from the bank with a seed and write paper.html and key.html; the same "
    "count, seed, chapters and types always give the same files, and the same paper as the site's "
    "打印试卷 page (quiz/paper.html) with the same settings.",
    arguments=_paper_arguments,
    run="generator.parts.quiz.paper:run_paper",
    after="build",
)


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
    commands=(PAPER,),
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
