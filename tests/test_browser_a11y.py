"""axe-core (from npm, injected into the page) finds no WCAG 2.1 A/AA violation on one page of every
page type (tests/tour.py; tests/test_tour.py checks that no type is missing)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PREFIX, ROOT, OfflinePage
from tour import HELD_STYLESHEETS_LOADED, MISSING, NOT_FOUND_CONSOLE, TOUR

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules/axe-core/axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


# Colours are checked once they have settled: a stylesheet that arrives late (the 404 page's) starts
# the theme's colour transitions on links, and axe would read a colour half-way.
SETTLED = "() => document.getAnimations().every(a => a.playState !== 'running')"


def axe_violations(page) -> list[str]:
    page.wait_for_function(SETTLED, timeout=15000)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    out = []
    for v in result["violations"]:
        targets = [", ".join(n["target"]) for n in v["nodes"][:5]]
        out.append(f"{v['id']} ({v['impact']}): {v['help']} -> {targets}")
    return out


# The system setting the palette follows (mkdocs.yml theme.palette) -> the theme's scheme.
SCHEMES = {"light": "default", "dark": "slate"}


@pytest.mark.parametrize("system", sorted(SCHEMES))
def test_axe_on_every_page_type(browser, built_site: Path, system: str) -> None:
    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run npm ci (./scripts/test.sh does)")
    # axe reads stylesheets with XHR, which Chromium refuses on file:// and logs as console errors;
    # those are axe's, so only requests to other hosts are checked here (the offline suite checks
    # the console on every page type).
    context = browser.new_context(color_scheme=system)
    watched = OfflinePage(context)
    found = {}
    for path in TOUR:
        watched.page.goto(built_site.joinpath(path).as_uri())
        watched.page.wait_for_load_state("load")
        assert watched.page.locator("body").get_attribute("data-md-color-scheme") == SCHEMES[system], path
        violations = axe_violations(watched.page)
        if violations:
            found[path] = violations
    context.close()
    assert watched.external == []
    assert found == {}


@pytest.mark.parametrize("system", sorted(SCHEMES))
def test_axe_on_the_not_found_page(browser, nginx_site, system: str) -> None:
    """404.html only makes sense served (its links follow the requested path): ask nginx for a missing page.

    The page is checked as served, CSP included; bypass_csp only lets the injected axe script run.
    """
    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run npm ci (./scripts/test.sh does)")
    context = browser.new_context(bypass_csp=True, color_scheme=system)
    watched = OfflinePage(context, (nginx_site.url("/"),))
    response = watched.page.goto(nginx_site.url(PREFIX + MISSING))
    assert response.status == 404
    watched.page.wait_for_load_state("load")
    # The 404 page attaches the theme's scripts only once it has found the site's root (its <base>),
    # so the palette follows the system a moment after "load", and the stylesheets that colour it load
    # later still: wait for both, then check.
    watched.page.wait_for_function(HELD_STYLESHEETS_LOADED, timeout=15000)
    watched.page.wait_for_function(
        "s => document.body.getAttribute('data-md-color-scheme') === s", arg=SCHEMES[system], timeout=15000
    )
    assert watched.page.locator("body").get_attribute("data-md-color-scheme") == SCHEMES[system]
    violations = axe_violations(watched.page)
    context.close()
    assert watched.console_errors == NOT_FOUND_CONSOLE
    assert watched.external == []
    assert violations == []
