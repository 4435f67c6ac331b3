"""An agency's edit of the shipped scheme keeps the fast tier green (issue 24).

The README invites an agency to replace checklists/scoring.yaml with its approved scheme. This test
does what such an edit does to a copy of the project (renames a grade, merges two areas into one,
adds areas up to nine, keeps the maxima summing to 100, moves the checklist items of the merged
area) and runs the fast tier against the copy (KB_CONTENT_ROOT, read by tests/conftest.py) in a
subprocess: no fast test may pin the shipped scheme's names or counts.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, copy_project

from generator.build import load_project
from generator.parts import scoring

SCHEME = "checklists/scoring.yaml"


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def edit_scheme(project: Path) -> None:
    """Rename 及格 to 合格; merge `other` into `orders` (20 points); take 6 points from `procedure`
    for two new areas, `supervision` and `training`: nine areas, still 100 points."""
    path = project / SCHEME
    replace_once(path, "{name: 及格, min: 70,", "{name: 合格, min: 70,")
    replace_once(
        path,
        "- id: other\n  title: 其他内容\n  max: 10\n  covers: 考核机关确定的其他内容。\n"
        "  cites: [art_29__para_1__point_8]\n  quote: 考核机关确定的其他内容\n",
        "- id: supervision\n  title: 执法监督\n  max: 3\n  covers: 执法监督检查。\n"
        "  cites: [art_29__para_1__point_8]\n  quote: 考核机关确定的其他内容\n"
        "- id: training\n  title: 学法培训\n  max: 3\n  covers: 执法人员学法培训。\n"
        "  cites: [art_29__para_1__point_3]\n  quote: 行政执法队伍建设情况\n",
    )
    replace_once(
        path, "  title: 执行政府命令、决定\n  max: 10\n", "  title: 执行政府命令、决定及其他内容\n  max: 20\n"
    )
    replace_once(path, "  title: 履行执法程序\n  max: 20\n", "  title: 履行执法程序\n  max: 14\n")
    replace_once(path, "  - {title: 执法程序合法, max: 10}", "  - {title: 执法程序合法, max: 7}")
    replace_once(
        path,
        "  - {title: 执法案卷规范（抽查案卷）, max: 10}",
        "  - {title: 执法案卷规范（抽查案卷）, max: 7}",
    )
    for checklist in sorted((project / "checklists").glob("*.yaml")):
        text = checklist.read_text(encoding="utf-8")
        checklist.write_text(text.replace("area: other\n", "area: orders\n"), encoding="utf-8")


def test_the_edit_is_what_the_issue_names(tmp_path: Path) -> None:
    """Guards the edit itself (fast): it loads, and it changed what it says it changes."""
    project = copy_project(tmp_path / "project", ROOT)
    before = scoring.scheme_of(load_project(project, only=("scoring",)))
    edit_scheme(project)
    after = scoring.scheme_of(load_project(project))
    assert len(after.areas) == 9 and len(before.areas) != 9
    assert sum(a.max for a in after.areas) == 10000
    assert "合格" in [g.name for g in after.grades] and "合格" not in [g.name for g in before.grades]
    assert {a.id for a in before.areas} - {a.id for a in after.areas} == {"other"}
    assert not any(
        item.get("area") == "other"
        for path in (project / "checklists").glob("[!_]*.yaml")
        if path.name != "scoring.yaml"
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("items", [])
    )


@pytest.mark.slow
def test_the_fast_tier_stays_green_on_an_edited_scheme(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", ROOT)
    edit_scheme(project)
    env = {**os.environ, "KB_CONTENT_ROOT": str(project)}
    done = subprocess.run(
        # As the README runs the fast tier: on every core (pytest-xdist, in the test extra).
        [sys.executable, "-m", "pytest", "-m", "not browser and not slow", "-q", "-p", "no:cacheprovider"]
        + ["-n", "auto", "--dist", "loadfile"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=1800,
    )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert " passed" in done.stdout.splitlines()[-1] and "failed" not in done.stdout.splitlines()[-1]
