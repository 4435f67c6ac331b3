"""The page cache (issue 29): the HTML MkDocs made of a page, kept between builds, so a page whose
inputs have not changed is not rendered again.

A page's HTML is a function of its generated text (which holds everything the page says: the
generator is pure, so the content records a page shows are in its text), its title, and what every
page shares: the theme's templates, the site's settings and nav, the generator's code and the
versions of MkDocs and the theme (`build_key`). The cache key of a page hashes both, so editing an
article re-renders the pages whose text shows it, editing a page template (`*.md.j2`) the pages it
renders differently, and editing a theme template, a setting or the code every page.

Entries live in one folder (default `.kb-cache/` beside mkdocs.yml), one compressed file per key;
after each build the entries it did not use are removed and `last-build.json` says which pages it
rendered and how many came from the cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

# Bump when what an entry holds, or how a key is made, changes.
CACHE_FORMAT = 1
STATS = "last-build.json"
# Files of the generator whose edits change every page (the page templates, *.md.j2, change the
# pages' text, which each page's key holds already).
CODE_SUFFIXES = (".py", ".html", ".js", ".css", ".json")
_ENTRY_SUFFIX = ".html.z"


def digest(*parts: str) -> str:
    """sha256 of the parts, each length-prefixed so no two sequences hash alike."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        h.update(f"{len(data)}:".encode())
        h.update(data)
    return h.hexdigest()


def files_digest(folders: Iterable[Path], suffixes: tuple[str, ...]) -> str:
    """One hash of the paths and contents of the files under `folders` whose names end in one of
    `suffixes` (in path order; a folder that does not exist adds nothing)."""
    h = hashlib.sha256()
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name.endswith(suffixes)):
            h.update(f"{path.relative_to(folder).as_posix()}\0{path.stat().st_size}\0".encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def build_key(settings: object, code: str, theme: str, versions: dict[str, str]) -> str:
    """What every page's HTML depends on besides its own text: the site's settings (any JSON-able
    value: the config items that reach pages, the nav, the assets), the generator's code hash, the
    theme templates' hash and the versions of the packages that render."""
    text = json.dumps(settings, ensure_ascii=False, sort_keys=True, default=str)
    return digest(str(CACHE_FORMAT), text, code, theme, json.dumps(versions, sort_keys=True))


def page_key(build: str, uri: str, title: str, text: str) -> str:
    """The cache key of one page: the build key, its source URI, its title and its generated text."""
    return digest(build, uri, title, text)


@dataclass
class PageCache:
    """The cache folder of one build: reads entries, stores the pages it rendered, and afterwards
    drops what it did not use."""

    folder: Path
    used: set[str] = field(default_factory=set)
    rendered: list[str] = field(default_factory=list)
    cached: int = 0

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / (key + _ENTRY_SUFFIX)

    def has(self, key: str) -> bool:
        return self._path(key).is_file()

    def get(self, key: str) -> str | None:
        """The HTML stored under `key`, or None (absent, or unreadable: then it is rendered anew)."""
        try:
            html = zlib.decompress(self._path(key).read_bytes()).decode("utf-8", "surrogatepass")
        except (OSError, zlib.error, UnicodeDecodeError):
            return None
        self.used.add(key)
        self.cached += 1
        return html

    def put(self, key: str, uri: str, html: str) -> None:
        """Store the HTML of the page at `uri` (written whole or not at all: a build killed meanwhile,
        or another build beside it, never leaves half an entry)."""
        self.rendered.append(uri)
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(zlib.compress(html.encode("utf-8", "surrogatepass"), 1))
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            return  # a cache that cannot be written (full disk, read-only folder) only makes no entry
        self.used.add(key)

    def finish(self) -> dict[str, object]:
        """After a build: remove the entries it did not use and write its statistics (STATS)."""
        if self.folder.is_dir():
            for path in self.folder.glob("*/*"):
                name = path.name
                if name.endswith(_ENTRY_SUFFIX) and name[: -len(_ENTRY_SUFFIX)] in self.used:
                    continue
                # A temporary file is another build's entry being written, or a killed build's.
                stale = name.startswith(".tmp-") and path.stat().st_mtime < time.time() - 3600
                if name.endswith(_ENTRY_SUFFIX) or stale:
                    path.unlink(missing_ok=True)
        stats = {"rendered": sorted(self.rendered), "cached": self.cached}
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / STATS).write_text(
            json.dumps(stats, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        return stats
