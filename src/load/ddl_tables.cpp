// Tables, columns, constraints, indexes, views and materialized views.
#include <algorithm>

#include "common/quote.hpp"
#include "common/text.hpp"
#include "load/ddl_builder.hpp"
#include "parse/names.hpp"
#include "parse/types.hpp"

namespace pgkeel::load {

using namespace catalog;
using parse::str;
using parse::strings;

namespace {

constexpr std::size_t kMaxIdentifier = 63;  // NAMEDATALEN - 1

// PostgreSQL's makeObjectName(): name1_name2_label, shortening the longer part
// until it fits in 63 bytes (without splitting a UTF-8 character).
std::string make_object_name(std::string name1, std::string name2, const std::string& label) {
    std::size_t overhead = label.empty() ? 0 : label.size() + 1;
    if (!name2.empty()) overhead += 1;
    std::size_t avail = kMaxIdentifier - overhead;
    auto clip = [](std::string& s, std::size_t n) {
        while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
        s.resize(n);
    };
    std::size_t n1 = name1.size(), n2 = name2.size();
    while (n1 + n2 > avail) {
        if (n1 > n2) --n1;
        else --n2;
    }
    if (n1 < name1.size()) clip(name1, n1);
    if (n2 < name2.size()) clip(name2, n2);
    std::string out = name1;
    if (!name2.empty()) out += "_" + name2;
    if (!label.empty()) out += "_" + label;
    return out;
}

std::string collation_name(const PgQuery__CollateClause* c) {
    return c == nullptr ? std::string() : parse::collation_name(c->collname, c->n_collname);
}
using parse::collation_name;

FkAction fk_action(const char* c) {
    switch (c != nullptr ? c[0] : 'a') {
        case 'r': return FkAction::Restrict;
        case 'c': return FkAction::Cascade;
        case 'n': return FkAction::SetNull;
        case 'd': return FkAction::SetDefault;
        default: return FkAction::NoAction;
    }
}

// WITH (...) storage parameters as sorted "name=value" strings.
std::vector<std::string> reloptions(Node* const* opts, std::size_t n) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < n; ++i) {
        const auto* d = opts[i]->def_elem;
        std::string name = d->defname;
        if (d->defnamespace != nullptr && d->defnamespace[0] != '\0') name = std::string(d->defnamespace) + "." + name;
        std::string value;
        const Node* a = d->arg;
        if (a == nullptr) value = "true";
        else if (a->node_case == PG_QUERY__NODE__NODE_INTEGER) value = std::to_string(a->integer->ival);
        else if (a->node_case == PG_QUERY__NODE__NODE_FLOAT) value = a->float_->fval;
        else if (a->node_case == PG_QUERY__NODE__NODE_BOOLEAN) value = a->boolean->boolval ? "true" : "false";
        else if (a->node_case == PG_QUERY__NODE__NODE_TYPE_NAME) value = join(strings(a->type_name->names, a->type_name->n_names), ".");
        else value = str(a);
        static const std::vector<std::string> booleans = {"on", "yes", "1", "t", "true"};
        static const std::vector<std::string> falses = {"off", "no", "0", "f", "false"};
        if (std::find(booleans.begin(), booleans.end(), value) != booleans.end() && name != "fillfactor") value = "true";
        if (std::find(falses.begin(), falses.end(), value) != falses.end() && name != "fillfactor") value = "false";
        out.push_back(name + "=" + value);
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::string partition_bound(const PgQuery__PartitionBoundSpec* b, const DdlBuilder& builder) {
    if (b->is_default) return "DEFAULT";
    auto list = [&](Node* const* items, std::size_t n) {
        std::vector<std::string> parts;
        for (std::size_t i = 0; i < n; ++i) parts.push_back(builder.expr(items[i]));
        return join(parts, ", ");
    };
    std::string strategy = b->strategy;
    if (strategy == "h")
        return "FOR VALUES WITH (modulus " + std::to_string(b->modulus) + ", remainder " + std::to_string(b->remainder) + ")";
    if (strategy == "l") return "FOR VALUES IN (" + list(b->listdatums, b->n_listdatums) + ")";
    return "FOR VALUES FROM (" + list(b->lowerdatums, b->n_lowerdatums) + ") TO (" +
           list(b->upperdatums, b->n_upperdatums) + ")";
}

// PostgreSQL's FigureColname() for an index expression: the name an
// auto-generated index name uses for it.
std::string figure_colname(const Node* n) {
    if (n == nullptr) return "expr";
    switch (n->node_case) {
        case PG_QUERY__NODE__NODE_COLUMN_REF: {
            const auto* c = n->column_ref;
            if (c->n_fields > 0 && c->fields[c->n_fields - 1]->node_case == PG_QUERY__NODE__NODE_STRING)
                return str(c->fields[c->n_fields - 1]);
            return "expr";
        }
        case PG_QUERY__NODE__NODE_FUNC_CALL: {
            auto names = strings(n->func_call->funcname, n->func_call->n_funcname);
            return names.empty() ? "expr" : names.back();
        }
        case PG_QUERY__NODE__NODE_TYPE_CAST: {
            std::string inner = figure_colname(n->type_cast->arg);
            if (inner != "expr") return inner;
            auto names = strings(n->type_cast->type_name->names, n->type_cast->type_name->n_names);
            return names.empty() ? "expr" : names.back();
        }
        case PG_QUERY__NODE__NODE_COALESCE_EXPR: return "coalesce";
        case PG_QUERY__NODE__NODE_CASE_EXPR: return "case";
        default: return "expr";
    }
}

}  // namespace

std::string DdlBuilder::unique_constraint_name(const Table& t, const std::string& base) const {
    // PostgreSQL's ChooseConstraintName(): append 1, 2, ... on conflict with a
    // constraint of the table or any relation of the schema.
    auto taken = [&](const std::string& n) {
        return t.constraints.contains(n) || cat_.indexes.contains({t.qname.schema, n});
    };
    if (!taken(base)) return base;
    for (int i = 1;; ++i) {
        std::string suffix = std::to_string(i);
        std::string cand = base;
        if (cand.size() + suffix.size() > kMaxIdentifier) cand.resize(kMaxIdentifier - suffix.size());
        cand += suffix;
        if (!taken(cand)) return cand;
    }
}

IndexElement DdlBuilder::build_index_element(const PgQuery__IndexElem* e) {
    IndexElement el;
    if (e->name != nullptr && e->name[0] != '\0') el.column = e->name;
    else el.expression = expr(e->expr);
    el.collation = collation_name(e->collation, e->n_collation);
    if (e->n_opclass > 0) {
        auto names = strings(e->opclass, e->n_opclass);
        el.opclass = names.size() == 2 && names[0] == "pg_catalog" ? quote_ident(names[1])
                                                                   : (names.size() == 2 ? quote_qualified(names[0], names[1])
                                                                                        : quote_ident(names[0]));
        if (e->n_opclassopts > 0) el.opclass += " (" + join(reloptions(e->opclassopts, e->n_opclassopts), ", ") + ")";
    }
    if (e->ordering == PG_QUERY__SORT_BY_DIR__SORTBY_ASC) el.order = SortOrder::Asc;
    if (e->ordering == PG_QUERY__SORT_BY_DIR__SORTBY_DESC) el.order = SortOrder::Desc;
    if (e->nulls_ordering == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_FIRST) el.nulls = NullsOrder::First;
    if (e->nulls_ordering == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_LAST) el.nulls = NullsOrder::Last;
    // ASC is the default order and NULLS LAST its default; DESC implies NULLS FIRST.
    if (el.order == SortOrder::Asc) el.order = SortOrder::Default;
    if (el.order == SortOrder::Default && el.nulls == NullsOrder::Last) el.nulls = NullsOrder::Default;
    if (el.order == SortOrder::Desc && el.nulls == NullsOrder::First) el.nulls = NullsOrder::Default;
    return el;
}

Constraint DdlBuilder::build_constraint(const PgQuery__Constraint* c, const Table& t, bool in_create) {
    Constraint k;
    k.name = c->conname != nullptr ? c->conname : "";
    k.deferrable = c->deferrable;
    k.initially_deferred = c->initdeferred;
    k.columns = strings(c->keys, c->n_keys);
    k.include = strings(c->including, c->n_including);
    auto idx_opts = reloptions(c->options, c->n_options);
    k.index_options = join(idx_opts, ", ");
    std::string label;
    std::string name2;
    switch (c->contype) {
        case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
            k.type = ConstraintType::PrimaryKey;
            label = "pkey";
            break;
        case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
            k.type = ConstraintType::Unique;
            k.nulls_not_distinct = c->nulls_not_distinct;
            label = "key";
            name2 = join(k.columns, "_");
            break;
        case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN:
            k.type = ConstraintType::ForeignKey;
            k.columns = strings(c->fk_attrs, c->n_fk_attrs);
            k.ref_table = qname(c->pktable);
            k.ref_columns = strings(c->pk_attrs, c->n_pk_attrs);
            if (c->fk_matchtype != nullptr && c->fk_matchtype[0] == 'f') k.match = FkMatch::Full;
            if (c->fk_matchtype != nullptr && c->fk_matchtype[0] == 'p') k.match = FkMatch::Partial;
            k.on_delete = fk_action(c->fk_del_action);
            k.on_update = fk_action(c->fk_upd_action);
            k.on_delete_columns = strings(c->fk_del_set_cols, c->n_fk_del_set_cols);
            label = "fkey";
            name2 = join(k.columns, "_");
            break;
        case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK:
            k.type = ConstraintType::Check;
            k.expr = expr(c->raw_expr);
            k.no_inherit = c->is_no_inherit;
            label = "check";
            break;
        case PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION: {
            k.type = ConstraintType::Exclude;
            k.using_method = c->access_method != nullptr && c->access_method[0] != '\0' ? c->access_method : "btree";
            std::vector<std::string> cols;
            for (std::size_t i = 0; i < c->n_exclusions; ++i) {
                const auto* pair = c->exclusions[i]->list;
                ExcludeElement x;
                x.element = build_index_element(pair->items[0]->index_elem);
                auto op = strings(pair->items[1]->list->items, pair->items[1]->list->n_items);
                x.op = op.size() == 2 && op[0] == "pg_catalog" ? op[1] : join(op, ".");
                cols.push_back(x.element.column.empty() ? "expr" : x.element.column);
                k.exclude.push_back(std::move(x));
            }
            if (c->where_clause != nullptr) k.where = expr(c->where_clause);
            label = "excl";
            name2 = join(cols, "_");
            break;
        }
        default: fail("unsupported table constraint", at(c->location));
    }
    if (c->indexname != nullptr && c->indexname[0] != '\0') {
        // ADD CONSTRAINT ... PRIMARY KEY / UNIQUE USING INDEX: the index becomes the constraint's.
        auto ix = cat_.indexes.find({t.qname.schema, c->indexname});
        if (ix == cat_.indexes.end()) fail("index " + quote_ident(c->indexname) + " is not defined", at(c->location));
        for (const auto& e : ix->second.elements) {
            if (e.column.empty()) fail("USING INDEX needs an index on plain columns", at(c->location));
            k.columns.push_back(e.column);
        }
        k.include = ix->second.include;
        k.nulls_not_distinct = ix->second.nulls_not_distinct;
        k.index_options = join(ix->second.options, ", ");
        if (k.name.empty()) k.name = c->indexname;
        cat_.indexes.erase(ix);
    }
    // NOT VALID only sticks when added to an existing table (ALTER TABLE).
    if (!in_create && c->skip_validation) k.not_valid = true;
    if (k.name.empty()) {
        std::string base;
        if (k.type == ConstraintType::Check) {
            // PostgreSQL names a CHECK after the first column its expression reads.
            name2 = k.columns.empty() ? std::string() : k.columns[0];
            if (name2.empty()) {
                for (const auto& col : t.columns) {
                    // the first column referenced, approximated by first mention in the canonical text
                    if (k.expr.find(quote_ident(col.name)) != std::string::npos) {
                        std::size_t pos = k.expr.find(quote_ident(col.name));
                        if (name2.empty() || pos < k.expr.find(quote_ident(name2))) name2 = col.name;
                    }
                }
            }
        }
        base = make_object_name(t.qname.name, name2, label);
        k.name = unique_constraint_name(t, base);
    }
    return k;
}

void DdlBuilder::create_table(PgQuery__CreateStmt* s) {
    QualifiedName q = qname(s->relation);
    if (s->of_typename != nullptr) fail("CREATE TABLE ... OF type is not supported", stmt_offset_);
    if (s->n_inh_relations > 0 && s->partbound == nullptr)
        fail("table inheritance (INHERITS) is not supported; use declarative partitioning", stmt_offset_);
    record({ObjectKind::Table, q.schema, q.name, {}}, stmt_offset_);
    Table& t = cat_.tables[q];
    t.qname = q;
    t.unlogged = std::string(s->relation->relpersistence) == "u";
    if (std::string(s->relation->relpersistence) == "t") fail("temporary tables are not part of a schema", stmt_offset_);
    t.options = reloptions(s->options, s->n_options);
    if (s->partspec != nullptr) {
        std::string strategy = s->partspec->strategy;
        std::string by = strategy == "range" || strategy == "r" ? "RANGE" : strategy == "list" || strategy == "l" ? "LIST" : "HASH";
        std::vector<std::string> keys;
        for (std::size_t i = 0; i < s->partspec->n_part_params; ++i) {
            const auto* pe = s->partspec->part_params[i]->partition_elem;
            std::string key = pe->name != nullptr && pe->name[0] != '\0' ? quote_ident(pe->name) : "(" + expr(pe->expr) + ")";
            if (pe->n_collation > 0) key += " COLLATE " + quote_ident(collation_name(pe->collation, pe->n_collation));
            if (pe->n_opclass > 0) key += " " + join(strings(pe->opclass, pe->n_opclass), ".");
            keys.push_back(key);
        }
        t.partition_by = by + " (" + join(keys, ", ") + ")";
    }
    if (s->partbound != nullptr) {
        if (s->n_inh_relations != 1) fail("a partition has exactly one parent", stmt_offset_);
        t.partition_of = qname(s->inh_relations[0]->range_var);
        table(*t.partition_of, stmt_offset_);
        t.partition_bound = partition_bound(s->partbound, *this);
    }
    std::vector<const PgQuery__Constraint*> table_constraints;
    for (std::size_t i = 0; i < s->n_table_elts; ++i) {
        Node* el = s->table_elts[i];
        if (el->node_case == PG_QUERY__NODE__NODE_CONSTRAINT) {
            table_constraints.push_back(el->constraint);
            continue;
        }
        if (el->node_case != PG_QUERY__NODE__NODE_COLUMN_DEF) fail("unsupported table element (LIKE is not supported)", stmt_offset_);
        const auto* cd = el->column_def;
        Column c;
        c.name = cd->colname;
        if (t.find_column(c.name) != nullptr) fail("column " + quote_ident(c.name) + " is defined twice", at(cd->location));
        if (cd->type_name == nullptr) {
            // a partition's column options: WITH OPTIONS, inherits the type
            continue;
        }
        auto names = strings(cd->type_name->names, cd->type_name->n_names);
        static const std::map<std::string, std::string> serials = {
            {"serial", "integer"}, {"serial4", "integer"}, {"bigserial", "bigint"}, {"serial8", "bigint"},
            {"smallserial", "smallint"}, {"serial2", "smallint"}};
        if (names.size() == 1 && serials.contains(names[0]) && cd->type_name->n_array_bounds == 0) {
            // serial: an integer column, a sequence OWNED BY it, and a nextval default.
            c.type = serials.at(names[0]);
            c.not_null = true;
            QualifiedName seq{q.schema, make_object_name(q.name, c.name, "seq")};
            record({ObjectKind::Sequence, seq.schema, seq.name, {}}, at(cd->location));
            Sequence& sq = cat_.sequences[seq];
            sq.qname = seq;
            sq.options.data_type = c.type;
            sq.owned_by_table = q;
            sq.owned_by_column = c.name;
            c.default_expr = parse::canonical_expr("nextval(" + quote_literal(seq.str()) + "::regclass)");
        } else {
            c.type = type(cd->type_name);
            catalog::QualifiedName tq = parse::type_qname(cd->type_name, default_schema_);
            if (tq.schema != "pg_catalog")
                type_uses_.push_back({tq, "column " + quote_ident(c.name) + " of table " + q.str(), where(at(cd->type_name->location))});
        }
        c.collation = collation_name(cd->coll_clause);
        c.not_null = c.not_null || cd->is_not_null;
        for (std::size_t j = 0; j < cd->n_constraints; ++j) {
            const auto* cc = cd->constraints[j]->constraint;
            switch (cc->contype) {
                case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL: c.not_null = true; break;
                case PG_QUERY__CONSTR_TYPE__CONSTR_NULL: c.not_null = false; break;
                case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT: c.default_expr = expr(cc->raw_expr); break;
                case PG_QUERY__CONSTR_TYPE__CONSTR_IDENTITY:
                    c.identity = std::string(cc->generated_when) == "a" ? Identity::Always : Identity::ByDefault;
                    c.identity_options = sequence_options(cc->options, cc->n_options, &c.identity_sequence);
                    break;
                case PG_QUERY__CONSTR_TYPE__CONSTR_GENERATED: c.generated = expr(cc->raw_expr); break;
                case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRABLE:
                case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_NOT_DEFERRABLE:
                case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRED:
                case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_IMMEDIATE:
                    break;  // folded into the preceding constraint by the parser
                default: {
                    // column constraints (PRIMARY KEY, UNIQUE, REFERENCES, CHECK) become table constraints
                    table_constraints.push_back(cc);
                    column_constraint_owner_[cc] = c.name;
                }
            }
        }
        t.columns.push_back(std::move(c));
    }
    for (const auto* c : table_constraints) {
        Constraint k = build_constraint(c, t, true);
        if (auto owner = column_constraint_owner_.find(c); owner != column_constraint_owner_.end()) {
            const std::string& col = owner->second;
            if (k.type == ConstraintType::ForeignKey || k.type == ConstraintType::PrimaryKey || k.type == ConstraintType::Unique) {
                if (k.columns.empty()) k.columns = {col};
                if (c->conname == nullptr || c->conname[0] == '\0') {
                    std::string label = k.type == ConstraintType::PrimaryKey ? "pkey" : k.type == ConstraintType::Unique ? "key" : "fkey";
                    k.name = unique_constraint_name(
                        t, make_object_name(q.name, k.type == ConstraintType::PrimaryKey ? "" : col, label));
                }
            } else if (k.type == ConstraintType::Check && (c->conname == nullptr || c->conname[0] == '\0')) {
                k.name = unique_constraint_name(t, make_object_name(q.name, col, "check"));
            }
            column_constraint_owner_.erase(owner);
        }
        if (t.constraints.contains(k.name)) fail("constraint " + quote_ident(k.name) + " is defined twice", at(c->location));
        record({ObjectKind::Constraint, q.schema, q.name, k.name}, at(c->location));
        if (k.type == ConstraintType::ForeignKey) fk_checks_.emplace_back(q, k.name);
        t.constraints.emplace(k.name, std::move(k));
    }
}

void DdlBuilder::alter_table(PgQuery__AlterTableStmt* s) {
    QualifiedName q = qname(s->relation);
    if (s->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_INDEX) {
        for (std::size_t i = 0; i < s->n_cmds; ++i) {
            const auto* cmd = s->cmds[i]->alter_table_cmd;
            if (cmd->subtype != PG_QUERY__ALTER_TABLE_TYPE__AT_AttachPartition)
                fail("ALTER INDEX form not supported in a schema file", stmt_offset_);
            attached_child_indexes_.insert(qname(cmd->def->partition_cmd->name));
        }
        return;
    }
    auto set_owner = [&](const std::string& owner) {
        if (auto t = cat_.tables.find(q); t != cat_.tables.end()) t->second.common.owner = owner;
        else if (auto v = cat_.views.find(q); v != cat_.views.end()) v->second.common.owner = owner;
        else if (auto sq = cat_.sequences.find(q); sq != cat_.sequences.end()) sq->second.common.owner = owner;
        else fail("relation " + q.str() + " is not defined", stmt_offset_);
    };
    for (std::size_t i = 0; i < s->n_cmds; ++i) {
        const auto* cmd = s->cmds[i]->alter_table_cmd;
        if (cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_ChangeOwner) {
            set_owner(owner_name(cmd->newowner));
            continue;
        }
        if (s->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_VIEW || s->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW) {
            auto v = cat_.views.find(q);
            if (v == cat_.views.end()) fail("view " + q.str() + " is not defined", stmt_offset_);
            if (cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_SetRelOptions) {
                auto opts = reloptions(cmd->def->list->items, cmd->def->list->n_items);
                v->second.options.insert(v->second.options.end(), opts.begin(), opts.end());
                continue;
            }
            if (cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_ColumnDefault)
                fail("defaults on view columns are not supported", stmt_offset_);
            fail("ALTER VIEW form not supported in a schema file", stmt_offset_);
        }
        if (s->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE) fail("ALTER SEQUENCE form not supported here", stmt_offset_);
        Table& t = table(q, stmt_offset_);
        auto column = [&](const char* name) -> Column& {
            Column* c = t.find_column(name);
            if (c == nullptr) fail("column " + quote_ident(name) + " of table " + q.str() + " is not defined", stmt_offset_);
            return *c;
        };
        switch (cmd->subtype) {
            case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint:
            case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraintRecurse: {
                const auto* c = cmd->def->constraint;
                Constraint k = build_constraint(c, t, false);
                if (t.constraints.contains(k.name)) fail("constraint " + quote_ident(k.name) + " is defined twice", at(c->location));
                record({ObjectKind::Constraint, q.schema, q.name, k.name}, at(c->location));
                if (k.type == ConstraintType::ForeignKey) fk_checks_.emplace_back(q, k.name);
                t.constraints.emplace(k.name, std::move(k));
                break;
            }
            case PG_QUERY__ALTER_TABLE_TYPE__AT_ValidateConstraint:
            case PG_QUERY__ALTER_TABLE_TYPE__AT_ValidateConstraintRecurse: {
                auto k = t.constraints.find(cmd->name);
                if (k == t.constraints.end()) fail("constraint " + quote_ident(cmd->name) + " is not defined", stmt_offset_);
                k->second.not_valid = false;
                break;
            }
            case PG_QUERY__ALTER_TABLE_TYPE__AT_AttachPartition: {
                const auto* pc = cmd->def->partition_cmd;
                QualifiedName child = qname(pc->name);
                Table& ct = table(child, stmt_offset_);
                ct.partition_of = q;
                ct.partition_bound = partition_bound(pc->bound, *this);
                break;
            }
            case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableRowSecurity: t.rls_enabled = true; break;
            case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableRowSecurity: t.rls_enabled = false; break;
            case PG_QUERY__ALTER_TABLE_TYPE__AT_ForceRowSecurity: t.rls_forced = true; break;
            case PG_QUERY__ALTER_TABLE_TYPE__AT_NoForceRowSecurity: t.rls_forced = false; break;
            case PG_QUERY__ALTER_TABLE_TYPE__AT_AddIdentity: {
                Column& c = column(cmd->name);
                const auto* cc = cmd->def->constraint;
                c.identity = std::string(cc->generated_when) == "a" ? Identity::Always : Identity::ByDefault;
                c.identity_options = sequence_options(cc->options, cc->n_options, &c.identity_sequence);
                break;
            }
            case PG_QUERY__ALTER_TABLE_TYPE__AT_ColumnDefault: {
                Column& c = column(cmd->name);
                if (cmd->def == nullptr) c.default_expr.reset();
                else c.default_expr = expr(cmd->def);
                break;
            }
            case PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull: column(cmd->name).not_null = true; break;
            case PG_QUERY__ALTER_TABLE_TYPE__AT_DropNotNull: column(cmd->name).not_null = false; break;
            case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrig:
            case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrig:
            case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableAlwaysTrig:
            case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableReplicaTrig: {
                auto tr = t.triggers.find(cmd->name);
                if (tr == t.triggers.end()) fail("trigger " + quote_ident(cmd->name) + " is not defined", stmt_offset_);
                tr->second.enabled = cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrig      ? TriggerEnabled::Origin
                                     : cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrig   ? TriggerEnabled::Disabled
                                     : cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_EnableAlwaysTrig ? TriggerEnabled::Always
                                                                                                      : TriggerEnabled::Replica;
                break;
            }
            case PG_QUERY__ALTER_TABLE_TYPE__AT_SetRelOptions: {
                auto opts = reloptions(cmd->def->list->items, cmd->def->list->n_items);
                t.options.insert(t.options.end(), opts.begin(), opts.end());
                break;
            }
            case PG_QUERY__ALTER_TABLE_TYPE__AT_SetLogged: t.unlogged = false; break;
            case PG_QUERY__ALTER_TABLE_TYPE__AT_SetUnLogged: t.unlogged = true; break;
            default:
                fail(std::string("this ALTER TABLE form (") +
                         protobuf_c_enum_descriptor_get_value(&pg_query__alter_table_type__descriptor, cmd->subtype)->name +
                         ") is not part of the schema model; supported: ADD CONSTRAINT, ATTACH PARTITION, "
                         "ALTER COLUMN SET/DROP DEFAULT, SET/DROP NOT NULL, ADD GENERATED, ROW LEVEL SECURITY, "
                         "triggers ENABLE/DISABLE, OWNER TO, SET (options)",
                     stmt_offset_);
        }
    }
}

void DdlBuilder::create_index(PgQuery__IndexStmt* s) {
    QualifiedName tq = qname(s->relation);
    if (!cat_.tables.contains(tq)) {
        auto v = cat_.views.find(tq);
        if (v == cat_.views.end() || !v->second.materialized)
            fail("CREATE INDEX: table " + tq.str() + " is not defined", stmt_offset_);
    }
    Index ix;
    ix.table = tq;
    ix.method = s->access_method != nullptr && s->access_method[0] != '\0' ? s->access_method : "btree";
    ix.unique = s->unique;
    ix.nulls_not_distinct = s->nulls_not_distinct;
    std::vector<std::string> colnames;
    for (std::size_t i = 0; i < s->n_index_params; ++i) {
        const auto* e = s->index_params[i]->index_elem;
        ix.elements.push_back(build_index_element(e));
        colnames.push_back(ix.elements.back().column.empty() ? figure_colname(e->expr) : ix.elements.back().column);
    }
    for (std::size_t i = 0; i < s->n_index_including_params; ++i) {
        const auto* e = s->index_including_params[i]->index_elem;
        ix.include.push_back(e->name);
        colnames.push_back(e->name);
    }
    if (s->where_clause != nullptr) ix.where = expr(s->where_clause);
    ix.options = reloptions(s->options, s->n_options);
    std::string name = s->idxname != nullptr ? s->idxname : "";
    if (name.empty()) {
        std::string base = make_object_name(tq.name, join(colnames, "_"), "idx");
        name = base;
        for (int n = 1; cat_.indexes.contains({tq.schema, name}) || cat_.has_relation({tq.schema, name}); ++n)
            name = base + std::to_string(n);
    }
    ix.qname = {tq.schema, name};
    record({ObjectKind::Index, tq.schema, name, {}}, stmt_offset_);
    cat_.indexes[ix.qname] = std::move(ix);
}

void DdlBuilder::create_view(PgQuery__ViewStmt* s) {
    QualifiedName q = qname(s->view);
    record({ObjectKind::View, q.schema, q.name, {}}, stmt_offset_);
    View& v = cat_.views[q];
    v.qname = q;
    v.query = parse::deparse_statement(s->query);
    v.references = parse::referenced_relations(s->query, default_schema_);
    v.column_names = strings(s->aliases, s->n_aliases);
    v.options = reloptions(s->options, s->n_options);
    if (s->with_check_option == PG_QUERY__VIEW_CHECK_OPTION__LOCAL_CHECK_OPTION) v.options.push_back("check_option=local");
    if (s->with_check_option == PG_QUERY__VIEW_CHECK_OPTION__CASCADED_CHECK_OPTION) v.options.push_back("check_option=cascaded");
}

void DdlBuilder::create_matview(PgQuery__CreateTableAsStmt* s) {
    if (s->objtype != PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW)
        fail("CREATE TABLE ... AS is not part of the schema model; declare the table's columns", stmt_offset_);
    QualifiedName q = qname(s->into->rel);
    record({ObjectKind::MaterializedView, q.schema, q.name, {}}, stmt_offset_);
    View& v = cat_.views[q];
    v.qname = q;
    v.materialized = true;
    v.query = parse::deparse_statement(s->query);
    v.references = parse::referenced_relations(s->query, default_schema_);
    v.column_names = strings(s->into->col_names, s->into->n_col_names);
    v.options = reloptions(s->into->options, s->into->n_options);
}

}  // namespace pgkeel::load
