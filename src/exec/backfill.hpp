#pragma once
// The backfill runner: a plan's backfill steps (UPDATE ... SET ... [WHERE])
// run as keyset batches over the table's primary key (or a unique NOT NULL
// key), one short transaction per batch, rows taken FOR UPDATE SKIP LOCKED so
// the application is never blocked; keys skipped because another session had
// them locked are remembered and swept at the end. The cursor and counts are
// committed with each batch (<schema>.backfills), so a killed run resumes
// where it stopped and no row is updated twice. When a step is done it is
// recorded in the history, and the next `pgkeel apply` runs the post phase.
#include <chrono>
#include <string>
#include <vector>

#include "exec/executor.hpp"

namespace pgkeel::exec {

struct BackfillOptions {
    std::string db;
    std::string history_schema = "pgkeel";
    bool all = false;
    std::vector<std::string> only;                 // "0002_x:5", or the object: "column public.t.c", "public.t.c"
    double max_minutes = 0;                        // 0: no limit
    int batch_size = 0;                            // 0: the declared one, else 1000
    std::chrono::milliseconds target_batch{100};   // the batch size adapts toward this duration
    std::chrono::milliseconds pause{0};            // between batches
    std::chrono::milliseconds lock_timeout{5000};  // SET LOCAL in every batch
    int retries = 5;                               // per batch, on transient errors
    bool strict = false;                           // stopped by --max-minutes: exit 1, not 0
    std::chrono::seconds lease_ttl{30};            // the runner's lease ("backfill") expires this long after a heartbeat
    std::chrono::seconds lease_wait{0};            // how long to wait for another runner's lease
    bool json_log = false;
    bool progress = false;                         // a progress bar (a terminal)
};

// Runs the eligible backfill steps of `plans` (their plan's earlier steps all
// applied). Returns the exit code: 0 done or stopped by --max-minutes
// (resumable), 1 failure (or stopped with --strict).
int backfill(const std::vector<ExecPlan>& plans, const BackfillOptions& opts);

}  // namespace pgkeel::exec
