"""Further regulations of the site (generator/laws.py): any shape the parser reads becomes
content/laws/<slug>/ records, loads into the model and renders; bad records are located errors."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli
from test_importer import NATIONAL

from generator.importer import law_records
from generator.laws import load_laws
from generator.links import provision_index
from generator.parse import parse
from generator.render import core_pages, law_view, no_facets
from generator.xref import law_references


def import_demo(root: Path, slug: str = "demo") -> Path:
    """NATIONAL (编, 分编, 章, 节, 之一, 目, 序言, 附件) imported with the CLI into root/content/laws/slug."""
    source = root / "law.txt"
    source.write_text(NATIONAL, encoding="utf-8")
    out = root / "content/laws" / slug
    result = run_cli("import", str(source), "--law", slug, "--out", str(out))
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        f"imported 4 articles of 中华人民共和国示例法 into {out}\n",
        "",
    )
    return out


def test_every_shape_loads(tmp_path: Path) -> None:
    import_demo(tmp_path)
    (law,), problems = load_laws(tmp_path)
    assert problems == []
    assert (law.slug, law.base, law.title) == ("demo", "laws/demo/", "中华人民共和国示例法")
    assert [(a.id, a.label, a.slug, a.chapter, a.division) for a in law.articles] == [
        ("art_1", "第一条", "art-01", 1, "book_1__chp_1"),
        ("art_1-1", "第一条之一", "art-01-1", 1, "book_1__chp_1"),
        ("art_2", "第二条", "art-02", 1, "book_1__chp_2__sec_1"),
        ("art_3", "第三条", "art-03", 2, "book_2__part_1__chp_1"),
    ]
    assert [(c.id, c.label, c.slug, c.first, c.last) for c in law.chapters] == [
        ("book_1", "第一编", "book-1", 1, 3),
        ("book_2", "第二编", "book-2", 4, 4),
    ]
    assert [d.label for d in law.divisions_of(law.articles[2])] == ["第一编", "第二章", "第一节"]
    assert law.preamble == ("序言", "序言正文。")
    assert [(x.id, x.heading, x.lines) for x in law.appendices] == [("att_1", "附件：", ("清单", "内容"))]
    index = provision_index(law, law.slug)
    sub = index["demo:art_1__para_2__point_2__subpoint_1"]
    assert (sub.citation, sub.text, sub.title) == (
        "第一条第二款第（二）项第一目",
        "1．目一；",
        "中华人民共和国示例法",
    )
    assert index["demo:art_1__para_2"].text == "第二款：\n（一）项一；\n（二）项二：\n1．目一；\n2．目二。"


def test_every_shape_renders(tmp_path: Path, shipped_project) -> None:
    import_demo(tmp_path)
    project = shipped_project
    (law,), _ = load_laws(tmp_path)
    index = dict(project.index)
    index.update(provision_index(law, law.slug))
    view = law_view(
        project.__class__(root=tmp_path, regulation=project.regulation, index=index, laws=(law,)), law
    )
    pages = core_pages(view, no_facets)
    assert sorted(pages) == [
        "laws/demo/articles/art-01-1.md",
        "laws/demo/articles/art-01.md",
        "laws/demo/articles/art-02.md",
        "laws/demo/articles/art-03.md",
        "laws/demo/chapters/book-1.md",
        "laws/demo/chapters/book-2.md",
        "laws/demo/data/regulation.json",
        "laws/demo/fulltext.md",
        "laws/demo/index.md",
    ]
    art1 = pages["laws/demo/articles/art-01.md"]
    assert (
        'id="art_1__para_2__point_2__subpoint_2" data-kb-cite="《中华人民共和国示例法》第一条第二款第（二）项第二目">2．目二。'
        in art1
    )
    assert '<a class="kb-next" rel="next" href="art-01-1.html">第一条之一 →</a>' in art1
    book1 = pages["laws/demo/chapters/book-1.md"]
    assert '<h2 id="book_1__chp_1" class="kb-division-heading">第一章　一般规定</h2>' in book1
    assert '<h3 id="book_1__chp_2__sec_1" class="kb-division-heading">第一节　通则</h3>' in book1
    full = pages["laws/demo/fulltext.md"]
    assert '<section class="kb-preamble" id="preamble">\n<p>序言</p>\n<p>序言正文。</p>' in full
    assert '<section class="kb-appendix" id="att_1">\n<h2>附件：</h2>\n<p>清单</p>\n<p>内容</p>' in full


def problems_of(root: Path) -> list[str]:
    return [str(p) for p in load_laws(root)[1]]


def test_bad_records_are_located(tmp_path: Path) -> None:
    out = import_demo(tmp_path)
    art = out / "articles/art-02.yaml"
    art.write_text(
        art.read_text(encoding="utf-8").replace("book_1__chp_2__sec_1", "book_1__chp_9"), encoding="utf-8"
    )
    (out / "articles/art-03.yaml").rename(out / "articles/art-04.yaml")
    assert problems_of(tmp_path) == [
        "content/laws/demo/articles/art-04.yaml:2: number: article 3 must be in art-03.yaml, not art-04.yaml",
        "content/laws/demo/regulation.yaml:30: divisions[0].children[1].children[0]: "
        "division book_1__chp_2__sec_1 holds no article",
        "content/laws/demo/regulation.yaml:26: divisions[0].children[1]: division book_1__chp_2 holds no article",
        "content/laws/demo/articles/art-02.yaml:3: division: unknown division book_1__chp_9",
    ]


def test_schema_problems_and_folder_names(tmp_path: Path) -> None:
    out = import_demo(tmp_path)
    art = out / "articles/art-03.yaml"
    art.write_text(art.read_text(encoding="utf-8").replace("paragraphs:", "paragraph:"), encoding="utf-8")
    (tmp_path / "content/laws/Bad_Name").mkdir()
    assert problems_of(tmp_path) == [
        "content/laws/Bad_Name:0: -: folder name must be lower-case letters, digits and -",
        "content/laws/demo/articles/art-03.yaml:6: paragraph: unknown field",
        "content/laws/demo/articles/art-03.yaml:2: paragraphs: missing required field",
    ]


def test_law_text_references() -> None:
    doc = parse(
        "\n\n".join(
            [
                "中华人民共和国示例法",
                "第一条 依照本法第二条和《中华人民共和国乙法》第一条第二款。",
                "第二条 第一款。",
                "前款所列，依照刑法第十七条、第十八条和第一条处理。",
            ]
        ),
        "demo.txt",
    )
    demo = load_like(doc, "demo")
    other = load_like(parse("\n\n".join(["中华人民共和国乙法", "第一条 一款。", "二款。"]), "b.txt"), "yi")
    keys = {**provision_index(demo, "demo"), **provision_index(other, "yi")}
    titles = {demo.title: "demo", other.title: "yi"}
    refs = [(r.source, r.target, demo_text(demo, r)) for r in law_references(demo, "demo", keys, titles)]
    assert refs == [
        ("demo:art_1__para_1", "demo:art_2", "第二条"),
        ("demo:art_1__para_1", "yi:art_1__para_2", "《中华人民共和国乙法》第一条第二款"),
        ("demo:art_2__para_2", "demo:art_2__para_1", "前款"),
    ]


def load_like(doc, slug: str):
    """The model of a parsed document, through the same records and loader as content/laws/."""
    from generator.importer import LAW_ARTICLE_SCHEMA_LINE, LAW_SCHEMA_LINE, dump_yaml
    from generator.laws import LawSource, build_law
    from generator.load import parse_yaml

    result = law_records(doc)
    base = f"content/laws/{slug}"
    reg = parse_yaml(dump_yaml(result.regulation, LAW_SCHEMA_LINE), f"{base}/regulation.yaml")
    arts = tuple(
        parse_yaml(dump_yaml(a, LAW_ARTICLE_SCHEMA_LINE), f"{base}/articles/art-{a['number']:02d}.yaml")
        for a in result.articles
    )
    law, problems = build_law(LawSource(slug, reg, arts))
    assert problems == []
    return law


def demo_text(law, ref) -> str:
    index = provision_index(law, law.slug)
    return index[ref.source].text[ref.start : ref.end]
