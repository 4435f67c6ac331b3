"""The evaluation scheme's page URLs (site-root relative), spelled once here."""

from __future__ import annotations

CALCULATOR = "scoring/calculator.html"
SCHEME = "scoring/scheme.html"
SCORING_JSON = "data/scoring.json"
COMPARE = "scoring/compare.html"
