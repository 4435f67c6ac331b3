"""Reading polish (issue 27 item 7), measured in Chromium: 跳到正文 is the first Tab stop; the back-to-
top control is a small button that covers nothing; copy buttons are never invisible yet tappable;
the search panel takes the dark palette; the search label is hidden properly; the caption note is
about the article; the sidebar's title covers no nav entry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ARTICLE = "articles/art-26.html"


def open_page(browser, site: Path, width: int, height: int = 768, **options):
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    page = context.new_page()
    page.goto(site.joinpath(ARTICLE).as_uri())
    return context, page


def box(page, selector: str) -> dict:
    return page.evaluate(
        "s => { const r = document.querySelector(s).getBoundingClientRect();"
        " return {x: r.x, y: r.y, w: r.width, h: r.height}; }",
        selector,
    )


def overlaps(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["w"]
        and b["x"] < a["x"] + a["w"]
        and a["y"] < b["y"] + b["h"]
        and b["y"] < a["y"] + a["h"]
    )


def luminance(css: str) -> float:
    r, g, b = (int(v) / 255 for v in re.findall(r"\d+", css)[:3])
    return sum(
        w * (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
        for w, c in zip((0.2126, 0.7152, 0.0722), (r, g, b), strict=True)
    )


def contrast(fg: str, bg: str) -> float:
    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("width", [1366, 390])
def test_skip_link_is_the_first_tab_stop(browser, built_site: Path, width: int) -> None:
    context, page = open_page(browser, built_site, width)
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "[document.activeElement.classList.contains('kb-skip'), document.activeElement.textContent]"
    )
    assert focused == [True, "跳到正文"]
    skip = box(page, ".kb-skip")
    assert skip["x"] >= 0 and skip["y"] >= 0 and skip["x"] + skip["w"] <= width and skip["w"] > 0
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    # The next stop is the page's own content (its breadcrumb), past the header, nav and jump box.
    assert page.evaluate("document.activeElement.closest('.md-content__inner .kb-breadcrumb') !== null")
    assert page.evaluate("document.activeElement.textContent") == "首页"
    context.close()


def test_skip_link_is_hidden_until_focused(browser, built_site: Path) -> None:
    context, page = open_page(browser, built_site, 1366)
    skip = box(page, ".kb-skip")
    assert skip["y"] + skip["h"] <= 0  # above the window, not over the header
    context.close()


def test_back_to_top_is_a_small_button_that_covers_nothing(browser, built_site: Path) -> None:
    context, page = open_page(browser, built_site, 1366)
    page.mouse.move(700, 400)
    page.mouse.wheel(0, 2000)
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -300)  # the theme shows the button when the reader scrolls back up
    page.wait_for_function("!document.querySelector('.md-top').hidden")
    page.wait_for_timeout(300)
    button = box(page, ".md-top")
    assert button["w"] <= 48 and button["h"] <= 48, button
    assert button["x"] + button["w"] <= 1366 and button["y"] + button["h"] <= 768
    for other in (
        ".md-content",
        ".md-sidebar--primary .md-sidebar__inner",
        ".md-sidebar--secondary .md-sidebar__inner",
        ".md-header",
    ):
        assert not overlaps(button, box(page, other)), other
    context.close()


def test_copy_buttons_take_no_room_until_shown_with_a_mouse(browser, built_site: Path) -> None:
    context, page = open_page(browser, built_site, 1366)
    sizes = page.evaluate(
        "[...document.querySelectorAll('.kb-cite-mini')].map(b => b.getBoundingClientRect().width)"
    )
    assert len(sizes) > 10 and set(sizes) == {0}
    # Keyboard: from the ¶ link of a 项, Tab reaches its two buttons, shown while they hold the focus.
    page.locator("#art_26__para_1__point_3 .kb-anchor").focus()
    for label in ("复制引用", "复制条文"):
        page.keyboard.press("Tab")
        state = page.evaluate(
            "(() => { const b = document.activeElement, r = b.getBoundingClientRect();"
            " return [b.classList.contains('kb-cite-mini'), b.textContent, b.closest('p').id, r.width > 0 && r.height > 0,"
            " getComputedStyle(b).opacity, getComputedStyle(b).visibility]; })()"
        )
        assert state == [True, label, "art_26__para_1__point_3", True, "1", "visible"]
    page.keyboard.press("Tab")
    assert (
        page.evaluate(
            "document.querySelector('#art_26__para_1__point_3 .kb-cite-mini').getBoundingClientRect().width"
        )
        == 0
    )
    context.close()


def test_copy_buttons_are_visible_where_they_can_be_tapped(browser, built_site: Path) -> None:
    context, page = open_page(browser, built_site, 390, 844, is_mobile=True, has_touch=True)
    states = page.evaluate(
        "[...document.querySelectorAll('.kb-cite-mini')].map(b => { b.scrollIntoView({block: 'center'});"
        " const r = b.getBoundingClientRect(), s = getComputedStyle(b);"
        " const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);"
        " return [r.width > 0 && r.height > 0, s.opacity, s.visibility, hit === b]; })"
    )
    assert len(states) > 10 and all(s == [True, "1", "visible", True] for s in states), states
    context.close()


def test_search_panel_takes_the_dark_palette(browser, built_site: Path) -> None:
    context, page = open_page(browser, built_site, 1366, color_scheme="dark")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    page.fill("#kb-search-input", "执法证")
    page.locator(".kb-search__hit").first.wait_for()
    colours = page.evaluate(
        "(() => { const c = s => getComputedStyle(document.querySelector(s));"
        " return {panel: c('.kb-search__panel').backgroundColor, text: c('.kb-search__hit').color,"
        " cite: c('.kb-search__cite').color, caption: c('.kb-search__caption').color,"
        " status: c('.kb-search__status').color, hit: c('.kb-search__hit').backgroundColor}; })()"
    )
    assert luminance(colours["panel"]) < 0.05, colours
    for key in ("text", "cite", "caption", "status"):
        assert contrast(colours[key], colours["panel"]) >= 4.5, (key, colours)
    context.close()


def test_search_panel_stays_light_in_the_light_palette(browser, built_site: Path) -> None:
    context, page = open_page(browser, built_site, 1366, color_scheme="light")
    page.fill("#kb-search-input", "执法证")
    page.locator(".kb-search__hit").first.wait_for()
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.kb-search__panel')).backgroundColor")
        == "rgb(255, 255, 255)"
    )
    context.close()


@pytest.mark.parametrize("width", [1366, 390])
def test_search_label_is_visually_hidden(browser, built_site: Path, width: int) -> None:
    context, page = open_page(browser, built_site, width)
    label = page.locator("label[for=kb-search-input]")
    assert label.inner_text() == "检索规定（按 / 或 s 键）"  # still read out
    size = box(page, "label[for=kb-search-input]")
    assert (size["w"], size["h"]) == (1, 1)
    assert (
        page.evaluate("getComputedStyle(document.querySelector('label[for=kb-search-input]')).overflow")
        == "hidden"
    )
    context.close()


def test_caption_note_is_about_the_article(browser, built_site: Path) -> None:
    context, page = open_page(browser, built_site, 1366)
    legend = page.locator(".kb-article-page .kb-legend").first.inner_text()
    assert legend.endswith("本条条旨（条号后的「执法人员的行为规范」）为编者所加，不属于规定原文。"), legend
    assert "标题中的条旨" not in page.content()
    context.close()


def test_sidebar_title_covers_no_nav_entry(browser, built_site: Path) -> None:
    context, page = open_page(browser, built_site, 1366)
    wrap = ".md-sidebar--primary .md-sidebar__scrollwrap"
    covered = page.evaluate(
        "w => { const wrap = document.querySelector(w), out = [];"
        " const links = [...wrap.querySelectorAll('.md-nav--primary > .md-nav__list > .md-nav__item > .md-nav__link')].slice(0, 3);"
        " for (const top of [0, 6, 12, 24, 48]) { wrap.scrollTop = top;"
        "  const area = wrap.getBoundingClientRect();"
        "  for (const a of links) { const r = a.getBoundingClientRect(), y = r.y + r.height / 2;"
        "   if (y < area.y || y > area.y + area.height) continue;"
        "   const hit = document.elementFromPoint(r.x + 8, y);"
        "   if (!hit || !a.contains(hit) && !hit.contains(a)) out.push([top, a.textContent.trim(), hit && hit.className]); } }"
        " return out; }",
        wrap,
    )
    assert covered == []
    context.close()
