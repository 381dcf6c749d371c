#include "render/sql_renderer.hpp"

#include <algorithm>
#include <functional>
#include <set>

#include "common/quote.hpp"
#include "common/text.hpp"

namespace pgkeel::render {

using namespace catalog;

namespace {

std::string idents(const std::vector<std::string>& names) {
    std::vector<std::string> q;
    q.reserve(names.size());
    for (const auto& n : names) q.push_back(quote_ident(n));
    return join(q, ", ");
}

std::string options_clause(const std::vector<std::string>& opts) {
    if (opts.empty()) return {};
    return " WITH (" + join(opts, ", ") + ")";
}

std::string deferral(bool deferrable, bool initially_deferred) {
    std::string out;
    if (deferrable) out += " DEFERRABLE";
    if (initially_deferred) out += " INITIALLY DEFERRED";
    return out;
}

// Owner, comment and privileges of an object addressed as `target` ("TABLE public.t").
void common_sql(std::string& out, const std::string& target, const ObjectCommon& c, bool owner_via_alter_table = false,
                const std::string& alter_target = {}) {
    if (!c.owner.empty()) {
        out += "ALTER " + (owner_via_alter_table ? alter_target : target) + " OWNER TO " + quote_ident(c.owner) + ";\n";
    }
    if (c.comment) out += "COMMENT ON " + target + " IS " + quote_literal(*c.comment) + ";\n";
    auto role = [&](const std::string& g) {
        if (g == "PUBLIC") return std::string("PUBLIC");
        if (g == "OWNER") return std::string("CURRENT_USER");
        return quote_ident(g);
    };
    // GRANT takes TABLE/SEQUENCE/FUNCTION/PROCEDURE/SCHEMA/TYPE; views and
    // materialized views are granted as TABLE.
    std::string grant_target = target;
    for (const char* k : {"VIEW ", "MATERIALIZED VIEW "})
        if (grant_target.rfind(k, 0) == 0) grant_target = "TABLE " + grant_target.substr(std::string(k).size());
    if (grant_target.rfind("DOMAIN ", 0) == 0) grant_target = "TYPE " + grant_target.substr(7);
    for (const auto& r : c.acl.revokes)
        out += "REVOKE " + r.privilege + " ON " + grant_target + " FROM " + role(r.grantee) + ";\n";
    for (const auto& g : c.acl.grants)
        out += "GRANT " + g.privilege + " ON " + grant_target + " TO " + role(g.grantee) +
               (g.grantable ? " WITH GRANT OPTION" : "") + ";\n";
}

// Views in dependency order (a view after the views it reads), ties by name.
std::vector<const View*> ordered_views(const Catalog& cat) {
    std::vector<const View*> out;
    std::set<QualifiedName> done;
    std::function<void(const View&, std::set<QualifiedName>&)> visit = [&](const View& v, std::set<QualifiedName>& stack) {
        if (done.contains(v.qname) || stack.contains(v.qname)) return;
        stack.insert(v.qname);
        for (const auto& ref : v.references) {
            auto it = cat.views.find(ref);
            if (it != cat.views.end()) visit(it->second, stack);
        }
        stack.erase(v.qname);
        done.insert(v.qname);
        out.push_back(&v);
    };
    for (const auto& [_, v] : cat.views) {
        std::set<QualifiedName> stack;
        visit(v, stack);
    }
    return out;
}

bool routine_uses_relation_type(const Catalog& cat, const Routine& r) {
    auto uses = [&](std::string type) {
        if (type.size() > 2 && type.compare(type.size() - 2, 2, "[]") == 0) type.resize(type.size() - 2);
        for (const auto& [q, _] : cat.tables)
            if (q.str() == type) return true;
        for (const auto& [q, _] : cat.views)
            if (q.str() == type) return true;
        return false;
    };
    if (uses(r.returns)) return true;
    return std::any_of(r.args.begin(), r.args.end(), [&](const RoutineArg& a) { return uses(a.type); });
}

// Whether a routine's body names a view (a whole-word match of its name).
bool reads_a_view(const Catalog& cat, const Routine& r) {
    auto ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; };
    for (const auto& [q, v] : cat.views) {
        for (std::size_t pos = r.body.find(q.name); pos != std::string::npos; pos = r.body.find(q.name, pos + 1)) {
            bool start = pos == 0 || !ident(r.body[pos - 1]);
            bool end = pos + q.name.size() >= r.body.size() || !ident(r.body[pos + q.name.size()]);
            if (start && end) return true;
        }
    }
    return false;
}

std::string fmt_number(double v) {
    if (v == static_cast<double>(static_cast<int64_t>(v))) return std::to_string(static_cast<int64_t>(v));
    std::string s = std::to_string(v);
    while (!s.empty() && s.back() == '0') s.pop_back();
    return s;
}

}  // namespace

