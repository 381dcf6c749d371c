// Canonical serialization of the catalog: JSON with sorted keys, fields at their
// default value left out, lists in model order (already canonical after normalize()).
// Written by a streaming JsonWriter; members are mostly written in key order,
// which spares the writer reordering them (it would, were they not).
#include <algorithm>
#include <initializer_list>
#include <string_view>
#include <type_traits>

#include "catalog/json_out.hpp"
#include "catalog/model.hpp"
#include "common/quote.hpp"
#include "common/sha256.hpp"

namespace pgkeel::catalog {
namespace {

class Serializer {
public:
    // directives: renamed_from and backfills, which fingerprints leave out
    explicit Serializer(bool directives) : directives_(directives) {}

    std::string run(const Catalog& cat);

private:
    template <class T>
    void put(const char* key, const T& value, const T& dflt = T{}) {
        if (!(value == dflt)) w_.key(key).value(value);
    }
    void put_opt(const char* key, const std::optional<std::string>& v) {
        if (v) w_.key(key).value(*v);
    }
    void put_renamed(const std::string& renamed_from) {
        if (directives_) put("renamed_from", renamed_from);
    }
    void acl_items(const char* key, const std::vector<AclItem>& items);
    void put_acl(const Acl& acl);
    void put_common(const ObjectCommon& c);
    void seq_options(const SequenceOptions& o);
    void index_element(const IndexElement& e);
    void column(const Column& c);
    void constraint(const Constraint& k);
    void trigger(const Trigger& t);
    void triggers(const std::map<std::string, Trigger>& ts);
    void policy(const Policy& p);
    void table(const Table& t);
    void index(const Index& i);
    void view(const View& v);
    void routine(const Routine& r);
    template <class Map, class Fn>
    void section(const char* name, const Map& map, Fn&& object);

