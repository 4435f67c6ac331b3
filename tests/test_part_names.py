"""No part is named in the core or in the search engine (issue 24).

The core modules (generator/*.py but the benchmarks) and the search engine's scripts
(site_overrides/assets/javascripts/search*.js) reach the parts through their Part records only: no
identifier or string of their code spells a registered part's name (`href_about`, `QUIZ_INDEX`,
`links.versions_url`, "reading aids") or one of its URL segments (`scoring/`, `about.html`,
`data/topics.json`, from the part's own urls.py). Comments and docstrings are prose and not read:
"about ten times faster" is English, not the part `about`. The names come from generator.parts.PARTS,
so a new part is covered when it is registered.
"""

from __future__ import annotations

import ast
import functools
import importlib
import io
import re
import tokenize
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from generator.parts import PARTS

ROOT = Path(__file__).resolve().parent.parent
SEARCH_JS = (
    "site_overrides/assets/javascripts/search.js",
    "site_overrides/assets/javascripts/search-shards.js",
)
EARLIER = (
    "generator/build.py",
    "generator/cli.py",
    "generator/project.py",
    "generator/laws.py",
    "generator/search.py",
    "generator/shard_cache.py",  # the search index's postings shards between builds
    *SEARCH_JS,
)

# Tokens that spell a part's name but mean something of the core, with the files they may appear in.
ALLOWED: tuple[tuple[tuple[str, ...], frozenset[str], str], ...] = (
    (
        EARLIER,
        frozenset(
            {
                "versions",
                "VERSIONS",
                "VERSIONS_TITLE",
                "_versions",
                "expand_versions",
                "split_versions",
                "versions_index_data",
                "loadVersions",
                "versionShards",
                "versionsEngine",
                "versionsIn",
                "versionsQuery",
            }
        ),
        # The earlier versions of further regulations (Project.versions, split off the current laws
        # by laws.split_versions) and their search scope 历史版本: a core concept, not the part that
        # compares them (which the search finds through Part.locations). "versions" is the scope's
        # id (`search --scope versions`) and a key of the built index that the site's scripts read,
        # so it stays as it is.
        "earlier versions (core)",
    ),
    (
        ("generator/cache.py", "generator/plugin.py"),
        frozenset({"versions"}),
        # The versions of the packages that render, part of the build key.
        "package versions",
    ),
    (
        ("generator/plugin.py", "generator/write.py"),
        frozenset({"checklists"}),
        # The project's content folder checklists/ (README: the project's layout), which `mkdocs
        # serve` watches and the writer refuses to build into; not the part's URL segment.
        "content folder",
    ),
)


def core_files() -> list[str]:
    """The files the rule covers, relative to the repository root."""
    modules = sorted(p for p in (ROOT / "generator").glob("*.py") if not p.name.startswith("bench"))
    return [p.relative_to(ROOT).as_posix() for p in modules] + list(SEARCH_JS)


def _docstrings(source: str) -> set[tuple[int, int]]:
    """(line, column) of every string that stands alone as a statement (docstrings)."""
    return {
        (node.lineno, node.col_offset)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    }


def _unquote(token: str) -> str:
    return re.sub(r"^[a-zA-Z]*(\"\"\"|'''|\"|')|(\"\"\"|'''|\"|')$", "", token)


def python_tokens(source: str) -> Iterator[tuple[int, str]]:
    """(line, text) of each identifier and each string's content, comments and docstrings left out."""
    docs = _docstrings(source)
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.NAME:
            yield tok.start[0], tok.string
        elif tok.type == tokenize.STRING and tok.start not in docs:
            yield tok.start[0], _unquote(tok.string)


# Where a "/" starts a regular expression rather than a division (the usual heuristic).
_REGEX_AFTER = set("(,=:[!&|?{};+-*%<>~^") | {""}
_JS_TOKEN = re.compile(r"[A-Za-z_$][\w$]*|\S")


