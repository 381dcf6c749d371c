#include <doctest/doctest.h>

#include "parse/pg_tree.hpp"
#include "parse/types.hpp"

using namespace pgkeel;

TEST_CASE("type names come out the way format_type() prints them") {
    struct Case {
        const char* in;
        const char* out;
    };
    const Case cases[] = {
        {"int", "integer"},
        {"int4", "integer"},
        {"integer", "integer"},
        {"bigint", "bigint"},
        {"int8", "bigint"},
        {"smallint", "smallint"},
        {"float8", "double precision"},
        {"double precision", "double precision"},
        {"real", "real"},
        {"bool", "boolean"},
        {"varchar(20)", "character varying(20)"},
        {"character varying", "character varying"},
        {"char(3)", "character(3)"},
        {"char", "character(1)"},
        {"text[]", "text[]"},
        {"integer[][]", "integer[]"},
        {"integer[3]", "integer[]"},
        {"numeric(10,2)", "numeric(10,2)"},
        {"decimal(5)", "numeric(5)"},
        {"timestamptz", "timestamp with time zone"},
        {"timestamptz(3)", "timestamp(3) with time zone"},
        {"timestamptz(9)", "timestamp(6) with time zone"},  // the server reduces it to 6 (with a warning)
        {"interval second(8)", "interval second(6)"},
        {"numeric(10,-2)", "numeric(10,-2)"},
        {"_varchar", "character varying[]"},
        {"timestamp", "timestamp without time zone"},
        {"time(2) with time zone", "time(2) with time zone"},
        {"bit varying(8)", "bit varying(8)"},
        {"jsonb", "jsonb"},
        {"uuid", "uuid"},
        {"mood", "public.mood"},
        {"app.mood[]", "app.mood[]"},
        {"\"Mood Type\"", "public.\"Mood Type\""},
        {"pg_catalog.int4", "integer"},
        {"citext", "public.citext"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.in);
        CHECK(parse::canonical_type_text(c.in, "public") == c.out);
    }
}

TEST_CASE("a bad type name is an input error at the given place") {
    SourceLocation where{"s.toml", 4, 10};
    CHECK_THROWS_WITH(parse::canonical_type_text("varchar(", "public", where),
                      doctest::Contains("s.toml:4:10: invalid type `varchar(`"));
}

TEST_CASE("expressions are canonicalized by the deparser") {
    CHECK(parse::canonical_expr("price>0") == "price > 0");
    CHECK(parse::canonical_expr("(a + b) * 2") == "(a + b) * 2");
    CHECK(parse::canonical_expr("NOW()") == "now()");
    CHECK(parse::canonical_expr("first_name || ' ' || last_name") == "(first_name || ' ') || last_name");
    CHECK(parse::canonical_expr("'x'::text") == "'x'::text");
    CHECK(parse::canonical_query("select a from t where b=1") == "SELECT a FROM t WHERE b = 1");
}

TEST_CASE("expression errors point into the fragment") {
    SourceLocation where{"s.toml", 7, 12};
    try {
        parse::canonical_expr("price >> > 0", where);
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::Input);
        CHECK(e.where().line == 7);
        CHECK(e.where().column == 12 + 9);  // the second '>' of ">> >"
        CHECK(e.message().find("syntax error") != std::string::npos);
    }
    CHECK_THROWS_WITH(parse::canonical_expr("a, b", where), doctest::Contains("expected a single SQL expression"));
}
