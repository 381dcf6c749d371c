#pragma once
// The SQL of single objects (CREATE TABLE column definitions, constraints,
// indexes, triggers, routines), used by the diff stage. A whole schema as DDL
// is render_sql() (plan_renderer.hpp): the plan from an empty schema.
#include <string>

#include "catalog/model.hpp"

namespace pgkeel::render {

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
