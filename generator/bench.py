"""Benchmarks: build time against a plain MkDocs site, scaling, page weight and widget speed.

`python -m generator bench` writes BENCHMARKS.md. Every figure is the median of several runs measured
on this machine; nothing here is asserted by the test suite (shared machines are noisy).
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.importer import ARTICLE_SCHEMA_LINE, REGULATION_SCHEMA_LINE, dump_yaml
from generator.numerals import parse_chinese, to_chinese

ARTICLE_REF = re.compile(r"(?<=[第、])([零一二三四五六七八九十百千]+)(?=条)")
PROVISION = re.compile(r"^art_(\d+)((?:__.*)?)$")
QUESTION_ID = re.compile(r"^q(\d+)-(\d+)$")
LINKED = ("site_overrides", "generator", "node_modules")
# The baseline site's mkdocs.yml and the JavaScript run in pages, kept as files so editors and linters
# see them as YAML and JavaScript (shipped as package data).
ASSETS = Path(__file__).parent / "bench_assets"


def asset(name: str) -> str:
    """The text of generator/bench_assets/<name>."""
    return (ASSETS / name).read_text(encoding="utf-8")


# --- synthetic regulations -------------------------------------------------------------------


def shift_text(text: str, offset: int) -> str:
    """Renumber article references written in Chinese (第二十四条、二十五条) by offset."""
    return ARTICLE_REF.sub(lambda m: to_chinese(parse_chinese(m.group(1)) + offset), text)


def shift_refs(value: object, offset: int) -> object:
    """Renumber every provision id (art_N…) inside a YAML value by offset."""
    if isinstance(value, str):
        m = PROVISION.match(value)
        return f"art_{int(m.group(1)) + offset}{m.group(2)}" if m else value
    if isinstance(value, list):
        return [shift_refs(v, offset) for v in value]
    if isinstance(value, dict):
        return {k: shift_refs(v, offset) for k, v in value.items()}
    return value


def _shift_strings(value: object, offset: int) -> object:
    """shift_text applied to every string inside a YAML value."""
    if isinstance(value, str):
        return shift_text(value, offset)
    if isinstance(value, list):
        return [_shift_strings(v, offset) for v in value]
    if isinstance(value, dict):
        return {k: _shift_strings(v, offset) for k, v in value.items()}
    return value


def _read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _write(path: Path, data: dict, schema_line: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_yaml(data, schema_line), encoding="utf-8")


def synthesize(root: Path, copies: int, dest: Path) -> Path:
    """A project whose regulation is `copies` repetitions of this one, renumbered throughout.

    Chapters and articles repeat with new numbers; article references in the text, related and
    note references, checklist items (one set per copy) and exam questions (per article) follow
    the renumbering. Topics, roles, glossary and the scoring scheme stay as they are (they cite the
    first copy). The result is a complete project that passes `check`.
    """
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in LINKED:
        if (root / name).exists():
            (dest / name).symlink_to((root / name).resolve())
    shutil.copy(root / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(
        root / "content", dest / "content", ignore=shutil.ignore_patterns("articles", "questions")
    )
    if (root / "checklists").exists():
        shutil.copytree(root / "checklists", dest / "checklists")

    regulation = _read(root / "content/regulation.yaml")
    n_articles = regulation["chapters"][-1]["last"]
    n_chapters = len(regulation["chapters"])
    chapters = []
    for k in range(copies):
        for c in regulation["chapters"]:
            chapters.append(
                {
                    **c,
                    "number": c["number"] + k * n_chapters,
                    "first": c["first"] + k * n_articles,
                    "last": c["last"] + k * n_articles,
                }
            )
    _write(dest / "content/regulation.yaml", {**regulation, "chapters": chapters}, REGULATION_SCHEMA_LINE)

    for src in sorted((root / "content/articles").glob("art-*.yaml")):
        art = _read(src)
        for k in range(copies):
            off = k * n_articles
            copy = shift_refs(art, off)
            copy["number"] = art["number"] + off
            copy["chapter"] = art["chapter"] + k * n_chapters
            copy["paragraphs"] = [
                {"text": shift_text(p["text"], off), **({"points": p["points"]} if "points" in p else {})}
                for p in art["paragraphs"]
            ]
            # Note quotes are words of the text, whose references were renumbered too.
            for note in copy.get("notes", []):
                if "quote" in note:
                    note["quote"] = _shift_strings(note["quote"], off)
            _write(dest / f"content/articles/art-{copy['number']:02d}.yaml", copy, ARTICLE_SCHEMA_LINE)

    questions = root / "content/questions"
    for src in sorted(questions.glob("*.yaml")) if questions.exists() else []:
        first_line = src.read_text(encoding="utf-8").split("\n", 1)[0] + "\n"
        if not src.name.startswith("art-"):
            (dest / "content/questions").mkdir(parents=True, exist_ok=True)
            shutil.copy(src, dest / "content/questions" / src.name)
            continue
        data = _read(src)
        number = int(src.stem.split("-")[1])
        for k in range(copies):
            off = k * n_articles
            copy = shift_refs(data, off)
            # Stems and explanations quote the text, whose references were renumbered too.
            copy["questions"] = [
                {k: (v if k == "id" else _shift_strings(v, off)) for k, v in q.items()}
                for q in copy.get("questions", [])
            ]
            for q in copy["questions"]:
                m = QUESTION_ID.match(q["id"])
                if m:
                    q["id"] = f"q{int(m.group(1)) + off}-{m.group(2)}"
            _write(dest / f"content/questions/art-{number + off:02d}.yaml", copy, first_line)

    for src in sorted((dest / "checklists").glob("*.yaml")) if (dest / "checklists").exists() else []:
        data = _read(src)
        if src.name.startswith("_") or "items" not in data:
            continue
        first_line = src.read_text(encoding="utf-8").split("\n", 1)[0] + "\n"
        items = []
        for k in range(copies):
            for item in data["items"]:
                copy = shift_refs(item, k * n_articles)
                if "quote" in copy:
                    copy["quote"] = _shift_strings(copy["quote"], k * n_articles)
                copy["id"] = item["id"] if k == 0 else f"{item['id']}_{k}"
                items.append(copy)
        _write(src, {**data, "items": items}, first_line)
    return dest


# --- the baseline: a plain mkdocs-material site with the same articles -----------------------


def make_baseline(root: Path, dest: Path) -> Path:
    """The same 43 articles as hand-written Markdown pages in a stock mkdocs-material site."""
    import importlib.util

    from generator.build import load_project

    if importlib.util.find_spec("jieba") is None:
        # The theme's search segments Chinese with jieba; without it the comparison flatters ours.
        print(
            "warning: jieba is not installed: the baseline's search will not segment Chinese", file=sys.stderr
        )
    reg = load_project(root).regulation
    if dest.exists():
        shutil.rmtree(dest)
    docs = dest / "docs"
    (docs / "articles").mkdir(parents=True)
    lines = [f"# {reg.title}", "", reg.promulgation_note, ""]
    for chapter in reg.chapters:
        lines += [f"## {chapter.label} {chapter.plain_title}", ""]
        for a in reg.articles_in(chapter):
            lines.append(f"- [{a.label} {a.caption}](articles/{a.slug}.md)")
            body = "\n\n".join(a.lines)
            (docs / "articles" / f"{a.slug}.md").write_text(
                f"# {a.label} {a.caption}\n\n{body}\n", encoding="utf-8"
            )
        lines.append("")
    (docs / "index.md").write_text("\n".join(lines), encoding="utf-8")
    # The same local shim as ours, so the baseline's search also works from disk (the offline plugin
    # would otherwise point it at a CDN that an intranet cannot reach).
    (docs / "assets/javascripts").mkdir(parents=True)
    shutil.copy(
        root / "node_modules/iframe-worker/shim/index.js", docs / "assets/javascripts/iframe-worker-shim.js"
    )
    shutil.copy(ASSETS / "baseline-mkdocs.yml", dest / "mkdocs.yml")
    return dest


# --- measuring -------------------------------------------------------------------------------


def timed_runs(command: list[str], cwd: Path, runs: int, env: dict | None = None) -> list[float]:
    """Wall-clock seconds of `runs` executions of command (each must succeed)."""
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env)
        out.append(time.perf_counter() - start)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed:\n{result.stderr[-2000:]}")
    return out


def count_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


@dataclass
class Results:
    """Everything one bench run measured, for the report."""

    runs: int
    scaling_runs: int = 0
    build: dict[str, list[float]] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)
    scaling: dict[int, list[float]] = field(default_factory=dict)
    weight: dict[str, dict[str, int]] = field(default_factory=dict)
    widgets: dict[str, list[float]] = field(default_factory=dict)
    # Search: hits per query kind for ours and the theme's search on the baseline site
    # ({site: {kind: [queries, top-1, top-3]}}), index sizes, timings (ms) and their labels.
    search_quality: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    search_sizes: dict[str, tuple[int, int]] = field(default_factory=dict)
    search_times: dict[str, list[float]] = field(default_factory=dict)


def _build_cmd(project: Path, site_dir: Path) -> list[str]:
    return [sys.executable, "-m", "generator", "--root", str(project), "build", "--site-dir", str(site_dir)]


def measure_builds(root: Path, work: Path, runs: int, res: Results) -> tuple[Path, Path]:
    ours = work / "ours"
    base_root = make_baseline(root, work / "baseline")
    base_site = base_root / "site"
    res.build["ours"] = timed_runs(_build_cmd(root, ours), root, runs)
    res.build["baseline"] = timed_runs(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-f",
            str(base_root / "mkdocs.yml"),
            "-d",
            str(base_site),
        ],
        root,
        runs,
    )
    res.pages["ours"] = count_pages(ours)
    res.pages["baseline"] = count_pages(base_site)
    return ours, base_site


def measure_scaling(root: Path, work: Path, copies: list[int], runs: int, res: Results) -> None:
    for k in copies:
        project = synthesize(root, k, work / f"synthetic-{k}")
        res.scaling[k * 43] = timed_runs(_build_cmd(project, project / "site"), root, runs)
        res.pages[f"synthetic-{k * 43}"] = count_pages(project / "site")


def _kind(url: str) -> str:
    path = url.split("?")[0].split("#")[0]
    for ext, kind in ((".html", "html"), (".css", "css"), (".js", "js"), (".json", "json")):
        if path.endswith(ext):
            return kind
    return "other"


def page_weight(browser, url: str) -> dict[str, int]:
    """Bytes of every response a fresh browser loads for the first view of url, by kind."""
    context = browser.new_context()
    page = context.new_page()
    responses = []
    page.on("response", lambda r: responses.append(r))
    page.goto(url)
    page.wait_for_load_state("load")
    page.wait_for_timeout(1500)  # let the search worker fetch its index, as a real first view does
    totals: dict[str, int] = {"html": 0, "css": 0, "js": 0, "json": 0, "other": 0}
    for response in responses:
        try:
            size = len(response.body())
        except Exception:  # redirects and aborted loads have no body
            continue
        totals[_kind(response.url)] += size
    totals["total"] = sum(totals.values())
    context.close()
    return totals


def launch_browser(playwright):
    return playwright.chromium.launch(
        executable_path="/usr/bin/chromium",
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
        ],
    )


def measure_weights(ours: Path, baseline: Path, res: Results) -> None:
    from playwright.sync_api import sync_playwright

    targets = {"home": ours / "index.html", "article": ours / "articles/art-26.html"}
    for name, path in WIDGET_PAGES.items():
        if (ours / path).exists():
            targets[name] = ours / path
    targets["baseline article"] = baseline / "articles/art-26.html"
    with sync_playwright() as p:
        browser = launch_browser(p)
        for name, path in targets.items():
            res.weight[name] = page_weight(browser, path.as_uri())
        browser.close()


# Widget pages measured for weight and speed (path relative to the site root).
WIDGET_PAGES: dict[str, str] = {
    "calculator": "scoring/calculator.html",
    "quiz practice": "quiz/practice.html",
    "quiz exam": "quiz/exam.html",
}


def largest_checklist(site: Path) -> Path | None:
    """The checklist page with the most items (by the count of answer groups in its HTML)."""
    pages = sorted((site / "checklists").glob("*.html")) if (site / "checklists").exists() else []
    scored = [(p.read_text(encoding="utf-8").count('class="kb-cl-item"'), p) for p in pages]
    scored = [s for s in scored if s[0]]
    return max(scored)[1] if scored else None


def measure_widgets(ours: Path, runs: int, res: Results) -> None:
    """Widget timings in Chromium over file://, each over `runs` fresh page loads."""
    from playwright.sync_api import sync_playwright

    checklist = largest_checklist(ours)
    calculator_recompute = asset("calculator-recompute.js")
    with sync_playwright() as p:
        browser = launch_browser(p)
        for _ in range(runs):
            context = browser.new_context()
            page = context.new_page()
            if checklist is not None:
                page.goto(checklist.as_uri())
                # Polled once per animation frame: the figure may run up to ~16 ms late.
                ready = page.wait_for_function(asset("checklist-ready.js")).json_value()
                res.widgets.setdefault(
                    f"checklist page ready ({checklist.stem}), ms after navigation start", []
                ).append(ready)
            page.goto((ours / WIDGET_PAGES["calculator"]).as_uri())
            page.wait_for_load_state("load")
            samples = [page.evaluate(calculator_recompute) for _ in range(20)]
            res.widgets.setdefault("calculator recompute after an input (median of 20 inputs)", []).append(
                statistics.median(samples)
            )
            page.goto((ours / WIDGET_PAGES["quiz practice"]).as_uri())
            page.wait_for_load_state("load")
            res.widgets.setdefault("quiz start (submit setup to first question shown)", []).append(
                page.evaluate(asset("quiz-start.js"))
            )
            context.close()
        browser.close()


