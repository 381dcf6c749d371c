#pragma once
// Renders a catalog as SQL DDL in dependency order, loadable with psql into an
// empty database. The SQL loader reads it back into an identical model.
#include <string>

#include "catalog/model.hpp"

namespace pgkeel::render {

std::string render_sql(const catalog::Catalog& cat);

// Pieces shared with later stages (plan generation).
std::string column_definition(const catalog::Column& c);
std::string constraint_definition(const catalog::Constraint& k);
std::string index_definition(const catalog::Index& i);
std::string index_element(const catalog::IndexElement& e);
std::string trigger_definition(const catalog::QualifiedName& table, const catalog::Trigger& t);
std::string routine_definition(const catalog::Routine& r);
// A routine's argument list ("a integer, OUT b text DEFAULT ...") and, apart,
// its RETURNS TABLE columns.
struct RoutineArguments {
    std::string args;
    std::string table_columns;  // empty unless RETURNS TABLE
};
RoutineArguments routine_arguments(const catalog::Routine& r);
std::string sequence_options(const catalog::SequenceOptions& o);
std::string quote_collation(const std::string& collation);

}  // namespace pgkeel::render
