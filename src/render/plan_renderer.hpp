#pragma once
// A plan as SQL (runnable with psql, one statement per step), terminal text,
// plan.json and plan.md.
#include <string>

#include "plan/plan.hpp"

namespace pgkeel::render {

// Steps of one phase, or of all when phase is empty.
std::string plan_sql(const plan::Plan& p, std::optional<diff::Phase> phase = std::nullopt);
std::string plan_text(const plan::Plan& p, bool color);
std::string plan_json(const plan::Plan& p);
std::string plan_markdown(const plan::Plan& p);

}  // namespace pgkeel::render
