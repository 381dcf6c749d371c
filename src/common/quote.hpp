#pragma once
// The one place identifiers and literals are quoted for SQL. User text never
// reaches SQL any other way.
#include <string>
#include <string_view>

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

}  // namespace pgkeel
