"""The site's MkDocs plugin (`kb` in mkdocs.yml, registered by entry point in pyproject.toml): adds
the generated pages, the parts' theme folders and their assets, so plain `mkdocs build` and
`mkdocs serve` work as `python -m generator build` does.

Build state lives on the plugin instance (MkDocs makes one per config). Content problems abort the
build with every located message.
"""

from __future__ import annotations

import copy
import functools
import gc
import json
import logging
import os
import posixpath
import re
import shutil
from importlib import metadata
from pathlib import Path
from typing import cast

import jinja2
import yaml
from markupsafe import Markup, escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator.assets import CORE_ASSETS, Asset, page_assets
from generator.build import load_project, render_site
from generator.cache import (
    CODE_SUFFIXES,
    DocCache,
    PageCache,
    build_key,
    code_salt,
    digest,
    entry_parts,
    files_digest,
    identity,
    page_key,
    read_site,
    record_entry,
)
from generator.errors import ContentError
from generator.nav import nav_titles, page_view, site_nav
from generator.part import Part
from generator.parts import PARTS
from generator.project import Project
from generator.render import jump_targets, script_json
from generator.search import SHARDS_META
from generator.write import link_unchanged, prune_site, umask

# The jump box's article list (render.jump_targets), a script loaded on first use of the box: it grows
# with the regulation, so it is not written into every page.
JUMP_JS = "assets/javascripts/jump-targets.js"
# The theme copies its search worker and lunr files even without its search plugin; the site's
# own search (search.js) never loads them.
THEME_SEARCH = ("assets/javascripts/lunr", "assets/javascripts/workers")

# A page whose HTML the page cache holds (generator/cache.py) renders this template instead of
# main.html: the stored HTML, or, were the entry gone since it was found, the page as main.html makes it.
CACHED_TEMPLATE = "kb-cached.html"
CACHED_SOURCE = '{% if kb_cached is defined %}{{ kb_cached }}{% else %}{% include "main.html" %}{% endif %}'
# Config items that reach every page's HTML (with the nav, the theme and the assets: the build key).
PAGE_SETTINGS = (
    "site_name",
    "site_url",
    "site_description",
    "site_author",
    "copyright",
    "repo_url",
    "repo_name",
    "edit_uri",
    "use_directory_urls",
    "extra",
    "extra_css",
    "extra_javascript",
    "nav",
)
RENDERING_PACKAGES = ("mkdocs", "mkdocs-material", "jinja2", "markupsafe")
log = logging.getLogger("mkdocs.plugins.kb")

# MkDocs' own front matter pattern (mkdocs.utils.meta), read here with libyaml when available.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class GeneratedPage(Page):
    """A page the generator wrote as HTML under YAML front matter: MkDocs' Markdown step is skipped.

    Python-Markdown passed the HTML through unchanged (one raw block) after parsing it twice, and
    found no heading for the toc: the outline of articles and the full text comes from front matter
    (kb_outline, partials/toc.html), so the toc stays empty as it was.
    """

    def __init__(self, title: str | None, file: File, config) -> None:
        super().__init__(None if title is None else escape(title), file, config)
        self.text_digest = ""  # cache.digest of the generated text, once read
        # Its front matter as parsed in an earlier build (front_matters), else None: parsed here.
        self.preset: dict | None = None

    def read_source(self, config) -> None:
        text = self.file.content_string
        # The page cache keys the page by its text (cache.page_key); the page holds the text from
        # here on, so the file lets go of it: at a library's 68,000 pages each copy is gigabytes.
        self.text_digest = digest(text)
        self.file.content_string = ""
        match = FRONT_MATTER.match(text)
        if self.preset is not None:
            self.meta, self.preset = self.preset, None
        else:
            self.meta = yaml.load(match.group(1), Loader=_Loader) if match else {}
        if isinstance(self.meta.get("title"), str):
            # The theme prints titles as markup (<title>, header, nav): escaped here, once.
            self.meta["title"] = escape(self.meta["title"])
        self.markdown = text[match.end() :].lstrip("\n") if match else text

    def render(self, config, files) -> None:
        self.content = (self.markdown or "").strip("\n")
        self.markdown = ""  # the content holds it (not None: MkDocs then titles the page None)
        self.toc = get_toc([])
        self.present_anchor_ids = None  # not read: no Markdown page links into generated pages


# The key kind of a generated file that is not a page (KbPlugin._link_exports).
EXPORT = "export"
META = "front-matter"  # the kind of a group of pages' parsed front matter in the document cache


