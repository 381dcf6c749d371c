// The pgkeel binary from the user's side: exit codes and messages.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <regex>

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
