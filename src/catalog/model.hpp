#pragma once
// The catalog model: plain data describing one PostgreSQL 15 schema. No I/O, no
// libpq, libpg_query or TOML types. SQL fragments (types, expressions, queries,
// bodies) are held as canonical text produced by the parse stage, so two
// descriptions of one schema compare equal field by field.
#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace pgkeel::catalog {

enum class ObjectKind {
    Schema, Extension, Enum, Domain, Composite, Sequence, Table, Column, Constraint,
    Index, View, MaterializedView, Function, Procedure, Trigger, Policy,
};
const char* kind_name(ObjectKind kind);  // "table", "materialized view", ...

// The one stable identity of an object: used for matching, graph vertices, map
// keys and messages. Members of a table (column, constraint, trigger, policy)
// carry the table in `name` and their own name in `member`; routines carry
// their identity argument types in `member` ("integer, text").
struct ObjectKey {
    ObjectKind kind{};
    std::string schema;
    std::string name;
    std::string member;
    auto operator<=>(const ObjectKey&) const = default;
    [[nodiscard]] std::string str() const;  // "table public.orders", "function s.f(integer)"
};

// A schema-qualified name. Keys of the per-kind maps; ordered for determinism.
struct QualifiedName {
    std::string schema;
    std::string name;
    auto operator<=>(const QualifiedName&) const = default;
    [[nodiscard]] std::string str() const;  // quoted: "public"."Order"
};

// One privilege held by (or revoked from) a grantee; "PUBLIC" is the public pseudo-role.
struct AclItem {
    std::string grantee;
    std::string privilege;  // SELECT, INSERT, USAGE, EXECUTE, ...
    bool grantable = false;
    auto operator<=>(const AclItem&) const = default;
};
// Privileges relative to PostgreSQL's defaults for the object kind and owner:
// what was granted beyond them and what was revoked from them.
struct Acl {
    std::vector<AclItem> grants;
    std::vector<AclItem> revokes;
    bool operator==(const Acl&) const = default;
    [[nodiscard]] bool empty() const { return grants.empty() && revokes.empty(); }
};

// Fields every top-level object has.
struct ObjectCommon {
    std::string owner;  // empty: not stated (the connecting role)
    std::optional<std::string> comment;
    Acl acl;
    bool operator==(const ObjectCommon&) const = default;
};

struct Schema {
    std::string name;
    std::string renamed_from;  // declared previous name (a directive for the planner)
    ObjectCommon common;
    bool operator==(const Schema&) const = default;
};

struct Extension {
    std::string name;
    std::string schema;
    std::string version;  // empty: whatever is the default
    std::optional<std::string> comment;
    bool operator==(const Extension&) const = default;
};

struct EnumType {
    QualifiedName qname;
    std::string renamed_from;  // declared previous name, same schema
    std::vector<std::string> labels;  // in sort order
    ObjectCommon common;
    bool operator==(const EnumType&) const = default;
};

struct DomainCheck {
    std::string name;
    std::string expr;  // canonical boolean expression over VALUE
    bool not_valid = false;
    std::optional<std::string> comment;
    bool operator==(const DomainCheck&) const = default;
};
struct Domain {
    QualifiedName qname;
    std::string renamed_from;  // declared previous name, same schema
    std::string base_type;  // canonical type text
    std::string collation;  // qualified, empty = default
    std::optional<std::string> default_expr;
    bool not_null = false;
    std::vector<DomainCheck> checks;  // sorted by name
    ObjectCommon common;
    bool operator==(const Domain&) const = default;
};

struct CompositeAttribute {
    std::string name;
    std::string type;
    std::string collation;
    bool operator==(const CompositeAttribute&) const = default;
};
struct CompositeType {
    QualifiedName qname;
    std::string renamed_from;  // declared previous name, same schema
    std::vector<CompositeAttribute> attributes;  // in order
    ObjectCommon common;
    bool operator==(const CompositeType&) const = default;
};

