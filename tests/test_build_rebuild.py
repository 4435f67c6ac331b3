"""A rebuild after an edit (issue 29 item 4): generator/shard_cache.py keeps the search index's
postings shards between builds and rewrites only the shards an edit touches. Whatever the edit, the
shards are those search.shards_of makes of the new records, script for script; the tests also say
which way they were made (rewritten from the kept shards, or assembled anew), so a fast path that
silently never runs fails too.

Fast tier: small synthetic libraries, no site build."""

from __future__ import annotations

import contextlib
import copy
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from test_search_shards import art  # a law record of a further regulation

from generator import search, shard_cache
from generator.cache import DOCS, DocCache

# About this many postings shards (a few dozen: most stay untouched by an edit), their size chosen so
# that the library's postings fill them to the middle of a step (gram_size_of): an edit of a few
# words keeps their count, as it does at a library's scale (tens of thousands of shards).
SHARDS = 40
TEXTS = (
    "行政机关应当依法履行职责，对违法行为给予处罚。",
    "当事人对处罚决定不服的，可以申请行政复议或者提起行政诉讼。",
    "执法人员不得少于两人，并应当出示执法证件。",
    "罚款的数额应当与违法行为的事实、性质、情节以及社会危害程度相当。",
    "本法自公布之日起施行。",
)


def sub(parent: dict, local: str, text: str) -> dict:
    rid = parent["id"] + local
    return {**parent, "id": rid, "citation": parent["citation"] + "第（一）项", "text": text}


def library(regs: int = 10, articles: int = 24) -> list[dict]:
    """`regs` regulations of `articles` articles; the last article of each holds a character no other
    article holds."""
    out = []
    for r in range(regs):
        for n in range(1, articles + 1):
            own = chr(0x9F00 + r) if n == articles else ""
            out.append(art(f"r{r}", n, TEXTS[(r + n) % len(TEXTS)] + f"第{r}部第{n}条{own}"))
    return out


def names_of(records: list[dict]) -> dict[str, str]:
    return {rec["reg"]: f"法{rec['reg']}" for rec in records}


def gram_size_of(records: list[dict]) -> int:
    """A postings shard size that the postings of `records` fill to SHARDS - 1/2 shards."""
    df, post, ratios, _ = search._postings(search._articles(records), names_of(records))
    return round(search.gram_shards(df, post, ratios)[1] / (SHARDS - 0.5))


GRAM_SIZE = gram_size_of(library())


def build(records: list[dict], store: DocCache, names: dict[str, str] | None = None, **kw) -> dict:
    """One build's shard scripts through the cache, its route, and the scripts of a clean build."""
    names = names or names_of(records)
    got = shard_cache.shard_texts(records, names, store, gram_size=GRAM_SIZE, **kw)
    route = store.computed.get(shard_cache.STATE, [None])[-1]
    want = {
        name: search.shard_script(name, data)
        for name, data in search.shards_of(records, names, gram_size=GRAM_SIZE, **kw).items()
    }
    store.finish()  # as a build ends: entries it did not use are removed
    return {"got": got, "want": want, "route": route}


def next_store(folder: Path) -> DocCache:
    return DocCache(folder, "salt")


def text_of(records: list[dict], rid: str) -> str:
    return next(r["text"] for r in records if r["id"] == rid)


def edited(records: list[dict], rid: str, change: Callable[[dict], None]) -> list[dict]:
    out = copy.deepcopy(records)
    change(next(r for r in out if r["id"] == rid))
    return out


def set_text(rid: str, text: str) -> Callable[[list[dict]], list[dict]]:
    return lambda recs: edited(recs, rid, lambda r: r.update(text=text))


