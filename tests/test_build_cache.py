"""The page cache (generator/cache.py, used by generator/plugin.py): a rebuild renders only the pages
whose inputs changed and gives the site a clean build gives."""

from __future__ import annotations

import json
import os
import shutil
import stat
import zlib
from pathlib import Path

import pytest
import yaml
from conftest import copy_project

from generator import write
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
from generator.load import PARSED, read_folder
from generator.plugin import FRONT_MATTER, META, front_matters
from generator.render import LAW_PAGES
from generator.search import POSTINGS, RATIOS
from generator.shard_cache import STATE

# The search shards kept between renders (generator/shard_cache.py): assembled, or rewritten from
# the kept ones (tests/test_build_rebuild.py).
ASSEMBLED = {STATE: (["assembled"], 0)}
REWRITTEN = {STATE: (["rewritten"], 1)}

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
    assert "ab" * 32 in again.keys() and again.get("ab" * 32) == html
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
    assert cache.rendered == ["index.md"] and "ab" * 32 not in cache.keys()


def test_finish_drops_entries_the_build_did_not_use_and_writes_its_stats(tmp_path) -> None:
    old = PageCache(tmp_path)
    old.put("aa" * 32, "a.md", "a")
    old.put("bb" * 32, "b.md", "b")
    new = PageCache(tmp_path)
    assert new.get("aa" * 32) == "a"
    new.put("cc" * 32, "c.md", "c")
    new.keep("bb" * 32)  # linked from the site the build replaces: kept, counted, never read
    stats = {"rendered": ["c.md"], "cached": 2, "linked": 1}
    assert new.finish() == stats
    assert sorted(p.name for p in tmp_path.glob("*/*")) == [k * 32 + ".html.z" for k in ("aa", "bb", "cc")]
    assert json.loads((tmp_path / STATS).read_text(encoding="utf-8")) == stats


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


def test_a_render_from_the_document_cache_is_the_render_without_it(
    shipped_project, shipped_pages, stored, tmp_path
) -> None:
    folder, cold = stored  # a cold render filled it, and gave the pages a render without it gives
    slugs = sorted(law.slug for law in shipped_project.laws)
    assert cold == {LAW_PAGES: (slugs, 0), POSTINGS: (slugs, 0), RATIOS: (slugs, 0), **ASSEMBLED}
    shutil.copytree(folder, tmp_path / "c")
    warm = DocCache(tmp_path / "c", "salt")
    assert render_site(shipped_project, store=warm) == shipped_pages
    assert counts(warm) == {
        LAW_PAGES: ([], len(slugs)),
        POSTINGS: ([], len(slugs)),
        RATIOS: ([], len(slugs)),
        **REWRITTEN,
    }
    # Another generator (its code and templates hash to another salt) finds nothing.
    other = DocCache(tmp_path / "c", "another salt")
    assert render_site(shipped_project, store=other) == shipped_pages
    assert counts(other) == {LAW_PAGES: (slugs, 0), POSTINGS: (slugs, 0), RATIOS: (slugs, 0), **ASSEMBLED}


def changed_laws(before: dict[str, str], after: dict[str, str]) -> set[str]:
    """The further regulations (laws/<slug>/…) some page of which differs."""
    return {
        uri.split("/")[1]
        for uri in after
        if uri.startswith("laws/") and "/" in uri[5:] and before.get(uri) != after[uri]
    }


def test_an_edited_law_and_only_what_shows_it_is_computed_again(
    shipped_pages, stored, project_copy, tmp_path
) -> None:
    shutil.copytree(stored[0], tmp_path / "c")  # the cache of the content before the edit
    before = shipped_pages
    edited = edit_one_document(project_copy)
    slug = edited.relative_to(project_copy / "content/laws").parts[0]
    project = load_project(project_copy)
    plain = render_site(project)
    assert changed_laws(before, plain) == {slug}  # its pages only: no other law shows this article
    again = DocCache(tmp_path / "c", "salt")
    assert render_site(project, store=again) == plain
    found = counts(again)
    assert found == {
        LAW_PAGES: ([slug], len(project.laws) - 1),
        POSTINGS: ([slug], len(project.laws) - 1),
        RATIOS: ([slug], len(project.laws) - 1),
        **REWRITTEN,
    }


