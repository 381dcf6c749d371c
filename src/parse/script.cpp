#include "parse/script.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <thread>

namespace pgkeel::parse {
namespace {

bool ident_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '$' ||
           static_cast<unsigned char>(c) >= 0x80;
}

bool word_at(std::string_view text, std::size_t i, std::string_view word) {
    if (i + word.size() > text.size()) return false;
    for (std::size_t k = 0; k < word.size(); ++k)
        if (std::tolower(static_cast<unsigned char>(text[i + k])) != word[k]) return false;
    return i + word.size() == text.size() || !ident_char(text[i + word.size()]);
}

// PGKEEL_PARSE_THREADS, else two when the machine has two cores or more.
unsigned default_threads() {
    if (const char* env = std::getenv("PGKEEL_PARSE_THREADS")) {
        int v = std::atoi(env);
        if (v >= 1) return static_cast<unsigned>(std::min(v, 64));
    }
    return std::max(1U, std::min(2U, std::thread::hardware_concurrency()));
}

}  // namespace

std::vector<std::size_t> statement_ends(std::string_view text) {
    std::vector<std::size_t> ends;
    std::size_t i = 0;
    const std::size_t n = text.size();
    int depth = 0;          // parentheses
    bool atomic = false;    // inside BEGIN ATOMIC ... END
    int atomic_depth = 0;   // CASE ... END nesting inside it
    while (i < n) {
        char c = text[i];
        if (c == '-' && i + 1 < n && text[i + 1] == '-') {
            while (i < n && text[i] != '\n') ++i;
        } else if (c == '/' && i + 1 < n && text[i + 1] == '*') {
            int nest = 1;
            i += 2;
            while (i < n && nest > 0) {
                if (text[i] == '/' && i + 1 < n && text[i + 1] == '*') {
                    ++nest;
                    i += 2;
                } else if (text[i] == '*' && i + 1 < n && text[i + 1] == '/') {
                    --nest;
                    i += 2;
                } else {
                    ++i;
                }
            }
        } else if (c == '\'') {
            // E'...' takes backslash escapes; the E must stand alone (not the
            // end of an identifier such as "type'...'")
            bool escapes = i > 0 && (text[i - 1] == 'e' || text[i - 1] == 'E') && (i < 2 || !ident_char(text[i - 2]));
            ++i;
            while (i < n) {
                if (escapes && text[i] == '\\') {
                    i += 2;
                } else if (text[i] == '\'') {
                    if (i + 1 < n && text[i + 1] == '\'') {
                        i += 2;
                    } else {
                        ++i;
                        break;
                    }
                } else {
                    ++i;
                }
            }
        } else if (c == '"') {
            ++i;
            while (i < n) {
                if (text[i] == '"') {
                    if (i + 1 < n && text[i + 1] == '"') {
                        i += 2;
                    } else {
                        ++i;
                        break;
                    }
                } else {
                    ++i;
                }
            }
        } else if (c == '$' && (i == 0 || !ident_char(text[i - 1])) && i + 1 < n &&
                   !std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
            // $tag$ ... $tag$ (tag empty or an identifier without $)
            std::size_t k = i + 1;
            while (k < n && text[k] != '$' && ident_char(text[k])) ++k;
            if (k < n && text[k] == '$') {
                std::string_view tag = text.substr(i, k - i + 1);
                std::size_t close = text.find(tag, k + 1);
                i = close == std::string_view::npos ? n : close + tag.size();
            } else {
                i = k;
            }
        } else if (c == '(') {
            ++depth;
            ++i;
        } else if (c == ')') {
            depth = std::max(0, depth - 1);
            ++i;
        } else if (c == ';') {
            ++i;
            if (depth == 0 && !atomic) ends.push_back(i);
        } else if (ident_char(c)) {
            std::size_t start = i;
            while (i < n && ident_char(text[i])) ++i;
            if (start > 0 && ident_char(text[start - 1])) continue;
            std::string_view w = text.substr(start, i - start);
            auto is = [&](std::string_view kw) { return w.size() == kw.size() && word_at(text, start, kw); };
            if (!atomic && is("atomic")) {
                atomic = true;
                atomic_depth = 0;
            } else if (atomic && is("case")) {
                ++atomic_depth;
            } else if (atomic && is("end")) {
                if (atomic_depth == 0) atomic = false;
                else --atomic_depth;
            }
        } else {
            ++i;
        }
    }
    return ends;
}

ParsedScript ParsedScript::parse(const std::string& text, const std::string& file, std::size_t chunk_bytes,
                                 unsigned threads) {
    ParsedScript out;
    // the pieces: [begin, end) cut at statement ends once a piece is big enough
    std::vector<std::pair<std::size_t, std::size_t>> pieces;
    std::size_t begin = 0;
    if (text.size() > chunk_bytes) {
        for (std::size_t end : statement_ends(text)) {
            if (end - begin >= chunk_bytes) {
                pieces.emplace_back(begin, end);
                begin = end;
            }
        }
    }
    if (begin < text.size() || pieces.empty()) pieces.emplace_back(begin, text.size());

    std::vector<ParseTree> trees(pieces.size());
    std::atomic<bool> failed{false};
    if (pieces.size() > 1) {
        std::atomic<std::size_t> next{0};
        auto work = [&] {
            for (std::size_t p; !failed && (p = next++) < pieces.size();) {
                ParseTree::Failure f;
                bool ok = false;
                std::string piece = text.substr(pieces[p].first, pieces[p].second - pieces[p].first);
                trees[p] = ParseTree::try_parse(piece, f, ok);
                if (!ok) failed = true;
            }
        };
        unsigned n = threads != 0 ? threads : default_threads();
        n = static_cast<unsigned>(std::min<std::size_t>(n, pieces.size()));
        std::vector<std::thread> pool;
        for (unsigned t = 1; t < n; ++t) pool.emplace_back(work);
        work();
        for (auto& t : pool) t.join();
    }
    if (pieces.size() == 1 || failed) {
        // one piece, or a cut the parser disagrees with: the whole text at once
        trees.clear();
        trees.push_back(ParseTree::parse(text, file));
        pieces.assign(1, {0, text.size()});
    }
    for (std::size_t p = 0; p < trees.size(); ++p) {
        for (const Statement& st : trees[p].statements())
            out.statements_.push_back({st.node, pieces[p].first + st.offset, pieces[p].first});
    }
    out.trees_ = std::move(trees);
    return out;
}

}  // namespace pgkeel::parse
