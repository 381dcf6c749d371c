#!/usr/bin/env bash
# The executor under load: on a table of ROWS rows (default 1,000,000) with a
# concurrent writer (pgbench, custom script, fixed arrival rate), apply a plan
# that adds an index, a foreign key, a NOT NULL and a CHECK, with
# `pgkeel apply`; then, on an identical database in the same run, apply the
# same changes as plain ALTER / CREATE statements. Prints the writer's longest
# stall and p99 latency during each, and their ratio.
#   tools/with-postgres.sh tools/bench/apply_bench.sh [ROWS] [PGKEEL]
set -euo pipefail
rows="${1:-1000000}"
pgkeel="${2:-$PWD/build-release/src/pgkeel}"
pgbin="${PGKEEL_TEST_PGBIN:-/usr/lib/postgresql/15/bin}"
work="$(mktemp -d /tmp/pgkeel-applybench.XXXXXX)"
chmod 777 "$work"
trap 'rm -rf "$work"' EXIT

cat >"$work/v1.sql" <<'EOF'
CREATE TABLE public.accounts (id bigint PRIMARY KEY, name text);
CREATE TABLE public.orders (id bigint PRIMARY KEY, account_id bigint, amount integer, note text);
EOF
cat >"$work/v2.sql" <<'EOF'
CREATE TABLE public.accounts (id bigint PRIMARY KEY, name text);
CREATE TABLE public.orders (id bigint PRIMARY KEY, account_id bigint REFERENCES public.accounts (id), amount integer CHECK (amount >= 0), note text NOT NULL);
CREATE INDEX orders_account_idx ON public.orders (account_id);
EOF
# The same changes, the way a hand-written migration writes them.
cat >"$work/plain.sql" <<'EOF'
CREATE INDEX orders_account_idx ON public.orders (account_id);
ALTER TABLE public.orders ADD CONSTRAINT orders_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts (id);
ALTER TABLE public.orders ALTER COLUMN note SET NOT NULL;
ALTER TABLE public.orders ADD CONSTRAINT orders_amount_check CHECK (amount >= 0);
EOF
source "$(dirname "$0")/load_lib.sh"
write_writer_script

"$pgkeel" plan --to "$work/v1.sql" --plans "$work/plans" >/dev/null 2>&1
cp -r "$work/plans" "$work/plans1"  # the first plan alone: the set-up
"$pgkeel" plan --to "$work/v2.sql" --plans "$work/plans" --name constraints >/dev/null 2>&1

setup() {
    createdb "$1"
    "$pgkeel" apply --db "dbname=$1" --plans "$work/plans1" --dev-db dbname=postgres >/dev/null
    psql -qX -d "$1" -v ON_ERROR_STOP=1 <<EOF >/dev/null
INSERT INTO public.accounts SELECT g, 'a' || g FROM generate_series(1, 1000) g;
INSERT INTO public.orders SELECT g, g % 1000 + 1, g % 100, 'n' FROM generate_series(1, $rows) g;
VACUUM ANALYZE;
EOF
}

echo "apply_bench: $rows rows; writer: pgbench, 4 clients, 400 tx/s (update + insert)"
setup bench_pgkeel
setup bench_plain
read -r k_secs k_p99 k_max k_n < <(under_load bench_pgkeel "$pgkeel" apply --db dbname=bench_pgkeel --plans "$work/plans" --dev-db dbname=postgres --allow-hazards)
grep -E "RUN|postflight|applied:" "$work/cmd.log" | sed 's/^/  pgkeel: /'
read -r p_secs p_p99 p_max p_n < <(under_load bench_plain psql -qX -v ON_ERROR_STOP=1 -d bench_plain -f "$work/plain.sql")
printf '%-28s %10s %12s %16s %8s\n' "" "duration s" "writer p99 ms" "longest stall ms" "txns"
printf '%-28s %10s %12s %16s %8s\n' "pgkeel apply (online forms)" "$k_secs" "$k_p99" "$k_max" "$k_n"
printf '%-28s %10s %12s %16s %8s\n' "plain ALTER / CREATE" "$p_secs" "$p_p99" "$p_max" "$p_n"
python3 -c "
k_p99, k_max, p_p99, p_max = $k_p99, $k_max, $p_p99, $p_max
print(f'longest stall: pgkeel {k_max:.0f} ms vs plain {p_max:.0f} ms ({p_max / max(k_max, 0.001):.1f}x shorter with pgkeel)')
print(f'p99 latency:   pgkeel {k_p99:.1f} ms vs plain {p_p99:.1f} ms ({p_p99 / max(k_p99, 0.001):.1f}x)')
"
