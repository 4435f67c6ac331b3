"""generator/search.py: the index from the model, the reference ranking, the shared vectors under
Python and under node (search.js), the synonyms file, the query set and `python -m generator search`.

Fast tier: no browser, no site build."""

from __future__ import annotations

import dataclasses
import json
import math
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import CONTENT_ROOT, ROOT

from generator import search
from generator.cli import main
from generator.errors import Problem
from generator.validate import schema

RUNNER = ROOT / "tests" / "js" / "run_search.js"
NODE = shutil.which("node") or "/usr/bin/node"


def vectors() -> dict:
    return yaml.safe_load((ROOT / "tests/vectors/search.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def project(shipped_project):
    return shipped_project


@pytest.fixture(scope="module")
def data(project):
    return search.index_data(project)


@pytest.fixture(scope="module")
def engine(data):
    return search.Engine(data)


# --- index -----------------------------------------------------------------------------------------


def test_index_has_one_record_per_article_paragraph_and_point(project, data) -> None:
    law = [r for r in data["records"] if r["kind"] == "law"]
    sole = {
        p.key
        for p in project.index.values()
        if p.paragraph and not p.point and len(p.article.paragraphs) == 1
    }
    assert [r["id"] for r in law] == [pid for pid in project.index if pid not in sole and ":" not in pid]
    point = next(r for r in law if r["id"] == "art_26__para_1__point_3")
    assert point == {
        "id": "art_26__para_1__point_3",
        "kind": "law",
        "citation": "第二十六条第（三）项",
        "caption": "执法人员的行为规范",
        "chapter": "第三章 行政执法人员",
        "text": "（三）二人以上执法，主动向行政相对人出示行政执法证件；",
        "url": "articles/art-26.html#art_26__para_1__point_3",
    }
    assert next(r for r in law if r["id"] == "art_25__para_2")["citation"] == "第二十五条第二款"
    assert all("<" not in r["text"] for r in law)  # from the model, never scraped HTML


def test_index_has_reading_aids_below_the_law(data) -> None:
    kinds = [r["kind"] for r in data["records"]]
    assert kinds == sorted(kinds, key=lambda k: k != "law")
    ids = {r["id"] for r in data["records"] if r["kind"] == "aid"}
    assert {"topic:certificates", "term:enforcement_certificate", "quiz:index", "scheme:calculator"} <= ids
    assert any(i.startswith("role:") for i in ids) and any(i.startswith("checklist:") for i in ids)


def test_index_script_is_stable_and_hands_the_index_to_the_page(project, data) -> None:
    script = search.exports(project)[search.INDEX_JS]
    assert script.startswith("window.kbSearch&&window.kbSearch.receive({")
    assert script == search.index_script(search.index_data(project))
    shipped = json.loads(script.removeprefix("window.kbSearch&&window.kbSearch.receive(")[:-3])
    assert shipped == search.pack_index(data) and search.unpack_index(shipped) == data


# --- ranking ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("26", "art_26"),
        ("二十六", "art_26"),
        ("第二十六条", "art_26"),
        ("第26条", "art_26"),
        ("26条", "art_26"),
        ("第二十六条第三项", "art_26__para_1__point_3"),
        ("第二十六条第（三）项", "art_26__para_1__point_3"),
        ("第25条第2款", "art_25__para_2"),
        ("26.3", "art_26__para_1__point_3"),
        ("28.3", "art_28__para_3"),
        ("28.1", "art_28__para_1"),
        ("第三十二条第一款", "art_32"),
        ("第２６条", "art_26"),
        ("第 26 条", "art_26"),
        ("99", None),
        ("0", None),
        ("第二十六条第九项", None),
        ("第28条第9款", None),
        ("二六", None),
        ("执法证", None),
        ("", None),
    ],
)
def test_citations(engine, raw, expected) -> None:
    assert engine.citation(raw) == expected


