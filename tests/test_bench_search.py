"""`bench --search` (generator/bench_search.py): the first search result at library scale.

Pure parts on exact figures; the command's refusals; one run in Chromium over a site with the
search files of two corpus documents (slow: it builds the site)."""

from __future__ import annotations

import gzip
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from conftest import CORPUS, ROOT, run_cli

from generator.bench_search import (
    HEADING,
    LIBRARY_HEADING,
    PREFIX,
    First,
    Summary,
    _is_records,
    by_kind,
    corpus_search_site,
    measure,
    report,
    sample_queries,
    served,
    sizes,
    summarize,
    write_section,
)
from generator.search import QUERIES, SHARDS_DIR


def run(
    kind: str, scripts: int, raw: int, zipped: int, ms: float, records: int = 0, query_ms: float = 0.0
) -> First:
    return First("q", kind, scripts, raw, zipped, records, ms, 1, query_ms)


def test_the_sample_is_every_16th_listed_query_from_the_first() -> None:
    listed = yaml.safe_load((ROOT / QUERIES).read_text(encoding="utf-8"))["queries"]
    sample = sample_queries(ROOT)
    assert len(sample) == len(range(0, len(listed), 16))
    assert sample[0] == {"kind": listed[0]["kind"], "query": str(listed[0]["query"])}
    assert sample[1]["query"] == str(listed[16]["query"])
    assert all(isinstance(q["query"], str) for q in sample)


def test_a_number_query_read_as_yaml_int_is_typed_as_text(tmp_path: Path) -> None:
    (tmp_path / QUERIES).parent.mkdir(parents=True)
    (tmp_path / QUERIES).write_text(
        "queries:\n- {kind: citation, query: 26, expect: art_26}\n- {kind: concept, query: 罚款, expect: art_1}\n"
        "- {kind: verbatim, query: 'x', expect: art_1}\n",
        encoding="utf-8",
    )
    assert sample_queries(tmp_path, 2) == [
        {"kind": "citation", "query": "26"},
        {"kind": "verbatim", "query": "x"},
    ]


def test_sizes_are_raw_and_per_file_gzip_sums(tmp_path: Path) -> None:
    a, b = tmp_path / "a.js", tmp_path / "b.js"
    a.write_bytes(b"x" * 1000)
    b.write_bytes("罚款".encode() * 10)
    want = len(gzip.compress(a.read_bytes(), 9, mtime=0)) + len(gzip.compress(b.read_bytes(), 9, mtime=0))
    assert sizes([a, b]) == (1060, want)
    assert sizes([]) == (0, 0)


def test_record_bytes_count_the_record_shards_and_the_whole_shard() -> None:
    names = [
        "r0.js",
        "r12.js",
        "w.js",
        "meta.js",
        "p3.js",
        "v0.js",
        "search-index.js",
        "r.js",
        "rx.js",
        "w0.js",
    ]
    assert [n for n in names if _is_records(n)] == ["r0.js", "r12.js", "w.js"]


def test_summaries_are_medians_and_maxima_by_kind() -> None:
    runs = [
        run("citation", 2, 1000, 500, 10.0, 100, 1.5),
        run("question", 4, 3000, 900, 30.0, 800, 9.0),
        run("citation", 6, 5000, 700, 50.0, 300, 2.5),
    ]
    got = by_kind(runs)
    assert [s.label for s in got] == ["all", "citation", "question"]
    assert got[0] == Summary(
        "all", 3, (4.0, 6.0), (3.0, 5.0), (0.7, 0.9), (0.3, 0.8), (30.0, 50.0), (2.5, 9.0)
    )
    assert got[1] == Summary(
        "citation", 2, (4.0, 6.0), (3.0, 5.0), (0.6, 0.7), (0.2, 0.3), (30.0, 50.0), (2.0, 2.5)
    )
    assert got[2].count == 1 and got[2].ms == (30.0, 30.0) and got[2].query_ms == (9.0, 9.0)


def test_no_runs_is_refused() -> None:
    with pytest.raises(ValueError, match="^summarize: no runs$"):
        summarize("all", [])


def test_the_report_is_a_table_per_transport() -> None:
    rows = by_kind([run("concept", 19, 375_400, 106_200, 1234.4, 99_600, 1234.56)])
    head = "| queries | n | scripts (median / max) | raw KB | gzip KB | of which records, gzip KB "
    assert report({"disk (file://)": rows}, "Note.") == [
        HEADING,
        "",
        "Note.",
        "",
        "From disk (file://):",
        "",
        head + "| first result ms | query ms, loaded |",
        "|---|---|---|---|---|---|---|---|",
        "| all | 1 | 19 / 19 | 375 / 375 | 106 / 106 | 100 / 100 | 1,234 / 1,234 | 1,234.6 / 1,234.6 |",
        "| concept | 1 | 19 / 19 | 375 / 375 | 106 / 106 | 100 / 100 | 1,234 / 1,234 | 1,234.6 / 1,234.6 |",
        "",
    ]
    # The library run writes its own section.
    assert report({}, "Note.", LIBRARY_HEADING) == [LIBRARY_HEADING, "", "Note.", ""]
    assert LIBRARY_HEADING != HEADING


