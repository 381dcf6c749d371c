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

namespace {

// Walks any protobuf-c message generically, calling visit on every Node.
template <class F>
void walk_message(const ProtobufCMessage* msg, F& visit) {
    if (msg == nullptr) return;
    const ProtobufCMessageDescriptor* d = msg->descriptor;
    if (d == &pg_query__node__descriptor) visit(reinterpret_cast<const Node*>(msg));
    const auto* base = reinterpret_cast<const char*>(msg);
    for (unsigned i = 0; i < d->n_fields; ++i) {
        const ProtobufCFieldDescriptor& f = d->fields[i];
        if (f.type != PROTOBUF_C_TYPE_MESSAGE) continue;
        if (f.label == PROTOBUF_C_LABEL_REPEATED) {
            std::size_t n = *reinterpret_cast<const std::size_t*>(base + f.quantifier_offset);
            auto* const* items = *reinterpret_cast<ProtobufCMessage* const* const*>(base + f.offset);
            for (std::size_t k = 0; k < n; ++k) walk_message(items[k], visit);
        } else {
            if (f.flags & PROTOBUF_C_FIELD_FLAG_ONEOF) {
                uint32_t which = *reinterpret_cast<const uint32_t*>(base + f.quantifier_offset);
                if (which != f.id) continue;
            }
            walk_message(*reinterpret_cast<ProtobufCMessage* const*>(base + f.offset), visit);
        }
    }
}

}  // namespace

std::vector<catalog::QualifiedName> referenced_relations(const Node* query, const std::string& default_schema) {
    std::set<std::string> ctes;
    std::set<catalog::QualifiedName> out;
    auto visit = [&](const Node* n) {
        if (n->node_case == PG_QUERY__NODE__NODE_COMMON_TABLE_EXPR) ctes.insert(n->common_table_expr->ctename);
        if (n->node_case == PG_QUERY__NODE__NODE_RANGE_VAR) out.insert(range_var_name(n->range_var, default_schema));
    };
    walk_message(reinterpret_cast<const ProtobufCMessage*>(query), visit);
    std::vector<catalog::QualifiedName> result;
    for (const auto& q : out) {
        bool is_cte = ctes.contains(q.name) && q.schema == default_schema;
        if (!is_cte) result.push_back(q);
    }
    return result;
}

}  // namespace pgkeel::parse
