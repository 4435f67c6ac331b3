"""Every link of the built site resolves: the target file exists and so does the anchor, on every
page (the Jilin regulation's, the further regulations' under laws/, the parts')."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

HREF = re.compile(r'<a\s[^>]*?href="([^"]*)"')
ID = re.compile(r'\sid="([^"]+)"')


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    ids: dict[Path, set[str]] = {}

    def anchors(page: Path) -> set[str]:
        if page not in ids:
            ids[page] = set(ID.findall(page.read_text(encoding="utf-8")))
        return ids[page]

    broken = []
    checked = 0
    for page in sorted(built_site.rglob("*.html")):
        rel = page.relative_to(built_site).as_posix()
        if rel == "404.html":
            continue  # its links are relative to the missing page's folder (see deploy.py)
        for href in HREF.findall(page.read_text(encoding="utf-8")):
            if re.match(r"^[a-z]+:", href) or href.startswith("?"):
                continue  # javascript:, mailto: and query-only links are not files
            path, _, anchor = unquote(href).partition("#")
            path = path.partition("?")[0]
            target = (
                page
                if not path
                else built_site / posixpath.normpath(posixpath.join(posixpath.dirname(rel), path))
            )
            if target.is_dir():
                target = target / "index.html"
            checked += 1
            if not target.is_file():
                broken.append(f"{rel}: {href} (no file)")
            elif anchor and target.suffix == ".html" and anchor not in anchors(target):
                broken.append(f"{rel}: {href} (no anchor)")
    assert broken == []
    assert checked > 5_000  # a sanity check that links were found at all
