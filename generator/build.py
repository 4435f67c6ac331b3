"""Orchestration: load and check everything, then render; run MkDocs; swap the site in atomically."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

from generator import checklists, quiz, reading, scoring
from generator.errors import ContentError, Problem
from generator.links import provision_index
from generator.load import read_folder, read_yaml
from generator.project import Project
from generator.validate import build_regulation, located

CONTENT = "content"
# Optional parts in load order: a part may depend on the ones before it.
PARTS = (("reading", reading), ("scheme", scoring), ("checklists", checklists), ("questions", quiz))
ARTICLES = "content/articles"


def load_project(root: Path, parts: tuple = PARTS) -> Project:
    """Read and validate the regulation and the given parts; raise ContentError listing every problem.

    `parts` are (name, module) pairs loaded in order, each seeing the ones before it; a command
    that needs only some of them (e.g. `score` needs just the scheme) passes fewer.
    """
    root = root.resolve()
    problems: list[Problem] = []
    reg_doc = located(read_yaml(root / CONTENT / "regulation.yaml", root), problems)
    article_docs = [d for d in (located(x, problems) for x in read_folder(root / ARTICLES, root)) if d]
    if reg_doc is None:
        raise ContentError(problems)
    unreadable = frozenset(p.path for p in problems)
    regulation, found = build_regulation(reg_doc, article_docs, ARTICLES, unreadable)
    problems += found
    if problems or regulation is None:
        raise ContentError(problems)
    project = Project(root=root, regulation=regulation, index=provision_index(regulation))
    # Each part sees the parts loaded before it; all problems of all parts are reported together.
    for name, part in parts:
        value, found = part.load(project)
        problems += found
        project = dataclasses.replace(project, **{name: value})
    if problems:
        raise ContentError(problems)
    return project


# A project validated by build_site, handed to the MkDocs hook of the same build so content is read
# once. The hook is loaded by MkDocs from its file path, so the hand-over lives here.
_preloaded: dict[Path, Project] = {}


def take_preloaded(root: Path) -> Project | None:
    """The project build_site loaded for `root`, if this build started there (used once)."""
    return _preloaded.pop(root.resolve(), None)


def source_date_epoch(project: Project) -> int:
    """Build timestamp taken from the content (newest history date), so builds never see the clock."""
    newest = max(h.date for h in project.regulation.history)
    return int(dt.datetime.fromisoformat(newest).replace(tzinfo=dt.UTC).timestamp())


def run_mkdocs(root: Path, site_dir: Path, **overrides: object) -> None:
    """Build with MkDocs (strict) into `site_dir`; the hook in mkdocs.yml adds the generated pages."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir), strict=True, **overrides)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def build_site(root: Path, site_dir: Path | None = None, **overrides: object) -> Path:
    """Validate, render and build into a temporary folder, then replace `site_dir` (default root/site).

    Invalid content raises ContentError before anything is written; a failed MkDocs build leaves
    the previous site untouched as well.
    """
    root = root.resolve()
    project = load_project(root)
    target = (site_dir or root / "site").resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    os.environ["SOURCE_DATE_EPOCH"] = str(source_date_epoch(project))
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    try:
        _preloaded[root] = project
        run_mkdocs(root, staging, **overrides)
        old = target.with_name(f".{target.name}-old")
        if old.exists():
            shutil.rmtree(old)
        if target.exists():
            target.rename(old)
        staging.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        _preloaded.pop(root, None)
    return target
