"""Rules of the regulation are content: a newcomer merges areas, renames a grade or adds a role in YAML,
and the build, the CLI, the scheme page and the calculator follow without a change to Python or JS."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import copy_project

from generator.build import build_site, load_project
from generator.parts.reading import reading_of

SCHEME = "checklists/scoring.yaml"


def rewrite(root: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, (rel, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def six_areas_and_a_renamed_grade(root: Path) -> None:
    """Merge 执行政府命令、决定 into 审查备案 and 其他内容 into 过错责任追究 (six areas, still 100
    points), and call the top grade 优等 instead of 优秀."""
    text = (root / SCHEME).read_text(encoding="utf-8")
    orders = text[text.index("- id: orders") : text.index("- id: procedure")]
    other = text[text.index("- id: other") : text.index("# Grades")]
    text = text.replace(orders, "").replace(other, "")
    text = text.replace("  max: 15\n  covers: 规范性文件", "  max: 25\n  covers: 规范性文件").replace(
        "  max: 10\n  covers: 行政执法过错责任追究", "  max: 20\n  covers: 行政执法过错责任追究"
    )
    text = text.replace(
        "cites: [art_29__para_1__point_4]", "cites: [art_29__para_1__point_4, art_29__para_1__point_5]"
    )
    text = text.replace(
        "cites: [art_29__para_1__point_7]", "cites: [art_29__para_1__point_7, art_29__para_1__point_8]"
    )
    text = text.replace("{name: 优秀,", "{name: 优等,").replace("{grade: [优秀]}", "{grade: [优等]}")
    (root / SCHEME).write_text(text, encoding="utf-8")
    for path in sorted((root / "checklists").glob("*.yaml")):
        body = path.read_text(encoding="utf-8")
        body = body.replace("area: orders", "area: review_filing").replace(
            "area: other", "area: accountability"
        )
        path.write_text(body, encoding="utf-8")


@pytest.fixture(scope="module")
def six_area_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("six") / "project")
    six_areas_and_a_renamed_grade(root)
    build_site(root, root / "site")
    return root


@pytest.mark.slow
def test_cli_scores_with_six_areas_and_the_new_grade_name(six_area_site: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(six_area_site), "score", "-"],
        input=json.dumps(
            {
                "areas": {
                    "review_filing": 25,
                    "accountability": 20,
                    "procedure": 20,
                    "organization": 10,
                    "system": 15,
                    "team": 10,
                }
            }
        ),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert (out["total"], out["grade"]) == (100, "优等")
    assert [a["id"] for a in out["areas"]] == [
        "organization",
        "system",
        "team",
        "review_filing",
        "procedure",
        "accountability",
    ]
    assert "commendation" in [c["id"] for c in out["consequences"]]


@pytest.mark.slow
def test_scheme_and_calculator_pages_follow_the_scheme(six_area_site: Path) -> None:
    site = six_area_site / "site"
    scheme_page = (site / "scoring/scheme.html").read_text(encoding="utf-8")
    calculator = (site / "scoring/calculator.html").read_text(encoding="utf-8")
    assert "优等" in scheme_page and "优等" in calculator
    main = calculator[calculator.index('data-kb-component="calculator"') :]
    assert "本方案6个评分领域" in main
    assert (
        len(
            re.findall(
                r'name="(organization|system|team|review_filing|orders|procedure|accountability|other)"', main
            )
        )
        == 6
    )
    data = json.loads((site / "data/scoring.json").read_text(encoding="utf-8"))
    assert [g["name"] for g in data["grades"]] == ["优等", "良好", "及格", "不及格"]
    assert sum(a["max"] for a in data["areas"]) == 100 and len(data["areas"]) == 6


@pytest.mark.slow
@pytest.mark.browser
def test_calculator_in_the_browser_follows_the_scheme(six_area_site: Path, offline) -> None:
    page = offline.page
    page.goto((six_area_site / "site/scoring/calculator.html").as_uri())
    page.wait_for_function("window.kbScoring !== undefined")
    result = page.evaluate("() => window.kbScoring.evaluate({total: 96})")
    assert result["grade"] == "优等"
    with pytest.raises(Exception, match="areas.orders"):
        page.evaluate("() => window.kbScoring.evaluate({areas: {orders: 1}})")
    options = page.locator('[data-kb-component="calculator"] select option').all_inner_texts()
    assert "优等" in options and "优秀" not in options


def test_an_area_no_checklist_item_may_name_is_refused(project_copy: Path) -> None:
    six_areas_and_a_renamed_grade(project_copy)
    rewrite(project_copy, "checklists/agency.yaml", "area: accountability", "area: other")
    from generator.errors import ContentError

    with pytest.raises(ContentError) as exc:
        load_project(project_copy)
    messages = [p.message for p in exc.value.problems]
    assert messages[0] == (
        "unknown area other (expected one of: organization, system, team, review_filing, procedure, accountability)"
    )


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
