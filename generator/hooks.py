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

IFRAME_WORKER = "node_modules/iframe-worker/shim/index.js"
SHIM_URI = "assets/javascripts/vendor/iframe-worker-shim.js"  # extra.polyfills in mkdocs.yml

_pages: dict[str, str] = {}
_assets: dict[str, str] = {}


def on_config(config):
    root = Path(config.config_file_path).parent
    shim = root / IFRAME_WORKER
    if not shim.is_file():  # checked first: no point rendering a site that cannot search offline
        raise PluginError(
            f"{IFRAME_WORKER} is missing: run `npm ci` (the offline search shim comes from npm)"
        )
    try:
        project = take_preloaded(root) or load_project(root)
    except ContentError as exc:
        raise PluginError(f"{len(exc.problems)} content problem(s):\n{exc}") from None
    _pages.clear()
    _pages.update(render_site(project))
    if not config.nav:
        config.nav = navigation(project)
    config.extra["kb_articles"] = len(project.regulation.articles)
    config.extra["kb_jump"] = jump_targets(project)  # the jump box's article list and id patterns
    _assets.clear()
    _assets[SHIM_URI] = str(shim)
    return config


def on_files(files: Files, config) -> Files:
    for uri, content in _pages.items():
        files.append(File.generated(config, uri, content=content, inclusion=InclusionLevel.INCLUDED))
    for uri, path in _assets.items():
        files.append(File.generated(config, uri, abs_src_path=path, inclusion=InclusionLevel.INCLUDED))
    return files


def on_serve(server, config, builder):
    root = Path(config.config_file_path).parent
    for folder in ("content", "checklists"):
        if (root / folder).is_dir():
            server.watch(str(root / folder))
    return server


def on_post_build(config) -> None:
    """Drop what an offline intranet copy never loads: source maps and other languages' search files."""
    from generator.write import prune_site

    langs = []
    for name, plugin in config.plugins.items():
        if name.endswith("search"):
            langs = list(plugin.config.lang or [])
    prune_site(Path(config.site_dir), langs)
