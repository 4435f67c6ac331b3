"""The page cache (generator/cache.py, used by generator/plugin.py): a rebuild renders only the pages
whose inputs changed and gives the site a clean build gives."""

from __future__ import annotations

import json
import shutil
import zlib
from pathlib import Path

import pytest
from conftest import copy_project

from generator.bench_library import edit_one_document
from generator.build import build_site, load_project, render_site
from generator.cache import (
    DOCS,
    STATS,
    DocCache,
    PageCache,
    build_key,
    code_salt,
    digest,
    files_digest,
    page_key,
)
from generator.render import LAW_PAGES
from generator.search import POSTINGS

ARTICLE = "content/articles/art-40.yaml"
EDIT = ("本条不是国家赔偿法的重述", "本条并非国家赔偿法的重述")  # a note's words: shown, never quoted


def stats(root: Path) -> dict:
    return json.loads((root / ".kb-cache" / STATS).read_text(encoding="utf-8"))


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def md_pages(root: Path) -> dict[str, str]:
    return {uri: text for uri, text in render_site(load_project(root)).items() if uri.endswith(".md")}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


# --- the cache folder ----------------------------------------------------------------------------


def test_an_entry_is_read_back_as_stored(tmp_path) -> None:
    cache = PageCache(tmp_path / "c")
    html = "<p>第四十条　行政赔偿\ud800与追偿</p>\n"  # a lone surrogate survives, as MkDocs writes it
    cache.put("ab" * 32, "articles/art-40.md", html)
    again = PageCache(tmp_path / "c")
    assert again.has("ab" * 32) and again.get("ab" * 32) == html
    assert (again.cached, cache.rendered) == (1, ["articles/art-40.md"])


def test_unreadable_entries_are_misses_never_errors(tmp_path) -> None:
    cache = PageCache(tmp_path / "c")
    for key, data in (("00" * 32, b"not zlib"), ("01" * 32, zlib.compress(b"\xff\xfe bad utf-8"))):
        path = tmp_path / "c" / key[:2] / f"{key}.html.z"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        assert cache.get(key) is None
    assert cache.get("02" * 32) is None
    assert cache.cached == 0


def test_a_cache_that_cannot_be_written_only_makes_no_entry(tmp_path) -> None:
    blocker = tmp_path / "c"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    cache = PageCache(blocker)
    cache.put("ab" * 32, "index.md", "<p>x</p>")
    assert cache.rendered == ["index.md"] and not cache.has("ab" * 32)


def test_finish_drops_entries_the_build_did_not_use_and_writes_its_stats(tmp_path) -> None:
    old = PageCache(tmp_path)
    old.put("aa" * 32, "a.md", "a")
    old.put("bb" * 32, "b.md", "b")
    new = PageCache(tmp_path)
    assert new.get("aa" * 32) == "a"
    new.put("cc" * 32, "c.md", "c")
    assert new.finish() == {"rendered": ["c.md"], "cached": 1}
    assert sorted(p.name for p in tmp_path.glob("*/*")) == ["aa" * 32 + ".html.z", "cc" * 32 + ".html.z"]
    assert json.loads((tmp_path / STATS).read_text(encoding="utf-8")) == {"rendered": ["c.md"], "cached": 1}


def test_keys_change_with_every_input() -> None:
    base = build_key({"nav": ["a"]}, "code", "theme", {"mkdocs": "1.6.1"})
    others = [
        build_key({"nav": ["b"]}, "code", "theme", {"mkdocs": "1.6.1"}),
        build_key({"nav": ["a"]}, "code2", "theme", {"mkdocs": "1.6.1"}),
        build_key({"nav": ["a"]}, "code", "theme2", {"mkdocs": "1.6.1"}),
        build_key({"nav": ["a"]}, "code", "theme", {"mkdocs": "1.6.2"}),
    ]
    assert len({base, *others}) == 5
    page = page_key(base, "a.md", "标题", "text")
    assert (
        len({page, page_key(others[0], "a.md", "标题", "text"), page_key(base, "b.md", "标题", "text")}) == 3
    )
    assert page_key(base, "a.md", "标题", "text2") != page
    # Parts are length-prefixed: moving a boundary is another key.
    assert digest("ab", "c") != digest("a", "bc")


