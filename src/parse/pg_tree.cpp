#include "parse/pg_tree.hpp"

#include "parse/json_tree.hpp"

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstring>
#include <map>
#include <unordered_map>
#include <utility>

namespace pgkeel::parse {
namespace {

// Packs a ParseResult built around borrowed nodes and deparses it.
std::string deparse_result(PgQuery__ParseResult* result) {
    std::size_t len = pg_query__parse_result__get_packed_size(result);
    std::string buf(len, '\0');
    pg_query__parse_result__pack(result, reinterpret_cast<uint8_t*>(buf.data()));
    PgQueryProtobuf pb{len, buf.data()};
    PgQueryDeparseResult d = pg_query_deparse_protobuf(pb);
    if (d.error != nullptr) {
        std::string msg = d.error->message;
        pg_query_free_deparse_result(d);
        throw_internal("deparse failed: " + msg);
    }
    std::string out = d.query;
    pg_query_free_deparse_result(d);
    return out;
}

std::string strip_prefix(std::string s, std::string_view prefix) {
    if (s.compare(0, prefix.size(), prefix) != 0) throw_internal("unexpected deparse output: " + s);
    return s.substr(prefix.size());
}

// libpg_query 15-4.0.0 deparses (ts AT TIME ZONE tz)::date without the
// parentheses, which means ts AT TIME ZONE (tz::date). Where the AT TIME ZONE
// form is the operand of a cast, COLLATE or subscript, it becomes the
// equivalent call timezone(tz, ts), spelled as the server prints it back.
// Applied to a fragment just before libpg_query deparses it (once per distinct
// fragment, the memo keeps the result).
void fix_deparser_precedence(Node* fragment) {
    auto sql_syntax_timezone = [](const Node* n) {
        if (n == nullptr || n->node_case != PG_QUERY__NODE__NODE_FUNC_CALL) return static_cast<PgQuery__FuncCall*>(nullptr);
        PgQuery__FuncCall* f = n->func_call;
        if (f->funcformat != PG_QUERY__COERCION_FORM__COERCE_SQL_SYNTAX || f->n_funcname == 0) return static_cast<PgQuery__FuncCall*>(nullptr);
        const Node* last = f->funcname[f->n_funcname - 1];
        bool tz = last->node_case == PG_QUERY__NODE__NODE_STRING && std::string(last->string->sval) == "timezone";
        return tz ? f : nullptr;
    };
    walk_nodes(reinterpret_cast<const ProtobufCMessage*>(fragment), [&](Node* n) {
        const Node* operand = nullptr;
        if (n->node_case == PG_QUERY__NODE__NODE_TYPE_CAST) operand = n->type_cast->arg;
        else if (n->node_case == PG_QUERY__NODE__NODE_COLLATE_CLAUSE) operand = n->collate_clause->arg;
        else if (n->node_case == PG_QUERY__NODE__NODE_A_INDIRECTION) operand = n->a_indirection->arg;
        if (PgQuery__FuncCall* f = sql_syntax_timezone(operand)) {
            f->funcformat = PG_QUERY__COERCION_FORM__COERCE_EXPLICIT_CALL;
            // drop the pg_catalog qualifier: keep "timezone" first; the rest
            // stays in the arena and is released with the tree
            std::swap(f->funcname[0], f->funcname[f->n_funcname - 1]);
            f->n_funcname = 1;
        }
    });
}

}  // namespace

std::size_t value_size(const ProtobufCFieldDescriptor& f) {
    switch (f.type) {
        case PROTOBUF_C_TYPE_INT64:
        case PROTOBUF_C_TYPE_SINT64:
        case PROTOBUF_C_TYPE_SFIXED64:
        case PROTOBUF_C_TYPE_UINT64:
        case PROTOBUF_C_TYPE_FIXED64:
        case PROTOBUF_C_TYPE_DOUBLE:
            return 8;
        case PROTOBUF_C_TYPE_STRING:
            return sizeof(const char*);
        case PROTOBUF_C_TYPE_BYTES:
            return sizeof(ProtobufCBinaryData);
        case PROTOBUF_C_TYPE_MESSAGE:
            return sizeof(const ProtobufCMessage*);
        default:  // the 32-bit kinds: ints, enums, bool (protobuf_c_boolean), float
            return 4;
    }
}


void walk_nodes(const ProtobufCMessage* msg, const std::function<void(Node*)>& visit) {
    if (msg == nullptr) return;
    const ProtobufCMessageDescriptor* d = msg->descriptor;
    if (d == &pg_query__node__descriptor) visit(reinterpret_cast<Node*>(const_cast<ProtobufCMessage*>(msg)));
    const auto* base = reinterpret_cast<const char*>(msg);
    for (unsigned i = 0; i < d->n_fields; ++i) {
        const ProtobufCFieldDescriptor& f = d->fields[i];
        if (f.type != PROTOBUF_C_TYPE_MESSAGE) continue;
        if (f.label == PROTOBUF_C_LABEL_REPEATED) {
            std::size_t n = *reinterpret_cast<const std::size_t*>(base + f.quantifier_offset);
            auto* const* items = *reinterpret_cast<ProtobufCMessage* const* const*>(base + f.offset);
            for (std::size_t k = 0; k < n; ++k) walk_nodes(items[k], visit);
        } else {
            if (f.flags & PROTOBUF_C_FIELD_FLAG_ONEOF) {
                uint32_t which = *reinterpret_cast<const uint32_t*>(base + f.quantifier_offset);
                if (which != f.id) continue;
            }
            walk_nodes(*reinterpret_cast<ProtobufCMessage* const*>(base + f.offset), visit);
        }
    }
}

// A bump allocator for protobuf-c: blocks grow geometrically from a first
// block sized to the parser's output, nothing is freed until the tree goes.
struct ParseTree::Arena {
    std::vector<std::unique_ptr<std::byte[]>> blocks;
    std::size_t used = 0;
    std::size_t capacity = 0;
    std::size_t next_block;

