"""Drills generated from the text (issue 28 item 2): 自动生成, kept apart from the reviewed bank.

Every regulation of the site (the site's own and each of content/laws/<slug>/, including ones
imported later) gets drills from its 款, 项 and 目 that state a number, time limit, amount,
proportion or count (generator/parts/drills/extract.py). Pages: drills/index.html lists the
regulations with their counts; drills/<slug>.html practises one regulation's drills. There is no
content to write and nothing to review: the drills follow from the verbatim text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from generator.assets import KB_JS, Asset
from generator.links import formal_citation, key_of, md_uri, provision_url, relative
from generator.model import Regulation
from generator.part import Part
from generator.parts.drills.extract import Drill, regulation_drills
from generator.parts.drills.urls import DRILLS_INDEX, drills_url
from generator.project import Project, SearchRecord
from generator.render import render_page, script_json

NAV_LABEL = "数字练习（自动生成）"


@dataclass(frozen=True)
class RegulationDrills:
    """One regulation and its generated drills, in document order."""

    regulation: Regulation
    drills: tuple[Drill, ...]

    @property
    def slug(self) -> str:
        return self.regulation.slug

    @property
    def name(self) -> str:
        """行政处罚法; the full title for a regulation without a short one."""
        return self.regulation.short_title or self.regulation.title

    @property
    def counts(self) -> Counter:
        return Counter(d.type for d in self.drills)


def load(project: Project) -> tuple[tuple[RegulationDrills, ...], list]:
    """The drills of every regulation of the site; nothing to read or check beyond the text."""
    return tuple(RegulationDrills(reg, regulation_drills(reg.articles)) for reg in project.regulations), []


def drills_of(project: Project) -> tuple[RegulationDrills, ...]:
    model = project.part("drills")
    return model if isinstance(model, tuple) else ()


@dataclass(frozen=True)
class DrillView:
    """A drill as the practice page shows it: the drill, its formal citation and its link."""

    drill: Drill
    citation: str
    href: str

    @property
    def context_lines(self) -> list[str]:
        return self.drill.context.split("\n")


def _views(project: Project, uri: str, item: RegulationDrills) -> list[DrillView]:
    out = []
    for d in item.drills:
        provision = project.keys[key_of(item.regulation, d.provision)]
        out.append(
            DrillView(d, formal_citation(item.regulation, provision), relative(uri, provision_url(provision)))
        )
    return out


def widget_data(item: RegulationDrills) -> dict:
    """What drills.js reads: the storage key's regulation and each drill's type, answer and options."""
    return {
        "regulation": item.slug,
        "drills": [
            {"id": d.id, "type": d.type, "answer": d.answer, "options": list(d.options)} for d in item.drills
        ],
    }


def pages(project: Project) -> dict[str, str]:
    """The overview with every regulation's counts, and one practice page per regulation."""
    items = drills_of(project)
    index_uri = md_uri(DRILLS_INDEX)
    rows = [(item, relative(index_uri, drills_url(item.slug))) for item in items]
    out = {index_uri: render_page(project, "drills.md.j2", DRILLS_INDEX, rows=rows)}
    for item in items:
        url = drills_url(item.slug)
        out[md_uri(url)] = render_page(
            project,
            "drills-practice.md.j2",
            url,
            item=item,
            views=_views(project, md_uri(url), item),
            href_drills=relative(md_uri(url), DRILLS_INDEX),
            data=script_json(widget_data(item)),
        )
    return out


def nav(project: Project) -> list:
    items = drills_of(project)
    if not items:
        return []
    return [{NAV_LABEL: [md_uri(DRILLS_INDEX), *({i.name: md_uri(drills_url(i.slug))} for i in items)]}]


def search_records(project: Project) -> tuple[SearchRecord, ...]:
    """One record per regulation's practice page, after the overview."""
    items = drills_of(project)
    out = [
        SearchRecord("drills:index", NAV_LABEL, "各法规的期限、数额、比例练习题数", DRILLS_INDEX, NAV_LABEL)
    ]
    for item in items:
        text = f"《{item.regulation.title}》中的期限、数额、比例和人数，{len(item.drills)}题，自动生成"
        out.append(
            SearchRecord(
                f"drills:{item.slug}", f"{item.name} 数字练习", text, drills_url(item.slug), NAV_LABEL
            )
        )
    return tuple(out)


DRILLS_STATE_JS = "assets/javascripts/drills-state.js"

PART = Part(
    folder=Path(__file__).parent,
    name="drills",
    load=load,
    pages=pages,
    nav=nav,
    search_records=search_records,
    assets=(
        Asset("assets/stylesheets/drills.css", pages=("drills",)),
        Asset(DRILLS_STATE_JS, needs=(KB_JS,)),
        Asset("assets/javascripts/drills.js", pages=("drills",), needs=(KB_JS, DRILLS_STATE_JS)),
    ),
)
