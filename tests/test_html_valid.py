"""The Nu Html Checker (vnu-jar from npm, the W3C validator) finds no error in our markup on any page.

One JVM call checks every built page. Errors that come from mkdocs-material's own templates, which a
plain mkdocs-material site has too, are listed in THEME_ERRORS and excluded by their message (not by
page), so the same error in our markup would still fail.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
THEME_ERRORS = {
    # base.html: <input type="checkbox" ... autocomplete="off"> for the drawer, search and palette
    # toggles (mkdocs-material 9.8.2); autocomplete is not allowed on checkboxes.
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
    "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, "
    "or “week”.",
}


def vnu_errors(site: Path) -> list[dict]:
    """Every error the checker reports for the HTML pages under `site` (one JVM run)."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: install a JRE (Debian: default-jre-headless) for the Nu Html Checker")
    if not VNU.exists():
        pytest.fail("node_modules/vnu-jar is missing: run npm ci (./scripts/test.sh does)")
    run = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--skip-non-html", str(site)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(run.stderr)["messages"]  # vnu writes its JSON report to stderr
    return [m for m in messages if m["type"] in ("error", "non-document-error")]


def test_no_html_error_of_ours_on_any_page(built_site: Path) -> None:
    errors = vnu_errors(built_site)
    root = "file:" + built_site.as_posix() + "/"  # vnu writes file:/path, not file:///path
    pages = {root + p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")}
    # The run covered every page: each theme error appears on every page (the drawer toggle).
    assert {m["url"] for m in errors if m["message"] in THEME_ERRORS} == pages
    ours = [
        f"{m['url'].removeprefix(root)}:{m.get('lastLine')}: {m['message']}"
        for m in errors
        if m["message"] not in THEME_ERRORS
    ]
    assert ours == []


@pytest.mark.slow  # a JVM start: kept out of the fast tier
def test_the_checker_finds_errors_of_ours(tmp_path: Path) -> None:
    """The same call reports a broken page (so the test above cannot pass by checking nothing)."""
    (tmp_path / "bad.html").write_text(
        '<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>x</title></head>'
        '<body><main><span aria-label="无">—</span></div></main></body></html>',
        encoding="utf-8",
    )
    found = sorted(m["message"].split("”")[0] for m in vnu_errors(tmp_path))
    assert found == ["Stray end tag “div", "The “aria-label"]