    explicit Arena(std::size_t output_len) : next_block(std::clamp<std::size_t>(output_len, 4096, 64U << 20)) {}

    void* allocate(std::size_t n) {
        constexpr std::size_t align = alignof(std::max_align_t);
        n = (n + align - 1) & ~(align - 1);
        if (blocks.empty() || used + n > capacity) {
            capacity = std::max(next_block, n);
            next_block = std::min<std::size_t>(next_block * 2, 256U << 20);
            blocks.push_back(std::make_unique_for_overwrite<std::byte[]>(capacity));
            used = 0;
        }
        void* p = blocks.back().get() + used;
        used += n;
        return p;
    }
    static void* alloc(void* self, std::size_t n) { return static_cast<Arena*>(self)->allocate(n); }
    static void release(void* /*self*/, void* /*p*/) {}
};

ParseTree::ParseTree(ParseTree&& other) noexcept
    : arena_(std::move(other.arena_)), result_(std::exchange(other.result_, nullptr)) {}

ParseTree& ParseTree::operator=(ParseTree&& other) noexcept {
    arena_ = std::move(other.arena_);
    result_ = std::exchange(other.result_, nullptr);
    return *this;
}

ParseTree::ParseTree() = default;
ParseTree::~ParseTree() = default;

std::size_t char_pos_to_offset(const std::string& text, int cursorpos) {
    if (cursorpos <= 0) return 0;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            if (++chars == static_cast<std::size_t>(cursorpos)) return i;
        }
    }
    return text.size();
}

ParseTree ParseTree::try_parse(const std::string& text, Failure& failure, bool& ok) {
    ParseTree tree;
    // The JSON output, read into the protobuf-c structs: libpg_query's
    // protobuf output costs 2.5x as much to produce and must then be unpacked.
    PgQueryParseResult res = pg_query_parse(text.c_str());
    if (res.error != nullptr) {
        ok = false;
        failure.message = res.error->message;
        failure.byte_offset = char_pos_to_offset(text, res.error->cursorpos);
        pg_query_free_parse_result(res);
        return tree;
    }
    ok = true;
    const std::string_view json(res.parse_tree);
    tree.arena_ = std::make_unique<Arena>(json.size());
    ProtobufCAllocator allocator{&Arena::alloc, &Arena::release, tree.arena_.get()};
    try {
        tree.result_ = read_json_parse_result(json, text, allocator);
    } catch (...) {
        pg_query_free_parse_result(res);
        throw;
    }
    pg_query_free_parse_result(res);
    return tree;
}

ParseTree ParseTree::parse(const std::string& text, const std::string& file) {
    Failure f;
    bool ok = false;
    ParseTree tree = try_parse(text, f, ok);
    if (!ok) throw_input("SQL syntax error: " + f.message, locate(file, text, f.byte_offset));
    return tree;
}

std::vector<Statement> ParseTree::statements() const {
    std::vector<Statement> out;
    if (result_ == nullptr) return out;
    out.reserve(result_->n_stmts);
    for (std::size_t i = 0; i < result_->n_stmts; ++i) {
        auto* raw = result_->stmts[i];
        out.push_back({raw->stmt, static_cast<std::size_t>(raw->stmt_location),
                       static_cast<std::size_t>(raw->stmt_len)});
    }
    return out;
}

