"""Shared fixtures: the repository root, the content under test, one loaded project and one full site
build per session, each part's fixture project, and offline browser pages."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The project whose content the shipped-content tests read: this repository, or a copy named by
# KB_CONTENT_ROOT (tests/test_content_edits.py edits a copy's scheme and runs the fast tier on it).
# Code, tests, vectors and node_modules always come from ROOT.
CONTENT_ROOT = Path(os.environ.get("KB_CONTENT_ROOT") or ROOT).resolve()
SOURCE = ROOT / "content" / "source" / "jilin-law-enforcement-responsibility-2023.txt"
# Official texts for import tests (shared/ beside the clone, read-only; see its README.md).
CORPUS = ROOT.parent / "shared" / "corpus"
CHROMIUM = "/usr/bin/chromium"
# Flags that keep Chromium from calling home; without them it tries Google hosts at start-up.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")
# Fixtures that mark every test depending on them, directly or through another fixture: the fast tier
# (`-m "not browser and not slow"`) must never start Chromium or build the whole site.
MARKING_FIXTURES = {"browser": "browser", "built_site": "slow", "nginx_site": "slow"}


# A RAM-backed folder for pytest's temporary directories: most fast-tier tests copy the project
# (about 900 files) to break it, and on the shared disk a copy costs 0.4-0.7 s against 0.08 s here.
# An explicit PYTEST_DEBUG_TEMPROOT or --basetemp wins; without /dev/shm the system default stays.
FAST_TEMP = Path("/dev/shm")


def pytest_configure(config: pytest.Config) -> None:
    if (
        config.option.basetemp is None
        and "PYTEST_DEBUG_TEMPROOT" not in os.environ
        and FAST_TEMP.is_dir()
        and os.access(FAST_TEMP, os.W_OK | os.X_OK)
    ):
        os.environ["PYTEST_DEBUG_TEMPROOT"] = str(FAST_TEMP)


# Every test this session collected, before `-m` or `-k` deselected any: tests/test_markers.py reads
# the suite's markers from it when it holds every test file, instead of collecting in a subprocess.
COLLECTED = pytest.StashKey[list]()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark tests by the fixtures they use, before `-m` deselects (hence tryfirst).

    `item.fixturenames` is the closure of the test's fixtures, so a test using `offline` or `watched`
    (which use `browser`) is marked too; tests/test_markers.py checks the outcome.
    """
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        for fixture, marker in MARKING_FIXTURES.items():
            if fixture in used and item.get_closest_marker(marker) is None:
                item.add_marker(marker)
    config.stash[COLLECTED] = list(items)


def _copy_yaml(value: object) -> object:
    """A parsed YAML value copied (dicts and lists anew; strings, numbers and None are immutable)."""
    if type(value) is dict:
        return {k: _copy_yaml(v) for k, v in value.items()}
    if type(value) is list:
        return [_copy_yaml(v) for v in value]
    return value


