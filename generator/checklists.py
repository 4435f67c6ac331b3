"""Role-specific self-assessment checklists (issue 4). Scaffold: loads nothing yet."""

from __future__ import annotations

from dataclasses import dataclass

from generator.errors import Problem
from generator.project import Project


@dataclass(frozen=True)
class Checklists:
    """All checklists, in order."""


def load(project: Project) -> tuple[Checklists | None, list[Problem]]:
    """Read and check this part's YAML; return (value, problems)."""
    return None, []


def pages(project: Project) -> dict[str, str]:
    """Generated files of this part by source URI."""
    return {}


def nav(project: Project) -> list:
    """Nav entries this part adds after the chapters."""
    return []
