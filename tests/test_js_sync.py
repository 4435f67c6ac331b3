"""The browser's rules for several tabs and for the exam clock (kb.js, window.kb.sync) under node.

Fast tier: no browser. Each case is (name, rule, arguments, expected result); the runner
(tests/js/run_sync.js) evaluates kb.js itself, so these are the rules the pages run.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import NODE, node_json

ROOT = Path(__file__).resolve().parent.parent
RUNNER = "run_sync.js"

HOUR = 3600 * 1000


def checklist(current=None, current_t=None, deleted=None, **assessments):
    record: dict = {"format": 1, "assessments": assessments}
    if current is not None:
        record["current"] = current
    if current_t is not None:
        record["currentT"] = current_t
    if deleted is not None:
        record["deleted"] = deleted
    return record


def assessment(t, **answers):
    return {"name": "2026年度自查", "checklist": "agency", "version": "v1", "t": t, "answers": answers}


def merged(answers, t=1, **extra):
    return {
        "name": "2026年度自查",
        "checklist": "agency",
        "version": "v1",
        "t": t,
        "answers": answers,
        **extra,
    }


# (name, rule, args, expected)
CASES = [
    # --- answers of two tabs merge per item ------------------------------------------------------
    (
        "two tabs, different items: both kept",
        "mergeCollections",
        [
            checklist(a=assessment(1, i1={"status": "yes", "t": 10})),
            checklist(a=assessment(1, i2={"status": "no", "t": 11})),
            "assessments",
        ],
        {
            "format": 1,
            "assessments": {"a": merged({"i1": {"status": "yes", "t": 10}, "i2": {"status": "no", "t": 11}})},
        },
    ),
    (
        "two tabs, the same item: the later answer is kept, whichever side it is on",
        "mergeCollections",
        [
            checklist(a=assessment(1, i1={"status": "no", "t": 20})),
            checklist(a=assessment(1, i1={"status": "yes", "t": 10})),
            "assessments",
        ],
        {"format": 1, "assessments": {"a": merged({"i1": {"status": "no", "t": 20}})}},
    ),
    (
        "a cleared answer (only its time) wins over the older choice it cleared",
        "mergeCollections",
        [
            checklist(a=assessment(1, i1={"status": "yes", "t": 10})),
            checklist(a=assessment(1, i1={"t": 12})),
            "assessments",
        ],
        {"format": 1, "assessments": {"a": merged({"i1": {"t": 12}})}},
    ),
    (
        "equal times: both orders pick the same answer",
        "mergeEntries",
        [{"i": {"status": "yes", "t": 5}}, {"i": {"status": "no", "t": 5}}],
        {"i": {"status": "yes", "t": 5}},
    ),
    (
        "equal times, the other order",
        "mergeEntries",
        [{"i": {"status": "no", "t": 5}}, {"i": {"status": "yes", "t": 5}}],
        {"i": {"status": "yes", "t": 5}},
    ),
    (
        "records of earlier releases have no times: a timed answer wins",
        "mergeEntries",
        [{"i": {"status": "yes"}}, {"i": {"status": "no", "t": 1}}],
        {"i": {"status": "no", "t": 1}},
    ),
    (
        "a time that is not a number counts as 0",
        "mergeEntries",
        [{"i": {"status": "yes", "t": "9999999999999"}}, {"i": {"status": "no", "t": 1}}],
        {"i": {"status": "no", "t": 1}},
    ),
    (
        "stored maps of the wrong type are empty",
        "mergeEntries",
        [["not", "a", "map"], {"i": {"status": "no", "t": 1}}],
        {"i": {"status": "no", "t": 1}},
    ),
    (
        "the name changed in one tab, an answer in the other: both kept",
        "mergeCollections",
        [
            checklist(a={**assessment(9), "name": "改名"}),
            checklist(a=assessment(1, i1={"status": "na", "t": 10})),
            "assessments",
        ],
        {
            "format": 1,
            "assessments": {"a": {**merged({"i1": {"status": "na", "t": 10}}, t=9), "name": "改名"}},
        },
    ),
    (
        "a new assessment in one tab does not move the other's answers: both assessments kept",
        "mergeCollections",
        [
            checklist(current="b", current_t=30, a=assessment(1), b=assessment(30)),
            checklist(current="a", current_t=2, a=assessment(1, i1={"status": "yes", "t": 31})),
            "assessments",
        ],
        {
            "format": 1,
            "current": "b",
            "currentT": 30,
            "assessments": {"a": merged({"i1": {"status": "yes", "t": 31}}), "b": merged({}, t=30)},
        },
    ),
    (
        "a deletion wins over everything written before it",
        "mergeCollections",
        [
            checklist(deleted={"a": 50}),
            checklist(a=assessment(1, i1={"status": "yes", "t": 40})),
            "assessments",
        ],
        {"format": 1, "assessments": {}, "deleted": {"a": 50}},
    ),
    (
        "an answer written after a deletion keeps the assessment",
        "mergeCollections",
        [
            checklist(deleted={"a": 50}),
            checklist(a=assessment(1, i1={"status": "yes", "t": 60})),
            "assessments",
        ],
        {"format": 1, "assessments": {"a": merged({"i1": {"status": "yes", "t": 60}})}, "deleted": {"a": 50}},
    ),
    (
        "deletion times that are not numbers are dropped",
        "mergeCollections",
        [checklist(deleted={"a": "soon", "b": None}), checklist(a=assessment(1)), "assessments"],
        {"format": 1, "assessments": {"a": merged({})}},
    ),
    (
        "an assessment stored as a string is dropped, the other side's kept",
        "mergeCollections",
        [checklist(a="garbage"), checklist(a=assessment(3)), "assessments"],
        {"format": 1, "assessments": {"a": merged({}, t=3)}},
    ),
    (
        "merging with nothing stored (null) keeps this tab's record",
        "mergeCollections",
        [None, checklist(current="a", current_t=4, a=assessment(4)), "assessments"],
        {"current": "a", "currentT": 4, "format": 1, "assessments": {"a": merged({}, t=4)}},
    ),
    # --- exam clock -------------------------------------------------------------------------------
    ("time left at the start", "timeLeft", [1800, 0], 1800),
    ("time left after 61.9 s", "timeLeft", [1800, 61900], 1739),
    ("time left never below 0", "timeLeft", [1800, 5 * HOUR], 0),
    (
        "a negative time used (clock set back) never gives more than the limit",
        "timeLeft",
        [1800, -HOUR],
        1800,
    ),
    ("a used time that is not a number counts as 0", "timeLeft", [1800, "NaN"], 1800),
    ("a limit that is not a number leaves no time", "timeLeft", [None, 0], 0),
    (
        "on the page: the monotonic clock counts",
        "timeUsed",
        [{"used": 1000, "saved": 5000}, 9_000_000, 500],
        1500,
    ),
    (
        "on the page, the wall clock set back an hour: still the monotonic count",
        "timeUsed",
        [{"used": 1000, "saved": 5 * HOUR}, 4 * HOUR, 1000],
        2000,
    ),
    (
        "closed: the wall clock since the last save counts",
        "timeUsed",
        [{"used": 1000, "saved": 5000}, 65000, None],
        61000,
    ),
    (
        "closed, the clock set back an hour meanwhile: nothing is counted, nothing given back",
        "timeUsed",
        [{"used": 60000, "saved": 5 * HOUR}, 4 * HOUR, None],
        60000,
    ),
    (
        "a stored used time of the wrong type starts at 0",
        "timeUsed",
        [{"used": "a lot", "saved": 0}, 0, 250],
        250,
    ),
    (
        "a stored save time of the wrong type counts nothing while closed",
        "timeUsed",
        [{"used": 10, "saved": {}}, 99, None],
        10,
    ),
    ("a negative monotonic step counts nothing", "timeUsed", [{"used": 10}, 0, -5], 10),
    # --- exam ownership ------------------------------------------------------------------------------
    (
        "the later claim owns the attempt",
        "owner",
        [{"tab": "A", "at": 10}, {"tab": "B", "at": 20}],
        {"tab": "B", "at": 20},
    ),
    (
        "the later claim, the other order",
        "owner",
        [{"tab": "B", "at": 20}, {"tab": "A", "at": 10}],
        {"tab": "B", "at": 20},
    ),
    (
        "a released attempt (no owner) goes to the claim",
        "owner",
        [None, {"tab": "A", "at": 1}],
        {"tab": "A", "at": 1},
    ),
    (
        "an owner of the wrong type is no owner",
        "owner",
        [{"tab": 7, "at": 99}, {"tab": "A", "at": 1}],
        {"tab": "A", "at": 1},
    ),
    ("nobody owns it", "owner", [None, None], None),
    # --- comparing records ---------------------------------------------------------------------------
    (
        "the same data in another key order is the same",
        "same",
        [{"a": 1, "b": [1, {"c": 2, "d": 3}]}, {"b": [1, {"d": 3, "c": 2}], "a": 1}],
        True,
    ),
    (
        "a different answer is not the same",
        "same",
        [{"a": {"status": "yes"}}, {"a": {"status": "no"}}],
        False,
    ),
]


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict[str, dict]:
    if not Path(NODE).exists():
        pytest.fail("node is missing: install Debian's nodejs (see README)")
    cases = [{"name": n, "fn": fn, "args": args} for n, fn, args, _ in CASES]
    return {r["name"]: r for r in node_json(RUNNER, "-", input=cases)}


def test_case_names_are_unique():
    assert len({c[0] for c in CASES}) == len(CASES)


@pytest.mark.parametrize(("name", "fn", "args", "expected"), CASES, ids=[c[0] for c in CASES])
def test_rule(results, name, fn, args, expected):
    assert results[name] == {"name": name, "result": expected}


def test_an_unknown_rule_is_reported_not_run(tmp_path):
    cases = tmp_path / "cases.json"
    cases.write_text(json.dumps([{"name": "x", "fn": "eval", "args": ["1"]}]), encoding="utf-8")
    assert node_json(RUNNER, cases) == [{"name": "x", "error": "no such rule: eval"}]
