// The TOML loader: every error names file:line:column and what was expected
// (exact texts), all errors of a run are reported together, and for each object
// kind the same schema written in TOML and in SQL gives the same model.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "catalog/model.hpp"
#include "common/error.hpp"
#include "load/sql_loader.hpp"
#include "load/toml_loader.hpp"
#include "render/toml_renderer.hpp"

using namespace pgkeel;

namespace {
std::string toml_error(const std::string& text, const std::string& file = "bad.toml") {
    try {
        load::load_toml_text(text, file);
    } catch (const Error& e) {
        CHECK(e.exit_code() == 5);
        return e.what();
    }
    return "(no error)";
}
}  // namespace

TEST_CASE("TOML loader errors name file, line, column and what was expected") {
    struct Case {
        const char* toml;
        const char* error;
    };
    const Case cases[] = {
        {"[tables.t]\ncolumns = [{ name = \"a\", type = \"int\", notnull = true }]\n",
         "bad.toml:2:40: unknown key `notnull` in column `a` of table t; did you mean `not_null`?"},
        {"[tables.t]\ncolumns = [{ name = \"a\", type = \"int\", not_null = \"yes\" }]\n",
         "bad.toml:2:51: `not_null` expects a boolean (true or false), found a string"},
        {"[tables.t]\ncolumns = [{ name = \"a\" }]\n",
         "bad.toml:2:12: column `a` of table t is missing `type`"},
        {"[tables.t]\ncolumns = [{ name = \"a\", type = \"numeric(.2,2)\" }]\n",
         "bad.toml:2:33: `type`: type modifier .2 is not an integer"},
        {"[tables.t]\ncolumns = [{ name = \"a\", type = \"intt\" }]\n",
         "bad.toml:2:34: column a of table public.t: type public.intt is not defined"},
        {"[tables.t]\ncolumns = [{ name = \"a\", type = \"int\", default = \"1 +\" }]\n",
         "bad.toml:2:54: SQL syntax error in `default`: syntax error at end of input"},
        {"[tables.t]\ncolumns = [{ name = \"a\", type = \"int\", default = \"1, b int\" }]\n",
         "bad.toml:2:50: `default` must be one SQL expression"},
        {"[tables.t]\ncolumns = [{ name = \"a\", type = \"int\" }]\nchecks = [{ expr = \"\"\"\na > 0 AND\n  b <> )\n\"\"\" }]\n",
         "bad.toml:5:8: SQL syntax error in `expr`: syntax error at or near \")\""},
        {"[tables.t]\ncolumns = [{ name = \"a\", type = \"int\" }]\nforeign_keys = [{ columns = [\"a\"], references = \"nowhere\" }]\n",
         "bad.toml:3:17: foreign key t_a_fkey on public.t references table public.nowhere, which is not defined"},
        {"[tables.t]\ncolumns = [{ name = \"a\", type = \"int\" }]\nindexes = [{ keys = [\"b\"] }]\n",
         "bad.toml:3:12: index t_b_idx on public.t: column b of public.t is not defined"},
        {"[tables.t]\ncolumns = [{ name = \"a\", type = \"int\" }]\nprimary_key = [\"b\"]\n",
         "bad.toml:3:15: constraint t_pkey on public.t: column b of public.t is not defined"},
        {"[tabels.t]\n",
         "bad.toml:1:2: unknown key `tabels` at the top level; did you mean `tables`?"},
        {"[tables.t]\ncolumns = [{ name = \"a\", type = \"int\" }, { name = \"a\", type = \"text\" }]\n",
         "bad.toml:2:51: column `a` is defined twice in table t"},
        {"[tables.t]\ncolumns = [{ name = \"a\", type = \"int\", identity = \"sometimes\" }]\n",
         "bad.toml:2:51: `identity` must be one of \"always\", \"by_default\", found \"sometimes\""},
        {"[tables.t]\ncolumns = [{ name = \"a\", type = \"int\" }]\nforeign_keys = [{ columns = [\"a\"], references = \"t\", on_delete = \"casade\" }]\n",
         "bad.toml:3:66: `on_delete` must be one of \"no_action\", \"restrict\", \"cascade\", \"set_null\", \"set_default\", found \"casade\"; did you mean \"cascade\"?"},
        {"[enums.e]\nlabels = \"a\"\n",
         "bad.toml:2:10: `labels` expects an array of strings, found a string"},
        {"[views.v]\nquery = \"SELECT 1; DROP TABLE x\"\n",
         "bad.toml:2:9: `query` must be one SELECT query"},
        {"[views.v]\nquery = \"SELEC 1\"\n",
         "bad.toml:2:10: SQL syntax error in `query`: syntax error at or near \"SELEC\""},
        {"[functions.f]\nreturns = \"int\"\nlanguage = \"sql\"\n",
         "bad.toml:1:1: function f is missing `body` (or `sql_body`)"},
        {"[functions.f]\nreturns = \"int\"\nlanguage = \"sql\"\nbody = \"select 1\"\nsql_body = \"RETURN 1\"\n",
         "bad.toml:5:12: function f has both `body` and `sql_body`; give one"},
        {"[functions.f]\nargs = \"a int) RETURNS int LANGUAGE sql AS $$ select 1 $$; --\"\nreturns = \"int\"\nlanguage = \"sql\"\nbody = \"select 1\"\n",
         "bad.toml:2:62: SQL syntax error in `args`: syntax error at or near \")\""},
        {"[tables.t]\ncolumns = [{ name = \"a\", type = \"int\" }]\ntriggers = [{ name = \"tr\", timing = \"before\", events = [\"insret\"], function = \"f\" }]\n",
         "bad.toml:3:57: unknown trigger event \"insret\"; expected insert, update, delete or truncate; did you mean \"insert\"?"},
        {"[tables.t]\ncolumns = [{ name = \"a\", type = \"int\" }]\ngrants = [{ to = \"app\", privileges = [\"SELEKT\"] }]\n",
         "bad.toml:3:39: unknown privilege \"SELEKT\"; did you mean \"SELECT\"?"},
        {"[tables.t]\ncolumns = [{ name = \"a\", type = \"int\" }]\nchecks = [{ expr = \"a > 0\", comment = \"positive\" }]\n",
         "bad.toml:3:11: a constraint with `comment` needs a `name`"},
        {"[tables.p]\ncolumns = [{ name = \"a\", type = \"int\" }]\npartition_by = \"RANGE (a)\"\n[tables.c]\npartition_of = \"p\"\n",
         "bad.toml:4:1: table c has `partition_of` but no `partition_bound`"},
        {"[tables.t]\ncolumns = [{ name = \"a\", type = \"int\", backfill = { expr = \"a + 1\", batch_size = 0 } }]\n",
         "bad.toml:2:82: `batch_size` must be at least 1, found 0"},
        {"[tables.t]\ncolumns = [{ name = \"a\", type = \"int\" }]\nbackfills = [{ name = \"x\", set = \"a = 1 WHERE a > 2\" }]\n",
         "bad.toml:3:34: `set` must be the SET list of an UPDATE, such as email = lower(email)"},
        {"[sequences.s]\nowned_by = \"t\"\n",
         "bad.toml:2:13: `owned_by`: expected table.column or schema.table.column"},
        {"[tables.t]\nrenamed_from = \"t\"\ncolumns = [{ name = \"a\", type = \"int\" }]\n",
         "bad.toml:2:16: table public.t is renamed from itself"},
        {"[tables.t]\ncolumns = [{ name = \"a\", type = \"int\", renamed_from = \"b\" }, { name = \"b\", type = \"int\" }]\n",
         "bad.toml:2:55: column a of table public.t is renamed from b, which is also declared"},
        {"schema = 3\n[tables.t]\ncolumns = []\n",
         "bad.toml:1:10: `schema` expects a schema name (a non-empty string), found an integer"},
        {"[tables.t]\ncolumns = [{ name = \"a\", type = \"int\" }\n",
         "bad.toml:2:40: TOML syntax error: Error while parsing array: encountered end-of-file"},
        {"[tables.t]\ncolumns = [{ name = \"a\", type = \"int\" }]\nindexes = [{ keys = [\"a) WHERE (a > 0\"] }]\n",
         "bad.toml:3:22: `keys` must be one index key: a column or an expression, with optional COLLATE, operator class, ASC / DESC, NULLS FIRST / LAST"},
        {"[domains.d]\ntype = \"int\"\nchecks = [{ expr = \"VALUE > 0\", not_valid = 1 }]\n",
         "bad.toml:3:45: `not_valid` expects a boolean (true or false), found an integer"},
        {"[tables.t]\ncolumns = [{ name = \"a\", type = \"int\", default = \"-- nothing\" }]\n",
         "bad.toml:2:50: `default` must be one SQL expression"},
        {"[tables.t]\ncolumns = [{ name = \"a\", type = \"int\", collation = 5 }]\n",
         "bad.toml:2:52: `collation` expects a string, found an integer"},
        {"[tables.b]\ncolumns = [{ name = \"room\", type = \"integer\" }]\nexclusions = [{ name = \"x\", elements = [] }]\n",
         "bad.toml:3:40: `elements` must not be empty"},
        {"[functions.f]\nreturns = \"trigger\"\nlanguage = \"plpgsql\"\nbody = \"BEGIN RETURN NULL; END\"\n[views.v]\nquery = \"SELECT 1 AS a\"\ntriggers = [{ name = \"t\", timing = \"instead_of\", events = [\"insert\"], for_each = \"row\", function = \"f\", enabled = \"disabled\" }]\n",
         "bad.toml:7:115: triggers on views are always enabled (PostgreSQL cannot disable them); remove `enabled`"},
        {"[tables.t]\ncolumns = [{ name = \"a\", type = \"int\" }]\nbackfills = [{ name = \"\", set = \"a = 1\" }]\n",
         "bad.toml:3:23: backfill `name` is empty"},
        {"[functions.f]\nreturns = \"trigger\"\nlanguage = \"plpgsql\"\nbody = \"BEGIN RETURN NULL; END\"\n[tables.t]\ncolumns = [{ name = \"a\", type = \"int\" }]\ntriggers = [{ name = \"t\", timing = \"after\", events = [\"insert\"], function = \"f\", deferrable = true }]\n",
         "bad.toml:7:95: only constraint triggers are deferrable; add `constraint = true`"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.toml);
        CHECK(toml_error(c.toml) == c.error);
    }
}

