#!/usr/bin/env bash
# pgkeel against pgmodeler-cli's diff, same run, same generated schema pair:
#   tools/with-postgres.sh tools/bench/compare_pgmodeler.sh [SIZES...]     (default: 100)
# The pair is compare.sh's (gen_schema.py --tables N, mutate_schema.py on it,
# both loaded into databases). Timed (median of 3, with peak RSS from /usr/bin/time):
#   pgkeel plan --from old.sql --to new.sql --format sql   (offline; the pg_dump --schema-only files, as compare.sh)
#   pgmodeler-cli --diff --input-db new --compare-to old   (Debian pgmodeler 1.0.0~beta1; two live databases)
# pgmodeler-cli runs headless (QT_QPA_PLATFORM=offscreen) with a private config
# folder made by its own --create-configs (XDG_CONFIG_HOME in the scratch dir,
# so ~/.config is not touched), and connects through the unix socket in
# $PGHOST with -H/-p/-u (no connections.conf alias needed). It gets
# --drop-missing (without it, it never drops the views and indexes the new side
# lost) and --force-drop-cols; it only writes the SQL (--save), never applies it.
# Then each tool's SQL is applied with psql to a database loaded with the old
# side and compared with the new one, as compare.sh does.
# Installs pgmodeler (apt) when missing. With KEEP=DIR, the pair, each tool's
# SQL and the psql logs are copied to DIR at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ $# -gt 0 ]]; then sizes=("$@"); else sizes=(100); fi
pgkeel="$PWD/build-release/src/pgkeel"
[[ -x "$pgkeel" ]] || { echo "compare_pgmodeler: $pgkeel not built (meson setup build-release -Dbuildtype=release && ninja -C build-release)" >&2; exit 1; }
if ! command -v pgmodeler-cli >/dev/null; then
    apt-get install -y -q pgmodeler >/dev/null 2>&1 || true
    command -v pgmodeler-cli >/dev/null || {
        echo "compare_pgmodeler: pgmodeler-cli not found, and 'apt-get install -y pgmodeler' did not provide it" \
             "(needs root and Debian's pgmodeler package, 1.0.0~beta1 in Debian 12; run 'apt-get update' first)" >&2
        exit 1
    }
fi
work="$(mktemp -d)"
trap '[[ -n "${KEEP:-}" ]] && mkdir -p "$KEEP" && cp "$work"/*.sql "$work"/*.log "$work"/*.err "$KEEP"/ 2>/dev/null; rm -rf "$work"' EXIT
. tools/bench/compare_lib.sh  # url, median, load_pair, time_tool, same_schema, apply_result

export QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$work/config" XDG_RUNTIME_DIR="$work/runtime"
mkdir -p "$XDG_CONFIG_HOME" && mkdir -m 700 "$XDG_RUNTIME_DIR"
pgmodeler-cli --create-configs --silent >"$work/create-configs.log" 2>&1 \
    || { echo "compare_pgmodeler: pgmodeler-cli --create-configs failed:" >&2; cat "$work/create-configs.log" >&2; exit 1; }
pgmodeler-cli --help >"$work/help.log" 2>&1 || true
echo "pgmodeler-cli: $(grep -m1 '^Version' "$work/help.log" || echo 'version unknown')"

printf "%-7s %-10s %9s %9s %8s  %s\n" tables tool seconds peak_MiB ratio "result (applied to the old database)"
for n in "${sizes[@]}"; do
    load_pair "$n"
    declare -A cmd=(
        [pgkeel]="$pgkeel plan --from $work/old.dump.sql --to $work/new.dump.sql --format sql"
        # --save writes the SQL to --output; stdout is progress, kept as TOOL.err
        [pgmodeler]="pgmodeler-cli --diff --silent --input-db cmp_new --compare-to cmp_old -H '$PGHOST' -p '$PGPORT' -u '${PGUSER:-postgres}' -D postgres --drop-missing --force-drop-cols --save --output $work/pgmodeler.out.sql 1>&2 && cat $work/pgmodeler.out.sql"
    )
    base=""
    for tool in pgkeel pgmodeler; do
        rm -f "$work/pgmodeler.out.sql"
        read -r secs rss < <(time_tool "$tool" "${cmd[$tool]}")
        [[ -z "$base" ]] && base="$secs"
        ratio=$(python3 -c "print('%.1fx' % ($secs / $base))")
        result="$(apply_result "$tool")"
        printf "%-7s %-10s %9s %9s %8s  %s\n" "$n" "$tool" "$secs" "$((rss / 1024))" "$ratio" "$result"
        if [[ "$result" == "apply failed:"* ]]; then
            # what the rest of the SQL does: applied again past its errors
            echo "        first error in full: $(grep -m1 -A1 -E 'ERROR' "$work/$tool.apply.log" | grep -v '^LINE' | tr '\n' ' ' | cut -c1-300)"
            dropdb --if-exists cmp_apply 2>/dev/null || true; createdb cmp_apply
            psql -qX -d cmp_apply -f "$work/old.sql" >/dev/null
            psql -qX -d cmp_apply -f "$work/$tool.sql" >"$work/$tool.lenient.log" 2>&1 || true
            echo "        past errors ($(grep -c ERROR "$work/$tool.lenient.log") of them): $(same_schema cmp_apply cmp_new | cut -c1-200)"
        fi
    done
done
