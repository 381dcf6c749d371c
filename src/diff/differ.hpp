#pragma once
// Internal to the diff stage: the walk over both models that emits changes.
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "catalog/model.hpp"
#include "diff/change.hpp"

namespace pgkeel::diff {

using catalog::Catalog;
using catalog::ObjectKey;
using catalog::ObjectKind;
using catalog::QualifiedName;

// Keys of the objects changes are about (the graph's vocabulary).
ObjectKey schema_key(const std::string& name);
ObjectKey extension_key(const std::string& name);
ObjectKey relation_key(ObjectKind kind, const QualifiedName& q);
ObjectKey member_key(ObjectKind kind, const QualifiedName& table, const std::string& member);
ObjectKey routine_key(const catalog::RoutineKey& k, bool procedure);
// Tables, views, sequences and indexes share one namespace per schema: a
// relation created under a name comes after the relation that held it goes.
ObjectKey relation_name_key(const QualifiedName& q);
// Provided by the RENAME of an object; every change on the object needs it.
ObjectKey renamed_key(const ObjectKey& k);

// An object's definition: without its comment and declared previous name,
// which are changed apart (COMMENT, RENAME) and never re-create it.
template <class T>
T definition(T x) {
    x.comment.reset();
    if constexpr (requires { x.renamed_from; }) x.renamed_from.clear();
    return x;
}
template <class T>
bool same_definition(const T& a, const T& b) {
    return a == b || definition(a) == definition(b);  // copies only what differs somewhere
}

// Whether CREATE OR REPLACE can turn routine `o` into `r`.
bool replaceable_routine(const catalog::Routine& o, const catalog::Routine& r);

// What an object refers to inside one catalog: types, routines called in
// expressions, sequences in nextval(), relations read by views.
class References {
public:
    explicit References(const Catalog& cat);
    // The key of a user type named by canonical type text ("public.mood[]"), if any.
    void type(const std::string& type_text, std::vector<ObjectKey>& out) const;
    // Routines called (name followed by '(') and sequences named in nextval('...') in SQL text.
    void expression(const std::string& sql, std::vector<ObjectKey>& out) const;
    // Every column key of a relation (for views reading it), and the relation itself.
    void relation(const QualifiedName& q, std::vector<ObjectKey>& out) const;
    // relation() of every table and view whose name SQL text mentions (any schema).
    void relations_named(const std::string& sql, std::vector<ObjectKey>& out) const;
    // The indexes of a table, in name order.
    const std::vector<QualifiedName>& indexes_of(const QualifiedName& table) const;
    const Catalog& catalog() const { return cat_; }

private:
    const Catalog& cat_;
    std::multimap<std::string, ObjectKey> routines_by_name_;
    mutable std::optional<std::multimap<std::string, QualifiedName>> relations_by_name_;  // built when first needed
    mutable std::optional<std::map<QualifiedName, std::vector<QualifiedName>>> indexes_by_table_;  // built when first needed
};

class Differ {
public:
    Differ(const Catalog& from, const Catalog& to) : a_(from), b_(to), ra_(from), rb_(to) {}
    std::vector<Change> run();

private:
    const Catalog& a_;  // source (renames applied)
    const Catalog& b_;  // target
    References ra_, rb_;
    std::vector<Change> out_;
    std::set<QualifiedName> recreate_views_;   // views dropped and created again (a column they read changes type)
    std::optional<std::map<QualifiedName, std::vector<QualifiedName>>> readers_;  // relation -> source views reading it, built when first needed
    std::set<QualifiedName> recreate_tables_;  // PARTITION BY changes: dropped and created again
    std::set<catalog::RoutineKey> recreate_routines_;
    std::set<std::pair<QualifiedName, std::string>> recreate_fks_;
    std::set<std::pair<QualifiedName, std::string>> recreate_triggers_;  // triggers reading a column whose type changes
    std::set<std::pair<QualifiedName, std::string>> recreate_policies_;  // policies reading a column whose type changes
    // Columns dropped and added again (a stored generation expression changes):
    // the indexes, constraints, triggers, policies and views on them go and come back with them.
    std::set<std::pair<QualifiedName, std::string>> recreated_columns_;
    bool names_recreated_column(const QualifiedName& table, const std::vector<std::string>& columns, const std::string& sql) const;
    void recreate_readers_of_column(const catalog::Table& t, const std::string& column);
    // Moves a sequence's current value into a narrower MINVALUE..MAXVALUE range
    // first (the server refuses the ALTER otherwise); returns the key it provides.
    std::optional<ObjectKey> into_range(const QualifiedName& seq, const catalog::SequenceOptions& old,
                                        const catalog::SequenceOptions& neu, const std::string& seq_sql);
    void find_recreated_foreign_keys();  // foreign keys whose referenced key is re-created
    void find_recreated_routines();      // routines dropped and created again, and those whose bodies call them
    // Types PostgreSQL cannot alter in place (enum labels removed or reordered,
    // a domain's base type changed): renamed aside, created anew, the columns
    // moved over through their text form, the old one dropped.
    std::set<QualifiedName> rebuilt_types_;
    std::set<QualifiedName> retyped_tables_;  // tables with a column moved to a rebuilt type
    void find_rebuilt_types();
    void rebuild_type(ObjectKind kind, const QualifiedName& q);
    bool uses_rebuilt_type(const std::string& type_text) const;
    bool mentions_rebuilt_type(const QualifiedName& table, const std::string& sql) const;
    // Whether SQL text (of the source schema) calls a routine that is dropped and created again.
    bool calls_recreated_routine(const std::string& sql) const;
    std::optional<QualifiedName> only_;  // set: create only this type, as new (rebuild_type's creation)

