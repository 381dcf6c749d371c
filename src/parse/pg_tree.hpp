#pragma once
// The libpg_query adapter: the only place that calls the parser. RAII over the
// C results; the typed protobuf tree (pg_query.pb-c.h) is what callers walk.
#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace pgkeel::parse {

using Node = PgQuery__Node;

struct Statement {
    Node* node = nullptr;
    std::size_t offset = 0;  // byte offset of the statement in the parsed text
    std::size_t length = 0;  // 0 = to the end
};

class ParseTree {
public:
    // Parses text; a syntax error throws an input Error located in `file` at the
    // error's line and column.
    static ParseTree parse(const std::string& text, const std::string& file = {});
    // Like parse(), but reports a syntax error through failure/ok instead of throwing.
    struct Failure {
        std::string message;
        std::size_t byte_offset = 0;  // where in text the parser stopped
    };
    static ParseTree try_parse(const std::string& text, Failure& failure, bool& ok);

    [[nodiscard]] std::vector<Statement> statements() const;

    [[nodiscard]] PgQuery__ParseResult* get() const { return result_; }

    ParseTree();
    ParseTree(ParseTree&& other) noexcept;
    ParseTree& operator=(ParseTree&& other) noexcept;
    ~ParseTree();

private:
    // The unpacked tree lives in one arena and is released with it: protobuf-c's
    // node-by-node free cost more than the unpacking itself.
    struct Arena;
    std::unique_ptr<Arena> arena_;
    PgQuery__ParseResult* result_ = nullptr;
};

// Canonical SQL of one statement node (libpg_query's deparser).
std::string deparse_statement(Node* stmt);
// Canonical SQL of one expression node, without surrounding parentheses.
std::string deparse_expr(Node* expr);
// Canonical text of an expression given as text ("price > 0"). Throws an input
// Error at `where` (shifted by the error position) when it does not parse.
std::string canonical_expr(const std::string& text, const SourceLocation& where = {});
// Canonical text of a whole SELECT given as text.
std::string canonical_query(const std::string& text, const SourceLocation& where = {});
// All four are memoized per thread: a schema repeats the same defaults, checks
// and predicates many times over (now(), 0, false, ...). Trees are keyed by
// their content without source locations (fragment_key), texts by the text.

// An exact, unambiguous encoding of a subtree (every field, in descriptor
// order, with lengths) that leaves out source locations: two fragments have
// the same key exactly when they deparse the same wherever they were written.
void fragment_key(const ProtobufCMessage* msg, std::string& out);

// The size of one stored value of a field's type in protobuf-c's layout (an
// element of a repeated field).
std::size_t value_size(const ProtobufCFieldDescriptor& f);

// Byte offset of the 1-based character position PostgreSQL reports in errors.
std::size_t char_pos_to_offset(const std::string& text, int cursorpos);

// Calls visit on every Node under msg (any protobuf-c message of the tree), parents first.
void walk_nodes(const ProtobufCMessage* msg, const std::function<void(Node*)>& visit);

// Helpers over the tree.
std::string str(const Node* n);                    // value of a String node ("" otherwise)
std::vector<std::string> strings(Node* const* items, std::size_t n);  // list of String nodes
const char* node_type_name(const Node* n);          // "CreateRuleStmt"
std::string statement_description(const Node* n);   // "CREATE RULE (CreateRuleStmt)"
int64_t int_value(const Node* n, bool& ok);         // Integer / A_Const integer

}  // namespace pgkeel::parse
