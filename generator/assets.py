"""Scripts and stylesheets of the theme, declared with what they need, emitted in dependency order.

The core and every part declare their assets (`Asset`); a page loads the assets declared for its
kind (front matter `kb_kind`) and everything they need, each after what it needs. No theme page
lists script tags by hand, so load order is data, checked here (unknown needs and cycles fail).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

EVERY_PAGE = "*"


@dataclass(frozen=True)
class Asset:
    """A script (`.js`) or stylesheet (`.css`) of the site.

    path: site path, e.g. `assets/javascripts/checklist.js`.
    pages: page kinds (front matter `kb_kind`) that load it; `*` for every page; empty when it is
        loaded only because another asset needs it.
    needs: paths of assets that must be loaded before it on the same page.
    uses: paths of assets loaded before it when a part of the site declares them (another part's
        widget it cooperates with, e.g. the calculator reading saved checklists); absent, skipped.
    """

    path: str
    pages: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    uses: tuple[str, ...] = ()

    @property
    def is_script(self) -> bool:
        return self.path.endswith(".js")


# The core's own: the shared module, the jump box (every page), the citation widget of articles,
# the previews of cited provisions, and the table styles that the parts' tables use.
KB_JS = "assets/javascripts/kb.js"
TABLES_CSS = "assets/stylesheets/tables.css"
CORE_ASSETS: tuple[Asset, ...] = (
    Asset(KB_JS, pages=(EVERY_PAGE,)),
    Asset("assets/javascripts/jump.js", pages=(EVERY_PAGE,), needs=(KB_JS,)),
    Asset("assets/javascripts/cite.js", pages=("article",), needs=(KB_JS,)),
    # Previews of cited provisions on the pages that show citations (issue 27 item 4).
    Asset("assets/javascripts/preview.js", pages=("article", "chapter", "fulltext"), needs=(KB_JS,)),
    Asset("assets/stylesheets/preview.css", pages=("article", "chapter", "fulltext")),
    Asset(TABLES_CSS),
    # The laws list's filter box by name (issue 29: a library of hundreds of regulations).
    Asset("assets/javascripts/laws-filter.js", pages=("laws",), needs=(KB_JS,)),
    Asset("assets/stylesheets/laws.css", pages=("laws",)),
)


def page_assets(assets: Iterable[Asset], kind: str | None) -> tuple[str, ...]:
    """Paths a page of `kind` loads, each after the assets it needs, otherwise in declaration order.
    Raises ValueError for a need no asset declares, a path declared twice, or a cycle."""
    declared: dict[str, Asset] = {}
    for asset in assets:
        if asset.path in declared:
            raise ValueError(f"asset {asset.path} is declared twice")
        declared[asset.path] = asset
    order: list[str] = []
    visiting: set[str] = set()

    def visit(path: str, chain: tuple[str, ...]) -> None:
        if path in order:
            return
        if path not in declared:
            raise ValueError(f"{chain[-1]} needs {path}, which no part declares")
        if path in visiting:
            raise ValueError("assets need each other: " + " -> ".join((*chain, path)))
        visiting.add(path)
        for need in declared[path].needs:
            visit(need, (*chain, path))
        for use in declared[path].uses:
            if use in declared:
                visit(use, (*chain, path))
        order.append(path)

    for asset in declared.values():
        if EVERY_PAGE in asset.pages or (kind is not None and kind in asset.pages):
            visit(asset.path, ())
    return tuple(order)
