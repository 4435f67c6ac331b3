"""One page of every page type, for the browser tours (offline and accessibility), and the classifier
that finds the page types in a built site so a new type cannot be left out of the tours unnoticed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

# One page per type, in reading order. tests/test_tour.py fails when the built site has a type that
# none of these pages (nor NOT_FOUND) has, so add a page of it here, or when two have the same type.
TOUR = (
    "index.html",
    "fulltext.html",
    "chapters/chapter-1.html",
    "articles/art-26.html",
    "topics/index.html",
    "topics/complaints.html",
    "roles/index.html",
    "roles/officer.html",
    "glossary.html",
    "checklists/index.html",
    "checklists/officer.html",
    "checklists/coverage.html",
    "scoring/scheme.html",
    "scoring/calculator.html",
    "scoring/compare.html",
    "quiz/index.html",
    "quiz/practice.html",
    "quiz/exam.html",
    "quiz/paper.html",
    "about.html",
    # Further regulations (issue 17): the list, then one regulation's pages (a chapter with 节).
    "laws/index.html",
    "laws/xzcf/index.html",
    "laws/xzcf/fulltext.html",
    "laws/xzcf/chapters/chapter-5.html",
    "laws/xzcf/articles/art-32.html",
    # Generated drills (issue 28): the list, one regulation's practice page; 修订对照 (issue 27).
    "drills/index.html",
    "drills/xzcf.html",
    "versions/xzfy-2017.html",
)
# The "not found" page is shown by a web server for a missing path (its script finds the site root
# from the requested path), so tours ask the server for MISSING rather than opening 404.html from disk.
NOT_FOUND = "404.html"
MISSING = "no-such-page.html"
# What Chromium logs for the 404 status of the page itself; a failing subresource would log another.
NOT_FOUND_CONSOLE = ["Failed to load resource: the server responded with a status of 404 (Not Found)"]
# The 404 page holds its stylesheets back as <script type="text/plain" data-kb-css> and attaches each
# as a <link> just before it once <base> is set, which on a busy machine comes after "load". This
# holds once every one of them has loaded (a <link>'s sheet stays null until then).
HELD_STYLESHEETS_LOADED = (
    "() => { const held = [...document.querySelectorAll('script[data-kb-css]')];"
    " return held.length > 0 && held.every(h => { const l = h.previousElementSibling;"
    " return l !== null && l.tagName === 'LINK' && l.sheet !== null; }); }"
)

COMPONENT = re.compile(r'data-kb-component="([^"]+)"')


def page_type(site: Path, path: str) -> str:
    """The type of the page at `path` (relative to `site`): where it is and which widgets it mounts.

    Top-level pages and each folder's index.html are types of their own; the other pages of a folder
    share a type when they mount the same set of widgets (data-kb-component), so the 43 articles are
    one type and the coverage matrix is not a checklist.
    """
    rel = Path(re.sub(r"^laws/[^/]+/", "laws/*/", path))
    components = sorted(set(COMPONENT.findall((site / path).read_text(encoding="utf-8"))))
    folder = rel.parent.as_posix()
    name = rel.name if folder == "." or rel.name == "index.html" else "*.html"
    where = name if folder == "." else f"{folder}/{name}"
    return f"{where} [{' '.join(components)}]"


def page_types(site: Path) -> dict[str, list[str]]:
    """Every page type of the built site -> its pages (paths relative to the site, sorted)."""
    found: dict[str, list[str]] = defaultdict(list)
    for html in sorted(site.rglob("*.html")):
        path = html.relative_to(site).as_posix()
        found[page_type(site, path)].append(path)
    return dict(found)
