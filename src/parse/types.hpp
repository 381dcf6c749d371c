#pragma once
// Canonical type names: the spelling PostgreSQL's format_type() gives with an
// empty search_path ("integer", "character varying(20)[]", "public.mood"), so a
// type written in a file and one read from pg_catalog compare equal.
#include <string>

#include "catalog/model.hpp"
#include "parse/pg_tree.hpp"

namespace pgkeel::parse {

// Canonical text of a parsed type name; unqualified non-builtin names are
// qualified with default_schema.
std::string canonical_type(const PgQuery__TypeName* tn, const std::string& default_schema);
// Canonical text of a type given as text ("varchar(20)", "public.mood[]").
std::string canonical_type_text(const std::string& text, const std::string& default_schema,
                                const SourceLocation& where = {});
// Schema and name of a parsed type name (qualified with default_schema when bare
// and not builtin), without modifiers or array bounds.
catalog::QualifiedName type_qname(const PgQuery__TypeName* tn, const std::string& default_schema);
// True for a name of a type in pg_catalog (internal spelling, e.g. "int4").
bool is_builtin_type(const std::string& name);

}  // namespace pgkeel::parse
