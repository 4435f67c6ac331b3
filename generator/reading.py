"""Reading by topic (issue 3): cross-references, topics, roles, glossary and search vocabulary.

Load phase: read content/topics.yaml, content/roles.yaml and content/glossary.yaml, check them
against their schemas and against the provision index, detect the cross-references written in the
law text, and mark where glossary terms occur. Render phase: topic, role and glossary pages, and
site/data/topics.json. Everything is computed here; templates only lay it out.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from generator.errors import Problem, field_name
from generator.load import Document, read_yaml
from generator.model import Article
from generator.numerals import parse_chinese
from generator.project import Project
from generator.validate import check_schema, located

TOPICS = "content/topics.yaml"
ROLES = "content/roles.yaml"
GLOSSARY = "content/glossary.yaml"
# jieba frequency of the search words: high enough that the segmenter keeps them whole.
WORD_FREQ = 20000

# Role ids fixed in the shared brief; other parts (checklists) name them in `role:`.
ROLE_IDS = (
    "government",
    "justice_dept",
    "agency",
    "principal",
    "deputy",
    "legal_office",
    "enforcement_unit",
    "officer",
    "entrusted_org",
    "supervision_hr",
    "oversight",
    "media",
    "evaluator_staff",
    "counterpart",
)

# Sections of a role page, in page order.
LINE_KINDS = ("duties", "rights", "prohibitions", "consequences")

_NUM = "[零〇一二两三四五六七八九十百千]+"
# 第二十四条, optionally continued by 、二十五条、二十六条 (the drafter dropped the repeated 第).
_REF_HEAD = re.compile(rf"(?:本规定)?第({_NUM})条")
_REF_MORE = re.compile(rf"、(?:第)?({_NUM})条")


@dataclass(frozen=True)
class Topic:
    """A reading topic.

    id: stable id (snake_case), also the page name topics/<id>.html.
    title: short Chinese title, e.g. 投诉举报.
    description: one or two editorial sentences on what the topic covers.
    provisions: provision ids (条, 款 or 项) in document order.
    keywords: extra search words (kept whole by the search segmenter).
    """

    id: str
    title: str
    description: str
    provisions: tuple[str, ...]
    keywords: tuple[str, ...] = ()
    # Search keywords given to single provisions of the topic (provision id -> words).
    provision_keywords: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class Duty:
    """One line of a role page: an editorial summary and the provisions it rests on."""

    text: str
    cites: tuple[str, ...]


@dataclass(frozen=True)
class Role:
    """An actor the regulation names.

    id: one of ROLE_IDS; name: as the regulation names it; description: editorial.
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
    """

    id: str
    term: str
    kind: str
    explanation: str
    forms: tuple[str, ...]
    quote: str = ""
    source: str = ""
    cites: tuple[str, ...] = ()

    @property
    def tooltip(self) -> str:
        """Short text shown on hover/focus in the law text."""
        if self.kind == "defined":
            return f"规定原文：{self.quote}"
        return f"编者解释：{self.explanation}"


@dataclass(frozen=True)
class Reference:
    """A cross-reference written in the law text.

    source: id of the 款 or 项 whose text contains it; start/end: offsets in that text;
    target: the article id it names.
    """

    source: str
    start: int
    end: int
    target: str


@dataclass(frozen=True)
class Segment:
    """A piece of one line of law text: plain, a cross-reference (`ref`) or a glossary term (`term`)."""

    text: str
    ref: str = ""
    term: str = ""


@dataclass(frozen=True)
class Reading:
    """Topics, roles, glossary and cross-references of the regulation."""

    topics: tuple[Topic, ...]
    roles: tuple[Role, ...]
    glossary: tuple[Term, ...]
    references: tuple[Reference, ...]
    # Law text of each 款/项 id cut into segments (links and terms); see `segment_article`.
    segments: dict[str, tuple[Segment, ...]] = field(default_factory=dict, repr=False)

    def role(self, role_id: str) -> Role | None:
        return next((r for r in self.roles if r.id == role_id), None)

    def topic(self, topic_id: str) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)

    def term(self, term_id: str) -> Term | None:
        return next((t for t in self.glossary if t.id == term_id), None)

    def cited_by(self, article_id: str) -> tuple[str, ...]:
        """Ids of the 款/项 whose text refers to the article, in document order, without repeats."""
        return tuple(dict.fromkeys(r.source for r in self.references if r.target == article_id))

    def keywords_of(self, article: Article) -> tuple[str, ...]:
        """Search keywords of an article: those topics give to it or to its 款/项, in topic order."""
        words: dict[str, None] = {}
        for topic in self.topics:
            for pid, kws in topic.provision_keywords:
                if _in_article(pid, article):
                    words.update(dict.fromkeys(kws))
        return tuple(words)

    def topics_of(self, article: Article) -> tuple[Topic, ...]:
        return tuple(t for t in self.topics if any(_in_article(p, article) for p in t.provisions))

    def roles_of(self, article: Article) -> tuple[Role, ...]:
        return tuple(r for r in self.roles if any(_in_article(p, article) for p in r.cites))

    def terms_in(self, article: Article) -> tuple[Term, ...]:
        """Glossary terms marked in the article's text, in order of first occurrence."""
        ids: dict[str, None] = {}
        for para in article.paragraphs:
            for pid in (para.id, *(p.id for p in para.points)):
                ids.update(dict.fromkeys(s.term for s in self.segments.get(pid, ()) if s.term))
        return tuple(t for t in (self.term(i) for i in ids) if t is not None)


