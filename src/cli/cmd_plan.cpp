#include <unistd.h>

#include <iostream>

#include "catalog/model.hpp"
#include "cli/commands.hpp"
#include "common/error.hpp"
#include "diff/diff.hpp"
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

}  // namespace

int run_plan(const PlanOptions& opts) {
    if (opts.from.empty()) throw_input("plan: the plans/ chain is not implemented yet; give --from SRC for an ad-hoc plan");
    catalog::Catalog from = load::load_source(load::resolve_source(opts.from));
    catalog::Catalog to = load::load_source(load::resolve_source(opts.to));
    plan::Plan p;
    p.source_fingerprint = catalog::fingerprint(from);
    p.target_fingerprint = catalog::fingerprint(to);
    p.steps = plan::order(diff::diff(from, to));
    bool color = opts.color == "always" || (opts.color == "auto" && isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr);
    std::cout << render(p, opts.format.empty() ? "text" : opts.format, color);
    std::cout.flush();
    if (!std::cout) throw Error(ErrorKind::Internal, "cannot write to standard output");
    return 0;
}

}  // namespace pgkeel::cli
