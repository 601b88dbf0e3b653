#!/usr/bin/env bash
# The whole test suite: install what is needed, lint, then run every test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
bash scripts/install_browser.sh  # Debian's chromium for the browser tests
.venv/bin/ruff check src tests benchmarks
.venv/bin/python -m pytest "$@"
