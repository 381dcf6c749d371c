#include "load/toml_fragments.hpp"

#include <algorithm>
#include <unordered_set>

#include "parse/pg_tree.hpp"
#include "parse/types.hpp"

namespace pgkeel::load {

namespace {

struct Wrapper {
    const char* prefix;
    const char* suffix;
    const char* expected;
};

Wrapper wrapper(Frag kind) {
    switch (kind) {
        case Frag::Expr: return {"SELECT ", "\n", "one SQL expression"};
        case Frag::Type: return {"SELECT NULL::", "\n", "one SQL type such as integer, text[] or numeric(12,2)"};
        case Frag::Query: return {"", "\n", "one SELECT query"};
        case Frag::IndexKey:
            return {"CREATE INDEX ON t (", "\n)",
                    "one index key: a column or an expression, with optional COLLATE, operator class, ASC / DESC, "
                    "NULLS FIRST / LAST"};
        case Frag::Operator: return {"CREATE TABLE t (EXCLUDE (a WITH ", "\n))", "one operator such as = or &&"};
        case Frag::PartitionBy: return {"CREATE TABLE t () PARTITION BY ", "\n", "a partition key such as RANGE (created_at)"};
        case Frag::PartitionBound:
            return {"CREATE TABLE t PARTITION OF p ", "\n", "a partition bound: FOR VALUES ... or DEFAULT"};
        case Frag::Args:
            return {"CREATE FUNCTION f(", "\n) RETURNS void LANGUAGE sql AS ''",
                    "an argument list such as a integer, b text DEFAULT ''"};
        case Frag::Returns:
            return {"CREATE FUNCTION f() RETURNS ", "\nLANGUAGE sql AS ''",
                    "a return type such as integer, SETOF text or TABLE (a integer)"};
        case Frag::SqlBody:
            return {"CREATE FUNCTION f() RETURNS integer LANGUAGE sql ", "\n",
                    "a SQL-standard body: RETURN expression, or BEGIN ATOMIC ... END"};
        case Frag::ConfigValue: return {"SET x = ", "\n", "a setting value"};
        case Frag::UpdateSet: return {"UPDATE t SET ", "\n", "the SET list of an UPDATE, such as email = lower(email)"};
    }
    return {"", "", ""};
}

bool plain_select(const PgQuery__SelectStmt* s) {
    return s->n_distinct_clause == 0 && s->into_clause == nullptr && s->n_from_clause == 0 && s->where_clause == nullptr &&
           s->n_group_clause == 0 && s->having_clause == nullptr && s->n_window_clause == 0 && s->n_values_lists == 0 &&
           s->n_sort_clause == 0 && s->limit_offset == nullptr && s->limit_count == nullptr && s->n_locking_clause == 0 &&
           s->with_clause == nullptr && s->op == PG_QUERY__SET_OPERATION__SETOP_NONE && s->n_target_list == 1 &&
           s->target_list[0]->node_case == PG_QUERY__NODE__NODE_RES_TARGET &&
           (s->target_list[0]->res_target->name == nullptr || s->target_list[0]->res_target->name[0] == '\0');
}

bool one_thing(Frag kind, const parse::Node* n) {
    using parse::Node;
    switch (kind) {
        case Frag::Expr:
            return n->node_case == PG_QUERY__NODE__NODE_SELECT_STMT && plain_select(n->select_stmt);
        case Frag::Type: {
            if (n->node_case != PG_QUERY__NODE__NODE_SELECT_STMT || !plain_select(n->select_stmt)) return false;
            const Node* v = n->select_stmt->target_list[0]->res_target->val;
            return v != nullptr && v->node_case == PG_QUERY__NODE__NODE_TYPE_CAST && v->type_cast->arg != nullptr &&
                   v->type_cast->arg->node_case == PG_QUERY__NODE__NODE_A_CONST && v->type_cast->arg->a_const->isnull;
        }
        case Frag::Query:
            return n->node_case == PG_QUERY__NODE__NODE_SELECT_STMT && n->select_stmt->into_clause == nullptr;
        case Frag::IndexKey: {
            if (n->node_case != PG_QUERY__NODE__NODE_INDEX_STMT) return false;
            const auto* s = n->index_stmt;
            return s->n_index_params == 1 && s->n_index_including_params == 0 && s->where_clause == nullptr &&
                   s->n_options == 0 && !s->nulls_not_distinct && (s->table_space == nullptr || s->table_space[0] == '\0');
        }
        case Frag::Operator: {
            if (n->node_case != PG_QUERY__NODE__NODE_CREATE_STMT || n->create_stmt->n_table_elts != 1) return false;
            const Node* c = n->create_stmt->table_elts[0];
            if (c->node_case != PG_QUERY__NODE__NODE_CONSTRAINT) return false;
            const auto* k = c->constraint;
            return k->n_exclusions == 1 && k->where_clause == nullptr && k->n_including == 0 && k->n_options == 0 &&
                   !k->deferrable && !k->initdeferred;
        }
        case Frag::PartitionBy:
        case Frag::PartitionBound: {
            if (n->node_case != PG_QUERY__NODE__NODE_CREATE_STMT) return false;
            const auto* s = n->create_stmt;
            bool rest_empty = s->n_options == 0 && s->n_constraints == 0 && s->of_typename == nullptr &&
                              (s->tablespacename == nullptr || s->tablespacename[0] == '\0') &&
                              (s->access_method == nullptr || s->access_method[0] == '\0') &&
                              s->oncommit == PG_QUERY__ON_COMMIT_ACTION__ONCOMMIT_NOOP;
            if (kind == Frag::PartitionBy) return rest_empty && s->partspec != nullptr && s->partbound == nullptr && s->n_inh_relations == 0;
            return rest_empty && s->partbound != nullptr && s->partspec == nullptr && s->n_table_elts == 0;
        }
        case Frag::Args:
        case Frag::Returns:
        case Frag::SqlBody: {
            if (n->node_case != PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT) return false;
            const auto* s = n->create_function_stmt;
            if (kind == Frag::SqlBody) return s->sql_body != nullptr && s->n_options == 1 && s->n_parameters == 0;
            if (s->n_options != 2 || s->sql_body != nullptr || s->return_type == nullptr) return false;
            if (kind == Frag::Returns) {
                for (std::size_t i = 0; i < s->n_parameters; ++i)
                    if (s->parameters[i]->function_parameter->mode != PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_TABLE)
                        return false;
            }
            return true;
        }
        case Frag::ConfigValue: return n->node_case == PG_QUERY__NODE__NODE_VARIABLE_SET_STMT;
        case Frag::UpdateSet: {
            if (n->node_case != PG_QUERY__NODE__NODE_UPDATE_STMT) return false;
            const auto* s = n->update_stmt;
            return s->where_clause == nullptr && s->n_from_clause == 0 && s->n_returning_list == 0 && s->with_clause == nullptr;
        }
    }
    return false;
}

bool blank(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c) != 0; });
}

}  // namespace