TEST_CASE("every error of a file is reported in one run, sorted, and nothing loads") {
    std::string text = R"T([tables.a]
columns = [
    { name = "id", type = "bigint", notnull = true },
    { name = "n", type = "text", default = "upper(" },
]

[tables.b]
columns = [{ name = "x", type = "int", identity = "always", unique = true }]
comment = 3
)T";
    CHECK(toml_error(text) ==
          "bad.toml:3:37: unknown key `notnull` in column `id` of table a; did you mean `not_null`?\n"
          "bad.toml:4:51: SQL syntax error in `default`: syntax error at end of input\n"
          "bad.toml:8:61: unknown key `unique` in column `x` of table b (accepted: backfill, collation, comment, default, "
          "generated, grants, identity, identity_sequence, name, not_null, owner, renamed_from, revokes, type)\n"
          "bad.toml:9:11: `comment` expects a string, found an integer\n"
          "4 errors; nothing was loaded");
}

TEST_CASE("a syntax error inside a multi-line fragment points at the file's own line and column") {
    std::string text = "[views.v]\nquery = '''\nSELECT 1 AS a,\n       2 AS b\n  FROM generate_series(1, 3\n WHERE true\n'''\n";
    CHECK(toml_error(text) == "bad.toml:6:2: SQL syntax error in `query`: syntax error at or near \"WHERE\"");
    // escapes in a basic string: the column counts the file's characters
    std::string escaped = "[tables.t]\ncolumns = [{ name = \"a\", type = \"text\", default = \"'\\u00e9\\t' || )\" }]\n";
    CHECK(toml_error(escaped) == "bad.toml:2:66: SQL syntax error in `default`: syntax error at or near \")\"");
}

