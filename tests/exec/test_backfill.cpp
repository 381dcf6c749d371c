// pgkeel backfill against a real PostgreSQL 15, directly and through
// pgbouncer: kill -9 and resume (every row exactly once), concurrent writers,
// rows locked by another session, a table without a usable key, the time limit.
#include <doctest/doctest.h>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "exec/exec_support.hpp"

using namespace pgkeel::test;
namespace fs = std::filesystem;

namespace {

const char* kV1 = R"(schema = "public"
[tables.items]
primary_key = { columns = ["id"] }
columns = [
  { name = "id", type = "bigint", not_null = true },
  { name = "amount", type = "integer" },
  { name = "counter", type = "integer", not_null = true, default = "0" },
]
[tables.nokey]
columns = [{ name = "a", type = "integer" }]
)";

// A column backfill (cents, derived from amount) and a table backfill that is
// not idempotent (counter + 1): run twice on a row, it shows.
const char* kV2 = R"(schema = "public"
[tables.items]
primary_key = { columns = ["id"] }
columns = [
  { name = "id", type = "bigint", not_null = true },
  { name = "amount", type = "integer" },
  { name = "counter", type = "integer", not_null = true, default = "0" },
  { name = "cents", type = "bigint", not_null = true, backfill = "amount * 100" },
]
[[tables.items.backfills]]
name = "bump"
set = "counter = counter + 1"
[tables.nokey]
columns = [{ name = "a", type = "integer" }]
)";

// The same v2 with a backfill on the table without a key.
const char* kV2NoKey = R"(schema = "public"
[tables.items]
primary_key = { columns = ["id"] }
columns = [
  { name = "id", type = "bigint", not_null = true },
  { name = "amount", type = "integer" },
  { name = "counter", type = "integer", not_null = true, default = "0" },
]
[tables.nokey]
columns = [{ name = "a", type = "integer" }, { name = "b", type = "integer", backfill = "a * 2" }]
)";

constexpr int kRows = 20000;

struct Project {
    std::string dir;
    explicit Project(const char* v2 = kV2) {
        char tmpl[] = "/tmp/pgkeel-backfill-XXXXXX";
        dir = mkdtemp(tmpl);
        write_text(dir + "/v1.toml", kV1);
        write_text(dir + "/v2.toml", v2);
        std::string out;
        REQUIRE_MESSAGE(run_pgkeel("plan --to " + dir + "/v1.toml --plans " + dir + "/plans", out) == 0, out);
        REQUIRE_MESSAGE(run_pgkeel("plan --to " + dir + "/v2.toml --plans " + dir + "/plans --name backfills", out) == 0, out);
    }
    ~Project() { fs::remove_all(dir); }
    Project(const Project&) = delete;
    Project& operator=(const Project&) = delete;
    [[nodiscard]] std::string plans() const { return " --plans " + dir + "/plans"; }
};

// v1 with rows.
void seed(const TestDatabase& db) {
    db.psql("CREATE TABLE public.items (id bigint PRIMARY KEY, amount integer, counter integer NOT NULL DEFAULT 0);"
            "CREATE TABLE public.nokey (a integer);"
            "INSERT INTO public.items (id, amount) SELECT g, g % 1000 FROM generate_series(1, " + std::to_string(kRows) + ") g;"
            "INSERT INTO public.nokey SELECT g FROM generate_series(1, 100) g;");
}

// An identical table, changed the plain way: one UPDATE over every row.
struct Reference {
    TestDatabase db{"bf_ref"};
    Reference() {
        seed(db);
        db.psql("ALTER TABLE public.items ADD COLUMN cents bigint; UPDATE public.items SET counter = counter + 1, cents = amount * 100;");
    }
};

std::string checksum(const TestDatabase& db, const std::string& table) {
    return q(db, "SELECT md5(string_agg(id || ':' || coalesce(amount, -1) || ':' || counter || ':' || coalesce(cents, -1), ',' ORDER BY id)) FROM " + table);
}

