#pragma once
#include <CLI/CLI.hpp>

#include <string>

namespace pgkeel::cli {

struct InspectOptions {
    std::string db;
    std::string from;
    std::string format = "sql";
    std::string out;
};

void add_inspect(CLI::App& app, InspectOptions& opts);
int run_inspect(const InspectOptions& opts);

}  // namespace pgkeel::cli
