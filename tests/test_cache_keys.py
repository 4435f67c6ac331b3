"""PageCache.keys: the page cache's entries listed once per build (plugin._look_up), each one get() reads."""

from __future__ import annotations

from generator.cache import PageCache


def test_keys_are_the_entries_stored_and_nothing_else(tmp_path) -> None:
    cache = PageCache(tmp_path / "c")
    for key in ("ab" * 32, "ab" + "cd" * 31, "01" * 32):
        cache.put(key, f"{key[:4]}.md", "<p>第一条</p>")
    (tmp_path / "c/ab/.tmp-x1y2").write_bytes(b"a build's half-written entry")
    (tmp_path / "c/ab/notes.txt").write_text("not an entry", encoding="utf-8")
    (tmp_path / "c/last-build.json").write_text("{}", encoding="utf-8")
    (tmp_path / "c/abc").mkdir()  # not a folder of entries (two hex digits)
    (tmp_path / "c/abc" / (("ef" * 32) + ".html.z")).write_bytes(b"")
    assert PageCache(tmp_path / "c").keys() == {"ab" * 32, "ab" + "cd" * 31, "01" * 32}
    again = PageCache(tmp_path / "c")
    assert all(again.get(k) == "<p>第一条</p>" for k in again.keys())


def test_a_missing_or_unreadable_folder_has_no_keys(tmp_path) -> None:
    assert PageCache(tmp_path / "missing").keys() == set()
    (tmp_path / "file").write_text("a file where the folder should be", encoding="utf-8")
    assert PageCache(tmp_path / "file").keys() == set()
