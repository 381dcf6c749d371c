#include "common/quote.hpp"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <functional>
#include <string_view>
#include <unordered_map>

namespace pgkeel {
namespace {

// Keyword category of a word, asked of libpg_query's own scanner so the list
// always matches the parser (PostgreSQL 15).
struct WordHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

bool needs_quoting_as_keyword(std::string_view word) {
    // per thread, so no lock; looked up without building a string (the diff
    // quotes every name it touches, many times over)
    thread_local std::unordered_map<std::string, bool, WordHash, std::equal_to<>> cache;
    if (auto it = cache.find(word); it != cache.end()) return it->second;
    if (cache.size() >= (1U << 18)) cache.clear();
    std::string key(word);
    bool quote = false;
    PgQueryScanResult res = pg_query_scan(key.c_str());
    if (res.error == nullptr) {
        PgQuery__ScanResult* scan = pg_query__scan_result__unpack(
            nullptr, res.pbuf.len, reinterpret_cast<const uint8_t*>(res.pbuf.data));
        if (scan != nullptr) {
            if (scan->n_tokens == 1) {
                auto kind = scan->tokens[0]->keyword_kind;
                quote = kind != PG_QUERY__KEYWORD_KIND__NO_KEYWORD &&
                        kind != PG_QUERY__KEYWORD_KIND__UNRESERVED_KEYWORD;
            }
            pg_query__scan_result__free_unpacked(scan, nullptr);
        }
    }
    pg_query_free_scan_result(res);
    cache.emplace(std::move(key), quote);
    return quote;
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