// Sequence parameters; unset fields take PostgreSQL's defaults for data_type
// and are filled in by normalize() so spelled and implied defaults compare equal.
struct SequenceOptions {
    std::string data_type;  // smallint | integer | bigint; empty before normalize = bigint
    std::optional<int64_t> start, increment, min_value, max_value, cache;
    bool cycle = false;
    bool operator==(const SequenceOptions&) const = default;
};

struct Sequence {
    QualifiedName qname;
    std::string renamed_from;  // declared previous name, same schema
    SequenceOptions options;
    bool unlogged = false;
    std::optional<QualifiedName> owned_by_table;
    std::string owned_by_column;
    ObjectCommon common;
    bool operator==(const Sequence&) const = default;
};

enum class Identity { None, Always, ByDefault };

// How existing rows get a column's value: an expression over the same row.
struct ColumnBackfill {
    std::string expr;  // canonical
    std::optional<int64_t> batch_size;
    bool operator==(const ColumnBackfill&) const = default;
};

// A data move declared on a table: UPDATE table SET <set> [WHERE <where>], in batches.
struct TableBackfill {
    std::string name;
    std::string set;    // canonical SET list
    std::string where;  // canonical predicate, empty = every row
    std::optional<int64_t> batch_size;
    bool operator==(const TableBackfill&) const = default;
};

struct Column {
    std::string name;
    std::string renamed_from;  // declared previous name
    std::string type;       // canonical type text, e.g. "character varying(20)[]"
    std::string collation;  // qualified collation name, empty = the type's default
    std::optional<std::string> default_expr;
    bool not_null = false;
    Identity identity = Identity::None;
    SequenceOptions identity_options;  // meaningful only with identity
    std::string identity_sequence;     // name of the implicit sequence (same schema), empty = default
    Acl identity_acl;                  // privileges on the identity sequence
    std::optional<std::string> generated;  // GENERATED ALWAYS AS (expr) STORED
    std::optional<std::string> comment;
    Acl acl;  // column-level privileges
    std::optional<ColumnBackfill> backfill;
    bool operator==(const Column&) const = default;
};

enum class SortOrder { Default, Asc, Desc };
enum class NullsOrder { Default, First, Last };

// One key of an index (or of an EXCLUDE constraint).
struct IndexElement {
    std::string column;      // set for a plain column
    std::string expression;  // set for an expression (canonical, unparenthesised)
    std::string collation;   // unquoted; pg_catalog collations without schema
    std::string opclass;     // non-default operator class, with its parameters
    SortOrder order = SortOrder::Default;
    NullsOrder nulls = NullsOrder::Default;
    bool operator==(const IndexElement&) const = default;
};

struct ExcludeElement {
    IndexElement element;
    std::string op;  // operator, e.g. "&&" or "="
    bool operator==(const ExcludeElement&) const = default;
};

enum class ConstraintType { PrimaryKey, Unique, ForeignKey, Check, Exclude };

enum class FkAction { NoAction, Restrict, Cascade, SetNull, SetDefault };
enum class FkMatch { Simple, Full, Partial };
const char* fk_action_sql(FkAction action);  // "SET NULL", ...


struct Constraint {
    std::string name;
    std::string renamed_from;  // declared previous name
    ConstraintType type{};
    std::vector<std::string> columns;  // PK/UNIQUE/FK local columns
    std::vector<std::string> include;  // PK/UNIQUE/EXCLUDE INCLUDE columns
    bool nulls_not_distinct = false;   // UNIQUE
    std::string index_options;         // WITH (...) of the backing index, canonical
    // FOREIGN KEY
    QualifiedName ref_table;
    std::vector<std::string> ref_columns;
    FkMatch match = FkMatch::Simple;
    FkAction on_delete = FkAction::NoAction;
    FkAction on_update = FkAction::NoAction;
    std::vector<std::string> on_delete_columns;  // ON DELETE SET NULL / SET DEFAULT (columns)
    // CHECK
    std::string expr;
    bool no_inherit = false;
    // EXCLUDE
    std::string using_method;
    std::vector<ExcludeElement> exclude;
    std::string where;  // EXCLUDE ... WHERE (predicate)
    // all kinds
    bool deferrable = false;
    bool initially_deferred = false;
    bool not_valid = false;
    std::optional<std::string> comment;
    bool operator==(const Constraint&) const = default;
};