namespace {

// One memo per thread and purpose, emptied when it grows past a bound so that
// a long-lived process does not keep every fragment it ever saw.
class Memo {
public:
    template <class Compute>
    std::string get(std::string&& key, Compute&& compute) {
        if (auto it = map_.find(key); it != map_.end()) return it->second;
        std::string value = compute();
        if (map_.size() >= kMaxEntries) map_.clear();
        map_.emplace(std::move(key), value);
        return value;
    }

private:
    static constexpr std::size_t kMaxEntries = 1U << 18;
    std::unordered_map<std::string, std::string> map_;
};

thread_local Memo statement_memo, expr_memo, expr_text_memo, query_text_memo;

std::string deparse_fixed_statement(Node* stmt) {
    PgQuery__RawStmt raw = PG_QUERY__RAW_STMT__INIT;
    raw.stmt = stmt;
    PgQuery__RawStmt* raws[] = {&raw};
    PgQuery__ParseResult result = PG_QUERY__PARSE_RESULT__INIT;
    result.version = PG_VERSION_NUM;
    result.n_stmts = 1;
    result.stmts = raws;
    return deparse_result(&result);
}

std::string deparse_expr_uncached(Node* expr) {
    fix_deparser_precedence(expr);
    PgQuery__ResTarget target = PG_QUERY__RES_TARGET__INIT;
    target.val = expr;
    PgQuery__Node target_node = PG_QUERY__NODE__INIT;
    target_node.node_case = PG_QUERY__NODE__NODE_RES_TARGET;
    target_node.res_target = &target;
    PgQuery__Node* targets[] = {&target_node};
    PgQuery__SelectStmt select = PG_QUERY__SELECT_STMT__INIT;
    select.n_target_list = 1;
    select.target_list = targets;
    select.op = PG_QUERY__SET_OPERATION__SETOP_NONE;
    select.limit_option = PG_QUERY__LIMIT_OPTION__LIMIT_OPTION_DEFAULT;
    PgQuery__Node select_node = PG_QUERY__NODE__INIT;
    select_node.node_case = PG_QUERY__NODE__NODE_SELECT_STMT;
    select_node.select_stmt = &select;
    return strip_prefix(deparse_fixed_statement(&select_node), "SELECT ");
}

std::string deparse_statement_uncached(Node* stmt) {
    fix_deparser_precedence(stmt);
    return deparse_fixed_statement(stmt);
}

std::string key_of(const Node* n) {
    std::string key;
    fragment_key(reinterpret_cast<const ProtobufCMessage*>(n), key);
    return key;
}

template <class T>
void append_raw(std::string& out, const T& v) {
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

// One field value of type f.type stored at p.
void append_value(const ProtobufCFieldDescriptor& f, const void* p, std::string& out) {
    switch (f.type) {
        case PROTOBUF_C_TYPE_STRING: {
            const char* text = *static_cast<const char* const*>(p);
            std::size_t len = text == nullptr ? 0 : std::strlen(text);
            append_raw(out, len);
            out.append(text == nullptr ? "" : text, len);
            break;
        }
        case PROTOBUF_C_TYPE_BYTES: {
            const auto* bytes = static_cast<const ProtobufCBinaryData*>(p);
            append_raw(out, bytes->len);
            out.append(reinterpret_cast<const char*>(bytes->data), bytes->len);
            break;
        }
        case PROTOBUF_C_TYPE_MESSAGE: {
            const auto* msg = *static_cast<const ProtobufCMessage* const*>(p);
            out += msg == nullptr ? '\0' : '\1';
            if (msg != nullptr) fragment_key(msg, out);
            break;
        }
        default:  // numbers, enums and booleans: their bytes
            out.append(static_cast<const char*>(p), value_size(f));
            break;
    }
}

// How fragment_key walks one message type: its fields in order, leaving out
// source locations, with each oneof read once through its case (Node has one
// oneof of some 250 node types: testing each would cost more than the rest).
struct KeyField {
    const ProtobufCFieldDescriptor* field = nullptr;  // nullptr for a oneof
    const ProtobufCMessageDescriptor* oneof_of = nullptr;
    unsigned case_offset = 0;  // a oneof's case
};

class KeyPlans {
public:
    const std::vector<KeyField>& of(const ProtobufCMessageDescriptor* d) const {
        auto it = plans_.find(d);
        if (it == plans_.end()) throw_internal(std::string("no key plan for ") + d->name);
        return it->second;
    }

    KeyPlans() { add(&pg_query__node__descriptor); }

private:
    void add(const ProtobufCMessageDescriptor* d) {
        if (plans_.contains(d)) return;
        auto& plan = plans_[d];  // node-based: stays put while others are added
        std::vector<unsigned> oneofs;
        for (unsigned i = 0; i < d->n_fields; ++i) {
            const ProtobufCFieldDescriptor& f = d->fields[i];
            if (std::strcmp(f.name, "location") == 0) continue;
            if ((f.flags & PROTOBUF_C_FIELD_FLAG_ONEOF) != 0) {
                if (std::find(oneofs.begin(), oneofs.end(), f.quantifier_offset) == oneofs.end()) {
                    oneofs.push_back(f.quantifier_offset);
                    plan.push_back(KeyField{nullptr, d, f.quantifier_offset});
                }
            } else {
                plan.push_back(KeyField{&f, nullptr, 0});
            }
        }
        for (unsigned i = 0; i < d->n_fields; ++i)
            if (d->fields[i].type == PROTOBUF_C_TYPE_MESSAGE)
                add(static_cast<const ProtobufCMessageDescriptor*>(d->fields[i].descriptor));
    }

    std::unordered_map<const ProtobufCMessageDescriptor*, std::vector<KeyField>> plans_;
};

const KeyPlans& key_plans() {
    static const KeyPlans plans;
    return plans;
}

void append_field(const ProtobufCFieldDescriptor& f, const char* base, std::string& out) {
    if (f.label == PROTOBUF_C_LABEL_REPEATED) {
        std::size_t n = *reinterpret_cast<const std::size_t*>(base + f.quantifier_offset);
        const char* items = *reinterpret_cast<const char* const*>(base + f.offset);
        append_raw(out, n);
        for (std::size_t k = 0; k < n; ++k) append_value(f, items + k * value_size(f), out);
        return;
    }
    if (f.label == PROTOBUF_C_LABEL_OPTIONAL && f.quantifier_offset != 0 && f.type != PROTOBUF_C_TYPE_MESSAGE &&
        f.type != PROTOBUF_C_TYPE_STRING) {
        protobuf_c_boolean has = *reinterpret_cast<const protobuf_c_boolean*>(base + f.quantifier_offset);
        out += has ? '\1' : '\0';
        if (!has) return;
    }
    append_value(f, base + f.offset, out);
}

}  // namespace

void fragment_key(const ProtobufCMessage* msg, std::string& out) {
    const ProtobufCMessageDescriptor* d = msg->descriptor;
    append_raw(out, d);
    const auto* base = reinterpret_cast<const char*>(msg);
    for (const KeyField& k : key_plans().of(d)) {
        if (k.field != nullptr) {
            append_field(*k.field, base, out);
            continue;
        }
        const uint32_t id = *reinterpret_cast<const uint32_t*>(base + k.case_offset);
        if (id == 0) continue;  // no member set
        const ProtobufCFieldDescriptor* f = protobuf_c_message_descriptor_get_field(k.oneof_of, id);
        if (f == nullptr) throw_internal(std::string("bad oneof case in ") + d->name);
        append_raw(out, f->id);
        append_value(*f, base + f->offset, out);
    }
}

std::string deparse_statement(Node* stmt) {
    return statement_memo.get(key_of(stmt), [&] { return deparse_statement_uncached(stmt); });
}

std::string deparse_expr(Node* expr) {
    return expr_memo.get(key_of(expr), [&] { return deparse_expr_uncached(expr); });
}

namespace {
ParseTree parse_fragment(const std::string& prefix, const std::string& text, const SourceLocation& where,
                         const char* what) {
    std::string sql = prefix + text;
    ParseTree::Failure f;
    bool ok = false;
    ParseTree tree = ParseTree::try_parse(sql, f, ok);
    if (!ok) {
        std::size_t off = f.byte_offset >= prefix.size() ? f.byte_offset - prefix.size() : 0;
        SourceLocation inner = locate(where.file, text, off);
        SourceLocation loc = where;
        if (loc.line > 0) {
            if (inner.line == 1) {
                loc.column += inner.column - 1;
            } else {
                loc.line += inner.line - 1;
                loc.column = inner.column;
            }
        }
        throw_input(std::string("invalid ") + what + ": " + f.message, loc);
    }
    auto stmts = tree.statements();
    if (stmts.size() != 1 || stmts[0].node->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) {
        throw_input(std::string("expected a single ") + what, where);
    }
    return tree;
}
}  // namespace

std::string canonical_expr(const std::string& text, const SourceLocation& where) {
    return expr_text_memo.get(std::string(text), [&] {
    ParseTree tree = parse_fragment("SELECT ", text, where, "SQL expression");
    auto* sel = tree.statements()[0].node->select_stmt;
    if (sel->n_target_list != 1 || sel->n_from_clause != 0 || sel->where_clause != nullptr ||
        sel->target_list[0]->res_target->name[0] != '\0') {
        throw_input("expected a single SQL expression", where);
    }
    return deparse_expr(sel->target_list[0]->res_target->val);
    });
}

std::string canonical_query(const std::string& text, const SourceLocation& where) {
    return query_text_memo.get(std::string(text), [&] {
        ParseTree tree = parse_fragment("", text, where, "SELECT query");
        return deparse_statement(tree.statements()[0].node);
    });
}

std::string str(const Node* n) {
    if (n != nullptr && n->node_case == PG_QUERY__NODE__NODE_STRING) return n->string->sval;
    return {};
}

std::vector<std::string> strings(Node* const* items, std::size_t n) {
    std::vector<std::string> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) out.push_back(str(items[i]));
    return out;
}

