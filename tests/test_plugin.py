"""The MkDocs plugin (generator/plugin.py): generated pages skip Python-Markdown, which would have given
back the same HTML, front matter and (empty) table of contents for every one of them."""

from __future__ import annotations

import json
import posixpath
import re
import shutil
from pathlib import Path

import markdown
import pytest
from conftest import ROOT
from mkdocs.config import load_config
from mkdocs.structure.files import File
from mkdocs.utils import meta

from generator.plugin import GeneratedPage, NavFragments, compact, release


@pytest.fixture(scope="module")
def pages(shipped_pages) -> dict[str, str]:
    return {uri: text for uri, text in shipped_pages.items() if uri.endswith(".md")}


def _page_is_what_markdown_gave(uri: str, text: str, config, tmp_path: Path) -> None:
    body, front = meta.get_data(text)
    md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    expected = md.convert(body)
    page = GeneratedPage(None, File(uri, str(tmp_path), str(tmp_path / "site"), False), config)
    page.file.content_string = text
    page.read_source(config)
    page.render(config, None)
    assert (page.meta, page.content) == (front, expected), uri
    assert list(page.toc) == [] and not md.toc_tokens, uri


def _kind(uri: str, text: str) -> tuple[str, str]:
    """A page's kind: its front matter's kb_kind and its folder (any further regulation's folder
    stands for all), or its name for a page at the top of a regulation (index, fulltext, ...)."""
    path = re.sub(r"^laws/[^/]+/", "laws/*/", uri)
    folder = posixpath.dirname(path)
    return meta.get_data(text)[1].get("kb_kind", ""), path if folder in ("", "laws/*") else folder


def test_generated_pages_are_what_markdown_gave(pages, tmp_path) -> None:
    """One page of each kind (front matter kb_kind and folder); the slow tier's
    test_every_generated_page_is_what_markdown_gave checks every page."""
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path))
    first: dict[tuple[str, str], str] = {}
    for uri, text in pages.items():
        first.setdefault(_kind(uri, text), uri)
    assert len(first) > 10
    for uri in first.values():
        _page_is_what_markdown_gave(uri, pages[uri], config, tmp_path)


@pytest.mark.slow
def test_every_generated_page_is_what_markdown_gave(pages, tmp_path) -> None:
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path))
    assert len(pages) > 100
    for uri, text in pages.items():
        _page_is_what_markdown_gave(uri, text, config, tmp_path)


def test_compact_keeps_a_separator_at_every_line_break() -> None:
    html = '<li>\n    <a href="x">\n      第一章\n    </a>\n\n   \n  </li>\n'
    assert compact(html) == '<li>\n<a href="x">\n第一章\n</a>\n</li>'


class _Item:
    def __init__(self, name: str, active: bool = False) -> None:
        self.name, self.active = name, active


class _At:
    def __init__(self, url: str) -> None:
        self.url = url


def test_nav_fragments_render_an_item_off_the_path_once_per_folder() -> None:
    calls: list[tuple[str, str, int]] = []

    def macro(item, path, level, parent):
        calls.append((item.name, path, level))
        return f"<li>{item.name} {path} {len(calls)}</li>"

    fragments = NavFragments()
    off, on = _Item("off"), _Item("on", active=True)
    first = fragments(macro, off, "__nav_1", 1, None, _At("laws/a/articles/art-1.html"))
    # Another page of the same folder gets the same markup without a second rendering ...
    assert fragments(macro, off, "__nav_1", 1, None, _At("laws/a/articles/art-2.html")) == first
    assert calls == [("off", "__nav_1", 1)]
    # ... a page of another folder (its links are relative to it), another position or level, or
    # another parent state renders anew, and so does an item on the page's path, every time.
    fragments(macro, off, "__nav_1", 1, None, _At("laws/b/articles/art-1.html"))
    fragments(macro, off, "__nav_2", 1, None, _At("laws/a/articles/art-1.html"))
    fragments(macro, off, "__nav_1", 2, None, _At("laws/a/articles/art-1.html"))
    fragments(macro, off, "__nav_1", 1, on, _At("laws/a/articles/art-1.html"))
    fragments(macro, on, "__nav_3", 1, None, _At("laws/a/articles/art-1.html"))
    fragments(macro, on, "__nav_3", 1, None, _At("laws/a/articles/art-1.html"))
    assert len(calls) == 7
    assert calls[-2:] == [("on", "__nav_3", 1)] * 2


