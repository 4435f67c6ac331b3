"""Stage 2b: cross-references written in the law text (第二十四条, 本规定第二十四条、二十五条).

This is part of the regulation, not a reading aid: every page that shows law text links them, and
a reference to an article that does not exist is a content error, located in the article file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from generator.errors import Problem, field_name
from generator.load import Document
from generator.model import Regulation
from generator.numerals import parse_chinese

_NUM = "[零〇一二两三四五六七八九十百千]+"
# 第二十四条, optionally continued by 、二十五条、二十六条 (the drafter dropped the repeated 第).
_REF_HEAD = re.compile(rf"(?:本规定)?第({_NUM})条")
_REF_MORE = re.compile(rf"、(?:第)?({_NUM})条")


@dataclass(frozen=True)
class Reference:
    """A cross-reference written in the law text.

    source: id of the 款 or 项 whose text contains it; start/end: offsets in that text;
    target: the article id it names.
    """

    source: str
    start: int
    end: int
    target: str


def find_references(text: str) -> list[tuple[int, int, int]]:
    """Every article reference in a line of law text as (start, end, article number).

    Reads 第二十四条 and 本规定第二十四条, and lists that drop the repeated 第
    (本规定第二十四条、二十五条、二十六条): each number becomes its own reference, so each can link
    to its article. Offsets cover 第…条 (or …条 in a list), not the leading 本规定.
    """
    found = []
    pos = 0
    while m := _REF_HEAD.search(text, pos):
        try:
            found.append((m.start(1) - 1, m.end(), parse_chinese(m.group(1))))
        except ValueError:
            pos = m.end()
            continue
        pos = m.end()
        while more := _REF_MORE.match(text, pos):
            try:
                number = parse_chinese(more.group(1))
            except ValueError:
                break
            found.append((more.start() + 1, more.end(), number))
            pos = more.end()
    return found


def detect_references(
    regulation: Regulation, docs: Mapping[str, Document]
) -> tuple[tuple[Reference, ...], list[Problem]]:
    """Every reference in the regulation's text, in document order, and one located problem for
    each reference to an article that does not exist. `docs` are the article files by path."""
    refs: list[Reference] = []
    problems: list[Problem] = []
    articles = {a.number: a for a in regulation.articles}
    for article in regulation.articles:
        for m, para in enumerate(article.paragraphs):
            lines = [(("paragraphs", m, "text"), para.id, para.text)]
            lines += [(("paragraphs", m, "points", k), p.id, p.text) for k, p in enumerate(para.points)]
            for where, pid, text in lines:
                for start, end, number in find_references(text):
                    if number in articles:
                        refs.append(Reference(pid, start, end, articles[number].id))
                        continue
                    doc = docs.get(article.source)
                    line = doc.line(where) if doc is not None else 0
                    message = f"the text cites {text[start:end]}, which does not exist"
                    problems.append(Problem(article.source, line, field_name(where), message))
    return tuple(refs), problems


def cited_by(references: tuple[Reference, ...], article_id: str) -> tuple[str, ...]:
    """Ids of the 款/项 whose text refers to the article, in document order, without repeats."""
    return tuple(dict.fromkeys(r.source for r in references if r.target == article_id))
