"""Exam question bank, practice, mock exam and paper (issue 6). Scaffold: loads nothing yet."""

from __future__ import annotations

from dataclasses import dataclass

from generator.errors import Problem
from generator.project import Project


@dataclass(frozen=True)
class QuestionBank:
    """All questions, in order."""


def load(project: Project) -> tuple[QuestionBank | None, list[Problem]]:
    """Read and check this part's YAML; return (value, problems)."""
    return None, []


def pages(project: Project) -> dict[str, str]:
    """Generated files of this part by source URI."""
    return {}


def nav(project: Project) -> list:
    """Nav entries this part adds after the chapters."""
    return []
