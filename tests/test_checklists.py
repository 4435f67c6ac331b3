"""Checklists: loading, located validation, coverage, pages and JSON.

The model, vocabulary and page tests build from the part's fixtures (generator/parts/checklists/
fixtures/: two small checklists covering 第十六条 to 第十七条, over the scoring fixture's three areas);
the located-problem tests still edit a copy of the shipped checklists.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
from conftest import ROOT

from generator import build
from generator.errors import ContentError
from generator.parts import checklists, scoring
from generator.parts.reading import reading_of
from generator.render import script_json

EXPECTED = {"unit", "office"}  # the fixture checklists


# This part and the parts it requires (reading for roles, the scheme for areas), not the questions.
def load(root: Path):
    return build.load_project(root, only=("checklists",))


@pytest.fixture(scope="module")
def project(checklists_root):
    return load(checklists_root)


def problems(root: Path) -> list[str]:
    with pytest.raises(ContentError) as exc:
        load(root)
    return [str(p) for p in exc.value.problems]


def line_of(path: Path, needle: str) -> int:
    return next(
        i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line
    )


def add_file(root: Path, name: str, text: str) -> None:
    (root / "checklists" / name).write_text(text, encoding="utf-8")


GOOD_ITEM = """\
- id: ok
  text: 是否出具了委托书？
  cites: [art_16__para_1]
  evidence: 委托书
  area: system
  quote: 应出具委托书
"""


def extra(items: str, head: str = "title: 测试\nshort: 测试\nrole: agency\ndescription: 测试。\n") -> str:
    # The description restates nothing here (navigation: true), after the items to keep their lines.
    return head + "items:\n" + items + ("" if items.endswith("\n") else "\n") + "navigation: true\n"


# --- the fixture content -------------------------------------------------------------------------------


def test_required_checklists_exist_with_their_roles(project):
    lists = {c.id: c for c in checklists.checklists_of(project).checklists}
    assert set(lists) == EXPECTED
    assert {c: lists[c].role for c in lists} == {"unit": "agency", "office": "justice_dept"}
    assert lists["unit"].also == ("deputy",) and lists["office"].also == ()


@pytest.mark.parametrize("which", ["fixture", pytest.param("shipped", marks=pytest.mark.shipped)])
def test_every_item_is_a_cited_question_with_evidence(which, project, shipped_project):
    project = project if which == "fixture" else shipped_project
    for checklist in checklists.checklists_of(project).checklists:
        ids = [i.id for i in checklist.items]
        assert len(ids) == len(set(ids)), checklist.id
        for item in checklist.items:
            assert "是否" in item.text and item.text.endswith("？"), item.id
            assert item.cites and all(c in project.index for c in item.cites), item.id
            assert item.evidence and item.area in checklists.area_ids(project)
            assert all(project.index[c].article.number in range(35, 42) for c in item.consequences)


def test_every_article_of_the_settings_range_is_covered(project):
    cover = checklists.checklists_of(project).coverage
    assert cover.articles == (16, 17)  # the fixture's settings.yaml
    assert [n for n in cover.articles if cover.total(n) == 0] == []
    assert cover.items(16, "unit") == ("letter", "filed", "supervised")
    assert cover.items(16, "office") == () and cover.items(17, "office") == ("certificates",)


def test_version_is_computed_from_item_ids_and_texts(project):
    agency = checklists.checklists_of(project).get("unit")
    assert re.fullmatch(r"[0-9a-f]{10}", agency.version)
    assert checklists.checklists_of(load(project.root)).get("unit").version == agency.version
    first = agency.items[0]
    reworded = dataclasses.replace(
        agency, items=(dataclasses.replace(first, text=first.text + "？"), *agency.items[1:])
    )
    assert reworded.version != agency.version
    # Evidence and citations do not change what a saved answer means: the version stays.
    same = dataclasses.replace(
        agency, items=(dataclasses.replace(first, evidence="别的材料"), *agency.items[1:])
    )
    assert same.version == agency.version
    assert reworded.items[0].fingerprint != first.fingerprint
    assert reworded.items[1].fingerprint == agency.items[1].fingerprint


def test_checklists_are_ordered_by_role(project):
    # content/roles.yaml lists justice_dept before agency.
    assert [c.id for c in checklists.checklists_of(project).checklists] == ["office", "unit"]


# --- located problems --------------------------------------------------------------------------------


def test_uncovered_article_fails_the_build(project_copy):
    officer = project_copy / "checklists" / "officer.yaml"
    text = officer.read_text(encoding="utf-8")
    start = text.index("- id: complaints_below_threshold")
    officer.write_text(text[:start], encoding="utf-8")
    assert problems(project_copy) == ["checklists/:0: -: 第三十七条 (art_37) is cited by no checklist item"]


def test_several_uncovered_articles_are_all_reported(project_copy):
    for name in ("officer.yaml", "justice_dept.yaml"):
        (project_copy / "checklists" / name).unlink()
    # ContentError sorts messages as text, hence 三十 before 二十.
    assert problems(project_copy) == [
        "checklists/:0: -: 第三十一条 (art_31) is cited by no checklist item",
        "checklists/:0: -: 第三十七条 (art_37) is cited by no checklist item",
        "checklists/:0: -: 第三十二条 (art_32) is cited by no checklist item",
        "checklists/:0: -: 第二十七条 (art_27) is cited by no checklist item",
        "checklists/:0: -: 第二十九条 (art_29) is cited by no checklist item",
        "checklists/:0: -: 第二十六条 (art_26) is cited by no checklist item",
        "checklists/:0: -: 第四十一条 (art_41) is cited by no checklist item",
    ]


def test_unknown_provisions_are_located(project_copy):
    add_file(
        project_copy,
        "zz_bad.yaml",
        extra(
            GOOD_ITEM
            + """\
