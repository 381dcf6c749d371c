// The diff stage: object kinds other than tables, views and indexes
// (diff_tables.cpp), owners / comments / privileges, and dependencies.
#include "diff/diff.hpp"

#include <algorithm>
#include <cctype>

#include "common/error.hpp"
#include "common/quote.hpp"
#include "common/text.hpp"
#include "diff/differ.hpp"
#include "diff/fingerprint.hpp"
#include "render/sql_renderer.hpp"

namespace pgkeel::diff {

using namespace catalog;

ObjectKey schema_key(const std::string& name) { return {ObjectKind::Schema, name, "", ""}; }
ObjectKey extension_key(const std::string& name) { return {ObjectKind::Extension, "", name, ""}; }
ObjectKey relation_key(ObjectKind kind, const QualifiedName& q) { return {kind, q.schema, q.name, ""}; }
ObjectKey member_key(ObjectKind kind, const QualifiedName& table, const std::string& member) {
    return {kind, table.schema, table.name, member};
}
ObjectKey routine_key(const RoutineKey& k, bool procedure) {
    return {procedure ? ObjectKind::Procedure : ObjectKind::Function, k.qname.schema, k.qname.name, k.args};
}

ObjectKey relation_name_key(const QualifiedName& q) { return {ObjectKind::Table, q.schema, q.name, "#relation-name"}; }

ObjectKey renamed_key(const ObjectKey& k) { return {k.kind, k.schema, k.name, k.member + "#renamed"}; }

namespace {

// schema.name at the start of a canonical type text, when qualified.
std::optional<QualifiedName> qualified_type(const std::string& text) {
    std::size_t i = 0;
    std::string schema, name;
    if (!read_identifier(text, i, schema) || i >= text.size() || text[i] != '.') return std::nullopt;
    ++i;
    if (!read_identifier(text, i, name)) return std::nullopt;
    return QualifiedName{schema, name};
}

}  // namespace

References::References(const Catalog& cat) : cat_(cat) {
    for (const auto& [k, r] : cat.routines) routines_by_name_.emplace(k.qname.name, routine_key(k, r.procedure));
}

void References::type(const std::string& type_text, std::vector<ObjectKey>& out) const {
    auto q = qualified_type(type_text);
    if (!q) return;
    if (cat_.enums.contains(*q)) out.push_back(relation_key(ObjectKind::Enum, *q));
    else if (cat_.domains.contains(*q)) out.push_back(relation_key(ObjectKind::Domain, *q));
    else if (cat_.composites.contains(*q)) out.push_back(relation_key(ObjectKind::Composite, *q));
    else if (cat_.tables.contains(*q)) out.push_back(relation_key(ObjectKind::Table, *q));
    else if (auto v = cat_.views.find(*q); v != cat_.views.end())
        out.push_back(relation_key(v->second.materialized ? ObjectKind::MaterializedView : ObjectKind::View, *q));
}

void References::expression(const std::string& sql, std::vector<ObjectKey>& out) const {
    std::size_t i = 0;
    std::string prev, word;
    bool after_dot = false;
    while (i < sql.size()) {
        char c = sql[i];
        if (c == '\'') {  // string literal: look for nextval('seq'::regclass)
            std::string lit;
            read_string_literal(sql, i, lit);
            if (prev == "nextval" || prev == "currval" || prev == "setval") {
                std::size_t j = 0;
                std::string a, b;
                if (read_identifier(lit, j, a)) {
                    QualifiedName q{"public", a};
                    if (j < lit.size() && lit[j] == '.' && (++j, read_identifier(lit, j, b))) q = {a, b};
                    if (cat_.sequences.contains(q)) out.push_back(relation_key(ObjectKind::Sequence, q));
                }
            }
            prev.clear();
            continue;
        }
        if (read_identifier(sql, i, word)) {
            std::size_t j = i;
            while (j < sql.size() && sql[j] == ' ') ++j;
            bool call = j < sql.size() && sql[j] == '(';
            if (call) {
                std::string schema = after_dot ? prev : "";
                auto [lo, hi] = routines_by_name_.equal_range(word);
                for (auto it = lo; it != hi; ++it)
                    if (schema.empty() || it->second.schema == schema) out.push_back(it->second);
            }
            prev = word;
            after_dot = false;
            if (i < sql.size() && sql[i] == '.') {
                after_dot = true;
                ++i;
            }
            continue;
        }
        if (c != '(' && c != ' ') prev.clear();
        after_dot = false;
        ++i;
    }
}

void References::relations_named(const std::string& sql, std::vector<ObjectKey>& out) const {
    if (!relations_by_name_) {
        relations_by_name_.emplace();
        for (const auto& [q, t] : cat_.tables) relations_by_name_->emplace(q.name, q);
        for (const auto& [q, v] : cat_.views) relations_by_name_->emplace(q.name, q);
    }
    std::vector<std::string> words = sql_words(sql);
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    for (const auto& w : words) {
        auto [from, to] = relations_by_name_->equal_range(w);
        for (auto it = from; it != to; ++it) relation(it->second, out);
    }
}

const std::vector<QualifiedName>& References::indexes_of(const QualifiedName& table) const {
    if (!indexes_by_table_) {
        indexes_by_table_.emplace();
        for (const auto& [q, i] : cat_.indexes) (*indexes_by_table_)[i.table].push_back(q);
    }
    static const std::vector<QualifiedName> none;
    auto it = indexes_by_table_->find(table);
    return it == indexes_by_table_->end() ? none : it->second;
}

void References::relation(const QualifiedName& q, std::vector<ObjectKey>& out) const {
    if (auto t = cat_.tables.find(q); t != cat_.tables.end()) {
        out.push_back(relation_key(ObjectKind::Table, q));
        for (const auto& c : t->second.columns) out.push_back(member_key(ObjectKind::Column, q, c.name));
    } else if (auto v = cat_.views.find(q); v != cat_.views.end()) {
        out.push_back(relation_key(v->second.materialized ? ObjectKind::MaterializedView : ObjectKind::View, q));
    } else if (cat_.sequences.contains(q)) {
        out.push_back(relation_key(ObjectKind::Sequence, q));
    }
}

// ------------------------------------------------------------ emitting

Change& Differ::add(ChangeKind kind, ObjectKey key, std::string summary, std::string sql) {
    Change c;
    c.kind = kind;
    c.key = std::move(key);
    c.summary = std::move(summary);
    c.sql = std::move(sql);
    c.needs.push_back(renamed_key(c.key));
    out_.push_back(std::move(c));
    return out_.back();
}

void Differ::comment(const std::optional<std::string>& old, const std::optional<std::string>& neu,
                     const std::function<CommentOn()>& step) {
    if (old == neu) return;
    CommentOn s = step();
    auto& c = add(ChangeKind::SetComment, s.key, neu ? "comment on " + s.key.str() : "remove comment on " + s.key.str(),
                  "COMMENT ON " + s.target + " IS " + (neu ? quote_literal(*neu) : std::string("NULL")));
    c.fingerprint = std::move(s.fingerprint);
    c.needs.push_back(s.key);
    if (!s.lock_target.empty()) {
        c.lock = Lock::ShareUpdateExclusive;
        c.lock_target = std::move(s.lock_target);
    }
}

void Differ::extension_comment(const std::string& name, const Comment& old, const Comment& neu) {
    comment(old, neu, [&] {
        return CommentOn{extension_key(name), "EXTENSION " + quote_ident(name),
                         fp::extension(name, fp::same("pg_catalog.obj_description(e.oid, 'pg_extension')", neu)), ""};
    });
}

void Differ::domain_constraint_comment(const QualifiedName& q, const std::string& name, const Comment& old,
                                       const Comment& neu) {
    comment(old, neu, [&] {
        return CommentOn{member_key(ObjectKind::Constraint, q, name), "CONSTRAINT " + quote_ident(name) + " ON DOMAIN " + q.str(),
                         fp::domain_constraint(q, name, fp::same("pg_catalog.obj_description(k.oid, 'pg_constraint')", neu)), ""};
    });
}

void Differ::constraint_comment(const QualifiedName& q, const std::string& name, const Comment& old, const Comment& neu,
                                bool lock) {
    comment(old, neu, [&] {
        return CommentOn{member_key(ObjectKind::Constraint, q, name), "CONSTRAINT " + quote_ident(name) + " ON " + q.str(),
                         fp::constraint(q, name, fp::same("pg_catalog.obj_description(k.oid, 'pg_constraint')", neu)),
                         lock ? q.str() : ""};
    });
}

void Differ::column_comment(const QualifiedName& q, const std::string& col, const Comment& old, const Comment& neu,
                            const ObjectKey& key, bool lock) {
    comment(old, neu, [&] {
        return CommentOn{key, "COLUMN " + q.str() + "." + quote_ident(col),
                         fp::column(q, col, fp::same("pg_catalog.col_description(a.attrelid, a.attnum)", neu)),
                         lock ? q.str() : ""};
    });
}

void Differ::index_comment(const QualifiedName& q, const Comment& old, const Comment& neu) {
    comment(old, neu, [&] {
        return CommentOn{relation_key(ObjectKind::Index, q), "INDEX " + q.str(),
                         fp::relation(q, fp::same("pg_catalog.obj_description(c.oid, 'pg_class')", neu)), ""};
    });
}

void Differ::common(const Target& t, const ObjectCommon& old, const ObjectCommon& neu, bool fresh) {
    if (neu.owner != old.owner) {
        // an unstated owner is the role that applies the plan
        std::string role = neu.owner.empty() ? "CURRENT_USER" : quote_ident(neu.owner);
        auto& c = add(ChangeKind::SetOwner, t.key, "owner of " + t.key.str() + " to " + (neu.owner.empty() ? "the applying role" : neu.owner),
                      "ALTER " + t.sql + " OWNER TO " + role);
        c.fingerprint = t.row(neu.owner.empty() ? "pg_catalog.pg_get_userbyid(" + t.owner_col + ") = CURRENT_USER"
                                                : fp::role_is(t.owner_col, neu.owner));
        c.needs.push_back(t.key);
        if (!t.lock_target.empty()) {
            c.lock = Lock::AccessExclusive;
            c.lock_target = t.lock_target;
        }
        if (!fresh) c.hazards.push_back({Hazard::AuthzUpdate, "the owner changes"});
    }
    comment(old.comment, neu.comment,
            [&] { return CommentOn{t.key, t.sql, t.row(fp::same(t.description, neu.comment)), t.lock_target}; });
    acl(t, old.acl, neu.acl, fresh);
}

void Differ::acl(const Target& t, const Acl& old, const Acl& neu, bool fresh, const std::string& columns) {
    if (old == neu) return;
    auto role = [](const std::string& g) {
        if (g == "PUBLIC") return std::string("PUBLIC");
        if (g == "OWNER") return std::string("CURRENT_USER");
        return quote_ident(g);
    };
    std::string cols = columns.empty() ? "" : " (" + quote_ident(columns) + ")";
    auto emit = [&](bool grant, const AclItem& item) {
        std::string sql = grant ? "GRANT " + item.privilege + cols + " ON " + t.grant + " TO " + role(item.grantee) +
                                      (item.grantable ? " WITH GRANT OPTION" : "")
                                : "REVOKE " + item.privilege + cols + " ON " + t.grant + " FROM " + role(item.grantee);
        std::string what = std::string(grant ? "grant " : "revoke ") + item.privilege + cols + " on " + t.key.str() +
                           (grant ? " to " : " from ") + item.grantee;
        auto& c = add(grant ? ChangeKind::Grant : ChangeKind::Revoke, t.key, what, sql);
        c.fingerprint = t.row(fp::privilege(t.acl_col, t.acl_kind, t.owner_col, item, grant));
        c.needs.push_back(t.key);
        // revokes first: a grant may re-add what a revoke of the same privilege removes
        ObjectKey revoked{t.key.kind, t.key.schema, t.key.name, t.key.member + "#revoked" + cols};
        if (grant) c.needs.push_back(revoked);
        else c.provides.push_back(revoked);
        if (!fresh) c.hazards.push_back({Hazard::AuthzUpdate, what});
    };
    auto contains = [](const std::vector<AclItem>& v, const AclItem& x) { return std::find(v.begin(), v.end(), x) != v.end(); };
    for (const auto& g : old.grants)
        if (!contains(neu.grants, g)) emit(false, g);
    for (const auto& r : neu.revokes)
        if (!contains(old.revokes, r)) emit(false, r);
    for (const auto& r : old.revokes)
        if (!contains(neu.revokes, r)) emit(true, r);
    for (const auto& g : neu.grants)
        if (!contains(old.grants, g)) emit(true, g);
}

// ------------------------------------------------------------ schemas, extensions

void Differ::schemas() {
    for (const auto& [name, s] : b_.schemas) {
        auto it = a_.schemas.find(name);
        bool fresh = it == a_.schemas.end();
        if (fresh) {
            auto& c = add(ChangeKind::CreateSchema, schema_key(name), "create schema " + quote_ident(name),
                          "CREATE SCHEMA " + quote_ident(name));
            c.fingerprint = fp::schema(name);
            c.provides.push_back(schema_key(name));
        }
        Target t{schema_key(name), "SCHEMA " + quote_ident(name), "SCHEMA " + quote_ident(name),
                 [name](const std::string& cond) { return fp::schema(name, cond); },
                 "n.nspowner", "n.nspacl", "pg_catalog.obj_description(n.oid, 'pg_namespace')", 'n', ""};
        common(t, fresh ? ObjectCommon{} : it->second.common, s.common, fresh);
    }
    for (const auto& [name, s] : a_.schemas) {
        if (b_.schemas.contains(name)) continue;
        auto& c = add(ChangeKind::DropSchema, schema_key(name), "drop schema " + quote_ident(name),
                      "DROP SCHEMA " + quote_ident(name));
        c.fingerprint = fp::negate(fp::schema(name));
        c.removes.push_back(schema_key(name));
        c.phase = Phase::Post;
    }
}

void Differ::extensions() {
    for (const auto& [name, e] : b_.extensions) {
        auto it = a_.extensions.find(name);
        ObjectKey key = extension_key(name);
        if (it == a_.extensions.end()) {
            std::string sql = "CREATE EXTENSION " + quote_ident(name) + " WITH SCHEMA " + quote_ident(e.schema);
            if (!e.version.empty()) sql += " VERSION " + quote_literal(e.version);
            auto& c = add(ChangeKind::CreateExtension, key, "create extension " + quote_ident(name), sql);
            c.fingerprint = fp::extension(name);
            c.provides.push_back(key);
            c.needs.push_back(schema_key(e.schema));
            extension_comment(name, std::nullopt, e.comment);
            continue;
        }
        const Extension& o = it->second;
        if (o.schema != e.schema) {
            auto& c = add(ChangeKind::UpdateExtension, key, "move extension " + quote_ident(name) + " to schema " + quote_ident(e.schema),
                          "ALTER EXTENSION " + quote_ident(name) + " SET SCHEMA " + quote_ident(e.schema));
            c.fingerprint = fp::extension(name, "e.extnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = " +
                                                    quote_literal(e.schema) + ")");
            c.needs = {key, schema_key(e.schema)};
            c.provides.push_back(key);
        }
        if (o.version != e.version && !e.version.empty()) {
            auto& c = add(ChangeKind::UpdateExtension, key, "update extension " + quote_ident(name) + " to version " + e.version,
                          "ALTER EXTENSION " + quote_ident(name) + " UPDATE TO " + quote_literal(e.version));
            c.fingerprint = fp::extension(name, fp::eq("e.extversion", e.version));
            c.needs.push_back(key);
            c.provides.push_back(key);
            c.hazards.push_back({Hazard::ExtensionUpgrade, "extension " + name + " " + (o.version.empty() ? "(default)" : o.version) +
                                                               " -> " + e.version});
        }
        extension_comment(name, o.comment, e.comment);
    }
    for (const auto& [name, e] : a_.extensions) {
        if (b_.extensions.contains(name)) continue;
        auto& c = add(ChangeKind::DropExtension, extension_key(name), "drop extension " + quote_ident(name),
                      "DROP EXTENSION " + quote_ident(name));
        c.fingerprint = fp::negate(fp::extension(name));
        c.removes.push_back(extension_key(name));
        c.needs_old.push_back(schema_key(e.schema));
        c.phase = Phase::Post;
    }
}

// ------------------------------------------------------------ types

void Differ::enums() {
    for (const auto& [q, e] : b_.enums) {
        if (only_ && *only_ != q) continue;
        ObjectKey key = relation_key(ObjectKind::Enum, q);
        auto it = a_.enums.find(q);
        bool fresh = only_ || it == a_.enums.end();  // rebuild_type creates it as new
        if (fresh) {
            std::vector<std::string> labels;
            for (const auto& l : e.labels) labels.push_back(quote_literal(l));
            auto& c = add(ChangeKind::CreateType, key, "create enum " + q.str(), "CREATE TYPE " + q.str() + " AS ENUM (" + join(labels, ", ") + ")");
            c.fingerprint = fp::type(q, "t.typtype = 'e'");
            c.provides.push_back(key);
            c.needs.push_back(schema_key(q.schema));
        } else if (rebuilt_types_.contains(q)) {
            rebuild_type(ObjectKind::Enum, q);
            continue;
        } else {
            const auto& old = it->second.labels;
            for (std::size_t i = 0; i < e.labels.size(); ++i) {
                const auto& l = e.labels[i];
                if (std::find(old.begin(), old.end(), l) != old.end()) continue;
                std::string where;
                // place it after the previous label (or before the next existing one)
                if (i > 0) {
                    where = " AFTER " + quote_literal(e.labels[i - 1]);
                } else {  // before the first label that exists already
                    for (const auto& next : e.labels)
                        if (std::find(old.begin(), old.end(), next) != old.end()) {
                            where = " BEFORE " + quote_literal(next);
                            break;
                        }
                }
                auto& c = add(ChangeKind::AddEnumValue, key, "add value " + quote_literal(l) + " to enum " + q.str(),
                              "ALTER TYPE " + q.str() + " ADD VALUE " + quote_literal(l) + where);
                c.fingerprint = fp::type(q, "EXISTS (SELECT 1 FROM pg_catalog.pg_enum v WHERE v.enumtypid = t.oid AND v.enumlabel = " +
                                                quote_literal(l) + ")");
                c.transactional = false;
                c.needs.push_back(key);
                if (i > 0) c.needs.push_back({ObjectKind::Enum, q.schema, q.name, e.labels[i - 1]});
                c.provides = {key, {ObjectKind::Enum, q.schema, q.name, l}};
            }
        }
        Target t{key, "TYPE " + q.str(), "TYPE " + q.str(), [q](const std::string& cond) { return fp::type(q, cond); },
                 "t.typowner", "t.typacl", "pg_catalog.obj_description(t.oid, 'pg_type')", 'T', ""};
        common(t, fresh ? ObjectCommon{} : it->second.common, e.common, fresh);
    }
    for (const auto& [q, e] : a_.enums) {
        if (b_.enums.contains(q)) continue;
        if (only_) continue;
        ObjectKey key = relation_key(ObjectKind::Enum, q);
        auto& c = add(ChangeKind::DropType, key, "drop enum " + q.str(), "DROP TYPE " + q.str());
        c.fingerprint = fp::negate(fp::type(q));
        c.removes.push_back(key);
        c.needs_old.push_back(schema_key(q.schema));
        c.phase = Phase::Post;
    }
}

void Differ::domains() {
    for (const auto& [q, d] : b_.domains) {
        if (only_ && *only_ != q) continue;
        ObjectKey key = relation_key(ObjectKind::Domain, q);
        auto it = a_.domains.find(q);
        bool fresh = only_ || it == a_.domains.end();  // rebuild_type creates it as new
        auto row = [q](const std::string& cond) { return fp::type(q, cond); };
        const Domain* o = fresh ? nullptr : &it->second;
        if (rebuilt_types_.contains(q)) {
            rebuild_type(ObjectKind::Domain, q);
            continue;
        }
        if (fresh) {
            std::string sql = "CREATE DOMAIN " + q.str() + " AS " + d.base_type;
            if (!d.collation.empty()) sql += " COLLATE " + render::quote_collation(d.collation);
            if (d.default_expr) sql += " DEFAULT " + *d.default_expr;
            if (d.not_null) sql += " NOT NULL";
            auto& c = add(ChangeKind::CreateType, key, "create domain " + q.str(), sql);
            c.fingerprint = row("t.typtype = 'd'");
            c.provides.push_back(key);
            c.needs.push_back(schema_key(q.schema));
            rb_.type(d.base_type, c.needs);
            if (d.default_expr) rb_.expression(*d.default_expr, c.needs);
        } else {
            bool default_goes_first = o->default_expr && calls_recreated_routine(*o->default_expr);
            if (default_goes_first) {
                // the routine it calls is dropped and created again: the default goes first
                auto& c = add(ChangeKind::AlterDomain, key, "drop default of domain " + q.str() + " (its function is re-created)",
                              "ALTER DOMAIN " + q.str() + " DROP DEFAULT");
                c.fingerprint = row("t.typdefaultbin IS NULL");
                c.needs.push_back(key);
                ra_.expression(*o->default_expr, c.needs_old);
                c.provides.push_back({ObjectKind::Domain, q.schema, q.name, "#nodefault"});
            }
            if (o->default_expr != d.default_expr || default_goes_first) {
                auto& c = add(ChangeKind::AlterDomain, key,
                              (d.default_expr ? "set default of domain " : "drop default of domain ") + q.str(),
                              "ALTER DOMAIN " + q.str() + (d.default_expr ? " SET DEFAULT " + *d.default_expr : " DROP DEFAULT"));
                c.fingerprint = row(d.default_expr ? "t.typdefaultbin IS NOT NULL" : "t.typdefaultbin IS NULL");
                c.needs.push_back(key);
                if (default_goes_first) c.needs.push_back({ObjectKind::Domain, q.schema, q.name, "#nodefault"});
                if (d.default_expr) rb_.expression(*d.default_expr, c.needs);
            }
            if (o->not_null != d.not_null) {
                auto& c = add(ChangeKind::AlterDomain, key, (d.not_null ? "set not null on domain " : "drop not null on domain ") + q.str(),
                              "ALTER DOMAIN " + q.str() + (d.not_null ? " SET NOT NULL" : " DROP NOT NULL"));
                c.fingerprint = row(d.not_null ? "t.typnotnull" : "NOT t.typnotnull");
                c.needs.push_back(key);
                if (d.not_null) c.hazards.push_back({Hazard::ValidationScan, "every column of domain " + q.str() + " is scanned for NULLs"});
            }
        }
        // CHECK constraints: added NOT VALID then validated on existing domains.
        auto find = [](const std::vector<DomainCheck>& v, const std::string& n) -> const DomainCheck* {
            for (const auto& c : v)
                if (c.name == n) return &c;
            return nullptr;
        };
        if (o != nullptr) {
            for (const auto& oc : o->checks) {
                const DomainCheck* nc = find(d.checks, oc.name);
                if (nc != nullptr && nc->expr == oc.expr && (nc->not_valid || !oc.not_valid)) continue;
                if (nc != nullptr && nc->expr == oc.expr) continue;  // becomes valid: handled below
                auto& c = add(ChangeKind::AlterDomain, member_key(ObjectKind::Constraint, q, oc.name),
                              "drop constraint " + quote_ident(oc.name) + " of domain " + q.str(),
                              "ALTER DOMAIN " + q.str() + " DROP CONSTRAINT " + quote_ident(oc.name));
                c.fingerprint = fp::negate(fp::domain_constraint(q, oc.name));
                c.removes.push_back(member_key(ObjectKind::Constraint, q, oc.name));
                c.needs.push_back(key);
                c.phase = nc == nullptr ? Phase::Post : Phase::Pre;
            }
        }
        for (const auto& nc : d.checks) {
            const DomainCheck* oc = o == nullptr ? nullptr : find(o->checks, nc.name);
            ObjectKey ck = member_key(ObjectKind::Constraint, q, nc.name);
            bool same_expr = oc != nullptr && oc->expr == nc.expr;
            if (!same_expr) {
                bool validate_later = !fresh && !nc.not_valid;
                auto& c = add(ChangeKind::AlterDomain, ck, "add constraint " + quote_ident(nc.name) + " to domain " + q.str(),
                              "ALTER DOMAIN " + q.str() + " ADD CONSTRAINT " + quote_ident(nc.name) + " CHECK (" + nc.expr + ")" +
                                  (nc.not_valid || validate_later ? " NOT VALID" : ""));
                c.fingerprint = fp::domain_constraint(q, nc.name);
                c.needs.push_back(key);
                rb_.expression(nc.expr, c.needs);
                c.provides.push_back(ck);
                if (!validate_later) continue;
            } else if (!(oc->not_valid && !nc.not_valid)) {
                domain_constraint_comment(q, nc.name, oc->comment, nc.comment);
                continue;
            }
            auto& v = add(ChangeKind::ValidateConstraint, ck, "validate constraint " + quote_ident(nc.name) + " of domain " + q.str(),
                          "ALTER DOMAIN " + q.str() + " VALIDATE CONSTRAINT " + quote_ident(nc.name));
            v.fingerprint = fp::domain_constraint(q, nc.name, "k.convalidated");
            v.needs.push_back(ck);
            v.phase = Phase::Post;
            v.hazards.push_back({Hazard::ValidationScan, "every column of domain " + q.str() + " is checked"});
        }
        for (const auto& nc : d.checks) {
            const DomainCheck* oc = o == nullptr ? nullptr : find(o->checks, nc.name);
            if (oc != nullptr && oc->expr == nc.expr && !(oc->not_valid && !nc.not_valid)) continue;
            domain_constraint_comment(q, nc.name, std::nullopt, nc.comment);
        }
        Target t{key, "DOMAIN " + q.str(), "TYPE " + q.str(), row, "t.typowner", "t.typacl",
                 "pg_catalog.obj_description(t.oid, 'pg_type')", 'T', ""};
        common(t, fresh ? ObjectCommon{} : o->common, d.common, fresh);
    }
    for (const auto& [q, d] : a_.domains) {
        if (b_.domains.contains(q)) continue;
        if (only_) continue;
        ObjectKey key = relation_key(ObjectKind::Domain, q);
        auto& c = add(ChangeKind::DropType, key, "drop domain " + q.str(), "DROP DOMAIN " + q.str());
        c.fingerprint = fp::negate(fp::type(q));
        c.removes.push_back(key);
        c.needs_old.push_back(schema_key(q.schema));
        ra_.type(d.base_type, c.needs_old);
        for (const auto& ch : d.checks) ra_.expression(ch.expr, c.needs_old);
        c.phase = Phase::Post;
    }
}

void Differ::composites() {
    for (const auto& [q, t] : b_.composites) {
        if (only_ && *only_ != q) continue;
        ObjectKey key = relation_key(ObjectKind::Composite, q);
        auto it = a_.composites.find(q);
        bool fresh = only_ || it == a_.composites.end();  // rebuild_type creates it as new
        auto attr = [](const CompositeAttribute& a) {
            return quote_ident(a.name) + " " + a.type + (a.collation.empty() ? "" : " COLLATE " + render::quote_collation(a.collation));
        };
        auto attr_fp = [q](const CompositeAttribute& a) {
            return fp::type(q, "EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = t.typrelid AND a.attname = " +
                                   quote_literal(a.name) + " AND NOT a.attisdropped AND pg_catalog.format_type(a.atttypid, a.atttypmod) = " +
                                   quote_literal(a.type) + ")");
        };
        if (fresh) {
            std::vector<std::string> attrs;
            for (const auto& a : t.attributes) attrs.push_back(attr(a));
            auto& c = add(ChangeKind::CreateType, key, "create type " + q.str(), "CREATE TYPE " + q.str() + " AS (" + join(attrs, ", ") + ")");
            c.fingerprint = fp::type(q, "t.typtype = 'c'");
            c.provides.push_back(key);
            c.needs.push_back(schema_key(q.schema));
            for (const auto& a : t.attributes) rb_.type(a.type, c.needs);
        } else {
            const auto& old = it->second.attributes;
            auto find = [](const std::vector<CompositeAttribute>& v, const std::string& n) -> const CompositeAttribute* {
                for (const auto& a : v)
                    if (a.name == n) return &a;
                return nullptr;
            };
            // Attribute order matters; when existing attributes move, the type is rebuilt.
            std::vector<std::string> old_order, new_order;
            for (const auto& a : old)
                if (find(t.attributes, a.name)) old_order.push_back(a.name);
            for (const auto& a : t.attributes)
                if (find(old, a.name)) new_order.push_back(a.name);
            bool appended_only = old_order == new_order;
            if (appended_only) {
                bool seen_new = false;
                for (const auto& a : t.attributes) {
                    if (!find(old, a.name)) seen_new = true;
                    else if (seen_new) appended_only = false;
                }
            }
            if (!appended_only || rebuilt_types_.contains(q)) {
                rebuild_type(ObjectKind::Composite, q);
                continue;
            }
            for (const auto& a : old) {
                if (find(t.attributes, a.name)) continue;
                auto& c = add(ChangeKind::AlterCompositeType, key, "drop attribute " + quote_ident(a.name) + " of type " + q.str(),
                              "ALTER TYPE " + q.str() + " DROP ATTRIBUTE " + quote_ident(a.name));
                c.fingerprint = fp::negate(attr_fp(a));
                c.needs.push_back(key);
                c.provides.push_back(key);  // routines returning the type are created after
                ra_.type(a.type, c.needs_old);
                c.phase = Phase::Post;
            }
            for (const auto& a : t.attributes) {
                const CompositeAttribute* oa = find(old, a.name);
                if (oa == nullptr) {
                    auto& c = add(ChangeKind::AlterCompositeType, key, "add attribute " + quote_ident(a.name) + " to type " + q.str(),
                                  "ALTER TYPE " + q.str() + " ADD ATTRIBUTE " + attr(a));
                    c.fingerprint = attr_fp(a);
                    c.needs.push_back(key);
                    rb_.type(a.type, c.needs);
                    c.provides.push_back(key);
                } else if (*oa != a) {
                    auto& c = add(ChangeKind::AlterCompositeType, key, "alter attribute " + quote_ident(a.name) + " of type " + q.str(),
                                  "ALTER TYPE " + q.str() + " ALTER ATTRIBUTE " + quote_ident(a.name) + " SET DATA TYPE " + a.type +
                                      (a.collation.empty() ? "" : " COLLATE " + render::quote_collation(a.collation)));
                    c.fingerprint = attr_fp(a);
                    c.needs.push_back(key);
                    rb_.type(a.type, c.needs);
                    ra_.type(oa->type, c.needs_old);
                    c.provides.push_back(key);
                }
            }
        }
        Target tg{key, "TYPE " + q.str(), "TYPE " + q.str(), [q](const std::string& cond) { return fp::type(q, cond); },
                  "t.typowner", "t.typacl", "pg_catalog.obj_description(t.oid, 'pg_type')", 'T', ""};
        common(tg, fresh ? ObjectCommon{} : it->second.common, t.common, fresh);
    }
    for (const auto& [q, t] : a_.composites) {
        if (b_.composites.contains(q)) continue;
        if (only_) continue;
        ObjectKey key = relation_key(ObjectKind::Composite, q);
        auto& c = add(ChangeKind::DropType, key, "drop type " + q.str(), "DROP TYPE " + q.str());
        c.fingerprint = fp::negate(fp::type(q));
        c.removes.push_back(key);
        c.needs_old.push_back(schema_key(q.schema));
        for (const auto& a : t.attributes) ra_.type(a.type, c.needs_old);
        c.phase = Phase::Post;
    }
}

// ------------------------------------------------------------ sequences

std::optional<ObjectKey> Differ::into_range(const QualifiedName& seq, const SequenceOptions& old, const SequenceOptions& neu,
                                            const std::string& seq_sql) {
    bool narrower = (neu.min_value && (!old.min_value || *neu.min_value > *old.min_value)) ||
                    (neu.max_value && (!old.max_value || *neu.max_value < *old.max_value));
    if (!narrower || !neu.min_value || !neu.max_value) return std::nullopt;
    if (old.min_value && old.max_value && (*neu.max_value < *old.min_value || *neu.min_value > *old.max_value))
        return std::nullopt;  // disjoint ranges: the ALTER restarts the sequence (restart_needed)
    std::string lo = std::to_string(*neu.min_value), hi = std::to_string(*neu.max_value);
    ObjectKey key{ObjectKind::Sequence, seq.schema, seq.name, "#in-range"};
    auto& c = add(ChangeKind::AlterSequence, relation_key(ObjectKind::Sequence, seq),
                  "move the current value of " + seq.str() + " into " + lo + ".." + hi,
                  "SELECT pg_catalog.setval(" + quote_literal(seq.str()) + ", GREATEST(" + lo + ", LEAST(" + hi + ", last_value)), is_called) FROM " +
                      seq_sql);
    c.fingerprint = "EXISTS (SELECT 1 FROM pg_catalog.pg_sequences s WHERE s.schemaname = " + quote_literal(seq.schema) +
                    " AND s.sequencename = " + quote_literal(seq.name) + " AND COALESCE(s.last_value, s.start_value) BETWEEN " + lo + " AND " + hi + ")";
    c.provides.push_back(key);
    c.lock = Lock::RowExclusive;
    c.lock_target = seq.str();
    return key;
}

void Differ::sequences() {
    auto seq_fp = [](const QualifiedName& q, const SequenceOptions& o) {
        std::vector<std::string> conds = {"c.relkind = 'S'"};
        std::string s = "EXISTS (SELECT 1 FROM pg_catalog.pg_sequence s WHERE s.seqrelid = c.oid";
        if (!o.data_type.empty()) s += " AND s.seqtypid = " + quote_literal(o.data_type) + "::pg_catalog.regtype";
        if (o.start) s += " AND s.seqstart = " + std::to_string(*o.start);
        if (o.increment) s += " AND s.seqincrement = " + std::to_string(*o.increment);
        if (o.min_value) s += " AND s.seqmin = " + std::to_string(*o.min_value);
        if (o.max_value) s += " AND s.seqmax = " + std::to_string(*o.max_value);
        if (o.cache) s += " AND s.seqcache = " + std::to_string(*o.cache);
        s += std::string(" AND ") + (o.cycle ? "s.seqcycle" : "NOT s.seqcycle") + ")";
        conds.push_back(s);
        return fp::relation(q, fp::all(conds));
    };
    auto owned_fp = [](const QualifiedName& q, const Sequence& s) {
        std::string dep = "EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass "
                          "AND d.objid = c.oid AND d.deptype = 'a' AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass";
        if (!s.owned_by_table) return fp::relation(q, "NOT " + dep + ")");
        return fp::relation(q, dep + " AND d.refobjid = pg_catalog.to_regclass(" + quote_literal(s.owned_by_table->str()) +
                                   ") AND d.refobjsubid = (SELECT a.attnum FROM pg_catalog.pg_attribute a WHERE a.attrelid = d.refobjid AND a.attname = " +
                                   quote_literal(s.owned_by_column) + "))");
    };
    for (const auto& [q, s] : b_.sequences) {
        ObjectKey key = relation_key(ObjectKind::Sequence, q);
        auto it = a_.sequences.find(q);
        bool fresh = it == a_.sequences.end();
        if (fresh) {
            auto& c = add(ChangeKind::CreateSequence, key, "create sequence " + q.str(),
                          std::string("CREATE ") + (s.unlogged ? "UNLOGGED " : "") + "SEQUENCE " + q.str() + render::sequence_options(s.options));
            c.fingerprint = seq_fp(q, s.options);
            c.provides = {key, relation_name_key(q)};
            c.needs.push_back(schema_key(q.schema));
        } else {
            const Sequence& o = it->second;
            if (o.options != s.options) {
                auto moved = into_range(q, o.options, s.options, q.str());
                const auto& a = o.options;
                const auto& b = s.options;
                bool disjoint = a.min_value && a.max_value && b.min_value && b.max_value &&
                                (*b.max_value < *a.min_value || *b.min_value > *a.max_value);
                auto& c = add(ChangeKind::AlterSequence, key, std::string("alter sequence ") + q.str() + (disjoint ? " (restarted: the ranges do not overlap)" : ""),
                              "ALTER SEQUENCE " + q.str() + render::sequence_options(s.options) + (disjoint ? " RESTART" : ""));
                c.fingerprint = seq_fp(q, s.options);
                c.needs.push_back(key);
                if (moved) c.needs.push_back(*moved);
                c.provides.push_back(key);
                c.lock = Lock::AccessExclusive;
                c.lock_target = q.str();
            }
            if (o.unlogged != s.unlogged) {
                auto& c = add(ChangeKind::AlterSequence, key, std::string("set sequence ") + q.str() + (s.unlogged ? " unlogged" : " logged"),
                              "ALTER SEQUENCE " + q.str() + (s.unlogged ? " SET UNLOGGED" : " SET LOGGED"));
                c.fingerprint = fp::relation(q, s.unlogged ? "c.relpersistence = 'u'" : "c.relpersistence = 'p'");
                c.needs.push_back(key);
            }
        }
        bool owner_changed = fresh ? s.owned_by_table.has_value()
                                   : (it->second.owned_by_table != s.owned_by_table || it->second.owned_by_column != s.owned_by_column);
        if (owner_changed) {
            auto& c = add(ChangeKind::SetSequenceOwner, key, "sequence " + q.str() + " owned by " +
                                                                 (s.owned_by_table ? s.owned_by_table->str() + "." + quote_ident(s.owned_by_column) : "none"),
                          "ALTER SEQUENCE " + q.str() + " OWNED BY " +
                              (s.owned_by_table ? s.owned_by_table->str() + "." + quote_ident(s.owned_by_column) : std::string("NONE")));
            c.fingerprint = owned_fp(q, s);
            c.needs.push_back(key);
            if (s.owned_by_table) c.needs.push_back(member_key(ObjectKind::Column, *s.owned_by_table, s.owned_by_column));
            if (!fresh && it->second.owned_by_table)
                c.needs_old.push_back(member_key(ObjectKind::Column, *it->second.owned_by_table, it->second.owned_by_column));
        }
        Target t{key, "SEQUENCE " + q.str(), "SEQUENCE " + q.str(), [q](const std::string& cond) { return fp::relation(q, cond); },
                 "c.relowner", "c.relacl", "pg_catalog.obj_description(c.oid, 'pg_class')", 's', q.str()};
        common(t, fresh ? ObjectCommon{} : it->second.common, s.common, fresh);
    }
    for (const auto& [q, s] : a_.sequences) {
        if (b_.sequences.contains(q)) continue;
        // A sequence owned by a column that is dropped goes with it.
        if (s.owned_by_table) {
            auto t = b_.tables.find(*s.owned_by_table);
            if (t == b_.tables.end() || t->second.find_column(s.owned_by_column) == nullptr) continue;
        }
        ObjectKey key = relation_key(ObjectKind::Sequence, q);
        auto& c = add(ChangeKind::DropSequence, key, "drop sequence " + q.str(), "DROP SEQUENCE " + q.str());
        c.fingerprint = fp::negate(fp::relation(q));
        c.removes = {key, relation_name_key(q)};
        c.needs_old.push_back(schema_key(q.schema));
        c.phase = Phase::Post;
        c.hazards.push_back({Hazard::DeletesData, "sequence " + q.str() + " and its current value are dropped"});
    }
}

// ------------------------------------------------------------ routines

bool replaceable_routine(const Routine& o, const Routine& r) {
    // CREATE OR REPLACE cannot change the kind, the return type, argument
    // modes, names or types, or remove an argument's default.
    if (o.procedure != r.procedure || o.returns != r.returns || o.returns_set != r.returns_set || o.args.size() != r.args.size())
        return false;
    for (std::size_t i = 0; i < r.args.size(); ++i) {
        const auto& x = o.args[i];
        const auto& y = r.args[i];
        if (x.mode != y.mode || x.name != y.name || x.type != y.type || (x.default_expr && !y.default_expr)) return false;
    }
    return true;
}

std::vector<ObjectKey> Differ::routine_deps(const References& r, const Routine& f) const {
    std::vector<ObjectKey> out = {schema_key(f.qname.schema)};
    for (const auto& a : f.args) {
        r.type(a.type, out);
        if (a.default_expr) r.expression(*a.default_expr, out);
    }
    r.type(f.returns, out);
    if (f.sql_body) {
        // SQL-standard bodies are parsed at creation: what they read must exist.
        r.expression(f.body, out);
        r.relations_named(f.body, out);
    }
    // a routine never depends on itself
    std::erase(out, routine_key({f.qname, f.identity_args()}, f.procedure));
    return out;
}

void Differ::routines() {
    auto signature = [](const RoutineKey& k, const Routine& r) {
        return std::string(r.procedure ? "PROCEDURE " : "FUNCTION ") + k.qname.str() + "(" + k.args + ")";
    };
    auto untracked = [](const Routine& r) { return !r.sql_body && r.language != "sql" && r.language != "c" && r.language != "internal"; };
    auto create_fp = [](const RoutineKey& k, const Routine& r) {
        std::vector<std::string> conds;
        if (!r.sql_body) conds.push_back(fp::eq("p.prosrc", r.body));
        return fp::routine(k, fp::all(conds));
    };
    for (const auto& [k, r] : b_.routines) {
        ObjectKey key = routine_key(k, r.procedure);
        auto it = a_.routines.find(k);
        bool fresh = it == a_.routines.end();
        const Routine* o = fresh ? nullptr : &it->second;
        bool recreate = recreate_routines_.contains(k);
        bool replaceable = o != nullptr && replaceable_routine(*o, r);
        bool changed = o != nullptr && (*o != r);
        ObjectCommon old_common = o != nullptr ? o->common : ObjectCommon{};
        if (o != nullptr && changed && (!replaceable || recreate)) {
            auto& d = add(ChangeKind::DropRoutine, key, "drop " + std::string(r.procedure ? "procedure " : "function ") + key.str() + " (re-created)",
                          "DROP " + signature(k, *o));
            d.fingerprint = fp::negate(fp::routine(k));
            d.removes.push_back(key);
            d.needs_old = routine_deps(ra_, *o);
            old_common = ObjectCommon{};
            fresh = true;
        } else if (o != nullptr && recreate) {
            auto& d = add(ChangeKind::DropRoutine, key, "drop " + key.str() + " (re-created)", "DROP " + signature(k, *o));
            d.fingerprint = fp::negate(fp::routine(k));
            d.removes.push_back(key);
            d.needs_old = routine_deps(ra_, *o);
            old_common = ObjectCommon{};
            fresh = true;
            changed = true;
        }
        bool create = it == a_.routines.end() || changed || recreate;
        if (create) {
            bool replace = !fresh;
            std::string sql = render::routine_definition(r);
            if (replace) sql.replace(0, 6, "CREATE OR REPLACE");
            auto& c = add(replace ? ChangeKind::ReplaceRoutine : ChangeKind::CreateRoutine, key,
                          std::string(replace ? "replace " : "create ") + key.str(), sql);
            c.fingerprint = create_fp(k, r);
            c.provides.push_back(key);
            c.needs = routine_deps(rb_, r);
            if (replace) c.needs.push_back(key);
            if (untracked(r) && it != a_.routines.end())  // a new routine has no callers yet
                c.hazards.push_back({Hazard::UntrackableDependencies,
                                     "the " + r.language + " body of " + key.str() + " may use objects pgkeel cannot see"});
        }
        Target t{key, signature(k, r), signature(k, r), [k](const std::string& cond) { return fp::routine(k, cond); },
                 "p.proowner", "p.proacl", "pg_catalog.obj_description(p.oid, 'pg_proc')", 'f', ""};
        common(t, old_common, r.common, fresh);
    }
    for (const auto& [k, r] : a_.routines) {
        if (b_.routines.contains(k)) continue;
        ObjectKey key = routine_key(k, r.procedure);
        auto& c = add(ChangeKind::DropRoutine, key, "drop " + key.str(), "DROP " + signature(k, r));
        c.fingerprint = fp::negate(fp::routine(k));
        c.removes.push_back(key);
        c.needs_old = routine_deps(ra_, r);
        c.phase = Phase::Post;
        if (untracked(r))
            c.hazards.push_back({Hazard::UntrackableDependencies, "other " + r.language + " bodies may still call " + key.str()});
    }
}

// ------------------------------------------------------------ driver

void Differ::find_rebuilt_types() {
    std::set<QualifiedName> reordered;  // composites whose attribute order changes
    for (const auto& [q, e] : b_.enums) {
        auto it = a_.enums.find(q);
        if (it == a_.enums.end()) continue;
        const auto& old = it->second.labels;
        std::vector<std::string> kept;  // existing labels must keep their order; new ones can be inserted
        for (const auto& l : e.labels)
            if (std::find(old.begin(), old.end(), l) != old.end()) kept.push_back(l);
        if (kept != old) rebuilt_types_.insert(q);
    }
    for (const auto& [q, d] : b_.domains) {
        auto it = a_.domains.find(q);
        if (it != a_.domains.end() && (it->second.base_type != d.base_type || it->second.collation != d.collation)) rebuilt_types_.insert(q);
    }
    for (const auto& [q, c] : b_.composites) {
        auto it = a_.composites.find(q);
        if (it == a_.composites.end()) continue;
        std::vector<std::string> old_names, new_names;
        for (const auto& a : it->second.attributes) old_names.push_back(a.name);
        for (const auto& a : c.attributes) new_names.push_back(a.name);
        // only dropping attributes and adding them at the end can be done in place
        std::vector<std::string> kept;
        for (const auto& n : old_names)
            if (std::find(new_names.begin(), new_names.end(), n) != new_names.end()) kept.push_back(n);
        bool prefix = std::equal(kept.begin(), kept.end(), new_names.begin(), new_names.begin() + static_cast<long>(std::min(kept.size(), new_names.size())));
        if (!prefix) {
            rebuilt_types_.insert(q);
            reordered.insert(q);
        }
        // attribute types cannot change while a column stores the type
        bool retyped = false;
        for (const auto& a : c.attributes)
            for (const auto& o : it->second.attributes)
                if (a.name == o.name && (a.type != o.type || a.collation != o.collation)) retyped = true;
        if (retyped)
            for (const auto& [tq, t] : a_.tables)
                for (const auto& col : t.columns) {
                    std::vector<ObjectKey> keys;
                    ra_.type(col.type, keys);
                    for (const auto& k : keys)
                        if (k.kind == ObjectKind::Composite && k.schema == q.schema && k.name == q.name) rebuilt_types_.insert(q);
                }
    }
    // A composite value's text form follows attribute order: moving stored
    // values through it would put them in the wrong attributes.
    for (const auto& q : reordered) {
        for (const auto& [tq, t] : a_.tables)
            for (const auto& c : t.columns)
                if (c.type.rfind(q.str(), 0) == 0)
                    throw_input("composite type " + q.str() + ": its attributes are reordered or inserted before existing ones while column " +
                                quote_ident(c.name) + " of " + tq.str() + " stores it; PostgreSQL can only add attributes at the end. "
                                "Declare new attributes last");
    }
    for (const auto& q : rebuilt_types_) {
        for (const auto& [dq, d] : b_.domains)
            if (uses_rebuilt_type(d.base_type) && !rebuilt_types_.contains(dq))
                throw_input("type " + q.str() + " must be re-created (PostgreSQL cannot alter it in place), but domain " + dq.str() +
                            " is based on it; pgkeel does not re-create dependent domains yet");
        for (const auto& [cq, c] : b_.composites)
            for (const auto& a : c.attributes)
                if (uses_rebuilt_type(a.type) && !rebuilt_types_.contains(cq))
                    throw_input("type " + q.str() + " must be re-created (PostgreSQL cannot alter it in place), but composite type " + cq.str() +
                                " uses it; pgkeel does not re-create dependent composite types yet");
    }
}

bool Differ::uses_rebuilt_type(const std::string& type_text) const {
    if (rebuilt_types_.empty()) return false;
    std::vector<ObjectKey> keys;
    rb_.type(type_text, keys);
    for (const auto& k : keys)
        if (rebuilt_types_.contains({k.schema, k.name})) return true;
    return false;
}

bool Differ::mentions_rebuilt_type(const QualifiedName& table, const std::string& sql) const {
    if (!retyped_tables_.contains(table)) return false;
    for (const auto& q : rebuilt_types_)
        if (mentions_name(sql, q.name)) return true;
    return false;
}

bool Differ::calls_recreated_routine(const std::string& sql) const {
    if (recreate_routines_.empty() || sql.empty()) return false;
    std::vector<ObjectKey> calls;
    ra_.expression(sql, calls);
    return std::any_of(calls.begin(), calls.end(),
                       [&](const ObjectKey& k) { return recreate_routines_.contains(RoutineKey{{k.schema, k.name}, k.member}); });
}

void Differ::rebuild_type(ObjectKind kind, const QualifiedName& q) {
    ObjectKey key = relation_key(kind, q);
    ObjectKey aside{kind, q.schema, q.name, "#old"};
    std::string old_name = q.name.size() > 50 ? q.name.substr(0, 50) + "_pgkeel_old" : q.name + "_pgkeel_old";
    QualifiedName old_q{q.schema, old_name};
    std::string type_word = kind == ObjectKind::Domain ? "DOMAIN " : "TYPE ";
    auto& r = add(ChangeKind::RenameType, key, "rename " + q.str() + " aside to " + quote_ident(old_name) + " (re-created)",
                  "ALTER " + type_word + q.str() + " RENAME TO " + quote_ident(old_name));
    r.fingerprint = fp::type(old_q);
    r.removes.push_back(key);
    r.provides.push_back(aside);
    // Created as if new, then the columns move over (alter_column), then the old one goes.
    Differ fresh(a_, b_);
    fresh.only_ = q;  // only q, as if the source had none (no copy of the source without it)
    fresh.enums();
    fresh.domains();
    fresh.composites();
    for (auto& c : fresh.out_) out_.push_back(std::move(c));
    auto& d = add(ChangeKind::DropType, key, "drop the old " + q.str() + " (" + quote_ident(old_name) + ")", "DROP " + type_word + old_q.str());
    d.fingerprint = fp::negate(fp::type(old_q));
    d.needs.push_back(aside);
    d.removes.push_back(aside);
    d.phase = Phase::Post;
}

// Objects may use what extensions bring (types, operator classes, functions)
// without the model knowing which: extensions are created before every other
// change and dropped after.
void Differ::order_extensions() {
    std::vector<ObjectKey> added, removed;
    for (const auto& [name, e] : b_.extensions) added.push_back(extension_key(name));
    for (const auto& [name, e] : a_.extensions) removed.push_back(extension_key(name));
    for (auto& c : out_) {
        if (c.key.kind == ObjectKind::Extension || c.key.kind == ObjectKind::Schema) continue;
        c.needs.insert(c.needs.end(), added.begin(), added.end());
        c.needs_old.insert(c.needs_old.end(), removed.begin(), removed.end());
    }
}

std::vector<Change> Differ::run() {
    find_rebuilt_types();
    find_recreated_routines();
    schemas();
    extensions();
    enums();
    domains();
    composites();
    sequences();
    tables();  // decides which views must be re-created
    views();
    indexes();
    routines();
    order_extensions();
    return std::move(out_);
}

std::vector<Change> diff(const Catalog& from, const Catalog& to) {
    // declared renames work on a copy of the old side; without any, no copy
    if (!catalog::has_directives(to)) return Differ(from, to).run();
    Renamed r = apply_renames(from, to);
    Differ d(r.from, to);
    std::vector<Change> out = std::move(r.renames);
    for (auto& c : d.run()) out.push_back(std::move(c));
    return out;
}

}  // namespace pgkeel::diff
