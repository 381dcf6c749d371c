#pragma once
// pgkeel lint: findings with stable codes and a suggested fix, over any SQL
// migration file (squawk-style rules on the parsed statements) and over plans
// (their hazards). Plain data in, findings out; the CLI reads the files.
#include <string>
#include <vector>

#include "common/error.hpp"
#include "plan/plan.hpp"

namespace pgkeel::lint {

enum class Severity { Info, Warning, Error };
const char* severity_name(Severity s);  // "info", "warning", "error"
bool parse_severity(const std::string& name, Severity& out);

struct Finding {
    std::string code;  // stable: "index-not-concurrent", "hazard-deletes-data", ...
    Severity severity = Severity::Warning;
    SourceLocation where;
    std::string message;
    std::string fix;  // what to do instead
};

struct Rule {
    const char* code;
    Severity severity;
    const char* summary;
};
// Every rule, for --help and the docs.
const std::vector<Rule>& rules();

// Rules over the statements of an SQL migration file. A comment
// `-- pgkeel-lint: ignore CODE[, CODE]` in front of a statement silences those
// rules for that statement. Throws an input error when the SQL does not parse.
std::vector<Finding> lint_sql(const std::string& text, const std::string& file);

// The hazards of a plan's steps, as findings located at the step.
std::vector<Finding> lint_plan(const plan::Plan& p, const std::string& where);

}  // namespace pgkeel::lint
