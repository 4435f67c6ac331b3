"""Command line: import, check, build, serve, score, paper, search, bundle, bench.

User mistakes end in located messages on stderr and exit code 1, never in a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import ContentError

if TYPE_CHECKING:
    from generator.part import Command, Part
    from generator.project import Project


def _write_record(path: Path, record: dict, existing: object, schema_line: str) -> None:
    """Write a YAML record unless its data did not change: an unchanged record keeps its file as
    editors wrote it (comments, key order), so re-importing an unchanged source changes nothing."""
    from generator.importer import dump_yaml

    if record != existing:
        path.write_text(dump_yaml(record, schema_line), encoding="utf-8")


def _import_law(args: argparse.Namespace, text: str, source: Path) -> int:
    """`import SOURCE --law SLUG --out content/laws/SLUG`: a further regulation, any shape."""
    from generator.importer import (
        LAW_ARTICLE_SCHEMA_LINE,
        LAW_SCHEMA_LINE,
        ImportError_,
        law_records,
        merge_law_article,
    )
    from generator.laws import SLUG
    from generator.parse import parse

    if not SLUG.match(args.law):
        print(
            f"--law {args.law}: use lower-case letters, digits and -, starting with a letter", file=sys.stderr
        )
        return 1
    try:
        result = law_records(parse(text, source.name))
    except ImportError_ as exc:
        print(str(exc), file=sys.stderr)
        return 1
    out = Path(args.out)
    _write_import(out, result, (LAW_SCHEMA_LINE, LAW_ARTICLE_SCHEMA_LINE), merge_law_article)
    print(f"imported {len(result.articles)} articles of {result.regulation['title']} into {out}")
    return 0


def _existing_record(path: Path, problems: list) -> dict | None:
    """The record already at `path` (None when there is none), read before anything is written so
    that a broken one stops the import with its line; its problem is added to `problems`."""
    from generator.errors import Problem
    from generator.load import read_yaml

    if not path.exists():
        return None
    # The same bounded loader as the build (size, anchors, depth): a hostile record in the output
    # folder is one located message, never a hang.
    doc = read_yaml(path, Path.cwd())
    if isinstance(doc, Problem):
        problems.append(
            Problem(doc.path, doc.line, doc.field, f"cannot read the existing record: {doc.message}")
        )
        return None
    data = doc.data
    if data is not None and not isinstance(data, dict):
        problems.append(Problem(str(path), 1, "-", "the existing record is not a mapping; fix or remove it"))
        return None
    return data


def _write_import(out: Path, result, schema_lines: tuple[str, str], merge) -> dict:
    """Write regulation.yaml and articles/art-NN.yaml under `out`, keeping what editors added:
    fields of the regulation record the importer does not write, and each article's editorial
    fields (`merge`). Every existing record is read first: a broken one raises ContentError and
    nothing is written. Returns the regulation record as written."""
    from generator.model import article_slug
    from generator.write import OutputError, not_a_folder

    if reason := not_a_folder(out.resolve()):
        raise OutputError(f"{out}: --out must be a folder: {reason}")
    reg_path = out / "regulation.yaml"
    problems: list = []
    old = _existing_record(reg_path, problems)
    paths = [
        out / "articles" / f"{article_slug(r['number'], r.get('suffix', 0))}.yaml" for r in result.articles
    ]
    existing = [_existing_record(path, problems) for path in paths]
    if problems:
        raise ContentError(problems)
    (out / "articles").mkdir(parents=True, exist_ok=True)
    regulation = result.regulation
    if old:
        regulation = {**regulation, **{k: v for k, v in old.items() if k not in regulation}}
    _write_record(reg_path, regulation, old, schema_lines[0])
    for record, path, before in zip(result.articles, paths, existing, strict=True):
        _write_record(path, merge(record, before), before, schema_lines[1])
    return regulation


def _cmd_import(args: argparse.Namespace) -> int:
    from generator.importer import (
        ARTICLE_SCHEMA_LINE,
        REGULATION_SCHEMA_LINE,
        ImportError_,
        merge_article,
        parse_regulation,
        read_source,
    )

    source = Path(args.source)
    try:
        text = read_source(source, str(source))  # bounded: size, binary data, encoding, located
    except ImportError_ as exc:
        print(str(exc), file=sys.stderr)
        return 1
    if args.json:
        import json

        from generator.parse import as_json, parse

        try:
            document = parse(text, source.name)
        except ImportError_ as exc:
            print(str(exc), file=sys.stderr)
            return 1
        print(json.dumps(as_json(document), ensure_ascii=False, indent=1))
        return 0
    if args.law:
        return _import_law(args, text, source)
    try:
        result = parse_regulation(text, source.name)
    except ImportError_ as exc:
        print(str(exc), file=sys.stderr)
        return 1
    out = Path(args.out)
    regulation = _write_import(out, result, (REGULATION_SCHEMA_LINE, ARTICLE_SCHEMA_LINE), merge_article)
    print(f"imported {len(result.articles)} articles in {len(regulation['chapters'])} chapters into {out}")
    return 0


def _cmd_library(args: argparse.Namespace) -> int:
    """`library SOURCE_DIR [--content DIR]`: every document of a folder as a further regulation."""
    from generator import library

    source, content = Path(args.source), Path(args.content)
    if not source.is_dir():
        print(f"{source}: not a folder of documents", file=sys.stderr)
        return 1
    if not content.is_dir():
        print(f"--content {content}: not a folder (the project's content/)", file=sys.stderr)
        return 1
    if not any(source.rglob("*.txt")):
        print(f"{source}: holds no .txt document", file=sys.stderr)
        return 1
    outcome, total = library.run(source, content)
    print(library.summary(outcome, total))
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from generator.build import load_project

    project = load_project(Path(args.root))
    print(f"ok: {len(project.regulation.articles)} articles, {len(project.regulation.chapters)} chapters")
    return 0


def _overrides(args: argparse.Namespace) -> dict:
    return {"site_url": args.site_url} if args.site_url else {}


def _cmd_build(args: argparse.Namespace) -> int:
    from generator.build import build_site

    site = build_site(Path(args.root), Path(args.site_dir) if args.site_dir else None, **_overrides(args))
    print(f"built {site}")
    return 0


def _cmd_nginx(args: argparse.Namespace) -> int:
    from generator.build import build_site, load_project
    from generator.deploy import check_prefix, nginx_conf, prefixed_build

    try:
        check_prefix(args.prefix)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    root = Path(args.root)
    project = load_project(root)
    with tempfile.TemporaryDirectory() as tmp:
        sites = [build_site(root, Path(tmp) / "site", **_overrides(args))]
        sites.append(prefixed_build(root, args.prefix, Path(tmp) / "prefixed"))
        text = nginx_conf(sites, args.prefix, args.site_root, project.regulation.title)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"wrote {args.out}")
    else:
        sys.stdout.write(text)
    return 0


def _cmd_bundle(args: argparse.Namespace) -> int:
    from generator.deploy import make_bundle

    zip_path = make_bundle(Path(args.root), Path(args.out), **_overrides(args))
    print(f"wrote {zip_path} ({zip_path.stat().st_size:,} bytes)")
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve

    root = Path(args.root)
    try:
        serve(config_file=str(root / "mkdocs.yml"), dev_addr=args.dev_addr, livereload=True)
    except OSError as exc:
        if exc.filename is not None:
            raise
        # The socket could not be opened (address in use, not an address of this machine).
        print(f"--dev-addr {args.dev_addr}: cannot serve there: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0


def _cmd_bench(args: argparse.Namespace) -> int:
    from generator.bench import run

    copies = tuple(int(c) for c in args.copies.split(",") if c)
    root = Path(args.root).resolve()
    if args.search:
        return _bench_search(args, root)
    if args.library is not None or args.library_limit is not None:
        return _bench_library(args, root)
    corpus = None
    if args.corpus is not None or args.corpus_limit is not None:
        corpus = _corpus(args, root)
        if corpus is None:
            return 1
    run(
        root,
        Path(args.out),
        runs=args.runs,
        copies=copies,
        browser=not args.no_browser,
        scaling_runs=args.scaling_runs,
        corpus=corpus,
        corpus_limit=args.corpus_limit,
    )
    print(f"wrote {args.out}")
    return 0


def _corpus(args: argparse.Namespace, root: Path) -> Path | None:
    """The corpus folder `bench --corpus`/`--search` reads (../shared/corpus by default), or None
    once the problem with --corpus or --corpus-limit is printed."""
    if args.corpus_limit is not None and args.corpus_limit < 1:
        print("--corpus-limit: must be at least 1", file=sys.stderr)
        return None
    corpus = Path(args.corpus) if args.corpus else root.parent / "shared" / "corpus"
    if not (corpus / "bench").is_dir() and not (corpus / "related").is_dir():
        print(f"--corpus: {corpus} holds no related/ or bench/ folder", file=sys.stderr)
        return None
    return corpus


def _bench_library(args: argparse.Namespace, root: Path) -> int:
    """`bench --library`: the whole library beside the regulation (generator/bench_library.py)."""
    from generator.bench_library import run_library

    library = _library(args, root)
    if library is None:
        return 1
    if args.peer_limit is not None and args.peer_limit < 1:
        print("--peer-limit: must be at least 1", file=sys.stderr)
        return 1
    peer_limit = float(args.peer_limit) if args.peer_limit is not None else 1200.0
    res = run_library(root, Path(args.out), library, args.library_limit, peer_limit)
    print(f"wrote {args.out}: {res.documents} documents, {res.articles} articles")
    return 0


def _library(args: argparse.Namespace, root: Path) -> Path | None:
    """The library folder `bench --library` and `bench --search --library` read
    (../shared/corpus/national by default), or None once the problem with --library or
    --library-limit is printed."""
    if args.library_limit is not None and args.library_limit < 1:
        print("--library-limit: must be at least 1", file=sys.stderr)
        return None
    library = Path(args.library) if args.library else root.parent / "shared" / "corpus" / "national"
    if not library.is_dir() or not any(library.rglob("*.txt")):
        print(f"--library: {library} holds no .txt document", file=sys.stderr)
        return None
    return library


def _bench_search(args: argparse.Namespace, root: Path) -> int:
    """`bench --search`: the first search result at corpus scale, or at the whole library with
    --library (generator/bench_search.py)."""
    from generator.bench_search import run_search

    if args.library is not None or args.library_limit is not None:
        if args.corpus is not None or args.corpus_limit is not None:
            print("--search: give --corpus or --library, not both", file=sys.stderr)
            return 1
        library = _library(args, root)
        if library is None:
            return 1
        run_search(root, Path(args.out), limit=args.library_limit, library=library)
        print(f"wrote {args.out}")
        return 0
    corpus = _corpus(args, root)
    if corpus is None:
        return 1
    run_search(root, Path(args.out), corpus, args.corpus_limit)
    print(f"wrote {args.out}")
    return 0


def _cmd_search(args: argparse.Namespace) -> int:
    import json

    from generator.build import load_project
    from generator.search import engines_of, scoped_query

    if args.limit < 1:
        print("--limit: must be at least 1", file=sys.stderr)
        return 1
    if (args.query is None) == (args.eval is None):
        print("search: give a query or --eval FILE (not both)", file=sys.stderr)
        return 1
    project = load_project(Path(args.root))
    engines = engines_of(project)
    if args.eval is not None:
        return _search_eval(engines, Path(args.eval), Path(args.root), args)
    hits = scoped_query(engines, args.query, args.limit, args.scope)
    if args.json:
        print(json.dumps(hits, ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print("没有找到相关规定")
    for n, hit in enumerate(hits, 1):
        label = hit["citation"] if hit["kind"] == "law" else f"阅读辅助 · {hit['citation']}"
        print(f"{n:>2}. {label}  {hit['url']}\n    {hit['snippet']}")
    return 0


def _search_eval(engines: dict, path: Path, root: Path, args: argparse.Namespace) -> int:
    """search --eval: top-1 and top-3 per kind of a query file, in the scope asked for."""
    import json

    from generator import search_eval

    ids = {r["id"] for engine in engines.values() for r in engine.law}
    queries, problems = search_eval.load_queries(path.resolve(), root.resolve(), ids)
    if problems:
        for problem in sorted(problems):
            print(problem, file=sys.stderr)
        return 1
    ranked = search_eval.rank(engines, queries, args.scope)
    tallies = search_eval.evaluate(
        ranked, queries, search_eval.rank_own(engines, queries, ranked, args.scope)
    )
    if args.json:
        print(json.dumps(search_eval.as_json(tallies), ensure_ascii=False, indent=2))
    else:
        print("\n".join(search_eval.report(tallies, args.misses)))
    return 0


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("jilin-zfzrz-kb")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "unknown"


ROOT_HELP = (
    "project folder holding mkdocs.yml and content/ (default: .); may come before or after the command"
)


# Adds one subcommand: (name, help, description, handler) -> its parser, to add arguments to.
_Command = Callable[[str, str, str, Callable[[argparse.Namespace], int]], argparse.ArgumentParser]


def parser() -> argparse.ArgumentParser:
    """The command line: global options, then the subcommands in the order `--help` lists them."""
    p = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    p.add_argument("--root", default=".", help=ROOT_HELP)
    p.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    p.add_argument("-q", "--quiet", action="store_true", help="show only MkDocs warnings and errors")
    # Each command accepts --root too, so `python -m generator build --root X` works as well.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", default=argparse.SUPPRESS, help=ROOT_HELP)
    common.add_argument(
        "-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    waiting = list(_part_commands())

    def add_part_command(entry: tuple[Command, tuple[Part, ...]]) -> None:
        waiting.remove(entry)
        part_command, parts = entry
        runner = _part_runner(part_command, parts)
        part_command.arguments(
            command(part_command.name, part_command.help, part_command.description, runner)
        )

    def command(
        name: str, help: str, description: str, func: Callable[[argparse.Namespace], int]
    ) -> argparse.ArgumentParser:
        cmd = sub.add_parser(name, help=help, description=description, parents=[common])
        cmd.set_defaults(func=func)
        # The parts' commands that follow this one in --help, before the next core command.
        for entry in [e for e in waiting if e[0].after == name]:
            add_part_command(entry)
        return cmd

    for add in (
        _import_command,
        _library_command,
        _site_commands,
        _serve_command,
        _deploy_commands,
        _search_command,
        _bench_command,
    ):
        add(command)
    for entry in list(waiting):  # after a command that is not there: at the end
        add_part_command(entry)
    return p


def _part_commands() -> tuple[tuple[Command, tuple[Part, ...]], ...]:
    """Every command the registered parts contribute, in registry order, with that registry."""
    from generator.parts import PARTS

    return tuple((c, PARTS) for part in PARTS for c in part.commands)


def _part_runner(part_command: Command, parts: tuple[Part, ...]) -> Callable[[argparse.Namespace], int]:
    """The handler of a part's command: its `run` with a loader of the project and these parts."""

    def run(args: argparse.Namespace) -> int:
        import importlib

        from generator.build import load_project

        def load(root: Path, only: tuple[str, ...] | None = None) -> Project:
            return load_project(root, only, parts)

        module, _, function = part_command.run.partition(":")
        return getattr(importlib.import_module(module), function)(args, load)

    return run


