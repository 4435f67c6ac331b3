"""Orchestration: load and check everything, then render; run MkDocs; swap the site in atomically."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, cast

from generator import search, settings, shard_cache, write
from generator.cache import DocCache, Store, drop_site, write_site
from generator.errors import ContentError, Problem
from generator.laws import load_laws, split_versions
from generator.links import provision_index
from generator.load import read_folder, read_yaml
from generator.part import Part
from generator.parts import PARTS
from generator.project import Project, SiteSettings
from generator.render import core_pages, law_pages, with_tables
from generator.validate import build_regulation, foreign_reference_problems, located, note_quote_problems
from generator.xref import detect_references, law_references

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from generator.plugin import KbPlugin  # the plugin imports this module

CONTENT = "content"
# The site's MkDocs plugin as mkdocs.yml names it (entry point in pyproject.toml).
PLUGIN = "kb"
SITE_KEY = re.compile(r"[a-z][a-z0-9-]*")
ARTICLES = "content/articles"


def load_order(names: tuple[str, ...] | None = None, parts: tuple[Part, ...] = PARTS) -> tuple[Part, ...]:
    """The parts called `names` (all when None) and every part they require, each after the parts
    it requires and otherwise in registry order. Raises ValueError for an unknown name or a cycle."""
    by_name = {p.name: p for p in parts}
    order: list[Part] = []
    visiting: set[str] = set()

    def visit(name: str, chain: tuple[str, ...]) -> None:
        if name not in by_name:
            raise ValueError(f"unknown part {name!r} (known: {', '.join(by_name)})")
        if any(p.name == name for p in order):
            return
        if name in visiting:
            raise ValueError("parts require each other: " + " -> ".join((*chain, name)))
        visiting.add(name)
        for required in (*by_name[name].requires, *by_name[name].reads):
            visit(required, (*chain, name))
        order.append(by_name[name])

    for name in names if names is not None else tuple(by_name):
        visit(name, ())
    return tuple(order)


def load_project(
    root: Path,
    only: tuple[str, ...] | None = None,
    parts: tuple[Part, ...] = PARTS,
    store: Store | None = None,
) -> Project:
    """Read and validate the regulation and its parts; raise ContentError listing every problem.

    `only` names the parts a command needs (e.g. `score` needs just the scheme); the parts they
    require are loaded too. Each part sees the models of the parts loaded before it. `store`
    (cache.DocCache) keeps the parsed article files of each folder between builds (load.read_folder).
    """
    root = root.resolve()
    problems: list[Problem] = []
    reg_doc = located(read_yaml(root / CONTENT / "regulation.yaml", root), problems)
    article_docs = [d for d in (located(x, problems) for x in read_folder(root / ARTICLES, root, store)) if d]
    if reg_doc is None:
        raise ContentError(problems)
    unreadable = frozenset(p.path for p in problems)
    regulation, found = build_regulation(reg_doc, article_docs, ARTICLES, unreadable)
    problems += found
    if problems or regulation is None:
        raise ContentError(problems)
    references, found = detect_references(regulation, {d.path: d for d in article_docs})
    problems += found
    laws, found = load_laws(root, store)
    problems += found
    laws, versions = split_versions(laws)
    index = provision_index(regulation)
    for law in laws:
        index.update(provision_index(law, law.slug))
    titles = {regulation.title: "", **{law.title: law.slug for law in laws}}
    for law in laws:
        references += law_references(law, law.slug, index, titles)
    docs = {d.path: d for d in article_docs}
    problems += foreign_reference_problems(regulation, docs, index)
    problems += note_quote_problems(regulation, docs, index)
    project = Project(
        root=root,
        regulation=regulation,
        index=index,
        references=references,
        settings_doc=reg_doc,
        laws=laws,
        versions=versions,
    )
    site, found = settings.read(project, "site", SiteSettings)
    if not found and not SITE_KEY.fullmatch(site.key):
        found = [
            settings.problem(
                project, "site", "key", "use lower-case letters, digits and -, starting with a letter"
            )
        ]
    problems += found
    vocabulary, found = search.load_vocabulary(project)
    problems += found
    project = dataclasses.replace(project, site=site, vocabulary=vocabulary)
    loaded: dict[str, object] = {}
    for part in load_order(only, parts):
        if any(r not in loaded for r in part.requires):
            continue  # a part it reads failed: its own problems are reported, not their cascades
        value, found = part.load(project)
        problems += found
        if value is not None:
            loaded[part.name] = value
        project = dataclasses.replace(project, parts=MappingProxyType(dict(loaded)))
    if problems:
        raise ContentError(problems)
    return with_tables(contributed(project, [p for p in parts if p.name in loaded]))


def contributed(project: Project, active: list[Part]) -> Project:
    """The project with what the loaded parts contribute to the core: marks, search records, the
    places they show provisions at and the pages every page may link to."""
    marks: dict[str, list] = {}
    for part in active:
        for pid, found_marks in part.marks(project).items():
            marks.setdefault(pid, []).extend(found_marks)
    return dataclasses.replace(
        project,
        marks=MappingProxyType({pid: tuple(sorted(m, key=lambda x: x.start)) for pid, m in marks.items()}),
        search_aids=tuple(record for part in active for record in part.search_records(project)),
        locations=MappingProxyType({k: v for part in active for k, v in part.locations(project).items()}),
        links=MappingProxyType({k: v for part in active for k, v in part.links.items()}),
    )


def render_site(
    project: Project, parts: tuple[Part, ...] = PARTS, store: Store | None = None
) -> dict[str, str]:
    """Every generated file by source URI (pages, then JSON exports), in a stable order. With a
    `store` (cache.DocCache), what each further regulation contributes is taken from it where its
    inputs are unchanged (render.law_pages, search.folded_texts): the same files either way."""
    if project.tables is None or not project.tables.fits(project):
        project = with_tables(project)  # the lookups of every page, built once for the whole site
    active = [p for p in parts if p.name in project.parts]

    def facets(uri, article):
        return tuple(f for p in active for f in p.article_facets(project, uri, article))

    pages = core_pages(project, facets)
    pages.update(law_pages(project, facets, store))
    pages.update(shard_cache.exports(project, store))
    for part in active:
        for uri, text in (*part.pages(project).items(), *part.exports(project).items()):
            if uri in pages:
                raise ValueError(f"two generators write {uri}")
            pages[uri] = text
    return dict(sorted(pages.items()))


def source_date_epoch(project: Project) -> int:
    """Build timestamp taken from the content (newest history date), so builds never see the clock."""
    newest = max(h.date for h in project.regulation.history)
    return int(dt.datetime.fromisoformat(newest).replace(tzinfo=dt.UTC).timestamp())


def mkdocs_config(root: Path, site_dir: Path, **overrides: Any) -> MkDocsConfig:
    """root/mkdocs.yml loaded (strict) to build into `site_dir`: once per build, as build_site,
    document_cache and run_mkdocs share it."""
    from mkdocs.config import load_config

    return cast(
        "MkDocsConfig",
        load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir), strict=True, **overrides),
    )


def run_mkdocs(
    config: MkDocsConfig,
    project: Project | None = None,
    parts: tuple[Part, ...] = PARTS,
    docs: DocCache | None = None,
    published: Path | None = None,
    freeze: bool = False,
) -> dict[str, str]:
    """Build with MkDocs (strict) as `config` says (mkdocs_config); the site's plugin
    (generator/plugin.py, `kb` in mkdocs.yml) adds the generated pages. A `project` already loaded
    is handed to the plugin, so the content is read once, with the document cache `docs` it was
    loaded with. `published` is where the new site will be published (build_site swaps it in): the
    unchanged pages of the site there are linked (KbPlugin._link_unchanged). Returns what the plugin
    recorded of the new site's pages, for the next build (cache.write_site). With `freeze`, the
    plugin freezes MkDocs' files, pages and nav for the collector (KbPlugin.freeze; the caller
    unfreezes them after the build, as build_site does)."""
    from mkdocs.commands.build import build

    plugin = cast("KbPlugin", config.plugins[PLUGIN])
    plugin.parts = parts
    plugin.preloaded = project
    plugin.docs = docs
    plugin.published = published
    plugin.freeze = freeze
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return plugin.site_record


def document_cache(
    config: MkDocsConfig | None, root: Path, parts: tuple[Part, ...] = PARTS
) -> DocCache | None:
    """The document cache of the `kb` plugin's `cache` option in `config` (None when it is off, or
    when there is no configuration: the build reports why)."""
    plugin = cast("KbPlugin | None", config.plugins.get(PLUGIN)) if config is not None else None
    return plugin.document_cache(root, parts) if plugin is not None else None


@contextlib.contextmanager
def paused_collector() -> Iterator[None]:
    """The cyclic collector off inside (gc.disable), as it was after: for code that makes only
    what lives on, where the collector's full collections walk a growing heap and find nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _restore(staging: Path, old: Path | None, target: Path) -> None:
    """After a failed build: drop the staging folder and put the previous site back if it was moved."""
    shutil.rmtree(staging, ignore_errors=True)
    if old is not None and not target.exists():
        old.rename(target)


