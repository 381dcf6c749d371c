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

// The names in SQL text, read back: each run of letters, digits, '_', '$' and
// bytes of multi-byte characters that does not start with a digit, and the
// contents of each double-quoted name ("" read as "). String literals are
// skipped. Keywords come out too: callers compare with names they know.
std::vector<std::string> sql_words(std::string_view sql);
// Whether SQL text names `name` as a whole identifier, bare or double-quoted:
// `created_at` does not name `at`.
bool mentions_name(std::string_view sql, std::string_view name);

}  // namespace pgkeel
