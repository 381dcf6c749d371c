#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "common/text.hpp"
#include "parse/script.hpp"

using namespace pgkeel;

namespace {

// The statements between the cut points.
std::vector<std::string> cut(const std::string& text) {
    std::vector<std::string> out;
    std::size_t begin = 0;
    for (std::size_t end : parse::statement_ends(text)) {
        out.push_back(text.substr(begin, end - begin));
        begin = end;
    }
    if (begin < text.size()) out.push_back(text.substr(begin));
    return out;
}

// Each statement's tree, locations left out (the deparser does not take
// every statement kind whole).
std::vector<std::string> trees(const parse::ParsedScript& s) {
    std::vector<std::string> out;
    for (const auto& st : s.statements()) {
        out.emplace_back();
        parse::fragment_key(reinterpret_cast<const ProtobufCMessage*>(st.node), out.back());
    }
    return out;
}

}  // namespace

TEST_CASE("a script is cut only where a statement ends") {
    struct Case {
        const char* text;
        std::vector<std::string> pieces;
    };
    const Case cases[] = {
        {"SELECT 1; SELECT 2;", {"SELECT 1;", " SELECT 2;"}},
        {"SELECT ';'; SELECT 2", {"SELECT ';';", " SELECT 2"}},
        {"SELECT 'it''s;'; SELECT 2", {"SELECT 'it''s;';", " SELECT 2"}},
        {"SELECT E'\\';'; SELECT 2", {"SELECT E'\\';';", " SELECT 2"}},
        {"SELECT e'\\\\'; SELECT 2", {"SELECT e'\\\\';", " SELECT 2"}},
        // a standard string: the backslash is a character, the quote ends it
        {"SELECT '\\'; SELECT 2", {"SELECT '\\';", " SELECT 2"}},
        {"SELECT date'2020-01-01'; SELECT 2", {"SELECT date'2020-01-01';", " SELECT 2"}},
        {"SELECT \"a;\"\"b\"; SELECT 2", {"SELECT \"a;\"\"b\";", " SELECT 2"}},
        {"SELECT U&\"d;\\0061\"; SELECT 2", {"SELECT U&\"d;\\0061\";", " SELECT 2"}},
        {"SELECT 1 -- not here;\n; SELECT 2", {"SELECT 1 -- not here;\n;", " SELECT 2"}},
        {"SELECT 1 /* a /* nested; */ still; */; SELECT 2", {"SELECT 1 /* a /* nested; */ still; */;", " SELECT 2"}},
        {"CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql; SELECT 2",
         {"CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;", " SELECT 2"}},
        {"CREATE FUNCTION f() RETURNS int AS $body$ SELECT $$;$$; $body$ LANGUAGE sql; SELECT 2",
         {"CREATE FUNCTION f() RETURNS int AS $body$ SELECT $$;$$; $body$ LANGUAGE sql;", " SELECT 2"}},
        // $ inside an identifier and a parameter are not dollar quotes
        {"SELECT a$b$c; SELECT $1;", {"SELECT a$b$c;", " SELECT $1;"}},
        {"CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2)); SELECT 2",
         {"CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2));", " SELECT 2"}},
        {"CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN x > 0 THEN 1 END; "
         "SELECT 2; END; SELECT 3;",
         {"CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN x > 0 THEN 1 END; "
          "SELECT 2; END;",
          " SELECT 3;"}},
        // an unterminated quote swallows the rest: no cut after it
        {"SELECT 1; SELECT 'open; SELECT 2;", {"SELECT 1;", " SELECT 'open; SELECT 2;"}},
    };
    for (const auto& c : cases) {
        INFO(c.text);
        CHECK(cut(c.text) == c.pieces);
    }
}

TEST_CASE("a script parsed in pieces gives the statements of one parse, at the same offsets") {
    namespace fs = std::filesystem;
    const char* root = std::getenv("PGKEEL_SOURCE_ROOT");
    REQUIRE(root != nullptr);
    std::vector<fs::path> files;
    for (const char* dir : {"tests/e2e/schemas", "plans"}) {
        for (const auto& e : fs::recursive_directory_iterator(fs::path(root) / dir))
            if (e.path().extension() == ".sql") files.push_back(e.path());
    }
    REQUIRE(files.size() > 40);
    for (const auto& f : files) {
        INFO(f.string());
        std::string text = read_file(f.string());
        auto whole = parse::ParsedScript::parse(text, f.string(), text.size() + 1);
        // every statement a piece of its own, on two threads
        auto pieces = parse::ParsedScript::parse(text, f.string(), 1, 2);
        CHECK(whole.pieces() == 1);
        // (plus one for what follows the last statement, if anything does)
        CHECK(pieces.pieces() >= pieces.statements().size());
        CHECK(pieces.pieces() <= pieces.statements().size() + 1);
        REQUIRE(pieces.statements().size() == whole.statements().size());
        CHECK(trees(pieces) == trees(whole));
        for (std::size_t i = 0; i < whole.statements().size(); ++i) {
            CHECK(pieces.statements()[i].offset == whole.statements()[i].offset);
        }
    }
}

