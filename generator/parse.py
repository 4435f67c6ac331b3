"""Stage 0a: read a plain-text Chinese regulation into a typed document model (pure, no IO).

Two layouts are read:

- ``national``: the national laws and regulations database (and the texts under shared/corpus/):
  the title line, dated history lines (通过, 修正, 修订, 公布, 施行; a history line broken before a
  〈 or < continues on the next line), then headings and articles one per line, ``第N条`` followed by a
  space, blank lines between. Any other line before the first heading or article is preamble.
- ``pkulaw``: 北大法宝 pages as saved for the Jilin regulation: indented lines, the database's
  citation code, source address and edition title above the title (removed and recorded), and a
  bracketed promulgation note (（…公布　根据…修订）) below it.

The body is the same for both: 编, 分编, 章, 节 (any subset, or none; a judicial interpretation's
``一、…`` headings too), 条 including 条之N, 款 (one per line), 项 ``（一）``, 目 ``1.``/``1．``; a
preamble after a 序言 line; appendices (附件, 附表, 附图, 附录, 附：) after the last article.

Every line is placed or the parse fails with a located ``ParseError`` (``file:line: message``);
nothing is dropped silently. A line that starts like an article label (第 + a numeral + 条) is an
article or a refusal, never a 款 of the article before it: a label written otherwise than the
document writes its labels (full-width or ASCII digits among Chinese numerals, spaces inside,
the traditional 條), a label not followed by a space, a jump in numbering and an article with no
text are refused naming the label it should be. Only 第N条 directly followed by text where N is not
the next article stays text: a 款 that starts by citing another article. A source over
MAX_SOURCE_BYTES or holding a NUL byte is refused. Characters that are not text (generator/nontext.py) are removed and
recorded in ``Document.removed``, as are the pkulaw page's own lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NoReturn

from generator import nontext
from generator.links import (
    appendix_eid,
    article_eid,
    division_eid,
    paragraph_eid,
    point_eid,
    subpoint_eid,
)
from generator.nontext import NOT_TEXT
from generator.numerals import parse_chinese, to_chinese

_NUM = "零〇一二三四五六七八九十百千两0-9"
_INDENT = re.compile(r"^[ \u3000\t]+")
_HEADING = re.compile(rf"^第([{_NUM}]+)(编|分编|章|节)(?:[\u3000 ]+(\S.*))?$")
_ARTICLE = re.compile(rf"^(第([{_NUM}]+)条(?:之([{_NUM}]+))?)(?:[\u3000 ]+(\S.*))?$")
# Anything that starts like an article label, however mistyped: full-width digits, 万, spaces inside,
# the traditional 條, no separator before the text. See _Label.
_ANY_NUM = "零〇一二三四五六七八九十百千万两0-9０-９"
_SPACED = rf"[{_ANY_NUM}](?:[{_ANY_NUM}\u3000 ]*[{_ANY_NUM}])?"
_LABEL_LIKE = re.compile(
    rf"^(第[\u3000 ]*({_SPACED})[\u3000 ]*([条條])(?:[\u3000 ]*之[\u3000 ]*({_SPACED}))?)(.*)$"
)
_FULL_WIDTH_DIGITS = re.compile("[０-９]")
_NUMBERED_HEADING = re.compile(r"^([一二三四五六七八九十]+)、([^。，；：,;:]{1,40})$")
# 项 are numbered in Chinese numerals; （1） lines are 款 of their own (the site's records hold 项 as
# （一） only, so import and load agree).
_POINT = re.compile(r"^（([零〇一二三四五六七八九十百千两]+)）")
_SUBPOINT = re.compile(r"^(\d+)[.．](?!\d)")
_APPENDIX = re.compile(r"^附(?:[件表图录][^。，；]*|[：:].*)$")
_PREAMBLE = re.compile(r"^序[\u3000 ]*言$")
# A line naming one part of a code (人格权编, 附则) before its first article.
_CODE_PART = re.compile(r"^(?:[\u4e00-\u9fff]{1,8}编|总则|分则|附则)$")
# A line that goes on with a heading's title: no sentence punctuation, short.
_TITLE_CONTINUED = re.compile(r"^[^。；：:;]{1,30}$")
_UNNUMBERED_HEADING = re.compile(r"^(总|附)[\u3000 ]*则$")
_DATED = re.compile(r"^（?(\d{4})年(\d{1,2})月(\d{1,2})日")
_CONTINUED = re.compile(r"^[〈<]")
_TITLE_GOES_ON = ("、", "，")
# Titles of texts that amend others: their 条 are changes to another text, not provisions.
_AMENDMENT = re.compile(r"修正案|关于修改.*的决定$")

# Kind of division by its character; its nesting level (outer first; a judicial interpretation's
# 一、 heading sits where a chapter would); the character(s) it is written with, for messages.
KINDS = {"编": "book", "分编": "part", "章": "chapter", "节": "section"}
LEVELS = {"book": 0, "part": 1, "chapter": 2, "heading": 2, "section": 3}
CHARS = {"book": "编", "part": "分编", "chapter": "章", "section": "节", "heading": "一、"}

# Lines a legal database puts above a regulation (pkulaw layout); each is recognised by shape, with
# the reason recorded.
ARTIFACTS = (
    (
        "citation_code",
        re.compile(r"^【法宝引证码】\s*(?P<value>\S+)$"),
        "北大法宝数据库的引证码，不属于规定原文",
    ),
    ("url", re.compile(r"^原文链接：(?P<value>\S+)$"), "数据库网页的原文链接，不属于规定原文"),
)
_EDITION_TITLE = re.compile(r"^(?P<title>.+)\((?P<edition>\d{4}[^)]*)\)$")
EDITION_REASON = "数据库标注版本的标题，不属于规定原文"

# The largest text of shared/corpus is 313 kB (人民检察院刑事诉讼规则); the Civil Code about 400 kB.
MAX_SOURCE_BYTES = 4 * 1024 * 1024


class ParseError(ValueError):
    """The source text cannot be read; carries the 1-based line number."""

    def __init__(self, source: str, line: int, message: str) -> None:
        super().__init__(f"{source}:{line}: {message}")
        self.source = source
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Line:
    """A source line kept as text (preamble), with its 1-based line number."""

    line: int
    text: str


@dataclass(frozen=True)
class HistoryEntry:
    """One history line (通过, 修正, 公布, …), continuation lines joined by newlines.

    date: the first date of the line as YYYY-MM-DD, '' when the line starts with none.
    """

    line: int
    text: str
    date: str = ""


@dataclass(frozen=True)
class Removal:
    """Something removed because it is not text: a whole line (column 0) or one character."""

    line: int
    removed: str
    reason: str
    column: int = 0


@dataclass(frozen=True)
class Subpoint:
    """A 目: a line ``1.``/``1．`` under a 项, verbatim with its label."""

    id: str
    number: int
    line: int
    text: str


@dataclass(frozen=True)
class Point:
    """A 项: a line ``（一）…``, verbatim with its label, and its 目."""

    id: str
    number: int
    line: int
    text: str
    subpoints: tuple[Subpoint, ...] = ()


@dataclass(frozen=True)
class Paragraph:
    """A 款: one line of an article (the first follows the label), and its 项."""

    id: str
    number: int
    line: int
    text: str
    points: tuple[Point, ...] = ()
    # Number of the first 项: above 1 where the source goes on with the 项 of an earlier 款 after
    # unnumbered lines (（一）…/ a line of its own /（二）…), as it writes them.
    points_from: int = 1


@dataclass(frozen=True)
class Article:
    """A 条. label: as written (第十七条之一); number 17 and suffix 1 (0 when there is no 之N).

    division: id of the innermost division holding it, '' when there is none.
    """

    id: str
    label: str
    number: int
    suffix: int
    line: int
    division: str
    paragraphs: tuple[Paragraph, ...] = ()

    @property
    def lines(self) -> tuple[str, ...]:
        """Every line after the label, in source order: 款, then its 项, then their 目."""
        out: list[str] = []
        for para in self.paragraphs:
            out.append(para.text)
            for point in para.points:
                out.append(point.text)
                out.extend(s.text for s in point.subpoints)
        return tuple(out)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def display(self) -> str:
        """17 or 17-1, for messages."""
        return f"{self.number}-{self.suffix}" if self.suffix else str(self.number)


@dataclass(frozen=True)
class Division:
    """A 编 (book), 分编 (part), 章 (chapter), 节 (section) or 一、 heading (heading).

    label: 第三章 (一、 for a heading); title: the rest of the line after the separating spaces, verbatim.
    articles: ids of the articles directly in it; children: divisions nested in it.
    """

    id: str
    kind: str
    label: str
    number: int
    title: str
    line: int
    articles: tuple[str, ...] = ()
    children: tuple[Division, ...] = ()


@dataclass(frozen=True)
class Appendix:
    """An appendix after the last article: its first line (附件：) and the lines after it."""

    id: str
    line: int
    heading: str
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    """A whole regulation as read from its source, before any YAML or page is made of it.

    source_info: what the pkulaw page said about itself (citation_code, url); empty otherwise.
    """

    source: str
    layout: str
    title: str
    history: tuple[HistoryEntry, ...]
    preamble: tuple[Line, ...]
    divisions: tuple[Division, ...]
    articles: tuple[Article, ...]
    appendices: tuple[Appendix, ...]
    removed: tuple[Removal, ...]
    source_info: dict[str, str] = field(default_factory=dict)
    # How the reading departed from the plain shape where the text is unambiguous, in Chinese, by line.
    notes: tuple[Line, ...] = ()

    def walk(self) -> list[Division]:
        """Every division, depth first in document order."""
        out: list[Division] = []

        def visit(divs: tuple[Division, ...]) -> None:
            for d in divs:
                out.append(d)
                visit(d.children)

        visit(self.divisions)
        return out


def detect_layout(text: str) -> str:
    """'pkulaw' when the text has the database's citation code or indented lines, else 'national'."""
    for raw in text.split("\n"):
        if raw.startswith("【法宝引证码】") or re.match(r"^[\u3000]+\S", raw):
            return "pkulaw"
    return "national"