def test_files_digest_follows_contents_and_names(tmp_path) -> None:
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "main.html").write_text("x", encoding="utf-8")
    (tmp_path / "t" / "notes.txt").write_text("ignored", encoding="utf-8")
    first = files_digest([tmp_path / "t", tmp_path / "missing"], (".html",))
    (tmp_path / "t" / "notes.txt").write_text("still ignored", encoding="utf-8")
    assert files_digest([tmp_path / "t"], (".html",)) == first
    (tmp_path / "t" / "main.html").write_text("y", encoding="utf-8")
    assert files_digest([tmp_path / "t"], (".html",)) != first
    (tmp_path / "t" / "main.html").rename(tmp_path / "t" / "base.html")
    assert files_digest([tmp_path / "t"], (".html",)) != first


# --- the document cache (each further regulation's pages and search postings) -------------------


def counts(cache: DocCache) -> dict:
    """What a render with `cache` computed (names by kind) and took from it (count by kind)."""
    return {k: (v["computed"], v["cached"]) for k, v in cache.finish().items()}


def test_a_render_from_the_document_cache_is_the_render_without_it(project_copy, tmp_path) -> None:
    project = load_project(project_copy)
    slugs = sorted(law.slug for law in project.laws)
    plain = render_site(project)
    cold = DocCache(tmp_path / "c", "salt")
    assert render_site(project, store=cold) == plain
    assert counts(cold) == {LAW_PAGES: (slugs, 0), POSTINGS: (slugs, 0)}
    warm = DocCache(tmp_path / "c", "salt")
    assert render_site(project, store=warm) == plain
    assert counts(warm) == {LAW_PAGES: ([], len(slugs)), POSTINGS: ([], len(slugs))}
    # Another generator (its code and templates hash to another salt) finds nothing.
    other = DocCache(tmp_path / "c", "another salt")
    assert render_site(project, store=other) == plain
    assert counts(other) == {LAW_PAGES: (slugs, 0), POSTINGS: (slugs, 0)}


def changed_laws(before: dict[str, str], after: dict[str, str]) -> set[str]:
    """The further regulations (laws/<slug>/…) some page of which differs."""
    return {
        uri.split("/")[1]
        for uri in after
        if uri.startswith("laws/") and "/" in uri[5:] and before.get(uri) != after[uri]
    }


def test_an_edited_law_and_only_what_shows_it_is_computed_again(project_copy, tmp_path) -> None:
    before = render_site(load_project(project_copy), store=DocCache(tmp_path / "c", "salt"))
    edited = edit_one_document(project_copy)
    slug = edited.relative_to(project_copy / "content/laws").parts[0]
    project = load_project(project_copy)
    plain = render_site(project)
    assert changed_laws(before, plain) == {slug}  # its pages only: no other law shows this article
    again = DocCache(tmp_path / "c", "salt")
    assert render_site(project, store=again) == plain
    found = counts(again)
    assert found == {LAW_PAGES: ([slug], len(project.laws) - 1), POSTINGS: ([slug], len(project.laws) - 1)}


def test_an_edit_of_the_site_regulation_renders_again_the_laws_whose_pages_show_it(
    project_copy, tmp_path
) -> None:
    """The laws' pages show the site's own provisions (the related entries and notes pointing at
    them, with their captions): the cache records which, so such an edit leaves no stale law page."""
    project = load_project(project_copy)
    before = render_site(project, store=DocCache(tmp_path / "c", "salt"))
    edit(project_copy / "content/articles/art-03.yaml", "适用本规定。\n", "适用本规定！\n")
    project = load_project(project_copy)
    plain = render_site(project)
    showing = changed_laws(before, plain)
    assert showing  # else this test could not fail
    again = DocCache(tmp_path / "c", "salt")
    assert render_site(project, store=again) == plain
    computed, cached = counts(again)[LAW_PAGES]
    assert showing <= set(computed) and cached and len(computed) + cached == len(project.laws)


