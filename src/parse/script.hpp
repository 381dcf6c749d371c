#pragma once
// Parsing a whole SQL script in pieces. One pg_query_parse_protobuf call over a
// multi-megabyte file spends most of its time in fresh memory (page faults in
// libpg_query's memory contexts and in the protobuf buffers); parsing it a
// few dozen statements at a time reuses the same warm memory, and the pieces
// can be parsed on more than one core.
#include <string>
#include <string_view>
#include <vector>

#include "parse/pg_tree.hpp"

namespace pgkeel::parse {

// Where a script may be cut: the offset just past each ';' that ends a
// statement at the top level (outside quotes, comments, dollar quotes and
// parentheses, and not inside a BEGIN ATOMIC body).
std::vector<std::size_t> statement_ends(std::string_view text);

struct ScriptStatement {
    Node* node = nullptr;
    std::size_t offset = 0;  // byte offset of the statement in the script
    std::size_t base = 0;    // node locations are relative to this offset
};

class ParsedScript {
public:
    // Parses text in pieces of about chunk_bytes, on up to `threads` threads
    // (0: PGKEEL_PARSE_THREADS if set, else two, or one on a one-core machine).
    // A piece that does not parse makes the whole text parse in one piece, so
    // a syntax error is reported exactly as ParseTree::parse reports it.
    static ParsedScript parse(const std::string& text, const std::string& file = {},
                              std::size_t chunk_bytes = 64 * 1024, unsigned threads = 0);

    [[nodiscard]] const std::vector<ScriptStatement>& statements() const { return statements_; }
    [[nodiscard]] std::size_t pieces() const { return trees_.size(); }

private:
    std::vector<ParseTree> trees_;
    std::vector<ScriptStatement> statements_;
};

}  // namespace pgkeel::parse
