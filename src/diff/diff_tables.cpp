// The diff stage for tables and what hangs off them (columns, constraints,
// triggers, policies), indexes and views.
#include <algorithm>
#include <functional>

#include "common/error.hpp"
#include "common/quote.hpp"
#include "common/sha256.hpp"
#include "common/text.hpp"
#include "diff/differ.hpp"
#include "diff/fingerprint.hpp"
#include "render/sql_renderer.hpp"

namespace pgkeel::diff {

using namespace catalog;

namespace {

// Splits "character varying(20)" into base and modifier list.
std::pair<std::string, std::vector<long long>> type_parts(const std::string& t) {
    auto open = t.find('(');
    if (open == std::string::npos || t.back() != ')') return {t, {}};
    std::vector<long long> mods;
    std::string inner = t.substr(open + 1, t.size() - open - 2);
    std::size_t pos = 0;
    while (pos <= inner.size()) {
        auto comma = inner.find(',', pos);
        if (comma == std::string::npos) comma = inner.size();
        try {
            mods.push_back(std::stoll(inner.substr(pos, comma - pos)));
        } catch (const std::exception&) {
            return {t, {}};
        }
        pos = comma + 1;
    }
    return {t.substr(0, open), mods};
}

// Whether ALTER COLUMN TYPE from `a` to `b` rewrites the table (PostgreSQL
// skips the rewrite for binary-coercible changes that only relax a modifier).
bool type_change_rewrites(const std::string& a, const std::string& b) {
    if (a == b) return false;
    auto [ab, am] = type_parts(a);
    auto [bb, bm] = type_parts(b);
    auto text_like = [](const std::string& base) { return base == "text" || base == "character varying"; };
    if (text_like(ab) && text_like(bb)) {
        if (bb == "text" || bm.empty()) return false;  // to text or unlimited varchar
        if (ab == "character varying" && !am.empty() && bm[0] >= am[0]) return false;
        return true;
    }
    if (ab == "numeric" && bb == "numeric") {
        if (bm.empty()) return false;
        if (am.empty()) return true;
        long long as = am.size() > 1 ? am[1] : 0, bs = bm.size() > 1 ? bm[1] : 0;
        return !(as == bs && bm[0] >= am[0]);
    }
    if (ab == "bit varying" && bb == "bit varying") return !(bm.empty() || (!am.empty() && bm[0] >= am[0]));
    for (const char* ts : {"timestamp", "time"}) {
        for (const char* zone : {" with time zone", " without time zone"}) {
            std::string base = std::string(ts) + zone;
            auto strip = [&](const std::string& full, long long& prec) {
                // "timestamp(3) with time zone"
                std::string head = ts;
                if (full.rfind(head, 0) != 0 || full.size() < std::string(zone).size() ||
                    full.compare(full.size() - std::string(zone).size(), std::string::npos, zone) != 0)
                    return false;
                std::string mid = full.substr(head.size(), full.size() - head.size() - std::string(zone).size());
                prec = 6;
                if (mid.empty()) return true;
                if (mid.size() < 3 || mid.front() != '(' || mid.back() != ')') return false;
                prec = std::stoll(mid.substr(1, mid.size() - 2));
                return true;
            };
            long long pa = 0, pb = 0;
            if (strip(a, pa) && strip(b, pb)) return pb < pa;
        }
    }
    if (ab == "cidr" && bb == "inet") return false;
    if (ab == "xml" && text_like(bb) && bm.empty()) return false;
    return true;
}

std::string truncate63(std::string s) {
    if (s.size() > 63) s.resize(63);
    return s;
}

std::string cols(const std::vector<std::string>& names) {
    std::vector<std::string> q;
    for (const auto& n : names) q.push_back(quote_ident(n));
    return join(q, ", ");
}

// A unique key on (table, columns) that goes away: a foreign key to those
// columns is added after it, so the server binds it to the key that stays.
ObjectKey unique_gone(const QualifiedName& table, const std::vector<std::string>& columns) {
    return {ObjectKind::Constraint, table.schema, table.name, "#unique-gone:" + join(columns, ",")};
}

const char* const kTriggerState[] = {"ENABLE", "DISABLE", "ENABLE REPLICA", "ENABLE ALWAYS"};
const char* const kTgEnabled[] = {"O", "D", "R", "A"};

}  // namespace

// ------------------------------------------------------------ dependencies

std::vector<ObjectKey> Differ::column_deps(const References& r, const Table& t, const Column& c) const {
    std::vector<ObjectKey> out = {relation_key(ObjectKind::Table, t.qname)};
    r.type(c.type, out);
    if (c.default_expr) r.expression(*c.default_expr, out);
    if (c.generated) {
        r.expression(*c.generated, out);
        for (const auto& other : t.columns)
            if (other.name != c.name && mentions_name(*c.generated, other.name))
                out.push_back(member_key(ObjectKind::Column, t.qname, other.name));
    }
    return out;
}

std::vector<ObjectKey> Differ::table_deps(const References& r, const Table& t) const {
    std::vector<ObjectKey> out = {schema_key(t.qname.schema)};
    if (t.partition_of) out.push_back(relation_key(ObjectKind::Table, *t.partition_of));
    for (const auto& c : t.columns) {
        auto d = column_deps(r, t, c);
        for (auto& k : d)
            if (!(k.kind == ObjectKind::Table && k.schema == t.qname.schema && k.name == t.qname.name) &&
                !(k.kind == ObjectKind::Column && k.schema == t.qname.schema && k.name == t.qname.name))
                out.push_back(std::move(k));
    }
    return out;
}

std::vector<ObjectKey> Differ::constraint_deps(const References& r, const Table& t, const Constraint& k) const {
    std::vector<ObjectKey> out = {relation_key(ObjectKind::Table, t.qname)};
    for (const auto& c : k.columns) out.push_back(member_key(ObjectKind::Column, t.qname, c));
    for (const auto& c : k.include) out.push_back(member_key(ObjectKind::Column, t.qname, c));
    if (!k.expr.empty()) {
        r.expression(k.expr, out);
        std::vector<std::string> words = sql_words(k.expr);
        for (const auto& c : t.columns)
            if (std::find(words.begin(), words.end(), c.name) != words.end()) out.push_back(member_key(ObjectKind::Column, t.qname, c.name));
    }
    for (const auto& x : k.exclude) {
        if (!x.element.column.empty()) out.push_back(member_key(ObjectKind::Column, t.qname, x.element.column));
        else r.expression(x.element.expression, out);  // routines an element expression calls
    }
    if (k.type == ConstraintType::ForeignKey) {
        out.push_back(relation_key(ObjectKind::Table, k.ref_table));
        for (const auto& c : k.ref_columns) out.push_back(member_key(ObjectKind::Column, k.ref_table, c));
        // the referenced key: a PK / UNIQUE constraint or unique index on exactly those columns
        if (auto rt = r.catalog().tables.find(k.ref_table); rt != r.catalog().tables.end()) {
            for (const auto& [name, rk] : rt->second.constraints) {
                if ((rk.type == ConstraintType::PrimaryKey || rk.type == ConstraintType::Unique) &&
                    (rk.columns == k.ref_columns || (k.ref_columns.empty() && rk.type == ConstraintType::PrimaryKey)))
                    out.push_back(member_key(ObjectKind::Constraint, k.ref_table, name));
            }
        }
        for (const auto& q : r.indexes_of(k.ref_table))
            if (r.catalog().indexes.at(q).unique) out.push_back(relation_key(ObjectKind::Index, q));
    }
    return out;
}

std::vector<ObjectKey> Differ::index_deps(const References& r, const Index& i) const {
    std::vector<ObjectKey> out;
    r.relation(i.table, out);  // the relation and all its columns
    for (const auto& e : i.elements)
        if (!e.expression.empty()) r.expression(e.expression, out);
    if (!i.where.empty()) r.expression(i.where, out);
    // enum labels named in a predicate must have been added (and committed)
    for (const auto& [q, e] : r.catalog().enums)
        for (const auto& l : e.labels)
            if (i.where.find("'" + l + "'") != std::string::npos) out.push_back({ObjectKind::Enum, q.schema, q.name, l});
    return out;
}

std::vector<ObjectKey> Differ::view_deps(const References& r, const View& v) const {
    std::vector<ObjectKey> out = {schema_key(v.qname.schema)};
    for (const auto& ref : v.references) r.relation(ref, out);
    r.expression(v.query, out);
    return out;
}

std::vector<ObjectKey> Differ::trigger_deps(const References& r, const QualifiedName& rel, const Trigger& t) const {
    std::vector<ObjectKey> out;
    r.relation(rel, out);
    for (const auto& [k, f] : r.catalog().routines)
        if (k.qname == t.function && k.args.empty()) out.push_back(routine_key(k, f.procedure));
    if (!t.when.empty()) r.expression(t.when, out);
    return out;
}

// ------------------------------------------------------------ tables

namespace {

// The columns a table has: a partition's come from its parent, then its own.
std::vector<Column> effective_columns(const Catalog& cat, const Table& t) {
    std::vector<Column> out;
    if (t.partition_of)
        if (auto p = cat.tables.find(*t.partition_of); p != cat.tables.end() && p->first != t.qname) out = effective_columns(cat, p->second);
    for (const auto& c : t.columns) {
        auto same = std::find_if(out.begin(), out.end(), [&](const Column& x) { return x.name == c.name; });
        if (same != out.end()) *same = c;
        else out.push_back(c);
    }
    return out;
}

std::string table_fp(const QualifiedName& q) { return fp::relation(q, "c.relkind IN ('r', 'p')"); }

std::string column_fp(const QualifiedName& q, const Column& c) {
    std::vector<std::string> conds = {fp::eq("pg_catalog.format_type(a.atttypid, a.atttypmod)", c.type)};
    conds.push_back(c.not_null ? "a.attnotnull" : "NOT a.attnotnull");
    static const char* identity[] = {"''", "'a'", "'d'"};
    conds.push_back(std::string("a.attidentity = ") + identity[static_cast<int>(c.identity)]);
    conds.push_back(c.generated ? "a.attgenerated = 's'" : "a.attgenerated = ''");
    return fp::column(q, c.name, fp::all(conds));
}

}  // namespace

void Differ::recreate_readers_of_column(const Table& t, const std::string& column) {
    // triggers whose WHEN or UPDATE OF names the column, its table's policies
    // that read it, and views reading the table: dropped and re-created around
    // a change of the column
    for (const auto& [name, tr] : t.triggers)
        if (std::find(tr.update_columns.begin(), tr.update_columns.end(), column) != tr.update_columns.end() || mentions_name(tr.when, column))
            recreate_triggers_.insert({t.qname, name});
    for (const auto& [name, p] : t.policies)
        if (mentions_name(p.using_expr, column) || mentions_name(p.check_expr, column)) recreate_policies_.insert({t.qname, name});
    recreate_views_reading(t.qname);
}

bool Differ::names_recreated_column(const QualifiedName& table, const std::vector<std::string>& columns, const std::string& sql) const {
    for (auto it = recreated_columns_.lower_bound({table, std::string()}); it != recreated_columns_.end() && it->first == table; ++it)
        if (std::find(columns.begin(), columns.end(), it->second) != columns.end() || mentions_name(sql, it->second)) return true;
    return false;
}

void Differ::find_recreated_routines() {
    // Routines re-created (dropped first) take with them what calls them.
    for (const auto& [k, r] : b_.routines) {
        auto it = a_.routines.find(k);
        if (it == a_.routines.end() || it->second == r) continue;
        if (!replaceable_routine(it->second, r)) recreate_routines_.insert(k);
    }
    for (const auto& [k, r] : b_.routines) {
        if (!a_.routines.contains(k)) continue;
        std::vector<ObjectKey> types;
        for (const auto& arg : r.args) rb_.type(arg.type, types);
        rb_.type(r.returns, types);
        for (const auto& t : types) {
            QualifiedName q{t.schema, t.name};
            bool changed = rebuilt_types_.contains(q);
            if (t.kind == ObjectKind::Composite) {
                auto oc = a_.composites.find(q);
                changed = changed || (oc != a_.composites.end() && oc->second.attributes != b_.composites.at(q).attributes);
            }
            if (changed) recreate_routines_.insert(k);
        }
    }
    // A SQL-standard body (BEGIN ATOMIC) holds what it calls: its routine goes too.
    for (bool grew = true; grew;) {
        grew = false;
        for (const auto& [k, r] : a_.routines)
            if (r.sql_body && b_.routines.contains(k) && !recreate_routines_.contains(k) && calls_recreated_routine(r.body))
                grew = recreate_routines_.insert(k).second || grew;
    }
}

void Differ::tables() {
    // Columns whose type changes. A partition key column among them is one
    // PostgreSQL cannot alter: its table is re-created. A policy of another
    // table that reads one is dropped and created again around the change
    // (policies of the column's own table are found by alter_column).
    std::vector<std::pair<QualifiedName, std::string>> retyped;
    // tables whose row type a kept column uses (found once, when first needed): PostgreSQL cannot alter them
    std::optional<std::map<QualifiedName, std::string>> row_type_users;
    auto row_type_user = [&](const QualifiedName& q) -> const std::string* {
        if (!row_type_users) {
            row_type_users.emplace();
            for (const auto& [uq, u] : b_.tables) {
                if (!a_.tables.contains(uq)) continue;
                for (const auto& uc : u.columns) {
                    if (uc.type.find('.') == std::string::npos) continue;  // user types are schema-qualified
                    std::vector<ObjectKey> types;
                    rb_.type(uc.type, types);
                    for (const auto& k : types)
                        if (k.kind == ObjectKind::Table) row_type_users->emplace(QualifiedName{k.schema, k.name}, "column " + quote_ident(uc.name) + " of " + uq.str());
                }
            }
        }
        auto it = row_type_users->find(q);
        return it == row_type_users->end() ? nullptr : &it->second;
    };
    for (const auto& [q, t] : b_.tables) {
        auto old = a_.tables.find(q);
        if (old == a_.tables.end()) continue;
        for (const auto& c : t.columns) {
            const catalog::Column* oc = old->second.find_column(c.name);
            if (oc == nullptr || (oc->type == c.type && !uses_rebuilt_type(c.type))) continue;
            retyped.emplace_back(q, c.name);
            if (!t.partition_by.empty() && mentions_name(t.partition_by, c.name)) recreate_tables_.insert(q);
            // what PostgreSQL refuses around a type change, and pgkeel does not re-create yet
            for (const auto& g : t.columns)
                if (g.generated && old->second.find_column(g.name) != nullptr && mentions_name(*g.generated, c.name))
                    throw_input("column " + quote_ident(c.name) + " of " + q.str() + " changes type, but generated column " +
                                quote_ident(g.name) + " reads it; pgkeel does not re-create generated columns yet (drop " +
                                quote_ident(g.name) + " in one plan, and add it back after the type change in the next)");
            if (const std::string* user = row_type_user(q))
                throw_input("column " + quote_ident(c.name) + " of " + q.str() + " changes type, but " + *user + " has the row type of " +
                            q.str() + " (PostgreSQL cannot alter a table whose row type a column uses); pgkeel does not re-create that "
                            "column yet");
        }
    }
    if (!retyped.empty()) {
        for (const auto& [pq, pt] : a_.tables) {
            for (const auto& [name, p] : pt.policies) {
                std::vector<std::string> words = sql_words(p.using_expr + " " + p.check_expr);
                auto named = [&](const std::string& w) { return std::find(words.begin(), words.end(), w) != words.end(); };
                for (const auto& [q, col] : retyped)
                    if (q != pq && named(q.name) && named(col)) recreate_policies_.insert({pq, name});
            }
        }
    }
    // A table whose partitioning (PARTITION BY) changes is dropped and created
    // again, with its partitions; what references it follows.
    for (const auto& [q, t] : b_.tables)
        if (auto it = a_.tables.find(q); it != a_.tables.end() && it->second.partition_by != t.partition_by) recreate_tables_.insert(q);
    for (bool grew = true; grew;) {
        grew = false;
        for (const auto& [q, t] : b_.tables)
            if (t.partition_of && recreate_tables_.contains(*t.partition_of) && a_.tables.contains(q) && recreate_tables_.insert(q).second)
                grew = true;
    }
    for (const auto& q : recreate_tables_) {
        recreate_views_reading(q);
        for (const auto& [tq, t] : b_.tables)
            for (const auto& [name, k] : t.constraints)
                if (k.type == ConstraintType::ForeignKey && k.ref_table == q && a_.tables.contains(tq) && !recreate_tables_.contains(tq))
                    recreate_fks_.insert({tq, name});
    }
    find_recreated_foreign_keys();
    for (const auto& [q, t] : b_.tables) {
        auto it = a_.tables.find(q);
        if (recreate_tables_.contains(q)) {
            drop_table(it->second);
            out_.back().phase = Phase::Pre;
            out_.back().summary += " (re-created: its partitioning changes)";
            create_table(t);
        } else if (it == a_.tables.end()) {
            create_table(t);
        } else {
            alter_table(it->second, t);
        }
    }
    for (const auto& [q, t] : a_.tables)
        if (!b_.tables.contains(q)) drop_table(t);
}

// A foreign key depends on the unique index behind the key it references:
// when that key or index is dropped or re-created, so is the foreign key.
void Differ::find_recreated_foreign_keys() {
    std::set<std::pair<QualifiedName, std::vector<std::string>>> keys;  // (table, columns) of keys that go away
    std::set<QualifiedName> primary;                                    // tables whose primary key goes away
    for (const auto& [q, t] : a_.tables) {
        auto nt = b_.tables.find(q);
        for (const auto& [name, k] : t.constraints) {
            if (k.type != ConstraintType::PrimaryKey && k.type != ConstraintType::Unique) continue;
            const Constraint* nk = nullptr;
            if (nt != b_.tables.end())
                if (auto it = nt->second.constraints.find(name); it != nt->second.constraints.end()) nk = &it->second;
            if (nk != nullptr && same_definition(k, *nk)) continue;
            keys.insert({q, k.columns});
            if (k.type == ConstraintType::PrimaryKey) primary.insert(q);
        }
    }
    for (const auto& [q, i] : a_.indexes) {
        if (!i.unique) continue;
        auto it = b_.indexes.find(q);
        if (it != b_.indexes.end() && same_definition(i, it->second)) continue;
        std::vector<std::string> columns;
        for (const auto& e : i.elements) columns.push_back(e.column);
        keys.insert({i.table, columns});
    }
    if (keys.empty()) return;
    for (const auto& [q, t] : b_.tables) {
        auto ot = a_.tables.find(q);
        if (ot == a_.tables.end()) continue;
        for (const auto& [name, k] : t.constraints) {
            if (k.type != ConstraintType::ForeignKey || !ot->second.constraints.contains(name)) continue;
            bool hit = keys.contains({k.ref_table, k.ref_columns}) || (k.ref_columns.empty() && primary.contains(k.ref_table));
            if (hit) recreate_fks_.insert({q, name});
        }
    }
}

void Differ::create_table(const Table& t) {
    const QualifiedName& q = t.qname;
    ObjectKey key = relation_key(ObjectKind::Table, q);
    std::string sql = std::string("CREATE ") + (t.unlogged ? "UNLOGGED " : "") + "TABLE " + q.str();
    std::vector<std::string> elements;
    if (t.partition_of) {
        sql += " PARTITION OF " + t.partition_of->str();
    }
    for (const auto& c : t.columns)
        if (!t.partition_of) elements.push_back(render::column_definition(c));
    std::vector<const Constraint*> later;
    // Foreign keys come after every table exists; NOT VALID constraints after
    // the table too (CREATE TABLE ignores NOT VALID and validates them).
    auto separate = [](const Constraint& k) { return k.type == ConstraintType::ForeignKey || k.not_valid; };
    for (const auto& [name, k] : t.constraints) {
        if (separate(k)) later.push_back(&k);
        else elements.push_back("CONSTRAINT " + quote_ident(name) + " " + render::constraint_definition(k));
    }
    if (t.partition_of) {
        if (!elements.empty()) sql += " (" + join(elements, ", ") + ")";
        sql += " " + t.partition_bound;
    } else {
        sql += " (";
        for (std::size_t i = 0; i < elements.size(); ++i) sql += std::string(i ? "," : "") + "\n    " + elements[i];
        sql += elements.empty() ? ")" : "\n)";
    }
    if (!t.partition_by.empty()) sql += " PARTITION BY " + t.partition_by;
    if (!t.options.empty()) sql += " WITH (" + join(t.options, ", ") + ")";
    auto& c = add(ChangeKind::CreateTable, key, "create table " + q.str(), sql);
    c.fingerprint = table_fp(q);
    c.provides = {key, relation_name_key(q)};
    for (const auto& col : t.columns) {
        c.provides.push_back(member_key(ObjectKind::Column, q, col.name));
        if (col.identity != Identity::None) {
            QualifiedName seq{q.schema, t.identity_sequence_name(col)};
            c.provides.push_back(relation_key(ObjectKind::Sequence, seq));
            c.provides.push_back(relation_name_key(seq));
        }
    }
    for (const auto& [name, k] : t.constraints) {
        if (separate(k)) continue;
        c.provides.push_back(member_key(ObjectKind::Constraint, q, name));
        if (k.type != ConstraintType::Check) c.provides.push_back(relation_key(ObjectKind::Index, {q.schema, name}));
    }
    c.needs = table_deps(rb_, t);
    for (const auto& [name, k] : t.constraints)
        if (!separate(k))
            for (auto& d : constraint_deps(rb_, t, k))
                if (d.schema != q.schema || d.name != q.name) c.needs.push_back(d);
    if (t.partition_of) {
        // a partition has its parent's columns
        if (auto p = b_.tables.find(*t.partition_of); p != b_.tables.end())
            for (const auto& col : p->second.columns) c.provides.push_back(member_key(ObjectKind::Column, q, col.name));
    }
    c.lock = Lock::AccessExclusive;
    c.lock_target = t.partition_of ? t.partition_of->str() : "";
    for (const Constraint* k : later) add_constraint(t, *k, true);
    for (const auto& col : t.columns) column_extras(t, nullptr, col, true);
    for (const auto& [name, k] : t.constraints)
        constraint_comment(q, name, std::nullopt, k.comment, false);
    triggers(q, nullptr, t.triggers, false);
    policies(nullptr, t, true);
    row_security(Table{}, t, true);
    Target tg{key, "TABLE " + q.str(), "TABLE " + q.str(), [q](const std::string& cond) { return fp::relation(q, cond); },
              "c.relowner", "c.relacl", "pg_catalog.obj_description(c.oid, 'pg_class')", 'r', q.str()};
    common(tg, ObjectCommon{}, t.common, true);
}

void Differ::drop_table(const Table& t) {
    const QualifiedName& q = t.qname;
    ObjectKey key = relation_key(ObjectKind::Table, q);
    // Foreign keys between tables dropped together are dropped first, so the
    // drops need no order among themselves (mutual references).
    for (const auto& [name, k] : t.constraints) {
        if (k.type != ConstraintType::ForeignKey || k.ref_table == q || !table_dropped(k.ref_table)) continue;
        auto& c = add(ChangeKind::DropConstraint, member_key(ObjectKind::Constraint, q, name),
                      "drop foreign key " + quote_ident(name) + " of " + q.str() + " (both tables are dropped)",
                      "ALTER TABLE " + q.str() + " DROP CONSTRAINT " + quote_ident(name));
        c.fingerprint = fp::negate(fp::constraint(q, name));
        c.removes.push_back(member_key(ObjectKind::Constraint, q, name));
        c.needs_old = {relation_key(ObjectKind::Table, k.ref_table), key};  // before either table goes
        c.phase = Phase::Post;
        c.lock = Lock::AccessExclusive;
        c.lock_target = q.str();
    }
    auto& c = add(ChangeKind::DropTable, key, "drop table " + q.str(), "DROP TABLE " + q.str());
    c.fingerprint = fp::negate(fp::relation(q));
    c.removes = {key, relation_name_key(q)};
    for (const auto& col : t.columns) c.removes.push_back(member_key(ObjectKind::Column, q, col.name));
    for (const auto& [name, k] : t.constraints) {
        c.removes.push_back(member_key(ObjectKind::Constraint, q, name));
        if (k.type != ConstraintType::Check && k.type != ConstraintType::ForeignKey)
            c.removes.push_back(relation_key(ObjectKind::Index, {q.schema, name}));  // frees the index name
    }
    for (const auto& iq : ra_.indexes_of(q)) c.removes.push_back(relation_key(ObjectKind::Index, iq));
    c.needs_old = table_deps(ra_, t);
    for (const auto& [name, k] : t.constraints) {
        if (k.type == ConstraintType::ForeignKey && table_dropped(k.ref_table)) continue;
        for (auto& d : constraint_deps(ra_, t, k))
            if (d.schema != q.schema || d.name != q.name) c.needs_old.push_back(d);
    }
    for (const auto& [name, tr] : t.triggers)
        for (auto& d : trigger_deps(ra_, q, tr))
            if (d.schema != q.schema || d.name != q.name) c.needs_old.push_back(d);
    c.phase = Phase::Post;
    c.lock = Lock::AccessExclusive;
    c.lock_target = q.str();
    c.hazards.push_back({Hazard::DeletesData, "table " + q.str() + " and all its rows are dropped"});
}

// An ALTER TABLE step on an existing table (ACCESS EXCLUSIVE, after the table).
Change& Differ::table_change(const QualifiedName& q, ChangeKind kind, const ObjectKey& k, const std::string& summary,
                             const std::string& action) {
    auto& c = add(kind, k, summary, "ALTER TABLE " + q.str() + " " + action);
    c.lock = Lock::AccessExclusive;
    c.lock_target = q.str();
    c.needs.push_back(relation_key(ObjectKind::Table, q));
    return c;
}

// ENABLE / FORCE ROW LEVEL SECURITY; `fresh`: the table is created in this plan.
void Differ::row_security(const Table& o, const Table& t, bool fresh) {
    const QualifiedName& q = t.qname;
    ObjectKey key = relation_key(ObjectKind::Table, q);
    auto alter = [&](ChangeKind kind, const ObjectKey& k, const std::string& summary, const std::string& action) -> Change& {
        return table_change(q, kind, k, summary, action);
    };
    if (o.rls_enabled != t.rls_enabled) {
        auto& c = alter(ChangeKind::AlterTable, key, std::string(t.rls_enabled ? "enable" : "disable") + " row level security on " + q.str(),
                        t.rls_enabled ? "ENABLE ROW LEVEL SECURITY" : "DISABLE ROW LEVEL SECURITY");
        c.fingerprint = fp::relation(q, t.rls_enabled ? "c.relrowsecurity" : "NOT c.relrowsecurity");
        if (!fresh) c.hazards.push_back({Hazard::AuthzUpdate, "row level security is " + std::string(t.rls_enabled ? "enabled" : "disabled")});
        if (t.rls_enabled) {  // policies first, so no window where every row is hidden
            for (const auto& [name, p] : t.policies) c.needs.push_back(member_key(ObjectKind::Policy, q, name));
        }
    }
    if (o.rls_forced != t.rls_forced) {
        auto& c = alter(ChangeKind::AlterTable, key, std::string(t.rls_forced ? "force" : "no force") + " row level security on " + q.str(),
                        t.rls_forced ? "FORCE ROW LEVEL SECURITY" : "NO FORCE ROW LEVEL SECURITY");
        c.fingerprint = fp::relation(q, t.rls_forced ? "c.relforcerowsecurity" : "NOT c.relforcerowsecurity");
        if (!fresh) c.hazards.push_back({Hazard::AuthzUpdate, "row level security applies to the owner: " + std::string(t.rls_forced ? "yes" : "no")});
    }
}

void Differ::alter_table(const Table& o, const Table& t) {
    const QualifiedName& q = t.qname;
    ObjectKey key = relation_key(ObjectKind::Table, q);
    auto alter = [&](ChangeKind kind, const ObjectKey& k, const std::string& summary, const std::string& action) -> Change& {
        return table_change(q, kind, k, summary, action);
    };
    auto detach = [&](const QualifiedName& parent) {
        auto& d = add(ChangeKind::AlterTable, key, "detach partition " + q.str() + " from " + parent.str(),
                      "ALTER TABLE " + parent.str() + " DETACH PARTITION " + q.str());
        d.fingerprint = fp::relation(q, "NOT c.relispartition");
        d.needs.push_back(relation_key(ObjectKind::Table, parent));
        d.lock = Lock::AccessExclusive;
        d.lock_target = parent.str();
        d.provides.push_back({ObjectKind::Table, q.schema, q.name, "#detached"});
    };
    auto attach = [&](const QualifiedName& parent) {
        auto& a = add(ChangeKind::AlterTable, key, "attach partition " + q.str() + " to " + parent.str() + " " + t.partition_bound,
                      "ALTER TABLE " + parent.str() + " ATTACH PARTITION " + q.str() + " " + t.partition_bound);
        a.fingerprint = fp::relation(q, "c.relispartition");
        a.needs = {relation_key(ObjectKind::Table, parent), {ObjectKind::Table, q.schema, q.name, "#detached"}};
        for (const auto& col : t.columns) a.needs.push_back(member_key(ObjectKind::Column, q, col.name));
        a.lock = Lock::ShareUpdateExclusive;
        a.lock_target = parent.str();
        a.hazards.push_back({Hazard::ValidationScan, "the rows of " + q.str() + " are checked against the partition bound"});
    };
    if (o.partition_of != t.partition_of || (t.partition_of && o.partition_bound != t.partition_bound)) {
        if (o.partition_of) detach(*o.partition_of);
        if (t.partition_of) attach(*t.partition_of);
    }
    if (o.unlogged != t.unlogged) {
        auto& c = alter(ChangeKind::AlterTable, key, std::string("set table ") + q.str() + (t.unlogged ? " unlogged" : " logged"),
                        t.unlogged ? "SET UNLOGGED" : "SET LOGGED");
        c.fingerprint = fp::relation(q, t.unlogged ? "c.relpersistence = 'u'" : "c.relpersistence = 'p'");
        // a logged table cannot reference an unlogged one: referenced tables
        // become logged first, referencing tables become unlogged first
        std::string mark = t.unlogged ? "#unlogged" : "#logged";
        c.provides.push_back({ObjectKind::Table, q.schema, q.name, mark});
        if (!t.unlogged) {
            for (const auto& [n, k] : t.constraints)
                if (k.type == ConstraintType::ForeignKey && k.ref_table != q) c.needs.push_back({ObjectKind::Table, k.ref_table.schema, k.ref_table.name, mark});
        } else {
            for (const auto& [oq, other] : b_.tables)
                for (const auto& [n, k] : other.constraints)
                    if (k.type == ConstraintType::ForeignKey && k.ref_table == q && oq != q) c.needs.push_back({ObjectKind::Table, oq.schema, oq.name, mark});
        }
        c.hazards.push_back({Hazard::TableRewrite, "the table is rewritten"});
        c.hazards.push_back({Hazard::AccessExclusiveLock, "reads and writes wait while the table is rewritten"});
    }
    if (o.options != t.options) {
        std::vector<std::string> reset, set;
        for (const auto& opt : o.options) {
            std::string name = opt.substr(0, opt.find('='));
            bool kept = std::any_of(t.options.begin(), t.options.end(), [&](const std::string& n) { return n.substr(0, n.find('=')) == name; });
            if (!kept) reset.push_back(name);
        }
        for (const auto& opt : t.options)
            if (std::find(o.options.begin(), o.options.end(), opt) == o.options.end()) set.push_back(opt);
        std::vector<std::string> actions;
        if (!reset.empty()) actions.push_back("RESET (" + join(reset, ", ") + ")");
        if (!set.empty()) actions.push_back("SET (" + join(set, ", ") + ")");
        auto& c = alter(ChangeKind::AlterTable, key, "storage parameters of " + q.str(), join(actions, ", "));
        std::string arr = "ARRAY[";
        for (std::size_t i = 0; i < t.options.size(); ++i) arr += (i ? ", " : "") + quote_literal(t.options[i]);
        arr += "]::text[]";
        c.fingerprint = fp::relation(q, "COALESCE(c.reloptions, '{}') @> " + arr + " AND " + arr + " @> COALESCE(c.reloptions, '{}')");
        c.lock = Lock::ShareUpdateExclusive;
    }
    row_security(o, t, false);

    // columns (a partition holds its parent's columns: when a table becomes a
    // partition or stops being one, compare the columns it really has)
    std::vector<Column> oe_columns, te_columns;
    const std::vector<Column>* old_columns = &o.columns;
    const std::vector<Column>* new_columns = &t.columns;
    if (o.partition_of.has_value() != t.partition_of.has_value()) {
        old_columns = &(oe_columns = effective_columns(a_, o));
        new_columns = &(te_columns = effective_columns(b_, t));
    }
    for (const auto& c : *old_columns) {
        if (catalog::find_column(*new_columns, c.name) != nullptr) continue;
        auto& d = alter(ChangeKind::DropColumn, member_key(ObjectKind::Column, q, c.name), "drop column " + quote_ident(c.name) + " of " + q.str(),
                        "DROP COLUMN " + quote_ident(c.name));
        d.fingerprint = fp::negate(fp::column(q, c.name));
        d.removes.push_back(member_key(ObjectKind::Column, q, c.name));
        d.needs_old = column_deps(ra_, o, c);
        std::erase(d.needs_old, key);
        d.needs.clear();
        d.phase = Phase::Post;
        d.hazards.push_back({Hazard::DeletesData, "column " + quote_ident(c.name) + " of " + q.str() + " and its values are dropped"});
    }
    for (const auto& c : *new_columns) {
        const Column* oc = catalog::find_column(*old_columns, c.name);
        if (oc == nullptr) add_column(t, c);
        else alter_column(t, *oc, c);
    }
    // constraints: same, only validated, only a foreign key's deferral, or re-created
    enum class Delta { Same, Validate, Deferral, Recreate };
    auto delta = [&](const std::string& name, const Constraint& old_k, const Constraint& new_k) {
        if (recreate_fks_.contains({q, name})) return Delta::Recreate;
        if (mentions_rebuilt_type(q, new_k.expr) || mentions_rebuilt_type(q, new_k.where)) return Delta::Recreate;
        if (calls_recreated_routine(old_k.expr) || calls_recreated_routine(old_k.where)) return Delta::Recreate;
        if (!recreated_columns_.empty()) {
            std::vector<std::string> cols = old_k.columns;
            for (const auto& x : old_k.exclude) cols.push_back(x.element.column);
            std::string exprs = old_k.expr + " " + old_k.where;
            for (const auto& x : old_k.exclude) exprs += " " + x.element.expression;
            if (names_recreated_column(q, cols, exprs)) return Delta::Recreate;
        }
        for (const auto& x : old_k.exclude)
            if (calls_recreated_routine(x.element.expression)) return Delta::Recreate;
        if (old_k == new_k) return Delta::Same;
        Constraint a = definition(old_k), b = definition(new_k);
        if (a == b) return Delta::Same;
        if (a.not_valid && !b.not_valid) {
            a.not_valid = false;
            if (a == b) return Delta::Validate;
            a.not_valid = true;
        }
        a.deferrable = b.deferrable;
        a.initially_deferred = b.initially_deferred;
        if (a == b && b.type == ConstraintType::ForeignKey) return Delta::Deferral;
        return Delta::Recreate;
    };
    for (const auto& [name, k] : o.constraints) {
        auto nk = t.constraints.find(name);
        if (nk == t.constraints.end()) {
            drop_constraint(o, k);
            continue;
        }
        const Constraint& y = nk->second;
        switch (delta(name, k, y)) {
            case Delta::Same: break;
            case Delta::Validate: {
                ObjectKey ck = member_key(ObjectKind::Constraint, q, name);
                auto& v = alter(ChangeKind::ValidateConstraint, ck, "validate constraint " + quote_ident(name) + " of " + q.str(),
                                "VALIDATE CONSTRAINT " + quote_ident(name));
                v.fingerprint = fp::constraint(q, name, "k.convalidated");
                v.lock = Lock::ShareUpdateExclusive;
                v.needs.push_back(ck);
                v.phase = Phase::Post;
                v.hazards.push_back({Hazard::ValidationScan, "every row of " + q.str() + " is checked"});
                break;
            }
            case Delta::Deferral: {
                auto& c = alter(ChangeKind::AddConstraint, member_key(ObjectKind::Constraint, q, name), "alter deferrability of " + quote_ident(name),
                                "ALTER CONSTRAINT " + quote_ident(name) + (y.deferrable ? " DEFERRABLE" : " NOT DEFERRABLE") +
                                    (y.initially_deferred ? " INITIALLY DEFERRED" : " INITIALLY IMMEDIATE"));
                c.fingerprint = fp::constraint(q, name, std::string(y.deferrable ? "k.condeferrable" : "NOT k.condeferrable") + " AND " +
                                                            (y.initially_deferred ? "k.condeferred" : "NOT k.condeferred"));
                break;
            }
            case Delta::Recreate:
                drop_constraint(o, k);
                out_.back().phase = Phase::Pre;
                out_.back().summary += " (re-created)";
                break;
        }
    }
    for (const auto& [name, k] : t.constraints) {
        auto ok = o.constraints.find(name);
        bool recreated = ok == o.constraints.end() || delta(name, ok->second, k) == Delta::Recreate;
        if (recreated) add_constraint(t, k, false);
        constraint_comment(q, name, recreated ? std::nullopt : ok->second.comment, k.comment, true);
    }
    // declared data moves, each planned once (the source snapshot keeps the directives)
    for (const auto& b : t.backfills) {
        if (std::any_of(o.backfills.begin(), o.backfills.end(), [&](const TableBackfill& x) { return x.name == b.name; })) continue;
        auto& c = add(ChangeKind::Backfill, key, "backfill " + b.name + " on " + q.str(),
                      "UPDATE " + q.str() + " SET " + b.set + (b.where.empty() ? "" : " WHERE " + b.where));
        c.fingerprint = "";  // a data move leaves no catalog trace: it runs unless recorded
        c.phase = Phase::Backfill;
        rb_.relation(q, c.needs);
        rb_.expression(b.set, c.needs);
        rb_.expression(b.where, c.needs);
        c.lock = Lock::RowExclusive;
        c.lock_target = q.str();
        c.hazards.push_back({Hazard::Backfill, "rows of " + q.str() + " are updated: " + b.name});
    }
    triggers(q, &o.triggers, t.triggers, false);
    policies(&o, t, false);
    Target tg{key, "TABLE " + q.str(), "TABLE " + q.str(), [q](const std::string& cond) { return fp::relation(q, cond); },
              "c.relowner", "c.relacl", "pg_catalog.obj_description(c.oid, 'pg_class')", 'r', q.str()};
    common(tg, o.common, t.common, false);
}

// ------------------------------------------------------------ columns

void Differ::column_extras(const Table& t, const Column* old, const Column& c, bool fresh) {
    bool same_identity_acl = c.identity == Identity::None || c.identity_acl.empty() ||
                             (old != nullptr && old->identity != Identity::None && old->identity_acl == c.identity_acl);
    if ((old ? old->comment : std::nullopt) == c.comment && (old ? old->acl : Acl{}) == c.acl && same_identity_acl) return;
    const QualifiedName& q = t.qname;
    ObjectKey key = member_key(ObjectKind::Column, q, c.name);
    column_comment(q, c.name, old ? old->comment : std::nullopt, c.comment, key, true);
    Target tg{key, "", "TABLE " + q.str(), [q, name = c.name](const std::string& cond) { return fp::column(q, name, cond); },
              "(SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = a.attrelid)", "a.attacl", "", 'c', q.str()};
    acl(tg, old ? old->acl : Acl{}, c.acl, fresh, c.name);
    if (c.identity != Identity::None && !c.identity_acl.empty()) {
        QualifiedName sq{q.schema, t.identity_sequence_name(c)};
        Target st{relation_key(ObjectKind::Sequence, sq), "SEQUENCE " + sq.str(), "SEQUENCE " + sq.str(),
                  [sq](const std::string& cond) { return fp::relation(sq, cond); }, "c.relowner", "c.relacl", "", 's', ""};
        st.key = key;  // ordered after the column that creates the sequence
        acl(st, old && old->identity != Identity::None ? old->identity_acl : Acl{}, c.identity_acl, fresh);
    }
}

// SET NOT NULL on an existing column through a validated CHECK, so the
// ALTER needs no scan under ACCESS EXCLUSIVE: add the check NOT VALID,
// validate it (SHARE UPDATE EXCLUSIVE), set NOT NULL, drop the check.
void Differ::set_not_null(const Table& t, const std::string& column, std::vector<ObjectKey> after, Phase phase) {
    const QualifiedName& q = t.qname;
    std::string col = quote_ident(column);
    std::string check = truncate63(q.name + "_" + column + "_not_null");
    ObjectKey ck = member_key(ObjectKind::Constraint, q, check);
    ObjectKey valid{ObjectKind::Constraint, q.schema, q.name, check + "#valid"};
    ObjectKey not_null{ObjectKind::Column, q.schema, q.name, column + "#notnull"};
    auto step = [&](ChangeKind kind, const ObjectKey& key, const std::string& summary, const std::string& action, Lock lock) -> Change& {
        auto& c = add(kind, key, summary, "ALTER TABLE " + q.str() + " " + action);
        c.phase = phase;
        c.lock = lock;
        c.lock_target = q.str();
        return c;
    };
    auto& add_check = step(ChangeKind::AddConstraint, ck, "check " + col + " IS NOT NULL (not valid)",
                           "ADD CONSTRAINT " + quote_ident(check) + " CHECK (" + col + " IS NOT NULL) NOT VALID", Lock::AccessExclusive);
    add_check.fingerprint = fp::constraint(q, check);
    add_check.needs = std::move(after);
    add_check.provides.push_back(ck);
    auto& validate = step(ChangeKind::ValidateConstraint, ck, "validate " + quote_ident(check), "VALIDATE CONSTRAINT " + quote_ident(check),
                          Lock::ShareUpdateExclusive);
    validate.fingerprint = fp::constraint(q, check, "k.convalidated");
    validate.needs = {ck};
    validate.provides.push_back(valid);
    validate.hazards.push_back({Hazard::ValidationScan, "every row of " + q.str() + " is checked for NULL in " + col});
    auto& set = step(ChangeKind::SetNotNull, member_key(ObjectKind::Column, q, column), "set not null on " + col + " of " + q.str(),
                     "ALTER COLUMN " + col + " SET NOT NULL", Lock::AccessExclusive);
    set.fingerprint = fp::column(q, column, "a.attnotnull");
    set.needs.push_back(valid);
    set.provides.push_back(not_null);
    auto& drop = step(ChangeKind::DropConstraint, ck, "drop helper check " + quote_ident(check), "DROP CONSTRAINT " + quote_ident(check),
                      Lock::AccessExclusive);
    drop.fingerprint = fp::negate(fp::constraint(q, check));
    drop.needs = {not_null};
}

void Differ::add_column(const Table& t, const Column& c) {
    const QualifiedName& q = t.qname;
    ObjectKey key = member_key(ObjectKind::Column, q, c.name);
    Column first = c;
    bool split_default = c.default_expr && c.identity == Identity::None && !c.generated && calls_volatile_builtin(*c.default_expr);
    std::vector<ObjectKey> calls;
    if (c.default_expr) rb_.expression(*c.default_expr, calls);
    for (const auto& k : calls) {
        auto r = b_.routines.find(RoutineKey{{k.schema, k.name}, k.member});
        if (r != b_.routines.end() && r->second.volatility == "VOLATILE") split_default = true;
    }
    bool backfill = c.backfill.has_value() || split_default;
    if (backfill) {
        first.default_expr.reset();
        first.not_null = false;
    }
    auto& a = add(ChangeKind::AddColumn, key, "add column " + quote_ident(c.name) + " " + c.type + " to " + q.str(),
                  "ALTER TABLE " + q.str() + " ADD COLUMN " + render::column_definition(first));
    a.fingerprint = column_fp(q, first);
    a.provides.push_back(key);
    a.needs = column_deps(rb_, t, c);
    a.lock = Lock::AccessExclusive;
    a.lock_target = q.str();
    if (c.generated) {
        a.hazards.push_back({Hazard::TableRewrite, "adding a stored generated column rewrites " + q.str()});
        a.hazards.push_back({Hazard::AccessExclusiveLock, "reads and writes wait while the table is rewritten"});
    } else if (c.identity != Identity::None) {
        a.hazards.push_back({Hazard::TableRewrite, "adding an identity column fills every row of " + q.str()});
        a.hazards.push_back({Hazard::AccessExclusiveLock, "reads and writes wait while the table is rewritten"});
    }
    if (backfill) {
        ObjectKey filled{ObjectKind::Column, q.schema, q.name, c.name + "#filled"};
        if (first.default_expr != c.default_expr && c.default_expr) {
            auto& d = add(ChangeKind::SetColumnDefault, key, "set default of " + quote_ident(c.name),
                          "ALTER TABLE " + q.str() + " ALTER COLUMN " + quote_ident(c.name) + " SET DEFAULT " + *c.default_expr);
            d.fingerprint = fp::column(q, c.name, "a.atthasdef");
            d.needs = {key};
            rb_.expression(*c.default_expr, d.needs);
            d.provides.push_back({ObjectKind::Column, q.schema, q.name, c.name + "#default"});
            d.lock = Lock::AccessExclusive;
            d.lock_target = q.str();
        }
        std::string value = c.backfill ? c.backfill->expr : *c.default_expr;
        // Rows written while the backfill runs are filled by a transition
        // trigger (pgkeel's schema, so it is no part of the declared one),
        // installed in pre and dropped once the backfill is done.
        std::string h = sha256_hex(q.str() + "." + quote_ident(c.name)).substr(0, 16);
        std::string trig = "pgkeel_fill_" + h, fn = "pgkeel.fill_" + h + "()";
        std::string col = quote_ident(c.name);
        ObjectKey fill_trigger{ObjectKind::Column, q.schema, q.name, c.name + "#fill_trigger"};
        // A declared backfill is derived from the row: an UPDATE that leaves
        // the column alone recomputes it, so it follows the columns it reads.
        // A volatile default only fills rows that have no value. The batches
        // of this very backfill (SET LOCAL pgkeel.backfill = <h>) skip it.
        std::string compute = "NEW." + col + " := (SELECT " + value + " FROM (SELECT NEW.*) AS " + quote_ident(q.name) + ");";
        std::string body = c.backfill ? "\nBEGIN\n    IF (TG_OP = 'INSERT' AND NEW." + col + " IS NULL) OR (TG_OP = 'UPDATE' AND NEW." + col +
                                            " IS NOT DISTINCT FROM OLD." + col + ") THEN\n        " + compute +
                                            "\n    END IF;\n    RETURN NEW;\nEND\n"
                                      : "\nBEGIN\n    IF NEW." + col + " IS NULL THEN\n        " + compute +
                                            "\n    END IF;\n    RETURN NEW;\nEND\n";
        auto& ti = add(ChangeKind::CreateTrigger, key, "install transition trigger " + trig + " filling " + col + " of " + q.str(),
                       "CREATE SCHEMA IF NOT EXISTS pgkeel;\nCREATE OR REPLACE FUNCTION " + fn + " RETURNS trigger LANGUAGE plpgsql AS " +
                           quote_dollar(body) +
                           ";\nCREATE TRIGGER " + trig + " BEFORE INSERT OR UPDATE ON " + q.str() +
                           " FOR EACH ROW WHEN (pg_catalog.current_setting('pgkeel.backfill', true) IS DISTINCT FROM '" + h + "') EXECUTE FUNCTION " + fn);
        ti.fingerprint = fp::trigger(q, trig);
        ti.needs = {key};
        rb_.expression(value, ti.needs);
        ti.provides.push_back(fill_trigger);
        ti.lock = Lock::ShareRowExclusive;
        ti.lock_target = q.str();
        auto& b = add(ChangeKind::Backfill, key, "backfill " + quote_ident(c.name) + " of " + q.str() + " = " + value,
                      "UPDATE " + q.str() + " SET " + quote_ident(c.name) + " = " + value + " WHERE " + quote_ident(c.name) + " IS NULL");
        b.fingerprint = "NOT EXISTS (SELECT 1 FROM " + q.str() + " WHERE " + quote_ident(c.name) + " IS NULL)";
        b.phase = Phase::Backfill;
        b.needs = {key, {ObjectKind::Column, q.schema, q.name, c.name + "#default"}, fill_trigger};
        rb_.expression(value, b.needs);
        b.provides.push_back(filled);
        b.lock = Lock::RowExclusive;
        b.lock_target = q.str();
        b.hazards.push_back({Hazard::Backfill, "every existing row of " + q.str() + " is updated"});
        if (c.not_null) set_not_null(t, c.name, {key, filled}, Phase::Post);
        auto& td = add(ChangeKind::DropTrigger, key, "drop transition trigger " + trig + " of " + q.str(),
                       "DROP TRIGGER IF EXISTS " + trig + " ON " + q.str() + ";\nDROP FUNCTION IF EXISTS " + fn);
        td.fingerprint = fp::negate(fp::trigger(q, trig));
        td.phase = Phase::Post;
        td.needs = {key, filled};
        td.lock = Lock::AccessExclusive;
        td.lock_target = q.str();
    }
    column_extras(t, nullptr, c, true);
}

void Differ::alter_column(const Table& t, const Column& o, const Column& c) {
    // an unchanged column changes only with a type or function it uses
    // a generation expression calling a routine that is dropped and created again goes with it
    bool generation_calls_recreated = o.generated && c.generated && calls_recreated_routine(*o.generated);
    if (o == c && !uses_rebuilt_type(c.type) && !(o.default_expr && calls_recreated_routine(*o.default_expr)) && !generation_calls_recreated)
        return;
    const QualifiedName& q = t.qname;
    ObjectKey key = member_key(ObjectKind::Column, q, c.name);
    std::string col = quote_ident(c.name);
    auto alter = [&](ChangeKind kind, const std::string& summary, const std::string& action) -> Change& {
        auto& ch = add(kind, key, summary, "ALTER TABLE " + q.str() + " ALTER COLUMN " + col + " " + action);
        ch.lock = Lock::AccessExclusive;
        ch.lock_target = q.str();
        ch.needs.push_back(key);
        return ch;
    };
    if (o.generated != c.generated || generation_calls_recreated) {
        if (!c.generated) {
            auto& ch = alter(ChangeKind::AlterColumnType, "drop generation expression of " + col, "DROP EXPRESSION");
            ch.fingerprint = fp::column(q, c.name, "a.attgenerated = ''");
        } else {
            // PostgreSQL 15 cannot change a generation expression: drop and add the column.
            auto& d = add(ChangeKind::DropColumn, key, "drop column " + col + " of " + q.str() + " (re-created with a new expression)",
                          "ALTER TABLE " + q.str() + " DROP COLUMN " + col);
            d.fingerprint = fp::negate(fp::column(q, c.name, o.generated ? "a.attgenerated = 's'" : "a.attgenerated = ''"));
            d.removes.push_back(key);
            d.needs_old = column_deps(ra_, t, o);
            d.lock = Lock::AccessExclusive;
            d.lock_target = q.str();
            if (!o.generated) d.hazards.push_back({Hazard::DeletesData, "the values of " + col + " are replaced by the generated ones"});
            recreated_columns_.insert({q, c.name});
            recreate_readers_of_column(t, c.name);
            add_column(t, c);
            return;
        }
    }
    bool rebuilt = uses_rebuilt_type(c.type);
    bool retype = o.type != c.type || o.collation != c.collation || rebuilt;
    if (retype) {
        bool rewrite = type_change_rewrites(o.type, c.type) || o.collation != c.collation || rebuilt;
        if (rebuilt) retyped_tables_.insert(q);
        if (o.default_expr && !o.generated) {
            auto& d = alter(ChangeKind::DropColumnDefault, "drop default of " + col + " (type change)", "DROP DEFAULT");
            d.fingerprint = fp::column(q, c.name, "NOT a.atthasdef");
            d.provides.push_back({ObjectKind::Column, q.schema, q.name, c.name + "#nodefault"});
            d.needs = {relation_key(ObjectKind::Table, q)};
        }
        std::string action = "TYPE " + c.type;
        if (!c.collation.empty()) action += " COLLATE " + render::quote_collation(c.collation);
        if (rewrite && (o.type != c.type || rebuilt)) {
            // user types (enums, composites, domains) convert through their text form
            std::vector<ObjectKey> user;
            ra_.type(o.type, user);
            rb_.type(c.type, user);
            action += " USING " + col + (user.empty() ? "" : "::text") + "::" + c.type;
        }
        auto& ch = alter(ChangeKind::AlterColumnType, "change type of " + col + " of " + q.str() + " from " + o.type + " to " + c.type, action);
        ch.fingerprint = fp::column(q, c.name, fp::eq("pg_catalog.format_type(a.atttypid, a.atttypmod)", c.type));
        ch.removes.push_back(key);
        ch.provides.push_back(key);
        if (o.default_expr && !o.generated) ch.needs.push_back({ObjectKind::Column, q.schema, q.name, c.name + "#nodefault"});
        rb_.type(c.type, ch.needs);
        if (rebuilt) {  // the old type is dropped after the column moves off it
            std::vector<ObjectKey> types;
            rb_.type(c.type, types);
            for (const auto& k : types) ch.needs_old.push_back({k.kind, k.schema, k.name, "#old"});
        }
        if (rewrite) {
            ch.hazards.push_back({Hazard::TableRewrite, o.type + " -> " + c.type + " is not binary coercible: " + q.str() + " is rewritten"});
            ch.hazards.push_back({Hazard::AccessExclusiveLock, "reads and writes wait while the table is rewritten"});
        }
        recreate_readers_of_column(t, c.name);
        if (c.default_expr && !c.generated) {
            auto& d = alter(ChangeKind::SetColumnDefault, "set default of " + col + " to " + *c.default_expr, "SET DEFAULT " + *c.default_expr);
            d.fingerprint = fp::column(q, c.name, "a.atthasdef");
            rb_.expression(*c.default_expr, d.needs);
        }
    } else if ((o.default_expr != c.default_expr || (o.default_expr && calls_recreated_routine(*o.default_expr))) && !c.generated &&
               !(o.generated && !c.generated && !c.default_expr)) {
        if (o.default_expr && c.default_expr && calls_recreated_routine(*o.default_expr)) {
            // the routine it calls is dropped and created again: the default goes first
            auto& d = alter(ChangeKind::DropColumnDefault, "drop default of " + col + " of " + q.str() + " (its function is re-created)",
                            "DROP DEFAULT");
            d.fingerprint = fp::column(q, c.name, "NOT a.atthasdef");
            ra_.expression(*o.default_expr, d.needs_old);
            d.provides.push_back({ObjectKind::Column, q.schema, q.name, c.name + "#nodefault"});
        }
        if (c.default_expr) {
            auto& d = alter(ChangeKind::SetColumnDefault, "set default of " + col + " of " + q.str() + " to " + *c.default_expr,
                            "SET DEFAULT " + *c.default_expr);
            d.fingerprint = fp::column(q, c.name, "a.atthasdef");
            rb_.expression(*c.default_expr, d.needs);
            d.needs.push_back({ObjectKind::Column, q.schema, q.name, c.name + "#nodefault"});
        } else if (o.identity == Identity::None || c.identity != Identity::None) {
            auto& d = alter(ChangeKind::DropColumnDefault, "drop default of " + col + " of " + q.str(), "DROP DEFAULT");
            d.fingerprint = fp::column(q, c.name, "NOT a.atthasdef");
            d.provides.push_back({ObjectKind::Column, q.schema, q.name, c.name + "#nodefault"});
            if (o.default_expr) ra_.expression(*o.default_expr, d.needs_old);
        }
    }
    if (o.identity != c.identity || (c.identity != Identity::None && o.identity_options != c.identity_options)) {
        if (o.identity == Identity::None) {
            SequenceOptions so = c.identity_options;
            if (so.data_type == c.type) so.data_type.clear();
            std::string opts = render::sequence_options(so);
            auto& ch = alter(ChangeKind::AddIdentity, "add identity to " + col + " of " + q.str(),
                             std::string("ADD GENERATED ") + (c.identity == Identity::Always ? "ALWAYS" : "BY DEFAULT") + " AS IDENTITY (" +
                                 (c.identity_sequence.empty() ? "" : "SEQUENCE NAME " + quote_qualified(q.schema, c.identity_sequence) + " ") +
                                 opts.substr(1) + ")");
            ch.fingerprint = fp::column(q, c.name, c.identity == Identity::Always ? "a.attidentity = 'a'" : "a.attidentity = 'd'");
            QualifiedName seq{q.schema, t.identity_sequence_name(c)};
            ch.provides.push_back(relation_key(ObjectKind::Sequence, seq));
            ch.provides.push_back(relation_name_key(seq));
            ch.needs.push_back({ObjectKind::Column, q.schema, q.name, c.name + "#notnull"});
            if (o.default_expr) ch.needs.push_back({ObjectKind::Column, q.schema, q.name, c.name + "#nodefault"});
        } else if (c.identity == Identity::None) {
            auto& ch = alter(ChangeKind::DropIdentity, "drop identity of " + col + " of " + q.str(), "DROP IDENTITY");
            ch.fingerprint = fp::column(q, c.name, "a.attidentity = ''");
            ch.removes.push_back(relation_name_key({q.schema, t.identity_sequence_name(o)}));  // its sequence goes with it
            ch.provides.push_back({ObjectKind::Column, q.schema, q.name, c.name + "#nodefault"});
            ch.provides.push_back(key);
        } else {
            std::vector<std::string> actions;
            if (o.identity != c.identity) actions.push_back(std::string("SET GENERATED ") + (c.identity == Identity::Always ? "ALWAYS" : "BY DEFAULT"));
            const auto& a = o.identity_options;
            const auto& b = c.identity_options;
            if (a.start != b.start && b.start) actions.push_back("SET START WITH " + std::to_string(*b.start));
            if (a.increment != b.increment && b.increment) actions.push_back("SET INCREMENT BY " + std::to_string(*b.increment));
            if (a.min_value != b.min_value) actions.push_back(b.min_value ? "SET MINVALUE " + std::to_string(*b.min_value) : "SET NO MINVALUE");
            if (a.max_value != b.max_value) actions.push_back(b.max_value ? "SET MAXVALUE " + std::to_string(*b.max_value) : "SET NO MAXVALUE");
            if (a.cache != b.cache && b.cache) actions.push_back("SET CACHE " + std::to_string(*b.cache));
            if (a.cycle != b.cycle) actions.push_back(b.cycle ? "SET CYCLE" : "SET NO CYCLE");
            if (a.data_type != b.data_type && !b.data_type.empty() && b.data_type != c.type)
                throw_input("column " + col + " of " + q.str() + ": the identity sequence's type cannot be altered in place");
            QualifiedName seq{q.schema, t.identity_sequence_name(c)};
            auto moved = into_range(seq, a, b, seq.str());
            auto& ch = alter(ChangeKind::AlterIdentity, "alter identity of " + col + " of " + q.str(), join(actions, " "));
            if (moved) ch.needs.push_back(*moved);
            ch.fingerprint = fp::column(q, c.name, c.identity == Identity::Always ? "a.attidentity = 'a'" : "a.attidentity = 'd'");
        }
    }
    if (o.not_null != c.not_null) {
        if (!c.not_null) {
            auto& ch = alter(ChangeKind::DropNotNull, "drop not null on " + col + " of " + q.str(), "DROP NOT NULL");
            ch.fingerprint = fp::column(q, c.name, "NOT a.attnotnull");
            if (o.identity != Identity::None) ch.needs.push_back({ObjectKind::Column, q.schema, q.name, c.name + "#nodefault"});
            ch.needs.push_back({ObjectKind::Column, q.schema, q.name, c.name + "#nopk"});  // a primary key keeps NOT NULL
        } else {
            // identity needs the NOT NULL first: then it all happens in pre
            set_not_null(t, c.name, {key}, c.identity != Identity::None && o.identity == Identity::None ? Phase::Pre : Phase::Post);
        }
    }
    column_extras(t, &o, c, false);
}

// ------------------------------------------------------------ constraints

void Differ::add_constraint(const Table& t, const Constraint& k, bool fresh_table) {
    const QualifiedName& q = t.qname;
    ObjectKey ck = member_key(ObjectKind::Constraint, q, k.name);
    auto deps = constraint_deps(rb_, t, k);
    std::string base = "ALTER TABLE " + q.str() + " ADD CONSTRAINT " + quote_ident(k.name) + " ";
    bool existing_rows = !fresh_table;
    auto valid_fp = [&]() { return fp::constraint(q, k.name, k.not_valid ? "NOT k.convalidated" : "k.convalidated"); };
    if (k.type == ConstraintType::ForeignKey || k.type == ConstraintType::Check) {
        // a foreign key on a partitioned table cannot be added NOT VALID
        bool partitioned = !t.partition_by.empty() && k.type == ConstraintType::ForeignKey;
        bool later = existing_rows && !k.not_valid && !partitioned;
        Constraint first = k;
        if (later) first.not_valid = true;
        auto& c = add(ChangeKind::AddConstraint, ck, std::string(k.type == ConstraintType::Check ? "add check " : "add foreign key ") +
                                                         quote_ident(k.name) + " to " + q.str() + (later ? " (not valid)" : ""),
                      base + render::constraint_definition(first));
        c.fingerprint = later ? fp::constraint(q, k.name) : valid_fp();
        c.needs = deps;
        if (k.type == ConstraintType::ForeignKey) {
            std::vector<std::string> ref = k.ref_columns;
            if (ref.empty())
                if (auto rt = b_.tables.find(k.ref_table); rt != b_.tables.end())
                    for (const auto& [n, pk] : rt->second.constraints)
                        if (pk.type == ConstraintType::PrimaryKey) ref = pk.columns;
            c.needs.push_back(unique_gone(k.ref_table, ref));
        }
        c.provides.push_back(ck);
        c.lock = k.type == ConstraintType::ForeignKey ? Lock::ShareRowExclusive : Lock::AccessExclusive;
        c.lock_target = q.str();
        if (partitioned && existing_rows)
            c.hazards.push_back({Hazard::ValidationScan, "every row of the partitioned table " + q.str() + " is checked while the lock is held"});
        if (later) {
            auto& v = add(ChangeKind::ValidateConstraint, ck, "validate " + quote_ident(k.name) + " of " + q.str(),
                          "ALTER TABLE " + q.str() + " VALIDATE CONSTRAINT " + quote_ident(k.name));
            v.fingerprint = valid_fp();
            v.needs = {ck};
            v.phase = Phase::Post;
            v.lock = Lock::ShareUpdateExclusive;
            v.lock_target = q.str();
            v.hazards.push_back({Hazard::ValidationScan, "every row of " + q.str() + " is checked"});
        }
        return;
    }
    if ((k.type == ConstraintType::PrimaryKey || k.type == ConstraintType::Unique) && existing_rows && t.partition_by.empty() &&
        !t.partition_of && !k.deferrable) {
        // Build the index concurrently, then attach it as the constraint.
        Index i;
        i.qname = {q.schema, k.name};
        i.table = q;
        i.unique = true;
        i.nulls_not_distinct = k.nulls_not_distinct;
        for (const auto& col : k.columns) i.elements.push_back(IndexElement{col, "", "", "", SortOrder::Default, NullsOrder::Default});
        i.include = k.include;
        if (!k.index_options.empty()) i.options = {k.index_options};
        std::string def = render::index_definition(i);
        def.replace(0, std::string(i.unique ? "CREATE UNIQUE INDEX" : "CREATE INDEX").size(), "CREATE UNIQUE INDEX CONCURRENTLY");
        ObjectKey ik{ObjectKind::Index, q.schema, k.name, "#for-constraint"};
        auto& b = add(ChangeKind::CreateIndex, ck, "build unique index " + quote_ident(k.name) + " on " + q.str() + " concurrently", def);
        b.fingerprint = fp::relation(i.qname, "c.relkind = 'i' AND EXISTS (SELECT 1 FROM pg_catalog.pg_index x WHERE x.indexrelid = c.oid AND x.indisvalid)");
        b.transactional = false;
        b.needs = deps;
        b.provides.push_back(ik);
        b.provides.push_back(relation_key(ObjectKind::Index, i.qname));
        b.lock = Lock::ShareUpdateExclusive;
        b.lock_target = q.str();
        b.hazards.push_back({Hazard::IndexBuild, "a unique index is built on " + q.str() + " (concurrently)"});
        auto& c = add(ChangeKind::AddConstraint, ck, std::string("add ") + (k.type == ConstraintType::PrimaryKey ? "primary key " : "unique constraint ") +
                                                         quote_ident(k.name) + " using the index",
                      base + (k.type == ConstraintType::PrimaryKey ? "PRIMARY KEY" : "UNIQUE") + " USING INDEX " + quote_ident(k.name));
        c.fingerprint = fp::constraint(q, k.name);
        c.needs = {ik};
        for (const auto& col : k.columns) c.needs.push_back({ObjectKind::Column, q.schema, q.name, col + "#notnull"});
        c.provides.push_back(ck);
        c.lock = Lock::AccessExclusive;
        c.lock_target = q.str();
        return;
    }
    auto& c = add(ChangeKind::AddConstraint, ck, "add constraint " + quote_ident(k.name) + " to " + q.str(), base + render::constraint_definition(k));
    c.fingerprint = valid_fp();
    c.needs = deps;
    c.provides.push_back(ck);
    c.provides.push_back(relation_key(ObjectKind::Index, {q.schema, k.name}));
    c.lock = Lock::AccessExclusive;
    c.lock_target = q.str();
    if (existing_rows) {
        c.hazards.push_back({Hazard::IndexBuild, "an index is built on " + q.str()});
        c.hazards.push_back({Hazard::AccessExclusiveLock, "reads and writes wait while the index is built"});
    }
}

void Differ::drop_constraint(const Table& t, const Constraint& k) {
    const QualifiedName& q = t.qname;
    ObjectKey ck = member_key(ObjectKind::Constraint, q, k.name);
    auto& c = add(ChangeKind::DropConstraint, ck, "drop constraint " + quote_ident(k.name) + " of " + q.str(),
                  "ALTER TABLE " + q.str() + " DROP CONSTRAINT " + quote_ident(k.name));
    c.fingerprint = fp::negate(fp::constraint(q, k.name));
    c.removes.push_back(ck);
    c.needs_old = constraint_deps(ra_, t, k);
    std::erase(c.needs_old, relation_key(ObjectKind::Table, q));
    c.phase = Phase::Post;
    c.lock = k.type == ConstraintType::ForeignKey ? Lock::ShareRowExclusive : Lock::AccessExclusive;
    c.lock_target = q.str();
    if (k.type == ConstraintType::PrimaryKey || k.type == ConstraintType::Unique || k.type == ConstraintType::Exclude) {
        c.hazards.push_back({Hazard::IndexDropped, "the index behind " + quote_ident(k.name) + " is dropped; queries using it slow down"});
        c.removes.push_back(relation_key(ObjectKind::Index, {q.schema, k.name}));  // the index shares the name
    }
    if (k.type == ConstraintType::PrimaryKey)
        for (const auto& col : k.columns) c.provides.push_back({ObjectKind::Column, q.schema, q.name, col + "#nopk"});
    if (k.type == ConstraintType::PrimaryKey || k.type == ConstraintType::Unique) c.provides.push_back(unique_gone(q, k.columns));
}

// ------------------------------------------------------------ triggers and policies

void Differ::triggers(const QualifiedName& rel, const std::map<std::string, Trigger>* old, const std::map<std::string, Trigger>& neu,
                      bool on_view) {
    std::string lock_target = rel.str();
    for (const auto& [name, t] : neu) {
        ObjectKey key = member_key(ObjectKind::Trigger, rel, name);
        const Trigger* o = nullptr;
        if (old != nullptr)
            if (auto it = old->find(name); it != old->end()) o = &it->second;
        bool function_recreated = false;
        for (const auto& k : recreate_routines_)
            if (k.qname == t.function && k.args.empty()) function_recreated = true;
        Trigger a = definition(o ? *o : Trigger{}), b = definition(t);
        a.enabled = b.enabled;
        bool forced = function_recreated || recreate_triggers_.contains({rel, name}) || (o != nullptr && calls_recreated_routine(o->when));
        bool define = o == nullptr || !(a == b) || forced;
        if (define) {
            bool replace = o != nullptr && !t.constraint && !o->constraint && !forced;
            if (o != nullptr && !replace) {
                auto& d = add(ChangeKind::DropTrigger, key, "drop trigger " + quote_ident(name) + " on " + rel.str() + " (re-created)",
                              "DROP TRIGGER " + quote_ident(name) + " ON " + rel.str());
                d.fingerprint = fp::negate(fp::trigger(rel, name));
                d.removes.push_back(key);
                d.needs_old = trigger_deps(ra_, rel, *o);
                d.lock = Lock::AccessExclusive;
                d.lock_target = lock_target;
            }
            std::string sql = render::trigger_definition(rel, t);
            if (replace) sql.replace(0, 6, "CREATE OR REPLACE");
            auto& c = add(ChangeKind::CreateTrigger, key, std::string(replace ? "replace" : "create") + " trigger " + quote_ident(name) + " on " + rel.str(), sql);
            c.fingerprint = fp::trigger(rel, name, "g.tgfoid = pg_catalog.to_regproc(" + quote_literal(t.function.str()) + ")");
            c.needs = trigger_deps(rb_, rel, t);
            for (const auto& col : t.update_columns) c.needs.push_back(member_key(ObjectKind::Column, rel, col));
            c.provides.push_back(key);
            c.lock = Lock::ShareRowExclusive;
            c.lock_target = lock_target;
        }
        if (t.enabled != TriggerEnabled::Origin || (o != nullptr && o->enabled != t.enabled && !define)) {
            if (!(define && t.enabled == TriggerEnabled::Origin) && (o == nullptr || define || o->enabled != t.enabled)) {
                auto& c = add(ChangeKind::EnableTrigger, key, std::string(kTriggerState[static_cast<int>(t.enabled)]) + " trigger " + quote_ident(name),
                              std::string("ALTER ") + (on_view ? "VIEW " : "TABLE ") + rel.str() + " " +
                                  kTriggerState[static_cast<int>(t.enabled)] + " TRIGGER " + quote_ident(name));
                c.fingerprint = fp::trigger(rel, name, fp::eq("g.tgenabled", kTgEnabled[static_cast<int>(t.enabled)]));
                c.needs = {key};
                c.lock = Lock::ShareRowExclusive;
                c.lock_target = lock_target;
            }
        }
        comment(define || o == nullptr ? std::nullopt : o->comment, t.comment, [&] {
            return CommentOn{key, "TRIGGER " + quote_ident(name) + " ON " + rel.str(),
                             fp::trigger(rel, name, fp::same("pg_catalog.obj_description(g.oid, 'pg_trigger')", t.comment)),
                             lock_target};
        });
    }
    if (old == nullptr) return;
    for (const auto& [name, t] : *old) {
        if (neu.contains(name)) continue;
        ObjectKey key = member_key(ObjectKind::Trigger, rel, name);
        auto& d = add(ChangeKind::DropTrigger, key, "drop trigger " + quote_ident(name) + " on " + rel.str(),
                      "DROP TRIGGER " + quote_ident(name) + " ON " + rel.str());
        d.fingerprint = fp::negate(fp::trigger(rel, name));
        d.removes.push_back(key);
        d.needs_old = trigger_deps(ra_, rel, t);
        d.phase = Phase::Post;
        d.lock = Lock::AccessExclusive;
        d.lock_target = lock_target;
    }
}

void Differ::policies(const Table* old, const Table& t, bool fresh) {
    const QualifiedName& q = t.qname;
    auto roles = [](const Policy& p) {
        if (p.roles.empty()) return std::string("PUBLIC");
        std::vector<std::string> r;
        for (const auto& x : p.roles) r.push_back(x == "PUBLIC" ? x : quote_ident(x));
        return join(r, ", ");
    };
    auto deps = [&](const References& r, const Policy& p) {
        std::vector<ObjectKey> out;
        r.relation(q, out);
        r.expression(p.using_expr, out);
        r.expression(p.check_expr, out);
        r.relations_named(p.using_expr, out);  // other tables its subqueries read
        r.relations_named(p.check_expr, out);
        return out;
    };
    for (const auto& [name, p] : t.policies) {
        ObjectKey key = member_key(ObjectKind::Policy, q, name);
        const Policy* o = nullptr;
        if (old != nullptr)
            if (auto it = old->policies.find(name); it != old->policies.end()) o = &it->second;
        auto exprs = [&](const Policy& x) {
            std::string s;
            if (!x.using_expr.empty()) s += " USING (" + x.using_expr + ")";
            if (!x.check_expr.empty()) s += " WITH CHECK (" + x.check_expr + ")";
            return s;
        };
        std::string polfp = fp::policy(q, name, std::string(p.permissive ? "y.polpermissive" : "NOT y.polpermissive"));
        Policy a = definition(o ? *o : Policy{}), b = definition(p);
        bool recreated = false;  // dropped and created again: its comment went with it
        if (o == nullptr || o->permissive != p.permissive || o->command != p.command || recreate_policies_.contains({q, name}) ||
            calls_recreated_routine(o->using_expr) || calls_recreated_routine(o->check_expr) ||
            (o->using_expr.empty() != p.using_expr.empty()) || (o->check_expr.empty() != p.check_expr.empty())) {
            if (o != nullptr) {
                auto& d = add(ChangeKind::DropPolicy, key, "drop policy " + quote_ident(name) + " on " + q.str() + " (re-created)",
                              "DROP POLICY " + quote_ident(name) + " ON " + q.str());
                d.fingerprint = fp::negate(fp::policy(q, name));
                d.removes.push_back(key);
                d.needs_old = deps(ra_, *o);
                d.lock = Lock::AccessExclusive;
                d.lock_target = q.str();
                d.hazards.push_back({Hazard::AuthzUpdate, "policy " + name + " is re-created"});
                recreated = true;
            }
            auto& c = add(ChangeKind::CreatePolicy, key, "create policy " + quote_ident(name) + " on " + q.str(),
                          "CREATE POLICY " + quote_ident(name) + " ON " + q.str() + " AS " + (p.permissive ? "PERMISSIVE" : "RESTRICTIVE") +
                              " FOR " + p.command + " TO " + roles(p) + exprs(p));
            c.fingerprint = polfp;
            c.needs = deps(rb_, p);
            c.provides.push_back(key);
            c.lock = Lock::AccessExclusive;
            c.lock_target = q.str();
            if (!fresh) c.hazards.push_back({Hazard::AuthzUpdate, "policy " + name + " changes who sees which rows"});
        } else if (!(a == b)) {
            auto& c = add(ChangeKind::AlterPolicy, key, "alter policy " + quote_ident(name) + " on " + q.str(),
                          "ALTER POLICY " + quote_ident(name) + " ON " + q.str() + " TO " + roles(p) + exprs(p));
            c.fingerprint = polfp;
            c.needs = deps(rb_, p);
            c.needs.push_back(key);
            c.lock = Lock::AccessExclusive;
            c.lock_target = q.str();
            c.hazards.push_back({Hazard::AuthzUpdate, "policy " + name + " changes who sees which rows"});
        }
        comment(o && !recreated ? o->comment : std::nullopt, p.comment, [&] {
            return CommentOn{key, "POLICY " + quote_ident(name) + " ON " + q.str(),
                             fp::policy(q, name, fp::same("pg_catalog.obj_description(y.oid, 'pg_policy')", p.comment)), q.str()};
        });
    }
    if (old == nullptr) return;
    for (const auto& [name, p] : old->policies) {
        if (t.policies.contains(name)) continue;
        ObjectKey key = member_key(ObjectKind::Policy, q, name);
        auto& d = add(ChangeKind::DropPolicy, key, "drop policy " + quote_ident(name) + " on " + q.str(),
                      "DROP POLICY " + quote_ident(name) + " ON " + q.str());
        d.fingerprint = fp::negate(fp::policy(q, name));
        d.removes.push_back(key);
        d.needs_old = deps(ra_, p);
        d.lock = Lock::AccessExclusive;
        d.lock_target = q.str();
        d.phase = Phase::Post;
        d.hazards.push_back({Hazard::AuthzUpdate, "policy " + name + " is dropped"});
    }
}

// ------------------------------------------------------------ views

void Differ::create_view(const View& v) {
    const QualifiedName& q = v.qname;
    ObjectKind kind = v.materialized ? ObjectKind::MaterializedView : ObjectKind::View;
    ObjectKey key = relation_key(kind, q);
    std::string sql = std::string("CREATE ") + (v.materialized ? "MATERIALIZED VIEW " : "VIEW ") + q.str();
    if (!v.column_names.empty()) sql += " (" + cols(v.column_names) + ")";
    if (!v.options.empty()) sql += " WITH (" + join(v.options, ", ") + ")";
    sql += " AS\n" + v.query;
    auto& c = add(ChangeKind::CreateView, key, std::string("create ") + (v.materialized ? "materialized view " : "view ") + q.str(), sql);
    c.fingerprint = fp::relation(q, v.materialized ? "c.relkind = 'm'" : "c.relkind = 'v'");
    c.provides = {key, relation_name_key(q)};
    c.needs = view_deps(rb_, v);
    c.lock = Lock::AccessExclusive;
    c.lock_target = "";
    for (const auto& [col, text] : v.column_comments)
        column_comment(q, col, std::nullopt, text, key, false);
    triggers(q, nullptr, v.triggers, true);
}

void Differ::drop_view(const View& v) {
    const QualifiedName& q = v.qname;
    ObjectKey key = relation_key(v.materialized ? ObjectKind::MaterializedView : ObjectKind::View, q);
    auto& c = add(ChangeKind::DropView, key, std::string("drop ") + (v.materialized ? "materialized view " : "view ") + q.str(),
                  std::string("DROP ") + (v.materialized ? "MATERIALIZED VIEW " : "VIEW ") + q.str());
    c.fingerprint = fp::negate(fp::relation(q));
    c.removes = {key, relation_name_key(q)};
    c.needs_old = view_deps(ra_, v);
    c.phase = Phase::Post;
    c.lock = Lock::AccessExclusive;
    c.lock_target = q.str();
    if (v.materialized) c.hazards.push_back({Hazard::DeletesData, "materialized view " + q.str() + " and its stored rows are dropped"});
}

// Views of both schemas that read `rel`, directly or through other views,
// are dropped and created again.
void Differ::recreate_views_reading(const QualifiedName& rel) {
    if (!readers_) {
        readers_.emplace();
        for (const auto& [vq, v] : a_.views)
            for (const auto& r : v.references) (*readers_)[r].push_back(vq);
    }
    auto it = readers_->find(rel);
    if (it == readers_->end()) return;
    for (const auto& vq : it->second) {
        if (recreate_views_.contains(vq) || !b_.views.contains(vq)) continue;
        recreate_views_.insert(vq);
        recreate_views_reading(vq);
    }
}

void Differ::views() {
    // A view that changes is dropped and created again, and so is every view reading it.
    for (const auto& [q, v] : b_.views) {
        auto it = a_.views.find(q);
        if (it == a_.views.end()) continue;
        View a = it->second, b = v;
        a.common = b.common;
        a.column_comments = b.column_comments;
        a.triggers = b.triggers;
        a.renamed_from = b.renamed_from;
        if (!(a == b) || calls_recreated_routine(it->second.query)) recreate_views_.insert(q);
    }
    for (const auto& q : std::set<QualifiedName>(recreate_views_)) recreate_views_reading(q);
    for (const auto& [q, v] : b_.views) {
        auto it = a_.views.find(q);
        bool again = recreate_views_.contains(q);
        if (it != a_.views.end() && again) {
            // a routine kept from the source that takes or returns the view's row type holds the view
            for (const auto& [rk, r] : a_.routines) {
                if (!b_.routines.contains(rk) || recreate_routines_.contains(rk)) continue;
                std::vector<ObjectKey> types;
                for (const auto& arg : r.args) ra_.type(arg.type, types);
                ra_.type(r.returns, types);
                for (const auto& k : types)
                    if ((k.kind == ObjectKind::View || k.kind == ObjectKind::MaterializedView) && QualifiedName{k.schema, k.name} == q)
                        throw_input("view " + q.str() + " must be dropped and created again, but " +
                                    std::string(r.procedure ? "procedure " : "function ") + rk.qname.str() + "(" + rk.args +
                                    ") uses its row type; pgkeel does not re-create such routines yet");
            }
            drop_view(it->second);
            out_.back().phase = Phase::Pre;
            out_.back().summary += " (re-created)";
            out_.back().hazards.clear();
            if (v.materialized) out_.back().hazards.push_back({Hazard::DeletesData, "materialized view " + q.str() + " is re-created and re-populated"});
        }
        bool fresh = it == a_.views.end() || again;
        if (fresh) create_view(v);
        else {
            for (const auto& [col, text] : v.column_comments) {
                auto oc = it->second.column_comments.find(col);
                std::optional<std::string> before = oc == it->second.column_comments.end() ? std::nullopt : std::optional(oc->second);
                column_comment(q, col, before, text, relation_key(v.materialized ? ObjectKind::MaterializedView : ObjectKind::View, q),
                               false);
            }
            for (const auto& [col, text] : it->second.column_comments)
                if (!v.column_comments.contains(col))
                    comment(text, std::nullopt, [&] {
                        return CommentOn{relation_key(v.materialized ? ObjectKind::MaterializedView : ObjectKind::View, q),
                                         "COLUMN " + q.str() + "." + quote_ident(col),
                                         fp::column(q, col, "pg_catalog.col_description(a.attrelid, a.attnum) IS NULL"), ""};
                    });
            triggers(q, &it->second.triggers, v.triggers, true);
        }
        ObjectKey key = relation_key(v.materialized ? ObjectKind::MaterializedView : ObjectKind::View, q);
        std::string kind = v.materialized ? "MATERIALIZED VIEW " : "VIEW ";
        Target tg{key, kind + q.str(), "TABLE " + q.str(), [q](const std::string& cond) { return fp::relation(q, cond); },
                  "c.relowner", "c.relacl", "pg_catalog.obj_description(c.oid, 'pg_class')", 'r', ""};
        common(tg, fresh ? ObjectCommon{} : it->second.common, v.common, fresh);
    }
    for (const auto& [q, v] : a_.views)
        if (!b_.views.contains(q)) drop_view(v);
}

// ------------------------------------------------------------ indexes

void Differ::create_index(const Index& i, bool fresh_relation) {
    const QualifiedName& q = i.qname;
    ObjectKey key = relation_key(ObjectKind::Index, q);
    auto t = b_.tables.find(i.table);
    bool partitioned = t != b_.tables.end() && !t->second.partition_by.empty();
    bool concurrently = !fresh_relation && !partitioned;
    std::string def = render::index_definition(i);
    if (concurrently) def.replace(def.find("INDEX "), 6, "INDEX CONCURRENTLY ");
    auto& c = add(ChangeKind::CreateIndex, key, "create index " + q.str() + " on " + i.table.str() + (concurrently ? " concurrently" : ""), def);
    c.fingerprint = fp::relation(q, "c.relkind IN ('i', 'I') AND EXISTS (SELECT 1 FROM pg_catalog.pg_index x WHERE x.indexrelid = c.oid AND x.indisvalid)");
    c.transactional = !concurrently;
    c.needs = index_deps(rb_, i);
    c.provides = {key, relation_name_key(q)};
    c.lock = concurrently ? Lock::ShareUpdateExclusive : Lock::Share;
    c.lock_target = i.table.str();
    if (!fresh_relation) {
        c.hazards.push_back({Hazard::IndexBuild, "index " + q.str() + " is built on " + i.table.str() + (concurrently ? " concurrently" : "")});
        if (!concurrently) c.hazards.push_back({Hazard::ShareLock, "writes to " + i.table.str() + " wait while the index is built (partitioned tables cannot build concurrently)"});
    }
    index_comment(q, std::nullopt, i.comment);
}

void Differ::drop_index(const Index& i) {
    const QualifiedName& q = i.qname;
    ObjectKey key = relation_key(ObjectKind::Index, q);
    auto t = a_.tables.find(i.table);
    bool partitioned = t != a_.tables.end() && !t->second.partition_by.empty();
    auto& c = add(ChangeKind::DropIndex, key, "drop index " + q.str(),
                  std::string("DROP INDEX ") + (partitioned ? "" : "CONCURRENTLY ") + q.str());
    c.fingerprint = fp::negate(fp::relation(q));
    c.transactional = partitioned;
    c.removes = {key, relation_name_key(q)};
    c.needs_old = index_deps(ra_, i);
    c.phase = Phase::Post;
    c.lock = partitioned ? Lock::AccessExclusive : Lock::ShareUpdateExclusive;
    c.lock_target = i.table.str();
    c.hazards.push_back({Hazard::IndexDropped, "queries on " + i.table.str() + " that use " + q.str() + " slow down"});
    if (i.unique) {
        std::vector<std::string> columns;
        for (const auto& e : i.elements) columns.push_back(e.column);
        c.provides.push_back(unique_gone(i.table, columns));
    }
}

void Differ::indexes() {
    auto relation_recreated = [&](const QualifiedName& rel) { return recreate_views_.contains(rel) || recreate_tables_.contains(rel); };
    for (const auto& [q, i] : b_.indexes) {
        auto it = a_.indexes.find(q);
        bool fresh_relation = relation_is_new(i.table) || relation_recreated(i.table);
        if (it == a_.indexes.end() || relation_recreated(i.table)) {
            create_index(i, fresh_relation);
            continue;
        }
        // an index whose expressions name a rebuilt type or call a re-created routine (the old index's)
        auto depends_on_recreated = [&] {
            if (!retyped_tables_.contains(i.table) && recreate_routines_.empty() && recreated_columns_.empty()) return false;
            std::string exprs = i.where;
            for (const auto& e : i.elements) exprs += " " + e.expression;
            std::string old_exprs = it->second.where;
            std::vector<std::string> old_columns;
            for (const auto& e : it->second.elements) {
                old_exprs += " " + e.expression;
                old_columns.push_back(e.column);
            }
            return this->mentions_rebuilt_type(i.table, exprs) || calls_recreated_routine(old_exprs) ||
                   names_recreated_column(i.table, old_columns, old_exprs);
        };
        if (!same_definition(it->second, i) || depends_on_recreated()) {
            drop_index(it->second);
            out_.back().phase = Phase::Pre;
            out_.back().summary += " (re-created)";
            create_index(i, false);
            continue;
        }
        index_comment(q, it->second.comment, i.comment);
    }
    for (const auto& [q, i] : a_.indexes) {
        if (b_.indexes.contains(q)) continue;
        if (table_dropped(i.table) || recreate_tables_.contains(i.table) ||
            (a_.views.contains(i.table) && (!b_.views.contains(i.table) || recreate_views_.contains(i.table))))
            continue;  // goes with its relation
        // an index on a column that is dropped goes with the column
        drop_index(i);
    }
}

}  // namespace pgkeel::diff
