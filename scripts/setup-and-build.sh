#!/usr/bin/env bash
# Install what the site needs (Python packages in .venv, npm packages in node_modules) and build it.
# Usage: ./scripts/setup-and-build.sh            -> site/index.html
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
npm ci --no-audit --no-fund --loglevel=error
.venv/bin/python -m generator build
echo "Open site/index.html in a browser, or serve the site/ folder (see README: 发布到内网)."
