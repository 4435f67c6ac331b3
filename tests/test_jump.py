"""The jump box's parser (site_overrides/assets/javascripts/jump.js) under node, against the real
regulation's targets (generator/render.py jump_targets): every accepted form and every refusal."""

from __future__ import annotations

import json
import shutil
import subprocess
from functools import cache

import pytest
from conftest import CONTENT_ROOT, ROOT

from generator.build import load_project
from generator.render import jump_targets

JUMP = ROOT / "site_overrides/assets/javascripts/jump.js"
RUN = """
const vm = require("vm"), fs = require("fs");
const window = {kb: {mount() {}}};
vm.runInContext(fs.readFileSync(process.argv[1], "utf8"), vm.createContext({window}));
const [targets, typed, pageLaw] = JSON.parse(fs.readFileSync(0, "utf8"));
const out = typed.map(t => window.kb.jump.find(t, targets, pageLaw));
process.stdout.write(JSON.stringify(out));
"""


@cache
def project():
    return load_project(CONTENT_ROOT)


def jump(*typed: str, page_law: str = "") -> list:
    """What the jump box opens for each typed text, against the site's targets (jump-targets.js),
    on a page of the law `page_law` (its slug) when given."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing (it comes with npm, which the set-up needs)")
    targets = jump_targets(project())
    result = subprocess.run(
        [node, "-e", RUN, str(JUMP)],
        input=json.dumps([targets, list(typed), page_law]),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_targets_come_from_links() -> None:
    targets = jump_targets(project())
    assert targets["urls"][25] == "articles/art-26.html"
    assert targets["shape"][25] == [5]
    assert targets["shape"][27] == [0, 0, 0, 0]
    assert (targets["para"], targets["point"]) == ("art_{a}__para_{p}", "art_{a}__para_{p}__point_{i}")


def test_accepted_forms() -> None:
    point3 = {"url": "articles/art-26.html#art_26__para_1__point_3", "label": "第二十六条第三项"}
    assert (
        jump("26", "二十六", "第二十六条", "第26条", "２６", "第 二十六 条")
        == [{"url": "articles/art-26.html", "label": "第二十六条"}] * 6
    )
    assert (
        jump("第二十六条第三项", "26.3", "26.1.3", "第26条第1款第3项", "第二十六条第（三）项", "２６．３")
        == [point3] * 6
    )
    assert (
        jump("第28条第2款", "28.2", "第二十八条第二款")
        == [{"url": "articles/art-28.html#art_28__para_2", "label": "第二十八条第二款"}] * 3
    )
    assert jump("十", "一十六", "四十三") == [
        {"url": "articles/art-10.html", "label": "第十条"},
        {"url": "articles/art-16.html", "label": "第十六条"},
        {"url": "articles/art-43.html", "label": "第四十三条"},
    ]


def test_refusals_say_why() -> None:
    assert jump("二六", "26..3", "第三项", "abc", "26.3.1.1", "十十") == [None] * 6
    assert jump("第九十九条", "26.6", "28.5", "第28条第1项", "1.2") == [
        {"error": "本规定共 43 条，没有第九十九条"},
        {"error": "第二十六条共 5 项，没有第六项"},
        {"error": "第二十八条共 4 款，没有第五款"},
        {"error": "第二十八条没有列项"},
        {"error": "第一条只有一款，没有第二项"},
    ]


def test_a_further_regulation_by_name() -> None:
    # Issue 17: 处罚法第32条 and the other names of content/laws/xzcf/regulation.yaml.
    art32 = {"url": "laws/xzcf/articles/art-32.html", "label": "第三十二条"}
    assert (
        jump("处罚法第32条", "行政处罚法第三十二条", "《中华人民共和国行政处罚法》第32条", "处罚法32")
        == [art32] * 4
    )
    assert jump("复议法第4条第2款", "赔偿法16.1", "行政强制法第九条第（二）项") == [
        {"url": "laws/xzfy/articles/art-04.html#art_4__para_2", "label": "第四条第二款"},
        {"url": "laws/gjpc/articles/art-16.html#art_16__para_1", "label": "第十六条第一款"},
        {"url": "laws/xzqz/articles/art-09.html#art_9__para_1__point_2", "label": "第九条第二项"},
    ]
    assert jump("处罚法第99条", "处罚法第二十条第九款", "处罚法") == [
        {"error": "《行政处罚法》共 86 条，没有第九十九条"},
        {"error": "第二十条共 4 款，没有第九款"},
        None,
    ]
    # The site's own regulation is unchanged: no name means the Jilin regulation.
    assert jump("第32条") == [{"url": "articles/art-32.html", "label": "第三十二条"}]


def test_a_number_on_a_law_page_opens_that_laws_article() -> None:
    art64 = {"url": "laws/xzcf/articles/art-64.html", "label": "第六十四条"}
    assert jump("64", "第六十四条", "处罚法64", page_law="xzcf") == [art64, art64, art64]
    # A name typed still wins, and off a law's pages 64 is refused by the site's own regulation.
    assert jump("强制法18", page_law="xzcf")[0]["url"] == "laws/xzqz/articles/art-18.html"
    assert jump("64")[0] == {"error": "本规定共 43 条，没有第六十四条"}


def test_shorthand_without_di() -> None:
    assert jump("27条3项", "32条1款4项") == [
        {"url": "articles/art-27.html#art_27__para_1__point_3", "label": "第二十七条第三项"},
        {"url": "articles/art-32.html#art_32__para_1__point_4", "label": "第三十二条第四项"},
    ]
