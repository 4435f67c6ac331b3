"""Reading by topic (issue 3): cross-references, topics, roles, glossary and search vocabulary.

Load phase: read content/topics.yaml, content/roles.yaml and content/glossary.yaml, check them
against their schemas and against the provision index, detect the cross-references written in the
law text, and mark where glossary terms occur. Render phase: topic, role and glossary pages, and
site/data/topics.json. Everything is computed here; templates only lay it out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from generator.assets import KB_JS, Asset
from generator.errors import Problem
from generator.links import KEY_SEPARATOR, md_uri, provision_url, relative
from generator.load import Document, read_yaml
from generator.model import Article
from generator.part import Part
from generator.parts.reading.urls import (
    GLOSSARY,
    ROLES_INDEX,
    TOPICS_INDEX,
    TOPICS_JSON,
    role_url,
    term_url,
    topic_url,
)
from generator.project import Mark, Project, SearchRecord
from generator.render import Facet, render_page
from generator.validate import (
    check_schema,
    duplicate_ids,
    located,
    quote_problems,
    quotes_of,
    restating_problems,
    unknown_provisions,
)
from generator.xref import Reference

TOPICS = "content/topics.yaml"
ROLES = "content/roles.yaml"
GLOSSARY_FILE = "content/glossary.yaml"
# Sections of a role page, in page order.
LINE_KINDS = ("duties", "rights", "prohibitions", "consequences")


@dataclass(frozen=True)
class Topic:
    """A reading topic.

    id: stable id (snake_case), also the page name topics/<id>.html.
    title: short Chinese title, e.g. 投诉举报.
    description: one or two editorial sentences on what the topic covers.
    provisions: provision ids (条, 款 or 项) in document order.
    keywords: editorial key words of the topic (loaded and checked; the site's search does not use
        them: it ranks provisions by their own text, with no per-provision boosts).
    quote: verbatim fragments of the provisions that the description stands on (build-checked).
    """

    id: str
    title: str
    description: str
    provisions: tuple[str, ...]
    keywords: tuple[str, ...] = ()
    # Key words noted for single provisions of the topic (provision id -> words); not used by search.
    provision_keywords: tuple[tuple[str, tuple[str, ...]], ...] = ()
    quote: tuple[str, ...] = ()


@dataclass(frozen=True)
class Duty:
    """One line of a role page: an editorial summary, the provisions it rests on, and `quote`:
    verbatim fragments of those provisions (each found in at least one of them; build-checked)."""

    text: str
    cites: tuple[str, ...]
    quote: tuple[str, ...] = ()


@dataclass(frozen=True)
class Role:
    """An actor the regulation names.

    id: stable id (snake_case) that checklists name in `role:`; name: as the regulation names it;
    description: editorial.
    duties: what it must do; prohibitions: what it must not do; consequences: what follows when
    it (or those it answers for) fails, each line citing the consequence provisions; rights: what
    it may claim or is protected by.
    """

    id: str
    name: str
    description: str
    duties: tuple[Duty, ...] = ()
    rights: tuple[Duty, ...] = ()
    prohibitions: tuple[Duty, ...] = ()
    consequences: tuple[Duty, ...] = ()
    # Verbatim words the description restates (build-checked); () for a navigation-only one.
    quote: tuple[str, ...] = ()

    @property
    def cites(self) -> tuple[str, ...]:
        """Every provision the role page cites, in page order, without repeats."""
        out: dict[str, None] = {}
        for line in (*self.duties, *self.rights, *self.prohibitions, *self.consequences):
            out.update(dict.fromkeys(line.cites))
        return tuple(out)


@dataclass(frozen=True)
class Term:
    """A glossary term.

    kind: "defined" (the regulation defines it; `quote` is verbatim from `source`) or "editorial"
    (an explanation written by the editors, never law).
    forms: spellings marked in the law text (the term itself first; e.g. 诫免谈话 for 诫勉谈话).
    cites: provisions where the term matters.
    quote: the definition, verbatim from `source` (defined terms only).
    grounds: an editorial term's `quote` in YAML: verbatim fragments of the cited provisions its
    explanation stands on.
    """

    id: str
    term: str
    kind: str
    explanation: str
    forms: tuple[str, ...]
    quote: str = ""
    source: str = ""
    cites: tuple[str, ...] = ()
    grounds: tuple[str, ...] = ()

    @property
    def tooltip(self) -> str:
        """Short text shown on hover/focus in the law text."""
        if self.kind == "defined":
            return f"规定原文：{self.quote}"
        return f"编者解释：{self.explanation}"


@dataclass(frozen=True)
class Reading:
    """Topics, roles and glossary of the regulation."""

    topics: tuple[Topic, ...]
    roles: tuple[Role, ...]
    glossary: tuple[Term, ...]
    # Where glossary terms are marked in the law text, by 款/项 id; see `mark_terms`.
    terms_at: dict[str, tuple[tuple[int, int, str], ...]] = field(default_factory=dict, repr=False)

    def role(self, role_id: str) -> Role | None:
        return next((r for r in self.roles if r.id == role_id), None)

    def topic(self, topic_id: str) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)

    def term(self, term_id: str) -> Term | None:
        return next((t for t in self.glossary if t.id == term_id), None)

    def topics_of(self, article: Article) -> tuple[Topic, ...]:
        return tuple(t for t in self.topics if any(_in_article(p, article) for p in t.provisions))

    def roles_of(self, article: Article) -> tuple[Role, ...]:
        return tuple(r for r in self.roles if any(_in_article(p, article) for p in r.cites))

    def terms_in(self, article: Article) -> tuple[Term, ...]:
        """Glossary terms marked in the article's text, in order of first occurrence."""
        ids: dict[str, None] = {}
        for para in article.paragraphs:
            for pid in (para.id, *(p.id for p in para.points)):
                ids.update(dict.fromkeys(term for _, _, term in self.terms_at.get(pid, ())))
        return tuple(t for t in (self.term(i) for i in ids) if t is not None)


