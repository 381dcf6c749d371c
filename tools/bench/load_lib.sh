# Shared by apply_bench.sh and backfill_bench.sh (sourced): a concurrent
# writer (pgbench, 4 clients, 400 transactions/s of single-row updates and
# inserts on public.orders) around a command, and the writer's latencies.
# Needs: $work (a temp dir), $pgbin, $rows.

write_writer_script() {
    cat >"$work/writer.sql" <<EOF
\set id random(1, $rows)
\set acc random(1, 1000)
\set nid random(10000000000, 90000000000)
BEGIN;
UPDATE public.orders SET amount = amount + 1 WHERE id = :id;
INSERT INTO public.orders (id, account_id, amount, note) VALUES (:nid, :acc, 1, 'w') ON CONFLICT DO NOTHING;
END;
EOF
}

# under_load DB CMD...: runs CMD while the writer runs on DB; prints the
# seconds CMD took, and the writer's p99 and longest latency (ms) during it,
# and how many transactions that covers.
under_load() {
    local db="$1"; shift
    rm -f "$work"/pgbench_log.*
    (cd "$work" && exec "$pgbin/pgbench" -n -f writer.sql -c 4 -j 2 -R 400 -T 3600 -l --log-prefix=pgbench_log "$db" >/dev/null 2>&1) &
    local bench=$!
    sleep 3
    local t0 t1
    t0=$(date +%s.%N)
    "$@" >"$work/cmd.log" 2>&1 || { echo "command failed:" >&2; cat "$work/cmd.log" >&2; }
    t1=$(date +%s.%N)
    sleep 2
    kill -INT "$bench" 2>/dev/null || true
    wait "$bench" 2>/dev/null || true
    # log lines: client_id transaction_no time script_no time_epoch time_us [schedule_lag]
    python3 - "$t0" "$t1" "$work" <<'EOF'
import glob, sys
t0, t1, work = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
lat = []
for f in glob.glob(work + "/pgbench_log.*"):
    for line in open(f):
        p = line.split()
        if len(p) < 6: continue
        end = int(p[4]) + int(p[5]) / 1e6
        ms = int(p[2]) / 1000.0 + (int(p[6]) / 1000.0 if len(p) > 6 else 0)
        start = end - ms / 1000.0
        if end >= t0 and start <= t1 + 0.5:
            lat.append(ms)
lat.sort()
p99 = lat[int(len(lat) * 0.99) - 1] if lat else 0
print(f"{t1 - t0:.2f} {p99:.1f} {lat[-1] if lat else 0:.1f} {len(lat)}")
EOF
}
