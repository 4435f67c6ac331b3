"""Everything loaded and checked, in one immutable value that the render stage reads."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from generator.load import Document
from generator.model import Provision, Regulation
from generator.xref import Reference

if TYPE_CHECKING:
    from generator.render import Tables  # render imports this module
    from generator.search import Vocabulary  # search imports this module


@dataclass(frozen=True)
class Mark:
    """A span of one 款/项's text that a part marks, e.g. a glossary term.

    start/end: offsets in the provision's text; key: what is marked (a term id);
    label: the text shown on hover and focus of this span; tip_id: id of the hidden element that
    `aria-describedby` points to; description: that element's text (one per tip_id on a page).
    """

    start: int
    end: int
    key: str
    label: str
    tip_id: str
    description: str


@dataclass(frozen=True)
class SearchRecord:
    """An entry a part adds to the header search, listed below the law's provisions.

    id: unique id in the index, `<kind>:<id>` (e.g. `topic:complaints`).
    title: what the hit shows as its title; text: a short description (both are matched).
    url: site path of the page; group: the label of the hit's group (the part's nav label).
    """

    id: str
    title: str
    text: str
    url: str
    group: str


@dataclass(frozen=True)
class SiteSettings:
    """`settings.site` in content/regulation.yaml.

    key: short ASCII name of the site (lower-case letters, digits, -): the prefix of what the pages
        store in the browser and the `kind` of the files they export ("<key>-checklist-assessment").
        Changing it makes saved answers and exported files of earlier releases unreadable, so it is
        set once per regulation.
    """

    key: str = "kb"


@dataclass(frozen=True)
class Project:
    """The validated content of a project.

    root: folder holding mkdocs.yml and the content folders.
    regulation: the regulation model.
    index: every provision by id (条, 款, 项).
    references: cross-references written in the law text, in document order.
    settings_doc: content/regulation.yaml, whose `settings:` section each part reads through
        `generator.settings.read` (with its lines, for located errors).
    site: the core's own settings (`settings.site`).
    parts: the model of each loaded part by part name (see generator/part.py).
    marks: spans of law text marked by parts, by 款/项 id, in text order.
    vocabulary: the search vocabulary (generator/search.py Vocabulary), or None before it is read.
    search_aids: what the parts add to the header search (Part.search_records), in registry order.
    locations: where the parts show provisions that have no page of the core (Part.locations), by
        site-wide key: the earlier versions' articles.
    links: the pages of the parts that every page may link to, by name (Part.links): page
        templates get href_<name>.
    laws: the further regulations of the site (content/laws/<slug>/), in folder name order; their
        provisions are in `index` under slug:id keys (links.provision_key), and `references` holds
        the references of every regulation by those keys.
    versions: earlier versions of further regulations (`version_of` in their regulation.yaml), in
        folder name order: not current law, so not in `laws`, `index`, the nav or the search scopes
        but 历史版本 (search.VERSIONS), linked where a part shows them (`locations`).
    tables: lookups for rendering (render.with_tables), or None.
    """

    root: Path
    regulation: Regulation
    index: Mapping[str, Provision]
    references: tuple[Reference, ...] = ()
    settings_doc: Document | None = None
    site: SiteSettings = field(default_factory=SiteSettings)
    parts: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))
    marks: Mapping[str, tuple[Mark, ...]] = field(default_factory=lambda: MappingProxyType({}))
    laws: tuple[Regulation, ...] = ()
    versions: tuple[Regulation, ...] = ()
    vocabulary: Vocabulary | None = None
    search_aids: tuple[SearchRecord, ...] = ()
    locations: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    links: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # Set on the view of one further regulation that its pages are rendered from (render.law_view):
    # the site-wide index by key, while `index` answers that regulation's own ids first.
    site_index: Mapping[str, Provision] | None = None
    home: Regulation | None = None
    # The lookups every page of `regulation` uses (render.Tables), built once by render.with_tables;
    # render builds them anew for a project whose content they do not fit.
    tables: Tables | None = field(default=None, compare=False, repr=False)

    @property
    def keys(self) -> Mapping[str, Provision]:
        """Every provision of the site by site-wide key (links.provision_key)."""
        return self.index if self.site_index is None else self.site_index

    @property
    def regulations(self) -> tuple[Regulation, ...]:
        """The site's own regulation first, then the further ones."""
        return (self.home or self.regulation, *self.laws)

    def law(self, slug: str) -> Regulation | None:
        return next((law for law in self.laws if law.slug == slug), None)

    def part(self, name: str) -> object | None:
        """The loaded model of the part called `name`, or None when it is not loaded or absent."""
        return self.parts.get(name)