def _in_article(provision_id: str, article: Article) -> bool:
    return provision_id == article.id or provision_id.startswith(article.id + "__")


# --- Detection in the law text ---------------------------------------------------------------


def find_references(text: str) -> list[tuple[int, int, int]]:
    """Every article reference in a line of law text as (start, end, article number).

    Reads 第二十四条 and 本规定第二十四条, and lists that drop the repeated 第
    (本规定第二十四条、二十五条、二十六条): each number becomes its own reference, so each can link
    to its article. Offsets cover 第…条 (or …条 in a list), not the leading 本规定.
    """
    found = []
    pos = 0
    while m := _REF_HEAD.search(text, pos):
        try:
            found.append((m.start(1) - 1, m.end(), parse_chinese(m.group(1))))
        except ValueError:
            pos = m.end()
            continue
        pos = m.end()
        while more := _REF_MORE.match(text, pos):
            try:
                number = parse_chinese(more.group(1))
            except ValueError:
                break
            found.append((more.start() + 1, more.end(), number))
            pos = more.end()
    return found


def _lines(article: Article) -> list[tuple[str, str]]:
    out = []
    for para in article.paragraphs:
        out.append((para.id, para.text))
        out.extend((p.id, p.text) for p in para.points)
    return out


def segment_article(
    article: Article, references: list[Reference], terms: tuple[Term, ...]
) -> dict[str, tuple[Segment, ...]]:
    """Cut each line of an article into segments whose texts join back to the verbatim line.

    Cross-references become `ref` segments; the first occurrence of each glossary term in the
    article (any of its forms, longest form first, never inside a reference) becomes a `term`
    segment.
    """
    forms = sorted(((f, t.id) for t in terms for f in t.forms), key=lambda x: (-len(x[0]), x[0]))
    seen: set[str] = set()
    out: dict[str, tuple[Segment, ...]] = {}
    for pid, text in _lines(article):
        spans: list[tuple[int, int, str, str]] = [
            (r.start, r.end, r.target, "") for r in references if r.source == pid
        ]
        taken = [False] * len(text)
        for start, end, _, _ in spans:
            taken[start:end] = [True] * (end - start)
        for form, term_id in forms:
            if term_id in seen:
                continue
            at = text.find(form)
            while at >= 0 and any(taken[at : at + len(form)]):
                at = text.find(form, at + 1)
            if at < 0:
                continue
            seen.add(term_id)
            spans.append((at, at + len(form), "", term_id))
            taken[at : at + len(form)] = [True] * len(form)
        spans.sort()
        segments: list[Segment] = []
        pos = 0
        for start, end, ref, term in spans:
            if start > pos:
                segments.append(Segment(text[pos:start]))
            segments.append(Segment(text[start:end], ref=ref, term=term))
            pos = end
        if pos < len(text):
            segments.append(Segment(text[pos:]))
        out[pid] = tuple(segments)
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
        for i, ref in enumerate(refs):
            if ref not in self.index:
                self.problems.append(self.doc.problem((*path, i), f"unknown provision {ref}"))
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
        seen: set[str] = set()
        for i, item in enumerate(items):
            if item["id"] in seen:
                self.problems.append(self.doc.problem((key, i, "id"), f"duplicate id {item['id']}"))
            seen.add(item["id"])


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
            )
        )
    return tuple(topics)


