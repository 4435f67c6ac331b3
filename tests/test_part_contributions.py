"""What crosses a part's boundary is handed over, not imported (issue 24): the 历史版本 search
links an earlier version's articles where a part shows them (Part.locations), page templates link
the pages parts declare (Part.links), the scheme links the list of what feeds its areas
(FeedsAreas.feeds_index). Each is checked with the part and without it."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import MappingProxyType

import pytest

from generator.build import contributed
from generator.links import md_uri
from generator.parts import PARTS, scoring
from generator.project import Project
from generator.render import page_context
from generator.search import version_records

ROOT = Path(__file__).resolve().parent.parent
# Built from the shipped content: it has an earlier version, checklists and the scheme.
pytestmark = pytest.mark.shipped


def without(project: Project, name: str) -> Project:
    """The project as if the part `name` were not registered."""
    parts = MappingProxyType({k: v for k, v in project.parts.items() if k != name})
    return contributed(dataclasses.replace(project, parts=parts), [p for p in PARTS if p.name != name])


def test_the_earlier_versions_are_searched_at_their_rows_of_the_comparison(
    shipped_project, shipped_pages
) -> None:
    records = version_records(shipped_project)
    assert len(records) == sum(len(old.articles) for old in shipped_project.versions) > 0
    for record in records:
        page, _, anchor = record["url"].partition("#")
        assert f'id="{anchor}"' in shipped_pages[md_uri(page)], record["url"]
        assert anchor == "old-" + record["id"].partition(":")[2]


def test_without_a_part_that_shows_them_the_earlier_versions_are_not_searched(shipped_project) -> None:
    project = without(shipped_project, "versions")
    assert project.versions == shipped_project.versions
    assert (dict(project.locations), version_records(project)) == ({}, [])


def test_every_page_links_the_pages_parts_declare(shipped_project) -> None:
    assert page_context(shipped_project, "quiz/index.md")["href_about"] == "../about.html"
    assert page_context(shipped_project, "index.md")["href_about"] == "about.html"
    scheme = scoring.pages(shipped_project)["scoring/scheme.md"]
    assert '（见<a href="../about.html">关于本站</a>）' in scheme
    # The footer link is the about part's override of the theme's footer, not the site's.
    about = next(p for p in PARTS if p.name == "about")
    assert about.theme is not None and (about.theme / "partials" / "copyright.html").is_file()
    assert not (ROOT / "site_overrides" / "partials" / "copyright.html").exists()


def test_without_the_part_no_page_links_it(shipped_project) -> None:
    project = without(shipped_project, "about")
    assert "href_about" not in page_context(project, "quiz/index.md")
    scheme = scoring.pages(project)["scoring/scheme.md"]
    assert "请联系本站管理员。" in scheme and "about.html" not in scheme


def test_the_comparison_links_the_checklists_only_when_a_part_lists_them(shipped_project) -> None:
    compare = scoring.pages(shipped_project)["scoring/compare.md"]
    assert '也可导入<a href="../checklists/index.html">自查清单</a>导出的' in compare
    compare = scoring.pages(without(shipped_project, "checklists"))["scoring/compare.md"]
    assert "也可导入自查清单导出的" in compare and "checklists/" not in compare
