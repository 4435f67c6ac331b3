"""Site search over file://: every query in content/search_queries.yaml finds its article in the
first three results of the mkdocs-material search box."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import ROOT

pytestmark = pytest.mark.browser

META = ".md-search-result__meta"
READY = "sel => /键入/.test(document.querySelector(sel).textContent)"
ANSWERED = "sel => !/键入|初始化/.test(document.querySelector(sel).textContent)"


def queries() -> list[dict]:
    return yaml.safe_load((ROOT / "content/search_queries.yaml").read_text(encoding="utf-8"))["queries"]


def result_pages(page, site: Path) -> list[str]:
    """Result pages in ranking order (material lists a page once, with its sections nested)."""
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > a.md-search-result__link", "els => els.map(e => e.href)"
    )
    base = site.as_uri() + "/"
    out: list[str] = []
    for href in hrefs:
        path = href.split("?")[0].split("#")[0].removeprefix(base)
        if path not in out:
            out.append(path)
    return out


def test_every_listed_query_finds_its_article_in_the_top_three(offline, built_site: Path, capsys) -> None:
    page = offline.page
    page.goto(built_site.joinpath("index.html").as_uri())
    page.click("input.md-search__input")
    page.wait_for_function(READY, arg=META)
    misses = []
    listed = queries()
    for q in listed:
        page.fill("input.md-search__input", "")
        page.wait_for_function(READY, arg=META)
        page.fill("input.md-search__input", q["query"])
        page.keyboard.press("End")  # material reads the box on key events
        page.wait_for_function(ANSWERED, arg=META)
        top = result_pages(page, built_site)[:3]
        if f"articles/art-{q['article']:02d}.html" not in top:
            misses.append((q["query"], q["article"], top))
    with capsys.disabled():
        hits = len(listed) - len(misses)
        print(
            f"\nsearch hit rate (expected article in top 3): {hits}/{len(listed)} = {hits / len(listed):.0%}"
        )
    assert misses == []


def test_editorial_spelling_finds_the_article_with_the_original_spelling(offline, built_site: Path) -> None:
    page = offline.page
    page.goto(built_site.joinpath("articles/art-01.html").as_uri())
    page.click("input.md-search__input")
    page.wait_for_function(READY, arg=META)
    page.fill("input.md-search__input", "诫勉谈话")
    page.keyboard.press("End")
    page.wait_for_function(ANSWERED, arg=META)
    assert result_pages(page, built_site)[0] == "articles/art-32.html"