std::string quote_collation(const std::string& collation) {
    auto dot = collation.find('.');
    if (dot == std::string::npos) return quote_ident(collation);
    return quote_qualified(collation.substr(0, dot), collation.substr(dot + 1));
}

std::string sequence_options(const SequenceOptions& o) {
    std::string out;
    if (!o.data_type.empty()) out += " AS " + o.data_type;
    if (o.start) out += " START WITH " + std::to_string(*o.start);
    if (o.increment) out += " INCREMENT BY " + std::to_string(*o.increment);
    if (o.min_value) out += " MINVALUE " + std::to_string(*o.min_value);
    if (o.max_value) out += " MAXVALUE " + std::to_string(*o.max_value);
    if (o.cache) out += " CACHE " + std::to_string(*o.cache);
    out += o.cycle ? " CYCLE" : " NO CYCLE";
    return out;
}

std::string column_definition(const Column& c) {
    std::string out = quote_ident(c.name) + " " + c.type;
    if (!c.collation.empty()) out += " COLLATE " + quote_collation(c.collation);
    if (c.identity != Identity::None) {
        out += c.identity == Identity::Always ? " GENERATED ALWAYS AS IDENTITY (" : " GENERATED BY DEFAULT AS IDENTITY (";
        SequenceOptions o = c.identity_options;
        if (o.data_type == c.type) o.data_type.clear();  // implied by the column
        std::string opts = sequence_options(o);
        if (!c.identity_sequence.empty()) opts = " SEQUENCE NAME " + quote_ident(c.identity_sequence) + opts;
        out += opts.substr(1) + ")";
    } else if (c.generated) {
        out += " GENERATED ALWAYS AS (" + *c.generated + ") STORED";
    } else if (c.default_expr) {
        out += " DEFAULT " + *c.default_expr;
    }
    if (c.not_null) out += " NOT NULL";
    return out;
}

std::string index_element(const IndexElement& e) {
    std::string out = e.column.empty() ? "(" + e.expression + ")" : quote_ident(e.column);
    if (!e.collation.empty()) out += " COLLATE " + quote_collation(e.collation);
    if (!e.opclass.empty()) out += " " + e.opclass;
    if (e.order == SortOrder::Asc) out += " ASC";
    if (e.order == SortOrder::Desc) out += " DESC";
    if (e.nulls == NullsOrder::First) out += " NULLS FIRST";
    if (e.nulls == NullsOrder::Last) out += " NULLS LAST";
    return out;
}

std::string constraint_definition(const Constraint& k) {
    std::string out;
    auto include = [&]() { return k.include.empty() ? std::string() : " INCLUDE (" + idents(k.include) + ")"; };
    auto with = [&]() { return k.index_options.empty() ? std::string() : " WITH (" + k.index_options + ")"; };
    switch (k.type) {
        case ConstraintType::PrimaryKey: out = "PRIMARY KEY (" + idents(k.columns) + ")" + include() + with(); break;
        case ConstraintType::Unique:
            out = std::string("UNIQUE") + (k.nulls_not_distinct ? " NULLS NOT DISTINCT" : "") + " (" + idents(k.columns) +
                  ")" + include() + with();
            break;
        case ConstraintType::ForeignKey:
            out = "FOREIGN KEY (" + idents(k.columns) + ") REFERENCES " + k.ref_table.str() + "(" + idents(k.ref_columns) + ")";
            if (k.match == FkMatch::Full) out += " MATCH FULL";
            if (k.match == FkMatch::Partial) out += " MATCH PARTIAL";
            if (k.on_update != FkAction::NoAction) out += std::string(" ON UPDATE ") + fk_action_sql(k.on_update);
            if (k.on_delete != FkAction::NoAction) out += std::string(" ON DELETE ") + fk_action_sql(k.on_delete);
            if (!k.on_delete_columns.empty()) out += " (" + idents(k.on_delete_columns) + ")";
            break;
        case ConstraintType::Check:
            out = "CHECK (" + k.expr + ")";
            if (k.no_inherit) out += " NO INHERIT";
            break;
        case ConstraintType::Exclude: {
            std::vector<std::string> els;
            for (const auto& x : k.exclude) els.push_back(index_element(x.element) + " WITH " + x.op);
            out = "EXCLUDE USING " + k.using_method + " (" + join(els, ", ") + ")" + include() + with();
            if (!k.where.empty()) out += " WHERE (" + k.where + ")";
            break;
        }
    }
    out += deferral(k.deferrable, k.initially_deferred);
    if (k.not_valid) out += " NOT VALID";
    return out;
}

