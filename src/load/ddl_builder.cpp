// Statement dispatch and the schema-level objects: schemas, extensions, types,
// sequences, comments, privileges and owners.
#include "load/ddl_builder.hpp"

#include <algorithm>
#include <optional>

#include "common/quote.hpp"
#include "common/text.hpp"
#include "parse/names.hpp"
#include "parse/types.hpp"

namespace pgkeel::load {

using namespace catalog;
using parse::str;
using parse::strings;
using parse::upper;

std::string role_name(const PgQuery__RoleSpec* r) {
    if (r == nullptr) return {};
    switch (r->roletype) {
        case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_PUBLIC: return "PUBLIC";
        case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CSTRING: return r->rolename;
        case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CURRENT_ROLE: return "CURRENT_ROLE";
        case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CURRENT_USER: return "CURRENT_USER";
        case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_SESSION_USER: return "SESSION_USER";
        default: return {};
    }
}

std::string owner_name(const PgQuery__RoleSpec* r) {
    // OWNER TO CURRENT_USER and friends mean the applying role: not stated.
    return r != nullptr && r->roletype == PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CSTRING ? r->rolename : "";
}

// ---------------------------------------------------------------- framework

SourceLocation DdlBuilder::where(std::size_t offset) const {
    if (locator_ != nullptr) return (*locator_)(offset);
    if (text_ == nullptr) return SourceLocation{file_, 0, 0};
    // line by binary search, column by counting UTF-8 characters within the line
    for (; lines_scanned_ < std::min(offset, text_->size()); ++lines_scanned_) {
        if ((*text_)[lines_scanned_] == '\n') line_starts_.push_back(lines_scanned_ + 1);
    }
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    std::size_t line_start = *(it - 1);
    SourceLocation loc = locate(file_, std::string_view(*text_).substr(line_start, offset - line_start), offset - line_start);
    loc.line = static_cast<int>(it - line_starts_.begin());
    return loc;
}

void DdlBuilder::fail(const std::string& message, std::size_t offset) const {
    throw_input(message, where(offset));
}

std::size_t DdlBuilder::at(int32_t location) const {
    return location >= 0 ? base_ + static_cast<std::size_t>(location) : stmt_offset_;
}

void DdlBuilder::record(const ObjectKey& key, std::size_t offset) {
    auto [it, inserted] = defined_.emplace(key, where(offset));
    if (!inserted) {
        fail(key.str() + " is defined twice (first at " + it->second.str() + ")", offset);
    }
}

std::string DdlBuilder::expr(Node* n) const { return n == nullptr ? std::string() : parse::deparse_expr(n); }

std::string DdlBuilder::type(const PgQuery__TypeName* tn) const { return parse::canonical_type(tn, default_schema_); }

QualifiedName DdlBuilder::qname(const PgQuery__RangeVar* rv) const { return parse::range_var_name(rv, default_schema_); }

QualifiedName DdlBuilder::qname(const std::vector<std::string>& names) const {
    return parse::qualified_from_list(names, default_schema_);
}

Table& DdlBuilder::table(const QualifiedName& q, std::size_t offset) {
    auto it = cat_.tables.find(q);
    if (it == cat_.tables.end()) fail("table " + q.str() + " is not defined (define it before this statement)", offset);
    return it->second;
}

namespace {
// pg_dump (15.14 and later) writes psql's \restrict and \unrestrict
// meta-commands around a dump. They are blanked out (offsets kept, so error
// positions stay right); any other meta-command is an error.
std::string strip_psql_meta(const std::string& text, const std::string& file) {
    std::string out = text;
    std::size_t pos = 0;
    while (pos < out.size()) {
        std::size_t eol = out.find('\n', pos);
        if (eol == std::string::npos) eol = out.size();
        if (out[pos] == '\\') {
            std::string line = out.substr(pos, eol - pos);
            if (line.rfind("\\restrict", 0) == 0 || line.rfind("\\unrestrict", 0) == 0) {
                for (std::size_t i = pos; i < eol; ++i) out[i] = ' ';
            } else {
                throw_input("psql meta-command " + line.substr(0, line.find(' ')) +
                                " is not supported in a schema file (only \\restrict / \\unrestrict are ignored)",
                            locate(file, text, pos));
            }
        }
        pos = eol + 1;
    }
    return out;
}
}  // namespace

void DdlBuilder::apply_text(const std::string& raw, const std::string& file) {
    std::string text = raw.find('\\') == std::string::npos ? raw : strip_psql_meta(raw, file);
    begin_text(text, file);
    struct Reset {
        DdlBuilder& b;
        ~Reset() { b.end_text(); }
    } reset{*this};
    parse::ParsedScript::each(text, file, [this](const parse::ScriptStatement& st) { apply_parsed(st); });
}

void DdlBuilder::begin_text(const std::string& text, const std::string& file) {
    text_ = &text;
    file_ = file;
    line_starts_.assign(1, 0);
    lines_scanned_ = 0;
}

void DdlBuilder::apply_mapped(const std::string& sql, const Locator& locate) {
    struct Reset {
        DdlBuilder& b;
        ~Reset() {
            b.text_ = nullptr;
            b.locator_ = nullptr;
        }
    } reset{*this};
    text_ = &sql;
    locator_ = &locate;
    std::optional<parse::ParsedScript> script;
    try {
        script.emplace(parse::ParsedScript::parse(sql));
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::Input) throw;
        // where in sql, to be mapped back to where the user wrote it
        parse::ParseTree::Failure failure;
        bool ok = false;
        (void)parse::ParseTree::try_parse(sql, failure, ok);
        throw_input("SQL syntax error: " + failure.message, locate(failure.byte_offset));
    }
    for (const auto& st : script->statements()) apply(st.node, st.offset, st.base);
}

