"""The header search over file:// (and nginx): every query of content/search_queries.yaml typed into
the box finds its provision (top 1 for citations and verbatim phrases, top 3 for concepts, questions
and everyday paraphrases); keyboard, paste and IME input; the target provision is highlighted on arrival."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, search_hits, wait_rendered

from generator.search_eval import answers, found

pytestmark = pytest.mark.browser

TOP = {"citation": 1, "verbatim": 1, "concept": 3, "question": 3, "paraphrase": 3}


def queries() -> list[dict]:
    return yaml.safe_load((ROOT / "content/search_queries.yaml").read_text(encoding="utf-8"))["queries"]


def test_every_listed_query_finds_its_provision(offline, built_site: Path, capsys) -> None:
    page = offline.page
    page.goto(built_site.joinpath("index.html").as_uri())
    # The regulation's own queries in 本规定 (the targets of issue 12 are for that scope; 全部, the
    # default, is held to the widening rule in tests/test_search_library.py), chosen as a reader
    # does and remembered for the session; the national-law queries in 全部 below.
    page.evaluate("window.sessionStorage.setItem(window.kb.storage.prefix + 'search-scope:site', 'home')")
    page.reload()
    everything = queries()
    listed = [q for q in everything if ":" not in q["expect"]]
    total: Counter = Counter()
    top1: Counter = Counter()
    topk: Counter = Counter()
    misses = []
    for q in listed:
        ids = [h["id"] for h in search_hits(page, q["query"]) if h["kind"] == "law"]
        total[q["kind"]] += 1
        top1[q["kind"]] += found(ids[:1], answers(q))
        topk[q["kind"]] += found(ids[:3], answers(q))
        if not found(ids[: TOP[q["kind"]]], answers(q)):
            misses.append((q["kind"], q["query"], q["expect"], ids[:3]))
    with capsys.disabled():
        print()
        for kind in TOP:
            print(f"search {kind}: top-1 {top1[kind]}/{total[kind]}, top-3 {topk[kind]}/{total[kind]}")
        for miss in misses:
            print("  miss:", *miss)
    # Targets of issue 12: citations and verbatim phrases all first; concepts 98%, plain questions
    # and everyday paraphrases 85% in the first three.
    assert top1["citation"] == total["citation"]
    assert top1["verbatim"] == total["verbatim"]
    assert topk["concept"] >= 0.98 * total["concept"]
    assert topk["question"] >= 0.85 * total["question"]
    assert topk["paraphrase"] >= 0.85 * total["paraphrase"]
    page.evaluate("window.sessionStorage.clear()")
    page.reload()
    national = [q for q in everything if ":" in q["expect"] and q["kind"] in ("citation", "verbatim")]
    missed = [
        q["query"]
        for q in national
        if not found([h["id"] for h in search_hits(page, q["query"])][:1], answers(q))
    ]
    assert len(national) >= 38 and missed == []


def test_keyboard_opens_moves_and_follows_a_hit(offline, built_site: Path) -> None:
    page = offline.page
    page.goto(built_site.joinpath("articles/art-01.html").as_uri())
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "kb-search-input"
    page.wait_for_function("() => window.kbSearch.ready()")
    page.keyboard.type("酒后执法")
    wait_rendered(page, "酒后执法")  # typed key by key: each key's hits render when their shards are in
    first = page.locator(".kb-search__hit").first
    assert first.get_attribute("data-kb-id") == "art_26__para_1__point_4"
    assert (
        first.locator(".kb-search__cite").inner_text() == "《吉林市行政执法责任制规定》第二十六条第（四）项"
    )
    assert first.locator(".kb-search__caption").inner_text() == "执法人员的行为规范"
    assert first.locator("mark").all_inner_texts() == ["酒后执法"]
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    assert page.locator(".kb-search__hit--active").get_attribute("data-kb-id") == "art_26__para_1__point_4"
    page.keyboard.press("Enter")
    page.wait_for_url("**/articles/art-26.html#art_26__para_1__point_4")
    target = page.locator("#art_26__para_1__point_4")
    assert target.evaluate("e => e.matches(':target')")
    assert target.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 243, 196)"


def test_escape_closes_and_s_opens(offline, built_site: Path) -> None:
    page = offline.page
    page.goto(built_site.joinpath("index.html").as_uri())
    page.keyboard.press("s")
    page.wait_for_function("() => window.kbSearch.ready()")
    page.keyboard.type("26")
    wait_rendered(page, "26")
    assert page.locator(".kb-search__panel").is_visible()
    assert page.locator(".kb-search__hit").first.get_attribute("data-kb-id") == "art_26"
    page.keyboard.press("Escape")
    assert page.locator(".kb-search__panel").is_hidden()
    assert page.evaluate("document.activeElement.id") != "kb-search-input"


def test_paste_and_ime_composition_search_without_a_key(offline, built_site: Path) -> None:
    page = offline.page
    page.goto(built_site.joinpath("index.html").as_uri())
    page.click("#kb-search-input")
    page.wait_for_function("() => window.kbSearch.ready()")
    page.keyboard.insert_text("两人以上执法")  # what a paste or an IME commit delivers: one input event
    assert page.locator(".kb-search__hit").first.get_attribute("data-kb-id") == "art_26__para_1__point_3"
    page.evaluate(
        """() => { const box = document.getElementById('kb-search-input');
        box.dispatchEvent(new CompositionEvent('compositionstart'));
        box.value = '错案追究';
        box.dispatchEvent(new CompositionEvent('compositionend', {data: '错案追究'})); }"""
    )
    assert page.locator(".kb-search__hit").first.get_attribute("data-kb-id") == "art_18"


def test_page_query_api_returns_the_documented_shape(offline, built_site: Path) -> None:
    page = offline.page
    page.goto(built_site.joinpath("index.html").as_uri())
    page.evaluate("() => window.kbSearch.load()")
    hits = page.evaluate("() => window.kbSearch.query('执法证', {limit: 3})")
    assert [sorted(h) for h in hits] == [["citation", "id", "kind", "score", "snippet", "url"]] * len(hits)
    assert [h["kind"] for h in hits][:3] == ["law", "law", "law"]
    assert hits[0]["url"] == "articles/art-25.html"


def test_open_panel_has_no_axe_violation(browser, built_site: Path) -> None:
    from test_browser_a11y import AXE, axe_violations

    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run npm ci (./scripts/test.sh does)")
    context = browser.new_context()
    page = context.new_page()
    page.goto(built_site.joinpath("index.html").as_uri())
    search_hits(page, "执法证")
    page.keyboard.press("ArrowDown")
    assert page.locator(".kb-search__panel").is_visible()
    assert axe_violations(page) == []
    context.close()


def test_works_under_nginx_with_the_csp(watched, transport) -> None:
    base, _ = transport
    page = watched.page
    page.goto(base + "articles/art-01.html")
    hits = search_hits(page, "第二十六条第三项")
    assert hits[0]["id"] == "art_26__para_1__point_3"
    assert hits[0]["href"] == base + "articles/art-26.html#art_26__para_1__point_3"


def test_index_loads_on_first_focus_only(offline, built_site: Path) -> None:
    page = offline.page
    page.goto(built_site.joinpath("articles/art-26.html").as_uri())
    page.wait_for_load_state("load")
    # Resource timing does not list file:// scripts in Chromium: look for the script element.
    loaded = "() => !!document.querySelector('script[src$=\"search-index.js\"]')"
    assert page.evaluate(loaded) is False
    assert page.evaluate("() => window.kbSearch.query('执法证')") == []
    page.focus("#kb-search-input")
    page.wait_for_function("() => window.kbSearch.ready()")
    assert page.evaluate(loaded) is True


def test_scope_widens_the_search_to_the_further_regulations(offline, built_site: Path) -> None:
    # Issue 17: the scope box searches the related national laws; each hit names its law and opens
    # its provision. Issue 27: the box starts in 全部, so their index loads on the first focus.
    page = offline.page
    page.goto(built_site.joinpath("index.html").as_uri())
    laws = "() => !!document.querySelector('script[src$=\"search/meta.js\"]')"
    search_hits(page, "没收违法所得")
    assert page.evaluate(laws) is True
    page.select_option(".kb-search__scope", "laws")
    page.wait_for_function("() => window.kbSearch.ready('laws')")
    search_hits(page, "没收违法所得")
    first = page.locator(".kb-search__hit").first
    assert first.get_attribute("data-kb-id") == "xzcf:art_9__para_1__point_2"
    assert first.locator(".kb-search__cite").inner_text() == "《中华人民共和国行政处罚法》第九条第（二）项"
    assert first.locator(".kb-search__caption").inner_text() == "行政处罚法"
    first.click()
    page.wait_for_url("**/laws/xzcf/articles/art-09.html#art_9__para_1__point_2")


def test_scoped_queries_rank_as_the_python_twin(offline, built_site: Path) -> None:
    from generator.build import load_project
    from generator.search import engines_of, scoped_query

    project = load_project(ROOT)
    engines = engines_of(project)
    page = offline.page
    page.goto(built_site.joinpath("index.html").as_uri())
    page.evaluate("() => window.kbSearch.load('home')")
    for query in (
        "行政复议",
        "罚款",
        "第二十六条",
        "执法人员收红包",
        "赔偿损失后追偿",
        "处罚法 听证",
        "27条3项",
    ):
        for scope in ("home", "laws", "all", "xzcf"):
            js = page.evaluate(
                "async ([q, s]) => { await window.kbSearch.prepare(q, s); return window.kbSearch.query(q, {scope: s}); }",
                [query, scope],
            )
            py = scoped_query(engines, query, 10, scope)
            assert [(h["id"], h["score"]) for h in js] == [(h["id"], h["score"]) for h in py], (query, scope)


def test_law_names_scope_per_law_page_and_the_jump_box(offline, built_site: Path) -> None:
    """Issue 27: the box starts in 全部 and a citation of a law opens it first; on a 行政处罚法 page
    the box starts in that law and the jump box reads 64 as 处罚法第64条; a chosen scope lasts the
    session."""
    page = offline.page
    page.goto(built_site.joinpath("index.html").as_uri())
    assert search_hits(page, "《中华人民共和国行政处罚法》第五十五条")[0]["id"] == "xzcf:art_55"
    assert page.locator(".kb-search__scope").input_value() == "all"
    assert search_hits(page, "27条3项")[0]["id"] == "art_27__para_1__point_3"
    page.goto(built_site.joinpath("laws/xzcf/index.html").as_uri())
    hits = search_hits(page, "64")
    assert hits[0]["id"] == "xzcf:art_64"
    assert page.locator(".kb-search__scope").input_value() == "xzcf"
    page.locator(".kb-search__scope").select_option("home")
    page.goto(built_site.joinpath("laws/xzcf/index.html").as_uri())
    assert not [h for h in search_hits(page, "64") if h["id"].startswith("xzcf:")]
    assert page.locator(".kb-search__scope").input_value() == "home"
    page.locator("#kb-jump-input").fill("64")
    page.locator("#kb-jump-input").press("Enter")
    page.wait_for_url("**/laws/xzcf/articles/art-64.html*")


def test_the_earlier_version_is_searched_in_its_scope_only(offline, built_site: Path) -> None:
    """Issue 27: 行政复议法 (2017年修正) is in no scope but 历史版本, where its hit names the version
    and opens its row of the 修订对照 page."""
    page = offline.page
    page.goto(built_site.joinpath("index.html").as_uri())
    # Verbatim from the 2017 text's 第九条 (the 2023 text says 行政行为 and 应当知道).
    query = "可以自知道该具体行政行为之日起六十日内提出行政复议申请"
    assert search_hits(page, query)
    assert page.locator(".kb-search__scope").input_value() == "all"
    for scope in ("all", "home", "laws", "xzfy"):
        hits = page.evaluate("([q, s]) => window.kbSearch.query(q, {scope: s})", [query, scope])
        assert not [h for h in hits if h["id"].startswith("xzfy-2017:")], scope
    page.select_option(".kb-search__scope", "versions")
    ids = [h["id"] for h in search_hits(page, query)]
    assert ids and all(i.startswith("xzfy-2017:") for i in ids)
    first = page.locator(".kb-search__hit").first
    assert first.get_attribute("data-kb-id") == "xzfy-2017:art_9"
    assert first.locator(".kb-search__cite").inner_text() == "行政复议法（2017年修正）第九条"
    # A citation naming the current law opens the earlier version's article in this scope.
    assert search_hits(page, "行政复议法第九条")[0]["id"] == "xzfy-2017:art_9"
    page.locator(".kb-search__hit").first.click()
    page.wait_for_url("**/versions/xzfy-2017.html#old-art_9")
