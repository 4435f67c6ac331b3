"""关于本站 / 维护说明: the administrator page, the one page that names commands and files.

User pages speak to officials (what to do, what the law says); how the site is maintained -- which
file holds the scoring scheme, how to rebuild, the command-line tools -- is said here once, and the
footer of every page links to it (theme/partials/copyright.html, this part's override of the
theme's footer: without the part, the footer is the theme's own). The page names no other
part's internals: it describes the project's folders and commands as the README does.
"""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

from generator.links import md_uri
from generator.part import Part
from generator.parts.about.urls import ABOUT
from generator.project import Project
from generator.render import render_page


def _load(project: Project) -> tuple[object | None, list]:
    # Nothing to read: the page is always there.
    return (True, [])


def pages(project: Project) -> dict[str, str]:
    """The administrator page."""
    uri = md_uri(ABOUT)
    return {uri: render_page(project, "about.md.j2", uri)}


def nav(project: Project) -> list:
    """No nav entry: the footer of every page links to the page."""
    return []


# The footer of every page (theme/partials/copyright.html) and the pages that send an
# administrator here link it as href_about.
PART = Part(
    name="about",
    load=_load,
    pages=pages,
    nav=nav,
    links=MappingProxyType({"about": ABOUT}),
    folder=Path(__file__).parent,
)
