"""Reading features in Chromium over file://: cross-reference links, glossary terms on hover and
keyboard focus, and the jump-to-article box."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

AFTER = "el => getComputedStyle(el, '::after').content"


def project_text(provision_id: str) -> str:
    from conftest import ROOT

    from generator.build import load_project

    return load_project(ROOT).index[provision_id].text


def test_cross_reference_in_the_text_opens_the_cited_article(offline, built_site: Path) -> None:
    page = offline.page
    page.goto(built_site.joinpath("articles/art-36.html").as_uri())
    links = page.locator(".kb-law a.kb-xref")
    assert links.all_inner_texts() == ["第二十四条", "二十五条", "二十六条"]
    links.nth(1).click()
    page.wait_for_url("**/articles/art-25.html")
    # The cited article lists where it is cited from, and the link returns there.
    page.locator(".kb-cited-by a", has_text="第三十六条").click()
    page.wait_for_url("**/articles/art-36.html#art_36__para_1")


def test_glossary_term_explains_itself_on_keyboard_focus_and_hover(offline, built_site: Path) -> None:
    page = offline.page
    page.goto(built_site.joinpath("articles/art-01.html").as_uri())
    page.wait_for_selector(".kb-jump:not([hidden])")
    page.focus("#kb-jump-input")
    # Reachable with Tab from the jump box: the first marked term of article 1.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('kb-term')"):
            break
    term = page.locator(":focus")
    assert term.inner_text() == "行政执法机关"
    definition = term.get_attribute("data-kb-def")
    assert definition.startswith("规定原文：本市行政区域内的行政执法机关,")
    assert term.evaluate(AFTER) == f'"{definition}"'
    described = page.locator("#" + term.get_attribute("aria-describedby"))
    assert described.text_content() == f"行政执法机关：{definition}"
    # Escape hides the explanation without moving focus; leaving the term resets it.
    page.keyboard.press("Escape")
    assert term.evaluate(AFTER) == "none"
    assert page.evaluate("document.activeElement.textContent") == "行政执法机关"
    # Hover shows another term's explanation; a term neither hovered nor focused shows nothing.
    other = page.locator("dfn.kb-term", has_text="行政相对人")
    assert other.evaluate(AFTER) == "none"
    other.hover()
    assert other.evaluate(AFTER).startswith('"规定原文：保护公民、法人和其他组织(以下称行政相对人)')


def test_admonition_note_and_term_on_article_32(offline, built_site: Path) -> None:
    page = offline.page
    page.goto(built_site.joinpath("articles/art-32.html").as_uri())
    term = page.locator("#art_32__para_1__point_3 dfn.kb-term")
    assert term.inner_text() == "诫免谈话"
    assert "诫勉谈话" in term.get_attribute("data-kb-def")
    # The item's text in the live page (without the ¶ anchor and the copy button scripts add) is
    # the verbatim text.
    text = page.locator("#art_32__para_1__point_3").evaluate(
        "el => [...el.childNodes].filter(n => !(n.classList &&"
        " (n.classList.contains('kb-anchor') || n.classList.contains('kb-cite-mini'))))"
        ".map(n => n.textContent).join('')"
    )
    assert text == project_text("art_32__para_1__point_3")
    assert "诫勉谈话" in page.locator(".kb-notes").inner_text()


@pytest.mark.parametrize("typed", ["26", "二十六", "第二十六条", "２６"])
def test_jump_box_opens_the_article(offline, built_site: Path, typed: str) -> None:
    page = offline.page
    page.goto(built_site.joinpath("topics/index.html").as_uri())
    page.wait_for_selector(".kb-jump:not([hidden])")
    page.fill("#kb-jump-input", typed)
    page.keyboard.press("Enter")
    page.wait_for_url("**/articles/art-26.html")
    assert page.locator("h1").first.inner_text().startswith("第二十六条")


def test_jump_box_rejects_a_number_out_of_range(offline, built_site: Path) -> None:
    page = offline.page
    page.goto(built_site.joinpath("articles/art-05.html").as_uri())
    page.wait_for_selector(".kb-jump:not([hidden])")
    page.fill("#kb-jump-input", "第九十九条")
    page.click(".kb-jump button")
    page.locator("#kb-jump-status:not(:empty)").wait_for()  # once the article list has loaded
    assert page.locator("#kb-jump-status").inner_text() == (
        "本规定共 43 条，没有第九十九条。可输入条号，如 26、二十六、第二十六条，"
        "或款、项，如 第二十六条第三项、第26条第2款、26.3；相关法律法规在条号前加名称，如 赔偿法第1条"
    )
    assert page.get_attribute("#kb-jump-input", "aria-invalid") == "true"
    assert page.url.endswith("articles/art-05.html")


def test_topic_role_and_glossary_pages_link_to_provisions(offline, built_site: Path) -> None:
    page = offline.page
    page.goto(built_site.joinpath("roles/officer.html").as_uri())
    page.locator(".kb-role-prohibitions a", has_text="第二十六条第（四）项").click()
    page.wait_for_url("**/articles/art-26.html#art_26__para_1__point_4")
    page.goto(built_site.joinpath("topics/index.html").as_uri())
    page.locator(".kb-topic-list a", has_text="投诉举报").first.click()
    page.wait_for_url("**/topics/complaints.html")
    assert page.locator(".kb-topic-provision h2").all_inner_texts()[0].startswith("第二十一条")
    page.goto(built_site.joinpath("glossary.html").as_uri())
    page.locator("#term-admonition + dd a", has_text="第三十二条第（三）项").click()
    page.wait_for_url("**/articles/art-32.html#art_32__para_1__point_3")


def test_quote_shows_on_keyboard_focus_and_hover_and_in_print(offline, built_site: Path) -> None:
    page = offline.page
    page.goto(built_site.joinpath("roles/officer.html").as_uri())
    quote = page.locator(".kb-role-prohibitions .kb-quote").first
    text = quote.locator(".kb-quote-text")

    def width() -> float:
        return text.evaluate("el => el.getBoundingClientRect().width")

    # Hidden on screen but in the accessibility tree (read in place), shown on focus and on hover.
    assert width() <= 1
    assert text.inner_text() == "原文：不得酒后执法"
    assert text.locator("q").evaluate("el => getComputedStyle(el, '::before').content") == '"“"'
    quote.focus()
    assert width() > 100
    quote.evaluate("el => el.blur()")
    assert width() <= 1
    quote.hover()
    assert width() > 100
    page.mouse.move(0, 0)
    # Print: the words inline, without the 原文 mark.
    page.emulate_media(media="print")
    assert width() > 100
    assert not quote.locator(".kb-quote-mark").is_visible()


def test_jump_box_opens_a_further_regulation_from_disk(offline, built_site: Path) -> None:
    # Issue 17: 处罚法第32条 loads data/jump-laws.js (a script: works over file://) and opens the
    # provision of 行政处罚法; a number that law does not have is refused with its name.
    page = offline.page
    page.goto(built_site.joinpath("articles/art-05.html").as_uri())
    page.wait_for_selector(".kb-jump:not([hidden])")
    page.fill("#kb-jump-input", "处罚法第99条")
    page.click(".kb-jump button")
    page.wait_for_function("document.querySelector('#kb-jump-status').textContent !== ''")
    assert page.locator("#kb-jump-status").inner_text().startswith("《行政处罚法》共 86 条，没有第九十九条。")
    page.fill("#kb-jump-input", "处罚法第32条第1款")
    with page.expect_navigation():
        page.click(".kb-jump button")
    assert page.url.endswith("laws/xzcf/articles/art-32.html#art_32__para_1")
    assert page.locator("h1").inner_text() == "第三十二条"
