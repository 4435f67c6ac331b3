"""The search index's postings shards between builds (issue 29 item 4: a rebuild after one edit).

The postings shards p<k> (search.shards_of) merge every further regulation's postings: assembling
them again means reading every regulation's piece back from the document cache, merging and
encoding them all, most of a library rebuild's time. A one-document edit changes only the keys
(bigrams, characters) of that document, and each key lives in one shard (its hash modulo the count).

So the shards of a build are kept in the document cache with what they were made from (STATE): each
regulation's run of articles and its pieces' keys, the engines' average lengths, the shard count and
the length of the JSON that count was taken from. The next build, when every regulation keeps its
run of articles and the averages and the count are unchanged, takes each shard's text as it was and
rewrites only the shards holding a key of an edited regulation: its ordinals, ratio bounds and
document frequencies out (its old piece, still in the cache), the new ones in. Anything else (a run
that moved, a changed average or count, a piece or state missing or damaged, too many edited
regulations) assembles every shard as search.shards_of does. Either way the files are those
search.exports writes (tests/test_build_rebuild.py).
"""

from __future__ import annotations

import bisect
import itertools
import json
from typing import Any

from generator import search
from generator.cache import Store
from generator.project import Project
from generator.render import script_json

STATE = "gram-shards"  # the kind of the kept shards in a Store
# Past this share of edited regulations the shards are assembled anew (each edited one costs a pass
# over its keys; the whole assembly costs one over every regulation's).
EDITED_SHARE = 0.2


def exports(project: Project, store: Store | None = None) -> dict[str, str]:
    """What search.exports gives for `project`: the same files, the postings shards from `store`'s
    kept shards where an edit left them unchanged."""
    if store is None:
        return search.exports(project, store)
    out = {search.INDEX_JS: search.index_script(search.index_data(project))}
    inputs = search.shard_inputs(project)
    texts = shard_texts(
        inputs["records"],
        inputs["names"],
        store,
        vocabularies=inputs["vocabularies"],
        earlier=inputs["versions"],
        home_lengths=inputs["home_lengths"],
    )
    out.update((f"{search.SHARDS_DIR}/{name}.js", text) for name, text in texts.items())
    return out


def shard_texts(
    records: list[dict],
    names: dict[str, str],
    store: Store,
    size: int = search.SHARD_CHARS,
    gram_size: int = search.GRAM_CHARS,
    vocabularies: dict[str, list[list[str]]] | None = None,
    earlier: list[dict] | None = None,
    home_lengths: tuple[int, int] = (0, 0),
) -> dict[str, str]:
    """search.shards_of's shards as scripts (search.shard_script) by name (`earlier`: its
    `versions`, the earlier versions' records); the postings shards
    rewritten from the kept ones (STATE) where that gives the same, else assembled; kept for the
    next build either way."""
    if not records:
        return {}
    groups = search._articles(records)
    spans = list(search._reg_runs(groups))
    keys = [search.piece_key(store, search.POSTINGS, names[slug], groups[a:b], ()) for a, b, slug in spans]
    state_key = store.key(STATE)
    state = store.get(STATE, state_key, _is_state)
    made = _update(state, groups, spans, keys, names, store, home_lengths, gram_size) if state else None
    if made is None:
        made = _assemble(groups, spans, keys, names, store, home_lengths, gram_size)
    texts, lengths, new_state, route = made
    out = {
        name: search.shard_script(name, data)
        for name, data in search.layout_shards(
            records, groups, names, size, lengths, len(texts), vocabularies, earlier
        ).items()
    }
    out.update((f"p{k}", text) for k, text in enumerate(texts))
    store.put(STATE, state_key, route, new_state)
    return out


# The p<k> scripts, the summed lengths, the STATE, and how they were made (ASSEMBLED or REWRITTEN).
Made = tuple[list[str], int, dict[str, Any], str]
ASSEMBLED, REWRITTEN = "assembled", "rewritten"


def _assemble(
    groups: list[list[dict]],
    spans: list[tuple[int, int, str]],
    keys: list[str],
    names: dict[str, str],
    store: Store,
    home_lengths: tuple[int, int],
    gram_size: int,
) -> Made:
    """Every postings shard as search.shards_of makes it, with the STATE that describes them."""
    df, post, ratios, lengths = search._postings(groups, names, store, home_lengths)
    parts, total = search.gram_shards(df, post, ratios, gram_size)
    texts = [search.shard_script(f"p{k}", part) for k, part in enumerate(parts)]
    avgs = _avgs(lengths, groups, home_lengths)
    rkeys = [search.piece_key(store, search.RATIOS, names[s], groups[a:b], avgs) for a, b, s in spans]
    counts = [len(post), len(ratios), len(df)]
    return texts, lengths, _state(spans, keys, rkeys, lengths, avgs, total, counts, texts), ASSEMBLED


