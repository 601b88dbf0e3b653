#!/usr/bin/env bash
# Install Debian's chromium for the browser tests when it is missing (quietly, no prompts).
# Playwright drives it at /usr/bin/chromium; we never download a browser any other way.
set -euo pipefail
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
