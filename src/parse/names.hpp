#pragma once
#include <string>
#include <vector>

#include "catalog/model.hpp"
#include "parse/pg_tree.hpp"

namespace pgkeel::parse {
// Schema-qualified name of a RangeVar; bare names take default_schema.
catalog::QualifiedName range_var_name(const PgQuery__RangeVar* rv, const std::string& default_schema);
// Schema-qualified name from a dotted name list (["s", "t"] or ["t"]).
catalog::QualifiedName qualified_from_list(const std::vector<std::string>& names, const std::string& default_schema);
// A collation name list as the model stores it: pg_catalog collations bare ("C").
std::string collation_name(Node* const* items, std::size_t n);
// Upper-case ASCII (SQL keywords given in any case).
std::string upper(std::string s);

// Relations named in FROM clauses anywhere in a parsed query (sorted, unique),
// CTE names excluded. Bare names take default_schema.
std::vector<catalog::QualifiedName> referenced_relations(const Node* query, const std::string& default_schema);
}  // namespace pgkeel::parse
