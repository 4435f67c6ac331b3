"""Higher-law notes (上位法提示): where the regulation's wording departs from a higher law.

A note of kind `higher_law` on an article quotes both texts: `quote`, the article's own words,
checked against the article alone, and `higher_quote`, checked against `higher_ref` alone (a
provision of a further regulation, slug:id). `restates` is the phrase of the article's words that
marks a restatement: every editorial statement that cites the article and carries the phrase
(checklist items, role lines, questions and their explanations) shows the note. Pure functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator.errors import Problem
from generator.links import KEY_SEPARATOR
from generator.load import Document
from generator.model import Article, Note, Regulation

KIND = "higher_law"
# Said once, the same everywhere the note is shown: what the site may say without giving advice.
GOVERNS = "二者措辞不同；不一致之处，以上位法的规定为准。本提示只比较条文文字，不是法律意见。"


@dataclass(frozen=True)
class HigherLawNote:
    """One 上位法提示 as the pages show it.

    article: the regulation's article it sits on; note: the note record (its `quote` are the
    article's words, `higher_quote` the higher law's); citation: the higher provision's formal
    citation (《中华人民共和国国家赔偿法》第十六条第一款).
    """

    article: Article
    note: Note
    citation: str

    @property
    def line(self) -> str:
        """The note as one plain line (question explanations, JSON, print)."""
        own = "……".join(self.note.quote)
        higher = "……".join(self.note.higher_quote)
        return f"上位法提示：{self.article.label}写“{own}”；{self.citation}写“{higher}”。{GOVERNS}"


def notes_of(regulation: Regulation, index: Mapping) -> tuple[HigherLawNote, ...]:
    """Every higher-law note of the regulation's articles, in article order."""
    out = []
    for article in regulation.articles:
        for note in article.notes:
            if note.kind == KIND and note.higher_ref in index:
                provision = index[note.higher_ref]
                out.append(HigherLawNote(article, note, f"《{provision.title}》{provision.citation}"))
    return tuple(out)


def _cites_article(cites: Iterable[str], article: Article) -> bool:
    return any(c == article.id or c.startswith(article.id + "__") for c in cites)


def restating(notes: Iterable[HigherLawNote], cites: Iterable[str], texts: Iterable[str]) -> tuple:
    """The notes a statement restates: it cites the note's article and one of its `texts` (its
    quote, wording, stem, answer or explanation) holds the note's `restates` phrase."""
    cites, texts = tuple(cites), tuple(t for t in texts if isinstance(t, str))
    return tuple(
        n for n in notes if _cites_article(cites, n.article) and any(n.note.restates in t for t in texts)
    )


def note_problems(doc: Document, path: tuple, note: dict, article: Article, index: Mapping) -> list[Problem]:
    """Problems of one higher-law note record (a mapping already valid against the schema):
    `quote` must be verbatim in the article itself, `higher_quote` in `higher_ref` (a further
    regulation's provision), and `restates` inside `quote`."""
    problems = []
    own_text = article.text
    for k, fragment in enumerate(_fragments(note.get("quote"))):
        if fragment not in own_text:
            problems.append(doc.problem((*path, "quote", k), f"not found in the text of {article.label}"))
    ref = note.get("higher_ref")
    if not isinstance(ref, str) or KEY_SEPARATOR not in ref:
        problems.append(
            doc.problem((*path, "higher_ref"), "a higher-law note needs a further regulation's provision")
        )
    elif ref not in index:
        problems.append(doc.problem((*path, "higher_ref"), f"unknown provision {ref}"))
    else:
        higher = index[ref]
        for k, fragment in enumerate(_fragments(note.get("higher_quote"))):
            if fragment not in higher.text:
                problems.append(
                    doc.problem(
                        (*path, "higher_quote", k), f"not found in the text of {higher.site_citation}"
                    )
                )
    restates = note.get("restates")
    if not isinstance(restates, str) or not any(restates in q for q in _fragments(note.get("quote"))):
        problems.append(doc.problem((*path, "restates"), "must be a phrase of the note's quote"))
    for field in ("quote", "higher_quote"):
        if not _fragments(note.get(field)):
            problems.append(doc.problem((*path, field), "a higher-law note quotes both texts"))
    return problems


def _fragments(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []
