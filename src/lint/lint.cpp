#include "lint/lint.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "catalog/model.hpp"
#include "common/text.hpp"
#include "parse/pg_tree.hpp"

namespace pgkeel::lint {

using parse::Node;

const char* severity_name(Severity s) {
    switch (s) {
        case Severity::Info: return "info";
        case Severity::Warning: return "warning";
        case Severity::Error: return "error";
    }
    return "warning";
}

bool parse_severity(const std::string& name, Severity& out) {
    for (Severity s : {Severity::Info, Severity::Warning, Severity::Error})
        if (name == severity_name(s)) {
            out = s;
            return true;
        }
    return false;
}

const std::vector<Rule>& rules() {
    static const std::vector<Rule> all = {
        {"index-not-concurrent", Severity::Warning, "CREATE INDEX on an existing table without CONCURRENTLY blocks writes"},
        {"drop-index-not-concurrent", Severity::Warning, "DROP INDEX without CONCURRENTLY blocks reads and writes"},
        {"concurrently-in-transaction", Severity::Error, "CONCURRENTLY cannot run inside a transaction block"},
        {"constraint-not-valid", Severity::Warning, "FOREIGN KEY or CHECK added without NOT VALID scans the table under lock"},
        {"unique-without-index", Severity::Warning, "PRIMARY KEY or UNIQUE added without USING INDEX builds the index under lock"},
        {"exclusion-constraint", Severity::Warning, "EXCLUDE constraint added to an existing table builds its index under lock"},
        {"set-not-null", Severity::Warning, "SET NOT NULL scans the table under ACCESS EXCLUSIVE"},
        {"volatile-default", Severity::Warning, "ADD COLUMN with a volatile default rewrites the table"},
        {"stored-column-added", Severity::Warning, "ADD COLUMN with an identity or stored generated value rewrites the table"},
        {"column-type-change", Severity::Warning, "ALTER COLUMN TYPE may rewrite the table under ACCESS EXCLUSIVE"},
        {"table-rewrite", Severity::Warning, "SET LOGGED / UNLOGGED, VACUUM FULL and CLUSTER rewrite the table under ACCESS EXCLUSIVE"},
        {"reindex-not-concurrent", Severity::Warning, "REINDEX without CONCURRENTLY blocks writes"},
        {"drop-table", Severity::Error, "DROP TABLE deletes data"},
        {"drop-column", Severity::Error, "DROP COLUMN deletes data"},
        {"rename", Severity::Warning, "renaming a table or column breaks the application code that still uses the old name"},
        {"missing-lock-timeout", Severity::Warning, "a statement that takes a strong lock runs without lock_timeout"},
        {"hazard-deletes-data", Severity::Error, "plan hazard DELETES_DATA"},
        {"hazard-table-rewrite", Severity::Warning, "plan hazard TABLE_REWRITE"},
        {"hazard-access-exclusive-lock", Severity::Warning, "plan hazard ACCESS_EXCLUSIVE_LOCK"},
        {"hazard-share-lock", Severity::Warning, "plan hazard SHARE_LOCK"},
        {"hazard-index-build", Severity::Info, "plan hazard INDEX_BUILD"},
        {"hazard-index-dropped", Severity::Warning, "plan hazard INDEX_DROPPED"},
        {"hazard-validation-scan", Severity::Info, "plan hazard VALIDATION_SCAN"},
        {"hazard-untrackable-dependencies", Severity::Info, "plan hazard UNTRACKABLE_DEPENDENCIES"},
        {"hazard-authz-update", Severity::Warning, "plan hazard AUTHZ_UPDATE"},
        {"hazard-extension-upgrade", Severity::Warning, "plan hazard EXTENSION_UPGRADE"},
        {"hazard-backfill", Severity::Info, "plan hazard BACKFILL"},
    };
    return all;
}

namespace {

Severity severity_of(const std::string& code) {
    for (const auto& r : rules())
        if (code == r.code) return r.severity;
    return Severity::Warning;
}

std::string relation_name(const PgQuery__RangeVar* r) {
    if (r == nullptr) return {};
    std::string schema = r->schemaname != nullptr ? r->schemaname : "";
    return (schema.empty() ? "public" : schema) + "." + (r->relname != nullptr ? r->relname : "");
}

// Codes named by `-- pgkeel-lint: ignore a, b` lines in a statement's leading comments.
std::set<std::string> ignored(const std::string& leading) {
    std::set<std::string> out;
    static const std::string marker = "pgkeel-lint: ignore";
    for (auto pos = leading.find(marker); pos != std::string::npos; pos = leading.find(marker, pos + 1)) {
        std::size_t i = pos + marker.size();
        std::size_t eol = leading.find('\n', i);
        std::string list = leading.substr(i, eol == std::string::npos ? std::string::npos : eol - i);
        std::string code;
        for (char c : list + ",") {
            if (c == ',' || c == ' ' || c == '\t' || c == '\r') {
                if (!code.empty()) out.insert(code);
                code.clear();
            } else {
                code += c;
            }
        }
    }
    return out;
}

bool def_option(Node* const* items, std::size_t n, const char* name) {
    for (std::size_t i = 0; i < n; ++i)
        if (items[i]->node_case == PG_QUERY__NODE__NODE_DEF_ELEM && std::string(items[i]->def_elem->defname) == name) return true;
    return false;
}

class Linter {
public:
    Linter(const std::string& text, const std::string& file) : text_(text), file_(file) {}

