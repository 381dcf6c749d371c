#include <cstdlib>
#include <fstream>
#include <iostream>

#include "catalog/model.hpp"
#include "cli/commands.hpp"
#include "common/error.hpp"
#include "load/live_loader.hpp"
#include "load/source.hpp"
#include "render/sql_renderer.hpp"

namespace pgkeel::cli {

void add_inspect(CLI::App& app, InspectOptions& opts) {
    auto* cmd = app.add_subcommand("inspect",
                                   "Write a schema, read from a live database or from SQL files, as SQL DDL in "
                                   "dependency order or as canonical JSON");
    auto* db = cmd->add_option("--db", opts.db,
                               "database to read: postgresql:// URL or libpq conninfo; libpq's PG* variables and "
                               "DATABASE_URL apply (use --db '' for the environment alone)");
    auto* from = cmd->add_option("--from", opts.from, "SQL schema source: a .sql file or a folder of them");
    db->excludes(from);
    cmd->add_option("--format", opts.format, "output format")->check(CLI::IsMember({"sql", "json"}));
    cmd->add_option("--out", opts.out, "write to this file instead of standard output");
    cmd->footer(
        "Exit codes: 0 success, 1 database error, 5 invalid input.\n"
        "JSON is the canonical serialization; its sha256 is the schema fingerprint.");
}

int run_inspect(const InspectOptions& opts) {
    catalog::Catalog cat;
    if (!opts.from.empty()) {
        cat = load::load_source(load::resolve_source(opts.from));
    } else {
        std::string conninfo = opts.db;
        if (conninfo.empty()) {
            if (const char* url = std::getenv("DATABASE_URL")) conninfo = url;
        }
        if (conninfo.empty() && std::getenv("PGHOST") == nullptr && std::getenv("PGDATABASE") == nullptr &&
            std::getenv("PGSERVICE") == nullptr)
            throw_input("inspect needs --db URL or --from SRC (or PGHOST / PGDATABASE / DATABASE_URL in the environment)");
        auto live = load::load_live(conninfo);
        for (const auto& w : live.warnings) std::cerr << "pgkeel: warning: " << w << "\n";
        cat = std::move(live.catalog);
    }
    std::string text = opts.format == "json" ? catalog::serialize(cat) : render::render_sql(cat);
    if (opts.out.empty()) {
        std::cout << text;
        std::cout.flush();
        if (!std::cout) throw Error(ErrorKind::Internal, "cannot write to standard output");
    } else {
        std::ofstream f(opts.out, std::ios::binary | std::ios::trunc);
        if (!f) throw_input("cannot write " + opts.out);
        f << text;
        f.close();
        if (!f) throw_input("cannot write " + opts.out);
    }
    return 0;
}

}  // namespace pgkeel::cli
