"""Two builds in separate processes with different hash seeds give byte-identical sites.

test_build.py compares two builds inside one process, where set and dict orderings of strings are the
same both times; only a second process with another PYTHONHASHSEED exposes an ordering that depends on
string hashing.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow


def digest(site: Path) -> dict[str, str]:
    """SHA-256 of every file, by path relative to the site."""
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def build_in_process(site: Path, **env_vars: str) -> None:
    """`python -m generator build` into `site` in a new process with these environment variables."""
    env = dict(os.environ, **env_vars)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]


def test_builds_with_different_hash_seeds_are_byte_identical(tmp_path: Path) -> None:
    one, two = tmp_path / "seed-1", tmp_path / "seed-2"
    build_in_process(one, PYTHONHASHSEED="1")
    build_in_process(two, PYTHONHASHSEED="2")
    first, second = digest(one), digest(two)
    assert len(first) > 100
    assert sorted(set(first) ^ set(second)) == []
    assert [path for path in first if first[path] != second[path]] == []