def front_matters(pages: dict[str, str], docs: DocCache) -> dict[str, dict]:
    """The parsed front matter of each generated page (by URI), from `docs` for each group of pages
    (a further regulation's, laws/<slug>/…, and the rest) whose front matters are all unchanged;
    parsed and stored otherwise. Pages without front matter, and groups whose values would not come
    back from JSON the same (a date, a key that is no string), are left to GeneratedPage."""
    groups: dict[str, dict[str, str]] = {}
    for uri, text in pages.items():
        if uri.endswith(".md") and (match := FRONT_MATTER.match(text)):
            group = "/".join(uri.split("/")[:2]) if uri.startswith("laws/") and uri.count("/") > 1 else ""
            groups.setdefault(group, {})[uri] = match.group(1)
    out: dict[str, dict] = {}
    for group, texts in groups.items():
        key = docs.key(META, yaml.__version__, *(f"{uri}\0{text}" for uri, text in texts.items()))
        got = docs.get(META, key, functools.partial(_metas, texts=texts))
        if got is None:
            got = {uri: yaml.load(text, Loader=_Loader) for uri, text in texts.items()}
            try:
                if json.loads(json.dumps(got, ensure_ascii=False)) != got:
                    continue
            except (TypeError, ValueError):
                continue
            docs.put(META, key, group or "(site)", got)
        out.update(got)
    return out


def _metas(value: object, texts: dict[str, str]) -> bool:
    """Whether a stored value holds a front matter (a mapping) for each page of `texts`."""
    return (
        isinstance(value, dict)
        and value.keys() == texts.keys()
        and all(isinstance(meta, dict) for meta in value.values())
    )


def release(page: GeneratedPage) -> None:
    """Drop the HTML of a generated page once it is made or linked (on_post_page, _link_unchanged;
    MkDocs writes the HTML it is handed and reads it no more): MkDocs keeps every page until the
    build ends, which at a library's 68,000 pages is gigabytes. Its Markdown and its file's text
    are gone already (GeneratedPage.read_source and render, which every page passes through)."""
    page.content = ""  # not None: MkDocs would then look for a title in the Markdown


def jump_script(targets: dict) -> str:
    """jump-targets.js: hands the jump box's targets to jump.js (kb.jump.receive)."""
    payload = script_json(targets)
    return f"window.kb&&window.kb.jump&&window.kb.jump.receive({payload});\n"


def compact(html: str) -> Markup:
    """Markup without blank lines and without the indentation of its lines. Only for markup whose
    text holds no significant whitespace (header, sidebars, footer: main.html): every line break
    still separates."""
    return Markup("\n".join([kept for line in html.split("\n") if (kept := line.strip())]))


def escape_titles(items) -> None:
    """Section titles as the theme prints them: markup, escaped once (titles of pages are escaped
    where the page is made, GeneratedPage). A title that is already markup is left as it is."""
    for item in items:
        if item.is_section:
            item.title = escape(item.title)
            escape_titles(item.children)


class NavFragments:
    """The theme's nav item macro, with the markup of each item off the page's path (not active)
    rendered once per folder and reused (site_overrides/partials/nav-item.html calls this as
    `kb_nav_item`). Such an item renders the same on every page of a folder: its links are relative
    to the folder, and nothing else in it depends on the page. The items on the path (the page's own
    and the sections holding it) are rendered for each page. One instance per build: items are known
    by identity, and the nav's objects (and stubs, nav.page_view) live as long as the build."""

    def __init__(self) -> None:
        self._done: dict[tuple, object] = {}

    def __call__(self, macro, item, path: str, level: int, parent, page) -> object:
        if getattr(item, "active", False):
            return macro(item, path, level, parent)
        parent_active = bool(parent) and bool(getattr(parent, "active", False))
        folder = posixpath.dirname(page.url) if page else None
        key = (id(item), path, level, parent_active, folder)
        if key not in self._done:
            self._done[key] = macro(item, path, level, parent)
        return self._done[key]


def declared_assets(parts: tuple[Part, ...]) -> tuple[Asset, ...]:
    """The core's assets, then each part's in registry order."""
    return (*CORE_ASSETS, *(a for part in parts for a in part.assets))


class KbConfig(Config):
    """Options of the `kb` plugin in mkdocs.yml."""

    # Folders (relative to mkdocs.yml) whose edits `mkdocs serve` rebuilds on.
    watch = c.ListOfItems(c.Type(str), default=["content", "checklists"])
    # The page cache's folder (relative to mkdocs.yml; generator/cache.py); "" builds every page.
    cache = c.Type(str, default=".kb-cache")


