"""The typed, immutable model every later stage works on. Templates see these, never raw YAML."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.numerals import to_chinese


def article_id(number: int) -> str:
    """Akoma Ntoso style id of an article: 19 -> art_19."""
    return f"art_{number}"


def article_slug(number: int) -> str:
    """File stem of an article, both in content/ and on the site: 19 -> art-19, 5 -> art-05."""
    return f"art-{number:02d}"


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


@dataclass(frozen=True)
class Paragraph:
    """A paragraph (款): its verbatim text (the lead-in when it has items) and its items."""

    id: str
    number: int
    text: str
    points: tuple[Point, ...] = ()


@dataclass(frozen=True)
class Relation:
    """A curated related provision with the editor's one-line reason."""

    ref: str
    reason: str


@dataclass(frozen=True)
class Note:
    """An editorial note (编者注). Never part of the law; rendered visibly apart from it."""

    text: str
    title: str = ""
    refs: tuple[str, ...] = ()
    # Verbatim fragments of `refs` (or the article) when the note says what the text says.
    quote: tuple[str, ...] = ()


@dataclass(frozen=True)
class Article:
    """An article (条).

    number: article number; id art_N; slug art-NN names its YAML file and its page.
    chapter: number of the chapter it sits in.
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

    @property
    def id(self) -> str:
        return article_id(self.number)

    @property
    def slug(self) -> str:
        return article_slug(self.number)

    @property
    def label(self) -> str:
        """第十九条"""
        return f"第{to_chinese(self.number)}条"

    @property
    def lines(self) -> tuple[str, ...]:
        """Every line of the body in order: each paragraph, then its items."""
        out: list[str] = []
        for para in self.paragraphs:
            out.append(para.text)
            out.extend(p.text for p in para.points)
        return tuple(out)

    @property
    def text(self) -> str:
        """The body exactly as in the source, without the leading 第…条 and its space."""
        return "\n".join(self.lines)


@dataclass(frozen=True)
class Chapter:
    """A chapter (章): verbatim title and its article range."""

    number: int
    title: str
    first: int
    last: int

    @property
    def id(self) -> str:
        return f"chp_{self.number}"

    @property
    def slug(self) -> str:
        return f"chapter-{self.number}"

    @property
    def label(self) -> str:
        return f"第{to_chinese(self.number)}章"

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
        note = self.promulgation_note.strip().removeprefix("（").removesuffix("）")
        return f"来源：{note}；北大法宝引证码 {self.citation_code}"

    def chapter_of(self, article: Article) -> Chapter:
        return self.chapters[article.chapter - 1]

    def articles_in(self, chapter: Chapter) -> tuple[Article, ...]:
        return self.articles[chapter.first - 1 : chapter.last]


@dataclass(frozen=True)
class Provision:
    """Any citable unit (条, 款 or 项), as found by id in the provision index.

    id: provision id; article: the article it belongs to; paragraph/point: set for 款/项.
    citation: formal citation without the title, e.g. 第二十六条第（三）项.
    text: its verbatim text (an article's whole body; a paragraph with its items).
    """

    id: str
    article: Article
    paragraph: Paragraph | None = None
    point: Point | None = None
    citation: str = ""
    text: str = field(default="", repr=False)