# An edit, and whether the kept shards can be rewritten for it (else they are assembled anew).
EDITS: dict[str, tuple[Callable[[list[dict]], list[dict]], str]] = {
    "one word of one article": (
        lambda recs: edited(recs, "r2:art_4", lambda r: r.update(text=r["text"].replace("的", "之", 1))),
        shard_cache.REWRITTEN,
    ),
    "a character no other article holds (a new key, its own frequency)": (
        lambda recs: edited(recs, "r0:art_1", lambda r: r.update(text=r["text"] + "鼋")),
        shard_cache.REWRITTEN,
    ),
    "the only article holding a key loses it (the key leaves its shard)": (
        set_text("r5:art_24", "第五部的最后一条"),
        shard_cache.REWRITTEN,
    ),
    "characters the scripts escape, astral and line separators": (
        set_text("r1:art_2", "<b>&amp;</b>\u2028𠀀𠀁\u2029罚款"),
        shard_cache.REWRITTEN,
    ),
    "the first and the last regulation at once": (
        lambda recs: set_text("r9:art_24", "最后一条改了")(set_text("r0:art_1", "第一条改了")(recs)),
        shard_cache.REWRITTEN,
    ),
    "an article's own caption (caption keys)": (
        lambda recs: edited(recs, "r3:art_2", lambda r: r.update(caption="罚款的特别规定")),
        shard_cache.REWRITTEN,
    ),
    "a 项 added under an article (one more record, the same articles)": (
        lambda recs: [*recs[:40], sub(recs[39], "__para_1__point_1", "罚款的项"), *recs[40:]],
        shard_cache.REWRITTEN,
    ),
    "an article added (every later article moves)": (
        lambda recs: [*recs[:40], art("r1", 31, "新增的条文"), *recs[40:]],
        shard_cache.ASSEMBLED,
    ),
    "an article removed": (lambda recs: recs[:12] + recs[13:], shard_cache.ASSEMBLED),
    "a regulation added at the end": (
        lambda recs: [*recs, art("r9", 1, "新法的第一条")],
        shard_cache.ASSEMBLED,
    ),
    "every regulation edited": (
        lambda recs: [{**r, "text": r["text"] + "改"} for r in recs],
        shard_cache.ASSEMBLED,
    ),
    "a long text (the shard count changes)": (
        set_text("r4:art_4", "".join(chr(0x4E00 + k) for k in range(GRAM_SIZE))),
        shard_cache.ASSEMBLED,
    ),
}


@pytest.mark.parametrize("case", list(EDITS))
def test_the_shards_after_an_edit_are_a_clean_build_s(tmp_path, case) -> None:
    change, route = EDITS[case]
    before = library()
    first = build(before, next_store(tmp_path))
    assert first["route"] == shard_cache.ASSEMBLED
    assert first["got"] == first["want"]
    assert sum(name.startswith("p") for name in first["got"]) == SHARDS
    after = change(before)
    assert after != before
    again = build(after, next_store(tmp_path))
    assert again["got"] == again["want"]
    assert again["route"] == route


def test_nothing_edited_gives_the_kept_shards_and_edits_in_a_row_stay_fast(tmp_path) -> None:
    records = library()
    assert build(records, next_store(tmp_path))["route"] == shard_cache.ASSEMBLED
    same = build(records, next_store(tmp_path))
    assert (same["route"], same["got"] == same["want"]) == (shard_cache.REWRITTEN, True)
    # Each build keeps the pieces it did not read (DocCache.keep): the next edit, of another
    # regulation, still finds that regulation's old piece and rewrites.
    for k, rid in enumerate(("r1:art_1", "r4:art_2", "r1:art_1", "r0:art_5")):
        records = set_text(rid, f"第{k}次修改的罚款条文")(records)
        run = build(records, next_store(tmp_path))
        assert (run["route"], run["got"] == run["want"]) == (shard_cache.REWRITTEN, True), (k, rid)


def test_a_regulation_renamed_is_an_edited_regulation(tmp_path) -> None:
    records = library()
    names = names_of(records)
    build(records, next_store(tmp_path), names)
    run = build(records, next_store(tmp_path), {**names, "r2": "法二（修订）"})
    assert (run["route"], run["got"] == run["want"]) == (shard_cache.REWRITTEN, True)