def test_an_edit_of_the_site_regulation_renders_again_the_laws_whose_pages_show_it(
    shipped_pages, stored, project_copy, tmp_path
) -> None:
    """The laws' pages show the site's own provisions (the related entries and notes pointing at
    them, with their captions): the cache records which, so such an edit leaves no stale law page."""
    shutil.copytree(stored[0], tmp_path / "c")  # the cache of the content before the edit
    before = shipped_pages
    edit(project_copy / "content/articles/art-03.yaml", "适用本规定。\n", "适用本规定！\n")
    project = load_project(project_copy)
    plain = render_site(project)
    showing = changed_laws(before, plain)
    assert showing  # else this test could not fail
    again = DocCache(tmp_path / "c", "salt")
    assert render_site(project, store=again) == plain
    computed, cached = counts(again)[LAW_PAGES]
    assert showing <= set(computed) and cached and len(computed) + cached == len(project.laws)


def test_a_regulation_s_repr_holds_every_field_of_its_model() -> None:
    """render.Digests hashes a regulation's repr: a model field left out of it (repr=False) would
    let a cached page survive an edit of that field. Provision is built from the model, never in it."""
    import dataclasses

    from generator import model

    classes = [
        c for c in vars(model).values() if dataclasses.is_dataclass(c) and c.__module__ == model.__name__
    ]
    assert model.Regulation in classes and len(classes) > 10
    hidden = [f"{c.__name__}.{f.name}" for c in classes for f in dataclasses.fields(c) if not f.repr]
    assert hidden == ["Provision.text"]


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
    "ratios not steps": zlib.compress(b'{"ratios": {"ab": [0]}}'),
    "ratios not lists": zlib.compress(b'{"ratios": {"ab": 1}}'),
}


@pytest.fixture(scope="module")
def stored(shipped_project, shipped_pages, tmp_path_factory) -> tuple[Path, dict]:
    """A document cache filled by one render of the shipped project, and what that render computed
    (read-only: tests copy the folder)."""
    folder = tmp_path_factory.mktemp("stored") / "c"
    cold = DocCache(folder, "salt")
    assert render_site(shipped_project, store=cold) == shipped_pages
    return folder, counts(cold)


def entry_kind(entry: Path) -> str:
    """What a stored entry holds: a law's pages, or a regulation's postings or tf ratio bounds."""
    value = json.loads(zlib.decompress(entry.read_bytes()))
    if "texts" in value:
        return STATE
    return LAW_PAGES if "pages" in value else RATIOS if "ratios" in value else POSTINGS


# Each render damages every entry; over the two rounds every way of DAMAGED meets every kind of entry.
ROUNDS = 2


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_a_damaged_entry_is_computed_again_never_used_nor_an_error(
    shipped_project, shipped_pages, stored, tmp_path, round_
) -> None:
    shutil.copytree(stored[0], tmp_path / "c")
    entries = sorted((tmp_path / "c" / DOCS).glob("*/*.json.z"))
    by_kind: dict[str, list[Path]] = {}
    for entry in entries:
        by_kind.setdefault(entry_kind(entry), []).append(entry)
    laws = len(shipped_project.laws)
    assert {kind: len(found) for kind, found in by_kind.items()} == {
        LAW_PAGES: laws,
        POSTINGS: laws,
        RATIOS: laws,
        STATE: 1,
    }
    ways = sorted(DAMAGED)
    assert ROUNDS * laws >= len(ways)  # else a way would miss a kind
    for found in by_kind.values():
        for i, entry in enumerate(found):
            entry.write_bytes(DAMAGED[ways[(round_ * laws + i) % len(ways)]])
    again = DocCache(tmp_path / "c", "salt")
    assert render_site(shipped_project, store=again) == shipped_pages
    slugs = sorted(law.slug for law in shipped_project.laws)
    assert counts(again) == {LAW_PAGES: (slugs, 0), POSTINGS: (slugs, 0), RATIOS: (slugs, 0), **ASSEMBLED}


