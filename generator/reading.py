"""Reading by topic: cross-references, topics, roles, glossary (issue 3). Scaffold: loads nothing yet."""

from __future__ import annotations

from dataclasses import dataclass

from generator.errors import Problem
from generator.project import Project


@dataclass(frozen=True)
class Reading:
    """Topics, roles and glossary of the regulation."""


def load(project: Project) -> tuple[Reading | None, list[Problem]]:
    """Read and check this part's YAML; return (value, problems)."""
    return None, []


def pages(project: Project) -> dict[str, str]:
    """Generated files of this part by source URI."""
    return {}


def nav(project: Project) -> list:
    """Nav entries this part adds after the chapters."""
    return []
