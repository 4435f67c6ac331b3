"""The modules of generator/ import each other one way: cli -> build -> parts -> core."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
# Features that plug in through generator/part.py; the core never imports them.
PARTS = {"reading", "scoring", "checklists", "quiz", "about"}
CORE = {
    "render",
    "links",
    "model",
    "load",
    "validate",
    "xref",
    "errors",
    "numerals",
    "project",
    "part",
    "settings",
}


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports(path: Path) -> set[str]:
    """generator modules `path` imports anywhere (functions included), except for type checking."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking(node):
            return
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "generator":
                found.update(a.name for a in node.names)
            elif node.module.startswith("generator."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("generator."))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found - {path.stem}


def graph() -> dict[str, set[str]]:
    return {p.stem: imports(p) for p in sorted(PACKAGE.glob("*.py")) if p.stem != "__init__"}


def find_cycle(edges: dict[str, set[str]]) -> list[str]:
    """One import cycle as a list of modules (first repeated last), or []."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def dfs(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := dfs(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return []

    for node in sorted(edges):
        if node not in state and (cycle := dfs(node)):
            return cycle
    return []


def test_the_cycle_finder_finds_cycles() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_no_import_cycle_in_generator() -> None:
    assert find_cycle(graph()) == []


def test_the_core_never_imports_a_part_or_the_build() -> None:
    edges = graph()
    assert CORE <= set(edges)
    wrong = {m: sorted(edges[m] & (PARTS | {"build", "cli", "hooks"})) for m in CORE}
    assert {m: w for m, w in wrong.items() if w} == {}


def test_render_names_no_part() -> None:
    text = (PACKAGE / "render.py").read_text(encoding="utf-8")
    for part in PARTS:
        assert f"generator.{part}" not in text and f"import {part}" not in text