def build_site(
    root: Path, site_dir: Path | None = None, parts: tuple[Part, ...] = PARTS, **overrides: Any
) -> Path:
    """Validate, render and build into a temporary folder, then replace `site_dir` (default root/site).

    The output folder is checked first (write.check_output): a folder that is not empty and not a
    site this build made, the project itself and its source folders raise OutputError, and nothing
    is read or written. Invalid content raises ContentError before anything is written; a failed
    MkDocs build (or a full disk) leaves the previous site untouched as well. Staging folders of
    earlier builds that were killed are removed.
    """
    write.check_output(Path(os.path.abspath(site_dir or root / "site")), root)
    from mkdocs.exceptions import ConfigurationError

    root = root.resolve()
    target = (site_dir or root / "site").resolve()
    config: MkDocsConfig | None = None
    unloadable: BaseException | None = None
    try:
        config = mkdocs_config(root, target, **overrides)
    except (ConfigurationError, OSError) as exc:
        unloadable = exc  # reported where MkDocs would, after the content is checked
    docs = document_cache(config, root, parts)
    # The cyclic collector is paused while the project is made and the project frozen after, as it
    # lives through the build: at a library, the full collections over it, then over MkDocs' files,
    # pages and nav (frozen by the plugin, KbPlugin.freeze) and after the build found nothing to
    # collect, and took 8 of a rebuild's 37 CPU seconds (issue 29). MkDocs renders pages with the
    # collector on (Jinja's macros leave cycles), over what is made after the freezes only.
    with paused_collector():
        project = load_project(root, parts=parts, store=docs)
        gc.freeze()  # before the collector is back on: its first full collection would walk the project
    try:
        return _publish(root, target, parts, project, config, docs, unloadable)
    finally:
        gc.unfreeze()


