"""The 修订对照 pages' URLs (site-root relative), spelled once here.

One page per earlier version of a further regulation, by the earlier version's slug; each row's
anchor names the article it is about (new-art_13, old-art_7).
"""

from __future__ import annotations

VERSIONS_PAGE = "versions/{slug}.html"
VERSION_ROW = "{side}-{id}"


def versions_url(slug: str, side: str = "", article_id: str = "") -> str:
    """The 修订对照 page of the earlier version `slug`, at the row of one article when given
    (side "new" for the current text's article, "old" for the earlier one's)."""
    page = VERSIONS_PAGE.format(slug=slug)
    return f"{page}#{VERSION_ROW.format(side=side, id=article_id)}" if side else page