- id: bad
  text: 是否备案？
  cites: [art_16__para_1, art_99, art_16__para_4, art_16__para_1__point_1]
  evidence: 备案材料
  area: system
  consequences: [art_35__para_1__point_9]
  quote: 并到本级政府司法行政部门备案
"""
        ),
    )
    assert problems(project_copy) == [
        "checklists/zz_bad.yaml:14: items[1].cites[1]: unknown provision art_99",
        "checklists/zz_bad.yaml:14: items[1].cites[2]: unknown provision art_16__para_4",
        "checklists/zz_bad.yaml:14: items[1].cites[3]: unknown provision art_16__para_1__point_1",
        "checklists/zz_bad.yaml:17: items[1].consequences[0]: unknown provision art_35__para_1__point_9",
    ]


def test_a_quote_not_in_the_cited_text_is_refused(project_copy):
    # Verbatim: the half-width comma of 第三条 is not the full-width one; a quote from another
    # article than the cited one is refused too.
    add_file(
        project_copy,
        "zz_bad.yaml",
        extra(
            GOOD_ITEM
            + """\
- id: scope
  text: 是否适用本规定？
  cites: [art_3, art_16__para_2]
  evidence: 文件
  area: system
  quote: [行政执法机关，法律、法规授权, 不得超越或滥用职权, 应出具委托书]
"""
        ),
    )
    assert problems(project_copy) == [
        "checklists/zz_bad.yaml:17: items[1].quote[0]: not found in the text of 第三条、第十六条第二款",
        "checklists/zz_bad.yaml:17: items[1].quote[2]: not found in the text of 第三条、第十六条第二款",
    ]


def test_a_broken_checklist_does_not_bury_its_message_under_coverage_gaps(project_copy):
    officer = project_copy / "checklists" / "officer.yaml"
    text = officer.read_text(encoding="utf-8")
    officer.write_text(text.replace("cites: [art_37]", "cites: [art_73]"), encoding="utf-8")
    line = text[: text.index("cites: [art_37]")].count("\n") + 1
    assert problems(project_copy) == [
        f"checklists/officer.yaml:{line}: items[18].cites[0]: unknown provision art_73"
    ]


def test_area_role_ids_and_consequences_are_checked(project_copy):
    add_file(
        project_copy,
        "zz_bad.yaml",
        extra(
            """\