# --- search ----------------------------------------------------------------------------------

SEARCH_KINDS = ("citation", "verbatim", "concept", "question", "paraphrase")
# Queries typed key by key on the synthetic regulation: a citation, a phrase, a plain question.
KEYSTROKE_QUERIES = ("第二十六条", "行政复议", "执法时要穿制服吗")
THEME_READY = "() => /键入/.test(document.querySelector('.md-search-result__meta').textContent)"
THEME_ANSWERED = "() => !/键入|初始化/.test(document.querySelector('.md-search-result__meta').textContent)"


def _found(ids: list[str], expect: str) -> bool:
    return any(i == expect or i.startswith(expect + "__") for i in ids)


def _article_page(provision: str) -> str:
    return f"articles/art-{int(provision.split('__')[0].removeprefix('art_')):02d}.html"


def _ours_hits(page, query: str) -> list[str]:
    box = page.locator("#kb-search-input")
    box.fill(query)
    return page.eval_on_selector_all(
        ".kb-search__hit[data-kb-kind=law]", "els => els.map(e => e.dataset.kbId)"
    )


def _theme_pages(page, site: Path, query: str) -> list[str]:
    """Result pages of the theme's search, in order (a page once, as the theme lists it)."""
    page.fill("input.md-search__input", "")
    page.wait_for_function(THEME_READY)
    page.fill("input.md-search__input", query)
    page.keyboard.press("End")  # the theme reads the box on key events
    page.wait_for_function(THEME_ANSWERED)
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > a.md-search-result__link", "els => els.map(e => e.href)"
    )
    out: list[str] = []
    for href in hrefs:
        path = href.split("?")[0].split("#")[0].removeprefix(site.as_uri() + "/")
        if path not in out:
            out.append(path)
    return out