def test_other_average_lengths_assemble_the_shards_anew(tmp_path) -> None:
    records = library()
    build(records, next_store(tmp_path), home_lengths=(100, 10))
    # The site's own records are longer on average now: every ratio bound is taken anew.
    run = build(records, next_store(tmp_path), home_lengths=(100_000, 10))
    assert (run["route"], run["got"] == run["want"]) == (shard_cache.ASSEMBLED, True)


def entries(folder: Path) -> list[Path]:
    return sorted((folder / DOCS).glob("*/*.json.z"))


def state_entry(folder: Path) -> Path:
    store = next_store(folder)
    return store._path(store.key(shard_cache.STATE))


DAMAGE: dict[str, Callable[[Path], None]] = {
    "state truncated": lambda folder: state_entry(folder).write_bytes(state_entry(folder).read_bytes()[:50]),
    "state not JSON": lambda folder: state_entry(folder).write_bytes(zlib.compress(b"{nope")),
    "state of another shape": lambda folder: state_entry(folder).write_bytes(
        zlib.compress(b'{"spans": [], "texts": ["x"]}')
    ),
    "a kept shard is not a shard script": lambda folder: _rewrite_state(
        folder, lambda s: s["texts"].__setitem__(0, "alert(1)")
    ),
    "a kept shard lacks the old ordinals": lambda folder: _rewrite_state(
        folder,
        lambda s: s["texts"].__setitem__(
            slice(None), [search.shard_script(f"p{k}", {}) for k in range(len(s["texts"]))]
        ),
    ),
    "the old pieces are gone": lambda folder: [
        p.unlink() for p in entries(folder) if p != state_entry(folder)
    ],
}


def _rewrite_state(folder: Path, change: Callable[[dict], None]) -> None:
    import json

    path = state_entry(folder)
    state = json.loads(zlib.decompress(path.read_bytes()))
    change(state)
    path.write_bytes(zlib.compress(json.dumps(state, ensure_ascii=False).encode()))


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_cache_assembles_the_shards_anew_never_wrong_nor_an_error(tmp_path, damage) -> None:
    records = library()
    build(records, next_store(tmp_path))
    DAMAGE[damage](tmp_path)
    run = build(set_text("r2:art_2", "罚款的新规定")(records), next_store(tmp_path))
    assert (run["route"], run["got"] == run["want"]) == (shard_cache.ASSEMBLED, True)


def test_without_records_there_are_no_shards_and_nothing_is_kept(tmp_path) -> None:
    store = next_store(tmp_path)
    assert shard_cache.shard_texts([], {}, store) == {}
    assert store.computed == {}


def test_peek_neither_keeps_nor_counts_and_keep_keeps_without_reading(tmp_path) -> None:
    first = next_store(tmp_path)
    for name in ("old", "kept", "read"):
        first.put("kind", first.key("kind", name), name, {"v": name})
    first.finish()
    store = next_store(tmp_path)
    assert store.peek(store.key("kind", "old")) == {"v": "old"}
    assert store.peek(store.key("kind", "old"), lambda v: v == {"v": "other"}) is None
    assert store.peek(store.key("kind", "absent")) is None
    store.keep("kind", store.key("kind", "kept"))
    store.keep("kind", store.key("kind", "absent"))  # nothing stored: nothing kept nor counted
    assert store.get("kind", store.key("kind", "read")) == {"v": "read"}
    assert store.finish() == {"kind": {"computed": [], "cached": 2}}
    after = next_store(tmp_path)
    assert [after.peek(after.key("kind", n)) for n in ("old", "kept", "read")] == [
        None,
        {"v": "kept"},
        {"v": "read"},
    ]