RECORD_IDS = {"art_1", "art_6", "art_6__para_1", "art_6__para_2", "art_26", "art_26__para_1__point_4"}


@pytest.mark.parametrize(
    ("pid", "expected"),
    [
        ("art_6__para_1", "art_6__para_1"),
        ("art_1__para_1", "art_1"),  # the article's only 款 is the article's record
        ("art_26__para_1__point_4", "art_26__para_1__point_4"),
        ("art_6__para_3", None),
        ("art_99", None),
    ],
)
def test_record_id(pid, expected) -> None:
    assert search.record_id(pid, RECORD_IDS) == expected


def test_fold_keeps_positions() -> None:
    assert search.fold("第２６条，两人 〇") == ("第26条二人零", [0, 1, 2, 3, 5, 6, 8])
    assert search.fold("ＡＢｃ（）") == ("abc", [0, 1, 2])


@pytest.mark.parametrize(
    "text",
    [
        "",
        "第２６条，两人 〇",
        "ＡＢｃ（）",
        "İK\u212a",
        "\u3000\t\n，。、",
        "𠀀𠀁处罚法５５",
        "<script>&amp;</script>",
    ],
)
def test_folded_is_the_text_fold_gives(text) -> None:
    assert search.folded(text) == search.fold(text)[0] == "".join(search.fold_char(c) for c in text)


def test_exact_phrase_ranks_above_everything_without_it(engine) -> None:
    hits = engine.query("行政复议", 20)
    law = [h for h in hits if h["kind"] == "law"]
    containing = [h for h in law if "行政复议" in h["snippet"]]
    assert law[: len(containing)] == containing
    assert law[0]["id"] == "art_19"  # caption and text about it, before 第二十九条第（五）项
    aids = [h for h in hits if h["kind"] == "aid"]
    assert hits == law + aids


def test_a_provision_is_left_out_below_one_inside_it(engine) -> None:
    ids = [h["id"] for h in engine.query("酒后执法", 10)]
    assert ids[0] == "art_26__para_1__point_4" and "art_26" not in ids


def test_single_characters_list_only_when_nothing_shares_a_pair(engine) -> None:
    # 扣钱 shares no word and no pair with the text: its one character that occurs, 扣 of 暂扣, finds
    # the provision on taking away a certificate.
    assert [h["id"] for h in engine.query("扣钱", 5) if h["kind"] == "law"] == ["art_36__para_1__point_3"]
    # 执法酒 shares the pair 执法 with many provisions: those are listed, and single characters add
    # none (every hit holds the pair).
    assert all(
        "执法" in search.fold(h["snippet"])[0] for h in engine.query("执法酒", 10) if h["kind"] == "law"
    )
    # No character of the query occurs in the text: nothing is listed.
    assert engine.query("嗯哦呢", 5) == []


# --- headings: the regulation's name and the article's own caption count in the fuzzy score --------


def tiny(records: list[dict], name: str = "甲规定") -> dict:
    """An index of `records` in one regulation `name`d, with no vocabulary."""
    return {
        "title": "t",
        "records": records,
        "synonyms": [],
        "fillers": [],
        "regs": [{"slug": "", "name": name, "names": [name]}],
    }


def rec(rid: str, text: str, caption: str) -> dict:
    return {
        "id": rid,
        "kind": "law",
        "citation": rid,
        "caption": caption,
        "chapter": "第一章 总则",
        "text": text,
        "url": f"#{rid}",
    }


def test_a_heading_is_the_regulations_name_and_the_articles_own_caption() -> None:
    assert search.heading(rec("art_1", "x", "甲规定"), "甲规定") == "甲规定"
    assert search.heading(rec("art_1", "x", "《听证》的 程序"), "甲规定") == "甲规定\n听证的程序"
    assert search.heading(rec("art_1", "x", "听证"), "") == "听证"
    assert search.heading(rec("art_1", "x", ""), "") == ""


