"""MkDocs hook: adds the generated pages, so plain `mkdocs build` / `mkdocs serve` work as well.

Listed under `hooks:` in mkdocs.yml. Content problems abort the build with every located message.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.build import load_project, navigation, render_site, take_preloaded
from generator.errors import ContentError
from generator.render import jump_targets
from generator.search import LAWS_INDEX_JS

_pages: dict[str, str] = {}


def on_config(config):
    root = Path(config.config_file_path).parent
    try:
        project = take_preloaded(root) or load_project(root)
    except ContentError as exc:
        raise PluginError(f"{len(exc.problems)} content problem(s):\n{exc}") from None
    _pages.clear()
    _pages.update(render_site(project))
    if not config.nav:
        config.nav = navigation(project)
    config.extra["kb_articles"] = len(project.regulation.articles)
    config.extra["kb_site_key"] = project.site.key  # names browser storage and export files
    config.extra["kb_jump"] = jump_targets(project)  # the jump box's article list and id patterns
    # The further regulations' search index, when there are any (partials/kb-search.html).
    config.extra["kb_search_laws"] = LAWS_INDEX_JS if project.laws else ""
    return config


def on_files(files: Files, config) -> Files:
    for uri, content in _pages.items():
        files.append(File.generated(config, uri, content=content, inclusion=InclusionLevel.INCLUDED))
    return files


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

    site = Path(config.site_dir)
    prune_site(site, [])
    for rel in THEME_SEARCH:
        shutil.rmtree(site / rel, ignore_errors=True)
