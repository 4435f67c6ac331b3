"""Reading by topic (generator/reading.py): cross-references, topics, roles, glossary, validation."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.build import load_project
from generator.errors import ContentError
from generator.numerals import to_chinese
from generator.parts import reading
from generator.parts.reading import reading_of
from generator.render import law_segments


@pytest.fixture(scope="module")
def project(shipped_project):
    return shipped_project


# --- Detection -------------------------------------------------------------------------------


def _segments(project, pid):
    return law_segments(project, "index.md", pid, project.index[pid].text.split("\n")[0])


def test_segments_join_back_to_the_verbatim_text(project) -> None:
    for article in project.regulation.articles:
        for para in article.paragraphs:
            for pid, text in [(para.id, para.text), *((p.id, p.text) for p in para.points)]:
                assert "".join(s.text for s in law_segments(project, "index.md", pid, text)) == text, pid


def test_terms_marked_once_per_article_and_only_known_forms(project) -> None:
    for article in project.regulation.articles:
        marked = [
            s
            for pid in project.index
            if pid.startswith(article.id + "__")
            for s in _segments(project, pid)
            if s.term
        ]
        ids = [s.term for s in marked]
        assert len(ids) == len(set(ids)), article.id
        for seg in marked:
            assert seg.text in reading_of(project).term(seg.term).forms
    admonition = [s for s in _segments(project, "art_32__para_1__point_3") if s.term]
    assert [(s.text, s.term) for s in admonition] == [("诫免谈话", "admonition")]


# --- The loaded content ----------------------------------------------------------------------


def test_reading_value_shape(project) -> None:
    r = reading_of(project)
    assert 15 <= len(r.topics) <= 25
    assert [role.id for role in r.roles][:3] == ["government", "justice_dept", "agency"]
    assert r.role("officer").name == "行政执法人员"
    assert r.role("nobody") is None
    topic = r.topic("complaints")
    assert topic.title == "投诉举报"
    assert topic.provisions == ("art_21", "art_30__para_1__point_2", "art_37")


def test_every_article_has_a_topic(project) -> None:
    for article in project.regulation.articles:
        assert reading_of(project).topics_of(article), article.id


def test_topic_provisions_are_in_document_order(project) -> None:
    order = list(project.index)
    for topic in reading_of(project).topics:
        assert list(topic.provisions) == sorted(topic.provisions, key=order.index), topic.id


def test_defined_terms_are_quoted_from_the_text(project) -> None:
    defined = {t.term: t.source for t in reading_of(project).glossary if t.kind == "defined"}
    assert defined == {
        "行政相对人": "art_1__para_1",
        "行政执法责任制": "art_2__para_1",
        "行政执法机关": "art_3__para_1",
    }
    for term in reading_of(project).glossary:
        if term.kind == "defined":
            assert term.quote in project.index[term.source].text
            assert term.term in term.quote


def test_pages_and_nav(project) -> None:
    pages = reading.pages(project)
    assert "topics/index.md" in pages and "roles/index.md" in pages and "glossary.md" in pages
    assert all(f"topics/{t.id}.md" in pages for t in reading_of(project).topics)
    assert all(f"roles/{r.id}.md" in pages for r in reading_of(project).roles)
    nav = reading.nav(project)
    assert [next(iter(entry)) for entry in nav] == ["主题", "角色", "术语"]
    data = json.loads(reading.exports(project)["data/topics.json"])
    assert [r["id"] for r in data["roles"]] == [r.id for r in reading_of(project).roles]
    assert data["topics"][0]["provisions"] == list(reading_of(project).topics[0].provisions)
    assert pages == reading.pages(project)  # reproducible


# --- Bad input: every problem located, build fails --------------------------------------------

TOPICS_BAD = """\
topics:
- id: one
  title: 一
  description: 说明
  quote: 委托书
  provisions:
  - art_99
  - art_16
  - art_16__para_2
  - art_16
- id: one
  title: 二
  description: 说明
  quote: 制订本规定
  provisions: [art_1]
"""

ROLES_BAD = """\
roles:
- id: officer
  name: 行政执法人员
  description: 说明
  navigation: true
  duties:
  - text: 持证上岗
    cites: [art_25__para_9]
    quote: 方可上岗执法
  - text: 着装整洁
    cites: [art_26__para_1__point_2]
    quote: 衣着整齐
"""

GLOSSARY_BAD = """\
terms:
- id: counterpart
  term: 行政相对人
  kind: defined
  quote: 公民和法人(以下称行政相对人)
  source: art_1__para_1
  explanation: 说明
- id: hearing
  term: 听证
  kind: editorial
  explanation: 说明
  cites: [art_12__para_1__point_1]
  quote: 听证
- id: thing
  term: 某事
  kind: defined
  explanation: 说明
