// What the database commands (apply, drift, status, backfill) share: --db and its
// environment fallbacks, the dev database, pgkeel's schema, durations.
#include <charconv>
#include <cstdlib>

#include "cli/plans_dir.hpp"
#include "common/text.hpp"

#include "cli/commands.hpp"
#include "common/error.hpp"

namespace pgkeel::cli {

void add_db_options(CLI::App* cmd, DbOptions& opts, bool dev_db) {
    cmd->add_option("--db", opts.db,
                    "the database: postgresql:// URL or libpq conninfo; DATABASE_URL and libpq's PG* variables apply");
    if (dev_db)
        cmd->add_option("--dev-db", opts.dev_db,
                        "a server for the dev database (pgkeel creates and drops a temporary database there); default: an "
                        "embedded throwaway PostgreSQL");
    cmd->add_option("--history-schema", opts.history_schema, "pgkeel's own schema in the database (default pgkeel)");
}

std::string resolve_db(const DbOptions& opts, const char* command) {
    if (!opts.db.empty()) return opts.db;
    if (const char* url = std::getenv("DATABASE_URL"); url != nullptr && *url != '\0') return url;
    if (std::getenv("PGHOST") == nullptr && std::getenv("PGDATABASE") == nullptr && std::getenv("PGSERVICE") == nullptr)
        throw_input(std::string(command) + " needs --db URL (or DATABASE_URL / PGHOST / PGDATABASE in the environment)");
    return {};
}

// "5s", "500ms", "2m", "1h", "0"; a bare number is seconds.
std::chrono::milliseconds parse_duration(const std::string& text, const char* flag) {
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    std::string unit(end, text.data() + text.size());
    double scale = unit.empty() || unit == "s" ? 1000 : unit == "ms" ? 1 : unit == "m" || unit == "min" ? 60000 : unit == "h" ? 3600000 : -1;
    if (ec != std::errc() || value < 0 || scale < 0)
        throw_input(std::string(flag) + ": expected a duration such as 500ms, 5s, 2m or 1h, got `" + text + "`");
    return std::chrono::milliseconds(static_cast<long long>(value * scale));
}

std::vector<exec::ExecPlan> chain_plans(const std::string& plans) {
    PlansDir dir(plans);
    auto problems = dir.verify();
    if (!problems.empty())
        throw_input("the plan chain in " + plans + " was changed by hand (pgkeel.sum); nothing was applied:\n" + join(problems, "\n"));
    std::vector<exec::ExecPlan> out;
    catalog::Catalog source;
    for (const auto& f : dir.folders()) {
        auto path = (f.path / "plan.json").string();
        auto p = exec::exec_plan_from_json(read_file(path), path);
        p.source = source;
        p.target = dir.snapshot(f);
        source = p.target;
        out.push_back(std::move(p));
    }
    return out;
}

}  // namespace pgkeel::cli
