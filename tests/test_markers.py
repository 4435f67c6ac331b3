"""The fast tier (`-m "not browser and not slow"`) never starts Chromium and never builds the site.

Every test's markers and fixtures are reported (from this session's own collection when it holds the
whole suite, else from a collection-only subprocess with a small plugin, tests/collect_report.py);
the rules below are then checked on that report, so a new test file that forgets a marker fails here
rather than slowing down or breaking the fast tier.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from collect_report import records
from conftest import COLLECTED, ROOT

TESTS = ROOT / "tests"
# Calls that build the whole site in-process, and CLI commands that do so in a subprocess.
BUILD_CALLS = {"build_site", "make_bundle"}
BUILD_COMMANDS = {"build", "bundle", "bench", "nginx"}


@pytest.fixture(scope="module")
def collected(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    """Every test's markers and fixtures: this session's own collection when it collected every test
    file (the fast tier, the whole suite: the same items a collection of its own would give, in 3-5 s
    less), else (this file run alone) a collection-only pytest in a subprocess."""
    own = records(request.config.stash.get(COLLECTED, []))
    if {r["path"] for r in own} == {p.name for p in TESTS.glob("test_*.py")}:
        return own
    report = tmp_path_factory.mktemp("collect") / "report.json"
    env = dict(os.environ, KB_COLLECT_REPORT=str(report))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(TESTS), str(ROOT), env.get("PYTHONPATH")]))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-p",
            "collect_report",
            "-p",
            "no:cacheprovider",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return json.loads(report.read_text(encoding="utf-8"))


def building_functions(path: Path) -> set[str]:
    """Test functions in `path` that build the site: call build_site/make_bundle or run such a command."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.FunctionDef) or not node.name.startswith("test_"):
            continue
        calls = {
            (c.func.id if isinstance(c.func, ast.Name) else getattr(c.func, "attr", ""))
            for c in ast.walk(node)
            if isinstance(c, ast.Call)
        }
        words = {c.value for c in ast.walk(node) if isinstance(c, ast.Constant) and isinstance(c.value, str)}
        if calls & BUILD_CALLS or ("generator" in words and words & BUILD_COMMANDS):
            found.add(node.name)
    return found


def test_the_report_covers_every_test_file(collected) -> None:
    assert {r["path"] for r in collected} == {p.name for p in TESTS.glob("test_*.py")}


def test_every_test_using_chromium_is_marked_browser(collected) -> None:
    unmarked = [
        r["nodeid"]
        for r in collected
        if ("browser" in r["fixtures"] or r["path"].startswith("test_browser_"))
        and "browser" not in r["markers"]
    ]
    assert unmarked == []


def test_every_test_building_the_site_is_marked_slow(collected) -> None:
    builders = {(p.name, f) for p in TESTS.glob("test_*.py") for f in building_functions(p)}
    unmarked = [
        r["nodeid"]
        for r in collected
        if ({"built_site", "nginx_site"} & set(r["fixtures"]) or (r["path"], r["function"]) in builders)
        and "slow" not in r["markers"]
    ]
    assert unmarked == []


def test_fixtures_mark_tests_that_use_them_indirectly(collected) -> None:
    # `calculator` uses `offline` and `built_site`; the test file itself declares no marker.
    record = next(
        r
        for r in collected
        if r["nodeid"] == "tests/test_browser_calculator.py::test_nan_and_infinity_are_refused_in_the_page"
    )
    assert {"browser", "slow"} <= set(record["markers"])
    assert {"browser", "built_site", "calculator", "offline"} <= set(record["fixtures"])


def test_the_build_detector_finds_in_process_and_subprocess_builds(tmp_path: Path) -> None:
    sample = tmp_path / "test_sample.py"
    sample.write_text(
        "def test_a(tmp_path):\n    build_site(ROOT, tmp_path)\n"
        "def test_b():\n    subprocess.run([sys.executable, '-m', 'generator', 'build'])\n"
        "def test_c():\n    subprocess.run([sys.executable, '-m', 'generator', 'check'])\n"
        "def helper():\n    build_site(ROOT)\n",
        encoding="utf-8",
    )
    assert building_functions(sample) == {"test_a", "test_b"}
