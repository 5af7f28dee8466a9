#!/usr/bin/env bash
# The benchmark (bench/run.py) drives the portal with Debian's wrk.
set -euo pipefail
if command -v wrk >/dev/null; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's wrk for the benchmark."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk
else
  echo "The benchmark needs wrk: run 'sudo apt-get install wrk'." >&2
  exit 1
fi
