"""Stage 1: read YAML files, keeping the line of every value so errors can point at it.

Input is bounded before it is built into values, so no file can hang or crash the loader: a file
over MAX_BYTES is refused with its size; anchors and aliases (& and *) are refused where they
stand (content never needs them, and nine levels of nine aliases expand to 387 million values);
nesting deeper than MAX_DEPTH is refused at the line where it goes too deep, before any recursive
code sees it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

import yaml

from generator.cache import Store
from generator.errors import Problem, field_name
from generator.nontext import NOT_TEXT, code_point, kind

# The largest record today is content/roles.yaml at 33 kB; 2 MiB leaves room for 60 times that.
MAX_BYTES = 2 * 1024 * 1024
# Records nest a few levels (a paragraph's points' subpoints: 6); 32 is far beyond any record.
MAX_DEPTH = 32
_NO_ANCHORS = "YAML anchors and aliases are not allowed in content; write the value out"

# A parsed YAML value: a dict with string keys, a list, a string, a number, a boolean or None,
# nested. Its shape is known only once the kind's JSON Schema has accepted it, so it is `Any`:
# code reads a record after check_schema (or guards with isinstance before), and annotates what
# it reads where the schema fixes the type (validate.ArticleRecord, ...).
Yaml: TypeAlias = Any
# Where a value is in its document: keys and list indexes from the root, ("paragraphs", 0, "text").
YamlPath: TypeAlias = tuple[Any, ...]

if TYPE_CHECKING:
    _SafeBase = yaml.SafeLoader
else:
    # libyaml when PyYAML has it: about ten times faster on large regulations.
    _SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as the strings the editor wrote (JSON has no date type)."""


class _FastLoader(_SafeBase):
    """The same, on libyaml when PyYAML has it."""


def _timestamp_as_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    return loader.construct_scalar(node)


for _cls in (_Loader, _FastLoader):
    _cls.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


