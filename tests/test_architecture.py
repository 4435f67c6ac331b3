"""A part is a folder: one added in a test fixture (tests/fixtures/parts/demo/) reaches the nav, the
search index, the scripts and the schema check without any edit of the core."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from generator.assets import Asset, page_assets
from generator.build import build_site, load_project, render_site
from generator.errors import ContentError
from generator.nav import site_nav
from generator.parts import PARTS
from generator.search import INDEX_JS

FIXTURE = ROOT / "tests" / "fixtures" / "parts" / "demo"


def _demo_part():
    spec = importlib.util.spec_from_file_location("kb_demo_part", FIXTURE / "__init__.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module.PART


DEMO = _demo_part()
WITH_DEMO = (*PARTS, DEMO)


@pytest.fixture
def demo_project(project_copy: Path) -> Path:
    (project_copy / "content" / "demo.yaml").write_text("heading: 演示标题\n", encoding="utf-8")
    return project_copy


def test_template_names_are_unique_across_the_core_and_the_parts() -> None:
    folders = [ROOT / "generator" / "templates", *(p.folder / "templates" for p in WITH_DEMO)]
    names = [t.name for folder in folders if folder.is_dir() for t in folder.iterdir()]
    assert len(names) == len(set(names))


def test_schema_kinds_are_unique_across_the_core_and_the_parts() -> None:
    folders = [ROOT / "generator" / "schemas", *(p.folder / "schema" for p in WITH_DEMO)]
    names = [s.name for folder in folders if folder.is_dir() for s in folder.glob("*.schema.json")]
    assert len(names) == len(set(names))


def test_a_new_part_reaches_nav_and_search_without_a_core_edit(demo_project: Path) -> None:
    project = load_project(demo_project, parts=WITH_DEMO)
    assert project.part("demo") == {"heading": "演示标题"}
    assert site_nav(project, WITH_DEMO)[-1] == {"演示": "demo/index.md"}
    files = render_site(project, WITH_DEMO)
    assert "<h1>演示标题</h1>" in files["demo/index.md"]
    assert '"id":"demo:index"' in files[INDEX_JS]


def test_a_new_parts_command_reaches_the_command_line(demo_project: Path, monkeypatch) -> None:
    """The CLI wires the commands of whatever parts the registry holds, in --help after the one
    each names; the handler gets the parsed arguments and the project loader."""
    from conftest import run_cli

    import generator.parts
    from generator import cli

    assert "demo" not in cli.parser().format_help()
    monkeypatch.setattr(generator.parts, "PARTS", WITH_DEMO)
    listed = cli.parser().format_help()
    assert listed.index("    check ") < listed.index("    demo ") < listed.index("    build ")
    done = run_cli("--root", str(demo_project), "demo", "演示标题")
    assert (done.returncode, done.stdout, done.stderr) == (0, "演示标题 / 演示标题\n", "")
    assert run_cli("--root", str(demo_project), "demo", "别的").returncode == 1


def test_a_new_parts_schema_is_checked_with_its_line(demo_project: Path) -> None:
    (demo_project / "content" / "demo.yaml").write_text("heading: ''\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_project(demo_project, parts=WITH_DEMO)
    assert [str(p) for p in caught.value.problems] == ["content/demo.yaml:1: heading: must not be empty"]


def test_the_shipped_parts_without_the_demo_know_nothing_of_it(demo_project: Path) -> None:
    project = load_project(demo_project)
    assert project.part("demo") is None
    assert '"id":"demo:index"' not in render_site(project)[INDEX_JS]


@pytest.mark.slow
def test_a_new_parts_page_loads_its_script_after_what_it_needs(demo_project: Path, tmp_path: Path) -> None:
    site = build_site(demo_project, tmp_path / "site", parts=WITH_DEMO)
    html = (site / "demo" / "index.html").read_text(encoding="utf-8")
    kb, demo = html.index("../assets/javascripts/kb.js"), html.index("../assets/javascripts/demo.js")
    assert kb < demo
    assert (site / "assets/javascripts/demo.js").is_file()
    assert "demo.js" not in (site / "index.html").read_text(encoding="utf-8")
    assert "演示" in (site / "index.html").read_text(encoding="utf-8")  # the nav entry


def test_page_assets_follow_needs_and_uses() -> None:
    assets = (
        Asset("a.js", pages=("*",)),
        Asset("b.css"),
        Asset("c.js", pages=("x",), needs=("a.js", "d.js"), uses=("b.css", "missing.js")),
        Asset("d.js"),
    )
    assert page_assets(assets, "x") == ("a.js", "d.js", "b.css", "c.js")
    assert page_assets(assets, "y") == ("a.js",)
    assert page_assets(assets, None) == ("a.js",)


@pytest.mark.parametrize(
    ("assets", "message"),
    [
        ((Asset("a.js", pages=("x",), needs=("z.js",)),), "a.js needs z.js, which no part declares"),
        ((Asset("a.js"), Asset("a.js")), "asset a.js is declared twice"),
        (
            (Asset("a.js", pages=("x",), needs=("b.js",)), Asset("b.js", needs=("a.js",))),
            "assets need each other: a.js -> b.js -> a.js",
        ),
    ],
)
def test_page_assets_refuse_what_cannot_be_ordered(assets, message) -> None:
    with pytest.raises(ValueError) as caught:
        page_assets(assets, "x")
    assert str(caught.value) == message