def test_parsed_folders_come_back_as_parsed_until_a_file_changes(project_copy, tmp_path) -> None:
    folder = project_copy / ARTICLE.rpartition("/")[0]
    plain = read_folder(folder, project_copy)
    cold = DocCache(tmp_path / "c", "salt")
    assert read_folder(folder, project_copy, cold) == plain
    warm = DocCache(tmp_path / "c", "salt")
    assert read_folder(folder, project_copy, warm) == plain
    assert (cold.computed, warm.computed, warm.cached) == ({PARSED: ["content/articles"]}, {}, {PARSED: 1})
    edit(project_copy / ARTICLE, *EDIT)
    again = DocCache(tmp_path / "c", "salt")
    assert read_folder(folder, project_copy, again) == read_folder(folder, project_copy)
    assert again.computed == {PARSED: ["content/articles"]} and not again.cached
    (project_copy / ARTICLE).rename(folder / "art-99.yaml")  # the same bytes under another name
    renamed = DocCache(tmp_path / "c", "salt")
    assert read_folder(folder, project_copy, renamed) == read_folder(folder, project_copy)
    assert renamed.computed == {PARSED: ["content/articles"]}


NOT_KEPT = {
    "a syntax error": "number: [1\n",
    "an integer key": "number: 1\n2: two\n",
    "not a number": "number: .nan\n",
    "binary data": "number: !!binary aGVsbG8=\n",
    "an alias": "a: &x 1\nb: *x\n",
    "a non-text character": 'text: "\\ue704"\n',
}


@pytest.mark.parametrize("case", sorted(NOT_KEPT))
def test_a_folder_whose_files_do_not_come_back_the_same_is_read_every_time(tmp_path, case) -> None:
    folder = tmp_path / "content" / "things"
    folder.mkdir(parents=True)
    (folder / "a.yaml").write_text("number: 1\n", encoding="utf-8")
    (folder / "b.yaml").write_text(NOT_KEPT[case], encoding="utf-8")
    plain = read_folder(folder, tmp_path)
    for _ in range(2):
        cache = DocCache(tmp_path / "c", "salt")
        found = read_folder(folder, tmp_path, cache)
        assert repr(found) == repr(plain)  # repr: nan is not equal to itself
        assert (cache.computed, cache.cached) == ({}, {})  # never stored, so never taken
        assert not list((tmp_path / "c").rglob("*.json.z"))


PARSED_DAMAGED = {
    "not a list": b'{"a": 1}',
    "an item not a document": b"[1]",
    "lines not pairs": b'[{"path": "content/articles/art-01.yaml", "data": {}, "lines": [[1]]}]',
    "a line not a number": b'[{"path": "content/articles/art-01.yaml", "data": {}, "lines": [[[], "1"]]}]',
    "too few documents": b'[{"path": "content/articles/art-01.yaml", "data": {}, "lines": []}]',
}


@pytest.mark.parametrize("damage", sorted(PARSED_DAMAGED))
def test_a_damaged_parsed_folder_is_read_again(project_copy, tmp_path, damage) -> None:
    folder = project_copy / ARTICLE.rpartition("/")[0]
    plain = read_folder(folder, project_copy)
    read_folder(folder, project_copy, DocCache(tmp_path / "c", "salt"))
    (entry,) = (tmp_path / "c" / DOCS).glob("*/*.json.z")
    entry.write_bytes(zlib.compress(PARSED_DAMAGED[damage]))
    again = DocCache(tmp_path / "c", "salt")
    assert read_folder(folder, project_copy, again) == plain
    assert (again.computed, again.cached) == ({PARSED: ["content/articles"]}, {})