std::string index_definition(const Index& i) {
    std::vector<std::string> els;
    for (const auto& e : i.elements) els.push_back(index_element(e));
    std::string out = std::string("CREATE ") + (i.unique ? "UNIQUE " : "") + "INDEX " + quote_ident(i.qname.name) + " ON " +
                      i.table.str() + " USING " + i.method + " (" + join(els, ", ") + ")";
    if (!i.include.empty()) out += " INCLUDE (" + idents(i.include) + ")";
    if (i.nulls_not_distinct) out += " NULLS NOT DISTINCT";
    out += options_clause(i.options);
    if (!i.where.empty()) out += " WHERE (" + i.where + ")";
    return out;
}

std::string trigger_definition(const QualifiedName& table, const Trigger& t) {
    static const char* timing[] = {"BEFORE", "AFTER", "INSTEAD OF"};
    std::vector<std::string> events;
    if (t.on_insert) events.emplace_back("INSERT");
    if (t.on_update) events.push_back(t.update_columns.empty() ? "UPDATE" : "UPDATE OF " + idents(t.update_columns));
    if (t.on_delete) events.emplace_back("DELETE");
    if (t.on_truncate) events.emplace_back("TRUNCATE");
    std::string out = std::string("CREATE ") + (t.constraint ? "CONSTRAINT " : "") + "TRIGGER " + quote_ident(t.name) + " " +
                      timing[static_cast<int>(t.timing)] + " " + join(events, " OR ") + " ON " + table.str();
    out += deferral(t.deferrable, t.initially_deferred);
    if (!t.old_table.empty() || !t.new_table.empty()) {
        out += " REFERENCING";
        if (!t.old_table.empty()) out += " OLD TABLE AS " + quote_ident(t.old_table);
        if (!t.new_table.empty()) out += " NEW TABLE AS " + quote_ident(t.new_table);
    }
    out += t.for_each_row ? " FOR EACH ROW" : " FOR EACH STATEMENT";
    if (!t.when.empty()) out += " WHEN (" + t.when + ")";
    std::vector<std::string> args;
    for (const auto& a : t.args) args.push_back(quote_literal(a));
    out += " EXECUTE FUNCTION " + t.function.str() + "(" + join(args, ", ") + ")";
    return out;
}

RoutineArguments routine_arguments(const Routine& r) {
    static const char* modes[] = {"", "OUT ", "INOUT ", "VARIADIC ", ""};
    std::vector<std::string> args, table_cols;
    for (const auto& a : r.args) {
        std::string s = std::string(modes[static_cast<int>(a.mode)]) + (a.name.empty() ? "" : quote_ident(a.name) + " ") + a.type;
        if (a.default_expr) s += " DEFAULT " + *a.default_expr;
        (a.mode == ArgMode::Table ? table_cols : args).push_back(s);
    }
    return {join(args, ", "), join(table_cols, ", ")};
}