class KbPlugin(BasePlugin[KbConfig]):
    """Adds the generated site to a MkDocs build. One instance per build (or per `serve`)."""

    def __init__(self) -> None:
        # A project loaded and checked by build_site for this build, so content is read once.
        self.preloaded: Project | None = None
        self.command = "build"
        self.pages: dict[str, str] = {}
        # Stubs of the sections pages show pruned (nav.page_view), shared by the pages of one build.
        self.stubs: dict[int, object] = {}
        # The nav items off a page's path, rendered once per folder (for the pages of one build).
        self.fragments = NavFragments()
        # The parts of this site (generator.parts.PARTS unless build_site is given others).
        self.parts: tuple[Part, ...] = PARTS
        self.assets: tuple[Asset, ...] = ()
        # The page cache of this build (None when off), its build key and each page's key by URI.
        self.cache: PageCache | None = None
        # The document cache of this build (None when off): each further regulation's page text and
        # search pieces (cache.DocCache, render.law_pages).
        self.docs: DocCache | None = None
        self.build_key = ""
        self.keys: dict[str, str] = {}
        self.dests: dict[str, str] = {}  # each keyed page's site path by URI
        # The generated files that are not pages (search shards, JSON exports, jump-targets.js).
        self.exports: list[File] = []
        # Their keys (cache.digest of URI and text) by site path, when the build replaces a site.
        self.export_keys: dict[str, str] = {}
        self.hits: set[str] = set()
        # Where build_site publishes this build's site (None for plain `mkdocs build`): the pages
        # of the site there whose key it recorded (cache.read_site) are hard-linked from it, not
        # built (_link_unchanged), and this build's are recorded (site_record).
        self.published: Path | None = None
        # Every documentation page, linked ones included, as templates list them (sitemap, 404).
        self.all_pages: list[File] | None = None
        # The files linked from the published site: their record entry (cache.record_entry) by site
        # path, the file's identity unchanged by the link (the same inode): not looked up again.
        self.linked: dict[str, str] = {}
        # After the build: each page's key and file identity by site path (cache.write_site).
        self.site_record: dict[str, str] = {}
        # Whether MkDocs' files, pages and nav are frozen for the cyclic collector once made (gc.freeze,
        # on_files and on_env): build_site's builds (run_mkdocs), which unfreeze them after.
        self.freeze = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config):
        root = Path(config.config_file_path).parent
        project, self.preloaded = self.preloaded, None
        if project is None or self.docs is None:
            self.docs = self.document_cache(root, self.parts)
        try:
            project = project or load_project(root, parts=self.parts, store=self.docs)
        except ContentError as exc:
            raise PluginError(f"{len(exc.problems)} content problem(s):\n{exc}") from None
        active = tuple(p for p in self.parts if p.name in project.parts)
        self.assets = declared_assets(active)
        self.pages = render_site(project, self.parts, self.docs)
        self.pages[JUMP_JS] = jump_script(jump_targets(project))
        self.stubs = {}
        self.fragments = NavFragments()
        # The parts' theme folders (templates and assets), after the site's custom_dir and before
        # the theme: MkDocs copies their assets as it copies the theme's.
        custom = 1 if config.theme.custom_dir else 0
        config.theme.dirs[custom:custom] = [str(p.theme) for p in active if p.theme is not None]
        if not config.nav:
            config.nav = site_nav(project, self.parts)
        config.extra["kb_articles"] = len(project.regulation.articles)
        config.extra["kb_site_key"] = project.site.key  # names browser storage and export files
        config.extra["kb_jump_js"] = JUMP_JS
        # The further regulations' search index, when there are any (partials/kb-search.html).
        config.extra["kb_search_laws"] = SHARDS_META if project.laws else ""
        return config

    def document_cache(self, root: Path, parts: tuple[Part, ...]) -> DocCache | None:
        """The document cache under the `cache` option's folder (None when the option is "")."""
        if not self.config.cache:
            return None
        folders = [Path(__file__).parent, *(p.folder for p in parts if p.folder is not None)]
        return DocCache(root / self.config.cache, code_salt(folders))

    def on_files(self, files: Files, config) -> Files:
        self.exports = []
        titles = nav_titles(config.nav or [])
        # The files live through the build, and making them leaves no cycles: the collector would
        # only walk them again and again (build_site, issue 29), so it waits and they are frozen.
        enabled = gc.isenabled()
        if self.freeze:
            gc.disable()
        try:
            metas = front_matters(self.pages, self.docs) if self.docs is not None else {}
            for uri, content in self.pages.items():
                file = File.generated(config, uri, content=content, inclusion=InclusionLevel.INCLUDED)
                if file.is_documentation_page():
                    # Sets file.page, which MkDocs' nav then takes as it is (titled as MkDocs would).
                    GeneratedPage(titles.get(uri), file, config).preset = metas.get(uri)
                else:
                    self.exports.append(file)
                files.append(file)
        finally:
            if self.freeze:
                gc.freeze()
            if enabled:
                gc.enable()
        self.pages = {}  # the files hold the text now; two copies of a library's pages do not fit
        return files

    def on_nav(self, nav, config, files):
        escape_titles(nav.items)
        return nav

    def on_env(self, env, config, files):
        env.filters["kb_compact"] = compact
        root = Path(config.config_file_path).parent
        self.keys, self.hits, self.dests = {}, set(), {}
        self.cache = PageCache(root / self.config.cache) if self.config.cache else None
        if self.cache is not None:
            env.loader = jinja2.ChoiceLoader(
                [env.loader, jinja2.DictLoader({CACHED_TEMPLATE: CACHED_SOURCE})]
            )
            self._look_up(self.cache, config, files)
            if self.published is not None:
                self._link_unchanged(self.cache, config, files)
        if self.freeze:
            gc.freeze()  # the pages as read, and the nav: they too live through the build
        return env

    def _link_unchanged(self, cache: PageCache, config, files: Files) -> None:
        """Hard-link from the site this build replaces (self.published) each page whose key it
        recorded for the same file, still that file (write.link_unchanged): the same bytes a render
        would write, none of MkDocs' work. MkDocs builds only included files, so a linked one is
        marked excluded; templates still list every page (all_pages, on_template_context)."""
        assert self.published is not None
        self.all_pages = pages = list(files.documentation_pages())
        recorded = read_site(cache.folder, self.published) if self.published.is_dir() else {}
        self.linked = {}
        site, mode = Path(config.site_dir), 0o666 & ~umask()
        keys = {f.dest_uri: self.keys[f.src_uri] for f in pages if f.src_uri in self.keys}
        for file in self._link(pages, keys, recorded, site, mode):
            cache.keep(keys[file.dest_uri])
            release(cast(GeneratedPage, file.page))
        self._link_exports(recorded, site, mode)

    def _link(
        self,
        files: list[File],
        keys: dict[str, str],
        recorded: dict[str, str],
        site: Path,
        mode: int,
    ) -> list[File]:
        """The files (keys: their key by site path) linked from the site this build replaces into
        `site`: those whose key the record holds for the same file, still that file
        (write.link_unchanged). Each is marked excluded, as MkDocs builds and copies only included
        files."""
        assert self.published is not None
        linked = []
        # Paths as strings: at a library's 163,000 files, pathlib's joins were a second per build.
        old, new = os.path.join(self.published, ""), os.path.join(site, "")
        for file in files if recorded else ():
            dest = file.dest_uri
            key, entry = keys.get(dest), recorded.get(dest)
            if key is None or entry is None:
                continue
            was, ident = entry_parts(entry)
            if was == key and link_unchanged(old + dest, new + dest, ident, mode):
                file.inclusion = InclusionLevel.EXCLUDED
                linked.append(file)
                self.linked[dest] = entry
        return linked

    def _link_exports(self, recorded: dict[str, str], site: Path, mode: int) -> None:
        """The generated files that are not pages, keyed by their text, linked as pages are
        (_link_unchanged): MkDocs copies only included files. A linked one lets go of its text."""
        self.export_keys = {f.dest_uri: digest(EXPORT, f.src_uri, f.content_string) for f in self.exports}
        linked = self._link(self.exports, self.export_keys, recorded, site, mode)
        for file in linked:
            file.content_string = ""
        log.info(f"kb: {len(linked)} of {len(self.exports)} generated file(s) linked from the site replaced")
        self.exports = []

    def _look_up(self, cache: PageCache, config, files: Files) -> None:
        """Key every generated page (cache.page_key); a page the cache holds renders CACHED_TEMPLATE.
        MkDocs has read every page by now (on_env follows on_page_content), so every title is known:
        the nav of each page shows other pages' titles (those of untitled nav entries come from
        their front matter), so all of them are in the build key."""
        pages = [f.page for f in files.documentation_pages() if f.page is not None]
        titles = sorted((page.file.src_uri, str(page.title or "")) for page in pages)
        self.build_key = self._build_key(config, titles)
        stored = cache.keys()
        for page in pages:
            if isinstance(page, GeneratedPage) and "template" not in page.meta:
                uri = page.file.src_uri
                self.keys[uri] = page_key(self.build_key, uri, str(page.title or ""), page.text_digest)
                self.dests[uri] = page.file.dest_uri
                if self.keys[uri] in stored:
                    page.meta["template"] = CACHED_TEMPLATE

    def _build_key(self, config, titles: list[tuple[str, str]]) -> str:
        """What every page's HTML depends on besides its text (cache.build_key)."""
        settings = {
            "config": {name: config[name] for name in PAGE_SETTINGS},
            "titles": titles,
            "theme": dict(config.theme.items()),
            "theme_dirs": list(config.theme.dirs),
            "assets": [repr(a) for a in self.assets],
            "epoch": os.environ.get("SOURCE_DATE_EPOCH", ""),
        }
        code = files_digest([Path(__file__).parent], CODE_SUFFIXES)
        theme = files_digest([Path(d) for d in config.theme.dirs], (".html",))
        versions = {name: metadata.version(name) for name in RENDERING_PACKAGES}
        return build_key(settings, code, theme, versions)

    def _view(self, nav):
        """The Navigation as the page being built shows it (nav.page_view)."""
        view = copy.copy(nav)
        view.items = page_view(nav.items, self.stubs)
        return view

    def on_page_context(self, context, page, config, nav):
        if page.meta.get("template") == CACHED_TEMPLATE and self.cache is not None:
            html = self.cache.get(self.keys[page.file.src_uri])
            if html is not None:
                context["kb_cached"] = Markup(html)
                self.hits.add(page.file.src_uri)
                return context
            # Gone since on_page_content found it: rendered as main.html renders it, and stored again.
        context["nav"] = self._view(nav)
        if self.all_pages is not None:
            context["pages"] = self.all_pages
        context["kb_assets"] = page_assets(self.assets, page.meta.get("kb_kind"))
        context["kb_nav_item"] = self.fragments
        return context

    def on_template_context(self, context, template_name, config):
        if context.get("nav") is not None:
            context["nav"] = self._view(context["nav"])
        if self.all_pages is not None and "pages" in context:
            context["pages"] = self.all_pages
        context.setdefault("kb_assets", page_assets(self.assets, None))
        context.setdefault("kb_nav_item", self.fragments)
        return context

    def on_post_page(self, output, page, config):
        """Store the pages rendered (not those the cache gave)."""
        key = self.keys.get(page.file.src_uri)
        if self.cache is not None and key is not None and page.file.src_uri not in self.hits:
            self.cache.put(key, page.file.src_uri, output)
        if isinstance(page, GeneratedPage):
            release(page)
        return output

    def _record(self, site: Path) -> dict[str, str]:
        """Each keyed file's key and identity (cache.record_entry) in the built `site`: a linked
        file's as the published site's record held it (the link is the same file), the identity of
        every other one looked up."""
        keys = {**{self.dests[uri]: key for uri, key in self.keys.items()}, **self.export_keys}
        record = {}
        folder = os.path.join(site, "")
        for dest, key in keys.items():
            if (entry := self.linked.get(dest)) is not None:
                record[dest] = entry
            elif (ident := identity(folder + dest)) is not None:
                record[dest] = record_entry(key, ident)
        self.linked = {}
        return record

    def on_serve(self, server, config, builder):
        root = Path(config.config_file_path).parent
        for folder in self.config.watch:
            if (root / folder).is_dir():
                server.watch(str(root / folder))
        return server

    def on_post_build(self, config) -> None:
        """Drop what an offline intranet copy never loads: source maps and the theme's search files."""
        if self.cache is not None and self.published is not None:
            self.site_record = self._record(Path(config.site_dir))
        self.all_pages = None
        if self.cache is not None:
            self.cache.finish(self.docs.finish() if self.docs is not None else None)
            self.docs = None
            rendered, cached, linked = len(self.cache.rendered), self.cache.cached, self.cache.linked
            log.info(f"kb: {rendered} page(s) rendered, {cached} from the page cache ({linked} linked)")
            self.cache = None
        site = Path(config.site_dir)
        prune_site(site, [])
        for rel in THEME_SEARCH:
            shutil.rmtree(site / rel, ignore_errors=True)