def _in_article(provision_id: str, article: Article) -> bool:
    return provision_id == article.id or provision_id.startswith(article.id + "__")


# --- Marking terms in the law text ----------------------------------------------------------


def _lines(article: Article) -> list[tuple[str, str]]:
    out = []
    for para in article.paragraphs:
        out.append((para.id, para.text))
        out.extend((p.id, p.text) for p in para.points)
    return out


def mark_terms(
    article: Article, references: tuple[Reference, ...], terms: tuple[Term, ...]
) -> dict[str, tuple[tuple[int, int, str], ...]]:
    """Where to mark glossary terms in each line of an article, as (start, end, term id).

    The first occurrence of each term in the article is marked (any of its forms, longest form
    first), never inside a cross-reference.
    """
    forms = sorted(((f, t.id) for t in terms for f in t.forms), key=lambda x: (-len(x[0]), x[0]))
    seen: set[str] = set()
    out: dict[str, tuple[tuple[int, int, str], ...]] = {}
    for pid, text in _lines(article):
        taken = [False] * len(text)
        for r in references:
            if r.source == pid:
                taken[r.start : r.end] = [True] * (r.end - r.start)
        spans: list[tuple[int, int, str]] = []
        for form, term_id in forms:
            if term_id in seen:
                continue
            at = text.find(form)
            while at >= 0 and any(taken[at : at + len(form)]):
                at = text.find(form, at + 1)
            if at < 0:
                continue
            seen.add(term_id)
            spans.append((at, at + len(form), term_id))
            taken[at : at + len(form)] = [True] * len(form)
        if spans:
            out[pid] = tuple(sorted(spans))
    return out


# --- Loading and checking ----------------------------------------------------------------------


def _document(project: Project, rel: str, kind: str, problems: list[Problem]) -> Document | None:
    path = project.root / rel
    if not path.is_file():
        problems.append(Problem(rel, 0, "-", f"missing file (copy content/_{kind}_template.yaml)"))
        return None
    doc = located(read_yaml(path, project.root), problems)
    if doc is None:
        return None
    found = check_schema(doc, kind)
    problems += found
    return None if found else doc


class _Checker:
    """Checks provision references of one document, collecting located problems."""

    def __init__(self, project: Project, doc: Document, problems: list[Problem]) -> None:
        self.index = project.index
        self.doc = doc
        self.problems = problems

    def provisions(self, path: tuple, refs: list[str]) -> tuple[str, ...]:
        """Known ids among `refs`; unknown, repeated or nested ones are reported."""
        good: list[str] = []
        self.problems += unknown_provisions(
            self.doc, [((*path, i), r) for i, r in enumerate(refs)], self.index
        )
        for i, ref in enumerate(refs):
            if ref not in self.index:
                continue
            elif ref in good:
                self.problems.append(self.doc.problem((*path, i), f"{ref} is listed twice"))
            else:
                good.append(ref)
        for i, ref in enumerate(refs):
            outer = next((g for g in good if g != ref and ref.startswith(g + "__")), None)
            if ref in self.index and outer:
                self.problems.append(self.doc.problem((*path, i), f"{ref} is already covered by {outer}"))
        return tuple(good)

    def unique_ids(self, key: str, items: list[dict]) -> None:
        self.problems += duplicate_ids(
            self.doc, [((key, i, "id"), item["id"]) for i, item in enumerate(items)]
        )