def search_quality(browser, ours: Path, baseline: Path, queries: list[dict], res: Results) -> None:
    """Top-1 and top-3 per kind: ours at provision level (the provision or one inside it), the theme's
    at page level (the expected article's page), which is the more lenient test."""
    page = browser.new_context().new_page()
    page.goto((ours / "index.html").as_uri())
    page.click("#kb-search-input")
    page.wait_for_function("() => window.kbSearch.ready()")
    mine = res.search_quality.setdefault("ours", {k: [0, 0, 0] for k in SEARCH_KINDS})
    for q in queries:
        ids = _ours_hits(page, q["query"])
        row = mine[q["kind"]]
        row[0] += 1
        row[1] += _found(ids[:1], q["expect"])
        row[2] += _found(ids[:3], q["expect"])
    page.context.close()
    page = browser.new_context().new_page()
    page.goto((baseline / "index.html").as_uri())
    page.click("input.md-search__input")
    page.wait_for_function(THEME_READY)
    theirs = res.search_quality.setdefault("theme", {k: [0, 0, 0] for k in SEARCH_KINDS})
    for q in queries:
        pages = _theme_pages(page, baseline, q["query"])
        row = theirs[q["kind"]]
        row[0] += 1
        row[1] += _article_page(q["expect"]) in pages[:1]
        row[2] += _article_page(q["expect"]) in pages[:3]
    page.context.close()


