"""Hostile text planted in every editorial and imported text field of a copy of the project.

Each field gets `marker(field) + payload` appended to (or in place of) its value, so a test can find
where that field's text landed in the built site and check it is shown as text, never as markup.
Used by test_render_escape.py (built HTML) and test_browser_hostile.py (Chromium).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import yaml

PAYLOADS = {
    "script_img": '注<script>alert(1)</script>"><img src=x onerror=alert(2)>',
    "close_script": "</script><script>alert(3)</script>",
    "comment": "<!--",
    "jinja": "{{ 7*7 }}",
    "entity": "&amp;",
    "attr_quote": "' onmouseover='alert(4)' x='",
    "svg": "<svg onload=alert(5)>",
    "cdata_close": "]]></style><script>alert(6)</script>",
}


def marker(field: str, payload: str = "") -> str:
    """A plain-text tag naming the field (and the payload, when one copy carries several), unique
    and not a prefix of another."""
    return f"XSS{field.replace('_', '')}{payload.replace('_', '')}Q"


def _yaml(path: Path) -> tuple[Path, dict]:
    return path, yaml.safe_load(path.read_text(encoding="utf-8"))


def _edit(root: Path, rel: str, change: Callable[[dict], None]) -> None:
    path, data = _yaml(root / rel)
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _append(holder: dict | list, key: object, text: str) -> None:
    holder[key] = f"{holder[key]}{text}"


def _before_last(holder: dict, key: str, text: str) -> None:
    """Before the value's last character (a question keeps its closing ？)."""
    holder[key] = f"{holder[key][:-1]}{text}{holder[key][-1]}"


# field -> (file under the project, how to plant `text` in its data)
FIELDS: dict[str, tuple[str, Callable[[dict, str], None]]] = {
    "caption": ("content/articles/art-01.yaml", lambda d, t: _append(d, "caption", t)),
    "note_title": ("content/articles/art-01.yaml", lambda d, t: _append(d["notes"][0], "title", t)),
    "note_text": ("content/articles/art-01.yaml", lambda d, t: _append(d["notes"][0], "text", t)),
    "related_reason": ("content/articles/art-01.yaml", lambda d, t: _append(d["related"][0], "reason", t)),
    "law_text": ("content/articles/art-02.yaml", lambda d, t: _append(d["paragraphs"][0], "text", t)),
    "chapter_title": ("content/regulation.yaml", lambda d, t: _append(d["chapters"][1], "title", t)),
    "term": ("content/glossary.yaml", lambda d, t: _append(d["terms"][1], "term", t)),
    "definition": ("content/glossary.yaml", lambda d, t: _append(d["terms"][0], "explanation", t)),
    "topic_title": ("content/topics.yaml", lambda d, t: _append(d["topics"][0], "title", t)),
    "topic_description": ("content/topics.yaml", lambda d, t: _append(d["topics"][0], "description", t)),
    "role_name": ("content/roles.yaml", lambda d, t: _append(d["roles"][0], "name", t)),
    "role_duty": ("content/roles.yaml", lambda d, t: _append(d["roles"][0]["duties"][0], "text", t)),
    "checklist_title": ("checklists/agency.yaml", lambda d, t: _append(d, "title", t)),
    "checklist_description": ("checklists/agency.yaml", lambda d, t: _append(d, "description", t)),
    "checklist_item": ("checklists/agency.yaml", lambda d, t: _before_last(d["items"][0], "text", t)),
    "checklist_evidence": ("checklists/agency.yaml", lambda d, t: _append(d["items"][0], "evidence", t)),
    "area_title": ("checklists/scoring.yaml", lambda d, t: _append(d["areas"][0], "title", t)),
    "grade_name": ("checklists/scoring.yaml", lambda d, t: _append(d["grades"][1], "name", t)),
    "question_stem": ("content/questions/art-01.yaml", lambda d, t: _append(d["questions"][1], "stem", t)),
    "question_option": (
        "content/questions/art-01.yaml",
        lambda d, t: _append(d["questions"][1]["options"], 0, t),
    ),
    "question_explanation": (
        "content/questions/art-01.yaml",
        lambda d, t: _append(d["questions"][1], "explanation", t),
    ),
    "law_title": ("content/laws/xzcf/regulation.yaml", lambda d, t: _append(d, "title", t)),
    "law_division": (
        "content/laws/xzcf/regulation.yaml",
        lambda d, t: _append(d["divisions"][1], "title", t),
    ),
    "law_caption": ("content/laws/xzcf/articles/art-02.yaml", lambda d, t: _append(d, "caption", t)),
    "law_article_text": (
        "content/laws/xzcf/articles/art-03.yaml",
        lambda d, t: _append(d["paragraphs"][0], "text", t),
    ),
}


