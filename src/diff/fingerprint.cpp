#include "diff/fingerprint.hpp"

#include "common/quote.hpp"
#include "common/text.hpp"

namespace pgkeel::diff::fp {

namespace {

std::string exists(const std::string& from, const std::string& identity, const std::string& cond) {
    return "EXISTS (SELECT 1 FROM " + from + " WHERE " + identity + (cond.empty() ? "" : " AND (" + cond + ")") + ")";
}

std::string regclass(const QualifiedName& q) { return "pg_catalog.to_regclass(" + quote_literal(q.str()) + ")"; }

}  // namespace

std::string schema(const std::string& name, const std::string& cond) {
    return exists("pg_catalog.pg_namespace n", "n.nspname = " + quote_literal(name), cond);
}

std::string extension(const std::string& name, const std::string& cond) {
    return exists("pg_catalog.pg_extension e", "e.extname = " + quote_literal(name), cond);
}

std::string type(const QualifiedName& q, const std::string& cond) {
    return exists("pg_catalog.pg_type t JOIN pg_catalog.pg_namespace tn ON tn.oid = t.typnamespace",
                  "tn.nspname = " + quote_literal(q.schema) + " AND t.typname = " + quote_literal(q.name), cond);
}

std::string relation(const QualifiedName& q, const std::string& cond) {
    return exists("pg_catalog.pg_class c", "c.oid = " + regclass(q), cond);
}

std::string column(const QualifiedName& table, const std::string& col, const std::string& cond) {
    return exists("pg_catalog.pg_attribute a",
                  "a.attrelid = " + regclass(table) + " AND a.attname = " + quote_literal(col) + " AND NOT a.attisdropped", cond);
}

std::string constraint(const QualifiedName& table, const std::string& name, const std::string& cond) {
    return exists("pg_catalog.pg_constraint k", "k.conrelid = " + regclass(table) + " AND k.conname = " + quote_literal(name), cond);
}

std::string domain_constraint(const QualifiedName& domain, const std::string& name, const std::string& cond) {
    return exists("pg_catalog.pg_constraint k",
                  "k.contypid = pg_catalog.to_regtype(" + quote_literal(domain.str()) + ") AND k.conname = " + quote_literal(name),
                  cond);
}

std::string routine(const catalog::RoutineKey& key, const std::string& cond) {
    return exists("pg_catalog.pg_proc p",
                  "p.oid = pg_catalog.to_regprocedure(" + quote_literal(key.qname.str() + "(" + key.args + ")") + ")", cond);
}

std::string trigger(const QualifiedName& table, const std::string& name, const std::string& cond) {
    return exists("pg_catalog.pg_trigger g", "g.tgrelid = " + regclass(table) + " AND g.tgname = " + quote_literal(name), cond);
}

std::string policy(const QualifiedName& table, const std::string& name, const std::string& cond) {
    return exists("pg_catalog.pg_policy y", "y.polrelid = " + regclass(table) + " AND y.polname = " + quote_literal(name), cond);
}

std::string eq(const std::string& expr, const std::string& value) { return expr + " = " + quote_literal(value); }

std::string same(const std::string& expr, const std::optional<std::string>& value) {
    return expr + " IS NOT DISTINCT FROM " + (value ? quote_literal(*value) : std::string("NULL"));
}

std::string role_is(const std::string& owner_column, const std::string& role) {
    return "pg_catalog.pg_get_userbyid(" + owner_column + ") = " + quote_literal(role);
}

std::string privilege(const std::string& acl_column, char default_kind, const std::string& owner_column,
                      const catalog::AclItem& item, bool present) {
    std::string grantee;
    if (item.grantee == "PUBLIC") grantee = "0";
    else if (item.grantee == "OWNER") grantee = owner_column;
    else grantee = "(SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = " + quote_literal(item.grantee) + ")";
    std::string acl = "pg_catalog.aclexplode(COALESCE(" + acl_column + ", pg_catalog.acldefault(" +
                      quote_literal(std::string(1, default_kind)) + ", " + owner_column + ")))";
    std::string match = "x.grantee = " + grantee + " AND x.privilege_type = " + quote_literal(item.privilege);
    if (present) match += std::string(" AND ") + (item.grantable ? "x.is_grantable" : "NOT x.is_grantable");
    std::string e = "EXISTS (SELECT 1 FROM " + acl + " x WHERE " + match + ")";
    return present ? e : "NOT " + e;
}

std::string all(const std::vector<std::string>& parts) {
    std::vector<std::string> kept;
    for (const auto& p : parts)
        if (!p.empty()) kept.push_back(p);
    if (kept.empty()) return "true";
    return join(kept, " AND ");
}

std::string negate(const std::string& predicate) { return "NOT " + predicate; }

}  // namespace pgkeel::diff::fp
