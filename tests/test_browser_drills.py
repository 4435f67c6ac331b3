"""Generated drills in Chromium over file://, offline: answering a 单选 and a 填空 rightly and
wrongly, the full provision shown after answering, counts and answers kept across a reload, and
继续练习 resuming at the next unanswered drill."""

from __future__ import annotations

import json
from pathlib import Path


def drills(page) -> list[dict]:
    return json.loads(page.locator("#kb-drills-data").text_content())["drills"]


def test_answering_drills_from_disk_keeps_answers_and_resumes(built_site: Path, offline) -> None:
    page = offline.page
    page.goto(built_site.joinpath("drills/xzcf.html").as_uri())
    data = drills(page)
    total = len(data)
    status = page.locator(".kb-drills-status")
    assert status.text_content() == f"已答 0/{total} 题，答对 0 题。"

    single = next(d for d in data if d["type"] == "单选")
    item = page.locator(f'[data-kb-drill="{single["id"]}"]')
    assert item.locator(".kb-drill-options").is_hidden()
    assert item.locator(".kb-drill-answer").get_attribute("open") is None
    wrong = next(o for o in single["options"] if o != single["answer"])
    item.locator(".kb-drill-choices button", has_text=wrong).click()
    result = item.locator(".kb-drill-result")
    assert result.text_content() == f"回答错误（你的答案：{wrong}），正确答案：{single['answer']}。"
    # The full provision shows after answering, with its answer and citation.
    assert item.locator(".kb-drill-answer").get_attribute("open") == ""
    assert item.locator(".kb-drill-context").is_visible()
    assert single["answer"] in item.locator(".kb-drill-context").text_content()
    item.locator(".kb-drill-choices button", has_text=single["answer"]).first.click()
    assert result.text_content() == "回答正确。"
    assert status.text_content() == f"已答 1/{total} 题，答对 1 题。"

    blank = next(d for d in data if d["type"] == "填空")
    fill = page.locator(f'[data-kb-drill="{blank["id"]}"]')
    fill.locator(".kb-drill-choices button", has_text="提交").click()
    assert fill.locator(".kb-drill-result").text_content() == "请先填写答案。"
    assert status.text_content() == f"已答 1/{total} 题，答对 1 题。"
    fill.locator(".kb-drill-input").fill(" " + blank["answer"] + "\u3000")
    fill.locator(".kb-drill-input").press("Enter")
    assert fill.locator(".kb-drill-result").text_content() == "回答正确。"
    assert status.text_content() == f"已答 2/{total} 题，答对 2 题。"

    page.reload()
    assert page.locator(".kb-drills-status").text_content() == f"已答 2/{total} 题，答对 2 题。"
    assert page.locator(f'[data-kb-drill="{single["id"]}"] .kb-drill-result').text_content() == "回答正确。"
    # 继续练习: the first unanswered drill after the last one answered (the 填空).
    page.locator(".kb-drills-resume").click()
    after = data.index(blank) + 1
    expected = next(d for d in data[after:] + data[:after] if d["id"] not in (single["id"], blank["id"]))
    focused = page.evaluate("document.activeElement.closest('[data-kb-drill]').getAttribute('data-kb-drill')")
    assert focused == expected["id"]


def test_the_overview_links_every_regulations_drills(built_site: Path, offline) -> None:
    page = offline.page
    page.goto(built_site.joinpath("drills/index.html").as_uri())
    links = page.locator(".kb-drills-table a")
    assert links.count() == 9
    for i in range(links.count()):
        assert (built_site / "drills" / links.nth(i).get_attribute("href")).is_file()
