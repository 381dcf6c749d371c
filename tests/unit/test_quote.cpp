#include <doctest/doctest.h>

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <sstream>
#include <string>
#include <vector>

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

// The scanner's answer: whether word scans as one keyword other than an unreserved one.
bool scanner_says_reserved(const std::string& word) {
    PgQueryScanResult res = pg_query_scan(word.c_str());
    bool reserved = false;
    if (res.error == nullptr) {
        PgQuery__ScanResult* scan =
            pg_query__scan_result__unpack(nullptr, res.pbuf.len, reinterpret_cast<const uint8_t*>(res.pbuf.data));
        REQUIRE(scan != nullptr);
        if (scan->n_tokens == 1) {
            auto kind = scan->tokens[0]->keyword_kind;
            reserved = kind != PG_QUERY__KEYWORD_KIND__NO_KEYWORD && kind != PG_QUERY__KEYWORD_KIND__UNRESERVED_KEYWORD;
        }
        pg_query__scan_result__free_unpacked(scan, nullptr);
    }
    pg_query_free_scan_result(res);
    return reserved;
}

TEST_CASE("quote_ident quotes exactly the keywords the scanner reserves") {
    // keywords of every category, words near them, and plain names
    std::istringstream words(
        "abort absolute access action add admin after aggregate all also alter always analyse analyze and any "
        "array as asc asensitive assertion assignment asymmetric at atomic attach attribute authorization "
        "backward before begin between bigint binary bit boolean both breadth by cache call called cascade "
        "cascaded case cast catalog chain char character characteristics check checkpoint class close cluster "
        "coalesce collate collation column columns comment comments commit committed compression concurrently "
        "configuration conflict connection constraint constraints content continue conversion copy cost create "
        "cross csv cube current current_catalog current_date current_role current_schema current_time "
        "current_timestamp current_user cursor cycle data database day deallocate dec decimal declare default "
        "defaults deferrable deferred definer delete delimiter delimiters depends depth desc detach dictionary "
        "disable discard distinct do document domain double drop each else enable encoding encrypted end enum "
        "escape event except exclude excluding exclusive execute exists explain expression extension external "
        "extract false family fetch filter finalize first float following for force foreign forward freeze from "
        "full function functions generated global grant granted greatest group grouping groups handler having "
        "header hold hour identity if ilike immediate immutable implicit import in include including increment "
        "index indexes inherit inherits initially inline inner inout input insensitive insert instead int integer "
        "intersect interval into invoker is isnull isolation join key label language large last lateral leading "
        "leakproof least left level like limit listen load local localtime localtimestamp location lock locked "
        "logged mapping match matched materialized maxvalue merge method minute minvalue mode month move name names "
        "national natural nchar new next nfc nfd nfkc nfkd no none normalize normalized not nothing notify notnull "
        "nowait null nullif nulls numeric object of off offset oids old on only operator option options or order "
        "ordinality others out outer over overlaps overlay overriding owned owner parallel parameter parser partial "
        "partition passing password placing plans policy position preceding precision prepare prepared preserve "
        "primary prior privileges procedural procedure procedures program publication quote range read real "
        "reassign recheck recursive ref references referencing refresh reindex relative release rename repeatable "
        "replace replica reset restart restrict return returning returns revoke right role rollback rollup routine "
        "routines row rows rule savepoint schema schemas scroll search second security select sequence sequences "
        "serializable server session session_user set setof sets share show similar simple skip smallint snapshot "
        "some sql stable standalone start statement statistics stdin stdout storage stored strict strip "
        "subscription substring support symmetric sysid system table tables tablesample tablespace temp template "
        "temporary text then ties time timestamp to trailing transaction transform treat trigger trim true truncate "
        "trusted type types uescape unbounded uncommitted unencrypted union unique unknown unlisten unlogged until "
        "update user using vacuum valid validate validator value values varchar variadic varying verbose version "
        "view views volatile when where whitespace window with within without work wrapper write xml xmlattributes "
        "xmlconcat xmlelement xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable year "
        "yes zone users orders user_id created_at int4 float8 selects tables_ _select order_ a x1 current_timestamps");
    int reserved = 0;
    for (std::string w; words >> w;) {
        CAPTURE(w);
        const bool quoted = quote_ident(w) != w;
        CHECK(quoted == scanner_says_reserved(w));
        reserved += quoted ? 1 : 0;
    }
    CHECK(reserved > 90);  // the list does reach the reserved categories
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

TEST_CASE("names in SQL text are whole identifiers, bare or quoted, outside string literals") {
    // bare names fold to lower case, as PostgreSQL folds them
    CHECK(sql_words("RANGE (created_at)") == std::vector<std::string>{"range", "created_at"});
    CHECK(sql_words("lower(\"My \"\"Col\"\"\") || 'at x' || E'it\\'s at' || at2 + 10") ==
          std::vector<std::string>{"lower", "My \"Col\"", "e", "at2"});
    CHECK(mentions_name("SELECT Total FROM t", "total"));
    CHECK(sql_words("a.b$c, café, 1abc") == std::vector<std::string>{"a", "b$c", "café"});
    CHECK(!mentions_name("RANGE (created_at)", "at"));
    CHECK(mentions_name("RANGE (created_at, at)", "at"));
    CHECK(mentions_name("(\"At\" > 0)", "At"));
    CHECK(!mentions_name("(\"At\" > 0)", "at"));
    CHECK(mentions_name("x = \"a\"\"b\"", "a\"b"));
    CHECK(!mentions_name("SELECT 1 AS total", "t"));
    CHECK(!mentions_name("x = 'total'", "total"));
    CHECK(!mentions_name("anything", ""));
}
