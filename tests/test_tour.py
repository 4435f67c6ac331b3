"""The browser tours (tests/tour.py) visit exactly one page of every page type the site has."""

from __future__ import annotations

from pathlib import Path

from tour import NOT_FOUND, TOUR, page_type, page_types


def write(site: Path, path: str, body: str = "") -> None:
    (site / path).parent.mkdir(parents=True, exist_ok=True)
    (site / path).write_text(f"<html><body>{body}</body></html>", encoding="utf-8")


def test_pages_are_typed_by_place_and_widgets(tmp_path: Path) -> None:
    write(tmp_path, "index.html", '<div data-kb-component="jump"></div>')
    write(tmp_path, "glossary.html")
    write(tmp_path, "articles/art-01.html", '<p data-kb-component="cite"></p><p data-kb-component="jump">')
    write(tmp_path, "articles/art-02.html", '<p data-kb-component="jump"></p><p data-kb-component="cite">')
    write(tmp_path, "checklists/index.html")
    write(tmp_path, "checklists/a.html", '<form data-kb-component="checklist"></form>')
    write(tmp_path, "checklists/coverage.html")
    assert page_types(tmp_path) == {
        "articles/*.html [cite jump]": ["articles/art-01.html", "articles/art-02.html"],
        "checklists/*.html []": ["checklists/coverage.html"],
        "checklists/*.html [checklist]": ["checklists/a.html"],
        "checklists/index.html []": ["checklists/index.html"],
        "glossary.html []": ["glossary.html"],
        "index.html [jump]": ["index.html"],
    }


def test_the_tour_has_one_page_of_every_type(built_site: Path) -> None:
    types = page_types(built_site)
    toured = [page_type(built_site, path) for path in (*TOUR, NOT_FOUND)]
    missing = {t: pages[:3] for t, pages in types.items() if t not in toured}
    assert missing == {}, "add a page of each of these types to TOUR in tests/tour.py"
    assert len(set(toured)) == len(toured), "two TOUR pages have the same type"