def js_tokens(source: str) -> Iterator[tuple[int, str]]:
    """(line, text) of each identifier and each string's or regular expression's content of a
    script, comments left out."""
    pos, line, last = 0, 1, ""
    while pos < len(source):
        char = source[pos]
        if source.startswith("//", pos):
            end = source.find("\n", pos)
            end = len(source) if end < 0 else end
        elif source.startswith("/*", pos):
            end = source.index("*/", pos) + 2
        elif char in "'\"`" or (char == "/" and (last in _REGEX_AFTER or last in ("return", "typeof"))):
            end, in_class = pos + 1, False
            while source[end] != char or in_class:
                if source[end] == "\\":
                    end += 1
                elif char == "/" and source[end] in "[]":
                    in_class = source[end] == "["
                end += 1
            end += 1
            yield line, source[pos + 1 : end - 1]
            last = "x"
        elif char.isspace():
            end = pos + 1
        else:
            match = _JS_TOKEN.match(source, pos)
            assert match is not None
            end, last = match.end(), match.group()
            if re.match(r"[A-Za-z_$]", last):
                yield line, last
        line += source.count("\n", pos, end)
        pos = end


def words(token: str) -> set[str]:
    """The words of an identifier or a string, lower-cased: href_about, QUIZ_INDEX, loadVersions
    and "reading aids" hold about, quiz, versions and reading."""
    return {w.lower() for w in re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+", token)}


def url_segments(name: str) -> set[str]:
    """The URL segments of a part's pages and files, from the constants of its urls.py: the folder
    of a page in one (quiz/), else the file (about.html, data/topics.json)."""
    if not (ROOT / "generator" / "parts" / name / "urls.py").is_file():
        return set()
    module = importlib.import_module(f"generator.parts.{name}.urls")
    out = set()
    for key, value in vars(module).items():
        if not (key.isupper() and isinstance(value, str) and re.search(r"[./]", value)):
            continue
        path = re.split(r"[#?]", value)[0]
        folder, slash, _ = path.partition("/")
        out.add(folder + slash if slash and folder != "data" else path)
    return out


def named(path: str, tokens: Iterable[tuple[int, str]], parts: dict[str, set[str]]) -> list[str]:
    """path:line: messages for every token of `path` that names one of `parts` (name: URL segments)."""
    allowed = {t for files, ts, _ in ALLOWED if path in files for t in ts}
    out = []
    for line, token in tokens:
        if token in allowed:
            continue
        for name, segments in parts.items():
            out += [f"{path}:{line}: {token!r} holds its URL {s}" for s in sorted(segments) if s in token]
            if name in words(token):
                out.append(f"{path}:{line}: {token!r} names the part {name}")
    return out


def tokens_of(path: str, source: str) -> list[tuple[int, str]]:
    return list(js_tokens(source) if path.endswith(".js") else python_tokens(source))


@functools.cache
def shipped_tokens(path: str) -> tuple[tuple[int, str], ...]:
    """The tokens of a file of the repository, read once per session."""
    return tuple(tokens_of(path, (ROOT / path).read_text(encoding="utf-8")))


def registered() -> dict[str, set[str]]:
    return {part.name: url_segments(part.name) for part in PARTS}


def test_the_core_and_the_search_engine_name_no_part() -> None:
    parts = registered()
    assert set(parts) >= {"about", "versions"} and parts["about"] == {"about.html"}
    found = []
    for path in core_files():
        found += named(path, shipped_tokens(path), parts)
    assert not found, "\n".join(found)


def test_every_allowed_token_is_still_used() -> None:
    # An allowance nobody needs any more is removed, so the list stays minimal.
    used = {
        (files, token)
        for files, tokens, _ in ALLOWED
        for token in tokens
        for path in files
        if token in {t for _, t in shipped_tokens(path)}
    }
    assert {(files, t) for files, tokens, _ in ALLOWED for t in tokens} == used


# Parts as the cases below know them (the rule's own cases do not follow the registry).
PARTS_UNDER_TEST = {
    "about": {"about.html"},
    "checklists": {"checklists/"},
    "quiz": {"quiz/"},
    "reading": {"topics/", "roles/", "glossary.html", "data/topics.json"},
    "scoring": {"scoring/"},
    "versions": {"versions/"},
}


PY_CASES = [
    ("x = links.versions_url(slug)\n", ["core.py:1: 'versions_url' names the part versions"]),
    ("HREF = 'href_about'\n", ["core.py:1: 'href_about' names the part about"]),
    ("QUIZ_INDEX = 1\n", ["core.py:1: 'QUIZ_INDEX' names the part quiz"]),
    (
        "a = 1\nb = f'{base}scoring/{x}.html'\n",
        [
            "core.py:2: '{base}scoring/{x}.html' holds its URL scoring/",
            "core.py:2: '{base}scoring/{x}.html' names the part scoring",
        ],
    ),
    (
        "url = f'topics/{topic_id}.html'\n",
        ["core.py:1: 'topics/{topic_id}.html' holds its URL topics/"],
    ),
    (
        "help = 'Validate every part (reading aids)'\n",
        ["core.py:1: 'Validate every part (reading aids)' names the part reading"],
    ),
    ("u = 'data/topics.json'\n", ["core.py:1: 'data/topics.json' holds its URL data/topics.json"]),
    ("# about ten times faster than reading it twice\nx = 1\n", []),
    ('def f():\n    """Reading the text is about the scoring."""\n', []),
    (
        "scope = 'versions'\n",
        ["core.py:1: 'versions' names the part versions"],
    ),  # allowed in EARLIER files only
    ("u = 'data/regulation.json'\nwhereabouts = 'quizzical'\n", []),
]


@pytest.mark.parametrize(("source", "expected"), PY_CASES)
def test_a_part_name_in_python_code_is_found_with_its_line(source: str, expected: list[str]) -> None:
    assert named("core.py", tokens_of("core.py", source), PARTS_UNDER_TEST) == expected


JS_CASES = [
    (
        "var u = 'quiz/index.html';\n",
        ["s.js:1: 'quiz/index.html' holds its URL quiz/", "s.js:1: 'quiz/index.html' names the part quiz"],
    ),
    ("// reading aids, about 5\n/* the scoring\n about */ var a = 1;\n", []),
    ("var r = /[\"']/g;\nfunction hrefAbout() {}\n", ["s.js:2: 'hrefAbout' names the part about"]),
    (
        'var x = a / 2 / b; var s = "it\'s";\nvar checklistsUrl = 1;\n',
        ["s.js:2: 'checklistsUrl' names the part checklists"],
    ),
    (
        "var t = `${root}about.html`;\n",
        [
            "s.js:1: '${root}about.html' holds its URL about.html",
            "s.js:1: '${root}about.html' names the part about",
        ],
    ),
]


@pytest.mark.parametrize(("source", "expected"), JS_CASES)
def test_a_part_name_in_a_script_is_found_with_its_line(source: str, expected: list[str]) -> None:
    assert sorted(named("s.js", tokens_of("s.js", source), PARTS_UNDER_TEST)) == sorted(expected)


def test_the_earlier_versions_are_allowed_only_as_the_core_concept() -> None:
    source = "scope = 'versions'\nurl = versions_url(slug)\n"
    assert named("generator/search.py", tokens_of("search.py", source), PARTS_UNDER_TEST) == [
        "generator/search.py:2: 'versions_url' names the part versions"
    ]


def test_a_part_name_inserted_in_a_core_module_fails_the_rule() -> None:
    # The shipped render.py with the administrator page's old spelling put back.
    path = "generator/render.py"
    source = (ROOT / path).read_text(encoding="utf-8") + '\nABOUT = "about.html"\n'
    line = source.count("\n")
    assert named(path, tokens_of(path, source), registered()) == [
        f"{path}:{line}: 'ABOUT' names the part about",
        f"{path}:{line}: 'about.html' holds its URL about.html",
        f"{path}:{line}: 'about.html' names the part about",
    ]