TEST_CASE("an object defined twice across files names both places") {
    auto dir = std::filesystem::temp_directory_path() / "pgkeel-unit-toml-twice";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "a.toml") << "[tables.t]\ncolumns = [{ name = \"a\", type = \"int\" }]\n";
    std::ofstream(dir / "b.toml") << "# again\n[tables.t]\ncolumns = [{ name = \"b\", type = \"int\" }]\n";
    try {
        load::load_toml_files({(dir / "a.toml").string(), (dir / "b.toml").string()});
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(std::string(e.what()) == (dir / "b.toml").string() + ":2:1: table public.t is defined twice (first at " +
                                           (dir / "a.toml").string() + ":1:1)");
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("a large folder is parsed on two threads: the same model, the same errors in file order") {
    // 40 files of about 10 KiB each (over the 256 KiB at which parsing goes to two threads)
    auto dir = std::filesystem::temp_directory_path() / "pgkeel-unit-toml-threads";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::vector<std::string> files;
    std::string one_text;
    for (int i = 0; i < 40; ++i) {
        // appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) on "f" + to_string(i) + ...
        std::string text = "[tables.t";
        text.append(std::to_string(i)).append("]\ncolumns = [\n");
        for (int c = 0; c < 200; ++c) text.append("  { name = \"c").append(std::to_string(c)).append("\", type = \"integer\", default = \"0\" },\n");
        text += "]\n";
        std::string file = "f";
        file.append(std::to_string(100 + i)).append(".toml");
        files.push_back((dir / file).string());
        std::ofstream(files.back()) << text;
        one_text += text;
    }
    CHECK(catalog::serialize(load::load_toml_files(files)) == catalog::serialize(load::load_toml_text(one_text, "one.toml")));
    // two files that are not TOML: both reported, in file order
    std::ofstream(files[7]) << "[tables.bad\n";
    std::ofstream(files[31]) << "x = = 1\n";
    try {
        load::load_toml_files(files);
        FAIL("no error");
    } catch (const Error& e) {
        std::string what = e.what();
        auto first = what.find(files[7] + ":1:");
        auto second = what.find(files[31] + ":1:");
        CHECK(first != std::string::npos);
        CHECK(second != std::string::npos);
        CHECK(first < second);
        CHECK(what.find("TOML syntax error") != std::string::npos);
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("renames and backfills are in the model, not in the fingerprint") {
    std::string base = R"T([tables.leads]
columns = [
    { name = "id", type = "bigint" },
    { name = "first_name", type = "text" },
    { name = "last_name", type = "text" },
    { name = "full_name", type = "text" },
]
primary_key = ["id"]
)T";
    std::string directed = R"T([tables.leads]
renamed_from = "prospects"
columns = [
    { name = "id", type = "bigint" },
    { name = "first_name", type = "text", renamed_from = "fname" },
    { name = "last_name", type = "text" },
    { name = "full_name", type = "text", backfill = { expr = "first_name || ' ' || last_name", batch_size = 500 } },
]
primary_key = { name = "leads_pkey", columns = ["id"], renamed_from = "prospects_pkey" }
backfills = [{ name = "trim_names", set = "first_name = btrim(first_name)", where = "first_name <> btrim(first_name)" }]
)T";
    auto a = load::load_toml_text(base, "a.toml");
    auto b = load::load_toml_text(directed, "b.toml");
    CHECK(catalog::fingerprint(a) == catalog::fingerprint(b));
    CHECK(catalog::has_directives(b));
    CHECK_FALSE(catalog::has_directives(a));
    const auto& t = b.tables.at({"public", "leads"});
    CHECK(t.renamed_from == "prospects");
    CHECK(t.columns[1].renamed_from == "fname");
    REQUIRE(t.columns[3].backfill.has_value());
    CHECK(t.columns[3].backfill->expr == "(first_name || ' ') || last_name");
    CHECK(t.columns[3].backfill->batch_size == 500);
    CHECK(t.constraints.at("leads_pkey").renamed_from == "prospects_pkey");
    REQUIRE(t.backfills.size() == 1);
    CHECK(t.backfills[0].set == "first_name = btrim(first_name)");
    CHECK(t.backfills[0].where == "first_name <> btrim(first_name)");
    // the TOML writer keeps them
    CHECK(catalog::serialize(load::load_toml_text(render::render_toml(b), "c.toml")) == catalog::serialize(b));
}

TEST_CASE("each object kind written in TOML and in SQL gives the same model") {
    struct Pair {
        const char* what;
        const char* toml;
        const char* sql;
    };
    const Pair pairs[] = {
        {"schema with comment, owner and grants", R"T(
[schemas.shop]
comment = "Shop"
owner = "app_owner"
grants = [{ to = ["app_reader", "app_writer"], privileges = ["USAGE"] }]
)T",
         R"T(CREATE SCHEMA shop; COMMENT ON SCHEMA shop IS 'Shop'; ALTER SCHEMA shop OWNER TO app_owner;
GRANT USAGE ON SCHEMA shop TO app_reader, app_writer;)T"},
        {"extension", R"T(
[extensions.citext]
schema = "public"
)T",
         "CREATE EXTENSION citext WITH SCHEMA public;"},
        {"enum", R"T(
schema = "s"
[schemas.s]
[enums.mood]
labels = ["sad", "ok", "happy"]
comment = "How it feels"
)T",
         "CREATE SCHEMA s; CREATE TYPE s.mood AS ENUM ('sad', 'ok', 'happy'); COMMENT ON TYPE s.mood IS 'How it feels';"},
        {"domain", R"T(
[domains.price]
type = "numeric(12,2)"
default = "0"
not_null = true
checks = [
    { name = "price_positive", expr = "VALUE >= 0" },
    { name = "price_cap", expr = "VALUE < 1e9", not_valid = true, comment = "sanity" },
]
)T",
         R"T(CREATE DOMAIN price AS numeric(12,2) DEFAULT 0 NOT NULL CONSTRAINT price_positive CHECK (VALUE >= 0);