def test_the_postings_shard_count_moves_in_steps_an_edit_seldom_crosses() -> None:
    assert [search.shard_count(t, 500) for t in (0, 1, 500, 501, 63 * 500, 64 * 500)] == [1, 1, 1, 2, 63, 64]
    # 16,470 shards' worth (200 documents of the national collection): counted in steps of 512.
    assert search.shard_count(16_470 * 500, 500) == 16_896
    assert search.shard_count(16_470 * 500 + 600, 500) == 16_896  # a sentence added
    assert search.shard_count(16_896 * 500 + 1, 500) == 16_896 + 512
    for n in range(1, 5_000):
        count = search.shard_count(n * 97, 97)
        assert n <= count <= n * 33 / 32, n


def test_past_64_shards_counted_in_steps_an_edit_still_rewrites(tmp_path) -> None:
    """From 64 postings shards the count is rounded up to a step (search.shard_count): the kept
    shards are rewritten when the edited postings keep the count, not their exact share."""
    records = library()
    # 65 shards' worth: counted as 66, so the count is not the exact share.
    size = round(
        search.gram_shards(*search._postings(search._articles(records), names_of(records))[:3])[1] / 64.5
    )
    store_names = names_of(records)
    for run, recs in enumerate((records, set_text("r3:art_7", "罚款的新规定，另有别的文字")(records))):
        store = next_store(tmp_path)
        got = shard_cache.shard_texts(recs, store_names, store, gram_size=size)
        want = search.shards_of(recs, store_names, gram_size=size)
        assert got == {name: search.shard_script(name, data) for name, data in want.items()}
        assert want["meta"]["p"] == 66
        assert store.computed[shard_cache.STATE] == [(shard_cache.ASSEMBLED, shard_cache.REWRITTEN)[run]]
        store.finish()


@pytest.mark.parametrize("enabled", [True, False], ids=["collector on", "collector off"])
@pytest.mark.parametrize("raises", [False, True], ids=["returns", "raises"])
def test_paused_collector_restores_the_collector_as_it_was(enabled, raises) -> None:
    import gc

    from generator.build import paused_collector

    (gc.enable if enabled else gc.disable)()
    inside: list[bool] = []
    try:
        with pytest.raises(ValueError, match="content") if raises else contextlib.nullcontext():
            with paused_collector():
                inside.append(gc.isenabled())
                if raises:
                    raise ValueError("content")
        after = gc.isenabled()
    finally:
        gc.enable()
    assert (inside, after) == ([False], enabled)


@pytest.mark.slow  # it calls build_site (tests/test_markers.py), though MkDocs is not run
@pytest.mark.parametrize("fails", [False, True], ids=["built", "MkDocs fails"])
def test_the_project_is_frozen_for_the_collector_during_mkdocs_only(tmp_path, monkeypatch, fails) -> None:
    """build_site loads the project with the collector paused, freezes it for MkDocs' build
    (gc.freeze: the collector's full collections skip it; run_mkdocs is asked to freeze MkDocs'
    objects too) and unfreezes it after, a failed build too: tests build in one process."""
    import gc

    from conftest import copy_project

    from generator import build

    seen: list[object] = []
    load = build.load_project

    def load_project(*args, **kwargs):
        seen.append(gc.isenabled())
        return load(*args, **kwargs)

    def run(*args, **kwargs) -> dict[str, str]:
        seen.extend((gc.get_freeze_count() > 0, gc.isenabled(), kwargs.get("freeze")))
        if fails:
            raise RuntimeError("MkDocs failed")
        return {}

    monkeypatch.setattr(build, "load_project", load_project)
    monkeypatch.setattr(build, "run_mkdocs", run)
    root = copy_project(tmp_path / "project")
    if fails:
        with pytest.raises(RuntimeError, match="MkDocs failed"):
            build.build_site(root, tmp_path / "site")
    else:
        build.build_site(root, tmp_path / "site")
    assert seen == [False, True, True, True]
    assert gc.get_freeze_count() == 0 and gc.isenabled()