TEST_CASE("a syntax error in a later piece is reported as a whole parse reports it") {
    std::string text;
    for (int i = 0; i < 50; ++i) text += "CREATE TABLE t" + std::to_string(i) + " (a int);\n";
    text += "CREATE TABLE broken (a int,);\nCREATE TABLE after (a int);\n";
    std::string whole_error, pieces_error;
    try {
        parse::ParseTree::parse(text, "s.sql");
    } catch (const Error& e) {
        whole_error = e.what();
    }
    try {
        parse::ParsedScript::parse(text, "s.sql", 64, 2);
    } catch (const Error& e) {
        pieces_error = e.what();
    }
    CHECK(whole_error.find("s.sql:51:") != std::string::npos);
    CHECK(pieces_error == whole_error);
}

TEST_CASE("node locations of a piece count from the piece's start") {
    std::string text = "CREATE TABLE a (x int);\nCREATE TABLE b (y int);\n";
    auto s = parse::ParsedScript::parse(text, "", 1, 1);
    REQUIRE(s.statements().size() == 2);
    const auto& second = s.statements()[1];
    CHECK(second.base == 23);
    auto* create = second.node->create_stmt;
    // the relation's location plus the base is where "b" stands in the script
    CHECK(text.substr(second.base + static_cast<std::size_t>(create->relation->location), 1) == "b");
}

TEST_CASE("statements handed over as their pieces are parsed are those of one parse, in order") {
    namespace fs = std::filesystem;
    const char* root = std::getenv("PGKEEL_SOURCE_ROOT");
    REQUIRE(root != nullptr);
    for (const auto& e : fs::directory_iterator(fs::path(root) / "tests/e2e/schemas")) {
        if (e.path().extension() != ".sql") continue;
        INFO(e.path().string());
        std::string text = read_file(e.path().string());
        auto whole = parse::ParsedScript::parse(text, "", text.size() + 1);
        for (unsigned threads : {1U, 2U}) {
            std::vector<std::string> keys;
            std::vector<std::size_t> offsets;
            parse::ParsedScript::each(
                text, "",
                [&](const parse::ScriptStatement& st) {
                    keys.emplace_back();
                    parse::fragment_key(reinterpret_cast<const ProtobufCMessage*>(st.node), keys.back());
                    offsets.push_back(st.offset);
                },
                1, threads);
            CHECK(keys == trees(whole));
            REQUIRE(offsets.size() == whole.statements().size());
            for (std::size_t i = 0; i < offsets.size(); ++i) CHECK(offsets[i] == whole.statements()[i].offset);
        }
    }
}

TEST_CASE("a syntax error anywhere is reported before an error in a statement handed over earlier") {
    std::string text;
    for (int i = 0; i < 50; ++i) text += "CREATE TABLE t" + std::to_string(i) + " (a int);\n";
    text += "CREATE TABLE broken (a int,);\n";
    // the message of the error each() throws when every statement's sink fails
    const auto error_of = [](const std::string& script) {
        try {
            parse::ParsedScript::each(
                script, "s.sql",
                [](const parse::ScriptStatement&) { throw_input("not this one", SourceLocation{"s.sql", 1, 1}); }, 64, 2);
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    std::string message = error_of(text);
    CHECK(message.find("s.sql:51:") != std::string::npos);
    CHECK(message.find("syntax error") != std::string::npos);
    // without a syntax error, the sink's own error comes through
    text.resize(text.find("CREATE TABLE broken"));
    message = error_of(text);
    CHECK(message.find("not this one") != std::string::npos);
}

TEST_CASE("take_parsed hands over what is parsed, in order, without waiting for the rest") {
    parse::ScriptParser parser(1);
    std::vector<std::size_t> offsets;
    const auto sink = [&](const parse::ScriptStatement& st) { offsets.push_back(st.offset); };
    std::string text;
    for (int i = 0; i < 20; ++i) {
        std::string piece = "CREATE TABLE t" + std::to_string(i) + " (a int);\n";
        text += piece;
        parser.add(piece);
        parser.take_parsed(sink);
        CHECK(offsets.size() <= static_cast<std::size_t>(i) + 1);
    }
    parser.finish("", sink);
    REQUIRE(offsets.size() == 20);
    for (std::size_t i = 0; i < offsets.size(); ++i) {
        CHECK(text.compare(offsets[i], 14, "CREATE TABLE t") == 0);
        if (i > 0) CHECK(offsets[i] > offsets[i - 1]);
    }
}