def _roles(project: Project, doc: Document, problems: list[Problem]) -> tuple[Role, ...]:
    check = _Checker(project, doc, problems)
    items = doc.data["roles"]
    check.unique_ids("roles", items)
    ids = [r["id"] for r in items]
    missing = [r for r in ROLE_IDS if r not in ids]
    if missing:
        problems.append(doc.problem(("roles",), "missing roles: " + ", ".join(missing)))
    roles = []
    for i, r in enumerate(items):
        lines = {}
        for kind in LINE_KINDS:
            lines[kind] = tuple(
                Duty(d["text"], check.provisions(("roles", i, kind, j, "cites"), d["cites"]))
                for j, d in enumerate(r.get(kind, []))
            )
        roles.append(Role(r["id"], r["name"], r["description"], **lines))
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
                problems.append(doc.problem(("terms", i, "source"), f"unknown provision {source}"))
            elif quote not in project.index[source].text:
                cite = project.index[source].citation
                problems.append(doc.problem(("terms", i, "quote"), f"not found in the text of {cite}"))
        forms = tuple(dict.fromkeys([t["term"], *t.get("forms", [])]))
        cites = check.provisions(("terms", i, "cites"), t.get("cites", []))
        terms.append(Term(t["id"], t["term"], t["kind"], t["explanation"], forms, quote, source, cites))
    return tuple(terms)


def _references(project: Project, problems: list[Problem]) -> list[Reference]:
    refs = []
    articles = {a.number: a for a in project.regulation.articles}
    for article in project.regulation.articles:
        for m, para in enumerate(article.paragraphs):
            lines = [((m,), para.id, para.text)]
            lines += [((m, k), p.id, p.text) for k, p in enumerate(para.points)]
            for pos, pid, text in lines:
                for start, end, number in find_references(text):
                    if number not in articles:
                        where = (
                            ("paragraphs", pos[0], "points", pos[1])
                            if len(pos) > 1
                            else ("paragraphs", pos[0], "text")
                        )
                        message = f"the text cites {text[start:end]}, which does not exist"
                        doc = read_yaml(project.root / article.source, project.root)
                        line = doc.line(where) if isinstance(doc, Document) else 0
                        problems.append(Problem(article.source, line, field_name(where), message))
                        continue
                    refs.append(Reference(pid, start, end, articles[number].id))
    return refs


def load(project: Project) -> tuple[Reading | None, list[Problem]]:
    """Read and check topics, roles and glossary; detect cross-references; return (value, problems)."""
    problems: list[Problem] = []
    docs = {
        kind: _document(project, rel, kind, problems)
        for kind, rel in (("topics", TOPICS), ("roles", ROLES), ("glossary", GLOSSARY))
    }
    references = _references(project, problems)
    if any(d is None for d in docs.values()):
        return None, problems
    topics = _topics(project, docs["topics"], problems)
    roles = _roles(project, docs["roles"], problems)
    glossary = _glossary(project, docs["glossary"], problems)
    if problems:
        return None, problems
    segments: dict[str, tuple[Segment, ...]] = {}
    for article in project.regulation.articles:
        segments |= segment_article(article, references, glossary)
    return Reading(topics, roles, glossary, tuple(references), segments), []


# --- Search vocabulary -------------------------------------------------------------------------


def search_words(topics: tuple[Topic, ...], glossary: tuple[Term, ...]) -> list[str]:
    """Words the search segmenter must keep whole: terms, their forms, topic titles and keywords."""
    words: set[str] = set()
    for term in glossary:
        words.update(term.forms)
    for topic in topics:
        words.update(topic.keywords)
        for _, kws in topic.provision_keywords:
            words.update(kws)
        words.update(w for w in re.split(r"[与和、及]", topic.title) if len(w) >= 2)
    return sorted(w for w in words if re.fullmatch(r"[\u4e00-\u9fff]{2,}", w))