def test_a_heading_adds_to_the_score_and_lists_no_provision() -> None:
    same = "当事人可以要求举行会议"
    # art_4 holds 听证 in its text: a gram of no article's text counts nothing.
    other = rec("art_4", "听证另行规定", "丁")
    records = [
        rec("art_1", same, "会场"),
        rec("art_2", same, "听证"),
        rec("art_3", "无关的内容", "听证"),
        other,
    ]
    ids = [h["id"] for h in search.Engine(tiny(records)).query("听证会议", 5)]
    # art_2's caption holds 听证: it ranks above art_1 (document order would put art_1 first);
    # art_3 shares 听证 with the query in its caption only, and is not listed.
    assert ids == ["art_2", "art_4", "art_1"]
    # The regulation's name counts alike: it raises every provision of the regulation.
    named = [rec("art_1", same, "乙"), other]
    with_name = search.Engine(tiny(named, "听证规定")).query("听证会议", 5)
    without = search.Engine(tiny(named, "乙规定")).query("听证会议", 5)
    assert [h["id"] for h in without] == ["art_4", "art_1"]
    # With the name, art_1 holds 听证 (heading) and 会议 (text) and ranks above art_4.
    assert [h["id"] for h in with_name] == ["art_1", "art_4"]


# Names and captions a regulation's data may hold: empty, a character outside the BMP, punctuation
# only, the separator inside, the caption equal to the name, a caption repeating the query.
HOSTILE_HEADINGS = [
    ("", "听证"),
    ("𠀀听证规定", "𠀀"),
    ("甲规定", "《》（）"),
    ("甲规定", "听\n证\n"),
    ("听证法", "听证法"),
    ("甲规定", "听证听证听证会议会议"),
]


def test_node_scores_headings_exactly_as_python(tmp_path) -> None:
    if not Path(NODE).exists():
        pytest.fail("node is missing: install Debian's nodejs (see README)")
    queries = ["听证", "听证会议", "𠀀听", "证会", "规定", "要求听证"]
    for k, (name, caption) in enumerate(HOSTILE_HEADINGS):
        records = [rec("art_1", "当事人可以要求举行会议", caption), rec("art_2", "当事人可以要求听证", "乙")]
        data = tiny(records, name)
        index_file = tmp_path / f"index-{k}.js"
        index_file.write_text(search.index_script(data), encoding="utf-8")
        cases = {"queries": [{"query": q, "limit": 5} for q in queries], "marks": []}
        queries_file = tmp_path / f"vectors-{k}.json"
        queries_file.write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
        engine = search.Engine(data)
        assert run_node(index_file, queries_file)["queries"] == [engine.query(q, 5) for q in queries], (
            name,
            caption,
        )


# --- the prior of a regulation: how much more typical the typed words are of it ---------------------


def law_rec(reg: str, rid: str, text: str) -> dict:
    return {**rec(f"{reg}:{rid}", text, f"{reg}法"), "reg": reg}


def library(records: list[dict]) -> dict:
    """An index of two regulations, jia (three articles, each about 复议) and yi (four), with one
    vocabulary entry (复核 is searched as 复议)."""
    return {
        "title": "t",
        "records": records,
        "synonyms": [["复议", "复核"]],
        "fillers": ["多久"],
        "regs": [{"slug": s, "name": f"{s}法", "names": [f"{s}法"]} for s in ("jia", "yi")],
    }


LIBRARY = [
    law_rec("jia", "art_1", "申请人对决定不服的，可以申请复议，复议机关应当受理"),
    law_rec("jia", "art_2", "复议机关审理案件，应当听取申请人的意见"),
    law_rec("jia", "art_3", "复议决定书一经送达即发生法律效力"),
    law_rec("yi", "art_1", "复议另行规定"),
    law_rec("yi", "art_2", "行政机关依法办事"),
    law_rec("yi", "art_3", "当事人可以陈述"),
    law_rec("yi", "art_4", "本法自公布之日起施行"),
]


