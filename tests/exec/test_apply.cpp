// pgkeel apply / status / drift against a real PostgreSQL 15, directly and
// through pgbouncer in transaction pooling mode: the fault tests of the
// executor (crash after every step, changes made by hand, two executors, a
// lock held by another session, a failing step) and its refusals.
#include <doctest/doctest.h>

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <sstream>
#include <thread>

#include "exec/exec_support.hpp"

using namespace pgkeel::test;
namespace fs = std::filesystem;

namespace {

const char* kV1 = R"(CREATE TYPE public.status AS ENUM ('new', 'done');
CREATE TABLE public.accounts (id bigint PRIMARY KEY, name text);
CREATE TABLE public.orders (id bigint PRIMARY KEY, account_id bigint, status public.status, amount integer);
)";

// 14 steps: enum value (own transaction), columns, NOT VALID check and foreign
// key, two concurrent index builds (outside transactions), a view, SET NOT
// NULL through a validated check, validations.
const char* kV2 = R"(CREATE TYPE public.status AS ENUM ('new', 'paid', 'done');
CREATE TABLE public.accounts (id bigint PRIMARY KEY, name text NOT NULL, email text);
CREATE TABLE public.orders (id bigint PRIMARY KEY, account_id bigint REFERENCES public.accounts (id), status public.status,
  amount integer CHECK (amount > 0), note text);
CREATE INDEX orders_account_idx ON public.orders (account_id);
CREATE UNIQUE INDEX accounts_email_key ON public.accounts (email);
CREATE VIEW public.order_totals AS SELECT account_id, sum(amount) AS total FROM public.orders GROUP BY account_id;
)";

const char* kRows =
    "INSERT INTO public.accounts SELECT g, 'a' || g FROM generate_series(1, 200) g;"
    "INSERT INTO public.orders SELECT g, g % 200 + 1, 'new', g FROM generate_series(1, 2000) g;";

// A plans/ chain of two plans (v1, then v2) in a temp dir.
struct Project {
    std::string dir;
    int steps2 = 0;
    Project() {
        char tmpl[] = "/tmp/pgkeel-exec-XXXXXX";
        dir = mkdtemp(tmpl);
        write_text(dir + "/v1.sql", kV1);
        write_text(dir + "/v2.sql", kV2);
        std::string out;
        REQUIRE_MESSAGE(run(bin() + " plan --to " + dir + "/v1.sql --plans " + dir + "/plans", out) == 0, out);
        REQUIRE_MESSAGE(run(bin() + " plan --to " + dir + "/v2.sql --plans " + dir + "/plans --name orders", out) == 0, out);
        std::string json = read_text(dir + "/plans/0002_orders/plan.json");
        std::regex step_re("\"step\": \\d+");
        steps2 = static_cast<int>(std::distance(std::sregex_iterator(json.begin(), json.end(), step_re), std::sregex_iterator()));
    }
    ~Project() { fs::remove_all(dir); }
    Project(const Project&) = delete;
    Project& operator=(const Project&) = delete;
    [[nodiscard]] std::string plans() const { return dir + "/plans"; }
};

std::string apply_args(const Project& p, const std::string& url, const std::string& extra = "") {
    return "apply --db " + shell_quote(url) + " --plans " + p.plans() + kDev + " --allow-hazards --lock-timeout 1s " + extra;
}

int count(const TestDatabase& db, const std::string& where) {
    return std::stoi(q(db, "SELECT count(*) FROM pgkeel.schema_migrations WHERE " + where));
}

void expect_converged(const TestDatabase& db, const Project& p, const std::string& url) {
    CHECK(count(db, "status IN ('applied', 'reconciled')") == 3 + p.steps2);
    CHECK(count(db, "status NOT IN ('applied', 'reconciled')") == 0);
    std::string out;
    CHECK_MESSAGE(run_pgkeel("drift --db " + shell_quote(url) + " --to " + p.dir + "/v2.sql" + kDev, out) == 0, out);
    // the data survived and the new constraints hold
    CHECK(q(db, "SELECT count(*) FROM public.orders") == "2000");
}

}  // namespace

