"""No function over 80 lines in the generator's Python or the site's JavaScript (issue 24, item 3).

A function's length is its lines from the `def`/`function` line to its last line, both included
(decorators not counted), the way `ast` reports it. Data tables are module-level values, not
functions, so they are not measured. Python is measured with `ast`; JavaScript with `js_functions`,
a small scanner that skips strings, template literals, comments and regular expression literals
and matches the braces of every function body: `function` declarations and expressions, arrow
functions with a block body and method definitions (`name(...) {` in an object or class). An
arrow function with an expression body is not measured.

Each file's top-level `(function () { ... })();` is its module scope, not a function: every
widget is written that way, as ES modules would be written now.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 80

# The JS widgets over the limit on 84e7227, while they are being split into pure state functions
# and a thin mount (issue 24, item 3). A ratchet: an entry may only shrink, and must go once its
# function is within the limit; nothing may join it.
KNOWN_LONG: dict[str, int] = {}


@dataclass(frozen=True)
class Function:
    """One function: its qualified name (outer.inner; <anonymous> when it has none) and its first
    and last line (1-based)."""

    name: str
    first: int
    last: int

    @property
    def lines(self) -> int:
        return self.last - self.first + 1


# --- Python ---------------------------------------------------------------------------------------


def python_functions(source: str) -> list[Function]:
    """Every function and method in Python `source`, nested ones included, by qualified name."""
    found: list[Function] = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                name = prefix + child.name
                if not isinstance(child, ast.ClassDef):
                    found.append(Function(name, child.lineno, child.end_lineno or child.lineno))
                visit(child, name + ".")
            else:
                visit(child, prefix)

    visit(ast.parse(source), "")
    return found


# --- JavaScript -----------------------------------------------------------------------------------


class ScanError(ValueError):
    """The scanner could not follow the source (unterminated string, comment, regex or brace)."""


_IDENT = re.compile(r"[A-Za-z_$][\w$]*")
_NUMBER = re.compile(r"\d[\w.]*")
# After these words a `/` starts a regular expression; after any other word it divides.
_REGEX_AFTER_WORDS = {
    *("return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw"),
    *("case", "do", "else", "yield", "await"),
}
# The tokens that stand for a skipped string or template literal, and a regular expression.
_STRING, _REGEX = '""', "/re/"


@dataclass(frozen=True)
class _Token:
    text: str  # a word, `=>`, one punctuation character, _STRING or _REGEX
    line: int


def _skip_string(source: str, i: int, line: int) -> tuple[int, int]:
    """Past the string literal starting at source[i] (a quote); returns (index, line)."""
    quote = source[i]
    i += 1
    while i < len(source):
        c = source[i]
        if c == "\\":
            line += source[i + 1 : i + 2] == "\n"
            i += 2
            continue
        if c == quote:
            return i + 1, line
        if c == "\n":
            raise ScanError(f"line {line}: unterminated string")
        i += 1
    raise ScanError(f"line {line}: unterminated string")


def _skip_regex(source: str, i: int, line: int) -> int:
    """Past the regular expression literal starting at source[i] (a slash), flags included."""
    i += 1
    in_class = False
    while i < len(source):
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if c == "\n":
            break
        if c == "[":
            in_class = True
        elif c == "]":
            in_class = False
        elif c == "/" and not in_class:
            m = _IDENT.match(source, i + 1)
            return m.end() if m else i + 1
        i += 1
    raise ScanError(f"line {line}: unterminated regular expression")


def _regex_may_start(previous: _Token | None) -> bool:
    """Whether a `/` after `previous` starts a regular expression rather than dividing."""
    if previous is None:
        return True
    text = previous.text
    if text in (")", "]", _STRING, _REGEX):
        return False
    if _IDENT.fullmatch(text) or _NUMBER.fullmatch(text):
        return text in _REGEX_AFTER_WORDS
    return True  # an operator, `(`, `,`, `{`, `;`, or `}` (taken as a block's end)


def js_tokens(source: str) -> list[_Token]:
    """The words and punctuation of JavaScript `source`, without strings, comments and regular
    expression literals (a template literal's `${...}` code is kept). Raises ScanError when the
    source ends inside one of them."""
    tokens: list[_Token] = []
    # Open template literals: the brace depth of each `${` being read, innermost last.
    templates: list[int] = []
    depth = 0
    i, line = 0, 1
    n = len(source)

    def template(i: int, line: int) -> tuple[int, int, bool]:
        """Read template text from i up to its closing backtick (False) or a `${` (True)."""
        start = line
        while i < n:
            c = source[i]
            if c == "\\":
                line += source[i + 1 : i + 2] == "\n"
                i += 2
            elif c == "`":
                return i + 1, line, False
            elif c == "$" and source[i + 1 : i + 2] == "{":
                return i + 2, line, True
            else:
                line += c == "\n"
                i += 1
        raise ScanError(f"line {start}: unterminated template literal")

    while i < n:
        c = source[i]
        if c == "\n":
            line += 1
            i += 1
        elif c.isspace():
            i += 1
        elif source.startswith("//", i):
            end = source.find("\n", i)
            i = n if end < 0 else end
        elif source.startswith("/*", i):
            end = source.find("*/", i + 2)
            if end < 0:
                raise ScanError(f"line {line}: unterminated comment")
            line += source.count("\n", i, end)
            i = end + 2
        elif c in "\"'":
            i, line = _skip_string(source, i, line)
            tokens.append(_Token(_STRING, line))
        elif c == "`" or (c == "}" and templates and templates[-1] == depth):
            if c == "}":
                templates.pop()
            i, line, opened = template(i + 1, line)
            if opened:
                templates.append(depth)
            else:
                tokens.append(_Token(_STRING, line))
        elif c == "/" and _regex_may_start(tokens[-1] if tokens else None):
            i = _skip_regex(source, i, line)
            tokens.append(_Token(_REGEX, line))
        elif m := (_IDENT.match(source, i) or _NUMBER.match(source, i)):
            tokens.append(_Token(m.group(), line))
            i = m.end()
        elif source.startswith("=>", i):
            tokens.append(_Token("=>", line))
            i += 2
        else:
            depth += c == "{"
            depth -= c == "}"
            tokens.append(_Token(c, line))
            i += 1
    return tokens


def _braces(tokens: list[_Token]) -> dict[int, int]:
    """The index of each `{` token's matching `}`."""
    open_at: list[int] = []
    match: dict[int, int] = {}
    for k, tok in enumerate(tokens):
        if tok.text == "{":
            open_at.append(k)
        elif tok.text == "}":
            if not open_at:
                raise ScanError(f"line {tok.line}: unmatched closing brace")
            match[open_at.pop()] = k
    if open_at:
        raise ScanError(f"line {tokens[open_at[-1]].line}: unclosed brace")
    return match


def _after_parens(tokens: list[_Token], j: int) -> int:
    """The index after the `)` that closes the `(` at tokens[j] (len(tokens) when none does)."""
    parens = 0
    while j < len(tokens):
        parens += tokens[j].text == "("
        parens -= tokens[j].text == ")"
        j += 1
        if parens == 0:
            return j
    return j


def _before_parens(tokens: list[_Token], j: int) -> int:
    """The index of the `(` that opens the `)` at tokens[j]."""
    parens = 0
    while j >= 0:
        parens += tokens[j].text == ")"
        parens -= tokens[j].text == "("
        if parens == 0:
            return j
        j -= 1
    raise ScanError(f"line {tokens[0].line}: unmatched closing parenthesis")


def _given_name(tokens: list[_Token], k: int) -> str:
    """The name `x = <function>`, `x: <function>` or `obj.x = <function>` gives the function
    starting at tokens[k]; else <anonymous>."""
    if k >= 2 and tokens[k - 1].text in ("=", ":") and _IDENT.fullmatch(tokens[k - 2].text):
        return tokens[k - 2].text
    return "<anonymous>"


# Words followed by `(...) {` that are statements, not method definitions.
_STATEMENTS = {"if", "for", "while", "switch", "catch", "with", "function"}


def _function_at(tokens: list[_Token], k: int) -> tuple[str, int, int] | None:
    """(name, index of its first token, index of the body's `{`) when a function starts at
    tokens[k]: a `function` keyword, a `=>` before `{`, or a method name before `(...) {`."""
    text = tokens[k].text
    if text == "function":
        j = k + 1 + (k + 1 < len(tokens) and tokens[k + 1].text == "*")
        named = j < len(tokens) and _IDENT.fullmatch(tokens[j].text) is not None
        while j < len(tokens) and tokens[j].text != "(":
            j += 1
        body = _after_parens(tokens, j)
        if body >= len(tokens) or tokens[body].text != "{":
            raise ScanError(f"line {tokens[k].line}: function without a body")
        return (tokens[j - 1].text if named else _given_name(tokens, k)), k, body
    if text == "=>" and k + 1 < len(tokens) and tokens[k + 1].text == "{":
        first = _before_parens(tokens, k - 1) if tokens[k - 1].text == ")" else k - 1
        return _given_name(tokens, first), first, k + 1
    is_method = _IDENT.fullmatch(text) and text not in _STATEMENTS and k + 1 < len(tokens)
    if is_method and tokens[k + 1].text == "(" and (k == 0 or tokens[k - 1].text not in ("function", "*")):
        body = _after_parens(tokens, k + 1)
        if body < len(tokens) and tokens[body].text == "{":
            return text, k, body
    return None


def _module_scope(tokens: list[_Token], k: int, close: int, depth: int) -> bool:
    """`(function () { ... })();` or `(function () { ... }());` outside any brace: a module scope."""
    after = "".join(t.text for t in tokens[close + 1 : close + 4])
    return depth == 0 and k > 0 and tokens[k - 1].text == "(" and after in (")()", "())")


def js_functions(source: str) -> list[Function]:
    """Every function in JavaScript `source` (nested ones included) by qualified name, in source
    order, except a file's top-level module scope. Raises ScanError on a source it cannot follow."""
    tokens = js_tokens(source)
    match = _braces(tokens)
    found: list[Function] = []
    enclosing: list[tuple[int, str]] = []  # (index of the closing brace, qualified name)
    depth = 0
    for k, tok in enumerate(tokens):
        depth += (tok.text == "{") - (tok.text == "}")
        if (at := _function_at(tokens, k)) is None:
            continue
        name, first, body = at
        close = match[body]
        if tok.text == "function" and _module_scope(tokens, k, close, depth):
            continue
        while enclosing and enclosing[-1][0] < k:
            enclosing.pop()
        qualified = f"{enclosing[-1][1]}.{name}" if enclosing else name
        enclosing.append((close, qualified))
        found.append(Function(qualified, tokens[first].line, tokens[close].line))
    return found


# --- The rule -------------------------------------------------------------------------------------

PYTHON = ("generator/**/*.py",)
JAVASCRIPT = ("site_overrides/assets/javascripts/*.js", "generator/parts/*/theme/assets/javascripts/*.js")


def measured(
    patterns: tuple[str, ...], functions: Callable[[str], list[Function]], root: Path = ROOT
) -> dict[str, int]:
    """Lines of every function in the files under `root` matching `patterns`, by
    `path:qualified name`; a name seen twice in one file gets `#2`, `#3`, ... in source order."""
    lengths: dict[str, int] = {}
    for pattern in patterns:
        for path in sorted(root.glob(pattern)):
            rel = path.relative_to(root).as_posix()
            for f in functions(path.read_text(encoding="utf-8")):
                key, n = f"{rel}:{f.name}", 2
                while key in lengths:
                    key, n = f"{rel}:{f.name}#{n}", n + 1
                lengths[key] = f.lines
    return lengths


def ratchet_problems(lengths: dict[str, int], known: dict[str, int], limit: int = LIMIT) -> list[str]:
    """What breaks the rule: a function over `limit` lines that `known` does not list or that
    grew past its listed length, and a listed entry that is now within the limit or gone."""
    problems = []
    for key, lines in sorted(lengths.items()):
        if lines > limit and key not in known:
            problems.append(f"{key}: {lines} lines; split it (at most {limit})")
        elif key in known and lines > known[key]:
            problems.append(f"{key}: {lines} lines, more than the {known[key]} listed in KNOWN_LONG")
        elif key in known and lines <= limit:
            problems.append(f"{key}: {lines} lines, within the limit now; remove it from KNOWN_LONG")
    for key in sorted(known.keys() - lengths.keys()):
        problems.append(f"{key}: no such function any more; remove it from KNOWN_LONG")
    return problems


def test_no_python_function_is_over_80_lines() -> None:
    assert ratchet_problems(measured(PYTHON, python_functions), {}) == []


def test_no_js_function_is_over_80_lines_but_the_known_ones_which_only_shrink() -> None:
    assert ratchet_problems(measured(JAVASCRIPT, js_functions), KNOWN_LONG) == []


def test_the_scanner_ends_each_shipped_function_where_its_indentation_does() -> None:
    """The widgets are formatted: a function over several lines ends on a line that starts with
    its closing brace, indented no deeper than its first line (as deep, or less when the first
    line continues an expression). A scanner that lost a brace or misread a regex would end some
    function elsewhere."""
    misplaced = []
    for pattern in JAVASCRIPT:
        for path in sorted(ROOT.glob(pattern)):
            lines = path.read_text(encoding="utf-8").split("\n")
            for f in js_functions("\n".join(lines)):
                first, last = lines[f.first - 1], lines[f.last - 1]
                indent = len(first) - len(first.lstrip())
                closes = last.lstrip().startswith("}") and len(last) - len(last.lstrip()) <= indent
                if f.last > f.first and not closes:
                    misplaced.append(f"{path.name}:{f.name}: {f.first}-{f.last}")
    assert misplaced == []


# --- The ratchet ----------------------------------------------------------------------------------


def test_ratchet_names_a_new_offender() -> None:
    assert ratchet_problems({"a.js:f": 81, "a.js:g": 80}, {}) == ["a.js:f: 81 lines; split it (at most 80)"]


def test_ratchet_names_a_listed_function_that_grew() -> None:
    assert ratchet_problems({"a.js:f": 120}, {"a.js:f": 119}) == [
        "a.js:f: 120 lines, more than the 119 listed in KNOWN_LONG"
    ]


def test_ratchet_lets_a_listed_function_shrink_but_not_below_the_limit_unlisted() -> None:
    assert ratchet_problems({"a.js:f": 100}, {"a.js:f": 119}) == []
    assert ratchet_problems({"a.js:f": 80}, {"a.js:f": 119}) == [
        "a.js:f: 80 lines, within the limit now; remove it from KNOWN_LONG"
    ]


def test_ratchet_names_a_listed_function_that_is_gone() -> None:
    assert ratchet_problems({}, {"a.js:f": 119}) == [
        "a.js:f: no such function any more; remove it from KNOWN_LONG"
    ]


def test_known_long_lists_only_functions_over_the_limit() -> None:
    assert all(lines > LIMIT for lines in KNOWN_LONG.values())


# --- Python measurement ---------------------------------------------------------------------------


def test_python_functions_are_measured_from_def_to_last_line_by_qualified_name() -> None:
    source = """\
import functools


@functools.cache
def outer(x):
    def inner():
        return x

    return inner


class Box:
    async def run(self):
        pass
"""
    assert python_functions(source) == [
        Function("outer", 5, 9),
        Function("outer.inner", 6, 7),
        Function("Box.run", 13, 14),
    ]


def test_measured_keys_repeat_names_apart(tmp_path: Path) -> None:
    (tmp_path / "w.js").write_text("function f() {}\nfunction f() {\n}\nfunction f() {}\n", encoding="utf-8")
    assert measured(("*.js",), js_functions, tmp_path) == {"w.js:f": 1, "w.js:f#2": 2, "w.js:f#3": 1}


# --- The JavaScript scanner -----------------------------------------------------------------------


def test_js_declarations_expressions_and_nesting() -> None:
    source = """\
(function () {
  "use strict";
  var helpers = {
    pick: function (a) { return a; }
  };
  var later = function () {
    return 1;
  };
  function mount(root) {
    root.addEventListener("click", function () {
      run();
    });
    function run() {
    }
  }
  window.kb.mount("x", mount);
})();
"""
    assert js_functions(source) == [
        Function("pick", 4, 4),
        Function("later", 6, 8),
        Function("mount", 9, 15),
        Function("mount.<anonymous>", 10, 12),
        Function("mount.run", 13, 14),
    ]


def test_js_arrow_functions_and_methods() -> None:
    source = """\
var add = (a, b) => {
  return a + b;
};
var twice = x => x * 2;
var store = {
  load(key) {
    if (key) {
      return key;
    }
    for (var i = 0; i < 2; i++) {
    }
  },
};
class Sheet {
  draw() {
    try {
    } catch (e) {
    }
    rows.forEach(row => {
      show(row);
    });
  }
}
"""
    assert js_functions(source) == [
        Function("add", 1, 3),
        Function("load", 6, 12),
        Function("draw", 15, 22),
        Function("draw.<anonymous>", 19, 21),
    ]


def test_js_arrow_parameters_over_lines_count_from_their_first_line() -> None:
    source = "var f = (\n  a,\n  b\n) => {\n};\n"
    assert js_functions(source) == [Function("f", 1, 5)]


# Hostile inputs: braces, quotes and slashes where they are not code, each before and inside a
# function f whose lines (first, last) the scanner must still find.
HOSTILE = {
    "brace in a string": ('var a = "{";\nfunction f() {\n  var b = "}}";\n}\n', (2, 4)),
    "escaped quote in a string": ("var a = 'it\\'s {';\nfunction f() {\n  return \"\\\"}\";\n}\n", (2, 4)),
    "string continued over a line": ('var a = "{\\\n{";\nfunction f() {\n}\n', (3, 4)),
    "brace in a line comment": ("// {\nfunction f() {\n  // }\n}\n", (2, 4)),
    "brace in a block comment": ("/* { */\nfunction f() {\n  /* }\n   { */\n}\n", (2, 5)),
    "block comment opener in a line comment": ("// /* {\nfunction f() {\n  x(); // */ }\n}\n", (2, 4)),
    "quote in a comment": ("// it's {\nfunction f() {\n  /* \" } */\n}\n", (2, 4)),
    "brace in a regex": ("var r = /[{]/g;\nfunction f() {\n  return /}/.test(s);\n}\n", (2, 4)),
    "slash in a regex class": (
        "var r = /[/{]/;\nfunction f() {\n  return s.replace(/[/}]+/g, '');\n}\n",
        (2, 4),
    ),
    "escaped slash in a regex": ("var r = /\\/{/;\nfunction f() {\n  return /a\\/}/i;\n}\n", (2, 4)),
    "regex after return": ("var a = 1;\nfunction f() {\n  return /{/;\n}\n", (2, 4)),
    "quote in a regex": ('var a = 1;\nfunction f() {\n  return /"{/;\n}\n', (2, 4)),
    "division, not a regex": (
        "var a = b / 2 / c;\nfunction f() {\n  return (a) / 2 + x[1] / 3;\n}\n",
        (2, 4),
    ),
    "division after a string": ('var n = "6" / 2;\nfunction f() {\n  return `6` / n;\n}\n', (2, 4)),
    "brace in a template": (
        "var t = `{`;\nfunction f() {\n  return `}${a ? { b: 1 }.b : `}`}}`;\n}\n",
        (2, 4),
    ),
    "template over lines": ("var a = 1;\nfunction f() {\n  return `a\n}`;\n}\n", (2, 5)),
    "braces in default parameters": ("var a = 1;\nfunction f(o = { a: '}' }) {\n  return o;\n}\n", (2, 4)),
    "names with a dollar": ("var $ = 1;\nfunction f() {\n  var $ok = $ / 2;\n}\n", (2, 4)),
    "the word function in a string": ('var a = "function () {";\nfunction f() {\n}\n', (2, 3)),
}


@pytest.mark.parametrize(("source", "lines"), HOSTILE.values(), ids=HOSTILE.keys())
def test_js_scanner_is_not_fooled(source: str, lines: tuple[int, int]) -> None:
    assert js_functions(source) == [Function("f", *lines)]


UNFOLLOWABLE = {
    "unterminated string": ('function f() {\n  return "}\n}\n', "line 2: unterminated string"),
    "unterminated comment": ("function f() {\n  /* }\n}\n", "line 2: unterminated comment"),
    "unterminated regex": ("function f() {\n  return /}\n}\n", "line 2: unterminated regular expression"),
    "unterminated template": ("function f() {\n  return `}\n}\n", "line 2: unterminated template literal"),
    "unclosed brace": ("function f() {\n  if (a) {\n}\n", "line 1: unclosed brace"),
    "unmatched closing brace": ("function f() {\n}\n}\n", "line 3: unmatched closing brace"),
    "function without a body": ("var f = function (a);\n", "line 1: function without a body"),
}


@pytest.mark.parametrize(("source", "message"), UNFOLLOWABLE.values(), ids=UNFOLLOWABLE.keys())
def test_js_scanner_refuses_what_it_cannot_follow(source: str, message: str) -> None:
    with pytest.raises(ScanError) as caught:
        js_functions(source)
    assert str(caught.value) == message
