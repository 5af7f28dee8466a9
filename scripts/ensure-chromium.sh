#!/usr/bin/env bash
# The end-to-end tests drive Debian's Chromium (never a browser Playwright downloads).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the end-to-end tests."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
else
  echo "The end-to-end tests need /usr/bin/chromium: run 'sudo apt-get install chromium'." >&2
  exit 1
fi
