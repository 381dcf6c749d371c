#pragma once
// Loads the TOML schema format (docs/schema-format.md) into the catalog model.
//
// Every file is read and checked first (unknown keys with a did-you-mean,
// wrong value types, missing fields, SQL fragments parsed one by one); all
// errors of all files are reported together and nothing loads when there is
// any. The objects are then written as SQL DDL, in dependency order, and fed
// to the same DdlBuilder the SQL and live loaders use, with a source map so
// every error still names the TOML file's own line and column.
#include <string>
#include <vector>

#include "catalog/model.hpp"

namespace pgkeel::load {

// Loads .toml files (in the given order) into one normalized catalog.
catalog::Catalog load_toml_files(const std::vector<std::string>& files);
// Loads TOML text; `file` names it in error messages.
catalog::Catalog load_toml_text(const std::string& text, const std::string& file = "<input>");

}  // namespace pgkeel::load