void DdlBuilder::apply(Node* n, std::size_t offset, std::size_t base) {
    base_ = base;
    // stmt_location points at the start of the statement including leading
    // whitespace and comments; move to its first token for messages.
    if (text_ != nullptr) {
        std::size_t i = offset;
        const std::string& t = *text_;
        while (i < t.size()) {
            if (std::isspace(static_cast<unsigned char>(t[i]))) {
                ++i;
            } else if (t.compare(i, 2, "--") == 0) {
                while (i < t.size() && t[i] != '\n') ++i;
            } else if (t.compare(i, 2, "/*") == 0) {
                auto end = t.find("*/", i + 2);
                i = end == std::string::npos ? t.size() : end + 2;
            } else {
                break;
            }
        }
        offset = i;
    }
    stmt_offset_ = offset;
    try {
        apply_statement(n);
    } catch (const Error& e) {
        // Helpers below the statement handlers (type canonicalization, ...)
        // know no text; their input errors point at the statement.
        if (e.kind() != ErrorKind::Input || e.where().line != 0) throw;
        fail(e.message(), offset);
    }
}

void DdlBuilder::apply_statement(Node* n) {
    switch (n->node_case) {
        case PG_QUERY__NODE__NODE_CREATE_SCHEMA_STMT: return create_schema(n->create_schema_stmt);
        case PG_QUERY__NODE__NODE_CREATE_EXTENSION_STMT: return create_extension(n->create_extension_stmt);
        case PG_QUERY__NODE__NODE_CREATE_ENUM_STMT: return create_enum(n->create_enum_stmt);
        case PG_QUERY__NODE__NODE_ALTER_ENUM_STMT: return alter_enum(n->alter_enum_stmt);
        case PG_QUERY__NODE__NODE_CREATE_DOMAIN_STMT: return create_domain(n->create_domain_stmt);
        case PG_QUERY__NODE__NODE_ALTER_DOMAIN_STMT: return alter_domain(n->alter_domain_stmt);
        case PG_QUERY__NODE__NODE_COMPOSITE_TYPE_STMT: return create_composite(n->composite_type_stmt);
        case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT: return create_sequence(n->create_seq_stmt);
        case PG_QUERY__NODE__NODE_ALTER_SEQ_STMT: return alter_sequence(n->alter_seq_stmt);
        case PG_QUERY__NODE__NODE_CREATE_STMT: return create_table(n->create_stmt);
        case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT: return alter_table(n->alter_table_stmt);
        case PG_QUERY__NODE__NODE_INDEX_STMT: return create_index(n->index_stmt);
        case PG_QUERY__NODE__NODE_VIEW_STMT: return create_view(n->view_stmt);
        case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT: return create_matview(n->create_table_as_stmt);
        case PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT: return create_function(n->create_function_stmt);
        case PG_QUERY__NODE__NODE_CREATE_TRIG_STMT: return create_trigger(n->create_trig_stmt);
        case PG_QUERY__NODE__NODE_CREATE_POLICY_STMT: return create_policy(n->create_policy_stmt);
        case PG_QUERY__NODE__NODE_COMMENT_STMT: return comment(n->comment_stmt);
        case PG_QUERY__NODE__NODE_GRANT_STMT: return grant(n->grant_stmt);
        case PG_QUERY__NODE__NODE_ALTER_OWNER_STMT: return alter_owner(n->alter_owner_stmt);
        case PG_QUERY__NODE__NODE_VARIABLE_SET_STMT: return variable_set(n->variable_set_stmt);
        case PG_QUERY__NODE__NODE_SELECT_STMT: return select_noise(n->select_stmt);
        case PG_QUERY__NODE__NODE_REFRESH_MAT_VIEW_STMT: return;  // data, not schema
        default:
            fail("statement " + parse::statement_description(n) +
                     " is not part of the schema model pgkeel manages; remove it from the schema file",
                 stmt_offset_);
    }
}

// ---------------------------------------------------------------- noise

void DdlBuilder::variable_set(const PgQuery__VariableSetStmt* s) {
    if (std::string(s->name) != "search_path") return;  // session settings at the top of a dump
    if (s->n_args > 0) {
        Node* a = s->args[0];
        std::string first;
        if (a->node_case == PG_QUERY__NODE__NODE_A_CONST && a->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL)
            first = a->a_const->sval->sval;
        if (!first.empty()) default_schema_ = first;
    }
}

void DdlBuilder::select_noise(const PgQuery__SelectStmt* s) {
    // pg_dump writes: SELECT pg_catalog.set_config('search_path', '', false);
    if (s->n_target_list == 1 && s->n_from_clause == 0) {
        Node* v = s->target_list[0]->res_target->val;
        if (v != nullptr && v->node_case == PG_QUERY__NODE__NODE_FUNC_CALL) {
            auto names = strings(v->func_call->funcname, v->func_call->n_funcname);
            if (!names.empty() && names.back() == "set_config") {
                if (v->func_call->n_args >= 2) {
                    Node* name = v->func_call->args[0];
                    Node* value = v->func_call->args[1];
                    if (name->node_case == PG_QUERY__NODE__NODE_A_CONST &&
                        name->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL &&
                        std::string(name->a_const->sval->sval) == "search_path" &&
                        value->node_case == PG_QUERY__NODE__NODE_A_CONST &&
                        value->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL) {
                        std::string first = value->a_const->sval->sval;
                        first = first.substr(0, first.find(','));
                        if (!first.empty()) default_schema_ = first;
                    }
                }
                return;
            }
        }
    }
    fail("statement SELECT is not part of the schema model (only SELECT pg_catalog.set_config(...) is accepted)",
         stmt_offset_);
}