def test_front_matters_come_back_as_parsed_group_by_group(shipped_pages, tmp_path) -> None:
    pages = dict(shipped_pages)
    parsed = {
        uri: yaml.safe_load(m.group(1)) for uri, text in pages.items() if (m := FRONT_MATTER.match(text))
    }
    assert len(parsed) > 700
    cold = DocCache(tmp_path / "c", "salt")
    assert front_matters(pages, cold) == parsed
    groups = cold.computed[META]
    assert groups[0] == "(site)" and all(g.startswith("laws/") for g in groups[1:]) and len(groups) > 5
    warm = DocCache(tmp_path / "c", "salt")
    assert front_matters(pages, warm) == parsed
    assert (warm.computed, warm.cached) == ({}, {META: len(groups)})
    # One page of one law changed: that law's group only.
    uri = next(u for u in parsed if u.startswith(groups[1] + "/articles/"))
    pages[uri] = pages[uri].replace("kb_kind: article", "kb_kind: article\nextra: 1", 1)
    again = DocCache(tmp_path / "c", "salt")
    assert front_matters(pages, again) == {**parsed, uri: {**parsed[uri], "extra": 1}}
    assert (again.computed, again.cached) == ({META: [groups[1]]}, {META: len(groups) - 1})


FRONT_NOT_KEPT = {
    "a date": "---\ntitle: 甲\ndate: 2020-01-01\n---\n<p>x</p>\n",
    "an integer key": "---\ntitle: 甲\n1: one\n---\n<p>x</p>\n",
    "not a number": "---\ntitle: 甲\nweight: .nan\n---\n<p>x</p>\n",
}


@pytest.mark.parametrize("case", sorted(FRONT_NOT_KEPT))
def test_a_front_matter_json_cannot_hold_is_left_to_the_page(tmp_path, case) -> None:
    pages = {
        "laws/a/x.md": FRONT_NOT_KEPT[case],
        "laws/b/y.md": "---\ntitle: 乙\n---\n<p>y</p>\n",
        "z.md": "<p>none</p>\n",
    }
    for _ in range(2):
        cache = DocCache(tmp_path / "c", "salt")
        assert front_matters(pages, cache) == {"laws/b/y.md": {"title": "乙"}}
    assert (cache.computed, cache.cached) == ({}, {META: 1})


@pytest.mark.parametrize(
    "damage", [b"[]", b'{"laws/a/x.md": {"title": "x"}}', b'{"laws/a/x.md": 1, "laws/a/y.md": {}}']
)
def test_a_damaged_front_matter_entry_is_parsed_again(tmp_path, damage) -> None:
    pages = {"laws/a/x.md": "---\ntitle: 甲\n---\n<p>x</p>\n", "laws/a/y.md": "---\ntitle: 乙\n---\n"}
    expected = {"laws/a/x.md": {"title": "甲"}, "laws/a/y.md": {"title": "乙"}}
    assert front_matters(pages, DocCache(tmp_path / "c", "salt")) == expected
    (entry,) = (tmp_path / "c" / DOCS).glob("*/*.json.z")
    entry.write_bytes(zlib.compress(damage))
    again = DocCache(tmp_path / "c", "salt")
    assert front_matters(pages, again) == expected
    assert (again.computed, again.cached) == ({META: ["laws/a"]}, {})


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
    """issue 29 item 4: the edited regulation's article files are parsed, its pages and search
    postings computed again; the others' come from the document cache, and the site is byte for
    byte a clean build's."""
    root = copy_project(tmp_path / "project")
    build_site(root, tmp_path / "site")
    laws = sorted(law.slug for law in load_project(root).laws)
    folders = sorted(
        ["content/articles", *(f"content/laws/{d.name}/articles" for d in (root / "content/laws").iterdir())]
    )
    first = stats(root)["documents"]
    groups = first.pop(META)  # the front matter of the site's pages and of each law's
    assert (groups["cached"], "(site)") == (0, groups["computed"][0])
    assert groups["computed"][1:] == [f"laws/{slug}" for slug in laws]
    assert first == {
        LAW_PAGES: {"computed": laws, "cached": 0},
        PARSED: {"computed": folders, "cached": 0},
        POSTINGS: {"computed": laws, "cached": 0},
        RATIOS: {"computed": laws, "cached": 0},
        STATE: {"computed": ["assembled"], "cached": 0},
    }
    before = md_pages(root)
    edited = edit_one_document(root)
    slug = edited.relative_to(root / "content/laws").parts[0]
    after = md_pages(root)
    incremental = site_files(build_site(root, tmp_path / "site"))
    found = stats(root)
    rest = len(laws) - 1
    # Its pages' front matter is parsed again if the edit reached it (an outline shows a 款's start).
    meta = found["documents"].pop(META)
    assert (
        meta["computed"] in ([], [f"laws/{slug}"]) and len(meta["computed"]) + meta["cached"] == len(laws) + 1
    )
    assert found["documents"] == {
        LAW_PAGES: {"computed": [slug], "cached": rest},
        PARSED: {"computed": [f"content/laws/{slug}/articles"], "cached": len(folders) - 1},
        POSTINGS: {"computed": [slug], "cached": rest},
        RATIOS: {"computed": [slug], "cached": rest},
        STATE: {"computed": ["rewritten"], "cached": 1},
    }
    changed = sorted(uri for uri in after if after[uri] != before.get(uri))
    assert found["rendered"] == changed and all(uri.startswith(f"laws/{slug}/") for uri in changed)
    shutil.rmtree(root / ".kb-cache")
    clean = site_files(build_site(root, tmp_path / "clean"))
    assert sorted(incremental) == sorted(clean)
    for name, data in clean.items():
        assert incremental[name] == data, name


