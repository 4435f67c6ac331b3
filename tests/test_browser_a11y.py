"""axe-core (from npm, injected into the page) finds no WCAG 2.1 A/AA violation on any page type."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, OfflinePage
from test_browser_offline import page_types

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules/axe-core/axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    out = []
    for v in result["violations"]:
        targets = [", ".join(n["target"]) for n in v["nodes"][:5]]
        out.append(f"{v['id']} ({v['impact']}): {v['help']} -> {targets}")
    return out


def test_axe_on_every_page_type(browser, built_site: Path) -> None:
    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run npm ci (./scripts/test.sh does)")
    # axe reads stylesheets with XHR, which Chromium refuses on file:// and logs as console errors;
    # those are axe's, so only requests to other hosts are checked here (the offline suite checks
    # the console on every page type).
    context = browser.new_context()
    watched = OfflinePage(context)
    found = {}
    for name, path in page_types(built_site).items():
        watched.page.goto(built_site.joinpath(path).as_uri())
        watched.page.wait_for_load_state("load")
        violations = axe_violations(watched.page)
        if violations:
            found[name] = violations
    context.close()
    assert watched.external == []
    assert found == {}