    std::vector<Finding> run() {
        parse::ParseTree::Failure failure;
        bool ok = false;
        parse::ParseTree tree = parse::ParseTree::try_parse(text_, failure, ok);
        if (!ok) throw_input("SQL syntax error: " + failure.message, locate(file_, text_, failure.byte_offset));
        for (const auto& st : tree.statements()) statement(st);
        return std::move(out_);
    }

private:
    const std::string& text_;
    std::string file_;
    std::vector<Finding> out_;
    std::set<std::string> created_;  // tables created in this file: no rows, no readers yet
    std::set<std::string> skip_;     // codes ignored for the current statement
    std::size_t at_ = 0;             // first token of the current statement
    bool lock_timeout_ = false;
    bool reported_lock_timeout_ = false;
    bool in_transaction_ = false;

    void report(const std::string& code, const std::string& message, const std::string& fix) {
        if (skip_.contains(code)) return;
        out_.push_back({code, severity_of(code), locate(file_, text_, at_), message, fix});
    }

    // A statement that takes a strong lock on an existing table.
    void strong_lock(const std::string& table) {
        if (lock_timeout_ || reported_lock_timeout_ || created_.contains(table)) return;
        reported_lock_timeout_ = true;
        report("missing-lock-timeout", "this statement locks " + table + " with no lock_timeout set: if it waits for the lock, every query on the table queues behind it",
               "start the migration with SET lock_timeout = '5s' (SET LOCAL inside a transaction) and retry on timeout");
    }

    void statement(const parse::Statement& st) {
        std::size_t i = st.offset;
        while (i < text_.size()) {  // skip to the first token, keeping the leading comments
            if (std::isspace(static_cast<unsigned char>(text_[i]))) {
                ++i;
            } else if (text_.compare(i, 2, "--") == 0) {
                while (i < text_.size() && text_[i] != '\n') ++i;
            } else if (text_.compare(i, 2, "/*") == 0) {
                auto end = text_.find("*/", i + 2);
                i = end == std::string::npos ? text_.size() : end + 2;
            } else {
                break;
            }
        }
        at_ = i;
        skip_ = ignored(text_.substr(st.offset, i - st.offset));
        Node* n = st.node;
        switch (n->node_case) {
            case PG_QUERY__NODE__NODE_CREATE_STMT: created_.insert(relation_name(n->create_stmt->relation)); break;
            case PG_QUERY__NODE__NODE_TRANSACTION_STMT: transaction(n->transaction_stmt); break;
            case PG_QUERY__NODE__NODE_VARIABLE_SET_STMT:
                if (n->variable_set_stmt->name != nullptr && std::string(n->variable_set_stmt->name) == "lock_timeout") lock_timeout_ = true;
                break;
            case PG_QUERY__NODE__NODE_INDEX_STMT: index(n->index_stmt); break;
            case PG_QUERY__NODE__NODE_DROP_STMT: drop(n->drop_stmt); break;
            case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT: alter_table(n->alter_table_stmt); break;
            case PG_QUERY__NODE__NODE_RENAME_STMT: rename(n->rename_stmt); break;
            case PG_QUERY__NODE__NODE_CLUSTER_STMT:
                report("table-rewrite", "CLUSTER rewrites the table under ACCESS EXCLUSIVE", "use pg_repack, or schedule it in a maintenance window");
                break;
            case PG_QUERY__NODE__NODE_VACUUM_STMT:
                if (def_option(n->vacuum_stmt->options, n->vacuum_stmt->n_options, "full"))
                    report("table-rewrite", "VACUUM FULL rewrites the table under ACCESS EXCLUSIVE", "use plain VACUUM, or pg_repack");
                break;
            case PG_QUERY__NODE__NODE_REINDEX_STMT:
                if (!def_option(n->reindex_stmt->params, n->reindex_stmt->n_params, "concurrently"))
                    report("reindex-not-concurrent", "REINDEX without CONCURRENTLY blocks writes while it runs", "use REINDEX ... CONCURRENTLY");
                break;
            default: break;
        }
    }