std::string routine_definition(const Routine& r) {
    RoutineArguments ra = routine_arguments(r);
    std::string out = std::string("CREATE ") + (r.procedure ? "PROCEDURE " : "FUNCTION ") + r.qname.str() + "(" + ra.args + ")";
    if (!r.procedure) {
        if (!ra.table_columns.empty()) out += "\n    RETURNS TABLE(" + ra.table_columns + ")";
        else out += "\n    RETURNS " + std::string(r.returns_set ? "SETOF " : "") + r.returns;
    }
    out += "\n    LANGUAGE " + quote_ident(r.language);
    if (!r.procedure) {
        if (r.volatility != "VOLATILE") out += "\n    " + r.volatility;
        if (r.parallel != "UNSAFE") out += "\n    PARALLEL " + r.parallel;
    }
    if (r.strict) out += "\n    STRICT";
    if (r.leakproof) out += "\n    LEAKPROOF";
    if (r.security_definer) out += "\n    SECURITY DEFINER";
    if (r.cost) out += "\n    COST " + fmt_number(*r.cost);
    if (r.rows) out += "\n    ROWS " + fmt_number(*r.rows);
    for (const auto& c : r.config) out += "\n    SET " + c;
    if (r.sql_body) out += "\n" + r.body;
    else out += "\nAS " + quote_dollar(r.body);
    return out;
}

