#!/usr/bin/env bash
# Install everything the tests need (Debian's chromium, nginx and a Chinese font when missing, Python test packages,
# npm packages) and run the whole test suite. Extra arguments go to pytest.
# Installs already done for the current pyproject.toml / package-lock.json are skipped (scripts/install.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
# A Chinese font, as the users' PCs have: print tests count A4 pages of Chinese text.
[ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || missing+=(fonts-wqy-zenhei)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# shellcheck source=scripts/install.sh
. scripts/install.sh
kb_pip_install test
kb_npm_install

# pytest keeps each test module's rewritten bytecode in __pycache__ (git-ignored) only when Python may write
# bytecode: with PYTHONDONTWRITEBYTECODE set, as on these machines, every run and every xdist worker rewrites
# and compiles all test modules again (about 2.7 s CPU a process, measured 2026-12-07).
unset PYTHONDONTWRITEBYTECODE
.venv/bin/python -m pytest "$@"