def _date(m: re.Match) -> str:
    return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"


@dataclass(frozen=True)
class _Label:
    """A line that starts like an article label, as written, before it is judged.

    written: the label as in the source (第 四十三 条); numeral/suffix_numeral: the numerals of 条 and
    之N as written; char: 条 or 條; rest: what follows the label; number/suffix: their values, None
    when a numeral cannot be read.
    """

    written: str
    numeral: str
    suffix_numeral: str
    char: str
    rest: str
    number: int | None
    suffix: int | None

    @property
    def separated(self) -> bool:
        """The label stands alone on its line or is followed by a space, as a label is."""
        return not self.rest or self.rest[0] in " \u3000"

    @property
    def text(self) -> str:
        return self.rest.lstrip(" \u3000")


def _read_numeral(text: str) -> int | None:
    """The value of a numeral in any of the ways a label may be typed (四十三, 43, ４３), or None."""
    if not text:
        return None
    ascii_text = _FULL_WIDTH_DIGITS.sub(lambda m: chr(ord(m.group()) - 0xFEE0), re.sub("[\u3000 ]", "", text))
    try:
        return parse_chinese(ascii_text)
    except ValueError:
        return None


def _label(line: str) -> _Label | None:
    if not (m := _LABEL_LIKE.match(line)):
        return None
    suffix_numeral = m.group(4) or ""
    return _Label(
        m.group(1),
        m.group(2),
        suffix_numeral,
        m.group(3),
        m.group(5),
        _read_numeral(m.group(2)),
        _read_numeral(suffix_numeral) if suffix_numeral else 0,
    )


