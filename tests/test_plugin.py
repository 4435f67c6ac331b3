"""The MkDocs plugin (generator/plugin.py): generated pages skip Python-Markdown, which would have given
back the same HTML, front matter and (empty) table of contents for every one of them."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import markdown
import pytest
from conftest import ROOT
from mkdocs.config import load_config
from mkdocs.structure.files import File
from mkdocs.utils import meta

from generator.build import render_site
from generator.plugin import GeneratedPage, compact


@pytest.fixture(scope="module")
def pages(shipped_project) -> dict[str, str]:
    return {uri: text for uri, text in render_site(shipped_project).items() if uri.endswith(".md")}


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
