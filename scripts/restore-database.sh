#!/usr/bin/env bash
# Restores a dump made by scripts/backup-database.sh.
#
#   scripts/restore-database.sh [--force] FILE [TARGET_DATABASE_URL]
#
# Restores FILE into TARGET_DATABASE_URL (created when it does not exist), dropping the
# tables that are in the dump first (pg_restore --clean --if-exists --no-owner), in one
# transaction: a failed restore leaves the target as it was.
# Without TARGET_DATABASE_URL the target is DATABASE_URL (environment, else .env, else
# postgres://postgres@127.0.0.1:5432/welzijn); that target is only overwritten when it
# is empty or --force is given, so a mistyped command cannot wipe the live database.
set -euo pipefail

usage() { echo "Gebruik: $0 [--force] BESTAND [DOEL_DATABASE_URL]" >&2; exit 2; }

force=false
args=()
for arg in "$@"; do
  case "$arg" in
    --force) force=true ;;
    -h|--help) usage ;;
    *) args+=("$arg") ;;
  esac
done
[ "${#args[@]}" -ge 1 ] && [ "${#args[@]}" -le 2 ] || usage
file="${args[0]}"
[ -f "$file" ] || { echo "Back-upbestand niet gevonden: $file" >&2; exit 2; }

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
explicit=false
if [ "${#args[@]}" -eq 2 ]; then
  target="${args[1]}"; explicit=true
else
  target="${DATABASE_URL:-}"
  if [ -z "$target" ] && [ -f "$root/.env" ]; then
    target="$(sed -n 's/^[[:space:]]*DATABASE_URL[[:space:]]*=[[:space:]]*//p' "$root/.env" | tail -n 1)"
    target="${target%\"}"; target="${target#\"}"; target="${target%\'}"; target="${target#\'}"
  fi
  target="${target:-postgres://postgres@127.0.0.1:5432/welzijn}"
fi

database="${target##*/}"; query=""
case "$database" in *\?*) query="?${database#*\?}"; database="${database%%\?*}" ;; esac
maintenance="${target%/*}/postgres$query"
literal="${database//\'/\'\'}"
identifier="${database//\"/\"\"}"

exists="$(psql --no-psqlrc -tAq --dbname="$maintenance" \
  -c "SELECT 1 FROM pg_database WHERE datname = '$literal'")"
if [ "$exists" = 1 ]; then
  tables="$(psql --no-psqlrc -tAq --dbname="$target" -c "SELECT count(*) FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg_toast%'")"
  if [ "$tables" != 0 ] && ! $explicit && ! $force; then
    echo "Database '$database' bestaat en bevat $tables tabellen; er is niets hersteld." >&2
    echo "Geef de doeldatabase expliciet op, of --force om haar te overschrijven." >&2
    exit 1
  fi
else
  psql --no-psqlrc -q --dbname="$maintenance" -c "CREATE DATABASE \"$identifier\""
fi

pg_restore --clean --if-exists --no-owner --single-transaction --exit-on-error \
  --dbname="$target" "$file"
echo "Hersteld: $file -> $database"