def _gzip_size(path: Path) -> int:
    import gzip

    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def measure_search(root: Path, ours: Path, baseline: Path, work: Path, runs: int, res: Results) -> None:
    """Search quality against the theme's, index sizes, first result and per-keystroke time."""
    import json

    from playwright.sync_api import sync_playwright

    from generator.build import load_project
    from generator.search import INDEX_JS, QUERIES, index_data

    for name, path in (("ours", ours / INDEX_JS), ("theme", baseline / "search/search_index.js")):
        if path.exists():
            res.search_sizes[name] = (path.stat().st_size, _gzip_size(path))
    queries = yaml.safe_load((root / QUERIES).read_text(encoding="utf-8"))["queries"]
    large = work / "synthetic-100"
    if not (large / "content").exists():
        synthesize(root, 100, large)
    large_data = json.loads(json.dumps(index_data(load_project(large))))
    articles = sum(1 for r in large_data["records"] if r["kind"] == "law" and "__" not in r["id"])
    with sync_playwright() as p:
        browser = launch_browser(p)
        search_quality(browser, ours, baseline, queries, res)
        for _ in range(runs):
            context = browser.new_context()
            page = context.new_page()
            page.goto((ours / "articles/art-01.html").as_uri())
            page.wait_for_load_state("load")
            res.search_times.setdefault(
                "first result after first focus (43 articles, index load included)", []
            ).append(page.evaluate(asset("search-first.js")))
            context.close()
        for query in KEYSTROKE_QUERIES:
            for _ in range(runs):
                context = browser.new_context()
                page = context.new_page()
                page.goto((ours / "articles/art-01.html").as_uri())
                page.wait_for_load_state("load")
                got = page.evaluate(asset("search-keystroke.js"), {"data": large_data, "query": query})
                res.search_times.setdefault(f"index hand-over ({articles} articles)", []).append(
                    got["receive"]
                )
                res.search_times.setdefault(
                    f"per keystroke, median of the keys of {query} ({articles} articles)", []
                ).append(statistics.median(got["keys"]))
                res.search_times.setdefault(
                    f"per keystroke, slowest key of {query} ({articles} articles)", []
                ).append(max(got["keys"]))
                context.close()
        browser.close()