def _import_command(command: _Command) -> None:
    """`import`: a plain-text regulation into YAML records, or JSON."""
    imp = command(
        "import",
        "parse a plain-text regulation into YAML records",
        "Parse a regulation in plain text. With --out (pkulaw layout, chapters only), write "
        "regulation.yaml and one articles/art-NN.yaml per article; editorial fields of existing "
        "records are kept. With --json (pkulaw or national database layout, any shape), print the "
        "parsed document as JSON. A line that cannot be placed ends in file:line: message, exit 1.",
        _cmd_import,
    )
    imp.add_argument("source", help="UTF-8 text file of the regulation")
    target = imp.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", help="folder for regulation.yaml and articles/ (the Jilin site's records)")
    imp.add_argument(
        "--law",
        metavar="SLUG",
        help="with --out: import a further regulation of the site (any shape) into content/laws/SLUG",
    )
    target.add_argument(
        "--json",
        action="store_true",
        help="print the parsed document (title, history, divisions, articles, appendices) as JSON",
    )


def _library_command(command: _Command) -> None:
    """`library`: a folder of documents imported as further regulations."""
    lib = command(
        "library",
        "import a folder of documents (an agency's law library) as further regulations",
        "Import every .txt document under SOURCE_DIR (national database layout) into "
        "CONTENT/laws/<slug>/: slug from the title in the file name, category (效力级别) from the "
        "folder or the title, documents already there and unchanged skipped. Prints imported, skipped "
        "and refused (file:line: message, grouped by cause). Exit 0 when the run completes, refusals "
        "included; 1 on bad usage.",
        _cmd_library,
    )
    lib.add_argument(
        "source", help="folder of UTF-8 .txt documents (subfolders named 法律, 行政法规, … set the category)"
    )
    lib.add_argument("--content", default="content", help="the project's content folder (default: content)")


def _site_commands(command: _Command) -> None:
    """`check` and `build`."""
    from generator.parts import PARTS

    names = ", ".join(part.name for part in PARTS)
    command(
        "check",
        "validate all content; report every problem",
        f"Validate the regulation and every part ({names}); print every problem as "
        "path:line: field: message and exit 1, or print a summary and exit 0.",
        _cmd_check,
    )
    bld = command(
        "build",
        "validate, render and build the static site",
        "Validate all content, render every page and build the site with MkDocs into a temporary "
        "folder; replace the output folder only when everything succeeded.",
        _cmd_build,
    )
    bld.add_argument("--site-dir", help="output folder (default: site/)")
    bld.add_argument("--site-url", help="public URL of the site, e.g. http://intranet/zfzrz/ (optional)")


def _serve_command(command: _Command) -> None:
    """`serve` (live preview)."""
    srv = command(
        "serve",
        "live preview; YAML edits show up on reload",
        "Serve the site with MkDocs' development server and rebuild when content changes.",
        _cmd_serve,
    )
    srv.add_argument(
        "--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)"
    )


def _deploy_commands(command: _Command) -> None:
    """`nginx` and `bundle`: what a server needs."""
    ngx = command(
        "nginx",
        "print the nginx location block (CSP hashes taken from a fresh build)",
        "Build the site twice (at the root and under the prefix) and print an nginx location block "
        "whose Content-Security-Policy allows exactly the inline scripts of those builds.",
        _cmd_nginx,
    )
    ngx.add_argument("--prefix", default="/zfzrz/", help="URL path the site lives under (default /zfzrz/)")
    ngx.add_argument("--site-root", default="/srv/zfzrz/site", help="folder of the site on the server")
    ngx.add_argument("--site-url", help="public URL of the site (optional)")
    ngx.add_argument("--out", help="write to this file instead of stdout")
    bdl = command(
        "bundle",
        "build and pack the site into a release zip with SHA256SUMS",
        "Build the site and pack it with 使用说明.txt, nginx.conf and SHA256SUMS into a zip named after "
        "the content hash; the same content gives the same zip.",
        _cmd_bundle,
    )
    bdl.add_argument("--out", default="dist", help="folder for the zip (default dist/)")
    bdl.add_argument("--site-url", help="public URL of the site (optional)")


def _search_command(command: _Command) -> None:
    """`search`: the header search box on the command line, and its evaluation."""
    sea = command(
        "search",
        "search the regulation as the site's header box does",
        "Rank provisions (条, 款, 项) and the parts' entries for a query with the site's search index and "
        "print them in the order the header search box shows them: citations first, then provisions "
        "containing the exact phrase, then the words, then similar wording.",
        _cmd_search,
    )
    sea.add_argument(
        "query", nargs="?", help="what a reader types, e.g. 执法证, 第二十六条第三项, 执法时要穿制服吗"
    )
    sea.add_argument("--json", action="store_true", help="print the hits as JSON, as window.kbSearch.query")
    sea.add_argument(
        "--eval",
        metavar="FILE",
        help="instead of one query, measure a query file (the shape of content/search_queries.yaml, "
        "e.g. a blind set kept outside the repository): top-1 and top-3 per kind",
    )
    sea.add_argument(
        "--misses", action="store_true", help="with --eval: list the queries missed in the top 3"
    )
    sea.add_argument("--limit", type=int, default=10, help="at most this many provisions (default: 10)")
    sea.add_argument(
        "--scope",
        choices=("home", "laws", "all", "versions"),
        default="home",
        help="the site's own regulation (default), the further regulations of content/laws/, all, "
        "or the earlier texts of further regulations (历史版本)",
    )


def _bench_command(command: _Command) -> None:
    """`bench`: the benchmarks and their report."""
    bch = command(
        "bench",
        "measure build time, scaling, page weight, widget speed",
        "Run the benchmarks and write the report (BENCHMARKS.md).",
        _cmd_bench,
    )
    bch.add_argument("--out", default="BENCHMARKS.md", help="report file (default BENCHMARKS.md)")
    bch.add_argument("--runs", type=int, default=3, help="runs per figure; the median is reported")
    bch.add_argument("--copies", default="10,100", help="synthetic sizes as copies of the regulation")
    bch.add_argument("--scaling-runs", type=int, help="runs per synthetic size (default: --runs)")
    bch.add_argument("--no-browser", action="store_true", help="skip page weight and widget timings")
    bch.add_argument(
        "--corpus",
        nargs="?",
        const="",
        metavar="DIR",
        help="also build a site of the regulation plus every importable document of DIR/related and "
        "DIR/bench beside its chapter-nav peer (default DIR: ../shared/corpus beside the project)",
    )
    bch.add_argument(
        "--library",
        nargs="?",
        const="",
        metavar="DIR",
        help="only the library run: the regulation beside every document of DIR (default "
        "../shared/corpus/national beside the project), side by side with Hugo, Zensical and the plain "
        "peer; writes its section of the report",
    )
    bch.add_argument(
        "--search",
        action="store_true",
        help="only the search run: the first result of every 16th listed query, typed at first focus "
        "on a page with the corpus' search files (--corpus DIR, --corpus-limit N), or the whole "
        "library's (--library DIR, --library-limit N), and the query's time once loaded; writes its section",
    )
    bch.add_argument(
        "--library-limit",
        type=int,
        metavar="N",
        help="library run (or --search --library) with the first N documents only",
    )
    bch.add_argument(
        "--peer-limit",
        type=int,
        metavar="S",
        help="stop the library run's plain peer and Zensical after S seconds (1200)",
    )
    bch.add_argument(
        "--corpus-limit",
        type=int,
        metavar="N",
        help="corpus mode with the first N documents only (quick runs); implies --corpus",
    )


class _PlainFormatter(logging.Formatter):
    """`INFO    -  message`, MkDocs' layout without colour codes (for logs and pipes)."""

    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname:<8}-  {super().format(record)}"


