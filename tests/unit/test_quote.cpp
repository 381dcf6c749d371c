#include <doctest/doctest.h>

#include "common/error.hpp"
#include "common/quote.hpp"
#include "common/sha256.hpp"
#include "common/text.hpp"

using namespace pgkeel;

TEST_CASE("quote_ident follows PostgreSQL's quote_identifier") {
    struct Case {
        const char* in;
        const char* out;
    };
    const Case cases[] = {
        {"users", "users"},          {"user", "\"user\""},       {"select", "\"select\""},
        {"order", "\"order\""},      {"Users", "\"Users\""},     {"my table", "\"my table\""},
        {"a\"b", "\"a\"\"b\""},      {"café", "\"café\""},       {"_x1$", "_x1$"},
        {"1abc", "\"1abc\""},        {"", "\"\""},               {"name", "name"},  // unreserved keyword
        {"int", "\"int\""},          {"between", "\"between\""}, {"a;drop", "\"a;drop\""},
        {"x--y", "\"x--y\""},
    };
    for (const auto& c : cases) {
        CAPTURE(c.in);
        CHECK(quote_ident(c.in) == c.out);
    }
    CHECK(quote_qualified("public", "Order") == "public.\"Order\"");
    CHECK(quote_qualified("", "t") == "t");
}

TEST_CASE("quote_literal and quote_dollar never let text escape") {
    CHECK(quote_literal("it's") == "'it''s'");
    CHECK(quote_literal("a\\b") == "E'a\\\\b'");
    CHECK(quote_literal("") == "''");
    CHECK(quote_dollar("select 1") == "$$select 1$$");
    std::string tricky = "x $$ y";
    std::string q = quote_dollar(tricky);
    CHECK(q == "$body$x $$ y$body$");
    CHECK(quote_dollar("$body$ and $$") == "$body1$$body$ and $$$body1$");
}

TEST_CASE("sha256 and text helpers") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(edit_distance("notnull", "not_null") == 1);
    CHECK(nearest("notnull", {"not_null", "default", "type"}) == "not_null");
    CHECK(nearest("zzzzzz", {"not_null", "default"}).empty());
    CHECK(join({"a", "b", "c"}, ", ") == "a, b, c");
}

TEST_CASE("locate counts lines and UTF-8 characters") {
    std::string text = "ab\ncé\nxyz";
    auto loc = locate("f.sql", text, text.find('x'));
    CHECK(loc.line == 3);
    CHECK(loc.column == 1);
    loc = locate("f.sql", text, text.find('\n', 3));
    CHECK(loc.line == 2);
    CHECK(loc.column == 3);  // "cé" is two characters
    CHECK(loc.str() == "f.sql:2:3");
    Error e(ErrorKind::Input, "bad", loc);
    CHECK(std::string(e.what()) == "f.sql:2:3: bad");
    CHECK(e.exit_code() == 5);
    CHECK(Error(ErrorKind::Database, "down").exit_code() == 1);
}