def test_a_regulations_prior_is_how_much_more_typical_the_typed_bigrams_are_of_it() -> None:
    engine = search.Engine(library(LIBRARY))
    plan = engine.plans("复议期限")[0][1]
    # 复议 is held by all 3 articles of jia and 1 of yi's 4: 4 of 7; 议期 and 期限 by none.
    assert engine.prior(plan) == {"jia": engine.rarity("复议") * (3 / 3 - 4 / 7), "yi": 0.0}
    # A bigram every regulation holds as often as the index does is no evidence for either.
    even = [law_rec("jia", "art_1", "复议"), law_rec("yi", "art_1", "复议"), law_rec("yi", "art_2", "复议")]
    assert search.Engine(library(even)).prior(plan) == {"jia": 0.0, "yi": 0.0}


def test_the_prior_ranks_the_regulation_the_typed_words_belong_to_first() -> None:
    engine = search.Engine(library(LIBRARY))
    plan = engine.plans("复议期限")[0][1]
    fuzzy = {r["id"]: engine.fuzzy(plan, engine.folded[i], engine.headings[i]) for i, r in enumerate(LIBRARY)}
    # On BM25 alone yi's short article ranks above jia's first one; jia's prior lifts it above.
    assert fuzzy["yi:art_1"] > fuzzy["jia:art_1"]
    hits = engine.query("复议期限", 5)
    assert [h["id"] for h in hits] == ["jia:art_1", "yi:art_1", "jia:art_3", "jia:art_2"]
    prior = engine.prior(plan)["jia"]
    assert hits[0]["score"] == math.floor((fuzzy["jia:art_1"] + prior) * 1000 + 0.5)
    assert hits[1]["score"] == math.floor(fuzzy["yi:art_1"] * 1000 + 0.5)
    # Limited to one regulation there is nothing to rank it against: no prior.
    alone = engine.query("复议期限", 1, only="jia")
    assert alone == [{**hits[0], "score": math.floor(fuzzy["jia:art_1"] * 1000 + 0.5)}]


def test_the_prior_counts_the_typed_words_not_a_rewrite() -> None:
    # 复核 is searched as 复议 (the vocabulary): the same provisions match, but no regulation is
    # more typical of 复核, so no prior reorders them: yi's shorter article stays first.
    engine = search.Engine(library(LIBRARY))
    assert engine.prior(engine.plans("复核期限")[0][1]) == {"jia": 0.0, "yi": 0.0}
    assert [h["id"] for h in engine.query("复核期限", 2)] == ["yi:art_1", "jia:art_1"]


def test_one_regulation_has_no_prior(engine) -> None:
    # 本规定 alone (and any one regulation): every share is the index's, so no query moves.
    doc = yaml.safe_load((CONTENT_ROOT / search.QUERIES).read_text(encoding="utf-8"))
    for entry in doc["queries"][::8]:
        for _, plan, _ in engine.plans(entry["query"]):
            assert set(engine.prior(plan).values()) <= {0.0}, entry["query"]


# Indexes and queries the prior must survive alike in Python and node: one regulation of one
# article, a regulation holding no query gram, 款 records (they are not articles), characters
# outside the BMP, a bigram every article holds; queries empty, of fillers only, repeated, astral.
HOSTILE_LIBRARIES = [
    LIBRARY,
    [law_rec("jia", "art_1", "复议"), *LIBRARY[3:]],
    [law_rec("jia", "art_1", "无关"), law_rec("yi", "art_1", "复议期限"), law_rec("yi", "art_2", "复议")],
    [*LIBRARY[:1], law_rec("jia", "art_1__para_1", "复议复议复议"), *LIBRARY[1:]],
    [law_rec("jia", "art_1", "𠀀𠀁复议"), law_rec("yi", "art_1", "𠀀𠀁"), law_rec("yi", "art_2", "𠀁𠀀")],
    [law_rec("jia", "art_1", "复议复议"), law_rec("yi", "art_1", "复议复议")],
]
HOSTILE_PRIOR_QUERIES = ["", "多久", "复议期限", "复核期限", "𠀀𠀁复议", "复议" * 50, "议议议", "复 议 期限"]


