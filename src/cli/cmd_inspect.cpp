#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "catalog/model.hpp"
#include "cli/commands.hpp"
#include "common/error.hpp"
#include "load/live_loader.hpp"
#include "load/source.hpp"
#include "render/plan_renderer.hpp"
#include "render/sql_renderer.hpp"
#include "render/toml_renderer.hpp"

namespace pgkeel::cli {

void add_inspect(CLI::App& app, InspectOptions& opts) {
    auto* cmd = app.add_subcommand("inspect",
                                   "Write a schema, read from a live database or from schema files, as TOML (the "
                                   "schema format), SQL DDL in dependency order, or canonical JSON");
    auto* db = cmd->add_option("--db", opts.db,
                               "database to read: postgresql:// URL or libpq conninfo; libpq's PG* variables and "
                               "DATABASE_URL apply (use --db '' for the environment alone)");
    auto* from = cmd->add_option("--from", opts.from, "schema source: a .toml or .sql file, or a folder of them");
    db->excludes(from);
    cmd->add_option("--format", opts.format, "output format (default toml)")->check(CLI::IsMember({"toml", "sql", "json"}));
    cmd->add_option("--out", opts.out,
                    "write to this file instead of standard output; with --format toml, a folder (an existing one, "
                    "or a path ending in /) gets one file per table plus one per schema");
    cmd->add_option("--split", opts.split, "with --out FOLDER: files per table (default) or per schema")
        ->check(CLI::IsMember({"table", "schema"}));
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
    namespace fs = std::filesystem;
    std::error_code ec;
    bool to_folder = opts.format == "toml" && !opts.out.empty() && (opts.out.back() == '/' || fs::is_directory(opts.out, ec));
    if (to_folder) {
        auto files = render::render_toml_files(cat, opts.split == "schema" ? render::TomlSplit::Schema : render::TomlSplit::Table);
        for (const auto& [rel, text] : files) {
            fs::path path = fs::path(opts.out) / rel;
            fs::create_directories(path.parent_path(), ec);
            std::ofstream f(path, std::ios::binary | std::ios::trunc);
            f << text;
            f.close();
            if (!f) throw_input("cannot write " + path.string());
        }
        std::cerr << "pgkeel: wrote " << files.size() << " files to " << opts.out << "\n";
        return 0;
    }
    std::string text = opts.format == "json"  ? catalog::serialize(cat)
                       : opts.format == "sql" ? render::render_sql(cat)
                                              : render::render_toml(cat);
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