def register_search_words(words: list[str]) -> None:
    """Teach jieba, which the search plugin uses to segment pages for the index, the glossary and
    topic words, so that 诫勉谈话 or 行政执法证 are indexed whole and queries can match them.

    jieba keeps one global tokenizer. The plugin's `jieba_dict_user` option would add the words
    on every build and grow the tokenizer's total frequency each time, so a second build in the
    same process (tests, `mkdocs serve`) would segment differently. Adding only what is missing
    keeps every build identical.
    """
    import jieba

    jieba.dt.check_initialized()
    for word in words:
        if jieba.dt.FREQ.get(word) != WORD_FREQ:
            jieba.add_word(word, WORD_FREQ)


# --- Rendering ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LawSegment:
    """A segment of law text as the law macro renders it (links resolved for one page)."""

    text: str
    href: str = ""
    title: str = ""
    term: str = ""
    tip: str = ""
    tip_id: str = ""


@dataclass(frozen=True)
class TermTip:
    """The hidden description a marked term points to with aria-describedby."""

    term: str
    tip: str
    tip_id: str


def _tip_id(article_id: str, term_id: str) -> str:
    return f"kb-def-{article_id}-{term_id}"


def law_segments(project: Project, uri: str, pid: str, text: str) -> list[LawSegment]:
    """Segments of one 款/项 for the page at `uri`; plain text when nothing is marked."""
    from generator.links import article_url
    from generator.render import relative

    reading = project.reading
    segments = reading.segments.get(pid) if reading else None
    # Segments were cut from the loaded text; any other text (a variant, a test) stays plain.
    if not segments or "".join(s.text for s in segments) != text:
        return [LawSegment(text)]
    article_id = pid.split("__")[0]
    out = []
    for seg in segments:
        if seg.ref:
            target = project.index[seg.ref].article
            out.append(
                LawSegment(
                    seg.text,
                    href=relative(uri, article_url(target)),
                    title=f"{target.label} {target.caption}",
                )
            )
        elif seg.term:
            term = reading.term(seg.term)
            assert term is not None
            # Another spelling (诫免谈话) names the headword, so the explanation is found under it.
            tip = term.tooltip if seg.text == term.term else f"即“{term.term}”。{term.tooltip}"
            out.append(LawSegment(seg.text, term=term.id, tip=tip, tip_id=_tip_id(article_id, term.id)))
        else:
            out.append(LawSegment(seg.text))
    return out


def law_terms(project: Project, article: Article) -> list[TermTip]:
    """Descriptions of the terms marked in an article, for aria-describedby."""
    reading = project.reading
    if reading is None:
        return []
    return [TermTip(t.term, t.tooltip, _tip_id(article.id, t.id)) for t in reading.terms_in(article)]


@dataclass(frozen=True)
class _PageLink:
    href: str
    label: str
    detail: str = ""


def article_context(project: Project, uri: str, article: Article) -> dict:
    """What an article page shows from this part: citing provisions, topics, roles, terms."""
    from generator.links import provision_url
    from generator.render import relative

    reading = project.reading
    if reading is None:
        return {"cited_by": [], "topics": [], "roles": [], "terms": [], "href_glossary": "", "keywords": []}
    cited_by = [
        _PageLink(
            relative(uri, provision_url(project.index[pid])),
            project.index[pid].citation,
            project.index[pid].article.caption,
        )
        for pid in reading.cited_by(article.id)
    ]
    return {
        "cited_by": cited_by,
        "topics": [_PageLink(relative(uri, topic_url(t)), t.title) for t in reading.topics_of(article)],
        "roles": [_PageLink(relative(uri, role_url(r)), r.name) for r in reading.roles_of(article)],
        "terms": [_PageLink(relative(uri, term_url(t)), t.term) for t in reading.terms_in(article)],
        "href_glossary": relative(uri, "glossary.html"),
        "keywords": list(reading.keywords_of(article)),
    }


def topic_url(topic: Topic) -> str:
    return f"topics/{topic.id}.html"


def role_url(role: Role) -> str:
    return f"roles/{role.id}.html"


