#!/usr/bin/env bash
# pgkeel's main job on the bundled example, as far as the pipeline goes today:
# installs what is missing, builds, reads schemas/ with the SQL loader, loads
# it into an embedded throwaway PostgreSQL 15, reads it back from the live
# catalog, and shows that both sides give the same schema fingerprint.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh
if [[ ! -f build-release/build.ninja ]]; then
    meson setup build-release -Dbuildtype=release >/dev/null
fi
ninja -C build-release src/pgkeel
pgkeel="$PWD/build-release/src/pgkeel"

tools/with-postgres.sh bash -euo pipefail -c '
    pgkeel="$1"
    work="$(mktemp -d)"; trap "rm -rf \"$work\"" EXIT
    echo "== 1. schemas/ read by the SQL loader"
    "$pgkeel" inspect --from schemas --format json --out "$work/declared.json"
    echo "   $(grep -c "\"type\": \"" "$work/declared.json") typed entries; canonical JSON written"
    echo "== 2. applied to a throwaway PostgreSQL 15 (unix socket $PGHOST)"
    createdb quickstart
    "$pgkeel" inspect --from schemas --format sql --out "$work/schema.sql"
    psql -qX -v ON_ERROR_STOP=1 -d quickstart -f "$work/schema.sql" >/dev/null
    echo "== 3. read back from the live catalog"
    "$pgkeel" inspect --db dbname=quickstart --format json --out "$work/live.json"
    "$pgkeel" inspect --db dbname=quickstart --format sql --out "$work/live.sql"
    head -n 25 "$work/live.sql"
    echo "   ..."
    # the live side states owners (the loading role); the files do not
    if python3 - "$work/declared.json" "$work/live.json" <<"PY"
import json, sys
def strip(x):
    if isinstance(x, dict):
        return {k: strip(v) for k, v in x.items() if not (k == "owner" and v == "postgres")}
    if isinstance(x, list):
        return [strip(v) for v in x]
    return x
a, b = (strip(json.load(open(f))) for f in sys.argv[1:3])
sys.exit(0 if a == b else 1)
PY
    then
        echo "== declared schema and live database match (fingerprint $(sha256sum <"$work/declared.json" | cut -c1-16)...)"
    else
        diff "$work/declared.json" "$work/live.json" || true
        echo "== declared schema and live database differ" >&2
        exit 1
    fi
' quickstart "$pgkeel"
