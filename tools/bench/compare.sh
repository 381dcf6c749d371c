#!/usr/bin/env bash
# pgkeel against other diff tools, same run, same generated schema pairs:
#   tools/with-postgres.sh tools/bench/compare.sh [SIZES...]     (default: 1000 5000)
# For each size N: the old side is gen_schema.py --tables N, the new side
# mutate_schema.py on it. Timed (median of 3, with peak RSS from /usr/bin/time):
#   pgkeel plan --from old.sql --to new.sql --format sql   (offline; the pg_dump --schema-only files of both databases)
#   apgdiff old.sql new.sql                                 (Debian apgdiff; the same two files)
#   migra postgresql://.../old postgresql://.../new --unsafe (npm @pgkit/migra; two live databases)
# Then each tool's SQL is applied with psql to a database loaded with the old
# side, and the result is compared with a database loaded with the new side
# (pgkeel inspect --format json, columns compared by name).
# Installs apgdiff (apt) and migra (npm, into build-release/competitors) when missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ $# -gt 0 ]]; then sizes=("$@"); else sizes=(1000 5000); fi
pgkeel="$PWD/build-release/src/pgkeel"
[[ -x "$pgkeel" ]] || { meson setup build-release -Dbuildtype=release >/dev/null 2>&1 || true; ninja -C build-release src/pgkeel; }
command -v apgdiff >/dev/null || apt-get install -y -q apgdiff >/dev/null
migra="$PWD/build-release/competitors/node_modules/.bin/migra"
[[ -x "$migra" ]] || npm install --prefix "$PWD/build-release/competitors" @pgkit/migra@0.6.1 >/dev/null 2>&1
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

url() { echo "postgresql://${PGUSER:-postgres}@/$1?host=$PGHOST&port=$PGPORT"; }

# median of three "seconds rss_kib" lines
median() { sort -n | sed -n 2p; }

same_schema() {  # db_a db_b -> "correct" or a reason
    "$pgkeel" inspect --db "dbname=$1" --format json >"$work/a.json"
    "$pgkeel" inspect --db "dbname=$2" --format json >"$work/b.json"
    python3 - "$work/a.json" "$work/b.json" <<'EOF'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for cat in (a, b):
    for t in cat.get("tables", {}).values():
        t["columns"] = sorted(t.get("columns", []), key=lambda c: c["name"])
if a == b:
    print("correct")
else:
    kinds = [k for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]
    diff = []
    for k in kinds:
        ka, kb = a.get(k, {}), b.get(k, {})
        names = sorted(n for n in set(ka) | set(kb) if ka.get(n) != kb.get(n))
        diff.append("%s: %d differ (e.g. %s)" % (k, len(names), names[0] if names else "?"))
    print("wrong schema: " + "; ".join(diff))
EOF
}

printf "%-7s %-8s %9s %9s %8s  %s\n" tables tool seconds peak_MiB ratio "result (applied to the old database)"
for n in "${sizes[@]}"; do
    python3 tools/bench/gen_schema.py --tables "$n" --out "$work/old.sql"
    python3 tools/bench/mutate_schema.py "$work/old.sql" >"$work/new.sql"
    for db in old new; do
        dropdb --if-exists "cmp_$db" 2>/dev/null || true; createdb "cmp_$db"
        psql -qX -v ON_ERROR_STOP=1 -d "cmp_$db" -f "$work/$db.sql" >/dev/null
        # the file tools compare pg_dump's output (apgdiff parses only that form)
        # (without psql's \restrict lines, which apgdiff cannot read)
        pg_dump --schema-only -d "cmp_$db" | grep -v '^\\' >"$work/$db.dump.sql"
    done
    declare -A cmd=(
        [pgkeel]="$pgkeel plan --from $work/old.dump.sql --to $work/new.dump.sql --format sql"
        [apgdiff]="apgdiff $work/old.dump.sql $work/new.dump.sql"
        [migra]="$migra '$(url cmp_old)' '$(url cmp_new)' --unsafe"
    )
    base=""
    for tool in pgkeel apgdiff migra; do
        for i in 1 2 3; do
            /usr/bin/time -f "%e %M" -o "$work/time.$i" bash -c "${cmd[$tool]} >$work/$tool.sql 2>$work/$tool.err" || true
        done
        read -r secs rss < <(for i in 1 2 3; do tail -n 1 "$work/time.$i"; done | median)
        [[ -z "$base" ]] && base="$secs"
        ratio=$(python3 -c "print('%.1fx' % ($secs / $base))")
        dropdb --if-exists cmp_apply 2>/dev/null || true; createdb cmp_apply
        psql -qX -v ON_ERROR_STOP=1 -d cmp_apply -f "$work/old.sql" >/dev/null
        if [[ ! -s "$work/$tool.sql" ]]; then
            result="no output: $(head -c 160 "$work/$tool.err" | tr '\n' ' ')"
        elif ! psql -qX -v ON_ERROR_STOP=1 -d cmp_apply -f "$work/$tool.sql" >"$work/apply.log" 2>&1; then
            result="apply failed: $(grep -m1 ERROR "$work/apply.log" | cut -c1-140)"
        else
            result="$(same_schema cmp_apply cmp_new | cut -c1-200)"
        fi
        printf "%-7s %-8s %9s %9s %8s  %s\n" "$n" "$tool" "$secs" "$((rss / 1024))" "$ratio" "$result"
    done
done
