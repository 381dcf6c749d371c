# Shared pieces of the diff-tool comparisons (compare.sh, compare_pgmodeler.sh).
# Sourced, not run. The caller sets:
#   pgkeel   path of the pgkeel binary
#   work     a scratch directory (the caller removes it)
# and runs under tools/with-postgres.sh (PGHOST, PGPORT, PGUSER exported).
# Databases used: cmp_old, cmp_new (the pair) and cmp_apply (old + a tool's SQL).

url() { echo "postgresql://${PGUSER:-postgres}@/$1?host=$PGHOST&port=$PGPORT"; }

# median of three "seconds rss_kib" lines
median() { sort -n | sed -n 2p; }

# load_pair N: $work/old.sql (gen_schema.py --tables N) and $work/new.sql
# (mutate_schema.py on it), loaded into cmp_old and cmp_new, and their
# pg_dump --schema-only output in $work/old.dump.sql and $work/new.dump.sql.
load_pair() {
    python3 tools/bench/gen_schema.py --tables "$1" --out "$work/old.sql"
    python3 tools/bench/mutate_schema.py "$work/old.sql" >"$work/new.sql"
    local db
    for db in old new; do
        dropdb --if-exists "cmp_$db" 2>/dev/null || true; createdb "cmp_$db"
        psql -qX -v ON_ERROR_STOP=1 -d "cmp_$db" -f "$work/$db.sql" >/dev/null
        # the file tools compare pg_dump's output (apgdiff parses only that form)
        # (without psql's \restrict lines, which apgdiff cannot read)
        pg_dump --schema-only -d "cmp_$db" | grep -v '^\\' >"$work/$db.dump.sql"
    done
}

# time_tool TOOL CMD: runs CMD (a bash command line) three times with its
# stdout in $work/TOOL.sql and stderr in $work/TOOL.err; prints the median
# "seconds rss_kib" of /usr/bin/time.
time_tool() {
    local i
    for i in 1 2 3; do
        /usr/bin/time -f "%e %M" -o "$work/time.$i" bash -c "$2 >$work/$1.sql 2>$work/$1.err" || true
    done
    for i in 1 2 3; do tail -n 1 "$work/time.$i"; done | median
}

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

# apply_result TOOL: applies $work/TOOL.sql with psql to a fresh cmp_apply
# loaded with $work/old.sql, and prints "correct" or what went wrong
# (psql's log in $work/TOOL.apply.log).
apply_result() {
    dropdb --if-exists cmp_apply 2>/dev/null || true; createdb cmp_apply
    psql -qX -v ON_ERROR_STOP=1 -d cmp_apply -f "$work/old.sql" >/dev/null
    if [[ ! -s "$work/$1.sql" ]]; then
        echo "no output: $(head -c 160 "$work/$1.err" | tr '\n' ' ')"
    elif ! psql -qX -v ON_ERROR_STOP=1 -d cmp_apply -f "$work/$1.sql" >"$work/$1.apply.log" 2>&1; then
        echo "apply failed: $(grep -m1 ERROR "$work/$1.apply.log" | cut -c1-140)"
    else
        same_schema cmp_apply cmp_new | cut -c1-200
    fi
}
