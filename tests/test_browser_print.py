"""Print layout: no navigation chrome, the law text in full, chapters starting on a new page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROME = [
    ".md-header",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-footer",
    ".kb-jump",
    ".kb-prevnext",
    ".kb-breadcrumb",
]


def hidden_in_print(page, selectors: list[str]) -> dict[str, bool]:
    return {s: page.locator(s).count() == 0 or not page.locator(s).first.is_visible() for s in selectors}


@pytest.mark.parametrize("path", ["articles/art-20.html", "fulltext.html", "chapters/chapter-2.html"])
def test_print_hides_navigation(offline, built_site: Path, path: str) -> None:
    page = offline.page
    page.goto(built_site.joinpath(path).as_uri())
    page.emulate_media(media="print")
    assert hidden_in_print(page, CHROME) == dict.fromkeys(CHROME, True)
    assert page.locator(".kb-law").first.is_visible()
    assert page.locator(".kb-cite-mini").count() == 0 or not page.locator(".kb-cite-mini").first.is_visible()


def test_full_text_prints_each_chapter_on_new_pages(offline, built_site: Path, tmp_path: Path) -> None:
    page = offline.page
    page.goto(built_site.joinpath("fulltext.html").as_uri())
    page.emulate_media(media="print")
    breaks = page.eval_on_selector_all(
        ".kb-fulltext-chapter", "els => els.map(e => getComputedStyle(e).breakBefore)"
    )
    assert breaks == ["auto"] + ["page"] * 5
    inside = page.eval_on_selector_all(
        ".kb-fulltext-article", "els => new Set(els.map(e => getComputedStyle(e).breakInside)).size"
    )
    assert inside == 1
    pdf = page.pdf(path=str(tmp_path / "full.pdf"), format="A4")
    assert pdf[:4] == b"%PDF"
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 6
