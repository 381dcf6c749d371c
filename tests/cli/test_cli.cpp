// The pgkeel binary from the user's side: exit codes and messages.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <regex>

#include <unistd.h>

#include "support/pg.hpp"

using namespace pgkeel::test;

namespace {

std::string bin() {
    const char* b = std::getenv("PGKEEL_BIN");
    return b != nullptr ? b : "pgkeel";
}

std::string root() {
    const char* r = std::getenv("PGKEEL_SOURCE_ROOT");
    return r != nullptr ? r : ".";
}

int run_pgkeel(const std::string& args, std::string& out) { return run(bin() + " " + args, out); }

}  // namespace

TEST_CASE("--help and --version") {
    std::string out;
    CHECK(run_pgkeel("--help", out) == 0);
    CHECK(out.find("inspect") != std::string::npos);
    CHECK(run_pgkeel("inspect --help", out) == 0);
    CHECK(out.find("--format") != std::string::npos);
    CHECK(out.find("Exit codes") != std::string::npos);
    CHECK(run_pgkeel("--version", out) == 0);
    CHECK(out.find("pgkeel 0.") != std::string::npos);
}

TEST_CASE("bad command lines exit 5") {
    std::string out;
    CHECK(run_pgkeel("", out) == 5);
    CHECK(run_pgkeel("frobnicate", out) == 5);
    CHECK(run_pgkeel("inspect --format yaml --from x.sql", out) == 5);
    CHECK(run_pgkeel("inspect --db x --from y.sql", out) == 5);
    CHECK(run_pgkeel("inspect --from /nonexistent/schema.sql", out) == 5);
    CHECK(out.find("schema source not found: /nonexistent/schema.sql") != std::string::npos);
    CHECK(run("env -u PGHOST -u PGDATABASE -u PGSERVICE -u DATABASE_URL " + bin() + " inspect", out) == 5);
    CHECK(out.find("inspect needs --db URL or --from SRC") != std::string::npos);
}

TEST_CASE("bad SQL files exit 5 with file:line:column") {
    std::regex expect_re("^-- expect: (\\d+):(\\d+) ");
    int seen = 0;
    for (const auto& entry : std::filesystem::directory_iterator(root() + "/tests/e2e/bad")) {
        std::string path = entry.path().string();
        std::string text = read_text(path);
        std::smatch m;
        REQUIRE(std::regex_search(text, m, expect_re));
        std::string out;
        CAPTURE(path);
        CHECK(run_pgkeel("inspect --from " + shell_quote(path), out) == 5);
        CHECK(out.find(path + ":" + m[1].str() + ":" + m[2].str() + ": ") != std::string::npos);
        CHECK(out.find("internal error") == std::string::npos);
        ++seen;
    }
    CHECK(seen >= 6);
}

TEST_CASE("database failures exit 1 and say why") {
    std::string out;
    CHECK(run_pgkeel("inspect --db 'host=/nonexistent-socket-dir port=1 connect_timeout=2'", out) == 1);
    CHECK(out.find("cannot connect to the database") != std::string::npos);
    CHECK(run_pgkeel("inspect --db 'postgresql://localhost:1/none?connect_timeout=2'", out) == 1);
    CHECK(out.find("cannot connect to the database") != std::string::npos);
    REQUIRE(have_cluster());
    CHECK(run_pgkeel("inspect --db 'dbname=postgres user=pgkeel_pw password=wrong'", out) == 1);
    CHECK(out.find("password authentication failed") != std::string::npos);
    CHECK(run_pgkeel("inspect --db 'dbname=no_such_database'", out) == 1);
    CHECK(out.find("does not exist") != std::string::npos);
}

TEST_CASE("inspect writes SQL and JSON from a database and from files, with --out") {
    REQUIRE(have_cluster());
    TestDatabase db("cli_inspect");
    db.psql("CREATE TABLE t (id int PRIMARY KEY, note text DEFAULT 'x'::text)");
    std::string out;
    CHECK(run_pgkeel("inspect --db " + shell_quote(db.conninfo()) + " --format sql", out) == 0);
    CHECK(out.find("CREATE TABLE public.t (") != std::string::npos);
    CHECK(run_pgkeel("inspect --db " + shell_quote(db.conninfo()), out) == 0);  // TOML by default
    CHECK(out.find("[tables.t]") != std::string::npos);
    std::string json_path = "/tmp/pgkeel-cli-" + db.name() + ".json";
    CHECK(run_pgkeel("inspect --db " + shell_quote(db.conninfo()) + " --format json --out " + json_path, out) == 0);
    CHECK(out.empty());
    std::string json = read_text(json_path);
    CHECK(json.find("\"public.t\"") != std::string::npos);
    // environment only (PGDATABASE)
    CHECK(run("PGDATABASE=" + db.name() + " " + bin() + " inspect --format json", out) == 0);
    CHECK(out.find("\"public.t\"") != std::string::npos);
    // a file gives the same model (owner aside)
    std::string sql_path = "/tmp/pgkeel-cli-" + db.name() + ".sql";
    write_text(sql_path, "CREATE TABLE t (id int PRIMARY KEY, note text DEFAULT 'x'::text);\n");
    CHECK(run_pgkeel("inspect --from " + sql_path + " --format json", out) == 0);
    CHECK(out.find("\"note\"") != std::string::npos);
    std::filesystem::remove(json_path);
    std::filesystem::remove(sql_path);
    CHECK(run_pgkeel("inspect --from " + root() + "/tests/e2e/schemas --format json --out /dev/null", out) == 5);
    CHECK(out.find("defined twice") != std::string::npos);  // a folder loads as one schema
}

TEST_CASE("the committed plans/ reproduce schemas/ (pgkeel plan --check)") {
    std::string out;
    CHECK(run_pgkeel("plan --check --plans " + shell_quote(root() + "/plans") + " --to " + shell_quote(root() + "/schemas"), out) == 0);
    CHECK(out.find("plans are up to date") != std::string::npos);
}

