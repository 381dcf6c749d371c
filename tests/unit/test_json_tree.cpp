#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "common/text.hpp"
#include "parse/pg_tree.hpp"

// ParseTree reads libpg_query's JSON output into the protobuf-c structs
// (parse/json_tree). The oracle: the tree must pack to exactly the bytes of
// libpg_query's own protobuf output for the same text.

using namespace pgkeel;

namespace {

std::string protobuf_bytes(const std::string& sql) {
    PgQueryProtobufParseResult r = pg_query_parse_protobuf(sql.c_str());
    REQUIRE(r.error == nullptr);
    std::string out(r.parse_tree.data, r.parse_tree.len);
    pg_query_free_protobuf_parse_result(r);
    return out;
}

std::string tree_bytes(const std::string& sql) {
    parse::ParseTree tree = parse::ParseTree::parse(sql);
    std::string out(pg_query__parse_result__get_packed_size(tree.get()), '\0');
    pg_query__parse_result__pack(tree.get(), reinterpret_cast<uint8_t*>(out.data()));
    return out;
}

}  // namespace

TEST_CASE("the tree read from the JSON output packs to libpg_query's protobuf output") {
    const std::vector<std::string> cases = {
        "",
        "SELECT 1",
        // integers the JSON leaves out (0 and negatives), recovered from the text
        "SELECT 0, -0, 00, -5, - 7, -2147483647, -2147483648, 2147483647, -1::int, (-3)",
        "CREATE TABLE t (a int DEFAULT -1, b int DEFAULT 0 CHECK (b > -10), c numeric DEFAULT -1.5)",
        "CREATE TABLE t (a int DEFAULT -/* c */1)",
        // array bounds: -1 for [], the number otherwise, [0] kept as 0
        "CREATE TABLE t (a int[], b text[][], c int[3], d int[0], e int ARRAY, f int ARRAY[4], g int[ 0 ])",
        "SELECT '{}'::int[], x[0], y[1:2] FROM t",
        // integers without a location: sequence options, statistics targets
        "CREATE SEQUENCE s INCREMENT BY -1 MINVALUE -100 MAXVALUE -1 START WITH -1 CACHE 1",
        "CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY (START WITH -10 INCREMENT BY -2))",
        "ALTER TABLE t ALTER COLUMN a SET STATISTICS -1",
        "SELECT 1; CREATE SEQUENCE s MINVALUE -5; SELECT -1, 'after'",
        // strings: escapes, control characters, non-ASCII and astral characters
        "SELECT 'it''s', E'tab\\there\\nnew \\\\ \\x01', 'é', '\xf0\x9f\x90\x98', U&'\\0041', '\"<>&'",
        "COMMENT ON TABLE \"Mixed \"\"quoted\"\" Name\" IS 'a\nb'",
        // enums, booleans (false is left out), floats, bit strings, NULL
        "SELECT true, false, NULL, 1.5e10, -1.5, B'101', X'ff', 99999999999",
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t USING btree (a DESC NULLS LAST, lower(b) COLLATE \"C\") "
        "INCLUDE (c) WHERE d IS NOT NULL",
        "ALTER TABLE ONLY t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u (b) MATCH FULL ON DELETE SET NULL "
        "DEFERRABLE INITIALLY DEFERRED NOT VALID",
        "CREATE FUNCTION f(a int DEFAULT -1, OUT b int) RETURNS SETOF int LANGUAGE sql STABLE ROWS 10 COST 5 "
        "AS $$ SELECT -1 $$",
        "CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT -1; END",
        "CREATE TABLE p (a int) PARTITION BY RANGE (a); CREATE TABLE c PARTITION OF p FOR VALUES FROM (-10) TO (0)",
        "SELECT * FROM t ORDER BY a LIMIT 0 OFFSET 0; SELECT x FROM t FETCH FIRST 1 ROW ONLY",
        "SELECT interval '1' day, interval(0) '1 s', '1'::interval second(0), 1::numeric(10,-2)",
        "INSERT INTO t VALUES (1, -1), (0, NULL) ON CONFLICT (a) DO UPDATE SET b = -excluded.b",
        "SET statement_timeout = 0; SET x = -1; SELECT pg_catalog.set_config('search_path', '', false)",
    };
    for (const auto& sql : cases) {
        INFO(sql);
        CHECK(tree_bytes(sql) == protobuf_bytes(sql));
    }
}

TEST_CASE("every SQL file of the repository reads back exactly") {
    namespace fs = std::filesystem;
    const char* root = std::getenv("PGKEEL_SOURCE_ROOT");
    REQUIRE(root != nullptr);
    std::size_t files = 0;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
        const std::string path = e.path().string();
        if (e.path().extension() != ".sql" || path.find("/build") != std::string::npos ||
            path.find("/.git/") != std::string::npos) {
            continue;
        }
        const std::string sql = read_file(path);
        PgQueryProtobufParseResult r = pg_query_parse_protobuf(sql.c_str());
        const bool parses = r.error == nullptr;
        pg_query_free_protobuf_parse_result(r);
        if (!parses) continue;  // files of bad input for the error tests
        INFO(path);
        CHECK(tree_bytes(sql) == protobuf_bytes(sql));
        ++files;
    }
    CHECK(files >= 50);
}

TEST_CASE("locations of a statement parsed again stay offsets into the whole text") {
    const std::string sql = "SELECT 1;\nCREATE SEQUENCE s MINVALUE -5 START -5;\nCREATE TABLE t (a int DEFAULT -1);";
    parse::ParseTree tree = parse::ParseTree::parse(sql);
    auto stmts = tree.statements();
    REQUIRE(stmts.size() == 3);
    REQUIRE(stmts[1].node->node_case == PG_QUERY__NODE__NODE_CREATE_SEQ_STMT);
    const auto* seq = stmts[1].node->create_seq_stmt;
    CHECK(seq->sequence->location == static_cast<int>(sql.find("s MINVALUE")));
    REQUIRE(seq->n_options == 2);
    CHECK(seq->options[0]->def_elem->arg->integer->ival == -5);
    CHECK(seq->options[0]->def_elem->location == static_cast<int>(sql.find("MINVALUE")));
}
