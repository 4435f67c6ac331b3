"""The drills' page URLs (site-root relative), spelled once here."""

from __future__ import annotations

DRILLS_INDEX = "drills/index.html"


def drills_url(slug: str) -> str:
    """Practice page of one regulation's drills: drills/xzcf.html."""
    return f"drills/{slug}.html"
