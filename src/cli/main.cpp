// pgkeel command line. Exit codes (fixed by the design brief): 0 success,
// 1 failure (database error), 2 differences found, 3 preflight refused,
// 4 hazards not allowed, 5 invalid input.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands.hpp"
#include "common/error.hpp"

int main(int argc, char** argv) {
    CLI::App app{"pgkeel: declarative schema diff and planning for PostgreSQL"};
    app.set_version_flag("--version", "pgkeel " PGKEEL_VERSION);
    app.require_subcommand(1);
    // An option given twice: the last one wins, as in most command lines.
    app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    pgkeel::cli::InspectOptions inspect;
    pgkeel::cli::add_inspect(app, inspect);
    pgkeel::cli::PlanOptions plan;
    pgkeel::cli::add_plan(app, plan);
    pgkeel::cli::LintOptions lint;
    pgkeel::cli::add_lint(app, lint);
    pgkeel::cli::ApplyCliOptions apply;
    pgkeel::cli::add_apply(app, apply);
    pgkeel::cli::DriftOptions drift;
    pgkeel::cli::add_drift(app, drift);
    pgkeel::cli::StatusOptions status;
    pgkeel::cli::add_status(app, status);
    pgkeel::cli::BackfillCliOptions backfill;
    pgkeel::cli::add_backfill(app, backfill);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return 5;
    }
    try {
        if (app.got_subcommand("inspect")) return pgkeel::cli::run_inspect(inspect);
        if (app.got_subcommand("plan")) return pgkeel::cli::run_plan(plan);
        if (app.got_subcommand("lint")) return pgkeel::cli::run_lint(lint);
        if (app.got_subcommand("apply")) return pgkeel::cli::run_apply(apply);
        if (app.got_subcommand("drift")) return pgkeel::cli::run_drift(drift);
        if (app.got_subcommand("status")) return pgkeel::cli::run_status(status);
        if (app.got_subcommand("backfill")) return pgkeel::cli::run_backfill(backfill);
    } catch (const pgkeel::Error& e) {
        // one line per error (the TOML loader reports every error of a run)
        std::string text = e.what();
        std::size_t pos = 0;
        while (pos <= text.size()) {
            std::size_t eol = text.find('\n', pos);
            if (eol == std::string::npos) eol = text.size();
            std::cerr << "pgkeel: " << text.substr(pos, eol - pos) << "\n";
            pos = eol + 1;
        }
        return e.exit_code();
    } catch (const std::exception& e) {
        std::cerr << "pgkeel: internal error: " << e.what() << "\n";
        return 1;
    }
    return 5;
}
