#pragma once
// Builds the catalog model from parsed DDL statements. Shared by the SQL file
// loader and the live loader (which feeds it server-rendered definitions such
// as pg_get_indexdef() output), so both sides are read by the same code.
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "catalog/model.hpp"
#include "parse/script.hpp"

namespace pgkeel::load {

using parse::Node;

class DdlBuilder {
public:
    explicit DdlBuilder(catalog::Catalog& cat) : cat_(cat) {}

    // Applies every statement of text (a file's contents). Errors name file:line:column.
    void apply_text(const std::string& text, const std::string& file);
    // The text the statements given to apply() come from, until end_text(); it
    // may still grow (a script handed over piece by piece by parse::ScriptParser).
    // Errors name file:line:column in it.
    void begin_text(const std::string& text, const std::string& file);
    void end_text() { text_ = nullptr; }
    // apply() as a sink for parse::ScriptParser and ParsedScript::each.
    void apply_parsed(const parse::ScriptStatement& st) { apply(st.node, st.offset, st.base); }
    // Applies the statements of generated SQL (the TOML loader's), locating
    // errors through `locate` (a byte offset of sql -> where the user wrote it).
    using Locator = std::function<SourceLocation(std::size_t)>;
    void apply_mapped(const std::string& sql, const Locator& locate);
    // Applies one parsed statement; text/file are used to locate errors.
    // offset: where the statement starts in the text; base: where the text its
    // node locations count from starts (a piece of a script parsed in pieces)
    void apply(Node* stmt, std::size_t offset, std::size_t base = 0);
    // Resolves references (FK target columns, privileges relative to defaults,
    // partitions) once every statement is in. Call once, then normalize().
    void finish();

    // Keys of the routines created so far, in statement order.
    [[nodiscard]] const std::vector<catalog::RoutineKey>& routines_in_order() const { return routine_order_; }

    void set_default_schema(std::string schema) { default_schema_ = std::move(schema); }
    const std::string& default_schema() const { return default_schema_; }

    void apply_statement(Node* stmt);  // dispatch on the statement kind
    // Locates a byte offset of the current text for error messages.
    [[nodiscard]] SourceLocation where(std::size_t offset) const;
    [[noreturn]] void fail(const std::string& message, std::size_t offset) const;
    // Offset of a node's own location (falls back to the statement start).
    [[nodiscard]] std::size_t at(int32_t location) const;

    // --- statement handlers (ddl_builder.cpp) ---
    void create_schema(const PgQuery__CreateSchemaStmt* s);
    void create_extension(const PgQuery__CreateExtensionStmt* s);
    void create_enum(const PgQuery__CreateEnumStmt* s);
    void alter_enum(const PgQuery__AlterEnumStmt* s);
    void create_domain(const PgQuery__CreateDomainStmt* s);
    void alter_domain(const PgQuery__AlterDomainStmt* s);
    void create_composite(const PgQuery__CompositeTypeStmt* s);
    void create_sequence(const PgQuery__CreateSeqStmt* s);
    void alter_sequence(const PgQuery__AlterSeqStmt* s);
    void comment(const PgQuery__CommentStmt* s);
    void grant(const PgQuery__GrantStmt* s);
    void alter_owner(const PgQuery__AlterOwnerStmt* s);
    void variable_set(const PgQuery__VariableSetStmt* s);
    void select_noise(const PgQuery__SelectStmt* s);
    // --- tables, indexes, views (ddl_tables.cpp) ---
    void create_table(PgQuery__CreateStmt* s);
    void alter_table(PgQuery__AlterTableStmt* s);
    void create_index(PgQuery__IndexStmt* s);
    void create_view(PgQuery__ViewStmt* s);
    void create_matview(PgQuery__CreateTableAsStmt* s);
    // --- routines, triggers, policies (ddl_objects.cpp) ---
    void create_function(PgQuery__CreateFunctionStmt* s);
    void create_trigger(PgQuery__CreateTrigStmt* s);
    void create_policy(PgQuery__CreatePolicyStmt* s);

    // Shared pieces.
    catalog::Constraint build_constraint(const PgQuery__Constraint* c, const catalog::Table& t, bool in_create);
    catalog::IndexElement build_index_element(const PgQuery__IndexElem* e);
    catalog::SequenceOptions sequence_options(Node* const* opts, std::size_t n, std::string* seq_name = nullptr);
    std::string expr(Node* n) const;  // canonical expression text
    std::string type(const PgQuery__TypeName* tn) const;
    catalog::QualifiedName qname(const PgQuery__RangeVar* rv) const;
    catalog::QualifiedName qname(const std::vector<std::string>& names) const;
    catalog::Table& table(const catalog::QualifiedName& q, std::size_t offset);
    catalog::Routine* find_routine(const PgQuery__ObjectWithArgs* o, bool procedure, std::size_t offset);
    std::string unique_constraint_name(const catalog::Table& t, const std::string& base) const;
    void record(const catalog::ObjectKey& key, std::size_t offset);

    // Privileges as applied so far, per object; turned into Acl by finish().
    struct AclTarget {
        char kind;  // 'r' table/view, 's' sequence, 'f' routine, 'n' schema, 'T' type, 'c' column
        catalog::Acl* acl;
        const std::string* owner;  // nullptr for columns
    };

private:
    catalog::Catalog& cat_;
    std::string default_schema_ = "public";
    const std::string* text_ = nullptr;
    const Locator* locator_ = nullptr;  // set while apply_mapped() runs
    mutable std::vector<std::size_t> line_starts_;  // byte offsets of line starts in *text_ ...
    mutable std::size_t lines_scanned_ = 0;         // ... before this offset
    std::string file_;
    std::size_t stmt_offset_ = 0;
    std::size_t base_ = 0;
    std::map<catalog::ObjectKey, SourceLocation> defined_;  // where each object was first defined
    std::vector<std::pair<catalog::QualifiedName, std::string>> fk_checks_;  // table, constraint
    std::set<catalog::QualifiedName> attached_child_indexes_;  // ALTER INDEX ... ATTACH PARTITION children
    // column constraints of the CREATE TABLE being read -> their column (emptied by the end of the statement)
    std::map<const PgQuery__Constraint*, std::string> column_constraint_owner_;
    std::vector<catalog::RoutineKey> routine_order_;
    struct TypeUse {
        catalog::QualifiedName type;
        std::string what;  // "column b of table public.t"
        SourceLocation where;
    };
    std::vector<TypeUse> type_uses_;  // checked by finish(): user types must be defined
    std::map<const catalog::Acl*, std::set<catalog::AclItem>> effective_acl_;
    std::map<const catalog::Acl*, AclTarget> acl_targets_;

    std::set<catalog::AclItem>& effective(const AclTarget& target);
    AclTarget acl_target_for(char objtype_kind, Node* object, std::size_t offset);
};

// A role as written: a name, "PUBLIC", or CURRENT_USER / CURRENT_ROLE / SESSION_USER.
std::string role_name(const PgQuery__RoleSpec* r);
// An owner: a named role, or "" (not stated) for CURRENT_USER and the like.
std::string owner_name(const PgQuery__RoleSpec* r);

// Privileges that "ALL" means for an object kind code (see AclTarget::kind).
std::vector<std::string> all_privileges(char kind);

}  // namespace pgkeel::load
