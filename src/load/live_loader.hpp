#pragma once
// Reads a live database's schema through pg_catalog: one query per object kind
// (a constant number of round trips), inside one read-only snapshot. The rows
// are written out as DDL and read by the same DdlBuilder as SQL files, so
// server-rendered definitions (pg_get_indexdef, pg_get_constraintdef, ...) go
// through the same canonicalization as declared ones.
#include <string>
#include <vector>

#include "catalog/model.hpp"

namespace pgkeel::load {

struct LiveSchema {
    catalog::Catalog catalog;
    std::string current_user;           // the role the loader connected as
    std::vector<std::string> warnings;  // objects present but not modelled
    // Catalog queries sent: one per object kind and the session set-up,
    // whatever the schema holds (a helper backend's own set-up not counted).
    int queries = 0;
};

// conninfo: a postgresql:// URL or a libpq key=value string; empty uses the PG*
// environment. Connection failures are database errors (exit 1). Schemas in
// `excluded_schemas` (pgkeel's own history schema) are not read.
inline const std::vector<std::string> kPgkeelSchemas = {"pgkeel"};
LiveSchema load_live(const std::string& conninfo, const std::vector<std::string>& excluded_schemas = kPgkeelSchemas);

}  // namespace pgkeel::load
