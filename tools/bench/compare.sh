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
# TOOLS="pgkeel apgdiff" leaves migra out (it takes minutes per run from 5,000 tables on).
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

. tools/bench/compare_lib.sh  # url, median, load_pair, time_tool, same_schema, apply_result

printf "%-7s %-8s %9s %9s %8s  %s\n" tables tool seconds peak_MiB ratio "result (applied to the old database)"
for n in "${sizes[@]}"; do
    load_pair "$n"
    declare -A cmd=(
        [pgkeel]="$pgkeel plan --from $work/old.dump.sql --to $work/new.dump.sql --format sql"
        [apgdiff]="apgdiff $work/old.dump.sql $work/new.dump.sql"
        [migra]="$migra '$(url cmp_old)' '$(url cmp_new)' --unsafe"
    )
    base=""
    for tool in ${TOOLS:-pgkeel apgdiff migra}; do
        read -r secs rss < <(time_tool "$tool" "${cmd[$tool]}")
        [[ -z "$base" ]] && base="$secs"
        ratio=$(python3 -c "print('%.1fx' % ($secs / $base))")
        result="$(apply_result "$tool")"
        printf "%-7s %-8s %9s %9s %8s  %s\n" "$n" "$tool" "$secs" "$((rss / 1024))" "$ratio" "$result"
    done
done
