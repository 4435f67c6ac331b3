"""The administrator page's URL (关于本站 / 维护说明): the only page that names commands and files."""

from __future__ import annotations

ABOUT = "about.html"