enum class TriggerTiming { Before, After, InsteadOf };
enum class TriggerEnabled { Origin, Disabled, Replica, Always };  // pg_trigger.tgenabled O D R A

struct Trigger {
    std::string name;
    TriggerTiming timing{};
    bool on_insert = false, on_update = false, on_delete = false, on_truncate = false;
    std::vector<std::string> update_columns;  // UPDATE OF ...
    bool for_each_row = false;
    std::string when;  // canonical expression, empty = none
    QualifiedName function;
    std::vector<std::string> args;
    TriggerEnabled enabled = TriggerEnabled::Origin;
    bool constraint = false;  // CONSTRAINT TRIGGER
    bool deferrable = false, initially_deferred = false;
    std::string old_table, new_table;  // REFERENCING transition tables
    std::optional<std::string> comment;
    bool operator==(const Trigger&) const = default;
};

struct Policy {
    std::string name;
    bool permissive = true;
    std::string command = "ALL";  // ALL SELECT INSERT UPDATE DELETE
    std::vector<std::string> roles;  // sorted; empty = PUBLIC
    std::string using_expr;
    std::string check_expr;
    std::optional<std::string> comment;
    bool operator==(const Policy&) const = default;
};

struct Table {
    QualifiedName qname;
    std::string renamed_from;  // declared previous name, same schema
    bool unlogged = false;
    std::string partition_by;              // "RANGE (created_at)", empty = not partitioned
    std::optional<QualifiedName> partition_of;  // parent, when this is a partition
    std::string partition_bound;           // "FOR VALUES FROM (...) TO (...)" or "DEFAULT"
    std::vector<Column> columns;           // CREATE TABLE order; partitions: only local additions
    std::map<std::string, Constraint> constraints;
    std::map<std::string, Trigger> triggers;
    std::map<std::string, Policy> policies;
    std::vector<TableBackfill> backfills;  // declared data moves, in file order
    std::vector<std::string> options;      // reloptions "fillfactor=70", sorted
    bool rls_enabled = false;
    bool rls_forced = false;
    ObjectCommon common;
    bool operator==(const Table&) const = default;

    [[nodiscard]] const Column* find_column(const std::string& col) const;
    // Name of a column's identity sequence (declared, or PostgreSQL's default).
    [[nodiscard]] std::string identity_sequence_name(const Column& c) const;
    Column* find_column(const std::string& col);
};

// The column named col in columns (a table's, or the columns a partition
// has through its parent), or nullptr.
const Column* find_column(const std::vector<Column>& columns, const std::string& col);

struct Index {
    QualifiedName qname;
    std::string renamed_from;  // declared previous name, same schema
    QualifiedName table;  // table or materialized view, same schema
    std::string method = "btree";
    bool unique = false;
    bool nulls_not_distinct = false;
    std::vector<IndexElement> elements;
    std::vector<std::string> include;
    std::string where;                 // partial index predicate, canonical
    std::vector<std::string> options;  // WITH (...) storage parameters, sorted
    // On a partitioned table the index covers every partition; the partitions'
    // own index copies are implied and not modelled.
    std::optional<std::string> comment;
    bool operator==(const Index&) const = default;
};

struct View {
    QualifiedName qname;
    std::string renamed_from;  // declared previous name, same schema
    bool materialized = false;
    std::string query;  // canonical SELECT
    std::vector<std::string> column_names;  // explicit (a, b) list, empty = from the query
    std::vector<std::string> options;  // sorted "security_barrier=true", "check_option=local"
    // Whether a materialized view is populated is data state, not schema: not modelled.
    std::map<std::string, std::string> column_comments;
    std::map<std::string, Trigger> triggers;  // INSTEAD OF triggers
    // Relations the query reads (derived from `query` by the loader; used to
    // order views among themselves). Not serialized.
    std::vector<QualifiedName> references;
    ObjectCommon common;
    bool operator==(const View&) const = default;
};