// ---------------------------------------------------------------- schemas, extensions

void DdlBuilder::create_schema(const PgQuery__CreateSchemaStmt* s) {
    std::string name = s->schemaname;
    if (name.empty()) name = role_name(s->authrole);
    if (name == "public" && s->if_not_exists) return;
    record({ObjectKind::Schema, name, name, {}}, stmt_offset_);
    Schema& sc = cat_.schemas[name];
    sc.name = name;
    sc.common.owner = owner_name(s->authrole);
    std::string saved = default_schema_;
    default_schema_ = name;
    for (std::size_t i = 0; i < s->n_schema_elts; ++i) apply(s->schema_elts[i], stmt_offset_, base_);
    default_schema_ = saved;
}

void DdlBuilder::create_extension(const PgQuery__CreateExtensionStmt* s) {
    std::string name = s->extname;
    record({ObjectKind::Extension, {}, name, {}}, stmt_offset_);
    Extension& e = cat_.extensions[name];
    e.name = name;
    e.schema = default_schema_;
    for (std::size_t i = 0; i < s->n_options; ++i) {
        const auto* d = s->options[i]->def_elem;
        std::string opt = d->defname;
        if (opt == "schema") e.schema = str(d->arg);
        else if (opt == "new_version") e.version = str(d->arg);
        // "cascade" installs required extensions; they are listed on their own
    }
}

// ---------------------------------------------------------------- types

void DdlBuilder::create_enum(const PgQuery__CreateEnumStmt* s) {
    QualifiedName q = qname(strings(s->type_name, s->n_type_name));
    record({ObjectKind::Enum, q.schema, q.name, {}}, stmt_offset_);
    EnumType& e = cat_.enums[q];
    e.qname = q;
    e.labels = strings(s->vals, s->n_vals);
}

void DdlBuilder::alter_enum(const PgQuery__AlterEnumStmt* s) {
    QualifiedName q = qname(strings(s->type_name, s->n_type_name));
    auto it = cat_.enums.find(q);
    if (it == cat_.enums.end()) fail("enum " + q.str() + " is not defined", stmt_offset_);
    auto& labels = it->second.labels;
    std::string old_val = s->old_val, new_val = s->new_val;
    if (!old_val.empty()) {  // RENAME VALUE
        auto l = std::find(labels.begin(), labels.end(), old_val);
        if (l == labels.end()) fail("enum " + q.str() + " has no label '" + old_val + "'", stmt_offset_);
        *l = new_val;
        return;
    }
    if (std::find(labels.begin(), labels.end(), new_val) != labels.end()) {
        if (s->skip_if_new_val_exists) return;
        fail("enum " + q.str() + " already has label '" + new_val + "'", stmt_offset_);
    }
    std::string neighbor = s->new_val_neighbor;
    if (neighbor.empty()) {
        labels.push_back(new_val);
        return;
    }
    auto pos = std::find(labels.begin(), labels.end(), neighbor);
    if (pos == labels.end()) fail("enum " + q.str() + " has no label '" + neighbor + "'", stmt_offset_);
    labels.insert(s->new_val_is_after ? pos + 1 : pos, new_val);
}

void DdlBuilder::create_domain(const PgQuery__CreateDomainStmt* s) {
    QualifiedName q = qname(strings(s->domainname, s->n_domainname));
    record({ObjectKind::Domain, q.schema, q.name, {}}, stmt_offset_);
    Domain& d = cat_.domains[q];
    d.qname = q;
    d.base_type = type(s->type_name);
    if (s->coll_clause != nullptr) d.collation = parse::collation_name(s->coll_clause->collname, s->coll_clause->n_collname);
    for (std::size_t i = 0; i < s->n_constraints; ++i) {
        const auto* c = s->constraints[i]->constraint;
        switch (c->contype) {
            case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL: d.not_null = true; break;
            case PG_QUERY__CONSTR_TYPE__CONSTR_NULL: d.not_null = false; break;
            case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT: d.default_expr = expr(c->raw_expr); break;
            case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK: {
                std::string name = c->conname;
                if (name.empty()) {
                    name = q.name + "_check";
                    for (int n = 1; std::any_of(d.checks.begin(), d.checks.end(),
                                                [&](const DomainCheck& k) { return k.name == name; });
                         ++n)
                        name = q.name + "_check" + std::to_string(n);
                }
                d.checks.push_back({name, expr(c->raw_expr), false, std::nullopt});
                break;
            }
            default: fail("unsupported domain constraint", at(c->location));
        }
    }
}

