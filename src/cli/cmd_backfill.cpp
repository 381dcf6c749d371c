#include <unistd.h>

#include "cli/commands.hpp"
#include "common/error.hpp"
#include "exec/backfill.hpp"

namespace pgkeel::cli {

void add_backfill(CLI::App& app, BackfillCliOptions& opts) {
    auto* cmd = app.add_subcommand("backfill",
                                   "Run the backfills of applied plans in resumable batches (keyset over the primary key, "
                                   "FOR UPDATE SKIP LOCKED, one transaction per batch)");
    add_db_options(cmd, opts.db, false);
    cmd->add_option("--plans", opts.plans, "folder of committed plans (default plans/)");
    auto* all = cmd->add_flag("--all", opts.all, "every backfill whose plan's pre phase is applied");
    auto* only = cmd->add_option("--only", opts.only, "one backfill: PLAN:STEP (0002_orders:5) or its column (public.orders.note); repeatable")
                     ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    all->excludes(only);
    cmd->add_option("--max-minutes", opts.max_minutes, "stop after this long (exit 0, resumable; --strict: exit 1)");
    cmd->add_option("--batch-size", opts.batch_size, "rows in the first batch (default 1000); it then adapts toward --target-batch");
    cmd->add_option("--target-batch", opts.target_batch, "the batch duration the batch size adapts toward (default 100ms)");
    cmd->add_option("--pause", opts.pause, "pause between batches (default 0)");
    cmd->add_option("--lock-timeout", opts.lock_timeout, "lock timeout of each batch (default 5s)");
    cmd->add_option("--retries", opts.retries, "retries of a batch on transient errors (default 5)");
    cmd->add_flag("--strict", opts.strict, "exit 1 when stopped by --max-minutes");
    cmd->add_option("--lease-ttl", opts.lease_ttl, "the runner's lease expires this long after its last heartbeat (default 30s)");
    cmd->add_option("--wait", opts.wait, "how long to wait while another runner holds the lease (default 0: exit 1 at once)");
    cmd->add_option("--log-format", opts.log_format, "text (default) or json")->check(CLI::IsMember({"text", "json"}));
    cmd->add_option("--progress", opts.progress, "progress bar: auto (on a terminal), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    cmd->footer("Exit codes: 0 done, or stopped by --max-minutes (resumable); 1 a batch failed (after retries) or --strict; 5 invalid input.");
}

int run_backfill(const BackfillCliOptions& opts) {
    if (!opts.all && opts.only.empty()) throw_input("backfill needs --all or --only KEY");
    exec::BackfillOptions o;
    o.db = resolve_db(opts.db, "backfill");
    o.history_schema = opts.db.history_schema;
    o.all = opts.all;
    o.only = opts.only;
    if (opts.max_minutes < 0) throw_input("--max-minutes: must not be negative");
    o.max_minutes = opts.max_minutes;
    if (opts.batch_size < 0) throw_input("--batch-size: must not be negative");
    o.batch_size = opts.batch_size;
    o.target_batch = parse_duration(opts.target_batch, "--target-batch");
    o.pause = parse_duration(opts.pause, "--pause");
    o.lock_timeout = parse_duration(opts.lock_timeout, "--lock-timeout");
    if (o.lock_timeout.count() == 0) throw_input("--lock-timeout: must be more than 0");
    if (opts.retries < 0) throw_input("--retries: must not be negative");
    o.retries = opts.retries;
    o.strict = opts.strict;
    o.json_log = opts.log_format == "json";
    o.lease_ttl = std::chrono::duration_cast<std::chrono::seconds>(parse_duration(opts.lease_ttl, "--lease-ttl"));
    if (o.lease_ttl.count() < 1) throw_input("--lease-ttl: must be at least 1s");
    o.lease_wait = std::chrono::duration_cast<std::chrono::seconds>(parse_duration(opts.wait, "--wait"));
    o.progress = opts.progress == "always" || (opts.progress == "auto" && isatty(STDERR_FILENO));
    return exec::backfill(chain_plans(opts.plans), o);
}

}  // namespace pgkeel::cli
