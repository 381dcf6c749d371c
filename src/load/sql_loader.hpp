#pragma once
#include <string>
#include <vector>

#include "catalog/model.hpp"

namespace pgkeel::load {

// Loads SQL DDL (what pg_dump --schema-only writes, or hand-written DDL) from
// files, in the given order, into one normalized catalog.
catalog::Catalog load_sql_files(const std::vector<std::string>& files);
// Loads SQL text; `file` names it in error messages.
catalog::Catalog load_sql_text(const std::string& text, const std::string& file = "<input>");

}  // namespace pgkeel::load
