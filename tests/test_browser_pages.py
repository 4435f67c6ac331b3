"""Reading pages in the browser (issue 16): the 404 page under any prefix, the jump box, 复制条文,
the outline and information block, glossary tooltips, layout and the dark palette."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from conftest import PREFIX, OfflinePage
from tour import HELD_STYLESHEETS_LOADED, NOT_FOUND_CONSOLE

from generator.deploy import content_security_policy

pytestmark = pytest.mark.browser


def _check_not_found(browser, origin: str, prefix: str, missing: str) -> None:
    """The 404 page for `missing` (under `prefix`) is Chinese, styled, and every link stays inside."""
    context = browser.new_context()
    watched = OfflinePage(context, (origin + "/",))
    page = watched.page
    response = page.goto(origin + prefix + missing)
    assert response.status == 404
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == "页面不存在"
    # Styled: the theme's and our stylesheets loaded (the header is laid out, the logo is small).
    # The page attaches them once it has found the site's root (its <base>), which on a busy machine
    # can come after "load": wait for them, then check.
    page.wait_for_function(HELD_STYLESHEETS_LOADED, timeout=15000)
    assert page.evaluate("() => [...document.styleSheets].filter(s => s.href).length") >= 2
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky"
    assert page.locator(".md-header__button.md-logo svg").bounding_box()["height"] < 60
    hrefs = page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.href)")
    assert hrefs and [h for h in hrefs if not h.startswith(origin + prefix)] == []
    page.get_by_role("link", name="返回首页").click()
    page.wait_for_load_state("load")
    assert page.url == origin + prefix + "index.html"
    assert page.locator("h1").first.inner_text() == "吉林市行政执法责任制规定"
    # The jump box works from the 404 page too.
    page.goto(origin + prefix + missing)
    page.locator(".kb-jump input").fill("第26条")
    page.locator(".kb-jump input").press("Enter")
    page.wait_for_url(origin + prefix + "articles/art-26.html")
    context.close()
    assert watched.console_errors == NOT_FOUND_CONSOLE * 2
    assert watched.external == []


@pytest.mark.parametrize("missing", ["no-such-page.html", "articles/art-99.html", "chapters/x/y.html"])
def test_not_found_page_under_the_prefix(browser, nginx_site, missing: str) -> None:
    _check_not_found(browser, nginx_site.url(""), PREFIX, missing)


def test_not_found_page_at_the_root_of_a_server(browser, built_site: Path, tmp_path: Path) -> None:
    """The same build served at / (no prefix, no rebuild) by a server with its own configuration."""
    from generator.nginx import Nginx

    public = Path(tempfile.mkdtemp(prefix="kb-root-"))
    try:
        public.chmod(0o755)
        site = public / "site"
        shutil.copytree(built_site, site)
        block = (
            f"location / {{ root {site}; error_page 404 /404.html; "
            f'add_header Content-Security-Policy "{content_security_policy(site)}" always; }}'
        )
        server = Nginx(block, tmp_path / "nginx")
        try:
            _check_not_found(browser, server.url(""), "/", "articles/art-99.html")
        finally:
            server.stop()
    finally:
        shutil.rmtree(public)


ACCEPTED = (
    "可输入条号，如 26、二十六、第二十六条，或款、项，如 第二十六条第三项、第26条第2款、26.3"
    "；相关法律法规在条号前加名称，如 赔偿法第1条"
)


@pytest.mark.parametrize(
    ("typed", "anchor"),
    [
        ("第二十六条第三项", "articles/art-26.html#art_26__para_1__point_3"),
        ("第26条第2款", "articles/art-26.html#art_26__para_2"),
        ("26.3", "articles/art-26.html#art_26__para_1__point_3"),
        ("28.2", "articles/art-28.html#art_28__para_2"),
    ],
)
def test_jump_box_opens_the_anchor(offline, built_site: Path, typed: str, anchor: str) -> None:
    page = offline.page
    page.goto(built_site.joinpath("topics/index.html").as_uri())
    page.fill("#kb-jump-input", typed)
    page.keyboard.press("Enter")
    if typed == "第26条第2款":  # article 26 has one 款: refused, the page stays
        page.locator("#kb-jump-status:not(:empty)").wait_for()  # once the article list has loaded
        assert page.locator("#kb-jump-status").inner_text() == "第二十六条只有一款。" + ACCEPTED
        return
    page.wait_for_url(built_site.as_uri() + "/" + anchor)
    target = page.locator(":target")
    assert target.get_attribute("id") == anchor.split("#")[1]
    assert target.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("二六", "无法识别“二六”。" + ACCEPTED),
        ("26..3", "无法识别“26..3”。" + ACCEPTED),
        ("第三项", "无法识别“第三项”。" + ACCEPTED),
        ("26.9", "第二十六条共 5 项，没有第九项。" + ACCEPTED),
        ("", ACCEPTED),
    ],
)
def test_jump_box_refuses_ambiguous_input(offline, built_site: Path, typed: str, message: str) -> None:
    page = offline.page
    page.goto(built_site.joinpath("articles/art-05.html").as_uri())
    page.fill("#kb-jump-input", typed)
    page.click(".kb-jump button")
    page.locator("#kb-jump-status:not(:empty)").wait_for()  # 26.9: once the article list has loaded
    assert page.locator("#kb-jump-status").inner_text() == message
    assert page.get_attribute("#kb-jump-input", "aria-invalid") == "true"
    assert page.url == built_site.joinpath("articles/art-05.html").as_uri()


@pytest.mark.parametrize("width", [1366, 390])
def test_jump_box_placeholder_fits(browser, built_site: Path, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(built_site.joinpath("index.html").as_uri())
    box = page.locator("#kb-jump-input")
    assert box.get_attribute("placeholder") == "如 26、第26条第2款、26.3"
    # The placeholder's text, measured in the input's font, is narrower than the input's content box.
    needed, room = box.evaluate(
        """e => { const s = getComputedStyle(e), c = document.createElement('canvas').getContext('2d');
        c.font = s.font; return [c.measureText(e.placeholder).width,
        e.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)]; }"""
    )
    context.close()
    assert needed <= room


SOURCE_LINE = (
    "来源：2005年11月25日吉林市人民政府令第167号公布　根据2023年2月1日吉林市人民政府令第243号修订；"
    "北大法宝引证码 CLI.11.6413060"
)
ART_26 = [
    "第二十六条\u3000行政执法人员执行公务时，应遵守下列行为规范：",
    "（一）严格依法履行职责，自觉维护法律尊严和政府形象；",
    "（二）衣着整洁，规定着装的必须着统一制服；",
    "（三）二人以上执法，主动向行政相对人出示行政执法证件；",
    "（四）仪表端庄，用语礼貌文明，不得酒后执法；",
    "（五）自觉接受法律监督、社会监督和其他监督。",
]


def test_copy_provision_text_through_the_clipboard(browser, transport) -> None:
    """复制条文 puts the text, the formal citation and the source line on the clipboard, from disk
    and from nginx; for the article, one 项, and one 款 of an article with several."""
    base, _ = transport
    context = browser.new_context()
    origin = None if base.startswith("file:") else base.split(PREFIX)[0]
    context.grant_permissions(["clipboard-read", "clipboard-write"], **({"origin": origin} if origin else {}))
    allowed = () if origin is None else (origin + "/",)
    watched = OfflinePage(context, allowed)
    page = watched.page
    status = page.locator(".kb-cite-status")

    def clipboard() -> str:
        return page.evaluate("navigator.clipboard.readText()")

    page.goto(base + "articles/art-26.html")
    page.locator(".kb-copy-button").click()
    status.filter(has_text="已复制条文").wait_for()
    assert status.inner_text() == "已复制条文：《吉林市行政执法责任制规定》第二十六条"
    assert clipboard() == "\n".join([*ART_26, "《吉林市行政执法责任制规定》第二十六条", SOURCE_LINE])
    page.locator("#art_26__para_1__point_3").hover()
    page.locator("#art_26__para_1__point_3 .kb-cite-mini", has_text="复制条文").click()
    status.filter(has_text="第（三）项").wait_for()
    assert clipboard() == "\n".join(
        [ART_26[3], "《吉林市行政执法责任制规定》第二十六条第（三）项", SOURCE_LINE]
    )
    page.goto(base + "articles/art-28.html")
    page.locator("#art_28__para_2").hover()
    page.locator("#art_28__para_2 .kb-cite-mini", has_text="复制条文").click()
    status.filter(has_text="第二款").wait_for()
    text = page.locator("#art_28__para_2").evaluate("e => e.firstChild.textContent")
    assert clipboard() == "\n".join([text, "《吉林市行政执法责任制规定》第二十八条第二款", SOURCE_LINE])
    context.close()
    watched.assert_clean()


def test_article_outline_in_the_right_column(offline, built_site: Path) -> None:
    page = offline.page
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(built_site.joinpath("articles/art-26.html").as_uri())
    column = page.locator(".md-sidebar--secondary .kb-outline")
    assert column.is_visible()
    assert column.locator(".md-nav__title").inner_text() == "本条结构"
    links = column.locator("[data-md-component=toc] a")
    assert links.all_inner_texts()[2] == "（三）二人以上执法，主动向行政相…"
    assert column.locator(".kb-outline-group").all_inner_texts() == ["相关条文", "引用本条的条文"]
    # Related articles of the regulation, then the national provisions on the same duties (issue
    # 27: 编者整理, both sides quoted), then the articles citing this one.
    assert column.locator(".kb-outline-links a").all_inner_texts() == [
        "第二十七条　执法人员的禁止行为",
        "第三十六条　违反本条规定的处理",
        "《中华人民共和国行政处罚法》第五十五条第一款　调查或者检查时主动出示执法证件",
        "《中华人民共和国行政处罚法》第四十二条第一款　执法人员不得少于两人",
        "《中华人民共和国行政处罚法》第五十二条第一款　当场处罚时出示执法证件",
        "《中华人民共和国行政强制法》第十八条第（二）项　行政强制措施由两名以上行政执法人员实施",
        "《中华人民共和国行政强制法》第十八条第（三）项　实施行政强制措施出示执法身份证件",
        "《中华人民共和国行政处罚法》第七十五条第二款　实施行政处罚接受社会监督",
        "第三十六条　执法人员违规的处理",
    ]
    links.nth(2).click()
    page.wait_for_url("**/art-26.html#art_26__para_1__point_3")
    assert page.locator("#art_26__para_1__point_3").is_visible()
    # An article with several 款: 款 then their 项.
    page.goto(built_site.joinpath("articles/art-28.html").as_uri())
    titles = page.locator(".md-sidebar--secondary .kb-outline [data-md-component=toc] a").all_inner_texts()
    assert [t[:4] for t in titles] == ["第一款　", "第二款　", "第三款　", "第四款　"]


def test_fulltext_outline_and_document_information(offline, built_site: Path) -> None:
    page = offline.page
    page.set_viewport_size({"width": 1366, "height": 900})
    info = [
        # Dates with their meaning (issue 26): the 2006 date is the original text's, not the
        # revision's; 效力级别 and 时效性 are editorial and say so.
        "制定机关\n吉林市人民政府",
        "发文字号\n吉林市人民政府令第167号",
        "修订\n2023年2月1日（吉林市人民政府令第243号）",
        "公布日期\n2005年11月25日",
        "本版本修订日期\n2023年2月1日",
        "原规定施行日期\n2006年1月1日",
        "效力级别（编者注）\n地方政府规章",
        "时效性（编者注）\n现行有效（据数据库标注，非规定原文；以发布机关公布为准）",
    ]
    for path in ("fulltext.html", "index.html"):
        page.goto(built_site.joinpath(path).as_uri())
        block = page.locator(".kb-docinfo")
        assert block.locator("h2, h3").inner_text() == "文件信息"
        assert block.locator("dl > div").all_inner_texts() == info
    page.goto(built_site.joinpath("fulltext.html").as_uri())
    column = page.locator(".md-sidebar--secondary .kb-outline")
    assert column.is_visible()
    top = column.locator("[data-md-component=toc] > li > a").all_inner_texts()
    assert top[:3] == ["文件信息", "第一章　总则", "第二章　行政执法机关责任"]
    assert len(top) == 7
    assert column.locator("[data-md-component=toc] li li").count() == 43
    column.get_by_role("link", name="第二十六条　执法人员的行为规范").click()
    page.wait_for_url("**/fulltext.html#full-art_26")


def test_palette_follows_the_system_and_the_toggle(browser, transport) -> None:
    """Dark when the system is dark; the toggle switches and the choice stays on the next page; no
    request leaves the site and (under nginx) the CSP refuses nothing."""
    base, _ = transport
    allowed = () if base.startswith("file:") else (base.split(PREFIX)[0] + "/",)
    for system, scheme, other in (("dark", "slate", "default"), ("light", "default", "slate")):
        context = browser.new_context(color_scheme=system)
        watched = OfflinePage(context, allowed)
        page = watched.page
        page.goto(base + "articles/art-26.html")
        body = page.locator("body")
        assert body.get_attribute("data-md-color-scheme") == scheme
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        toggle = page.locator("label.md-header__button[for^='__palette']:visible")
        toggle.click()
        assert body.get_attribute("data-md-color-scheme") == other
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") != background
        page.goto(base + "fulltext.html")
        assert page.locator("body").get_attribute("data-md-color-scheme") == other
        context.close()
        watched.assert_clean()


TIP_BOX = """e => { const s = getComputedStyle(e, '::after'), r = e.getClientRects()[0];
    const left = r.left + parseFloat(s.left);
    return [left, left + parseFloat(s.width), document.documentElement.clientWidth, s.content]; }"""


@pytest.mark.parametrize("width", [1366, 390])
def test_glossary_tooltips_stay_inside_the_window(browser, built_site: Path, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800}, has_touch=width < 500)
    page = context.new_page()
    checked = 0
    for path in ("articles/art-32.html", "articles/art-01.html", "articles/art-26.html"):
        page.goto(built_site.joinpath(path).as_uri())
        terms = page.locator(".kb-law dfn.kb-term")
        for i in range(terms.count()):
            term = terms.nth(i)
            term.focus()
            left, right, window, content = term.evaluate(TIP_BOX)
            assert content.startswith('"'), term.inner_text()  # the explanation is shown
            assert 0 <= left and right <= window, (path, term.inner_text(), left, right, window)
            checked += 1
    # 诫免谈话 on article 32 ran off the right edge at 1366 px before.
    page.goto(built_site.joinpath("articles/art-32.html").as_uri())
    term = page.locator("#art_32__para_1__point_3 dfn.kb-term")
    term.hover()
    left, right, window, _ = term.evaluate(TIP_BOX)
    context.close()
    assert checked >= 5
    assert 0 <= left and right <= window


OVERLAP = """sel => { const t = document.querySelector(sel + ' > .md-nav__title'),
    i = document.querySelector(sel + ' > .md-nav__list > .md-nav__item');
    const a = t.getBoundingClientRect(), b = i.getBoundingClientRect();
    const shadow = parseFloat(getComputedStyle(t).boxShadow.split(' ').slice(-1)[0]) || 0;
    return [a.bottom + shadow, b.top]; }"""


@pytest.mark.parametrize("zoom", [1, 2])
def test_sidebar_titles_do_not_cover_the_first_item(browser, built_site: Path, zoom: int) -> None:
    """At 100% and 200% zoom (a 1366 px window at device scale 2 is 683 CSS px wide)."""
    context = browser.new_context(
        viewport={"width": 1366 // zoom, "height": 900 // zoom}, device_scale_factor=zoom
    )
    page = context.new_page()
    page.goto(built_site.joinpath("articles/art-26.html").as_uri())
    if zoom == 2:
        page.locator("label.md-header__button[for=__drawer]").click()
    else:
        bottom, top = page.evaluate(OVERLAP, ".md-sidebar--secondary .md-nav--secondary")
        assert bottom <= top
    bottom, top = page.evaluate(OVERLAP, ".md-sidebar--primary .md-nav--primary")
    context.close()
    assert bottom <= top


def test_a_chapter_is_not_listed_under_itself(offline, built_site: Path) -> None:
    page = offline.page
    page.goto(built_site.joinpath("articles/art-26.html").as_uri())
    nav = page.locator(".md-sidebar--primary")
    assert nav.locator("a[href$='chapters/chapter-3.html']").count() == 1
    section = nav.locator(".md-nav__item--active.md-nav__item--nested")
    assert section.locator("> .md-nav__container a, > a").first.inner_text().strip() == "第三章 行政执法人员"
    items = section.locator("> nav > ul > li").all_inner_texts()
    assert [t.strip()[:5] for t in items] == [
        "第二十二条",
        "第二十三条",
        "第二十四条",
        "第二十五条",
        "第二十六条",
        "第二十七条",
    ]


@pytest.mark.parametrize("width", [1366, 390])
def test_back_to_top_never_covers_text(browser, built_site: Path, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 700})
    page = context.new_page()
    page.goto(built_site.joinpath("fulltext.html").as_uri())
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -400)  # the theme shows the button when the reader scrolls back up
    page.wait_for_timeout(500)
    button = page.locator(".md-top")
    content = page.locator(".md-content").bounding_box()
    if width >= 1344:
        page.wait_for_function("!document.querySelector('.md-top').hidden")
        box = button.bounding_box()
        assert box["x"] >= content["x"] + content["width"] and box["x"] + box["width"] <= width
        assert button.get_attribute("title") == "回到页面顶部"
    else:
        assert not button.is_visible()
    link = page.locator(".kb-to-top a")
    link.scroll_into_view_if_needed()
    link.click()
    page.wait_for_function("window.scrollY === 0")
    context.close()


def test_outline_in_the_drawer_on_a_phone(browser, built_site: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(built_site.joinpath("articles/art-26.html").as_uri())
    page.locator("label.md-header__button[for=__drawer]").click()
    page.locator(".md-nav--primary label.md-nav__link[for=__toc]").click()
    outline = page.locator(".md-nav--primary .kb-outline [data-md-component=toc] a")
    outline.nth(2).click()
    page.wait_for_url("**/art-26.html#art_26__para_1__point_3")
    context.close()