void DdlBuilder::alter_domain(const PgQuery__AlterDomainStmt* s) {
    QualifiedName q = qname(strings(s->type_name, s->n_type_name));
    auto it = cat_.domains.find(q);
    if (it == cat_.domains.end()) fail("domain " + q.str() + " is not defined", stmt_offset_);
    Domain& d = it->second;
    std::string sub = s->subtype;
    if (sub == "C" && s->def != nullptr && s->def->node_case == PG_QUERY__NODE__NODE_CONSTRAINT &&
        s->def->constraint->contype == PG_QUERY__CONSTR_TYPE__CONSTR_CHECK) {
        const auto* c = s->def->constraint;
        std::string name = c->conname;
        if (name.empty()) name = q.name + "_check";
        d.checks.push_back({name, expr(c->raw_expr), c->skip_validation != 0, std::nullopt});
        return;
    }
    if (sub == "T") {
        if (s->def == nullptr) d.default_expr.reset();
        else d.default_expr = expr(s->def);
        return;
    }
    if (sub == "O") { d.not_null = true; return; }
    if (sub == "N") { d.not_null = false; return; }
    if (sub == "V") {
        for (auto& k : d.checks)
            if (k.name == s->name) k.not_valid = false;
        return;
    }
    fail("ALTER DOMAIN form not supported in a schema file", stmt_offset_);
}

void DdlBuilder::create_composite(const PgQuery__CompositeTypeStmt* s) {
    QualifiedName q = qname(s->typevar);
    record({ObjectKind::Composite, q.schema, q.name, {}}, stmt_offset_);
    CompositeType& c = cat_.composites[q];
    c.qname = q;
    for (std::size_t i = 0; i < s->n_coldeflist; ++i) {
        const auto* cd = s->coldeflist[i]->column_def;
        CompositeAttribute a{cd->colname, type(cd->type_name), {}};
        if (cd->coll_clause != nullptr) a.collation = parse::collation_name(cd->coll_clause->collname, cd->coll_clause->n_collname);
        c.attributes.push_back(std::move(a));
    }
}

// ---------------------------------------------------------------- sequences

SequenceOptions DdlBuilder::sequence_options(Node* const* opts, std::size_t n, std::string* seq_name) {
    SequenceOptions o;
    for (std::size_t i = 0; i < n; ++i) {
        const auto* d = opts[i]->def_elem;
        std::string name = d->defname;
        bool ok = true;
        auto num = [&]() -> std::optional<int64_t> {
            if (d->arg == nullptr) return std::nullopt;  // NO MINVALUE / NO MAXVALUE
            int64_t v = parse::int_value(d->arg, ok);
            if (!ok) fail("sequence option " + name + " expects an integer", at(d->location));
            return v;
        };
        if (name == "as") o.data_type = type(d->arg->type_name);
        else if (name == "start") o.start = num();
        else if (name == "increment") o.increment = num();
        else if (name == "minvalue") o.min_value = num();
        else if (name == "maxvalue") o.max_value = num();
        else if (name == "cache") o.cache = num();
        else if (name == "cycle") o.cycle = d->arg == nullptr || d->arg->node_case != PG_QUERY__NODE__NODE_BOOLEAN || d->arg->boolean->boolval;
        else if (name == "sequence_name" && seq_name != nullptr) {
            auto names = strings(d->arg->list->items, d->arg->list->n_items);
            *seq_name = names.back();
        } else if (name == "owned_by" || name == "restart") {
            // handled by the caller / not schema
        } else {
            fail("unsupported sequence option " + name, at(d->location));
        }
    }
    return o;
}

void DdlBuilder::create_sequence(const PgQuery__CreateSeqStmt* s) {
    QualifiedName q = qname(s->sequence);
    record({ObjectKind::Sequence, q.schema, q.name, {}}, stmt_offset_);
    Sequence& sq = cat_.sequences[q];
    sq.qname = q;
    sq.unlogged = std::string(s->sequence->relpersistence) == "u";
    sq.options = sequence_options(s->options, s->n_options);
    for (std::size_t i = 0; i < s->n_options; ++i) {
        const auto* d = s->options[i]->def_elem;
        if (std::string(d->defname) == "owned_by") {
            auto names = strings(d->arg->list->items, d->arg->list->n_items);
            if (names.size() >= 2) {
                sq.owned_by_column = names.back();
                names.pop_back();
                sq.owned_by_table = qname(names);
            }
        }
    }
}

void DdlBuilder::alter_sequence(const PgQuery__AlterSeqStmt* s) {
    QualifiedName q = qname(s->sequence);
    auto it = cat_.sequences.find(q);
    if (it == cat_.sequences.end()) fail("sequence " + q.str() + " is not defined", stmt_offset_);
    Sequence& sq = it->second;
    SequenceOptions changed = sequence_options(s->options, s->n_options);
    if (!changed.data_type.empty()) sq.options.data_type = changed.data_type;
    if (changed.start) sq.options.start = changed.start;
    if (changed.increment) sq.options.increment = changed.increment;
    if (changed.min_value) sq.options.min_value = changed.min_value;
    if (changed.max_value) sq.options.max_value = changed.max_value;
    if (changed.cache) sq.options.cache = changed.cache;
    for (std::size_t i = 0; i < s->n_options; ++i) {
        const auto* d = s->options[i]->def_elem;
        std::string name = d->defname;
        if (name == "cycle") sq.options.cycle = changed.cycle;
        if (name == "owned_by") {
            auto names = strings(d->arg->list->items, d->arg->list->n_items);
            if (names.size() == 1 && names[0] == "none") {
                sq.owned_by_table.reset();
                sq.owned_by_column.clear();
            } else if (names.size() >= 2) {
                sq.owned_by_column = names.back();
                names.pop_back();
                sq.owned_by_table = qname(names);
            }
        }
    }
}

// ---------------------------------------------------------------- comments