def _publish(
    root: Path,
    target: Path,
    parts: tuple[Part, ...],
    project: Project,
    config: MkDocsConfig | None,
    docs: DocCache | None,
    unloadable: BaseException | None,
) -> Path:
    """build_site after the project is loaded: MkDocs' build into a staging folder, swapped in."""
    target.parent.mkdir(parents=True, exist_ok=True)
    write.remove_stale(target.parent, target.name)
    os.environ["SOURCE_DATE_EPOCH"] = str(source_date_epoch(project))
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    old: Path | None = None
    try:
        # mkdtemp makes the folder private (0700); the published site must be readable by a web
        # server running as another user, as a folder made by a normal mkdir (or cp) would be.
        staging.chmod(0o777 & ~write.umask())
        write.mark_staging(staging)  # MkDocs keeps dot files when it cleans its site_dir
        if config is None:
            assert unloadable is not None
            raise unloadable
        config["site_dir"] = str(staging)
        record = run_mkdocs(config, project, parts, docs, target if docs is not None else None, freeze=True)
        write.mark_site(staging)
        write.check_output(target, root)  # again: someone may have added a file meanwhile
        if docs is not None:
            drop_site(docs.folder, target)  # the record of the site about to go
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
            target.rename(old)  # replaces the empty folder mkdtemp reserved
        staging.rename(target)
    except OSError as exc:
        _restore(staging, old, target)
        if exc.filename is None and exc.errno is not None:  # a failed write() names no file: name the folder
            raise OSError(exc.errno, exc.strerror, str(staging)) from exc
        raise
    except BaseException:
        _restore(staging, old, target)
        raise
    if docs is not None and record:
        write_site(docs.folder, target, record)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return target