def _ordered(project: Project, ids: tuple[str, ...]) -> tuple[str, ...]:
    order = {pid: i for i, pid in enumerate(project.index)}
    return tuple(sorted(ids, key=order.__getitem__))


def _topics(project: Project, doc: Document, problems: list[Problem]) -> tuple[Topic, ...]:
    check = _Checker(project, doc, problems)
    items = doc.data["topics"]
    check.unique_ids("topics", items)
    topics = []
    for i, t in enumerate(items):
        refs = [p if isinstance(p, str) else p["ref"] for p in t["provisions"]]
        provisions = check.provisions(("topics", i, "provisions"), refs)
        problems.extend(quote_problems(doc, ("topics", i, "quote"), t["quote"], provisions, project.index))
        keywords = tuple(
            (p["ref"], tuple(p["keywords"]))
            for p in t["provisions"]
            if isinstance(p, dict) and p["ref"] in provisions
        )
        topics.append(
            Topic(
                t["id"],
                t["title"],
                t["description"],
                _ordered(project, provisions),
                tuple(t.get("keywords", [])),
                keywords,
                quote=quotes_of(t["quote"]),
            )
        )
    return tuple(topics)


def _roles(project: Project, doc: Document, problems: list[Problem]) -> tuple[Role, ...]:
    check = _Checker(project, doc, problems)
    items = doc.data["roles"]
    check.unique_ids("roles", items)
    roles = []
    for i, r in enumerate(items):
        lines = {}
        for kind in LINE_KINDS:
            found = []
            for j, d in enumerate(r.get(kind, [])):
                cites = check.provisions(("roles", i, kind, j, "cites"), d["cites"])
                path = ("roles", i, kind, j, "quote")
                problems.extend(quote_problems(doc, path, d["quote"], cites, project.index))
                found.append(Duty(d["text"], cites, quotes_of(d["quote"])))
            lines[kind] = tuple(found)
        cites = check.provisions(("roles", i, "cites"), r.get("cites", []))
        problems.extend(restating_problems(doc, ("roles", i), r, "description", cites, project.index))
        roles.append(Role(r["id"], r["name"], r["description"], **lines, quote=quotes_of(r.get("quote"))))
    return tuple(roles)


def _glossary(project: Project, doc: Document, problems: list[Problem]) -> tuple[Term, ...]:
    check = _Checker(project, doc, problems)
    items = doc.data["terms"]
    check.unique_ids("terms", items)
    terms = []
    for i, t in enumerate(items):
        quote, source = t.get("quote", ""), t.get("source", "")
        if t["kind"] == "defined":
            if not quote or not source:
                problems.append(doc.problem(("terms", i), "a defined term needs quote and source"))
            elif source not in project.index:
                problems += unknown_provisions(doc, [(("terms", i, "source"), source)], project.index)
            elif not isinstance(quote, str) or quote not in project.index[source].text:
                cite = project.index[source].site_citation
                problems.append(doc.problem(("terms", i, "quote"), f"not found in the text of {cite}"))
        forms = tuple(dict.fromkeys([t["term"], *t.get("forms", [])]))
        cites = check.provisions(("terms", i, "cites"), t.get("cites", []))
        grounds: tuple[str, ...] = ()
        if t["kind"] == "editorial":
            # An explanation's quote stands on the cited provisions (a definition's on `source`).
            if not quote:
                message = "an editorial term needs a quote (verbatim words of its cites)"
                problems.append(doc.problem(("terms", i), message))
            problems.extend(quote_problems(doc, ("terms", i, "quote"), quote, cites, project.index))
            grounds, quote = quotes_of(quote), ""
        terms.append(
            Term(t["id"], t["term"], t["kind"], t["explanation"], forms, quote, source, cites, grounds)
        )
    return tuple(terms)