std::string apply_cmd(const Project& p, const std::string& url) {
    return "apply --db " + shell_quote(url) + p.plans() + kDev + " --allow-hazards";
}
std::string backfill_cmd(const Project& p, const std::string& url, const std::string& extra = "") {
    return "backfill --db " + shell_quote(url) + p.plans() + " --progress never " + extra;
}

// apply stops before the backfills: pre phase done, post phase pending
void apply_pre(const Project& p, const TestDatabase& db, const std::string& url) {
    std::string out;
    REQUIRE_MESSAGE(run_pgkeel(apply_cmd(p, url), out) == 0, out);
    CHECK(out.find("stopped before the backfill phase of 0002_backfills") != std::string::npos);
    CHECK(q(db, "SELECT count(*) FROM public.items WHERE cents IS NULL") == std::to_string(kRows));
    CHECK_MESSAGE(run_pgkeel("status --db " + shell_quote(url) + p.plans(), out) == 0, out);
    CHECK(out.find("backfill pending: 0002_backfills") != std::string::npos);
}

// apply after the backfills: the post phase runs and the schema matches v2
void apply_post(const Project& p, const TestDatabase& db, const std::string& url) {
    std::string out;
    CHECK_MESSAGE(run_pgkeel(apply_cmd(p, url), out) == 0, out);
    CHECK(out.find("postflight: ok") != std::string::npos);
    CHECK_MESSAGE(run_pgkeel("drift --db " + shell_quote(url) + " --to " + p.dir + "/v2.toml" + kDev, out) == 0, out);
    CHECK(q(db, "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'pgkeel_fill_%'") == "0");
}

}  // namespace

TEST_CASE("backfill: kill -9 in the middle, then resume: every row filled exactly once") {
    REQUIRE(have_cluster());
    Project p;
    Reference ref;
    for (const auto& route : kRoutes) {
        INFO("route: " << route.name);
        TestDatabase db("bf_kill");
        std::string url = db_url(db, route.bouncer), out;
        seed(db);
        apply_pre(p, db, url);
        int rc = run("PGKEEL_TEST_KILL_AFTER_BATCH=4 " + bin() + " " + backfill_cmd(p, url, "--all --batch-size 700 --target-batch 1h --lease-ttl 1s"), out);
        CHECK_MESSAGE(rc == 137, "expected the kill (137), got " << rc << ":\n" << out);
        int filled = std::stoi(q(db, "SELECT count(*) FROM public.items WHERE cents IS NOT NULL OR counter > 0"));
        CHECK(filled > 0);  // three batches committed, the fourth rolled back
        CHECK(filled < kRows);
        // the killed run's lease expires 1 s after its last heartbeat; the new run waits for it
        CHECK_MESSAGE(run_pgkeel(backfill_cmd(p, url, "--all --batch-size 700 --wait 10s"), out) == 0, out);
        CHECK(out.find("resuming 0002_backfills") != std::string::npos);
        CHECK(checksum(db, "public.items") == checksum(ref.db, "public.items"));
        CHECK(q(db, "SELECT count(*) FROM pgkeel.backfills WHERE phase = 'done'") == "2");
        apply_post(p, db, url);
    }
}

TEST_CASE("backfill: concurrent writers inserting and updating; all rows end filled and correct") {
    REQUIRE(have_cluster());
    Project p;
    for (const auto& route : kRoutes) {
        INFO("route: " << route.name);
        TestDatabase db("bf_writers");
        std::string url = db_url(db, route.bouncer), out;
        seed(db);
        apply_pre(p, db, url);
        std::atomic<bool> stop{false};
        std::atomic<int> inserted{0};
        std::thread writer([&] {
            for (int i = 1; !stop; ++i) {
                std::string o;
                int id = kRows + i;
                // a new row (the trigger fills it) and an update of a random existing one (it follows)
                if (run(pg_bin("psql") + " -qX -d " + db.name() + " -c " +
                            shell_quote("INSERT INTO public.items (id, amount) VALUES (" + std::to_string(id) + ", 7); UPDATE public.items SET "
                                        "amount = amount + 1 WHERE id = " + std::to_string((i * 7919) % kRows + 1)),
                        o) == 0)
                    ++inserted;
            }
        });
        CHECK_MESSAGE(run_pgkeel(backfill_cmd(p, url, "--all --batch-size 500 --target-batch 20ms --pause 20ms"), out) == 0, out);
        stop = true;
        writer.join();
        CHECK(inserted > 5);
        CHECK(q(db, "SELECT count(*) FROM public.items WHERE cents IS DISTINCT FROM amount * 100") == "0");
        CHECK(q(db, "SELECT count(*) FROM public.items") == std::to_string(kRows + inserted));
        apply_post(p, db, url);
    }
}

