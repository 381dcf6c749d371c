#include "parse/types.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "common/quote.hpp"
#include "common/text.hpp"

namespace pgkeel::parse {
namespace {

// "(" + text + ")", built in place (GCC 12 warns falsely on the temporaries).
std::string parenthesized(const std::string& text) {
    std::string out;
    out.reserve(text.size() + 2);
    out += '(';
    out += text;
    out += ')';
    return out;
}

// Every base, range, multirange, pseudo and domain type of pg_catalog in
// PostgreSQL 15, internal names (SELECT typname FROM pg_type WHERE typnamespace = 11 ...).
const std::set<std::string>& builtin_types() {
    static const std::set<std::string> names = {
        "aclitem", "any", "anyarray", "anycompatible", "anycompatiblearray", "anycompatiblemultirange",
        "anycompatiblenonarray", "anycompatiblerange", "anyelement", "anyenum", "anymultirange",
        "anynonarray", "anyrange", "bit", "bool", "box", "bpchar", "bytea", "char", "cid", "cidr", "circle",
        "cstring", "date", "datemultirange", "daterange", "event_trigger", "fdw_handler", "float4",
        "float8", "gtsvector", "index_am_handler", "inet", "int2", "int2vector", "int4", "int4multirange",
        "int4range", "int8", "int8multirange", "int8range", "internal", "interval", "json", "jsonb",
        "jsonpath", "language_handler", "line", "lseg", "macaddr", "macaddr8", "money", "name", "numeric",
        "nummultirange", "numrange", "oid", "oidvector", "path", "pg_brin_bloom_summary",
        "pg_brin_minmax_multi_summary", "pg_ddl_command", "pg_dependencies", "pg_lsn", "pg_mcv_list",
        "pg_ndistinct", "pg_node_tree", "pg_snapshot", "point", "polygon", "record", "refcursor",
        "regclass", "regcollation", "regconfig", "regdictionary", "regnamespace", "regoper",
        "regoperator", "regproc", "regprocedure", "regrole", "regtype", "table_am_handler", "text", "tid",
        "time", "timestamp", "timestamptz", "timetz", "trigger", "tsm_handler", "tsmultirange", "tsquery",
        "tsrange", "tstzmultirange", "tstzrange", "tsvector", "txid_snapshot", "unknown", "uuid", "varbit",
        "varchar", "void", "xid", "xid8", "xml",
        // information_schema domains are not in pg_catalog; not listed on purpose
    };
    return names;
}

// format_type() of interval: field restriction and precision from the typmod
// list the grammar builds (fields bitmask, then an optional precision).
std::string interval_display(const PgQuery__TypeName* tn) {
    constexpr int64_t kMonth = 1 << 1, kYear = 1 << 2, kDay = 1 << 3, kHour = 1 << 10, kMinute = 1 << 11,
                      kSecond = 1 << 12, kFullRange = 0x7FFF;
    std::vector<int64_t> mods;
    for (std::size_t i = 0; i < tn->n_typmods; ++i) {
        bool ok = false;
        int64_t v = int_value(tn->typmods[i], ok);
        if (!ok) throw_input("invalid interval type modifier");
        mods.push_back(v);
    }
    std::string out = "interval";
    if (mods.empty()) return out;
    static const std::map<int64_t, const char*> fields = {
        {kYear, " year"}, {kMonth, " month"}, {kDay, " day"}, {kHour, " hour"}, {kMinute, " minute"},
        {kSecond, " second"}, {kYear | kMonth, " year to month"}, {kDay | kHour, " day to hour"},
        {kDay | kHour | kMinute, " day to minute"}, {kDay | kHour | kMinute | kSecond, " day to second"},
        {kHour | kMinute, " hour to minute"}, {kHour | kMinute | kSecond, " hour to second"},
        {kMinute | kSecond, " minute to second"}, {kFullRange, ""}};
    auto f = fields.find(mods[0]);
    if (f == fields.end()) throw_input("invalid interval field restriction");
    out += f->second;
    if (mods.size() > 2) throw_input("invalid INTERVAL type modifier");
    if (mods.size() > 1) {
        if (mods[1] < 0) throw_input("INTERVAL(" + std::to_string(mods[1]) + ") precision must not be negative");
        out += parenthesized(std::to_string(std::min<int64_t>(mods[1], 6)));  // the server reduces it to 6
    }
    return out;
}

bool is_float_const(const Node* n) {
    return n->node_case == PG_QUERY__NODE__NODE_FLOAT ||
           (n->node_case == PG_QUERY__NODE__NODE_A_CONST && n->a_const->val_case == PG_QUERY__A__CONST__VAL_FVAL);
}

std::string typmod_list(const PgQuery__TypeName* tn) {
    std::vector<std::string> mods;
    for (std::size_t i = 0; i < tn->n_typmods; ++i) {
        bool ok = false;
        int64_t v = int_value(tn->typmods[i], ok);
        if (!ok && is_float_const(tn->typmods[i]))
            throw_input("type modifier " + deparse_expr(tn->typmods[i]) + " is not an integer");
        mods.push_back(ok ? std::to_string(v) : deparse_expr(tn->typmods[i]));
    }
    return mods.empty() ? std::string() : parenthesized(join(mods, ","));
}

// The typmod checks of the builtin types' typmodin functions (numerictypmodin,
// varchartypmodin, ...), with their messages. Returns the modifiers as stored:
// a time precision above 6 is reduced to 6, as the server does.
std::string builtin_modifiers(const std::string& name, const PgQuery__TypeName* tn) {
    if (tn->n_typmods == 0) return "";
    std::vector<int64_t> mods;
    for (std::size_t i = 0; i < tn->n_typmods; ++i) {
        bool ok = false;
        int64_t v = int_value(tn->typmods[i], ok);
        if (!ok) throw_input("type modifiers of " + name + " must be integers");
        mods.push_back(v);
    }
    auto one = [&](const char* display) {
        if (mods.size() != 1) throw_input(std::string("invalid type modifier for ") + display + ": expected one value");
    };
    auto range = [](int64_t v, int64_t lo, int64_t hi, const std::string& what) {
        if (v < lo || v > hi)
            throw_input(what + " " + std::to_string(v) + " must be between " + std::to_string(lo) + " and " + std::to_string(hi));
    };
    if (name == "numeric") {
        if (mods.size() > 2) throw_input("invalid NUMERIC type modifier: expected (precision) or (precision, scale)");
        range(mods[0], 1, 1000, "NUMERIC precision");
        if (mods.size() == 2) range(mods[1], -1000, 1000, "NUMERIC scale");
    } else if (name == "varchar" || name == "bpchar") {
        one(name == "varchar" ? "character varying" : "character");
        range(mods[0], 1, 10485760, "length for type " + name);
    } else if (name == "bit" || name == "varbit") {
        one(name == "bit" ? "bit" : "bit varying");
        range(mods[0], 1, 83886080, "length for type " + name);
    } else if (name == "timestamp" || name == "timestamptz" || name == "time" || name == "timetz") {
        one(name.c_str());
        if (mods[0] < 0) throw_input(name + "(" + std::to_string(mods[0]) + ") precision must not be negative");
        mods[0] = std::min<int64_t>(mods[0], 6);
    } else {
        throw_input("type modifier is not allowed for type " + name);
    }
    std::vector<std::string> text;
    for (int64_t v : mods) text.push_back(std::to_string(v));
    return parenthesized(join(text, ","));
}

// format_type()'s spelling of a builtin type with its modifiers.
std::string builtin_display(const std::string& name, const std::string& mods) {
    auto with_zone = [&](const char* base, const char* zone) { return std::string(base) + mods + zone; };
    if (name == "bool") return "boolean";
    if (name == "int2") return "smallint";
    if (name == "int4") return "integer";
    if (name == "int8") return "bigint";
    if (name == "float4") return "real";
    if (name == "float8") return "double precision";
    if (name == "varchar") return "character varying" + mods;
    if (name == "bpchar") return mods.empty() ? "bpchar" : "character" + mods;
    if (name == "varbit") return "bit varying" + mods;
    if (name == "timestamptz") return with_zone("timestamp", " with time zone");
    if (name == "timestamp") return with_zone("timestamp", " without time zone");
    if (name == "timetz") return with_zone("time", " with time zone");
    if (name == "time") return with_zone("time", " without time zone");
    if (name == "char") return "\"char\"" + mods;
    return name + mods;
}

}  // namespace

// Internal array type names ("_int4") count too.
bool is_builtin_type(const std::string& name) {
    if (builtin_types().contains(name)) return true;
    return name.size() > 1 && name[0] == '_' && builtin_types().contains(name.substr(1));
}

catalog::QualifiedName type_qname(const PgQuery__TypeName* tn, const std::string& default_schema) {
    auto names = strings(tn->names, tn->n_names);
    if (names.size() == 1) {
        if (is_builtin_type(names[0])) return {"pg_catalog", names[0]};
        return {default_schema, names[0]};
    }
    if (names.size() == 2) return {names[0], names[1]};
    if (names.size() == 3) return {names[1], names[2]};  // db.schema.type
    throw_input("invalid type name");
}

std::string canonical_type(const PgQuery__TypeName* tn, const std::string& default_schema) {
    if (tn->pct_type) throw_input("%TYPE references are not supported in a schema");
    catalog::QualifiedName q = type_qname(tn, default_schema);
    std::string mods = typmod_list(tn);
    std::string out;
    bool internal_array = q.schema == "pg_catalog" && q.name.size() > 1 && q.name[0] == '_' && !builtin_types().contains(q.name);
    if (internal_array) {
        out = builtin_display(q.name.substr(1), builtin_modifiers(q.name.substr(1), tn)) + "[]";
    } else if (q.schema == "pg_catalog" && q.name == "interval") {
        out = interval_display(tn);
    } else if (q.schema == "pg_catalog" && is_builtin_type(q.name)) {
        out = builtin_display(q.name, builtin_modifiers(q.name, tn));
    } else if (q.schema == "pg_catalog") {
        out = quote_ident(q.name) + mods;
    } else {
        out = quote_qualified(q.schema, q.name) + mods;
    }
    if (tn->n_array_bounds > 0 && !internal_array) out += "[]";  // format_type() ignores the number of dimensions
    return out;
}

std::string canonical_type_text(const std::string& text, const std::string& default_schema,
                                const SourceLocation& where) {
    static const std::string prefix = "SELECT NULL::";
    ParseTree::Failure f;
    bool ok = false;
    ParseTree tree = ParseTree::try_parse(prefix + text, f, ok);
    std::string problem;
    if (!ok) {
        problem = f.message;
    } else {
        auto stmts = tree.statements();
        if (stmts.size() == 1 && stmts[0].node->node_case == PG_QUERY__NODE__NODE_SELECT_STMT) {
            auto* sel = stmts[0].node->select_stmt;
            if (sel->n_target_list == 1 && sel->n_from_clause == 0) {
                Node* v = sel->target_list[0]->res_target->val;
                if (v != nullptr && v->node_case == PG_QUERY__NODE__NODE_TYPE_CAST)
                    return canonical_type(v->type_cast->type_name, default_schema);
            }
        }
        problem = "expected a type name";
    }
    throw_input("invalid type `" + text + "`: " + problem, where);
}

}  // namespace pgkeel::parse