def _write_label(number: int, suffix: int, digits: bool) -> str:
    """The label as this document writes it: 第四十三条 (or 第43条 in a document of digits), 之N."""
    main = str(number) if digits else to_chinese(number)
    return f"第{main}条" + (f"之{to_chinese(suffix)}" if suffix else "")


def _number(text: str, source: str, lineno: int) -> int:
    try:
        return parse_chinese(text)
    except ValueError:
        raise ParseError(source, lineno, f"cannot read the number {text}") from None


@dataclass
class _OpenPoint:
    id: str
    number: int
    line: int
    text: str
    subpoints: list[Subpoint] = field(default_factory=list)


@dataclass
class _OpenParagraph:
    id: str
    number: int
    line: int
    text: str
    points: list[_OpenPoint] = field(default_factory=list)
    points_from: int = 1


@dataclass
class _OpenArticle:
    id: str
    label: str
    number: int
    suffix: int
    line: int
    division: str
    paragraphs: list[_OpenParagraph] = field(default_factory=list)

    @property
    def display(self) -> str:
        return f"{self.number}-{self.suffix}" if self.suffix else str(self.number)


@dataclass
class _OpenDivision:
    id: str
    kind: str
    label: str
    number: int
    title: str
    line: int
    articles: list[str] = field(default_factory=list)
    children: list[_OpenDivision] = field(default_factory=list)


