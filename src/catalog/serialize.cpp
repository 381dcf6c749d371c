// Canonical serialization of the catalog: JSON with sorted keys, fields at their
// default value left out, lists in model order (already canonical after normalize()).
#include "catalog/json_out.hpp"
#include "catalog/model.hpp"
#include "common/sha256.hpp"

namespace pgkeel::catalog {
namespace {

using json = Json;

template <class T>
void put(json& j, const char* key, const T& value, const T& dflt = T{}) {
    if (!(value == dflt)) j[key] = value;
}
void put_opt(json& j, const char* key, const std::optional<std::string>& v) {
    if (v) j[key] = *v;
}

json acl_items(const std::vector<AclItem>& items) {
    json out = json::array();
    for (const auto& a : items) {
        json i = {{"grantee", a.grantee}, {"privilege", a.privilege}};
        if (a.grantable) i["grantable"] = true;
        out.push_back(std::move(i));
    }
    return out;
}

void put_acl(json& j, const Acl& acl) {
    if (!acl.grants.empty()) j["grants"] = acl_items(acl.grants);
    if (!acl.revokes.empty()) j["revokes"] = acl_items(acl.revokes);
}

void put_common(json& j, const ObjectCommon& c) {
    put(j, "owner", c.owner);
    put_opt(j, "comment", c.comment);
    put_acl(j, c.acl);
}

std::string qname(const QualifiedName& q) { return q.schema + "." + q.name; }

json seq_options(const SequenceOptions& o) {
    json j;
    j["type"] = o.data_type;
    if (o.start) j["start"] = *o.start;
    if (o.increment) j["increment"] = *o.increment;
    if (o.min_value) j["min"] = *o.min_value;
    if (o.max_value) j["max"] = *o.max_value;
    if (o.cache) j["cache"] = *o.cache;
    if (o.cycle) j["cycle"] = true;
    return j;
}

const char* constraint_type(ConstraintType t) {
    switch (t) {
        case ConstraintType::PrimaryKey: return "primary_key";
        case ConstraintType::Unique: return "unique";
        case ConstraintType::ForeignKey: return "foreign_key";
        case ConstraintType::Check: return "check";
        case ConstraintType::Exclude: return "exclude";
    }
    return "";
}

json index_element(const IndexElement& e) {
    static const char* order[] = {"", "ASC", "DESC"};
    static const char* nulls[] = {"", "NULLS FIRST", "NULLS LAST"};
    json x = json::object();
    put(x, "column", e.column);
    put(x, "expression", e.expression);
    put(x, "collation", e.collation);
    put(x, "opclass", e.opclass);
    if (e.order != SortOrder::Default) x["order"] = order[static_cast<int>(e.order)];
    if (e.nulls != NullsOrder::Default) x["nulls"] = nulls[static_cast<int>(e.nulls)];
    return x;
}

json column(const Column& c) {
    json j = {{"name", c.name}, {"type", c.type}};
    put(j, "collation", c.collation);
    put_opt(j, "default", c.default_expr);
    put(j, "not_null", c.not_null);
    if (c.identity != Identity::None) {
        j["identity"] = c.identity == Identity::Always ? "always" : "by_default";
        j["identity_options"] = seq_options(c.identity_options);
        put(j, "identity_sequence", c.identity_sequence);
        if (!c.identity_acl.empty()) {
            json a = json::object();
            put_acl(a, c.identity_acl);
            j["identity_acl"] = std::move(a);
        }
    }
    put_opt(j, "generated", c.generated);
    put_opt(j, "comment", c.comment);
    put_acl(j, c.acl);
    put(j, "renamed_from", c.renamed_from);
    if (c.backfill) {
        json b = {{"expr", c.backfill->expr}};
        if (c.backfill->batch_size) b["batch_size"] = *c.backfill->batch_size;
        j["backfill"] = std::move(b);
    }
    return j;
}

json constraint(const Constraint& k) {
    json j = {{"type", constraint_type(k.type)}};
    put(j, "columns", k.columns);
    put(j, "include", k.include);
    put(j, "nulls_not_distinct", k.nulls_not_distinct);
    put(j, "index_options", k.index_options);
    if (k.type == ConstraintType::ForeignKey) {
        j["references"] = qname(k.ref_table);
        j["ref_columns"] = k.ref_columns;
        if (k.match != FkMatch::Simple) j["match"] = k.match == FkMatch::Full ? "FULL" : "PARTIAL";
        if (k.on_delete != FkAction::NoAction) j["on_delete"] = fk_action_sql(k.on_delete);
        if (k.on_update != FkAction::NoAction) j["on_update"] = fk_action_sql(k.on_update);
        put(j, "on_delete_columns", k.on_delete_columns);
    }
    put(j, "expr", k.expr);
    put(j, "no_inherit", k.no_inherit);
    put(j, "using", k.using_method);
    if (!k.exclude.empty()) {
        json e = json::array();
        for (const auto& x : k.exclude) e.push_back({{"element", index_element(x.element)}, {"operator", x.op}});
        j["exclude"] = std::move(e);
    }
    put(j, "where", k.where);
    put(j, "deferrable", k.deferrable);
    put(j, "initially_deferred", k.initially_deferred);
    put(j, "not_valid", k.not_valid);
    put_opt(j, "comment", k.comment);
    put(j, "renamed_from", k.renamed_from);
    return j;
}

json trigger(const Trigger& t) {
    static const char* timing[] = {"BEFORE", "AFTER", "INSTEAD OF"};
    static const char* enabled[] = {"origin", "disabled", "replica", "always"};
    json events = json::array();
    if (t.on_insert) events.push_back("INSERT");
    if (t.on_update) events.push_back("UPDATE");
    if (t.on_delete) events.push_back("DELETE");
    if (t.on_truncate) events.push_back("TRUNCATE");
    json j = {{"timing", timing[static_cast<int>(t.timing)]},
              {"events", events},
              {"level", t.for_each_row ? "ROW" : "STATEMENT"},
              {"function", qname(t.function)}};
    put(j, "update_columns", t.update_columns);
    put(j, "when", t.when);
    put(j, "args", t.args);
    if (t.enabled != TriggerEnabled::Origin) j["enabled"] = enabled[static_cast<int>(t.enabled)];
    put(j, "constraint", t.constraint);
    put(j, "deferrable", t.deferrable);
    put(j, "initially_deferred", t.initially_deferred);
    put(j, "old_table", t.old_table);
    put(j, "new_table", t.new_table);
    put_opt(j, "comment", t.comment);
    return j;
}

json policy(const Policy& p) {
    json j = {{"command", p.command}};
    if (!p.permissive) j["restrictive"] = true;
    put(j, "roles", p.roles);
    put(j, "using", p.using_expr);
    put(j, "with_check", p.check_expr);
    put_opt(j, "comment", p.comment);
    return j;
}

json table(const Table& t) {
    json j;
    put(j, "unlogged", t.unlogged);
    put(j, "partition_by", t.partition_by);
    if (t.partition_of) {
        j["partition_of"] = qname(*t.partition_of);
        j["partition_bound"] = t.partition_bound;
    }
    json cols = json::array();
    for (const auto& c : t.columns) cols.push_back(column(c));
    j["columns"] = std::move(cols);
    if (!t.constraints.empty()) {
        json ks = json::object();
        for (const auto& [name, k] : t.constraints) ks.add(name, constraint(k));
        j["constraints"] = std::move(ks);
    }
    if (!t.triggers.empty()) {
        json ts = json::object();
        for (const auto& [name, tr] : t.triggers) ts.add(name, trigger(tr));
        j["triggers"] = std::move(ts);
    }
    if (!t.policies.empty()) {
        json ps = json::object();
        for (const auto& [name, p] : t.policies) ps.add(name, policy(p));
        j["policies"] = std::move(ps);
    }
    put(j, "options", t.options);
    put(j, "rls_enabled", t.rls_enabled);
    put(j, "rls_forced", t.rls_forced);
    put_common(j, t.common);
    put(j, "renamed_from", t.renamed_from);
    if (!t.backfills.empty()) {
        json bs = json::array();
        for (const auto& b : t.backfills) {
            json x = {{"name", b.name}, {"set", b.set}};
            put(x, "where", b.where);
            if (b.batch_size) x["batch_size"] = *b.batch_size;
            bs.push_back(std::move(x));
        }
        j["backfills"] = std::move(bs);
    }
    return j;
}

json index(const Index& i) {
    json j = {{"table", qname(i.table)}, {"method", i.method}};
    put(j, "unique", i.unique);
    put(j, "nulls_not_distinct", i.nulls_not_distinct);
    json els = json::array();
    for (const auto& e : i.elements) els.push_back(index_element(e));
    j["elements"] = std::move(els);
    put(j, "include", i.include);
    put(j, "where", i.where);
    put(j, "options", i.options);
    put_opt(j, "comment", i.comment);
    put(j, "renamed_from", i.renamed_from);
    return j;
}

const char* arg_mode(ArgMode m) {
    switch (m) {
        case ArgMode::In: return "IN";
        case ArgMode::Out: return "OUT";
        case ArgMode::InOut: return "INOUT";
        case ArgMode::Variadic: return "VARIADIC";
        case ArgMode::Table: return "TABLE";
    }
    return "";
}

json routine(const Routine& r) {
    json args = json::array();
    for (const auto& a : r.args) {
        json x = {{"type", a.type}};
        if (a.mode != ArgMode::In) x["mode"] = arg_mode(a.mode);
        put(x, "name", a.name);
        put_opt(x, "default", a.default_expr);
        args.push_back(std::move(x));
    }
    json j = {{"kind", r.procedure ? "procedure" : "function"},
              {"args", std::move(args)},
              {"language", r.language},
              {"body", r.body}};
    put(j, "returns", r.returns);
    put(j, "returns_set", r.returns_set);
    if (!r.procedure) {
        j["volatility"] = r.volatility;
        j["parallel"] = r.parallel;
    }
    put(j, "strict", r.strict);
    put(j, "security_definer", r.security_definer);
    put(j, "leakproof", r.leakproof);
    if (r.cost) j["cost"] = *r.cost;
    if (r.rows) j["rows"] = *r.rows;
    put(j, "config", r.config);
    put(j, "sql_body", r.sql_body);
    put_common(j, r.common);
    return j;
}

}  // namespace

std::string serialize(const Catalog& cat) {
    json root = json::object();
    auto section = [&](const char* name) -> json& {
        return root[name] = json::object();
    };
    if (!cat.schemas.empty()) {
        json& s = section("schemas");
        for (const auto& [name, sc] : cat.schemas) {
            json j = json::object();
            put_common(j, sc.common);
            put(j, "renamed_from", sc.renamed_from);
            s.add(name, std::move(j));
        }
    }
    if (!cat.extensions.empty()) {
        json& s = section("extensions");
        for (const auto& [name, e] : cat.extensions) {
            json j = {{"schema", e.schema}};
            put(j, "version", e.version);
            put_opt(j, "comment", e.comment);
            s.add(name, std::move(j));
        }
    }
    if (!cat.enums.empty()) {
        json& s = section("enums");
        for (const auto& [q, e] : cat.enums) {
            json j = {{"labels", e.labels}};
            put_common(j, e.common);
            put(j, "renamed_from", e.renamed_from);
            s.add(qname(q), std::move(j));
        }
    }
    if (!cat.domains.empty()) {
        json& s = section("domains");
        for (const auto& [q, d] : cat.domains) {
            json j = {{"type", d.base_type}};
            put(j, "collation", d.collation);
            put_opt(j, "default", d.default_expr);
            put(j, "not_null", d.not_null);
            if (!d.checks.empty()) {
                json cs = json::object();
                for (const auto& c : d.checks) {
                    json x = {{"expr", c.expr}};
                    put(x, "not_valid", c.not_valid);
                    put_opt(x, "comment", c.comment);
                    cs.add(c.name, std::move(x));
                }
                j["checks"] = std::move(cs);
            }
            put_common(j, d.common);
            put(j, "renamed_from", d.renamed_from);
            s.add(qname(q), std::move(j));
        }
    }
    if (!cat.composites.empty()) {
        json& s = section("composite_types");
        for (const auto& [q, c] : cat.composites) {
            json attrs = json::array();
            for (const auto& a : c.attributes) {
                json x = {{"name", a.name}, {"type", a.type}};
                put(x, "collation", a.collation);
                attrs.push_back(std::move(x));
            }
            json j = {{"attributes", std::move(attrs)}};
            put_common(j, c.common);
            put(j, "renamed_from", c.renamed_from);
            s.add(qname(q), std::move(j));
        }
    }
    if (!cat.sequences.empty()) {
        json& s = section("sequences");
        for (const auto& [q, sq] : cat.sequences) {
            json j = seq_options(sq.options);
            put(j, "unlogged", sq.unlogged);
            if (sq.owned_by_table) j["owned_by"] = qname(*sq.owned_by_table) + "." + sq.owned_by_column;
            put_common(j, sq.common);
            put(j, "renamed_from", sq.renamed_from);
            s.add(qname(q), std::move(j));
        }
    }
    if (!cat.tables.empty()) {
        json& s = section("tables");
        for (const auto& [q, t] : cat.tables) s.add(qname(q), table(t));
    }
    if (!cat.indexes.empty()) {
        json& s = section("indexes");
        for (const auto& [q, i] : cat.indexes) s.add(qname(q), index(i));
    }
    if (!cat.views.empty()) {
        json& s = section("views");
        for (const auto& [q, v] : cat.views) {
            json j = {{"query", v.query}};
            put(j, "materialized", v.materialized);
            put(j, "column_names", v.column_names);
            put(j, "options", v.options);
            put(j, "column_comments", v.column_comments);
            if (!v.triggers.empty()) {
                json ts = json::object();
                for (const auto& [name, tr] : v.triggers) ts.add(name, trigger(tr));
                j["triggers"] = std::move(ts);
            }
            put_common(j, v.common);
            put(j, "renamed_from", v.renamed_from);
            s.add(qname(q), std::move(j));
        }
    }
    if (!cat.routines.empty()) {
        json& s = section("routines");
        for (const auto& [k, r] : cat.routines) s.add(qname(k.qname) + "(" + k.args + ")", routine(r));
    }
    return root.dump() + "\n";
}

Catalog without_directives(Catalog cat) {
    for (auto& [_, s] : cat.schemas) s.renamed_from.clear();
    for (auto& [_, e] : cat.enums) e.renamed_from.clear();
    for (auto& [_, d] : cat.domains) d.renamed_from.clear();
    for (auto& [_, c] : cat.composites) c.renamed_from.clear();
    for (auto& [_, s] : cat.sequences) s.renamed_from.clear();
    for (auto& [_, i] : cat.indexes) i.renamed_from.clear();
    for (auto& [_, v] : cat.views) v.renamed_from.clear();
    for (auto& [_, t] : cat.tables) {
        t.renamed_from.clear();
        t.backfills.clear();
        for (auto& c : t.columns) {
            c.renamed_from.clear();
            c.backfill.reset();
        }
        for (auto& [_, k] : t.constraints) k.renamed_from.clear();
    }
    return cat;
}

void copy_directives(const Catalog& from, Catalog& to) {
    auto renamed = [](const auto& src, auto& dst) {
        for (auto& [k, o] : dst)
            if (auto it = src.find(k); it != src.end()) o.renamed_from = it->second.renamed_from;
    };
    renamed(from.schemas, to.schemas);
    renamed(from.enums, to.enums);
    renamed(from.domains, to.domains);
    renamed(from.composites, to.composites);
    renamed(from.sequences, to.sequences);
    renamed(from.indexes, to.indexes);
    renamed(from.views, to.views);
    renamed(from.tables, to.tables);
    for (auto& [q, t] : to.tables) {
        auto it = from.tables.find(q);
        if (it == from.tables.end()) continue;
        t.backfills = it->second.backfills;
        renamed(it->second.constraints, t.constraints);
        for (auto& c : t.columns)
            if (const auto* d = it->second.find_column(c.name)) {
                c.renamed_from = d->renamed_from;
                c.backfill = d->backfill;
            }
    }
}

bool has_directives(const Catalog& cat) {
    auto renamed = [](const auto& map) {
        for (const auto& [_, o] : map)
            if (!o.renamed_from.empty()) return true;
        return false;
    };
    if (renamed(cat.schemas) || renamed(cat.enums) || renamed(cat.domains) || renamed(cat.composites) ||
        renamed(cat.sequences) || renamed(cat.indexes) || renamed(cat.views) || renamed(cat.tables))
        return true;
    for (const auto& [_, t] : cat.tables) {
        if (!t.backfills.empty() || renamed(t.constraints)) return true;
        for (const auto& c : t.columns)
            if (!c.renamed_from.empty() || c.backfill) return true;
    }
    return false;
}

std::string fingerprint(const Catalog& cat) {
    return sha256_hex(serialize(has_directives(cat) ? without_directives(cat) : cat));
}

}  // namespace pgkeel::catalog
