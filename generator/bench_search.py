"""`bench --search`: bytes and time before the first search result at library scale (issue 29 item 3).

The site measured is the default site's pages with the search files of a larger project: in corpus
mode `bench.corpus_project` (the regulation plus the corpus' documents), in library mode
`bench.library_project` (the regulation plus every document of the national library that imports
and loads), the first `limit` documents only when given. Each query of a fixed sample of
content/search_queries.yaml (every STEP-th) is typed into the header box of an article page at its
first focus, in a fresh browser context, in the box's default scope (全部); the figures are the
search scripts loaded when the answer shows (count, raw and gzip bytes, per file at level 9,
summed), the ms from the focus to the answer, and then the ms of the query itself once loaded
(`window.kbSearch.query` in 全部, every script it needs in: the median of QUERY_RUNS calls). Pure
parts (sampling, sizes, summary, report) are separate from the browser and the build.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import statistics
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

import yaml

HEADING = "## Issue 29 item 3: first search result at library scale (`bench --search`)"
LIBRARY_HEADING = "## Issue 29 item 3: first search result at the whole library (`bench --search --library`)"
STEP = 16
PAGE = "articles/art-01.html"

# ms from the first focus of the box to the list showing the query's answer (hits or none), the
# query typed at once; then the search scripts the page holds (the index and its shards).
FIRST = """async (q) => {
  const box = document.getElementById("kb-search-input");
  const root = box.closest("[data-kb-component=search]");
  const start = performance.now();
  const shown = new Promise((resolve) => {
    const done = () => root.getAttribute("data-kb-rendered") === q;
    new MutationObserver((changes, observer) => {
      if (done()) { observer.disconnect(); resolve(); }
    }).observe(root, { attributes: true, attributeFilter: ["data-kb-rendered"] });
  });
  box.focus();
  box.value = q;
  box.dispatchEvent(new Event("input", { bubbles: true }));
  await shown;
  return {
    ms: performance.now() - start,
    hits: root.querySelectorAll(".kb-search__hit").length,
    scope: root.querySelector(".kb-search__scope").value,
  };
}"""
# ms of each of `runs` calls of window.kbSearch.query(q) in the box's scope, once the answer shows
# (every shard the query needs is in and its engines are built: what a query costs once loaded).
QUERY = """(arg) => {
  const out = [];
  for (let k = 0; k < arg.runs; k++) {
    const start = performance.now();
    const hits = window.kbSearch.query(arg.q, { scope: arg.scope });
    out.push(performance.now() - start);
    if (!hits.length && arg.hits) throw new Error("the query answered nothing once loaded");
  }
  return out;
}"""
QUERY_RUNS = 5
SCRIPTS = "() => [...document.scripts].map(s => s.src).filter(s => /search-index|\\/search\\/[^/]*$/.test(s))"


@dataclass(frozen=True)
class First:
    """One query typed at the box's first focus in a fresh page."""

    query: str
    kind: str
    # Search scripts loaded when the answer shows, and their bytes (raw, gzip level 9), summed.
    scripts: int
    raw: int
    gzip: int
    # gzip bytes of the record shards among them (r<k>, or the whole shard of a small library).
    records: int
    # ms from the focus to the answer shown; hits shown.
    ms: float
    hits: int
    # ms of the query once every script it needs is in (median of QUERY_RUNS calls).
    query_ms: float = 0.0


@dataclass(frozen=True)
class Summary:
    """Median and max of each figure over a group of queries."""

    label: str
    count: int
    scripts: tuple[float, float]
    raw: tuple[float, float]
    gzip: tuple[float, float]
    records: tuple[float, float]
    ms: tuple[float, float]
    query_ms: tuple[float, float]


def sample_queries(root: Path, step: int = STEP) -> list[dict]:
    """Every `step`-th query of content/search_queries.yaml (kind and query), from the first."""
    from generator.search import QUERIES

    queries = yaml.safe_load((root / QUERIES).read_text(encoding="utf-8"))["queries"]
    return [{"kind": q["kind"], "query": str(q["query"])} for q in queries[::step]]


def sizes(files: Sequence[Path]) -> tuple[int, int]:
    """Summed raw and gzip (level 9, per file) bytes of `files`."""
    data = [f.read_bytes() for f in files]
    return sum(len(d) for d in data), sum(len(gzip.compress(d, 9, mtime=0)) for d in data)


def _pair(values: list[float]) -> tuple[float, float]:
    return float(statistics.median(values)), float(max(values))