bool check_fragment(Frag kind, const Text& t, const std::string& key, Diagnostics& d) {
    Wrapper w = wrapper(kind);
    if (blank(t.value)) {
        d.error(t.where(), "`" + key + "` is empty; expected " + w.expected);
        return false;
    }
    // A fragment that passed once passes again (schemas repeat the same
    // types, defaults and checks); failures are checked again to report them.
    thread_local std::unordered_set<std::string> passed;
    std::string memo_key(1, static_cast<char>(kind));
    memo_key += t.value;
    if (passed.contains(memo_key)) return true;
    std::string prefix = w.prefix;
    std::string sql = prefix + t.value + w.suffix;
    parse::ParseTree::Failure failure;
    bool ok = false;
    parse::ParseTree tree = parse::ParseTree::try_parse(sql, failure, ok);
    if (!ok) {
        std::size_t pos = failure.byte_offset < prefix.size() ? 0 : failure.byte_offset - prefix.size();
        pos = std::min(pos, t.value.size());
        // "at end of input" past the fragment points just after it
        d.error(t.at(pos), "SQL syntax error in `" + key + "`: " + failure.message);
        return false;
    }
    auto stmts = tree.statements();
    if (stmts.size() != 1 || !one_thing(kind, stmts[0].node)) {
        d.error(t.where(), "`" + key + "` must be " + w.expected);
        return false;
    }
    if (kind == Frag::Type) {
        // Modifiers are checked when the type is canonicalized; do it here,
        // where the error can point at the value.
        try {
            const auto* cast = stmts[0].node->select_stmt->target_list[0]->res_target->val->type_cast;
            (void)parse::canonical_type(cast->type_name, "public");
        } catch (const Error& e) {
            if (e.kind() != ErrorKind::Input) throw;
            d.error(t.where(), "`" + key + "`: " + e.message());
            return false;
        }
    }
    if (passed.size() >= (1U << 18)) passed.clear();
    passed.insert(std::move(memo_key));
    return true;
}

