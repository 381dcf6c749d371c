#pragma once
// A plan as SQL (runnable with psql, one statement per step), terminal text,
// plan.json and plan.md.
#include <optional>
#include <string>

#include "plan/plan.hpp"

namespace pgkeel::render {

// A whole schema as SQL DDL in dependency order, loadable with psql into an
// empty database (also in one transaction): the plan from an empty schema,
// statement after statement. The SQL loader reads it back into an identical model.
std::string render_sql(const catalog::Catalog& cat);

// Steps of one phase, or of all when phase is empty.
std::string plan_sql(const plan::Plan& p, std::optional<diff::Phase> phase = std::nullopt);
std::string plan_text(const plan::Plan& p, bool color);
// With `reverse`, plan.json and plan.md also describe the plan back (its hazards).
std::string plan_json(const plan::Plan& p, const plan::Plan* reverse = nullptr);
std::string plan_markdown(const plan::Plan& p, const plan::Plan* reverse = nullptr);

}  // namespace pgkeel::render
