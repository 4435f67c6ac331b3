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
import re
import stat
import tempfile
import time
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

# Bump when what an entry holds, or how a key is made, changes.
CACHE_FORMAT = 2
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
    """The cache key of one page: the build key, its source URI, its title and its generated text
    (or the digest of that text: the plugin keys by it, as pages let go of their text)."""
    return digest(build, uri, title, text)


@dataclass
class PageCache:
    """The cache folder of one build: reads entries, stores the pages it rendered, and afterwards
    drops what it did not use."""

    folder: Path
    used: set[str] = field(default_factory=set)
    rendered: list[str] = field(default_factory=list)
    cached: int = 0
    linked: int = 0  # of the cached pages, those linked from the site the build replaces (keep)

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / (key + _ENTRY_SUFFIX)

    def keys(self) -> set[str]:
        """The keys of the entries there are, one listing of each folder: a library's 68,000
        pages looked up one file at a time took a system call each."""
        found: set[str] = set()
        try:
            folders = [e.path for e in os.scandir(self.folder) if e.is_dir() and len(e.name) == 2]
        except OSError:
            return found
        for folder in folders:
            try:
                with os.scandir(folder) as entries:
                    found.update(
                        e.name[: -len(_ENTRY_SUFFIX)] for e in entries if e.name.endswith(_ENTRY_SUFFIX)
                    )
            except OSError:
                continue
        return found

    def get(self, key: str) -> str | None:
        """The HTML stored under `key`, or None (absent, or unreadable: then it is rendered anew)."""
        try:
            html = zlib.decompress(self._path(key).read_bytes()).decode("utf-8", "surrogatepass")
        except (OSError, zlib.error, UnicodeDecodeError):
            return None
        self.used.add(key)
        self.cached += 1
        return html

    def keep(self, key: str) -> None:
        """Note that the page stored under `key` was taken from the site the build replaces (its
        file linked, not read from here): the entry is kept, and the page counts as cached."""
        self.used.add(key)
        self.cached += 1
        self.linked += 1

    def put(self, key: str, uri: str, html: str) -> None:
        """Store the HTML of the page at `uri` (written whole or not at all: a build killed meanwhile,
        or another build beside it, never leaves half an entry)."""
        self.rendered.append(uri)
        if not _write_whole(self._path(key), zlib.compress(html.encode("utf-8", "surrogatepass"), 1)):
            return  # a cache that cannot be written (full disk, read-only folder) only makes no entry
        self.used.add(key)

    def finish(self, documents: dict[str, object] | None = None) -> dict[str, object]:
        """After a build: remove the entries it did not use and write its statistics (STATS), with
        the document cache's (DocCache.finish) under "documents" when given."""
        _prune(self.folder, self.used, _ENTRY_SUFFIX)
        stats: dict[str, object] = {
            "rendered": sorted(self.rendered),
            "cached": self.cached,
            "linked": self.linked,
        }
        if documents is not None:
            stats["documents"] = documents
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / STATS).write_text(
            json.dumps(stats, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        return stats


# --- The document cache (issue 29 item 4) ----------------------------------------------------------
#
# What the generator makes of one further regulation before MkDocs sees it: the Markdown of its pages
# (render.law_pages) and the pieces of the search index built from its text (search.shards_of). A
# rebuild after one document is edited computes these again for that document and for the documents
# whose pages show it (render.law_pages records which), and takes the rest from here. Values are
# JSON (never pickle: the folder is data, not code), one compressed file per key, under DOCS.


class Store(Protocol):
    """Where computed values outlive a build (cache.DocCache): keys made from strings, JSON values."""

    def key(self, kind: str, *parts: str) -> str: ...

    def get(self, kind: str, key: str, check: Callable[[Any], bool] | None = None) -> Any: ...

    def put(self, kind: str, key: str, name: str, value: object) -> None: ...

    def keep(self, kind: str, key: str) -> None: ...

    def peek(self, key: str, check: Callable[[Any], bool] | None = None) -> Any: ...


DOCS = "docs"
_DOC_SUFFIX = ".json.z"


@dataclass
class DocCache:
    """The document cache of one build (under `folder`/DOCS). `salt` is the hash of the generator's
    code and templates (code_salt): every key is made with it, so a changed generator finds nothing.
    Counts what each kind of value was computed for (`computed`: kind -> names) and how many came
    from the cache (`cached`: kind -> count)."""

    folder: Path
    salt: str
    used: set[str] = field(default_factory=set)
    computed: dict[str, list[str]] = field(default_factory=dict)
    cached: dict[str, int] = field(default_factory=dict)

    def key(self, kind: str, *parts: str) -> str:
        """The key of a value of `kind` made from `parts` (cache.digest, salted)."""
        return digest(self.salt, kind, *parts)

    def _path(self, key: str) -> Path:
        return self.folder / DOCS / key[:2] / (key + _DOC_SUFFIX)

    def get(self, kind: str, key: str, check: Callable[[Any], bool] | None = None) -> Any:
        """The value stored under `key`, or None (absent, unreadable or refused by `check`: then it
        is computed anew)."""
        value = self.peek(key, check)
        if value is None:
            return None
        self.used.add(key)
        self.cached[kind] = self.cached.get(kind, 0) + 1
        return value

    def put(self, kind: str, key: str, name: str, value: object) -> None:
        """Store `value` (JSON) under `key`, noting that `name` of `kind` was computed; written whole
        or not at all, and a folder that cannot be written only makes no entry (as PageCache.put)."""
        self.computed.setdefault(kind, []).append(name)
        data = zlib.compress(json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass"), 1)
        if _write_whole(self._path(key), data):
            self.used.add(key)

    def peek(self, key: str, check: Callable[[Any], bool] | None = None) -> Any:
        """The value stored under `key` as get gives it, neither kept for later builds nor counted:
        what an earlier build stored and this one only compares with (shard_cache)."""
        try:
            value = json.loads(zlib.decompress(self._path(key).read_bytes()))
            if check is not None and not check(value):
                return None
        except (OSError, zlib.error, ValueError, LookupError, TypeError, AttributeError):
            return None
        return value

    def keep(self, kind: str, key: str) -> None:
        """Keep the value stored under `key` for later builds without reading it (a build that
        takes what it was made into from elsewhere: shard_cache), counted as taken from the cache;
        nothing when there is none."""
        if self._path(key).is_file():
            self.used.add(key)
            self.cached[kind] = self.cached.get(kind, 0) + 1

    def finish(self) -> dict[str, object]:
        """After a build: remove the entries it did not use; its statistics by kind."""
        _prune(self.folder / DOCS, self.used, _DOC_SUFFIX)
        kinds = sorted({*self.computed, *self.cached})
        return {
            k: {"computed": sorted(self.computed.get(k, [])), "cached": self.cached.get(k, 0)} for k in kinds
        }


def code_salt(folders: Iterable[Path]) -> str:
    """The hash of the generator's code, templates and schemas under `folders` (the generator's own
    folder and the parts' folders): what the document cache's keys are made with."""
    return files_digest(folders, (".py", ".j2", ".json", ".yaml", ".html", ".js", ".css"))


def _write_whole(path: Path, data: bytes) -> bool:
    """Write `data` to `path` through a temporary file in its folder; False when it cannot."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return False
    return True


def _prune(folder: Path, used: set[str], suffix: str) -> None:
    """Remove the entries under `folder` (`<2 hex>/<key><suffix>`) whose keys are not in `used`, and
    temporary files older than an hour (a killed build's; a younger one is another build's)."""
    if not folder.is_dir():
        return
    for path in folder.glob("*/*"):
        name = path.name
        if name.endswith(suffix) and name[: -len(suffix)] in used:
            continue
        stale = name.startswith(".tmp-") and path.stat().st_mtime < time.time() - 3600
        if name.endswith(suffix) or stale:
            path.unlink(missing_ok=True)


# --- The files of a published site (issue 29: a rebuild links what it did not change) --------------
#
# After build_site swaps a site in, it records for each page the page key (page_key) its HTML was made
# from and the file's identity (size, mtime, inode, permission bits). The next build into that folder
# hard-links a page whose key is unchanged from the site it replaces, instead of writing the same
# bytes again, when the file there is still the one recorded (nobody replaced or edited it since).
#
# A whole library's site is 163,000 files: the record is one JSON object of strings (site path ->
# "key identity"), as a list per entry took seconds to write and read back.

SITES = "sites"
# A file's identity: "size mtime_ns inode mode" (mode: its permission bits), as identity gives it.
Identity = str
# A record entry (record_entry): a page key (cache.digest, 64 hex digits), then the file's identity.
_ENTRY = re.compile(r"[0-9a-f]{64}(?: [0-9]+){4}")


def _site_path(folder: Path, site: Path) -> Path:
    return folder / SITES / (digest(str(site)) + _DOC_SUFFIX)


def identity(path: str | Path) -> Identity | None:
    """The identity of the regular file at `path` owned by this process's user, else None."""
    try:
        st = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode) or st.st_uid != os.getuid():
        return None
    return f"{st.st_size} {st.st_mtime_ns} {st.st_ino} {stat.S_IMODE(st.st_mode)}"


def identity_mode(ident: Identity) -> int:
    """The permission bits an identity holds (its last field)."""
    return int(ident.rpartition(" ")[2])


def record_entry(key: str, ident: Identity) -> str:
    """What the site record holds for a file: its page key and its identity."""
    return f"{key} {ident}"


def entry_parts(entry: str) -> tuple[str, Identity]:
    """The page key and the identity of a record entry (record_entry)."""
    key, _, ident = entry.partition(" ")
    return key, ident


def read_site(folder: Path, site: Path) -> dict[str, str]:
    """What write_site recorded of the site at `site`: an entry (record_entry) by file (site-relative
    path); empty when nothing was recorded or the record is unreadable or not of that shape."""
    try:
        value = json.loads(zlib.decompress(_site_path(folder, site).read_bytes()))
    except (OSError, zlib.error, ValueError):
        return {}
    if not isinstance(value, dict):
        return {}
    match = _ENTRY.fullmatch
    if not all(isinstance(entry, str) and match(entry) for entry in value.values()):
        return {}
    return value


def write_site(folder: Path, site: Path, files: dict[str, str]) -> None:
    """Record the files of the site just swapped in at `site` (read_site; `files`: an entry by site
    path); a folder that cannot be written records nothing (the next build then writes every page)."""
    data = json.dumps(dict(sorted(files.items())), ensure_ascii=False).encode("utf-8", "surrogatepass")
    _write_whole(_site_path(folder, site), zlib.compress(data, 1))


def drop_site(folder: Path, site: Path) -> None:
    """Forget the record of `site` (before the folder is replaced: a record must never describe
    files that are gone, whose inodes a new file may take)."""
    _site_path(folder, site).unlink(missing_ok=True)