@dataclass
class _OpenAppendix:
    id: str
    line: int
    heading: str
    lines: list[str] = field(default_factory=list)


def _article(a: _OpenArticle) -> Article:
    paragraphs = tuple(
        Paragraph(
            p.id,
            p.number,
            p.line,
            p.text,
            tuple(Point(q.id, q.number, q.line, q.text, tuple(q.subpoints)) for q in p.points),
            p.points_from,
        )
        for p in a.paragraphs
    )
    return Article(a.id, a.label, a.number, a.suffix, a.line, a.division, paragraphs)


def _division(d: _OpenDivision) -> Division:
    children = tuple(_division(c) for c in d.children)
    return Division(d.id, d.kind, d.label, d.number, d.title, d.line, tuple(d.articles), children)


class _Reader:
    """One pass over the lines; state of the parse, in order."""

    def __init__(self, source: str, layout: str, chapters_only: bool) -> None:
        self.source = source
        self.layout = layout
        self.chapters_only = chapters_only
        self.front: list[Line] = []
        self.removed: list[Removal] = []
        self.notes: list[Line] = []
        self.divisions: list[_OpenDivision] = []
        self.stack: list[_OpenDivision] = []
        self.articles: list[_OpenArticle] = []
        self.appendices: list[_OpenAppendix] = []
        self.body_started = False
        # Heading whose first article has not come yet (text there cannot be placed).
        self.open_heading: _OpenDivision | None = None
        # Whether the document numbers its articles in digits (第43条), set by its first article.
        self.digits: bool | None = None

    def fail(self, lineno: int, message: str) -> NoReturn:
        raise ParseError(self.source, lineno, message)

    # -- the body ------------------------------------------------------------------------------

    def heading(self, lineno: int, kind: str, label: str, number: int, title: str) -> None:
        self.close_article()
        if self.chapters_only and kind != "chapter":
            plural = {"book": "books", "part": "parts", "section": "sections", "heading": "headings"}[kind]
            self.fail(lineno, f"{plural} ({CHARS[kind]}) are not supported by this importer")
        if self.appendices:
            self.fail(lineno, f"heading {label} after the appendices")
        level = LEVELS[kind]
        while self.stack and LEVELS[self.stack[-1].kind] >= level:
            self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        siblings = [d for d in (parent.children if parent else self.divisions) if d.kind == kind]
        last = siblings[-1].number if siblings else 0
        if number != last + 1:
            # A heading the source itself leaves out between two others (第八章, 第十章) is a gap in
            # the numbering, not a doubt about the text; before the first one it would leave
            # articles outside every division, so it stays refused.
            if not siblings or number <= last:
                self.fail(lineno, f"{kind} {number} follows {kind} {last}")
            missing = (
                f"{to_chinese(last + 1)}、" if kind == "heading" else f"第{to_chinese(last + 1)}{CHARS[kind]}"
            )
            self.notes.append(Line(lineno, f"原文缺少{missing}的标题，{label}按原文编号"))
        div = _OpenDivision(
            division_eid(parent.id if parent else "", kind, number), kind, label, number, title, lineno
        )
        (parent.children if parent else self.divisions).append(div)
        self.stack.append(div)
        self.open_heading = div
        self.body_started = True

    def is_next(self, number: int | None, suffix: int | None) -> bool:
        """Whether 第number条(之suffix) is the label that must come next."""
        prev = self.articles[-1] if self.articles else None
        if suffix:
            return prev is not None and prev.number == number and prev.suffix == suffix - 1
        return number == (prev.number if prev else 0) + 1

    def starts_mid_code(self, lineno: int, number: int, suffix: int, written: str) -> bool:
        """Whether the first article may carry a number above 1 because the document is one book of a
        code (民法典's 人格权编 starts at 第九百八十九条): a line before it names the book; noted."""
        if self.articles or suffix or number <= 1:
            return False
        book = next((item.text for item in self.front[1:] if _CODE_PART.match(item.text)), None)
        if book is None:
            return False
        self.notes.append(Line(lineno, f"本文件是法典的一部分（{book}），条文按法典连续编号，自{written}起"))
        return True

    def close_article(self) -> None:
        """The last article is complete: it must have text (a label alone is a lost article)."""
        if self.articles and not self.articles[-1].paragraphs:
            art = self.articles[-1]
            self.fail(art.line, f"article {art.display} has no text")

    def article(self, lineno: int, label: _Label) -> None:
        """A line that starts like an article label: the next article, or a located refusal.

        A label that is not written the way this document writes its labels is refused with the
        label it should be, never read as text of the previous article.
        """
        self.close_article()
        if self.appendices:
            self.fail(lineno, f"article {label.written} after the appendices")
        if label.number is None:
            self.fail(lineno, f"cannot read the number {label.numeral}")
        if label.suffix is None:
            self.fail(lineno, f"cannot read the number {label.suffix_numeral}")
        number, suffix = label.number, label.suffix
        if self.digits is None:
            self.digits = label.numeral.isascii()
        should = _write_label(number, suffix, self.digits)
        written = label.written
        if label.char == "條":
            self.fail(lineno, f"article label {written} uses the traditional 條; write {should}")
        if " " in written or "\u3000" in written:
            self.fail(lineno, f"article label {written} has spaces inside; write {should}")
        if _FULL_WIDTH_DIGITS.search(written):
            self.fail(lineno, f"article label {written} uses full-width digits; write {should}")
        if written != should:
            if label.numeral.isascii():
                self.fail(
                    lineno,
                    f"article label {written} uses digits where this document writes Chinese numerals; write {should}",
                )
            self.fail(
                lineno,
                f"article label {written} uses Chinese numerals where this document writes digits; write {should}",
            )
        if not label.separated:
            self.fail(lineno, f"article label {written} is not followed by a space before its text")
        if not self.is_next(number, suffix) and not self.starts_mid_code(lineno, number, suffix, written):
            prev = self.articles[-1] if self.articles else None
            shown = f"{number}-{suffix}" if suffix else str(number)
            self.fail(lineno, f"article {shown} follows article {prev.display if prev else 0}")
        if self.chapters_only and not self.stack:
            self.fail(lineno, "article before the first chapter")
        art_id = article_eid(number, suffix)
        division = self.stack[-1] if self.stack else None
        art = _OpenArticle(art_id, written, number, suffix, lineno, division.id if division else "")
        if division:
            division.articles.append(art_id)
        if label.text:
            art.paragraphs.append(_OpenParagraph(paragraph_eid(art_id, 1), 1, lineno, label.text))
        self.articles.append(art)
        self.open_heading = None
        self.body_started = True

    def text(self, lineno: int, line: str) -> None:
        """A line that is neither heading nor article: appendix, 款, 项 or 目 of the last article."""
        if self.appendices or (self.articles and _APPENDIX.match(line)):
            if _APPENDIX.match(line):
                self.close_article()
                self.appendices.append(_OpenAppendix(appendix_eid(len(self.appendices) + 1), lineno, line))
            else:
                self.appendices[-1].lines.append(line)
            return
        if self.open_heading is not None:
            heading = self.open_heading
            if self.layout == "national" and heading.title.endswith(_TITLE_GOES_ON):
                # A long heading broken after a comma (第五章 卷烟纸、滤嘴棒、烟用丝束、/烟草专用机械…):
                # the title keeps the break, as the article text keeps its lines.
                heading.title += "\n" + line
                return
            if self.layout == "national" and _title_goes_on(heading.title, line):
                # Broken elsewhere (听取和审议人民政府、人民法院和/人民检察院的专项工作报告): one short
                # line with no sentence punctuation, straight after a title that ends mid-phrase or
                # before a line that starts with a conjunction, goes on with it.
                heading.title += "\n" + line
                self.notes.append(Line(lineno, f"此行接续{heading.label}的标题（原文标题分两行）"))
                return
            kind = heading.kind
            self.fail(lineno, f"text between a {kind} heading and its first article")
        if _UNNUMBERED_HEADING.match(line):
            chapters = [d for d in self.divisions if d.kind == "chapter"]
            if not chapters or len(chapters) != len(self.divisions) or self.chapters_only:
                self.fail(lineno, f"heading {line} has no number (第N章); number it in the source")
            # After numbered chapters, an unnumbered 附则 (总则) is the next chapter: read as one, noted.
            number = chapters[-1].number + 1
            label = f"第{to_chinese(number)}章"
            self.heading(lineno, "chapter", label, number, line)
            self.notes.append(Line(lineno, f"原文标题“{line}”未编号，本站按章的顺序作为{label}"))
            return
        art = self.articles[-1]
        paragraphs = art.paragraphs
        if m := _POINT.match(line):
            if not paragraphs:
                self.fail(lineno, f"item （{m.group(1)}） before any text of its article")
            self.point(lineno, line, _number(m.group(1), self.source, lineno), m.group(1))
            return
        if (m := _SUBPOINT.match(line)) and paragraphs and paragraphs[-1].points:
            point = paragraphs[-1].points[-1]
            if int(m.group(1)) != len(point.subpoints) + 1:
                self.fail(lineno, f"sub-item {m.group(1)}. out of sequence")
            n = len(point.subpoints) + 1
            point.subpoints.append(Subpoint(subpoint_eid(point.id, n), n, lineno, line))
            return
        n = len(paragraphs) + 1
        paragraphs.append(_OpenParagraph(paragraph_eid(art.id, n), n, lineno, line))

    def point(self, lineno: int, line: str, number: int, written: str) -> None:
        """A 项 of the last 款: the next of its 项, or the next 项 of an earlier 款 of the article when
        only unnumbered lines stand between (the source continues a 项 over several lines)."""
        para = self.articles[-1].paragraphs[-1]
        expected = para.points_from + len(para.points)
        if number != expected:
            earlier = [p for p in self.articles[-1].paragraphs if p.points]
            if para.points or not earlier or number != earlier[-1].points_from + len(earlier[-1].points):
                self.fail(lineno, f"item （{written}） out of sequence")
            para.points_from = number
            self.notes.append(Line(lineno, f"项（{written}）接续本条前面的项，其间未编号的行保留为单独的款"))
        para.points.append(_OpenPoint(point_eid(para.id, number), number, lineno, line))