def test_node_gives_the_priors_rankings_exactly_as_python(tmp_path) -> None:
    if not Path(NODE).exists():
        pytest.fail("node is missing: install Debian's nodejs (see README)")
    for k, records in enumerate(HOSTILE_LIBRARIES):
        data = library(records)
        index_file = tmp_path / f"index-{k}.js"
        index_file.write_text(search.index_script(data), encoding="utf-8")
        cases = {"queries": [{"query": q, "limit": 5} for q in HOSTILE_PRIOR_QUERIES], "marks": []}
        queries_file = tmp_path / f"vectors-{k}.json"
        queries_file.write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
        engine = search.Engine(data)
        expected = [engine.query(q, 5) for q in HOSTILE_PRIOR_QUERIES]
        assert run_node(index_file, queries_file)["queries"] == expected, k


def test_limit_caps_provisions_and_aids(engine) -> None:
    hits = engine.query("执法", 3)
    assert [h["kind"] for h in hits] == ["law"] * 3 + ["aid"] * 3


def test_python_gives_the_shared_vectors(engine) -> None:
    v = vectors()
    assert len(v["queries"]) >= 25
    for case in v["queries"]:
        assert [h["id"] for h in engine.query(case["query"], case["limit"])] == case["expect"], case["query"]
    for case in v["marks"]:
        got = [list(s) for s in search.marks(case["text"], engine.variants(case["query"]))]
        assert got == case["expect"], case["query"]


