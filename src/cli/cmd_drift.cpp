#include <iostream>

#include "cli/commands.hpp"
#include "exec/dev_db.hpp"
#include "exec/executor.hpp"
#include "render/plan_renderer.hpp"

namespace pgkeel::cli {

void add_drift(CLI::App& app, DriftOptions& opts) {
    auto* cmd = app.add_subcommand("drift", "Compare a live database with the declared schema");
    add_db_options(cmd, opts.db, true);
    cmd->add_option("--to", opts.to, "the schema the database should have (default schemas/): files, a folder, or a database URL");
    cmd->add_option("--format", opts.format, "text (default), json or markdown")->check(CLI::IsMember({"text", "json", "markdown"}));
    cmd->footer("Exit codes: 0 no drift, 1 failure, 2 the database differs (the steps that would fix it are printed), 5 invalid input.");
}

int run_drift(const DriftOptions& opts) {
    std::string db = resolve_db(opts.db, "drift");
    exec::DevDatabase dev(opts.db.dev_db);
    std::string user;
    catalog::Catalog live = exec::live_schema(db, opts.db.history_schema, &user);
    catalog::Catalog target = exec::comparable_target(opts.to, dev, user, opts.db.history_schema);
    plan::Plan p;
    p.id = "drift";
    p.source_fingerprint = catalog::fingerprint(live);
    p.target_fingerprint = catalog::fingerprint(target);
    p.steps = exec::differences(live, target);
    if (opts.format == "json") std::cout << render::plan_json(p);
    else if (opts.format == "markdown") std::cout << render::plan_markdown(p);
    else if (p.empty()) std::cout << "no drift: the database matches " << opts.to << "\n";
    else {
        std::cout << "drift: the database differs from " << opts.to << " (" << p.steps.size()
                  << (p.steps.size() == 1 ? " step" : " steps") << " would bring it there):\n";
        std::cout << render::plan_text(p, false);
    }
    return p.empty() ? 0 : 2;
}

}  // namespace pgkeel::cli
