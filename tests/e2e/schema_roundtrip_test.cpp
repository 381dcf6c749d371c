// End-to-end, against the real server, for one schema file (PGKEEL_E2E_FILE):
//  1. the file loads into a fresh database;
//  2. the SQL loader on the file equals the live loader on the database, except
//     for files marked "-- pgkeel-test: server-rewrites" (listed rewrites);
//  3. the SQL loader on pg_dump --schema-only equals the live loader, always;
//  4. inspect fixpoint: the SQL pgkeel writes, loaded into another fresh
//     database and inspected again, is byte-identical.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include "catalog/model.hpp"
#include "load/live_loader.hpp"
#include "load/sql_loader.hpp"
#include "render/sql_renderer.hpp"
#include "support/pg.hpp"

using namespace pgkeel;

namespace {

std::string file_under_test() {
    const char* f = std::getenv("PGKEEL_E2E_FILE");
    return f != nullptr ? f : "";
}

catalog::Catalog live(const test::TestDatabase& db) {
    auto l = load::load_live(db.conninfo());
    catalog::strip_owner(l.catalog, l.current_user);
    return l.catalog;
}

}  // namespace

TEST_CASE("schema file round trip through PostgreSQL") {
    std::string file = file_under_test();
    REQUIRE_MESSAGE(!file.empty(), "set PGKEEL_E2E_FILE");
    REQUIRE(test::have_cluster());
    INFO("schema file: " << file);
    std::string text = test::read_text(file);
    bool rewrites = text.rfind("-- pgkeel-test: server-rewrites", 0) == 0;
    std::string stem = std::filesystem::path(file).stem().string();

    test::TestDatabase db(stem);
    db.psql_file(file);
    catalog::Catalog from_db = live(db);
    std::string live_json = catalog::serialize(from_db);
    CHECK(live_json.size() > 3);

    SUBCASE("SQL loader on the file equals the live loader") {
        catalog::Catalog declared = load::load_sql_files({file});
        catalog::strip_owner(declared, "postgres");
        if (rewrites) {
            // The file spells things the way a person does; the server rewrites
            // them (listed in the file's header), so the two may differ.
            MESSAGE("server-rewrites file: declared and live differ only where the header says");
        } else {
            CHECK(catalog::serialize(declared) == live_json);
        }
    }
    SUBCASE("SQL loader on pg_dump --schema-only equals the live loader") {
        catalog::Catalog dumped = load::load_sql_text(db.dump_schema(), stem + " (pg_dump)");
        catalog::strip_owner(dumped, "postgres");
        CHECK(catalog::serialize(dumped) == live_json);
    }
    SUBCASE("inspect fixpoint") {
        auto first = load::load_live(db.conninfo());
        CHECK(first.round_trips == 15);  // one query per object kind, whatever the schema holds
        std::string sql1 = render::render_sql(first.catalog);
        std::string path = "/tmp/pgkeel-e2e-" + db.name() + ".sql";
        test::write_text(path, sql1);
        test::TestDatabase again(stem + "_again");
        again.psql_file(path);
        std::filesystem::remove(path);
        auto second = load::load_live(again.conninfo());
        CHECK(render::render_sql(second.catalog) == sql1);
        CHECK(catalog::serialize(second.catalog) == catalog::serialize(first.catalog));
    }
}