ALTER DOMAIN price ADD CONSTRAINT price_cap CHECK (VALUE < 1e9) NOT VALID;
COMMENT ON CONSTRAINT price_cap ON DOMAIN price IS 'sanity';)T"},
        {"composite type", R"T(
[types.address]
attributes = [{ name = "line1", type = "text" }, { name = "zip", type = "varchar(10)", collation = "C" }]
)T",
         R"T(CREATE TYPE address AS (line1 text, zip varchar(10) COLLATE "C");)T"},
        {"sequence owned by a column", R"T(
[sequences.ticket_no]
type = "integer"
start = 100
increment = 5
cache = 10
cycle = true
owned_by = "tickets.no"

[tables.tickets]
columns = [{ name = "no", type = "integer", default = "nextval('ticket_no')" }]
)T",
         R"T(CREATE SEQUENCE ticket_no AS integer START WITH 100 INCREMENT BY 5 CACHE 10 CYCLE;
CREATE TABLE tickets (no integer DEFAULT nextval('ticket_no'));
ALTER SEQUENCE ticket_no OWNED BY tickets.no;)T"},
        {"columns: defaults, identity, generated, collation, arrays", R"T(
[tables.t]
columns = [
    { name = "id", type = "bigint", identity = "by_default", identity_sequence = { name = "t_ids", start = 10 } },
    { name = "code", type = "text", collation = "C", not_null = true },
    { name = "tags", type = "text[]", default = "'{}'" },
    { name = "price", type = "numeric(10,2)" },
    { name = "price_x2", type = "numeric", generated = "price * 2" },
    { name = "at", type = "timestamptz", default = "now()", comment = "when" },
]
)T",
         R"T(CREATE TABLE t (id bigint GENERATED BY DEFAULT AS IDENTITY (SEQUENCE NAME t_ids START WITH 10),
  code text COLLATE "C" NOT NULL, tags text[] DEFAULT '{}', price numeric(10,2),
  price_x2 numeric GENERATED ALWAYS AS (price * 2) STORED, at timestamptz DEFAULT now());