def summarize(label: str, runs: Sequence[First]) -> Summary:
    """The median and max of each figure of `runs` (at least one)."""
    if not runs:
        raise ValueError("summarize: no runs")
    return Summary(
        label,
        len(runs),
        _pair([r.scripts for r in runs]),
        _pair([r.raw / 1000 for r in runs]),
        _pair([r.gzip / 1000 for r in runs]),
        _pair([r.records / 1000 for r in runs]),
        _pair([r.ms for r in runs]),
        _pair([r.query_ms for r in runs]),
    )


def by_kind(runs: Sequence[First]) -> list[Summary]:
    """All runs, then one summary per query kind (in order of first appearance)."""
    kinds = list(dict.fromkeys(r.kind for r in runs))
    return [summarize("all", runs)] + [summarize(k, [r for r in runs if r.kind == k]) for k in kinds]


def _fmt(pair: tuple[float, float]) -> str:
    return f"{pair[0]:,.0f} / {pair[1]:,.0f}"


def _ms(pair: tuple[float, float]) -> str:
    return f"{pair[0]:,.1f} / {pair[1]:,.1f}"


def report(tables: dict[str, list[Summary]], note: str, heading: str = HEADING) -> list[str]:
    """The report section under `heading`: one table per transport, a row per kind."""
    lines = [heading, "", note, ""]
    for transport, rows in tables.items():
        lines += [
            f"From {transport}:",
            "",
            "| queries | n | scripts (median / max) | raw KB | gzip KB | of which records, gzip KB "
            "| first result ms | query ms, loaded |",
            "|---|---|---|---|---|---|---|---|",
        ]
        lines += [
            f"| {s.label} | {s.count} | {_fmt(s.scripts)} | {_fmt(s.raw)} | {_fmt(s.gzip)} | {_fmt(s.records)} "
            f"| {_fmt(s.ms)} | {_ms(s.query_ms)} |"
            for s in rows
        ]
        lines.append("")
    return lines


def write_section(out: Path, lines: list[str]) -> None:
    """Put the section `lines` (starting with its "## " heading) into `out`: in place of the section
    of that heading, up to the next "## ", else at the end; `out` is made when missing."""
    text = out.read_text(encoding="utf-8") if out.exists() else "# Benchmarks\n"
    section = "\n".join(lines).rstrip("\n") + "\n"
    start = text.find(lines[0] + "\n")
    if start < 0:
        out.write_text(text.rstrip("\n") + "\n\n" + section, encoding="utf-8")
        return
    following = re.compile(r"^## ", re.MULTILINE).search(text, start + len(lines[0]))
    end = following.start() if following else len(text)
    rest = text[end:]
    out.write_text(text[:start] + section + ("\n" + rest if rest else ""), encoding="utf-8")


# --- the site -------------------------------------------------------------------------------------


def corpus_search_site(root: Path, corpus: Path, work: Path, limit: int | None) -> tuple[Path, int]:
    """The default site built into work/site with the search files of the corpus project (its
    index and shards in place of the default site's); the site and the corpus' article count."""
    from generator.bench import corpus_project

    made = corpus_project(root, corpus, work / "corpus", limit)
    return search_site(root, made.project, work), made.articles


def library_search_site(root: Path, library: Path, work: Path, limit: int | None) -> tuple[Path, int]:
    """As corpus_search_site, with the search files of the library project (every document of
    `library` that imports and loads, the first `limit` only when given)."""
    from generator.bench import library_project

    made = library_project(root, library, work / "library", limit)
    return search_site(root, made.project, work), made.articles


def search_site(root: Path, project: Path, work: Path) -> Path:
    """The default site built into work/site, its search files replaced by those of `project`."""
    from generator.build import build_site, load_project
    from generator.search import SHARDS_DIR, exports

    site = build_site(root, work / "site")
    shutil.rmtree(site / SHARDS_DIR)
    for name, text in exports(load_project(project)).items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return site


# --- the browser ----------------------------------------------------------------------------------


def _local(site: Path, base: str, src: str) -> Path:
    return site / unquote(urlparse(src).path.split(urlparse(base).path, 1)[1])


def _is_records(name: str) -> bool:
    """Whether a shard file holds records: r<k>, or the whole shard (search.WHOLE_SHARD)."""
    from generator.search import WHOLE_SHARD

    return re.fullmatch(r"r\d+\.js", name) is not None or name == f"{WHOLE_SHARD}.js"


