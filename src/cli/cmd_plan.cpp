#include <unistd.h>

#include <cstdlib>

#include <iostream>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <exception>
#include <future>
#include <optional>

#include "catalog/model.hpp"
#include "cli/commands.hpp"
#include "cli/plans_dir.hpp"
#include "common/text.hpp"
#include "common/error.hpp"
#include "exec/dev_db.hpp"
#include "exec/executor.hpp"
#include "load/source.hpp"
#include "plan/plan.hpp"
#include "render/plan_renderer.hpp"

namespace pgkeel::cli {

void add_plan(CLI::App& app, PlanOptions& opts) {
    auto* cmd = app.add_subcommand("plan", "Plan the changes from one schema to another");
    cmd->add_option("--from", opts.from,
                    "source schema: a .toml or .sql file, a folder of them, or a database URL; with --from the plan is "
                    "printed and nothing is written");
    cmd->add_option("--to", opts.to, "target schema (default schemas/)");
    cmd->add_option("--plans", opts.plans, "folder of committed plans (default plans/)");
    cmd->add_option("--name", opts.name, "name of the new plan folder");
    cmd->add_option("--format", opts.format, "output format: text (default), sql, json or markdown")
        ->check(CLI::IsMember({"text", "sql", "json", "markdown"}));
    cmd->add_option("--db", opts.db,
                    "a database to read table sizes from: plan.md (and --format markdown) then shows the estimated rows and "
                    "size of each table the steps lock (with --from URL, that database is used)");
    cmd->add_option("--dev-db", opts.dev_db,
                    "with a database on one side: a server for the dev database the declared side is loaded into (default: "
                    "an embedded throwaway PostgreSQL)");
    cmd->add_flag("--check", opts.check, "exit 2 when the committed plans do not reproduce the target schema");
    cmd->add_option("--color", opts.color, "colour text output: auto (default), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    cmd->footer("Exit codes: 0 success or no difference, 1 failure, 2 differences found (--check), 5 invalid input.");
}

namespace {

std::string render(const plan::Plan& p, const std::string& format, bool color) {
    if (format == "sql") return render::plan_sql(p);
    if (format == "json") return render::plan_json(p);
    if (format == "markdown") return render::plan_markdown(p);
    return render::plan_text(p, color);
}

// Frees both schemas at once, one on a second thread: a schema of 10,000
// tables is hundreds of thousands of small allocations, about 0.05 s to free.
void free_both(catalog::Catalog& a, catalog::Catalog& b) {
    auto freed = std::async(std::launch::async, [gone = std::move(a)]() mutable { catalog::Catalog{std::move(gone)}; });
    b = {};
    freed.get();
}

// --check: every checksum holds, each plan goes from its parent's snapshot to
// its own (plan.json's parent and fingerprints), and the last snapshot is the
// declared schema. The SQL itself is not planned again: a newer pgkeel may
// plan differently, and committed plans stay valid; the checksums guard them.
// Prints each difference; exit 2 when there is one.
int check_chain(const PlansDir& dir, const catalog::Catalog& declared) {
    std::vector<std::string> problems = dir.verify();
    catalog::Catalog parent;
    std::string parent_id;
    for (const auto& f : dir.folders()) {
        catalog::Catalog target = dir.snapshot(f);
        auto path = f.path / "plan.json";
        std::error_code ec;
        if (!std::filesystem::exists(path, ec)) {
            problems.push_back(f.id + "/plan.json: missing");
        } else {
            auto j = nlohmann::json::parse(read_file(path.string()), nullptr, false);
            auto text = [&](const char* key) { return j.is_object() && j[key].is_string() ? j[key].get<std::string>() : std::string(); };
            if (j.is_discarded()) problems.push_back(f.id + "/plan.json: not valid JSON");
            else {
                if (text("id") != f.id) problems.push_back(f.id + "/plan.json: id is " + text("id"));
                if (text("parent") != parent_id)
                    problems.push_back(f.id + "/plan.json: parent is " + (text("parent").empty() ? "none" : text("parent")) + ", the previous plan is " +
                                       (parent_id.empty() ? "none" : parent_id));
                if (text("source_fingerprint") != catalog::fingerprint(parent))
                    problems.push_back(f.id + ": its source is not the previous plan's snapshot");
                if (text("target_fingerprint") != catalog::fingerprint(target)) problems.push_back(f.id + ": its target is not its snapshot");
            }
        }
        parent = std::move(target);
        parent_id = f.id;
    }
    plan::Plan pending = plan::make_plan(parent, declared, plan::Fingerprints::left_out);
    if (!pending.empty()) {
        problems.push_back("the declared schema differs from the last plan's snapshot: " + std::to_string(pending.steps.size()) +
                           " steps are not planned yet (run pgkeel plan):");
        for (const auto& s : pending.steps) problems.push_back("  " + s.change.summary);
    }
    for (const auto& p : problems) std::cout << p << "\n";
    if (problems.empty()) std::cout << "plans are up to date (" << dir.folders().size() << " plans)\n";
    return problems.empty() ? 0 : 2;
}

}  // namespace

int run_plan(const PlanOptions& opts) {
    bool color = opts.color == "always" || (opts.color == "auto" && isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr);
    auto emit = [&](const std::string& text) {
        std::cout << text;
        std::cout.flush();
        if (!std::cout) throw Error(ErrorKind::Internal, "cannot write to standard output");
    };
    if (!opts.from.empty()) {
        if (opts.check) throw_input("--check compares the plans/ chain with --to; it takes no --from");
        auto from_src = load::resolve_source(opts.from), to_src = load::resolve_source(opts.to);
        catalog::Catalog from, to;
        if (from_src.kind == load::SourceKind::Database || to_src.kind == load::SourceKind::Database) {
            // A declared side compared with a live one goes through the dev database.
            exec::DevDatabase dev(opts.dev_db);
            std::string user;
            if (from_src.kind == load::SourceKind::Database) {
                from = exec::live_schema(from_src.spec, "pgkeel", &user);
                to = exec::comparable_target(opts.to, dev, user, "pgkeel");
            } else {
                to = exec::live_schema(to_src.spec, "pgkeel", &user);
                from = exec::comparable_target(opts.from, dev, user, "pgkeel");
            }
        } else {
            // the two sides load at the same time (an error in --from is the one reported)
            auto to_loaded = std::async(std::launch::async, [&] { return load::load_source(to_src); });
            from = load::load_source(from_src);
            to = to_loaded.get();
        }
        std::string format = opts.format.empty() ? "text" : opts.format;
        plan::Plan p = plan::make_plan(from, to, format == "json" ? plan::Fingerprints::taken : plan::Fingerprints::left_out);
        std::string sizes_db = !opts.db.empty() ? opts.db : from_src.kind == load::SourceKind::Database ? from_src.spec : "";
        if (!sizes_db.empty()) p.table_sizes = exec::table_sizes(sizes_db, p);
        emit(render(p, format, color));
        free_both(from, to);
        return 0;
    }
    // The declared schema loads while the chain is checked and its last
    // snapshot loads; an error in the declared schema is still the one reported.
    auto to_loaded = std::async(std::launch::async, [&] { return load::load_source(load::resolve_source(opts.to)); });
    std::optional<PlansDir> dir;
    std::vector<std::string> problems;
    catalog::Catalog from;
    std::exception_ptr chain_error;
    try {
        dir.emplace(opts.plans);
        if (!opts.check) {
            problems = dir->verify();
            if (problems.empty()) from = dir->last_snapshot();
        }
    } catch (...) {
        chain_error = std::current_exception();
    }
    catalog::Catalog to = to_loaded.get();
    if (chain_error) std::rethrow_exception(chain_error);
    if (opts.check) return check_chain(*dir, to);
    if (!problems.empty())
        throw_input("the plan chain in " + opts.plans + " was changed by hand; nothing was written:\n" + join(problems, "\n"));
    plan::Plan p = plan::make_plan(from, to);
    if (p.empty()) {
        emit("No changes: " + opts.to + " matches the last plan in " + opts.plans + ".\n");
        return 0;
    }
    auto folders = dir->folders();
    p.parent = folders.empty() ? "" : folders.back().id;
    if (!opts.db.empty()) p.table_sizes = exec::table_sizes(opts.db, p);
    p.id = dir->next_id(opts.name.empty() ? (folders.empty() ? "initial" : p.steps.front().change.summary) : opts.name);
    dir->write(p, plan::make_reverse(p, from, to), to);
    free_both(from, to);
    emit(render(p, opts.format.empty() ? "text" : opts.format, color));
    std::cerr << "pgkeel: wrote " << (std::filesystem::path(opts.plans) / p.id).string() << "/\n";
    return 0;
}

}  // namespace pgkeel::cli
