#!/usr/bin/env bash
# Install what the site needs (Python packages in .venv, npm packages in node_modules) and build it.
# Usage: ./scripts/setup-and-build.sh            -> site/index.html
# Installs are skipped when already done for the current pyproject.toml / package-lock.json
# (see scripts/install.sh; KB_FORCE_INSTALL=1 installs anyway).
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/install.sh
. scripts/install.sh
kb_pip_install ""
kb_npm_install
.venv/bin/python -m generator build
echo "Open site/index.html in a browser, or serve the site/ folder (see README: 发布到内网)."
