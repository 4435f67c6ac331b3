"""File IO at the edge: the output folders the build owns, and tidying the built site tree."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from generator.cache import Identity, identity, identity_mode


def unused_search_files(site: Path, langs: list[str]) -> list[Path]:
    """Search language files the site's search languages do not use (lunr.<lang>.min.js and friends)."""
    lunr = site / "assets/javascripts/lunr"
    if not lunr.is_dir():
        return []
    keep = {"lunr.stemmer.support.min.js"} | {f"lunr.{lang}.min.js" for lang in langs if lang != "en"}
    if len(langs) > 1:
        keep.add("lunr.multi.min.js")
    if "ja" in langs:
        keep.add("tinyseg.js")
    if "th" in langs:
        keep.add("wordcut.js")
    return sorted(p for p in lunr.rglob("*.js") if p.name not in keep)


def prune_site(site: Path, langs: list[str]) -> list[Path]:
    """Delete source maps and unused search language files; return what was removed, sorted."""
    maps = sorted(site / rel for rel in tree_files(site) if rel.endswith(".map"))
    removed = maps + unused_search_files(site, langs)
    for path in removed:
        path.unlink()
    return removed


# --- Owned output folders -------------------------------------------------------------------------
# The build replaces a folder only when it is missing, empty, or a site it made itself: every site it
# writes carries MARKER, which lists the site's files. A folder holding anything else is refused, as
# are the project and its source folders (MkDocs likewise refuses to build into its docs_dir).

MARKER = ".kb-site"
MARKER_HEAD = "# Written by `python -m generator build`; the next build replaces this folder."
MARKER_NOTE = "# The build refuses to replace it when it holds a file not listed below."
# Folders of the project that hold sources, never output (the build's own tree included).
SOURCE_FOLDERS = (".git", "checklists", "content", "generator", "site_overrides", "tests")
# How many foreign names a refusal shows before "and N more".
SHOWN = 3


class OutputError(Exception):
    """An output folder the build must not write: one line naming the folder and why."""


def protected_reason(target: Path, root: Path) -> str | None:
    """Why `target` may never be an output folder of the project at `root` (both resolved), or None:
    the project itself, a folder holding it, or anything inside one of its source folders."""
    if target == root:
        return "it is the project folder"
    if target in root.parents:
        return "it holds the project folder"
    for name in SOURCE_FOLDERS:
        source = root / name
        if target == source:
            return f"it is {name}/, a source folder of the project"
        if source in target.parents:
            return f"it is inside {name}/, a source folder of the project"
    return None


def is_marked(folder: Path) -> bool:
    """True when `folder` carries the build's marker (a finished site or a build's staging folder)."""
    try:
        with (folder / MARKER).open(encoding="utf-8") as f:
            return f.readline().rstrip("\n") == MARKER_HEAD
    except (OSError, UnicodeDecodeError):
        return False


def _listed(folder: Path) -> set[str]:
    """The files a marked site's marker lists (relative POSIX paths)."""
    lines = (folder / MARKER).read_text(encoding="utf-8").split("\n")
    return {line for line in lines if line and not line.startswith("#")}


# A site built before the marker existed: its home page names the site's key, and every file in it is
# of a kind the build writes (an administrator's note, archive or backup is not).
LEGACY_HOME_SIGN = '<meta name="kb-site-key"'
BUILT_SUFFIXES = frozenset({".html", ".js", ".css", ".json", ".png", ".svg", ".ico", ".xml", ".gz"})


def is_legacy_site(folder: Path) -> bool:
    """True when `folder` is a site an earlier release built (no marker yet): its index.html carries
    the site-key meta element and it holds only files of the kinds a build writes."""
    try:
        with (folder / "index.html").open(encoding="utf-8") as f:
            if LEGACY_HOME_SIGN not in f.read(65536):
                return False
    except (OSError, UnicodeDecodeError):
        return False
    return all(p.is_dir() or p.suffix in BUILT_SUFFIXES for p in folder.rglob("*") if not p.is_symlink())


def foreign_entries(folder: Path) -> list[str]:
    """What in `folder` the build did not write, sorted: every entry of an unmarked folder (folders
    as `name/`), or the files of a marked site its marker does not list."""
    if not folder.exists() or is_legacy_site(folder):
        return []
    if not is_marked(folder):
        return sorted(p.name + ("/" if p.is_dir() and not p.is_symlink() else "") for p in folder.iterdir())
    listed = _listed(folder) | {MARKER}
    return sorted(rel for rel in tree_files(folder) if rel not in listed)