    void transaction(const PgQuery__TransactionStmt* t) {
        switch (t->kind) {
            case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_BEGIN:
            case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_START: in_transaction_ = true; break;
            case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT:
            case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK:
                in_transaction_ = false;
                lock_timeout_ = false;  // SET LOCAL ended with the transaction
                break;
            default: break;
        }
    }

    void concurrently_outside(const char* what) {
        if (in_transaction_)
            report("concurrently-in-transaction", std::string(what) + " CONCURRENTLY fails inside a transaction block",
                   "run it after COMMIT, on its own");
    }

    void index(const PgQuery__IndexStmt* s) {
        std::string table = relation_name(s->relation);
        if (s->concurrent) {
            concurrently_outside("CREATE INDEX");
            return;
        }
        if (created_.contains(table)) return;
        report("index-not-concurrent", "CREATE INDEX on " + table + " blocks writes to it until the index is built",
               "use CREATE INDEX CONCURRENTLY, outside a transaction");
        strong_lock(table);
    }

    void drop(const PgQuery__DropStmt* s) {
        switch (s->remove_type) {
            case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
                if (s->concurrent) concurrently_outside("DROP INDEX");
                else report("drop-index-not-concurrent", "DROP INDEX takes ACCESS EXCLUSIVE on its table", "use DROP INDEX CONCURRENTLY, outside a transaction");
                break;
            case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
            case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
                report("drop-table", "DROP deletes the table and its rows", "make sure nothing reads it any more and that a backup exists; silence with -- pgkeel-lint: ignore drop-table");
                break;
            default: break;
        }
    }

    void rename(const PgQuery__RenameStmt* s) {
        if (s->rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_TABLE || s->rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN)
            report("rename", "renaming breaks the running application's queries that still use the old name",
                   "deploy code that works with both names first, or add the new name and backfill (expand / contract)");
    }

