"""No text is markup: hostile text in every editorial and imported field is shown as text.

Every payload is planted, each after its own marker, in every field of hostile_content.FIELDS of
one copy of the project, which is built once for the module (one build for all payloads: six
builds took about a minute); each (field, payload) case then reads every page of that build with
html.parser, as a browser would, and checks that the field's text shows there verbatim and that no
tag, attribute, script or comment came from it. The CSP allows only the project's own inline
scripts, taken from its templates.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, copy_project
from hostile_content import FIELDS, PAYLOADS, Page, injected, intact, marker, poison_all, scan, shown, strings
from markupsafe import Markup

from generator.build import build_site, load_project
from generator.deploy import content_security_policy, inline_script_hashes
from generator.render import script_json

# The payloads of the issue and one that tries to leave a quoted attribute.
CASES = ("script_img", "close_script", "comment", "jinja", "entity", "attr_quote")


@pytest.fixture(scope="module")
def poisoned_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project with every payload of CASES in every field (read-only)."""
    root = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    poison_all(root, CASES)
    # Built once and thrown away: no page cache (its compressed copy of every page was a quarter of
    # the build's CPU; the output is the same, tests/test_build_cache.py).
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count("\n  - kb\n") == 1
    config.write_text(text.replace("\n  - kb\n", "\n  - kb:\n      cache: ''\n"), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def poisoned(poisoned_root: Path) -> tuple[Path, dict]:
    """(site folder, parsed pages) of the poisoned copy, built once."""
    site = build_site(poisoned_root, poisoned_root.parent / "site")
    return site, scan(site)


@pytest.mark.parametrize("payload", CASES)
@pytest.mark.parametrize("field", list(FIELDS))
def test_field_is_shown_as_text(poisoned, field: str, payload: str) -> None:
    site, pages = poisoned
    text = PAYLOADS[payload]
    places = {rel: shown(page, field, text, payload) for rel, page in pages.items()}
    places = {rel: found for rel, found in places.items() if found}
    assert places, f"{field}: its text shows on no page"
    broken = {rel: [f for f in found if not intact(f, text)] for rel, found in places.items()}
    assert {rel: f for rel, f in broken.items() if f} == {}, f"{field}: the text is cut by markup"
    bad = {rel: injected(pages[rel]) for rel in places}
    assert {rel: b for rel, b in bad.items() if b} == {}, f"{field}: markup from the text"


def test_no_page_holds_markup_from_content(poisoned) -> None:
    _, pages = poisoned
    assert {rel: injected(page) for rel, page in pages.items() if injected(page)} == {}


def test_data_files_and_scripts_keep_the_text(poisoned) -> None:
    """The JSON exports hold the text as it is; the search index and jump targets are scripts that
    hold it as a string literal with no character that could end a script element or a string."""
    site, _ = poisoned
    exported = json.loads((site / "data/regulation.json").read_text(encoding="utf-8"))
    caption = exported["articles"][0]["caption"]
    scripts = ["search-index.js", "jump-targets.js"]
    scripts += [f"search/{p.name}" for p in sorted((site / "assets/javascripts/search").glob("*.js"))]
    assert len(scripts) > 3
    for name in scripts:
        script = (site / "assets/javascripts" / name).read_text(encoding="utf-8")
        assert "<" not in script and "\u2028" not in script, name
    received = subprocess.run(
        [
            "node",
            "-e",
            "let got;global.window={kbSearch:{receive:d=>{got=d}}};"
            "require(process.argv[1]);process.stdout.write(JSON.stringify(got))",
            str(site / "assets/javascripts/search-index.js"),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    indexed = list(strings(json.loads(received)))
    for payload in ("script_img", "close_script"):
        planted = marker("caption", payload) + PAYLOADS[payload]
        assert planted in caption, payload
        assert any(planted in s for s in indexed), payload


def test_normal_titles_are_unchanged(poisoned) -> None:
    """Escaping once: a title without markup characters shows as it is, nowhere &amp;-doubled."""
    site, _ = poisoned
    chapter = (site / "chapters/chapter-1.html").read_text(encoding="utf-8")
    assert "<title>第一章 总则 - " in chapter
    assert re.search(r'<span class="md-ellipsis">\s*第一章 总则\s*</span>', chapter)
    assert re.search(
        r'data-md-component="header-topic">\s*<span class="md-ellipsis">\s*第一章 总则\s*<', chapter
    )
    article = (site / "articles/art-01.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", article).group(1)
    assert title.startswith("第一条 立法目的和依据XSScaptionscriptimgQ注&lt;script&gt;")
    assert "XSScaptionentityQ&amp;amp;XSScaptionattrquoteQ" in title


def test_escape_titles_escapes_once() -> None:
    from mkdocs.structure.nav import Section

    from generator.plugin import escape_titles

    inner = Section("第一节　<b>", [])
    outer = Section("第一章 A&B", [inner])
    done = Section(Markup("已&lt;转义&gt;"), [])
    escape_titles([outer, done])
    assert (outer.title, inner.title, done.title) == ("第一章 A&amp;B", "第一节　&lt;b&gt;", "已&lt;转义&gt;")
    escape_titles([outer])
    assert outer.title == "第一章 A&amp;B"


@pytest.mark.parametrize(
    "value",
    ["</script><script>alert(3)</script>", "<!--<script>", "a\u2028b\u2029c", "&amp;", '"></x>'],
)
def test_script_json_cannot_close_its_element(value: str) -> None:
    text = str(script_json({"k": [value]}))
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == {"k": [value]}


def _sha(body: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'"


def _inline_scripts(site: Path) -> set[str]:
    """Hashes of every executable inline script of a built site (what a browser would run)."""
    found = set()
    for page in site.rglob("*.html"):
        for attrs, body in re.findall(
            r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", page.read_text(), re.S
        ):
            if 'type="application/json"' not in attrs and 'type="text/plain"' not in attrs:
                found.add(_sha(body))
    return found


@pytest.mark.slow
def test_csp_allows_every_inline_script_of_a_clean_build(tmp_path: Path) -> None:
    site = build_site(ROOT, tmp_path / "site")
    prefixed = build_site(ROOT, tmp_path / "prefixed", site_url="http://localhost/zfzrz/")
    allowed = set(inline_script_hashes(site, prefixed))
    assert _inline_scripts(site) | _inline_scripts(prefixed) <= allowed


def test_csp_never_allows_a_script_found_in_pages(poisoned) -> None:
    """Hashes come from the templates: a script that content put into a page is not allowed, and
    the policy of a poisoned build is the policy of a clean one."""
    site, _ = poisoned
    planted = site / "planted.html"
    planted.write_text("<p>x</p><script>alert(7)</script>", encoding="utf-8")
    try:
        policy = content_security_policy(site)
    finally:
        planted.unlink()
    assert _sha("alert(7)") not in policy
    assert _sha("alert(3)") not in policy
    assert "sha256-" in policy


@pytest.fixture(scope="module")
def paper_sheets(poisoned_root: Path) -> tuple[Page, Page]:
    """The printed exam paper and its key (`generator paper`) of the poisoned copy, parsed."""
    from generator.parts.quiz import paper

    project = load_project(poisoned_root)
    count = len(paper.pool(project, chapters=[1]))
    parsed = []
    for html in paper.render_paper(project, count, 1, chapters=[1]):
        page = Page()
        page.feed(html)
        page.close()
        parsed.append(page)
    return parsed[0], parsed[1]


@pytest.mark.parametrize("payload", ["script_img", "comment", "entity"])
def test_printed_paper_and_key_show_the_text(paper_sheets: tuple[Page, Page], payload: str) -> None:
    """The printed exam paper and its key (`generator paper`), an export opened from disk."""
    for page, fields in zip(
        paper_sheets, [("question_stem", "question_option"), ("question_explanation",)], strict=True
    ):
        assert injected(page) == []
        for field in fields:
            found = shown(page, field, PAYLOADS[payload], payload)
            assert found and all(intact(f, PAYLOADS[payload]) for f in found), field
