#pragma once
#include <CLI/CLI.hpp>

#include <chrono>

#include <string>
#include <vector>

#include "exec/executor.hpp"

namespace pgkeel::cli {

struct InspectOptions {
    std::string db;
    std::string from;
    std::string format = "toml";
    std::string out;
    std::string split = "table";
};

void add_inspect(CLI::App& app, InspectOptions& opts);
int run_inspect(const InspectOptions& opts);

}  // namespace pgkeel::cli

namespace pgkeel::cli {

struct PlanOptions {
    std::string from;
    std::string to = "schemas/";
    std::string plans = "plans/";
    std::string name;
    std::string format;  // text | json | markdown | sql; empty: text for ad-hoc plans
    bool check = false;
    std::string color = "auto";
    std::string dev_db;
    std::string db;  // table sizes for plan.md
};

void add_plan(CLI::App& app, PlanOptions& opts);
int run_plan(const PlanOptions& opts);

}  // namespace pgkeel::cli

namespace pgkeel::cli {

struct LintOptions {
    std::vector<std::string> paths;  // .sql files, plan folders, plans/, schema sources; default schemas/
    std::string plans = "plans/";
    std::string format = "text";
    std::string fail_on = "error";
};

void add_lint(CLI::App& app, LintOptions& opts);
int run_lint(const LintOptions& opts);

}  // namespace pgkeel::cli

namespace pgkeel::cli {

// Options shared by the commands that talk to a database.
struct DbOptions {
    std::string db;
    std::string dev_db;
    std::string history_schema = "pgkeel";
};
void add_db_options(CLI::App* cmd, DbOptions& opts, bool dev_db);
// --db, else DATABASE_URL, else libpq's PG* environment; an input error when none is given.
std::string resolve_db(const DbOptions& opts, const char* command);

struct ApplyCliOptions {
    DbOptions db;
    std::string to;
    std::string plans = "plans/";
    std::vector<std::string> allow_hazards;
    bool allow_hazards_given = false;
    bool dry_run = false;
    bool yes = false;
    bool force = false;
    std::string lock_timeout = "5s";
    std::string statement_timeout = "0";
    int lock_retries = 5;
    std::string lease_ttl = "30s";
    std::string wait = "5m";
    std::string long_transaction = "30s";
    std::string backup;
    std::string log_format = "text";
    std::string format = "text";
    CLI::Option* allow_hazards_opt = nullptr;
};
void add_apply(CLI::App& app, ApplyCliOptions& opts);
int run_apply(const ApplyCliOptions& opts);

struct DriftOptions {
    DbOptions db;
    std::string to = "schemas/";
    std::string format = "text";
};
void add_drift(CLI::App& app, DriftOptions& opts);
int run_drift(const DriftOptions& opts);

struct StatusOptions {
    DbOptions db;
    std::string plans = "plans/";
    std::string format = "text";
};
void add_status(CLI::App& app, StatusOptions& opts);
int run_status(const StatusOptions& opts);

}  // namespace pgkeel::cli

namespace pgkeel::cli {

struct BackfillCliOptions {
    DbOptions db;
    std::string plans = "plans/";
    bool all = false;
    std::vector<std::string> only;
    double max_minutes = 0;
    int batch_size = 0;
    std::string target_batch = "100ms";
    std::string pause = "0";
    std::string lock_timeout = "5s";
    int retries = 5;
    bool strict = false;
    std::string log_format = "text";
    std::string progress = "auto";
    std::string lease_ttl = "30s";
    std::string wait = "0";
};
void add_backfill(CLI::App& app, BackfillCliOptions& opts);
int run_backfill(const BackfillCliOptions& opts);

// "5s", "500ms", "2m", "1h", "0"; a bare number is seconds. Input error otherwise.
std::chrono::milliseconds parse_duration(const std::string& text, const char* flag);
// The plans of a plans/ folder as the executor runs them (pgkeel.sum verified).
std::vector<exec::ExecPlan> chain_plans(const std::string& plans);

}  // namespace pgkeel::cli