def _title_goes_on(title: str, line: str) -> bool:
    """Whether `line`, straight after a heading titled `title`, is the rest of that title: one short
    line without sentence punctuation, where the title ends with 和/的/与/及/或 or the line starts
    with 及/与/和/或/在 (a title is never left there, nor a 款 started so)."""
    if "\n" in title or not _TITLE_CONTINUED.match(line):
        return False
    return title.endswith(("和", "的", "与", "及", "或")) or line.startswith(("及", "与", "和", "或", "在"))


def _trailing_start(raw: str) -> int:
    """Index in the raw line where its trailing whitespace (and non-text characters among it) starts."""
    i = len(raw)
    while i > 0 and (nontext.TRAILING_SPACE.match(raw[i - 1]) or NOT_TEXT.match(raw[i - 1])):
        i -= 1
    return i


def source_too_big(size: int) -> str:
    """The message for a source text of `size` bytes over MAX_SOURCE_BYTES."""
    return f"source is {size:,} bytes; the importer reads at most {MAX_SOURCE_BYTES:,} bytes (4 MiB)"


def _clean_lines(r: _Reader, text: str) -> list[tuple[int, str]]:
    """The non-blank lines with their numbers, what is not text removed and recorded in `r.removed`:
    non-text characters, a pkulaw page's indentation, trailing whitespace."""
    # CRLF and a lone CR end a line as LF does (as in YAML and Python's universal newlines).
    lines = re.split("\r\n|\r|\n", text)
    clean: list[tuple[int, str]] = []
    for lineno, raw in enumerate(lines, start=1):
        for bad in NOT_TEXT.finditer(raw):
            r.removed.append(
                Removal(lineno, nontext.code_point(bad.group()), nontext.reason(bad.group()), bad.start() + 1)
            )
        line = NOT_TEXT.sub("", raw)
        if r.layout == "pkulaw":
            line = _INDENT.sub("", line)
        if not line.strip():
            continue
        if trailing := nontext.TRAILING_SPACE.search(line):
            column = _trailing_start(raw) + 1
            r.removed.append(
                Removal(
                    lineno,
                    " ".join(nontext.code_point(c) for c in trailing.group()),
                    nontext.trailing_space_reason(trailing.group()),
                    column,
                )
            )
            line = line[: trailing.start()]
        if line != line.lstrip():
            r.fail(lineno, "leading whitespace (indentation) in the national layout; fix the source file")
        clean.append((lineno, line))
    return clean