def term_url(term: Term) -> str:
    return f"glossary.html#term-{term.id}"


@dataclass(frozen=True)
class _Cite:
    """A provision as a listing page shows it: citation, link, and its text lines."""

    id: str
    citation: str
    href: str
    lines: tuple[str, ...]
    caption: str


def _cite(project: Project, uri: str, pid: str) -> _Cite:
    from generator.links import provision_url
    from generator.render import relative

    p = project.index[pid]
    return _Cite(
        pid, p.citation, relative(uri, provision_url(p)), tuple(p.text.split("\n")), p.article.caption
    )


def _render(project: Project, template: str, uri: str, **ctx: object) -> str:
    from generator.render import render_page

    return render_page(project, template, uri, **ctx)


def pages(project: Project) -> dict[str, str]:
    """Topic, role and glossary pages, and data/topics.json, by source URI."""
    from generator.render import md_uri, relative

    reading = project.reading
    if reading is None:
        return {}
    # Pages are indexed for search after this runs (MkDocs on_config), so the words are known then.
    register_search_words(search_words(reading.topics, reading.glossary))
    out: dict[str, str] = {}
    uri = "topics/index.md"
    out[uri] = _render(
        project,
        "topics_index.md.j2",
        uri,
        topics=[
            (t, relative(uri, topic_url(t)), [_cite(project, uri, p) for p in t.provisions])
            for t in reading.topics
        ],
    )
    for topic in reading.topics:
        uri = md_uri(topic_url(topic))
        out[uri] = _render(
            project,
            "topic.md.j2",
            uri,
            topic=topic,
            provisions=[_cite(project, uri, p) for p in topic.provisions],
            href_index=relative(uri, "topics/index.html"),
        )
    uri = "roles/index.md"
    out[uri] = _render(
        project,
        "roles_index.md.j2",
        uri,
        roles=[(r, relative(uri, role_url(r))) for r in reading.roles],
    )
    for role in reading.roles:
        uri = md_uri(role_url(role))
        sections = [
            ("duties", "职责", role.duties, "本规定未对其另设职责。"),
            ("rights", "权利与保障", role.rights, ""),
            ("prohibitions", "不得为的行为", role.prohibitions, "本规定未对其作禁止性规定。"),
            ("consequences", "未履行的后果与奖惩", role.consequences, "本规定未对其规定后果。"),
        ]
        out[uri] = _render(
            project,
            "role.md.j2",
            uri,
            role=role,
            sections=[
                (key, title, [(d, [_cite(project, uri, c) for c in d.cites]) for d in lines], empty)
                for key, title, lines, empty in sections
            ],
            href_index=relative(uri, "roles/index.html"),
        )
    uri = "glossary.md"
    out[uri] = _render(
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
    out["data/topics.json"] = topics_json(project)
    return out


def topics_json(project: Project) -> str:
    """site/data/topics.json: topics, roles and glossary with provision ids, stable key order."""
    reading = project.reading
    assert reading is not None
    data = {
        "topics": [
            {
                "id": t.id,
                "title": t.title,
                "description": t.description,
                "url": topic_url(t),
                "provisions": list(t.provisions),
            }
            for t in reading.topics
        ],
        "roles": [
            {
                "id": r.id,
                "name": r.name,
                "description": r.description,
                "url": role_url(r),
                **{
                    kind: [{"text": d.text, "cites": list(d.cites)} for d in getattr(r, kind)]
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
                "quote": t.quote,
                "source": t.source,
                "cites": list(t.cites),
                "url": term_url(t),
            }
            for t in reading.glossary
        ],
        "references": [
            {"source": r.source, "target": r.target, "start": r.start, "end": r.end}
            for r in reading.references
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def nav(project: Project) -> list:
    """主题, 角色 and 术语 sections after the chapters."""
    reading = project.reading
    if reading is None:
        return []
    return [
        # Nav labels without the 主题：/角色： prefix the page titles carry: the section says it.
        {"主题": ["topics/index.md", *({t.title: f"topics/{t.id}.md"} for t in reading.topics)]},
        {"角色": ["roles/index.md", *({r.name: f"roles/{r.id}.md"} for r in reading.roles)]},
        {"术语": "glossary.md"},
    ]
