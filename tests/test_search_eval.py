"""generator/search_eval.py: measuring the ranking on a query file, and `search --eval`.

Fast tier: no browser, no site build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator import search_eval
from generator.cli import main
from generator.search import Engine, index_data

ROOT = Path(__file__).resolve().parent.parent
IDS = {"art_1", "art_6", "art_6__para_1", "art_6__para_2", "art_26", "art_26__para_1__point_4"}


@pytest.fixture(scope="module")
def engine(shipped_project):
    return Engine(index_data(shipped_project))


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "blind.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_queries_load_with_their_kind_and_record_ids(tmp_path) -> None:
    path = write(
        tmp_path,
        "queries:\n"
        "- {query: 一把手, expect: art_6__para_1, also: [art_1__para_1]}\n"
        "- {kind: concept, query: 酒后, expect: art_26__para_1__point_4}\n",
    )
    queries, problems = search_eval.load_queries(path, tmp_path, IDS)
    assert problems == []
    assert queries == [
        search_eval.Query("一把手", ("art_6__para_1", "art_1"), "held-out"),
        search_eval.Query("酒后", ("art_26__para_1__point_4",), "concept"),
    ]


def test_bad_queries_are_located(tmp_path) -> None:
    path = write(
        tmp_path,
        "queries:\n- {query: 一把手, expect: art_99}\n- {expect: art_6}\n- {query: 酒, expect: art_6, also: [x]}\n",
    )
    queries, problems = search_eval.load_queries(path, tmp_path, IDS)
    assert queries == []
    assert [str(p) for p in problems] == [
        "blind.yaml:2: queries[0].expect: art_99 is no provision of the index",
        "blind.yaml:3: queries[1].query: a query (text) is required",
        "blind.yaml:4: queries[2].also[0]: x is no provision of the index",
    ]
    _, problems = search_eval.load_queries(write(tmp_path, "queries: []\n"), tmp_path, IDS)
    assert [str(p) for p in problems] == ["blind.yaml:1: queries: a list of queries is required"]


def test_evaluate_counts_provision_and_article_hits() -> None:
    queries = [
        search_eval.Query("a", ("art_6__para_1",), "held-out"),
        search_eval.Query("b", ("art_6__para_1",), "held-out"),
        search_eval.Query("c", ("art_26",), "held-out"),
        search_eval.Query("d", ("art_1",), "concept"),
    ]
    ranked = {
        "a": ["art_6__para_1", "art_2"],  # top-1
        "b": ["art_2", "art_6"],  # the article, not the 款: an article hit only
        "c": ["art_2", "art_3", "art_26__para_1__point_4"],  # one inside it, third
        "d": ["art_2", "art_3", "art_4", "art_1"],  # fourth: a miss
    }
    tallies = search_eval.evaluate(ranked, queries)
    held = tallies["held-out"]
    assert (held.queries, held.top1, held.top3, held.article3, held.law1) == (3, 1, 2, 3, 3)
    assert held.misses == [("b", ("art_6__para_1",), ["art_2", "art_6"])]
    assert search_eval.report(tallies, misses=True) == [
        "held-out: 3 queries, top-1 1/3 (33%), top-3 2/3 (67%), top-3 by article 3/3 (100%), "
        "top-1 by law 3/3 (100%)",
        "  miss: b expects art_6__para_1; listed art_2, art_6",
        "concept: 1 queries, top-1 0/1 (0%), top-3 0/1 (0%), top-3 by article 0/1 (0%), "
        "top-1 by law 1/1 (100%)",
        "  miss: d expects art_1; listed art_2, art_3, art_4",
    ]


def test_law_figure_counts_the_first_hit_in_the_expected_regulation() -> None:
    queries = [
        search_eval.Query("a", ("xzcf:art_51",), "question"),  # its law first, another article
        search_eval.Query("b", ("xzcf:art_51",), "question"),  # the site's own first
        search_eval.Query("c", ("xzcf:art_51",), "question"),  # another law first
        search_eval.Query("d", ("art_6",), "question"),  # a further regulation before the site's own
        search_eval.Query("e", ("art_6", "xzxk:art_2"), "question"),  # either regulation answers
        search_eval.Query("f", ("art_6",), "question"),  # nothing listed
    ]
    ranked = {
        "a": ["xzcf:art_52", "xzcf:art_51"],
        "b": ["art_6", "xzcf:art_51"],
        "c": ["xzqz:art_51"],
        "d": ["xzcf:art_6", "art_6"],
        "e": ["xzxk:art_3"],
        "f": [],
    }
    tallies = search_eval.evaluate(ranked, queries)
    assert (tallies["national-question"].law1, tallies["question"].law1) == (1, 1)
    assert search_eval.report(tallies) == [
        "national-question: 3 queries, top-1 0/3 (0%), top-3 2/3 (67%), top-3 by article 2/3 (67%), "
        "top-1 by law 1/3 (33%)",
        "question: 3 queries, top-1 0/3 (0%), top-3 1/3 (33%), top-3 by article 1/3 (33%), top-1 by law 1/3 (33%)",
    ]


def test_figure_within_the_law_counts_the_first_hit_of_the_expected_regulations_own_scope() -> None:
    queries = [
        search_eval.Query("a", ("xzcf:art_51",), "question"),  # first in its law, another law first in 全部
        search_eval.Query("b", ("xzcf:art_51",), "question"),  # a sibling article first in its law
        search_eval.Query("c", ("xzcf:art_51__para_1",), "question"),  # the article, not the 款: a miss
        search_eval.Query("d", ("art_6",), "question"),  # one inside it first in 本规定
        search_eval.Query("e", ("art_6", "xzxk:art_2"), "question"),  # nothing listed in its scope
        search_eval.Query("f", ("xzcf:art_51",), "question"),  # second in its law: a miss
    ]
    ranked = {"a": ["xzqz:art_1"], "b": ["xzcf:art_52"], "c": [], "d": ["art_6"], "e": [], "f": []}
    own = {
        "a": ["xzcf:art_51"],
        "b": ["xzcf:art_52", "xzcf:art_51"],
        "c": ["xzcf:art_51"],
        "d": ["art_6__para_1"],
        "e": [],
        "f": ["xzcf:art_50", "xzcf:art_51"],
    }
    tallies = search_eval.evaluate(ranked, queries, own)
    assert (tallies["national-question"].own1, tallies["question"].own1) == (1, 1)
    assert search_eval.report(tallies)[0] == (
        "national-question: 4 queries, top-1 0/4 (0%), top-3 0/4 (0%), top-3 by article 0/4 (0%), "
        "top-1 by law 1/4 (25%), top-1 within its law 1/4 (25%)"
    )
    assert search_eval.as_json(tallies)["question"]["own_top1"] == 1
    # Not measured: no figure, and no key in the JSON.
    assert search_eval.evaluate(ranked, queries)["question"].own1 is None
    assert "own_top1" not in search_eval.as_json(search_eval.evaluate(ranked, queries))["question"]
    assert [search_eval.own_scope(q) for q in queries] == ["xzcf", "xzcf", "xzcf", "home", "home", "xzcf"]


def test_rank_own_searches_each_query_in_its_regulations_scope(shipped_project) -> None:
    from generator.search import engines_of

    engines = engines_of(shipped_project)
    queries = [
        search_eval.Query("当场罚款最多能罚多少", ("xzcf:art_51",), "question"),
        search_eval.Query("执法人员喝了酒还能出去检查吗", ("art_26__para_1__point_4",), "question"),
    ]
    own = search_eval.rank_own(engines, queries)
    assert {i.split(":")[0] for i in own["当场罚款最多能罚多少"]} == {"xzcf"}
    assert all(":" not in i for i in own["执法人员喝了酒还能出去检查吗"])
    assert all(len(v) == search_eval.TOP for v in own.values())


def test_rank_own_takes_a_query_already_ranked_in_its_own_scope(shipped_project) -> None:
    from generator.search import engines_of

    engines = engines_of(shipped_project)
    queries = [
        search_eval.Query("当场罚款最多能罚多少", ("xzcf:art_51",), "question"),
        search_eval.Query("执法人员喝了酒还能出去检查吗", ("art_26__para_1__point_4",), "question"),
    ]
    # Marked answers: the home query is taken from them, the xzcf one is ranked in xzcf.
    ranked = {q.query: ["from-rank"] for q in queries}
    own = search_eval.rank_own(engines, queries, ranked, "home")
    assert own["执法人员喝了酒还能出去检查吗"] == ["from-rank"]
    assert own == {**search_eval.rank_own(engines, queries), "执法人员喝了酒还能出去检查吗": ["from-rank"]}


def test_cli_measures_a_query_file(tmp_path, engine, capsys) -> None:
    path = write(tmp_path, "queries:\n- {query: 第二十六条第四项, expect: art_26__para_1__point_4}\n")
    assert main(["search", "--eval", str(path), "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got == {
        "held-out": {
            "queries": 1,
            "top1": 1,
            "top3": 1,
            "article_top3": 1,
            "law_top1": 1,
            "own_top1": 1,
            "misses": [],
        },
    }


def test_cli_eval_errors(tmp_path, capsys) -> None:
    path = write(tmp_path, "queries:\n- {query: 酒, expect: art_99}\n")
    assert main(["search", "--eval", str(path)]) == 1
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith("blind.yaml:2: queries[0].expect: art_99 is no provision of the index")
    )
    assert main(["search"]) == 1
    assert capsys.readouterr().err.strip() == "search: give a query or --eval FILE (not both)"
    assert main(["search", "酒", "--eval", str(path)]) == 1