DAMAGED = {
    "not zlib": b"not zlib",
    "not JSON": zlib.compress(b"{not json"),
    "not UTF-8": zlib.compress(b"\xff\xfe"),
    "a list": zlib.compress(b"[]"),
    "a number": zlib.compress(b"7"),
    "no pages": zlib.compress(b'{"deps": {}, "df": {}, "post": {}}'),
    "pages not text": zlib.compress(b'{"deps": {}, "pages": {"a.md": 1}}'),
    "deps a list": zlib.compress(b'{"deps": [], "pages": {}}'),
    "deps of an unknown regulation": zlib.compress(b'{"deps": {"nope": "x"}, "pages": {}}'),
    "postings not numbers": zlib.compress(b'{"df": {"a": "1"}, "post": {"a": [0]}, "lengths": 1}'),
    "postings not lists": zlib.compress(b'{"df": {"a": 1}, "post": {"a": 0}, "lengths": 1}'),
    "lengths missing": zlib.compress(b'{"df": {}, "post": {}}'),
}


@pytest.mark.parametrize("damage", sorted(DAMAGED))
def test_a_damaged_entry_is_computed_again_never_used_nor_an_error(project_copy, tmp_path, damage) -> None:
    project = load_project(project_copy)
    plain = render_site(project)
    render_site(project, store=DocCache(tmp_path / "c", "salt"))
    entries = sorted((tmp_path / "c" / DOCS).glob("*/*.json.z"))
    assert len(entries) == 2 * len(project.laws)
    for entry in entries:
        entry.write_bytes(DAMAGED[damage])
    again = DocCache(tmp_path / "c", "salt")
    assert render_site(project, store=again) == plain
    slugs = sorted(law.slug for law in project.laws)
    assert counts(again) == {LAW_PAGES: (slugs, 0), POSTINGS: (slugs, 0)}


def test_code_salt_follows_code_templates_and_schemas(tmp_path) -> None:
    (tmp_path / "g" / "templates").mkdir(parents=True)
    page = tmp_path / "g" / "templates" / "article.md.j2"
    page.write_text("{{ article }}", encoding="utf-8")
    (tmp_path / "g" / "notes.txt").write_text("x", encoding="utf-8")
    first = code_salt([tmp_path / "g"])
    (tmp_path / "g" / "notes.txt").write_text("y", encoding="utf-8")
    assert code_salt([tmp_path / "g"]) == first
    for name, text in (
        ("templates/article.md.j2", "{{ article }}!"),
        ("render.py", "x = 1"),
        ("s.schema.json", "{}"),
    ):
        (tmp_path / "g" / name).write_text(text, encoding="utf-8")
        assert code_salt([tmp_path / "g"]) != first
        first = code_salt([tmp_path / "g"])


def test_the_document_cache_drops_what_a_build_did_not_use(tmp_path) -> None:
    old = DocCache(tmp_path, "salt")
    old.put(LAW_PAGES, old.key(LAW_PAGES, "a"), "a", {"pages": {}})
    old.put(LAW_PAGES, old.key(LAW_PAGES, "b"), "b", {"pages": {}})
    new = DocCache(tmp_path, "salt")
    assert new.get(LAW_PAGES, new.key(LAW_PAGES, "a")) == {"pages": {}}
    assert new.finish() == {LAW_PAGES: {"computed": [], "cached": 1}}
    assert [p.name for p in (tmp_path / DOCS).glob("*/*")] == [new.key(LAW_PAGES, "a") + ".json.z"]
    # A folder that cannot be written only makes no entry.
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    cache = DocCache(blocked, "salt")
    cache.put(POSTINGS, cache.key(POSTINGS, "x"), "x", {})
    assert cache.get(POSTINGS, cache.key(POSTINGS, "x")) is None and cache.computed == {POSTINGS: ["x"]}


