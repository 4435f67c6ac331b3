"""Everything loaded and checked, in one immutable value that the render stage reads."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.model import Provision, Regulation

if TYPE_CHECKING:
    from generator.checklists import Checklists
    from generator.quiz import QuestionBank
    from generator.reading import Reading
    from generator.scoring import Scheme


@dataclass(frozen=True)
class Project:
    """The validated content of a project.

    root: folder holding mkdocs.yml, content/ and checklists/.
    regulation: the regulation model.
    index: every provision by id (条, 款, 项).
    reading: topics, roles, glossary and cross-references (generator/reading.py).
    scheme: the evaluation scoring scheme (generator/scoring.py).
    checklists: the self-assessment checklists (generator/checklists.py).
    questions: the exam question bank (generator/quiz.py).

    Feature parts are filled in by `generator.build.load_project` in that order, so a later part
    may read an earlier one (checklists check their areas against the scheme).
    """

    root: Path
    regulation: Regulation
    index: dict[str, Provision]
    reading: Reading | None = None
    scheme: Scheme | None = None
    checklists: Checklists | None = None
    questions: QuestionBank | None = None
