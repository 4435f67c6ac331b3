"""Pages rendered in a pool of processes (generator/parallel.py) give the same site, byte for byte, as
pages rendered one after the other."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import mkdocs.commands.build as mkdocs_build
import pytest
from test_reproducible import build_in_process, digest

from generator import parallel


@pytest.mark.slow
def test_parallel_build_is_byte_identical_to_serial(tmp_path: Path) -> None:
    serial, pooled = tmp_path / "serial", tmp_path / "pooled"
    build_in_process(serial, KB_JOBS="1")
    build_in_process(pooled, KB_JOBS="2")  # 728 pages: more than one chunk per worker
    first, second = digest(serial), digest(pooled)
    assert len(first) > 100
    assert sorted(set(first) ^ set(second)) == []
    assert [path for path in first if first[path] != second[path]] == []


def test_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "3")
    assert parallel.jobs() == 3
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "0")
    assert parallel.jobs() == (os.cpu_count() or 1)
    monkeypatch.delenv(parallel.JOBS_VARIABLE)
    assert parallel.jobs() == 1


@pytest.fixture
def fake_step(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """MkDocs' page step replaced by `_fake_page_step` writing into tmp_path; both modules' names
    are put back afterwards."""
    monkeypatch.setattr(mkdocs_build, "_build_page", mkdocs_build._build_page)
    monkeypatch.setattr(parallel, "_real_build_page", _fake_page_step(tmp_path))
    return tmp_path


def _fake_page_step(out_dir: Path):
    """A stand-in for MkDocs' page step: writes its argument to a file; 13 fails, 7 warns."""

    def build_page(number: int) -> None:
        if number == 13:
            raise ValueError("page 13 broke")
        if number == 7:
            logging.getLogger("mkdocs.commands.build").warning("page 7 looks odd")
        (out_dir / f"{number}.txt").write_text(str(number))

    return build_page


def _note_pages(numbers) -> None:
    parallel.defer()
    try:
        for n in numbers:
            mkdocs_build._build_page(n)
    finally:
        parallel.restore()


def test_pool_builds_every_noted_page(fake_step: Path) -> None:
    tmp_path = fake_step
    _note_pages(n for n in range(100) if n not in (7, 13))
    parallel.run(2)
    assert sorted(int(p.stem) for p in tmp_path.iterdir()) == [n for n in range(100) if n not in (7, 13)]
    assert mkdocs_build._build_page is parallel._real_build_page  # MkDocs' own step again


def test_a_failing_page_fails_the_build(fake_step: Path) -> None:
    _note_pages(range(100))
    with pytest.raises(ValueError, match="page 13 broke"):
        parallel.run(2)


def test_warnings_in_workers_are_reported_in_the_parent(
    fake_step: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _note_pages(n for n in range(100) if n != 13)
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        parallel.run(2)
    assert [r.getMessage() for r in caplog.records if r.name == parallel.log.name] == [
        "1 warning(s) while rendering pages in parallel (see above)"
    ]