void DdlBuilder::comment(const PgQuery__CommentStmt* s) {
    std::optional<std::string> text;
    if (s->comment != nullptr && s->comment[0] != '\0') text = s->comment;
    Node* obj = s->object;
    auto list = [&]() {
        if (obj->node_case == PG_QUERY__NODE__NODE_LIST) return strings(obj->list->items, obj->list->n_items);
        return std::vector<std::string>{str(obj)};
    };
    auto missing = [&](const std::string& what) { fail("COMMENT ON " + what + ": object is not defined", stmt_offset_); };
    auto type_name = [&]() -> QualifiedName {
        if (obj->node_case == PG_QUERY__NODE__NODE_TYPE_NAME) return parse::type_qname(obj->type_name, default_schema_);
        return qname(list());
    };
    switch (s->objtype) {
        case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA: {
            std::string n = str(obj);
            auto it = cat_.schemas.find(n);
            if (it == cat_.schemas.end()) {
                if (n == "public") return;  // the default comment of the built-in schema
                missing("SCHEMA " + quote_ident(n));
            }
            it->second.common.comment = text;
            return;
        }
        case PG_QUERY__OBJECT_TYPE__OBJECT_EXTENSION: {
            auto it = cat_.extensions.find(str(obj));
            if (it == cat_.extensions.end()) missing("EXTENSION " + quote_ident(str(obj)));
            it->second.comment = text;
            return;
        }
        case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
        case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
        case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
        case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
        case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX: {
            QualifiedName q = qname(list());
            if (auto t = cat_.tables.find(q); t != cat_.tables.end()) t->second.common.comment = text;
            else if (auto v = cat_.views.find(q); v != cat_.views.end()) v->second.common.comment = text;
            else if (auto sq = cat_.sequences.find(q); sq != cat_.sequences.end()) sq->second.common.comment = text;
            else if (auto ix = cat_.indexes.find(q); ix != cat_.indexes.end()) ix->second.comment = text;
            else {
                // an index that backs a constraint carries the constraint's comment separately
                missing("relation " + q.str());
            }
            return;
        }
        case PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN: {
            auto names = list();
            std::string col = names.back();
            names.pop_back();
            QualifiedName q = qname(names);
            if (auto t = cat_.tables.find(q); t != cat_.tables.end()) {
                Column* c = t->second.find_column(col);
                if (c == nullptr) missing("COLUMN " + q.str() + "." + quote_ident(col));
                c->comment = text;
            } else if (auto v = cat_.views.find(q); v != cat_.views.end()) {
                if (text) v->second.column_comments[col] = *text;
                else v->second.column_comments.erase(col);
            } else if (auto ct = cat_.composites.find(q); ct == cat_.composites.end()) {
                missing("COLUMN " + q.str() + "." + quote_ident(col));
            }
            return;
        }
        case PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT:
        case PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER:
        case PG_QUERY__OBJECT_TYPE__OBJECT_POLICY: {
            auto names = list();
            std::string member = names.back();
            names.pop_back();
            QualifiedName q = qname(names);
            auto t = cat_.tables.find(q);
            if (t == cat_.tables.end()) {
                auto v = cat_.views.find(q);
                if (v == cat_.views.end() || s->objtype != PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER) missing(q.str());
                auto k = v->second.triggers.find(member);
                if (k == v->second.triggers.end()) missing("TRIGGER " + quote_ident(member) + " ON " + q.str());
                k->second.comment = text;
                return;
            }
            Table& tb = t->second;
            if (s->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT) {
                auto k = tb.constraints.find(member);
                if (k == tb.constraints.end()) missing("CONSTRAINT " + quote_ident(member) + " ON " + q.str());
                k->second.comment = text;
            } else if (s->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER) {
                auto k = tb.triggers.find(member);
                if (k == tb.triggers.end()) missing("TRIGGER " + quote_ident(member) + " ON " + q.str());
                k->second.comment = text;
            } else {
                auto k = tb.policies.find(member);
                if (k == tb.policies.end()) missing("POLICY " + quote_ident(member) + " ON " + q.str());
                k->second.comment = text;
            }
            return;
        }
        case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
        case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN: {
            QualifiedName q = type_name();
            if (auto e = cat_.enums.find(q); e != cat_.enums.end()) e->second.common.comment = text;
            else if (auto d = cat_.domains.find(q); d != cat_.domains.end()) d->second.common.comment = text;
            else if (auto c = cat_.composites.find(q); c != cat_.composites.end()) c->second.common.comment = text;
            else missing("TYPE " + q.str());
            return;
        }
        case PG_QUERY__OBJECT_TYPE__OBJECT_DOMCONSTRAINT: {
            const auto* l = obj->list;
            QualifiedName q = parse::type_qname(l->items[0]->type_name, default_schema_);
            std::string name = str(l->items[1]);
            auto d = cat_.domains.find(q);
            if (d == cat_.domains.end()) missing("DOMAIN " + q.str());
            for (auto& k : d->second.checks)
                if (k.name == name) {
                    k.comment = text;
                    return;
                }
            missing("CONSTRAINT " + quote_ident(name) + " ON DOMAIN " + q.str());
            return;
        }
        case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
        case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE:
        case PG_QUERY__OBJECT_TYPE__OBJECT_ROUTINE: {
            Routine* r = find_routine(obj->object_with_args, s->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE,
                                      stmt_offset_);
            r->common.comment = text;
            return;
        }
        default:
            fail("COMMENT ON this kind of object is not part of the schema model", stmt_offset_);
    }
}

