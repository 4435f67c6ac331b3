"""Typed settings of one regulation, read from the `settings:` section of content/regulation.yaml.

Rules that belong to a regulation (which articles the checklists must cover, which chapter holds
the liabilities, how many questions each article needs) are content, not code. Each part declares a
frozen dataclass of its settings next to itself, every field with a default and a docstring line,
the way MkDocs plugins declare their config; `read` fills it from `settings.<part>` and reports
every wrong key or value with its file, line and field.
"""

from __future__ import annotations

import dataclasses
import typing
from typing import TYPE_CHECKING, TypeVar

from generator.errors import Problem
from generator.project import Project

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

# A part's settings: a frozen dataclass whose fields all have defaults.
T = TypeVar("T", bound="DataclassInstance")
_KINDS = {int: "integer", str: "string", bool: "boolean"}


def read(project: Project, section: str, cls: type[T]) -> tuple[T, list[Problem]]:
    """Settings `cls` from `settings.<section>`; defaults where a key is absent.

    Returns the defaults and the problems when anything is wrong, so loading can go on and
    report the part's other problems too.
    """
    doc = project.settings_doc
    raw = (doc.data.get("settings") or {}).get(section, {}) if doc is not None else {}
    if not isinstance(raw, dict):
        assert doc is not None
        return cls(), [doc.problem(("settings", section), "expected mapping")]
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    problems: list[Problem] = []
    values: dict[str, object] = {}
    for key, value in raw.items():
        path = ("settings", section, key)
        assert doc is not None
        if key not in names:
            problems.append(doc.problem(path, f"unknown setting (known: {', '.join(sorted(names))})"))
            continue
        kind = hints[key]
        if type(value) is not kind:
            problems.append(doc.problem(path, f"expected {_KINDS[kind]}"))
            continue
        if kind is int and value < 0:
            problems.append(doc.problem(path, "must be at least 0"))
            continue
        values[key] = value
    return (cls(**values) if not problems else cls()), problems


def problem(project: Project, section: str, key: str, message: str) -> Problem:
    """A problem located at `settings.<section>.<key>` (for checks a part makes on its settings)."""
    assert project.settings_doc is not None
    return project.settings_doc.problem(("settings", section, key), message)
