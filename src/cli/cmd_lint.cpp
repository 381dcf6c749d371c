#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/plans_dir.hpp"
#include "common/error.hpp"
#include "common/text.hpp"
#include "diff/diff.hpp"
#include "lint/lint.hpp"
#include "load/source.hpp"

namespace pgkeel::cli {

namespace fs = std::filesystem;

void add_lint(CLI::App& app, LintOptions& opts) {
    auto* cmd = app.add_subcommand("lint", "Find risky statements in SQL migration files, and the hazards of plans");
    cmd->add_option("paths", opts.paths,
                    "what to check: .sql migration files (statement rules), plan folders or plans/ (their hazards), or a schema "
                    "source (the hazards of its pending changes against --plans); default schemas/");
    cmd->add_option("--plans", opts.plans, "folder of committed plans, for a schema source (default plans/)");
    cmd->add_option("--format", opts.format, "output format: text (default) or json")->check(CLI::IsMember({"text", "json"}));
    cmd->add_option("--fail-on", opts.fail_on, "exit 2 when a finding is at or above this severity: info, warning, error (default)")
        ->check(CLI::IsMember({"info", "warning", "error"}));
    std::string rules = "Rules (silence one for one statement with a comment in front of it: -- pgkeel-lint: ignore CODE):\n";
    for (const auto& r : lint::rules()) rules += "  " + std::string(r.code) + " (" + lint::severity_name(r.severity) + "): " + r.summary + "\n";
    cmd->footer(rules + "Exit codes: 0 no finding at or above --fail-on, 2 findings, 5 invalid input.");
}

namespace {

// plan.json of a committed plan: its steps' hazards as findings.
std::vector<lint::Finding> lint_plan_folder(const fs::path& dir) {
    std::string file = (dir / "plan.json").string();
    auto j = nlohmann::json::parse(read_file(file), nullptr, false);
    if (j.is_discarded() || !j.contains("steps") || !j["steps"].is_array()) throw_input(file + ": not a pgkeel plan.json");
    plan::Plan p;
    for (const auto& s : j["steps"]) {
        plan::Step step;
        step.number = s.value("step", 0);
        step.change.summary = s.value("summary", "");
        if (s.contains("hazards") && s["hazards"].is_array())
            for (const auto& h : s["hazards"]) {
                diff::Hazard hz{};
                if (h.is_object() && diff::parse_hazard(h.value("hazard", ""), hz)) step.change.hazards.push_back({hz, h.value("why", "")});
            }
        p.steps.push_back(std::move(step));
    }
    return lint::lint_plan(p, file);
}

}  // namespace

int run_lint(const LintOptions& opts) {
    lint::Severity threshold{};
    lint::parse_severity(opts.fail_on, threshold);
    std::vector<std::string> paths = opts.paths.empty() ? std::vector<std::string>{"schemas/"} : opts.paths;
    std::vector<lint::Finding> findings;
    auto append = [&](std::vector<lint::Finding> more) { findings.insert(findings.end(), more.begin(), more.end()); };
    for (const auto& path : paths) {
        std::error_code ec;
        fs::path p(path);
        if (fs::is_regular_file(p, ec) && p.extension() == ".sql") {
            append(lint::lint_sql(read_file(path), path));
        } else if (fs::is_directory(p, ec) && fs::exists(p / "plan.json", ec)) {
            append(lint_plan_folder(p));
        } else if (fs::is_directory(p, ec) && fs::exists(p / "pgkeel.sum", ec)) {
            for (const auto& f : PlansDir(p).folders()) append(lint_plan_folder(f.path));
        } else {
            // a schema source: the hazards of what is not planned yet
            catalog::Catalog to = load::load_source(load::resolve_source(path));
            catalog::Catalog from = PlansDir(opts.plans).last_snapshot();
            plan::Plan pending;
            pending.steps = plan::order(diff::diff(from, to));
            append(lint::lint_plan(pending, path + " (pending changes against " + opts.plans + ")"));
        }
    }
    bool failed = false;
    for (const auto& f : findings) failed = failed || f.severity >= threshold;
    if (opts.format == "json") {
        nlohmann::ordered_json out = nlohmann::ordered_json::array();
        for (const auto& f : findings)
            out.push_back({{"code", f.code}, {"severity", lint::severity_name(f.severity)}, {"file", f.where.file}, {"line", f.where.line},
                           {"column", f.where.column}, {"message", f.message}, {"fix", f.fix}});
        std::cout << out.dump(2) << "\n";
    } else {
        for (const auto& f : findings)
            std::cout << f.where.str() << ": " << lint::severity_name(f.severity) << ": " << f.message << " [" << f.code << "]\n    fix: " << f.fix
                      << "\n";
        std::cout << findings.size() << (findings.size() == 1 ? " finding" : " findings") << "\n";
    }
    return failed ? 2 : 0;
}

}  // namespace pgkeel::cli