@pytest.fixture(scope="session", autouse=True)
def parse_yaml_once() -> Iterator[dict]:
    """generator.load.parse_yaml remembered for the session by its whole input: the text, the path
    shown in messages and the bounds it reads (MAX_BYTES, MAX_DEPTH, which tests may patch).

    The fast tier loads about 150 projects, nearly all copies of the same 1,000 files with one of
    them edited; parsing them again was half of each load. A file seen before is parsed once; each
    caller gets its own Document (the data copied, 0.01 s a project), so a caller that changes what
    it was given cannot change what the next one reads. A Problem (a file refused) is immutable and
    shared. parse_yaml called directly (tests/test_load.py, test_hostile_import.py) is the real one;
    read_yaml, which every loader goes through, calls this."""
    import generator.load as load

    real = load.parse_yaml
    memo: dict[tuple[str, str, int, int], object] = {}

    def parse_yaml(text: str, path: str):
        key = (text, path, load.MAX_BYTES, load.MAX_DEPTH)
        if key not in memo:
            memo[key] = real(text, path)
        found = memo[key]
        if isinstance(found, load.Document):
            return load.Document(found.path, _copy_yaml(found.data), dict(found.lines))
        return found

    patch = pytest.MonkeyPatch()
    patch.setattr(load, "parse_yaml", parse_yaml)
    yield memo
    patch.undo()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session from the content under test."""
    from generator.build import build_site

    return build_site(CONTENT_ROOT, tmp_path_factory.mktemp("built") / "site")


@pytest.fixture(scope="session")
def shipped_project():
    """The content under test (CONTENT_ROOT), loaded and validated once per session.

    The project is immutable (frozen dataclasses): tests that only read share it; tests that
    change content edit a `project_copy` and load that.
    """
    from generator.build import load_project

    return load_project(CONTENT_ROOT)


@pytest.fixture(scope="session")
def shipped_pages(shipped_project) -> dict[str, str]:
    """render_site(shipped_project), rendered once per session (about a second): each module that
    reads the rendered pages takes a copy of the dict (the pages are strings)."""
    from generator.build import render_site

    return render_site(shipped_project)


_LOADED: dict[tuple, object] = {}
# Session fixture projects nobody edits (quiz_root, scoring_root): shipped_loads_once loads them once too.
READ_ONLY_ROOTS: set[Path] = set()


@pytest.fixture
def shipped_loads_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """generator.build.load_project, remembering what it loaded of the content under test (read-only;
    a Project is immutable) for the session, by root and parts asked for: tests that run a command
    many times against the shipped content (`paper` with every bad option) load it once; so are the
    read-only session fixture projects (READ_ONLY_ROOTS). Loads of any other root (a project copy)
    go through as they are."""
    import generator.build

    real = generator.build.load_project
    shipped = {ROOT.resolve(), CONTENT_ROOT, *READ_ONLY_ROOTS}

    def load_project(root: Path, only: tuple[str, ...] | None = None, parts=generator.build.PARTS):
        if Path(root).resolve() not in shipped:
            return real(root, only, parts)
        key = (Path(root).resolve(), only, parts)
        if key not in _LOADED:
            _LOADED[key] = real(root, only, parts)
        return _LOADED[key]

    monkeypatch.setattr(generator.build, "load_project", load_project)


def copy_project(dest: Path, source: Path | None = None) -> Path:
    """A throwaway copy of the project (content, checklists, config, theme) to break on purpose."""
    source = CONTENT_ROOT if source is None else source
    for name in ("content", "checklists", "site_overrides"):
        if (source / name).exists():
            shutil.copytree(source / name, dest / name)
    shutil.copy(source / "mkdocs.yml", dest / "mkdocs.yml")
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    (dest / "generator").symlink_to(ROOT / "generator")
    return dest


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def part_fixtures(name: str) -> Path:
    """The small fixture content a part's tests build from: generator/parts/<name>/fixtures/."""
    return ROOT / "generator" / "parts" / name / "fixtures"


# Shipped content a part's fixture replaces (globs in the copy; files named _* are templates, kept).
SHIPPED_PART_CONTENT = {"quiz": ("content/questions/*.yaml", "content/laws/*/questions")}


