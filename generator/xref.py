"""Stage 2b: cross-references written in the law text (第二十四条, 本规定第二十四条、二十五条).

This is part of the regulation, not a reading aid: every page that shows law text links them, and
a reference to an article that does not exist is a content error, located in the article file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from generator.errors import Problem, field_name
from generator.links import article_eid, provision_key
from generator.load import Document, YamlPath
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
            lines: list[tuple[YamlPath, str, str]] = [(("paragraphs", m, "text"), para.id, para.text)]
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
    """Keys of the 款/项 whose text refers to the article (or to a 款 of it), in document order,
    without repeats. `article_id` is the article's site-wide key (links.key_of)."""
    inside = article_id + "__"
    return tuple(
        dict.fromkeys(r.source for r in references if r.target == article_id or r.target.startswith(inside))
    )


# References in a further regulation's text (issue 17): 本法第二十条, 第二十条第二款, 前款,
# 《中华人民共和国行政处罚法》第三十二条. A 第…条 right after another law's name written without
# brackets (刑法第十七条) names that law, which the site may not hold: it is left as text.
_OWN = "本法|本条例|本规定|本办法|本细则|本解释|本决定"
_LAW_REF = re.compile(
    rf"(?:《(?P<title>[^《》]{{2,60}})》|(?P<own>{_OWN}))?第(?P<art>{_NUM})条(?:之(?P<suf>{_NUM}))?"
    rf"(?:第(?P<para>{_NUM})款)?"
)
_FORMER = re.compile("前款")
_NAMED_BEFORE = re.compile(r"(?:[法例定则]|办法|决定)$")
_JOINER = re.compile(r"[、，,]?(?:和|及|以及|或者|或|至)?")


def _strip_country(title: str) -> str:
    return title.removeprefix("中华人民共和国")


def law_references(
    regulation: Regulation, slug: str, keys: Mapping[str, object], titles: Mapping[str, str]
) -> tuple[Reference, ...]:
    """Cross-references in the text of a further regulation `slug`, by site-wide keys.

    `keys`: every provision key of the site; `titles`: the slug ('' for the site's own regulation)
    of every regulation by its title, with and without 中华人民共和国. A reference whose target
    the site does not hold is left as text: official texts are not ours to correct.
    """
    titles = {**titles, **{_strip_country(t): s for t, s in titles.items()}}
    refs: list[Reference] = []
    for article in regulation.articles:
        for m_index, para in enumerate(article.paragraphs):
            lines = [(para.id, para.text)]
            for p in para.points:
                lines += [(p.id, p.text), *((s.id, s.text) for s in p.subpoints)]
            for pid, text in lines:
                source = provision_key(slug, pid)
                # A list (刑法第十七条、第十八条) cites one law throughout: a match right after
                # the previous one, joined by 、/和/或者 only, keeps the previous one's law.
                last_end, last_slug = -1, None
                for m in _LAW_REF.finditer(text):
                    continued = last_end >= 0 and _JOINER.fullmatch(text[last_end : m.start()])
                    if m.group("title") is not None:
                        target_slug = titles.get(
                            m.group("title"), titles.get(_strip_country(m.group("title")))
                        )
                    elif m.group("own") is not None:
                        target_slug = slug
                    elif continued:
                        target_slug = last_slug
                    elif _NAMED_BEFORE.search(text, 0, m.start()):
                        target_slug = None  # 刑法第十七条: another law's article
                    else:
                        target_slug = slug
                    last_end, last_slug = m.end(), target_slug
                    if target_slug is None:
                        continue
                    try:
                        number = parse_chinese(m.group("art"))
                        aid = article_eid(number, parse_chinese(m.group("suf")) if m.group("suf") else 0)
                        target = provision_key(target_slug, aid)
                        if m.group("para"):
                            with_para = provision_key(
                                target_slug, f"{aid}__para_{parse_chinese(m.group('para'))}"
                            )
                            target = with_para if with_para in keys else target
                    except ValueError:
                        continue
                    if target in keys:
                        start = m.start("art") - 1 if m.group("own") else m.start()
                        refs.append(Reference(source, start, m.end(), target))
                if m_index > 0:
                    previous = provision_key(slug, article.paragraphs[m_index - 1].id)
                    for m in _FORMER.finditer(text):
                        refs.append(Reference(source, m.start(), m.end(), previous))
    return tuple(refs)
