"""Printable exam paper and separate answer key from the question bank (`python -m generator paper`).

The same bank, count and seed always give byte-identical files: questions and option order come
from random.Random(seed) only, and nothing else (no clock, no environment) reaches the output.
Both files are self-contained HTML with print CSS, so they open and print from disk.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from generator.project import Project
from generator.quiz import LETTERS, TYPES, Question, bank_of

SECTION_NAMES = {"单选": "单项选择题", "多选": "多项选择题", "判断": "判断题", "填空": "填空题"}
SECTION_HINTS = {
    "单选": "每题只有一个正确答案，将其字母填入括号内。",
    "多选": "每题有两个或两个以上正确答案，将其字母全部填入括号内；多选、少选、错选均不得分。",
    "判断": "判断表述是否正确，正确的填“√”，错误的填“×”。",
    "填空": "在括号处填写规定原文的用语。",
}
NUMERALS = "一二三四"


class PaperError(ValueError):
    """A bad --count or --seed; the message says what is allowed."""


@dataclass(frozen=True)
class PaperItem:
    """One question as printed: its number, options in printed order, and the key's answer."""

    number: int
    question: Question
    options: tuple[str, ...]
    answer: str
    citations: str


@dataclass(frozen=True)
class Section:
    title: str
    hint: str
    items: tuple[PaperItem, ...]


def parse_count(text: str, available: int) -> int:
    """--count as an integer between 1 and the size of the bank, or PaperError."""
    try:
        count = int(text)
    except ValueError:
        raise PaperError(f"--count must be a whole number, got {text!r}") from None
    if not 1 <= count <= available:
        raise PaperError(
            f"--count must be between 1 and {available} (the size of the question bank), got {count}"
        )
    return count


def parse_seed(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise PaperError(f"--seed must be a whole number, got {text!r}") from None


def compose(project: Project, count: int, seed: int) -> tuple[Section, ...]:
    """Draw `count` questions with `seed`, group them by type, number them, shuffle the options."""
    bank = bank_of(project)
    rng = random.Random(seed)
    drawn = rng.sample(bank.questions, count)
    sections = []
    number = 0
    for qtype in TYPES:
        items = []
        for q in (q for q in drawn if q.type == qtype):
            number += 1
            options = tuple(rng.sample(q.options, len(q.options)))
            if qtype in ("单选", "多选"):
                answer = "".join(LETTERS[options.index(a)] for a in sorted(q.answer, key=options.index))
                answer += "（" + "；".join(q.answer) + "）"
            elif qtype == "判断":
                answer = "√（正确）" if q.answer[0] == "正确" else "×（错误）"
            else:
                answer = q.answer[0]
            citations = "、".join(project.index[c].citation for c in q.cites)
            items.append(PaperItem(number, q, options, answer, citations))
        if items:
            title = f"{NUMERALS[len(sections)]}、{SECTION_NAMES[qtype]}（共{len(items)}题）"
            sections.append(Section(title, SECTION_HINTS[qtype], tuple(items)))
    return tuple(sections)


def render_paper(project: Project, count: int, seed: int) -> tuple[str, str]:
    """(paper HTML, answer key HTML)."""
    from generator.render import environment

    sections = compose(project, count, seed)
    ctx = {
        "regulation": project.regulation,
        "sections": sections,
        "count": count,
        "seed": seed,
        "letters": LETTERS,
    }
    env = environment()
    return env.get_template("paper.html.j2").render(ctx), env.get_template("paper-key.html.j2").render(ctx)


def write_paper(project: Project, count: int, seed: int, out: Path) -> tuple[Path, Path]:
    """Write exam-paper-<count>-seed<seed>.html and its -key.html into `out`; return both paths."""
    paper, key = render_paper(project, count, seed)
    out.mkdir(parents=True, exist_ok=True)
    stem = f"exam-paper-{count}-seed{seed}"
    paths = (out / f"{stem}.html", out / f"{stem}-key.html")
    for path, text in zip(paths, (paper, key), strict=True):
        path.write_bytes(text.encode("utf-8"))
    return paths
