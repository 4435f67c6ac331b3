"""The importer, and the fidelity of the shipped text to the source, character for character."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SOURCE

from generator.build import load_project
from generator.importer import ImportError_, merge_article, parse_regulation


@pytest.fixture(scope="module")
def imported():
    return parse_regulation(SOURCE.read_text(encoding="utf-8"), SOURCE.name)


@pytest.fixture(scope="module")
def project():
    return load_project(ROOT)


def test_imports_43_articles_in_6_chapters(imported) -> None:
    assert len(imported.articles) == 43
    assert [(c["first"], c["last"]) for c in imported.regulation["chapters"]] == [
        (1, 4),
        (5, 21),
        (22, 27),
        (28, 34),
        (35, 41),
        (42, 43),
    ]


def test_every_shipped_article_equals_a_fresh_import(imported, project) -> None:
    for record, article in zip(imported.articles, project.regulation.articles, strict=True):
        assert article.number == record["number"]
        assert article.chapter == record["chapter"]
        assert [p.text for p in article.paragraphs] == [p["text"] for p in record["paragraphs"]]
        assert [[q.text for q in p.points] for p in article.paragraphs] == [
            p.get("points", []) for p in record["paragraphs"]
        ]


def test_published_text_rebuilds_the_source_exactly(project) -> None:
    """Everything but the recorded removals and the indentation comes back, byte for byte.

    A note with a column removed one character, which must be exactly the recorded code point; a
    note with only a line removed that whole line. Any other difference fails.
    """
    reg = project.regulation
    whole_lines = {n.line for n in reg.import_notes if n.line and not n.column}
    characters = {(n.line, n.column): n.removed for n in reg.import_notes if n.column}
    assert len(characters) == 3
    lines = []
    for number, raw in enumerate(SOURCE.read_text(encoding="utf-8").split("\n"), start=1):
        for column in sorted((c for n, c in characters if n == number), reverse=True):
            assert f"U+{ord(raw[column - 1]):04X}" == characters[number, column]
            raw = raw[: column - 1] + raw[column:]
        if number in whole_lines or not raw.strip():
            continue
        lines.append(raw.lstrip(" \u3000"))
    rebuilt = [reg.title, reg.promulgation_note]
    for chapter in reg.chapters:
        rebuilt.append(f"{chapter.label}\u3000{chapter.title}")
        for article in reg.articles_in(chapter):
            body = list(article.lines)
            rebuilt.append(f"{article.label}\u3000{body[0]}")
            rebuilt.extend(body[1:])
    assert rebuilt == lines


def test_oddities_of_the_source_are_kept(project) -> None:
    text = {a.number: a.text for a in project.regulation.articles}
    assert "诫免谈话" in text[32]
    assert "行政执法机关,法律" in text[3]
    assert text[32].endswith("调离现岗位或给予行政处分；")
    assert text[36].startswith("行政执法机关工作人违反")
    assert text[43] == "本规定自2006年1月1日之日起施行。"


def test_web_page_artifacts_are_removed_and_recorded(imported) -> None:
    notes = imported.regulation["import_notes"]
    assert [n.get("line") for n in notes] == [1, 2, 3, 52, 53, 54, None]
    assert notes[0]["removed"] == "【法宝引证码】 CLI.11.6413060"
    assert imported.regulation["source"]["citation_code"] == "CLI.11.6413060"
    assert imported.regulation["history"] == [
        {"date": "2005-11-25", "instrument": "吉林市人民政府令第167号", "action": "公布"},
        {"date": "2023-02-01", "instrument": "吉林市人民政府令第243号", "action": "修订"},
    ]
    assert imported.regulation["effective"] == "2006-01-01"


def test_private_use_icons_of_article_27_are_removed_and_recorded(imported) -> None:
    notes = [n for n in imported.regulation["import_notes"] if "column" in n]
    assert notes == [
        {
            "line": 52,
            "column": 29,
            "removed": "U+E704",
            "reason": "数据库网页的图标字符（私用区 U+E704），不属于规定原文",
        },
        {
            "line": 53,
            "column": 33,
            "removed": "U+E705",
            "reason": "数据库网页的图标字符（私用区 U+E705），不属于规定原文",
        },
        {
            "line": 54,
            "column": 26,
            "removed": "U+E705",
            "reason": "数据库网页的图标字符（私用区 U+E705），不属于规定原文",
        },
    ]
    art27 = imported.articles[26]["paragraphs"][0]
    assert art27["text"] == "行政执法人员在行政执法中不得有下列行为："
    assert art27["points"][:2] == [
        "（一）超越、滥用行政执法权或者拖延、推诿、拒绝履行法定职责；",
        "（二）索贿受贿、弄虚作假、玩忽职守、徇私枉法；",
    ]


def test_zero_width_and_control_characters_are_removed_and_recorded() -> None:
    text = "\ufeff标题\n第一章　总则\n第一条　正\u200b文\x07\n（一）项\ue000"
    result = parse_regulation(text, "src.txt")
    assert [n for n in result.regulation["import_notes"] if "column" in n] == [
        {"line": 1, "column": 1, "removed": "U+FEFF", "reason": "不可见的零宽字符（U+FEFF），不属于规定原文"},
        {"line": 3, "column": 6, "removed": "U+200B", "reason": "不可见的零宽字符（U+200B），不属于规定原文"},
        {"line": 3, "column": 8, "removed": "U+0007", "reason": "控制字符（U+0007），不属于规定原文"},
        {
            "line": 4,
            "column": 5,
            "removed": "U+E000",
            "reason": "数据库网页的图标字符（私用区 U+E000），不属于规定原文",
        },
    ]
    assert result.regulation["title"] == "标题"
    assert result.articles[0]["paragraphs"] == [{"text": "正文", "points": ["（一）项"]}]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("标题\n第一章　总则\n第二条　正文", "src.txt:3: article 2 follows article 0"),
        ("标题\n第一条　正文", "src.txt:2: article before the first chapter"),
        ("标题\n第一章　总则\n第一条　正文\n（二）项", "src.txt:4: item （二） out of sequence"),
        ("标题\n第一章　总则\n第一节　通则\n", "src.txt:3: sections (节) are not supported by this importer"),
        ("标题\n第二章　总则\n", "src.txt:2: chapter 2 follows chapter 0"),
        ("标题\n", "src.txt:1: no article (第一条) found"),
        ("杂项\n标题\n第一章　总则\n第一条　正文", "src.txt:1: unrecognised line before the title"),
    ],
)
def test_import_errors_name_the_line(text: str, message: str) -> None:
    with pytest.raises(ImportError_) as exc:
        parse_regulation(text, "src.txt")
    assert str(exc.value) == message


def test_reimport_keeps_editorial_fields() -> None:
    imported = {"number": 5, "chapter": 2, "paragraphs": [{"text": "新文字"}]}
    existing = {
        "number": 5,
        "chapter": 2,
        "caption": "条旨",
        "paragraphs": [{"text": "旧"}],
        "notes": [{"text": "注"}],
        "related": [{"ref": "art_6", "reason": "因"}],
    }
    assert merge_article(imported, existing) == {
        "number": 5,
        "chapter": 2,
        "caption": "条旨",
        "paragraphs": [{"text": "新文字"}],
        "related": [{"ref": "art_6", "reason": "因"}],
        "notes": [{"text": "注"}],
    }


def test_import_command_writes_skeletons(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "import", str(SOURCE), "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"imported 43 articles in 6 chapters into {out}\n"
    art = (out / "articles" / "art-36.yaml").read_text(encoding="utf-8")
    assert art.startswith("# yaml-language-server: $schema=../../generator/schemas/article.schema.json\n")
    data = yaml.safe_load(art)
    assert data["caption"] == ""
    assert len(data["paragraphs"][0]["points"]) == 6
