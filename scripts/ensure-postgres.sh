#!/usr/bin/env bash
# Makes sure a PostgreSQL server with the contrib extensions answers at DATABASE_URL
# (default: the local server on 127.0.0.1:5432). Starts a stopped local cluster,
# installs Debian's server when none is installed and this machine allows it
# (root with apt), and otherwise says plainly what to do.
set -euo pipefail

url="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/welzijn}"
hostport="${url#*@}"; hostport="${hostport%%/*}"
host="${hostport%%:*}"; port="${hostport##*:}"
[ "$port" = "$hostport" ] && port=5432

answers() { pg_isready -q -h "$host" -p "$port" 2>/dev/null; }

if command -v pg_isready >/dev/null && answers; then
  exit 0
fi

local_host=false
case "$host" in 127.0.0.1|localhost|::1) local_host=true ;; esac

if $local_host && [ -d /etc/postgresql ] && [ -n "$(ls /etc/postgresql 2>/dev/null)" ]; then
  echo "PostgreSQL is installed but not running: starting the local cluster."
  for version in $(ls /etc/postgresql); do
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
elif $local_host && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "No PostgreSQL found: installing Debian's postgresql and postgresql-contrib."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-contrib
  for version in $(ls /etc/postgresql); do
    conf="/etc/postgresql/$version/main/pg_hba.conf"
    # Local development only: trust connections from this machine.
    sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/' "$conf"
    sed -i -E 's/^(local\s+all\s+(all|postgres)\s+)\S+/\1trust/' "$conf"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
else
  cat >&2 <<MSG
PostgreSQL does not answer at $host:$port, and this script cannot start or install it here.
Install PostgreSQL 15 or newer with its contrib extensions (btree_gist, pg_trgm), for
example 'sudo apt-get install postgresql postgresql-contrib', start it, and set
DATABASE_URL (see .env.example) to a role that may create databases.
MSG
  exit 1
fi

for _ in $(seq 1 30); do
  answers && exit 0
  sleep 1
done
echo "PostgreSQL did not come up at $host:$port within 30 seconds." >&2
exit 1
