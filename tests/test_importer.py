"""The importer, and the fidelity of the shipped text to the source, character for character."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SOURCE, run_cli

from generator.importer import ImportError_, merge_article, parse_regulation
from generator.parse import ParseError, parse


@pytest.fixture(scope="module")
def imported():
    return parse_regulation(SOURCE.read_text(encoding="utf-8"), SOURCE.name)


@pytest.fixture(scope="module")
def project(shipped_project):
    return shipped_project


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


# The document model (generator/parse.py): every shape of issue 17, both layouts.

NATIONAL = "\n\n".join(
    [
        "中华人民共和国示例法",
        "2020年1月1日 第十三届全国人民代表大会常务委员会第一次会议通过",
        "2021年2月2日 第十三届全国人民代表大会常务委员会第二次会议《关于修改〈中华人民共和国",
        "〈示例法〉的决定》修正",
        "序言",
        "序言正文。",
        "第一编 总则",
        "第一章 一般规定",
        "第一条 第一款。",
        "第二款：",
        "（一）项一；",
        "（二）项二：",
        "1．目一；",
        "2．目二。",
        "第一条之一 之一条文。",
        "第二章 其他",
        "第一节 通则",
        "第二条 二条。",
        "第二编 分则",
        "第一分编 通则",
        "第一章 规定",
        "第三条 三条。",
        "附件：",
        "清单",
        "内容",
    ]
)


def test_parse_reads_every_shape_with_ids() -> None:
    doc = parse(NATIONAL, "law.txt")
    assert doc.layout == "national"
    assert doc.title == "中华人民共和国示例法"
    assert [(h.line, h.date, h.text) for h in doc.history] == [
        (3, "2020-01-01", "2020年1月1日 第十三届全国人民代表大会常务委员会第一次会议通过"),
        (
            5,
            "2021-02-02",
            "2021年2月2日 第十三届全国人民代表大会常务委员会第二次会议《关于修改〈中华人民共和国\n"
            "〈示例法〉的决定》修正",
        ),
    ]
    assert [p.text for p in doc.preamble] == ["序言", "序言正文。"]
    assert [(d.id, d.label, d.title, list(d.articles)) for d in doc.walk()] == [
        ("book_1", "第一编", "总则", []),
        ("book_1__chp_1", "第一章", "一般规定", ["art_1", "art_1-1"]),
        ("book_1__chp_2", "第二章", "其他", []),
        ("book_1__chp_2__sec_1", "第一节", "通则", ["art_2"]),
        ("book_2", "第二编", "分则", []),
        ("book_2__part_1", "第一分编", "通则", []),
        ("book_2__part_1__chp_1", "第一章", "规定", ["art_3"]),
    ]
    assert [(a.id, a.label, a.number, a.suffix, a.division) for a in doc.articles] == [
        ("art_1", "第一条", 1, 0, "book_1__chp_1"),
        ("art_1-1", "第一条之一", 1, 1, "book_1__chp_1"),
        ("art_2", "第二条", 2, 0, "book_1__chp_2__sec_1"),
        ("art_3", "第三条", 3, 0, "book_2__part_1__chp_1"),
    ]
    first = doc.articles[0]
    assert first.text == "第一款。\n第二款：\n（一）项一；\n（二）项二：\n1．目一；\n2．目二。"
    point = first.paragraphs[1].points[1]
    assert point.id == "art_1__para_2__point_2"
    assert [(s.id, s.text) for s in point.subpoints] == [
        ("art_1__para_2__point_2__subpoint_1", "1．目一；"),
        ("art_1__para_2__point_2__subpoint_2", "2．目二。"),
    ]
    assert doc.articles[1].paragraphs[0].id == "art_1-1__para_1"
    assert [(x.id, x.heading, list(x.lines)) for x in doc.appendices] == [
        ("att_1", "附件：", ["清单", "内容"])
    ]
    assert doc.articles[-1].text == "三条。"


def test_parse_reads_judicial_interpretation_headings() -> None:
    text = "最高人民法院关于某事的解释\n为正确审理，制定本解释。\n一、一般规定\n第一条 甲。\n二、其他\n第二条 乙。\n一、这不是标题\n二、也不是"
    doc = parse(text, "j.txt")
    assert [p.text for p in doc.preamble] == ["为正确审理，制定本解释。"]
    assert [(d.id, d.label, d.title, list(d.articles)) for d in doc.divisions] == [
        ("hcontainer_1", "一、", "一般规定", ["art_1"]),
        ("hcontainer_2", "二、", "其他", ["art_2"]),
    ]
    assert doc.articles[1].text == "乙。\n一、这不是标题\n二、也不是"


def test_parse_reads_the_jilin_source_as_pkulaw() -> None:
    doc = parse(SOURCE.read_text(encoding="utf-8"), SOURCE.name)
    assert doc.layout == "pkulaw"
    assert doc.title == "吉林市行政执法责任制规定"
    assert [d.id for d in doc.divisions] == [f"chp_{n}" for n in range(1, 7)]
    assert len(doc.articles) == 43
    assert doc.articles[26].paragraphs[0].points[0].id == "art_27__para_1__point_1"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("标题\n第一条 甲\n第一条之二 乙", "src.txt:3: article 1-2 follows article 1"),
        ("标题\n第一条 甲\n附件：\n表\n第二条 乙", "src.txt:5: article 第二条 after the appendices"),
        ("标题\n第一条 甲\n（一）项\n1．目\n3．目", "src.txt:5: sub-item 3. out of sequence"),
        (
            "标题\n第一章 总则\n杂\n第一条 甲",
            "src.txt:3: text between a chapter heading and its first article",
        ),
        ("标题\n第一章 总则\n第一节 甲\n第一条 甲\n第一节 乙", "src.txt:5: section 1 follows section 1"),
        ("标题\n第一章 总则\n第二节 甲\n第一条 甲", "src.txt:3: section 2 follows section 0"),
        (
            "标题\n第一条 甲\n附 则\n第二条 乙",
            "src.txt:3: heading 附 则 has no number (第N章); number it in the source",
        ),
        (
            "标题\n 第一条 甲",
            "src.txt:2: leading whitespace (indentation) in the national layout; fix the source file",
        ),
        ("标题\n序言\n正文", "src.txt:1: not a regulation in 条 form: no article (第一条) found"),
        (
            "中华人民共和国宪法修正案\n第三条 甲",
            "src.txt:1: an amendment (修正案, 修改决定), not a regulation in 条 form: not imported",
        ),
    ],
)
def test_parse_errors_name_the_line(text: str, message: str) -> None:
    with pytest.raises(ParseError) as exc:
        parse(text, "src.txt")
    assert str(exc.value) == message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "标题\n第一章　总则\n第一条　甲\n第一条之一　乙",
            "src.txt:4: articles with 之N (第一条之一) are not supported yet",
        ),
        (
            "标题\n第一章　总则\n第一条　甲\n（一）项\n1．目",
            "src.txt:5: sub-items (目) are not supported yet",
        ),
        (
            "标题\n第一编　总则\n第一章　总则\n第一条　甲",
            "src.txt:2: books (编) are not supported by this importer",
        ),
        ("标题\n第一章　总则\n第一条　甲\n附件：\n表", "src.txt:4: appendices are not supported yet"),
        ("标题\n第一章　总则\n第二章　空\n第一条　甲", "src.txt:2: chapter 1 has no article"),
    ],
)
def test_site_records_refuse_what_they_cannot_hold(text: str, message: str) -> None:
    with pytest.raises(ImportError_) as exc:
        parse_regulation(text, "src.txt")
    assert str(exc.value) == message


def _run_import(*args: str) -> subprocess.CompletedProcess:
    """In process; test_import_command_writes_skeletons is the `import` smoke test in a subprocess."""
    return run_cli("import", *args)


def test_import_json_prints_the_parsed_document(project) -> None:
    result = _run_import(str(SOURCE), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == "吉林市行政执法责任制规定"
    assert data["history"] == [
        {
            "line": 5,
            "date": "2005-11-25",
            "text": "（2005年11月25日吉林市人民政府令第167号公布　根据2023年2月1日吉林市人民政府令第243号修订）",
        }
    ]
    assert [d["id"] for d in data["divisions"]] == [f"chp_{n}" for n in range(1, 7)]
    assert data["divisions"][1]["articles"][0] == "art_5"
    assert [(a["label"], a["text"]) for a in data["articles"]] == [
        (a.label, a.text) for a in project.regulation.articles
    ]
    assert data["articles"][26]["paragraphs"][0]["points"][0]["id"] == "art_27__para_1__point_1"


def test_import_json_reads_the_national_layout(tmp_path: Path) -> None:
    source = tmp_path / "law.txt"
    source.write_text(NATIONAL, encoding="utf-8")
    result = _run_import(str(source), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [a["label"] for a in data["articles"]] == ["第一条", "第一条之一", "第二条", "第三条"]
    assert data["articles"][1] | {"paragraphs": []} == {
        "id": "art_1-1",
        "label": "第一条之一",
        "number": 1,
        "suffix": 1,
        "line": 29,
        "division": "book_1__chp_1",
        "text": "之一条文。",
        "paragraphs": [],
    }
    assert data["appendices"] == [{"id": "att_1", "line": 45, "heading": "附件：", "text": "清单\n内容"}]


def test_import_json_errors_are_located(tmp_path: Path) -> None:
    source = tmp_path / "bad.txt"
    source.write_text("标题\n第二条 甲\n", encoding="utf-8")
    result = _run_import(str(source), "--json")
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        "",
        "bad.txt:2: article 2 follows article 0\n",
    )


def test_import_out_and_json_are_alternatives(tmp_path: Path) -> None:
    both = _run_import(str(SOURCE), "--json", "--out", str(tmp_path))
    assert both.returncode == 2
    assert "argument --out: not allowed with argument --json" in both.stderr
    neither = _run_import(str(SOURCE))
    assert neither.returncode == 2
    assert "one of the arguments --out --json is required" in neither.stderr


def test_parsed_ids_are_the_sites_provision_ids(project) -> None:
    from generator.links import provision_index

    doc = parse(SOURCE.read_text(encoding="utf-8"), SOURCE.name)
    ids = []
    for art in doc.articles:
        ids.append(art.id)
        for para in art.paragraphs:
            ids.append(para.id)
            ids.extend(point.id for point in para.points)
    assert ids == list(provision_index(project.regulation))


def test_parse_pkulaw_preamble_and_layout_detection() -> None:
    text = "【法宝引证码】 CLI.1.2\n示例规定\n序　言\n　　序言正文。\n第一章　总则\n　　第一条　甲"
    doc = parse(text, "p.txt")
    assert doc.layout == "pkulaw"
    assert (doc.title, [p.text for p in doc.preamble]) == ("示例规定", ["序　言", "序言正文。"])
    assert [(r.line, r.removed) for r in doc.removed] == [(1, "【法宝引证码】 CLI.1.2")]
    assert doc.source_info == {"citation_code": "CLI.1.2"}


def test_parse_bare_labels_and_numbered_lines_outside_items() -> None:
    doc = parse("标题\n第一条\n正文：\n1．甲；\n2．乙。", "b.txt")
    art = doc.articles[0]
    assert art.text == "正文：\n1．甲；\n2．乙。"
    assert [(p.id, p.line) for p in art.paragraphs] == [
        ("art_1__para_1", 3),
        ("art_1__para_2", 4),
        ("art_1__para_3", 5),
    ]
    with pytest.raises(ParseError) as exc:
        parse("标题\n第一条\n（一）项", "b.txt")
    assert str(exc.value) == "b.txt:3: item （一） before any text of its article"


def test_reimporting_the_source_changes_no_file(tmp_path: Path) -> None:
    out = tmp_path / "content"
    shutil.copytree(ROOT / "content", out)
    before = {p: p.read_bytes() for p in sorted(out.rglob("*.yaml"))}
    result = _run_import(str(SOURCE), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert {p: p.read_bytes() for p in sorted(out.rglob("*.yaml"))} == before
