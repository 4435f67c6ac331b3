"""The practice page's pure rules (quiz-state.js, window.kb.quizState) under node.

Fast tier: no browser. Each case is (name, function, arguments, expected result); the runner
(tests/js/run_quiz_state.js) evaluates kb.js, paper-state.js and the state files themselves, so these
are the rules the pages run. Times are fixed (TZ=UTC), so dates are exact.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from conftest import NODE, node_json

from generator.numerals import parse_chinese, to_chinese
from generator.parts.quiz.paper import mulberry32, shuffled

ROOT = Path(__file__).resolve().parent.parent
RUNNER = "run_quiz_state.js"

NOW = 1768046400000  # 2026-01-10 12:00 UTC
DAY = 24 * 3600 * 1000
TODAY = "2026-01-10"


def progress(cards=None, wrongbook=None, stars=None, places=None, cleared=None) -> dict:
    return {
        "format": 2,
        "cards": cards or {},
        "wrongbook": wrongbook or {},
        "stars": stars or {},
        "places": places or {},
        "cleared": cleared or {},
    }


def card(box, due, right, wrong, t, last=TODAY) -> dict:
    return {"box": box, "due": due, "right": right, "wrong": wrong, "last": last, "t": t}


DATA = {
    "questions": [
        {"id": "q1-1", "article": 1},
        {"id": "q1-2", "article": 1},
        {"id": "q2-1", "article": 2},
        {"id": "q3-1", "article": 3},
    ],
    "chapters": [{"number": 1, "questions": ["q1-1", "q1-2", "q2-1"]}, {"number": 2, "questions": ["q3-1"]}],
    "topics": [{"id": "t1", "questions": ["q3-1", "q1-1"]}],
}
# Issue 28: a bank of two regulations; a law's question numbered like an article of the site's own.
LAWS = {
    **DATA,
    "regulation": "own",
    "questions": [
        {"id": "q1-1", "article": 1, "regulation": "own"},
        {"id": "q2-1", "article": 2, "regulation": "own"},
        {"id": "xzcf-q2-1", "article": 2, "regulation": "xzcf"},
        {"id": "xzcf-q5-1", "article": 5, "regulation": "xzcf"},
    ],
}
SEEN = progress(
    cards={
        "q1-1": card(1, TODAY, 0, 1, 5),
        "q2-1": card(2, "2026-01-12", 1, 1, 6),
    },
    wrongbook={"q1-1": {"count": 1, "last": TODAY, "t": 5}, "q2-1": {"count": 1, "last": TODAY, "t": 6}},
    stars={"q3-1": {"on": True, "t": 7}, "q1-2": {"on": False, "t": 8}},
)
SHUFFLED = shuffled(["q1-1", "q1-2", "q2-1", "q3-1"], mulberry32(5))[:3]

# (name, function, args, expected)
CASES = [
    # --- answers and the 错题本's spaced repetition ---------------------------------------------------
    (
        "a wrong answer: box 1, due today, into the 错题本",
        "quizState.recordAnswer",
        [progress(), "q1-1", False, NOW],
        {
            "progress": progress(
                cards={"q1-1": card(1, TODAY, 0, 1, NOW)},
                wrongbook={"q1-1": {"count": 1, "last": TODAY, "t": NOW}},
            ),
            "card": card(1, TODAY, 0, 1, NOW),
        },
    ),
    (
        "a right answer moves up a box: box 2 is due in 2 days",
        "quizState.recordAnswer",
        [progress(cards={"q1-1": card(1, TODAY, 0, 1, 5)}), "q1-1", True, NOW],
        {
            "progress": progress(cards={"q1-1": card(2, "2026-01-12", 1, 1, NOW)}),
            "card": card(2, "2026-01-12", 1, 1, NOW),
        },
    ),
    (
        "box 5 is the last: due in 16 days",
        "quizState.recordAnswer",
        [progress(cards={"q1-1": card(5, TODAY, 9, 1, 5)}), "q1-1", True, NOW],
        {
            "progress": progress(cards={"q1-1": card(5, "2026-01-26", 10, 1, NOW)}),
            "card": card(5, "2026-01-26", 10, 1, NOW),
        },
    ),
    (
        "wrong again after 移出错题本: the count starts over",
        "quizState.recordAnswer",
        [
            progress(
                cards={"q1-1": card(3, TODAY, 2, 1, 5)},
                wrongbook={"q1-1": {"count": 0, "last": TODAY, "t": 6}},
            ),
            "q1-1",
            False,
            NOW,
        ],
        {
            "progress": progress(
                cards={"q1-1": card(1, TODAY, 2, 2, NOW)},
                wrongbook={"q1-1": {"count": 1, "last": TODAY, "t": NOW}},
            ),
            "card": card(1, TODAY, 2, 2, NOW),
        },
    ),
    (
        "the clock set back: the new entry is still later than the one it replaces",
        "quizState.recordAnswer",
        [progress(cards={"q1-1": card(1, TODAY, 0, 1, NOW + 5000)}), "q1-1", True, NOW],
        {
            "progress": progress(cards={"q1-1": card(2, "2026-01-12", 1, 1, NOW + 5001)}),
            "card": card(2, "2026-01-12", 1, 1, NOW + 5001),
        },
    ),
    (
        "移出错题本 keeps an entry with count 0 (so an older one from another tab cannot return)",
        "quizState.removeFromWrongbook",
        [SEEN, "q1-1", NOW],
        {**SEEN, "wrongbook": {**SEEN["wrongbook"], "q1-1": {"count": 0, "last": TODAY, "t": NOW}}},
    ),
    ("due today: only what is in the 错题本 and due", "quizState.dueIds", [SEEN, TODAY], ["q1-1"]),
    ("due two days later: both", "quizState.dueIds", [SEEN, "2026-01-12"], ["q1-1", "q2-1"]),
    (
        "清空 keeps 收藏 and the places",
        "quizState.clearReview",
        [SEEN, NOW],
        progress(stars=SEEN["stars"], cleared={"cards": NOW, "wrongbook": NOW}),
    ),
    ("the local day, across a month", "quizState.day", [NOW, 25], "2026-02-04"),
    # --- 收藏 and 顺序练习 -----------------------------------------------------------------------------
    (
        "starring a question",
        "quizState.setStar",
        [progress(), "q2-1", True, NOW],
        progress(stars={"q2-1": {"on": True, "t": NOW}}),
    ),
    (
        "un-starring keeps the entry, switched off",
        "quizState.setStar",
        [SEEN, "q3-1", False, NOW],
        {**SEEN, "stars": {**SEEN["stars"], "q3-1": {"on": False, "t": NOW}}},
    ),
    ("starred", "quizState.isStarred", [SEEN, "q3-1"], True),
    ("switched off is not starred", "quizState.isStarred", [SEEN, "q1-2"], False),
    ("never starred", "quizState.isStarred", [SEEN, "q2-1"], False),
    (
        "the place of a scope",
        "quizState.setPlace",
        [progress(), "chapter:1", "q1-2", NOW],
        progress(places={"chapter:1": {"id": "q1-2", "t": NOW}}),
    ),
    (
        "resume: nothing done yet starts at the first",
        "quizState.resumeAt",
        [progress(), "all", ["a", "b", "c"]],
        0,
    ),
    (
        "resume: after the last question done",
        "quizState.resumeAt",
        [progress(places={"all": {"id": "b", "t": 1}}), "all", ["a", "b", "c"]],
        2,
    ),
    (
        "resume: the places are per scope",
        "quizState.resumeAt",
        [progress(places={"all": {"id": "b", "t": 1}}), "chapter:1", ["a", "b", "c"]],
        0,
    ),
    (
        "resume: a scope done to its end starts over",
        "quizState.resumeAt",
        [progress(places={"all": {"id": "c", "t": 1}}), "all", ["a", "b", "c"]],
        0,
    ),
    (
        "resume: a question no longer in the scope starts over",
        "quizState.resumeAt",
        [progress(places={"all": {"id": "gone", "t": 1}}), "all", ["a", "b", "c"]],
        0,
    ),
    # --- scopes and counts ----------------------------------------------------------------------------
    ("scope all", "quizState.pool", [DATA, SEEN, "all", TODAY], ["q1-1", "q1-2", "q2-1", "q3-1"]),
    ("scope chapter", "quizState.pool", [DATA, SEEN, "chapter:1", TODAY], ["q1-1", "q1-2", "q2-1"]),
    ("scope article", "quizState.pool", [DATA, SEEN, "article:2", TODAY], ["q2-1"]),
    ("scope topic, in bank order", "quizState.pool", [DATA, SEEN, "topic:t1", TODAY], ["q1-1", "q3-1"]),
    ("scope 错题本", "quizState.pool", [DATA, SEEN, "wrong", TODAY], ["q1-1", "q2-1"]),
    ("scope due", "quizState.pool", [DATA, SEEN, "due", TODAY], ["q1-1"]),
    ("scope never seen", "quizState.pool", [DATA, SEEN, "unseen", TODAY], ["q1-2", "q3-1"]),
    ("scope starred", "quizState.pool", [DATA, SEEN, "starred", TODAY], ["q3-1"]),
    (
        "scope law: one regulation's questions",
        "quizState.pool",
        [LAWS, SEEN, "law:xzcf", TODAY],
        ["xzcf-q2-1", "xzcf-q5-1"],
    ),
    ("scope law: the site's own", "quizState.pool", [LAWS, SEEN, "law:own", TODAY], ["q1-1", "q2-1"]),
    (
        "scope article: the site's own article only",
        "quizState.pool",
        [LAWS, SEEN, "article:2", TODAY],
        ["q2-1"],
    ),
    ("scope law: an unknown regulation", "quizState.pool", [LAWS, SEEN, "law:nosuch", TODAY], []),
    ("scope law: no slug", "quizState.pool", [LAWS, SEEN, "law:", TODAY], []),
    ("scope law: __proto__", "quizState.pool", [LAWS, SEEN, "law:__proto__", TODAY], []),
    (
        "results by regulation, in the data's order",
        "examState.regulationRows",
        [
            [
                {"slug": "own", "title": "规定"},
                {"slug": "xzcf", "title": "行政处罚法"},
                {"slug": "x", "title": "无"},
            ],
            {"xzcf": [1, 2], "own": [3, 4]},
        ],
        [["《规定》", [3, 4]], ["《行政处罚法》", [1, 2]]],
    ),
    (
        "counts per scope",
        "quizState.counts",
        [DATA, SEEN, ["all", "chapter:2", "wrong", "due", "unseen", "starred"], TODAY],
        {"all": 4, "chapter:2": 1, "wrong": 2, "due": 1, "unseen": 2, "starred": 1},
    ),
    (
        "a sequential session: from where the scope stopped, in bank order",
        "quizState.session",
        [["q1-1", "q1-2", "q2-1", "q3-1"], "sequential", 2, 1, "$shuffle", {"$rand": 5}],
        {"ids": ["q1-2", "q2-1"], "from": 1},
    ),
    (
        "a sequential session near the end: what is left",
        "quizState.session",
        [["q1-1", "q1-2", "q2-1", "q3-1"], "sequential", 10, 3, "$shuffle", {"$rand": 5}],
        {"ids": ["q3-1"], "from": 3},
    ),
    (
        "a random session: the paper's shuffle with the seed",
        "quizState.session",
        [["q1-1", "q1-2", "q2-1", "q3-1"], "random", 3, 0, "$shuffle", {"$rand": 5}],
        {"ids": SHUFFLED, "from": 0},
    ),
    # --- two tabs ---------------------------------------------------------------------------------------
    (
        "two tabs star different questions: both kept",
        "quizState.merge",
        [progress(stars={"q1-1": {"on": True, "t": 10}}), progress(stars={"q2-1": {"on": True, "t": 11}})],
        progress(stars={"q1-1": {"on": True, "t": 10}, "q2-1": {"on": True, "t": 11}}),
    ),
    (
        "one tab un-stars later: the later entry wins (this order)",
        "quizState.merge",
        [progress(stars={"q1-1": {"on": True, "t": 10}}), progress(stars={"q1-1": {"on": False, "t": 20}})],
        progress(stars={"q1-1": {"on": False, "t": 20}}),
    ),
    (
        "one tab un-stars later: the later entry wins (the other order)",
        "quizState.merge",
        [progress(stars={"q1-1": {"on": False, "t": 20}}), progress(stars={"q1-1": {"on": True, "t": 10}})],
        progress(stars={"q1-1": {"on": False, "t": 20}}),
    ),
    (
        "answers of two tabs to different questions: both kept",
        "quizState.merge",
        [
            progress(cards={"q1-1": card(1, TODAY, 0, 1, 10)}),
            progress(cards={"q2-1": card(1, "x", 1, 0, 11)}),
        ],
        progress(cards={"q1-1": card(1, TODAY, 0, 1, 10), "q2-1": card(1, "x", 1, 0, 11)}),
    ),
    (
        "a clearing drops what was written before it, keeps what came after, and 收藏",
        "quizState.merge",
        [
            progress(cleared={"cards": 100, "wrongbook": 100}),
            progress(
                cards={"q1-1": card(1, TODAY, 0, 1, 50), "q2-1": card(2, TODAY, 1, 0, 150)},
                wrongbook={"q1-1": {"count": 1, "t": 50}},
                stars={"q1-1": {"on": True, "t": 40}},
            ),
        ],
        progress(
            cards={"q2-1": card(2, TODAY, 1, 0, 150)},
            stars={"q1-1": {"on": True, "t": 40}},
            cleared={"cards": 100, "wrongbook": 100},
        ),
    ),
    (
        "format 1 entries (time 0) lose to any timed entry",
        "quizState.merge",
        [
            progress(cards={"q1-1": card(1, TODAY, 0, 9, 0)}),
            progress(cards={"q1-1": card(3, TODAY, 2, 1, 1)}),
        ],
        progress(cards={"q1-1": card(3, TODAY, 2, 1, 1)}),
    ),
    # --- fill-ins -----------------------------------------------------------------------------------------
    (
        "fill-in: full-width letters, spaces and end punctuation ignored",
        "quizState.isRight",
        [{"type": "填空", "answer": "ＡＢ责任制"}, " AB 责任制。"],
        True,
    ),
    (
        "fill-in: an empty answer is never right",
        "quizState.isRight",
        [{"type": "填空", "answer": ""}, "  "],
        False,
    ),
    (
        "多选 in any order",
        "quizState.isRight",
        [{"type": "多选", "answer": ["甲", "乙"]}, ["乙", "甲"]],
        True,
    ),
    ("多选 with one missing", "quizState.isRight", [{"type": "多选", "answer": ["甲", "乙"]}, ["乙"]], False),
    (
        "format 1 migrated: every time 0, 收藏 and places empty",
        "quizState.migrate1",
        [{"format": 1, "cards": {"q1-1": {"box": 1, "due": TODAY, "right": 0, "wrong": 1}}, "wrongbook": {}}],
        progress(cards={"q1-1": {"box": 1, "due": TODAY, "right": 0, "wrong": 1, "t": 0}}),
    ),
    (
        "an import replaces: every map cleared now, its entries stamped now",
        "quizState.replaceWith",
        [progress(stars={"q1-1": {"on": True, "t": 3}}), NOW],
        progress(
            stars={"q1-1": {"on": True, "t": NOW}},
            cleared={"cards": NOW, "wrongbook": NOW, "stars": NOW, "places": NOW},
        ),
    ),
    (
        "a backup of format 2 without 收藏 (an earlier writer) is completed",
        "quizState.checkProgress",
        [{"format": 2, "cards": {}, "wrongbook": {}}],
        {"progress": progress()},
    ),
]

BANK = [
    {"id": "a", "type": "单选", "options": ["甲", "乙", "丙"], "chapter": 1},
    {"id": "b", "type": "判断", "options": ["正确", "错误"], "chapter": 2},
    {"id": "c", "type": "多选", "options": ["子", "丑", "寅", "卯"], "chapter": 1},
]


def drawn_attempt(seed: int, count: int) -> list[dict]:
    """The exam's draw as Python writes it: the bank shuffled, then each 单选/多选's options."""
    rand = mulberry32(seed)
    out = []
    for q in shuffled(BANK, rand)[:count]:
        out.append(
            {"id": q["id"], "options": shuffled(q["options"], rand) if q["type"] in ("单选", "多选") else []}
        )
    return out


ATTEMPT = {
    "format": 2,
    "started": NOW,
    "limit": 600,
    "used": 0,
    "saved": NOW,
    "questions": [
        {"id": "a", "options": ["乙", "甲", "丙"]},
        {"id": "b", "options": []},
        {"id": "c", "options": []},
    ],
    "answers": {"a": "甲", "c": ["子"]},
    "times": {"a": 10, "c": 11},
    "flags": [],
    "current": 0,
    "owner": None,
}
MARK_BANK = {
    "a": {"id": "a", "type": "单选", "answer": "甲", "chapter": 1},
    "b": {"id": "b", "type": "判断", "answer": "正确", "chapter": 2},
    "c": {"id": "c", "type": "多选", "answer": ["子", "丑"], "chapter": 1},
}

CASES += [
    # --- the mock exam (exam-state.js) ---------------------------------------------------------------------
    (
        "the exam's draw: the bank and each choice's options shuffled with the generator",
        "examState.drawAll",
        [BANK, 2, "$shuffle", {"$rand": 9}],
        drawn_attempt(9, 2),
    ),
    (
        "a new attempt of the drawn questions, owned by this tab",
        "examState.newAttempt",
        [drawn_attempt(9, 2), 600, NOW, "tab-1"],
        {
            "format": 2,
            "started": NOW,
            "limit": 600,
            "used": 0,
            "saved": NOW,
            "questions": drawn_attempt(9, 2),
            "answers": {},
            "times": {},
            "flags": [],
            "current": 0,
            "owner": {"tab": "tab-1", "at": NOW},
        },
    ),
    (
        "an answer given: timed after the one it replaces",
        "examState.setAnswer",
        [ATTEMPT, "a", "乙", 5],
        {"answers": {"a": "乙", "c": ["子"]}, "times": {"a": 11, "c": 11}},
    ),
    ("the same answer again: no change", "examState.setAnswer", [ATTEMPT, "c", ["子"], NOW], None),
    (
        "an answer cleared: only its time is kept",
        "examState.setAnswer",
        [ATTEMPT, "c", [], NOW],
        {"answers": {"a": "甲"}, "times": {"a": 10, "c": NOW}},
    ),
    ("flag", "examState.toggleFlag", [["a"], "b"], ["a", "b"]),
    ("unflag", "examState.toggleFlag", [["a", "b"], "a"], ["b"]),
    (
        "two copies of an attempt: each answer keeps its later version, a later clearing wins",
        "examState.mergeAnswers",
        [
            {"answers": {"a": "甲"}, "times": {"a": 10, "c": 30}},
            {"answers": {"a": "乙", "c": ["子"]}, "times": {"a": 20, "c": 11}},
        ],
        {"answers": {"a": "乙"}, "times": {"a": 20, "c": 30}},
    ),
    ("answered count", "examState.answeredCount", [ATTEMPT], 2),
    ("the clock", "examState.clock", [725], "12:05"),
    ("the clock, spoken", "examState.spoken", [725], "12 分钟 5 秒"),
    ("the clock, spoken, at zero", "examState.spoken", [0], "0 秒"),
    ("announced every 5 minutes", "examState.announceAt", [300, 600], True),
    ("not announced every second", "examState.announceAt", [299, 600], False),
    ("announced with 10 seconds left", "examState.announceAt", [10, 600], True),
    (
        "the history's trend",
        "examState.trend",
        [[60, 70, 65]],
        "最近 3 次得分走势：60 → 70 → 65。最近一次比上一次降低 5 分。",
    ),
    ("no trend for one attempt", "examState.trend", [[60]], ""),
    ("the history's change column: up", "examState.change", [80, 60], "↑ 20"),
    ("the history's change column: the first", "examState.change", [80, None], "—"),
    (
        "an attempt of format 1: the time between start and last save used, at most the limit",
        "examState.migrateAttempt1",
        [
            {
                "format": 1,
                "started": 0,
                "saved": 9_000_000,
                "limit": 600,
                "left": 100,
                "questions": [],
                "answers": {},
            }
        ],
        {
            "format": 2,
            "started": 0,
            "saved": 9_000_000,
            "limit": 600,
            "used": 600_000,
            "times": {},
            "owner": None,
            "questions": [],
            "answers": {},
        },
    ),
    (
        "a history of format 1",
        "examState.migrateHistory1",
        [{"format": 1, "attempts": [{"at": "x", "score": 1, "correct": 1, "total": 1}]}],
        {
            "format": 2,
            "attempts": [
                {
                    "at": "x",
                    "score": 1,
                    "correct": 1,
                    "total": 1,
                    "answered": None,
                    "chapters": None,
                    "types": None,
                }
            ],
        },
    ),
]


def test_marking_an_attempt(results_of) -> None:
    """Marked: 单选 right, 判断 unanswered (not wrong, not right), 多选 with one option missing wrong."""
    got = results_of("examState.mark", [ATTEMPT, MARK_BANK, "$isRight"])
    rows = got.pop("rows")
    assert [(r["number"], r["answered"], r["right"], r["given"]) for r in rows] == [
        (1, True, True, "甲"),
        (2, False, False, None),
        (3, True, False, ["子"]),
    ]
    assert got == {
        "correct": 1,
        "answered": 2,
        "total": 3,
        "score": 33,
        "chapters": {"1": [1, 2], "2": [0, 1]},
        "types": {"单选": [1, 1], "判断": [0, 1], "多选": [0, 1]},
        "regulations": {"": [1, 3]},
    }
    marked = {**got, "rows": rows}
    assert results_of("examState.historyEntry", [marked, ATTEMPT, 60, True, 0]) == {
        "at": "2026-01-10 12:00",
        "score": 33,
        "correct": 1,
        "total": 3,
        "passed": False,
        "pass_mark": 60,
        "seconds": 600,
        "timeout": True,
        "answered": 2,
        "chapters": {"1": [1, 2], "2": [0, 1]},
        "types": {"单选": [1, 1], "判断": [0, 1], "多选": [0, 1]},
    }


# Hostile input: damaged records, foreign files and odd scopes never throw; they give nothing or a
# message, and never a question the scope does not hold.
HOSTILE = [
    (
        "merge: null and a record of wrong shapes",
        "quizState.merge",
        [None, {"cards": [1, 2], "stars": "x"}],
        progress(),
    ),
    (
        "merge: an entry with a time that is not a number loses",
        "quizState.merge",
        [
            progress(stars={"q1-1": {"on": True, "t": "9999"}}),
            progress(stars={"q1-1": {"on": False, "t": 1}}),
        ],
        progress(stars={"q1-1": {"on": False, "t": 1}}),
    ),
    (
        "merge: a clearing time that is not a number clears nothing",
        "quizState.merge",
        [progress(cleared={"stars": "soon"}), progress(stars={"q1-1": {"on": True, "t": 1}})],
        progress(stars={"q1-1": {"on": True, "t": 1}}),
    ),
    (
        "resume: a place whose id is not a string starts at the first",
        "quizState.resumeAt",
        [progress(places={"all": {"id": 1, "t": 1}}), "all", ["a", "b"]],
        0,
    ),
    (
        "resume: a place that is not an object starts at the first",
        "quizState.resumeAt",
        [progress(places={"all": "b"}), "all", ["a", "b", "c"]],
        0,
    ),
    ("scope: an unknown chapter", "quizState.pool", [DATA, SEEN, "chapter:99", TODAY], []),
    ("scope: nonsense", "quizState.pool", [DATA, SEEN, "nonsense", TODAY], []),
    ("scope: __proto__", "quizState.pool", [DATA, SEEN, "__proto__", TODAY], []),
    ("scope: an empty article number", "quizState.pool", [DATA, SEEN, "article:", TODAY], []),
    ("scope: topic:toString", "quizState.pool", [DATA, SEEN, "topic:toString", TODAY], []),
    (
        "starred: a star that is not an object",
        "quizState.isStarred",
        [progress(stars={"q1-1": True}), "q1-1"],
        False,
    ),
    ("starred: __proto__", "quizState.isStarred", [progress(), "__proto__"], False),
    (
        "多选 answered with nothing",
        "quizState.isRight",
        [{"type": "多选", "answer": ["甲", "乙"]}, None],
        False,
    ),
    ("backup: a string", "quizState.checkProgress", ["x"], {"error": "文件中的练习记录格式不正确"}),
    ("backup: a list", "quizState.checkProgress", [[]], {"error": "文件中的练习记录格式不正确"}),
    (
        "backup: an unknown format",
        "quizState.checkProgress",
        [{"format": 9, "cards": {}, "wrongbook": {}}],
        {"error": "文件中的练习记录格式不正确"},
    ),
    (
        "backup: no cards",
        "quizState.checkProgress",
        [{"format": 1, "wrongbook": {}}],
        {"error": "文件中的练习记录格式不正确"},
    ),
    (
        "backup: a card with a box that is text",
        "quizState.checkProgress",
        [
            {
                "format": 2,
                "cards": {"q1-1": {"box": "1", "due": TODAY, "right": 0, "wrong": 1}},
                "wrongbook": {},
            }
        ],
        {"error": "题目 q1-1 的复习记录格式不正确"},
    ),
    (
        "backup: a 错题本 entry without a count",
        "quizState.checkProgress",
        [{"format": 2, "cards": {}, "wrongbook": {"q1-1": {"last": TODAY}}}],
        {"error": "错题 q1-1 的记录格式不正确"},
    ),
    (
        "backup: 收藏 as a list",
        "quizState.checkProgress",
        [{"format": 2, "cards": {}, "wrongbook": {}, "stars": ["q1-1"]}],
        {"error": "文件中的练习记录格式不正确"},
    ),
    (
        "attempt record: a limit of 0",
        "examState.validAttemptRecord",
        [{**ATTEMPT, "limit": 0}],
        False,
    ),
    ("attempt record: no questions", "examState.validAttemptRecord", [{**ATTEMPT, "questions": []}], False),
    (
        "attempt record: an owner whose tab is a number",
        "examState.validAttemptRecord",
        [{**ATTEMPT, "owner": {"tab": 1, "at": 1}}],
        False,
    ),
    (
        "attempt record: answers as a list",
        "examState.validAttemptRecord",
        [{**ATTEMPT, "answers": []}],
        False,
    ),
    ("attempt record: well-formed", "examState.validAttemptRecord", [ATTEMPT], True),
    (
        "history attempt: a score that is text",
        "examState.validHistoryAttempt",
        [{"at": "x", "score": "high", "correct": 1, "total": 1}],
        False,
    ),
    ("history attempt: null", "examState.validHistoryAttempt", [None], False),
    (
        "an answer to a question whose time is not a number: now",
        "examState.setAnswer",
        [{**ATTEMPT, "times": {"a": "late"}}, "a", "乙", NOW],
        {"answers": {"a": "乙", "c": ["子"]}, "times": {"a": NOW}},
    ),
]

ALL = CASES + HOSTILE


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict[str, dict]:
    if not Path(NODE).exists():
        pytest.fail("node is missing: install Debian's nodejs (see README)")
    return {r["name"]: r for r in run_cases([{"name": n, "fn": fn, "args": args} for n, fn, args, _ in ALL])}


def run_cases(cases: list[dict]) -> list[dict]:
    return node_json(RUNNER, "-", input=cases, env={"TZ": "UTC"})


@pytest.fixture
def results_of():
    """Call one function under node: results_of(fn, args) -> its result (fails on an error)."""

    def call(fn: str, args: list):
        (out,) = run_cases([{"name": fn, "fn": fn, "args": args}])
        assert "error" not in out, out
        return out["result"]

    return call


def test_case_names_are_unique():
    assert len({c[0] for c in ALL}) == len(ALL)


@pytest.mark.parametrize(("name", "fn", "args", "expected"), ALL, ids=[c[0] for c in ALL])
def test_rule(results, name, fn, args, expected):
    assert results[name] == {"name": name, "result": expected}


def test_an_unknown_function_is_reported_not_run(tmp_path):
    cases = tmp_path / "cases.json"
    cases.write_text(json.dumps([{"name": "x", "fn": "quizState.constructor", "args": []}]), encoding="utf-8")
    assert node_json(RUNNER, cases) == [{"name": "x", "error": "no such function: quizState.constructor"}]


# --- numbers in typed answers (kb.numerals, shared vectors) ------------------------------------------------
NUMERALS = yaml.safe_load((ROOT / "tests" / "vectors" / "numerals.yaml").read_text(encoding="utf-8"))
ANSWERS = NUMERALS["answers"]
VALUES = NUMERALS["values"]


@pytest.fixture(scope="module")
def graded() -> dict[str, dict]:
    """Every answer vector graded by the quiz's and the drills' isRight, every value vector read by
    kb.numerals.value, under node (one run per runner)."""
    quiz = [
        {
            "name": a["name"],
            "fn": "quizState.isRight",
            "args": [{"type": "填空", "answer": a["answer"]}, a["given"]],
        }
        for a in ANSWERS
    ] + [{"name": f"value {v['run']!r}", "fn": "numerals.value", "args": [v["run"]]} for v in VALUES]
    drills = [
        {"name": a["name"], "fn": "isRight", "args": [{"answer": a["answer"]}, a["given"]]} for a in ANSWERS
    ]
    return {
        "quiz": {r["name"]: r for r in run_cases(quiz)},
        "drills": {r["name"]: r for r in node_json("run_drills.js", "-", input=drills)},
    }


def test_numeral_vector_names_are_unique():
    assert len({a["name"] for a in ANSWERS}) == len(ANSWERS)
    assert len({v["run"] for v in VALUES}) == len(VALUES)


@pytest.mark.parametrize("vector", ANSWERS, ids=[a["name"] for a in ANSWERS])
@pytest.mark.parametrize("grader", ["quiz", "drills"])
def test_fill_in_numbers_compare_by_value(graded, grader, vector):
    assert graded[grader][vector["name"]] == {"name": vector["name"], "result": vector["right"]}


@pytest.mark.parametrize("vector", VALUES, ids=[repr(v["run"]) for v in VALUES])
def test_numeral_values(graded, vector):
    name = f"value {vector['run']!r}"
    assert graded["quiz"][name] == {"name": name, "result": vector["value"]}


@pytest.mark.parametrize("vector", [v for v in VALUES if v["canonical"]], ids=lambda v: repr(v["run"]))
def test_canonical_numeral_values_agree_with_python(vector):
    assert parse_chinese(vector["run"]) == vector["value"]


def test_every_statute_numeral_reads_as_python_writes_it():
    """kb.numerals.value(to_chinese(n)) == n over 1..2000 and some large n (Python writes, node reads)."""
    numbers = [*range(1, 2001), 9999, 10000, 10001, 10010, 10100, 11000, 20000, 100000, 99999999]
    cases = [{"name": str(n), "fn": "numerals.value", "args": [to_chinese(n)]} for n in numbers]
    wrong = [(r["name"], r) for r in run_cases(cases) if r.get("result") != int(r["name"])]
    assert wrong == []
