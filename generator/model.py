"""The typed, immutable model every later stage works on. Templates see these, never raw YAML."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.numerals import to_chinese


def article_id(number: int) -> str:
    """Akoma Ntoso style id of an article: 19 -> art_19."""
    return f"art_{number}"


def article_slug(number: int, suffix: int = 0) -> str:
    """File stem of an article, both in content/ and on the site: 19 -> art-19, 5 -> art-05;
    第十七条之一 (17, 1) -> art-17-1."""
    return f"art-{number:02d}" + (f"-{suffix}" if suffix else "")


@dataclass(frozen=True)
class Subpoint:
    """A sub-item (目) of an item: id art_17__para_1__point_2__subpoint_1; verbatim text with its
    label (1. or 1．)."""

    id: str
    number: int
    text: str


@dataclass(frozen=True)
class Point:
    """An item (项) of a paragraph.

    id: provision id, e.g. art_20__para_1__point_3.
    number: 1-based position; equals the number in its label.
    text: verbatim line including the label, e.g. （三）截留、私分或者变相私分罚没收入；
    """

    id: str
    number: int
    text: str
    subpoints: tuple[Subpoint, ...] = ()


@dataclass(frozen=True)
class Paragraph:
    """A paragraph (款): its verbatim text (the lead-in when it has items) and its items."""

    id: str
    number: int
    text: str
    points: tuple[Point, ...] = ()


@dataclass(frozen=True)
class Relation:
    """A curated related provision with the editor's one-line reason.

    quote: verbatim words of `ref` the reason rests on; quote_here: verbatim words of the article
    holding the entry on the same duty (both build-checked; a pair across regulations has both).
    """

    ref: str
    reason: str
    quote: tuple[str, ...] = ()
    quote_here: tuple[str, ...] = ()


@dataclass(frozen=True)
class Note:
    """An editorial note (编者注). Never part of the law; rendered visibly apart from it."""

    text: str
    title: str = ""
    refs: tuple[str, ...] = ()
    # Verbatim fragments of `refs` (or the article) when the note says what the text says.
    quote: tuple[str, ...] = ()
    # A higher-law note (上位法提示, generator/higher_law.py): kind "higher_law", the higher
    # provision (slug:id), its verbatim words, and the phrase of `quote` that marks a restatement.
    kind: str = ""
    higher_ref: str = ""
    higher_quote: tuple[str, ...] = ()
    restates: str = ""


@dataclass(frozen=True)
class Article:
    """An article (条).

    number: article number; id art_N; slug art-NN names its YAML file and its page.
    chapter: position (1-based) of the top-level division it sits in; 0 when the regulation has none.
    suffix: N of 第…条之N (0 for a plain article): id art_17-1, slug art-17-1.
    division: id of the innermost division holding it (chp_2__sec_1), '' when there is none.
    base: the URL folder of its regulation's pages ('' for the site's own regulation, laws/<slug>/
        for a further one).
    caption: editorial caption (条旨), not part of the law.
    paragraphs: the verbatim text, structured.
    related, notes: editorial additions.
    source: the YAML file it came from (for messages).
    """

    number: int
    chapter: int
    caption: str
    paragraphs: tuple[Paragraph, ...]
    related: tuple[Relation, ...] = ()
    notes: tuple[Note, ...] = ()
    source: str = ""
    suffix: int = 0
    division: str = ""
    base: str = ""

    @property
    def id(self) -> str:
        return article_id(self.number) + (f"-{self.suffix}" if self.suffix else "")

    @property
    def slug(self) -> str:
        return article_slug(self.number, self.suffix)

    @property
    def label(self) -> str:
        """第十九条, 第十七条之一"""
        tail = f"之{to_chinese(self.suffix)}" if self.suffix else ""
        return f"第{to_chinese(self.number)}条{tail}"

    @property
    def lines(self) -> tuple[str, ...]:
        """Every line of the body in order: each paragraph, then its items and their 目."""
        out: list[str] = []
        for para in self.paragraphs:
            out.append(para.text)
            for point in para.points:
                out.append(point.text)
                out.extend(s.text for s in point.subpoints)
        return tuple(out)

    @property
    def text(self) -> str:
        """The body exactly as in the source, without the leading 第…条 and its space."""
        return "\n".join(self.lines)


# A division's kind, the character it is written with and the prefix of its id (links.py has the ids).
DIVISION_CHARS = {"book": "编", "part": "分编", "chapter": "章", "section": "节"}


@dataclass(frozen=True)
class Chapter:
    """A division of the text: a chapter (章) in the site's own regulation; in a further one any of
    编, 分编, 章, 节 or a judicial interpretation's 一、 heading (kind book, part, chapter, section,
    heading). Top-level divisions have pages; nested ones (children) are headings inside them.

    number: its number as written (第三章 -> 3); first/last: positions (1-based) of its first and
    last articles in the regulation, which are the article numbers unless there are 之N articles.
    eid: its id when nested (book_1__chp_2); base: its regulation's URL folder (see Article).
    """

    number: int
    title: str
    first: int
    last: int
    kind: str = "chapter"
    children: tuple[Chapter, ...] = ()
    eid: str = ""
    base: str = ""

    @property
    def id(self) -> str:
        return self.eid or f"chp_{self.number}"

    @property
    def slug(self) -> str:
        return f"chapter-{self.number}" if self.kind == "chapter" else f"{self.kind}-{self.number}"

    @property
    def label(self) -> str:
        if self.kind == "heading":
            return f"{to_chinese(self.number)}、"
        return f"第{to_chinese(self.number)}{DIVISION_CHARS[self.kind]}"

    @property
    def plain_title(self) -> str:
        """Title without the layout spaces some sources put into two-character titles (总　　则)."""
        return self.title.replace("\u3000", "").replace(" ", "")


@dataclass(frozen=True)
class HistoryEvent:
    """One promulgation or amendment."""

    date: str
    instrument: str
    action: str
    note: str = ""  # an editorial note on the line (a slip the source keeps), never its text


@dataclass(frozen=True)
class Review:
    """The last review of the editorial aids against the text: date (YYYY-MM-DD) and who."""

    date: str
    by: str


@dataclass(frozen=True)
class ImportNote:
    """Something the importer removed because it is not text of the regulation.

    removed: the removed line, or the code point (``U+E704``) of a removed character.
    reason: why it is not text of the regulation, in Chinese.
    line: 1-based source line, 0 when the note is not about one line (indentation).
    column: 1-based column of a removed character in its source line; 0 when a whole line went.
    """

    removed: str
    reason: str
    line: int = 0
    column: int = 0


@dataclass(frozen=True)
class Appendix:
    """An appendix after the last article (附件：…), kept apart from the articles: its verbatim
    heading line and the lines after it."""

    id: str
    heading: str
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Regulation:
    """The whole regulation: provenance, chapters and articles, in order."""

    title: str
    promulgation_note: str
    issuer: str
    history: tuple[HistoryEvent, ...]
    effective: str
    source_url: str
    citation_code: str
    source_file: str
    chapters: tuple[Chapter, ...]
    articles: tuple[Article, ...]
    import_notes: tuple[ImportNote, ...] = ()
    slug: str = "regulation"
    # When the editorial aids were last reviewed against the text (content/REVIEW.md has the record).
    reviewed: Review | None = None
    # 效力级别 (e.g. 地方政府规章) and 时效性 (e.g. 现行有效), editorial; '' when not stated.
    level: str = ""
    validity: str = ""
    # A further regulation of the site (content/laws/<slug>/): its URL folder (laws/<slug>/), the
    # short title readers use (行政处罚法) and other names for the jump box and citations (处罚法).
    base: str = ""
    short_title: str = ""
    aliases: tuple[str, ...] = ()
    # Lines of a preamble (序言) before the first article, and appendices after the last, verbatim.
    preamble: tuple[str, ...] = ()
    appendices: tuple[Appendix, ...] = ()
    # The slug of the current regulation this text is an earlier version of (editorial); '' for a
    # current text.
    version_of: str = ""
    # A document of the agency's law library (`python -m generator library`): listed and navigated
    # by category, named by its file (title and date) where versions of one title stand side by side.
    library: bool = False
    # Where the importer read the source's own shape (line, note in Chinese): shown with the
    # import notes on the regulation's home page.
    structure_notes: tuple[tuple[int, str], ...] = ()

    @property
    def name(self) -> str:
        """The name readers use: the short title when there is one, else the title."""
        return self.short_title or self.title

    @property
    def promulgation(self) -> HistoryEvent:
        """The first event of the history: the promulgation (公布), whose instrument is the 发文字号."""
        return self.history[0]

    @property
    def amendments(self) -> tuple[HistoryEvent, ...]:
        """Every later event (修订, 修正), oldest first."""
        return self.history[1:]

    @property
    def source_line(self) -> str:
        """The source as copied text names it: the 题注 without its brackets and the database code."""
        if self.base:
            return f"来源：国家法律法规数据库文本（{self.source_file}）"
        note = self.promulgation_note.strip().removeprefix("（").removesuffix("）")
        return f"来源：{note}；北大法宝引证码 {self.citation_code}"

    def chapter_of(self, article: Article) -> Chapter | None:
        """The top-level division holding the article; None when the regulation has none."""
        return self.chapters[article.chapter - 1] if article.chapter else None

    def divisions_of(self, article: Article) -> tuple[Chapter, ...]:
        """The divisions holding the article, outermost first (第二章, 第一节)."""
        out: list[Chapter] = []
        level = self.chapters
        while True:
            here = next(
                (c for c in level if article.division == c.id or article.division.startswith(c.id + "__")),
                None,
            )
            if here is None:
                return tuple(out)
            out.append(here)
            level = here.children

    def articles_in(self, chapter: Chapter) -> tuple[Article, ...]:
        return self.articles[chapter.first - 1 : chapter.last]


@dataclass(frozen=True)
class Provision:
    """Any citable unit (条, 款 or 项), as found by id in the provision index.

    id: provision id; article: the article it belongs to; paragraph/point: set for 款/项.
    citation: formal citation without the title, e.g. 第二十六条第（三）项.
    text: its verbatim text (an article's whole body; a paragraph with its items).
    title: the title of its regulation; key: its id across the site: the id itself in the site's
        own regulation, <slug>:<id> in a further one (xzcf:art_32).
    """

    id: str
    article: Article
    paragraph: Paragraph | None = None
    point: Point | None = None
    citation: str = ""
    text: str = field(default="", repr=False)
    subpoint: Subpoint | None = None
    title: str = ""
    key: str = ""

    @property
    def site_citation(self) -> str:
        """The citation as the site's own pages show it: 第十七条 for the site's own regulation,
        《中华人民共和国行政处罚法》第十七条 for a further one's (its key is slug:id). The same as
        links.local_citation from the site's own regulation, for code that has only the provision."""
        return f"《{self.title}》{self.citation}" if ":" in self.key else self.citation
