#!/usr/bin/env bash
# Create .venv (if needed) and install twinflames with its test tools. Safe to run again:
# it reinstalls only when pyproject.toml has changed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.twinflames-installed
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "Installing twinflames and its dependencies into .venv (first run takes a minute)..." >&2
  .venv/bin/python -m pip install --quiet --upgrade pip >/dev/null
  .venv/bin/python -m pip install --quiet -e ".[test]"
  echo "$want" > "$stamp"
fi
# Compile the simulation and inference kernels now (Numba keeps the machine code in its cache),
# so the explorer's first answer does not wait for it: about a minute once, a few seconds after.
echo "Getting the compiled kernels ready (a few minutes the first time)..." >&2
.venv/bin/python -m twinflames.web.warming

