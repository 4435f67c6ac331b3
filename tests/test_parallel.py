"""Pages rendered in a pool of processes (generator/parallel.py) give the same site, byte for byte, as
pages rendered one after the other."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from test_reproducible import digest

from generator import parallel


def build(site: Path, jobs: str) -> None:
    env = dict(os.environ, KB_JOBS=jobs)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.mark.slow
def test_parallel_build_is_byte_identical_to_serial(tmp_path: Path) -> None:
    serial, pooled = tmp_path / "serial", tmp_path / "pooled"
    build(serial, "1")
    build(pooled, "2")  # 108 pages: more than one chunk per worker
    first, second = digest(serial), digest(pooled)
    assert len(first) > 100
    assert sorted(set(first) ^ set(second)) == []
    assert [path for path in first if first[path] != second[path]] == []


def test_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "3")
    assert parallel.jobs(10) == 3
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "1")
    assert parallel.jobs(10_000) == 1
    monkeypatch.delenv(parallel.JOBS_VARIABLE)
    assert parallel.jobs(parallel.MIN_PAGES - 1) == 1
    assert parallel.jobs(parallel.MIN_PAGES) == (os.cpu_count() or 1)
