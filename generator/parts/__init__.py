"""The site's parts, each a folder: its module, `templates/`, `schema/`, `theme/` (the theme page and
`assets/`, laid out as a mkdocs-material custom_dir) and `fixtures/` for its tests.

This tuple is the one ordered registry (nav order). The core never imports a part by name: it reads
this registry, and finds templates, schemas and theme folders by walking `generator/parts/*/`.
"""

from __future__ import annotations

from pathlib import Path

from generator.part import Part
from generator.parts import about, checklists, drills, quiz, reading, scoring, versions

FOLDER = Path(__file__).parent

PARTS: tuple[Part, ...] = (
    # 修订对照 first: its nav entry follows 相关法律法规, the regulations it compares.
    versions.PART,
    reading.PART,
    checklists.PART,
    scoring.PART,
    quiz.PART,
    drills.PART,
    about.PART,
)