// ---------------------------------------------------------------- privileges and owners

std::vector<std::string> all_privileges(char kind) {
    switch (kind) {
        case 'r': return {"DELETE", "INSERT", "REFERENCES", "SELECT", "TRIGGER", "TRUNCATE", "UPDATE"};
        case 's': return {"SELECT", "UPDATE", "USAGE"};
        case 'f': return {"EXECUTE"};
        case 'n': return {"CREATE", "USAGE"};
        case 'T': return {"USAGE"};
        case 'c': return {"INSERT", "REFERENCES", "SELECT", "UPDATE"};
        default: return {};
    }
}

// PostgreSQL's defaults (acldefault): the owner holds everything; PUBLIC may
// execute routines and use types; columns have none. "" stands for the owner.
static std::set<AclItem> default_acl(char kind) {
    std::set<AclItem> out;
    if (kind == 'c') return out;
    for (const auto& p : all_privileges(kind)) out.insert({"", p, false});
    if (kind == 'f' || kind == 'T') out.insert({"PUBLIC", kind == 'f' ? "EXECUTE" : "USAGE", false});
    return out;
}

std::set<AclItem>& DdlBuilder::effective(const AclTarget& target) {
    auto [it, inserted] = effective_acl_.try_emplace(target.acl);
    if (inserted) {
        acl_targets_.emplace(target.acl, target);
        it->second = default_acl(target.kind);
    }
    return it->second;
}

Routine* DdlBuilder::find_routine(const PgQuery__ObjectWithArgs* o, bool procedure, std::size_t offset) {
    QualifiedName q = qname(strings(o->objname, o->n_objname));
    std::vector<Routine*> named;
    for (auto& [k, r] : cat_.routines)
        if (k.qname == q) named.push_back(&r);
    if (o->args_unspecified) {
        if (named.size() == 1) return named[0];
        fail(std::string(procedure ? "procedure " : "function ") + q.str() +
                 (named.empty() ? " is not defined" : " is ambiguous: give its argument types"),
             offset);
    }
    std::vector<std::string> types;
    for (std::size_t i = 0; i < o->n_objargs; ++i) types.push_back(type(o->objargs[i]->type_name));
    std::string args = join(types, ", ");
    auto it = cat_.routines.find({q, args});
    if (it == cat_.routines.end())
        fail(std::string(procedure ? "procedure " : "function ") + q.str() + "(" + args + ") is not defined", offset);
    return &it->second;
}

DdlBuilder::AclTarget DdlBuilder::acl_target_for(char kind, Node* object, std::size_t offset) {
    auto rel = [&](const QualifiedName& q) -> AclTarget {
        if (auto t = cat_.tables.find(q); t != cat_.tables.end()) return {'r', &t->second.common.acl, &t->second.common.owner};
        if (auto v = cat_.views.find(q); v != cat_.views.end()) return {'r', &v->second.common.acl, &v->second.common.owner};
        if (auto s = cat_.sequences.find(q); s != cat_.sequences.end()) return {'s', &s->second.common.acl, &s->second.common.owner};
        // the implicit sequence of an identity column
        for (auto& [tq, t] : cat_.tables) {
            if (tq.schema != q.schema) continue;
            for (auto& c : t.columns)
                if (c.identity != Identity::None && t.identity_sequence_name(c) == q.name)
                    return {'s', &c.identity_acl, &t.common.owner};
        }
        fail("GRANT: relation " + q.str() + " is not defined", offset);
    };
    switch (kind) {
        case 'r': return rel(qname(object->range_var));
        case 'n': {
            std::string n = str(object);
            auto it = cat_.schemas.find(n);
            if (it == cat_.schemas.end()) {
                if (n == "public") fail("privileges on the built-in schema public are not modelled", offset);
                fail("GRANT: schema " + quote_ident(n) + " is not defined", offset);
            }
            return {'n', &it->second.common.acl, &it->second.common.owner};
        }
        case 'f': {
            Routine* r = find_routine(object->object_with_args, false, offset);
            return {'f', &r->common.acl, &r->common.owner};
        }
        case 'T': {
            QualifiedName q = object->node_case == PG_QUERY__NODE__NODE_TYPE_NAME
                                  ? parse::type_qname(object->type_name, default_schema_)
                                  : qname(strings(object->list->items, object->list->n_items));
            if (auto e = cat_.enums.find(q); e != cat_.enums.end()) return {'T', &e->second.common.acl, &e->second.common.owner};
            if (auto d = cat_.domains.find(q); d != cat_.domains.end()) return {'T', &d->second.common.acl, &d->second.common.owner};
            if (auto c = cat_.composites.find(q); c != cat_.composites.end()) return {'T', &c->second.common.acl, &c->second.common.owner};
            fail("GRANT: type " + q.str() + " is not defined", offset);
        }
        default: fail("GRANT on this kind of object is not part of the schema model", offset);
    }
}