std::vector<std::string> parse_reference(const Text& t, const std::string& key, std::size_t min_parts,
                                         std::size_t max_parts, Diagnostics& d) {
    std::vector<std::string> parts;
    const std::string& s = t.value;
    std::size_t i = 0;
    auto bad = [&](std::size_t at, const std::string& why) {
        d.error(t.at(at), "`" + key + "`: " + why);
        parts.clear();
        return parts;
    };
    while (i < s.size() && s[i] == ' ') ++i;
    while (true) {
        std::string part;
        if (i < s.size() && s[i] == '"') {
            std::size_t open = i++;
            bool closed = false;
            while (i < s.size()) {
                if (s[i] == '"') {
                    if (i + 1 < s.size() && s[i + 1] == '"') {
                        part += '"';
                        i += 2;
                        continue;
                    }
                    closed = true;
                    ++i;
                    break;
                }
                part += s[i++];
            }
            if (!closed) return bad(open, "unterminated quoted name");
            if (part.empty()) return bad(open, "empty quoted name");
        } else {
            auto c0 = static_cast<unsigned char>(i < s.size() ? s[i] : 0);
            if (!(std::isalpha(c0) || c0 == '_' || c0 >= 0x80))
                return bad(i, "expected a name (write \"Name\" in double quotes to keep capitals or other characters)");
            while (i < s.size()) {
                auto c = static_cast<unsigned char>(s[i]);
                if (!(std::isalnum(c) || c == '_' || c == '$' || c >= 0x80)) break;
                part += static_cast<char>(std::tolower(c));
                ++i;
            }
        }
        parts.push_back(part);
        if (i < s.size() && s[i] == '.') {
            ++i;
            continue;
        }
        break;
    }
    while (i < s.size() && s[i] == ' ') ++i;
    if (i != s.size()) return bad(i, "unexpected character in a name; expected name or schema.name");
    if (parts.size() < min_parts || parts.size() > max_parts) {
        std::string shape = max_parts == 2 ? "name or schema.name" : "table.column or schema.table.column";
        return bad(0, "expected " + shape);
    }
    return parts;
}

void SqlOut::at(Place anchor) {
    anchor_ = anchor;
    segs_.push_back({sql_.size(), nullptr, std::move(anchor)});
}

void SqlOut::frag(const Text& t) {
    texts_.push_back(t);
    segs_.push_back({sql_.size(), &texts_.back(), {}});
    sql_ += t.value;
    segs_.push_back({sql_.size(), nullptr, anchor_});
    sql_ += '\n';
}

SourceLocation SqlOut::locate(std::size_t offset) const {
    auto it = std::upper_bound(segs_.begin(), segs_.end(), offset,
                               [](std::size_t off, const Seg& s) { return off < s.begin; });
    if (it == segs_.begin()) return anchor_.resolve();
    --it;
    if (it->text != nullptr) return it->text->at(offset - it->begin);
    return it->anchor.resolve();
}

}  // namespace pgkeel::load