COMMENT ON COLUMN t.at IS 'when';)T"},
        {"primary key, unique, foreign keys, checks", R"T(
[tables.p]
columns = [{ name = "id", type = "int" }, { name = "k", type = "text" }, { name = "v", type = "int" }]
primary_key = { columns = ["id"], include = ["v"] }
unique = [{ columns = ["k"], nulls_not_distinct = true, deferrable = true }]
checks = [{ name = "v_pos", expr = "v > 0", no_inherit = true }, { expr = "k <> ''", not_valid = true }]

[tables.c]
columns = [{ name = "p_id", type = "int" }, { name = "p_k", type = "text" }]
foreign_keys = [
    { columns = ["p_id"], references = "p", on_delete = "cascade", on_update = "restrict" },
    { name = "c_k", columns = ["p_k"], references = "p", referenced_columns = ["k"], match = "full", deferrable = true, initially_deferred = true, not_valid = true, comment = "by key" },
]
)T",
         R"T(CREATE TABLE p (id int, k text, v int, PRIMARY KEY (id) INCLUDE (v), UNIQUE NULLS NOT DISTINCT (k) DEFERRABLE,
  CONSTRAINT v_pos CHECK (v > 0) NO INHERIT);
ALTER TABLE p ADD CHECK (k <> '') NOT VALID;
CREATE TABLE c (p_id int REFERENCES p ON DELETE CASCADE ON UPDATE RESTRICT, p_k text);
ALTER TABLE c ADD CONSTRAINT c_k FOREIGN KEY (p_k) REFERENCES p (k) MATCH FULL DEFERRABLE INITIALLY DEFERRED NOT VALID;
COMMENT ON CONSTRAINT c_k ON c IS 'by key';)T"},
        {"exclusion constraint", R"T(
[extensions.btree_gist]

[tables.booking]
columns = [{ name = "room", type = "int" }, { name = "during", type = "tstzrange" }]
exclusions = [
    { name = "no_overlap", elements = [{ key = "room", with = "=" }, { key = "during", with = "&&" }], where = "room > 0" },
]
)T",
         R"T(CREATE EXTENSION btree_gist WITH SCHEMA public;