const char* node_type_name(const Node* n) {
    if (n == nullptr) return "(none)";
    const ProtobufCFieldDescriptor* f =
        protobuf_c_message_descriptor_get_field(&pg_query__node__descriptor, static_cast<unsigned>(n->node_case));
    if (f == nullptr || f->descriptor == nullptr) return "unknown";
    return static_cast<const ProtobufCMessageDescriptor*>(f->descriptor)->short_name;
}

std::string statement_description(const Node* n) {
    static const std::map<std::string, std::string> sql_names = {
        {"RuleStmt", "CREATE RULE"},
        {"CreatePublicationStmt", "CREATE PUBLICATION"},
        {"CreateSubscriptionStmt", "CREATE SUBSCRIPTION"},
        {"InsertStmt", "INSERT"},
        {"UpdateStmt", "UPDATE"},
        {"DeleteStmt", "DELETE"},
        {"SelectStmt", "SELECT"},
        {"CopyStmt", "COPY"},
        {"CreateRoleStmt", "CREATE ROLE"},
        {"DropStmt", "DROP"},
        {"TruncateStmt", "TRUNCATE"},
        {"CreateEventTrigStmt", "CREATE EVENT TRIGGER"},
        {"CreateForeignTableStmt", "CREATE FOREIGN TABLE"},
        {"CreateFdwStmt", "CREATE FOREIGN DATA WRAPPER"},
        {"CreateForeignServerStmt", "CREATE SERVER"},
        {"DefineStmt", "CREATE AGGREGATE / OPERATOR / TYPE / COLLATION"},
        {"CreateCastStmt", "CREATE CAST"},
        {"CreateStatsStmt", "CREATE STATISTICS"},
        {"TransactionStmt", "BEGIN / COMMIT"},
        {"DoStmt", "DO"},
        {"CreateTableSpaceStmt", "CREATE TABLESPACE"},
        {"AlterDefaultPrivilegesStmt", "ALTER DEFAULT PRIVILEGES"},
        {"CreateRangeStmt", "CREATE TYPE ... AS RANGE"},
        {"CreateOpClassStmt", "CREATE OPERATOR CLASS"},
        {"CreateConversionStmt", "CREATE CONVERSION"},
        {"CreatedbStmt", "CREATE DATABASE"},
    };
    std::string type = node_type_name(n);
    auto it = sql_names.find(type);
    if (it == sql_names.end()) return type;
    return it->second + " (" + type + ")";
}

namespace {

// The grammar keeps integers beyond int32 and all non-integral numbers as
// Float strings; only exact int64 spellings count as integers.
int64_t integral(std::string_view text, bool& ok) {
    int64_t v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    ok = ec == std::errc() && end == text.data() + text.size();
    return ok ? v : 0;
}

}  // namespace

int64_t int_value(const Node* n, bool& ok) {
    ok = true;
    if (n == nullptr) {
        ok = false;
        return 0;
    }
    if (n->node_case == PG_QUERY__NODE__NODE_INTEGER) return n->integer->ival;
    if (n->node_case == PG_QUERY__NODE__NODE_A_CONST) {
        const auto* c = n->a_const;
        if (c->val_case == PG_QUERY__A__CONST__VAL_IVAL) return c->ival->ival;
        if (c->val_case == PG_QUERY__A__CONST__VAL_FVAL) return integral(c->fval->fval, ok);
    }
    if (n->node_case == PG_QUERY__NODE__NODE_FLOAT) return integral(n->float_->fval, ok);
    ok = false;
    return 0;
}

}  // namespace pgkeel::parse
