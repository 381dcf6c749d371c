#!/usr/bin/env bash
# Benchmark of `pgkeel inspect` against references measured in the same run.
#
#   tools/bench/introspect.sh [N ...]            (default sizes: 1000 10000)
#
# For each schema size N (tables):
#   1. generate a schema with tools/bench/gen_schema.py --tables N,
#   2. start a throwaway PostgreSQL 15 cluster (temp dir, unix socket only,
#      fsync=off; stopped and removed on exit, failure or interrupt) and load it,
#   3. live side:  (a) pg_dump --schema-only  vs  (b) pgkeel inspect --db,
#   4. file side:  (c) raw_parse (libpg_query alone, in-process parse time)
#                  vs  (d) pgkeel inspect --from FILE.sql,
# and prints a markdown table of best-of-REPEAT wall times, peak RSS and the
# ratios b/a and d/c on stdout. Progress goes to stderr. Times are reported,
# never judged: nothing here fails on a slow result.
#
# Environment:
#   PGKEEL        pgkeel binary        (default build-release/src/pgkeel)
#   RAW_PARSE     raw_parse binary     (default build-release/tools/bench/raw_parse)
#   SIZES         sizes if no args     (default "1000 10000")
#   BENCH_REPEAT  runs per measurement, best kept (default 3)
#   BENCH_SEED    gen_schema.py seed   (default 1)
#   BENCH_PGPORT  cluster port; the socket lives in the temp dir (default 5498)
#   PGKEEL_PGBIN  PostgreSQL bin dir   (default /usr/lib/postgresql/15/bin)
#   SKIP_PGKEEL=1 measure only the references (a) and (c); pgkeel columns n/a
# Relative default paths are taken from the repository root.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

die() { echo "introspect.sh: $*" >&2; exit 1; }
note() { echo "introspect.sh: $*" >&2; }

