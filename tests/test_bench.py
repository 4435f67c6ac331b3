"""The benchmark: its pure parts exactly (fit, medians, report tables, the Jilin-only and corpus
projects, the peer's nav), and the command end to end on a tiny input (slow). Timings measured on
this machine are never asserted."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from conftest import CORPUS, ROOT

from generator.bench import (
    ASSETS,
    Build,
    Results,
    SideBySide,
    corpus_project,
    fit_growth,
    growth_line,
    make_baseline,
    make_peer,
    peer_nav,
    run_build,
    scaling_table,
    shift_refs,
    shift_text,
    synthesize,
    targets_report,
    without_laws,
)
from generator.build import load_project

needs_corpus = pytest.mark.skipif(not (CORPUS / "related").is_dir(), reason=f"no corpus at {CORPUS}")


def test_shift_text_renumbers_chinese_references() -> None:
    assert shift_text("违反本规定第二十四条、二十五条、二十六条规定的", 43) == (
        "违反本规定第六十七条、六十八条、六十九条规定的"
    )
    assert shift_text("第三十五条（五）", 4300) == "第四千三百三十五条（五）"


def test_shift_refs_renumbers_provision_ids_only() -> None:
    assert shift_refs({"cites": ["art_5__para_2", "art_43"], "id": "art_like", "n": 3}, 43) == {
        "cites": ["art_48__para_2", "art_86"],
        "id": "art_like",
        "n": 3,
    }


@pytest.mark.slow
def test_synthetic_regulation_is_valid(tmp_path: Path) -> None:
    project = load_project(synthesize(ROOT, 3, tmp_path / "syn"))
    assert not (tmp_path / "syn/content/laws").exists() and project.laws == ()
    assert len(project.regulation.articles) == 129
    assert len(project.regulation.chapters) == 18
    assert project.regulation.articles[78].text.startswith(
        "行政执法机关工作人违反本规定第六十七条、六十八条、六十九条"
    )


@pytest.mark.slow
def test_bench_command_runs_on_a_tiny_input(tmp_path: Path) -> None:
    out = tmp_path / "BENCHMARKS.md"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "bench", "--runs", "1", "--copies", "1", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    text = out.read_text(encoding="utf-8")
    for heading in (
        "## Targets of issue 18",
        "## 1. Build time",
        "## 2. Scaling",
        "## 3. Page weight",
        "## 4. Widget speed",
        "## 5. Search",
    ):
        assert heading in text
    assert "Ratio ours/baseline:" in text and "| baseline article |" in text
    assert "| the regulation alone | 43 | 110 / 45 |" in text


def test_bench_assets_are_files_the_bench_reads() -> None:
    names = sorted(p.name for p in ASSETS.iterdir())
    assert names == [
        "baseline-mkdocs.yml",
        "calculator-recompute.js",
        "checklist-ready.js",
        "peer-mkdocs.yml",
        "quiz-start.js",
        "search-first.js",
        "search-keystroke.js",
    ]
    source = (ROOT / "generator/bench.py").read_text(encoding="utf-8")
    assert [n for n in names if f'"{n}"' not in source] == []
    # Shipped with the package, since bench reads them next to the module.
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "bench_assets/*" in package_data["package-data"]["generator"]


def test_baseline_is_a_stock_material_site_with_the_same_articles(tmp_path: Path) -> None:
    dest = make_baseline(ROOT, tmp_path / "baseline")
    assert yaml.safe_load((dest / "mkdocs.yml").read_text(encoding="utf-8")) == {
        "site_name": "吉林市行政执法责任制规定（基线）",
        "use_directory_urls": False,
        "theme": {"name": "material", "language": "zh", "font": False},
        "extra": {"polyfills": ["assets/javascripts/iframe-worker-shim.js"]},
        "plugins": [{"search": {"lang": "zh"}}, "offline"],
    }
    assert len(list((dest / "docs/articles").glob("art-*.md"))) == 43
    assert (dest / "docs/assets/javascripts/iframe-worker-shim.js").is_file()


def test_search_report_puts_ours_beside_the_theme() -> None:
    from generator.bench import Results, search_report

    res = Results(runs=1)
    res.search_quality = {
        "ours": {
            "citation": [4, 4, 4],
            "verbatim": [2, 2, 2],
            "concept": [5, 3, 5],
            "question": [4, 2, 3],
            "paraphrase": [5, 1, 4],
        },
        "theme": {
            "citation": [4, 1, 2],
            "verbatim": [2, 1, 1],
            "concept": [5, 2, 3],
            "question": [4, 1, 1],
            "paraphrase": [5, 0, 1],
        },
    }
    res.search_sizes = {"ours": (1000, 300)}
    res.search_times = {"first result": [50.0, 70.0, 60.0]}
    lines = search_report(res)
    assert "| question | 4 | 2 (50%) | 3 (75%) | 1 (25%) | 1 (25%) | 85% top-3 |" in lines
    assert "| paraphrase | 5 | 1 (20%) | 4 (80%) | 0 (0%) | 1 (20%) | 85% top-3 |" in lines
    assert "| ours: assets/javascripts/search-index.js | 1,000 | 300 |" in lines
    assert "| first result | 60.00 | 50.00, 70.00, 60.00 |" in lines


# --- Jilin alone, the corpus and the peer ------------------------------------------------------


def test_without_laws_drops_references_to_further_regulations() -> None:
    article = yaml.safe_load((ROOT / "content/articles/art-40.yaml").read_text(encoding="utf-8"))
    out = without_laws(article)
    assert [r["ref"] for r in out["related"]] == ["art_18", "art_14"]
    assert "notes" not in out  # its only note is a higher-law note on 国家赔偿法
    article["notes"] = [
        {
            "text": "说明。",
            "refs": ["art_40__para_1", "gjpc:art_16__para_1"],
            "quote": ["赔偿后依法向存在故意或过失的行政执法人员追偿部分或全部赔偿费用", "故意或者重大过失"],
        }
    ]
    out = without_laws(article)
    assert out["notes"][0]["refs"] == ["art_40__para_1"]
    # The fragments quoting the national law go with its reference; the article's own words stay.
    assert out["notes"][0]["quote"] == ["赔偿后依法向存在故意或过失的行政执法人员追偿部分或全部赔偿费用"]
    assert out["notes"][0]["text"] == article["notes"][0]["text"]
    assert without_laws({"number": 1, "paragraphs": [{"text": "x"}]}) == {
        "number": 1,
        "paragraphs": [{"text": "x"}],
    }
    only_foreign = {"paragraphs": [{"text": "x"}], "related": [{"ref": "xzcf:art_4", "reason": "r"}]}
    assert without_laws(only_foreign) == {"paragraphs": [{"text": "x"}]}


@needs_corpus
def test_corpus_project_with_a_limit_holds_the_first_documents(tmp_path: Path) -> None:
    made = corpus_project(ROOT, CORPUS, tmp_path / "corpus", limit=3)
    assert made.imported == [
        "国家赔偿法(2012-10-26).txt",
        "政府信息公开条例(2019-04-03).txt",
        "行政处罚法(2021-01-22).txt",
    ]
    assert (made.refused, made.articles) == ([], 184)
    project = load_project(made.project)
    assert len(project.regulation.articles) == 43
    assert [(law.slug, law.title, len(law.articles), len(law.chapters)) for law in project.laws] == [
        ("c001", "中华人民共和国国家赔偿法", 42, 6),
        ("c002", "中华人民共和国政府信息公开条例", 56, 6),
        ("c003", "中华人民共和国行政处罚法", 86, 8),
    ]
    nav = peer_nav(project)
    assert nav[0] == {"首页": "index.md"}
    assert nav[1] == {"第一章 总则": [f"articles/art-0{n}.md" for n in range(1, 5)]}
    assert len(nav) == 1 + 6 + 1
    laws = nav[-1]["相关法律法规"]
    assert [next(iter(entry)) for entry in laws] == [law.name for law in project.laws]
    first = laws[0]["中华人民共和国国家赔偿法"]
    assert first[0] == {"第一章 总则": ["laws/c001/articles/art-01.md", "laws/c001/articles/art-02.md"]}
    # Same article count as ours: one page per article, plus the home page.
    peer = make_peer(made.project, tmp_path / "peer")
    pages = sorted(p.relative_to(peer / "docs").as_posix() for p in (peer / "docs").rglob("*.md"))
    assert len(pages) == 1 + 43 + 184
    assert "laws/c003/articles/art-86.md" in pages
    config = yaml.safe_load((peer / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["features"] == ["navigation.prune"]
    assert config["plugins"] == [{"search": {"lang": "zh"}}, "offline"]
    assert config["nav"] == nav


def test_corpus_project_skips_refused_documents_with_their_message(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "related").mkdir(parents=True)
    (corpus / "bench").mkdir()
    (corpus / "related/甲法.txt").write_text(
        "中华人民共和国甲法\n\n2020年1月1日 某会议通过\n\n第一条 一款。\n\n第二条 二款。\n", encoding="utf-8"
    )
    (corpus / "bench/攻略.txt").write_text("劳动仲裁的攻略\n\n先准备材料。\n", encoding="utf-8")
    (corpus / "bench/丙法.txt").write_text("丙法\n\n第一条 一款。\n", encoding="utf-8")
    (corpus / "bench/乙法.txt").write_text(
        "中华人民共和国乙法\n\n2021年1月1日 某会议通过\n\n第一条 一款。\n", encoding="utf-8"
    )
    made = corpus_project(ROOT, corpus, tmp_path / "project")
    # 丙法 has no history line: it is imported like the others (its page shows no 沿革).
    assert made.imported == ["甲法.txt", "丙法.txt", "乙法.txt"]
    assert made.refused == ["攻略.txt:1: not a regulation in 条 form: no article (第一条) found"]
    assert made.articles == 4
    assert sorted(p.name for p in (made.project / "content/laws").iterdir()) == ["c001", "c002", "c003"]
    assert sorted(p.name for p in (made.project / "content/laws/c001/articles").iterdir()) == [
        "art-01.yaml",
        "art-02.yaml",
    ]


def test_bench_refuses_a_corpus_folder_without_documents(tmp_path: Path, capsys) -> None:
    from generator.cli import main

    assert (
        main(["--root", str(ROOT), "bench", "--corpus", str(tmp_path), "--out", str(tmp_path / "b.md")]) == 1
    )
    assert capsys.readouterr().err == f"--corpus: {tmp_path} holds no related/ or bench/ folder\n"
    assert main(["--root", str(ROOT), "bench", "--corpus-limit", "0"]) == 1
    assert not (tmp_path / "b.md").exists()


# --- measuring and the report ------------------------------------------------------------------


def test_run_build_measures_time_and_peak_memory(tmp_path: Path) -> None:
    # A child that holds 64 MB at its peak: ru_maxrss sees it.
    build = run_build([sys.executable, "-c", "b = bytearray(64 * 2**20)"], tmp_path)
    assert build.seconds > 0 and build.rss >= 64 * 2**20
    with pytest.raises(RuntimeError, match="boom"):
        run_build([sys.executable, "-c", "raise SystemExit('boom')"], tmp_path)


def test_fit_growth_recovers_a_quadratic() -> None:
    # T = 1.4 s + 11.3 ms*N + 9.0 us*N^2, the fit issue 18 reports, at four sizes.
    points = [(n, 1.4 + 0.0113 * n + 9e-6 * n * n) for n in (43, 430, 989, 4300)]
    a, b, c = fit_growth(points)
    assert (a, b, c) == (
        pytest.approx(1.4, rel=1e-9),
        pytest.approx(0.0113, rel=1e-9),
        pytest.approx(9e-6, rel=1e-9),
    )
    assert growth_line("ours", points) == (
        "ours: T = 1.40 s + 11.30 ms*N + 9.000 us*N^2 (at 4,300 articles the N^2 term is 166.4 s of 216.4 s, 77%)"
    )
    falling = [(n, 2.0 + 0.01 * n - 1e-6 * n * n) for n in (43, 430, 4300)]
    assert growth_line("peer", falling).startswith("peer: T = 2.00 s + 10.00 ms*N - 1.000 us*N^2 ")
    with pytest.raises(ValueError, match="at least three sizes"):
        fit_growth([(43, 1.0), (430, 2.0), (430, 2.1)])


def _size(articles: int, ours: list[float], peer: list[float], **kw) -> SideBySide:
    return SideBySide(
        articles,
        [Build(t, 100_000_000 + i) for i, t in enumerate(ours)],
        [Build(t, 200_000_000) for t in peer],
        **kw,
    )


def test_side_by_side_medians_ratio_and_peak() -> None:
    size = _size(43, [2.0, 9.0, 1.0], [2.0, 1.0, 3.0, 4.0])
    assert (size.median("ours"), size.median("peer"), size.ratio()) == (2.0, 2.5, 0.8)
    assert (size.peak("ours"), size.peak("peer")) == (100_000_002, 200_000_000)


def _results() -> Results:
    res = Results(runs=3, scaling_runs=1)
    common = {
        "pages": (108, 45),
        "article_html": (30_000, 20_000),
        "largest": ("checklists/agency.html", 60_000),
    }
    res.scaling[43] = _size(43, [1.0, 1.2, 1.1], [1.0, 1.0, 1.0], **common)
    res.build = {
        "ours": res.scaling[43].ours,
        "baseline": [Build(1.2, 90_000_000)] * 3,
        "peer": res.scaling[43].peer,
    }
    res.scaling[430] = _size(
        430, [5.0], [4.0], pages=(549, 432), article_html=(35_000, 21_000), largest=("a", 1)
    )
    res.scaling[4300] = _size(
        4300, [50.0], [40.0], pages=(4959, 4302), article_html=(39_000, 22_000), largest=("b", 2)
    )
    res.corpus = _size(
        8785, [80.0], [200.0], pages=(9200, 8787), article_html=(36_000, 20_000), largest=("c", 3)
    )
    res.corpus.ours = [Build(80.0, 2_500_000_000)]
    return res


def test_targets_table_puts_each_figure_beside_its_target() -> None:
    assert targets_report(_results()) == [
        "## Targets of issue 18 (this run)",
        "",
        "| target | figure (ours beside the peer) | met? |",
        "|---|---|---|",
        "| 43 articles: our full build at most 1.0x the plain peer | ours 1.10 s (108 pages); flat peer 1.20 s "
        "(0.92x); chapter-nav peer 1.00 s (1.10x) | **not met** |",
        "| 4,300 synthetic articles: under 40 s | ours 50.0 s; peer 40.0 s | **not met** |",
        "| 430 -> 4,300 articles: growth at most 11x | ours 10.0x; peer 10.0x | met |",
        "| 4,300 synthetic articles: article page HTML at most 40 KB | ours 39.0 KB; peer 22.0 KB "
        "(articles/art-26.html) | met |",
        "| corpus site (8,785 articles): under 90 s | ours 80.0 s | met |",
        "| corpus site (8,785 articles): under 2 GB peak memory | ours 2,500 MB; peer 200 MB | **not met** |",
        "| corpus site (8,785 articles): at most 0.5x the plain peer with chapter nav | 0.40x (ours 80.0 s, "
        "peer 200.0 s) | met |",
        "| no page above 1.1x the plain peer's article page (HTML bytes), at any size | largest: 3.00x at 43 "
        "articles (checklists/agency.html, 60.0 KB, against 20.0 KB) | **not met** |",
        "",
    ]


def test_targets_not_measured_are_said_so() -> None:
    res = Results(runs=1)
    rows = targets_report(res)[4:-1]
    assert len(rows) == 8
    assert rows[1] == "| 4,300 synthetic articles: under 40 s | - | not measured in this run |"
    assert all(row.endswith("| not measured in this run |") for row in rows)


def test_scaling_table_rows() -> None:
    lines = scaling_table(_results())
    assert lines[2] == (
        "| the regulation alone | 43 | 108 / 45 | 1.10 | 1.00 | 1.10 | 100 MB / 200 MB "
        "| 30,000 / 20,000 (1.50x) | checklists/agency.html (60,000) | 1.00, 1.20, 1.10 | 1.00, 1.00, 1.00 |"
    )
    assert lines[4].startswith("| synthetic 4,300 | 4,300 | 4,959 / 4,302 | 50.00 | 40.00 | 1.25 |")
    assert lines[5].startswith(
        "| corpus | 8,785 | 9,200 / 8,787 | 80.00 | 200.00 | 0.40 | 2,500 MB / 200 MB |"
    )
    assert len(lines) == 6
