"""修订对照 (generator/parts/versions/): an earlier version imported like any regulation, kept out
of the current laws, aligned with its current text (exact on a small fixture pair, complete on
行政复议法 2017 -> 2023), hand corrections as located data, changes marked from escaped text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import copy_project, part_fixtures, run_cli

from generator.build import load_project, render_site
from generator.errors import ContentError
from generator.laws import load_laws, split_versions
from generator.load import read_yaml
from generator.nav import site_nav
from generator.parts import PARTS
from generator.parts.versions import compare, read_corrections
from generator.parts.versions.align import (
    ADDED,
    CHANGED,
    DELETED,
    RENUMBERED,
    UNCHANGED,
    Corrections,
    Match,
    Segment,
    align,
    changes,
)
from generator.render import jump_targets
from generator.search import laws_index_data

FIXTURES = part_fixtures("versions")
OLD = {
    (1, 0): "为了规范示例工作，制定本法。",
    (2, 0): "示例机关应当公开示例信息。",
    (3, 0): "本法所称示例，是指示例活动。",
    (4, 0): "本法自2010年3月1日起施行。",
}
NEW = {
    (1, 0): "为了规范示例工作，保护当事人的合法权益，制定本法。",
    (2, 0): "示例工作坚持公开、公正的原则，不得收取<费用>。",
    (3, 0): "示例机关应当公开示例信息。",
    (4, 0): "本法自2020年10月1日起施行。",
}


def rows(matches: tuple[Match, ...]) -> list[tuple]:
    return [(m.kind, m.old and m.old[0], m.new and m.new[0], m.forced) for m in matches]


# --- The alignment, pure ---------------------------------------------------------------------------


def test_fixture_pair_aligns_exactly() -> None:
    assert rows(align(OLD, NEW)) == [
        (CHANGED, 1, 1, False),
        (ADDED, None, 2, False),
        (RENUMBERED, 2, 3, False),
        (DELETED, 3, None, False),
        (CHANGED, 4, 4, False),
    ]


def test_unchanged_needs_same_number_and_text_up_to_spacing() -> None:
    old = {(1, 0): "第一款。\n第二款。", (2, 0): "其他。"}
    new = {(1, 0): "第一款。 \n第二款。", (2, 0): "完全不同的文字内容在此。"}
    assert rows(align(old, new)) == [
        (UNCHANGED, 1, 1, False),
        (DELETED, 2, None, False),
        (ADDED, None, 2, False),
    ]


def test_equal_candidates_go_by_place_then_number() -> None:
    # Two identical earlier articles and two identical current ones: the same place wins, the
    # same on every run.
    old = {(1, 0): "同一文字。", (2, 0): "同一文字。"}
    new = {(1, 0): "同一文字。", (2, 0): "同一文字。"}
    assert rows(align(old, new)) == [(UNCHANGED, 1, 1, False), (UNCHANGED, 2, 2, False)]
    assert all(align(OLD, NEW) == align(OLD, NEW) for _ in range(3))


def test_corrections_override_the_computation() -> None:
    forced = Corrections(pairs=(((3, 0), (2, 0)),), added=((1, 0),), deleted=((4, 0),))
    assert rows(align(OLD, NEW, forced)) == [
        (DELETED, 1, None, False),  # no earlier article before it has a row: at the top
        (ADDED, None, 1, True),
        (CHANGED, 3, 2, True),
        (RENUMBERED, 2, 3, False),
        (DELETED, 4, None, True),  # after the row of 第三条, the last earlier article before it
        (ADDED, None, 4, False),
    ]


def test_changes_mark_whole_numbers_and_join_back() -> None:
    left, right = changes(OLD[4, 0], NEW[4, 0])
    assert left == (Segment("本法自"), Segment("2010年3", "del"), Segment("月1日起施行。"))
    assert right == (Segment("本法自"), Segment("2020年10", "ins"), Segment("月1日起施行。"))
    left, right = changes(OLD[1, 0], NEW[1, 0])
    assert left == (Segment("为了规范示例工作，制定本法。"),)
    assert right == (
        Segment("为了规范示例工作，"),
        Segment("保护当事人的合法权益，", "ins"),
        Segment("制定本法。"),
    )
    for a, b in ((OLD[3, 0], NEW[2, 0]), ("", "新"), ("旧", ""), ("甲\n乙", "甲\n丙丁")):
        left, right = changes(a, b)
        assert ("".join(s.text for s in left), "".join(s.text for s in right)) == (a, b)


# --- The fixture pair imported with the CLI --------------------------------------------------------


def import_pair(root: Path, version_of: str = "demo") -> None:
    """The fixture texts imported as demo (current) and demo-2010 (earlier, version_of demo)."""
    for name, slug in (("new.txt", "demo"), ("old.txt", "demo-2010")):
        out = root / "content/laws" / slug
        result = run_cli("import", str(FIXTURES / name), "--law", slug, "--out", str(out))
        assert result.returncode == 0, result.stderr
    reg = root / "content/laws/demo-2010/regulation.yaml"
    text = reg.read_text(encoding="utf-8")
    reg.write_text(
        text.replace(
            "title: 中华人民共和国示例法\n", f"title: 中华人民共和国示例法\nversion_of: {version_of}\n"
        )
    )


def test_fixture_pair_from_the_importer(tmp_path: Path) -> None:
    import_pair(tmp_path)
    laws, problems = load_laws(tmp_path)
    assert problems == []
    (new,), (old,) = split_versions(laws)
    assert (new.slug, old.slug, old.version_of) == ("demo", "demo-2010", "demo")
    c = compare(old, new)
    assert [(r.kind, r.old and r.old.label, r.new and r.new.label) for r in c.rows] == [
        (CHANGED, "第一条", "第一条"),
        (ADDED, None, "第二条"),
        (RENUMBERED, "第二条", "第三条"),
        (DELETED, "第三条", None),
        (CHANGED, "第四条", "第四条"),
    ]
    assert (c.old_edition, c.new_edition, c.title) == (
        "2010年通过",
        "2020年修订",
        "中华人民共和国示例法修订对照（2010年通过→2020年修订）",
    )
    assert c.counts() == [("未修改", 0), ("仅条号变动", 1), ("有修改", 2), ("新增", 1), ("删除", 1)]


def corrections_problems(tmp_path: Path, text: str) -> list[str]:
    import_pair(tmp_path)
    (new,), (old,) = split_versions(load_laws(tmp_path)[0])
    path = tmp_path / "content/laws/demo-2010/alignment.yaml"
    path.write_text(text, encoding="utf-8")
    doc = read_yaml(path, tmp_path)
    return [str(p) for p in read_corrections(doc, old, new)[1]]


A = "content/laws/demo-2010/alignment.yaml"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pairs:\n- old: 9\n  new: 1\n  reason: r\n", [f"{A}:2: pairs[0].old: demo-2010 has no article 9"]),
        ("pairs:\n- old: 1\n  new: 90\n  reason: r\n", [f"{A}:3: pairs[0].new: demo has no article 90"]),
        (
            "pairs:\n- old: 1\n  new: 1\n  reason: r\ndeleted:\n- old: 1\n  reason: r\n",
            [f"{A}:6: deleted[0].old: article 1 of demo-2010 is already in pairs[0]"],
        ),
        (
            "pairs:\n- old: 1\n  new: 2\n  reason: r\n- old: 3\n  new: 2\n  reason: r\n",
            [f"{A}:6: pairs[1].new: article 2 of demo is already in pairs[0]"],
        ),
        ("pairs:\n- old: 1\n  new: 2\n", [f"{A}:2: pairs[0].reason: missing required field"]),
        ("added:\n- new: 第二条\n  reason: r\n", [f"{A}:2: added[0].new: expected integer, got string"]),
        ("deleted:\n- old: 0\n  reason: r\n", [f"{A}:2: deleted[0].old: must be at least 1"]),
        ("pair:\n- old: 1\n", [f"{A}:2: pair: unknown field"]),
    ],
)
def test_hostile_corrections_are_located(tmp_path: Path, text: str, expected: list[str]) -> None:
    assert corrections_problems(tmp_path, text) == expected


@pytest.mark.parametrize(
    ("version_of", "expected"),
    [
        (
            "nosuch",
            "content/laws/demo-2010/regulation.yaml:3: version_of: nosuch is not a current regulation of content/laws/",
        ),
        (
            "demo-2010",
            "content/laws/demo-2010/regulation.yaml:3: version_of: demo-2010 is not a current regulation of content/laws/",
        ),
        (
            "Demo",
            "content/laws/demo-2010/regulation.yaml:3: version_of: 'Demo' is not valid: expected the slug of the "
            "current regulation this text is an earlier version of (xzfy)",
        ),
    ],
)
def test_hostile_version_of_is_located(tmp_path: Path, version_of: str, expected: str) -> None:
    import_pair(tmp_path, version_of)
    assert [str(p) for p in load_laws(tmp_path)[1]] == [expected]


# --- 行政复议法 2017 -> 2023 in the shipped content -----------------------------------------------


def test_earlier_version_is_not_a_current_law(shipped_project) -> None:
    project = shipped_project
    assert [v.slug for v in project.versions] == ["xzfy-2017"]
    assert "xzfy-2017" not in {law.slug for law in project.laws}
    assert not any(key.startswith("xzfy-2017:") for key in project.index)
    assert "xzfy-2017" not in {law["slug"] for law in jump_targets(project)["laws"]}
    assert not any(r["reg"] == "xzfy-2017" for r in laws_index_data(project)["records"])
    assert "xzfy-2017" not in str(site_nav(project, []))
    # The current text keeps its place: 行政复议法 is the law of that title.
    assert project.law("xzfy").title == "中华人民共和国行政复议法"


def test_real_pair_lists_every_article_once(shipped_project) -> None:
    (c,) = shipped_project.part("versions")
    new = [r.new.number for r in c.rows if r.new is not None]
    old = [r.old.number for r in c.rows if r.old is not None]
    assert new == list(range(1, 91))
    assert sorted(old) == list(range(1, 44))
    deleted = [r.old.number for r in c.rows if r.kind == DELETED]
    assert deleted == [8, 15, 18, 22, 25, 30, 38, 42]
    pairs = {r.new.number: r.old.number for r in c.rows if r.new is not None and r.old is not None}
    # Hand corrections (content/laws/xzfy-2017/alignment.yaml) and computed pairs.
    assert {n: pairs[n] for n in (1, 3, 4, 10, 30, 46, 64, 89, 90)} == {
        1: 1,
        3: 4,
        4: 3,
        10: 5,
        30: 17,
        46: 24,
        64: 28,
        89: 41,
        90: 43,
    }
    assert [r.kind for r in c.rows if r.new is not None and r.new.number in (1, 5, 89)] == [
        CHANGED,
        ADDED,
        RENUMBERED,
    ]


@pytest.fixture(scope="module")
def pages(shipped_pages) -> dict[str, str]:
    return dict(shipped_pages)


def test_real_page_shows_every_row(pages: dict[str, str]) -> None:
    page = pages["versions/xzfy-2017.md"]
    ids = re.findall(r' id="((?:new|old)-art_\d+)"', page)
    assert sorted(ids) == sorted(
        [f"new-art_{n}" for n in range(1, 91)] + [f"old-art_{n}" for n in range(1, 44)]
    )
    assert page.count('<span class="kb-version-kind">新增</span>') == 55
    assert page.count('<span class="kb-version-kind">删除</span>') == 8
    assert (
        "<p>为了防止和纠正违法的或者不当的<del>具体</del>行政行为，保护公民、法人和其他组织的合法权益，保障<del>和监督</del>"
        "行政机关依法行使职权，根据宪法，制定本法。</p>"
    ) in page
    assert '<a href="../laws/xzfy/articles/art-01.html">第一条</a>' in page


def test_new_article_links_its_old_counterpart(pages: dict[str, str]) -> None:
    facet = '<dd class="kb-article-versions"><a href="../../../versions/xzfy-2017.html#new-art_{n}">{label}</a></dd>'
    assert facet.format(n=13, label="2017年修正文本第七条（有修改）") in pages["laws/xzfy/articles/art-13.md"]
    assert (
        facet.format(n=5, label="2017年修正文本无对应条文（2023年修订新增）")
        in pages["laws/xzfy/articles/art-05.md"]
    )
    assert "kb-article-versions" not in pages["laws/xzcf/articles/art-05.md"]
    assert "kb-article-versions" not in pages["articles/art-05.md"]
    # The site's own topics and questions stay on the site's own regulation's pages.
    assert "kb-article-topics" not in pages["laws/xzfy/articles/art-13.md"]
    assert "kb-practice-link" not in pages["laws/xzfy/articles/art-13.md"]


def test_marks_are_built_from_escaped_text(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    import_pair(root)
    project = load_project(root, parts=PARTS)
    page = render_site(project, PARTS)["versions/demo-2010.md"]
    assert "<p>示例工作坚持公开、公正的原则，不得收取&lt;费用&gt;。</p>" in page
    assert "<费用>" not in page
    assert "<del>2010年3</del>" in page and "<ins>2020年10</ins>" in page


def test_broken_corrections_fail_the_load(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    import_pair(root)
    (root / "content/laws/demo-2010/alignment.yaml").write_text("added:\n- new: 7\n  reason: r\n")
    with pytest.raises(ContentError) as err:
        load_project(root, parts=PARTS)
    assert [str(p) for p in err.value.problems] == [
        "content/laws/demo-2010/alignment.yaml:2: added[0].new: demo has no article 7"
    ]