def fixture_project(dest: Path, *parts: str) -> Path:
    """A project of the regulation (the core content, which every cite resolves in) with the named
    parts' fixture content in place of the shipped part content: the shipped checklists and
    scoring scheme are removed (and the shipped question banks, for "quiz") and each
    `generator/parts/<name>/fixtures/` tree is laid over the copy. Part tests build from this, so
    editing the shipped content cannot turn them red."""
    import yaml

    copy_project(dest)
    for record in (dest / "checklists").glob("*.yaml"):
        if not record.name.startswith("_"):
            record.unlink()
    regulation = dest / "content" / "regulation.yaml"
    for name in parts:
        for pattern in SHIPPED_PART_CONTENT.get(name, ()):
            for found in dest.glob(pattern):
                if found.is_dir():
                    shutil.rmtree(found)
                elif not found.name.startswith("_"):
                    found.unlink()
        folder = part_fixtures(name)
        shutil.copytree(
            folder, dest, dirs_exist_ok=True, ignore=shutil.ignore_patterns("settings.yaml", "README.md")
        )
        # A part's fixture may bring its own settings (e.g. the checklists' coverage range): they
        # replace that part's block of `settings:` in the copy's regulation.yaml.
        if (folder / "settings.yaml").exists():
            data = yaml.safe_load(regulation.read_text(encoding="utf-8"))
            data["settings"].update(yaml.safe_load((folder / "settings.yaml").read_text(encoding="utf-8")))
            regulation.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest


@pytest.fixture(scope="session")
def scoring_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fixture project with the scoring part's fixture scheme (read-only: copy it to edit)."""
    root = fixture_project(tmp_path_factory.mktemp("scoring") / "project", "scoring")
    READ_ONLY_ROOTS.add(root.resolve())
    return root


@pytest.fixture(scope="session")
def checklists_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fixture project with the checklists part's fixtures over the scoring fixture's scheme."""
    return fixture_project(tmp_path_factory.mktemp("checklists") / "project", "scoring", "checklists")


@pytest.fixture
def checklists_copy(tmp_path: Path) -> Path:
    """The checklists fixture project, to edit."""
    return fixture_project(tmp_path / "project", "scoring", "checklists")


@pytest.fixture(scope="session")
def quiz_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fixture project with the quiz part's fixture bank and exam (read-only: copy it to edit)."""
    root = fixture_project(tmp_path_factory.mktemp("quiz") / "project", "quiz")
    READ_ONLY_ROOTS.add(root.resolve())
    return root


@pytest.fixture
def quiz_copy(tmp_path: Path) -> Path:
    """The quiz fixture project, to edit."""
    return fixture_project(tmp_path / "project", "quiz")


@pytest.fixture
def scoring_copy(tmp_path: Path) -> Path:
    """A fixture project with the scoring part's fixture scheme, to edit."""
    return fixture_project(tmp_path / "project", "scoring")


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (see README)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class OfflinePage:
    """A page whose requests to anything but the site are blocked and recorded, with console errors."""

    def __init__(self, context, allowed_prefixes: tuple[str, ...] = ()) -> None:
        self.context = context
        self.external: list[str] = []
        self.console_errors: list[str] = []
        self.allowed = LOCAL_SCHEMES + allowed_prefixes
        context.route("**/*", self._route)
        self.page = context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        self.page.on("pageerror", lambda e: self.console_errors.append(str(e)))

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.allowed):
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def new_page(self):
        """Another tab in the same profile (same storage), watched the same way."""
        page = self.context.new_page()
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        return page

    def assert_clean(self) -> None:
        assert self.external == [], f"requests to other hosts: {self.external}"
        assert self.console_errors == [], f"console errors: {self.console_errors}"