def timing_table(timings: dict[str, list[float]]) -> list[str]:
    """Markdown rows: each measurement with its median and every run, in milliseconds."""
    out = ["| measurement | median ms | runs (ms) |", "|---|---|---|"]
    for name, times in timings.items():
        out.append(f"| {name} | {_median(times):.2f} | {', '.join(f'{t:.2f}' for t in times)} |")
    return out


def search_report(res: Results) -> list[str]:
    out = ["## 5. Search (Chromium, file://)", ""]
    if res.search_quality:
        out.append(
            "Queries: content/search_queries.yaml (written before the ranking was run on them). Ours counts a "
            "hit when the expected provision (or one inside it) is listed; the theme's search, which lists "
            "pages, when the expected article's page is (more lenient). Typed into each site's header box."
        )
        out.append("")
        out.append("| kind | queries | ours top-1 | ours top-3 | theme top-1 | theme top-3 | target |")
        out.append("|---|---|---|---|---|---|---|")
        targets = {
            "citation": "100% top-1",
            "verbatim": "100% top-1",
            "concept": "98% top-3",
            "question": "85% top-3",
            "paraphrase": "85% top-3",
        }
        for kind in SEARCH_KINDS:
            o = res.search_quality["ours"][kind]
            t = res.search_quality["theme"][kind]
            out.append(
                f"| {kind} | {o[0]} | {o[1]} ({o[1] / o[0]:.0%}) | {o[2]} ({o[2] / o[0]:.0%}) "
                f"| {t[1]} ({t[1] / t[0]:.0%}) | {t[2]} ({t[2] / t[0]:.0%}) | {targets[kind]} |"
            )
        out.append("")
    if res.search_sizes:
        out.append("| index | bytes | gzip -9 bytes |")
        out.append("|---|---|---|")
        for name, label in (
            ("ours", "ours: assets/javascripts/search-index.js"),
            ("theme", "theme: search/search_index.js (baseline site)"),
        ):
            if name in res.search_sizes:
                size, gz = res.search_sizes[name]
                out.append(f"| {label} | {size:,} | {gz:,} |")
        out.append("")
    if res.search_times:
        out += timing_table(res.search_times)
        out.append("")
    return out


