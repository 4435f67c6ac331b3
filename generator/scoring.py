"""The annual evaluation scoring scheme and calculator (issue 5). Scaffold: loads nothing yet."""

from __future__ import annotations

from dataclasses import dataclass

from generator.errors import Problem
from generator.project import Project


@dataclass(frozen=True)
class Scheme:
    """The scoring scheme: areas of 第二十九条 with their maxima."""


def load(project: Project) -> tuple[Scheme | None, list[Problem]]:
    """Read and check this part's YAML; return (value, problems)."""
    return None, []


def pages(project: Project) -> dict[str, str]:
    """Generated files of this part by source URI."""
    return {}


def nav(project: Project) -> list:
    """Nav entries this part adds after the chapters."""
    return []
