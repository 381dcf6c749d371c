// Declared renames: the source model is moved to the new names (so the rest
// of the diff compares like with like) and each move becomes a RENAME change.
// A rename whose old name is absent (already applied) or whose new name
// already exists in the source is not planned.
#include "common/quote.hpp"
#include "diff/diff.hpp"
#include "diff/differ.hpp"
#include "diff/fingerprint.hpp"

namespace pgkeel::diff {

using namespace catalog;

namespace {

class Renamer {
public:
    Renamer(const Catalog& from, const Catalog& to) : a_(from), b_(to) {}

    Renamed run() {
        schemas();
        types();
        relations();
        members();
        return {std::move(a_), std::move(out_)};
    }

private:
    Catalog a_;
    const Catalog& b_;
    std::vector<Change> out_;

    Change& add(ChangeKind kind, ObjectKey key, const std::string& summary, const std::string& sql, std::string fingerprint) {
        Change c;
        c.kind = kind;
        c.key = std::move(key);
        c.summary = summary;
        c.sql = sql;
        c.fingerprint = std::move(fingerprint);
        c.provides.push_back(c.key);
        c.provides.push_back(renamed_key(c.key));  // every other change on the object runs after
        out_.push_back(std::move(c));
        return out_.back();
    }

    // A type named in canonical type text: replace a leading old name.
    static void retype(std::string& text, const QualifiedName& from, const QualifiedName& to) {
        std::string old = from.str();
        if (text.rfind(old, 0) != 0) return;
        if (text.size() > old.size() && text[old.size()] != '[' && text[old.size()] != '(') return;
        text = to.str() + text.substr(old.size());
    }

    void each_type_text(const std::function<void(std::string&)>& f) {
        for (auto& [q, t] : a_.tables)
            for (auto& c : t.columns) f(c.type);
        for (auto& [q, d] : a_.domains) f(d.base_type);
        for (auto& [q, c] : a_.composites)
            for (auto& at : c.attributes) f(at.type);
        for (auto& [k, r] : a_.routines) {
            for (auto& arg : r.args) f(arg.type);
            f(r.returns);
        }
    }

    // Every structural reference to relation `from` now names `to`.
    void move_relation_refs(const QualifiedName& from, const QualifiedName& to) {
        for (auto& [q, t] : a_.tables) {
            if (t.partition_of == from) t.partition_of = to;
            for (auto& [n, k] : t.constraints)
                if (k.type == ConstraintType::ForeignKey && k.ref_table == from) k.ref_table = to;
        }
        for (auto& [q, i] : a_.indexes)
            if (i.table == from) i.table = to;
        for (auto& [q, s] : a_.sequences)
            if (s.owned_by_table == from) s.owned_by_table = to;
        for (auto& [q, v] : a_.views)
            for (auto& r : v.references)
                if (r == from) r = to;
        each_type_text([&](std::string& t) { retype(t, from, to); });
    }

    template <class Map>
    static void rekey(Map& m, const QualifiedName& from, const QualifiedName& to) {
        auto node = m.extract(from);
        node.key() = to;
        node.mapped().qname = to;
        m.insert(std::move(node));
    }

    void schemas() {
        for (const auto& [name, s] : b_.schemas) {
            const std::string& old = s.renamed_from;
            if (old.empty() || !a_.schemas.contains(old) || a_.schemas.contains(name)) continue;
            add(ChangeKind::RenameSchema, schema_key(name), "rename schema " + quote_ident(old) + " to " + quote_ident(name),
                "ALTER SCHEMA " + quote_ident(old) + " RENAME TO " + quote_ident(name),
                fp::all({fp::schema(name), fp::negate(fp::schema(old))}))
                .removes.push_back(schema_key(old));
            auto node = a_.schemas.extract(old);
            node.key() = name;
            node.mapped().name = name;
            a_.schemas.insert(std::move(node));
            auto move_all = [&](auto& map) {
                std::vector<QualifiedName> keys;
                for (const auto& [q, _] : map)
                    if (q.schema == old) keys.push_back(q);
                for (const auto& q : keys) {
                    QualifiedName to{name, q.name};
                    rekey(map, q, to);
                    move_relation_refs(q, to);
                }
            };
            move_all(a_.enums);
            move_all(a_.domains);
            move_all(a_.composites);
            move_all(a_.sequences);
            move_all(a_.tables);
            move_all(a_.views);
            move_all(a_.indexes);
            std::vector<RoutineKey> routines;
            for (const auto& [k, _] : a_.routines)
                if (k.qname.schema == old) routines.push_back(k);
            for (const auto& k : routines) {
                auto node = a_.routines.extract(k);
                node.key().qname.schema = name;
                node.mapped().qname.schema = name;
                a_.routines.insert(std::move(node));
            }
            for (auto& [q, t] : a_.tables)
                for (auto& [n, tr] : t.triggers)
                    if (tr.function.schema == old) tr.function.schema = name;
            for (auto& [n, e] : a_.extensions)
                if (e.schema == old) e.schema = name;
        }
    }

