# Shared by setup-and-build.sh and test.sh (sourced, not run): install Python and npm packages only
# when what is installed no longer matches pyproject.toml / package-lock.json.
#
# Each install leaves a stamp holding a SHA-256 of what it installed from: .venv/.kb-stamp-<extra>
# (the requirement lists of pyproject.toml) and node_modules/.kb-stamp (package-lock.json). A clean
# clone has neither folder, so everything is installed; editing the requirements or the lock file
# changes the hash and installs again. Set KB_FORCE_INSTALL=1 to install regardless.

# The requirement lists (build system, dependencies, optional dependencies) of pyproject.toml, hashed:
# editing other sections (pytest markers, ruff) does not trigger a reinstall; a new entry point does. Editable installs read
# the package from the source tree, so code changes need no reinstall either.
kb_requirements_hash() {
  .venv/bin/python - <<'PY'
import hashlib, json, sys, tomllib
with open("pyproject.toml", "rb") as f:
    data = tomllib.load(f)
wanted = {
    "build-system": data.get("build-system", {}),
    "dependencies": data["project"].get("dependencies", []),
    "optional-dependencies": data["project"].get("optional-dependencies", {}),
    "entry-points": data["project"].get("entry-points", {}),
    "python": sys.version.split()[0],
}
print(hashlib.sha256(json.dumps(wanted, sort_keys=True).encode()).hexdigest())
PY
}

# kb_pip_install EXTRA: `pip install -e .[EXTRA]` ("" for none) unless the stamp says it is done.
# A test install (extra "test") also satisfies a plain one.
kb_pip_install() {
  local extra="$1" spec="." name="app" hash
  if [ -n "$extra" ]; then spec=".[$extra]"; name="$extra"; fi
  [ -x .venv/bin/python ] || python3 -m venv .venv
  hash="$(kb_requirements_hash)"
  if [ "${KB_FORCE_INSTALL:-0}" != 1 ]; then
    for stamp in ".venv/.kb-stamp-$name" ".venv/.kb-stamp-test"; do
      if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ]; then
        echo "Python packages up to date ($stamp)"
        return 0
      fi
    done
  fi
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e "$spec"
  echo "$hash" > ".venv/.kb-stamp-$name"
}

# npm ci unless node_modules was installed from this exact package-lock.json. node_modules may be a
# symbolic link (git worktrees share one); the stamp then lives in the shared folder.
kb_npm_install() {
  local hash
  hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
  if [ "${KB_FORCE_INSTALL:-0}" != 1 ] && [ -f node_modules/.kb-stamp ] \
    && [ "$(cat node_modules/.kb-stamp)" = "$hash" ]; then
    echo "npm packages up to date (node_modules/.kb-stamp)"
    return 0
  fi
  npm ci --no-audit --no-fund --loglevel=error
  echo "$hash" > node_modules/.kb-stamp
}
