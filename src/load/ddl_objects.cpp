// Functions, procedures, triggers and row-level security policies.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>

#include "common/quote.hpp"
#include "common/text.hpp"
#include "load/ddl_builder.hpp"
#include "parse/names.hpp"
#include "parse/types.hpp"

namespace pgkeel::load {

using namespace catalog;
using parse::str;
using parse::strings;
using parse::upper;

namespace {

// COST / ROWS: a finite number (the grammar gives Integer or Float nodes).
std::optional<double> number(const Node* n) {
    if (n->node_case == PG_QUERY__NODE__NODE_INTEGER) return n->integer->ival;
    if (n->node_case != PG_QUERY__NODE__NODE_FLOAT) return std::nullopt;
    double v = std::strtod(n->float_->fval, nullptr);
    if (!std::isfinite(v)) return std::nullopt;
    return v;
}

}  // namespace

void DdlBuilder::create_function(PgQuery__CreateFunctionStmt* s) {
    Routine r;
    r.qname = qname(strings(s->funcname, s->n_funcname));
    r.procedure = s->is_procedure;
    for (std::size_t i = 0; i < s->n_parameters; ++i) {
        const auto* p = s->parameters[i]->function_parameter;
        RoutineArg a;
        switch (p->mode) {
            case PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_OUT: a.mode = ArgMode::Out; break;
            case PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_INOUT: a.mode = ArgMode::InOut; break;
            case PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_VARIADIC: a.mode = ArgMode::Variadic; break;
            case PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_TABLE: a.mode = ArgMode::Table; break;
            default: a.mode = ArgMode::In;
        }
        a.name = p->name != nullptr ? p->name : "";
        a.type = type(p->arg_type);
        if (p->defexpr != nullptr) a.default_expr = expr(p->defexpr);
        r.args.push_back(std::move(a));
    }
    if (s->return_type != nullptr) {
        r.returns_set = s->return_type->setof;
        r.returns = type(s->return_type);
    }
    bool has_table_args = std::any_of(r.args.begin(), r.args.end(), [](const RoutineArg& a) { return a.mode == ArgMode::Table; });
    if (has_table_args) {
        r.returns_set = true;
        r.returns = "record";
    }
    if (!r.procedure && r.returns.empty()) {
        // RETURNS omitted: implied by OUT parameters
        std::vector<const RoutineArg*> outs;
        for (const auto& a : r.args)
            if (a.mode == ArgMode::Out || a.mode == ArgMode::InOut) outs.push_back(&a);
        if (outs.empty()) fail("function " + r.qname.str() + " has no RETURNS clause and no OUT parameters", stmt_offset_);
        r.returns = outs.size() == 1 ? outs[0]->type : "record";
    }
    auto positive_number = [&](const PgQuery__DefElem* d) {
        auto v = number(d->arg);
        if (!v || *v <= 0) fail(upper(d->defname) + " must be a positive number", at(d->location));
        return *v;
    };
    for (std::size_t i = 0; i < s->n_options; ++i) {
        const auto* d = s->options[i]->def_elem;
        std::string name = d->defname;
        if (name == "as") {
            auto parts = strings(d->arg->list->items, d->arg->list->n_items);
            r.body = join(parts, "\n");
        } else if (name == "language") {
            r.language = str(d->arg);
        } else if (name == "volatility") {
            r.volatility = upper(str(d->arg));
        } else if (name == "strict") {
            r.strict = d->arg->boolean->boolval;
        } else if (name == "security") {
            r.security_definer = d->arg->boolean->boolval;
        } else if (name == "leakproof") {
            r.leakproof = d->arg->boolean->boolval;
        } else if (name == "parallel") {
            r.parallel = upper(str(d->arg));
        } else if (name == "cost") {
            r.cost = positive_number(d);
        } else if (name == "rows") {
            r.rows = positive_number(d);
        } else if (name == "set") {
            std::string set = parse::deparse_statement(d->arg);
            if (set.rfind("SET ", 0) == 0) set = set.substr(4);
            r.config.push_back(set);
        } else if (name == "window" || name == "support" || name == "transform") {
            fail("function option " + name + " is not supported", at(d->location));
        } else {
            fail("unknown function option " + name, at(d->location));
        }
    }
    if (s->sql_body != nullptr && s->sql_body->node_case == PG_QUERY__NODE__NODE_LIST) {
        // BEGIN ATOMIC ... END: one list of statements, each canonical.
        r.sql_body = true;
        std::string body = "BEGIN ATOMIC\n";
        const auto* outer = s->sql_body->list;
        for (std::size_t i = 0; i < outer->n_items; ++i) {
            const Node* inner = outer->items[i];
            if (inner->node_case != PG_QUERY__NODE__NODE_LIST) continue;
            for (std::size_t k = 0; k < inner->list->n_items; ++k)
                body += "    " + parse::deparse_statement(inner->list->items[k]) + ";\n";
        }
        r.body = body + "END";
    } else if (s->sql_body != nullptr) {
        // SQL-standard body (BEGIN ATOMIC ... END / RETURN ...): canonical text via the deparser.
        r.sql_body = true;
        PgQuery__CreateFunctionStmt bare = *s;
        static char x[] = "x";
        PgQuery__String xs = PG_QUERY__STRING__INIT;
        xs.sval = x;
        PgQuery__Node xn = PG_QUERY__NODE__INIT;
        xn.node_case = PG_QUERY__NODE__NODE_STRING;
        xn.string = &xs;
        PgQuery__Node* names[] = {&xn};
        bare.funcname = names;
        bare.n_funcname = 1;
        bare.n_parameters = 0;
        bare.return_type = nullptr;
        bare.n_options = 0;
        bare.is_procedure = true;
        bare.replace = false;
        PgQuery__Node node = PG_QUERY__NODE__INIT;
        node.node_case = PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT;
        node.create_function_stmt = &bare;
        std::string text = parse::deparse_statement(&node);
        const std::string prefix = "CREATE PROCEDURE x() ";
        r.body = text.rfind(prefix, 0) == 0 ? text.substr(prefix.size()) : text;
        if (r.language.empty()) r.language = "sql";
    }
    if (r.language.empty()) r.language = "sql";
    if (r.procedure) {
        r.volatility = "VOLATILE";
        r.parallel = "UNSAFE";
    }
    // PostgreSQL's defaults for COST and ROWS are not modelled when they are the default.
    if (r.cost && ((r.language == "c" || r.language == "internal") ? *r.cost == 1 : *r.cost == 100)) r.cost.reset();
    if (r.rows && (!r.returns_set || *r.rows == 1000)) r.rows.reset();
    RoutineKey key{r.qname, r.identity_args()};
    record({r.procedure ? ObjectKind::Procedure : ObjectKind::Function, r.qname.schema, r.qname.name, key.args},
           stmt_offset_);
    routine_order_.push_back(key);
    cat_.routines[key] = std::move(r);
}

void DdlBuilder::create_trigger(PgQuery__CreateTrigStmt* s) {
    QualifiedName q = qname(s->relation);
    std::map<std::string, Trigger>* triggers = nullptr;
    if (auto it = cat_.tables.find(q); it != cat_.tables.end()) triggers = &it->second.triggers;
    else if (auto v = cat_.views.find(q); v != cat_.views.end()) triggers = &v->second.triggers;
    else fail("CREATE TRIGGER: table " + q.str() + " is not defined", stmt_offset_);
    Trigger tr;
    tr.name = s->trigname;
    // TRIGGER_TYPE_* bits from PostgreSQL's pg_trigger.h
    constexpr int kBefore = 1 << 1, kInsert = 1 << 2, kDelete = 1 << 3, kUpdate = 1 << 4, kTruncate = 1 << 5,
                  kInstead = 1 << 6;
    tr.timing = (s->timing & kInstead) ? TriggerTiming::InsteadOf
                : (s->timing & kBefore) ? TriggerTiming::Before
                                        : TriggerTiming::After;
    tr.on_insert = s->events & kInsert;
    tr.on_delete = s->events & kDelete;
    tr.on_update = s->events & kUpdate;
    tr.on_truncate = s->events & kTruncate;
    tr.update_columns = strings(s->columns, s->n_columns);
    tr.for_each_row = s->row;
    if (s->when_clause != nullptr) tr.when = expr(s->when_clause);
    tr.function = qname(strings(s->funcname, s->n_funcname));
    tr.args = strings(s->args, s->n_args);
    tr.constraint = s->isconstraint;
    tr.deferrable = s->deferrable;
    tr.initially_deferred = s->initdeferred;
    for (std::size_t i = 0; i < s->n_transition_rels; ++i) {
        const auto* tt = s->transition_rels[i]->trigger_transition;
        (tt->is_new ? tr.new_table : tr.old_table) = tt->name;
    }
    if (s->constrrel != nullptr) fail("constraint triggers FROM another table are not supported", stmt_offset_);
    record({ObjectKind::Trigger, q.schema, q.name, tr.name}, stmt_offset_);
    (*triggers)[tr.name] = std::move(tr);
}

void DdlBuilder::create_policy(PgQuery__CreatePolicyStmt* s) {
    QualifiedName q = qname(s->table);
    Table& t = table(q, stmt_offset_);
    Policy p;
    p.name = s->policy_name;
    p.permissive = s->permissive;
    p.command = upper(s->cmd_name != nullptr && s->cmd_name[0] != '\0' ? s->cmd_name : "all");
    for (std::size_t i = 0; i < s->n_roles; ++i) {
        const auto* r = s->roles[i]->role_spec;
        if (r->roletype == PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_PUBLIC) continue;
        if (r->roletype != PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CSTRING)
            fail("policy roles must be named roles or PUBLIC", stmt_offset_);
        p.roles.emplace_back(r->rolename);
    }
    if (s->qual != nullptr) p.using_expr = expr(s->qual);
    if (s->with_check != nullptr) p.check_expr = expr(s->with_check);
    record({ObjectKind::Policy, q.schema, q.name, p.name}, stmt_offset_);
    t.policies[p.name] = std::move(p);
}

}  // namespace pgkeel::load