- id: ok
  text: 是否出具了委托书？
  cites: [art_16__para_1, art_16__para_1]
  evidence: 委托书
  area: finance
  consequences: [art_20__para_1__point_1]
  quote: 应出具委托书
- id: ok
  text: 是否备案？
  cites: [art_16]
  evidence: 备案材料
  area: system
  quote: 并到本级政府司法行政部门备案
""",
            head="title: 测试\nshort: 测试\nrole: mayor\nalso: [deputy, clerk]\ndescription: 测试。\n",
        ),
    )
    areas = ", ".join(
        a.id for a in scoring.scheme_of(build.load_project(project_copy, only=("scoring",))).areas
    )
    assert problems(project_copy) == [
        "checklists/zz_bad.yaml:3: role: unknown role mayor",
        "checklists/zz_bad.yaml:4: also[1]: unknown role clerk",
        "checklists/zz_bad.yaml:9: items[0].cites[1]: art_16__para_1 is cited twice",
        f"checklists/zz_bad.yaml:11: items[0].area: unknown area finance (expected one of: {areas})",
        "checklists/zz_bad.yaml:12: items[0].consequences[0]: art_20__para_1__point_1 is not in 第五章 行政执法责任追究 (第三十五条 to 第四十一条)",
        "checklists/zz_bad.yaml:14: items[1].id: duplicate item id ok (also items[0].id)",
        "checklists/zz_bad.yaml:16: items[1].cites[0]: art_16 has 3 paragraphs: cite one of art_16__para_1 to art_16__para_3",
    ]


def test_schema_problems_are_located(project_copy):
    add_file(
        project_copy,
        "zz_bad.yaml",
        extra(
            """\
- id: Bad-Id
  text: 出具了委托书。
  cites: []
  area: system
  colour: red