CREATE TABLE booking (room int, during tstzrange,
  CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&) WHERE (room > 0));)T"},
        {"indexes", R"T(
[tables.t]
columns = [{ name = "a", type = "text" }, { name = "b", type = "int" }, { name = "j", type = "jsonb" }]
indexes = [
    { name = "t_lower_a", keys = ["lower(a)", "b DESC NULLS LAST"], where = "b > 0", include = ["j"], comment = "x" },
    { keys = ["j jsonb_path_ops"], using = "gin" },
    { name = "t_b_key", keys = ["b"], unique = true, nulls_not_distinct = true, options = { fillfactor = 70 } },
    { keys = ['a COLLATE "C" text_pattern_ops'] },
]
)T",
         R"T(CREATE TABLE t (a text, b int, j jsonb);
CREATE INDEX t_lower_a ON t (lower(a), b DESC NULLS LAST) INCLUDE (j) WHERE b > 0;
COMMENT ON INDEX t_lower_a IS 'x';
CREATE INDEX ON t USING gin (j jsonb_path_ops);
CREATE UNIQUE INDEX t_b_key ON t (b) NULLS NOT DISTINCT WITH (fillfactor = 70);
CREATE INDEX ON t (a COLLATE "C" text_pattern_ops);)T"},
        {"partitioned table, partitions, unlogged, storage options", R"T(
[tables.ev]
columns = [{ name = "at", type = "date", not_null = true }, { name = "n", type = "int" }]
partition_by = "RANGE (at)"

[tables.ev_2026]
partition_of = "ev"
partition_bound = "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')"
checks = [{ name = "n_pos", expr = "n > 0" }]

[tables.ev_rest]
partition_of = "ev"
partition_bound = "DEFAULT"

[tables.scratch]
unlogged = true
options = { fillfactor = 50, autovacuum_enabled = false }
columns = [{ name = "x", type = "int" }]
)T",
         R"T(CREATE TABLE ev (at date NOT NULL, n int) PARTITION BY RANGE (at);