def parse(text: str, source: str = "<source>", layout: str = "auto", chapters_only: bool = False) -> Document:
    """Read the whole source text into a Document; raise ParseError naming the line otherwise.

    layout: 'national', 'pkulaw' or 'auto' (detect_layout). chapters_only: refuse any division but
    章 and any article outside a chapter (the shape the Jilin site's records can hold).
    """
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_SOURCE_BYTES:
        raise ParseError(source, 1, source_too_big(size))
    if (nul := text.find("\x00")) >= 0:
        raise ParseError(source, text.count("\n", 0, nul) + 1, "binary data (a NUL byte), not a text file")
    if layout == "auto":
        layout = detect_layout(text)
    r = _Reader(source, layout, chapters_only)
    clean = _clean_lines(r, text)
    if layout == "national" and clean and _AMENDMENT.search(clean[0][1]):
        raise ParseError(
            source, clean[0][0], "an amendment (修正案, 修改决定), not a regulation in 条 form: not imported"
        )
    for i, (lineno, line) in enumerate(clean):
        if m := _HEADING.match(line):
            kind = KINDS[m.group(2)]
            written = f"第{m.group(1)}{m.group(2)}"
            r.heading(lineno, kind, written, _number(m.group(1), source, lineno), m.group(3) or "")
        elif (label := _label(line)) and (label.separated or r.is_next(label.number, label.suffix)):
            # A label followed by text with no space is a label only where it is the next one;
            # elsewhere the line is text that starts by citing an article (第三十一条的决定…).
            r.article(lineno, label)
        elif (
            (m := _NUMBERED_HEADING.match(line))
            and not r.appendices
            and i + 1 < len(clean)
            and _ARTICLE.match(clean[i + 1][1])
        ):
            r.heading(lineno, "heading", f"{m.group(1)}、", _number(m.group(1), source, lineno), m.group(2))
        elif not r.body_started:
            r.front.append(Line(lineno, line))
        else:
            r.text(lineno, line)
    r.close_article()
    if not r.articles:
        if layout == "national":
            raise ParseError(source, 1, "not a regulation in 条 form: no article (第一条) found")
        raise ParseError(source, 1, "no article (第一条) found")
    if layout == "pkulaw":
        title, history, preamble, info = _pkulaw_front(r)
    else:
        title, history, preamble, info = _national_front(r)
    return Document(
        source,
        layout,
        title,
        tuple(history),
        tuple(preamble),
        tuple(_division(d) for d in r.divisions),
        tuple(_article(a) for a in r.articles),
        tuple(Appendix(x.id, x.line, x.heading, tuple(x.lines)) for x in r.appendices),
        tuple(sorted(r.removed, key=lambda x: (x.line, x.column))),
        info,
        tuple(r.notes),
    )


