#include "parse/script.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <thread>

namespace pgkeel::parse {
namespace {

// ASCII letters and digits, '_', '$' and any byte of a multi-byte character
// (the scanner's ident_cont, without the locale: isalnum is a call per byte).
bool ident_char(char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_' || u == '$' || u >= 0x80;
}

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool word_at(std::string_view text, std::size_t i, std::string_view word) {
    if (i + word.size() > text.size()) return false;
    for (std::size_t k = 0; k < word.size(); ++k)
        if (ascii_lower(text[i + k]) != word[k]) return false;
    return i + word.size() == text.size() || !ident_char(text[i + word.size()]);
}

// Past the quoted text that starts at i (a string or an identifier: the quote
// character doubled stands for itself; with escapes, a backslash escapes the
// next character). An unterminated quote runs to the end.
std::size_t skip_quoted(std::string_view text, std::size_t i, bool escapes) {
    const char quote = text[i++];
    while (i < text.size()) {
        if (escapes && text[i] == '\\') {
            i += 2;
        } else if (text[i] != quote) {
            ++i;
        } else if (i + 1 < text.size() && text[i + 1] == quote) {
            i += 2;
        } else {
            return i + 1;
        }
    }
    return text.size();
}

}  // namespace

unsigned parse_threads() {
    if (const char* env = std::getenv("PGKEEL_PARSE_THREADS")) {
        int v = std::atoi(env);
        if (v >= 1) return static_cast<unsigned>(std::min(v, 64));
    }
    return std::max(1U, std::min(2U, std::thread::hardware_concurrency()));
}

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
            i = skip_quoted(text, i, escapes);
        } else if (c == '"') {
            i = skip_quoted(text, i, false);
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

ScriptParser::ScriptParser(unsigned workers) : max_workers_(workers) {}

ScriptParser::~ScriptParser() {
    {
        // abandoned (an error while the script was written): drop what is left
        std::lock_guard lock(mu_);
        closing_ = true;
        next_ = pieces_.size();
    }
    cv_.notify_all();
    for (auto& t : workers_) t.join();
}

void ScriptParser::add(std::string piece) {
    {
        std::lock_guard lock(mu_);
        Piece& p = pieces_.emplace_back();
        p.begin = length_;
        length_ += piece.size();
        p.text = std::move(piece);
        if (workers_.size() < max_workers_) workers_.emplace_back([this] { work(); });
    }
    cv_.notify_one();
}

void ScriptParser::parse_piece(Piece& p) {
    ParseTree::Failure failure;
    bool ok = false;
    ParseTree tree;
    try {
        tree = ParseTree::try_parse(p.text, failure, ok);
    } catch (...) {
        ok = false;  // the whole text is parsed again and reports it
    }
    {
        std::lock_guard lock(mu_);
        p.tree = std::move(tree);
        p.ok = ok;
        p.done = true;
    }
    cv_.notify_all();
}

void ScriptParser::work() {
    std::unique_lock lock(mu_);
    for (;;) {
        cv_.wait(lock, [&] { return next_ < pieces_.size() || closing_; });
        if (next_ >= pieces_.size()) return;  // closing, nothing left
        Piece& p = pieces_[next_++];
        lock.unlock();
        parse_piece(p);
        lock.lock();
    }
}

// Parses what no worker took yet and waits for the rest.
void ScriptParser::wait_all() {
    std::unique_lock lock(mu_);
    while (next_ < pieces_.size()) {
        Piece& p = pieces_[next_++];
        lock.unlock();
        parse_piece(p);
        lock.lock();
    }
    cv_.wait(lock, [&] { return std::all_of(pieces_.begin(), pieces_.end(), [](const Piece& p) { return p.done; }); });
}

void ScriptParser::hand(const std::string& file, const Sink& sink, const ScriptStatement& st) {
    try {
        sink(st);
    } catch (const Error& e) {
        bool complete = false;
        {
            std::lock_guard lock(mu_);
            complete = closing_;
        }
        if (e.kind() != ErrorKind::Input || !complete || whole_) throw;
        wait_all();
        if (std::any_of(pieces_.begin(), pieces_.end(), [](const Piece& p) { return !p.ok; })) {
            (void)ParsedScript::whole(text(), file);  // throws the syntax error, if there is one
        }
        throw;
    }
}

void ScriptParser::deliver(const std::string& file, const Sink& sink, bool wait) {
    while (delivered_ < pieces_.size()) {
        Piece& p = pieces_[delivered_];  // a deque: stays where it is while pieces are added
        {
            std::unique_lock lock(mu_);
            if (!p.done) {
                if (!wait) return;
                if (next_ == delivered_) {  // not taken by a worker: parse it here
                    ++next_;
                    lock.unlock();
                    parse_piece(p);
                } else {
                    cv_.wait(lock, [&] { return p.done; });
                }
            }
        }
        if (!p.ok) {
            if (!wait) return;  // finish() sorts it out once every piece is there
            // a cut the parser disagrees with, or an error: the whole text at once
            wait_all();
            whole_ = ParsedScript::whole(text(), file);
            for (const ScriptStatement& st : whole_->statements())
                if (st.offset >= p.begin) hand(file, sink, st);
            delivered_ = pieces_.size();
            return;
        }
        for (const Statement& st : p.tree.statements()) hand(file, sink, {st.node, p.begin + st.offset, p.begin});
        p.tree = ParseTree();  // handed over: its memory serves the pieces still to parse
        ++delivered_;
    }
}

void ScriptParser::take_parsed(const Sink& sink) { deliver({}, sink, false); }

void ScriptParser::finish(const std::string& file, const Sink& sink) {
    {
        std::lock_guard lock(mu_);
        closing_ = true;
    }
    cv_.notify_all();
    deliver(file, sink, true);
}

std::string ScriptParser::text() const {
    std::lock_guard lock(mu_);
    std::string out;
    out.reserve(length_);
    for (const auto& p : pieces_) out += p.text;
    return out;
}

ParsedScript ScriptParser::finish(const std::string& file) {
    {
        std::lock_guard lock(mu_);
        closing_ = true;
    }
    cv_.notify_all();
    work();  // parse what is left alongside the workers
    for (auto& t : workers_) t.join();
    workers_.clear();

    bool ok = std::all_of(pieces_.begin(), pieces_.end(), [](const Piece& p) { return p.ok; });
    // a cut the parser disagrees with, or an error: the whole text at once
    if (!ok || pieces_.empty()) return ParsedScript::whole(text(), file);
    ParsedScript out;
    for (auto& p : pieces_) {
        for (const Statement& st : p.tree.statements()) out.statements_.push_back({st.node, p.begin + st.offset, p.begin});
        out.trees_.push_back(std::move(p.tree));
    }
    return out;
}

ParsedScript ParsedScript::whole(const std::string& text, const std::string& file) {
    ParsedScript out;
    out.trees_.push_back(ParseTree::parse(text, file));
    for (const Statement& st : out.trees_.back().statements()) out.statements_.push_back({st.node, st.offset, 0});
    return out;
}

namespace {

// Where to cut text into pieces: at statement ends, once a piece is big enough.
std::vector<std::size_t> cuts_of(const std::string& text, std::size_t chunk_bytes) {
    std::vector<std::size_t> cuts;
    if (text.size() > chunk_bytes) {
        std::size_t begin = 0;
        for (std::size_t end : statement_ends(text)) {
            if (end - begin >= chunk_bytes) {
                cuts.push_back(end);
                begin = end;
            }
        }
    }
    if (cuts.size() == 1 && cuts[0] == text.size()) cuts.clear();
    return cuts;
}

void add_pieces(ScriptParser& parser, const std::string& text, const std::vector<std::size_t>& cuts) {
    std::size_t begin = 0;
    for (std::size_t end : cuts) {
        parser.add(text.substr(begin, end - begin));
        begin = end;
    }
    if (begin < text.size()) parser.add(text.substr(begin));
}

}  // namespace

ParsedScript ParsedScript::parse(const std::string& text, const std::string& file, std::size_t chunk_bytes,
                                 unsigned threads) {
    const std::vector<std::size_t> cuts = cuts_of(text, chunk_bytes);
    if (cuts.empty()) return whole(text, file);
    // the calling thread parses too (in finish), so one worker fewer
    ScriptParser parser((threads != 0 ? threads : parse_threads()) - 1);
    add_pieces(parser, text, cuts);
    return parser.finish(file);
}

void ParsedScript::each(const std::string& text, const std::string& file,
                        const std::function<void(const ScriptStatement&)>& sink, std::size_t chunk_bytes,
                        unsigned threads) {
    const std::vector<std::size_t> cuts = cuts_of(text, chunk_bytes);
    if (cuts.empty()) {
        ParsedScript script = whole(text, file);
        for (const ScriptStatement& st : script.statements()) sink(st);
        return;
    }
    // the calling thread handles the statements and parses when it would wait
    ScriptParser parser((threads != 0 ? threads : parse_threads()) - 1);
    add_pieces(parser, text, cuts);
    parser.finish(file, sink);
}

}  // namespace pgkeel::parse
