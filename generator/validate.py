"""Stage 2: check documents against their schema and against each other, then build the model.

Every check runs; all problems are collected and returned together, each located by file, line and
field. Nothing here raises for a user mistake.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Container, Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import NotRequired, TypedDict, TypeGuard

import fastjsonschema
import jsonschema

from generator import higher_law
from generator.errors import Problem, field_name
from generator.links import KEY_SEPARATOR, paragraph_id, point_id, provision_index
from generator.load import Document, Yaml, YamlPath
from generator.model import (
    Article,
    Chapter,
    HistoryEvent,
    ImportNote,
    Note,
    Paragraph,
    Point,
    Provision,
    Regulation,
    Relation,
    Review,
    article_slug,
)
from generator.numerals import parse_chinese, to_chinese

SCHEMAS = Path(__file__).parent / "schemas"


# The records as generator/schemas/ fixes them: what a document's data is once check_schema has
# found no problem (keys the schema leaves optional are NotRequired).
class ParagraphRecord(TypedDict):
    """One 款 of content/articles/art-N.yaml."""

    text: str
    points: NotRequired[list[str]]


class RelatedRecord(TypedDict):
    """An editorial `related` entry: a provision id, why it is related, the words of each side."""

    ref: str
    reason: str
    quote: NotRequired[str | list[str]]
    quote_here: NotRequired[str | list[str]]


class NoteRecord(TypedDict):
    """An editorial note; `quote` is one verbatim fragment or a list of them."""

    text: str
    title: NotRequired[str]
    refs: NotRequired[list[str]]
    quote: NotRequired[str | list[str]]


class ArticleRecord(TypedDict):
    """content/articles/art-N.yaml."""

    number: int
    chapter: int
    caption: str
    paragraphs: list[ParagraphRecord]
    related: NotRequired[list[RelatedRecord]]
    notes: NotRequired[list[NoteRecord]]


class ChapterRecord(TypedDict):
    """One entry of `chapters` in content/regulation.yaml."""

    number: int
    title: str
    first: int
    last: int


# Schema folders of the declared parts (Part.folder / "schema"), in declaration order.
_part_schemas: list[Path] = []


def add_schema_folder(folder: Path) -> None:
    """Make the schemas in `folder` known (a part's `schema/`, see generator/part.py)."""
    if folder not in _part_schemas:
        _part_schemas.append(folder)


# A provision id (art_17-1__para_2__point_3__subpoint_1), optionally of a further regulation of
# the site (xzcf:art_32, see links.provision_key).
PROVISION_ID = re.compile(
    r"^([a-z][a-z0-9-]*:)?art_[1-9][0-9]*(-[1-9][0-9]*)?"
    r"(__para_[1-9][0-9]*(__point_[1-9][0-9]*(__subpoint_[1-9][0-9]*)?)?)?$"
)
_TYPES = {dict: "mapping", list: "list", str: "string", int: "integer", float: "number", bool: "boolean"}

_SCHEMA_TYPES = {
    "object": "mapping",
    "array": "list",
    "string": "string",
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
}


@cache
def schema(name: str) -> dict:
    """The JSON Schema for one kind of record (article, regulation, ...)."""
    return json.loads(schema_path(name).read_text(encoding="utf-8"))


def schema_folders() -> tuple[Path, ...]:
    """The core's schema folder, then the declared parts'."""
    return (SCHEMAS, *_part_schemas)


def schema_path(name: str) -> Path:
    """The schema file of a kind: the core's (generator/schemas/) or a part's
    (`schema/` in its folder); each kind is defined once (tests/test_architecture.py)."""
    for folder in schema_folders():
        path = folder / f"{name}.schema.json"
        if path.is_file():
            return path
    raise FileNotFoundError(f"no schema for {name!r} in {SCHEMAS} or the parts")


def _message(error: jsonschema.ValidationError) -> tuple[YamlPath, str]:
    path = tuple(error.absolute_path)
    kind = error.validator
    if kind == "required":
        missing = error.message.split("'")[1]
        return (*path, missing), "missing required field"
    if kind == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return (*path, extra[0]), "unknown field"
    if kind == "type":
        expected = error.validator_value
        names = [expected] if isinstance(expected, str) else expected
        got = _TYPES.get(type(error.instance), "null" if error.instance is None else "value")
        return path, f"expected {' or '.join(_SCHEMA_TYPES[n] for n in names)}, got {got}"
    if kind == "minLength":
        return path, "must not be empty"
    if kind == "minItems":
        return path, f"needs at least {error.validator_value} entries"
    if kind in ("minimum", "exclusiveMinimum"):
        return path, f"must be at least {error.validator_value}"
    if kind == "maximum":
        return path, f"must be at most {error.validator_value}"
    if kind == "enum":
        return path, "must be one of: " + ", ".join(str(v) for v in error.validator_value)
    if kind == "pattern":
        hint = error.schema.get("description", f"the form {error.validator_value}")
        return path, f"{error.instance!r} is not valid: expected {hint[0].lower()}{hint[1:]}"
    return path, error.message


@cache
def _compiled(kind: str) -> Callable[[object], object]:
    """The kind's schema compiled to Python by fastjsonschema, once per run: it only answers whether
    a record is valid, about seven times faster than jsonschema (4,300 articles: 0.13 s against
    0.90 s). Our schemas use only keywords that mean the same in draft 7, which it implements, and
    in draft 2020-12 (tests/test_validate.py holds both validators to the same verdicts)."""
    return fastjsonschema.compile(schema(kind))


@cache
def _validator(kind: str) -> jsonschema.Draft202012Validator:
    """The kind's jsonschema validator, once per run: it words the problems of an invalid record."""
    return jsonschema.Draft202012Validator(schema(kind))


def check_schema(doc: Document, kind: str) -> list[Problem]:
    """Every schema violation in `doc`, located; one problem per offending value. A valid record
    passes the compiled check alone; jsonschema, the reference, words the problems of the rest
    (and has the last word: a record it finds valid has no problem)."""
    try:
        _compiled(kind)(doc.data)
        return []
    except fastjsonschema.JsonSchemaValueException:
        pass
    validator = _validator(kind)
    problems = []
    for error in validator.iter_errors(doc.data):
        path, message = _message(error)
        problems.append(doc.problem(path, message))
    return problems


def _article(doc: Document) -> Article:
    data: ArticleRecord = doc.data
    number = data["number"]
    paragraphs = []
    for m, para in enumerate(data["paragraphs"], start=1):
        points = tuple(
            Point(point_id(number, m, k), k, text) for k, text in enumerate(para.get("points", []), start=1)
        )
        paragraphs.append(Paragraph(paragraph_id(number, m), m, para["text"], points))
    related, notes = editorial_fields(data)
    return Article(
        number=number,
        chapter=data["chapter"],
        caption=data["caption"],
        paragraphs=tuple(paragraphs),
        related=related,
        notes=notes,
        source=doc.path,
    )


def _regulation(doc: Document, articles: tuple[Article, ...]) -> Regulation:
    data = doc.data
    return Regulation(
        title=data["title"],
        promulgation_note=data["promulgation_note"],
        issuer=data["issuer"],
        history=tuple(HistoryEvent(**h) for h in data["history"]),
        effective=data["effective"],
        source_url=data["source"]["url"],
        citation_code=data["source"]["citation_code"],
        source_file=data["source"]["file"],
        chapters=tuple(Chapter(**c) for c in data["chapters"]),
        articles=articles,
        import_notes=tuple(ImportNote(**n) for n in data.get("import_notes", [])),
        slug=data.get("slug", "regulation"),
        reviewed=Review(**data["reviewed"]) if "reviewed" in data else None,
        level=data.get("level", ""),
        validity=data.get("validity", ""),
    )


def _chapter_problems(doc: Document) -> list[Problem]:
    problems = []
    expected_first = 1
    chapters: list[ChapterRecord] = doc.data["chapters"]
    for i, chapter in enumerate(chapters):
        if chapter["number"] != i + 1:
            problems.append(
                doc.problem(("chapters", i, "number"), f"expected chapter {i + 1}, got {chapter['number']}")
            )
        if chapter["first"] != expected_first:
            problems.append(
                doc.problem(
                    ("chapters", i, "first"), f"expected article {expected_first}, got {chapter['first']}"
                )
            )
        if chapter["last"] < chapter["first"]:
            problems.append(
                doc.problem(("chapters", i, "last"), f"ends before it starts (first is {chapter['first']})")
            )
        expected_first = chapter["last"] + 1
    return problems


def _point_problems(doc: Document) -> list[Problem]:
    problems = []
    paragraphs = doc.data.get("paragraphs") if isinstance(doc.data, dict) else None
    for m, para in enumerate(paragraphs if isinstance(paragraphs, list) else []):
        points = para.get("points") if isinstance(para, dict) else None
        for k, text in enumerate(points if isinstance(points, list) else []):
            if not isinstance(text, str) or not text.startswith("（") or "）" not in text:
                continue  # the schema reports it
            if message := item_label_problem(text, k + 1):
                problems.append(doc.problem(("paragraphs", m, "points", k), message))
    return problems


def item_label_problem(text: str, number: int) -> str | None:
    """`item label （x） is not （y）` when the 项 at 1-based position `number` is not labelled with
    it, else None. `text` starts with （ and holds a ）(the schemas check that)."""
    label = text[1 : text.index("）")]
    try:
        if parse_chinese(label) == number:
            return None
    except ValueError:
        pass
    return f"item label （{label}） is not （{to_chinese(number)}）"


def editorial_fields(data: Mapping[str, Yaml]) -> tuple[tuple[Relation, ...], tuple[Note, ...]]:
    """The editorial `related` entries and `notes` of an article record (the site's own or a
    further regulation's), as the model holds them."""
    related = tuple(
        Relation(r["ref"], r["reason"], quotes_of(r.get("quote")), quotes_of(r.get("quote_here")))
        for r in data.get("related", [])
    )
    notes = tuple(
        Note(
            n["text"],
            n.get("title", ""),
            tuple(n.get("refs", [])),
            quotes_of(n.get("quote")),
            kind=n.get("kind", ""),
            higher_ref=n.get("higher_ref", ""),
            higher_quote=quotes_of(n.get("higher_quote")),
            restates=n.get("restates", ""),
        )
        for n in data.get("notes", [])
    )
    return related, notes


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def build_regulation(
    regulation_doc: Document,
    article_docs: list[Document],
    articles_dir: str,
    unreadable: frozenset[str] = frozenset(),
) -> tuple[Regulation | None, list[Problem]]:
    """Check the regulation and its articles together and build the model.

    Every check runs on whatever parts are well-formed enough to check, so one broken field does
    not hide the problems of the rest. Returns (model, []) or (None, every problem found).
    """
    problems = check_schema(regulation_doc, "regulation")
    if problems:
        for doc in article_docs:
            problems += check_schema(doc, "article")
        return None, problems
    problems += _chapter_problems(regulation_doc)
    chapters: list[ChapterRecord] = regulation_doc.data["chapters"]
    expected = range(1, chapters[-1]["last"] + 1)

    by_number: dict[int, Document] = {}
    valid: set[int] = set()
    for doc in article_docs:
        found = check_schema(doc, "article")
        problems += found
        data = doc.data if isinstance(doc.data, dict) else {}
        number, chapter = data.get("number"), data.get("chapter")
        problems += _point_problems(doc)
        if not _is_int(number):
            unreadable |= {doc.path}
            continue
        stem = Path(doc.path).stem
        if stem != article_slug(number):
            problems.append(
                doc.problem(
                    ("number",),
                    f"article {number} must be in {article_slug(number)}.yaml, not {Path(doc.path).name}",
                )
            )
        if number in by_number:
            problems.append(
                doc.problem(("number",), f"article {number} is also defined in {by_number[number].path}")
            )
            continue
        by_number[number] = doc
        if not found:
            valid.add(number)
        if number not in expected:
            problems.append(
                doc.problem(("number",), f"article {number} is outside the chapters (1 to {expected[-1]})")
            )
            continue
        owner = next((c for c in chapters if c["first"] <= number <= c["last"]), None)
        if owner and _is_int(chapter) and chapter != owner["number"]:
            problems.append(
                doc.problem(
                    ("chapter",), f"article {number} belongs to chapter {owner['number']}, not {chapter}"
                )
            )
    # A file that exists but cannot say its number has its own problem; do not call it missing too.
    unreadable_stems = {Path(p).stem for p in unreadable}
    for number in sorted(set(expected) - set(by_number)):
        if article_slug(number) in unreadable_stems:
            continue
        i = next(i for i, c in enumerate(chapters) if c["first"] <= number <= c["last"])
        problems.append(
            regulation_doc.problem(
                ("chapters", i),
                f"article {number} is missing (expected in {articles_dir}/{article_slug(number)}.yaml)",
            )
        )
    problems += _reference_problems(by_number, valid, expected)
    if problems or set(expected) - valid:
        return None, problems
    articles = tuple(_article(by_number[n]) for n in expected)
    return _regulation(regulation_doc, articles), []


def note_quote_problems(
    regulation: Regulation, docs: Mapping[str, Document], index: Mapping[str, Provision] | None = None
) -> list[Problem]:
    """A note's `quote` must be verbatim in its article or in one of the provisions of its `refs`
    (a higher-law note's two quotes each in its own law); the caption and every related link's
    reason carry their quote too (restating_problems).

    Run on a built regulation (`docs` by path), next to the cross-reference check, so that both
    report together. `index` is the site's provision index when refs may name provisions of
    further regulations (slug:id); the regulation's own index otherwise.
    """
    index = provision_index(regulation) if index is None else index
    problems = []
    for article in regulation.articles:
        doc = docs[article.source]
        for i, note in enumerate(doc.data.get("notes") or []):
            if note.get("kind") == "higher_law":
                # Each text against its own law (generator/higher_law.py).
                problems += higher_law.note_problems(doc, ("notes", i), note, article, index)
            elif "quote" in note:
                refs = [article.id, *(note.get("refs") or [])]
                problems += quote_problems(doc, ("notes", i, "quote"), note["quote"], refs, index)
        # The caption names words of the article; a related link's reason restates its target.
        problems += restating_problems(doc, (), doc.data, "caption", [article.id], index, "caption_quote")
        for i, rel in enumerate(doc.data.get("related") or []):
            ref = rel.get("ref") if isinstance(rel, dict) else None
            problems += restating_problems(doc, ("related", i), rel, "reason", [ref] if ref else [], index)
            problems += _here_problems(doc, ("related", i), rel, article.id, index)
    return problems


def _here_problems(
    doc: Document, path: YamlPath, rel: object, article_id: str, index: Mapping[str, Provision]
) -> list[Problem]:
    """A related link to another regulation's provision pairs two texts on one duty: besides its
    `quote` (the other side) it carries `quote_here`, verbatim words of its own article. Optional
    for a link inside the regulation, but checked when given."""
    if not isinstance(rel, dict) or not isinstance(rel.get("ref"), str):
        return []
    if KEY_SEPARATOR in rel["ref"]:
        return restating_problems(doc, path, rel, "reason", [article_id], index, "quote_here")
    if "quote_here" in rel:
        return quote_problems(doc, (*path, "quote_here"), rel["quote_here"], [article_id], index)
    return []


def _provision_ids(article: Article) -> set[str]:
    ids = {article.id}
    for para in article.paragraphs:
        ids.add(para.id)
        ids.update(p.id for p in para.points)
    return ids


def _reference_problems(docs: dict[int, Document], valid: set[int], expected: range) -> list[Problem]:
    """Every related/notes reference that names no provision.

    A reference into an article that is itself broken or missing cannot be judged and is skipped;
    that article's own problem is reported instead.
    """
    known: set[str] = set()
    for number in valid:
        known |= _provision_ids(_article(docs[number]))
    problems = []
    for doc in docs.values():
        data = doc.data
        refs: list[tuple[YamlPath, object]] = []
        for i, rel in enumerate(data.get("related") or []):
            if isinstance(rel, dict):
                refs.append((("related", i, "ref"), rel.get("ref")))
        for i, note in enumerate(data.get("notes") or []):
            if isinstance(note, dict) and isinstance(note.get("refs"), list):
                refs += [(("notes", i, "refs", j), ref) for j, ref in enumerate(note["refs"])]
        for path, ref in refs:
            if not isinstance(ref, str) or ref in known or not PROVISION_ID.match(ref):
                continue  # a malformed id is reported by the schema
            if KEY_SEPARATOR in ref:
                continue  # another regulation's provision: checked once every regulation is loaded
            m = re.match(r"^art_(\d+)(?:__|$)", ref)
            if m and int(m.group(1)) in expected and int(m.group(1)) not in valid:
                continue
            problems += unknown_provisions(doc, [(path, ref)], known)
    return problems


def foreign_reference_problems(
    regulation: Regulation, docs: Mapping[str, Document], index: Mapping[str, Provision]
) -> list[Problem]:
    """`unknown provision <slug:id>` for every related/notes reference to a further regulation's
    provision that the site does not hold (the site's own ids are checked by build_regulation)."""
    problems = []
    for article in regulation.articles:
        doc = docs[article.source]
        data = doc.data if isinstance(doc.data, dict) else {}
        refs: list[tuple[YamlPath, object]] = [
            (("related", i, "ref"), r.get("ref")) for i, r in enumerate(data.get("related") or [])
        ]
        for i, note in enumerate(data.get("notes") or []):
            refs += [(("notes", i, "refs", j), ref) for j, ref in enumerate(note.get("refs") or [])]
        problems += unknown_provisions(doc, [(p, r) for p, r in refs if KEY_SEPARATOR in str(r)], index)
    return problems


def unknown_provisions(
    doc: Document, refs: Iterable[tuple[YamlPath, object]], index: Container[object]
) -> list[Problem]:
    """`unknown provision <id>` for every (path, id) whose id names no provision in `index` (the
    provision index, or a set of ids)."""
    return [doc.problem(path, f"unknown provision {ref}") for path, ref in refs if ref not in index]


def quotes_of(value: object) -> tuple[str, ...]:
    """A `quote` field as a tuple of fragments: one string or a list of strings; absent gives ()."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(v for v in value if isinstance(v, str))
    return ()


def quote_problems(
    doc: Document,
    path: YamlPath,
    quote: str | list[Yaml] | None,
    provision_ids: Iterable[str],
    index: Mapping[str, Provision],
) -> list[Problem]:
    """`not found in the text of <citations>` for every fragment of `quote` (at `path`, a string or a
    list of strings) that is in none of the cited provisions' verbatim text.

    Verbatim means verbatim: nothing is normalised (full- and half-width punctuation differ, as
    they do in the source). Unknown provision ids are left to `unknown_provisions`.
    """
    cited = [index[p] for p in provision_ids if p in index]
    if not cited:
        return []
    fragments: list[tuple[YamlPath, Yaml]] = (
        [(path, quote)] if isinstance(quote, str) else [((*path, i), q) for i, q in enumerate(quote or [])]
    )
    where = "、".join(dict.fromkeys(p.site_citation for p in cited))
    return [
        doc.problem(at, f"not found in the text of {where}")
        for at, fragment in fragments
        if isinstance(fragment, str) and not any(fragment in p.text for p in cited)
    ]


NAVIGATION = "navigation"
# The fewest characters a restating sentence's quote fragment may have: two characters (执法, 赔偿)
# are in almost every provision and show nothing of what the sentence stands on.
MIN_QUOTE_CHARS = 4


def restating_problems(
    doc: Document,
    path: YamlPath,
    record: object,
    field: str,
    cites: Iterable[str],
    index: Mapping,
    quote_key: str = "quote",
) -> list[Problem]:
    """The rule for an editorial sentence that restates the law (a related link's reason, a role or
    checklist description, a scheme's `covers`, a caption): `record[field]` carries `record[quote_key]`,
    verbatim words of the provisions `cites` (checked, each against the text of its own law), or the
    record says `navigation: true` (a pointer that restates nothing)."""
    if not isinstance(record, dict) or not isinstance(record.get(field), str):
        return []  # the schema reports it
    if record.get(NAVIGATION) is True:
        return []
    cites = list(cites)
    if quote_key not in record:
        where = (
            "、".join(dict.fromkeys(index[c].site_citation for c in cites if c in index)) or "the cited text"
        )
        return [
            doc.problem(
                (*path, field),
                f"restates the law without a quote: add {quote_key} (verbatim words of {where}) or navigation: true",
            )
        ]
    return quote_problems(doc, (*path, quote_key), record[quote_key], cites, index) + short_quote_problems(
        doc, (*path, quote_key), record[quote_key]
    )


def short_quote_problems(doc: Document, path: YamlPath, quote: object) -> list[Problem]:
    """`quote of N characters is too short ...` for every fragment of `quote` (at `path`) shorter
    than MIN_QUOTE_CHARS: a restating sentence quotes the words it stands on, not a stray word."""
    fragments = [(path, quote)] if isinstance(quote, str) else []
    if isinstance(quote, list):
        fragments = [((*path, i), q) for i, q in enumerate(quote)]
    return [
        doc.problem(
            at,
            f"quote of {len(fragment)} characters is too short: quote at least {MIN_QUOTE_CHARS} "
            "characters, the words the sentence stands on",
        )
        for at, fragment in fragments
        if isinstance(fragment, str) and len(fragment) < MIN_QUOTE_CHARS
    ]


def duplicate_ids(
    doc: Document, entries: Iterable[tuple[YamlPath, object]], what: str = "id"
) -> list[Problem]:
    """`duplicate <what> <value> (also <field>)` for every (path, value) seen before in `entries`."""
    first: dict[object, YamlPath] = {}
    problems = []
    for path, value in entries:
        if value in first:
            problems.append(doc.problem(path, f"duplicate {what} {value} (also {field_name(first[value])})"))
        else:
            first[value] = path
    return problems


def located(doc_or_problem: Document | Problem, problems: list[Problem]) -> Document | None:
    """Keep a parsed document; record a parse problem and give None."""
    if isinstance(doc_or_problem, Problem):
        problems.append(doc_or_problem)
        return None
    return doc_or_problem


__all__ = [
    "build_regulation",
    "check_schema",
    "duplicate_ids",
    "field_name",
    "located",
    "note_quote_problems",
    "quote_problems",
    "quotes_of",
    "restating_problems",
    "schema",
    "short_quote_problems",
    "unknown_provisions",
]
