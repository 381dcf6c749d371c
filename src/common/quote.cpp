#include "common/quote.hpp"

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

std::vector<std::string> sql_words(std::string_view sql) {
    auto word_char = [](char c) {
        auto u = static_cast<unsigned char>(c);
        return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_' || u == '$' || u >= 0x80;
    };
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < sql.size()) {
        char c = sql[i];
        if (c == '\'') {  // a string literal; E'...' also escapes with backslashes
            bool escapes = i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e');
            for (++i; i < sql.size(); ++i) {
                if (escapes && sql[i] == '\\') {
                    ++i;
                } else if (sql[i] == '\'') {
                    if (i + 1 < sql.size() && sql[i + 1] == '\'') ++i;
                    else break;
                }
            }
            ++i;
        } else if (c == '"') {
            std::string name;
            for (++i; i < sql.size(); ++i) {
                if (sql[i] == '"') {
                    if (i + 1 < sql.size() && sql[i + 1] == '"') ++i;
                    else break;
                }
                name += sql[i];
            }
            ++i;
            out.push_back(std::move(name));
        } else if (word_char(c)) {
            std::size_t start = i;
            while (i < sql.size() && word_char(sql[i])) ++i;
            if (!(c >= '0' && c <= '9')) out.emplace_back(sql.substr(start, i - start));
        } else {
            ++i;
        }
    }
    return out;
}

bool mentions_name(std::string_view sql, std::string_view name) {
    if (name.empty()) return false;
    // the common case, without reading words (a name with '"' is doubled when quoted)
    if (name.find('"') == std::string_view::npos && sql.find(name) == std::string_view::npos) return false;
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
