#pragma once
// A schema source given on the command line: a .toml or .sql file, a folder of
// them (one format per folder), or a database (postgresql:// URL or libpq conninfo).
#include <string>
#include <vector>

#include "catalog/model.hpp"

namespace pgkeel::load {

enum class SourceKind { TomlFiles, SqlFiles, Database };

struct Source {
    SourceKind kind = SourceKind::SqlFiles;
    std::string spec;                // as given
    std::vector<std::string> files;  // TomlFiles / SqlFiles: sorted file list
};

// True when spec looks like a connection string rather than a path.
bool is_connection_string(const std::string& spec);
// Resolves spec; throws an input error when it names nothing loadable.
Source resolve_source(const std::string& spec);
// Loads any source into a normalized catalog.
catalog::Catalog load_source(const Source& src);

}  // namespace pgkeel::load
