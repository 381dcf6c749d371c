#!/usr/bin/env bash
# pgkeel's main job on the bundled example: installs what is missing, builds,
# loads schemas/ (the TOML example app), checks that the committed plans/
# reproduce it (pgkeel plan --check), applies them with `pgkeel apply` to a
# throwaway PostgreSQL 15, shows `pgkeel status` and a zero `pgkeel drift`
# (the declared schema loaded into pgkeel's embedded dev database and compared
# with the live one), applies again (everything is skipped), then reads the
# live catalog back as TOML (what adopting a database looks like) and shows
# that TOML loads back into exactly the live schema.
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
    echo "== 1. schemas/ (TOML) loaded and checked"
    "$pgkeel" inspect --from schemas --format json --out "$work/declared.json"
    echo "   $(ls schemas/*.toml | wc -l) files, $(grep -c "^\[tables\." schemas/*.toml | awk -F: "{s+=\$2} END {print s}") tables; canonical JSON fingerprint $(sha256sum <"$work/declared.json" | cut -c1-16)..."
    echo "== 2. the committed plans/ reproduce schemas/ (pgkeel plan --check)"
    "$pgkeel" plan --check
    echo "--- plans/0001_initial/plan.md (first lines)"
    head -n 12 plans/0001_initial/plan.md
    echo "   ..."
    echo "== 3. plans/ applied with pgkeel apply to a throwaway PostgreSQL 15 (unix socket $PGHOST)"
    createdb quickstart
    "$pgkeel" apply --db dbname=quickstart | grep -v "^  0001_initial step" | tail -n 6
    echo "== 4. pgkeel status, and pgkeel drift against schemas/ (exit 0: no drift)"
    "$pgkeel" status --db dbname=quickstart
    "$pgkeel" drift --db dbname=quickstart
    echo "== 5. applying again runs nothing"
    "$pgkeel" apply --db dbname=quickstart
    echo "== 6. the live database read back and written as TOML, one file per table"
    "$pgkeel" inspect --db dbname=quickstart --format json --out "$work/live.json"
    "$pgkeel" inspect --db dbname=quickstart --format toml --out "$work/adopted/"
    find "$work/adopted" -name "*.toml" | sed "s|$work/||" | sort | head -n 8
    echo "   ..."
    echo "--- adopted/crm/leads.toml (first lines)"
    head -n 24 "$work/adopted/crm/leads.toml"
    echo "   ..."
    echo "== 7. that TOML loads back into exactly the live schema"
    "$pgkeel" inspect --from "$work/adopted" --format json --out "$work/adopted.json"
    if cmp -s "$work/live.json" "$work/adopted.json"; then
        echo "== live schema and adopted TOML match (fingerprint $(sha256sum <"$work/live.json" | cut -c1-16)...)"
    else
        diff "$work/live.json" "$work/adopted.json" | head -n 40 || true
        echo "== live schema and adopted TOML differ" >&2
        exit 1
    fi
' quickstart "$pgkeel"
