"""Every page type, opened from disk and through nginx, with every request to another host blocked.

Each page is loaded, its main feature used, and the test fails on any attempted request outside the
site or any console error (CSP violations under nginx show up as console errors).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import search_titles

pytestmark = pytest.mark.browser


def page_types(site: Path) -> dict[str, str]:
    """One page of every type the site has, by type name -> path relative to the site root."""
    pages = {
        "home": "index.html",
        "fulltext": "fulltext.html",
        "chapter": "chapters/chapter-1.html",
        "article": "articles/art-26.html",
    }
    for folder in sorted(p for p in site.iterdir() if p.is_dir()):
        if folder.name in {"articles", "chapters", "assets", "search", "data"}:
            continue
        for html in sorted(folder.rglob("*.html")):
            pages[f"{folder.name}/{html.stem}"] = html.relative_to(site).as_posix()
    for html in sorted(site.glob("*.html")):
        if html.name not in {"index.html", "fulltext.html", "404.html"}:
            pages[html.stem] = html.name
    return pages


def test_every_page_type_loads_clean(watched, transport) -> None:
    base, site = transport
    pages = page_types(site)
    assert len(pages) >= 4
    for name, path in pages.items():
        response = watched.page.goto(base + path)
        assert response is None or response.ok, f"{name}: HTTP {response.status}"
        watched.page.wait_for_load_state("load")
        assert watched.page.locator("h1").count() >= 1, name
    assert watched.external == [], watched.external
    assert watched.console_errors == [], watched.console_errors


def test_search_and_jump(watched, transport) -> None:
    base, _ = transport
    page = watched.page
    page.goto(base + "index.html")
    assert any(t.startswith("第十九条") for t in search_titles(page, "行政复议"))
    page.keyboard.press("Escape")
    page.fill("#kb-jump-input", "第三十一条")
    page.press("#kb-jump-input", "Enter")
    page.wait_for_url("**/articles/art-31.html")
    assert page.locator("h1").inner_text().startswith("第三十一条")
