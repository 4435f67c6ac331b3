"""The library import (`python -m generator library`, generator/library.py): a folder of national
documents becomes further regulations with stable slugs, a category, a content hash and a summary;
and the pages at library scale: the laws list by category with a filter box, a bounded nav, titles
that name their law. Built from six documents of three categories copied from national/."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import CORPUS, copy_project, run_cli

from generator.laws import load_laws
from generator.library import Entry, category_of, cause_of, plan, slug_for, summary

NATIONAL = CORPUS / "national"
# Six documents of three categories (two versions of one title among them), and one the importer
# refuses (an amendment).
SAMPLE = {
    "法律": ["全国人民代表大会议事规则(2021-03-11).txt", "国务院组织法(1982-12-10).txt"],
    "行政法规": ["全国年节及纪念日放假办法(2013-12-11).txt", "全国年节及纪念日放假办法(2024-11-10).txt"],
    "司法解释": [
        "最高人民法院关于审理存单纠纷案件的若干规定(2020-12-29).txt",
        "最高人民法院关于处理自首和立功具体应用法律若干问题的解释(1998-04-17).txt",
    ],
}
REFUSED = "刑法修正案（三）.txt"
HOLIDAYS = "全国年节及纪念日放假办法"

pytestmark = pytest.mark.skipif(not NATIONAL.is_dir(), reason=f"no corpus at {NATIONAL}")


def sample_folder(dest: Path) -> Path:
    """The sample documents in one flat folder, as national/ is."""
    dest.mkdir(parents=True)
    for name in [*(n for names in SAMPLE.values() for n in names), REFUSED]:
        shutil.copy(NATIONAL / name, dest / name)
    return dest


def records(content: Path) -> dict[str, dict]:
    """regulation.yaml of every library document under content/laws/, by its source file."""
    out = {}
    for path in sorted((content / "laws").glob("*/regulation.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "library" in data:
            out[data["library"]["file"]] = {**data, "slug": path.parent.name}
    return out


# --- pure pieces -------------------------------------------------------------------------------


def test_slugs_are_stable_and_versions_differ() -> None:
    assert slug_for(HOLIDAYS, "2013-12-11") == slug_for(HOLIDAYS, "2013-12-11")
    assert re.fullmatch(r"l[0-9a-f]{10}-20131211", slug_for(HOLIDAYS, "2013-12-11"))
    assert slug_for(HOLIDAYS, "2013-12-11")[:11] == slug_for(HOLIDAYS, "2024-11-10")[:11]
    assert slug_for(HOLIDAYS, "2013-12-11") != slug_for(HOLIDAYS, "2024-11-10")
    assert re.fullmatch(r"l[0-9a-f]{10}", slug_for("总则", ""))
    assert slug_for("总则", "") != slug_for("附则", "")


@pytest.mark.parametrize(
    ("title", "history", "category"),
    [
        ("专利法", "2020年10月17日 第十三届全国人民代表大会常务委员会第二十二次会议第四次修正", "法律"),
        ("专利法实施细则", "2001年6月15日中华人民共和国国务院令第306号公布", "行政法规"),
        ("国有资产评估管理办法", "1991年11月16日 中华人民共和国国务院令第91号发布", "行政法规"),
        ("工资支付暂行规定", "1994年12月6日 劳部发〔1994〕489号", "部门规章"),
        ("某某规定", "2018年1月25日 公安部令第148号公布", "部门规章"),
        (
            "最高人民法院关于审理存单纠纷案件的若干规定",
            "1997年11月25日 最高人民法院审判委员会第946次会议通过",
            "司法解释",
        ),
        # Without a telling history line, the title decides.
        ("最高人民检察院关于适用刑法分则规定的犯罪的罪名的意见", "", "司法解释"),
        ("中华人民共和国海商法", "", "法律"),
        ("人格权编", "", "法律"),
        ("附则", "", "法律"),
        ("城市维护建设税暂行条例", "", "行政法规"),
        ("专利法实施细则（试行）", "", "行政法规"),
        ("道路交通安全违法行为处理程序规定", "", "部门规章"),
        ("中国人民武装警察部队实行警官警衔制度的具体办法", "", "部门规章"),
        ("关于职工全年月平均工作时间和工资折算问题的通知", "", "部门规章"),
        ("国旗", "", "其他"),
    ],
)
def test_category_by_history_then_title(title: str, history: str, category: str) -> None:
    assert category_of(title, history) == category


def test_plan_marks_the_newest_version_current_and_reads_category_folders(tmp_path: Path) -> None:
    root = tmp_path / "src"
    files = [
        root / f"{HOLIDAYS}(2013-12-11).txt",
        root / "行政法规" / f"{HOLIDAYS}(2024-11-10).txt",
        root / "杂项" / "国旗.txt",
        root / "法律" / f"{HOLIDAYS}(2013-12-11).txt",  # same title and date as the first
    ]
    entries, clashes = plan(files, root)
    assert entries == [
        Entry(files[0], HOLIDAYS, "2013-12-11", slug_for(HOLIDAYS, "2013-12-11"), "", "title", False),
        Entry(files[1], HOLIDAYS, "2024-11-10", slug_for(HOLIDAYS, "2024-11-10"), "行政法规", "folder", True),
        Entry(files[2], "国旗", "", slug_for("国旗", ""), "", "title", True),
    ]
    assert clashes == [(files[3], f"same title and date as {files[0]}; not imported twice")]


def test_causes_and_summary_group_refusals() -> None:
    assert cause_of("item （三） out of sequence") == "item （N） out of sequence"
    assert cause_of("chapter 11 follows chapter 9") == "chapter N follows chapter N"
    from generator.library import Outcome

    outcome = Outcome(["a", "b"], ["c"], [], 12)
    for message in (
        "x.txt:3: chapter 2 follows chapter 0",
        "y.txt:9: item （二） out of sequence",
        "z.txt:4: chapter 5 follows chapter 0",
    ):
        outcome.refused.append((cause_of(message.split(": ", 1)[1]), message))
    assert summary(outcome, 6) == (
        "library: 6 documents: 2 imported (12 articles), 1 skipped unchanged, 3 refused\n"
        "refused (2): chapter N follows chapter N\n"
        "  x.txt:3: chapter 2 follows chapter 0\n"
        "  z.txt:4: chapter 5 follows chapter 0\n"
        "refused (1): item （N） out of sequence\n"
        "  y.txt:9: item （二） out of sequence"
    )


# --- the command -------------------------------------------------------------------------------


def test_library_imports_skips_and_reimports(tmp_path: Path) -> None:
    source = sample_folder(tmp_path / "src")
    content = tmp_path / "content"
    content.mkdir()
    result = run_cli("library", str(source), "--content", str(content))
    assert (result.returncode, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[0] == "library: 7 documents: 6 imported (108 articles), 0 skipped unchanged, 1 refused"
    assert lines[1:] == [
        "refused (1): an amendment (修正案, 修改决定), not a regulation in 条 form: not imported",
        f"  {source / REFUSED}:1: an amendment (修正案, 修改决定), not a regulation in 条 form: not imported",
    ]
    found = records(content)
    assert {
        name: (r["level"], r["library"]["category_from"], r["library"]["current"])
        for name, r in found.items()
    } == {
        "全国人民代表大会议事规则(2021-03-11).txt": ("法律", "title", True),
        "国务院组织法(1982-12-10).txt": ("法律", "title", True),
        f"{HOLIDAYS}(2013-12-11).txt": ("行政法规", "title", False),
        f"{HOLIDAYS}(2024-11-10).txt": ("行政法规", "title", True),
        "最高人民法院关于审理存单纠纷案件的若干规定(2020-12-29).txt": ("司法解释", "title", True),
        "最高人民法院关于处理自首和立功具体应用法律若干问题的解释(1998-04-17).txt": (
            "司法解释",
            "title",
            True,
        ),
    }
    old = found[f"{HOLIDAYS}(2013-12-11).txt"]
    assert old["validity"] == "已被修订" and "validity" not in found[f"{HOLIDAYS}(2024-11-10).txt"]
    assert old["slug"] == slug_for(HOLIDAYS, "2013-12-11")
    # Trailing whitespace is removed and recorded, never a refusal.
    assert any(n["reason"].startswith("行尾空白（") for n in old["import_notes"])
    deposit = found["最高人民法院关于审理存单纠纷案件的若干规定(2020-12-29).txt"]
    assert deposit["structure_notes"][0] == {
        "line": 39,
        "note": "项（二）接续本条前面的项，其间未编号的行保留为单独的款",
    }

    # Import and load agree: every imported document builds into the site's model.
    laws, problems = load_laws(tmp_path)
    assert problems == []
    assert sum(len(law.articles) for law in laws) == 108
    rules = next(law for law in laws if law.title == "中华人民共和国全国人民代表大会议事规则")
    assert (rules.articles[0].label, rules.articles[0].division, rules.articles[1].division) == (
        "第一条",
        "",
        "chp_1",
    )

    # Unchanged: skipped. An editor's category is kept; a changed source is imported again.
    again = run_cli("library", str(source), "--content", str(content))
    assert (
        again.stdout.splitlines()[0]
        == "library: 7 documents: 0 imported (0 articles), 6 skipped unchanged, 1 refused"
    )
    path = content / "laws" / found["国务院组织法(1982-12-10).txt"]["slug"] / "regulation.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("level: 法律", "level: 宪法相关法"), encoding="utf-8"
    )
    doc = source / "国务院组织法(1982-12-10).txt"
    doc.write_text(
        doc.read_text(encoding="utf-8").replace("第十一条", "第十一条 末条。\n\n第十二条", 1),
        encoding="utf-8",
    )
    third = run_cli("library", str(source), "--content", str(content))
    assert (
        third.stdout.splitlines()[0]
        == "library: 7 documents: 1 imported (12 articles), 5 skipped unchanged, 1 refused"
    )
    assert records(content)["国务院组织法(1982-12-10).txt"]["level"] == "宪法相关法"


def test_an_article_the_new_text_drops_keeps_its_editorial_fields(tmp_path: Path) -> None:
    """A changed source that no longer has an article whose record an editor captioned is refused,
    and nothing of the document is written; without editorial fields the file is removed."""
    source = tmp_path / "src"
    source.mkdir()
    doc = source / f"{HOLIDAYS}(2024-11-10).txt"
    shutil.copy(NATIONAL / doc.name, doc)
    content = tmp_path / "content"
    content.mkdir()
    run_cli("library", str(source), "--content", str(content))
    folder = content / "laws" / slug_for(HOLIDAYS, "2024-11-10")
    last = sorted((folder / "articles").glob("*.yaml"))[-1]
    record = last.read_text(encoding="utf-8")
    last.write_text(record.replace("caption: ''", "caption: 编者所加条旨"), encoding="utf-8")
    text = doc.read_text(encoding="utf-8").rstrip("\n")
    doc.write_text(text[: text.rindex("\n第")] + "\n", encoding="utf-8")  # the last article dropped
    before = {p: p.read_bytes() for p in folder.rglob("*.yaml")}
    result = run_cli("library", str(source), "--content", str(content))
    assert result.stdout.splitlines() == [
        "library: 1 documents: 0 imported (0 articles), 0 skipped unchanged, 1 refused",
        "refused (1): an article the new text drops holds editorial fields",
        f"  {last}:1: the new text no longer has this article, and the record holds editorial fields"
        " (caption); move them to another article or delete the file, then import again",
    ]
    assert {p: p.read_bytes() for p in folder.rglob("*.yaml")} == before
    # With the importer's empty caption only, the dropped article's file goes.
    last.write_text(record, encoding="utf-8")
    assert "caption: ''" in record
    again = run_cli("library", str(source), "--content", str(content))
    assert again.stdout.splitlines()[0].endswith(
        f"1 imported ({len(before) - 2} articles), 0 skipped unchanged, 0 refused"
    )
    assert not last.exists()


def test_a_newer_version_makes_the_older_one_superseded(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    shutil.copy(NATIONAL / f"{HOLIDAYS}(2013-12-11).txt", source)
    content = tmp_path / "content"
    content.mkdir()
    run_cli("library", str(source), "--content", str(content))
    assert [(r["library"]["current"], r.get("validity")) for r in records(content).values()] == [(True, None)]
    shutil.copy(NATIONAL / f"{HOLIDAYS}(2024-11-10).txt", source)
    result = run_cli("library", str(source), "--content", str(content))
    assert (
        result.stdout.splitlines()[0]
        == "library: 2 documents: 2 imported (15 articles), 0 skipped unchanged, 0 refused"
    )
    assert {n: (r["library"]["current"], r.get("validity")) for n, r in records(content).items()} == {
        f"{HOLIDAYS}(2013-12-11).txt": (False, "已被修订"),
        f"{HOLIDAYS}(2024-11-10).txt": (True, None),
    }


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda t: ["library", str(t / "missing"), "--content", str(t)],
            "{t}/missing: not a folder of documents\n",
        ),
        (
            lambda t: ["library", str(t), "--content", str(t / "nope")],
            "--content {t}/nope: not a folder (the project's content/)\n",
        ),
        (lambda t: ["library", str(t), "--content", str(t)], "{t}: holds no .txt document\n"),
    ],
)
def test_bad_usage_exits_1(tmp_path: Path, make, message: str) -> None:
    result = run_cli(*make(tmp_path))
    assert (result.returncode, result.stdout, result.stderr) == (1, "", message.format(t=tmp_path))


def test_a_document_that_is_not_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    (source / "坏(2020-01-01).txt").write_bytes("标题\n第一条 甲".encode() + b"\n\xff\n")
    (tmp_path / "content").mkdir()
    result = run_cli("library", str(source), "--content", str(tmp_path / "content"))
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1] == (
        f"  {source}/坏(2020-01-01).txt:3: not UTF-8 text (invalid start byte at byte 21); save the file as UTF-8"
    )


# --- the pages (one build of the shipped site plus the sample library) -------------------------


@pytest.fixture(scope="module")
def library_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generator.build import build_site

    root = copy_project(tmp_path_factory.mktemp("library") / "project")
    source = sample_folder(root.parent / "src")
    assert run_cli("library", str(source), "--content", str(root / "content")).returncode == 0
    return build_site(root, root.parent / "site")


@pytest.mark.slow
def test_the_laws_list_groups_by_category_with_counts(library_site: Path) -> None:
    html = (library_site / "laws/index.html").read_text(encoding="utf-8")
    groups = re.findall(r'<section class="kb-laws-group" data-kb-category="([^"]+)"', html)
    assert groups == ["法律", "行政法规", "司法解释"]
    counts = re.findall(
        r'<h2 id="kb-laws-\d">([^<]+)<span class="kb-laws-count">（<span class="kb-laws-shown">(\d+)</span> 件）',
        html,
    )
    assert counts == [("法律", "8"), ("行政法规", "4"), ("司法解释", "2")]
    assert "共 14 件：" in html
    assert f'>{HOLIDAYS}(2013-12-11)</a> <span class="kb-laws-validity">已被修订</span>' in html
    assert "laws-filter.js" in html and "laws-filter.js" not in (library_site / "index.html").read_text(
        encoding="utf-8"
    )


@pytest.mark.slow
def test_the_nav_lists_categories_and_the_current_law_only(library_site: Path) -> None:
    slug = slug_for(HOLIDAYS, "2024-11-10")
    html = (library_site / f"laws/{slug}/articles/art-01.html").read_text(encoding="utf-8")
    start = html.index('class="md-nav md-nav--primary"')
    nav = html[start : html.index('class="md-content"', start)]
    for label in (
        "法律（2）",
        "行政法规（2）",
        "司法解释（2）",
        f"{HOLIDAYS}(2024-11-10)",
        f"{HOLIDAYS}(2013-12-11)",
    ):
        assert label in nav, label
    # The other categories' documents are not listed on this page; its own law's articles are.
    assert "最高人民法院关于审理存单纠纷案件的若干规定(2020-12-29)" not in nav
    assert "国务院组织法(1982-12-10)" not in nav
    assert f"laws/{slug}/articles/art-08.html" in html or "art-08.html" in nav
    assert len(re.findall(r'class="md-nav__link', nav)) < 80


@pytest.mark.slow
def test_page_titles_name_their_law(library_site: Path) -> None:
    slug = slug_for(HOLIDAYS, "2024-11-10")
    html = (library_site / f"laws/{slug}/articles/art-02.html").read_text(encoding="utf-8")
    title = re.search(r"<title>([^<]*)</title>", html).group(1)
    assert title.startswith("第二条 · 全国年节及纪念日放假办法 - ")
    chapter = (library_site / "laws/xzcf/chapters/chapter-1.html").read_text(encoding="utf-8")
    assert re.search(r"<title>([^<]*)</title>", chapter).group(1).startswith("第一章 总则 · 行政处罚法 - ")


@pytest.mark.slow
def test_the_home_page_shows_where_the_importer_read_the_sources_shape(library_site: Path) -> None:
    slug = slug_for("最高人民法院关于审理存单纠纷案件的若干规定", "2020-12-29")
    html = (library_site / f"laws/{slug}/index.html").read_text(encoding="utf-8")
    provenance = html[html.index('id="kb-provenance"') :]
    assert "<p>导入时按来源文本本身的结构读取了以下各处（文字未改）：</p>" in provenance
    assert "<li>来源第39行：项（二）接续本条前面的项，其间未编号的行保留为单独的款</li>" in provenance


@pytest.mark.slow
def test_the_filter_works_from_disk(library_site: Path, offline) -> None:
    page = offline.page
    page.goto((library_site / "laws/index.html").as_uri())
    box = page.locator(".kb-laws-filter-input")
    box.wait_for(state="visible")
    box.fill("放假")
    status = page.locator(".kb-laws-filter-status")
    assert status.inner_text() == "显示 2 / 14 件"
    visible = page.locator(".kb-laws tr[data-kb-name]:visible a")
    assert visible.all_inner_texts() == [f"{HOLIDAYS}(2013-12-11)", f"{HOLIDAYS}(2024-11-10)"]
    assert page.locator(".kb-laws-group:visible").evaluate_all(
        "els => els.map(e => e.dataset.kbCategory)"
    ) == ["行政法规"]
    assert page.locator('.kb-laws-group[data-kb-category="行政法规"] .kb-laws-shown').inner_text() == "2"
    # Several words: each must be in the name (full-width space too).
    box.fill("最高人民法院\u3000存单")
    assert visible.all_inner_texts() == ["最高人民法院关于审理存单纠纷案件的若干规定(2020-12-29)"]
    box.fill("没有这样的法规")
    assert status.inner_text() == "显示 0 / 14 件"
    assert page.locator(".kb-laws-none").is_visible()
    box.fill("")
    assert status.inner_text() == "" and visible.count() == 14
    assert page.locator('.kb-laws-group[data-kb-category="法律"] .kb-laws-shown').inner_text() == "8"


def test_a_broken_existing_record_refuses_its_document_and_keeps_the_file(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    name = f"{HOLIDAYS}(2024-11-10).txt"
    shutil.copy(NATIONAL / name, source)
    content = tmp_path / "content"
    content.mkdir()
    run_cli("library", str(source), "--content", str(content))
    folder = content / "laws" / slug_for(HOLIDAYS, "2024-11-10")
    article = folder / "articles" / "art-02.yaml"
    article.write_text("number: [2\n", encoding="utf-8")  # an editor's slip
    doc = source / name
    doc.write_text(doc.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # the source changed
    result = run_cli("library", str(source), "--content", str(content))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "library: 1 documents: 0 imported (0 articles), 0 skipped unchanged, 1 refused"
    assert lines[1] == "refused (1): cannot read an existing record; fix or remove it"
    assert lines[2].startswith(f"  {article}:2: cannot read the existing record: ")
    assert article.read_text(encoding="utf-8") == "number: [2\n"
    assert records(content)[name]["library"]["sha256"] != hashlib.sha256(doc.read_bytes()).hexdigest()