CREATE TABLE ev_2026 PARTITION OF ev (CONSTRAINT n_pos CHECK (n > 0)) FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE TABLE ev_rest PARTITION OF ev DEFAULT;
CREATE UNLOGGED TABLE scratch (x int) WITH (fillfactor = 50, autovacuum_enabled = off);)T"},
        {"trigger function and triggers", R"T(
[functions.touch]
returns = "trigger"
language = "plpgsql"
body = "BEGIN NEW.at := now(); RETURN NEW; END"

[tables.t]
columns = [{ name = "s", type = "text" }, { name = "at", type = "timestamptz" }]

[[tables.t.triggers]]
name = "t_touch"
timing = "before"
events = ["insert", "update"]
update_of = ["s"]
for_each = "row"
when = "NEW.s IS NOT NULL"
function = "touch"
enabled = "replica"
comment = "c"

[[tables.t.triggers]]
name = "t_audit"
timing = "after"
events = ["delete"]
function = "touch"
args = ["a", "b"]
old_table = "gone"
)T",
         R"T(CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.at := now(); RETURN NEW; END$$;
CREATE TABLE t (s text, at timestamptz);
CREATE TRIGGER t_touch BEFORE INSERT OR UPDATE OF s ON t FOR EACH ROW WHEN (NEW.s IS NOT NULL) EXECUTE FUNCTION touch();
ALTER TABLE t ENABLE REPLICA TRIGGER t_touch;
COMMENT ON TRIGGER t_touch ON t IS 'c';
CREATE TRIGGER t_audit AFTER DELETE ON t REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION touch('a', 'b');)T"},
        {"row-level security and policies", R"T(
[tables.doc]
columns = [{ name = "owner", type = "text" }]
row_level_security = true
force_row_level_security = true
policies = [
    { name = "mine", command = "select", roles = ["app_reader"], using = "owner = current_user" },
    { name = "only_mine", restrictive = true, check = "owner = current_user", comment = "writes" },
]
)T",
         R"T(CREATE TABLE doc (owner text);
ALTER TABLE doc ENABLE ROW LEVEL SECURITY;
ALTER TABLE doc FORCE ROW LEVEL SECURITY;
CREATE POLICY mine ON doc FOR SELECT TO app_reader USING (owner = current_user);
CREATE POLICY only_mine ON doc AS RESTRICTIVE WITH CHECK (owner = current_user);
COMMENT ON POLICY only_mine ON doc IS 'writes';)T"},
        {"views and materialized views", R"T(
[tables.t]
columns = [{ name = "a", type = "int" }]

[views.v]
query = '''
SELECT a, a * 2 AS b
  FROM t
'''
columns = ["x", "y"]
options = { security_barrier = true, check_option = "local" }
column_comments = { x = "the a" }
grants = [{ to = "app_reader", privileges = ["SELECT"] }]

[materialized_views.mv]
query = "SELECT a, count(*) AS n FROM t GROUP BY a;"
indexes = [{ name = "mv_a", keys = ["a"], unique = true }]
comment = "counts"
)T",
         R"T(CREATE TABLE t (a int);
