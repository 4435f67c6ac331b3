"""Each further regulation's own search vocabulary (content/laws/<slug>/search_synonyms.yaml,
issue 27): checked against that regulation's text with located problems, and applied to that
regulation's provisions only, over the site's own vocabulary; Python and node (search.js) agree."""

from __future__ import annotations

import dataclasses
import json
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

from generator import search
from generator.errors import Problem

NODE = "/usr/bin/node"
RUNNER = ROOT / "tests/js/run_search.js"


def node_agrees(tmp_path: Path, d: dict, queries: list[str], text: str, marked: tuple | list) -> dict:
    """Runs node's engine on index data `d`: the queries (5 hits each) and the marks of `text` for
    each of `marked`; asserts both are Python's and returns node's output."""
    index = tmp_path / "index.js"
    index.write_text(search.index_script(d), encoding="utf-8")
    cases = [{"query": q, "limit": 5} for q in queries]
    marks = [{"text": text, "query": q} for q in marked]
    vectors = tmp_path / "vectors.json"
    vectors.write_text(json.dumps({"queries": cases, "marks": marks}, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(
        [NODE, str(RUNNER), str(index), str(vectors)], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    engine = search.Engine(d)
    assert out["queries"] == [engine.query(q, 5) for q in queries]
    assert out["marks"] == [[list(s) for s in search.marks(text, engine.variants(m))] for m in marked]
    return out


LAW_FILE = "content/laws/xzcf/search_synonyms.yaml"
HOME = "synonyms:\n- {text: 赔偿费用, words: [赔钱]}\nfillers: [吗, 什么]\n"


def with_files(project, tmp_path: Path, files: dict[str, str]):
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return dataclasses.replace(project, root=tmp_path)


def test_a_regulations_vocabulary_loads_beside_the_sites(shipped_project, tmp_path) -> None:
    law = "synonyms:\n- {text: 暂缓或者分期缴纳, words: [罚款交不起, 缓交]}\n- {text: 赔偿, words: [赔钱]}\n"
    project = with_files(shipped_project, tmp_path, {search.SYNONYMS: HOME, LAW_FILE: law})
    vocabulary, problems = search.load_vocabulary(project)
    assert problems == []
    assert vocabulary.synonyms == (search.Synonym("赔偿费用", ("赔钱",)),)
    # 赔钱 is in both files: allowed, the regulation's entry wins on its provisions.
    assert vocabulary.laws == (
        (
            "xzcf",
            (search.Synonym("暂缓或者分期缴纳", ("罚款交不起", "缓交")), search.Synonym("赔偿", ("赔钱",))),
        ),
    )


def test_bad_entries_of_a_regulations_vocabulary_are_located(shipped_project, tmp_path) -> None:
    law = (
        "synonyms:\n"
        "- {text: 暂缓或者分期缴纳, words: [缓交]}\n"
        "- {text: 诫免, words: [戒勉]}\n"
        '- {text: 听证, words: [缓交, 吗, "、", 什么]}\n'
        "fillers: [呢]\n"
    )
    project = with_files(shipped_project, tmp_path, {search.SYNONYMS: HOME, LAW_FILE: law})
    _, problems = search.load_vocabulary(project)
    assert problems == [
        # 诫免 is the regulation's wording, not 行政处罚法's.
        Problem(LAW_FILE, 3, "synonyms[1].text", "诫免 does not occur in the law text"),
        Problem(LAW_FILE, 4, "synonyms[2].words[0]", "缓交 is already listed in synonyms[0]"),
        Problem(
            LAW_FILE,
            4,
            "synonyms[2].words[1]",
            "吗 is already listed in fillers of content/search_synonyms.yaml",
        ),
        Problem(LAW_FILE, 4, "synonyms[2].words[2]", "no searchable character"),
        Problem(
            LAW_FILE,
            4,
            "synonyms[2].words[3]",
            "什么 is already listed in fillers of content/search_synonyms.yaml",
        ),
        Problem(LAW_FILE, 5, "fillers", "fillers are listed in content/search_synonyms.yaml only"),
    ]


@pytest.mark.parametrize(
    ("text", "line", "field", "message"),
    [
        ("synonyms:\n- {text: 听证}\n", 2, "synonyms[0].words", "missing required field"),
        ("synonyms: []\nextra: 1\n", 2, "extra", "unknown field"),
        ("synonyms:\n- {text: '', words: [开听证会]}\n", 2, "synonyms[0].text", None),
        ("[1, 2]\n", 1, "-", None),
    ],
)
def test_schema_errors_of_a_regulations_vocabulary_are_located(
    shipped_project, tmp_path, text, line, field, message
) -> None:
    project = with_files(shipped_project, tmp_path, {search.SYNONYMS: HOME, LAW_FILE: text})
    vocabulary, problems = search.load_vocabulary(project)
    assert [(p.path, p.line, p.field) for p in problems] == [(LAW_FILE, line, field)]
    if message is not None:
        assert problems[0].message == message
    assert vocabulary.laws == ()


def test_a_broken_yaml_file_is_located_not_raised(shipped_project, tmp_path) -> None:
    project = with_files(shipped_project, tmp_path, {search.SYNONYMS: HOME, LAW_FILE: "synonyms: [\n"})
    _, problems = search.load_vocabulary(project)
    assert [(p.path, p.line) for p in problems] == [(LAW_FILE, 2)]


# --- ranking -----------------------------------------------------------------------------------------

RECORDS = [
    {"id": "art_1", "kind": "law", "citation": "第一条", "caption": "", "text": "承担赔偿费用。", "url": "a"},
    {
        "id": "x:art_1",
        "kind": "law",
        "citation": "x1",
        "caption": "",
        "text": "支付赔偿金。",
        "url": "b",
        "reg": "x",
    },
    {
        "id": "y:art_1",
        "kind": "law",
        "citation": "y1",
        "caption": "",
        "text": "承担赔偿费用。",
        "url": "c",
        "reg": "y",
    },
    {
        "id": "z:art_1",
        "kind": "law",
        "citation": "z1",
        "caption": "",
        "text": "支付赔偿金。",
        "url": "d",
        "reg": "z",
    },
]


def data(vocabularies: dict) -> dict:
    return {
        "title": "t",
        "records": RECORDS,
        "synonyms": [["赔偿费用", "赔钱"]],
        "fillers": ["吗"],
        "regs": [],
        "vocabularies": vocabularies,
    }


EXACT = search.pack(3, 0, 0, 0, 0)


def test_each_provision_is_searched_with_its_regulations_vocabulary() -> None:
    engine = search.Engine(data({"x": [["赔偿金", "赔钱"]], "z": [["赔偿金", "赔钱"]]}))
    # The typed words for all; the site's rewrite; one rewrite shared by x and z.
    assert engine.keyed("赔钱吗") == [
        (["赔钱吗"], None),
        (["赔偿费用"], frozenset({""})),
        (["赔偿金"], frozenset({"x", "z"})),
    ]
    hits = {h["id"]: h["score"] for h in engine.query("赔钱吗")}
    # Every provision holds its own wording as an exact phrase: y has no vocabulary, so the site's.
    assert set(hits) == {"art_1", "x:art_1", "y:art_1", "z:art_1"}
    assert all(score >= EXACT for score in hits.values())


def test_the_sites_rewrite_does_not_reach_a_regulation_with_its_own_word() -> None:
    # x lists 赔钱 as 赔偿: the site's 赔偿费用 is not searched on x's provisions.
    engine = search.Engine(data({"x": [["赔偿", "赔钱"]]}))
    x = [h for h in engine.query("赔钱") if h["id"] == "x:art_1"]
    assert x and x[0]["score"] >= EXACT
    only_site = search.Engine(data({}))
    z = [h for h in only_site.query("赔钱") if h["id"] == "z:art_1"]
    # Without its own vocabulary 支付赔偿金 shares only 赔偿 with the site's rewrite: no exact phrase.
    assert z and z[0]["score"] < EXACT


HOSTILE = ["", "吗", "赔钱" * 100, "赔 钱", "赔偿金赔钱", "<b>赔钱</b>", "𠀀赔钱", "赔钱\u3000吗"]


def test_node_ranks_regulation_vocabularies_exactly_as_python(tmp_path) -> None:
    if not Path(NODE).exists():
        pytest.fail("node is missing: install Debian's nodejs (see README)")
    d = data({"x": [["赔偿金", "赔钱", "交不起"]], "z": [["赔偿", "赔钱"]]})
    node_agrees(
        tmp_path, d, ["赔钱吗", "赔钱", "交不起", "赔偿", *HOSTILE], "支付赔偿金。", ("赔钱", "交不起")
    )


# --- a word inside its own wording (复议 -> 行政复议) -----------------------------------------------

REVIEW = {
    "title": "t",
    "records": [
        {
            "id": "art_1",
            "kind": "law",
            "citation": "第一条",
            "caption": "",
            "text": "申请行政复议。",
            "url": "a",
        },
    ],
    "synonyms": [["行政复议", "复议"], ["赔偿金", "赔钱"]],
    "fillers": ["吗"],
    "regs": [],
    "vocabularies": {},
}


@pytest.mark.parametrize(
    ("typed", "rewritten"),
    [
        ("行政复议", "行政复议"),
        ("申请复议", "申请行政复议"),
        ("行政复议吗", "行政复议"),
        ("复议行政复议", "行政复议行政复议"),
        ("行政复复议", "行政复行政复议"),
        ("政复议", "政行政复议"),
        ("行政复议赔钱", "行政复议赔偿金"),
    ],
)
def test_a_word_standing_inside_its_own_wording_is_kept(typed: str, rewritten: str) -> None:
    # The rule 复议 -> 行政复议 leaves 复议 alone where the query already holds 行政复议 around it.
    assert search.Engine(REVIEW).variants(typed)[-1] == [rewritten]


def test_node_keeps_a_word_inside_its_own_wording_as_python(tmp_path) -> None:
    if not Path(NODE).exists():
        pytest.fail("node is missing: install Debian's nodejs (see README)")
    queries = ["行政复议", "申请复议", "复议行政复议", "行政复复议", "政复议", "行政复议赔钱", "行政 复议"]
    out = node_agrees(tmp_path, REVIEW, queries, "申请行政复议。行政行政复议", queries)
    # 行政复议 marks the wording, never a phantom 行政行政复议.
    assert out["marks"][0] == [[2, 6], [9, 13]]
