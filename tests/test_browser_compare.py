"""The comparison page (多单位对比) in Chromium: the cases of issue 25's "Done when"."""

from __future__ import annotations

import json

import pytest
from test_js_rules import ROOT, checklist_csv, checklist_json

from generator.build import load_project
from generator.parts.scoring import scheme_data


@pytest.fixture(scope="module")
def agency_items():
    [agency] = [c for c in scheme_data(load_project(ROOT))["checklists"] if c["id"] == "agency"]
    return agency["items"]


@pytest.fixture
def compare(offline, built_site):
    page = offline.page
    page.goto(built_site.joinpath("scoring/compare.html").as_uri())
    page.wait_for_function("window.kb && window.kb.compareState !== undefined")
    return page


def upload(page, files):
    page.set_input_files("#kb-compare-import", files)


def as_file(name, data, mime="application/json"):
    body = data if isinstance(data, bytes) else json.dumps(data, ensure_ascii=False).encode()
    return {"name": name, "mimeType": mime, "buffer": body}


def rows(page):
    page.wait_for_selector(".kb-compare-table tbody tr")
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('.kb-compare-table tbody tr')).map(tr =>
          Object.fromEntries(Array.from(tr.querySelectorAll('[data-kb-col]')).map(c => [c.dataset.kbCol, c.textContent])))"""
    )


def test_two_same_named_files_from_different_units_give_two_rows(compare, agency_items):
    yes = {i["id"]: "yes" for i in agency_items}
    name = "行政执法机关-2026年度自查.json"
    upload(compare, [as_file(name, checklist_json(yes, unit="甲局", year="2026"))])
    compare.wait_for_selector(".kb-compare-table")
    upload(compare, [as_file(name, checklist_json(yes, unit="乙局", year="2026"))])
    compare.wait_for_function("document.querySelectorAll('.kb-compare-table tbody tr').length === 2")
    assert sorted(r["agency"] for r in rows(compare)) == ["乙局", "甲局"]


def test_8_of_53_answered_gives_no_final_grade(compare, agency_items):
    first = {}
    for i in agency_items:
        first.setdefault(i["area"], i["id"])
    upload(compare, [as_file("x.json", checklist_json(dict.fromkeys(first.values(), "yes"), unit="丙局"))])
    [row] = rows(compare)
    assert (row["total"], row["grade"], row["answered"]) == ("100（暂定）", "暂定 优秀", "已答 8/53")


def test_52_yes_and_item_24_not_applicable_is_a_complete_100(compare, agency_items):
    statuses = {i["id"]: ("na" if i["area"] == "other" else "yes") for i in agency_items}
    upload(compare, [as_file("y.json", checklist_json(statuses, unit="丁局", year="2026"))])
    [row] = rows(compare)
    assert (row["total"], row["grade"], row["answered"], row["area:other"]) == (
        "100",
        "优秀",
        "已答 53/53",
        "10",
    )
    assert "按比例折算" in compare.locator("[data-kb-ref=rules]").inner_text()


def test_a_gbk_csv_imports(compare, agency_items):
    statuses = {i["id"]: "yes" for i in agency_items}
    upload(compare, [as_file("戊局.csv", checklist_csv(statuses, "戊局").encode("gbk"), "text/csv")])
    [row] = rows(compare)
    assert (row["agency"], row["grade"]) == ("戊局", "优秀")
    assert "GBK" in compare.locator("#kb-compare-status").inner_text()


def test_a_truncated_json_says_it_is_incomplete(compare, agency_items):
    body = json.dumps(checklist_json({i["id"]: "yes" for i in agency_items}, unit="己局"), ensure_ascii=False)
    upload(compare, [as_file("cut.json", body.encode()[:300])])
    compare.wait_for_function("document.querySelector('#kb-compare-status').textContent.length > 0")
    assert compare.locator("#kb-compare-status").inner_text().startswith("无法导入“cut.json”：文件不完整")


def test_the_compare_pdf_of_30_agencies_shows_every_header_and_unit(compare, agency_items, tmp_path):
    yes = {i["id"]: "yes" for i in agency_items}
    files = [
        as_file(f"{n}.json", checklist_json(yes, unit=f"第{n:02d}执法局", year="2026")) for n in range(1, 31)
    ]
    upload(compare, files)
    compare.wait_for_function("document.querySelectorAll('.kb-compare-table tbody tr').length === 30")
    compare.emulate_media(media="print")
    widths = compare.evaluate(
        """() => { const t = document.querySelector('.kb-compare-table');
          return {table: t.getBoundingClientRect().right,
                  page: document.querySelector('.kb-compare-page').getBoundingClientRect().right,
                  heads: Array.from(t.querySelectorAll('thead th')).filter(th => getComputedStyle(th).display !== 'none')
                    .map(th => [th.textContent.trim(), getComputedStyle(th.querySelector('button') || th).color])}; }"""
    )
    labels = [h[0] for h in widths["heads"]]
    assert labels[:5] == ["单位", "年度", "总分", "等级", "已答"] and len(labels) == 5 + 8
    assert all(color == "rgb(0, 0, 0)" for _, color in widths["heads"])
    pdf = tmp_path / "compare.pdf"
    compare.pdf(path=str(pdf), prefer_css_page_size=True)
    assert pdf.stat().st_size > 0
    assert widths["table"] <= widths["page"] + 1
