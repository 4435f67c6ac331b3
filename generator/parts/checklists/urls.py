"""The checklists' page URLs (site-root relative), spelled once here."""

from __future__ import annotations

CHECKLISTS_INDEX = "checklists/index.html"
COVERAGE = "checklists/coverage.html"
CHECKLISTS_JSON = "data/checklists.json"


def checklist_url(checklist_id: str) -> str:
    return f"checklists/{checklist_id}.html"