@dataclass(frozen=True)
class Document:
    """A parsed YAML file.

    path: the path shown in messages (relative to the project root).
    data: the parsed value (dicts, lists, strings, numbers).
    lines: 1-based line of each value, keyed by its YAML path (tuple of keys and indexes).
    """

    path: str
    data: Yaml
    lines: dict[YamlPath, int]

    def line(self, path: YamlPath) -> int:
        """Line of the value at `path`, or of its nearest ancestor that exists."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)

    def problem(self, path: YamlPath, message: str) -> Problem:
        """A Problem located at the value at `path`."""
        return Problem(self.path, self.line(path), field_name(path), message)


def _lines(
    node: yaml.Node, path: YamlPath, out: dict[YamlPath, int], duplicates: list[tuple[YamlPath, int]]
) -> None:
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[Yaml] = set()
        for key, value in node.value:
            if key.value in seen:
                duplicates.append(((*path, key.value), key.start_mark.line + 1))
            seen.add(key.value)
            _lines(value, (*path, key.value), out, duplicates)
    elif isinstance(node, yaml.SequenceNode):
        for i, value in enumerate(node.value):
            _lines(value, (*path, i), out, duplicates)


def _non_text(node: yaml.Node, path: YamlPath, text: str, file: str) -> Problem | None:
    """The first private-use, zero-width or control character in a key or value, located.

    Such characters render as boxes or not at all and are copied into officers' documents with a
    citation, so no content file may carry them, whatever kind of record it is.
    """
    if isinstance(node, yaml.ScalarNode):
        if m := NOT_TEXT.search(node.value):
            char = m.group()
            # The line of the character itself when it is written literally (a block scalar spans
            # lines); an escape such as "\ue704" leaves only the value's first line.
            start, end = node.start_mark.index, node.end_mark.index
            at = text.find(char, start, end)
            line = node.start_mark.line + 1 + (text.count("\n", start, at) if at >= 0 else 0)
            message = f"contains {code_point(char)} ({kind(char)}), which is not text"
            return Problem(file, line, field_name(path), message)
        return None
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            key_path = (*path, key.value)
            if found := _non_text(key, key_path, text, file) or _non_text(value, key_path, text, file):
                return found
    elif isinstance(node, yaml.SequenceNode):
        for i, value in enumerate(node.value):
            if found := _non_text(value, (*path, i), text, file):
                return found
    return None


def _syntax_problem(text: str, path: str) -> Problem:
    """Describe a syntax error with the pure-Python parser, whose wording is stable everywhere.

    The bounds are checked again first: libyaml scans ahead and can fail (at 1,000 nested
    brackets) before the events that _bounds counts reach it.
    """
    try:
        if problem := _bounds(text, path, _Loader):
            return problem
        yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        return Problem(path, line, "-", f"invalid YAML: {exc.problem or exc.context}")
    except yaml.YAMLError as exc:
        return Problem(path, 1, "-", f"invalid YAML: {exc}")
    return Problem(path, 1, "-", "invalid YAML")


def _too_big(size: int, path: str) -> Problem | None:
    if size > MAX_BYTES:
        message = f"file is {size:,} bytes; a content file may hold at most {MAX_BYTES:,} bytes (2 MiB)"
        return Problem(path, 1, "-", message)
    return None


def _bounds(
    text: str, path: str, loader_class: type[_Loader] | type[_FastLoader] = _FastLoader
) -> Problem | None:
    """The first anchor, alias or too deep nesting, from the event stream (no values are built).

    Raises yaml.YAMLError on a syntax error, as parsing does.
    """
    depth = 0
    loader = loader_class(text)
    try:
        while (event := loader.get_event()) is not None:
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent):
                return Problem(path, line, "-", f"alias *{event.anchor}: {_NO_ANCHORS}")
            if getattr(event, "anchor", None):
                return Problem(path, line, "-", f"anchor &{event.anchor}: {_NO_ANCHORS}")
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return Problem(path, line, "-", f"nested deeper than {MAX_DEPTH} levels")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()
    return None


def parse_yaml(text: str, path: str) -> Document | Problem:
    """Parse YAML text; a syntax error comes back as a located Problem, never an exception.

    Bounded: see the module docstring.
    """
    if problem := _too_big(len(text.encode("utf-8", "surrogatepass")), path):
        return problem
    if (nul := text.find("\x00")) >= 0:
        line = text.count("\n", 0, nul) + 1
        return Problem(path, line, "-", "binary data (a NUL byte), not YAML text")
    try:
        if problem := _bounds(text, path):
            return problem
        loader = _FastLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError:
        return _syntax_problem(text, path)
    lines: dict[YamlPath, int] = {}
    duplicates: list[tuple[YamlPath, int]] = []
    if node is not None:
        _lines(node, (), lines, duplicates)
    if duplicates:
        # YAML keeps only the last of two equal keys; an editor never means that.
        key_path, line = duplicates[0]
        return Problem(path, line, field_name(key_path), "duplicate key (the earlier value would be lost)")
    if node is not None and (problem := _non_text(node, (), text, path)):
        return problem
    return Document(path, data, lines)


def read_yaml(file: Path, root: Path) -> Document | Problem:
    """Read and parse one YAML file; undecodable, oversized and unreadable files become a Problem
    too (the size is checked before the file is read)."""
    rel = file.relative_to(root).as_posix() if file.is_relative_to(root) else str(file)
    try:
        if problem := _too_big(file.stat().st_size, rel):
            return problem
        data = file.read_bytes()
    except OSError as exc:
        return Problem(rel, 0, "-", f"cannot read file: {exc.strerror}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return Problem(rel, line, "-", f"not UTF-8 text ({exc.reason} at byte {exc.start})")
    return parse_yaml(text, rel)


def read_folder(folder: Path, root: Path, store: Store | None = None) -> list[Document | Problem]:
    """Read every record file in a folder, in name order, skipping `_template.yaml` and dotfiles.

    With a `store` (cache.DocCache), a folder whose files are all unchanged (the same names and
    bytes) gives the documents parsed last time; a folder with a problem is always read anew."""
    files = sorted(p for p in folder.glob("*.yaml") if not p.name.startswith(("_", ".")))
    if store is None or not files:
        return [read_yaml(p, root) for p in files]
    try:
        blobs = [(p.name, p.read_bytes()) for p in files if p.stat().st_size <= MAX_BYTES]
    except OSError:
        return [read_yaml(p, root) for p in files]
    h = hashlib.sha256()
    for name, data in blobs:
        h.update(b"%d:%s\0" % (len(data), name.encode("utf-8", "surrogateescape")))
        h.update(data)
    key = store.key(PARSED, str(folder.resolve()), str(root.resolve()), str(len(files)), h.hexdigest())
    found: list[list[Document]] = []

    def check(value: object) -> bool:
        docs = _documents(value)
        if docs is not None and len(docs) == len(files):
            found.append(docs)
        return bool(found)

    if store.get(PARSED, key, check) is not None:
        return list(found[0])
    out = [read_yaml(p, root) for p in files]
    if all(isinstance(d, Document) for d in out) and (value := _as_json(out)) is not None:
        rel = folder.relative_to(root).as_posix() if folder.is_relative_to(root) else str(folder)
        store.put(PARSED, key, rel, value)
    return out


PARSED = "parsed"  # the kind of a folder's parsed documents in a Store


def _as_json(docs: list) -> list | None:
    """The documents as JSON values, or None when a value would not come back the same (a key that
    is not a string, a float that is not a number, binary data)."""
    out = [
        {"path": d.path, "data": d.data, "lines": [[list(k), v] for k, v in d.lines.items()]} for d in docs
    ]
    try:
        if json.loads(json.dumps(out, ensure_ascii=False)) != out:
            return None
    except (TypeError, ValueError):
        return None
    return out


def _documents(value: object) -> list[Document] | None:
    """Documents from what _as_json made, or None for any other value."""
    if not isinstance(value, list):
        return None
    out = []
    for item in value:
        if not (
            isinstance(item, dict)
            and isinstance(item.get("path"), str)
            and isinstance(item.get("lines"), list)
        ):
            return None
        lines = item["lines"]
        if not all(
            isinstance(x, list) and len(x) == 2 and isinstance(x[0], list) and isinstance(x[1], int)
            for x in lines
        ):
            return None
        out.append(Document(item["path"], item.get("data"), {tuple(k): v for k, v in lines}))
    return out
