"""The part protocol: how a feature (the site's pages beyond the regulations' own) plugs in.

A part is a folder, `generator/parts/<name>/` (see generator/parts/__init__.py). The core (load,
validate, links, render, nav, search, assets) names no part. `generator.parts.PARTS` is the one
ordered registry; a part may read the models of the parts it `requires`, which load before it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from generator.assets import Asset
from generator.errors import Problem
from generator.model import Article
from generator.project import Mark, Project, SearchRecord
from generator.render import Facet, add_template_folder
from generator.validate import add_schema_folder


def _none(project: Project) -> dict:
    return {}


def _no_records(project: Project) -> tuple[SearchRecord, ...]:
    return ()


def _no_locations(project: Project) -> Mapping[str, str]:
    return {}


def _no_facets(project: Project, uri: str, article: Article) -> tuple[Facet, ...]:
    return ()


# How a part's command loads the project: generator.build.load_project(root, only=...), handed in
# by the command line (a part never imports an entry point).
Loader = Callable[..., Project]


@dataclass(frozen=True)
class Command:
    """A subcommand of `python -m generator` that a part contributes (cli.py wires every one).

    name, help, description: the command's name and its lines in `--help`.
    arguments: adds the command's own arguments to its parser (`--root` and `-q` are common).
    run: "module:function" (as a console_scripts entry point names it), imported when the command
        runs: function(args, load) with the parsed arguments and the project loader returns the
        exit code, printing its output on stdout and a user's mistake as one line on stderr. A
        name rather than the function, as the part's module that declares the command is imported
        by the module that implements it (the paper imports the bank).
    after: the command it follows in `--help`'s list (it comes last when that command is absent).
    """

    name: str
    help: str
    description: str
    arguments: Callable[[argparse.ArgumentParser], None]
    run: str
    after: str = ""


@dataclass(frozen=True)
class Part:
    """A feature of the site.

    name: key of its model in `Project.parts`; the name of its folder.
    load: reads and checks the part's content; returns (model, problems). A part whose content is
        absent returns (None, []) and adds no pages.
    pages: generated pages by source URI (`topics/index.md`), rendered from the loaded project.
    nav: MkDocs nav entries, placed after the regulation's chapters in registry order.
    exports: machine-readable files by site path (`data/topics.json`).
    marks: spans of law text the part marks, by 款/项 id (e.g. glossary terms); the core renders them.
    article_facets: link groups the part adds to an article page (uri is that page's source URI), of
        any regulation of the site: `article.base` is '' for the site's own, laws/<slug>/ for another.
    requires: names of parts whose models `load` needs; they are loaded first, and a part whose
        required part failed or is absent is not loaded (no cascade of errors).
    reads: names of parts whose models the part uses when they are there; they are loaded first,
        but their absence or failure does not stop this part.
    search_records: entries the part adds to the header search (its pages by title).
    locations: where the part shows provisions that have no page of the core, by site-wide key
        (slug:art_N of an earlier version, Project.versions): the search links them there, and
        leaves out the ones no part shows.
    links: pages of the part that every page may link to, by name: each page template gets
        `href_<name>`, relative to the page (e.g. the administrator page the footer links).
    assets: the part's scripts and stylesheets (generator/assets.py), served from its `theme/`
        folder and loaded on the page kinds each names, after what each needs.
    commands: the subcommands the part adds to the command line (`score`, `paper`).
    folder: the part's folder, holding `templates/` (Jinja page templates), `schema/` (JSON
        Schemas of its YAML kinds) and `theme/` (laid out as a mkdocs-material custom_dir: theme
        pages and `assets/`), each optional. Declaring the part makes them known to the core.
    """

    name: str
    load: Callable[[Project], tuple[object | None, list[Problem]]]
    pages: Callable[[Project], dict[str, str]]
    nav: Callable[[Project], list]
    exports: Callable[[Project], dict[str, str]] = _none
    marks: Callable[[Project], Mapping[str, tuple[Mark, ...]]] = _none
    article_facets: Callable[[Project, str, Article], tuple[Facet, ...]] = _no_facets
    requires: tuple[str, ...] = ()
    reads: tuple[str, ...] = ()
    search_records: Callable[[Project], tuple[SearchRecord, ...]] = _no_records
    locations: Callable[[Project], Mapping[str, str]] = _no_locations
    # Not part of the record's hash (a mapping has none); a Part stays usable as a key.
    links: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}), hash=False)
    assets: tuple[Asset, ...] = ()
    commands: tuple[Command, ...] = ()
    folder: Path | None = None

    def __post_init__(self) -> None:
        if self.folder is not None:
            add_template_folder(self.folder / "templates")
            add_schema_folder(self.folder / "schema")

    @property
    def theme(self) -> Path | None:
        """The part's theme folder, when it has one."""
        theme = self.folder / "theme" if self.folder is not None else None
        return theme if theme is not None and theme.is_dir() else None
