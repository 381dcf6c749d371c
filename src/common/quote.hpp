#pragma once
// The one place identifiers and literals are quoted for SQL. User text never
// reaches SQL any other way.
#include <string>
#include <string_view>
#include <vector>

namespace pgkeel {

// Quotes like PostgreSQL's quote_identifier(): bare when the name is lower-case
// letters, digits, underscores and '$' (not first), and not a non-unreserved keyword.
std::string quote_ident(std::string_view name);
// "name" with quotes doubled, always (what quote_ident does when quoting is needed).
std::string quote_always(std::string_view name);
// schema.name, each part quoted; an empty schema gives just the name.
std::string quote_qualified(std::string_view schema, std::string_view name);
// 'text' with quotes doubled; E'' form when backslashes are present.
std::string quote_literal(std::string_view text);
// A dollar-quoted string whose tag does not occur inside text.
std::string quote_dollar(std::string_view text);

// Reads the identifier at s[i], advancing i past it: a bare one folded to
// lower case as PostgreSQL folds it, or a double-quoted one ("" read as ").
// False when none starts there (a digit, an operator, an unclosed quote).
bool read_identifier(std::string_view s, std::size_t& i, std::string& out);
// Reads the string literal whose opening quote is at s[i] into out ('' read
// as '; after an E, backslash escapes are skipped over, not decoded),
// advancing i past its closing quote.
void read_string_literal(std::string_view s, std::size_t& i, std::string& out);

// The names in SQL text, read back with read_identifier; string literals and
// numbers are skipped. Keywords come out too: callers compare with names they know.
std::vector<std::string> sql_words(std::string_view sql);
// Whether SQL text names `name` as a whole identifier, bare or double-quoted:
// `created_at` does not name `at`.
bool mentions_name(std::string_view sql, std::string_view name);

}  // namespace pgkeel
