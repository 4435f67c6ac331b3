"""MkDocs hook: adds the generated pages, so plain `mkdocs build` / `mkdocs serve` work as well.

Listed under `hooks:` in mkdocs.yml. Content problems abort the build with every located message.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import yaml
from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator import parallel
from generator.build import PARTS, load_project, render_site, take_preloaded
from generator.errors import ContentError
from generator.nav import nav_titles, page_view, site_nav
from generator.render import jump_targets, script_json
from generator.search import LAWS_INDEX_JS

_pages: dict[str, str] = {}
_state: dict[str, bool] = {"parallel": False}
# The jump box's article list (render.jump_targets), a script loaded on first use of the box: it grows
# with the regulation, so it is not written into every page.
JUMP_JS = "assets/javascripts/jump-targets.js"
# Stubs of the sections pages show pruned (nav.page_view), shared by the pages of one build.
_stubs: dict[int, object] = {}

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

    def read_source(self, config) -> None:
        text = self.file.content_string
        match = FRONT_MATTER.match(text)
        self.meta = yaml.load(match.group(1), Loader=_Loader) if match else {}
        if isinstance(self.meta.get("title"), str):
            # The theme prints titles as markup (<title>, header, nav): escaped here, once.
            self.meta["title"] = escape(self.meta["title"])
        self.markdown = text[match.end() :].lstrip("\n") if match else text

    def render(self, config, files) -> None:
        self.content = self.markdown.strip("\n")
        self.toc = get_toc([])
        self.present_anchor_ids = None  # not read: no Markdown page links into generated pages


def jump_script(targets: dict) -> str:
    """jump-targets.js: hands the jump box's targets to jump.js (kb.jump.receive)."""
    payload = script_json(targets)
    return f"window.kb&&window.kb.jump&&window.kb.jump.receive({payload});\n"


def on_config(config):
    root = Path(config.config_file_path).parent
    project = take_preloaded(root)
    # Pages render in a pool only when KB_JOBS asks for one, in builds started by build_site
    # (`python -m generator build`), never under `mkdocs serve`, whose server runs threads a fork
    # must not copy.
    _state["parallel"] = project is not None and parallel.jobs() > 1
    try:
        project = project or load_project(root)
    except ContentError as exc:
        raise PluginError(f"{len(exc.problems)} content problem(s):\n{exc}") from None
    _pages.clear()
    _pages.update(render_site(project))
    _stubs.clear()
    if not config.nav:
        config.nav = site_nav(project, PARTS)
    config.extra["kb_articles"] = len(project.regulation.articles)
    config.extra["kb_site_key"] = project.site.key  # names browser storage and export files
    config.extra["kb_jump_js"] = JUMP_JS
    _pages[JUMP_JS] = jump_script(jump_targets(project))
    # The further regulations' search index, when there are any (partials/kb-search.html).
    config.extra["kb_search_laws"] = LAWS_INDEX_JS if project.laws else ""
    return config


def on_files(files: Files, config) -> Files:
    titles = nav_titles(config.nav or [])
    for uri, content in _pages.items():
        file = File.generated(config, uri, content=content, inclusion=InclusionLevel.INCLUDED)
        if file.is_documentation_page():
            # Sets file.page, which MkDocs' nav then takes as it is (titled here as MkDocs would).
            GeneratedPage(titles.get(uri), file, config)
        files.append(file)
    return files


def escape_titles(items) -> None:
    """Section titles as the theme prints them: markup, escaped once (titles of pages are escaped
    where the page is made, GeneratedPage). A title that is already markup is left as it is."""
    for item in items:
        if item.is_section:
            item.title = escape(item.title)
            escape_titles(item.children)


def on_nav(nav, config, files):
    escape_titles(nav.items)
    return nav


def _view(nav):
    """The Navigation as the page being built shows it (nav.page_view)."""
    view = copy.copy(nav)
    view.items = page_view(nav.items, _stubs)
    return view


def compact(html: str) -> Markup:
    """Markup without blank lines and without the indentation of its lines. Only for markup whose
    text holds no significant whitespace (header, sidebars, footer: main.html): every line break
    still separates."""
    return Markup("\n".join(line.strip() for line in html.split("\n") if line.strip()))


def on_env(env, config, files):
    env.filters["kb_compact"] = compact
    if _state["parallel"]:
        parallel.defer()  # pages are noted now and rendered in on_post_build
    return env


def on_page_context(context, page, config, nav):
    context["nav"] = _view(nav)
    return context


def on_template_context(context, template_name, config):
    if context.get("nav") is not None:
        context["nav"] = _view(context["nav"])
    return context


def on_build_error(error) -> None:
    _state["parallel"] = False
    parallel.restore()


def on_serve(server, config, builder):
    root = Path(config.config_file_path).parent
    for folder in ("content", "checklists"):
        if (root / folder).is_dir():
            server.watch(str(root / folder))
    return server


# The theme copies its search worker and lunr files even without its search plugin; the site's
# own search (search.js) never loads them.
THEME_SEARCH = ("assets/javascripts/lunr", "assets/javascripts/workers")


def on_post_build(config) -> None:
    """Drop what an offline intranet copy never loads: source maps and the theme's search files."""
    import shutil

    from generator.write import prune_site

    if _state["parallel"]:
        _state["parallel"] = False
        parallel.run()
    site = Path(config.site_dir)
    prune_site(site, [])
    for rel in THEME_SEARCH:
        shutil.rmtree(site / rel, ignore_errors=True)