TEST_CASE("pgkeel plan writes a chain of plan folders, and --check finds every difference") {
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / ("pgkeel-chain-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir / "schemas");
    std::string plans = shell_quote((dir / "plans").string()), schemas = shell_quote((dir / "schemas").string());
    std::string common = " --plans " + plans + " --to " + schemas;
    write_text((dir / "schemas/app.toml").string(),
               "[tables.users]\ncolumns = [\n  { name = \"id\", type = \"bigint\", identity = \"always\" },\n"
               "  { name = \"first_name\", type = \"text\" },\n  { name = \"last_name\", type = \"text\" },\n]\n"
               "primary_key = [\"id\"]\n");
    std::string out;
    REQUIRE(run_pgkeel("plan --color never" + common, out) == 0);
    CHECK(out.find("create table public.users") != std::string::npos);
    CHECK(fs::exists(dir / "plans/0001_initial/1_pre.sql"));
    CHECK(fs::exists(dir / "plans/0001_initial/plan.json"));
    CHECK(fs::exists(dir / "plans/0001_initial/plan.md"));
    CHECK(fs::exists(dir / "plans/0001_initial/reverse.sql"));
    CHECK(fs::exists(dir / "plans/0001_initial/schema.toml"));
    CHECK(fs::exists(dir / "plans/pgkeel.sum"));
    // nothing to do: nothing written
    CHECK(run_pgkeel("plan" + common, out) == 0);
    CHECK(out.find("No changes") != std::string::npos);
    CHECK(run_pgkeel("plan --check" + common, out) == 0);

    // a declared change not planned yet: --check exits 2 and names it
    write_text((dir / "schemas/app.toml").string(),
               "[tables.users]\ncolumns = [\n  { name = \"id\", type = \"bigint\", identity = \"always\" },\n"
               "  { name = \"first_name\", type = \"text\" },\n  { name = \"last_name\", type = \"text\" },\n"
               "  { name = \"full_name\", type = \"text\", not_null = true, backfill = \"first_name || ' ' || last_name\" },\n]\n"
               "primary_key = [\"id\"]\n");
    CHECK(run_pgkeel("plan --check" + common, out) == 2);
    CHECK(out.find("add column full_name text to public.users") != std::string::npos);
    REQUIRE(run_pgkeel("plan --name 'Full name!'" + common, out) == 0);
    CHECK(fs::exists(dir / "plans/0002_full_name/2_backfill.sql"));
    CHECK(fs::exists(dir / "plans/0002_full_name/3_post.sql"));
    std::string json = read_text((dir / "plans/0002_full_name/plan.json").string());
    CHECK(json.find("\"parent\": \"0001_initial\"") != std::string::npos);
    CHECK(json.find("\"BACKFILL\"") != std::string::npos);
    CHECK(run_pgkeel("plan --check" + common, out) == 0);

    // a hand edit is found by --check (exit 2) and refused by plan (exit 5)
    write_text((dir / "plans/0001_initial/1_pre.sql").string(), read_text((dir / "plans/0001_initial/1_pre.sql").string()) + "-- edited\n");
    CHECK(run_pgkeel("plan --check" + common, out) == 2);
    CHECK(out.find("0001_initial/1_pre.sql: changed since pgkeel wrote it") != std::string::npos);
    CHECK(run_pgkeel("plan" + common, out) == 5);
    CHECK(out.find("changed by hand; nothing was written") != std::string::npos);
    fs::remove_all(dir);
}

TEST_CASE("pgkeel plan --from --to prints an ad-hoc plan in every format and writes nothing") {
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / ("pgkeel-adhoc-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    write_text((dir / "a.sql").string(), "CREATE TABLE t (id int PRIMARY KEY, v varchar(10));\nCREATE INDEX t_v ON t (v);\n");
    write_text((dir / "b.sql").string(), "CREATE TABLE t (id int PRIMARY KEY, v integer);\n");
    std::string args = " --from " + shell_quote((dir / "a.sql").string()) + " --to " + shell_quote((dir / "b.sql").string());
    std::string out;
    CHECK(run_pgkeel("plan --color never" + args, out) == 0);
    CHECK(out.find("TABLE_REWRITE") != std::string::npos);
    CHECK(out.find("DROP INDEX CONCURRENTLY public.t_v") != std::string::npos);
    CHECK(run_pgkeel("plan --format sql" + args, out) == 0);
    CHECK(out.find("ALTER TABLE public.t ALTER COLUMN v TYPE integer USING v::integer;") != std::string::npos);
    CHECK(run_pgkeel("plan --format json" + args, out) == 0);
    CHECK(out.find("\"kind\": \"alter_column_type\"") != std::string::npos);
    // plan.json's fingerprints are taken for JSON output (text, SQL and markdown leave them out)
    std::smatch fp;
    REQUIRE(std::regex_search(out, fp, std::regex("\"source_fingerprint\": \"([0-9a-f]{64})\",\\s*\"target_fingerprint\": \"([0-9a-f]{64})\"")));
    CHECK(fp[1] != fp[2]);
    std::string same;
    CHECK(run_pgkeel("plan --format json --from " + shell_quote((dir / "b.sql").string()) + " --to " + shell_quote((dir / "b.sql").string()), same) == 0);
    CHECK(same.find("\"source_fingerprint\": \"" + fp[2].str() + "\",\n  \"target_fingerprint\": \"" + fp[2].str() + "\"") != std::string::npos);
    CHECK(run_pgkeel("plan --format markdown" + args, out) == 0);
    CHECK(out.find("## Hazards") != std::string::npos);
    CHECK(!fs::exists(dir / "plans"));
    CHECK(run_pgkeel("plan --format yaml" + args, out) == 5);
    fs::remove_all(dir);
}

TEST_CASE("pgkeel lint: exit 2 at or above --fail-on, JSON output, plans and schema sources") {
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / ("pgkeel-lint-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::string risky = (dir / "risky.sql").string(), safe = (dir / "safe.sql").string();
    write_text(risky, "SET lock_timeout = '5s';\nCREATE INDEX i ON t (a);\n");
    write_text(safe, "SET lock_timeout = '5s';\nCREATE INDEX CONCURRENTLY i ON t (a);\n");
    std::string out;
    CHECK(run_pgkeel("lint " + shell_quote(risky), out) == 0);  // a warning, below the default --fail-on error
    CHECK(out.find(risky + ":2:1: warning: CREATE INDEX on public.t blocks writes") != std::string::npos);
    CHECK(out.find("[index-not-concurrent]") != std::string::npos);
    CHECK(run_pgkeel("lint --fail-on warning " + shell_quote(risky), out) == 2);
    CHECK(run_pgkeel("lint --fail-on warning " + shell_quote(safe), out) == 0);
    CHECK(out.find("0 findings") != std::string::npos);
    CHECK(run_pgkeel("lint --format json " + shell_quote(risky), out) == 0);
    CHECK(out.find("\"code\": \"index-not-concurrent\"") != std::string::npos);
    CHECK(run_pgkeel("lint --fail-on fatal " + shell_quote(risky), out) == 5);
    // the committed example plans, and the example schema against them
    CHECK(run_pgkeel("lint " + shell_quote(root() + "/plans"), out) == 0);
    CHECK(run_pgkeel("lint --plans " + shell_quote(root() + "/plans") + " " + shell_quote(root() + "/schemas"), out) == 0);
    CHECK(out.find("0 findings") != std::string::npos);
    fs::remove_all(dir);
}
