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


# References in a further regulation's text (issues 17 and 26): 本法第二十条, 第二十条第二款,
# 本法第十七条第四项、第五项, 本法第三十九条第一款第一项, 本条第三项, 本条第一款、第二款, 前款,
# 前款第二项, 前两款, 《中华人民共和国行政处罚法》第三十二条. A 第…条 right after another law's
# name written without brackets (刑法第十七条) names that law, which the site may not hold: it is
# left as text, and so is the rest of its list.
_OWN = "本法|本条例|本规定|本办法|本细则|本解释|本决定"
_STEP = rf"第(?:{_NUM}|（{_NUM}）)[条款项目](?:之{_NUM})?"
_TOKEN = re.compile(
    rf"《(?P<title>[^《》]{{2,60}})》(?=第)|(?P<own>{_OWN})(?=第)|(?P<this>本条)(?=第)"
    rf"|前(?P<former>[两二三四五]?)款|(?P<step>(?:{_STEP})+)"
)
_STEP_PARTS = re.compile(rf"第（?(?P<n>{_NUM})）?(?P<unit>[条款项目])(?:之(?P<suf>{_NUM}))?")
_NAMED_BEFORE = re.compile(r"(?:[法例定则]|办法|决定)$")
_JOINER = re.compile(r"[、，,]?(?:和|及|以及|或者|或|至)?")
_LEVELS = {"条": 0, "款": 1, "项": 2, "目": 3}
_FORMER_COUNT = {"": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5}  # 前款, 前两款, 前三款


@dataclass(frozen=True)
class CitedPath:
    """Where a citation points, level by level: the law's slug (None: a law the site does not
    hold), the article's id, the 款, 项 and 目 numbers (None where the citation stops)."""

    slug: str | None
    article: str | None = None
    para: int | None = None
    point: int | None = None
    subpoint: int | None = None


def _strip_country(title: str) -> str:
    return title.removeprefix("中华人民共和国")


def _steps(text: str) -> list[tuple[int, int, int]]:
    """The (level, number, suffix) of each 第…条/款/项/目 in one run of adjacent steps."""
    out = []
    for m in _STEP_PARTS.finditer(text):
        suffix = parse_chinese(m.group("suf")) if m.group("suf") else 0
        out.append((_LEVELS[m.group("unit")], parse_chinese(m.group("n")), suffix))
    return out


def _descend(base: CitedPath, steps: list[tuple[int, int, int]]) -> CitedPath | None:
    """`base` with the cited levels replaced: a run starting at 款 keeps base's article, one
    starting at 项 keeps its article and 款. None when the run starts below what base holds."""
    first = steps[0][0]
    values: list = [base.article, base.para, base.point, base.subpoint][:first]
    # 第十七条第四项 names no 款: a run below the article may leave the 款 to be found (_key).
    if any(v is None and not (level == 1 and first >= 2) for level, v in enumerate(values)):
        return None
    values += [None] * (4 - first)
    for level, number, suffix in steps:
        values[level] = article_eid(number, suffix) if level == 0 else number
        for deeper in range(level + 1, 4):
            values[deeper] = None
    return CitedPath(base.slug, *values)


def _key(path: CitedPath, keys: Mapping[str, object]) -> str | None:
    """The deepest provision key the path names that the site holds. 第十七条第四项 (no 款) names
    a 项 of the article's one 款 that has a fourth 项."""
    if path.slug is None or path.article is None:
        return None
    article = provision_key(path.slug, path.article)
    if article not in keys:
        return None
    para = path.para
    if para is None and path.point is not None:
        holding = [k for k in range(1, 50) if f"{article}__para_{k}__point_{path.point}" in keys]
        para = holding[0] if len(holding) == 1 else None
    best = candidate = article
    for name, number in (("para", para), ("point", path.point), ("subpoint", path.subpoint)):
        if number is None:
            break
        candidate = f"{candidate}__{name}_{number}"
        if candidate not in keys:
            break
        best = candidate
    return best


def line_references(
    text: str, slug: str, here: CitedPath, keys: Mapping[str, object], titles: Mapping[str, str]
) -> list[tuple[int, int, str]]:
    """Every citation in one 款/项 of `slug` as (start, end, target key). `here` is the line's
    article and 款 (the base of 本条 and 前款); `titles` gives a slug by a regulation's title.

    Adjacent steps make one link to the deepest provision they name (第十七条第四项); a list
    joined by 、/和/或者/至 continues the previous link's law, article and 款 (第四项、第五项).
    The leading 本法/本条 stays outside the link, as 本规定 does in the regulation's text.
    """
    found: list[tuple[int, int, str]] = []
    chain: CitedPath | None = None  # the path of the previous link, while the list goes on
    last_end = -1
    pending: tuple[int, CitedPath] | None = None  # an opener (《…》, 本法, 本条) waiting for its steps
    for m in _TOKEN.finditer(text):
        joined = last_end >= 0 and _JOINER.fullmatch(text[last_end : m.start()]) is not None
        adjacent = last_end == m.start()
        if not joined:
            chain = None
        last_end = m.end()
        if m.group("title") is not None:
            title = m.group("title")
            pending = (m.start(), CitedPath(titles.get(title, titles.get(_strip_country(title)))))
            continue
        if m.group("own") is not None:
            pending = (m.end(), CitedPath(slug))
            continue
        if m.group("this") is not None:
            pending = (m.end(), CitedPath(slug, here.article))
            continue
        if m.group("former") is not None:
            count = _FORMER_COUNT[m.group("former")]
            first = (here.para or 0) - count
            former = CitedPath(slug, here.article, first) if first >= 1 else CitedPath(slug)
            pending, chain = (m.start(), former), former
            if former.para and (target := _key(former, keys)) is not None:
                found.append((m.start(), m.end(), target))
            continue
        try:
            steps = _steps(m.group("step"))
        except ValueError:  # 第一十条: not a canonical numeral, so not a citation
            pending = chain = None
            continue
        if pending is not None and adjacent:
            start, base = pending
            if found and found[-1][0] == start:
                found.pop()  # 前款 followed by 第二项: one link to the 项
        elif chain is not None and joined:
            start, base = m.start(), chain
        elif steps[0][0] == 0:
            named_before = _NAMED_BEFORE.search(text, 0, m.start()) is not None
            start, base = m.start(), CitedPath(None if named_before else slug)
        else:
            start, base = m.start(), CitedPath(None)  # a bare 第二款: whose, the text does not say
        pending = None
        path = _descend(base, steps)
        chain = path
        if path is not None and (target := _key(path, keys)) is not None:
            found.append((start, m.end(), target))
    return found


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
        for para in article.paragraphs:
            here = CitedPath(slug, article.id, para.number)
            lines = [(para.id, para.text)]
            for p in para.points:
                lines += [(p.id, p.text), *((s.id, s.text) for s in p.subpoints)]
            for pid, text in lines:
                source = provision_key(slug, pid)
                for start, end, target in line_references(text, slug, here, keys, titles):
                    refs.append(Reference(source, start, end, target))
    return tuple(refs)
