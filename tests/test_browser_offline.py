"""One page of every page type (tests/tour.py), opened from disk and through nginx, with every request
to another host blocked.

Each page is loaded, its main feature used, and the test fails on any attempted request outside the
site or any console error (CSP violations under nginx show up as console errors).
"""

from __future__ import annotations

import pytest
from conftest import search_titles
from tour import MISSING, NOT_FOUND_CONSOLE, TOUR

pytestmark = pytest.mark.browser


def test_every_page_type_loads_clean(watched, transport) -> None:
    base, _ = transport
    for path in TOUR:
        response = watched.page.goto(base + path)
        assert response is None or response.ok, f"{path}: HTTP {response.status}"
        watched.page.wait_for_load_state("load")
        assert watched.page.locator("h1").count() >= 1, path
    if not base.startswith("file:"):
        before = len(watched.console_errors)
        response = watched.page.goto(base + MISSING)
        assert response.status == 404
        watched.page.wait_for_load_state("load")
        assert watched.console_errors[before:] == NOT_FOUND_CONSOLE
        del watched.console_errors[before:]
        assert watched.page.locator("h1").inner_text() == "页面不存在"
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
