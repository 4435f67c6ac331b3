"""Rules of the regulation are content: a newcomer merges areas, renames a grade or adds a role in YAML,
and the build, the CLI, the scheme page and the calculator follow without a change to Python or JS."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import copy_project

from generator.build import build_site, load_project
from generator.parts.reading import reading_of

SCHEME = "checklists/scoring.yaml"


def rewrite(root: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, (rel, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


@dataclass(frozen=True)
class Merged:
    """What `merge_two_areas_and_rename_the_top_grade` did: the areas left, in order; the two
    removed; the area that took their points; the top grade's old and new names."""

    areas: tuple[str, ...]
    removed: tuple[str, ...]
    into: str
    old_grade: str
    new_grade: str


def merge_two_areas_and_rename_the_top_grade(root: Path) -> Merged:
    """Whatever scheme the project holds (the shipped one, or an agency's): merge its last two areas
    into the first (still 100 points; the first area's sub-items go, as their sum would no longer
    match), rename the top grade, and move the checklist items of the merged areas. Works on the
    data, so it pins no area or grade name."""
    path = root / SCHEME
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    areas = data["areas"]
    assert len(areas) >= 3, "the scheme needs three areas to merge two of them"
    *kept, last2, last = areas
    first = kept[0]
    first["max"] = round(first["max"] + last2["max"] + last["max"], 2)
    first["cites"] = [
        *first["cites"],
        *[c for c in last2["cites"] + last["cites"] if c not in first["cites"]],
    ]
    first.pop("items", None)
    data["areas"] = kept
    old = data["grades"][0]["name"]
    new = "特优" if old == "优等" else "优等"
    data["grades"][0]["name"] = new
    for c in data.get("consequences", []):
        for key in ("grade", "previous_grade"):
            names = c.get("when", {}).get(key)
            if names:
                c["when"][key] = [new if n == old else n for n in names]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    removed = (last2["id"], last["id"])
    for checklist in sorted((root / "checklists").glob("*.yaml")):
        body = checklist.read_text(encoding="utf-8")
        for gone in removed:
            body = body.replace(f"area: {gone}\n", f"area: {first['id']}\n")
        checklist.write_text(body, encoding="utf-8")
    return Merged(tuple(a["id"] for a in kept), removed, first["id"], old, new)


@pytest.fixture(scope="module")
def merged_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Merged]:
    root = copy_project(tmp_path_factory.mktemp("merged") / "project")
    merged = merge_two_areas_and_rename_the_top_grade(root)
    build_site(root, root / "site")
    return root, merged


@pytest.mark.slow
def test_cli_scores_with_the_merged_areas_and_the_new_grade_name(merged_site) -> None:
    root, merged = merged_site
    scheme = yaml.safe_load((root / SCHEME).read_text(encoding="utf-8"))
    full = {a["id"]: a["max"] for a in scheme["areas"]}
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(root), "score", "-"],
        input=json.dumps({"areas": full}),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert (out["total"], out["grade"]) == (100, merged.new_grade)
    assert tuple(a["id"] for a in out["areas"]) == merged.areas
    rewarded = [c["id"] for c in scheme["consequences"] if merged.new_grade in c["when"].get("grade", [])]
    assert set(rewarded) <= {c["id"] for c in out["consequences"]}


@pytest.mark.slow
def test_scheme_and_calculator_pages_follow_the_scheme(merged_site) -> None:
    root, merged = merged_site
    site = root / "site"
    scheme_page = (site / "scoring/scheme.html").read_text(encoding="utf-8")
    calculator = (site / "scoring/calculator.html").read_text(encoding="utf-8")
    assert merged.new_grade in scheme_page and merged.new_grade in calculator
    main = calculator[calculator.index('data-kb-component="calculator"') :]
    assert f"本方案{len(merged.areas)}个评分领域" in main
    for area in merged.areas:
        assert f'name="{area}"' in main, area
    for area in merged.removed:
        assert f'name="{area}"' not in main, area
    data = json.loads((site / "data/scoring.json").read_text(encoding="utf-8"))
    assert data["grades"][0]["name"] == merged.new_grade
    assert merged.old_grade not in [g["name"] for g in data["grades"]]
    assert sum(a["max"] for a in data["areas"]) == 100 and len(data["areas"]) == len(merged.areas)


@pytest.mark.slow
@pytest.mark.browser
def test_calculator_in_the_browser_follows_the_scheme(merged_site, offline) -> None:
    root, merged = merged_site
    page = offline.page
    page.goto((root / "site/scoring/calculator.html").as_uri())
    page.wait_for_function("window.kbScoring !== undefined")
    result = page.evaluate("() => window.kbScoring.evaluate({total: 100})")
    assert result["grade"] == merged.new_grade
    gone = merged.removed[0]
    with pytest.raises(Exception, match=f"areas.{gone}"):
        page.evaluate(f"() => window.kbScoring.evaluate({{areas: {{{gone}: 1}}}})")
    options = page.locator('[data-kb-component="calculator"] select option').all_inner_texts()
    assert merged.new_grade in options and merged.old_grade not in options


def test_an_area_no_checklist_item_may_name_is_refused(project_copy: Path) -> None:
    merged = merge_two_areas_and_rename_the_top_grade(project_copy)
    # One checklist item still names an area the merge removed.
    gone = merged.removed[1]
    agency = project_copy / "checklists/agency.yaml"
    text = agency.read_text(encoding="utf-8")
    assert f"area: {merged.into}\n" in text
    agency.write_text(text.replace(f"area: {merged.into}\n", f"area: {gone}\n", 1), encoding="utf-8")
    from generator.errors import ContentError

    with pytest.raises(ContentError) as exc:
        load_project(project_copy)
    messages = [p.message for p in exc.value.problems]
    assert messages == [f"unknown area {gone} (expected one of: {', '.join(merged.areas)})"]


def test_a_new_role_needs_only_roles_yaml(project_copy: Path) -> None:
    rewrite(
        project_copy,
        "content/roles.yaml",
        "roles:\n",
        "roles:\n- id: archivist\n  name: 档案管理人员\n  description: 编者示例：只为测试新增的角色。\n  navigation: true\n",
    )
    rewrite(project_copy, "checklists/officer.yaml", "role: officer", "role: officer\nalso: [archivist]")
    project = load_project(project_copy)
    assert reading_of(project).role("archivist").name == "档案管理人员"


def test_the_site_key_is_checked(project_copy: Path) -> None:
    from generator.errors import ContentError

    rewrite(project_copy, "content/regulation.yaml", "    key: jlzfzrz\n", "    key: Jilin ZF\n")
    with pytest.raises(ContentError) as exc:
        load_project(project_copy)
    lines = (project_copy / "content/regulation.yaml").read_text(encoding="utf-8").splitlines()
    line = lines.index("    key: Jilin ZF") + 1
    assert [str(p) for p in exc.value.problems] == [
        f"content/regulation.yaml:{line}: settings.site.key: use lower-case letters, digits and -, starting with a letter"
    ]


def test_pages_name_the_site_key_for_storage_and_files(built_site: Path) -> None:
    # kb.js reads it: storage keys and exported files' kind come from content, not from the JS.
    for page in ("index.html", "checklists/agency.html", "scoring/calculator.html", "quiz/exam.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        assert '<meta name="kb-site-key" content="jlzfzrz">' in html, page
