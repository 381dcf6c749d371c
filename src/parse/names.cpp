#include "parse/names.hpp"

#include <set>

namespace pgkeel::parse {

catalog::QualifiedName range_var_name(const PgQuery__RangeVar* rv, const std::string& default_schema) {
    if (rv == nullptr) return {};
    std::string schema = rv->schemaname != nullptr && rv->schemaname[0] != '\0' ? rv->schemaname : default_schema;
    return {schema, rv->relname};
}

catalog::QualifiedName qualified_from_list(const std::vector<std::string>& names, const std::string& default_schema) {
    if (names.size() == 1) return {default_schema, names[0]};
    if (names.size() >= 2) return {names[names.size() - 2], names.back()};
    return {};
}

std::string collation_name(Node* const* items, std::size_t n) {
    auto names = strings(items, n);
    if (names.size() == 2 && names[0] == "pg_catalog") return names[1];
    std::string out;
    for (const auto& part : names) out += (out.empty() ? "" : ".") + part;
    return out;
}

std::string upper(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}


std::vector<catalog::QualifiedName> referenced_relations(const Node* query, const std::string& default_schema) {
    std::set<std::string> ctes;
    std::set<catalog::QualifiedName> out;
    auto visit = [&](Node* n) {
        if (n->node_case == PG_QUERY__NODE__NODE_COMMON_TABLE_EXPR) ctes.insert(n->common_table_expr->ctename);
        if (n->node_case == PG_QUERY__NODE__NODE_RANGE_VAR) out.insert(range_var_name(n->range_var, default_schema));
    };
    walk_nodes(reinterpret_cast<const ProtobufCMessage*>(query), visit);
    std::vector<catalog::QualifiedName> result;
    for (const auto& q : out) {
        bool is_cte = ctes.contains(q.name) && q.schema == default_schema;
        if (!is_cte) result.push_back(q);
    }
    return result;
}

}  // namespace pgkeel::parse
