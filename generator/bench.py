"""Benchmarks: build time against plain MkDocs sites, scaling, page weight and widget speed.

`python -m generator bench` writes BENCHMARKS.md. Each size (the regulation alone, its synthetic
copies, and with --corpus a site of every importable official text) is built in turn with a fair
peer: stock mkdocs-material with the same article pages under the chapter nav of ours. The report
puts issue 18's targets beside this run's figures. Every figure is the median of several runs
measured on this machine; nothing here is asserted by the test suite (shared machines are noisy).
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
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.importer import (
    ARTICLE_SCHEMA_LINE,
    LAW_ARTICLE_SCHEMA_LINE,
    LAW_SCHEMA_LINE,
    REGULATION_SCHEMA_LINE,
    dump_yaml,
)
from generator.links import KEY_SEPARATOR
from generator.load import Yaml
from generator.numerals import parse_chinese, to_chinese
from generator.search_eval import answers, found
from generator.validate import quotes_of

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


def shift_refs(value: Yaml, offset: int) -> Yaml:
    """Renumber every provision id (art_N…) inside a YAML value by offset."""
    if isinstance(value, str):
        m = PROVISION.match(value)
        return f"art_{int(m.group(1)) + offset}{m.group(2)}" if m else value
    if isinstance(value, list):
        return [shift_refs(v, offset) for v in value]
    if isinstance(value, dict):
        return {k: shift_refs(v, offset) for k, v in value.items()}
    return value


def _shift_strings(value: Yaml, offset: int) -> Yaml:
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


def _foreign(ref: object) -> bool:
    """Whether a reference names a further regulation's provision (slug:id)."""
    return KEY_SEPARATOR in str(ref)


def without_laws(article: dict) -> dict:
    """An article record with its references to further regulations (slug:id) taken out.

    Related entries and note refs naming a further regulation go; a note that cited one keeps only
    the quote fragments found in the article's own text (the others quoted the law); a higher-law
    note (上位法提示) goes with its higher law. Everything
    else is returned as it was.
    """
    out = dict(article)
    if "related" in out:
        out["related"] = [r for r in out["related"] if not _foreign(r.get("ref"))]
        if not out["related"]:
            del out["related"]
    if "notes" in out:
        own = "".join(
            p["text"] + "".join(x if isinstance(x, str) else x.get("text", "") for x in p.get("points", []))
            for p in out["paragraphs"]
        )
        notes = []
        for note in out["notes"]:
            if note.get("kind") == "higher_law":
                continue  # a higher-law note stands on the further regulation's text
            refs = note.get("refs") or []
            if any(_foreign(r) for r in refs):
                note = {**note, "refs": [r for r in refs if not _foreign(r)]}
                if not note["refs"]:
                    del note["refs"]
                if "quote" in note:
                    quotes = [q for q in quotes_of(note["quote"]) if q in own]
                    note.pop("quote")
                    if quotes:
                        note["quote"] = quotes
            notes.append(note)
        out["notes"] = notes
        if not notes:
            del out["notes"]
    return out


