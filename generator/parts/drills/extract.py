"""Drills generated from the text (issue 28 item 2): every 款, 项 and 目 that states a number, time
limit, amount, proportion or count becomes a 填空 or 单选 drill whose answer is the text's own
wording (十五日, 一万元, 百分之五十) and whose distractors are values of the same kind (same unit)
stated elsewhere in the same regulation, never in the provision itself.

Pure and deterministic: the same text gives the same drills, ids derived from the provision id
and the value's position, distractors and option order from a hash of the drill id (no clock, no
random state). Works on the site's model (generator.model) and on the importer's parsed documents
(generator.parse) alike, so any regulation imported later gets its drills with no hand work.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from generator.numerals import to_chinese

BLANK = "（　　）"
# Distractors of a 单选 drill; with fewer than MIN_DISTRACTORS available the drill is a 填空.
DISTRACTORS = 3
MIN_DISTRACTORS = 2

_NUM = r"(?:[0-9０-９]+(?:[.．][0-9０-９]+)?[万亿]?|[零〇一二两三四五六七八九十百千万亿]+)"
# Longest first: 个工作日 before 工作日 before 日. 人 not in 人民/人员/人大/人身/人士; 元 not in 元化;
# 年 not in 年度/年龄/年级 (a count of years is 二年, not 二年度); 名 not in 名称/名义/名单; 次 not in
# 一次性 (and 一次 alone, as in 一次告知, means "at once": see values()).
_UNITS = (
    r"个工作日|工作日|个月|小时|周岁|日|天|年(?![度龄级])|元(?!化)|倍|人(?![民员大身士])"
    r"|名(?![称义单誉额册字])|次(?!性)"
)
_VALUE = re.compile(rf"(?P<pct>百分之{_NUM})|(?P<frac>{_NUM}分之{_NUM})|(?P<num>{_NUM})(?P<unit>{_UNITS})")
# Calendar dates (二〇二一年一月二十二日, 2021年7月15日, 十二月三十一日) are not drills.
_DATE = re.compile(rf"{_NUM}年{_NUM}月(?:{_NUM}日)?|{_NUM}月{_NUM}日")
# A numeral after these is an ordinal or part of a word: 第三十五条, 第三日, 统一, 唯一, 同一人.
_NOT_AFTER = frozenset("第统唯同单逐某任")
_NOT_FIRST = frozenset("百千万亿零〇")


@dataclass(frozen=True)
class Value:
    """A value stated in a provision: its text as written, kind (unit, 百分之 or 分之) and offsets."""

    text: str
    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Leaf:
    """A provision that drills are made from: a 款 (its own line, the lead-in when it has 项), a 项
    or a 目. context: the whole 款 it belongs to (lead-in, 项 and 目), shown after answering."""

    id: str
    article: str
    citation: str
    text: str
    context: str


@dataclass(frozen=True)
class Drill:
    """One generated drill (自动生成, not reviewed).

    id: d-<provision id>-<n>, n the value's position among the provision's distinct values.
    type: 单选 (answer among options) or 填空 (no options).
    stem: the provision's text with every occurrence of the value blanked (BLANK).
    answer: the value as the text writes it; options: answer and distractors in a fixed order.
    provision/article: ids in the regulation; citation: 第十五条第二款 (without the title).
    text: the provision verbatim; context: the whole 款, shown after answering.
    """

    id: str
    type: str
    kind: str
    stem: str
    answer: str
    options: tuple[str, ...]
    provision: str
    article: str
    citation: str
    text: str
    context: str


def _is_year(num: str, unit: str) -> bool:
    """二〇二一年, 2021年: a calendar year, not a number of years."""
    if unit != "年":
        return False
    digits = num.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if digits.isdigit():
        return int(digits) >= 1000
    return len(num) >= 4 and not any(c in "十百千万" for c in num)


def values(text: str) -> tuple[Value, ...]:
    """Every value the text states, in order: numbers with a unit, 百分之…, …分之…; not ordinals
    (第三十五条), not dates or calendar years, not numerals inside words (统一, 同一人)."""
    dates = [m.span() for m in _DATE.finditer(text)]
    out: list[Value] = []
    for m in _VALUE.finditer(text):
        start, end = m.span()
        if any(s < end and start < e for s, e in dates):
            continue
        if start and text[start - 1] in _NOT_AFTER:
            continue
        if m.group("pct"):
            out.append(Value(m.group(), "百分之", start, end))
        elif m.group("frac"):
            if m.group()[0] not in _NOT_FIRST:
                out.append(Value(m.group(), "分之", start, end))
        else:
            num, unit = m.group("num"), m.group("unit")
            if num[0] in _NOT_FIRST or _is_year(num, unit) or (unit == "次" and num == "一"):
                continue
            kind = "工作日" if unit == "个工作日" else unit
            out.append(Value(m.group(), kind, start, end))
    return tuple(out)


class _Sub(Protocol):
    # Read-only members: the model's and the parser's frozen dataclasses both fit.
    @property
    def id(self) -> str: ...

    @property
    def number(self) -> int: ...

    @property
    def text(self) -> str: ...


class _Point(_Sub, Protocol):
    @property
    def subpoints(self) -> Sequence[_Sub]: ...


class _Para(_Sub, Protocol):
    @property
    def points(self) -> Sequence[_Point]: ...


def leaves(article_id: str, label: str, paragraphs: Sequence[_Para]) -> list[Leaf]:
    """The 款, 项 and 目 of one article with their citations (第二十六条第（三）项; a one-款 article
    names no 款, as links.provision_index does). Takes the model's or the parser's paragraphs."""
    out: list[Leaf] = []
    several = len(paragraphs) > 1
    for para in paragraphs:
        para_cite = label + (f"第{to_chinese(para.number)}款" if several else "")
        lines = [para.text]
        for p in para.points:
            lines += [p.text, *(s.text for s in p.subpoints)]
        context = "\n".join(lines)
        out.append(Leaf(para.id, article_id, para_cite, para.text, context))
        for point in para.points:
            point_cite = f"{para_cite}第（{to_chinese(point.number)}）项"
            out.append(Leaf(point.id, article_id, point_cite, point.text, context))
            for sub in point.subpoints:
                cite = f"{point_cite}第{to_chinese(sub.number)}目"
                out.append(Leaf(sub.id, article_id, cite, sub.text, context))
    return out


def _rank(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _blank(text: str, found: Iterable[Value], answer: str) -> str:
    out, last = [], 0
    for v in found:
        if v.text == answer:
            out += [text[last : v.start], BLANK]
            last = v.end
    return "".join(out) + text[last:]


def drills(items: Sequence[Leaf]) -> tuple[Drill, ...]:
    """The drills of one regulation's provisions, in document order.

    Distractors of a value are the regulation's other values of its kind (in document order of
    first statement) that neither the provision nor its 款 contains, chosen and ordered by a hash
    of the drill id, so the same text always gives the same drills."""
    found = [(leaf, values(leaf.text)) for leaf in items]
    pool: dict[str, list[str]] = {}
    for _, vals in found:
        for v in vals:
            if v.text not in pool.setdefault(v.kind, []):
                pool[v.kind].append(v.text)
    out: list[Drill] = []
    for leaf, vals in found:
        seen: list[str] = []
        for v in vals:
            if v.text in seen:
                continue
            seen.append(v.text)
            did = f"d-{leaf.id}-{len(seen)}"
            others = [c for c in pool[v.kind] if c not in leaf.text and c not in leaf.context]
            picked = sorted(others, key=lambda c: _rank(f"{did}|{c}"))[:DISTRACTORS]
            single = len(picked) >= MIN_DISTRACTORS
            options = (
                tuple(sorted((v.text, *picked), key=lambda c: _rank(f"{did}|option|{c}"))) if single else ()
            )
            stem = _blank(leaf.text, vals, v.text)
            out.append(
                Drill(
                    did,
                    "单选" if single else "填空",
                    v.kind,
                    stem,
                    v.text,
                    options,
                    leaf.id,
                    leaf.article,
                    leaf.citation,
                    leaf.text,
                    leaf.context,
                )
            )
    return tuple(out)


class _Article(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def label(self) -> str: ...

    @property
    def paragraphs(self) -> Sequence[_Para]: ...


def regulation_drills(articles: Iterable[_Article]) -> tuple[Drill, ...]:
    """The drills of a regulation from its articles: the site's model (Regulation.articles) or an
    imported document (generator.parse.Document.articles). Only the articles: the title, history
    lines and appendices are not provisions."""
    items: list[Leaf] = []
    for art in articles:
        items += leaves(art.id, art.label, art.paragraphs)
    return drills(items)
