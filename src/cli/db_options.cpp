// What the database commands (apply, drift, status) share: --db and its
// environment fallbacks, the dev database, pgkeel's schema, durations.
#include <cstdlib>

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

}  // namespace pgkeel::cli