def load(project: Project) -> tuple[Reading | None, list[Problem]]:
    """Read and check topics, roles and glossary; mark terms in the text; return (value, problems)."""
    problems: list[Problem] = []
    docs = {
        kind: _document(project, rel, kind, problems)
        for kind, rel in (("topics", TOPICS), ("roles", ROLES), ("glossary", GLOSSARY_FILE))
    }
    topics_doc, roles_doc, glossary_doc = docs["topics"], docs["roles"], docs["glossary"]
    if topics_doc is None or roles_doc is None or glossary_doc is None:
        return None, problems
    topics = _topics(project, topics_doc, problems)
    roles = _roles(project, roles_doc, problems)
    glossary = _glossary(project, glossary_doc, problems)
    if problems:
        return None, problems
    terms_at: dict[str, tuple[tuple[int, int, str], ...]] = {}
    for article in project.regulation.articles:
        terms_at |= mark_terms(article, project.references, glossary)
    return Reading(topics, roles, glossary, terms_at), []


# --- Search vocabulary -------------------------------------------------------------------------


def reading_of(project: Project) -> Reading | None:
    """This part's model in a loaded project."""
    value = project.part("reading")
    assert value is None or isinstance(value, Reading)
    return value


def _tip_id(article_id: str, term_id: str) -> str:
    return f"kb-def-{article_id}-{term_id}"


def marks(project: Project) -> dict[str, tuple[Mark, ...]]:
    """Glossary terms marked in the law text, with their hover text and description."""
    reading = reading_of(project)
    assert reading is not None
    out: dict[str, tuple[Mark, ...]] = {}
    for pid, spans in reading.terms_at.items():
        text = project.index[pid].text.split("\n")[0]
        found = []
        for start, end, term_id in spans:
            term = reading.term(term_id)
            assert term is not None
            # Another spelling (诫免谈话) names the headword, so the explanation is found under it.
            form = text[start:end]
            label = term.tooltip if form == term.term else f"即“{term.term}”。{term.tooltip}"
            tip_id = _tip_id(pid.split("__")[0], term.id)
            found.append(Mark(start, end, term.id, label, tip_id, f"{term.term}：{term.tooltip}"))
        out[pid] = tuple(found)
    return out


def article_facets(project: Project, uri: str, article: Article) -> tuple[Facet, ...]:
    """所属主题, 涉及角色 and 本条术语 on an article page of the site's own regulation."""
    if article.base:
        return ()  # topics, roles and terms are the site's own regulation's
    reading = reading_of(project)
    assert reading is not None
    return (
        Facet(
            "topics",
            "所属主题",
            tuple((relative(uri, topic_url(t.id)), t.title) for t in reading.topics_of(article)),
            "（未归入主题）",
        ),
        Facet(
            "roles",
            "涉及角色",
            tuple((relative(uri, role_url(r.id)), r.name) for r in reading.roles_of(article)),
            "本条不针对特定角色。",
        ),
        Facet(
            "terms",
            "本条术语",
            tuple((relative(uri, term_url(t.id)), t.term) for t in reading.terms_in(article)),
        ),
    )


@dataclass(frozen=True)
class _Cite:
    """A provision as a listing page shows it: citation, link, and its text lines."""

    id: str
    citation: str
    href: str
    lines: tuple[str, ...]
    caption: str


def _cite(project: Project, uri: str, pid: str) -> _Cite:
    p = project.index[pid]
    return _Cite(
        pid, p.site_citation, relative(uri, provision_url(p)), tuple(p.text.split("\n")), p.article.caption
    )