def _avgs(lengths: int, groups: list[list[dict]], home_lengths: tuple[int, int]) -> tuple[float, float]:
    """The engines' average lengths the ratio bounds are taken at (as search._postings): per record."""
    count = sum(len(g) for g in groups)
    return (
        search.ceil_avg(lengths / count),
        search.ceil_avg((lengths + home_lengths[0]) / (count + home_lengths[1])),
    )


def _state(
    spans: list[tuple[int, int, str]],
    keys: list[str],
    rkeys: list[str],
    lengths: int,
    avgs: tuple[float, float],
    total: int,
    counts: list[int],
    texts: list[str],
) -> dict[str, Any]:
    return {
        "spans": [[slug, a, b] for a, b, slug in spans],
        "keys": keys,
        "rkeys": rkeys,
        "lengths": lengths,
        "avgs": list(avgs),
        "total": total,
        "counts": counts,
        "texts": texts,
    }


def _is_state(value: object) -> bool:
    """Whether a stored value has the shape _state gives."""
    if not isinstance(value, dict):
        return False
    spans, texts = value.get("spans"), value.get("texts")
    return (
        isinstance(spans, list)
        and all(isinstance(s, list) and len(s) == 3 and isinstance(s[0], str) for s in spans)
        and all(isinstance(value.get(k), list) and len(value[k]) == len(spans) for k in ("keys", "rkeys"))
        and isinstance(texts, list)
        and len(texts) > 0
        and all(isinstance(t, str) for t in texts)
        and all(search._is_int(value.get(k)) for k in ("lengths", "total"))
        and isinstance(value.get("avgs"), list)
        and isinstance(value.get("counts"), list)
        and len(value["counts"]) == 3
    )


def _update(
    state: dict[str, Any],
    groups: list[list[dict]],
    spans: list[tuple[int, int, str]],
    keys: list[str],
    names: dict[str, str],
    store: Store,
    home_lengths: tuple[int, int],
    gram_size: int,
) -> Made | None:
    """The kept shards with the edited regulations' keys rewritten, or None when that would not
    give what assembling them gives (see the module's docstring)."""
    if state["spans"] != [[slug, a, b] for a, b, slug in spans]:
        return None
    edited = [i for i, key in enumerate(keys) if key != state["keys"][i]]
    if len(edited) > EDITED_SHARE * len(spans):
        return None
    old, new = [], []
    lengths = state["lengths"]
    for i in edited:
        a, b, slug = spans[i]
        before = store.peek(state["keys"][i], search._is_postings)
        if before is None:
            return None
        compute = lambda g: search._reg_postings(g, names)  # noqa: E731
        after = search._cached(
            store, search.POSTINGS, names[slug], groups[a:b], (), compute, search._is_postings
        )
        lengths += after["lengths"] - before["lengths"]
        old.append(before)
        new.append(after)
    avgs = _avgs(lengths, groups, home_lengths)
    if list(avgs) != state["avgs"]:
        return None
    rkeys = list(state["rkeys"])
    for n, i in enumerate(edited):
        a, b, slug = spans[i]
        before = store.peek(state["rkeys"][i], search._is_ratios)
        if before is None:
            return None
        compute = lambda g: search._reg_ratios(g, avgs)  # noqa: E731
        old[n] = {**old[n], **before}
        new[n] = {
            **new[n],
            **search._cached(
                store, search.RATIOS, names[slug], groups[a:b], avgs, compute, search._is_ratios
            ),
        }
        rkeys[i] = search.piece_key(store, search.RATIOS, names[slug], groups[a:b], avgs)
    kept = set(range(len(spans))) - set(edited)
    for i in sorted(kept):
        store.keep(search.POSTINGS, keys[i])
        store.keep(search.RATIOS, rkeys[i])
    if not all(_is_script(f"p{k}", text) for k, text in enumerate(state["texts"])):
        return None  # a kept text that is not its shard's script is never published
    rewritten = _rewrite(state, [spans[i][:2] for i in edited], old, new)
    if rewritten is None:
        return None
    texts, total, counts = rewritten
    if search.shard_count(total, gram_size) != len(texts):
        return None
    return texts, lengths, _state(spans, keys, rkeys, lengths, avgs, total, counts, texts), REWRITTEN


