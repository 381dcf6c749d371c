#pragma once
#include <CLI/CLI.hpp>

#include <string>

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