    JsonWriter w_;
    bool directives_;
};

// Names joined with '.': "schema.name", "schema.table.column". When a part
// holds '.', '"' or '(', every part is written double-quoted as in SQL
// ("a.b".c against a."b.c"), so that two different objects never share a key
// and two different schemas never share a text; plain names keep the plain form.
std::string dotted(std::initializer_list<std::string_view> parts) {
    const bool plain = std::all_of(parts.begin(), parts.end(),
                                   [](std::string_view p) { return p.find_first_of(".\"(") == std::string_view::npos; });
    std::string out;
    for (std::string_view p : parts) {
        if (!out.empty()) out += '.';
        out += plain ? std::string(p) : quote_always(p);
    }
    return out;
}

std::string qname(const QualifiedName& q) { return dotted({q.schema, q.name}); }

void Serializer::acl_items(const char* key, const std::vector<AclItem>& items) {
    if (items.empty()) return;
    w_.key(key).begin_array();
    for (const auto& a : items) {
        w_.begin_object();
        if (a.grantable) w_.key("grantable").value(true);
        w_.key("grantee").value(a.grantee);
        w_.key("privilege").value(a.privilege);
        w_.end_object();
    }
    w_.end_array();
}

void Serializer::put_acl(const Acl& acl) {
    acl_items("grants", acl.grants);
    acl_items("revokes", acl.revokes);
}

void Serializer::put_common(const ObjectCommon& c) {
    put_opt("comment", c.comment);
    put_acl(c.acl);
    put("owner", c.owner);
}

void Serializer::seq_options(const SequenceOptions& o) {
    if (o.cache) w_.key("cache").value(*o.cache);
    if (o.cycle) w_.key("cycle").value(true);
    if (o.increment) w_.key("increment").value(*o.increment);
    if (o.max_value) w_.key("max").value(*o.max_value);
    if (o.min_value) w_.key("min").value(*o.min_value);
    if (o.start) w_.key("start").value(*o.start);
    w_.key("type").value(o.data_type);
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

void Serializer::index_element(const IndexElement& e) {
    static const char* order[] = {"", "ASC", "DESC"};
    static const char* nulls[] = {"", "NULLS FIRST", "NULLS LAST"};
    w_.begin_object();
    put("collation", e.collation);
    put("column", e.column);
    put("expression", e.expression);
    if (e.nulls != NullsOrder::Default) w_.key("nulls").value(nulls[static_cast<int>(e.nulls)]);
    put("opclass", e.opclass);
    if (e.order != SortOrder::Default) w_.key("order").value(order[static_cast<int>(e.order)]);
    w_.end_object();
}

void Serializer::column(const Column& c) {
    w_.begin_object();
    if (directives_ && c.backfill) {
        w_.key("backfill").begin_object();
        if (c.backfill->batch_size) w_.key("batch_size").value(*c.backfill->batch_size);
        w_.key("expr").value(c.backfill->expr);
        w_.end_object();
    }
    put("collation", c.collation);
    put_opt("comment", c.comment);
    put_opt("default", c.default_expr);
    put_opt("generated", c.generated);
    acl_items("grants", c.acl.grants);
    if (c.identity != Identity::None) {
        w_.key("identity").value(c.identity == Identity::Always ? "always" : "by_default");
        if (!c.identity_acl.empty()) {
            w_.key("identity_acl").begin_object();
            put_acl(c.identity_acl);
            w_.end_object();
        }
        w_.key("identity_options").begin_object();
        seq_options(c.identity_options);
        w_.end_object();
        put("identity_sequence", c.identity_sequence);
    }
    w_.key("name").value(c.name);
    put("not_null", c.not_null);
    put_renamed(c.renamed_from);
    acl_items("revokes", c.acl.revokes);
    w_.key("type").value(c.type);
    w_.end_object();
}

void Serializer::constraint(const Constraint& k) {
    const bool fk = k.type == ConstraintType::ForeignKey;
    w_.begin_object();
    put("columns", k.columns);
    put_opt("comment", k.comment);
    put("deferrable", k.deferrable);
    if (!k.exclude.empty()) {
        w_.key("exclude").begin_array();
        for (const auto& x : k.exclude) {
            w_.begin_object();
            w_.key("element");
            index_element(x.element);
            w_.key("operator").value(x.op);
            w_.end_object();
        }
        w_.end_array();
    }
    put("expr", k.expr);
    put("include", k.include);
    put("index_options", k.index_options);
    put("initially_deferred", k.initially_deferred);
    if (fk && k.match != FkMatch::Simple) w_.key("match").value(k.match == FkMatch::Full ? "FULL" : "PARTIAL");
    put("no_inherit", k.no_inherit);
    put("not_valid", k.not_valid);
    put("nulls_not_distinct", k.nulls_not_distinct);
    if (fk) {
        if (k.on_delete != FkAction::NoAction) w_.key("on_delete").value(fk_action_sql(k.on_delete));
        put("on_delete_columns", k.on_delete_columns);
        if (k.on_update != FkAction::NoAction) w_.key("on_update").value(fk_action_sql(k.on_update));
        w_.key("ref_columns").value(k.ref_columns);
        w_.key("references").value(qname(k.ref_table));
    }
    put_renamed(k.renamed_from);
    w_.key("type").value(constraint_type(k.type));
    put("using", k.using_method);
    put("where", k.where);
    w_.end_object();
}

void Serializer::trigger(const Trigger& t) {
    static const char* timing[] = {"BEFORE", "AFTER", "INSTEAD OF"};
    static const char* enabled[] = {"origin", "disabled", "replica", "always"};
    w_.begin_object();
    put("args", t.args);
    put_opt("comment", t.comment);
    put("constraint", t.constraint);
    put("deferrable", t.deferrable);
    if (t.enabled != TriggerEnabled::Origin) w_.key("enabled").value(enabled[static_cast<int>(t.enabled)]);
    w_.key("events").begin_array();
    if (t.on_insert) w_.value("INSERT");
    if (t.on_update) w_.value("UPDATE");
    if (t.on_delete) w_.value("DELETE");
    if (t.on_truncate) w_.value("TRUNCATE");
    w_.end_array();
    w_.key("function").value(qname(t.function));
    put("initially_deferred", t.initially_deferred);
    w_.key("level").value(t.for_each_row ? "ROW" : "STATEMENT");
    put("new_table", t.new_table);
    put("old_table", t.old_table);
    w_.key("timing").value(timing[static_cast<int>(t.timing)]);
    put("update_columns", t.update_columns);
    put("when", t.when);
    w_.end_object();
}

void Serializer::triggers(const std::map<std::string, Trigger>& ts) {
    if (ts.empty()) return;
    w_.key("triggers").begin_object();
    for (const auto& [name, tr] : ts) {
        w_.key(name);
        trigger(tr);
    }
    w_.end_object();
}

void Serializer::policy(const Policy& p) {
    w_.begin_object();
    w_.key("command").value(p.command);
    put_opt("comment", p.comment);
    if (!p.permissive) w_.key("restrictive").value(true);
    put("roles", p.roles);
    put("using", p.using_expr);
    put("with_check", p.check_expr);
    w_.end_object();
}

void Serializer::table(const Table& t) {
    w_.begin_object();
    if (directives_ && !t.backfills.empty()) {
        w_.key("backfills").begin_array();
        for (const auto& b : t.backfills) {
            w_.begin_object();
            if (b.batch_size) w_.key("batch_size").value(*b.batch_size);
            w_.key("name").value(b.name);
            w_.key("set").value(b.set);
            put("where", b.where);
            w_.end_object();
        }
        w_.end_array();
    }
    w_.key("columns").begin_array();
    for (const auto& c : t.columns) column(c);
    w_.end_array();
    put_opt("comment", t.common.comment);
    if (!t.constraints.empty()) {
        w_.key("constraints").begin_object();
        for (const auto& [name, k] : t.constraints) {
            w_.key(name);
            constraint(k);
        }
        w_.end_object();
    }
    acl_items("grants", t.common.acl.grants);
    put("options", t.options);
    put("owner", t.common.owner);
    if (t.partition_of) w_.key("partition_bound").value(t.partition_bound);
    put("partition_by", t.partition_by);
    if (t.partition_of) w_.key("partition_of").value(qname(*t.partition_of));
    if (!t.policies.empty()) {
        w_.key("policies").begin_object();
        for (const auto& [name, p] : t.policies) {
            w_.key(name);
            policy(p);
        }
        w_.end_object();
    }
    put_renamed(t.renamed_from);
    acl_items("revokes", t.common.acl.revokes);
    put("rls_enabled", t.rls_enabled);
    put("rls_forced", t.rls_forced);
    triggers(t.triggers);
    put("unlogged", t.unlogged);
    w_.end_object();
}

void Serializer::index(const Index& i) {
    w_.begin_object();
    put_opt("comment", i.comment);
    w_.key("elements").begin_array();
    for (const auto& e : i.elements) index_element(e);
    w_.end_array();
    put("include", i.include);
    w_.key("method").value(i.method);
    put("nulls_not_distinct", i.nulls_not_distinct);
    put("options", i.options);
    put_renamed(i.renamed_from);
    w_.key("table").value(qname(i.table));
    put("unique", i.unique);
    put("where", i.where);
    w_.end_object();
}

void Serializer::view(const View& v) {
    w_.begin_object();
    put("column_comments", v.column_comments);
    put("column_names", v.column_names);
    put_opt("comment", v.common.comment);
    acl_items("grants", v.common.acl.grants);
    put("materialized", v.materialized);
    put("options", v.options);
    put("owner", v.common.owner);
    w_.key("query").value(v.query);
    put_renamed(v.renamed_from);
    acl_items("revokes", v.common.acl.revokes);
    triggers(v.triggers);
    w_.end_object();
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

void Serializer::routine(const Routine& r) {
    w_.begin_object();
    w_.key("args").begin_array();
    for (const auto& a : r.args) {
        w_.begin_object();
        put_opt("default", a.default_expr);
        if (a.mode != ArgMode::In) w_.key("mode").value(arg_mode(a.mode));
        put("name", a.name);
        w_.key("type").value(a.type);
        w_.end_object();
    }
    w_.end_array();
    w_.key("body").value(r.body);
    put_opt("comment", r.common.comment);
    put("config", r.config);
    if (r.cost) w_.key("cost").value(*r.cost);
    acl_items("grants", r.common.acl.grants);
    w_.key("kind").value(r.procedure ? "procedure" : "function");
    w_.key("language").value(r.language);
    put("leakproof", r.leakproof);
    put("owner", r.common.owner);
    if (!r.procedure) w_.key("parallel").value(r.parallel);
    put("returns", r.returns);
    put("returns_set", r.returns_set);
    acl_items("revokes", r.common.acl.revokes);
    if (r.rows) w_.key("rows").value(*r.rows);
    put("security_definer", r.security_definer);
    put("sql_body", r.sql_body);
    put("strict", r.strict);
    if (!r.procedure) w_.key("volatility").value(r.volatility);
    w_.end_object();
}

// A map of objects under their names. Qualified names are keyed "schema.name",
// whose byte order can differ from the map's (schema, name) order: the writer
// then reorders them.
template <class Map, class Fn>
void Serializer::section(const char* name, const Map& map, Fn&& object) {
    if (map.empty()) return;
    w_.key(name).begin_object();
    for (const auto& [k, o] : map) {
        if constexpr (std::is_same_v<std::decay_t<decltype(k)>, QualifiedName>)
            w_.key(qname(k));
        else if constexpr (std::is_same_v<std::decay_t<decltype(k)>, RoutineKey>)
            w_.key(qname(k.qname) + "(" + k.args + ")");
        else
            w_.key(k);
        object(o);
    }
    w_.end_object();
}

std::string Serializer::run(const Catalog& cat) {
    w_.begin_object();
    section("composite_types", cat.composites, [&](const CompositeType& c) {
        w_.begin_object();
        w_.key("attributes").begin_array();
        for (const auto& a : c.attributes) {
            w_.begin_object();
            put("collation", a.collation);
            w_.key("name").value(a.name);
            w_.key("type").value(a.type);
            w_.end_object();
        }
        w_.end_array();
        put_common(c.common);
        put_renamed(c.renamed_from);
        w_.end_object();
    });
    section("domains", cat.domains, [&](const Domain& d) {
        w_.begin_object();
        if (!d.checks.empty()) {
            w_.key("checks").begin_object();
            for (const auto& c : d.checks) {
                w_.key(c.name).begin_object();
                put_opt("comment", c.comment);
                w_.key("expr").value(c.expr);
                put("not_valid", c.not_valid);
                w_.end_object();
            }
            w_.end_object();
        }
        put("collation", d.collation);
        put_common(d.common);
        put_opt("default", d.default_expr);
        put("not_null", d.not_null);
        put_renamed(d.renamed_from);
        w_.key("type").value(d.base_type);
        w_.end_object();
    });
    section("enums", cat.enums, [&](const EnumType& e) {
        w_.begin_object();
        put_common(e.common);
        w_.key("labels").value(e.labels);
        put_renamed(e.renamed_from);
        w_.end_object();
    });
    section("extensions", cat.extensions, [&](const Extension& e) {
        w_.begin_object();
        put_opt("comment", e.comment);
        w_.key("schema").value(e.schema);
        put("version", e.version);
        w_.end_object();
    });
    section("indexes", cat.indexes, [&](const Index& i) { index(i); });
    section("routines", cat.routines, [&](const Routine& r) { routine(r); });
    section("schemas", cat.schemas, [&](const Schema& s) {
        w_.begin_object();
        put_common(s.common);
        put_renamed(s.renamed_from);
        w_.end_object();
    });
    section("sequences", cat.sequences, [&](const Sequence& s) {
        w_.begin_object();
        seq_options(s.options);
        put_common(s.common);
        if (s.owned_by_table)
            w_.key("owned_by").value(dotted({s.owned_by_table->schema, s.owned_by_table->name, s.owned_by_column}));
        put_renamed(s.renamed_from);
        put("unlogged", s.unlogged);
        w_.end_object();
    });
    section("tables", cat.tables, [&](const Table& t) { table(t); });
    section("views", cat.views, [&](const View& v) { view(v); });
    w_.end_object();
    std::string out = w_.take();
    out += '\n';
    return out;
}

}  // namespace

std::string serialize(const Catalog& cat) { return Serializer(true).run(cat); }

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

std::string fingerprint(const Catalog& cat) { return sha256_hex(Serializer(false).run(cat)); }

}  // namespace pgkeel::catalog
