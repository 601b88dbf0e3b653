#!/usr/bin/env bash
# What the browser tests need: axe-core from npm (package.json and its lock at the repository's
# root; node_modules/ is git-ignored), and Debian's chromium when it is missing (quietly, no
# prompts). Playwright drives it at /usr/bin/chromium; we never download a browser any other way.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ ! -f node_modules/axe-core/axe.min.js ] || [ package-lock.json -nt node_modules/axe-core/axe.min.js ]; then
  if ! command -v npm >/dev/null; then
    echo "install_browser.sh: npm is missing; install Node.js (Debian: apt-get install npm)" >&2
    exit 1
  fi
  npm ci --no-audit --no-fund --silent
fi
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "install_browser.sh: /usr/bin/chromium is missing and apt-get is not available;" \
       "install the 'chromium' package by hand" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
echo "Installing chromium for the browser tests (apt-get, about a minute)..." >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
