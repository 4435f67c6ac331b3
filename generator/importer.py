"""Stage 0b: the Jilin site's YAML records (章/条/款/项) from a parsed regulation.

The importer is the only way article text enters `content/`: it copies every line of the law
character for character. The only things it drops are layout (leading indentation) and lines that
are not text of the regulation at all (the database's citation code, the source address, the
database's own edition title), and single characters that are not text (private-use icons of the
database's web page, zero-width, bidirectional and other format and control characters); each is reported in `import_notes`, with its
line (and column for a character), so the site can say so.

Reading the text is generator/parse.py's job (any shape: 编 to 目, 之N, preambles, appendices); this
module turns a parsed Document into the records the site holds today, and refuses with a located
message what those records cannot hold yet (divisions other than 章, 之N articles, 目, preamble,
appendices).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.parse import MAX_SOURCE_BYTES, Document, ParseError, parse, source_too_big

# The importer's error is the parser's: `file:line: message`.
ImportError_ = ParseError

_HISTORY = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日(\S+?令第\d+号)(公布|发布|修订|修正)")
_EFFECTIVE = re.compile(r"自(\d{4})年(\d{1,2})月(\d{1,2})日\S*起施行")


@dataclass
class ImportResult:
    """What the importer read: the regulation record and one record per article (YAML-ready dicts)."""

    regulation: dict
    articles: list[dict] = field(default_factory=list)


def read_source(path: Path, name: str | None = None) -> str:
    """The text of a source file, or ImportError_ as `name:line: message` (name: the file's name).

    The size is checked before the file is read, so a huge file costs nothing; a file that is not
    UTF-8 is located at the line of its first bad byte.
    """
    name = name or path.name
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise ParseError(name, 1, source_too_big(size))
        data = path.read_bytes()
    except IsADirectoryError:
        raise ParseError(name, 1, "is a folder, not a text file") from None
    except OSError as exc:
        raise ParseError(name, 1, f"cannot read the file: {exc.strerror}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        message = f"not UTF-8 text ({exc.reason} at byte {exc.start}); save the file as UTF-8"
        raise ParseError(name, line, message) from None


def _date(m: re.Match) -> str:
    y, mo, d = m.group(1), int(m.group(2)), int(m.group(3))
    return f"{y}-{mo:02d}-{d:02d}"


def parse_regulation(text: str, source: str = "<source>") -> ImportResult:
    """Parse a pkulaw-layout source into the site's records. Raises ImportError_ naming the line."""
    doc = parse(text, source, layout="pkulaw", chapters_only=True)
    return records(doc)


def records(doc: Document) -> ImportResult:
    """The regulation record and the article records of a document the site's model can hold."""
    for art in doc.articles:
        if art.suffix:
            raise ParseError(doc.source, art.line, f"articles with 之N ({art.label}) are not supported yet")
        for para in art.paragraphs:
            for point in para.points:
                if point.subpoints:
                    line = point.subpoints[0].line
                    raise ParseError(doc.source, line, "sub-items (目) are not supported yet")
    if doc.preamble:
        raise ParseError(doc.source, doc.preamble[0].line, "a preamble is not supported yet")
    if doc.appendices:
        raise ParseError(doc.source, doc.appendices[0].line, "appendices are not supported yet")
    for chapter in doc.divisions:
        if not chapter.articles:
            raise ParseError(doc.source, chapter.line, f"chapter {chapter.number} has no article")
    chapters = {d.id: d for d in doc.divisions}
    articles = [
        {"number": art.number, "chapter": chapters[art.division].number, "paragraphs": _paragraphs(art)}
        for art in doc.articles
    ]
    return ImportResult(_regulation_record(doc, articles), articles)


def _paragraphs(art) -> list[dict]:
    """An article's 款 records: text, and its 项 (a 项 with 目 as {text, subpoints})."""
    paragraphs = []
    for para in art.paragraphs:
        record: dict = {"text": para.text}
        if para.points_from != 1:
            record["points_from"] = para.points_from
        if para.points:
            record["points"] = [
                {"text": p.text, "subpoints": [s.text for s in p.subpoints]} if p.subpoints else p.text
                for p in para.points
            ]
        paragraphs.append(record)
    return paragraphs


def _regulation_record(doc: Document, articles: list[dict]) -> dict:
    notes: list[dict] = [
        {"line": r.line, "column": r.column, "removed": r.removed, "reason": r.reason}
        if r.column
        else {"line": r.line, "removed": r.removed, "reason": r.reason}
        for r in doc.removed
    ]
    promulgation = doc.history[0].text if doc.history else ""
    history = [
        {"date": _date(m), "instrument": m.group(4), "action": m.group(5)}
        for m in _HISTORY.finditer(promulgation)
    ]
    last_text = "\n".join(p["text"] for p in articles[-1]["paragraphs"])
    effective = _EFFECTIVE.search(last_text)
    issuer = history[0]["instrument"].split("令")[0] if history else ""
    return {
        "title": doc.title,
        "promulgation_note": promulgation,
        "issuer": issuer,
        "history": history,
        "effective": _date(effective) if effective else "",
        "source": {
            "url": doc.source_info.get("url", ""),
            "citation_code": doc.source_info.get("citation_code", ""),
            "file": doc.source,
        },
        "chapters": [
            {"number": c.number, "title": c.title, "first": _num(c.articles[0]), "last": _num(c.articles[-1])}
            for c in doc.divisions
        ],
        "import_notes": sorted(notes, key=lambda n: (n["line"], n.get("column", 0)))
        + [{"removed": "行首缩进（空格、全角空格）", "reason": "排版格式，不属于条文文字"}],
    }


def _num(article_id: str) -> int:
    return int(article_id.removeprefix("art_"))


ARTICLE_SCHEMA_LINE = "# yaml-language-server: $schema=../../generator/schemas/article.schema.json\n"
REGULATION_SCHEMA_LINE = "# yaml-language-server: $schema=../generator/schemas/regulation.schema.json\n"
EDITORIAL_FIELDS = ("caption", "related", "notes", "caption_quote")


def dump_yaml(record: dict, schema_line: str) -> str:
    """YAML text for one record: schema modeline first, keys in record order, Chinese unescaped."""
    body = yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=1_000_000)
    return schema_line + body


