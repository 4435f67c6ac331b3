"""generator/search.py pack_index / unpack_index and search.js unpackIndex: the index as shipped
(issue 29 item 3: a library's names once in the bytes a first query fetches). Whatever the names
and texts, the page unpacks exactly the index index_data gives; the packed form is smaller.

Fast tier: no browser, no site build (node runs search.js as tests/js/run_search.js does)."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import ROOT
from test_search_shards import node_eval

from generator import search

NODE = shutil.which("node") or "/usr/bin/node"
SEARCH_JS = ROOT / "site_overrides/assets/javascripts/search.js"
P = search.NAME_PREFIX


def reg(slug: str, name: str, *others: str) -> dict:
    """A regs entry as regulation_names gives it: `others` beside the name, as law_names reads them
    (with and without NAME_PREFIX), longest first."""
    names = {search.plain(n) for n in (name, *others)}
    names |= {n.removeprefix(P) for n in names if n != P}
    return {"slug": slug, "name": name, "names": sorted(names, key=lambda n: (-len(n), n))}


def aid(i: int, citation: str, text: str) -> dict:
    return {
        "id": f"aid:{i}",
        "kind": "aid",
        "citation": citation,
        "caption": "练习",
        "text": text,
        "url": f"a/{i}.html",
    }


def index(regs: list[dict], records: list[dict]) -> dict:
    return {
        "title": "规定",
        "records": records,
        "synonyms": [["罚款", "罚钱"]],
        "fillers": ["的"],
        "regs": regs,
    }


HOSTILE: dict[str, dict] = {
    "a name in a citation and a text": index(
        [reg("", "某市规定"), reg("a", P + "行政处罚法", "处罚法")],
        [aid(0, P + "行政处罚法 练习", "《" + P + "行政处罚法》中的期限")],
    ),
    "a name inside a longer one: the longest is referred to": index(
        [reg("a", "行政处罚法"), reg("b", "行政处罚法实施条例")],
        [aid(0, "行政处罚法实施条例", "行政处罚法与行政处罚法实施条例")],
    ),
    "a text holding the reference marks itself is stored whole": index(
        [reg("a", "行政处罚法")],
        [aid(0, "\x050\x06行政处罚法", "行政处罚法\x05"), aid(1, "行政处罚法\x06", "\x051.2\x06")],
    ),
    "two regulations of one name: references name the first, both keep their names": index(
        [reg("a", "道路交通安全法"), reg("b", "道路交通安全法", "交通法")],
        [aid(0, "道路交通安全法", "交通法第一条")],
    ),
    "names the page cannot derive: an alias with the prefix, short names, astral characters": index(
        [
            reg("a", "𠀀𠀁条例", P + "别名法"),
            {"slug": "b", "name": "某法", "names": ["全然不同的名称", "某法"]},
            {"slug": "c", "name": P, "names": [P]},
            {"slug": "d", "name": "无名", "names": []},
        ],
        [aid(0, "𠀀𠀁条例 练习", "全然不同的名称与" + P + "别名法"), aid(1, "某法", P)],
    ),
    "full-width letters and title marks in a name": index(
        [reg("a", "《ＡＢＣ管理办法》")],
        [aid(0, "《ＡＢＣ管理办法》 练习", "ABC管理办法")],
    ),
    "no regulations": index([], [aid(0, "练习", "文字")]),
}


def node_unpack(packed: dict) -> dict:
    """search.js unpackIndex over `packed`, under node."""
    program = (
        "const fs=require('fs');const vm=require('vm');const window={};"
        "vm.runInContext(fs.readFileSync(process.argv[1],'utf8'),vm.createContext({window:window}));"
        "const d=JSON.parse(fs.readFileSync(0,'utf8'));"
        "process.stdout.write(JSON.stringify(window.kbSearch.unpack(d)))"
    )
    return node_eval(program, packed, SEARCH_JS)


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_indexes_unpack_as_index_data_gives_them(case: str) -> None:
    data = HOSTILE[case]
    packed = json.loads(json.dumps(search.pack_index(data), ensure_ascii=False))
    assert search.unpack_index(packed) == data
    assert node_unpack(packed) == data


def test_names_are_referred_to_and_derived_names_left_out() -> None:
    packed = search.pack_index(HOSTILE["a name in a citation and a text"])
    # The prefix-less title is derived; the short title is not.
    assert packed["regs"] == [["", "某市规定"], ["a", P + "行政处罚法", "处罚法"]]
    assert [(r["citation"], r["text"]) for r in packed["records"]] == [
        ("\x051\x06 练习", "《\x051\x06》中的期限")
    ]
    longer = search.pack_index(HOSTILE["a name inside a longer one: the longest is referred to"])
    assert longer["records"][0]["text"] == "\x050\x06与\x051\x06"
    marked = search.pack_index(HOSTILE["a text holding the reference marks itself is stored whole"])
    assert [(r["citation"], r["text"]) for r in marked["records"]] == [
        (["\x050\x06行政处罚法"], ["行政处罚法\x05"]),
        ("\x050\x06\x06", ["\x051.2\x06"]),
    ]
    odd = search.pack_index(
        HOSTILE["names the page cannot derive: an alias with the prefix, short names, astral characters"]
    )
    assert odd["regs"] == [
        ["a", "𠀀𠀁条例", P + "别名法"],
        ["b", "某法", "全然不同的名称"],
        ["c", P],
        ["d", "无名", []],
    ]
    assert odd["records"][0]["text"] == "\x051.0\x06与\x050.0\x06"


def test_the_shipped_index_packs_smaller_and_comes_back(shipped_project) -> None:
    data = search.index_data(shipped_project)
    script = search.index_script(data)
    assert len(script) < len(search.script_json(data, sort_keys=True))
    packed = json.loads(script.removeprefix("window.kbSearch&&window.kbSearch.receive(")[:-3])
    assert search.unpack_index(packed) == data
    assert node_unpack(packed) == data


# --- postings shards: lists as text (code_numbers, search-shards.js decodeNumbers) ------------------

NUMBERS = {
    "empty": [],
    "one-character numbers and the first of two": [0, 1, 63, 64],
    "the edges of two, three and four characters": [1535, 1536, 36863, 36864, 884735, 884736],
    "ordinals of a library and beyond": [58474, 10**7, 2**53 - 1],
    "ratio bounds": list(range(33)),
}


def node_decode(texts: list[str]) -> list[list[int]]:
    program = (
        "const fs=require('fs');global.window={};eval(fs.readFileSync(process.argv[1],'utf8'));"
        "const t=JSON.parse(fs.readFileSync(0,'utf8'));"
        "process.stdout.write(JSON.stringify(t.map(window.kbShards.decodeNumbers)))"
    )
    return node_eval(program, texts)


def test_hostile_numbers_come_back_in_python_and_in_the_page() -> None:
    texts = [search.code_numbers(v) for v in NUMBERS.values()]
    assert [search.decode_numbers(t) for t in texts] == list(NUMBERS.values())
    assert node_decode(texts) == list(NUMBERS.values())
    assert texts[1] == "#$fw%" and len(search.code_numbers([1535, 1536])) == 5
    # Written as they are by script_json: no character it escapes, no quote or backslash.
    assert search.script_json("".join(texts)) == json.dumps("".join(texts))
    assert len(search.DIGITS) == 88 and not set(search.DIGITS) & set('"\\<>&')


def test_negative_numbers_and_cut_texts_are_refused() -> None:
    with pytest.raises(ValueError, match="code_numbers: -1 is negative"):
        search.code_numbers([3, -1])
    with pytest.raises(ValueError, match="decode_numbers: the text ends inside a number"):
        search.decode_numbers(search.code_numbers([100])[:1])


def test_a_postings_shard_script_holds_its_lists_as_text_and_reads_back() -> None:
    part = {"罚款": [3, 1, 70], search.RATIO_KEY + "罚款": [32, 0, 5], search.DF_KEY + "罚款": 3}
    script = search.shard_script("p7", part)
    shipped = json.loads(script.removeprefix(search.shard_head("p7"))[:-3])
    assert shipped == {"罚款": "'$}%", search.RATIO_KEY + "罚款": "F#)", search.DF_KEY + "罚款": 3}
    assert search.unpack_postings(shipped) == part
    # Record shards keep their lists.
    assert '"starts":[0,2]' in search.shard_script("meta", {"starts": [0, 2]})
