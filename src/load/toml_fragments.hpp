#pragma once
// SQL inside TOML: each fragment is parsed on its own by libpg_query and must
// be exactly one thing of its kind (one expression, one type, one SELECT...),
// so it cannot spill into the statement it is placed in. SqlOut assembles the
// generated DDL and remembers where each byte came from.
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "load/toml_reader.hpp"

namespace pgkeel::load {

enum class Frag {
    Expr,            // default, CHECK body, WHERE, WHEN, USING, backfill expression
    Type,            // column, domain, attribute type
    Query,           // view query
    IndexKey,        // one index element
    Operator,        // exclusion operator
    PartitionBy,     // RANGE (a)
    PartitionBound,  // FOR VALUES ... | DEFAULT
    Args,            // function argument list
    Returns,         // function return type
    SqlBody,         // RETURN ... | BEGIN ATOMIC ... END
    ConfigValue,     // SET name = <value>
    UpdateSet,       // the SET list of an UPDATE
};

// Checks a fragment; on failure records a diagnostic at the offending character
// and returns false. `key` names the TOML key in messages.
bool check_fragment(Frag kind, const Text& t, const std::string& key, Diagnostics& d);

// A reference written the SQL way (shop.orders, "Order Lines"): its name parts,
// unquoted parts folded to lower case. Empty (and a diagnostic) when malformed.
std::vector<std::string> parse_reference(const Text& t, const std::string& key, std::size_t min_parts,
                                         std::size_t max_parts, Diagnostics& d);

// Generated SQL with a map back to the TOML source.
class SqlOut {
public:
    explicit SqlOut(Place anchor) { at(std::move(anchor)); }
    // Synthetic text written from now on is attributed to `anchor`.
    void at(Place anchor);
    SqlOut& operator<<(std::string_view s) {
        sql_ += s;
        return *this;
    }
    // Writes a fragment verbatim (then a newline, so a trailing -- comment ends there).
    void frag(const Text& t);
    // Ends a statement.
    void end() { sql_ += ";\n"; }
    [[nodiscard]] const std::string& sql() const { return sql_; }
    [[nodiscard]] bool empty() const { return sql_.empty(); }
    [[nodiscard]] SourceLocation locate(std::size_t offset) const;

private:
    struct Seg {
        std::size_t begin;
        const Text* text;  // nullptr: synthetic
        Place anchor;
    };
    std::string sql_;
    std::deque<Text> texts_;
    std::vector<Seg> segs_;
    Place anchor_;
};

}  // namespace pgkeel::load
