"""Previews of cited provisions (issue 27 item 4) in Chromium, from disk (file://) with no network:
keyboard focus, hover and tap show the provision's citation, its verbatim text (as the built
regulation.json has it) and a link, inside the window at 390 and 1366 px."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import OfflinePage

pytestmark = pytest.mark.browser

XZCF_55 = "../laws/xzcf/articles/art-55.html#art_55__para_1"


def _text_on_disk(site: Path, slug: str, pid: str) -> str:
    data = json.loads((site / f"laws/{slug}/data/regulation.json").read_text(encoding="utf-8"))
    return next(p["text"] for a in data["articles"] for p in a["paragraphs"] if p["id"] == pid)


def _inside(page, box) -> None:
    size = page.evaluate("({w: document.documentElement.clientWidth, h: window.innerHeight})")
    rect = box.bounding_box()
    assert rect is not None
    assert rect["x"] >= 0 and rect["y"] >= 0, rect
    assert rect["x"] + rect["width"] <= size["w"] and rect["y"] + rect["height"] <= size["h"], (rect, size)


@pytest.fixture(params=[(390, 844), (1366, 768)], ids=["390", "1366"])
def sized(request, browser):
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height})
    watched = OfflinePage(context)
    yield watched
    context.close()
    watched.assert_clean()


def test_keyboard_focus_shows_the_cited_provision_from_disk(sized, built_site: Path) -> None:
    page = sized.page
    page.goto(built_site.joinpath("articles/art-26.html").as_uri())
    link = page.locator(f'.kb-pairs a[href="{XZCF_55}"]')
    box = page.locator(".kb-preview")
    assert box.is_hidden()
    # Focus the element before the link, then reach the link with the keyboard.
    page.evaluate(
        """href => { const links = [...document.querySelectorAll('.kb-page a[href]')];
        const i = links.findIndex(a => a.getAttribute('href') === href && a.closest('.kb-pairs'));
        links[i - 1].focus(); }""",
        XZCF_55,
    )
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == XZCF_55
    box.wait_for(state="visible")
    assert box.locator(".kb-preview-citation").inner_text() == "《中华人民共和国行政处罚法》第五十五条第一款"
    assert box.locator(".kb-preview-text").inner_text() == _text_on_disk(built_site, "xzcf", "art_55__para_1")
    assert box.locator(".kb-preview-link").get_attribute("href") == XZCF_55
    assert link.get_attribute("aria-describedby") == box.get_attribute("id")
    _inside(page, box)
    page.keyboard.press("Escape")
    assert box.is_hidden()
    assert link.get_attribute("aria-describedby") is None


def test_hover_on_a_national_page_shows_the_jilin_provision(sized, built_site: Path) -> None:
    page = sized.page
    page.goto(built_site.joinpath("laws/xzcf/articles/art-55.html").as_uri())
    link = page.locator('.kb-pointed-by a[href="../../../articles/art-26.html#art_26__para_1__point_3"]')
    link.scroll_into_view_if_needed()
    link.hover()
    box = page.locator(".kb-preview")
    box.wait_for(state="visible")
    assert (
        box.locator(".kb-preview-citation").inner_text() == "《吉林市行政执法责任制规定》第二十六条第（三）项"
    )
    assert (
        box.locator(".kb-preview-text").inner_text()
        == "（三）二人以上执法，主动向行政相对人出示行政执法证件；"
    )
    _inside(page, box)
    page.mouse.move(0, 0)
    box.wait_for(state="hidden")


def test_every_previewed_link_fits_the_window(sized, built_site: Path) -> None:
    # 第二十七条 lists fourteen pairs, down to the page's end: each preview stays inside the window.
    page = sized.page
    page.goto(built_site.joinpath("articles/art-27.html").as_uri())
    links = page.locator(".kb-pairs a[href]")
    assert links.count() >= 10
    box = page.locator(".kb-preview")
    for i in range(links.count()):
        links.nth(i).focus()
        box.wait_for(state="visible")
        assert box.locator(".kb-preview-text").inner_text() != ""
        _inside(page, box)


def test_a_tap_shows_the_preview_and_its_link_opens_the_provision(browser, built_site: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    watched = OfflinePage(context)
    page = watched.page
    url = built_site.joinpath("articles/art-26.html").as_uri()
    page.goto(url)
    link = page.locator(f'.kb-pairs a[href="{XZCF_55}"]')
    link.scroll_into_view_if_needed()
    link.tap()
    box = page.locator(".kb-preview")
    box.wait_for(state="visible")
    assert page.url == url
    _inside(page, box)
    box.locator(".kb-preview-link").tap()
    page.wait_for_url("**/laws/xzcf/articles/art-55.html#art_55__para_1")
    context.close()
    watched.assert_clean()


# Full-text pages (issue 27): the regulation's and every further regulation's, from the page's own
# JSON block like chapter pages.
FULLTEXTS = ["fulltext.html", *(f"laws/{slug}/fulltext.html" for slug in ("gjpc", "xzcf", "xzfy", "yssx"))]


def _own_data(page) -> dict:
    return json.loads(page.locator("script.kb-preview-data").text_content())


@pytest.mark.parametrize("where", FULLTEXTS)
def test_full_text_pages_preview_their_cross_references(sized, built_site: Path, where: str) -> None:
    page = sized.page
    page.goto(built_site.joinpath(where).as_uri())
    data = _own_data(page)
    links = page.locator(".kb-fulltext-page a.kb-xref")
    n = links.count()
    assert n >= 3
    box = page.locator(".kb-preview")
    for i in sorted({0, n // 2, n - 1}):
        link = links.nth(i)
        href = link.get_attribute("href")
        link.focus()
        box.wait_for(state="visible")
        assert box.locator(".kb-preview-citation").inner_text() == data[href]["citation"]
        assert box.locator(".kb-preview-text").inner_text() != ""
        assert box.locator(".kb-preview-link").get_attribute("href") == href
        _inside(page, box)
        page.keyboard.press("Escape")
        assert box.is_hidden()


def test_the_regulations_full_text_previews_the_cited_article_as_on_disk(sized, built_site: Path) -> None:
    page = sized.page
    page.goto(built_site.joinpath("fulltext.html").as_uri())
    link = page.locator('.kb-fulltext-page a.kb-xref[href="articles/art-26.html"]').first
    link.scroll_into_view_if_needed()
    link.hover()
    box = page.locator(".kb-preview")
    box.wait_for(state="visible")
    assert box.locator(".kb-preview-citation").inner_text() == "《吉林市行政执法责任制规定》第二十六条"
    data = json.loads((built_site / "data/regulation.json").read_text(encoding="utf-8"))
    art = next(a for a in data["articles"] if a["id"] == "art_26")
    assert box.locator(".kb-preview-text").inner_text() == art["text"]
    _inside(page, box)
    page.mouse.move(0, 0)
    box.wait_for(state="hidden")
