"""Hostile text in every field, in Chromium: from disk and through nginx with the generated policy.

One copy of the project carries the payload in every field of hostile_content.FIELDS; each page
type is opened and must fire no dialog, log no error (a policy that refused one of our own inline
scripts logs one), and show the field's text as text, in the page and in its title.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from conftest import PREFIX, OfflinePage, copy_project
from hostile_content import PAYLOADS, marker, poison
from test_browser_quiz import answer

from generator.build import build_site, load_project
from generator.deploy import nginx_conf, prefixed_build

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAYLOAD = PAYLOADS["script_img"]

# page -> fields whose text the page shows (the chapter title is in every page's nav)
PAGES = {
    "index.html": ["chapter_title", "caption"],
    "fulltext.html": ["caption", "law_text"],
    "chapters/chapter-2.html": ["chapter_title"],
    "articles/art-01.html": ["caption", "note_title", "note_text", "related_reason", "topic_title"],
    "articles/art-02.html": ["law_text", "role_name"],
    "glossary.html": ["term", "definition"],
    "topics/purpose_scope.html": ["topic_title", "topic_description"],
    "roles/government.html": ["role_name", "role_duty"],
    "checklists/index.html": ["checklist_title", "checklist_description"],
    "checklists/agency.html": ["checklist_title", "checklist_item", "checklist_evidence"],
    "scoring/scheme.html": ["area_title", "grade_name", "checklist_item"],
    "scoring/calculator.html": ["area_title"],
    "scoring/compare.html": [],
    "quiz/practice.html": [],
    "quiz/exam.html": [],
    "quiz/paper.html": [],
    "laws/index.html": ["law_title"],
    "laws/xzcf/articles/art-02.html": ["law_title", "law_division", "law_caption"],
    "laws/xzcf/articles/art-03.html": ["law_article_text"],
}
TITLED = {  # page -> field that is part of its <title>
    "articles/art-01.html": "caption",
    "chapters/chapter-2.html": "chapter_title",
    "checklists/agency.html": "checklist_title",
    "topics/purpose_scope.html": "topic_title",
}


@pytest.fixture(scope="module")
def hostile_sites(tmp_path_factory: pytest.TempPathFactory):
    """(site, nginx server): the poisoned copy built for /zfzrz/, served with its own nginx.conf."""
    from generator.nginx import Nginx

    base = tmp_path_factory.mktemp("hostile-browser")
    root = copy_project(base / "project")
    poison(root, PAYLOAD)
    public = Path(tempfile.mkdtemp(prefix="kb-hostile-"))
    public.chmod(0o755)
    site = build_site(root, public / "site", site_url=f"http://127.0.0.1{PREFIX}")
    other = prefixed_build(root, PREFIX, base / "prefixed")
    title = load_project(root).regulation.title
    server = Nginx(nginx_conf([site, other], PREFIX, str(site), title, project=root), base / "nginx")
    yield site, server
    server.stop()
    shutil.rmtree(public)


@pytest.fixture(params=["file", "nginx"])
def hostile_base(request, hostile_sites) -> str:
    site, server = hostile_sites
    return site.as_uri() + "/" if request.param == "file" else server.url(PREFIX)


def _squeezed(text: str) -> str:
    """Without white space: a chapter's plain title drops the spaces of its source."""
    return "".join(text.split())


def _open(browser, base: str, path: str):
    allowed = () if base.startswith("file:") else (base.split(PREFIX)[0] + "/",)
    context = browser.new_context()
    watched = OfflinePage(context, allowed)
    dialogs: list[str] = []
    page = watched.page
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(base + path)
    page.wait_for_load_state("load")
    return context, watched, page, dialogs


@pytest.mark.parametrize("path", list(PAGES) + ["laws/xzcf/index.html"])
def test_hostile_text_is_text(browser, hostile_base: str, path: str) -> None:
    context, watched, page, dialogs = _open(browser, hostile_base, path)
    try:
        page.wait_for_timeout(300)  # an onerror of an injected image would have fired by now
        text = page.evaluate("() => document.body.innerText")
        missing = [f for f in PAGES.get(path, []) if _squeezed(marker(f) + PAYLOAD) not in _squeezed(text)]
        title = page.title()
        injected = page.evaluate("() => document.querySelectorAll('img[src=x], [onerror], [onload]').length")
    finally:
        context.close()
    assert dialogs == []
    assert watched.console_errors == [], "an error, or an inline script of ours the policy refused"
    assert watched.external == []
    assert injected == 0
    assert missing == []
    if path in TITLED:
        assert _squeezed(marker(TITLED[path]) + PAYLOAD) in _squeezed(title)


def test_quiz_shows_hostile_question_as_text(browser, hostile_base: str) -> None:
    """Questions are drawn by quiz.js from the page's JSON: practising article 1, the poisoned stem,
    option and explanation (shown once checked) are text."""
    context, watched, page, dialogs = _open(browser, hostile_base, "quiz/practice.html?scope=article:1")
    shown = []
    try:
        data = json.loads(page.locator("#kb-quiz-data").text_content())
        bank = {q["id"]: q for q in data["questions"]}
        for _ in [q for q in bank.values() if q["article"] == 1]:
            fieldset = page.locator(".kb-quiz-question")
            q = bank[fieldset.get_attribute("data-kb-question")]
            answer(fieldset, q, True)
            page.locator(".kb-quiz-check").click()
            shown.append(page.evaluate("() => document.body.innerText"))
            page.locator(".kb-quiz-next").click()
        page.wait_for_timeout(300)
    finally:
        context.close()
    assert dialogs == [] and watched.console_errors == []
    for field in ("question_stem", "question_option", "question_explanation"):
        assert any(marker(field) + PAYLOAD in text for text in shown), field


def test_search_shows_hostile_caption_as_text(browser, hostile_base: str) -> None:
    context, watched, page, dialogs = _open(browser, hostile_base, "index.html")
    try:
        box = page.locator("#kb-search-input")
        box.click()
        page.wait_for_function("() => window.kbSearch && window.kbSearch.ready()")
        box.fill("立法目的和依据")
        page.locator(".kb-search__hit").first.wait_for()
        text = page.locator(".kb-search__results, .kb-search").first.inner_text()
        page.wait_for_timeout(300)
    finally:
        context.close()
    assert dialogs == [] and watched.console_errors == []
    assert marker("caption") + PAYLOAD in text
