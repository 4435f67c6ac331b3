"""Located content problems: every user mistake is reported as `path:line: field: message`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content.

    path: file path as the user would type it (relative to the project root).
    line: 1-based line in that file, or 0 when no line applies (e.g. a missing file).
    field: YAML path of the offending value, e.g. ``paragraphs[1].points[0]``; ``-`` for the file.
    message: what is wrong, in plain words.
    """

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


class ContentError(Exception):
    """Raised at the end of a stage that found problems; carries all of them, sorted."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def field_name(path: tuple) -> str:
    """Render a YAML path as a field name: ('paragraphs', 1, 'text') -> 'paragraphs[1].text'."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "-"
