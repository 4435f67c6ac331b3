"""Printable paper: deterministic per seed, self-contained, a separate key; bad --count exits 1.

Built from the quiz part's fixture bank (generator/parts/quiz/fixtures/: 16 questions, articles 23,
40 and 42 in chapters 3, 5 and 6, and 行政处罚法; a six-question mock exam), never the shipped one."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from generator.build import load_project
from generator.cli import main
from generator.parts import quiz
from generator.parts.quiz import paper


@pytest.fixture(scope="module")
def project(quiz_root: Path):
    return load_project(quiz_root)


@pytest.fixture(autouse=True)
def _loads_once(shipped_loads_once, quiz_root: Path, request) -> None:
    """The `paper` command loads the fixture project once for the module's many runs."""
    request.module.PROJECT_ROOT = quiz_root


PROJECT_ROOT = ROOT  # the fixture project's root while a test runs (_loads_once)


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--root", str(PROJECT_ROOT), "paper", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_same_seed_same_bytes(tmp_path: Path, capsys) -> None:
    assert run(capsys, "--count", "12", "--seed", "7", "--out", str(tmp_path / "a"))[0] == 0
    assert run(capsys, "--count", "12", "--seed", "7", "--out", str(tmp_path / "b"))[0] == 0
    assert run(capsys, "--count", "12", "--seed", "8", "--out", str(tmp_path / "c"))[0] == 0
    names = ["exam-paper-12-seed7.html", "exam-paper-12-seed7-key.html"]
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == sorted(names)
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    other = (tmp_path / "c" / "exam-paper-12-seed8.html").read_text(encoding="utf-8")
    assert other != (tmp_path / "a" / names[0]).read_text(encoding="utf-8")


def test_paper_and_key_are_self_contained(tmp_path: Path, capsys) -> None:
    code, out, _ = run(capsys, "--count", "16", "--seed", "7", "--out", str(tmp_path))
    assert code == 0 and out.startswith("wrote ")
    text = (tmp_path / "exam-paper-16-seed7.html").read_text(encoding="utf-8")
    key = (tmp_path / "exam-paper-16-seed7-key.html").read_text(encoding="utf-8")
    for html in (text, key):
        assert "@media print" in html
        assert not re.search(r"(src|href)=|@import|url\(", html)  # nothing to fetch, nothing to follow
    # 16 numbered questions on the paper, 16 rows in the key, no answers or explanations on the paper.
    assert len(re.findall(r"<li>\d+\. ", text)) == 16
    assert len(re.findall(r"<tr><td>\d+</td>", key)) == 16
    assert "依据第" not in text and "解析" not in text


def test_sections_follow_the_types_and_number_through(project) -> None:
    sections = paper.compose(project, 16, 3)  # the whole bank: every type
    assert [s.title.split("、")[1][:2] for s in sections] == ["单项", "多项", "判断", "填空"]
    numbers = [i.number for s in sections for i in s.items]
    assert numbers == list(range(1, 17))
    ids = [i.question.id for s in sections for i in s.items]
    assert len(set(ids)) == 16
    for s in sections:
        for item in s.items:
            q = item.question
            assert sorted(item.options) == sorted(q.options)
            if q.type == "单选":
                letter = item.answer[0]
                assert item.options["ABCDEFGHIJ".index(letter)] == q.answer[0]


@pytest.mark.parametrize(
    ("count", "message"),
    [
        ("0", "--count must be between 1 and {n} (the size of the question bank), got 0"),
        ("9999", "--count must be between 1 and {n} (the size of the question bank), got 9999"),
        ("fifty", "--count must be a whole number, got 'fifty'"),
    ],
)
def test_invalid_count_exits_1(tmp_path: Path, capsys, project, count: str, message: str) -> None:
    code, out, err = run(capsys, "--count", count, "--out", str(tmp_path / "x"))
    assert code == 1
    assert err.strip() == message.format(n=len(quiz.bank_of(project).questions))
    assert not (tmp_path / "x").exists()


def test_invalid_seed_exits_1(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "--count", "5", "--seed", "x", "--out", str(tmp_path / "x"))
    assert (code, err.strip()) == (1, "--seed must be a whole number, got 'x'")


# ---------------------------------------------------------------------------------------------
# The draw shared with the browser (paper.js): vectors run in Python here and under node.

VECTORS = yaml.safe_load((ROOT / "tests" / "vectors" / "paper.yaml").read_text(encoding="utf-8"))
NODE = shutil.which("node") or "/usr/bin/node"