""",
            head="title: 测试\nrole: agency\ndescription: 测试。\n",
        ),
    )
    assert problems(project_copy) == [
        "checklists/zz_bad.yaml:1: short: missing required field",
        "checklists/zz_bad.yaml:5: items[0].evidence: missing required field",
        "checklists/zz_bad.yaml:5: items[0].id: 'Bad-Id' is not valid: expected lower-case letters, digits and underscores, starting with a letter",
        "checklists/zz_bad.yaml:5: items[0].quote: missing required field",
        "checklists/zz_bad.yaml:6: items[0].text: '出具了委托书。' is not valid: expected a yes/no question with 是否, ending with ？",
        "checklists/zz_bad.yaml:7: items[0].cites: needs at least 1 entries",
        "checklists/zz_bad.yaml:9: items[0].colour: unknown field",
    ]


def test_file_names_must_be_ids_and_yaml_must_parse(project_copy):
    add_file(project_copy, "Bad-Name.yaml", extra(GOOD_ITEM))
    add_file(project_copy, "coverage.yaml", extra(GOOD_ITEM))
    add_file(project_copy, "zz_broken.yaml", "title: [unclosed\n")
    add_file(project_copy, "_draft.yaml", "this is skipped: [")
    rule = "(lower-case letters, digits and _; not index or coverage)"
    assert problems(project_copy) == [
        f"checklists/Bad-Name.yaml:1: -: file name 'Bad-Name' is not a valid checklist id {rule}",
        f"checklists/coverage.yaml:1: -: file name 'coverage' is not a valid checklist id {rule}",
        "checklists/zz_broken.yaml:2: -: invalid YAML: expected ',' or ']', but got '<stream end>'",
    ]


def test_scoring_file_is_not_a_checklist(project):
    assert checklists.checklists_of(project).get("scoring") is None
    assert "scoring" in checklists.NOT_CHECKLISTS


def test_template_is_a_valid_checklist(project_copy):
    template = (ROOT / "checklists" / "_template.yaml").read_text(encoding="utf-8")
    add_file(project_copy, "zz_template.yaml", template)
    loaded = checklists.checklists_of(load(project_copy)).get("zz_template")
    assert [i.id for i in loaded.items] == ["example_item"]


# --- vocabulary from the reading and scoring parts ---------------------------------------------------


def test_the_checklists_agree_with_the_loaded_roles_and_scheme(project):
    assert list(project.parts) == ["reading", "scoring", "checklists"]
    assert {c.id for c in checklists.checklists_of(project).checklists} == EXPECTED
    assert checklists.area_ids(project) == tuple(a.id for a in scoring.scheme_of(project).areas)


def test_areas_come_from_the_scheme(project):
    scheme = scoring.scheme_of(project)
    fewer = dataclasses.replace(scheme, areas=scheme.areas[:2])
    parts = {**project.parts, "scoring": fewer}
    value, found = checklists.load(dataclasses.replace(project, parts=parts))
    assert value is None
    assert [str(p) for p in found] == [
        f"checklists/office.yaml:{line_of(project.root / 'checklists/office.yaml', 'area: cases')}: "
        "items[0].area: unknown area cases (expected one of: duties, staff)"
    ]
    assert {p.field.rsplit(".", 1)[-1] for p in found} == {"area"}


def test_roles_come_from_the_reading_part(project):
    reading = reading_of(project)
    keep = ("justice_dept", "agency")
    renamed = tuple(dataclasses.replace(r, name=f"角色{r.id}") for r in reading.roles if r.id in keep)
    parts = {**project.parts, "reading": dataclasses.replace(reading, roles=renamed)}
    value, found = checklists.load(dataclasses.replace(project, parts=parts))
    also = line_of(project.root / "checklists/unit.yaml", "also: [deputy]")
    assert [str(p) for p in found] == [f"checklists/unit.yaml:{also}: also[0]: unknown role deputy"]
    deputy = reading.role("deputy")
    parts["reading"] = dataclasses.replace(
        reading, roles=(*renamed, dataclasses.replace(deputy, name="分管领导"))
    )
    value, found = checklists.load(dataclasses.replace(project, parts=parts))
    assert found == [] and value.checklists[0].id == "office"
    assert checklists.role_names(dataclasses.replace(project, parts=parts))["deputy"] == "分管领导"


# --- pages and data ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pages(project):
    return {**checklists.pages(project), **checklists.exports(project)}


def embedded(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="kb-checklist-data">(.*?)</script>', page, re.S)
    return json.loads(match.group(1))


def test_pages_and_nav(project, pages):
    assert sorted(pages) == sorted(
        ["checklists/index.md", "checklists/coverage.md", "data/checklists.json"]
        + [f"checklists/{c}.md" for c in EXPECTED]
    )
    assert checklists.nav(project) == [
        {
            "自查清单": ["checklists/index.md"]
            + [f"checklists/{c.id}.md" for c in checklists.checklists_of(project).checklists]
            + ["checklists/coverage.md"]
        }
    ]
    assert {**checklists.pages(project), **checklists.exports(project)} == pages  # reproducible


def test_checklists_json_has_the_agreed_shape(project, pages):
    data = json.loads(pages["data/checklists.json"])
    assert [c["id"] for c in data["checklists"]] == [
        c.id for c in checklists.checklists_of(project).checklists
    ]
    for entry in data["checklists"]:
        assert {"id", "title", "role", "version", "url", "items"} <= set(entry)
        assert entry["url"] == f"checklists/{entry['id']}.html"
        for item in entry["items"]:
            assert {"id", "text", "cites", "quote", "area", "evidence"} <= set(item)
            assert all(c in project.index for c in item["cites"])
            # Every question carries the words it asks about, verbatim in a cited provision.
            assert item["quote"], item["id"]
            for q in item["quote"]:
                assert any(q in project.index[c].text for c in item["cites"]), (item["id"], q)
    agency = next(c for c in data["checklists"] if c["id"] == "unit")
    assert agency["version"] == checklists.checklists_of(project).get("unit").version
    assert agency["items"][0]["cites"] == ["art_16__para_1"]


def test_each_page_embeds_the_same_record_as_the_json_file(project, pages):
    data = {c["id"]: c for c in json.loads(pages["data/checklists.json"])["checklists"]}
    for checklist in checklists.checklists_of(project).checklists:
        page = pages[f"checklists/{checklist.id}.md"]
        record = embedded(page)
        assert {k: v for k, v in record.items() if k in data[checklist.id]} == data[checklist.id]
        assert set(record["refs"]) == {r for i in checklist.items for r in (*i.cites, *i.consequences)}


def test_checklist_page_links_every_citation_to_an_existing_anchor(project, pages):
    site = build.render_site(project)
    page = pages["checklists/unit.md"]
    for item in checklists.checklists_of(project).get("unit").items:
        assert f'id="item-{item.id}"' in page
        assert f'name="kb-cl-{item.id}"' in page
    hrefs = re.findall(r'href="(\.\./articles/art-\d\d\.html(?:#[a-z0-9_]+)?)"', page)
    assert {h.partition("#")[2] for h in hrefs} >= {"art_16__para_1", "art_16__para_3", "art_35__para_1"}
    for href in set(hrefs):
        path, _, anchor = href.removeprefix("../").partition("#")
        target = site[path.replace(".html", ".md")]
        assert not anchor or f'id="{anchor}"' in target, href
    assert (
        '<a href="../articles/art-16.html#art_16__para_1" title="《吉林市行政执法责任制规定》第十六条第一款">第十六条第一款</a>'
        in page
    )
    # Paper form and signature lines are in the page itself, for printing without JavaScript.
    assert page.count(
        '<span class="kb-cl-box" data-kb-box="yes">□</span> 符合　<span class="kb-cl-box" data-kb-box="no">□</span> 不符合'
        '　<span class="kb-cl-box" data-kb-box="na">□</span> 不适用'
    ) == len(checklists.checklists_of(project).get("unit").items)
    assert page.count(
        '<p class="kb-cl-paper-note"><span class="kb-cl-paper-label">备注、证据：</span>'
    ) == len(checklists.checklists_of(project).get("unit").items)
    assert "负责人签字" in page and "自查单位" in page and "日期" in page


def test_coverage_page_lists_items_per_article(project, pages):
    page = pages["checklists/coverage.md"]
    assert page.count('<tr><th scope="row">') == 2
    row = next(line for line in page.splitlines() if 'href="../articles/art-17.html"' in line)
    assert 'href="office.html#item-certificates"' in row
    assert row.endswith("<td>1</td></tr>")


def test_index_groups_checklists_by_role(pages):
    page = pages["checklists/index.md"]
    headings = re.findall(r'<h2 id="kb-role-([a-z_]+)">([^<]+)</h2>', page)
    assert headings == [("justice_dept", "司法行政部门"), ("agency", "行政执法机关")]
    assert 'href="coverage.html"' in page


def test_consequences_are_shown_with_the_text_that_states_them(project, pages):
    point = checklists.consequence_text(project, "art_35__para_1__point_4")
    assert point.startswith("行政执法机关违反本规定或者有下列情形之一的，由本级人民政府责令改正")
    assert point.endswith("……（四）对行政执法监督检查中查出的问题拒不改正的；")
    assert checklists.consequence_text(project, "art_41") == project.index["art_41"].text
    refs = embedded(pages["checklists/unit.md"])["refs"]
    assert refs["art_35__para_1"]["text"] == checklists.consequence_text(project, "art_35__para_1")
    assert refs["art_35__para_1"]["text"].startswith("行政执法机关违反本规定或者有下列情形之一的")
    assert "text" not in refs["art_16__para_3"]  # citations only link; consequences also quote


def test_embedded_json_cannot_close_its_script_element():
    text = str(script_json({"t": "</script><img src=x onerror=alert(1)>&\u2028"}))
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"t": "</script><img src=x onerror=alert(1)>&\u2028"}


def test_a_broken_scoring_file_is_left_to_the_scoring_part(project_copy):
    # Checklists need the scheme's areas: with a broken scheme only the scheme's problem is reported,
    # not one unknown area per item.
    add_file(project_copy, "scoring.yaml", "areas: [unclosed\n")
    assert problems(project_copy) == [
        "checklists/scoring.yaml:2: -: invalid YAML: expected ',' or ']', but got '<stream end>'"
    ]
