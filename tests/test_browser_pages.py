"""Reading pages in the browser (issue 16): the 404 page under any prefix, the jump box, 复制条文,
the outline and information block, glossary tooltips, layout and the dark palette."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from conftest import PREFIX, OfflinePage
from tour import NOT_FOUND_CONSOLE

from generator.deploy import content_security_policy

pytestmark = pytest.mark.browser


def _check_not_found(browser, origin: str, prefix: str, missing: str) -> None:
    """The 404 page for `missing` (under `prefix`) is Chinese, styled, and every link stays inside."""
    context = browser.new_context()
    watched = OfflinePage(context, (origin + "/",))
    page = watched.page
    response = page.goto(origin + prefix + missing)
    assert response.status == 404
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == "页面不存在"
    # Styled: the theme's and our stylesheets loaded (the header is laid out, the logo is small).
    assert page.evaluate("() => [...document.styleSheets].filter(s => s.href).length") >= 2
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky"
    assert page.locator(".md-header__button.md-logo svg").bounding_box()["height"] < 60
    hrefs = page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.href)")
    assert hrefs and [h for h in hrefs if not h.startswith(origin + prefix)] == []
    page.get_by_role("link", name="返回首页").click()
    page.wait_for_load_state("load")
    assert page.url == origin + prefix + "index.html"
    assert page.locator("h1").first.inner_text() == "吉林市行政执法责任制规定"
    # The jump box works from the 404 page too.
    page.goto(origin + prefix + missing)
    page.locator(".kb-jump input").fill("第26条")
    page.locator(".kb-jump input").press("Enter")
    page.wait_for_url(origin + prefix + "articles/art-26.html")
    context.close()
    assert watched.console_errors == NOT_FOUND_CONSOLE * 2
    assert watched.external == []


@pytest.mark.parametrize("missing", ["no-such-page.html", "articles/art-99.html", "chapters/x/y.html"])
def test_not_found_page_under_the_prefix(browser, nginx_site, missing: str) -> None:
    _check_not_found(browser, nginx_site.url(""), PREFIX, missing)


def test_not_found_page_at_the_root_of_a_server(browser, built_site: Path, tmp_path: Path) -> None:
    """The same build served at / (no prefix, no rebuild) by a server with its own configuration."""
    from servers import Nginx

    public = Path(tempfile.mkdtemp(prefix="kb-root-"))
    try:
        public.chmod(0o755)
        site = public / "site"
        shutil.copytree(built_site, site)
        block = (
            f"location / {{ root {site}; error_page 404 /404.html; "
            f'add_header Content-Security-Policy "{content_security_policy(site)}" always; }}'
        )
        server = Nginx(block, tmp_path / "nginx")
        try:
            _check_not_found(browser, server.url(""), "/", "articles/art-99.html")
        finally:
            server.stop()
    finally:
        shutil.rmtree(public)


ACCEPTED = "可输入条号，如 26、二十六、第二十六条，或款、项，如 第二十六条第三项、第26条第2款、26.3"


@pytest.mark.parametrize(
    ("typed", "anchor"),
    [
        ("第二十六条第三项", "articles/art-26.html#art_26__para_1__point_3"),
        ("第26条第2款", "articles/art-26.html#art_26__para_2"),
        ("26.3", "articles/art-26.html#art_26__para_1__point_3"),
        ("28.2", "articles/art-28.html#art_28__para_2"),
    ],
)
def test_jump_box_opens_the_anchor(offline, built_site: Path, typed: str, anchor: str) -> None:
    page = offline.page
    page.goto(built_site.joinpath("topics/index.html").as_uri())
    page.fill("#kb-jump-input", typed)
    page.keyboard.press("Enter")
    if typed == "第26条第2款":  # article 26 has one 款: refused, the page stays
        assert page.locator("#kb-jump-status").inner_text() == "第二十六条只有一款。" + ACCEPTED
        return
    page.wait_for_url(built_site.as_uri() + "/" + anchor)
    target = page.locator(":target")
    assert target.get_attribute("id") == anchor.split("#")[1]
    assert target.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("二六", "无法识别“二六”。" + ACCEPTED),
        ("26..3", "无法识别“26..3”。" + ACCEPTED),
        ("第三项", "无法识别“第三项”。" + ACCEPTED),
        ("26.9", "第二十六条共 5 项，没有第九项。" + ACCEPTED),
        ("", ACCEPTED),
    ],
)
def test_jump_box_refuses_ambiguous_input(offline, built_site: Path, typed: str, message: str) -> None:
    page = offline.page
    page.goto(built_site.joinpath("articles/art-05.html").as_uri())
    page.fill("#kb-jump-input", typed)
    page.click(".kb-jump button")
    assert page.locator("#kb-jump-status").inner_text() == message
    assert page.get_attribute("#kb-jump-input", "aria-invalid") == "true"
    assert page.url == built_site.joinpath("articles/art-05.html").as_uri()


@pytest.mark.parametrize("width", [1366, 390])
def test_jump_box_placeholder_fits(browser, built_site: Path, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(built_site.joinpath("index.html").as_uri())
    box = page.locator("#kb-jump-input")
    assert box.get_attribute("placeholder") == "如 26、第26条第2款、26.3"
    # The placeholder's text, measured in the input's font, is narrower than the input's content box.
    needed, room = box.evaluate(
        """e => { const s = getComputedStyle(e), c = document.createElement('canvas').getContext('2d');
        c.font = s.font; return [c.measureText(e.placeholder).width,
        e.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)]; }"""
    )
    context.close()
    assert needed <= room