@pytest.mark.slow
def test_a_rebuild_links_the_unchanged_pages_of_the_site_it_replaces(tmp_path) -> None:
    """issue 29: a page whose key the published site recorded, its file untouched since, is
    hard-linked from it, not written; a page file someone edited or made private there is written
    anew from the page cache; the site is byte for byte a clean build's, with its permissions."""
    root = copy_project(tmp_path / "project")
    site = build_site(root, tmp_path / "site")
    total = len(stats(root)["rendered"])
    before = md_pages(root)
    edit(root / ARTICLE, *EDIT)
    after = md_pages(root)
    changed = sorted(uri for uri in after if after[uri] != before.get(uri))
    edited, private = site / "articles/art-05.html", site / "articles/art-06.html"
    with edited.open("a", encoding="utf-8") as f:
        f.write("<!-- edited on the server -->")
    private.chmod(0o600)
    unchanged = ("index.html", "articles/art-07.html", "assets/javascripts/jump-targets.js")
    kept = {site / rel: os.stat(site / rel).st_ino for rel in unchanged}
    build_site(root, tmp_path / "site")
    second = stats(root)
    assert second["rendered"] == changed and not {"index.md", "articles/art-05.md"} & set(changed)
    assert (second["cached"], second["linked"]) == (total - len(changed), total - len(changed) - 2)
    assert all(os.stat(p).st_ino == ino for p, ino in kept.items())
    assert not (site / "articles/art-05.html").read_text(encoding="utf-8").endswith("server -->")
    assert stat.S_IMODE(os.stat(site / "articles/art-06.html").st_mode) == 0o666 & ~write.umask()
    assert not any(tmp_path.glob(".site-*"))  # the old site is gone, the links' files are not

    build_site(root, tmp_path / "site")
    assert (stats(root)["rendered"], stats(root)["linked"]) == ([], total)
    incremental = site_files(site)
    shutil.rmtree(root / ".kb-cache")
    clean = build_site(root, tmp_path / "clean")
    assert sorted(incremental) == sorted(site_files(clean))
    for name, data in site_files(clean).items():
        assert incremental[name] == data, name
    modes = {p.relative_to(clean): stat.S_IMODE(os.stat(p).st_mode) for p in clean.rglob("*")}
    assert {p.relative_to(site): stat.S_IMODE(os.stat(p).st_mode) for p in site.rglob("*")} == modes


@pytest.mark.slow
def test_without_the_page_cache_nothing_is_linked_nor_recorded(tmp_path) -> None:
    root = copy_project(tmp_path / "project")
    edit(root / "mkdocs.yml", "  - kb", "  - kb:\n      cache: ''")
    site = build_site(root, tmp_path / "site")
    ino = os.stat(site / "index.html").st_ino
    build_site(root, tmp_path / "site")
    assert os.stat(site / "index.html").st_ino != ino and not (root / ".kb-cache").exists()
