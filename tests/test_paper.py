"""Printable paper: deterministic per seed, self-contained, a separate key; bad --count exits 1."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT

from generator import paper, quiz
from generator.build import load_project
from generator.cli import main


@pytest.fixture(scope="module")
def project():
    return load_project(ROOT)


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--root", str(ROOT), "paper", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_same_seed_same_bytes(tmp_path: Path, capsys) -> None:
    assert run(capsys, "--count", "50", "--seed", "7", "--out", str(tmp_path / "a"))[0] == 0
    assert run(capsys, "--count", "50", "--seed", "7", "--out", str(tmp_path / "b"))[0] == 0
    assert run(capsys, "--count", "50", "--seed", "8", "--out", str(tmp_path / "c"))[0] == 0
    names = ["exam-paper-50-seed7.html", "exam-paper-50-seed7-key.html"]
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == sorted(names)
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    other = (tmp_path / "c" / "exam-paper-50-seed8.html").read_text(encoding="utf-8")
    assert other != (tmp_path / "a" / names[0]).read_text(encoding="utf-8")


def test_paper_and_key_are_self_contained(tmp_path: Path, capsys) -> None:
    code, out, _ = run(capsys, "--count", "50", "--seed", "7", "--out", str(tmp_path))
    assert code == 0 and out.startswith("wrote ")
    text = (tmp_path / "exam-paper-50-seed7.html").read_text(encoding="utf-8")
    key = (tmp_path / "exam-paper-50-seed7-key.html").read_text(encoding="utf-8")
    for html in (text, key):
        assert "@media print" in html
        assert not re.search(r"(src|href)=|@import|url\(", html)  # nothing to fetch, nothing to follow
    # 50 numbered questions on the paper, 50 rows in the key, no answers or explanations on the paper.
    assert len(re.findall(r"<li>\d+\. ", text)) == 50
    assert len(re.findall(r"<tr><td>\d+</td>", key)) == 50
    assert "依据第" not in text and "解析" not in text


def test_sections_follow_the_types_and_number_through(project) -> None:
    sections = paper.compose(project, 40, 3)
    assert [s.title.split("、")[1][:2] for s in sections] == ["单项", "多项", "判断", "填空"][: len(sections)]
    numbers = [i.number for s in sections for i in s.items]
    assert numbers == list(range(1, 41))
    ids = [i.question.id for s in sections for i in s.items]
    assert len(set(ids)) == 40
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
    code, _, err = run(capsys, "--seed", "x", "--out", str(tmp_path / "x"))
    assert (code, err.strip()) == (1, "--seed must be a whole number, got 'x'")