def poison(root: Path, payload: str) -> None:
    """Plant marker(field) + payload in every field of FIELDS in the project copy at `root`."""
    for field, (rel, plant) in FIELDS.items():
        _edit(root, rel, lambda data, f=field, p=plant: p(data, marker(f) + payload))


def poison_all(root: Path, names: tuple[str, ...]) -> None:
    """Plant every named payload, each after its own marker(field, name), in every field of FIELDS:
    one build then serves every payload (test_render_escape.py)."""
    for field, (rel, plant) in FIELDS.items():
        text = "".join(marker(field, name) + PAYLOADS[name] for name in names)
        _edit(root, rel, lambda data, t=text, p=plant: p(data, t))


class Page(HTMLParser):
    """Text, attribute values, comments and script bodies of one HTML page, as a browser reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []  # text nodes and attribute values, unescaped
        self.markup: list[str] = []  # what the page holds as markup: tags with attributes, comments
        self.scripts: list[tuple[dict, str]] = []
        self._script: dict | None = None
        self._shown: tuple[list[str], str] | None = None  # shown_texts, computed once a page
        self._injected: list[str] | None = None  # injected, computed once a page

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = dict(attrs)
        self.markup.append(f"<{tag} {' '.join(k for k, _ in attrs)}>")
        if tag == "img" and values.get("src") == "x":
            self.markup.append("<img src=x>")
        self.texts.extend(v for v in values.values() if v)
        if tag == "script":
            self._script = values

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self.scripts.append((self._script, data))
        else:
            self.texts.append(data)

    def handle_comment(self, data: str) -> None:
        self.markup.append(f"<!--{data}-->")


def strings(value: object):
    """Every string inside decoded JSON."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def injected(page: Page) -> list[str]:
    """Markup in the page that came from a payload: its tags, event attributes, scripts, comments
    (worked out once a page; a new list each call)."""
    if page._injected is None:
        bad = [m for m in page.markup if "XSS" in m or m == "<img src=x>"]
        bad += [m for m in page.markup if any(f" on{e}" in m for e in ("error", "load", "mouseover"))]
        bad += [body for attrs, body in page.scripts if "alert(" in body and "type" not in attrs]
        page._injected = bad
    return list(page._injected)


def shown_texts(page: Page) -> tuple[list[str], str]:
    """What the page shows as text (text, attribute values, strings of JSON data blocks) and all of
    it joined, worked out once a page: test_render_escape asks each page for 150 markers."""
    if page._shown is None:
        texts = list(page.texts)
        for attrs, body in page.scripts:
            if attrs.get("type") == "application/json" and "XSS" in body:
                texts.extend(strings(json.loads(body)))  # a block a payload closed early fails here
        page._shown = (texts, "\n".join(texts))
    return page._shown


def shown(page: Page, field: str, payload: str, name: str = "") -> list[str]:
    """Every place the field's marker (of the payload `name`, with poison_all) shows as text (text,
    attribute values, strings of JSON data blocks), with what follows it there."""
    texts, joined = shown_texts(page)
    tag = marker(field, name)
    if tag not in joined:  # no text holds it (the marker holds no line break)
        return []
    out = []
    for text in texts:
        start = text.find(tag)
        while start >= 0:
            out.append(text[start + len(tag) : start + len(tag) + len(payload) + 1])
            start = text.find(tag, start + 1)
    return out


def intact(after: str, payload: str) -> bool:
    """The text after a marker is the payload, or its start cut with an ellipsis (outline excerpts).
    Spaces do not count: a chapter's plain title drops them."""
    after, payload = "".join(after.split()), "".join(payload.split())
    if after.startswith(payload):
        return True
    common = 0
    while common < min(len(after), len(payload)) and after[common] == payload[common]:
        common += 1
    return after[common:].startswith("…")


def scan(site: Path) -> dict[str, Page]:
    """Every HTML page of a built site, parsed, by path relative to the site."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        parser = Page()
        parser.feed(path.read_text(encoding="utf-8"))
        parser.close()
        pages[path.relative_to(site).as_posix()] = parser
    return pages
