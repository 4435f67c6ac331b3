"""The command line (generator/cli.py): messages, exit codes, options in any position."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CONTENT_ROOT, ROOT, run_cli


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_check_smoke_in_a_subprocess(tmp_path: Path) -> None:
    """The one `check` test that runs the command as a user does, from another folder."""
    result = run("--root", str(CONTENT_ROOT), "check", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("ok: ") and result.stdout.endswith(" chapters\n")


def test_root_works_before_and_after_the_command() -> None:
    before = run_cli("--root", str(CONTENT_ROOT), "check")
    after = run_cli("check", "--root", str(CONTENT_ROOT))
    assert before.returncode == after.returncode == 0
    assert before.stdout == after.stdout == "ok: 43 articles, 6 chapters\n"


def test_a_missing_root_is_one_located_line(tmp_path: Path) -> None:
    result = run_cli("check", "--root", str(tmp_path / "none"))
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines()[-1] == "1 problem(s); nothing was written"


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("python -m generator ")


def test_every_command_and_option_has_help() -> None:
    from generator.cli import parser

    p = parser()
    commands = next(a for a in p._actions if a.dest == "command").choices
    assert set(commands) == {
        "import",
        "library",
        "check",
        "build",
        "paper",
        "serve",
        "score",
        "nginx",
        "search",
        "bundle",
        "bench",
    }
    for name, cmd in commands.items():
        assert cmd.description, name
        for action in cmd._actions:
            assert action.help, f"{name} {action.dest}"


@pytest.mark.slow
def test_build_needs_no_node_modules(project_copy: Path) -> None:
    # The site's own search replaced the theme's, whose offline worker shim came from npm.
    modules = project_copy / "node_modules"
    if modules.is_symlink() or modules.is_file():
        modules.unlink()
    elif modules.exists():
        shutil.rmtree(modules)
    result = run("build", "--site-dir", str(project_copy / "out"), cwd=project_copy)
    assert result.returncode == 0, result.stderr
    assert (project_copy / "out/assets/javascripts/search-index.js").is_file()
    assert not (project_copy / "out/search").exists()
    assert not (project_copy / "out/assets/javascripts/lunr").exists()
