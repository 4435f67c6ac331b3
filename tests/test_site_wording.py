"""Plain wording (issue 15): user pages speak to officials; commands and files appear only on the
administrator page (关于本站 / 维护说明), which the footer of every page links to."""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

from generator.parts.about.urls import ABOUT

# What a maintainer's instruction looks like: a command, a source file or folder, the tool's name.
DEVELOPER = re.compile(
    r"python\s+-m|\.venv|\.ya?ml\b|\.py\b|\bchecklists/|\bcontent/|\bsite_overrides\b|\bgenerator\b|mkdocs|重新生成|构建"
)
FOOTER = re.compile(r'<a class="kb-footer-about" href="([^"]+)">关于本站 · 维护说明</a>')


def visible_text(page: str) -> str:
    """The text a reader sees: no scripts, styles, tags or attribute values."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<!--.*?-->", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_no_page_but_the_administrator_page_shows_a_command_or_a_file(built_site: Path) -> None:
    shown = {}
    for path in sorted(built_site.rglob("*.html")):
        rel = path.relative_to(built_site).as_posix()
        found = sorted(
            {m.group(0) for m in DEVELOPER.finditer(visible_text(path.read_text(encoding="utf-8")))}
        )
        if found:
            shown[rel] = found
    about = shown.pop(ABOUT)
    assert shown == {}
    # The administrator page is where they went (so the pattern does find them).
    assert {"python -m", ".yaml", "checklists/"} <= set(about)


def test_every_page_links_the_administrator_page_from_its_footer(built_site: Path) -> None:
    for path in sorted(built_site.rglob("*.html")):
        rel = path.relative_to(built_site).as_posix()
        if rel == "404.html":  # its links are absolute (site_url) and checked through nginx
            continue
        links = FOOTER.findall(path.read_text(encoding="utf-8"))
        assert len(links) == 1, rel
        assert posixpath.normpath(posixpath.join(posixpath.dirname(rel), links[0])) == ABOUT, rel
