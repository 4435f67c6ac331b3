"""Hostile and odd input to the importer and the YAML loader (issue 23, items 4 and 5).

Each case asserts the exact message or the exact parsed result. A mistyped article label is never
read as a 款 of the article before it; characters that are not text are removed and recorded; no
input hangs or crashes the loader.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import SOURCE

from generator.errors import Problem
from generator.importer import ImportError_, parse_regulation, read_source
from generator.load import MAX_BYTES, MAX_DEPTH, Document, parse_yaml, read_yaml
from generator.parse import MAX_SOURCE_BYTES, ParseError, parse

# A national-layout text whose line 5 is the line under test.
HEAD = "示例条例\n第一章 总则\n第一条 甲。\n第二条 乙。\n"


def parse_error(text: str, source: str = "src.txt") -> str:
    with pytest.raises(ParseError) as exc:
        parse(text, source)
    return str(exc.value)


# -- article labels -----------------------------------------------------------------------------

LABELS = [
    # Full-width and ASCII digits where the document writes Chinese numerals.
    ("第３条 丙。", "src.txt:5: article label 第３条 uses full-width digits; write 第三条"),
    ("第３条丙。", "src.txt:5: article label 第３条 uses full-width digits; write 第三条"),
    (
        "第3条 丙。",
        "src.txt:5: article label 第3条 uses digits where this document writes Chinese numerals; write 第三条",
    ),
    # Spaces inside the label, ASCII or ideographic, with or without a separator after it.
    ("第 三 条 丙。", "src.txt:5: article label 第 三 条 has spaces inside; write 第三条"),
    (
        "第\u3000三\u3000条\u3000丙。",
        "src.txt:5: article label 第\u3000三\u3000条 has spaces inside; write 第三条",
    ),
    ("第三 条丙。", "src.txt:5: article label 第三 条 has spaces inside; write 第三条"),
    ("第二条之 一 丙。", "src.txt:5: article label 第二条之 一 has spaces inside; write 第二条之一"),
    # The traditional 條.
    ("第三條 丙。", "src.txt:5: article label 第三條 uses the traditional 條; write 第三条"),
    ("第三條丙。", "src.txt:5: article label 第三條 uses the traditional 條; write 第三条"),
    # No separator between the next label and its text.
    ("第三条丙。", "src.txt:5: article label 第三条 is not followed by a space before its text"),
    ("第二条之一丙。", "src.txt:5: article label 第二条之一 is not followed by a space before its text"),
    # Jumps in numbering: a mistyped number, a dropped label line, 万.
    ("第一万条 丙。", "src.txt:5: article 10000 follows article 2"),
    ("第四条 丁。", "src.txt:5: article 4 follows article 2"),
    ("第二条 重复。", "src.txt:5: article 2 follows article 2"),
    ("第三条之一 丙。", "src.txt:5: article 3-1 follows article 2"),
    # Numerals that are not numerals.
    ("第十〇条 丙。", "src.txt:5: cannot read the number 十〇"),
    ("第一十三条 丙。", "src.txt:5: cannot read the number 一十三"),
    ("第万条 丙。", "src.txt:5: cannot read the number 万"),
    # Empty articles: a label alone before the next label, a heading, an appendix, the end.
    ("第三条\n第四条 丁。", "src.txt:5: article 3 has no text"),
    ("第三条\n第二章 其他\n第四条 丁。", "src.txt:5: article 3 has no text"),
    ("第三条\n附件：\n表", "src.txt:5: article 3 has no text"),
    ("第三条", "src.txt:5: article 3 has no text"),
    # Trailing whitespace is removed (and recorded): what is left is a label alone.
    ("第三条\u3000", "src.txt:5: article 3 has no text"),
]


@pytest.mark.parametrize(("line", "message"), LABELS)
def test_mistyped_labels_are_refused_never_merged(line: str, message: str) -> None:
    assert parse_error(HEAD + line) == message


def test_a_line_citing_another_article_stays_text() -> None:
    # 第N条 directly followed by text, N not the next article: a 款 that starts by citing one.
    doc = parse(HEAD + "第三十条规定的期限，依照本条执行。\n第三条 丙。", "src.txt")
    assert [(a.label, a.lines) for a in doc.articles] == [
        ("第一条", ("甲。",)),
        ("第二条", ("乙。", "第三十条规定的期限，依照本条执行。")),
        ("第三条", ("丙。",)),
    ]


def test_a_document_numbered_in_digits_keeps_its_digits() -> None:
    doc = parse("示例\n第1条 甲。\n第2条 乙。", "d.txt")
    assert [(a.label, a.number, a.text) for a in doc.articles] == [("第1条", 1, "甲。"), ("第2条", 2, "乙。")]
    assert parse_error("示例\n第1条 甲。\n第二条 乙。", "d.txt") == (
        "d.txt:3: article label 第二条 uses Chinese numerals where this document writes digits; write 第2条"
    )


def test_a_bare_label_with_its_text_below_is_an_article() -> None:
    doc = parse(HEAD + "第三条\n丙。", "src.txt")
    assert doc.articles[-1].text == "丙。"


def _jilin(old: str, new: str) -> str:
    text = SOURCE.read_text(encoding="utf-8")
    assert text.count(old) == 1
    return text.replace(old, new)


LAST = "\u3000\u3000第四十三条\u3000本规定"
JILIN = [
    (
        LAST,
        "\u3000\u3000第４３条\u3000本规定",
        "114: article label 第４３条 uses full-width digits; write 第四十三条",
    ),
    (
        LAST,
        "\u3000\u3000第 四十三 条\u3000本规定",
        "114: article label 第 四十三 条 has spaces inside; write 第四十三条",
    ),
    (
        LAST,
        "\u3000\u3000第四十三條\u3000本规定",
        "114: article label 第四十三條 uses the traditional 條; write 第四十三条",
    ),
    (
        LAST,
        "\u3000\u3000第四十三条本规定",
        "114: article label 第四十三条 is not followed by a space before its text",
    ),
    (LAST, "\u3000\u3000第一万条\u3000本规定", "114: article 10000 follows article 42"),
    (
        LAST,
        "\u3000\u3000第43条\u3000本规定",
        "114: article label 第43条 uses digits where this document writes Chinese numerals; write 第四十三条",
    ),
    # A label dropped from its line: its text cannot follow a chapter heading, nor 第四十二条 第四十条.
    (
        "\u3000\u3000第四十二条\u3000",
        "\u3000\u3000",
        "113: text between a chapter heading and its first article",
    ),
    ("\u3000\u3000第四十一条\u3000", "\u3000\u3000", "113: article 42 follows article 40"),
    ("施行。\n", "施行。\n\u3000\u3000第四十四条\n", "115: article 44 has no text"),
]


@pytest.mark.parametrize(("old", "new", "message"), JILIN)
def test_the_jilin_source_with_one_label_mistyped(old: str, new: str, message: str) -> None:
    with pytest.raises(ImportError_) as exc:
        parse_regulation(_jilin(old, new), SOURCE.name)
    assert str(exc.value) == f"{SOURCE.name}:{message}"


def test_dropping_a_whole_label_line_is_a_numbering_jump() -> None:
    text = SOURCE.read_text(encoding="utf-8").split("\n")
    del text[112]  # 第四十二条, line 113
    with pytest.raises(ImportError_) as exc:
        parse_regulation("\n".join(text), SOURCE.name)
    assert str(exc.value) == f"{SOURCE.name}:113: article 43 follows article 41"


# -- characters that are not text ---------------------------------------------------------------

INVISIBLE = [
    ("\u202e", "不可见的文字方向控制字符（U+202E），不属于规定原文"),
    ("\u202a", "不可见的文字方向控制字符（U+202A），不属于规定原文"),
    ("\u2066", "不可见的文字方向控制字符（U+2066），不属于规定原文"),
    ("\u200f", "不可见的文字方向控制字符（U+200F），不属于规定原文"),
    ("\u061c", "不可见的文字方向控制字符（U+061C），不属于规定原文"),
    ("\u00ad", "不可见的软连字符（U+00AD），不属于规定原文"),
    ("\u2061", "不可见的格式字符（U+2061），不属于规定原文"),
    ("\u180e", "不可见的格式字符（U+180E），不属于规定原文"),
    ("\U000e0041", "不可见的格式字符（U+E0041），不属于规定原文"),
    ("\u200b", "不可见的零宽字符（U+200B），不属于规定原文"),
    ("\u2060", "不可见的零宽字符（U+2060），不属于规定原文"),
    ("\x00", None),  # a NUL is binary data: see test_binary_source
    ("\x7f", "控制字符（U+007F），不属于规定原文"),
    ("\x85", "控制字符（U+0085），不属于规定原文"),
    ("\x1b", "控制字符（U+001B），不属于规定原文"),
    ("\ue704", "数据库网页的图标字符（私用区 U+E704），不属于规定原文"),
    ("\U000f0001", "数据库网页的图标字符（私用区 U+F0001），不属于规定原文"),
    ("\U0010fffd", "数据库网页的图标字符（私用区 U+10FFFD），不属于规定原文"),
]


@pytest.mark.parametrize(("char", "reason"), [c for c in INVISIBLE if c[1]])
def test_every_non_text_character_is_removed_and_recorded(char: str, reason: str) -> None:
    doc = parse(HEAD + f"第三条 丙{char}丁。", "src.txt")
    assert doc.articles[-1].text == "丙丁。"
    assert [(r.line, r.column, r.removed, r.reason) for r in doc.removed] == [
        (5, 6, f"U+{ord(char):04X}", reason)
    ]


def test_the_site_records_list_a_right_to_left_override() -> None:
    result = parse_regulation("标题\n第一章　总则\n第一条　正\u202e文\u00ad", "src.txt")
    assert result.articles[0]["paragraphs"] == [{"text": "正文"}]
    assert [n for n in result.regulation["import_notes"] if "column" in n] == [
        {
            "line": 3,
            "column": 6,
            "removed": "U+202E",
            "reason": "不可见的文字方向控制字符（U+202E），不属于规定原文",
        },
        {"line": 3, "column": 8, "removed": "U+00AD", "reason": "不可见的软连字符（U+00AD），不属于规定原文"},
    ]


def test_text_characters_are_kept() -> None:
    # Tab-free CJK text with full-width spaces, hyphens, compatibility ideographs and emoji stays.
    line = "第三条 甲\u3000乙‐丙豈😀丁。"
    assert parse(HEAD + line, "src.txt").articles[-1].text == "甲\u3000乙‐丙豈😀丁。"


# -- line ends, BOM, empty and binary sources ---------------------------------------------------


def test_crlf_reads_as_lf() -> None:
    lf = parse(HEAD + "第三条 丙。\n（一）项。", "src.txt")
    crlf = parse((HEAD + "第三条 丙。\n（一）项。").replace("\n", "\r\n"), "src.txt")
    assert crlf == lf
    assert crlf.removed == ()


def test_a_lone_cr_ends_a_line() -> None:
    doc = parse(HEAD.replace("\n", "\r") + "第三条 丙。", "src.txt")
    assert [(a.line, a.text) for a in doc.articles] == [(3, "甲。"), (4, "乙。"), (5, "丙。")]


def test_a_bom_is_removed_and_recorded() -> None:
    doc = parse("\ufeff" + HEAD, "src.txt")
    assert doc.title == "示例条例"
    assert [(r.line, r.column, r.removed) for r in doc.removed] == [(1, 1, "U+FEFF")]


def test_empty_source() -> None:
    assert parse_error("") == "src.txt:1: not a regulation in 条 form: no article (第一条) found"
    assert (
        parse_error("\n\u3000\n\ufeff\n")
        == "src.txt:1: not a regulation in 条 form: no article (第一条) found"
    )
    assert parse_error("【法宝引证码】 CLI.1\n\u3000\u3000标题\n") == "src.txt:1: no article (第一条) found"


def test_binary_source() -> None:
    assert parse_error(HEAD + "\x00\x01PK") == "src.txt:5: binary data (a NUL byte), not a text file"


def test_source_over_the_limit_is_refused_with_its_size() -> None:
    text = HEAD + "第三条 " + "丙" * (MAX_SOURCE_BYTES // 3)
    size = len(text.encode())
    assert parse_error(text) == (
        f"src.txt:1: source is {size:,} bytes; the importer reads at most 4,194,304 bytes (4 MiB)"
    )


def test_read_source_refuses_a_huge_file_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(5 * 1024 * 1024)
    with pytest.raises(ImportError_) as exc:
        read_source(big)
    assert (
        str(exc.value)
        == "big.txt:1: source is 5,242,880 bytes; the importer reads at most 4,194,304 bytes (4 MiB)"
    )


def test_read_source_locates_a_non_utf8_byte(tmp_path: Path) -> None:
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("标题\n第一条 甲\n".encode() + "第二条 乙".encode("gbk"))
    with pytest.raises(ImportError_) as exc:
        read_source(gbk)
    assert (
        str(exc.value) == "gbk.txt:3: not UTF-8 text (invalid start byte at byte 21); save the file as UTF-8"
    )


def test_read_source_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(ImportError_) as exc:
        read_source(tmp_path)
    assert str(exc.value) == f"{tmp_path.name}:1: is a folder, not a text file"


def test_read_source_reads_utf8(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(HEAD, encoding="utf-8")
    assert read_source(tmp_path / "ok.txt") == HEAD


# -- YAML: anchors, aliases, depth, size, bytes -------------------------------------------------


def _bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghij"):
        prev = "abcdefghij"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_fails_fast() -> None:
    start = time.perf_counter()
    problem = parse_yaml("caption: 注\n" + _bomb(), "content/articles/art-01.yaml")
    assert time.perf_counter() - start < 1
    assert str(problem) == (
        "content/articles/art-01.yaml:2: -: anchor &a: YAML anchors and aliases are not allowed in content; "
        "write the value out"
    )


YAML_CASES = [
    (
        "a: &x 1\nb: *x\n",
        "a.yaml:1: -: anchor &x: YAML anchors and aliases are not allowed in content; write the value out",
    ),
    (
        "base: &base {k: 1}\nc:\n  <<: *base\n",
        "a.yaml:1: -: anchor &base: YAML anchors and aliases are not allowed in content; write the value out",
    ),
    (
        "a: 1\nb: *nowhere\n",
        "a.yaml:2: -: alias *nowhere: YAML anchors and aliases are not allowed in content; write the value out",
    ),
    ("x: " + "[" * 5000 + "]" * 5000 + "\n", "a.yaml:1: -: nested deeper than 32 levels"),
    ("x: " + "{a: " * 5000 + "}" * 5000 + "\n", "a.yaml:1: -: nested deeper than 32 levels"),
    (
        "".join("  " * i + f"k{i}:\n" for i in range(40)) + "  " * 40 + "v\n",
        "a.yaml:33: -: nested deeper than 32 levels",
    ),
    ("".join("  " * i + "-\n" for i in range(40)), "a.yaml:33: -: nested deeper than 32 levels"),
    ("x: 1\ny: \x00\n", "a.yaml:2: -: binary data (a NUL byte), not YAML text"),
    ("caption: 注\u00ad释\n", "a.yaml:1: caption: contains U+00AD (soft hyphen), which is not text"),
    (
        "caption: 注\u202e释\n",
        "a.yaml:1: caption: contains U+202E (bidirectional control character), which is not text",
    ),
    (
        "caption: 注\u2061释\n",
        "a.yaml:1: caption: contains U+2061 (invisible format character), which is not text",
    ),
    ('caption: "注\\r释"\n', "a.yaml:1: caption: contains U+000D (control character), which is not text"),
    (
        "caption: 注\U000f0001\n",
        "a.yaml:1: caption: contains U+F0001 (private-use character), which is not text",
    ),
    ("x: [1\n" + "[" * 100_000, "a.yaml:2: -: invalid YAML: expected ',' or ']', but got '['"),
    (
        "!!python/object:os.system {}\n",
        "a.yaml:1: -: invalid YAML: could not determine a constructor for the tag 'tag:yaml.org,2002:python/object:os.system'",
    ),
]


@pytest.mark.parametrize(("text", "message"), YAML_CASES)
def test_hostile_yaml_is_a_located_problem(text: str, message: str) -> None:
    start = time.perf_counter()
    assert str(parse_yaml(text, "a.yaml")) == message
    assert time.perf_counter() - start < 5


def test_nesting_up_to_the_limit_loads() -> None:
    text = "x: " + "[" * (MAX_DEPTH - 1) + "1" + "]" * (MAX_DEPTH - 1) + "\n"
    doc = parse_yaml(text, "a.yaml")
    assert isinstance(doc, Document)
    assert str(parse_yaml("x: " + "[" * MAX_DEPTH + "1" + "]" * MAX_DEPTH + "\n", "a.yaml")) == (
        "a.yaml:1: -: nested deeper than 32 levels"
    )


def test_yaml_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "art-01.yaml"
    with big.open("wb") as f:
        f.truncate(3 * 1024 * 1024)
    assert read_yaml(big, tmp_path) == Problem(
        "art-01.yaml",
        1,
        "-",
        "file is 3,145,728 bytes; a content file may hold at most 2,097,152 bytes (2 MiB)",
    )
    text = "caption: " + "注" * (MAX_BYTES // 3) + "\n"
    assert str(parse_yaml(text, "a.yaml")) == (
        f"a.yaml:1: -: file is {len(text.encode()):,} bytes; a content file may hold at most 2,097,152 bytes (2 MiB)"
    )


def test_yaml_not_utf8_is_located_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_bytes(b"a: 1\nb: 2\n" + "c: 甲".encode("gbk"))
    assert read_yaml(tmp_path / "x.yaml", tmp_path) == Problem(
        "x.yaml", 3, "-", "not UTF-8 text (invalid start byte at byte 13)"
    )


def test_yaml_binary_file(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert read_yaml(tmp_path / "x.yaml", tmp_path) == Problem(
        "x.yaml", 1, "-", "not UTF-8 text (invalid start byte at byte 0)"
    )


def test_yaml_empty_bom_and_crlf() -> None:
    assert parse_yaml("", "a.yaml") == Document("a.yaml", None, {})
    lf = parse_yaml("caption: 注\nnotes:\n- text: |\n    甲\n    乙\n", "a.yaml")
    bom = parse_yaml("\ufeffcaption: 注\nnotes:\n- text: |\n    甲\n    乙\n", "a.yaml")
    crlf = parse_yaml("caption: 注\r\nnotes:\r\n- text: |\r\n    甲\r\n    乙\r\n", "a.yaml")
    assert lf.data == bom.data == crlf.data == {"caption": "注", "notes": [{"text": "甲\n乙\n"}]}
    assert lf.lines == bom.lines == crlf.lines


def test_check_reports_an_alias_bomb_in_one_line(tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys

    from conftest import ROOT

    root = tmp_path / "p"
    for name in ("content", "checklists", "mkdocs.yml"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, root / name)
    art = root / "content" / "articles" / "art-01.yaml"
    art.write_text(art.read_text(encoding="utf-8") + _bomb(), encoding="utf-8")
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--root", str(root)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert time.perf_counter() - start < 30
    line = art.read_text(encoding="utf-8").split("\n").index(_bomb().split("\n")[0]) + 1
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines()[0] == (
        f"content/articles/art-01.yaml:{line}: -: anchor &a: YAML anchors and aliases are not allowed in "
        "content; write the value out"
    )
    assert "Traceback" not in result.stderr