CREATE VIEW v (x, y) WITH (security_barrier) AS SELECT a, a * 2 AS b FROM t WITH LOCAL CHECK OPTION;
COMMENT ON COLUMN v.x IS 'the a';
GRANT SELECT ON v TO app_reader;
CREATE MATERIALIZED VIEW mv AS SELECT a, count(*) AS n FROM t GROUP BY a WITH NO DATA;
CREATE UNIQUE INDEX mv_a ON mv (a);
COMMENT ON MATERIALIZED VIEW mv IS 'counts';)T"},
        {"functions and procedures", R"T(
[functions.add]
args = "a integer, b integer DEFAULT 1"
returns = "integer"
language = "sql"
volatility = "immutable"
strict = true
parallel = "safe"
sql_body = "RETURN a + b"

[functions.add_text]
name = "add"
args = "a text, b text"
returns = "text"
language = "sql"
body = "SELECT a || b"
revokes = [{ from = "PUBLIC", privileges = ["EXECUTE"] }]
grants = [{ to = "app_writer", privileges = ["EXECUTE"] }]

[functions.series]
args = "n int"
returns = "TABLE (i int, sq int)"
language = "sql"
body = "SELECT g, g * g FROM generate_series(1, n) g"
rows = 50
cost = 10
security_definer = true
config = { search_path = "pg_catalog, public" }

[procedures.noop]
args = "INOUT x int"
language = "plpgsql"
body = "BEGIN x := x; END"
comment = "does nothing"
)T",
         R"T(CREATE FUNCTION add(a integer, b integer DEFAULT 1) RETURNS integer LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN a + b;
CREATE FUNCTION add(a text, b text) RETURNS text LANGUAGE sql AS 'SELECT a || b';
REVOKE EXECUTE ON FUNCTION add(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION add(text, text) TO app_writer;
CREATE FUNCTION series(n int) RETURNS TABLE (i int, sq int) LANGUAGE sql SECURITY DEFINER COST 10 ROWS 50
  SET search_path = pg_catalog, public AS 'SELECT g, g * g FROM generate_series(1, n) g';
CREATE PROCEDURE noop(INOUT x int) LANGUAGE plpgsql AS 'BEGIN x := x; END';
COMMENT ON PROCEDURE noop(int) IS 'does nothing';)T"},
        {"table and column privileges, owners, identity sequence grants", R"T(
[tables.t]
owner = "app_owner"
grants = [
    { to = "app_reader", privileges = ["SELECT"] },
    { to = "app_writer", privileges = ["INSERT", "UPDATE"], grant_option = true },
]

[[tables.t.columns]]
name = "id"
type = "int"
identity = "always"
identity_sequence = { grants = [{ to = "app_writer", privileges = ["USAGE"] }] }

[[tables.t.columns]]
name = "secret"
type = "text"
grants = [{ to = "app_writer", privileges = ["UPDATE"] }]
)T",
         R"T(CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, secret text);
ALTER TABLE t OWNER TO app_owner;
GRANT SELECT ON t TO app_reader;
GRANT INSERT, UPDATE ON t TO app_writer WITH GRANT OPTION;
GRANT UPDATE (secret) ON t TO app_writer;
GRANT USAGE ON SEQUENCE t_id_seq TO app_writer;)T"},
    };
    for (const auto& p : pairs) {
        INFO("pair: " << std::string(p.what));
        std::string from_toml, from_sql;
        try {
            from_toml = catalog::serialize(load::load_toml_text(p.toml, "pair.toml"));
        } catch (const Error& e) {
            FAIL_CHECK("TOML: " << std::string(e.what()));
            continue;
        }
        try {
            from_sql = catalog::serialize(load::load_sql_text(p.sql, "pair.sql"));
        } catch (const Error& e) {
            FAIL_CHECK("SQL: " << std::string(e.what()));
            continue;
        }
        CHECK(from_toml == from_sql);
        // and the TOML writer gives it back
        auto model = load::load_toml_text(p.toml, "pair.toml");
        CHECK(catalog::serialize(load::load_toml_text(render::render_toml(model), "again.toml")) == from_toml);
    }
}
