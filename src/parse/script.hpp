#pragma once
// Parsing a whole SQL script in pieces. One libpg_query parse call over a
// multi-megabyte file spends most of its time in fresh memory (page faults in
// libpg_query's memory contexts and in its output buffers); parsing it a
// few dozen statements at a time reuses the same warm memory, and the pieces
// can be parsed on more than one core.
#include <condition_variable>
#include <deque>
#include <functional>
#include <optional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "parse/pg_tree.hpp"

namespace pgkeel::parse {

// Where a script may be cut: the offset just past each ';' that ends a
// statement at the top level (outside quotes, comments, dollar quotes and
// parentheses, and not inside a BEGIN ATOMIC body).
std::vector<std::size_t> statement_ends(std::string_view text);

// How many threads parse a script: PGKEEL_PARSE_THREADS if set, else two (one
// on a one-core machine).
unsigned parse_threads();

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

    // Like parse(), but hands each statement to sink, in order, as soon as its
    // piece is parsed: the caller's work on the first statements overlaps the
    // parsing of the rest. A statement's nodes live until sink returns. A syntax error
    // anywhere is reported in preference to an input error sink throws, as
    // when the whole text was parsed first.
    static void each(const std::string& text, const std::string& file,
                     const std::function<void(const ScriptStatement&)>& sink, std::size_t chunk_bytes = 64 * 1024,
                     unsigned threads = 0);

    [[nodiscard]] const std::vector<ScriptStatement>& statements() const { return statements_; }
    [[nodiscard]] std::size_t pieces() const { return trees_.size(); }

private:
    friend class ScriptParser;
    static ParsedScript whole(const std::string& text, const std::string& file);
    std::vector<ParseTree> trees_;
    std::vector<ScriptStatement> statements_;
};

// Parses a script that is still being written: each piece (whole statements)
// is parsed on a worker thread as soon as it is added, while the caller goes
// on producing the next one. The script is the concatenation of the pieces.
class ScriptParser {
public:
    // workers: background threads; with none, finish() parses everything.
    explicit ScriptParser(unsigned workers = parse_threads());
    ScriptParser(const ScriptParser&) = delete;
    ScriptParser& operator=(const ScriptParser&) = delete;
    ~ScriptParser();

    using Sink = std::function<void(const ScriptStatement&)>;

    void add(std::string piece);
    // Waits for the pieces (the calling thread helps). A piece that did not
    // parse makes the whole script parse at once, to report its error.
    ParsedScript finish(const std::string& file = {});
    // Hands the statements of the pieces parsed so far that were not handed
    // yet to sink, in order, without waiting (and releases their nodes).
    void take_parsed(const Sink& sink);
    // Hands the rest, waiting for them (the calling thread helps). A piece's
    // nodes are released once its statements are handed over: a sink keeps
    // no node. A syntax error anywhere takes precedence over an input error
    // sink throws.
    void finish(const std::string& file, const Sink& sink);
    // The script so far, for error messages.
    [[nodiscard]] std::string text() const;

private:
    struct Piece {
        std::size_t begin = 0;
        std::string text;
        ParseTree tree;
        bool ok = false;
        bool done = false;
    };
    void work();
    void parse_piece(Piece& p);
    void deliver(const std::string& file, const Sink& sink, bool wait);
    void hand(const std::string& file, const Sink& sink, const ScriptStatement& st);
    void wait_all();

    std::deque<Piece> pieces_;  // a deque: workers hold references while pieces are added
    std::size_t next_ = 0;      // the next piece to parse
    std::size_t delivered_ = 0; // pieces handed to a sink
    std::optional<ParsedScript> whole_;  // the whole script, when a piece did not parse
    std::size_t length_ = 0;    // bytes added so far
    bool closing_ = false;
    unsigned max_workers_;
    mutable std::mutex mu_;
    std::condition_variable cv_;
    std::vector<std::thread> workers_;
};

}  // namespace pgkeel::parse
