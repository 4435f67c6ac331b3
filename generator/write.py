"""File IO at the edge: tidy the built site tree."""

from __future__ import annotations

from pathlib import Path


def unused_search_files(site: Path, langs: list[str]) -> list[Path]:
    """Search language files the site's search languages do not use (lunr.<lang>.min.js and friends)."""
    lunr = site / "assets/javascripts/lunr"
    if not lunr.is_dir():
        return []
    keep = {"lunr.stemmer.support.min.js"} | {f"lunr.{lang}.min.js" for lang in langs if lang != "en"}
    if len(langs) > 1:
        keep.add("lunr.multi.min.js")
    if "ja" in langs:
        keep.add("tinyseg.js")
    if "th" in langs:
        keep.add("wordcut.js")
    return sorted(p for p in lunr.rglob("*.js") if p.name not in keep)


def prune_site(site: Path, langs: list[str]) -> list[Path]:
    """Delete source maps and unused search language files; return what was removed, sorted."""
    removed = sorted(site.rglob("*.map")) + unused_search_files(site, langs)
    for path in removed:
        path.unlink()
    return removed