def _log_to_stderr(quiet: bool) -> logging.Handler:
    """MkDocs' messages on stderr, formatted as `mkdocs build` formats them (colour on a terminal)."""
    from mkdocs.__main__ import ColorFormatter

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(ColorFormatter() if sys.stderr.isatty() else _PlainFormatter())
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.WARNING if quiet else logging.INFO)
    logger.propagate = False
    logger.addHandler(handler)
    return handler


def _shown(path: str) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    try:
        return Path(path).resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path


def template_message(exc: Exception) -> str:
    """`file:line: template: message` for an error raised by or inside a Jinja template.

    Jinja rewrites the traceback so that template code appears as frames of the template file; the
    innermost such frame is where the error is. A syntax error carries its own file and line.
    """
    import traceback

    import jinja2

    where = None
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        where = f"{_shown(exc.filename)}:{exc.lineno}"
    else:
        for frame, line in traceback.walk_tb(exc.__traceback__):
            name = frame.f_code.co_filename
            if not name.endswith(".py") and Path(name).is_file():
                where = f"{_shown(name)}:{line}"
    if isinstance(exc, jinja2.TemplateNotFound):
        message = f"template {exc.name} not found"
    else:
        message = getattr(exc, "message", None) or str(exc)
    return f"{where or '-'}: template: {message}"


