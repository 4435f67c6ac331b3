"""Theme rendering of the pages in a pool of forked processes: the one per-page stage left that
grows with the corpus (about two thirds of a 4,300-article build after the nav was bounded).

MkDocs builds its pages one after the other inside `mkdocs.commands.build.build`. Between `on_env`
and `on_post_build`, `defer` makes its page step (`_build_page`) only note its arguments; `run` then
hands the noted pages to forked workers, which call the real step on their share and write the
files. A fork inherits the whole build (config, nav, theme environment) as it is, so nothing is
pickled, and a page's output depends on nothing but the page: the site is byte-identical to a
serial build (tests/test_parallel.py). Warnings logged in a worker are counted and reported again
in the parent, so `strict` still aborts the build.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os

import mkdocs.commands.build as mkdocs_build

# Pages per task: small enough to share the work evenly, large enough to keep hand-overs rare.
CHUNK = 32
# Worker count from the environment: KB_JOBS=N uses N processes, KB_JOBS=0 every core; unset, the
# build is serial. Serial is the default because on the shared 2-core machine this was measured on
# (another build always on one core) the pool was slower: 4,300 articles in a median 71.9 s against
# 67.0 s serial (BENCHMARKS.md). A pool only pays with idle cores.
JOBS_VARIABLE = "KB_JOBS"

log = logging.getLogger("mkdocs.plugins.generator.parallel")
_noted: list[tuple[tuple, dict]] = []
_real_build_page = mkdocs_build._build_page


def jobs() -> int:
    """Workers for this build: KB_JOBS (0: every core), 1 (serial) when unset."""
    wanted = os.environ.get(JOBS_VARIABLE, "").strip()
    if not wanted:
        return 1
    return int(wanted) or os.cpu_count() or 1


def defer() -> None:
    """From now on MkDocs' page step only notes what to build, until `run` or `restore`."""
    _noted.clear()
    mkdocs_build._build_page = lambda *args, **kwargs: _noted.append((args, kwargs))


def restore() -> None:
    """MkDocs' own page step again (also after a failed build)."""
    mkdocs_build._build_page = _real_build_page


def run(workers: int | None = None) -> None:
    """Build the noted pages with `workers` processes (default `jobs()`; in this one when 1), then
    forget them."""
    restore()
    workers = jobs() if workers is None else workers
    try:
        if workers <= 1 or len(_noted) <= CHUNK:
            for args, kwargs in _noted:
                _real_build_page(*args, **kwargs)
            return
        chunks = [range(start, min(start + CHUNK, len(_noted))) for start in range(0, len(_noted), CHUNK)]
        # Objects that exist now are never collected in a worker: the collector would otherwise
        # touch (and so copy) the whole inherited heap.
        gc.freeze()
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                warnings = sum(pool.imap_unordered(_build_chunk, chunks))
        finally:
            gc.unfreeze()
        if warnings:
            log.warning(f"{warnings} warning(s) while rendering pages in parallel (see above)")
    finally:
        _noted.clear()


class _Count(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _build_chunk(indexes: range) -> int:
    """In a worker: build the noted pages at `indexes`; the number of warnings they logged."""
    counter = _Count()
    logging.getLogger("mkdocs").addHandler(counter)
    try:
        for i in indexes:
            args, kwargs = _noted[i]
            _real_build_page(*args, **kwargs)
    finally:
        logging.getLogger("mkdocs").removeHandler(counter)
    return counter.count
