#pragma once
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace pgkeel::cli {

struct InspectOptions {
    std::string db;
    std::string from;
    std::string format = "toml";
    std::string out;
    std::string split = "table";
};

void add_inspect(CLI::App& app, InspectOptions& opts);
int run_inspect(const InspectOptions& opts);

}  // namespace pgkeel::cli

namespace pgkeel::cli {

struct PlanOptions {
    std::string from;
    std::string to = "schemas/";
    std::string plans = "plans/";
    std::string name;
    std::string format;  // text | json | markdown | sql; empty: text for ad-hoc plans
    bool check = false;
    std::string color = "auto";
};

void add_plan(CLI::App& app, PlanOptions& opts);
int run_plan(const PlanOptions& opts);

}  // namespace pgkeel::cli

namespace pgkeel::cli {

struct LintOptions {
    std::vector<std::string> paths;  // .sql files, plan folders, plans/, schema sources; default schemas/
    std::string plans = "plans/";
    std::string format = "text";
    std::string fail_on = "error";
};

void add_lint(CLI::App& app, LintOptions& opts);
int run_lint(const LintOptions& opts);

}  // namespace pgkeel::cli
