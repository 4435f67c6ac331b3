"""generator/search.py shard_data / shards_of and search-shards.js: the further regulations' index
as shards loaded on demand (issue 29 item 3). The shards give back every record as the whole index
lists it, the frequencies and counts of the laws engine, and postings that list every article
holding a key; search-shards.js decodes them (hash, expand) as search.py writes them.

Fast tier: no browser, no site build (the browser parity is tests/test_browser_search_shards.py)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

from generator import search

NODE = shutil.which("node") or "/usr/bin/node"
SHARDS_JS = ROOT / "site_overrides/assets/javascripts/search-shards.js"


@pytest.fixture(scope="module")
def laws(shipped_project) -> list[dict]:
    return search.law_records(shipped_project, laws=True)


@pytest.fixture(scope="module")
def shards(shipped_project) -> dict[str, dict]:
    return search.shard_data(shipped_project)


def records_of(shards: dict[str, dict]) -> list[dict]:
    out: list[dict] = []
    for k in range(len(shards["meta"]["starts"])):
        out += search.expand_records(shards[f"r{k}"])
    return out


def merged(shards: dict[str, dict], kind: str) -> dict:
    out: dict = {}
    for k in range(shards["meta"][kind]):
        out.update(shards[f"{kind}{k}"])
    return out


def undelta(values: list[int]) -> list[int]:
    out, total = [], 0
    for v in values:
        total += v
        out.append(total)
    return out


# --- the shipped content ----------------------------------------------------------------------------


@pytest.mark.shipped
def test_record_shards_give_back_every_record_of_the_whole_index(shards, laws) -> None:
    assert records_of(shards) == laws
    # Shards hold whole articles: each starts at an article.
    for k in range(len(shards["meta"]["starts"])):
        assert "__" not in shards[f"r{k}"]["recs"][0][1]


@pytest.mark.shipped
def test_frequencies_and_counts_are_the_laws_engines(shipped_project, shards) -> None:
    engine = search.Engine(search.laws_index_data(shipped_project))
    meta = shards["meta"]
    frequencies = {k[1:]: v for k, v in merged(shards, "p").items() if k[0] == search.DF_KEY}
    assert frequencies == engine.df
    assert meta["n"] == engine.n
    assert meta["lengths"] / meta["laws"] == engine.avg


@pytest.mark.shipped
def test_postings_list_exactly_the_articles_holding_each_key(shards, laws) -> None:
    groups = search._articles(laws)
    post = {
        k: undelta(v) for k, v in merged(shards, "p").items() if k[0] not in (search.RATIO_KEY, search.DF_KEY)
    }
    expected: dict[str, set[int]] = {}
    for ordinal, group in enumerate(groups):
        for rec in group:
            text = search.fold(rec["text"])[0]
            for key in {text[i : i + 2] for i in range(len(text) - 1)} | set(text):
                expected.setdefault(key, set()).add(ordinal)
    grams = {k: set(v) for k, v in post.items() if k[0] not in (search.CAPTION_KEY, search.ARTICLE_KEY)}
    assert grams == expected
    numbers = [k for k in post if k[0] == search.ARTICLE_KEY]
    assert len(numbers) == len(groups)
    assert post[search.ARTICLE_KEY + "xzcf:55"] == [
        k for k, g in enumerate(groups) if g[0]["id"] == "xzcf:art_55"
    ]


def ratio_bounds_hold(shards: dict[str, dict], records: list[dict], avgs: tuple[float, ...]) -> int:
    """Check every bigram's tf ratio bounds against the records (each above the ratio of every
    record of the article holding it, in every engine of averages `avgs`; the least such step at
    those averages rounded up); the count."""
    articles = [[search.fold(r["text"])[0] for r in group] for group in search._articles(records)]
    post = merged(shards, "p")
    checked = 0
    for key, steps in post.items():
        if key[0] != search.RATIO_KEY:
            continue
        gram = key[1:]
        assert len(gram) == 2 and len(steps) == len(post[gram])
        for ordinal, step in zip(undelta(post[gram]), steps, strict=True):
            texts = [t for t in articles[ordinal] if gram in t]
            exact, rounded = (
                max(
                    search._count(t, gram)
                    / (search._count(t, gram) + search.K1 * (1 - search.B + search.B * len(t) / a))
                    for t in texts
                    for a in averages
                )
                for averages in (avgs, tuple(search.ceil_avg(a) for a in avgs))
            )
            # A bound at the engines' averages; the least step at the averages rounded up (ceil_avg).
            assert exact <= rounded < step / search.RATIO_STEPS <= rounded + 1 / search.RATIO_STEPS
            checked += 1
    return checked


@pytest.mark.shipped
def test_bigram_ratio_bounds_hold_for_the_laws_and_the_library_engine(shipped_project, shards, laws) -> None:
    home = search.Engine(search.index_data(shipped_project))
    library = search.Engine(
        search.all_index_data(search.index_data(shipped_project), search.laws_index_data(shipped_project))
    )
    lawsengine = search.Engine(search.laws_index_data(shipped_project))
    assert home.avg != library.avg
    checked = ratio_bounds_hold(shards, laws, (lawsengine.avg, library.avg))
    # Every bigram of the articles has its bounds (the chars, captions, numbers none).
    assert sum(1 for k in merged(shards, "p") if k[0] == search.RATIO_KEY) == sum(
        1
        for k in merged(shards, "p")
        if len(k) == 2 and k[0] not in (search.CAPTION_KEY, search.ARTICLE_KEY, search.DF_KEY)
    )
    assert checked > 10_000


@pytest.mark.shipped
def test_every_key_lies_in_the_shard_its_hash_names_and_shards_stay_small(shards) -> None:
    meta = shards["meta"]
    assert not any(name[0] == "d" for name in shards)
    for k in range(meta["p"]):
        # A bigram's tf ratio bounds and frequency lie beside its postings; a character's
        # frequency where the hash of its key names (df_place), not beside its postings.
        keys = [
            search.df_place(key[1:])
            if key[0] == search.DF_KEY
            else key[1:]
            if key[0] == search.RATIO_KEY
            else key
            for key in shards[f"p{k}"]
        ]
        assert all(search.gram_hash(key) % meta["p"] == k for key in keys)
        for key in shards[f"p{k}"]:
            if key[0] == search.DF_KEY and len(key) == 2:
                assert search.gram_hash(key) % meta["p"] == k
    # Measured on the shipped content: gram shards hold 0.2-6x GRAM_CHARS (hashing is uneven, and
    # a common character's postings alone, 的 in every article, pass it); without its largest key a
    # shard stays under 3.3x. Bounds with headroom.
    sizes = {name: len(search.script_json(data)) for name, data in shards.items()}
    for name in (n for n in shards if n[0] == "p"):
        data = shards[name]
        largest = max(data, key=lambda key: len(search.script_json(data[key])), default=None)
        rest = {key: value for key, value in data.items() if key != largest}
        assert len(search.script_json(rest)) < 5 * search.GRAM_CHARS, name
    # A record shard closes once past SHARD_CHARS: without its last article it is under it.
    for k in range(len(meta["starts"])):
        recs = shards[f"r{k}"]["recs"]
        last = max(i for i, r in enumerate(recs) if not r[1].startswith("__"))
        assert len(search.script_json(recs[:last])) < search.SHARD_CHARS, k
    # The meta without the vocabularies (8 KB shipped, the laws' own files); a version shard holds
    # one earlier version (行政复议法 2017: 7.8 KB).
    assert len(search.script_json({**meta, "vocabularies": {}})) < 2_000
    assert max(v for n, v in sizes.items() if n[0] == "v") < 16_000


@pytest.mark.shipped
def test_meta_carries_the_vocabularies_and_version_shards_the_earlier_versions(
    shipped_project, shards
) -> None:
    laws = search.laws_index_data(shipped_project)
    assert shards["meta"]["vocabularies"] == laws["vocabularies"] and len(laws["vocabularies"]) == 8
    assert shards["meta"]["versions"] == [["xzfy-2017", "xzfy"]]
    assert search.expand_versions(shards) == laws["versions"] and len(laws["versions"]) == 43
    assert node_versions(shards) == laws["versions"]


@pytest.mark.shipped
def test_exports_write_the_shards_and_no_whole_laws_index(shipped_project, shards) -> None:
    out = search.exports(shipped_project)
    assert search.LAWS_INDEX_JS not in out
    names = {p.removeprefix(search.SHARDS_DIR + "/").removesuffix(".js") for p in out if p != search.INDEX_JS}
    assert names == set(shards)
    script = out[search.SHARDS_META]
    head = 'window.kbSearch&&window.kbSearch.shard("meta",'
    assert script.startswith(head) and script.endswith(");\n")
    assert json.loads(script.removeprefix(head)[:-3]) == shards["meta"]


@pytest.mark.shipped
def test_exports_give_each_shard_as_its_script_in_the_shards_order(shipped_project, shards) -> None:
    # exports lets go of each shard's data as it scripts it (the whole shard first, as it holds the
    # record shards' dicts): the scripts and their order are the shard data's, every one.
    expected = {search.INDEX_JS: search.index_script(search.index_data(shipped_project))}
    for name, data in shards.items():
        expected[f"{search.SHARDS_DIR}/{name}.js"] = search.shard_script(name, data)
    assert search.WHOLE_SHARD in shards
    out = search.exports(shipped_project)
    assert list(out) == list(expected)
    assert out == expected


# The sizes of the postings shards come from the length of their JSON, measured a chunk of keys at
# a time (search._json_length): it must be len(script_json(values)) exactly, or the shard count
# and every shard's keys change.
JSON_LENGTHS: dict[str, dict] = {
    "no keys": {},
    "one key": {"罚款": [1, 2, 3]},
    "script-closing text, ampersands and line separators": {
        "</script>": [1],
        "&amp;": 2,
        "\u2028\u2029": [3, 4],
        "<b>": {"x": ">"},
    },
    "astral characters and control-character prefixes": {"\x01𠀀": [0], "\x02a:1": [5], "\x03𠀁𠀂": [32, 1]},
    "quotes and backslashes": {'"': ['\\"'], "\\": [], "\t\n": [0]},
    "many keys across chunks": {f"键{k}": list(range(k % 4)) for k in range(23)},
}


@pytest.mark.parametrize("case", list(JSON_LENGTHS))
@pytest.mark.parametrize("chunk", [1, 2, 3, 10_000])
def test_json_length_is_the_length_of_the_whole_json(case: str, chunk: int) -> None:
    values = JSON_LENGTHS[case]
    assert search._json_length(values, chunk) == len(search.script_json(values))


# --- hostile records ---------------------------------------------------------------------------------


def art(slug: str, n: int, text: str, caption: str = "", **extra) -> dict:
    rec = {
        "id": f"{slug}:art_{n}",
        "kind": "law",
        "citation": f"《法{slug}》第{n}条",
        "caption": caption or f"法{slug}",
        "chapter": "",
        "text": text,
        "url": f"laws/{slug}/articles/art-{n:02d}.html",
        "reg": slug,
    }
    rec.update(extra)
    return rec


def sub(parent: dict, local: str, text: str, **extra) -> dict:
    rid = parent["id"] + local
    rec = {
        **parent,
        "id": rid,
        "citation": parent["citation"] + "第（一）项",
        "text": text,
        "url": parent["url"] + "#" + rid.partition(":")[2],
    }
    rec.update(extra)
    return rec


HOSTILE: dict[str, list[dict]] = {}
_a = art("a", 1, "𠀀𠀁前文（一）甲乙丙；（二）丁戊。")
HOSTILE["astral characters before a 项 (spans in UTF-16 units)"] = [
    _a,
    sub(_a, "__para_1__point_1", "（一）甲乙丙；"),
    sub(_a, "__para_1__point_2", "（二）丁戊。"),
]
_b = art("b", 2, "正文")
HOSTILE["a 项 whose text is not in its article's"] = [_b, sub(_b, "__para_1__point_1", "别处的字")]
HOSTILE["a 项 with no text"] = [_b, sub(_b, "__para_1__point_1", "")]
HOSTILE["a 项 citing apart from its article"] = [
    _b,
    sub(_b, "__para_1__point_1", "正", citation="另一部法第一项"),
]
HOSTILE["a 项 with its own URL"] = [_b, sub(_b, "__para_1__point_1", "正", url="elsewhere.html#x")]
HOSTILE["script-closing text and line separators"] = [
    art("c", 1, "</script><script>alert(1)</script>\u2028\u2029&amp;", caption="<b>标题</b>")
]
HOSTILE["citations and URLs sharing no prefix"] = [
    art("d", 1, "一", citation="甲", url="x/1.html"),
    art("d", 2, "二", citation="乙", url="y/2.html"),
]
HOSTILE["one regulation across record shards"] = [art("e", n, "很长的条文" * 40) for n in range(1, 9)]
HOSTILE["an own caption beside the regulation's name"] = [
    art("f", 1, "甲", caption="法f"),
    art("f", 2, "乙", caption="罚款的规定"),
]
_g = art("g", 1, "罚款罚款罚款罚款罚款罚款罚款罚款的长篇规定，另有很多别的文字在此")
HOSTILE["a bigram many times in a short 项 and a long article"] = [
    _g,
    sub(_g, "__para_1__point_1", "罚款罚款"),
]


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_records_come_back_as_written(case: str) -> None:
    records = HOSTILE[case]
    names = {r["reg"]: f"法{r['reg']}" for r in records}
    shards = search.shards_of(records, names, size=300, gram_size=200)
    assert records_of(shards) == records
    if case == "one regulation across record shards":
        rows = search.reg_rows(shards["meta"], names)
        assert len(shards["meta"]["starts"]) > 1 and rows[0][1:3] == [0, len(shards["meta"]["starts"]) - 1]
    assert node_reg_rows(shards["meta"], names) == search.reg_rows(shards["meta"], names)
    for name, data in shards.items():
        script = search.shard_script(name, data)
        assert "<" not in script and "\u2028" not in script and "\u2029" not in script, name
    assert node_expand(shards) == records
    # Without the site's own records the laws engine and the library's have one average length.
    avg = sum(len(search.fold(r["text"])[0]) for r in records) / len(records)
    assert ratio_bounds_hold(shards, records, (avg,)) == sum(
        len(undelta(v)) for k, v in merged(shards, "p").items() if k[0] == search.RATIO_KEY
    )


def test_tf_ratio_bounds_round_up_to_a_step() -> None:
    # 罚款 once in a text of the average length: 1 / (1 + 1.2) = 0.4545 -> 15 / 32 (0.46875).
    assert search.tf_ratios(["罚款"], (2.0,)) == {"罚款": 15}
    # The largest of the engines' (a shorter average makes the ratio smaller) and of the records
    # (in 罚款很多别的字, of length 7: 1 / (1 + 3.45) = 0.2247 -> 8 / 32).
    assert search.tf_ratios(["罚款"], (1.0, 2.0)) == {"罚款": 15}
    assert search.tf_ratios(["罚款很多别的字", "罚款"], (2.0,)) == {
        "罚款": 15,
        "款很": 8,
        "很多": 8,
        "多别": 8,
        "别的": 8,
        "的字": 8,
    }
    # Many occurrences approach 1: never above RATIO_STEPS; a single character has no bigram.
    assert search.tf_ratios(["罚款" * 500], (1000.0,)) == {"罚款": 32, "款罚": 32}
    assert search.tf_ratios(["罚款" * 500], (2.0,)) == {"罚款": 17, "款罚": 17}
    assert search.tf_ratios(["罚"], (2.0,)) == {}


def test_hostile_spans_and_captions_are_stored_compactly() -> None:
    shards = search.shards_of(HOSTILE["astral characters before a 项 (spans in UTF-16 units)"], {"a": "法a"})
    recs = shards["r0"]["recs"]
    # 𠀀𠀁前文 is 6 UTF-16 units: the first 项 starts there; URLs and citations follow the article.
    assert [r[5] for r in recs[1:]] == [[6, 13], [13, 19]]
    assert [r[6] for r in recs[1:]] == [0, 0]
    assert [r[2] for r in recs[1:]] == ["第（一）项", "第（一）项"]
    captions = search.shards_of(HOSTILE["an own caption beside the regulation's name"], {"f": "法f"})
    post = {k: undelta(v) for k, v in merged(captions, "p").items() if k[0] == search.CAPTION_KEY}
    assert post == {search.CAPTION_KEY + c: [1] for c in "罚款的规定"}
    assert captions["meta"]["regs"] == [["f", 2]]
    assert search.reg_rows(captions["meta"], {"f": "《法f》"}) == [["f", 0, 0, "法f", 0, 2]]
    assert search.shards_of([], {}) == {}


def version(slug: str, of: str, n: int, text: str, **extra) -> dict:
    rec = {
        **art(slug, n, text),
        "citation": f"法{of}（旧）第{n}条",
        "url": f"versions/{slug}.html#old-art_{n}",
        "of": of,
    }
    rec.update(extra)
    return rec


HOSTILE_VERSIONS: dict[str, list[dict]] = {
    "two earlier versions of one regulation, and one of another": [
        version("a-2001", "a", 1, "甲"),
        version("a-2001", "a", 2, "乙"),
        version("a-2010", "a", 1, "丙"),
        version("b-1999", "b", 1, "丁"),
    ],
    "script-closing text, astral characters and line separators": [
        version("c-2000", "c", 1, "</script><script>alert(1)</script>\u2028𠀀", caption="<b>旧</b>")
    ],
    "citations and URLs sharing no prefix": [
        version("d-2000", "d", 1, "一", citation="甲", url="x/1.html"),
        version("d-2000", "d", 2, "二", citation="乙", url="y/2.html"),
    ],
}


@pytest.mark.parametrize("case", list(HOSTILE_VERSIONS))
def test_hostile_earlier_versions_come_back_as_written(case: str) -> None:
    versions = HOSTILE_VERSIONS[case]
    shards = search.shards_of([art("z", 1, "现行")], {"z": "法z"}, versions=versions)
    slugs = list(dict.fromkeys(r["reg"] for r in versions))
    assert shards["meta"]["versions"] == [[s, s.partition("-")[0]] for s in slugs]
    assert {n for n in shards if n[0] == "v"} == {f"v{k}" for k in range(len(slugs))}
    assert search.expand_versions(shards) == versions
    for name, data in shards.items():
        script = search.shard_script(name, data)
        assert "<" not in script and "\u2028" not in script, name
    assert node_versions(shards) == versions


def test_without_earlier_versions_the_meta_lists_none() -> None:
    shards = search.shards_of([art("z", 1, "现行")], {"z": "法z"})
    assert shards["meta"]["versions"] == [] and shards["meta"]["vocabularies"] == {}
    assert not [n for n in shards if n[0] == "v"] and search.expand_versions(shards) == []


def node_eval(program: str, data: object, script: Path = SHARDS_JS) -> object:
    """What `program` prints as JSON, run by node with `script` (search-shards.js) as its argument
    and `data` as JSON on its stdin."""
    if not shutil.which(NODE) and not (ROOT / NODE).exists():
        pytest.fail("node is missing: install Debian's nodejs (see README)")
    done = subprocess.run(
        [NODE, "-e", program, str(script)],
        input=json.dumps(data, ensure_ascii=False),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(done.stdout)


def node_versions(shards: dict[str, dict]) -> list[dict]:
    """search-shards.js Store.versionRecords once every shard is received, under node (null before
    the last v shard: checked here)."""
    program = (
        "const fs=require('fs');global.window={};eval(fs.readFileSync(process.argv[1],'utf8'));"
        "const s=JSON.parse(fs.readFileSync(0,'utf8'));const st=new window.kbShards.Store('');"
        "st.receive('meta',s.meta);Object.keys(s).forEach(n=>{if(n!=='meta'&&n!=='v0')st.receive(n,s[n])});"
        "if(st.versionRecords()!==null)throw new Error('versions before v0');"
        "st.receive('v0',s.v0);process.stdout.write(JSON.stringify(st.versionRecords()))"
    )
    keys = ("id", "kind", "citation", "caption", "chapter", "text", "url", "reg", "of")
    return [{k: r[k] for k in keys} for r in node_eval(program, shards)]


def node_expand(shards: dict[str, dict]) -> list[dict]:
    """search-shards.js expand over every record shard, under node."""
    program = (
        "const fs=require('fs');global.window={};eval(fs.readFileSync(process.argv[1],'utf8'));"
        "const s=JSON.parse(fs.readFileSync(0,'utf8'));let out=[];"
        "for(let k=0;k<s.meta.starts.length;k++)out=out.concat(window.kbShards.expand(s['r'+k]));"
        "process.stdout.write(JSON.stringify(out))"
    )
    return [
        {k: r[k] for k in ("id", "kind", "citation", "caption", "chapter", "text", "url", "reg")}
        for r in node_eval(program, shards)
    ]


def node_reg_rows(meta: dict, names: dict[str, str]) -> list[list]:
    """search-shards.js regRows over `meta` as the Store receives it (its starts decoded), the
    names folded as search.py folds them, under node."""
    program = (
        "const fs=require('fs');global.window={};eval(fs.readFileSync(process.argv[1],'utf8'));"
        "const s=JSON.parse(fs.readFileSync(0,'utf8'));const st=new window.kbShards.Store('');"
        "st.receive('meta',s.meta);"
        "process.stdout.write(JSON.stringify(window.kbShards.regRows(st.meta(),s.names)))"
    )
    return node_eval(program, {"meta": meta, "names": {k: search.folded(v) for k, v in names.items()}})


def node_whole(shards: dict[str, dict]) -> list[dict]:
    """search-shards.js Store.allRecords once meta and the whole shard alone are received, under
    node (every r<k> must be in by then: checked here)."""
    program = (
        "const fs=require('fs');global.window={};eval(fs.readFileSync(process.argv[1],'utf8'));"
        "const s=JSON.parse(fs.readFileSync(0,'utf8'));const st=new window.kbShards.Store('');"
        "st.receive('meta',s.meta);st.receive('w',s.w);"
        "for(let k=0;k<s.meta.starts.length;k++)if(!st.shards['r'+k])throw new Error('r'+k+' not in');"
        "process.stdout.write(JSON.stringify(st.allRecords()))"
    )
    keys = ("id", "kind", "citation", "caption", "chapter", "text", "url", "reg")
    return [{k: r[k] for k in keys} for r in node_eval(program, shards)]


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_small_librarys_whole_shard_holds_every_record_shard_in_order(case: str) -> None:
    records = HOSTILE[case]
    names = {r["reg"]: f"法{r['reg']}" for r in records}
    shards = search.shards_of(records, names, size=300, gram_size=200)
    assert shards["meta"]["whole"] is True
    count = len(shards["meta"]["starts"])
    assert shards[search.WHOLE_SHARD] == {"parts": [shards[f"r{k}"] for k in range(count)]}
    assert node_whole(shards) == records


def test_a_library_over_the_whole_size_has_no_whole_shard(monkeypatch) -> None:
    records = HOSTILE["one regulation across record shards"]
    chars = sum(
        len(search.script_json(data))
        for name, data in search.shards_of(records, {"e": "法e"}, 300).items()
        if name[0] == "r"
    )
    monkeypatch.setattr(search, "WHOLE_CHARS", chars - 1)
    shards = search.shards_of(records, {"e": "法e"}, size=300, gram_size=200)
    assert shards["meta"]["whole"] is False and search.WHOLE_SHARD not in shards
    monkeypatch.setattr(search, "WHOLE_CHARS", chars)
    assert search.WHOLE_SHARD in search.shards_of(records, {"e": "法e"}, size=300, gram_size=200)


def test_meta_lists_each_record_shards_first_article_delta_coded() -> None:
    records = HOSTILE["one regulation across record shards"]
    shards = search.shards_of(records, {"e": "法e"}, size=300, gram_size=200)
    ids = [r["id"] for r in records]
    firsts = [ids.index("e:" + shards[f"r{k}"]["recs"][0][1]) for k in range(len(shards["meta"]["starts"]))]
    assert len(firsts) > 2 and undelta(shards["meta"]["starts"]) == firsts != shards["meta"]["starts"]
    program = (
        "const fs=require('fs');global.window={};eval(fs.readFileSync(process.argv[1],'utf8'));"
        "const s=JSON.parse(fs.readFileSync(0,'utf8'));const st=new window.kbShards.Store('');"
        "st.receive('meta',s.meta);st.receive('meta',s.meta);"
        "process.stdout.write(JSON.stringify(st.meta().starts))"
    )
    # Decoded once, however often the meta arrives (a second script tag of it is ignored).
    assert node_eval(program, shards) == firsts


def test_hash_and_shard_lookup_agree_with_search_shards_js() -> None:
    keys = [
        "执法",
        "法",
        "a",
        "𠀀",
        "𠀀执",
        search.CAPTION_KEY + "罚",
        search.ARTICLE_KEY + "xzcf:55",
        "\u2028x",
        "长" * 50,
    ]
    program = (
        "const fs=require('fs');global.window={};eval(fs.readFileSync(process.argv[1],'utf8'));"
        "const keys=JSON.parse(fs.readFileSync(0,'utf8'));const S=window.kbShards;"
        "process.stdout.write(JSON.stringify({hash:keys.map(S.hash),"
        "at:[0,1,4,5,6,99].map(o=>S.shardOf([0,5,6],o))}))"
    )
    got = node_eval(program, keys)
    assert got["hash"] == [search.gram_hash(k) for k in keys]
    assert search.gram_hash("ab") == 97 * 31 + 98
    assert got["at"] == [0, 0, 0, 1, 2, 2]


def test_averages_round_up_to_a_grid_that_a_small_edit_keeps() -> None:
    # The tf ratio bounds are taken at the averages rounded up (a larger average only raises a
    # ratio, so a bound stays a bound); a one-word edit keeps the rounded value, and so the other
    # regulations' stored bounds (search._postings).
    assert search.ceil_avg(100.0) == 2 ** (107 / 16)
    assert search.ceil_avg(100.3) == search.ceil_avg(100.0)
    assert search.ceil_avg(64.0) == 64.0
    assert search.ceil_avg(0.5) == 1.0
    for avg in (1.0, 1.5, 37.25, 99.99, 2.0**20 + 1):
        assert avg <= search.ceil_avg(avg) < avg * 2 ** (1 / 16) + 1e-9


# --- the stored pieces' checks (search._cached) ------------------------------------------------------

_GROUPS = search._articles(HOSTILE["a bigram many times in a short 项 and a long article"])
POSTINGS_PIECE = search._reg_postings(_GROUPS, {"g": "法g"})
RATIOS_PIECE = search._reg_ratios(_GROUPS, (10.0,))

REFUSED_POSTINGS = {
    "a ratios piece": RATIOS_PIECE,
    "lengths missing": {"df": {}, "post": {}},
    "lengths a boolean": {"df": {}, "post": {}, "lengths": True},
    "df a list": {"df": [], "post": {}, "lengths": 0},
    "a df not a number": {"df": {"a": "1"}, "post": {}, "lengths": 0},
    "postings not a list": {"df": {}, "post": {"a": 0}, "lengths": 0},
    "an ordinal a float": {"df": {}, "post": {"a": [0.5]}, "lengths": 0},
    "a list": [],
}
REFUSED_RATIOS = {
    "a postings piece": POSTINGS_PIECE,
    "the old shape (postings with an empty df)": {"df": {}, "post": RATIOS_PIECE["ratios"], "lengths": 0},
    "ratios a list": {"ratios": []},
    "steps not a list": {"ratios": {"ab": 3}},
    "a step of 0": {"ratios": {"ab": [0]}},
    "a step past RATIO_STEPS": {"ratios": {"ab": [search.RATIO_STEPS + 1]}},
    "a step a string": {"ratios": {"ab": ["3"]}},
    "a step a boolean": {"ratios": {"ab": [True]}},
    "none": None,
}


def test_each_stored_piece_has_a_check_of_its_own() -> None:
    assert search._is_postings(POSTINGS_PIECE) and POSTINGS_PIECE["post"]
    texts = [search.fold(r["text"])[0] for r in _GROUPS[0]]
    assert search._is_ratios(RATIOS_PIECE)
    assert RATIOS_PIECE == {"ratios": {g: [n] for g, n in search.tf_ratios(texts, (10.0,)).items()}}
    assert [case for case, value in REFUSED_POSTINGS.items() if search._is_postings(value)] == []
    assert [case for case, value in REFUSED_RATIOS.items() if search._is_ratios(value)] == []