# --- builds --------------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_rebuild_renders_only_the_pages_an_edit_changes(tmp_path) -> None:
    root = copy_project(tmp_path / "project")
    build_site(root, tmp_path / "site")
    first = stats(root)
    before = md_pages(root)
    assert first["cached"] == 0 and sorted(first["rendered"]) == sorted(before)

    edit(root / ARTICLE, *EDIT)
    after = md_pages(root)
    changed = sorted(uri for uri in after if after[uri] != before.get(uri))
    assert "articles/art-40.md" in changed and len(changed) < len(after) // 10
    incremental = build_site(root, tmp_path / "site")
    second = stats(root)
    assert (second["rendered"], second["cached"]) == (changed, len(after) - len(changed))

    # The same bytes as a build that renders every page.
    incremental_files = site_files(incremental)

    shutil.rmtree(root / ".kb-cache")
    clean = build_site(root, tmp_path / "clean")
    assert stats(root)["cached"] == 0
    clean_files = site_files(clean)
    assert sorted(incremental_files) == sorted(clean_files)
    for name, data in clean_files.items():
        assert incremental_files[name] == data, name


@pytest.mark.slow
def test_a_theme_template_or_a_setting_invalidates_every_page(tmp_path) -> None:
    root = copy_project(tmp_path / "project")
    build_site(root, tmp_path / "site")
    total = len(stats(root)["rendered"])
    build_site(root, tmp_path / "site")
    assert (stats(root)["rendered"], stats(root)["cached"]) == ([], total)

    edit(root / "site_overrides/main.html", "{% extends", "{#- edited -#}\n{% extends")
    build_site(root, tmp_path / "site")
    assert (len(stats(root)["rendered"]), stats(root)["cached"]) == (total, 0)

    edit(root / "mkdocs.yml", "site_description: ", "site_description: 编辑后 ")
    site = build_site(root, tmp_path / "site")
    assert (len(stats(root)["rendered"]), stats(root)["cached"]) == (total, 0)
    assert "编辑后" in (site / "index.html").read_text(encoding="utf-8")
    # Entries of the earlier builds are gone: the folder holds this build's pages only.
    assert sum(1 for _ in (root / ".kb-cache").glob("*/*.html.z")) == total


@pytest.mark.slow
def test_a_new_caption_reaches_the_nav_of_the_pages_that_list_it(tmp_path) -> None:
    """A page's nav shows the titles of other pages (the chapter's articles): a caption edited
    changes pages whose own text did not change, and the rebuild must not give them from the cache."""
    root = copy_project(tmp_path / "project")
    build_site(root, tmp_path / "site")
    edit(root / "content/articles/art-05.yaml", "caption: 执法主体资格\n", "caption: 执法主体的资格\n")
    incremental = site_files(build_site(root, tmp_path / "site"))
    assert "执法主体的资格" in incremental["articles/art-06.html"].decode("utf-8")
    shutil.rmtree(root / ".kb-cache")
    clean = site_files(build_site(root, tmp_path / "clean"))
    assert sorted(incremental) == sorted(clean)
    for name, data in clean.items():
        assert incremental[name] == data, name


@pytest.mark.slow
def test_a_rebuild_after_one_law_document_is_edited_equals_a_clean_build(tmp_path) -> None:
    """issue 29 item 4: the edited regulation's pages and search postings are computed again, the
    others' come from the document cache, and the site is byte for byte a clean build's."""
    root = copy_project(tmp_path / "project")
    build_site(root, tmp_path / "site")
    laws = sorted(law.slug for law in load_project(root).laws)
    assert stats(root)["documents"] == {
        LAW_PAGES: {"computed": laws, "cached": 0},
        POSTINGS: {"computed": laws, "cached": 0},
    }
    before = md_pages(root)
    edited = edit_one_document(root)
    slug = edited.relative_to(root / "content/laws").parts[0]
    after = md_pages(root)
    incremental = site_files(build_site(root, tmp_path / "site"))
    found = stats(root)
    rest = len(laws) - 1
    assert found["documents"] == {
        LAW_PAGES: {"computed": [slug], "cached": rest},
        POSTINGS: {"computed": [slug], "cached": rest},
    }
    changed = sorted(uri for uri in after if after[uri] != before.get(uri))
    assert found["rendered"] == changed and all(uri.startswith(f"laws/{slug}/") for uri in changed)
    shutil.rmtree(root / ".kb-cache")
    clean = site_files(build_site(root, tmp_path / "clean"))
    assert sorted(incremental) == sorted(clean)
    for name, data in clean.items():
        assert incremental[name] == data, name
