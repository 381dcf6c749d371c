// End-to-end, against the real server, for one schema source (PGKEEL_E2E_FILE:
// a .sql file, or a .toml file or folder):
//  1. the source loads into a fresh database (a .sql file through psql, TOML
//     through the SQL pgkeel renders from it);
//  2. the loader on the source equals the live loader on the database, except
//     for SQL files marked "-- pgkeel-test: server-rewrites" on their first
//     line, and hand-written TOML (both spell expressions as people do);
//  3. the SQL loader on pg_dump --schema-only equals the live loader, always;
//  4. inspect fixpoint: the SQL pgkeel writes, loaded into another fresh
//     database and inspected again, is byte-identical;
//  5. the TOML pgkeel writes for the live schema (one document, and one file
//     per table) loads back into the identical model.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include "catalog/model.hpp"
#include "load/live_loader.hpp"
#include "load/source.hpp"
#include "load/sql_loader.hpp"
#include "load/toml_loader.hpp"
#include "render/plan_renderer.hpp"
#include "render/sql_renderer.hpp"
#include "render/toml_renderer.hpp"
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
    load::Source source = load::resolve_source(file);
    std::string text = test::read_text(source.files.front());
    // Hand-written TOML spells expressions the way a person does; comparing it
    // with the server's spelling needs the dev database (the executor's job).
    bool rewrites = text.rfind("-- pgkeel-test: server-rewrites", 0) == 0 || source.kind == load::SourceKind::TomlFiles;
    std::string stem = std::filesystem::path(file).stem().string();

    test::TestDatabase db(stem);
    if (source.kind == load::SourceKind::SqlFiles) {
        db.psql_file(file);
    } else {
        std::string path = "/tmp/pgkeel-e2e-" + db.name() + "-declared.sql";
        test::write_text(path, render::render_sql(load::load_source(source)));
        db.psql_file(path);
        std::filesystem::remove(path);
    }
    catalog::Catalog from_db = live(db);
    std::string live_json = catalog::serialize(from_db);
    CHECK(live_json.size() > 3);

    SUBCASE("the loader on the source equals the live loader") {
        catalog::Catalog declared = catalog::without_directives(load::load_source(source));
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
    SUBCASE("one connection reads what two do") {
        // The live loader runs part of its queries on a second backend on the
        // same snapshot; without it, the schema read is the same.
        setenv("PGKEEL_LIVE_BACKENDS", "1", 1);
        auto single = load::load_live(db.conninfo());
        unsetenv("PGKEEL_LIVE_BACKENDS");
        CHECK(single.queries == 15);
        catalog::strip_owner(single.catalog, single.current_user);
        CHECK(catalog::serialize(single.catalog) == live_json);
    }
    SUBCASE("inspect fixpoint") {
        auto first = load::load_live(db.conninfo());
        CHECK(first.queries == 15);  // one query per object kind, whatever the schema holds
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
    SUBCASE("TOML written for the live schema loads back identically") {
        std::string toml = render::render_toml(from_db);
        catalog::Catalog back = load::load_toml_text(toml, stem + ".toml");
        CHECK(catalog::serialize(back) == live_json);
        auto dir = std::filesystem::temp_directory_path() / ("pgkeel-e2e-toml-" + db.name());
        std::filesystem::remove_all(dir);
        std::vector<std::string> paths;
        for (const auto& [rel, body] : render::render_toml_files(from_db, render::TomlSplit::Table)) {
            auto p = dir / rel;
            std::filesystem::create_directories(p.parent_path());
            test::write_text(p.string(), body);
        }
        catalog::Catalog split = load::load_source(load::resolve_source(dir.string()));
        std::filesystem::remove_all(dir);
        CHECK(catalog::serialize(split) == live_json);
    }
}