void DdlBuilder::grant(const PgQuery__GrantStmt* s) {
    if (s->targtype != PG_QUERY__GRANT_TARGET_TYPE__ACL_TARGET_OBJECT)
        fail("GRANT ... ON ALL ... IN SCHEMA is not supported; grant on each object", stmt_offset_);
    char kind = 0;
    switch (s->objtype) {
        case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE: kind = 'r'; break;
        case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE: kind = 'r'; break;  // resolved by relation kind
        case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
        case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE:
        case PG_QUERY__OBJECT_TYPE__OBJECT_ROUTINE: kind = 'f'; break;
        case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA: kind = 'n'; break;
        case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
        case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN: kind = 'T'; break;
        default: fail("GRANT on this kind of object is not part of the schema model", stmt_offset_);
    }
    std::vector<std::string> grantees;
    for (std::size_t i = 0; i < s->n_grantees; ++i) grantees.push_back(role_name(s->grantees[i]->role_spec));
    for (std::size_t o = 0; o < s->n_objects; ++o) {
        AclTarget target = acl_target_for(kind, s->objects[o], stmt_offset_);
        // privileges: empty list = ALL; column lists go to the columns
        struct Priv {
            std::string name;
            std::vector<std::string> cols;
        };
        std::vector<Priv> privs;
        if (s->n_privileges == 0) {
            for (const auto& p : all_privileges(target.kind)) privs.push_back({p, {}});
        } else {
            for (std::size_t i = 0; i < s->n_privileges; ++i) {
                const auto* ap = s->privileges[i]->access_priv;
                std::string name = ap->priv_name != nullptr && ap->priv_name[0] != '\0' ? upper(ap->priv_name) : "ALL";
                auto cols = strings(ap->cols, ap->n_cols);
                if (name == "ALL") {
                    for (const auto& p : all_privileges(cols.empty() ? target.kind : 'c')) privs.push_back({p, cols});
                } else {
                    privs.push_back({name, cols});
                }
            }
        }
        for (const auto& p : privs) {
            std::vector<AclTarget> targets;
            if (p.cols.empty()) {
                targets.push_back(target);
            } else {
                QualifiedName q = qname(s->objects[o]->range_var);
                Table& t = table(q, stmt_offset_);
                for (const auto& col : p.cols) {
                    Column* c = t.find_column(col);
                    if (c == nullptr) fail("GRANT: column " + quote_ident(col) + " of " + q.str() + " is not defined", stmt_offset_);
                    targets.push_back({'c', &c->acl, nullptr});
                }
            }
            for (const auto& tg : targets) {
                auto& eff = effective(tg);
                for (const auto& g : grantees) {
                    bool is_owner = (tg.owner != nullptr && g == *tg.owner) ||
                                    ((tg.owner == nullptr || tg.owner->empty()) &&
                                     (g == "CURRENT_USER" || g == "CURRENT_ROLE" || g == "SESSION_USER"));
                    std::string who = is_owner ? "" : g;
                    if (s->is_grant) {
                        eff.erase({who, p.name, !s->grant_option});
                        eff.insert({who, p.name, s->grant_option != 0});
                    } else if (s->grant_option) {  // REVOKE GRANT OPTION FOR
                        if (eff.erase({who, p.name, true}) > 0) eff.insert({who, p.name, false});
                    } else {
                        eff.erase({who, p.name, false});
                        eff.erase({who, p.name, true});
                    }
                }
            }
        }
    }
}

void DdlBuilder::alter_owner(const PgQuery__AlterOwnerStmt* s) {
    std::string owner = owner_name(s->newowner);
    Node* obj = s->object;
    switch (s->object_type) {
        case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA: {
            std::string n = str(obj);
            auto it = cat_.schemas.find(n);
            if (it == cat_.schemas.end()) {
                if (n == "public") return;  // owner of the built-in schema is not modelled
                fail("schema " + quote_ident(n) + " is not defined", stmt_offset_);
            }
            it->second.common.owner = owner;
            return;
        }
        case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
        case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE:
        case PG_QUERY__OBJECT_TYPE__OBJECT_ROUTINE:
            find_routine(obj->object_with_args, s->object_type == PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE, stmt_offset_)
                ->common.owner = owner;
            return;
        case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
        case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN: {
            QualifiedName q = obj->node_case == PG_QUERY__NODE__NODE_TYPE_NAME
                                  ? parse::type_qname(obj->type_name, default_schema_)
                                  : qname(strings(obj->list->items, obj->list->n_items));
            if (auto e = cat_.enums.find(q); e != cat_.enums.end()) e->second.common.owner = owner;
            else if (auto d = cat_.domains.find(q); d != cat_.domains.end()) d->second.common.owner = owner;
            else if (auto c = cat_.composites.find(q); c != cat_.composites.end()) c->second.common.owner = owner;
            else fail("type " + q.str() + " is not defined", stmt_offset_);
            return;
        }
        case PG_QUERY__OBJECT_TYPE__OBJECT_EXTENSION: return;  // extensions are owned by whoever creates them
        default: fail("ALTER ... OWNER TO on this kind of object is not part of the schema model", stmt_offset_);
    }
}

// ---------------------------------------------------------------- finish

