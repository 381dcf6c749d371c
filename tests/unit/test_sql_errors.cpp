// Every error of the SQL loader: exact text, file:line:column, never a crash.
#include <doctest/doctest.h>

#include "common/error.hpp"
#include "load/sql_loader.hpp"

using namespace pgkeel;

TEST_CASE("SQL loader errors name file, line, column and what is wrong") {
    struct Case {
        const char* sql;
        const char* error;
    };
    const Case cases[] = {
        {"CREATE TABLE t (a int", "bad.sql:1:22: SQL syntax error: syntax error at end of input"},
        {"CREATE TABLE t (\n  a int,\n  b intt\n);", "bad.sql:3:5: column b of table public.t: type public.intt is not defined"},
        {"CREATE TABLE t (a int);\nCREATE TABLE t (b int);",
         "bad.sql:2:1: table public.t is defined twice (first at bad.sql:1:1)"},
        {"CREATE TABLE t (a int);\n  INSERT INTO t VALUES (1);",
         "bad.sql:2:3: statement INSERT (InsertStmt) is not part of the schema model pgkeel manages; remove it from the schema file"},
        {"CREATE RULE r AS ON INSERT TO t DO NOTHING;",
         "bad.sql:1:1: statement CREATE RULE (RuleStmt) is not part of the schema model pgkeel manages; remove it from the schema file"},
        {"SELECT 1;", "bad.sql:1:1: statement SELECT is not part of the schema model (only SELECT pg_catalog.set_config(...) is accepted)"},
        {"CREATE INDEX i ON missing (a);", "bad.sql:1:1: CREATE INDEX: table public.missing is not defined"},
        {"CREATE TABLE c (p int REFERENCES nowhere);",
         "bad.sql:1:23: foreign key c_p_fkey on public.c references table public.nowhere, which is not defined"},
        {"CREATE TABLE p (a int);\nCREATE TABLE c (x int REFERENCES p);",
         "bad.sql:2:23: foreign key c_x_fkey on public.c: table public.p has no primary key; name the referenced columns"},
        {"COMMENT ON TABLE nope IS 'x';", "bad.sql:1:1: COMMENT ON relation public.nope: object is not defined"},
        {"CREATE TABLE t (a int);\nCOMMENT ON COLUMN t.b IS 'x';", "bad.sql:2:1: COMMENT ON COLUMN public.t.b: object is not defined"},
        {"GRANT SELECT ON nope TO r;", "bad.sql:1:1: GRANT: relation public.nope is not defined"},
        {"ALTER TABLE nope ADD CONSTRAINT c CHECK (true);", "bad.sql:1:1: table public.nope is not defined (define it before this statement)"},
        {"CREATE TABLE t (a int);\nALTER TABLE t DROP COLUMN a;",
         "bad.sql:2:1: this ALTER TABLE form (AT_DropColumn) is not part of the schema model; supported: ADD CONSTRAINT, ATTACH PARTITION, "
         "ALTER COLUMN SET/DROP DEFAULT, SET/DROP NOT NULL, ADD GENERATED, ROW LEVEL SECURITY, triggers ENABLE/DISABLE, OWNER TO, SET (options)"},
        {"CREATE TABLE t (a int, a text);", "bad.sql:1:24: column a is defined twice"},
        {"CREATE TABLE t (a numeric(.2, 2));", "bad.sql:1:1: type modifier .2 is not an integer"},
        {"CREATE TABLE t (a numeric(99999999999));", "bad.sql:1:1: NUMERIC precision 99999999999 must be between 1 and 1000"},
        {"CREATE TABLE t (a numeric(10, 2000));", "bad.sql:1:1: NUMERIC scale 2000 must be between -1000 and 1000"},
        {"CREATE TABLE t (a varchar(0));", "bad.sql:1:1: length for type varchar 0 must be between 1 and 10485760"},
        {"CREATE TABLE t (a text(5));", "bad.sql:1:1: type modifier is not allowed for type text"},
        {"CREATE TABLE t (a timestamptz(-1));", "bad.sql:1:1: timestamptz(-1) precision must not be negative"},
        {"CREATE SEQUENCE s START 1.5;", "bad.sql:1:19: sequence option start expects an integer"},
        {"CREATE SEQUENCE s START 99999999999999999999;", "bad.sql:1:19: sequence option start expects an integer"},
        {"CREATE FUNCTION f() RETURNS int LANGUAGE sql COST 1e999 AS 'select 1';",
         "bad.sql:1:46: COST must be a positive number"},
        {"CREATE FUNCTION f() RETURNS SETOF int LANGUAGE sql ROWS 0 AS 'select 1';",
         "bad.sql:1:52: ROWS must be a positive number"},
        {"CREATE TABLE t (a int) INHERITS (u);",
         "bad.sql:1:1: table inheritance (INHERITS) is not supported; use declarative partitioning"},
        {"CREATE TEMP TABLE t (a int);", "bad.sql:1:1: temporary tables are not part of a schema"},
        {"CREATE TABLE t AS SELECT 1;",
         "bad.sql:1:1: CREATE TABLE ... AS is not part of the schema model; declare the table's columns"},
        {"\\connect other\n", "bad.sql:1:1: psql meta-command \\connect is not supported in a schema file (only \\restrict / \\unrestrict are ignored)"},
        {"CREATE TYPE e AS ENUM ('a');\nALTER TYPE e ADD VALUE 'b' AFTER 'zz';", "bad.sql:2:1: enum public.e has no label 'zz'"},
        {"CREATE FUNCTION f() LANGUAGE sql AS 'select 1';",
         "bad.sql:1:1: function public.f has no RETURNS clause and no OUT parameters"},
        {"COMMENT ON FUNCTION f(int) IS 'x';", "bad.sql:1:1: function public.f(integer) is not defined"},
        {"CREATE TABLE t (id int);\nCREATE TRIGGER x BEFORE INSERT ON u FOR EACH ROW EXECUTE FUNCTION f();",
         "bad.sql:2:1: CREATE TRIGGER: table public.u is not defined"},
        {"CREATE POLICY p ON nope USING (true);", "bad.sql:1:1: table public.nope is not defined (define it before this statement)"},
        {"CREATE SEQUENCE s;\nCREATE SEQUENCE s;", "bad.sql:2:1: sequence public.s is defined twice (first at bad.sql:1:1)"},
        {"-- only a comment\n/* and a block */\nCREATE TABLE t (a int);\nCREATE VIEW v AS SELECT a FROM t;\nCREATE VIEW v AS SELECT 1;",
         "bad.sql:5:1: view public.v is defined twice (first at bad.sql:4:1)"},
        {"CREATE TABLE t (a int);\nDROP TABLE t;", "bad.sql:2:1: statement DROP (DropStmt) is not part of the schema model pgkeel manages; remove it from the schema file"},
        {"CREATE TABLE 'x' (a int);", "bad.sql:1:14: SQL syntax error: syntax error at or near \"'x'\""},
        {"CREATE TABLE t (a int); BEGIN;", "bad.sql:1:25: statement BEGIN / COMMIT (TransactionStmt) is not part of the schema model pgkeel manages; remove it from the schema file"},
        {"CREATE TABLE café (a int, \"b\" int CHECK (b >));", "bad.sql:1:45: SQL syntax error: syntax error at or near \")\""},
    };
    for (const auto& c : cases) {
        CAPTURE(c.sql);
        try {
            load::load_sql_text(c.sql, "bad.sql");
            FAIL("no error for: " << std::string(c.sql));
        } catch (const Error& e) {
            CHECK(std::string(e.what()) == c.error);
            CHECK(e.exit_code() == 5);
        }
    }
}

TEST_CASE("empty and comment-only input is an empty schema, not an error") {
    CHECK(load::load_sql_text("", "e.sql").tables.empty());
    CHECK(load::load_sql_text("-- nothing\n", "e.sql").tables.empty());
}

TEST_CASE("truncated input never crashes") {
    std::string sql = R"sql(CREATE SCHEMA s;
CREATE TYPE s.e AS ENUM ('a', 'b');
CREATE TABLE s.t (id int PRIMARY KEY, e s.e DEFAULT 'a', note text CHECK (length(note) < 10));
CREATE INDEX t_note ON s.t (lower(note)) WHERE note IS NOT NULL;
CREATE FUNCTION s.f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER tt BEFORE INSERT ON s.t FOR EACH ROW EXECUTE FUNCTION s.f();
COMMENT ON TABLE s.t IS 'x';
)sql";
    int errors = 0;
    for (std::size_t n = 0; n <= sql.size(); ++n) {
        try {
            load::load_sql_text(sql.substr(0, n), "cut.sql");
        } catch (const Error& e) {
            CHECK(e.kind() == ErrorKind::Input);
            CHECK(std::string(e.what()).rfind("cut.sql:", 0) == 0);
            ++errors;
        }
    }
    CHECK(errors > 0);
}