def pages(project: Project) -> dict[str, str]:
    """Topic, role and glossary pages by source URI."""
    reading = reading_of(project)
    assert reading is not None
    out: dict[str, str] = {}
    uri = md_uri(TOPICS_INDEX)
    out[uri] = render_page(
        project,
        "topics_index.md.j2",
        uri,
        topics=[
            (t, relative(uri, topic_url(t.id)), [_cite(project, uri, p) for p in t.provisions])
            for t in reading.topics
        ],
    )
    for topic in reading.topics:
        uri = md_uri(topic_url(topic.id))
        out[uri] = render_page(
            project,
            "topic.md.j2",
            uri,
            topic=topic,
            provisions=[_cite(project, uri, p) for p in topic.provisions],
            href_index=relative(uri, TOPICS_INDEX),
        )
    uri = md_uri(ROLES_INDEX)
    out[uri] = render_page(
        project,
        "roles_index.md.j2",
        uri,
        roles=[(r, relative(uri, role_url(r.id))) for r in reading.roles],
    )
    for role in reading.roles:
        uri = md_uri(role_url(role.id))
        sections = [
            ("duties", "职责", role.duties, "本规定未对其另设职责。"),
            ("rights", "权利与保障", role.rights, ""),
            ("prohibitions", "不得为的行为", role.prohibitions, "本规定未对其作禁止性规定。"),
            ("consequences", "未履行的后果与奖惩", role.consequences, "本规定未对其规定后果。"),
        ]
        out[uri] = render_page(
            project,
            "role.md.j2",
            uri,
            role=role,
            sections=[
                (key, title, [(d, [_cite(project, uri, c) for c in d.cites]) for d in lines], empty)
                for key, title, lines, empty in sections
            ],
            href_index=relative(uri, ROLES_INDEX),
        )
    uri = md_uri(GLOSSARY)
    out[uri] = render_page(
        project,
        "glossary.md.j2",
        uri,
        terms=[
            (
                t,
                _cite(project, uri, t.source) if t.source else None,
                [_cite(project, uri, c) for c in t.cites],
            )
            for t in reading.glossary
        ],
    )
    return out


def exports(project: Project) -> dict[str, str]:
    """site/data/topics.json: topics, roles and glossary with provision ids, stable key order."""
    reading = reading_of(project)
    assert reading is not None
    data = {
        "topics": [
            {
                "id": t.id,
                "title": t.title,
                "description": t.description,
                "url": topic_url(t.id),
                "provisions": list(t.provisions),
                "quote": list(t.quote),
            }
            for t in reading.topics
        ],
        "roles": [
            {
                "id": r.id,
                "name": r.name,
                "description": r.description,
                "url": role_url(r.id),
                **{
                    kind: [
                        {"text": d.text, "cites": list(d.cites), "quote": list(d.quote)}
                        for d in getattr(r, kind)
                    ]
                    for kind in LINE_KINDS
                },
                "provisions": list(r.cites),
            }
            for r in reading.roles
        ],
        "glossary": [
            {
                "id": t.id,
                "term": t.term,
                "kind": t.kind,
                "explanation": t.explanation,
                "quote": [t.quote] if t.quote else list(t.grounds),
                "source": t.source,
                "cites": list(t.cites),
                "url": term_url(t.id),
            }
            for t in reading.glossary
        ],
        "references": [
            {"source": r.source, "target": r.target, "start": r.start, "end": r.end}
            for r in project.references
            if KEY_SEPARATOR not in r.source  # the site's own regulation's references only
        ],
    }
    return {TOPICS_JSON: json.dumps(data, ensure_ascii=False, indent=1) + "\n"}


def nav(project: Project) -> list:
    """主题, 角色 and 术语 sections after the chapters."""
    reading = reading_of(project)
    assert reading is not None
    return [
        # Nav labels without the 主题：/角色： prefix the page titles carry: the section says it.
        {"主题": [md_uri(TOPICS_INDEX), *({t.title: md_uri(topic_url(t.id))} for t in reading.topics)]},
        {"角色": [md_uri(ROLES_INDEX), *({r.name: md_uri(role_url(r.id))} for r in reading.roles)]},
        {"术语": md_uri(GLOSSARY)},
    ]


def search_records(project: Project) -> tuple[SearchRecord, ...]:
    """Topics, roles and glossary terms by title and description, grouped as the nav names them."""
    reading = reading_of(project)
    if reading is None:
        return ()
    return (
        *(
            SearchRecord(f"topic:{t.id}", t.title, t.description, topic_url(t.id), "主题")
            for t in reading.topics
        ),
        *(SearchRecord(f"role:{r.id}", r.name, r.description, role_url(r.id), "角色") for r in reading.roles),
        *(
            SearchRecord(f"term:{g.id}", g.term, g.explanation, term_url(g.id), "术语")
            for g in reading.glossary
        ),
    )


PART = Part(
    folder=Path(__file__).parent,
    name="reading",
    load=load,
    pages=pages,
    nav=nav,
    exports=exports,
    marks=marks,
    article_facets=article_facets,
    search_records=search_records,
    # Escape closes a term's explanation on article pages (the terms are marked there).
    assets=(Asset("assets/javascripts/glossary.js", pages=("article",), needs=(KB_JS,)),),
)