def merge_article(imported: dict, existing: dict | None) -> dict:
    """The imported article with the editorial fields of an existing record kept.

    Re-importing a corrected source must never lose captions, related provisions or notes; the text
    fields always come from the import.
    """
    out = {"number": imported["number"], "chapter": imported["chapter"], "caption": ""}
    out["paragraphs"] = imported["paragraphs"]
    for key in EDITORIAL_FIELDS:
        if existing and key in existing:
            out[key] = existing[key]
    return {
        k: out[k] for k in ("number", "chapter", "caption", "paragraphs", *EDITORIAL_FIELDS[1:]) if k in out
    }


LAW_SCHEMA_LINE = "# yaml-language-server: $schema=../../../generator/schemas/law.schema.json\n"
LAW_ARTICLE_SCHEMA_LINE = (
    "# yaml-language-server: $schema=../../../../generator/schemas/law_article.schema.json\n"
)
_ACTION = re.compile(r"(通过|修正|修订|公布|施行|发布)[）)]?$")


def _law_division(d) -> dict:
    out: dict = {"kind": d.kind, "number": d.number, "title": d.title}
    if d.children:
        out["children"] = [_law_division(c) for c in d.children]
    return out


def law_records(doc: Document) -> ImportResult:
    """The records of a further regulation (content/laws/<slug>/), any shape the parser reads:
    编 to 节 (or none), 之N articles, 目, a preamble and appendices."""
    articles = []
    for art in doc.articles:
        article: dict = {"number": art.number}
        if art.suffix:
            article["suffix"] = art.suffix
        if art.division:
            article["division"] = art.division
        article["caption"] = ""
        article["paragraphs"] = _paragraphs(art)
        articles.append(article)
    history = []
    for h in doc.history:
        entry: dict = {"date": h.date} if h.date else {}
        if m := _ACTION.search(h.text):
            entry["action"] = m.group(1)
        entry["text"] = h.text
        history.append(entry)
    last = doc.articles[-1].text if doc.articles else ""
    effective = _EFFECTIVE.search(last)
    notes = [
        {"line": r.line, "column": r.column, "removed": r.removed, "reason": r.reason}
        if r.column
        else {"line": r.line, "removed": r.removed, "reason": r.reason}
        for r in doc.removed
    ]
    regulation: dict = {
        "title": doc.title,
        "history": history,
        "effective": _date(effective) if effective else "",
        "source": {"file": doc.source},
    }
    if doc.preamble:
        regulation["preamble"] = [line.text for line in doc.preamble]
    if doc.divisions:
        regulation["divisions"] = [_law_division(d) for d in doc.divisions]
    if doc.appendices:
        regulation["appendices"] = [{"heading": a.heading, "lines": list(a.lines)} for a in doc.appendices]
    if notes:
        regulation["import_notes"] = sorted(notes, key=lambda n: (n["line"], n.get("column", 0)))
    if doc.notes:
        regulation["structure_notes"] = [{"line": n.line, "note": n.text} for n in doc.notes]
    return ImportResult(regulation, articles)


def merge_law_article(imported: dict, existing: dict | None) -> dict:
    """A further regulation's imported article with the editorial fields of an existing record kept."""
    out = dict(imported)
    for key in EDITORIAL_FIELDS:
        if existing and key in existing:
            out[key] = existing[key]
    return out