    void alter_table(const PgQuery__AlterTableStmt* s) {
        std::string table = relation_name(s->relation);
        bool fresh = created_.contains(table);
        bool locks = false;
        for (std::size_t i = 0; i < s->n_cmds; ++i) {
            const auto* c = s->cmds[i]->alter_table_cmd;
            const Node* def = c->def;
            switch (c->subtype) {
                case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn: {
                    locks = true;
                    if (fresh || def == nullptr || def->node_case != PG_QUERY__NODE__NODE_COLUMN_DEF) break;
                    const auto* col = def->column_def;
                    for (std::size_t k = 0; k < col->n_constraints; ++k) {
                        const auto* con = col->constraints[k]->constraint;
                        if (con->contype == PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT && con->raw_expr != nullptr &&
                            catalog::calls_volatile_builtin(parse::deparse_expr(con->raw_expr)))
                            report("volatile-default", "column " + std::string(col->colname) + " gets a volatile default: every row of " + table + " is rewritten",
                                   "add the column without the default, SET DEFAULT, then backfill existing rows in batches");
                        if (con->contype == PG_QUERY__CONSTR_TYPE__CONSTR_IDENTITY || con->contype == PG_QUERY__CONSTR_TYPE__CONSTR_GENERATED)
                            report("stored-column-added", "column " + std::string(col->colname) + " is filled for every row: " + table + " is rewritten",
                                   "add a plain column, backfill it in batches, then convert it");
                    }
                    break;
                }
                case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn:
                    locks = true;
                    report("drop-column", "DROP COLUMN " + std::string(c->name != nullptr ? c->name : "") + " deletes its values",
                           "stop reading and writing the column in the application first; silence with -- pgkeel-lint: ignore drop-column");
                    break;
                case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnType:
                    locks = true;
                    if (!fresh)
                        report("column-type-change", "changing the type of " + std::string(c->name != nullptr ? c->name : "") +
                                                         " may rewrite " + table + " under ACCESS EXCLUSIVE",
                               "only binary-coercible changes (varchar(n) to varchar(m > n) or text, ...) skip the rewrite; otherwise add a new column and backfill");
                    break;
                case PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull:
                    locks = true;
                    if (!fresh)
                        report("set-not-null", "SET NOT NULL scans every row of " + table + " under ACCESS EXCLUSIVE",
                               "ADD CONSTRAINT ... CHECK (col IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT, then SET NOT NULL (no scan) and drop the check");
                    break;
                case PG_QUERY__ALTER_TABLE_TYPE__AT_SetLogged:
                case PG_QUERY__ALTER_TABLE_TYPE__AT_SetUnLogged:
                    locks = true;
                    if (!fresh) report("table-rewrite", "SET LOGGED / UNLOGGED rewrites " + table, "schedule it when the table can be locked");
                    break;
                case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint: {
                    locks = true;
                    if (fresh || def == nullptr || def->node_case != PG_QUERY__NODE__NODE_CONSTRAINT) break;
                    const auto* con = def->constraint;
                    switch (con->contype) {
                        case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN:
                        case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK:
                            if (!con->skip_validation)
                                report("constraint-not-valid", "the new constraint is checked against every row of " + table + " while the lock is held",
                                       "ADD CONSTRAINT ... NOT VALID, then ALTER TABLE ... VALIDATE CONSTRAINT (a weaker lock)");
                            break;
                        case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
                        case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
                            if (con->indexname == nullptr || con->indexname[0] == '\0')
                                report("unique-without-index", "the index behind the key is built while " + table + " is locked",
                                       "CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT ... USING INDEX");
                            break;
                        case PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION:
                            report("exclusion-constraint", "the exclusion constraint's index is built while " + table + " is locked",
                                   "schedule it when the table can be locked");
                            break;
                        default: break;
                    }
                    break;
                }
                default: locks = true; break;
            }
        }
        if (locks) strong_lock(table);
    }
};

}  // namespace

std::vector<Finding> lint_sql(const std::string& text, const std::string& file) { return Linter(text, file).run(); }

std::vector<Finding> lint_plan(const plan::Plan& p, const std::string& where) {
    std::vector<Finding> out;
    for (const auto& s : p.steps) {
        for (const auto& h : s.change.hazards) {
            std::string code = "hazard-" + std::string(diff::hazard_name(h.hazard));
            std::transform(code.begin(), code.end(), code.begin(), [](unsigned char c) { return c == '_' ? '-' : std::tolower(c); });
            std::string fix;
            switch (h.hazard) {
                case diff::Hazard::DeletesData: fix = "declare a rename (renamed_from) if the object moved; otherwise back up and allow with --allow-hazards=DELETES_DATA"; break;
                case diff::Hazard::TableRewrite:
                case diff::Hazard::AccessExclusiveLock: fix = "add a new column and backfill it, or apply in a maintenance window"; break;
                case diff::Hazard::ShareLock: fix = "apply when writes to the table can wait"; break;
                case diff::Hazard::IndexDropped: fix = "check that no query needs the index"; break;
                case diff::Hazard::AuthzUpdate: fix = "review who gains or loses access"; break;
                case diff::Hazard::ExtensionUpgrade: fix = "read the extension's release notes"; break;
                default: fix = "review the step; allow with --allow-hazards"; break;
            }
            // member by member: GCC 12 -O2 warns (falsely) on the aggregate form
            Finding& f = out.emplace_back();
            f.code = code;
            f.severity = severity_of(code);
            f.where.file = where;
            f.message = "step " + std::to_string(s.number) + " (" + s.change.summary + "): " + h.why;
            f.fix = fix;
        }
    }
    return out;
}

}  // namespace pgkeel::lint