TEST_CASE("apply, status and drift: a chain of plans, applied once") {
    REQUIRE(have_cluster());
    Project p;
    for (const auto& route : kRoutes) {
        INFO("route: " << route.name);
        TestDatabase db("apply");
        std::string url = db_url(db, route.bouncer), out;
        CHECK_MESSAGE(run_pgkeel("status --db " + shell_quote(url) + " --plans " + p.plans(), out) == 0, out);
        CHECK(out.find("nothing recorded yet") != std::string::npos);
        // dry run: decisions, and nothing written (not even pgkeel's schema)
        CHECK_MESSAGE(run_pgkeel(apply_args(p, url, "--dry-run"), out) == 0, out);
        CHECK(out.find("0002_orders step 5 RUN: create index public.accounts_email_key") != std::string::npos);
        // decided against the database as it is now: the helper check's drop already "holds"
        CHECK(out.find("16 to run, 1 to reconcile, 0 already applied; nothing was written") != std::string::npos);
        CHECK(q(db, "SELECT count(*) FROM pg_namespace WHERE nspname = 'pgkeel'") == "0");

        CHECK_MESSAGE(run_pgkeel(apply_args(p, url), out) == 0, out);
        CHECK(out.find("postflight: ok") != std::string::npos);
        CHECK(out.find("applied: 17 run, 0 reconciled, 0 already applied") != std::string::npos);
        CHECK(count(db, "status = 'applied' AND finished_at IS NOT NULL AND duration_ms >= 0") == 17);
        CHECK_MESSAGE(run_pgkeel(apply_args(p, url), out) == 0, out);
        CHECK(out.find("nothing to apply: 2 plans already applied") != std::string::npos);
        CHECK_MESSAGE(run_pgkeel("status --db " + shell_quote(url) + " --plans " + p.plans(), out) == 0, out);
        CHECK(out.find("0002_orders  applied  14/14 steps") != std::string::npos);
        CHECK_MESSAGE(run_pgkeel("drift --db " + shell_quote(url) + " --to " + p.dir + "/v2.sql" + kDev, out) == 0, out);
        CHECK(out.find("no drift") != std::string::npos);
        // drift finds a change made behind pgkeel's back: exit 2 and the fix
        db.psql("ALTER TABLE public.orders DROP COLUMN note");
        CHECK(run_pgkeel("drift --db " + shell_quote(url) + " --to " + p.dir + "/v2.sql" + kDev, out) == 2);
        CHECK(out.find("add column note text to public.orders") != std::string::npos);
        CHECK(run_pgkeel("drift --db " + shell_quote(url) + " --to " + p.dir + "/v2.sql --format json" + kDev, out) == 2);
        CHECK(out.find("\"kind\": \"add_column\"") != std::string::npos);
    }
}

TEST_CASE("kill -9 after every step, then apply again: converges, history consistent") {
    REQUIRE(have_cluster());
    Project p;
    for (const auto& route : kRoutes) {
        for (int k = 1; k <= p.steps2; ++k) {
            INFO("route " << route.name << ", killed after statement " << k << " of plan 2");
            TestDatabase db("kill");
            std::string url = db_url(db, route.bouncer), out;
            // plan 1, then data, then plan 2 killed after its k-th statement
            db.psql(kV1);
            db.psql(kRows);
            // plan 1 is already there by hand: all of it reconciles
            int rc = run("PGKEEL_TEST_KILL_AFTER_STEP=" + std::to_string(k) + " " + bin() + " " + apply_args(p, url, "--lease-ttl 1s"), out);
            CHECK_MESSAGE(rc == 137, "expected the kill (exit 137), got " << rc << ":\n" << out);
            CHECK(count(db, "status = 'failed'") == 0);
            // a new run takes over the expired lease and finishes the work
            std::this_thread::sleep_for(std::chrono::milliseconds(1100));
            rc = run_pgkeel(apply_args(p, url), out);
            CHECK_MESSAGE(rc == 0, out);
            expect_converged(db, p, url);
            CHECK(count(db, "plan_id = '0001_initial' AND status = 'reconciled'") == 3);
        }
    }
}

