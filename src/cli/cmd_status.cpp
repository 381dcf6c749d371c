#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "cli/commands.hpp"
#include "cli/plans_dir.hpp"
#include "common/error.hpp"
#include "common/text.hpp"
#include "exec/conninfo.hpp"
#include "exec/executor.hpp"
#include "exec/history.hpp"

namespace pgkeel::cli {

void add_status(CLI::App& app, StatusOptions& opts) {
    auto* cmd = app.add_subcommand("status", "Show what is applied: plans and steps, pending, failed or dirty steps, backfills");
    add_db_options(cmd, opts.db, false);
    cmd->add_option("--plans", opts.plans, "folder of committed plans (default plans/)");
    cmd->add_option("--format", opts.format, "text (default) or json")->check(CLI::IsMember({"text", "json"}));
    cmd->footer("Exit codes: 0 success, 1 database error, 5 invalid input.");
}

int run_status(const StatusOptions& opts) {
    using nlohmann::json;
    std::string db = resolve_db(opts.db, "status");
    exec::History hist(opts.db.history_schema);
    // The committed plans, when there are any (status also works without them).
    std::vector<exec::ExecPlan> plans;
    PlansDir dir(opts.plans);
    for (const auto& f : dir.folders()) {
        auto path = (f.path / "plan.json").string();
        plans.push_back(exec::exec_plan_from_json(read_file(path), path));
    }
    std::map<std::pair<std::string, int>, exec::HistoryRow> rows;
    json leases = json::array();
    std::map<std::pair<std::string, int>, json> progress;  // backfill state rows
    try {
        pqxx::connection c(exec::with_params(db, {{"application_name", "pgkeel status"}}));
        pqxx::read_transaction tx(c);
        rows = hist.read(tx);
        if (hist.exists(tx)) {
            for (const auto& r : tx.exec("SELECT name, holder, date_trunc('second', now() - heartbeat_at)::text, expires_at < now() FROM " +
                                         hist.table("lease") + " ORDER BY name"))
                leases.push_back({{"name", r[0].c_str()}, {"holder", r[1].c_str()}, {"heartbeat_age", r[2].c_str()},
                                  {"expired", r[3].as<bool>()}});
            if (tx.exec_params1("SELECT pg_catalog.to_regclass($1) IS NOT NULL", hist.table("backfills"))[0].as<bool>())
                for (const auto& r : tx.exec("SELECT plan_id, step, phase, rows_scanned, rows_updated, batches, coalesce(array_to_string(cursor, "
                                             "','), ''), date_trunc('second', now() - updated_at)::text FROM " + hist.table("backfills")))
                    progress[{r[0].c_str(), r[1].as<int>()}] = {{"phase", r[2].c_str()}, {"rows_scanned", r[3].as<long long>()},
                                                                 {"rows_updated", r[4].as<long long>()}, {"batches", r[5].as<int>()},
                                                                 {"cursor", r[6].c_str()}, {"last_batch_age", r[7].c_str()}};
        }
    } catch (const pqxx::broken_connection& e) {
        throw Error(ErrorKind::Database, std::string("cannot connect to the database: ") + e.what());
    }

    json out = {{"database", exec::describe(db)}, {"history", hist.table("schema_migrations")}, {"leases", leases}};
    json jplans = json::array(), problems = json::array(), backfills = json::array();
    std::set<std::string> known;
    auto problem = [&](const exec::HistoryRow& r) {
        problems.push_back({{"plan", r.plan_id}, {"step", r.step}, {"status", exec::status_name(r.status)}, {"summary", r.summary},
                            {"error", r.error}, {"attempts", r.attempts}, {"started_at", r.started_at}});
    };
    for (const auto& p : plans) {
        known.insert(p.id);
        int applied = 0, reconciled = 0;
        json pending = json::array();
        for (const auto& s : p.steps) {
            auto it = rows.find({p.id, s.number});
            if (it != rows.end() && it->second.status == exec::StepStatus::Applied) ++applied;
            else if (it != rows.end() && it->second.status == exec::StepStatus::Reconciled) ++reconciled;
            else {
                pending.push_back({{"step", s.number}, {"phase", s.phase}, {"summary", s.summary}});
                if (s.kind == "backfill") {
                    auto pr = progress.find({p.id, s.number});
                    backfills.push_back({{"plan", p.id}, {"step", s.number}, {"summary", s.summary},
                                         {"progress", pr == progress.end() ? json(nullptr) : pr->second}});
                }
            }
            if (it != rows.end() && !it->second.done()) problem(it->second);
        }
        int done = applied + reconciled, total = static_cast<int>(p.steps.size());
        std::string state = done == total ? "applied" : done == 0 ? "pending" : "partial";
        jplans.push_back({{"id", p.id}, {"state", state}, {"steps", total}, {"applied", applied}, {"reconciled", reconciled},
                          {"pending", pending}});
    }
    // Plans the history has but plans/ does not (declarative applies, other branches).
    std::map<std::string, std::pair<int, int>> others;
    for (const auto& [k, r] : rows) {
        if (known.contains(r.plan_id)) continue;
        auto& o = others[r.plan_id];
        ++o.first;
        if (r.done()) ++o.second;
        else problem(r);
    }
    for (const auto& [id, n] : others)
        jplans.push_back({{"id", id}, {"state", n.first == n.second ? "applied" : "partial"}, {"steps", n.first}, {"applied", n.second},
                          {"reconciled", 0}, {"pending", json::array()}, {"not_in_plans_dir", true}});
    out["plans"] = jplans;
    out["problems"] = problems;
    out["backfills_pending"] = backfills;

    if (opts.format == "json") {
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    std::cout << "database: " << out["database"].get<std::string>() << " (history in " << out["history"].get<std::string>() << ")\n";
    if (rows.empty()) std::cout << "nothing recorded yet\n";
    for (const auto& l : leases)
        std::cout << l["name"].get<std::string>() << " lease: " << (l["expired"].get<bool>() ? "expired, last held by " : "held by ")
                  << l["holder"].get<std::string>() << " (last heartbeat " << l["heartbeat_age"].get<std::string>() << " ago)\n";
    for (const auto& p : jplans) {
        std::cout << "  " << p["id"].get<std::string>() << "  " << p["state"].get<std::string>() << "  "
                  << p["applied"].get<int>() + p["reconciled"].get<int>() << "/" << p["steps"].get<int>() << " steps";
        if (p["reconciled"].get<int>() > 0) std::cout << " (" << p["reconciled"].get<int>() << " reconciled)";
        if (p.contains("not_in_plans_dir")) std::cout << " (not in " << opts.plans << ")";
        std::cout << "\n";
        int shown = 0;
        for (const auto& s : p["pending"]) {
            if (++shown > 10) {
                std::cout << "      ... " << p["pending"].size() - 10 << " more pending\n";
                break;
            }
            std::cout << "      pending step " << s["step"].get<int>() << " [" << s["phase"].get<std::string>() << "] "
                      << s["summary"].get<std::string>() << "\n";
        }
    }
    for (const auto& pr : problems)
        std::cout << pr["status"].get<std::string>() << ": " << pr["plan"].get<std::string>() << " step " << pr["step"].get<int>() << " ("
                  << pr["summary"].get<std::string>() << ", " << pr["attempts"].get<int>() << " attempts)"
                  << (pr["error"].get<std::string>().empty() ? "" : ": " + pr["error"].get<std::string>()) << "\n";
    for (const auto& b : backfills) {
        std::cout << "backfill pending: " << b["plan"].get<std::string>() << " step " << b["step"].get<int>() << " "
                  << b["summary"].get<std::string>();
        const auto& pr = b["progress"];
        if (pr.is_null()) std::cout << " (not started: run pgkeel backfill)\n";
        else
            std::cout << " (" << pr["phase"].get<std::string>() << ": " << pr["rows_scanned"].get<long long>() << " rows scanned, "
                      << pr["rows_updated"].get<long long>() << " updated in " << pr["batches"].get<int>() << " batches, last "
                      << pr["last_batch_age"].get<std::string>() << " ago)\n";
    }
    return 0;
}

}  // namespace pgkeel::cli