@pytest.fixture
def offline(browser):
    """An OfflinePage in a fresh profile; the test fails if the page reached out or logged an error."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    watched = OfflinePage(context)
    yield watched
    context.close()
    watched.assert_clean()


def wait_rendered(page, query: str) -> None:
    """Wait until the header search box has rendered the hits of `query` (it marks the query it
    rendered on its root once the index shards the query needs are in, which may be after typing)."""
    page.wait_for_function(
        "q => document.getElementById('kb-search-input').closest('[data-kb-component=search]')"
        ".getAttribute('data-kb-rendered') === q",
        arg=query,
    )


def search_hits(page, query: str) -> list[dict]:
    """Type a query into the header search box (search.js) and return its hits, best first:
    [{id, kind, citation, href}]. The index loads on first focus; `fill` fires the `input` event
    the box reacts to, and renders once the index shards the query needs are in (at once when they
    are: it marks the query it rendered on the box's root)."""
    box = page.locator("#kb-search-input")
    box.click()
    page.wait_for_function("() => window.kbSearch && window.kbSearch.ready()")
    box.fill(query)
    wait_rendered(page, query)
    return page.eval_on_selector_all(
        ".kb-search__hit",
        "els => els.map(e => ({id: e.dataset.kbId, kind: e.dataset.kbKind,"
        " citation: e.dataset.kbCitation, href: e.href}))",
    )


def search_titles(page, query: str) -> list[str]:
    """Citations of the header search's hits for `query` (第十九条, ...), best first."""
    return [h["citation"] for h in search_hits(page, query)]


PREFIX = "/zfzrz/"


@pytest.fixture(scope="session")
def nginx_site(tmp_path_factory: pytest.TempPathFactory):
    """The site built for the /zfzrz/ sub-path, served by a real nginx with the shipped configuration.

    Yields the running server; its URL for the home page is server.url("/zfzrz/index.html").
    """
    from generator.build import build_site, load_project
    from generator.deploy import nginx_conf
    from generator.nginx import Nginx

    base = tmp_path_factory.mktemp("nginx")
    # The workers run as another user (nginx.WORKER_USER): the site lives in a folder anyone may
    # traverse, as /srv does, not under pytest's private temporary folder.
    public = Path(tempfile.mkdtemp(prefix="kb-served-"))
    public.chmod(0o755)
    site = build_site(CONTENT_ROOT, public / "site", site_url=f"http://127.0.0.1{PREFIX}")
    title = load_project(CONTENT_ROOT).regulation.title
    server = Nginx(nginx_conf([site], PREFIX, str(site), title), base / "nginx")
    server.site = site
    yield server
    server.stop()
    shutil.rmtree(public)


@pytest.fixture(params=["file", "nginx"])
def transport(request, built_site: Path):
    """(base URL, site folder) for the site opened from disk or served by nginx under /zfzrz/."""
    if request.param == "file":
        return built_site.as_uri() + "/", built_site
    server = request.getfixturevalue("nginx_site")
    return server.url(PREFIX), server.site


@pytest.fixture
def watched(browser, transport):
    base, _ = transport
    allowed = () if base.startswith("file:") else (base.split(PREFIX)[0] + "/",)
    context = browser.new_context(accept_downloads=True)
    watched = OfflinePage(context, allowed)
    yield watched
    context.close()
    watched.assert_clean()


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """`python -m generator ARGS` in this process (generator.cli.main), as a CompletedProcess.

    A subprocess costs a second or more of interpreter and import start-up on the shared 2-core
    machine; each command keeps one smoke test that runs it in its own process, the rest call
    main(argv) here. stdout and stderr are captured, MkDocs' log handler included (cli.main adds
    it for sys.stderr at call time)."""
    from generator.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse: --version, --help, usage errors
            code = exc.code if isinstance(exc.code, int) else 1
    return subprocess.CompletedProcess(["generator", *args], code, out.getvalue(), err.getvalue())


NODE = shutil.which("node") or "/usr/bin/node"
JS_RUNNERS = ROOT / "tests" / "js"


def node_json(runner: str, *args: str | Path, input: object = None, env: dict[str, str] | None = None):
    """The JSON that `node tests/js/RUNNER ARGS` prints (the runners of tests/js/, built on
    harness.js); `input` goes to its stdin as JSON (pass "-" as the cases file). Fails the test with
    node's stderr when it exits non-zero."""
    done = subprocess.run(
        [NODE, str(JS_RUNNERS / runner), *map(str, args)],
        input=None if input is None else json.dumps(input, ensure_ascii=False),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=None if env is None else {**os.environ, **env},
    )
    assert done.returncode == 0, f"node {runner}: exit {done.returncode}: {done.stderr}"
    return json.loads(done.stdout)