def python_draws() -> list[list[dict]]:
    out = []
    chapter = {d["id"]: d["chapter"] for d in VECTORS["bank"]}
    for case in VECTORS["draws"]:
        bank = [
            quiz.Question(
                d["id"],
                0,
                d["type"],
                "",
                tuple(d["options"]) if d["type"] in ("单选", "多选") else (),
                (),
                (),
                "",
            )
            for d in VECTORS["bank"]
        ]
        pool = paper.select(bank, lambda q: chapter[q.id], case["chapters"], case["types"])
        out.append(
            [{"id": q.id, "options": list(o)} for q, o in paper.draw(pool, case["count"], case["seed"])]
        )
    return out


def test_python_draw_matches_the_shared_vectors() -> None:
    for case in VECTORS["generator"]:
        rand = paper.mulberry32(case["seed"])
        assert [int(rand() * 2**32) for _ in range(case["count"])] == case["expect"], case["seed"]
    assert python_draws() == [c["expect"] for c in VECTORS["draws"]]
    # The vectors exercise the filters and more than one order.
    assert {c["chapters"] is None for c in VECTORS["draws"]} == {True, False}
    assert len({json.dumps(c["expect"]) for c in VECTORS["draws"]}) == len(VECTORS["draws"])


def test_node_draw_matches_the_shared_vectors(tmp_path: Path) -> None:
    if not Path(NODE).exists():
        pytest.fail("node is missing: install Debian's nodejs (see README)")
    vectors = tmp_path / "paper.json"
    vectors.write_text(json.dumps(VECTORS, ensure_ascii=False), encoding="utf-8")
    script = ROOT / "tests" / "js" / "run_paper_vectors.js"
    done = subprocess.run([NODE, str(script), str(vectors)], capture_output=True, text=True, check=True)
    out = json.loads(done.stdout)
    assert out["generator"] == [c["expect"] for c in VECTORS["generator"]]
    assert out["draws"] == [c["expect"] for c in VECTORS["draws"]]


SHARES = (("单选", 3), ("判断", 2), ("填空", 2))
PAPERS = [
    (16, 7, None, None, ()),
    (3, 3, (3, 6), ("单选", "判断"), ()),
    (8, 4294967295, None, ("判断", "填空"), ()),
    (7, 11, None, None, SHARES),
]


def test_node_prints_the_cli_paper_numbered_once(tmp_path: Path, project) -> None:
    """Sections, single numbering across them, stems with their blank, the key's answers and the
    instructions box: the browser's paper-state.js gives what paper.compose and paper.html.j2 give."""
    if not Path(NODE).exists():
        pytest.fail("node is missing: install Debian's nodejs (see README)")
    bank = quiz.questions_data(project)["questions"]
    cases = [
        {
            "questions": bank,
            "title": project.regulation.title,
            "count": n,
            "seed": s,
            "chapters": c,
            "types": t,
            "shares": [list(x) for x in shares] or None,
        }
        for n, s, c, t, shares in PAPERS
    ]
    vectors = tmp_path / "papers.json"
    vectors.write_text(json.dumps({"papers": cases}, ensure_ascii=False), encoding="utf-8")
    script = ROOT / "tests" / "js" / "run_paper_vectors.js"
    done = subprocess.run([NODE, str(script), str(vectors)], capture_output=True, text=True, check=True)
    got = json.loads(done.stdout)["papers"]
    for (n, s, c, t, shares), printed in zip(PAPERS, got, strict=True):
        want = [
            {
                "title": section.title,
                "hint": section.hint,
                "items": [
                    {
                        "number": i.number,
                        "id": i.question.id,
                        "options": list(i.options),
                        "stem": i.question.stem
                        + ("" if i.question.type == "填空" or quiz.BLANK in i.question.stem else quiz.BLANK),
                        "answer": i.answer,
                    }
                    for i in section.items
                ],
            }
            for section in paper.compose(project, n, s, c, t, shares)
        ]
        if shares:
            assert (
                printed["scope"] == paper.shares_text(shares) == "组卷方案：单选 3 题、判断 2 题、填空 2 题"
            )
            assert [sec["title"] for sec in printed["sections"]] == [
                "一、单项选择题（共3题）",
                "二、判断题（共2题）",
                "三、填空题（共2题）",
            ]
        assert printed["sections"] == want
        assert [i["number"] for sec in printed["sections"] for i in sec["items"]] == list(range(1, n + 1))
    # The instructions box is the CLI paper's, word for word.
    note = got[0]["instructions"]
    assert note.startswith("本试卷为培训练习用卷，题目依据《") and note.endswith(
        "》编写，答案以规定原文为准。每题分值相同。"
    )
    assert f'<p class="note">{note}</p>' in paper.render_paper(project, 5, 1)[0]


