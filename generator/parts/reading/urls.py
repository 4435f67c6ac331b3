"""The reading aids' page URLs (site-root relative), spelled once here."""

from __future__ import annotations

TOPICS_INDEX = "topics/index.html"
ROLES_INDEX = "roles/index.html"
GLOSSARY = "glossary.html"
TOPICS_JSON = "data/topics.json"


def topic_url(topic_id: str) -> str:
    return f"topics/{topic_id}.html"


def role_url(role_id: str) -> str:
    return f"roles/{role_id}.html"


def term_url(term_id: str) -> str:
    return f"{GLOSSARY}#term-{term_id}"
