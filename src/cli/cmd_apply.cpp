#include <unistd.h>

#include <charconv>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/plans_dir.hpp"
#include "common/error.hpp"
#include "common/sha256.hpp"
#include "common/text.hpp"
#include "diff/diff.hpp"
#include "exec/dev_db.hpp"
#include "exec/executor.hpp"
#include "load/source.hpp"
#include "render/plan_renderer.hpp"

namespace pgkeel::cli {

namespace {

bool confirm(std::size_t steps) {
    std::cerr << "Apply these " << steps << " steps? [y/N] ";
    std::string answer;
    std::getline(std::cin, answer);
    return answer == "y" || answer == "Y" || answer == "yes";
}

}  // namespace

void add_apply(CLI::App& app, ApplyCliOptions& opts) {
    auto* cmd = app.add_subcommand("apply", "Apply the committed plans (or plan and apply --to SRC) to a database");
    add_db_options(cmd, opts.db, true);
    auto* to = cmd->add_option("--to", opts.to,
                               "declarative mode: plan from the live database to this schema and apply it in one go");
    auto* plans = cmd->add_option("--plans", opts.plans, "folder of committed plans to apply (default plans/)");
    to->excludes(plans);
    opts.allow_hazards_opt = cmd->add_option("--allow-hazards", opts.allow_hazards,
                                             "run steps with these hazards (comma-separated); alone, allow all")
                                 ->expected(0, 1)
                                 ->delimiter(',')
                                 ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    cmd->add_flag("--dry-run", opts.dry_run, "print each step's SKIP / RECONCILE / RUN decision; write nothing");
    cmd->add_flag("--yes,-y", opts.yes, "declarative mode: apply without asking (it never asks when stdin is not a terminal)");
    cmd->add_flag("--force", opts.force, "run even when preflight finds long transactions, lock holders or missing privileges");
    cmd->add_option("--lock-timeout", opts.lock_timeout, "how long a step may wait for a lock before it is retried (default 5s)");
    cmd->add_option("--lock-retries", opts.lock_retries, "retries after a lock timeout, with exponential backoff (default 5)");
    cmd->add_option("--statement-timeout", opts.statement_timeout, "longest a statement may run (default 0: no limit)");
    cmd->add_option("--long-transaction", opts.long_transaction,
                    "preflight refuses while another transaction has been open longer than this (default 30s)");
    cmd->add_option("--lease-ttl", opts.lease_ttl, "the executor lease expires this long after its last heartbeat (default 30s)");
    cmd->add_option("--wait", opts.wait, "how long to wait for another executor's lease (default 5m)");
    cmd->add_option("--backup", opts.backup, "pg_dump -Fc the database into this folder before the first write");
    cmd->add_option("--log-format", opts.log_format, "text (default) or json (one object per line)")
        ->check(CLI::IsMember({"text", "json"}));
    cmd->add_option("--format", opts.format, "preflight and postflight reports: text (default) or json")
        ->check(CLI::IsMember({"text", "json"}));
    cmd->footer(
        "Exit codes: 0 applied (or nothing to apply), 1 a step or the database failed (nothing after it ran),\n"
        "3 preflight refused, 4 hazards not allowed, 5 invalid input.");
}

int run_apply(const ApplyCliOptions& opts) {
    exec::ApplyOptions o;
    o.db = resolve_db(opts.db, "apply");
    o.history_schema = opts.db.history_schema;
    o.lock_timeout = parse_duration(opts.lock_timeout, "--lock-timeout");
    o.statement_timeout = parse_duration(opts.statement_timeout, "--statement-timeout");
    if (o.lock_timeout.count() == 0) throw_input("--lock-timeout: must be more than 0 (waiting for locks forever stalls the application)");
    if (opts.lock_retries < 0) throw_input("--lock-retries: must not be negative");
    o.lock_retries = opts.lock_retries;
    o.lease_ttl = std::chrono::duration_cast<std::chrono::seconds>(parse_duration(opts.lease_ttl, "--lease-ttl"));
    if (o.lease_ttl.count() < 1) throw_input("--lease-ttl: must be at least 1s");
    o.lease_wait = std::chrono::duration_cast<std::chrono::seconds>(parse_duration(opts.wait, "--wait"));
    o.long_transaction = parse_duration(opts.long_transaction, "--long-transaction");
    o.dry_run = opts.dry_run;
    o.force = opts.force;
    o.backup_dir = opts.backup;
    o.json_log = opts.log_format == "json";
    o.json_report = opts.format == "json";
    if (opts.allow_hazards_opt != nullptr && opts.allow_hazards_opt->count() > 0) {
        std::vector<std::string> listed;
        for (const auto& h : opts.allow_hazards)
            if (!h.empty()) listed.push_back(h);
        if (listed.empty()) o.allow_all_hazards = true;
        for (const auto& h : listed) {
            static const std::vector<std::string> known = [] {
                std::vector<std::string> names;
                for (int i = 0; i <= static_cast<int>(diff::Hazard::Backfill); ++i)
                    names.emplace_back(diff::hazard_name(static_cast<diff::Hazard>(i)));
                return names;
            }();
            if (std::find(known.begin(), known.end(), h) == known.end()) {
                std::string near = nearest(h, known);
                throw_input("--allow-hazards: unknown hazard `" + h + "`" + (near.empty() ? "" : "; did you mean " + near + "?"));
            }
            o.allowed_hazards.insert(h);
        }
    }
    exec::DevDatabase dev(opts.db.dev_db);
    std::vector<exec::ExecPlan> plans;
    if (opts.to.empty()) {
        plans = chain_plans(opts.plans);
        if (plans.empty()) throw_input("no plans in " + opts.plans + " (run pgkeel plan first, or apply --to SRC)");
    } else {
        std::string user;
        catalog::Catalog live = exec::live_schema(o.db, o.history_schema, &user);
        catalog::Catalog target = exec::comparable_target(opts.to, dev, user, o.history_schema);
        plan::Plan p = plan::make_plan(live, target, plan::Fingerprints::left_out);
        if (p.empty()) {
            std::cout << "nothing to apply: the database matches " << opts.to << "\n";
            return 0;
        }
        std::string ids;
        for (const auto& s : p.steps) ids += s.sha256;
        p.id = "declarative_" + sha256_hex(ids).substr(0, 12);
        std::cout << render::plan_text(p, false);
        if (!opts.dry_run && !opts.yes && isatty(STDIN_FILENO) && !confirm(p.steps.size())) {
            std::cerr << "pgkeel: not applied\n";
            return 1;
        }
        auto e = exec::exec_plan(p, std::move(live), std::move(target));
        e.declared = false;
        plans.push_back(std::move(e));
    }
    return exec::apply(plans, o, dev);
}

}  // namespace pgkeel::cli
