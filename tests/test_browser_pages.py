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