    Change& add(ChangeKind kind, ObjectKey key, std::string summary, std::string sql);

    // Owner, comment and privileges of an object.
    struct Target {
        ObjectKey key;
        std::string sql;         // "TABLE public.t": COMMENT ON / ALTER ... OWNER TO
        std::string grant;       // "TABLE public.t": GRANT ... ON
        std::function<std::string(const std::string&)> row;  // fingerprint row source
        std::string owner_col, acl_col, description;
        char acl_kind = 'r';
        std::string lock_target;  // a relation, for the lock record
    };
    void common(const Target& t, const catalog::ObjectCommon& old, const catalog::ObjectCommon& neu, bool fresh);
    // A COMMENT ON step, when the comment changes from old to neu; what it
    // writes is built only then (most objects keep their comment).
    struct CommentOn {
        ObjectKey key;
        std::string target;       // "INDEX public.i"
        std::string fingerprint;  // fp::... predicate that the comment is neu
        std::string lock_target;  // a relation, for the lock record; "" for none
    };
    void comment(const std::optional<std::string>& old, const std::optional<std::string>& neu,
                 const std::function<CommentOn()>& step);
    using Comment = std::optional<std::string>;
    void extension_comment(const std::string& name, const Comment& old, const Comment& neu);
    void domain_constraint_comment(const QualifiedName& q, const std::string& name, const Comment& old, const Comment& neu);
    // lock: the step records its lock on the table (an existing one)
    void constraint_comment(const QualifiedName& q, const std::string& name, const Comment& old, const Comment& neu, bool lock);
    void column_comment(const QualifiedName& q, const std::string& col, const Comment& old, const Comment& neu,
                        const ObjectKey& key, bool lock);
    void index_comment(const QualifiedName& q, const Comment& old, const Comment& neu);
    void acl(const Target& t, const catalog::Acl& old, const catalog::Acl& neu, bool fresh, const std::string& columns = {});

    void schemas();
    void extensions();
    void order_extensions();
    void enums();
    void domains();
    void composites();
    void sequences();
    void routines();
    void tables();
    void views();
    void indexes();

    // tables (diff_tables.cpp)
    void create_table(const catalog::Table& t);
    void drop_table(const catalog::Table& t);
    void alter_table(const catalog::Table& old, const catalog::Table& neu);
    void row_security(const catalog::Table& old, const catalog::Table& neu, bool fresh);
    Change& table_change(const QualifiedName& table, ChangeKind kind, const ObjectKey& key, const std::string& summary,
                         const std::string& action);
    void recreate_views_reading(const QualifiedName& rel);
    void add_column(const catalog::Table& t, const catalog::Column& c);
    void set_not_null(const catalog::Table& t, const std::string& column, std::vector<ObjectKey> after, Phase phase);
    void alter_column(const catalog::Table& t, const catalog::Column& old, const catalog::Column& neu);
    void column_extras(const catalog::Table& t, const catalog::Column* old, const catalog::Column& neu, bool fresh);
    void add_constraint(const catalog::Table& t, const catalog::Constraint& k, bool fresh_table);
    void drop_constraint(const catalog::Table& t, const catalog::Constraint& k);
    void triggers(const QualifiedName& rel, const std::map<std::string, catalog::Trigger>* old,
                  const std::map<std::string, catalog::Trigger>& neu, bool on_view);
    void policies(const catalog::Table* old, const catalog::Table& neu, bool fresh);
    void create_view(const catalog::View& v);
    void drop_view(const catalog::View& v);
    void create_index(const catalog::Index& i, bool fresh_relation);
    void drop_index(const catalog::Index& i);

    // Dependencies of objects inside one catalog.
    std::vector<ObjectKey> table_deps(const References& r, const catalog::Table& t) const;
    std::vector<ObjectKey> column_deps(const References& r, const catalog::Table& t, const catalog::Column& c) const;
    std::vector<ObjectKey> constraint_deps(const References& r, const catalog::Table& t, const catalog::Constraint& k) const;
    std::vector<ObjectKey> index_deps(const References& r, const catalog::Index& i) const;
    std::vector<ObjectKey> view_deps(const References& r, const catalog::View& v) const;
    std::vector<ObjectKey> routine_deps(const References& r, const catalog::Routine& f) const;
    std::vector<ObjectKey> trigger_deps(const References& r, const QualifiedName& rel, const catalog::Trigger& t) const;

    bool relation_is_new(const QualifiedName& q) const { return !a_.has_relation(q); }
    bool table_dropped(const QualifiedName& q) const { return a_.tables.contains(q) && !b_.tables.contains(q); }
};

}  // namespace pgkeel::diff