def run_node(index_file: Path, queries_file: Path) -> dict:
    """What tests/js's search runner prints for the index script and the query file."""
    done = subprocess.run(
        [NODE, str(RUNNER), str(index_file), str(queries_file)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def node_ranks_as_python(tmp_path: Path, project, engine, every: int) -> None:
    if not Path(NODE).exists():
        pytest.fail("node is missing: install Debian's nodejs (see README)")
    v = vectors()
    # The query set too (every `every`-th query): node must agree on every hit, score and snippet,
    # not just the ids.
    listed = yaml.safe_load((CONTENT_ROOT / search.QUERIES).read_text(encoding="utf-8"))["queries"]
    v["queries"] += [{"query": q["query"], "limit": 10} for q in listed[::every]]
    index_file = tmp_path / "search-index.js"
    index_file.write_text(search.exports(project)[search.INDEX_JS], encoding="utf-8")
    queries_file = tmp_path / "vectors.json"
    queries_file.write_text(json.dumps(v, ensure_ascii=False), encoding="utf-8")
    out = run_node(index_file, queries_file)
    # Without the laws' index, a query naming a further regulation is the site's own query.
    engines = {"home": engine}
    assert out["queries"] == [search.scoped_query(engines, c["query"], c["limit"]) for c in v["queries"]]
    assert out["marks"] == [c["expect"] for c in v["marks"]]


@pytest.mark.slow
def test_node_ranks_exactly_as_python(tmp_path, project, engine) -> None:
    """The shared vectors and the whole query file (about 4 s)."""
    node_ranks_as_python(tmp_path, project, engine, 1)


def test_node_ranks_the_vectors_and_a_share_of_the_queries_as_python(tmp_path, project, engine) -> None:
    """The fast tier's representative: the shared vectors and every eighth query of the file."""
    node_ranks_as_python(tmp_path, project, engine, 8)


# --- synonyms --------------------------------------------------------------------------------------


def write_synonyms(project, tmp_path: Path, text: str):
    (tmp_path / "content").mkdir()
    (tmp_path / "content/search_synonyms.yaml").write_text(text, encoding="utf-8")
    return dataclasses.replace(project, root=tmp_path)


def test_vocabulary_of_the_repository_loads(project) -> None:
    vocabulary, problems = search.load_vocabulary(project)
    assert problems == []
    first = vocabulary.synonyms[0]
    assert first.text == "诫免" and first.words[:2] == ("诫勉", "提醒谈话")
    assert {"吗", "什么", "能不能"} <= set(vocabulary.fillers)


def test_bad_synonyms_are_located(project, tmp_path) -> None:
    bad = write_synonyms(
        project,
        tmp_path,
        "synonyms:\n"
        "- {text: 诫免, words: [诫勉]}\n"
        "- {text: 飞机, words: [航班]}\n"
        "- {text: 行政复议, words: [诫勉, '，']}\n",
    )
    assert search.load_vocabulary(bad)[1] == [
        Problem("content/search_synonyms.yaml", 3, "synonyms[1].text", "飞机 does not occur in the law text"),
        Problem(
            "content/search_synonyms.yaml", 4, "synonyms[2].words[0]", "诫勉 is already listed in synonyms[0]"
        ),
        Problem("content/search_synonyms.yaml", 4, "synonyms[2].words[1]", "no searchable character"),
    ]


def test_synonyms_schema_errors_are_located(project, tmp_path) -> None:
    bad = write_synonyms(project, tmp_path, "synonyms:\n- {text: 诫免}\n")
    assert search.load_vocabulary(bad)[1] == [
        Problem("content/search_synonyms.yaml", 2, "synonyms[0].words", "missing required field")
    ]


def test_a_word_is_a_synonym_or_a_filler_once(project, tmp_path) -> None:
    bad = write_synonyms(
        project,
        tmp_path,
        "synonyms:\n- {text: 诫免, words: [诫勉]}\nfillers: [吗, 诫勉, 吗, '？']\n",
    )
    assert search.load_vocabulary(bad)[1] == [
        Problem("content/search_synonyms.yaml", 3, "fillers[1]", "诫勉 is already listed in synonyms[0]"),
        Problem("content/search_synonyms.yaml", 3, "fillers[2]", "吗 is already listed in fillers"),
        Problem("content/search_synonyms.yaml", 3, "fillers[3]", "no searchable character"),
    ]


def test_fillers_are_no_evidence_but_an_exact_phrase_keeps_them(engine) -> None:
    assert engine.variants("执法人员的条件吗") == [["执法人员的条件吗"], ["执法人员条件"]]
    assert engine.variants("一把手的") == [["一把手的"], ["主要负责人"]]  # kept whole, then replaced
    assert engine.variants("什么") == [["什么"]]  # a query of fillers only is searched as typed
    plan = engine.plans("私下的分")[0][1]
    assert plan.bigrams == ("私下", "下分") and plan.skips == ("私分",)
    # 的 is in the law text: dropped from the fuzzy score, but a phrase holding it still matches.
    assert engine.query("违法搜查他人的身体", 1)[0]["id"] == "art_27__para_1__point_4"


# --- the query set ---------------------------------------------------------------------------------


def test_query_set_is_large_valid_and_resolvable(project) -> None:
    doc = yaml.safe_load((CONTENT_ROOT / search.QUERIES).read_text(encoding="utf-8"))
    jsonschema.validate(doc, schema("search_queries"))
    queries = doc["queries"]
    assert len(queries) >= 150
    assert len({q["query"] for q in queries}) == len(queries)
    assert {q["kind"] for q in queries} == {"citation", "verbatim", "concept", "question", "paraphrase"}
    assert sum(q["kind"] == "paraphrase" for q in queries) >= 40
    # Each expected id is a record of the index as written (an article's only 款 is the article:
    # art_1, not art_1__para_1, which no hit can ever be).
    records = {r["id"] for r in search.law_records(project) + search.law_records(project, laws=True)}
    for q in queries:
        assert q["expect"] in records and set(q.get("also", [])) <= records, q
        if q["kind"] == "verbatim":
            assert q["query"] in project.index[q["expect"]].text, q


def test_every_entry_of_the_query_file_is_counted_once_and_no_comment_is() -> None:
    """The figures per kind are over what YAML reads; this holds them to the file as a reader counts
    it: one `- {kind: ...}` line per query, and no comment line that reads like a field (the set
    was announced as 217 queries because a count of lines holding `kind:` also took the header
    comment `# kind: citation | ... | concept | question`; YAML always read 216)."""
    text = (CONTENT_ROOT / search.QUERIES).read_text(encoding="utf-8")
    lines = text.splitlines()
    entries = [line for line in lines if line.startswith("- ")]
    listed = Counter(re.match(r"- \{kind: (\w+),", line).group(1) for line in entries)
    queries = yaml.safe_load(text)["queries"]
    assert len(queries) == len(entries) == sum(1 for line in lines if "kind:" in line)
    assert Counter(q["kind"] for q in queries) == listed
    assert not [line for line in lines if line.lstrip().startswith("#") and "kind:" in line]


# --- command line ----------------------------------------------------------------------------------


def test_cli_prints_the_page_order(engine, capsys) -> None:
    assert main(["search", "执法证", "--json", "--limit", "4"]) == 0
    assert json.loads(capsys.readouterr().out) == engine.query("执法证", 4)
    assert main(["search", "第二十六条第三项", "--limit", "1"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == " 1. 第二十六条第（三）项  articles/art-26.html#art_26__para_1__point_3"
    assert out[1] == "    （三）二人以上执法，主动向行政相对人出示行政执法证件；"


def test_cli_says_when_nothing_is_found_and_refuses_a_bad_limit(capsys) -> None:
    assert main(["search", "xyz"]) == 0
    assert capsys.readouterr().out == "没有找到相关规定\n"
    assert main(["search", "执法", "--limit", "0"]) == 1
    assert capsys.readouterr().err == "--limit: must be at least 1\n"


def test_the_further_regulations_have_their_own_index(project) -> None:
    # Issue 17: one record per 条/款/项 of every regulation under content/laws/, keyed slug:id,
    # cited with its title; the site's own index is unchanged by them.
    laws = search.laws_index_data(project)
    assert laws["title"] == "相关法律法规"
    ids = [r["id"] for r in laws["records"]]
    assert all(":" in i for i in ids) and len(ids) == len(set(ids))
    sole = {
        p.key
        for p in project.index.values()
        if p.paragraph and not p.point and len(p.article.paragraphs) == 1
    }
    assert ids == [k for k in project.index if ":" in k and k not in sole]
    rec = next(r for r in laws["records"] if r["id"] == "xzcf:art_9__para_1__point_2")
    assert rec == {
        "id": "xzcf:art_9__para_1__point_2",
        "kind": "law",
        "citation": "《中华人民共和国行政处罚法》第九条第（二）项",
        "caption": "行政处罚法",
        "chapter": "第二章 行政处罚的种类和设定",
        "text": "（二）罚款、没收违法所得、没收非法财物；",
        "url": "laws/xzcf/articles/art-09.html#art_9__para_1__point_2",
        "reg": "xzcf",
    }
    assert all(":" not in r["id"] for r in search.index_data(project)["records"] if r["kind"] == "law")


def test_search_command_takes_a_scope() -> None:
    import json
    import subprocess
    import sys

    from conftest import CONTENT_ROOT, run_cli

    def first(*args: str) -> str:
        done = run_cli("--root", str(CONTENT_ROOT), "search", "没收违法所得", "--json", "--limit", "1", *args)
        assert (done.returncode, done.stderr) == (0, ""), done.stderr
        return json.loads(done.stdout)[0]["id"]

    # The one `search` run in its own process, as a user runs it.
    smoke = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(CONTENT_ROOT), "search", "没收违法所得", "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert json.loads(smoke.stdout)[0]["id"] == first()
    assert first("--scope", "laws") == "xzcf:art_9__para_1__point_2"
    assert first("--scope", "all") == "xzcf:art_9__para_1__point_2"
    assert ":" not in first()
