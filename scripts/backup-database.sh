#!/usr/bin/env bash
# Dumps the portal's database into a timestamped file and prints its path.
#
#   scripts/backup-database.sh [DIRECTORY]
#
# Reads DATABASE_URL from the environment, else from .env, else uses the local default
# postgres://postgres@127.0.0.1:5432/welzijn. Writes PostgreSQL's custom format
# (pg_dump -Fc: compressed, restorable table by table) to
# DIRECTORY/welzijn-<database>-<UTC time>.dump; DIRECTORY defaults to $BACKUP_DIR or
# ./backups. Uploaded files (MEDIA_ROOT and the private storage) are not in the
# database: back those folders up alongside. Restore with scripts/restore-database.sh.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
url="${DATABASE_URL:-}"
if [ -z "$url" ] && [ -f "$root/.env" ]; then
  url="$(sed -n 's/^[[:space:]]*DATABASE_URL[[:space:]]*=[[:space:]]*//p' "$root/.env" | tail -n 1)"
  url="${url%\"}"; url="${url#\"}"; url="${url%\'}"; url="${url#\'}"
fi
url="${url:-postgres://postgres@127.0.0.1:5432/welzijn}"

database="${url##*/}"; database="${database%%\?*}"
directory="${1:-${BACKUP_DIR:-$root/backups}}"
mkdir -p "$directory"
file="$directory/welzijn-$database-$(date -u +%Y%m%dT%H%M%SZ).dump"
if [ -e "$file" ]; then
  file="${file%.dump}-$$.dump"
fi

pg_dump --format=custom --no-owner --dbname="$url" --file="$file.partial"
mv "$file.partial" "$file"
echo "$file"