def test_chapters_and_types_limit_the_paper(tmp_path: Path, capsys, project) -> None:
    code, out, err = run(
        capsys,
        "--count",
        "3",
        "--seed",
        "11",
        "--chapters",
        "6,3",
        "--types",
        "判断,单选",
        "--out",
        str(tmp_path),
    )
    assert (code, err) == (0, "")
    stem = "exam-paper-3-seed11-ch3-6-单选-判断"
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{stem}-key.html", f"{stem}.html"]
    text = (tmp_path / f"{stem}.html").read_text(encoding="utf-8")
    assert "范围：第三章、第六章；题型：单选、判断" in text
    sections = paper.compose(project, 3, 11, (3, 6), ("单选", "判断"))
    chapter_of = {a.number: a.chapter for a in project.regulation.articles}
    items = [i for s in sections for i in s.items]
    assert len(items) == 3  # of the four: q23-1, q23-4, q42-1, q42-2
    assert {chapter_of[i.question.article] for i in items} <= {3, 6} and all(
        not i.question.law for i in items
    )
    assert {i.question.type for i in items} <= {"单选", "判断"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--chapters", "1,9"),
            "--chapters takes chapter numbers between 1 and 6 separated by commas, got '9'",
        ),
        (("--types", "单选,问答"), "--types takes 单选、多选、判断、填空 separated by commas, got '问答'"),
        (("--seed", "-1"), "--seed must be between 0 and 4294967295, got -1"),
        (("--seed", "4294967296"), "--seed must be between 0 and 4294967295, got 4294967296"),
        (
            ("--chapters", "3", "--types", "填空", "--count", "999"),
            "--count must be between 1 and {n} (the questions in the chosen chapters and types), got 999",
        ),
    ],
)
def test_invalid_filters_exit_1(tmp_path: Path, capsys, project, args, message) -> None:
    code, _, err = run(capsys, "--count", "5", *args, "--out", str(tmp_path / "x"))
    n = len(paper.pool(project, (3,), ("填空",)))
    assert n == 1  # q23-2
    assert (code, err.strip()) == (1, message.format(n=n))
    assert not (tmp_path / "x").exists()


def test_the_mock_exam_paper_follows_the_composition(tmp_path: Path, capsys, project) -> None:
    """Issue 28 item 4: `paper --exam` draws exam.yaml's composition: its types and counts, the
    same paper for the same seed, and the composition printed on it."""
    code, out, _ = run(capsys, "--exam", "--seed", "7", "--out", str(tmp_path))
    assert code == 0
    stem = tmp_path / "exam-paper-6-mock-seed7"
    assert out.strip() == f"wrote {stem}.html and {stem}-key.html"
    html = Path(f"{stem}.html").read_text(encoding="utf-8")
    assert (
        '<p class="sub">组卷方案：单选 2 题、多选 1 题、判断 2 题、填空 1 题；'
        "按法规：《吉林市行政执法责任制规定》 4 题、《行政处罚法》 2 题</p>" in html
    )
    plan = quiz.bank_of(project).exam.plan
    sections = paper.compose(project, 6, 7, shares=plan)
    assert [s.title for s in sections] == [
        "一、单项选择题（共2题）",
        "二、多项选择题（共1题）",
        "三、判断题（共2题）",
        "四、填空题（共1题）",
    ]
    assert [i.number for s in sections for i in s.items] == list(range(1, 7))
    # Issue 28: the shares by regulation hold, in every type as the plan splits it.
    drawn = Counter((i.question.type, i.question.law or "jilin-zfzrz") for s in sections for i in s.items)
    assert drawn == Counter({(t, slug): n for t, n, slug in plan})
    assert sum(n for (_, slug), n in drawn.items() if slug == "xzcf") == 2
    assert "《中华人民共和国行政处罚法》第" in Path(f"{stem}-key.html").read_text(encoding="utf-8")
    assert sections == paper.compose(project, 6, 7, shares=plan)
    assert sections != paper.compose(project, 6, 8, shares=plan)


@pytest.mark.parametrize(
    "args",
    [("--exam", "--types", "单选"), ("--exam", "--chapters", "1")],
)
def test_the_mock_exam_paper_takes_no_filters(tmp_path: Path, capsys, args) -> None:
    code, _, err = run(capsys, *args, "--out", str(tmp_path / "x"))
    assert (code, err.strip()) == (
        1,
        "--exam draws the mock exam's composition; leave out --chapters and --types",
    )
    assert not (tmp_path / "x").exists()


def test_the_mock_exam_paper_needs_a_composition(tmp_path: Path, capsys, quiz_copy: Path) -> None:
    exam = quiz_copy / "content/questions/exam.yaml"
    text = exam.read_text(encoding="utf-8")
    exam.write_text(text[: text.index("composition:")], encoding="utf-8")
    code = main(["--root", str(quiz_copy), "paper", "--exam", "--out", str(tmp_path / "x")])
    _, err = capsys.readouterr()
    assert (code, err.strip()) == (1, "--exam needs a composition in content/questions/exam.yaml")