- id: recovery
  term: 追偿
  kind: editorial
  explanation: 说明
  cites: [art_40]
  quote: [赔偿后依法, 故意或者重大过失]
- id: filing
  term: 备案
  kind: editorial
  explanation: 说明
  cites: [art_9]
"""


def _write(root: Path, name: str, text: str) -> None:
    (root / "content" / name).write_text(text, encoding="utf-8")


def _problems(root: Path) -> list[str]:
    with pytest.raises(ContentError) as exc:
        load_project(root)
    return [str(p) for p in exc.value.problems]


def test_bad_topics_are_located(project_copy: Path) -> None:
    _write(project_copy, "topics.yaml", TOPICS_BAD)
    assert _problems(project_copy) == [
        "content/topics.yaml:7: topics[0].provisions[0]: unknown provision art_99",
        "content/topics.yaml:9: topics[0].provisions[2]: art_16__para_2 is already covered by art_16",
        "content/topics.yaml:10: topics[0].provisions[3]: art_16 is listed twice",
        "content/topics.yaml:11: topics[1].id: duplicate id one (also topics[0].id)",
        "content/topics.yaml:14: topics[1].quote: not found in the text of 第一条",
    ]


def test_bad_roles_are_located(project_copy: Path) -> None:
    _write(project_copy, "roles.yaml", ROLES_BAD)
    assert _problems(project_copy) == [
        "content/roles.yaml:8: roles[0].duties[0].cites[0]: unknown provision art_25__para_9",
        "content/roles.yaml:12: roles[0].duties[1].quote: not found in the text of 第二十六条第（二）项",
    ]


def test_bad_glossary_is_located(project_copy: Path) -> None:
    _write(project_copy, "glossary.yaml", GLOSSARY_BAD)
    assert _problems(project_copy) == [
        "content/glossary.yaml:5: terms[0].quote: not found in the text of 第一条",
        "content/glossary.yaml:12: terms[1].cites[0]: unknown provision art_12__para_1__point_1",
        "content/glossary.yaml:14: terms[2]: a defined term needs quote and source",
        "content/glossary.yaml:23: terms[3].quote[1]: not found in the text of 第四十条",
        "content/glossary.yaml:24: terms[4]: an editorial term needs a quote (verbatim words of its cites)",
    ]


def test_schema_errors_and_missing_file(project_copy: Path) -> None:
    (project_copy / "content/topics.yaml").write_text(
        "topics:\n- id: Bad Id\n  title: 一\n  provisions: []\n", encoding="utf-8"
    )
    (project_copy / "content/glossary.yaml").unlink()
    assert _problems(project_copy) == [
        "content/glossary.yaml:0: -: missing file (copy content/_glossary_template.yaml)",
        "content/topics.yaml:2: topics[0].description: missing required field",
        "content/topics.yaml:2: topics[0].id: 'Bad Id' is not valid: expected lower-case snake_case id; the page is topics/<id>.html.",
        "content/topics.yaml:2: topics[0].quote: missing required field",
        "content/topics.yaml:4: topics[0].provisions: needs at least 1 entries",
    ]


def test_reference_to_a_missing_article_fails_the_build(project_copy: Path) -> None:
    art = project_copy / "content/articles/art-36.yaml"
    art.write_text(
        art.read_text(encoding="utf-8").replace("、二十六条规定", "、九十九条规定"), encoding="utf-8"
    )
    # Other parts may object to the changed text too (quiz quotes, and the related-link reasons
    # and captions that quote 第三十六条's list); this part's message is exact.
    found = [p for p in _problems(project_copy) if p.startswith("content/articles/")]
    assert [p for p in found if "quote" not in p.split(": ")[1]] == [
        "content/articles/art-36.yaml:6: paragraphs[0].text: the text cites 九十九条, which does not exist"
    ]


# --- The built site ----------------------------------------------------------------------------


class _LawText(HTMLParser):
    """Text of every 款/项 inside .kb-law blocks, leaving out the article number (and the
    ideographic space after it) and the ¶ anchors; also every cross-reference link found there."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self.law_depth: int | None = None
        self.current: str | None = None
        self.texts: dict[str, str] = {}
        self.links: list[tuple[str, str, str]] = []
        self._link: list | None = None
        self._strip_space = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        inherited = bool(self.stack) and self.stack[-1][1]
        self.stack.append((tag, inherited or "kb-artnum" in classes or "kb-anchor" in classes))
        if tag == "div" and "kb-law" in classes:
            self.law_depth = len(self.stack)
        if self.law_depth and tag == "p" and a.get("id"):
            self.current = a["id"]
            self.texts[self.current] = ""
        if self.current and "kb-xref" in classes:
            self._link = [self.current, a["href"], ""]

    def handle_endtag(self, tag):
        _, skipped = self.stack.pop()
        if tag == "strong" and skipped and not (self.stack and self.stack[-1][1]):
            self._strip_space = True
        if tag == "a" and self._link is not None:
            self.links.append(tuple(self._link))
            self._link = None
        if tag == "p":
            self.current = None
        if self.law_depth and len(self.stack) < self.law_depth:
            self.law_depth = None

    def handle_data(self, data):
        if self.current is None or (self.stack and self.stack[-1][1]):
            return
        if self._strip_space:
            self._strip_space = False
            assert data.startswith("\u3000")
            data = data[1:]
        self.texts[self.current] += data
        if self._link is not None:
            self._link[2] += data