TEST_CASE("a change already made by hand is reconciled, not run") {
    REQUIRE(have_cluster());
    Project p;
    for (const auto& route : kRoutes) {
        INFO("route: " << route.name);
        TestDatabase db("hand");
        std::string url = db_url(db, route.bouncer), out;
        db.psql(kV1);
        db.psql(kRows);
        db.psql("CREATE INDEX orders_account_idx ON public.orders USING btree (account_id); ALTER TABLE public.orders ADD COLUMN note text");
        CHECK_MESSAGE(run_pgkeel(apply_args(p, url), out) == 0, out);
        CHECK(out.find("0002_orders step 7/14 RECONCILE  create index public.orders_account_idx") != std::string::npos);
        CHECK(out.find("0002_orders step 3/14 RECONCILE  add column note text to public.orders") != std::string::npos);
        CHECK(count(db, "plan_id = '0002_orders' AND status = 'reconciled'") == 2);
        expect_converged(db, p, url);
    }
}

TEST_CASE("a database not at the plan's source is refused; a changed history is refused") {
    REQUIRE(have_cluster());
    Project p;
    TestDatabase db("source");
    std::string url = db.conninfo(), out;
    db.psql("CREATE TABLE public.stranger (id int)");
    CHECK(run_pgkeel(apply_args(p, url), out) == 1);
    CHECK(out.find("the database is not at plan 0001_initial's source schema") != std::string::npos);
    CHECK(out.find("drop table public.stranger") != std::string::npos);
    CHECK(q(db, "SELECT count(*) FROM pgkeel.schema_migrations") == "0");
    db.psql("DROP TABLE public.stranger");
    CHECK_MESSAGE(run_pgkeel(apply_args(p, url), out) == 0, out);
    db.psql("UPDATE pgkeel.schema_migrations SET sha256 = 'x' WHERE plan_id = '0002_orders' AND step = 3");
    CHECK(run_pgkeel(apply_args(p, url), out) == 1);
    CHECK(out.find("history changed") != std::string::npos);
    CHECK(out.find("0002_orders step 3") != std::string::npos);
}

TEST_CASE("hazards are refused before anything runs unless allowed") {
    REQUIRE(have_cluster());
    Project p;
    TestDatabase db("hazards");
    std::string base = "apply --db " + shell_quote(db.conninfo()) + " --plans " + p.plans() + kDev, out;
    CHECK(run_pgkeel(base, out) == 4);
    CHECK(out.find("--allow-hazards=INDEX_BUILD,VALIDATION_SCAN") != std::string::npos);
    CHECK(run_pgkeel(base + " --allow-hazards=INDEX_BUILD", out) == 4);
    CHECK(out.find("validate orders_amount_check of public.orders [VALIDATION_SCAN]") != std::string::npos);
    CHECK(out.find("[INDEX_BUILD]") == std::string::npos);
    CHECK(q(db, "SELECT count(*) FROM pg_namespace WHERE nspname IN ('pgkeel')") == "0");
    CHECK(run_pgkeel(base + " --allow-hazards=INDEX_BUILDS", out) == 5);
    CHECK(out.find("did you mean INDEX_BUILD?") != std::string::npos);
    CHECK_MESSAGE(run_pgkeel(base + " --allow-hazards=INDEX_BUILD,VALIDATION_SCAN", out) == 0, out);
}

