"""Stage 0c: a whole folder of documents imported as further regulations (`python -m generator library`).

An agency's law library is a folder of plain-text documents in the national database layout (one
file a document, `专利法实施细则(2023-12-11).txt`). Each document that parses becomes a further
regulation of the site under `<content>/laws/<slug>/`, with the same records `import --law` writes
and a `library` block in its regulation.yaml (source file, SHA-256, how its category was chosen,
whether it is the newest text of its title in the folder).

- Slug: `l` + the first 10 hex digits of the SHA-256 of the title in the file name (the part before
  `(YYYY-MM-DD)`), then `-YYYYMMDD` when the name carries a date. The same file name always gives the
  same slug, and two versions of one title differ by their date.
- Current text: among the files of one title, the one with the latest date (an undated file is
  current only when it is the only one of its title); the others get `validity: 已被修订`.
- Category (`level`, 效力级别): the name of a folder on the file's path when it is one of
  CATEGORIES, else `category_of(title)` (rules in its docstring). An existing record's `level` is an
  editor's and is kept, as are captions, notes and other editorial fields.
- A document whose folder already holds the same SHA-256 and current flag is skipped unchanged.

The planning (`plan`, `category_of`, `slug_for`, `cause_of`, `summary`) is pure; `run` does the IO.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.importer import (
    EDITORIAL_FIELDS,
    LAW_ARTICLE_SCHEMA_LINE,
    LAW_SCHEMA_LINE,
    ImportResult,
    dump_yaml,
    law_records,
    merge_law_article,
    read_source,
)
from generator.model import article_slug
from generator.parse import ParseError, parse

# The categories in the order the laws list shows them (其他: none of the rules matched).
CATEGORIES = ("法律", "行政法规", "司法解释", "部门规章", "其他")
_DATED_NAME = re.compile(r"^(?P<title>.+?)\((?P<date>\d{4}-\d{2}-\d{2})\)$")
_JUDICIAL = re.compile(r"^最高人民(?:法院|检察院)")
_LAW = re.compile(r"(?:(?<![办方])法|法典|编)$|^(?:总则|附则)$|^全国人民代表大会")
_REGULATION = re.compile(r"(?:条例|实施细则)$|^国务院")
_RULE = re.compile(r"(?:规定|办法|规则|细则|规范|标准|通知|意见|决定|解释|批复)$")
SUPERSEDED = "已被修订"


# The first history line says who made the text: 通过 by the NPC, 国务院令, a ministry's 令.
_BY_HISTORY = (
    ("司法解释", re.compile(r"最高人民(?:法院|检察院)")),
    ("法律", re.compile(r"全国人民代表大会")),
    (
        "行政法规",
        re.compile(r"国务院令|国务院(?:、中央军事?委员?会?)?(?:发布|批准)|国务院第\d+次常务会议|政务院"),
    ),
    ("部门规章", re.compile(r"令第")),
)


def category_of(title: str, history: str = "") -> str:
    """The category of a document by who made it, else by its title; the first rule that matches:

    1. its first history line names 最高人民法院/最高人民检察院 (司法解释), 全国人民代表大会 (法律),
       国务院令, 国务院发布/批准, a 国务院常务会议 or 政务院 (行政法规), another body's 令 (部门规章);
    2. by the title: starts with 最高人民法院 or 最高人民检察院 (司法解释); ends with 法 (not 办法,
       方法), 法典 or 编
       (a book of the Civil Code), is 总则 or 附则 (the Code's), or starts with 全国人民代表大会
       (法律); ends with 条例 or 实施细则, or starts with 国务院 (行政法规); ends with 规定, 办法,
       规则, 细则, 规范, 标准, 通知, 意见, 决定, 解释 or 批复 (部门规章);
    3. 其他.

    A heuristic over the collection; an editor corrects `level` in the record and later runs keep it.
    """
    for category, rule in _BY_HISTORY:
        if rule.search(history):
            return category
    plain = title.removeprefix("中华人民共和国")
    plain = re.sub(r"[（(][^）)]*[）)]$", "", plain)  # （试行）, （2012年修订）
    for category, rule in (
        ("司法解释", _JUDICIAL),
        ("法律", _LAW),
        ("行政法规", _REGULATION),
        ("部门规章", _RULE),
    ):
        if rule.search(plain):
            return category
    return "其他"


def slug_for(title: str, date: str) -> str:
    """`l` + 10 hex digits of the title's SHA-256, `-YYYYMMDD` for a dated file."""
    digest = hashlib.sha256(title.encode("utf-8")).hexdigest()[:10]
    return f"l{digest}" + (f"-{date.replace('-', '')}" if date else "")


@dataclass(frozen=True)
class Entry:
    """One source file as the library plans it: where it goes and what it is."""

    path: Path
    title: str
    date: str
    slug: str
    category: str  # '' until read from the document
    category_from: str
    current: bool


def plan(files: list[Path], root: Path) -> tuple[list[Entry], list[tuple[Path, str]]]:
    """The entries for `files` (under `root`), and the files refused before parsing (two files of
    one slug: the same title and date in two folders)."""
    named = []
    for path in files:
        m = _DATED_NAME.match(path.stem)
        title, date = (m.group("title"), m.group("date")) if m else (path.stem, "")
        folders = [p for p in path.relative_to(root).parts[:-1] if p in CATEGORIES]
        # Without a category folder the category is read from the document (`category_of`).
        category, source = (folders[-1], "folder") if folders else ("", "title")
        named.append((path, title, date, category, source))
    newest: dict[str, str] = {}
    for _, title, date, _, _ in named:
        newest[title] = max(newest.get(title, date), date)
    entries: list[Entry] = []
    refused: list[tuple[Path, str]] = []
    seen: dict[str, Path] = {}
    for path, title, date, category, source in named:
        slug = slug_for(title, date)
        if slug in seen:
            refused.append((path, f"same title and date as {seen[slug]}; not imported twice"))
            continue
        seen[slug] = path
        entries.append(Entry(path, title, date, slug, category, source, date == newest[title]))
    return entries, refused


def cause_of(message: str) -> str:
    """The cause of a refusal: its message with every number (digits or Chinese numerals) as N."""
    return re.sub(r"[0-9一二三四五六七八九十百千零〇两]+", "N", message)


@dataclass
class Outcome:
    """What one run did: slugs imported, slugs skipped unchanged, refusals as (cause, message)."""

    imported: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    articles: int = 0


def summary(outcome: Outcome, total: int) -> str:
    """The report printed at the end: counts, then the refusals grouped by cause (largest first)."""
    lines = [
        f"library: {total} documents: {len(outcome.imported)} imported ({outcome.articles} articles), "
        f"{len(outcome.skipped)} skipped unchanged, {len(outcome.refused)} refused"
    ]
    groups: dict[str, list[str]] = {}
    for cause, message in outcome.refused:
        groups.setdefault(cause, []).append(message)
    for cause, messages in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        lines.append(f"refused ({len(messages)}): {cause}")
        lines.extend(f"  {m}" for m in messages)
    return "\n".join(lines)


def library_record(entry: Entry, sha256: str, result: ImportResult, old: dict | None) -> dict:
    """The regulation record of a library document: the importer's, the `library` block, the
    category and, for an earlier version, its validity; what an editor set in `old` is kept."""
    record = dict(result.regulation)
    record.update(
        {k: v for k, v in (old or {}).items() if k not in record and k not in ("library", "validity")}
    )
    record.setdefault("level", entry.category)
    validity = (old or {}).get("validity", "")
    if not entry.current:
        validity = validity or SUPERSEDED
    elif validity == SUPERSEDED:
        validity = ""  # set by an earlier run, when a newer text of the title was not there yet
    if validity:
        record["validity"] = validity
    record["library"] = {
        "file": entry.path.name,
        "sha256": sha256,
        "category_from": entry.category_from,
        "current": entry.current,
    }
    return record


class _Unreadable(Exception):
    """An existing record that cannot be read: the document is refused and nothing of it written,
    so an editor's broken record is never overwritten."""


class _Editorial(Exception):
    """An article file the new text drops holds editorial fields: the document is refused."""


def _read_old(path: Path) -> dict | None:
    """The record already at `path` (None when there is none); _Unreadable when it is broken."""
    from generator.errors import Problem
    from generator.load import read_yaml

    if not path.exists():
        return None
    doc = read_yaml(path, path.parent)
    if isinstance(doc, Problem):
        raise _Unreadable(f"{path}:{doc.line}: cannot read the existing record: {doc.message}")
    if not isinstance(doc.data, dict):
        raise _Unreadable(f"{path}:1: the existing record is not a mapping; fix or remove it")
    return doc.data


def _unchanged(old: dict | None, entry: Entry, sha256: str) -> bool:
    block = (old or {}).get("library")
    return isinstance(block, dict) and block.get("sha256") == sha256 and block.get("current") == entry.current


def write_document(out: Path, entry: Entry, sha256: str, result: ImportResult, old: dict | None) -> None:
    """Write one document's records under `out`, keeping editorial fields of existing articles and
    removing article files the new text no longer has. An article file the new text drops that holds
    editorial fields is never removed: the document is refused and nothing of it written."""
    articles_dir = out / "articles"
    paths = [articles_dir / f"{article_slug(r['number'], r.get('suffix', 0))}.yaml" for r in result.articles]
    befores = [_read_old(path) if old else None for path in paths]  # all read before any write
    wanted = {path.name for path in paths}
    stale_files = sorted(p for p in articles_dir.glob("*.yaml") if p.name not in wanted) if old else []
    for stale in stale_files:
        fields = _read_old(stale) or {}
        kept = [key for key in EDITORIAL_FIELDS if fields.get(key)]
        if kept:
            raise _Editorial(
                f"{stale}:1: the new text no longer has this article, and the record holds editorial"
                f" fields ({', '.join(kept)}); move them to another article or delete the file, then import again"
            )
    articles_dir.mkdir(parents=True, exist_ok=True)
    for record, path, before in zip(result.articles, paths, befores, strict=True):
        path.write_text(
            dump_yaml(merge_law_article(record, before), LAW_ARTICLE_SCHEMA_LINE), encoding="utf-8"
        )
    for stale in stale_files:
        stale.unlink()
    text = dump_yaml(library_record(entry, sha256, result, old), LAW_SCHEMA_LINE)
    (out / "regulation.yaml").write_text(text, encoding="utf-8")


def run(
    source_dir: Path, content: Path, progress: Callable[[str], None] = lambda s: None
) -> tuple[Outcome, int]:
    """Import every `*.txt` under `source_dir` into `content`/laws/; (what happened, files seen)."""
    files = sorted(source_dir.rglob("*.txt"))
    entries, clashes = plan(files, source_dir)
    outcome = Outcome()
    for path, message in clashes:
        outcome.refused.append((cause_of(message), f"{path}:1: {message}"))
    for entry in entries:
        try:
            text = read_source(entry.path, str(entry.path))
            sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
            out = content / "laws" / entry.slug
            old = _read_old(out / "regulation.yaml")
            if _unchanged(old, entry, sha256):
                outcome.skipped.append(entry.slug)
                continue
            doc = parse(text, entry.path.name)
            result = law_records(doc)
        except ParseError as exc:
            message = f"{entry.path}:{exc.line}: {exc.message}"
            outcome.refused.append((cause_of(exc.message), message))
            continue
        except _Unreadable as exc:
            outcome.refused.append(("cannot read an existing record; fix or remove it", str(exc)))
            continue
        if not entry.category:
            history = doc.history[0].text if doc.history else ""
            entry = dataclasses.replace(entry, category=category_of(entry.title, history))
        try:
            write_document(out, entry, sha256, result, old)
        except _Editorial as exc:
            outcome.refused.append(("an article the new text drops holds editorial fields", str(exc)))
            continue
        except _Unreadable as exc:
            outcome.refused.append(("cannot read an existing record; fix or remove it", str(exc)))
            continue
        outcome.imported.append(entry.slug)
        outcome.articles += len(result.articles)
        progress(entry.slug)
    return outcome, len(files)