@pytest.mark.slow
def test_nav_fragments_leave_every_page_as_the_theme_renders_it(tmp_path, monkeypatch) -> None:
    """The site built with the fragments reused is byte for byte the site built with every item
    rendered on every page (NavFragments off), on a fixture with further regulations."""
    from conftest import fixture_project

    from generator.build import build_site

    root = fixture_project(tmp_path / "project")
    reused = build_site(root, tmp_path / "reused")
    # Every page rendered again, not taken from the page cache (generator/cache.py).
    shutil.rmtree(root / ".kb-cache")
    monkeypatch.setattr(
        NavFragments,
        "__call__",
        lambda self, macro, item, path, level, parent, page: macro(item, path, level, parent),
    )
    plain = build_site(root, tmp_path / "plain")
    assert json.loads((root / ".kb-cache/last-build.json").read_text(encoding="utf-8"))["cached"] == 0
    files = sorted(p.relative_to(reused) for p in reused.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(plain) for p in plain.rglob("*") if p.is_file())
    assert sum(1 for f in files if f.suffix == ".html") > 20
    for name in files:
        assert (reused / name).read_bytes() == (plain / name).read_bytes(), name


def test_a_page_lets_go_of_its_text_once_read_rendered_and_released(tmp_path) -> None:
    """The Markdown is blanked once, by GeneratedPage.render (every page, from the page cache or
    linked, passes through it); release drops the HTML. None of them None: MkDocs would then look
    for a title in the Markdown."""
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path))
    page = GeneratedPage(None, File("a.md", str(tmp_path), str(tmp_path / "site"), False), config)
    page.file.content_string = "---\ntitle: 甲\n---\n\n<p>第一条</p>\n"
    page.read_source(config)
    assert (page.file.content_string, page.markdown) == ("", "<p>第一条</p>\n")
    page.render(config, None)
    assert (page.markdown, page.content, page.title) == ("", "<p>第一条</p>", "甲")
    release(page)
    assert (page.markdown, page.content, page.title) == ("", "", "甲")


@pytest.mark.parametrize("freeze", [False, True], ids=["plain mkdocs", "build_site"])
@pytest.mark.parametrize("enabled", [True, False], ids=["collector on", "collector off"])
def test_on_files_freezes_the_files_only_for_build_site(tmp_path, monkeypatch, freeze, enabled) -> None:
    """With KbPlugin.freeze (build_site's builds), the collector is off while the generated files and
    pages are made and they are frozen after (gc.freeze); the collector is then as it was. Plain
    `mkdocs build` and `serve` freeze nothing: nothing would unfreeze it between serve's builds."""
    import gc

    from mkdocs.structure.files import Files

    from generator import plugin as kb

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path))
    config.plugins._current_plugin = "kb"  # as MkDocs sets it around a plugin's event
    plugin = config.plugins["kb"]
    plugin.freeze = freeze
    plugin.pages = {"a.md": "---\ntitle: 甲\n---\n\n<p>第一条</p>\n", "b.js": "var b;\n"}
    made = kb.File.generated
    seen: list[bool] = []

    def generated(*args, **kwargs):
        seen.append(gc.isenabled())
        return made(*args, **kwargs)

    monkeypatch.setattr(kb.File, "generated", staticmethod(generated))
    (gc.enable if enabled else gc.disable)()
    try:
        files = plugin.on_files(Files([]), config)
        frozen, after = gc.get_freeze_count(), gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()
    assert sorted(f.src_uri for f in files) == ["a.md", "b.js"]
    assert seen == [enabled and not freeze] * 2
    assert (frozen > 0, after) == (freeze, enabled)
