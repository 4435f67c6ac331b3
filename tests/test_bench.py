"""The benchmark command runs end to end on a tiny input; timings themselves are never asserted."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from generator.bench import ASSETS, make_baseline, shift_refs, shift_text, synthesize
from generator.build import load_project


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
    for heading in ("## 1. Build time", "## 2. Scaling", "## 3. Page weight", "## 4. Widget speed"):
        assert heading in text
    assert "Ratio ours/baseline:" in text and "| baseline article |" in text


def test_bench_assets_are_files_the_bench_reads() -> None:
    names = sorted(p.name for p in ASSETS.iterdir())
    assert names == [
        "baseline-mkdocs.yml",
        "calculator-recompute.js",
        "checklist-ready.js",
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