TEST_CASE("a failing step stops the run; status shows it; fixed, the run completes") {
    REQUIRE(have_cluster());
    Project p;
    for (const auto& route : kRoutes) {
        INFO("route: " << route.name);
        TestDatabase db("fail");
        std::string url = db_url(db, route.bouncer), out;
        db.psql(kV1);
        db.psql(kRows);
        db.psql("UPDATE public.orders SET amount = -1 WHERE id = 7");  // violates the new CHECK
        CHECK(run_pgkeel(apply_args(p, url), out) == 1);
        CHECK(out.find("0002_orders step 14 (validate orders_amount_check of public.orders) failed") != std::string::npos);
        CHECK(out.find("violated by some row") != std::string::npos);
        CHECK(count(db, "plan_id = '0002_orders' AND step = 14 AND status = 'failed' AND error LIKE '%violated%'") == 1);
        CHECK(count(db, "plan_id = '0002_orders' AND status IN ('applied', 'reconciled')") == 13);
        CHECK_MESSAGE(run_pgkeel("status --db " + shell_quote(url) + " --plans " + p.plans(), out) == 0, out);
        CHECK(out.find("0002_orders  partial  13/14 steps") != std::string::npos);
        CHECK(out.find("failed: 0002_orders step 14") != std::string::npos);
        db.psql("UPDATE public.orders SET amount = 7 WHERE id = 7");
        CHECK_MESSAGE(run_pgkeel(apply_args(p, url), out) == 0, out);
        CHECK(count(db, "plan_id = '0002_orders' AND step = 14 AND status = 'applied' AND attempts = 2") == 1);
        expect_converged(db, p, url);
    }
}

