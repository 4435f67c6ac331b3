from __future__ import annotations

from pathlib import Path

from generator.errors import Problem
from generator.load import Document, parse_yaml, read_folder, read_yaml


def test_lines_are_kept_for_every_value() -> None:
    doc = parse_yaml("number: 5\nparagraphs:\n- text: 甲\n  points:\n  - （一）乙\n", "a.yaml")
    assert isinstance(doc, Document)
    assert doc.lines[("number",)] == 1
    assert doc.lines[("paragraphs", 0, "text")] == 3
    assert doc.lines[("paragraphs", 0, "points", 0)] == 5
    assert doc.line(("paragraphs", 0, "missing", 3)) == 3


def test_dates_stay_strings() -> None:
    doc = parse_yaml("date: 2023-02-01\n", "r.yaml")
    assert doc.data == {"date": "2023-02-01"}


def test_syntax_error_is_a_located_problem() -> None:
    assert parse_yaml("a: [1\nb: 2\n", "bad.yaml") == Problem(
        "bad.yaml", 2, "-", "invalid YAML: expected ',' or ']', but got ':'"
    )


def test_problem_format() -> None:
    doc = parse_yaml("related:\n- ref: art_99\n", "content/articles/art-20.yaml")
    assert str(doc.problem(("related", 0, "ref"), "unknown provision art_99")) == (
        "content/articles/art-20.yaml:2: related[0].ref: unknown provision art_99"
    )


def test_non_utf8_file(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_bytes("标题: 甲".encode("gbk"))
    assert read_yaml(tmp_path / "x.yaml", tmp_path) == Problem(
        "x.yaml", 1, "-", "not UTF-8 text (invalid start byte at byte 0)"
    )


def test_read_folder_skips_templates(tmp_path: Path) -> None:
    for name in ("b.yaml", "a.yaml", "_template.yaml", "notes.txt"):
        (tmp_path / name).write_text("x: 1\n", encoding="utf-8")
    assert [d.path for d in read_folder(tmp_path, tmp_path)] == ["a.yaml", "b.yaml"]


def test_duplicate_keys_are_refused() -> None:
    assert parse_yaml("caption: 甲\nrelated: []\ncaption: 乙\n", "a.yaml") == Problem(
        "a.yaml", 3, "caption", "duplicate key (the earlier value would be lost)"
    )


def test_private_use_character_is_refused_where_it_stands() -> None:
    text = "stem: 行政执法人员在行政执法中不得有下列行为：\ue704\nanswer: 甲\n"
    assert str(parse_yaml(text, "content/questions/art-27.yaml")) == (
        "content/questions/art-27.yaml:1: stem: contains U+E704 (private-use character), which is not text"
    )


def test_non_text_character_is_located_on_its_own_line() -> None:
    text = "notes:\n- title: 注\n  text: |\n    第一行\n    第二行\u200b\n"
    assert str(parse_yaml(text, "a.yaml")) == (
        "a.yaml:5: notes[0].text: contains U+200B (zero-width character), which is not text"
    )


def test_escaped_control_character_is_refused() -> None:
    assert str(parse_yaml('items:\n- text: "是否\\x07"\n', "checklists/x.yaml")) == (
        "checklists/x.yaml:2: items[0].text: contains U+0007 (control character), which is not text"
    )


def test_non_text_character_in_a_key_is_refused() -> None:
    assert str(parse_yaml("title\ufeff: 甲\n", "a.yaml")) == (
        "a.yaml:1: title\ufeff: contains U+FEFF (zero-width character), which is not text"
    )


def test_text_characters_pass() -> None:
    # Full-width spaces, CJK punctuation and the characters just outside the private-use area are text.
    doc = parse_yaml("stem: 甲\u3000（　　）\ud7ff\uf900\u2010\t乙\n", "a.yaml")
    assert isinstance(doc, Document)
