#!/usr/bin/env bash
# Developer aid: load a schema file into a fresh database of the running
# throwaway cluster (run under tools/with-postgres.sh) and diff the canonical
# JSON of the SQL loader (file), the SQL loader (pg_dump) and the live loader.
#   tools/with-postgres.sh tools/dev-diff.sh FILE.sql [BUILD_DIR]
set -euo pipefail
file="$1"; build="${2:-build}"
db="dev_$$"
createdb "$db"
trap 'dropdb --if-exists "$db"' EXIT
psql -qX -v ON_ERROR_STOP=1 -d "$db" -f "$file" >/dev/null
t="$(mktemp -d)"
"$build/src/pgkeel" inspect --db "dbname=$db" --format json | grep -v '"owner": "postgres"' >"$t/live.json"
"$build/src/pgkeel" inspect --from "$file" --format json >"$t/file.json" || true
pg_dump -s "$db" >"$t/dump.sql"
"$build/src/pgkeel" inspect --from "$t/dump.sql" --format json | grep -v '"owner": "postgres"' >"$t/dump.json" || true
echo "== file vs live"; diff "$t/file.json" "$t/live.json" || true
echo "== pg_dump vs live"; diff "$t/dump.json" "$t/live.json" || true
rm -rf "$t"