def _split_preamble(front: list[Line]) -> tuple[list[Line], list[Line]]:
    """Front matter before a 序言 line, and the preamble after it (the 序言 line included)."""
    for k, item in enumerate(front):
        if _PREAMBLE.match(item.text):
            return front[:k], front[k:]
    return front, []


def _national_front(r: _Reader) -> tuple[str, list[HistoryEntry], list[Line], dict[str, str]]:
    """Title (the first line), history (dated lines and their continuations), preamble (the rest)."""
    front, preamble = _split_preamble(r.front)
    if not front:
        r.fail(r.articles[0].line, "no title line before the first article")
    history: list[HistoryEntry] = []
    rest: list[Line] = []
    for item in front[1:]:
        if m := _DATED.match(item.text):
            history.append(HistoryEntry(item.line, item.text, _date(m)))
        elif history and not rest and _CONTINUED.match(item.text):
            last = history[-1]
            history[-1] = HistoryEntry(last.line, f"{last.text}\n{item.text}", last.date)
        else:
            rest.append(item)
    return front[0].text, history, rest + preamble, {}


def _pkulaw_front(r: _Reader) -> tuple[str, list[HistoryEntry], list[Line], dict[str, str]]:
    """The pkulaw page: database lines removed and recorded, the title, the bracketed note."""
    front, preamble = _split_preamble(r.front)
    info: dict[str, str] = {}
    rest: list[Line] = []
    for item in front:
        for key, pattern, reason in ARTIFACTS:
            if m := pattern.match(item.text):
                info[key] = m.group("value")
                r.removed.append(Removal(item.line, item.text, reason))
                break
        else:
            rest.append(item)
    notes = [item for item in rest if item.text.startswith("（")]
    titles = [item for item in rest if not item.text.startswith("（")]
    if not titles:
        r.fail(1, "no title line before the first chapter")
    title = titles[-1].text
    for item in titles[:-1]:
        m = _EDITION_TITLE.match(item.text)
        if not m or m.group("title") != title:
            r.fail(item.line, "unrecognised line before the title")
        r.removed.append(Removal(item.line, item.text, EDITION_REASON))
    history = [HistoryEntry(n.line, n.text, _date(m) if (m := _DATED.match(n.text)) else "") for n in notes]
    return title, history, preamble, info


