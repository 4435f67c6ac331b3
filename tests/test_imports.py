"""The modules of generator/ import each other one way: cli -> build/plugin -> parts -> core.

A part is a folder under generator/parts/; the core (every other module but the entry points) never
imports one, and the entry points reach the parts only through the registry, generator.parts.PARTS.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

from generator.parts import PARTS

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
# Entry points: they assemble the site from the core and the registry of parts.
ENTRY = {
    "generator.cli",
    "generator.build",
    "generator.plugin",
    "generator.deploy",
    "generator.bench",
    "generator.bench_library",
    "generator.bench_search",
    "generator.__main__",
}


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports(path: Path, known: set[str]) -> set[str]:
    """generator modules `path` imports anywhere (functions included), except for type checking:
    `from generator.parts import quiz` counts as generator.parts.quiz."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking(node):
            return
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator"):
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in known else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("generator."))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found - {module_name(path)}


@functools.cache
def _graph() -> dict[str, frozenset[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    known = {module_name(p) for p in paths}
    return {module_name(p): frozenset(imports(p, known)) for p in paths}


def graph() -> dict[str, set[str]]:
    """Each generator module's imports, parsed once per session (a fresh copy to each caller)."""
    return {m: set(e) for m, e in _graph().items()}


def is_part(module: str) -> bool:
    return module.startswith("generator.parts.")


def core_modules(edges: dict[str, set[str]]) -> set[str]:
    return {
        m for m in edges if not is_part(m) and m not in ENTRY and m not in {"generator", "generator.parts"}
    }


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
    # A part's lazy import of the core's loader (generator.build, inside a function) is not a cycle
    # of module initialisation; every other edge counts.
    edges = {m: {i for i in e if not (is_part(m) and i == "generator.build")} for m, e in graph().items()}
    assert find_cycle(edges) == []


def test_every_part_is_a_folder_in_the_registry() -> None:
    folders = {p.name for p in (PACKAGE / "parts").iterdir() if (p / "__init__.py").is_file()}
    assert {part.folder.name for part in PARTS} == folders
    assert all(part.name == part.folder.name for part in PARTS)


def test_the_core_never_imports_a_part_or_an_entry_point() -> None:
    edges = graph()
    core = core_modules(edges)
    assert {"generator.render", "generator.search", "generator.nav", "generator.links"} <= core
    wrong = {
        m: sorted(i for i in edges[m] if is_part(i) or i in ENTRY or i == "generator.parts") for m in core
    }
    assert {m: w for m, w in wrong.items() if w} == {}


def test_entry_points_reach_parts_only_through_the_registry() -> None:
    edges = graph()
    wrong = {m: sorted(i for i in edges[m] if is_part(i)) for m in ("generator.build", "generator.plugin")}
    assert wrong == {"generator.build": [], "generator.plugin": []}


def test_a_part_imports_only_the_parts_it_requires_or_reads() -> None:
    edges = graph()
    for part in PARTS:
        allowed = {f"generator.parts.{name}" for name in (*part.requires, *part.reads, part.name)}
        own = f"generator.parts.{part.name}"
        mine = [m for m in edges if m == own or m.startswith(own + ".")]
        used = {i.rsplit(".", 1)[0] if i.count(".") > 2 else i for m in mine for i in edges[m] if is_part(i)}
        assert used <= allowed, part.name


def test_the_core_names_no_part() -> None:
    # No lookup of a part's model by name and no part's nav label in the core: what a part adds
    # reaches search, nav and scripts through its Part record.
    edges = graph()
    labels = ("主题", "角色", "术语", "自查清单", "考核评分", "学法考试")
    for module in sorted(core_modules(edges)):
        path = PACKAGE.parent / (module.replace(".", "/") + ".py")
        text = path.read_text(encoding="utf-8")
        for part in PARTS:
            assert f'part("{part.name}")' not in text, module
        for label in labels:
            assert f'"{label}"' not in text, (module, label)
