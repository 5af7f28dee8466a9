#!/usr/bin/env bash
# The development server with the mail worker beside it (make run): the worker
# delivers queued mail (to the console unless EMAIL_URL says else) and stops when the
# server stops, on Ctrl-C as when it ends by itself.
set -euo pipefail
PYTHON="${1:-.venv/bin/python}"
ADDRESS="${2:-127.0.0.1:8000}"

# Job control gives the worker a process group of its own (with the child its
# autoreloader starts), so one kill stops both; Ctrl-C reaches only the server.
set -m
"$PYTHON" manage.py db_worker &
worker=$!
trap 'kill -TERM -- "-$worker" 2>/dev/null || true' EXIT

"$PYTHON" manage.py runserver "$ADDRESS"
