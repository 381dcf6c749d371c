#pragma once
// Building blocks of step fingerprints: SQL boolean predicates over the
// catalogs, true exactly when an object (or one of its properties) is in the
// state a step produces. Every name reaches SQL as a quoted literal. The
// executor evaluates them with search_path = '' so that format_type() and
// friends print qualified names, as the model does.
#include <string>
#include <vector>

#include "catalog/model.hpp"

namespace pgkeel::diff::fp {

using catalog::QualifiedName;

// Row sources: each returns "EXISTS (SELECT 1 FROM <catalog> <alias> WHERE <identity> AND (<cond>))".
// The alias is fixed per catalog so conditions can name columns:
//   n pg_namespace, e pg_extension, t pg_type, c pg_class, a pg_attribute,
//   k pg_constraint, p pg_proc, g pg_trigger, y pg_policy.
std::string schema(const std::string& name, const std::string& cond = "");
std::string extension(const std::string& name, const std::string& cond = "");
std::string type(const QualifiedName& q, const std::string& cond = "");
std::string relation(const QualifiedName& q, const std::string& cond = "");
std::string column(const QualifiedName& table, const std::string& col, const std::string& cond = "");
std::string constraint(const QualifiedName& table, const std::string& name, const std::string& cond = "");
std::string domain_constraint(const QualifiedName& domain, const std::string& name, const std::string& cond = "");
std::string routine(const catalog::RoutineKey& key, const std::string& cond = "");
std::string trigger(const QualifiedName& table, const std::string& name, const std::string& cond = "");
std::string policy(const QualifiedName& table, const std::string& name, const std::string& cond = "");

// Conditions.
std::string eq(const std::string& expr, const std::string& value);           // expr = 'value'
std::string same(const std::string& expr, const std::optional<std::string>& value);  // IS NOT DISTINCT FROM
std::string role_is(const std::string& owner_column, const std::string& role);
// A privilege present (grant) or absent (revoke) in an ACL column, with the
// kind's defaults when the column is NULL ('r' table, 's' sequence, 'n' schema,
// 'f' routine, 'T' type, 'c' column).
std::string privilege(const std::string& acl_column, char default_kind, const std::string& owner_column,
                      const catalog::AclItem& item, bool present);

std::string all(const std::vector<std::string>& parts);
std::string negate(const std::string& predicate);

}  // namespace pgkeel::diff::fp