PGKEEL="${PGKEEL:-$root/build-release/src/pgkeel}"
RAW_PARSE="${RAW_PARSE:-$root/build-release/tools/bench/raw_parse}"
REPEAT="${BENCH_REPEAT:-3}"
SEED="${BENCH_SEED:-1}"
PORT="${BENCH_PGPORT:-5498}"
SKIP_PGKEEL="${SKIP_PGKEEL:-0}"
if (($# > 0)); then sizes=("$@"); else read -r -a sizes <<<"${SIZES:-1000 10000}"; fi

[[ "$REPEAT" =~ ^[1-9][0-9]*$ ]] || die "BENCH_REPEAT must be a positive integer, got '$REPEAT'"
for n in "${sizes[@]}"; do
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "size must be a positive integer, got '$n'"
done

# ---- tools -----------------------------------------------------------------

if [[ "$SKIP_PGKEEL" != 1 ]]; then
    [[ -e "$PGKEEL" ]] || die "pgkeel binary not found at '$PGKEEL'.
  Build it first (e.g. meson setup build-release --buildtype=release && ninja -C build-release),
  point PGKEEL at it, or run with SKIP_PGKEEL=1 to measure only the references."
    [[ -x "$PGKEEL" ]] || die "pgkeel binary '$PGKEEL' is not executable"
fi
[[ -e "$RAW_PARSE" ]] || die "raw_parse binary not found at '$RAW_PARSE'.
  Build it (ninja -C build-release tools/bench/raw_parse), or point RAW_PARSE at it
  (one-off: g++ -std=c++20 -O2 tools/bench/raw_parse.cpp -lpg_query -o /tmp/raw_parse)."
[[ -x "$RAW_PARSE" ]] || die "raw_parse binary '$RAW_PARSE' is not executable"
command -v python3 >/dev/null || die "python3 not found (needed for gen_schema.py)"

pgbin="${PGKEEL_PGBIN:-}"
if [[ -z "$pgbin" ]]; then
    for b in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
        [[ -x "$b/initdb" ]] && { pgbin="$b"; break; }
    done
fi
[[ -x "$pgbin/initdb" && -x "$pgbin/pg_ctl" ]] || die "initdb/pg_ctl not found (install postgresql-15 or set PGKEEL_PGBIN)"
psql="$pgbin/psql"; [[ -x "$psql" ]] || psql="$(command -v psql)" || die "psql not found"
pg_dump="$pgbin/pg_dump"; [[ -x "$pg_dump" ]] || pg_dump="$(command -v pg_dump)" || die "pg_dump not found"

if [[ -x /usr/bin/time ]]; then
    gnu_time=/usr/bin/time
else
    gnu_time=""
    note "/usr/bin/time not found (Debian package 'time'): timing with bash only, peak RSS shown as n/a"
fi

as_pg=()
if [[ "$(id -u)" == 0 ]]; then
    id postgres >/dev/null 2>&1 || die "running as root needs a 'postgres' user (initdb refuses root)"
    as_pg=(runuser -u postgres --)
fi

# ---- throwaway cluster -----------------------------------------------------

work="$(mktemp -d /tmp/pgkeel-bench.XXXXXX)"   # generated SQL, scratch files
pgdir=""                                         # current cluster, if any

stop_cluster() {
    if [[ -n "$pgdir" ]]; then
        if [[ -f "$pgdir/data/postmaster.pid" ]]; then
            "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -m fast -w stop >/dev/null 2>&1 ||
                "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate -w stop >/dev/null 2>&1 || true
        fi
        rm -rf "$pgdir"
        pgdir=""
    fi
}
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    stop_cluster
    rm -rf "$work"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_cluster() {
    pgdir="$(mktemp -d /tmp/pgkeel-bench-pg.XXXXXX)"
    chmod 755 "$pgdir"
    [[ ${#as_pg[@]} -eq 0 ]] || chown postgres: "$pgdir"
    "${as_pg[@]}" "$pgbin/initdb" -D "$pgdir/data" -U postgres --auth=trust --no-sync -E UTF8 --locale=C.UTF-8 \
        >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log" >&2; die "initdb failed"; }
    "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -s \
        -o "-k $pgdir -p $PORT -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start || { cat "$pgdir/server.log" >&2; die "pg_ctl start failed"; }
}

# ---- measuring -------------------------------------------------------------

now() { date +%s.%N; }
fsub() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.6f", a - b }'; }
fmin() { awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a + 0 < b + 0) ? a : b }'; }
fmax() { awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a + 0 > b + 0) ? a : b }'; }
ratio() {
    if [[ "$1" == n/a || "$2" == n/a ]]; then echo n/a; return; fi
    awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.2f", a / b; else print "n/a" }'
}
secs() { if [[ "$1" == n/a ]]; then echo n/a; else awk -v a="$1" 'BEGIN { printf "%.3f", a }'; fi; }
mib() { if [[ "$1" == n/a ]]; then echo n/a; else awk -v a="$1" 'BEGIN { printf "%.1f", a / 1024 }'; fi; }

# measure LABEL CMD...: runs CMD REPEAT times, stdout discarded; sets
# M_SECS (best wall time) and M_RSS (largest peak RSS in KiB, or n/a).
# A failing run aborts the benchmark with the command's stderr.
measure() {
    local label="$1"; shift
    local i s e t best="" rss=""
    for ((i = 1; i <= REPEAT; i++)); do
        s="$(now)"
        if [[ -n "$gnu_time" ]]; then
            if ! "$gnu_time" -f '%M' -o "$work/rss" "$@" >/dev/null 2>"$work/stderr"; then
                cat "$work/stderr" >&2
                die "$label failed: $*"
            fi
        elif ! "$@" >/dev/null 2>"$work/stderr"; then
            cat "$work/stderr" >&2
            die "$label failed: $*"
        fi
        e="$(now)"
        t="$(fsub "$e" "$s")"
        best="$(fmin "$t" "$best")"
        [[ -z "$gnu_time" ]] || rss="$(fmax "$(tail -n 1 "$work/rss")" "$rss")"
    done
    M_SECS="$best"
    M_RSS="${rss:-n/a}"
    note "  $label: best ${M_SECS}s of $REPEAT, peak RSS ${M_RSS} KiB"
}

# ---- run -------------------------------------------------------------------

note "pgkeel: $([[ "$SKIP_PGKEEL" == 1 ]] && echo "skipped (SKIP_PGKEEL=1)" || echo "$PGKEEL")"
note "raw_parse: $RAW_PARSE; PostgreSQL: $pgbin; best of $REPEAT; sizes: ${sizes[*]}"

rows_live=()
rows_file=()
for n in "${sizes[@]}"; do
    sql="$work/schema_$n.sql"
    note "N=$n: generating schema"
    python3 "$here/gen_schema.py" --tables "$n" --seed "$SEED" --out "$sql"
    size_mib="$(awk -v b="$(stat -c %s "$sql")" 'BEGIN { printf "%.2f", b / 1048576 }')"

    note "N=$n: starting cluster and loading ${size_mib} MiB of DDL"
    start_cluster
    conn=(-h "$pgdir" -p "$PORT" -U postgres)
    "$psql" "${conn[@]}" -qX -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE bench" >/dev/null
    s="$(now)"
    "$psql" "${conn[@]}" -qX -v ON_ERROR_STOP=1 -d bench -f "$sql" >"$work/load.log" 2>&1 ||
        { tail -n 20 "$work/load.log" >&2; die "loading the generated schema failed (N=$n)"; }
    load_secs="$(fsub "$(now)" "$s")"
    note "  load: ${load_secs}s"

    # (a) reference: pg_dump --schema-only
    measure "pg_dump --schema-only" "$pg_dump" "${conn[@]}" --schema-only --file=/dev/null bench
    a_secs="$M_SECS"; a_rss="$M_RSS"

    # (b) pgkeel inspect --db
    b_secs=n/a; b_rss=n/a
    if [[ "$SKIP_PGKEEL" != 1 ]]; then
        measure "pgkeel inspect --db" "$PGKEEL" inspect \
            --db "host=$pgdir port=$PORT dbname=bench user=postgres" --format json --out /dev/null
        b_secs="$M_SECS"; b_rss="$M_RSS"
    fi
    stop_cluster

    # (c) reference: libpg_query alone (its own best of REPEAT, in-process)
    "$RAW_PARSE" "$sql" "$REPEAT" >"$work/raw_parse.out" 2>"$work/stderr" ||
        { cat "$work/stderr" >&2; die "raw_parse failed on $sql"; }
    c_secs="$(sed -n 's/^raw_parse_seconds=//p' "$work/raw_parse.out")"
    c_rss="$(sed -n 's/^peak_rss_kib=//p' "$work/raw_parse.out")"
    [[ -n "$c_secs" && -n "$c_rss" ]] || die "unexpected raw_parse output: $(cat "$work/raw_parse.out")"
    note "  raw_parse: best ${c_secs}s of $REPEAT, peak RSS ${c_rss} KiB"

    # (d) pgkeel inspect --from FILE.sql
    d_secs=n/a; d_rss=n/a
    if [[ "$SKIP_PGKEEL" != 1 ]]; then
        measure "pgkeel inspect --from" "$PGKEEL" inspect --from "$sql" --format json --out /dev/null
        d_secs="$M_SECS"; d_rss="$M_RSS"
    fi

    rows_live+=("| $n | $(secs "$load_secs") | $(secs "$a_secs") | $(secs "$b_secs") | $(ratio "$b_secs" "$a_secs") | $(mib "$a_rss") | $(mib "$b_rss") |")
    rows_file+=("| $n | $size_mib | $(secs "$c_secs") | $(secs "$d_secs") | $(ratio "$d_secs" "$c_secs") | $(mib "$c_rss") | $(mib "$d_rss") | $(ratio "$d_rss" "$c_rss") |")
done

echo "### pgkeel inspect benchmark (best of $REPEAT, seed $SEED)"
echo
echo "Live database: (a) \`pg_dump --schema-only\` vs (b) \`pgkeel inspect --db --format json\`."
echo
echo "| tables | load s | (a) pg_dump s | (b) inspect --db s | b/a | (a) RSS MiB | (b) RSS MiB |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows_live[@]}"
echo
echo "SQL file: (c) \`pg_query_parse\` of the whole file (in-process, raw_parse) vs"
echo "(d) \`pgkeel inspect --from FILE.sql --format json\` (whole process)."
echo
echo "| tables | SQL MiB | (c) raw parse s | (d) inspect --from s | d/c | (c) RSS MiB | (d) RSS MiB | RSS d/c |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows_file[@]}"
