#!/usr/bin/env bash
# The backfill runner against one UPDATE: on a table of ROWS rows (default
# 10,000,000), fill a new column (cents = amount * 100) with
# `pgkeel backfill` (keyset batches), and on an identical table in the same
# run with one plain UPDATE, each under the same concurrent writer. Prints
# the throughput ratio and the writer's p99 and longest stall during each.
#   tools/with-postgres.sh tools/bench/backfill_bench.sh [ROWS] [PGKEEL]
set -euo pipefail
rows="${1:-10000000}"
pgkeel="${2:-$PWD/build-release/src/pgkeel}"
pgbin="${PGKEEL_TEST_PGBIN:-/usr/lib/postgresql/15/bin}"
work="$(mktemp -d /tmp/pgkeel-backfillbench.XXXXXX)"
chmod 777 "$work"
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/load_lib.sh"
write_writer_script

cat >"$work/v1.toml" <<'EOF'
schema = "public"
[tables.orders]
primary_key = { columns = ["id"] }
columns = [
  { name = "id", type = "bigint", not_null = true },
  { name = "account_id", type = "bigint" },
  { name = "amount", type = "integer" },
  { name = "note", type = "text" },
]
EOF
sed 's/  { name = "note", type = "text" },/  { name = "note", type = "text" },\n  { name = "cents", type = "bigint", not_null = true, backfill = "amount * 100" },/' "$work/v1.toml" >"$work/v2.toml"
"$pgkeel" plan --to "$work/v1.toml" --plans "$work/plans" >/dev/null 2>&1
"$pgkeel" plan --to "$work/v2.toml" --plans "$work/plans" --name cents >/dev/null 2>&1

setup() {
    createdb "$1"
    psql -qX -d "$1" -v ON_ERROR_STOP=1 <<EOF >/dev/null
CREATE TABLE public.orders (id bigint PRIMARY KEY, account_id bigint, amount integer, note text);
INSERT INTO public.orders SELECT g, g % 1000 + 1, g % 100, 'n' FROM generate_series(1, $rows) g;
VACUUM ANALYZE public.orders;
EOF
}

echo "backfill_bench: $rows rows; writer: pgbench, 4 clients, 400 tx/s (update + insert)"
setup bench_backfill
setup bench_update
# pgkeel: apply runs the pre phase (column + transition trigger) and stops before the backfill
"$pgkeel" apply --db dbname=bench_backfill --plans "$work/plans" --dev-db dbname=postgres --allow-hazards >/dev/null
read -r b_secs b_p99 b_max b_n < <(under_load bench_backfill "$pgkeel" backfill --db dbname=bench_backfill --plans "$work/plans" --all --progress never)
tail -n 2 "$work/cmd.log" | sed 's/^/  pgkeel: /'
psql -qX -d bench_update -c "ALTER TABLE public.orders ADD COLUMN cents bigint" >/dev/null
read -r u_secs u_p99 u_max u_n < <(under_load bench_update psql -qX -v ON_ERROR_STOP=1 -d bench_update -c "UPDATE public.orders SET cents = amount * 100")
nulls=$(psql -qXAt -d bench_backfill -c "SELECT count(*) FROM public.orders WHERE cents IS DISTINCT FROM amount * 100")
printf '%-26s %10s %12s %13s %16s %8s\n' "" "duration s" "rows/s" "writer p99 ms" "longest stall ms" "txns"
printf '%-26s %10s %12.0f %13s %16s %8s\n' "pgkeel backfill (batches)" "$b_secs" "$(python3 -c "print($rows / $b_secs)")" "$b_p99" "$b_max" "$b_n"
printf '%-26s %10s %12.0f %13s %16s %8s\n' "one UPDATE" "$u_secs" "$(python3 -c "print($rows / $u_secs)")" "$u_p99" "$u_max" "$u_n"
python3 -c "
print(f'throughput: pgkeel backfill {$u_secs / $b_secs:.2f}x of one UPDATE (target >= 0.5x)')
print(f'writer longest stall: {$b_max:.0f} ms during the backfill vs {$u_max:.0f} ms during the UPDATE; p99 {$b_p99:.1f} vs {$u_p99:.1f} ms')
"
echo "rows not filled correctly after the backfill: $nulls"