def test_the_section_replaces_its_own_and_no_other(tmp_path: Path) -> None:
    out = tmp_path / "BENCH.md"
    out.write_text(
        f"# Benchmarks\n\n## Other\n\nkept\n\n{HEADING}\n\nold\n### sub\nold too\n\n## Last\n\nkept too\n",
        encoding="utf-8",
    )
    write_section(out, [HEADING, "", "new"])
    assert out.read_text(encoding="utf-8") == (
        f"# Benchmarks\n\n## Other\n\nkept\n\n{HEADING}\n\nnew\n\n## Last\n\nkept too\n"
    )
    # Missing: appended; a file that does not exist is made.
    write_section(out, ["## Another", "x"])
    assert out.read_text(encoding="utf-8").endswith("kept too\n\n## Another\nx\n")
    fresh = tmp_path / "new.md"
    write_section(fresh, [HEADING, "y"])
    assert fresh.read_text(encoding="utf-8") == f"# Benchmarks\n\n{HEADING}\ny\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--corpus", "{tmp}"), "--corpus: {tmp} holds no related/ or bench/ folder\n"),
        (("--corpus", "{tmp}/missing"), "--corpus: {tmp}/missing holds no related/ or bench/ folder\n"),
        (("--corpus-limit", "0"), "--corpus-limit: must be at least 1\n"),
        (("--corpus-limit", "-3"), "--corpus-limit: must be at least 1\n"),
        (("--library", "{tmp}"), "--library: {tmp} holds no .txt document\n"),
        (("--library", "{tmp}/missing"), "--library: {tmp}/missing holds no .txt document\n"),
        (("--library-limit", "0"), "--library-limit: must be at least 1\n"),
        (("--library", "{tmp}", "--library-limit", "-2"), "--library-limit: must be at least 1\n"),
        (("--library", "{tmp}", "--corpus"), "--search: give --corpus or --library, not both\n"),
        (("--library-limit", "3", "--corpus-limit", "3"), "--search: give --corpus or --library, not both\n"),
    ],
)
def test_the_command_refuses_a_bad_corpus_library_or_limit(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    # --search with --library is the search run at the library, not the library build run.
    out = tmp_path / "BENCH.md"
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    got = run_cli("--root", str(ROOT), "bench", "--search", "--out", str(out), *argv)
    assert (got.returncode, got.stdout, got.stderr) == (1, "", message.replace("{tmp}", str(tmp_path)))
    assert not out.exists()


def test_the_command_refuses_a_limit_that_is_not_a_number(tmp_path: Path) -> None:
    got = run_cli("--root", str(ROOT), "bench", "--search", "--corpus-limit", "two")
    assert got.returncode == 2 and "--corpus-limit: invalid int value: 'two'" in got.stderr


@pytest.mark.slow
@pytest.mark.skipif(not (CORPUS / "related").is_dir(), reason="no shared corpus beside the clone")
def test_first_results_over_a_corpus_site_from_disk_and_over_nginx(browser) -> None:
    # nginx's workers run as another user: the site lives in a folder anyone may traverse.
    work = Path(tempfile.mkdtemp(prefix="kb-bench-search-test-"))
    try:
        work.chmod(0o755)
        site, articles = corpus_search_site(ROOT, CORPUS, work, 2)
        assert articles > 0 and (site / SHARDS_DIR / "meta.js").is_file()
        index = (site / "assets/javascripts/search-index.js").stat().st_size
        meta = (site / SHARDS_DIR / "meta.js").stat().st_size
        queries = [{"kind": "citation", "query": "第二十六条"}, {"kind": "concept", "query": "罚款"}]
        runs = measure(browser, site.as_uri() + "/", site, queries)
        server = served(site, ROOT, work)
        assert server is not None  # scripts/test.sh installs nginx
        try:
            over_http = measure(browser, server.url(PREFIX), site, queries)
        finally:
            server.stop()
    finally:
        shutil.rmtree(work)
    for got in runs:
        # The regulation's index, the shards' meta and records (two documents: the whole shard).
        assert got.scripts >= 3 and got.raw > index + meta > 0 and 0 < got.gzip < got.raw
        assert 0 < got.records < got.gzip and got.hits > 0 and got.ms > 0
    assert [r.query for r in runs] == ["第二十六条", "罚款"]
    # Served, the page loads the same scripts and shows the same hits.
    figures = [(r.query, r.scripts, r.raw, r.gzip, r.records, r.hits) for r in runs]
    assert [(r.query, r.scripts, r.raw, r.gzip, r.records, r.hits) for r in over_http] == figures
    assert all(r.ms > 0 for r in over_http)