def os_message(exc: OSError) -> str:
    """`file: what went wrong` for a disk fault (full disk, read-only folder, a file for a folder)."""
    names = [str(n) for n in (exc.filename, exc.filename2) if n is not None]
    what = exc.strerror or str(exc)
    return f"{' -> '.join(names) or 'error'}: {what}"


def main(argv: list[str] | None = None) -> int:
    """Run one command; every failure ends in one located message on stderr and a non-zero exit.
    KB_TRACEBACK=1 shows the traceback of an unexpected error instead (for developers)."""
    import os

    import jinja2
    from mkdocs.exceptions import MkDocsException

    from generator.write import OutputError

    args = parser().parse_args(argv)
    handler = _log_to_stderr(args.quiet)
    try:
        return args.func(args)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s); nothing was written", file=sys.stderr)
        return 1
    except MkDocsException as exc:
        # Abort (strict-mode warnings, plugin errors) and configuration errors: their detail was
        # logged above; the message says how the build ended.
        print(f"Error: {exc.format_message()}", file=sys.stderr)
        return 1
    except OutputError as exc:
        print(exc, file=sys.stderr)
        return 1
    except jinja2.TemplateError as exc:
        print(template_message(exc), file=sys.stderr)
        return 1
    except OSError as exc:
        print(os_message(exc), file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - the last resort: one line, never a traceback
        if os.environ.get("KB_TRACEBACK") == "1":
            raise
        print(
            f"error: {type(exc).__name__}: {exc} (an unexpected error; KB_TRACEBACK=1 shows where)",
            file=sys.stderr,
        )
        return 2
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
