#include "common/quote.hpp"

#include <cctype>
#include <cstdint>
#include <string_view>

// The parser's own keyword table, which libpg_query exports (PostgreSQL's
// common/keywords.h): ScanKeywordLookup is the perfect-hash lookup the
// scanner itself does, ScanKeywordCategories the category of each keyword.
extern "C" {
struct ScanKeywordList;
int ScanKeywordLookup(const char* str, const ScanKeywordList* keywords);
extern const ScanKeywordList ScanKeywords;
extern const uint8_t ScanKeywordCategories[];
}

namespace pgkeel {
namespace {

constexpr uint8_t kUnreservedKeyword = 0;  // UNRESERVED_KEYWORD in keywords.h
constexpr std::size_t kLongestKeyword = 64;  // PostgreSQL's are at most 17 bytes

// Whether word, made of [a-z0-9_$], is a keyword that must be quoted as a name
// (any but an unreserved one), as PostgreSQL's quote_identifier() decides.
bool needs_quoting_as_keyword(std::string_view word) {
    if (word.size() > kLongestKeyword) return false;
    char buf[kLongestKeyword + 1];
    word.copy(buf, word.size());
    buf[word.size()] = '\0';
    const int kw = ScanKeywordLookup(buf, &ScanKeywords);
    return kw >= 0 && ScanKeywordCategories[kw] != kUnreservedKeyword;
}

}  // namespace

std::string quote_ident(std::string_view name) {
    bool safe = !name.empty() && ((name[0] >= 'a' && name[0] <= 'z') || name[0] == '_');
    for (char c : name) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$')) {
            safe = false;
            break;
        }
    }
    if (safe && !needs_quoting_as_keyword(name)) return std::string(name);
    return quote_always(name);
}

std::string quote_always(std::string_view name) {
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string quote_qualified(std::string_view schema, std::string_view name) {
    if (schema.empty()) return quote_ident(name);
    return quote_ident(schema) + "." + quote_ident(name);
}

std::string quote_literal(std::string_view text) {
    bool backslash = text.find('\\') != std::string_view::npos;
    std::string out = backslash ? "E'" : "'";
    for (char c : text) {
        if (c == '\'' || (backslash && c == '\\')) out += c;
        out += c;
    }
    out += '\'';
    return out;
}

namespace {

bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || (c & 0x80); }

}  // namespace

bool read_identifier(std::string_view s, std::size_t& i, std::string& out) {
    out.clear();
    if (i < s.size() && s[i] == '"') {
        for (++i; i < s.size(); ++i) {
            if (s[i] == '"') {
                if (i + 1 < s.size() && s[i + 1] == '"') {
                    out += '"';
                    ++i;
                    continue;
                }
                ++i;
                return true;
            }
            out += s[i];
        }
        return false;
    }
    if (i >= s.size() || !(std::isalpha(static_cast<unsigned char>(s[i])) || s[i] == '_' || (s[i] & 0x80))) return false;
    while (i < s.size() && ident_char(s[i])) out += static_cast<char>(std::tolower(static_cast<unsigned char>(s[i++])));
    return true;
}

void read_string_literal(std::string_view s, std::size_t& i, std::string& out) {
    out.clear();
    bool escapes = i > 0 && (s[i - 1] == 'E' || s[i - 1] == 'e');
    for (++i; i < s.size(); ++i) {
        if (escapes && s[i] == '\\' && i + 1 < s.size()) {
            out += s[i++];
        } else if (s[i] == '\'') {
            if (i + 1 >= s.size() || s[i + 1] != '\'') break;
            ++i;
        }
        out += s[i];
    }
    ++i;
}

std::vector<std::string> sql_words(std::string_view sql) {
    std::vector<std::string> out;
    std::string word;
    for (std::size_t i = 0; i < sql.size();) {
        if (sql[i] == '\'') {
            read_string_literal(sql, i, word);
        } else if (read_identifier(sql, i, word)) {
            out.push_back(word);
        } else if (ident_char(sql[i])) {  // a number, or what follows it
            while (i < sql.size() && ident_char(sql[i])) ++i;
        } else {
            ++i;
        }
    }
    return out;
}

bool mentions_name(std::string_view sql, std::string_view name) {
    if (name.empty()) return false;
    for (const auto& w : sql_words(sql))
        if (w == name) return true;
    return false;
}

std::string quote_dollar(std::string_view text) {
    std::string tag = "$$";
    for (int n = 0; text.find(tag) != std::string_view::npos; ++n) {
        tag = "$body";
        if (n > 0) tag += std::to_string(n);
        tag += '$';
    }
    return tag + std::string(text) + tag;
}

}  // namespace pgkeel