std::string render_sql(const Catalog& cat) {
    std::string out;
    out += "-- Schema written by pgkeel " PGKEEL_VERSION ". Load into an empty database with psql.\n";
    out += "SET check_function_bodies = false;\n";
    out += "SET client_min_messages = warning;\n\n";

    for (const auto& [name, s] : cat.schemas) out += "CREATE SCHEMA " + quote_ident(name) + ";\n";
    for (const auto& [name, e] : cat.extensions) {
        out += "CREATE EXTENSION IF NOT EXISTS " + quote_ident(name) + " WITH SCHEMA " + quote_ident(e.schema);
        if (!e.version.empty()) out += " VERSION " + quote_literal(e.version);
        out += ";\n";
    }
    for (const auto& [q, e] : cat.enums) {
        std::vector<std::string> labels;
        for (const auto& l : e.labels) labels.push_back(quote_literal(l));
        out += "CREATE TYPE " + q.str() + " AS ENUM (" + join(labels, ", ") + ");\n";
    }
    for (const auto& [q, d] : cat.domains) {
        out += "CREATE DOMAIN " + q.str() + " AS " + d.base_type;
        if (!d.collation.empty()) out += " COLLATE " + quote_collation(d.collation);
        if (d.default_expr) out += " DEFAULT " + *d.default_expr;
        if (d.not_null) out += " NOT NULL";
        out += ";\n";
    }
    for (const auto& [q, c] : cat.composites) {
        std::vector<std::string> attrs;
        for (const auto& a : c.attributes)
            attrs.push_back(quote_ident(a.name) + " " + a.type + (a.collation.empty() ? "" : " COLLATE " + quote_collation(a.collation)));
        out += "CREATE TYPE " + q.str() + " AS (" + join(attrs, ", ") + ");\n";
    }
    out += "\n";
    // Routines before tables (defaults and checks call them), except those whose
    // signature names a table's row type; SQL-standard bodies are checked at
    // creation, so they come after the tables and views they read.
    std::vector<const Routine*> late_routines, body_routines;
    for (const auto& [k, r] : cat.routines) {
        if (r.sql_body) {
            body_routines.push_back(&r);
        } else if (routine_uses_relation_type(cat, r)) {
            late_routines.push_back(&r);
        } else {
            out += routine_definition(r) + ";\n\n";
        }
    }
    // Domain checks may call those routines.
    for (const auto& [q, d] : cat.domains)
        for (const auto& c : d.checks)
            out += "ALTER DOMAIN " + q.str() + " ADD CONSTRAINT " + quote_ident(c.name) + " CHECK (" + c.expr + ")" +
                   (c.not_valid ? " NOT VALID" : "") + ";\n";
    for (const auto& [q, s] : cat.sequences) {
        out += std::string("CREATE ") + (s.unlogged ? "UNLOGGED " : "") + "SEQUENCE " + q.str() + sequence_options(s.options) + ";\n";
    }
    out += "\n";
    // Tables: partitioned parents before their partitions.
    std::set<QualifiedName> created;
    std::vector<const Table*> pending;
    for (const auto& [_, t] : cat.tables) pending.push_back(&t);
    while (!pending.empty()) {
        std::vector<const Table*> later;
        for (const Table* t : pending) {
            if (t->partition_of && !created.contains(*t->partition_of) && cat.tables.contains(*t->partition_of)) {
                later.push_back(t);
                continue;
            }
            out += std::string("CREATE ") + (t->unlogged ? "UNLOGGED " : "") + "TABLE " + t->qname.str();
            if (t->partition_of) {
                out += " PARTITION OF " + t->partition_of->str() + " " + t->partition_bound;
            } else {
                out += " (";
                for (std::size_t i = 0; i < t->columns.size(); ++i)
                    out += std::string(i ? "," : "") + "\n    " + column_definition(t->columns[i]);
                out += t->columns.empty() ? ")" : "\n)";
            }
            if (!t->partition_by.empty()) out += " PARTITION BY " + t->partition_by;
            out += options_clause(t->options) + ";\n";
            created.insert(t->qname);
        }
        if (later.size() == pending.size()) break;  // parents missing: already reported by the loader
        pending = std::move(later);
    }
    out += "\n";
    for (const Routine* r : late_routines) out += routine_definition(*r) + ";\n\n";
    for (const auto& [q, s] : cat.sequences)
        if (s.owned_by_table)
            out += "ALTER SEQUENCE " + q.str() + " OWNED BY " + s.owned_by_table->str() + "." + quote_ident(s.owned_by_column) + ";\n";
    // Constraints: keys and checks first, then foreign keys (which need the keys).
    for (int pass = 0; pass < 2; ++pass) {
        for (const auto& [q, t] : cat.tables)
            for (const auto& [name, k] : t.constraints)
                if ((k.type == ConstraintType::ForeignKey) == (pass == 1))
                    out += "ALTER TABLE " + q.str() + " ADD CONSTRAINT " + quote_ident(name) + " " + constraint_definition(k) + ";\n";
    }
    out += "\n";
    // SQL-standard bodies that read only tables go before the views (which may
    // call them); those that read a view, after the views.
    for (const Routine* r : body_routines)
        if (!reads_a_view(cat, *r)) out += routine_definition(*r) + ";\n\n";
    auto views = ordered_views(cat);
    for (const View* v : views) {
        out += std::string("CREATE ") + (v->materialized ? "MATERIALIZED VIEW " : "VIEW ") + v->qname.str();
        if (!v->column_names.empty()) out += " (" + idents(v->column_names) + ")";
        out += options_clause(v->options) + " AS\n" + v->query + ";\n";
    }
    for (const Routine* r : body_routines)
        if (reads_a_view(cat, *r)) out += routine_definition(*r) + ";\n\n";
    out += "\n";
    for (const auto& [q, i] : cat.indexes) out += index_definition(i) + ";\n";
    out += "\n";
    auto trigger_state = [&](const QualifiedName& q, const Trigger& tr) {
        static const char* state[] = {"", "DISABLE", "ENABLE REPLICA", "ENABLE ALWAYS"};
        if (tr.enabled != TriggerEnabled::Origin)
            out += "ALTER TABLE " + q.str() + " " + state[static_cast<int>(tr.enabled)] + " TRIGGER " + quote_ident(tr.name) + ";\n";
    };
    for (const auto& [q, t] : cat.tables) {
        for (const auto& [_, tr] : t.triggers) {
            out += trigger_definition(q, tr) + ";\n";
            trigger_state(q, tr);
        }
    }
    for (const auto& [q, v] : cat.views)
        for (const auto& [_, tr] : v.triggers) out += trigger_definition(q, tr) + ";\n";
    for (const auto& [q, t] : cat.tables) {
        if (t.rls_enabled) out += "ALTER TABLE " + q.str() + " ENABLE ROW LEVEL SECURITY;\n";
        if (t.rls_forced) out += "ALTER TABLE " + q.str() + " FORCE ROW LEVEL SECURITY;\n";
        for (const auto& [name, p] : t.policies) {
            std::vector<std::string> roles;
            for (const auto& r : p.roles) roles.push_back(quote_ident(r));
            out += "CREATE POLICY " + quote_ident(name) + " ON " + q.str() + " AS " +
                   (p.permissive ? "PERMISSIVE" : "RESTRICTIVE") + " FOR " + p.command + " TO " +
                   (roles.empty() ? std::string("PUBLIC") : join(roles, ", "));
            if (!p.using_expr.empty()) out += " USING (" + p.using_expr + ")";
            if (!p.check_expr.empty()) out += " WITH CHECK (" + p.check_expr + ")";
            out += ";\n";
        }
    }
    out += "\n";
    // Owners, comments, privileges.
    for (const auto& [name, s] : cat.schemas) common_sql(out, "SCHEMA " + quote_ident(name), s.common);
    for (const auto& [name, e] : cat.extensions)
        if (e.comment) out += "COMMENT ON EXTENSION " + quote_ident(name) + " IS " + quote_literal(*e.comment) + ";\n";
    for (const auto& [q, e] : cat.enums) common_sql(out, "TYPE " + q.str(), e.common);
    for (const auto& [q, d] : cat.domains) {
        common_sql(out, "DOMAIN " + q.str(), d.common);
        for (const auto& c : d.checks)
            if (c.comment)
                out += "COMMENT ON CONSTRAINT " + quote_ident(c.name) + " ON DOMAIN " + q.str() + " IS " + quote_literal(*c.comment) + ";\n";
    }
    for (const auto& [q, c] : cat.composites) common_sql(out, "TYPE " + q.str(), c.common);
    for (const auto& [q, s] : cat.sequences) common_sql(out, "SEQUENCE " + q.str(), s.common);
    for (const auto& [q, t] : cat.tables) {
        common_sql(out, "TABLE " + q.str(), t.common);
        for (const auto& c : t.columns) {
            std::string col = q.str() + "." + quote_ident(c.name);
            if (c.comment) out += "COMMENT ON COLUMN " + col + " IS " + quote_literal(*c.comment) + ";\n";
            for (const auto& g : c.acl.grants)
                out += "GRANT " + g.privilege + " (" + quote_ident(c.name) + ") ON TABLE " + q.str() + " TO " +
                       (g.grantee == "PUBLIC" ? g.grantee : quote_ident(g.grantee)) + (g.grantable ? " WITH GRANT OPTION" : "") + ";\n";
            if (c.identity != Identity::None && !c.identity_acl.empty()) {
                ObjectCommon seq;
                seq.acl = c.identity_acl;
                common_sql(out, "SEQUENCE " + quote_qualified(q.schema, t.identity_sequence_name(c)), seq);
            }
        }
        for (const auto& [name, k] : t.constraints)
            if (k.comment) out += "COMMENT ON CONSTRAINT " + quote_ident(name) + " ON " + q.str() + " IS " + quote_literal(*k.comment) + ";\n";
        for (const auto& [name, tr] : t.triggers)
            if (tr.comment) out += "COMMENT ON TRIGGER " + quote_ident(name) + " ON " + q.str() + " IS " + quote_literal(*tr.comment) + ";\n";
        for (const auto& [name, p] : t.policies)
            if (p.comment) out += "COMMENT ON POLICY " + quote_ident(name) + " ON " + q.str() + " IS " + quote_literal(*p.comment) + ";\n";
    }
    for (const View* v : views) {
        std::string kind = v->materialized ? "MATERIALIZED VIEW " : "VIEW ";
        common_sql(out, kind + v->qname.str(), v->common, true, "TABLE " + v->qname.str());
        for (const auto& [col, text] : v->column_comments)
            out += "COMMENT ON COLUMN " + v->qname.str() + "." + quote_ident(col) + " IS " + quote_literal(text) + ";\n";
        for (const auto& [name, tr] : v->triggers)
            if (tr.comment) out += "COMMENT ON TRIGGER " + quote_ident(name) + " ON " + v->qname.str() + " IS " + quote_literal(*tr.comment) + ";\n";
    }
    for (const auto& [q, i] : cat.indexes)
        if (i.comment) out += "COMMENT ON INDEX " + q.str() + " IS " + quote_literal(*i.comment) + ";\n";
    for (const auto& [k, r] : cat.routines)
        common_sql(out, std::string(r.procedure ? "PROCEDURE " : "FUNCTION ") + k.qname.str() + "(" + k.args + ")", r.common);
    return out;
}

}  // namespace pgkeel::render
