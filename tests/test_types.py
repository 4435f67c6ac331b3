"""mypy is clean on the modules that pyproject.toml's [tool.mypy] `files` names, and those are every
module of generator/ but the few still listed in UNCHECKED."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Modules mypy does not check yet, with the errors it reports. A ratchet: a module leaves this set
# when it is clean and joins `files`; nothing may join it.
UNCHECKED: set[str] = set()  # every module is checked


def mypy_files() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return set(config["tool"]["mypy"]["files"])


def test_mypy_is_clean_on_the_configured_files(monkeypatch: pytest.MonkeyPatch) -> None:
    api = pytest.importorskip("mypy.api", reason="mypy is not installed (pip install -e '.[test]')")
    monkeypatch.chdir(ROOT)  # `files` are relative to the project root
    # The cache lives beside pytest's (ignored by git): about 1 s warm, 2-5 s cold.
    stdout, stderr, status = api.run(["--cache-dir", str(ROOT / ".pytest_cache" / "mypy")])
    assert (stderr, status) == ("", 0), stdout
    assert stdout.startswith("Success: no issues found"), stdout


def test_mypy_checks_every_module_but_the_unchecked_ones() -> None:
    """A new module is type-checked from its first commit."""
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "generator").rglob("*.py")}
    assert modules - mypy_files() == UNCHECKED


def test_mypy_files_exist() -> None:
    """`files` names no module that was moved or removed (mypy would stop at it)."""
    assert {f for f in mypy_files() if not (ROOT / f).is_file()} == set()