def first_result(browser, base: str, site: Path, query: dict) -> First:
    """`query` typed at the first focus of the box of PAGE under `base` (the site's URL, "/"-ended)
    in a fresh context; `site` is the folder served there."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base + PAGE)
        page.wait_for_load_state("load")
        got = page.evaluate(FIRST, query["query"])
        if got["scope"] != "all":
            raise RuntimeError(f"the box's scope is {got['scope']}, not all")
        files = [_local(site, base, src) for src in page.evaluate(SCRIPTS)]
        arg = {"q": query["query"], "scope": got["scope"], "runs": QUERY_RUNS, "hits": got["hits"]}
        loaded = float(statistics.median(page.evaluate(QUERY, arg)))
    finally:
        context.close()
    raw, zipped = sizes(files)
    records = sizes([f for f in files if f.parent.name == "search" and _is_records(f.name)])[1]
    return First(
        query["query"], query["kind"], len(files), raw, zipped, records, got["ms"], got["hits"], loaded
    )


def measure(browser, base: str, site: Path, queries: Sequence[dict]) -> list[First]:
    return [first_result(browser, base, site, q) for q in queries]


# The sub-path the site is served under by nginx, as an intranet server hosts it.
PREFIX = "/zfzrz/"


def served(site: Path, root: Path, work: Path):
    """nginx serving `site` under PREFIX with the shipped location block (deploy.nginx_conf), its
    workers running as another user, as on a server; None when nginx is not installed."""
    from generator.build import load_project
    from generator.deploy import nginx_conf
    from generator.nginx import Nginx, nginx_binary

    if nginx_binary() is None:
        return None
    title = load_project(root).regulation.title
    return Nginx(nginx_conf([site], PREFIX, str(site), title, project=root), work / "nginx")


def run_search(
    root: Path,
    out: Path,
    corpus: Path | None = None,
    limit: int | None = None,
    step: int = STEP,
    library: Path | None = None,
) -> dict[str, list[Summary]]:
    """Build the search site (the corpus', or the library's when `library` is given), measure the
    sample from disk and over nginx, write the section of `out` (HEADING, or LIBRARY_HEADING)."""
    if (corpus is None) == (library is None):
        raise ValueError("run_search: give a corpus or a library")
    with tempfile.TemporaryDirectory(prefix="kb-bench-search-") as tmp:
        work = Path(tmp)
        work.chmod(0o755)  # nginx's workers run as another user and must reach the site
        if library is not None:
            site, articles = library_search_site(root, library, work, limit)
            note = _library_note(articles, limit)
        else:
            assert corpus is not None
            site, articles = corpus_search_site(root, corpus, work, limit)
            note = _corpus_note(articles, limit)
        return measure_site(root, out, site, work, note, step, LIBRARY_HEADING if library else HEADING)


def measure_site(
    root: Path, out: Path, site: Path, work: Path, note: str, step: int = STEP, heading: str = HEADING
) -> dict[str, list[Summary]]:
    """Measure the sample on `site` (built) from disk and over nginx (its files under `work`), and
    write the section `heading` of `out` with `note` (what the site holds) before the tables."""
    from playwright.sync_api import sync_playwright

    from generator.bench import launch_browser, machine

    queries = sample_queries(root, step)
    before = os.getloadavg()[0]
    tables: dict[str, list[Summary]] = {}
    server = served(site, root, work)
    with sync_playwright() as p:
        browser = launch_browser(p)
        try:
            tables["disk (file://)"] = by_kind(measure(browser, site.as_uri() + "/", site, queries))
            if server is not None:
                tables["nginx (http://)"] = by_kind(measure(browser, server.url(PREFIX), site, queries))
        finally:
            browser.close()
            if server is not None:
                server.stop()
    load = f"Load average (1 min) {before:.1f} before, {os.getloadavg()[0]:.1f} after;"
    skipped = "" if server is not None else " nginx is not installed: the served run was skipped;"
    text = " ".join((note + _sample_note(len(queries), step) + skipped, load, machine()))
    write_section(out, report(tables, text, heading))
    return tables


def _corpus_note(articles: int, limit: int | None) -> str:
    docs = f"the first {limit} corpus documents" if limit else "every corpus document"
    return f"The default site's pages with the search files of the regulation and {docs} ({articles:,} further articles); "


def _library_note(articles: int, limit: int | None) -> str:
    docs = f"the first {limit} documents" if limit else "every document"
    return (
        f"The default site's pages with the search files of the regulation and {docs} of the national "
        f"library that imports and passes the site's validation ({articles:,} further articles); "
    )


def _sample_note(count: int, step: int) -> str:
    return (
        f"{count} queries (every {step}th of content/search_queries.yaml), each typed at the first focus "
        f"of the box of {PAGE} in a fresh context, scope 全部; bytes are the search scripts loaded when "
        "the answer shows; query ms, loaded: the median of "
        f"{QUERY_RUNS} calls of window.kbSearch.query in 全部 once the answer shows (every script it "
        "needs in, its engines built)."
    )
