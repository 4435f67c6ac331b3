"""The full build: strict, complete, faithful, offline, reproducible and safe on failure."""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, SOURCE

from generator.build import build_site
from generator.errors import ContentError

# Private-use (the database's icons), zero-width and control characters other than line breaks and
# tabs: the importer removes them from the source, and no published file may contain one.
NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\ue000-\uf8ff]")


def source_articles() -> dict[int, str]:
    """Article bodies read straight from the source file, independently of the generator."""
    from generator.numerals import parse_chinese

    bodies: dict[int, list[str]] = {}
    current = None
    for raw in SOURCE.read_text(encoding="utf-8").split("\n"):
        line = NOT_TEXT.sub("", raw).lstrip(" \u3000")
        if m := re.match(r"^第([一二三四五六七八九十]+)条\u3000(.*)$", line):
            current = parse_chinese(m.group(1))
            bodies[current] = [m.group(2)]
        elif line.startswith("第") and "章\u3000" in line[:6]:
            continue
        elif current and line:
            bodies[current].append(line)
    return {n: "\n".join(lines) for n, lines in bodies.items()}


class LawText(HTMLParser):
    """Text of each provision paragraph of the law block, without editorial widgets."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []
        self._depth = 0  # inside a provision <p>
        self._skip = 0  # inside an anchor or an editorial element

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class") or ""
        if tag == "p" and ("kb-para" in cls or "kb-point" in cls):
            self._depth = 1
            self.lines.append("")
            return
        if self._depth:
            if self._skip or "kb-anchor" in cls or "kb-artnum" in cls or "kb-editorial" in cls:
                self._skip += 1
            self._depth += 1

    def handle_endtag(self, tag):
        if self._depth:
            self._depth -= 1
            if self._skip:
                self._skip -= 1

    def handle_data(self, data):
        if self._depth and not self._skip:
            self.lines[-1] += data


def law_lines(html: str) -> list[str]:
    parser = LawText()
    parser.feed(html)
    return [line.lstrip("\u3000") for line in parser.lines]


def test_site_holds_every_page(built_site: Path) -> None:
    assert len(list((built_site / "articles").glob("art-*.html"))) == 43
    assert len(list((built_site / "chapters").glob("chapter-*.html"))) == 6
    for name in (
        "index.html",
        "fulltext.html",
        "data/regulation.json",
        "assets/javascripts/search-index.js",
    ):
        assert (built_site / name).is_file(), name


def test_json_text_equals_the_source(built_site: Path) -> None:
    data = json.loads((built_site / "data/regulation.json").read_text(encoding="utf-8"))
    assert {a["number"]: a["text"] for a in data["articles"]} == source_articles()
    assert all((built_site / a["url"]).is_file() for a in data["articles"])


def test_article_pages_show_the_source_text(built_site: Path) -> None:
    source = source_articles()
    for n, body in source.items():
        html = (built_site / f"articles/art-{n:02d}.html").read_text(encoding="utf-8")
        assert law_lines(html) == body.split("\n"), f"article {n}"


def test_full_text_page_shows_every_article(built_site: Path) -> None:
    html = (built_site / "fulltext.html").read_text(encoding="utf-8")
    expected = [line for n in sorted(source_articles()) for line in source_articles()[n].split("\n")]
    assert law_lines(html) == expected


def test_no_reference_to_other_hosts(built_site: Path) -> None:
    pattern = re.compile(
        r"""(?:src|href)\s*=\s*["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//|@import\s+["']?https?:"""
    )
    offenders = []
    for path in built_site.rglob("*"):
        if path.suffix in {".html", ".css", ".js"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            offenders += [f"{path.relative_to(built_site)}: {m.group(0)}" for m in pattern.finditer(text)]
    assert offenders == []


def tree_digest(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


@pytest.mark.slow
def test_no_published_file_contains_a_character_that_is_not_text(built_site: Path) -> None:
    files = sorted(p for p in built_site.rglob("*") if p.suffix in (".html", ".json"))
    assert len(files) > 60
    found = [
        f"{p.relative_to(built_site)}: U+{ord(m.group()):04X} at {m.start()}"
        for p in files
        for m in NOT_TEXT.finditer(p.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_source_icons_are_recorded_on_the_home_page(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert (
        "<li>来源第52行第29字：<code>U+E704</code>（数据库网页的图标字符（私用区 U+E704），不属于规定原文）</li>"
        in html
    )
    assert html.count("<code>U+E705</code>") == 2
    art27 = (built_site / "articles/art-27.html").read_text(encoding="utf-8")
    assert "删除的图标字符" in art27


@pytest.mark.slow
def test_two_builds_are_byte_identical(built_site: Path, tmp_path: Path) -> None:
    again = build_site(ROOT, tmp_path / "again")
    assert tree_digest(again) == tree_digest(built_site)


@pytest.mark.slow
def test_bad_content_leaves_the_last_good_site(project_copy: Path) -> None:
    site = build_site(project_copy)
    before = tree_digest(site)
    art = project_copy / "content/articles/art-05.yaml"
    art.write_text(art.read_text(encoding="utf-8").replace("chapter: 2", "chapter: 9"), encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        build_site(project_copy)
    assert [str(p) for p in exc.value.problems] == [
        "content/articles/art-05.yaml:3: chapter: article 5 belongs to chapter 2, not 9"
    ]
    assert tree_digest(site) == before
    assert sorted(p.name for p in project_copy.iterdir() if p.name.startswith(".site")) == []


@pytest.mark.slow
def test_plain_mkdocs_build_works(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "m")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "m/articles/art-43.html").is_file()


@pytest.mark.slow
def test_plain_mkdocs_build_reports_content_problems(project_copy: Path, tmp_path: Path) -> None:
    art = project_copy / "content/articles/art-05.yaml"
    art.write_text(art.read_text(encoding="utf-8").replace("chapter: 2", "chapter: 9"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "m")],
        cwd=project_copy,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "content/articles/art-05.yaml:3: chapter: article 5 belongs to chapter 2, not 9" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_published_tree_is_readable_by_other_users(built_site: Path) -> None:
    # A web server's workers (www-data, nobody) read the site: nothing may be private to the builder.
    mask = os.umask(0)
    os.umask(mask)
    want_dir, want_file = 0o777 & ~mask, 0o666 & ~mask
    assert stat.S_IMODE(built_site.stat().st_mode) == want_dir
    for path in built_site.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (want_dir if path.is_dir() else want_file), path


def test_search_indexes_what_the_loaded_parts_contribute(project_copy: Path) -> None:
    # The core's search lists what each loaded part contributes (Part.search_records): a regulation
    # without checklists and questions still gets its header search, with the reading aids.
    import shutil

    from generator.build import load_project, render_site
    from generator.search import INDEX_JS

    shutil.rmtree(project_copy / "checklists")
    shutil.rmtree(project_copy / "content/questions")
    for bank in (project_copy / "content/laws").glob("*/questions"):
        shutil.rmtree(bank)  # the further regulations' question banks
    project = load_project(project_copy)
    # The drills are generated from the text itself, so they are there for every regulation;
    # content/laws/xzfy-2017 stays, so the versions part does too.
    assert sorted(project.parts) == ["about", "drills", "reading", "versions"]
    index = render_site(project)[INDEX_JS]
    assert '"id":"topic:complaints"' in index and '"id":"checklist:' not in index
    assert '"id":"drills:jilin-zfzrz"' in index
    assert '"id":"quiz:index"' not in index


def test_no_source_file_is_published(built_site: Path) -> None:
    """Nothing under the site comes from content/ or checklists/: no YAML at any depth (content/laws/
    included), no Markdown or text source, no file named as a source file is."""
    sources = {
        p.relative_to(ROOT / folder).as_posix()
        for folder in ("content", "checklists")
        for p in (ROOT / folder).rglob("*")
        if p.is_file()
    }
    built = [p.relative_to(built_site).as_posix() for p in sorted(built_site.rglob("*")) if p.is_file()]
    assert len(built) > 700 and "assets/stylesheets/kb.css" in built  # the theme's files still are
    assert [f for f in built if f.endswith((".yaml", ".yml", ".md", ".txt")) or f in sources] == []