class _Shards:
    """The kept postings shards, each parsed when first rewritten."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = list(texts)
        self.parsed: dict[int, dict] = {}

    def part(self, key: str) -> dict:
        k = search.gram_hash(key) % len(self.texts)
        if k not in self.parsed:
            self.parsed[k] = _parse(f"p{k}", self.texts[k])
        return self.parsed[k]

    def scripts(self) -> list[str]:
        for k, part in self.parsed.items():
            self.texts[k] = search.shard_script(f"p{k}", part)
        return self.texts


def _is_script(name: str, text: str) -> bool:
    """Whether `text` is shaped as the script of shard `name` (search.shard_script)."""
    return text.startswith(search.shard_head(name)) and text.endswith("});\n")


def _parse(name: str, text: str) -> dict:
    """The data of a shard script (search.shard_script); ValueError when it is not one."""
    if not _is_script(name, text):
        raise ValueError(f"not the script of shard {name}")
    data = json.loads(text[len(search.shard_head(name)) : -3])
    if not isinstance(data, dict):
        raise ValueError(f"not the script of shard {name}")
    return search.unpack_postings(data)


def _entry(key: str, value: object) -> int:
    """The length an entry takes in a JSON object (search.gram_shards' total)."""
    return len(script_json(key)) + 1 + len(script_json(value))


def _rewrite(
    state: dict[str, Any], runs: list[tuple[int, int]], old: list[dict], new: list[dict]
) -> tuple[list[str], int, list[int]] | None:
    """The kept shards with each edited regulation's run of articles (`runs`, with its `old` and
    `new` postings and ratios) rewritten, the new total length and entry counts; None when a kept
    shard does not hold what the old pieces say it holds."""
    shards = _Shards(state["texts"])
    total, counts = state["total"], list(state["counts"])
    try:
        for (a, b), before, after in zip(runs, old, new, strict=True):
            keys = {*before["post"], *after["post"], *before["df"], *after["df"]}
            for key in sorted(keys):
                parts = (shards.part(key), shards.part(search.df_place(key)))
                moved = _rewrite_key(parts, key, a, b, before, after)
                if moved is None:
                    return None
                total += moved[0]
                counts = [c + d for c, d in zip(counts, moved[1], strict=True)]
    except (ValueError, TypeError, KeyError):
        return None
    # An object's entries are separated by commas: one fewer than its entries (none when empty).
    commas = sum(max(c - 1, 0) for c in counts) - sum(max(c - 1, 0) for c in state["counts"])
    return shards.scripts(), total + commas, counts


def _rewrite_key(
    parts: tuple[dict, dict], key: str, a: int, b: int, before: dict, after: dict
) -> tuple[int, list[int]] | None:
    """Rewrite `key`'s postings and ratio bounds in `parts[0]` and its frequency in `parts[1]`
    (search.df_place) for the run [a, b) whose old and new pieces are `before` and `after`; the
    change of the total's entry lengths and of the entry counts (postings, ratios, frequencies), or
    None when the part does not hold the run's old ordinals."""
    part, df_part = parts
    ratio_key, df_key = search.RATIO_KEY + key, search.DF_KEY + key
    coded, ratios, df = part.get(key, []), part.get(ratio_key, []), df_part.get(df_key)
    ordinals = list(itertools.accumulate(coded))
    lo, hi = bisect.bisect_left(ordinals, a), bisect.bisect_left(ordinals, b)
    if hi - lo != len(before["post"].get(key, ())) or (ratios and len(ratios) != len(ordinals)):
        return None
    if ratios and hi - lo != len(before["ratios"].get(key, ())):
        return None
    added = [a + o for o in after["post"].get(key, ())]
    ordinals[lo:hi] = added
    if ratios or after["ratios"].get(key):
        ratios = ratios[:lo] + list(after["ratios"].get(key, ())) + ratios[hi:]
    n = (df or 0) - before["df"].get(key, 0) + after["df"].get(key, 0)
    if n < 0:
        return None
    change, counts = 0, [0, 0, 0]
    for slot, value in enumerate((part.get(key), part.get(ratio_key), df)):
        if value is not None:
            change -= _entry(key, value)
            counts[slot] -= 1
    now = (search._delta(ordinals) if ordinals else None, ratios or None, n or None)
    for slot, (stored, value) in enumerate(zip((key, ratio_key, df_key), now, strict=True)):
        holder = df_part if stored == df_key else part
        if value is None:
            holder.pop(stored, None)
            continue
        holder[stored] = value
        change += _entry(key, value)
        counts[slot] += 1
    return change, counts