    template <class Map>
    void rename_types(Map& from_map, const Map& to_map, ObjectKind kind) {
        for (const auto& [q, t] : to_map) {
            if (t.renamed_from.empty()) continue;
            QualifiedName old{q.schema, t.renamed_from};
            if (!from_map.contains(old) || from_map.contains(q)) continue;
            add(ChangeKind::RenameType, relation_key(kind, q), "rename type " + old.str() + " to " + q.str(),
                "ALTER TYPE " + old.str() + " RENAME TO " + quote_ident(q.name), fp::all({fp::type(q), fp::negate(fp::type(old))}))
                .removes.push_back(relation_key(kind, old));
            out_.back().needs.push_back(schema_key(q.schema));
            rekey(from_map, old, q);
            move_relation_refs(old, q);
        }
    }

    void types() {
        rename_types(a_.enums, b_.enums, ObjectKind::Enum);
        rename_types(a_.domains, b_.domains, ObjectKind::Domain);
        rename_types(a_.composites, b_.composites, ObjectKind::Composite);
    }

    void relations() {
        for (const auto& [q, s] : b_.sequences) {
            QualifiedName old{q.schema, s.renamed_from};
            if (s.renamed_from.empty() || !a_.sequences.contains(old) || a_.has_relation(q)) continue;
            add(ChangeKind::RenameSequence, relation_key(ObjectKind::Sequence, q), "rename sequence " + old.str() + " to " + q.str(),
                "ALTER SEQUENCE " + old.str() + " RENAME TO " + quote_ident(q.name), fp::all({fp::relation(q), fp::negate(fp::relation(old))}))
                .removes.push_back(relation_key(ObjectKind::Sequence, old));
            rekey(a_.sequences, old, q);
        }
        for (const auto& [q, t] : b_.tables) {
            QualifiedName old{q.schema, t.renamed_from};
            if (t.renamed_from.empty() || !a_.tables.contains(old) || a_.has_relation(q)) continue;
            auto& c = add(ChangeKind::RenameTable, relation_key(ObjectKind::Table, q), "rename table " + old.str() + " to " + q.str(),
                          "ALTER TABLE " + old.str() + " RENAME TO " + quote_ident(q.name),
                          fp::all({fp::relation(q), fp::negate(fp::relation(old))}));
            c.removes.push_back(relation_key(ObjectKind::Table, old));
            for (const auto& col : a_.tables.at(old).columns) {
                c.removes.push_back(member_key(ObjectKind::Column, old, col.name));
                c.provides.push_back(member_key(ObjectKind::Column, q, col.name));
            }
            c.lock = Lock::AccessExclusive;
            c.lock_target = old.str();
            const Table before = a_.tables.at(old);
            rekey(a_.tables, old, q);
            move_relation_refs(old, q);
            rename_identity_sequences(before, a_.tables.at(q));
        }
        for (const auto& [q, v] : b_.views) {
            QualifiedName old{q.schema, v.renamed_from};
            if (v.renamed_from.empty() || !a_.views.contains(old) || a_.has_relation(q)) continue;
            bool mat = a_.views.at(old).materialized;
            ObjectKind kind = mat ? ObjectKind::MaterializedView : ObjectKind::View;
            add(ChangeKind::RenameView, relation_key(kind, q), std::string("rename ") + (mat ? "materialized view " : "view ") + old.str() + " to " + q.str(),
                std::string("ALTER ") + (mat ? "MATERIALIZED VIEW " : "VIEW ") + old.str() + " RENAME TO " + quote_ident(q.name),
                fp::all({fp::relation(q), fp::negate(fp::relation(old))}))
                .removes.push_back(relation_key(kind, old));
            rekey(a_.views, old, q);
            move_relation_refs(old, q);
        }
        for (const auto& [q, i] : b_.indexes) {
            QualifiedName old{q.schema, i.renamed_from};
            if (i.renamed_from.empty() || !a_.indexes.contains(old) || a_.has_relation(q)) continue;
            add(ChangeKind::RenameIndex, relation_key(ObjectKind::Index, q), "rename index " + old.str() + " to " + q.str(),
                "ALTER INDEX " + old.str() + " RENAME TO " + quote_ident(q.name), fp::all({fp::relation(q), fp::negate(fp::relation(old))}))
                .removes.push_back(relation_key(ObjectKind::Index, old));
            rekey(a_.indexes, old, q);
        }
    }