void DdlBuilder::finish() {
    // Foreign keys: the referenced table exists, and bare REFERENCES t means its primary key.
    for (const auto& [tq, kname] : fk_checks_) {
        Constraint& k = cat_.tables.at(tq).constraints.at(kname);
        auto ref = cat_.tables.find(k.ref_table);
        if (ref == cat_.tables.end()) {
            throw_input("foreign key " + quote_ident(kname) + " on " + tq.str() + " references table " +
                            k.ref_table.str() + ", which is not defined",
                        defined_.at({ObjectKind::Constraint, tq.schema, tq.name, kname}));
        }
        if (k.ref_columns.empty()) {
            for (const auto& [_, rk] : ref->second.constraints)
                if (rk.type == ConstraintType::PrimaryKey) k.ref_columns = rk.columns;
            if (k.ref_columns.empty())
                throw_input("foreign key " + quote_ident(kname) + " on " + tq.str() + ": table " + k.ref_table.str() +
                                " has no primary key; name the referenced columns",
                            defined_.at({ObjectKind::Constraint, tq.schema, tq.name, kname}));
        }
    }
    // Columns named by constraints and indexes exist (a partition's are its root's).
    auto with_columns = [&](const Table& t) {
        const Table* r = &t;
        for (int depth = 0; r->partition_of && depth < 64; ++depth) {
            auto p = cat_.tables.find(*r->partition_of);
            if (p == cat_.tables.end()) break;
            r = &p->second;
        }
        return r;
    };
    // A column named by an object must exist. what() names the object and
    // key() gives its key; both are built only for a missing column, and an
    // object this builder did not define (no location to report) is let be.
    auto require_one = [&](const std::string& c, const Table& in, const auto& what, const auto& key) {
        if (in.find_column(c) != nullptr) return;
        auto where = defined_.find(key());
        if (where == defined_.end()) return;
        throw_input(what() + ": column " + quote_ident(c) + " of " + in.qname.str() + " is not defined", where->second);
    };
    auto require = [&](const std::vector<std::string>& cols, const Table& in, const auto& what, const auto& key) {
        for (const auto& c : cols) require_one(c, in, what, key);
    };
    for (const auto& [tq, t] : cat_.tables) {
        const Table& cols = *with_columns(t);
        for (const auto& [kname, k] : t.constraints) {
            auto key = [&] { return ObjectKey{ObjectKind::Constraint, tq.schema, tq.name, kname}; };
            auto what = [&] { return "constraint " + quote_ident(kname) + " on " + tq.str(); };
            require(k.columns, cols, what, key);
            require(k.include, cols, what, key);
            require(k.on_delete_columns, cols, what, key);
            for (const auto& x : k.exclude)
                if (!x.element.column.empty()) require_one(x.element.column, cols, what, key);
            if (k.type == ConstraintType::ForeignKey)
                if (auto ref = cat_.tables.find(k.ref_table); ref != cat_.tables.end())
                    require(k.ref_columns, *with_columns(ref->second), what, key);
        }
    }
    for (const auto& [iq, ix] : cat_.indexes) {
        auto t = cat_.tables.find(ix.table);
        if (t == cat_.tables.end()) continue;  // materialized views: columns not modelled
        auto key = [&] { return ObjectKey{ObjectKind::Index, iq.schema, iq.name, {}}; };
        const Table& cols = *with_columns(t->second);
        auto what = [&] { return "index " + quote_ident(iq.name) + " on " + ix.table.str(); };
        for (const auto& e : ix.elements)
            if (!e.column.empty()) require_one(e.column, cols, what, key);
        require(ix.include, cols, what, key);
    }
    // Types of columns: defined here, or possibly by an extension in that schema.
    for (const auto& use : type_uses_) {
        if (cat_.has_type(use.type)) continue;
        bool extension_schema = std::any_of(cat_.extensions.begin(), cat_.extensions.end(),
                                            [&](const auto& e) { return e.second.schema == use.type.schema; });
        if (!extension_schema) throw_input(use.what + ": type " + use.type.str() + " is not defined", use.where);
    }
    // Privileges relative to the defaults.
    for (auto& [acl_ptr, eff] : effective_acl_) {
        const AclTarget& target = acl_targets_.at(acl_ptr);
        Acl& acl = *const_cast<Acl*>(acl_ptr);
        std::string owner = target.owner != nullptr ? *target.owner : std::string();
        const std::set<AclItem> dflt = default_acl(target.kind);
        acl.grants.clear();
        acl.revokes.clear();
        auto named = [&](AclItem a) {
            if (a.grantee.empty()) a.grantee = owner.empty() ? std::string("OWNER") : owner;
            return a;
        };
        for (const auto& a : eff)
            if (!dflt.contains(a)) acl.grants.push_back(named(a));
        for (const auto& a : dflt)
            if (!eff.contains(a)) acl.revokes.push_back(named(a));
    }
    // Partitions: columns, constraints and indexes come from the parent.
    // A partition created on its own and attached later (as pg_dump writes it)
    // repeats the parent's CHECK constraints, which the server keeps as inherited.
    for (auto& [q, t] : cat_.tables) {
        if (!t.partition_of) continue;
        t.columns.clear();
        auto parent = cat_.tables.find(*t.partition_of);
        if (parent == cat_.tables.end()) continue;
        std::erase_if(t.constraints, [&](const auto& item) {
            const Constraint& k = item.second;
            auto pk = parent->second.constraints.find(item.first);
            return k.type == ConstraintType::Check && pk != parent->second.constraints.end() &&
                   pk->second.type == ConstraintType::Check && pk->second.expr == k.expr && !pk->second.no_inherit;
        });
    }
    // An index attached to a partitioned index is the partition's share of
    // it: the index, or the constraint it backs (index names are unique in a
    // schema), goes with the parent's.
    if (!attached_child_indexes_.empty()) {
        for (const auto& child : attached_child_indexes_) cat_.indexes.erase(child);
        for (auto& [q, t] : cat_.tables)
            std::erase_if(t.constraints, [&](const auto& item) {
                const ConstraintType type = item.second.type;
                return type != ConstraintType::Check && type != ConstraintType::ForeignKey &&
                       attached_child_indexes_.contains(QualifiedName{q.schema, item.first});
            });
    }
}

}  // namespace pgkeel::load
