#pragma once
// Shared by the executor and backfill tests: the pgkeel binary, the two
// routes to a test database (direct, and through pgbouncer), one-value queries.
#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

#include "support/pg.hpp"

namespace pgkeel::test {

inline std::string bin() {
    const char* b = std::getenv("PGKEEL_BIN");
    return b != nullptr ? b : "pgkeel";
}

inline int run_pgkeel(const std::string& args, std::string& out) { return run(bin() + " " + args, out); }

// How pgkeel reaches the test database: directly, or through pgbouncer.
struct Route {
    const char* name;
    bool bouncer;
};
inline const Route kRoutes[] = {{"direct", false}, {"pgbouncer", true}};

inline std::string db_url(const TestDatabase& db, bool bouncer) {
    if (!bouncer) return db.conninfo();
    const char* b = std::getenv("PGKEEL_TEST_PGBOUNCER");
    REQUIRE_MESSAGE(b != nullptr, "the harness did not start pgbouncer (PGKEEL_TEST_PGBOUNCER)");
    return std::string(b) + " dbname=" + db.name();
}

// One value from a query, trimmed.
inline std::string q(const TestDatabase& db, const std::string& sql) {
    std::string out = db.psql(sql);
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
}

// The test cluster serves as the dev database (pgkeel makes its own temporary database there).
inline const std::string kDev = " --dev-db dbname=postgres";

}  // namespace pgkeel::test