    void members() {
        for (const auto& [q, t] : b_.tables) {
            auto it = a_.tables.find(q);
            if (it == a_.tables.end()) continue;
            Table& a = it->second;
            for (const auto& c : t.columns) {
                if (c.renamed_from.empty() || a.find_column(c.renamed_from) == nullptr || a.find_column(c.name) != nullptr) continue;
                const std::string& old = c.renamed_from;
                auto& ch = add(ChangeKind::RenameColumn, member_key(ObjectKind::Column, q, c.name),
                               "rename column " + quote_ident(old) + " of " + q.str() + " to " + quote_ident(c.name),
                               "ALTER TABLE " + q.str() + " RENAME COLUMN " + quote_ident(old) + " TO " + quote_ident(c.name),
                               fp::all({fp::column(q, c.name), fp::negate(fp::column(q, old))}));
                ch.removes.push_back(member_key(ObjectKind::Column, q, old));
                ch.needs = {relation_key(ObjectKind::Table, q), member_key(ObjectKind::Column, q, old)};  // after a table rename
                ch.lock = Lock::AccessExclusive;
                ch.lock_target = q.str();
                const Table before = a;
                rename_column(q, old, c.name);
                rename_identity_sequences(before, a);
            }
            for (const auto& [name, k] : t.constraints) {
                if (k.renamed_from.empty() || !a.constraints.contains(k.renamed_from) || a.constraints.contains(name)) continue;
                const std::string& old = k.renamed_from;
                auto& ch = add(ChangeKind::RenameConstraint, member_key(ObjectKind::Constraint, q, name),
                               "rename constraint " + quote_ident(old) + " of " + q.str() + " to " + quote_ident(name),
                               "ALTER TABLE " + q.str() + " RENAME CONSTRAINT " + quote_ident(old) + " TO " + quote_ident(name),
                               fp::all({fp::constraint(q, name), fp::negate(fp::constraint(q, old))}));
                ch.removes.push_back(member_key(ObjectKind::Constraint, q, old));
                ch.needs = {relation_key(ObjectKind::Table, q), member_key(ObjectKind::Constraint, q, old)};
                ch.lock = Lock::AccessExclusive;
                ch.lock_target = q.str();
                auto node = a.constraints.extract(old);
                node.key() = name;
                node.mapped().name = name;
                a.constraints.insert(std::move(node));
            }
        }
    }

    // An identity sequence with PostgreSQL's default name (table_column_seq)
    // keeps its name when the table or column is renamed: rename it as well,
    // so the live schema matches one created under the new names.
    void rename_identity_sequences(const Table& before, const Table& after) {
        for (std::size_t i = 0; i < after.columns.size() && i < before.columns.size(); ++i) {
            const Column& c = after.columns[i];
            if (c.identity == Identity::None || !c.identity_sequence.empty()) continue;
            QualifiedName from{before.qname.schema, before.identity_sequence_name(before.columns[i])};
            QualifiedName to{after.qname.schema, after.identity_sequence_name(c)};
            if (from == to) continue;
            auto& ch = add(ChangeKind::RenameSequence, relation_key(ObjectKind::Sequence, to),
                           "rename identity sequence " + from.str() + " to " + to.str(),
                           "ALTER SEQUENCE " + from.str() + " RENAME TO " + quote_ident(to.name),
                           fp::all({fp::relation(to), fp::negate(fp::relation(from))}));
            ch.removes = {relation_key(ObjectKind::Sequence, from), relation_name_key(from)};
            ch.provides.push_back(relation_name_key(to));
        }
    }

    void rename_column(const QualifiedName& table, const std::string& from, const std::string& to) {
        auto fix = [&](std::vector<std::string>& v) {
            for (auto& n : v)
                if (n == from) n = to;
        };
        Table& t = a_.tables.at(table);
        t.find_column(from)->name = to;
        for (auto& [n, k] : t.constraints) {
            fix(k.columns);
            fix(k.include);
            fix(k.on_delete_columns);
            for (auto& x : k.exclude)
                if (x.element.column == from) x.element.column = to;
        }
        for (auto& [n, tr] : t.triggers) fix(tr.update_columns);
        for (auto& [q, other] : a_.tables)
            for (auto& [n, k] : other.constraints)
                if (k.type == ConstraintType::ForeignKey && k.ref_table == table) fix(k.ref_columns);
        for (auto& [q, i] : a_.indexes) {
            if (i.table != table) continue;
            for (auto& e : i.elements)
                if (e.column == from) e.column = to;
            fix(i.include);
        }
        for (auto& [q, s] : a_.sequences)
            if (s.owned_by_table == table && s.owned_by_column == from) s.owned_by_column = to;
    }
};

}  // namespace

Renamed apply_renames(const Catalog& from, const Catalog& to) { return Renamer(from, to).run(); }

}  // namespace pgkeel::diff
