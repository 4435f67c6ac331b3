"""The published site's record (cache.read_site/write_site) and the links a rebuild makes from it
(write.link_unchanged), and write.tree_files, which lists a site's files for its marker."""

from __future__ import annotations

import os
import zlib
from pathlib import Path

import pytest

from generator.cache import (
    SITES,
    digest,
    drop_site,
    identity,
    identity_mode,
    read_site,
    record_entry,
    write_site,
)
from generator.write import link_unchanged, mark_site, tree_files, umask

MODE = 0o666 & ~umask()


def page(folder: Path, text: str = "<p>第一条</p>\n") -> Path:
    path = folder / "laws/c001/articles/art-01.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(MODE)
    return path


def test_an_unchanged_file_is_linked_not_copied(tmp_path) -> None:
    old = page(tmp_path / "old")
    new = tmp_path / "new/laws/c001/articles/art-01.html"
    recorded = identity(old)
    assert recorded is not None and identity_mode(recorded) == MODE
    assert link_unchanged(old, new, recorded, MODE)
    assert new.read_text(encoding="utf-8") == "<p>第一条</p>\n"
    assert os.stat(new).st_ino == os.stat(old).st_ino and os.stat(new).st_nlink == 2


def _edited_in_place(path: Path) -> None:
    with path.open("a", encoding="utf-8") as f:
        f.write("<!-- added -->")


def _replaced_same_bytes_same_time(path: Path) -> None:
    st = os.stat(path)
    data = path.read_bytes()
    path.unlink()
    path.write_bytes(data)
    path.chmod(MODE)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def _same_size_new_time(path: Path) -> None:
    path.write_text("<p>第二条</p>\n", encoding="utf-8")


def _made_private(path: Path) -> None:
    path.chmod(0o600)


def _removed(path: Path) -> None:
    path.unlink()


def _a_link_to_the_file(path: Path) -> None:
    keep = path.with_name("kept.html")
    path.rename(keep)
    path.symlink_to(keep)


def _a_folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


CHANGED = {
    "edited in place": _edited_in_place,
    "replaced by the same bytes and time": _replaced_same_bytes_same_time,
    "same size, new time": _same_size_new_time,
    "made private": _made_private,
    "removed": _removed,
    "a link to the file": _a_link_to_the_file,
    "a folder": _a_folder,
}


@pytest.mark.parametrize("case", sorted(CHANGED))
def test_a_file_changed_since_it_was_recorded_is_not_linked(tmp_path, case) -> None:
    old = page(tmp_path / "old")
    recorded = identity(old)
    assert recorded is not None
    if case == "same size, new time":
        os.utime(old, ns=(0, 0))
        recorded = identity(old)
        assert recorded is not None
    CHANGED[case](old)
    new = tmp_path / "new/laws/c001/articles/art-01.html"
    assert not link_unchanged(old, new, recorded, MODE)
    assert not new.exists()


def test_a_file_recorded_under_another_umask_is_not_linked(tmp_path) -> None:
    """A page written now gets 0o666 less the umask: one written under another umask is not that."""
    old = page(tmp_path / "old")
    recorded = identity(old)
    assert recorded is not None
    assert not link_unchanged(old, tmp_path / "new/art-01.html", recorded, MODE & ~0o004 | 0o002)


def test_a_file_that_cannot_be_linked_is_not_an_error(tmp_path) -> None:
    old = page(tmp_path / "old")
    recorded = identity(old)
    assert recorded is not None
    (tmp_path / "new").write_text("a file where the folder should be", encoding="utf-8")
    assert not link_unchanged(old, tmp_path / "new/art-01.html", recorded, MODE)


def test_identity_is_none_for_what_is_not_a_regular_file(tmp_path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "l").symlink_to(page(tmp_path))
    assert [identity(tmp_path / n) for n in ("d", "l", "missing")] == [None, None, None]


def test_a_site_record_is_read_back_as_written_and_dropped(tmp_path) -> None:
    site = tmp_path / "site"
    record = {
        "b.html": record_entry("bb" * 32, f"2 3 4 {MODE}"),
        "a/中.html": record_entry("aa" * 32, f"1 2 3 {MODE}"),
    }
    write_site(tmp_path / "cache", site, record)
    assert read_site(tmp_path / "cache", site) == record
    assert read_site(tmp_path / "cache", tmp_path / "other") == {}
    drop_site(tmp_path / "cache", site)
    assert read_site(tmp_path / "cache", site) == {}
    drop_site(tmp_path / "cache", site)  # nothing to drop: not an error


KEY = b"ab" * 32
DAMAGED_RECORDS = {
    "not zlib": b"not zlib",
    "not JSON": zlib.compress(b"{not json"),
    "a list": zlib.compress(b'[["a.html", "' + KEY + b' 1 2 3 4"]]'),
    "an entry of the earlier shape": zlib.compress(b'{"a.html": ["' + KEY + b'", [1, 2, 3, 4]]}'),
    "an identity of text": zlib.compress(b'{"a.html": "' + KEY + b' x 2 3 4"}'),
    "an identity of three": zlib.compress(b'{"a.html": "' + KEY + b' 1 2 3"}'),
    "an identity of five": zlib.compress(b'{"a.html": "' + KEY + b' 1 2 3 4 5"}'),
    "a short key": zlib.compress(b'{"a.html": "abc 1 2 3 4"}'),
    "a key that is a number": zlib.compress(b'{"a.html": 7}'),
    "one good entry, one bad": zlib.compress(b'{"a.html": "' + KEY + b' 1 2 3 4", "b.html": "k 1 2 3 4"}'),
    "bad utf-8": zlib.compress(b'{"a.html": "\xff 1 2 3 4"}'),
}


@pytest.mark.parametrize("case", sorted(DAMAGED_RECORDS))
def test_a_damaged_site_record_links_nothing_and_is_not_an_error(tmp_path, case) -> None:
    site = tmp_path / "site"
    path = tmp_path / "cache" / SITES / (digest(str(site)) + ".json.z")
    path.parent.mkdir(parents=True)
    path.write_bytes(DAMAGED_RECORDS[case])
    assert read_site(tmp_path / "cache", site) == {}


def test_a_site_record_that_cannot_be_written_is_not_an_error(tmp_path) -> None:
    (tmp_path / "cache").write_text("a file where the folder should be", encoding="utf-8")
    write_site(tmp_path / "cache", tmp_path / "site", {"a.html": record_entry("ab" * 32, f"1 2 3 {MODE}")})
    assert read_site(tmp_path / "cache", tmp_path / "site") == {}


def test_tree_files_lists_what_is_not_a_folder_and_follows_no_link(tmp_path) -> None:
    site = tmp_path / "site"
    for rel in ("index.html", "laws/c001/a.html", "assets/x.js", ".kb-site"):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(rel, encoding="utf-8")
    (site / "empty").mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside/secret.html").write_text("x", encoding="utf-8")
    (site / "linked").symlink_to(tmp_path / "outside")
    (site / "dangling.html").symlink_to(tmp_path / "missing")
    expected = [".kb-site", "assets/x.js", "dangling.html", "index.html", "laws/c001/a.html", "linked"]
    assert sorted(tree_files(site)) == expected
    mark_site(site)
    listed = (site / ".kb-site").read_text(encoding="utf-8").splitlines()[2:]
    assert listed == [rel for rel in expected if rel != ".kb-site"]
