"""An article page over file://, offline: text, anchors, citation copy, jump box and search."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import search_titles

pytestmark = pytest.mark.browser


def test_article_page_offline(offline, built_site: Path) -> None:
    page = offline.page
    page.goto(built_site.joinpath("articles/art-26.html").as_uri())
    assert page.locator("h1").inner_text() == "第二十六条 执法人员的行为规范"
    assert (
        page.locator("#art_26__para_1__point_3")
        .inner_text()
        .startswith("（三）二人以上执法，主动向行政相对人出示行政执法证件；")
    )
    assert page.locator(".kb-breadcrumb").inner_text() == "首页 › 第三章 行政执法人员 › 第二十六条"
    page.locator("a.kb-next").click()
    page.wait_for_url("**/art-27.html")
    assert page.title().startswith("第二十七条 执法人员的禁止行为")


def test_copy_citation(offline, built_site: Path) -> None:
    page = offline.page
    offline.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(built_site.joinpath("articles/art-26.html").as_uri())
    page.locator("#art_26__para_1__point_3").hover()
    page.locator("#art_26__para_1__point_3 .kb-cite-mini", has_text="复制引用").click()
    status = page.locator(".kb-cite-status")
    status.filter(has_text="已复制").wait_for()
    assert status.inner_text() == "已复制：《吉林市行政执法责任制规定》第二十六条第（三）项"
    page.locator(".kb-cite-button").click()
    page.wait_for_function("document.querySelector('.kb-cite-status').textContent.endsWith('》第二十六条')")


@pytest.mark.parametrize("typed", ["26", "二十六", "第二十六条", "２６"])
def test_jump_box(offline, built_site: Path, typed: str) -> None:
    page = offline.page
    page.goto(built_site.joinpath("articles/art-01.html").as_uri())
    page.fill("#kb-jump-input", typed)
    page.press("#kb-jump-input", "Enter")
    page.wait_for_url("**/articles/art-26.html")


def test_jump_box_rejects_unknown_number(offline, built_site: Path) -> None:
    page = offline.page
    page.goto(built_site.joinpath("index.html").as_uri())
    page.fill("#kb-jump-input", "99")
    page.press("#kb-jump-input", "Enter")
    page.locator("#kb-jump-status:not(:empty)").wait_for()  # once the article list has loaded
    assert (
        page.locator("#kb-jump-status").inner_text().startswith("本规定共 43 条，没有第九十九条。可输入条号")
    )
    assert page.locator("#kb-jump-input").get_attribute("aria-invalid") == "true"


def test_search_finds_article_19(offline, built_site: Path) -> None:
    page = offline.page
    page.goto(built_site.joinpath("articles/art-01.html").as_uri())
    titles = search_titles(page, "行政复议")
    assert any(t.startswith("第十九条") for t in titles), titles


def test_keyboard_only_jump_and_copy(offline, built_site: Path) -> None:
    """Tab reaches the jump box and the copy buttons; focus is visible; Enter and Space work."""
    page = offline.page
    offline.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(built_site.joinpath("articles/art-26.html").as_uri())
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "kb-jump-input":
            break
    else:
        pytest.fail("Tab never reached the jump box")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('kb-cite-mini')"):
            break
    else:
        pytest.fail("Tab never reached a copy-citation button")
    assert page.evaluate("getComputedStyle(document.activeElement).opacity") == "1"
    page.keyboard.press("Space")
    page.locator(".kb-cite-status").filter(has_text="已复制").wait_for()
    page.locator("#kb-jump-input").focus()
    page.keyboard.type("二十七")
    page.keyboard.press("Enter")
    page.wait_for_url("**/articles/art-27.html")