enum class ArgMode { In, Out, InOut, Variadic, Table };

struct RoutineArg {
    ArgMode mode = ArgMode::In;
    std::string name;
    std::string type;
    std::optional<std::string> default_expr;
    bool operator==(const RoutineArg&) const = default;
};

struct Routine {
    QualifiedName qname;
    bool procedure = false;
    std::vector<RoutineArg> args;  // as declared, incl. OUT and TABLE columns
    std::string returns;           // canonical, "SETOF integer", "TABLE(...)" rendered from args; empty for procedures
    bool returns_set = false;
    std::string language;
    std::string volatility = "VOLATILE";  // IMMUTABLE STABLE VOLATILE
    bool strict = false;
    bool security_definer = false;
    bool leakproof = false;
    std::string parallel = "UNSAFE";  // SAFE RESTRICTED UNSAFE
    std::optional<double> cost;
    std::optional<double> rows;
    std::vector<std::string> config;  // SET name = value, canonical, sorted
    std::string body;                 // AS '...' text (or sql body, canonical)
    bool sql_body = false;            // BEGIN ATOMIC / RETURN form
    ObjectCommon common;
    bool operator==(const Routine&) const = default;

    // Identity argument types: IN, INOUT and VARIADIC, comma-separated.
    [[nodiscard]] std::string identity_args() const;
};

struct RoutineKey {
    QualifiedName qname;
    std::string args;  // identity_args()
    auto operator<=>(const RoutineKey&) const = default;
};

struct Catalog {
    std::map<std::string, Schema> schemas;
    std::map<std::string, Extension> extensions;
    std::map<QualifiedName, EnumType> enums;
    std::map<QualifiedName, Domain> domains;
    std::map<QualifiedName, CompositeType> composites;
    std::map<QualifiedName, Sequence> sequences;
    std::map<QualifiedName, Table> tables;
    std::map<QualifiedName, Index> indexes;
    std::map<QualifiedName, View> views;  // views and materialized views
    std::map<RoutineKey, Routine> routines;
    bool operator==(const Catalog&) const = default;

    // Finds a relation of any kind by name (tables, views, sequences, indexes).
    [[nodiscard]] bool has_relation(const QualifiedName& q) const;
    [[nodiscard]] bool has_type(const QualifiedName& q) const;
};

// Whether SQL text calls one of PostgreSQL's volatile builtins that a default
// is evaluated with per row (random(), gen_random_uuid(), clock_timestamp(),
// nextval(), ...): adding a column with such a default rewrites the table.
bool calls_volatile_builtin(const std::string& sql);

// Fill implied defaults and sort unordered lists so equal schemas compare equal.
void normalize(Catalog& cat);
// PostgreSQL's defaults for unset sequence parameters (for data_type and the increment's sign).
void fill_sequence_defaults(SequenceOptions& o);
// Clears owners equal to `role` (the role a loader connected or applied as).
void strip_owner(Catalog& cat, const std::string& role);
// Roles the schema names as owners, grantees and policy roles (PUBLIC left out).
std::set<std::string> referenced_roles(const Catalog& cat);
// Canonical serialization: sorted, stable, readable JSON (2-space indent, trailing newline).
std::string serialize(const Catalog& cat);
// sha256 of the serialization of the schema alone: directives (renamed_from,
// backfills), which describe a transition rather than a state, are left out.
std::string fingerprint(const Catalog& cat);
// A copy without directives (renamed_from, backfills).
Catalog without_directives(Catalog cat);
// Copies the directives of `from` onto the same objects of `to` (a declared
// schema's renames and backfills onto its form read back from a server).
void copy_directives(const Catalog& from, Catalog& to);
// True when any object carries a directive.
bool has_directives(const Catalog& cat);

}  // namespace pgkeel::catalog