TEST_CASE("a lock held by another session: retries, then exit 1 naming the blocker; the application never waits longer than the lock timeout") {
    REQUIRE(have_cluster());
    Project p;
    for (const auto& route : kRoutes) {
        INFO("route: " << route.name);
        TestDatabase db("lock");
        std::string url = db_url(db, route.bouncer), out;
        db.psql(kV1);
        db.psql(kRows);
        // another session reads accounts in a long transaction
        std::thread holder([&] {
            std::string o;
            run(pg_bin("psql") + " -qX -d " + db.name() +
                    " -c 'BEGIN' -c 'SELECT count(*) FROM public.accounts' -c 'SELECT pg_sleep(6)' -c 'COMMIT'",
                o);
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        // preflight sees it (the holder's transaction is older than the lock timeout) ...
        CHECK(run_pgkeel(apply_args(p, url), out) == 3);
        CHECK(out.find("locks on tables the plan touches") != std::string::npos);
        // ... and with --force, the lock timeout and retries name it; meanwhile
        // the application's reads of accounts are never stalled longer than the lock timeout
        std::atomic<long long> worst_ms{0};
        std::atomic<bool> stop{false};
        std::thread app([&] {
            while (!stop) {
                auto t0 = std::chrono::steady_clock::now();
                std::string o;
                run(pg_bin("psql") + " -qXAt -d " + db.name() + " -c 'SELECT count(*) FROM public.accounts'", o);
                long long ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
                worst_ms = std::max<long long>(worst_ms, ms);
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            }
        });
        int rc = run_pgkeel(apply_args(p, url, "--force --lock-timeout 300ms --lock-retries 2"), out);
        stop = true;
        app.join();
        holder.join();
        CHECK(rc == 1);
        CHECK(out.find("lock timeout") != std::string::npos);
        CHECK(out.find("retry 2/2") != std::string::npos);
        CHECK(std::regex_search(out, std::regex("blocked by pid \\d+ holds AccessShareLock \\(active for [0-9:]+\\): SELECT pg_sleep\\(6\\)")));
        CHECK_MESSAGE(worst_ms < 300 + 700, "an application read waited " << worst_ms << " ms");
        // once the holder is gone, the same command completes
        CHECK_MESSAGE(run_pgkeel(apply_args(p, url), out) == 0, out);
        expect_converged(db, p, url);
    }
}

TEST_CASE("two executors at once: one waits for the lease, nothing is applied twice") {
    REQUIRE(have_cluster());
    Project p;
    for (const auto& route : kRoutes) {
        INFO("route: " << route.name);
        TestDatabase db("two");
        std::string url = db_url(db, route.bouncer), out1, out2;
        db.psql(kV1);
        db.psql(kRows);
        // A lock held for 3 s makes the first executor slow (it retries);
        // the second waits for its lease, then finds everything recorded.
        std::thread holder([&] {
            std::string o;
            run(pg_bin("psql") + " -qX -d " + db.name() + " -c 'BEGIN' -c 'LOCK public.accounts IN ACCESS SHARE MODE' -c 'SELECT pg_sleep(3)' -c 'COMMIT'", o);
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        int rc1 = 0, rc2 = 0, rc3 = 0;
        std::string out3;
        std::thread first([&] { rc1 = run_pgkeel(apply_args(p, url, "--force --lock-timeout 500ms --lock-retries 10"), out1); });
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        rc3 = run_pgkeel(apply_args(p, url, "--force --wait 0"), out3);  // refuses at once
        rc2 = run_pgkeel(apply_args(p, url, "--force --wait 60s"), out2);  // waits
        first.join();
        holder.join();
        CHECK_MESSAGE(rc1 == 0, out1);
        CHECK(rc3 == 1);
        CHECK(out3.find("another pgkeel is applying to this database") != std::string::npos);
        CHECK_MESSAGE(rc2 == 0, out2);
        CHECK(out2.find(" RUN ") == std::string::npos);
        CHECK(out2.find("postflight: ok") != std::string::npos);
        CHECK(count(db, "attempts = 1") == 3 + p.steps2);
        expect_converged(db, p, url);
    }
}

TEST_CASE("declarative apply --to SRC plans from the live database and applies") {
    REQUIRE(have_cluster());
    Project p;
    TestDatabase db("declarative");
    std::string url = db.conninfo(), out;
    db.psql(kV1);
    db.psql(kRows);
    std::string args = "apply --db " + shell_quote(url) + " --to " + p.dir + "/v2.sql" + kDev + " --allow-hazards";
    CHECK_MESSAGE(run_pgkeel(args + " </dev/null", out) == 0, out);
    CHECK(out.find("applying declarative_") != std::string::npos);
    CHECK(out.find("postflight: ok") != std::string::npos);
    CHECK_MESSAGE(run_pgkeel(args, out) == 0, out);
    CHECK(out.find("nothing to apply: the database matches") != std::string::npos);
    CHECK_MESSAGE(run_pgkeel("drift --db " + shell_quote(url) + " --to " + p.dir + "/v2.sql" + kDev, out) == 0, out);
}

TEST_CASE("the embedded dev database: started, used and removed") {
    REQUIRE(have_cluster());
    Project p;
    TestDatabase db("embedded");
    db.psql(kV1);
    std::string out;
    CHECK(run_pgkeel("drift --db " + shell_quote(db.conninfo()) + " --to " + p.dir + "/v2.sql", out) == 2);
    CHECK(out.find("add column email text to public.accounts") != std::string::npos);
    CHECK(run_pgkeel("drift --db " + shell_quote(db.conninfo()) + " --to " + p.dir + "/v1.sql", out) == 0);
    int left = 0;
    for (const auto& e : fs::directory_iterator("/tmp"))
        if (e.path().filename().string().rfind("pgkeel-dev.", 0) == 0) ++left;
    CHECK(left == 0);
}

TEST_CASE("an INVALID index left by a failed concurrent build is dropped and rebuilt on retry") {
    REQUIRE(have_cluster());
    Project p;
    TestDatabase db("invalid");
    std::string url = db.conninfo(), out;
    db.psql(kV1);
    db.psql(kRows);
    // the email column is there already (step 2 reconciles), with duplicates the unique index refuses
    db.psql("ALTER TABLE public.accounts ADD COLUMN email text; UPDATE public.accounts SET email = 'same@example.com' WHERE id <= 2");
    CHECK(run_pgkeel(apply_args(p, url), out) == 1);
    CHECK(out.find("0002_orders step 5 (create index public.accounts_email_key on public.accounts concurrently) failed") != std::string::npos);
    CHECK(q(db, "SELECT count(*) FROM pg_index WHERE indexrelid = 'public.accounts_email_key'::regclass AND NOT indisvalid") == "1");
    db.psql("UPDATE public.accounts SET email = NULL WHERE id = 2");
    CHECK_MESSAGE(run_pgkeel(apply_args(p, url, "--log-format json"), out) == 0, out);
    CHECK(out.find("\"event\":\"invalid_index_dropped\"") != std::string::npos);
    CHECK(out.find("\"decision\":\"RUN\",\"duration_ms\"") != std::string::npos);
    CHECK(q(db, "SELECT count(*) FROM pg_index WHERE NOT indisvalid") == "0");
    CHECK(count(db, "plan_id = '0002_orders' AND step = 5 AND status = 'applied' AND attempts = 2") == 1);
    expect_converged(db, p, url);
}

TEST_CASE("--backup dumps the database before the first write; JSON logs are one object per line") {
    REQUIRE(have_cluster());
    Project p;
    TestDatabase db("backup");
    std::string url = db.conninfo(), out;
    char tmpl[] = "/tmp/pgkeel-backup-XXXXXX";
    std::string dir = mkdtemp(tmpl);
    CHECK_MESSAGE(run_pgkeel(apply_args(p, url, "--backup " + dir + " --log-format json"), out) == 0, out);
    std::string dump;
    for (const auto& e : fs::directory_iterator(dir)) dump = e.path().string();
    REQUIRE(!dump.empty());
    CHECK(dump.find(db.name() + "-") != std::string::npos);
    CHECK(run(pg_bin("pg_restore") + " --list " + shell_quote(dump), out) == 0);
    CHECK(out.find("Archive created at") != std::string::npos);
    // nothing was there when it was taken
    CHECK(out.find("TABLE public accounts") == std::string::npos);
    CHECK_MESSAGE(run_pgkeel(apply_args(p, url, "--log-format json") + " 2>/dev/null", out) == 0, out);
    std::istringstream lines(out);
    std::string line;
    int objects = 0;
    while (std::getline(lines, line)) {
        CHECK_MESSAGE(line.front() == '{', line);
        CHECK_MESSAGE(line.back() == '}', line);
        ++objects;
    }
    CHECK(objects >= 2);  // "summary" and "postflight"
    fs::remove_all(dir);
}

TEST_CASE("preflight refuses a role without the privileges the plan needs (exit 3), before anything is written") {
    REQUIRE(have_cluster());
    Project p;
    TestDatabase db("privileges");
    std::string out;
    db.psql(kV1);
    db.psql("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pgkeel_weak') THEN CREATE ROLE pgkeel_weak LOGIN; END IF; END $$;"
            "GRANT USAGE ON SCHEMA public TO pgkeel_weak; GRANT SELECT ON ALL TABLES IN SCHEMA public TO pgkeel_weak;");
    std::string url = db.conninfo() + " user=pgkeel_weak";
    CHECK(run_pgkeel(apply_args(p, url), out) == 3);
    CHECK(out.find("missing privileges") != std::string::npos);
    CHECK(out.find("public.accounts: owned by postgres; altering it needs that role") != std::string::npos);
    CHECK(out.find("database: no CREATE privilege for pgkeel's schema pgkeel") != std::string::npos);
    CHECK(out.find("preflight refused; nothing was run") != std::string::npos);
    CHECK(q(db, "SELECT count(*) FROM pg_namespace WHERE nspname = 'pgkeel'") == "0");
}

TEST_CASE("a CONCURRENTLY step waiting for a lock is cancelled by the watchdog after the lock timeout, retried, then named") {
    REQUIRE(have_cluster());
    Project p;
    for (const auto& route : kRoutes) {
        INFO("route: " << route.name);
        TestDatabase db("watchdog");
        std::string url = db_url(db, route.bouncer), out;
        db.psql(kV1);
        db.psql(kRows);
        // steps 2-4 are there already, so step 5 (CREATE UNIQUE INDEX CONCURRENTLY on accounts) is the first to lock accounts
        db.psql("ALTER TABLE public.accounts ADD COLUMN email text; ALTER TABLE public.orders ADD COLUMN note text;"
                "ALTER TABLE public.orders ADD CONSTRAINT orders_amount_check CHECK (amount > 0) NOT VALID");
        std::thread holder([&] {
            std::string o;
            run(pg_bin("psql") + " -qX -d " + db.name() +
                    " -c 'BEGIN' -c 'LOCK public.accounts IN SHARE UPDATE EXCLUSIVE MODE' -c 'SELECT pg_sleep(5)' -c 'COMMIT'",
                o);
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(700));
        auto t0 = std::chrono::steady_clock::now();
        int rc = run_pgkeel(apply_args(p, url, "--force --lock-timeout 300ms --lock-retries 1"), out);
        long long ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
        holder.join();
        CHECK(rc == 1);
        CHECK(out.find("0002_orders step 5: lock wait over 300 ms") != std::string::npos);
        CHECK(out.find("retry 1/1") != std::string::npos);
        CHECK(out.find("failed: lock timeout (300 ms, 2 attempts): blocked by pid") != std::string::npos);
        CHECK(out.find("ShareUpdateExclusiveLock") != std::string::npos);
        CHECK_MESSAGE(ms < 4500, "the blocked step was not cancelled in time: " << ms << " ms");
        CHECK(q(db, "SELECT count(*) FROM pg_index WHERE NOT indisvalid") == "0");
        CHECK_MESSAGE(run_pgkeel(apply_args(p, url), out) == 0, out);
        expect_converged(db, p, url);
    }
}

TEST_CASE("preflight refuses while another transaction is open longer than --long-transaction") {
    REQUIRE(have_cluster());
    Project p;
    TestDatabase db("longxact");
    std::string out;
    db.psql(kV1);
    std::thread holder([&] {
        std::string o;
        run(pg_bin("psql") + " -qX -d " + db.name() + " -c 'BEGIN' -c 'SELECT txid_current()' -c 'SELECT pg_sleep(4)' -c 'COMMIT'", o);
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    CHECK(run_pgkeel(apply_args(p, db.conninfo(), "--long-transaction 1s --format json"), out) == 3);
    CHECK(out.find("\"check\":\"transactions open longer than 1.0 s\"") != std::string::npos);
    CHECK(out.find("SELECT pg_sleep(4)") != std::string::npos);
    CHECK(run_pgkeel(apply_args(p, db.conninfo(), "--long-transaction 1s --dry-run"), out) == 0);  // reported, not enforced
    CHECK(out.find("(not enforced)") != std::string::npos);
    holder.join();
    CHECK_MESSAGE(run_pgkeel(apply_args(p, db.conninfo(), "--long-transaction 1s"), out) == 0, out);
}

TEST_CASE("inspect through a pooler with one server connection does not wait for a second") {
    // pgkeel_one_server: pgbouncer gives it a pool of one server connection
    // (tools/with-postgres.sh). The read's transaction holds it; the second
    // backend that the live loader asks for would wait in pgbouncer's queue
    // for query_wait_timeout (120 s) before the read could go on alone. The
    // loader gives the second connection about a second, then reads alone.
    // Not a speed test: the bound is half the queue's timeout.
    REQUIRE(have_cluster());
    const char* bouncer = std::getenv("PGKEEL_TEST_PGBOUNCER");
    REQUIRE_MESSAGE(bouncer != nullptr, "the harness did not start pgbouncer (PGKEEL_TEST_PGBOUNCER)");
    auto psql = [](const std::string& sql) {
        std::string out;
        REQUIRE_MESSAGE(run(pg_bin("psql") + " -qX -v ON_ERROR_STOP=1 -d pgkeel_one_server -c " + shell_quote(sql), out) == 0, out);
    };
    psql("DROP SCHEMA IF EXISTS pool_one CASCADE; CREATE SCHEMA pool_one; "
         "CREATE TABLE pool_one.t (id bigint PRIMARY KEY, v text CHECK (v <> '')); CREATE INDEX t_v ON pool_one.t (v); "
         "CREATE TABLE pool_one.u (t_id bigint REFERENCES pool_one.t); COMMENT ON INDEX pool_one.t_v IS 'by v'");
    std::string direct, pooled;
    auto start = std::chrono::steady_clock::now();
    CHECK(run_pgkeel("inspect --format json --db " + shell_quote(std::string(bouncer) + " dbname=pgkeel_one_server"), pooled) == 0);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(run_pgkeel("inspect --format json --db dbname=pgkeel_one_server", direct) == 0);
    CHECK(pooled == direct);
    CHECK(pooled.find("\"pool_one.t_v\"") != std::string::npos);
    CHECK(seconds < 60);
    psql("DROP SCHEMA pool_one CASCADE");
}
