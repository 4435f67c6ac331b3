"""Stage 0: parse a plain-text Chinese regulation (章/条/款/项) into YAML-ready records.

The importer is the only way article text enters `content/`: it copies every line of the law
character for character. The only things it drops are layout (leading indentation) and lines that
are not text of the regulation at all (the database's citation code, the source address, the
database's own edition title), and single characters that are not text (private-use icons of the
database's web page, zero-width and control characters); each is reported in `import_notes`, with its
line (and column for a character), so the site can say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from generator import nontext
from generator.nontext import NOT_TEXT
from generator.numerals import parse_chinese

_NUM = "零〇一二三四五六七八九十百千两0-9"
_INDENT = re.compile(r"^[ \u3000\t]+")
_CHAPTER = re.compile(rf"^第([{_NUM}]+)章[\u3000 ]+(\S.*)$")
_SECTION = re.compile(rf"^第([{_NUM}]+)节[\u3000 ]")
_ARTICLE = re.compile(rf"^第([{_NUM}]+)条([\u3000 ])(\S.*)$")
_POINT = re.compile(rf"^（([{_NUM}]+)）")
_HISTORY = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日(\S+?令第\d+号)(公布|发布|修订|修正)")
_EFFECTIVE = re.compile(r"自(\d{4})年(\d{1,2})月(\d{1,2})日\S*起施行")

# Lines a legal database puts above a regulation; each is recognised by shape, with the reason
# recorded in the import notes.
_ARTIFACTS = (
    (re.compile(r"^【法宝引证码】\s*(?P<code>\S+)$"), "北大法宝数据库的引证码，不属于规定原文"),
    (re.compile(r"^原文链接：(?P<url>\S+)$"), "数据库网页的原文链接，不属于规定原文"),
)
_EDITION_TITLE = re.compile(r"^(?P<title>.+)\((?P<edition>\d{4}[^)]*)\)$")


class ImportError_(ValueError):
    """The source text cannot be parsed; carries the 1-based line number."""

    def __init__(self, source: str, line: int, message: str) -> None:
        super().__init__(f"{source}:{line}: {message}")
        self.source = source
        self.line = line
        self.message = message


@dataclass
class ImportResult:
    """What the importer read: the regulation record and one record per article (YAML-ready dicts)."""

    regulation: dict
    articles: list[dict] = field(default_factory=list)


def _date(m: re.Match) -> str:
    y, mo, d = m.group(1), int(m.group(2)), int(m.group(3))
    return f"{y}-{mo:02d}-{d:02d}"


def parse_regulation(text: str, source: str = "<source>") -> ImportResult:
    """Parse the whole source text. Raises ImportError_ naming the line for anything it cannot place."""
    preamble: list[tuple[int, str]] = []
    chapters: list[dict] = []
    articles: list[dict] = []
    removals: list[dict] = []
    for lineno, raw in enumerate(text.split("\n"), start=1):
        raw = raw.rstrip("\r")
        removals += _character_notes(raw, lineno)
        line = _INDENT.sub("", NOT_TEXT.sub("", raw))
        if not line.strip():
            continue
        if line != line.rstrip():
            raise ImportError_(source, lineno, "trailing whitespace inside the text; fix the source file")
        if _SECTION.match(line):
            raise ImportError_(source, lineno, "sections (节) are not supported by this importer")
        if m := _CHAPTER.match(line):
            number = parse_chinese(m.group(1))
            if number != len(chapters) + 1:
                raise ImportError_(source, lineno, f"chapter {number} follows chapter {len(chapters)}")
            chapters.append({"number": number, "title": m.group(2), "articles": []})
            continue
        if m := _ARTICLE.match(line):
            number = parse_chinese(m.group(1))
            if number != len(articles) + 1:
                raise ImportError_(source, lineno, f"article {number} follows article {len(articles)}")
            if not chapters:
                raise ImportError_(source, lineno, "article before the first chapter")
            chapters[-1]["articles"].append(number)
            articles.append(
                {"number": number, "chapter": len(chapters), "paragraphs": [{"text": m.group(3)}]}
            )
            continue
        if not articles:
            if chapters:
                raise ImportError_(source, lineno, "text between a chapter heading and its first article")
            preamble.append((lineno, line))
            continue
        paragraphs = articles[-1]["paragraphs"]
        if m := _POINT.match(line):
            points = paragraphs[-1].setdefault("points", [])
            if parse_chinese(m.group(1)) != len(points) + 1:
                raise ImportError_(source, lineno, f"item （{m.group(1)}） out of sequence")
            points.append(line)
        else:
            paragraphs.append({"text": line})
    if not articles:
        raise ImportError_(source, 1, "no article (第一条) found")
    return ImportResult(_regulation_record(preamble, chapters, articles, source, removals), articles)


def _character_notes(raw: str, lineno: int) -> list[dict]:
    """One import note per non-text character of a source line, at its 1-based column."""
    return [
        {
            "line": lineno,
            "column": m.start() + 1,
            "removed": nontext.code_point(m.group()),
            "reason": nontext.reason(m.group()),
        }
        for m in NOT_TEXT.finditer(raw)
    ]


def _regulation_record(
    preamble: list[tuple[int, str]],
    chapters: list[dict],
    articles: list[dict],
    source: str,
    removals: list[dict],
) -> dict:
    notes: list[dict] = list(removals)
    record: dict = {}
    rest: list[tuple[int, str]] = []
    for lineno, line in preamble:
        for pattern, reason in _ARTIFACTS:
            if m := pattern.match(line):
                record.update(m.groupdict())
                notes.append({"line": lineno, "removed": line, "reason": reason})
                break
        else:
            rest.append((lineno, line))
    note_lines = [(n, line) for n, line in rest if line.startswith("（")]
    title_lines = [(n, line) for n, line in rest if not line.startswith("（")]
    if not title_lines:
        raise ImportError_(source, 1, "no title line before the first chapter")
    title = title_lines[-1][1]
    for lineno, line in title_lines[:-1]:
        m = _EDITION_TITLE.match(line)
        if not m or m.group("title") != title:
            raise ImportError_(source, lineno, "unrecognised line before the title")
        notes.append({"line": lineno, "removed": line, "reason": "数据库标注版本的标题，不属于规定原文"})
    promulgation = note_lines[0][1] if note_lines else ""
    history = [
        {"date": _date(m), "instrument": m.group(4), "action": m.group(5)}
        for m in _HISTORY.finditer(promulgation)
    ]
    last = articles[-1]
    last_text = "\n".join(p["text"] for p in last["paragraphs"])
    effective = _EFFECTIVE.search(last_text)
    issuer = history[0]["instrument"].split("令")[0] if history else ""
    return {
        "title": title,
        "promulgation_note": promulgation,
        "issuer": issuer,
        "history": history,
        "effective": _date(effective) if effective else "",
        "source": {"url": record.get("url", ""), "citation_code": record.get("code", ""), "file": source},
        "chapters": [
            {"number": c["number"], "title": c["title"], "first": c["articles"][0], "last": c["articles"][-1]}
            for c in chapters
        ],
        "import_notes": sorted(notes, key=lambda n: (n["line"], n.get("column", 0)))
        + [{"removed": "行首缩进（空格、全角空格）", "reason": "排版格式，不属于条文文字"}],
    }


ARTICLE_SCHEMA_LINE = "# yaml-language-server: $schema=../../generator/schemas/article.schema.json\n"
REGULATION_SCHEMA_LINE = "# yaml-language-server: $schema=../generator/schemas/regulation.schema.json\n"
EDITORIAL_FIELDS = ("caption", "related", "notes")


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
