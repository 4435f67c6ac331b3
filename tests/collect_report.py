"""pytest plugin used by tests/test_markers.py: writes each collected test's markers and fixtures as JSON.

Loaded with `-p collect_report` (tests/ on PYTHONPATH); the file named by KB_COLLECT_REPORT receives
one record per test: {"nodeid", "path", "function", "markers", "fixtures"}.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest


def records(items: list[pytest.Item]) -> list[dict]:
    """The report's record of each test (tests/conftest.py reports its own session's the same way)."""
    return [
        {
            "nodeid": item.nodeid,
            "path": Path(item.path).name,
            "function": getattr(item, "originalname", item.name),
            "markers": sorted({m.name for m in item.iter_markers()}),
            "fixtures": sorted(getattr(item, "fixturenames", ())),
        }
        for item in items
    ]


@pytest.hookimpl(trylast=True)
def pytest_collection_finish(session: pytest.Session) -> None:
    report = records(session.items)
    Path(os.environ["KB_COLLECT_REPORT"]).write_text(json.dumps(report, indent=1), encoding="utf-8")
