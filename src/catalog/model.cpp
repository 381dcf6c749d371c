#include "catalog/model.hpp"

#include "common/quote.hpp"

namespace pgkeel::catalog {

const char* kind_name(ObjectKind kind) {
    switch (kind) {
        case ObjectKind::Schema: return "schema";
        case ObjectKind::Extension: return "extension";
        case ObjectKind::Enum: return "enum";
        case ObjectKind::Domain: return "domain";
        case ObjectKind::Composite: return "composite type";
        case ObjectKind::Sequence: return "sequence";
        case ObjectKind::Table: return "table";
        case ObjectKind::Column: return "column";
        case ObjectKind::Constraint: return "constraint";
        case ObjectKind::Index: return "index";
        case ObjectKind::View: return "view";
        case ObjectKind::MaterializedView: return "materialized view";
        case ObjectKind::Function: return "function";
        case ObjectKind::Procedure: return "procedure";
        case ObjectKind::Trigger: return "trigger";
        case ObjectKind::Policy: return "policy";
    }
    return "object";
}

bool calls_volatile_builtin(const std::string& sql) {
    static const char* const names[] = {"random(", "gen_random_uuid(", "uuid_generate_v1(", "uuid_generate_v1mc(", "uuid_generate_v4(",
                                        "clock_timestamp(", "timeofday(", "nextval(", "txid_current(", "pg_current_xact_id("};
    for (const char* n : names)
        if (sql.find(n) != std::string::npos) return true;
    return false;
}

const char* fk_action_sql(FkAction a) {
    switch (a) {
        case FkAction::NoAction: return "NO ACTION";
        case FkAction::Restrict: return "RESTRICT";
        case FkAction::Cascade: return "CASCADE";
        case FkAction::SetNull: return "SET NULL";
        case FkAction::SetDefault: return "SET DEFAULT";
    }
    return "";
}

std::string QualifiedName::str() const { return quote_qualified(schema, name); }

std::string ObjectKey::str() const {
    std::string out = kind_name(kind);
    out += ' ';
    out += name.empty() ? quote_ident(schema) : quote_qualified(schema, name);  // a schema's key has no name
    switch (kind) {
        case ObjectKind::Function:
        case ObjectKind::Procedure:
            out += '(';
            out += member;
            out += ')';
            break;
        default:
            if (!member.empty()) {
                out += '.';
                out += quote_ident(member);
            }
    }
    return out;
}

const Column* find_column(const std::vector<Column>& columns, const std::string& col) {
    for (const auto& c : columns)
        if (c.name == col) return &c;
    return nullptr;
}

const Column* Table::find_column(const std::string& col) const { return catalog::find_column(columns, col); }

std::string Table::identity_sequence_name(const Column& c) const {
    return c.identity_sequence.empty() ? qname.name + "_" + c.name + "_seq" : c.identity_sequence;
}

Column* Table::find_column(const std::string& col) {
    for (auto& c : columns)
        if (c.name == col) return &c;
    return nullptr;
}

std::string Routine::identity_args() const {
    std::string out;
    for (const auto& a : args) {
        if (a.mode == ArgMode::Out || a.mode == ArgMode::Table) continue;
        if (!out.empty()) out += ", ";
        out += a.type;
    }
    return out;
}

bool Catalog::has_relation(const QualifiedName& q) const {
    return tables.contains(q) || views.contains(q) || sequences.contains(q) || indexes.contains(q);
}

bool Catalog::has_type(const QualifiedName& q) const {
    return enums.contains(q) || domains.contains(q) || composites.contains(q) || tables.contains(q) ||
           views.contains(q);
}

}  // namespace pgkeel::catalog