def as_json(doc: Document) -> dict:
    """The document as plain data for ``import --json`` (shapes documented in README.md)."""

    def division(d: Division) -> dict:
        return {
            "id": d.id,
            "kind": d.kind,
            "label": d.label,
            "number": d.number,
            "title": d.title,
            "line": d.line,
            "articles": d.articles,
            "children": [division(c) for c in d.children],
        }

    return {
        "source": doc.source,
        "layout": doc.layout,
        "title": doc.title,
        "history": [{"line": h.line, "date": h.date, "text": h.text} for h in doc.history],
        "preamble": [{"line": p.line, "text": p.text} for p in doc.preamble],
        "divisions": [division(d) for d in doc.divisions],
        "articles": [
            {
                "id": a.id,
                "label": a.label,
                "number": a.number,
                "suffix": a.suffix,
                "line": a.line,
                "division": a.division,
                "text": a.text,
                "paragraphs": [
                    {
                        "id": p.id,
                        "text": p.text,
                        "points": [
                            {
                                "id": q.id,
                                "text": q.text,
                                "subpoints": [{"id": s.id, "text": s.text} for s in q.subpoints],
                            }
                            for q in p.points
                        ],
                    }
                    for p in a.paragraphs
                ],
            }
            for a in doc.articles
        ],
        "appendices": [
            {"id": x.id, "line": x.line, "heading": x.heading, "text": "\n".join(x.lines)}
            for x in doc.appendices
        ],
        "removed": [
            {
                "line": x.line,
                **({"column": x.column} if x.column else {}),
                "removed": x.removed,
                "reason": x.reason,
            }
            for x in doc.removed
        ],
    }