# --- report ----------------------------------------------------------------------------------


def _median(values: list[float]) -> float:
    return statistics.median(values)


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {cpu}; Python {platform.python_version()}"


def report(res: Results) -> str:
    """BENCHMARKS.md text for one run."""
    out = ["# Benchmarks", ""]
    out.append(f"Measured {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')} on {machine()}.")
    out.append(
        f"Each time is the median of {res.runs} runs (wall clock, whole command). Regenerate with "
        "`python -m generator bench`."
    )
    out.append("")
    out.append("## 1. Build time against a plain mkdocs-material site")
    out.append("")
    if res.build:
        ours, base = _median(res.build["ours"]), _median(res.build["baseline"])
        out.append("| build | pages | median s | runs (s) |")
        out.append("|---|---|---|---|")
        for name, label in (
            ("ours", "this site (generator build)"),
            ("baseline", "baseline: 43 hand-written Markdown pages"),
        ):
            runs = ", ".join(f"{t:.2f}" for t in res.build[name])
            out.append(f"| {label} | {res.pages[name]} | {_median(res.build[name]):.2f} | {runs} |")
        verdict = "met" if ours <= 2 * base else "NOT met"
        out.append("")
        out.append(f"Ratio ours/baseline: **{ours / base:.2f}** (target at most 2.0: {verdict}).")
    out.append("")
    out.append("## 2. Scaling")
    out.append("")
    if res.scaling:
        out.append(f"Median of {res.scaling_runs} run(s) per size.")
        out.append("")
        out.append("| articles | pages | median s | runs (s) |")
        out.append("|---|---|---|---|")
        for n, times in sorted(res.scaling.items()):
            runs = ", ".join(f"{t:.2f}" for t in times)
            out.append(f"| {n} | {res.pages.get(f'synthetic-{n}', 0)} | {_median(times):.2f} | {runs} |")
        sizes = sorted(res.scaling)
        if len(sizes) >= 2:
            small, large = sizes[0], sizes[-1]
            ratio = _median(res.scaling[large]) / _median(res.scaling[small])
            out.append("")
            out.append(
                f"Time ratio {large}/{small} articles: **{ratio:.2f}** for {large // small}x the articles "
                f"(target at most 11). Largest build: {_median(res.scaling[large]):.1f} s (target under 60 s)."
            )
    out.append("")
    out.append("## 3. Page weight (first view, bytes loaded in Chromium from disk)")
    out.append("")
    if res.weight:
        out.append("| page | HTML | CSS | JS | JSON | other | total |")
        out.append("|---|---|---|---|---|---|---|")
        for name, w in res.weight.items():
            out.append(
                f"| {name} | {w['html']:,} | {w['css']:,} | {w['js']:,} | {w['json']:,} | {w['other']:,} | {w['total']:,} |"
            )
        if "article" in res.weight and "baseline article" in res.weight:
            ratio = res.weight["article"]["total"] / res.weight["baseline article"]["total"]
            out.append("")
            out.append(f"Article page / baseline article page: **{ratio:.2f}** (target at most 1.2).")
    out.append("")
    out.append("## 4. Widget speed (Chromium, file://)")
    out.append("")
    if res.widgets:
        out += timing_table(res.widgets)
    out.append("")
    out += search_report(res)
    return "\n".join(out)


def run(
    root: Path,
    out: Path,
    runs: int = 3,
    copies: tuple[int, ...] = (10, 100),
    browser: bool = True,
    scaling_runs: int | None = None,
) -> Results:
    """Measure everything and write the report to `out`."""
    res = Results(runs=runs, scaling_runs=scaling_runs or runs)
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
        work = Path(tmp)
        ours, baseline = measure_builds(root, work, runs, res)
        measure_scaling(root, work, list(copies), res.scaling_runs, res)
        if browser:
            measure_weights(ours, baseline, res)
            measure_widgets(ours, runs, res)
            measure_search(root, ours, baseline, work, runs, res)
    out.write_text(report(res), encoding="utf-8")
    return res