TEST_CASE("backfill: rows locked by another session are filled after it releases them") {
    REQUIRE(have_cluster());
    Project p;
    Reference ref;
    TestDatabase db("bf_locked");
    std::string url = db.conninfo(), out;
    seed(db);
    apply_pre(p, db, url);
    std::thread holder([&] {
        std::string o;
        run(pg_bin("psql") + " -qX -d " + db.name() +
                " -c 'BEGIN' -c 'SELECT id FROM public.items WHERE id BETWEEN 5000 AND 5010 FOR UPDATE' -c 'SELECT pg_sleep(3)' -c 'COMMIT'",
            o);
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    CHECK_MESSAGE(run_pgkeel(backfill_cmd(p, url, "--all --batch-size 1000"), out) == 0, out);
    holder.join();
    CHECK(out.find("swept 11 rows that were locked during the scan") != std::string::npos);
    CHECK(checksum(db, "public.items") == checksum(ref.db, "public.items"));
    apply_post(p, db, url);
}

TEST_CASE("backfill: a table without a usable key is a clear error before anything runs") {
    REQUIRE(have_cluster());
    Project p(kV2NoKey);
    TestDatabase db("bf_nokey");
    std::string url = db.conninfo(), out;
    seed(db);
    CHECK_MESSAGE(run_pgkeel(apply_cmd(p, url), out) == 0, out);
    CHECK(run_pgkeel(backfill_cmd(p, url, "--all"), out) == 1);
    CHECK(out.find("table public.nokey has no primary key and no unique index over NOT NULL columns") != std::string::npos);
    CHECK(out.find("Nothing was run") != std::string::npos);
    CHECK(q(db, "SELECT count(*) FROM public.nokey WHERE b IS NULL") == "100");
    CHECK(run_pgkeel(backfill_cmd(p, url, ""), out) == 5);
    CHECK(out.find("backfill needs --all or --only KEY") != std::string::npos);
    CHECK(run_pgkeel(backfill_cmd(p, url, "--only public.nokey.c"), out) == 5);
    CHECK(out.find("the backfills are: 0002_backfills:") != std::string::npos);
}

TEST_CASE("backfill: --max-minutes stops between batches (exit 0, resumable; --strict exit 1)") {
    REQUIRE(have_cluster());
    Project p;
    Reference ref;
    TestDatabase db("bf_time");
    std::string url = db.conninfo(), out;
    seed(db);
    apply_pre(p, db, url);
    std::string slow = "--only public.items.cents --batch-size 100 --target-batch 1ms --pause 100ms --max-minutes 0.01";
    CHECK_MESSAGE(run_pgkeel(backfill_cmd(p, url, slow), out) == 0, out);
    CHECK(out.find("stopped by --max-minutes") != std::string::npos);
    CHECK(run_pgkeel(backfill_cmd(p, url, slow + " --strict"), out) == 1);
    int filled = std::stoi(q(db, "SELECT count(*) FROM public.items WHERE cents IS NOT NULL"));
    CHECK(filled > 0);
    CHECK(filled < kRows);
    CHECK_MESSAGE(run_pgkeel(backfill_cmd(p, url, "--all"), out) == 0, out);
    CHECK(checksum(db, "public.items") == checksum(ref.db, "public.items"));
    apply_post(p, db, url);
}
