#!/usr/bin/env bash
# What the tests need from Debian: its Chromium for the end-to-end tests (never a
# browser Playwright downloads), and gettext, with which tests/test_translations.py
# checks that the English catalog holds every string of the code.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v xgettext >/dev/null || missing+=(gettext)
if [ ${#missing[@]} = 0 ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's ${missing[*]} for the tests."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
else
  echo "The tests need Debian's ${missing[*]}: run 'sudo apt-get install ${missing[*]}'." >&2
  exit 1
fi