def _law_text(html: str) -> _LawText:
    parser = _LawText()
    parser.feed(html)
    return parser


@pytest.mark.slow
def test_rendered_law_text_is_verbatim_on_every_article_page(built_site: Path, project) -> None:
    for article in project.regulation.articles:
        html = (built_site / f"articles/{article.slug}.html").read_text(encoding="utf-8")
        parsed = _law_text(html)
        expected = {}
        for para in article.paragraphs:
            expected[para.id] = para.text
            expected.update({p.id: p.text for p in para.points})
        assert parsed.texts == expected, article.id


@pytest.mark.slow
def test_every_detected_reference_is_a_working_link(built_site: Path, project) -> None:
    found = []
    for article in project.regulation.articles:
        page = built_site / f"articles/{article.slug}.html"
        for source, href, text in _law_text(page.read_text(encoding="utf-8")).links:
            target = (page.parent / href).resolve()
            assert target.is_file(), href
            number = int(target.stem.removeprefix("art-"))
            assert text.removeprefix("第") == f"{to_chinese(number)}条"
            found.append((source, f"art_{number}"))
    # The Jilin regulation's references (a further regulation's, slug:id, are on its own pages).
    assert found == [(r.source, r.target) for r in project.references if ":" not in r.source]


@pytest.mark.slow
def test_article_pages_show_citing_articles_topics_and_roles(built_site: Path) -> None:
    page = (built_site / "articles/art-25.html").read_text(encoding="utf-8")
    assert "引用本条的条文" in page
    assert '<a href="art-36.html#art_36__para_1">第三十六条</a>' in page
    assert '<a href="../topics/certificates.html">执法证件</a>' in page
    assert '<a href="../roles/officer.html">行政执法人员</a>' in page
    assert "规定中没有其他条文明文引用本条。" in (built_site / "articles/art-01.html").read_text(
        encoding="utf-8"
    )
    note = (built_site / "articles/art-32.html").read_text(encoding="utf-8")
    assert "诫勉谈话" in note and "kb-notes kb-editorial" in note


@pytest.mark.slow
def test_listing_pages_and_data(built_site: Path, project) -> None:
    html = (built_site / "topics/complaints.html").read_text(encoding="utf-8")
    topic = html[html.index("kb-topic-page") :]
    assert topic.index("第二十一条") < topic.index("第三十条第（二）项") < topic.index("第三十七条")
    assert "行政执法机关应设投诉电话与意见箱" in topic
    role = (built_site / "roles/officer.html").read_text(encoding="utf-8")
    for heading in ("职责", "不得为的行为", "未履行的后果与奖惩"):
        assert f">{heading}</h2>" in role
    assert 'href="../articles/art-36.html"' in role
    glossary = (built_site / "glossary.html").read_text(encoding="utf-8")
    assert 'id="term-counterpart"' in glossary and "规定原文" in glossary and "编者解释" in glossary
    data = json.loads((built_site / "data/topics.json").read_text(encoding="utf-8"))
    assert len(data["topics"]) == len(reading_of(project).topics)


def test_every_statement_exports_a_verified_quote(project) -> None:
    # Topics, role lines and editorial terms each carry the words of the law they restate.
    data = json.loads(reading.exports(project)["data/topics.json"])
    index = project.index
    statements = [(t["id"], t["quote"], t["provisions"]) for t in data["topics"]]
    statements += [
        (r["id"], line["quote"], line["cites"])
        for r in data["roles"]
        for kind in reading.LINE_KINDS
        for line in r[kind]
    ]
    statements += [
        (g["id"], g["quote"], [g["source"]] if g["source"] else g["cites"]) for g in data["glossary"]
    ]
    assert len(statements) > 140
    for what, quote, cites in statements:
        assert quote, what
        for fragment in quote:
            assert any(fragment in index[c].text for c in cites), (what, fragment)


def test_role_page_shows_each_quote_for_hover_focus_and_print(project) -> None:
    page = reading.pages(project)["roles/officer.md"]
    assert (
        '<span class="kb-quote" tabindex="0"><span class="kb-quote-mark" aria-hidden="true">原文</span>'
        '<span class="kb-quote-text">原文：<q>不得酒后执法</q></span></span>' in page
    )
