"""scripts/install.sh: the README commands install only what is missing or out of date.

pip and npm are replaced by stubs that record their calls, so these tests never touch the shared
environment or the network.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

PYTHON_STUB = f"""#!/bin/sh
if [ "$1" = -m ] && [ "$2" = pip ]; then echo "pip $*" >> "$KB_LOG"; exit 0; fi
exec {sys.executable} "$@"
"""
NPM_STUB = """#!/bin/sh
echo "npm $*" >> "$KB_LOG"
mkdir -p node_modules
"""
PYTHON3_STUB = """#!/bin/sh
if [ "$1" = -m ] && [ "$2" = venv ]; then
  mkdir -p "$3/bin" && cp "$KB_PYTHON_STUB" "$3/bin/python" && echo "venv $3" >> "$KB_LOG"; exit 0
fi
exit 1
"""


@pytest.fixture
def checkout(tmp_path: Path):
    """A bare checkout (scripts, pyproject.toml, package files) and a run(command) -> log lines helper."""
    repo = tmp_path / "repo"
    (repo / "scripts").mkdir(parents=True)
    for name in ("pyproject.toml", "package.json", "package-lock.json", "scripts/install.sh"):
        shutil.copy(ROOT / name, repo / name)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, text in (("npm", NPM_STUB), ("python3", PYTHON3_STUB), ("python-stub", PYTHON_STUB)):
        (bin_dir / name).write_text(text, encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    log = tmp_path / "log"

    def run(command: str) -> list[str]:
        log.write_text("", encoding="utf-8")
        env = dict(
            os.environ,
            PATH=f"{bin_dir}:{os.environ['PATH']}",
            KB_LOG=str(log),
            KB_PYTHON_STUB=str(bin_dir / "python-stub"),
        )
        env.pop("KB_FORCE_INSTALL", None)
        result = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", f". scripts/install.sh; {command}"],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        return log.read_text(encoding="utf-8").splitlines()

    run.repo = repo
    return run


def test_a_clean_clone_installs_everything_then_nothing(checkout) -> None:
    assert checkout("kb_pip_install test; kb_npm_install") == [
        "venv .venv",
        "pip -m pip install --quiet --upgrade pip",
        "pip -m pip install --quiet -e .[test]",
        "npm ci --no-audit --no-fund --loglevel=error",
    ]
    assert checkout("kb_pip_install test; kb_npm_install") == []
    # The site's own install is part of the test install.
    assert checkout('kb_pip_install ""') == []


def test_changed_requirements_install_again_other_edits_do_not(checkout) -> None:
    checkout("kb_pip_install test; kb_npm_install")
    pyproject = checkout.repo / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(text.replace("line-length = 110", "line-length = 100"), encoding="utf-8")
    assert checkout("kb_pip_install test") == []
    pyproject.write_text(text.replace('"pytest>=8",', '"pytest>=8.1",'), encoding="utf-8")
    assert checkout("kb_pip_install test") == [
        "pip -m pip install --quiet --upgrade pip",
        "pip -m pip install --quiet -e .[test]",
    ]
    lock = checkout.repo / "package-lock.json"
    lock.write_text(lock.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert checkout("kb_npm_install") == ["npm ci --no-audit --no-fund --loglevel=error"]
    assert checkout("kb_npm_install") == []


def test_a_plain_install_does_not_satisfy_the_test_install(checkout) -> None:
    checkout('kb_pip_install ""')
    assert checkout("kb_pip_install test") == [
        "pip -m pip install --quiet --upgrade pip",
        "pip -m pip install --quiet -e .[test]",
    ]


def test_force_installs_regardless(checkout) -> None:
    checkout("kb_pip_install test; kb_npm_install")
    assert checkout("KB_FORCE_INSTALL=1; kb_pip_install test; kb_npm_install") == [
        "pip -m pip install --quiet --upgrade pip",
        "pip -m pip install --quiet -e .[test]",
        "npm ci --no-audit --no-fund --loglevel=error",
    ]


def test_both_readme_commands_use_the_shared_installer() -> None:
    for script, call in (("setup-and-build.sh", 'kb_pip_install ""'), ("test.sh", "kb_pip_install test")):
        lines = (ROOT / "scripts" / script).read_text(encoding="utf-8").splitlines()
        assert ". scripts/install.sh" in lines and call in lines and "kb_npm_install" in lines, script
        assert not [line for line in lines if line.lstrip().startswith(("npm ci", ".venv/bin/python -m pip"))]


def test_ci_runs_the_readme_test_command() -> None:
    lines = (ROOT / ".ci/run").read_text(encoding="utf-8").splitlines()
    assert lines[-1] == "./scripts/test.sh -q"
    assert "./scripts/test.sh              # installs test needs" in (ROOT / "README.md").read_text(
        encoding="utf-8"
    )
