#pragma once
// Stage 6: applying plans. Per step: recorded in the history table -> SKIP;
// not recorded but its fingerprint holds -> RECONCILE (recorded, not run);
// otherwise RUN, after which the fingerprint must hold, or the run fails hard
// (exit 1, nothing after it runs). Consecutive transactional steps of a phase
// share a transaction (a step that rewrites or scans a table gets its own);
// CONCURRENTLY steps run alone outside any transaction. Every setting is
// SET LOCAL and the executor lock is a lease row, so it works through a
// transaction pooler.
#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "catalog/model.hpp"
#include "exec/history.hpp"
#include "plan/plan.hpp"

namespace pgkeel::exec {

class DevDatabase;

// A step as the executor runs it: what plan.json holds.
struct ExecStep {
    int number = 0;
    std::string phase;  // pre | backfill | post
    std::string kind, object, summary, sql;
    bool transactional = true;
    std::string lock, lock_target;
    std::vector<std::string> hazards;
    std::string fingerprint;
    std::string sha256;
};

struct ExecPlan {
    std::string id;
    std::string parent;
    std::vector<ExecStep> steps;
    catalog::Catalog source, target;  // schemas before and after (declared form)
    bool declared = true;             // source/target are declared (normalized through the dev database)
};

ExecPlan exec_plan(const plan::Plan& p, catalog::Catalog source, catalog::Catalog target);
// Reads plan.json; `file` names it in errors (input errors, exit 5).
ExecPlan exec_plan_from_json(const std::string& text, const std::string& file);
// A step's history row (times, duration and error left to the caller).
HistoryRow history_row(const ExecPlan& p, const ExecStep& s, StepStatus status);

struct ApplyOptions {
    std::string db;                               // conninfo; empty = libpq environment
    std::string history_schema = "pgkeel";
    std::chrono::milliseconds lock_timeout{5000};
    std::chrono::milliseconds statement_timeout{0};  // 0 = none
    int lock_retries = 5;                         // retries after a lock timeout
    std::chrono::milliseconds retry_delay{500};   // first backoff; doubles, capped at 30 s
    std::chrono::seconds lease_ttl{30};
    std::chrono::seconds lease_wait{300};
    bool dry_run = false;
    bool force = false;                           // run despite preflight findings
    std::chrono::milliseconds long_transaction{30000};  // preflight: transactions open longer refuse the run
    bool allow_all_hazards = false;
    std::set<std::string> allowed_hazards;
    std::string backup_dir;
    bool json_log = false;                        // one JSON object per line
    bool json_report = false;                     // preflight / postflight as JSON
};

// Applies `plans` in order to opts.db. Returns the exit code: 0 applied (or
// nothing to do), 1 failure, 3 preflight refused, 4 hazards not allowed.
// Errors that end the run early are thrown (pgkeel::Error).
int apply(const std::vector<ExecPlan>& plans, const ApplyOptions& opts, DevDatabase& dev);

// The live schema of `db` as the executor compares it: pgkeel's own schema
// left out, owners equal to the connecting role cleared. `user` receives that role.
catalog::Catalog live_schema(const std::string& db, const std::string& history_schema, std::string* user = nullptr);
// Differences between two schemas, as the steps that would turn `from` into `to`.
std::vector<plan::Step> differences(const catalog::Catalog& from, const catalog::Catalog& to);

}  // namespace pgkeel::exec

namespace pgkeel::exec {

// A target schema (`--to SRC`) in the form it compares with a live database:
// a database is read as is; declared files go through the dev database, and
// their directives (renames, backfills) are carried over.
// The estimated sizes of the tables `p`'s steps lock, read from `db`.
std::map<std::string, plan::TableSize> table_sizes(const std::string& db, const plan::Plan& p);

catalog::Catalog comparable_target(const std::string& spec, DevDatabase& dev, const std::string& live_user,
                                   const std::string& history_schema);

}  // namespace pgkeel::exec