def tree_files(folder: Path) -> list[str]:
    """Everything under `folder` that is not a folder, as relative POSIX paths (a link to a folder
    counts as a file and is not followed; a folder that cannot be read is skipped, as rglob skips
    it). In no particular order. os.scandir: a site's 68,000 files through pathlib took seconds."""
    found: list[str] = []
    stack = [("", os.fspath(folder))]
    while stack:
        prefix, path = stack.pop()
        try:
            with os.scandir(path) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append((prefix + entry.name + "/", entry.path))
                    else:
                        found.append(prefix + entry.name)
        except PermissionError:
            continue
    return found


def link_unchanged(old: str | Path, new: str | Path, recorded: Identity, mode: int) -> bool:
    """Hard-link the file `old` (of the site a build replaces) to `new` (in its staging folder) when
    it is still the file recorded (cache.identity: size, mtime, inode and permission bits) and its
    bits are `mode`, those a file written now gets (0o666 less the umask, as MkDocs writes pages).
    False when it is not, or when it cannot be linked: the page is then written as any other."""
    if identity_mode(recorded) != mode or identity(old) != recorded:
        return False
    try:
        try:
            os.link(old, new, follow_symlinks=False)
        except FileNotFoundError:  # its folder is not made yet (once per folder, not per file)
            os.makedirs(os.path.dirname(new), exist_ok=True)
            os.link(old, new, follow_symlinks=False)
    except OSError:
        return False
    return True


def umask() -> int:
    """The process's umask (read without changing it)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def not_a_folder(target: Path) -> str | None:
    """Why `target` cannot be a folder on this disk (it, or a folder it would be in, is a file)."""
    if target.exists() and not target.is_dir():
        return "it is a file, not a folder"
    for parent in target.parents:
        if parent.exists():
            return None if parent.is_dir() else f"{parent} is a file, not a folder"
    return None


def _protected(target: Path, root: Path) -> str | None:
    """protected_reason for the path as written and as resolved: a source folder reached through a
    symbolic link (a link to content/, or content/ itself a link) is refused as well."""
    written = Path(os.path.abspath(target))
    return protected_reason(written, Path(os.path.abspath(root))) or protected_reason(
        target.resolve(), root.resolve()
    )


def check_output(target: Path, root: Path) -> None:
    """Raise OutputError unless the build may replace `target` with a new site."""
    reason = _protected(target, root) or not_a_folder(target)
    if reason is None and (foreign := foreign_entries(target)):
        shown = ", ".join(foreign[:SHOWN]) + (
            f" and {len(foreign) - SHOWN} more" if len(foreign) > SHOWN else ""
        )
        reason = f"it holds files the build did not write ({shown}); move them away or choose another folder"
    if reason:
        raise OutputError(f"{target}: will not build the site here: {reason}")


def check_destination(folder: Path, root: Path) -> None:
    """Raise OutputError unless files may be added to `folder`, as `bundle --out` adds
    its zip (deleting nothing): not the project, a folder holding it or a source folder, not a file."""
    folder = Path(os.path.abspath(folder))
    reason = _protected(folder, root) or not_a_folder(folder)
    if reason:
        raise OutputError(f"{folder}: will not write here: {reason}")


def mark_staging(folder: Path) -> None:
    """Mark a staging folder as the build's before anything is written into it, so that a build
    killed half-way leaves a folder the next build recognises and removes."""
    (folder / MARKER).write_text(MARKER_HEAD + "\n", encoding="utf-8")


def mark_site(folder: Path) -> None:
    """Write the marker of a finished site: every file in it, so a later build can tell them apart
    from files someone added. The list is sorted: two builds of the same content are identical."""
    files = sorted(tree_files(folder))
    body = [MARKER_HEAD, MARKER_NOTE, *(f for f in files if f != MARKER)]
    (folder / MARKER).write_text("\n".join(body) + "\n", encoding="utf-8")


def stale_staging(parent: Path, name: str) -> list[Path]:
    """Staging folders of earlier builds of `name` that were killed (`.<name>-new-*`, `.<name>-old*`):
    only empty ones (made just before the kill) or ones carrying the marker."""
    found = []
    for p in sorted(parent.glob(f".{name}-*")):
        if not (p.name.startswith((f".{name}-new-", f".{name}-old")) and p.is_dir() and not p.is_symlink()):
            continue
        if is_marked(p) or not any(p.iterdir()):
            found.append(p)
    return found


def remove_stale(parent: Path, name: str) -> list[Path]:
    """Delete stale_staging(parent, name); return what was removed."""
    stale = stale_staging(parent, name)
    for p in stale:
        shutil.rmtree(p)
    return stale