def synthesize(root: Path, copies: int, dest: Path) -> Path:
    """A project whose regulation is `copies` repetitions of this one, renumbered throughout.

    Chapters and articles repeat with new numbers; article references in the text, related and
    note references, checklist items (one set per copy) and exam questions (per article) follow
    the renumbering. Topics, roles, glossary and the scoring scheme stay as they are (they cite the
    first copy). The result is a complete project that passes `check`.

    The further regulations (content/laws/) are left out, and so are the articles' references to
    them (`without_laws`): the synthetic sizes measure the site's own regulation alone.
    """
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in LINKED:
        if (root / name).exists():
            (dest / name).symlink_to((root / name).resolve())
    shutil.copy(root / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(
        root / "content", dest / "content", ignore=shutil.ignore_patterns("articles", "questions", "laws")
    )
    if (root / "checklists").exists():
        shutil.copytree(root / "checklists", dest / "checklists")
    n_articles, n_chapters = _synthesize_regulation(root, copies, dest)
    _synthesize_articles(root, copies, dest, n_articles, n_chapters)
    _synthesize_questions(root, copies, dest, n_articles)
    _synthesize_checklists(copies, dest, n_articles)
    return dest


def _synthesize_regulation(root: Path, copies: int, dest: Path) -> tuple[int, int]:
    """content/regulation.yaml with its chapters repeated `copies` times, renumbered; returns the
    numbers of articles and chapters of one copy."""
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
    return n_articles, n_chapters


def _synthesize_articles(root: Path, copies: int, dest: Path, n_articles: int, n_chapters: int) -> None:
    """Every article `copies` times, renumbered with the references in its text and notes."""
    for src in sorted((root / "content/articles").glob("art-*.yaml")):
        art = without_laws(_read(src))
        for k in range(copies):
            off = k * n_articles
            copy = shift_refs(art, off)
            copy["number"] = art["number"] + off
            copy["chapter"] = art["chapter"] + k * n_chapters
            copy["paragraphs"] = [
                {"text": shift_text(p["text"], off), **({"points": p["points"]} if "points" in p else {})}
                for p in art["paragraphs"]
            ]
            # Quotes are words of the text, whose references were renumbered too: notes', the
            # related links' (both sides) and the caption's.
            for entry in (*copy.get("notes", []), *copy.get("related", [])):
                for key in ("quote", "quote_here"):
                    if key in entry:
                        entry[key] = _shift_strings(entry[key], off)
            if "caption_quote" in copy:
                copy["caption_quote"] = _shift_strings(copy["caption_quote"], off)
            _write(dest / f"content/articles/art-{copy['number']:02d}.yaml", copy, ARTICLE_SCHEMA_LINE)


def _synthesize_questions(root: Path, copies: int, dest: Path, n_articles: int) -> None:
    """Each article's questions once per copy of the article, ids and references renumbered; other
    question files copied as they are."""
    questions = root / "content/questions"
    for src in sorted(questions.glob("*.yaml")) if questions.exists() else []:
        first_line = src.read_text(encoding="utf-8").split("\n", 1)[0] + "\n"
        if not src.name.startswith("art-"):
            (dest / "content/questions").mkdir(parents=True, exist_ok=True)
            shutil.copy(src, dest / "content/questions" / src.name)
            data = _read(src)
            if isinstance(data, dict) and isinstance(data.get("composition"), dict):
                # The further regulations are left out, and so are the mock exam's shares by them.
                if data["composition"].pop("by_regulation", None) is not None:
                    _write(dest / "content/questions" / src.name, data, first_line)
            continue
        data = _read(src)
        number = int(src.stem.split("-")[1])
        data = _unquote_higher_law(data, _higher_quotes(root / f"content/articles/{src.name}"))
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


def _higher_quotes(article: Path) -> list[str]:
    """The higher law's words quoted by the article's 上位法提示 notes (none when no such file)."""
    data = _read(article) if article.exists() else {}
    notes = data.get("notes", []) if isinstance(data, dict) else []
    return [q for n in notes if n.get("kind") == "higher_law" for q in quotes_of(n.get("higher_quote", []))]


def _unquote_higher_law(data: dict, higher: list[str]) -> dict:
    """Questions whose explanations quote the higher law: those words become a named phrase
    (「…」), as `without_laws` leaves out the 上位法提示 against which the build checks them."""
    if not higher:
        return data

    def plain(text: str) -> str:
        return re.sub(
            r"“([^“”]+)”",
            lambda m: f"「{m.group(1)}」" if any(m.group(1) in h for h in higher) else m.group(0),
            text,
        )

    questions = [
        {**q, "explanation": plain(q["explanation"])} if isinstance(q.get("explanation"), str) else q
        for q in data.get("questions", [])
    ]
    return {**data, "questions": questions}


def _synthesize_checklists(copies: int, dest: Path, n_articles: int) -> None:
    """The copied checklists with their items once per copy (ids suffixed _1, _2, ... after the
    first), in place."""
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


# --- the peers: plain mkdocs-material sites with the same articles ---------------------------


def _stock_site(root: Path, dest: Path) -> Path:
    """A fresh folder for a stock mkdocs-material project; returns its docs/ folder.

    docs/ gets the same local shim as ours, so the theme's search also works from disk (the offline
    plugin would otherwise point it at a CDN that an intranet cannot reach).
    """
    import importlib.util

    if importlib.util.find_spec("jieba") is None:
        # The theme's search segments Chinese with jieba; without it the comparison flatters ours.
        print("warning: jieba is not installed: the peers' search will not segment Chinese", file=sys.stderr)
    if dest.exists():
        shutil.rmtree(dest)
    docs = dest / "docs"
    (docs / "assets/javascripts").mkdir(parents=True)
    shutil.copy(
        root / "node_modules/iframe-worker/shim/index.js", docs / "assets/javascripts/iframe-worker-shim.js"
    )
    return docs


def _article_md(article) -> str:
    """An article as a hand-written Markdown page: its heading and its verbatim lines."""
    body = "\n\n".join(article.lines)
    return f"# {article.label} {article.caption}\n\n{body}\n"


def make_baseline(root: Path, dest: Path) -> Path:
    """The flat baseline: the 43 articles as hand-written Markdown pages in a stock mkdocs-material
    site whose nav is the theme's default (every page, flat)."""
    from generator.build import load_project

    reg = load_project(root).regulation
    docs = _stock_site(root, dest)
    (docs / "articles").mkdir()
    lines = [f"# {reg.title}", "", reg.promulgation_note, ""]
    for chapter in reg.chapters:
        lines += [f"## {chapter.label} {chapter.plain_title}", ""]
        for a in reg.articles_in(chapter):
            lines.append(f"- [{a.label} {a.caption}](articles/{a.slug}.md)")
            (docs / "articles" / f"{a.slug}.md").write_text(_article_md(a), encoding="utf-8")
        lines.append("")
    (docs / "index.md").write_text("\n".join(lines), encoding="utf-8")
    shutil.copy(ASSETS / "baseline-mkdocs.yml", dest / "mkdocs.yml")
    return dest


def _chapters_nav(reg) -> list:
    """A regulation's top-level divisions, each with its articles' pages (the articles themselves
    when it has no division)."""
    from generator.links import article_url, md_uri

    if not reg.chapters:
        return [md_uri(article_url(a)) for a in reg.articles]
    return [
        {f"{c.label} {c.plain_title}": [md_uri(article_url(a)) for a in reg.articles_in(c)]}
        for c in reg.chapters
    ]


def peer_nav(project) -> list:
    """The fair peer's nav, the shape of ours: home, the site's regulation's chapters at the top
    level, then one section holding each further regulation with its chapters. Only the article
    pages: ours adds home, full-text and chapter pages to each regulation, the peer has none."""
    nav: list = [{"首页": "index.md"}, *_chapters_nav(project.regulation)]
    if project.laws:
        nav.append({"相关法律法规": [{law.name: _chapters_nav(law)} for law in project.laws]})
    return nav


def make_peer(project_root: Path, dest: Path) -> Path:
    """The fair peer of the project at `project_root`: a stock mkdocs-material site with the same
    regulations and articles at the same paths as ours, and the same chapter nav (`peer_nav`)."""
    from generator.build import load_project
    from generator.links import article_url, md_uri

    project = load_project(project_root)
    docs = _stock_site(project_root, dest)
    regulations = (project.regulation, *project.laws)
    for reg in regulations:
        for a in reg.articles:
            page = docs / md_uri(article_url(a))
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(_article_md(a), encoding="utf-8")
    lines = [f"# {project.regulation.title}", ""]
    lines += [f"- {reg.name}：{len(reg.articles)} 条" for reg in regulations]
    (docs / "index.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    nav = yaml.safe_dump({"nav": peer_nav(project)}, allow_unicode=True, sort_keys=False)
    (dest / "mkdocs.yml").write_text(asset("peer-mkdocs.yml") + nav, encoding="utf-8")
    return dest


# --- the corpus: the Jilin regulation and every importable official text ---------------------


@dataclass
class Corpus:
    """A corpus project as `corpus_project` wrote it."""

    project: Path
    # Source file names imported, in slug order (c001 is the first).
    imported: list[str]
    # The parser's located message (file:line: message) for each document it refused.
    refused: list[str]
    # Articles of the further regulations (the site's own 43 not counted).
    articles: int


def corpus_files(corpus: Path) -> list[Path]:
    """The corpus documents in import order: related/ then bench/, each by file name."""
    return sorted((corpus / "related").glob("*.txt")) + sorted((corpus / "bench").glob("*.txt"))


def corpus_project(root: Path, corpus: Path, dest: Path, limit: int | None = None) -> Corpus:
    """A project of the Jilin regulation alone (`synthesize` with one copy) plus, as further
    regulations c001, c002, …, every document of the corpus the parser accepts (the first `limit`
    documents only, when given). Refused documents are skipped and their messages kept."""
    synthesize(root, 1, dest)
    return import_documents(corpus_files(corpus)[:limit], dest)


def import_documents(paths: list[Path], dest: Path) -> Corpus:
    """Import `paths` into the project at `dest` as further regulations c001, c002, … (in order):
    the documents the parser refuses are skipped with their located messages."""
    from generator.importer import law_records
    from generator.model import article_slug
    from generator.parse import ParseError, parse

    imported: list[str] = []
    refused: list[str] = []
    articles = 0
    for path in paths:
        try:
            doc = parse(path.read_text(encoding="utf-8"), path.name)
        except ParseError as exc:
            refused.append(str(exc))
            continue
        result = law_records(doc)
        imported.append(path.name)
        out = dest / "content/laws" / f"c{len(imported):03d}"
        _write(out / "regulation.yaml", result.regulation, LAW_SCHEMA_LINE)
        for record in result.articles:
            slug = article_slug(record["number"], record.get("suffix", 0))
            _write(out / "articles" / f"{slug}.yaml", record, LAW_ARTICLE_SCHEMA_LINE)
        articles += len(result.articles)
    return Corpus(dest, imported, refused, articles)


def library_files(library: Path) -> list[Path]:
    """The documents of a library folder (one text file each, any depth), by path."""
    return sorted(library.rglob("*.txt"))


def library_project(root: Path, library: Path, dest: Path, limit: int | None = None) -> Corpus:
    """The regulation beside every document of `library` that imports and loads (the first `limit`
    only, when given): `corpus_project`'s layout, with `drop_unloadable` applied."""
    synthesize(root, 1, dest)
    return drop_unloadable(import_documents(library_files(library)[:limit], dest))


def drop_unloadable(made: Corpus) -> Corpus:
    """Remove the imported documents the site's validation refuses (issue 29: import and load do not
    yet agree), each with its messages in `refused` as `<file>: <message>`, until the project loads;
    one document then does not stop the build. Problems outside content/laws/ raise ContentError."""
    from generator.errors import ContentError

    names = {f"c{i:03d}": name for i, name in enumerate(made.imported, start=1)}
    while (problems := _load_problems(made.project)) is not None:
        bad = sorted({slug for p in problems if (slug := _law_slug(p.path)) is not None})
        if not bad:
            raise ContentError(problems)
        for slug in bad:
            folder = made.project / "content/laws" / slug
            made.articles -= sum(1 for _ in (folder / "articles").glob("*.yaml"))
            shutil.rmtree(folder)
            made.imported.remove(names[slug])
            made.refused += [f"{names[slug]}: {p}" for p in problems if _law_slug(p.path) == slug]
    return made


def _load_problems(project: Path) -> list | None:
    """The problems that stop the project at `project` from loading, or None when it loads."""
    from generator.build import load_project
    from generator.errors import ContentError

    try:
        load_project(project)
    except ContentError as exc:
        return list(exc.problems)
    return None


def _law_slug(path: str) -> str | None:
    """c012 for content/laws/c012/…, else None."""
    match = re.match(r"content/laws/(c\d+)/", path)
    return match.group(1) if match else None


# --- measuring -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Build:
    """One build: wall seconds of the whole command and the peak resident memory of its process
    (ru_maxrss from os.wait4: the largest of the process and the children it waited for)."""

    seconds: float
    rss: int  # bytes


def run_build(command: list[str], cwd: Path) -> Build:
    """Run one build command (it must succeed) and measure it."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        if proc.returncode != 0:
            err.seek(0)
            tail = err.read()[-2000:].decode("utf-8", "replace")
            raise RuntimeError(f"{' '.join(command)} failed:\n{tail}")
    return Build(seconds, usage.ru_maxrss * 1024)  # Linux counts ru_maxrss in KiB


def interleave(commands: dict[str, tuple[list[str], Path]], cwd: Path, runs: int) -> dict[str, list[Build]]:
    """`runs` rounds of every (command, site folder) in turn (ours, peer, ours, peer, …), so that a
    change in the machine's load falls on both sides alike. The previous site is removed before
    each run, outside the measured time: deleting a large site would otherwise count as building."""
    out: dict[str, list[Build]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, site) in commands.items():
            shutil.rmtree(site, ignore_errors=True)
            out[name].append(run_build(command, cwd))
    return out


def count_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def largest_page(site: Path) -> tuple[str, int]:
    """The site's largest HTML page (path relative to the site) and its size in bytes."""
    sizes = ((p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html"))
    size, path = max(sizes, default=(0, ""))
    return path, size


# The article page compared at every size (it exists in each: synthetic copies and the corpus keep
# the site's own regulation first).
ARTICLE_PAGE = "articles/art-26.html"


@dataclass
class SideBySide:
    """One size built side by side: ours and the plain peer with the same chapter nav."""

    articles: int
    ours: list[Build] = field(default_factory=list)
    peer: list[Build] = field(default_factory=list)
    pages: tuple[int, int] = (0, 0)
    # HTML bytes of ARTICLE_PAGE, ours and the peer's.
    article_html: tuple[int, int] = (0, 0)
    # Ours: the largest HTML page and its bytes.
    largest: tuple[str, int] = ("", 0)

    def median(self, side: str) -> float:
        return _median([b.seconds for b in getattr(self, side)])

    def peak(self, side: str) -> int:
        return max(b.rss for b in getattr(self, side))

    def ratio(self) -> float:
        return self.median("ours") / self.median("peer")


@dataclass
class Results:
    """Everything one bench run measured, for the report."""

    runs: int
    scaling_runs: int = 0
    # The 43 articles alone: ours, the flat baseline and the chapter-nav peer.
    build: dict[str, list[Build]] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)
    # Ours beside the chapter-nav peer, by article count (43 and the synthetic sizes).
    scaling: dict[int, SideBySide] = field(default_factory=dict)
    # The corpus site, the documents it holds and those the parser refused.
    corpus: SideBySide | None = None
    corpus_documents: int = 0
    corpus_refused: list[str] = field(default_factory=list)
    weight: dict[str, dict[str, int]] = field(default_factory=dict)
    widgets: dict[str, list[float]] = field(default_factory=dict)
    # Search: hits per query kind for ours and the theme's search on the baseline site
    # ({site: {kind: [queries, top-1, top-3]}}), index sizes, timings (ms) and their labels.
    search_quality: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    search_sizes: dict[str, tuple[int, int]] = field(default_factory=dict)
    search_times: dict[str, list[float]] = field(default_factory=dict)


def _build_cmd(project: Path, site_dir: Path) -> list[str]:
    return [sys.executable, "-m", "generator", "--root", str(project), "build", "--site-dir", str(site_dir)]


def _mkdocs_cmd(project: Path) -> tuple[list[str], Path]:
    return [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "-q",
        "-f",
        str(project / "mkdocs.yml"),
        "-d",
        str(project / "site"),
    ], project / "site"


def side_by_side(
    root: Path, project: Path, peer: Path, runs: int, articles: int, extra: dict | None = None
) -> tuple[SideBySide, dict[str, list[Build]]]:
    """Build ours (project) and its peer interleaved, with `extra` commands in the same rounds."""
    commands = {
        "ours": (_build_cmd(project, project / "site"), project / "site"),
        "peer": _mkdocs_cmd(peer),
        **(extra or {}),
    }
    builds = interleave(commands, root, runs)
    ours, theirs = project / "site", peer / "site"
    size = SideBySide(
        articles,
        builds["ours"],
        builds["peer"],
        pages=(count_pages(ours), count_pages(theirs)),
        article_html=((ours / ARTICLE_PAGE).stat().st_size, (theirs / ARTICLE_PAGE).stat().st_size),
        largest=largest_page(ours),
    )
    return size, builds


def measure_builds(root: Path, work: Path, runs: int, res: Results) -> tuple[Path, Path]:
    """The 43 articles alone: ours, the flat baseline and the chapter-nav peer, interleaved.
    Returns the folders of our site and of the baseline's site."""
    project = synthesize(root, 1, work / "synthetic-1")
    base_root = make_baseline(project, work / "baseline")
    peer = make_peer(project, work / "peer-1")
    size, builds = side_by_side(root, project, peer, runs, 43, {"baseline": _mkdocs_cmd(base_root)})
    res.scaling[43] = size
    res.build = builds
    res.pages["ours"], res.pages["peer"] = size.pages
    res.pages["baseline"] = count_pages(base_root / "site")
    return project / "site", base_root / "site"


def measure_scaling(root: Path, work: Path, copies: list[int], runs: int, res: Results) -> None:
    for k in copies:
        project = synthesize(root, k, work / f"synthetic-{k}")
        peer = make_peer(project, work / f"peer-{k}")
        res.scaling[k * 43], _ = side_by_side(root, project, peer, runs, k * 43)
        # Neither site is read again: drop them now (a large one takes gigabytes).
        shutil.rmtree(peer / "site")
        shutil.rmtree(project / "site")


def measure_corpus(
    root: Path, corpus: Path, work: Path, runs: int, res: Results, limit: int | None = None
) -> None:
    made = corpus_project(root, corpus, work / "corpus", limit)
    peer = make_peer(made.project, work / "peer-corpus")
    res.corpus, _ = side_by_side(root, made.project, peer, runs, 43 + made.articles)
    res.corpus_documents = len(made.imported)
    res.corpus_refused = made.refused
    shutil.rmtree(peer / "site")
    shutil.rmtree(made.project / "site")


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
    for name, page in WIDGET_PAGES.items():
        if (ours / page).exists():
            targets[name] = ours / page
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
    """Top-1 and top-3 per kind: ours at provision level (an answer or a provision inside one), the
    theme's at page level (an answer's article page), which is the more lenient test."""
    page = browser.new_context().new_page()
    page.goto((ours / "index.html").as_uri())
    page.click("#kb-search-input")
    page.wait_for_function("() => window.kbSearch.ready()")
    mine = res.search_quality.setdefault("ours", {k: [0, 0, 0] for k in SEARCH_KINDS})
    for q in queries:
        ids = _ours_hits(page, q["query"])
        row = mine[q["kind"]]
        row[0] += 1
        row[1] += found(ids[:1], answers(q))
        row[2] += found(ids[:3], answers(q))
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
        row[1] += any(_article_page(a) in pages[:1] for a in answers(q))
        row[2] += any(_article_page(a) in pages[:3] for a in answers(q))
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
    # The peer site holds the regulation alone: queries answered in a further regulation (slug:id,
    # measured per scope by `search --eval`, BENCHMARKS.md issue 27) are not compared here.
    queries = [
        q
        for q in yaml.safe_load((root / QUERIES).read_text(encoding="utf-8"))["queries"]
        if not any(":" in a for a in (q["expect"], *q.get("also", [])))
    ]
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


# --- growth ----------------------------------------------------------------------------------


def _median(values: list[float]) -> float:
    return statistics.median(values)


def fit_growth(points: Sequence[tuple[float, float]]) -> tuple[float, float, float]:
    """Least-squares (a, b, c) of T = a + b*N + c*N^2 through (N, T) points (at least three
    distinct N), from the normal equations solved by Gaussian elimination."""
    if len({n for n, _ in points}) < 3:
        raise ValueError("a quadratic fit needs at least three sizes")
    # Scaled N keeps the normal equations well conditioned (N^4 reaches 10^14 at 4,300 articles).
    scale = max(n for n, _ in points)
    rows = [[1.0, n / scale, (n / scale) ** 2] for n, _ in points]
    m = [[sum(r[i] * r[j] for r in rows) for j in range(3)] for i in range(3)]
    v = [sum(r[i] * t for r, (_, t) in zip(rows, points, strict=True)) for i in range(3)]
    for col in range(3):
        pivot = max(range(col, 3), key=lambda r: abs(m[r][col]))
        m[col], m[pivot], v[col], v[pivot] = m[pivot], m[col], v[pivot], v[col]
        for r in range(col + 1, 3):
            f = m[r][col] / m[col][col]
            m[r] = [x - f * y for x, y in zip(m[r], m[col], strict=True)]
            v[r] -= f * v[col]
    coef = [0.0, 0.0, 0.0]
    for r in (2, 1, 0):
        coef[r] = (v[r] - sum(m[r][k] * coef[k] for k in range(r + 1, 3))) / m[r][r]
    return coef[0], coef[1] / scale, coef[2] / scale**2


def _signed(x: float, digits: int) -> str:
    """`+ 1.50` or `- 1.50`: a term of a sum, its sign set apart."""
    return f"{'-' if x < 0 else '+'} {abs(x):.{digits}f}"


def growth_line(name: str, points: Sequence[tuple[float, float]]) -> str:
    """The fit in words: T = a + b ms*N + c us*N^2, and what the N^2 term weighs at the largest N
    (in seconds and as a share of the fitted time there)."""
    a, b, c = fit_growth(points)
    n = max(p[0] for p in points)
    square, total = c * n * n, a + b * n + c * n * n
    return (
        f"{name}: T = {a:.2f} s {_signed(b * 1e3, 2)} ms*N {_signed(c * 1e6, 3)} us*N^2 "
        f"(at {n:,.0f} articles the N^2 term is {square:.1f} s of {total:.1f} s, {square / total:.0%})"
    )


# --- report ----------------------------------------------------------------------------------


def machine() -> str:
    """The machine in one line: system, cores, RAM, CPU model, Python version."""
    cpu, ram = "unknown CPU", "unknown RAM"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024**2:.1f} GiB RAM"
                break
    except OSError:
        pass
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {ram}, {cpu}; "
        f"Python {platform.python_version()}"
    )


def _mb(n: int) -> str:
    return f"{n / 1e6:,.0f} MB"


def _kb(n: int) -> str:
    return f"{n / 1e3:,.1f} KB"


def _verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


NOT_MEASURED = "not measured in this run"


Target = tuple[str, str, str]


def targets(res: Results) -> list[Target]:
    """Issue 18's targets as (target, figure of this run, met / not met / not measured)."""
    return [*_scaling_targets(res), *_corpus_targets(res.corpus), _page_size_target(res)]


def _scaling_targets(res: Results) -> list[Target]:
    """The targets of the synthetic sizes (43, 430 and 4,300 articles)."""
    out: list[Target] = []
    small = res.scaling.get(43)
    if small is not None and "baseline" in res.build:
        flat = _median([b.seconds for b in res.build["baseline"]])
        r_flat, r_peer = small.median("ours") / flat, small.ratio()
        out.append(
            (
                "43 articles: our full build at most 1.0x the plain peer",
                f"ours {small.median('ours'):.2f} s ({small.pages[0]} pages); flat peer {flat:.2f} s "
                f"({r_flat:.2f}x); chapter-nav peer {small.median('peer'):.2f} s ({r_peer:.2f}x)",
                _verdict(max(r_flat, r_peer) <= 1.0),
            )
        )
    else:
        out.append(("43 articles: our full build at most 1.0x the plain peer", "-", NOT_MEASURED))
    big = res.scaling.get(4300)
    if big is not None:
        out.append(
            (
                "4,300 synthetic articles: under 40 s",
                f"ours {big.median('ours'):.1f} s; peer {big.median('peer'):.1f} s",
                _verdict(big.median("ours") < 40),
            )
        )
    else:
        out.append(("4,300 synthetic articles: under 40 s", "-", NOT_MEASURED))
    if big is not None and 430 in res.scaling:
        mid = res.scaling[430]
        ours, peer = big.median("ours") / mid.median("ours"), big.median("peer") / mid.median("peer")
        out.append(
            (
                "430 -> 4,300 articles: growth at most 11x",
                f"ours {ours:.1f}x; peer {peer:.1f}x",
                _verdict(ours <= 11),
            )
        )
    else:
        out.append(("430 -> 4,300 articles: growth at most 11x", "-", NOT_MEASURED))
    if big is not None:
        ours, peer = big.article_html
        out.append(
            (
                "4,300 synthetic articles: article page HTML at most 40 KB",
                f"ours {_kb(ours)}; peer {_kb(peer)} ({ARTICLE_PAGE})",
                _verdict(ours <= 40_000),
            )
        )
    else:
        out.append(("4,300 synthetic articles: article page HTML at most 40 KB", "-", NOT_MEASURED))
    return out


def _corpus_targets(c: SideBySide | None) -> list[Target]:
    """The targets of the corpus site (the regulation and every importable document)."""
    names = ("under 90 s", "under 2 GB peak memory", "at most 0.5x the plain peer with chapter nav")
    if c is None:
        return [(f"corpus site: {name}", "-", NOT_MEASURED) for name in names]
    figures = (
        (f"ours {c.median('ours'):.1f} s", c.median("ours") < 90),
        (f"ours {_mb(c.peak('ours'))}; peer {_mb(c.peak('peer'))}", c.peak("ours") < 2e9),
        (
            f"{c.ratio():.2f}x (ours {c.median('ours'):.1f} s, peer {c.median('peer'):.1f} s)",
            c.ratio() <= 0.5,
        ),
    )
    return [
        (f"corpus site ({c.articles:,} articles): {name}", text, _verdict(ok))
        for name, (text, ok) in zip(names, figures, strict=True)
    ]


def _page_size_target(res: Results) -> Target:
    """The largest page of any size against the plain peer's article page."""
    c = res.corpus
    sizes = [*(s for _, s in sorted(res.scaling.items())), *([c] if c else [])]
    page_target = "no page above 1.1x the plain peer's article page (HTML bytes), at any size"
    if not sizes:
        return (page_target, "-", NOT_MEASURED)
    worst = max(sizes, key=lambda s: s.largest[1] / s.article_html[1])
    ratio = worst.largest[1] / worst.article_html[1]
    return (
        page_target,
        f"largest: {ratio:.2f}x at {worst.articles:,} articles ({worst.largest[0]}, "
        f"{_kb(worst.largest[1])}, against {_kb(worst.article_html[1])})",
        _verdict(ratio <= 1.1),
    )


def targets_report(res: Results) -> list[str]:
    out = ["## Targets of issue 18 (this run)", ""]
    out += ["| target | figure (ours beside the peer) | met? |", "|---|---|---|"]
    out += [f"| {t} | {f} | {v} |" for t, f, v in targets(res)]
    out.append("")
    return out


def _runs(builds: list[Build]) -> str:
    return ", ".join(f"{b.seconds:.2f}" for b in builds)


def scaling_table(res: Results) -> list[str]:
    """One row per size: ours beside the chapter-nav peer (time, ratio, memory, page bytes)."""
    out = [
        "| site | articles | pages ours / peer | ours median s | peer median s | ours/peer "
        "| peak RSS ours / peer | article page HTML ours / peer | largest page of ours | runs ours (s) "
        "| runs peer (s) |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    rows = [
        (f"synthetic {n:,}" if n != 43 else "the regulation alone", s) for n, s in sorted(res.scaling.items())
    ]
    if res.corpus is not None:
        rows.append(("corpus", res.corpus))
    for name, s in rows:
        ours, peer = s.article_html
        out.append(
            f"| {name} | {s.articles:,} | {s.pages[0]:,} / {s.pages[1]:,} | {s.median('ours'):.2f} "
            f"| {s.median('peer'):.2f} | {s.ratio():.2f} | {_mb(s.peak('ours'))} / {_mb(s.peak('peer'))} "
            f"| {ours:,} / {peer:,} ({ours / peer:.2f}x) | {s.largest[0]} ({s.largest[1]:,}) "
            f"| {_runs(s.ours)} | {_runs(s.peer)} |"
        )
    return out


def scaling_report(res: Results) -> list[str]:
    out = ["## 2. Scaling: ours beside the plain peer with the same chapter nav", ""]
    if not res.scaling:
        return out
    out.append(
        f"Ours and the peer are built in turn ({res.scaling_runs} round(s) per size beyond 43 articles; "
        f"{res.runs} at 43), each time from an empty output folder. The peer is stock mkdocs-material "
        "(navigation.prune, the theme's search with jieba, offline plugin) with the same regulations, "
        f"chapters and article pages as ours and no other page. Page bytes: {ARTICLE_PAGE}, the same "
        "article on both sides. Peak RSS: ru_maxrss of the build process."
    )
    out.append("")
    out += scaling_table(res)
    out.append("")
    points = {
        side: [(n, s.median(side)) for n, s in sorted(res.scaling.items())] for side in ("ours", "peer")
    }
    if len(points["ours"]) >= 3:
        out.append("Least-squares growth over the synthetic sizes (N articles, T seconds):")
        out.append("")
        out += [f"- {growth_line(side, points[side])}" for side in ("ours", "peer")]
        out.append("")
    sizes = sorted(res.scaling)
    if len(sizes) >= 2:
        lo, hi = sizes[1] if len(sizes) > 2 else sizes[0], sizes[-1]
        ours = res.scaling[hi].median("ours") / res.scaling[lo].median("ours")
        peer = res.scaling[hi].median("peer") / res.scaling[lo].median("peer")
        out.append(
            f"Growth {lo:,} -> {hi:,} articles ({hi / lo:.0f}x the content): ours **{ours:.1f}x**, "
            f"peer {peer:.1f}x."
        )
        out.append("")
    if res.corpus is not None:
        out.append(
            f"Corpus: the regulation and {res.corpus_documents} documents of the official texts as further "
            f"regulations ({res.corpus.articles:,} articles in all); {len(res.corpus_refused)} document(s) "
            "refused by the parser and left out:"
        )
        out.append("")
        out += [f"- {m}" for m in res.corpus_refused] or ["- none"]
        out.append("")
    return out


def report(res: Results) -> str:
    """BENCHMARKS.md text for one run."""
    out = ["# Benchmarks", ""]
    out.append(f"Measured {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')} on {machine()}.")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    out.append(
        f"Each time is the median of the runs shown (wall clock, whole command; load average "
        f"{load:.2f} at the start). The 43-article sites hold the regulation alone (no further "
        "regulations). Regenerate with `python -m generator bench`."
    )
    out.append("")
    out += targets_report(res)
    out.append("## 1. Build time against plain mkdocs-material sites (43 articles)")
    out.append("")
    if res.build:
        out.append("| build | pages | median s | peak RSS | runs (s) |")
        out.append("|---|---|---|---|---|")
        for name, label in (
            ("ours", "this site (generator build)"),
            ("baseline", "flat baseline: 43 hand-written Markdown pages, the theme's default nav"),
            ("peer", "chapter-nav peer: the same pages under the chapter nav of ours"),
        ):
            builds = res.build[name]
            median = _median([b.seconds for b in builds])
            peak = max(b.rss for b in builds)
            out.append(f"| {label} | {res.pages[name]} | {median:.2f} | {_mb(peak)} | {_runs(builds)} |")
        ours, base, peer = (_median([b.seconds for b in res.build[n]]) for n in ("ours", "baseline", "peer"))
        out.append("")
        out.append(
            f"Ratio ours/baseline: **{ours / base:.2f}**; ours/chapter-nav peer: **{ours / peer:.2f}**."
        )
    out.append("")
    out += scaling_report(res)
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
    corpus: Path | None = None,
    corpus_limit: int | None = None,
) -> Results:
    """Measure everything and write the report to `out`. With `corpus`, also the corpus site (its
    first `corpus_limit` documents when given)."""
    res = Results(runs=runs, scaling_runs=scaling_runs or runs)
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
        work = Path(tmp)
        ours, baseline = measure_builds(root, work, runs, res)
        measure_scaling(root, work, [k for k in copies if k != 1], res.scaling_runs, res)
        if corpus is not None:
            measure_corpus(root, corpus, work, res.scaling_runs, res, corpus_limit)
        if browser:
            measure_weights(ours, baseline, res)
            measure_widgets(ours, runs, res)
            measure_search(root, ours, baseline, work, runs, res)
    out.write_text(report(res), encoding="utf-8")
    return res
