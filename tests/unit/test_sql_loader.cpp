// The SQL loader, statement kind by statement kind.
#include <doctest/doctest.h>

#include "catalog/model.hpp"
#include "load/sql_loader.hpp"

using namespace pgkeel;
using namespace pgkeel::catalog;

namespace {
Catalog load_sql(const std::string& sql) { return load::load_sql_text(sql, "test.sql"); }
const Table& tbl(const Catalog& c, const std::string& schema, const std::string& name) {
    return c.tables.at({schema, name});
}
}  // namespace

TEST_CASE("spellings that mean the same schema load to the same model") {
    struct Pair {
        const char* a;
        const char* b;
    };
    const Pair pairs[] = {
        {"CREATE TABLE t (a int4)", "CREATE TABLE public.t (a integer)"},
        {"CREATE TABLE t (a int PRIMARY KEY)", "CREATE TABLE t (a int NOT NULL); ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY (a)"},
        {"CREATE TABLE t (a int UNIQUE)", "CREATE TABLE t (a int, CONSTRAINT t_a_key UNIQUE (a))"},
        {"CREATE TABLE t (a int CHECK (a > 0))", "CREATE TABLE t (a int, CONSTRAINT t_a_check CHECK (a>0))"},
        {"CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (p int REFERENCES p)",
         "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (p int, CONSTRAINT c_p_fkey FOREIGN KEY (p) REFERENCES p (id))"},
        {"CREATE TABLE t (a serial)",
         "CREATE SEQUENCE t_a_seq AS integer; CREATE TABLE t (a integer NOT NULL DEFAULT nextval('public.t_a_seq'::regclass));"
         "ALTER SEQUENCE t_a_seq OWNED BY t.a"},
        {"CREATE SEQUENCE s", "CREATE SEQUENCE s AS bigint START 1 INCREMENT 1 MINVALUE 1 NO MAXVALUE CACHE 1 NO CYCLE"},
        {"CREATE TABLE t (a int GENERATED ALWAYS AS IDENTITY)",
         "CREATE TABLE t (a int NOT NULL); ALTER TABLE t ALTER COLUMN a ADD GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME t_a_seq START WITH 1)"},
        {"SET search_path = app; CREATE SCHEMA app; CREATE TABLE t (a int)", "CREATE SCHEMA app; CREATE TABLE app.t (a integer)"},
        {"SELECT pg_catalog.set_config('search_path', 'app', false); CREATE SCHEMA app; CREATE TABLE t (a int)",
         "CREATE SCHEMA app; CREATE TABLE app.t (a integer)"},
        {"CREATE TABLE t (a int); CREATE INDEX ON t (a)", "CREATE TABLE t (a int); CREATE INDEX t_a_idx ON t USING btree (a ASC NULLS LAST)"},
        {"CREATE TABLE t (a text); CREATE INDEX ON t (lower(a))", "CREATE TABLE t (a text); CREATE INDEX t_lower_idx ON t (lower(a))"},
        {"CREATE TABLE t (a int); CREATE INDEX i ON t (a DESC NULLS FIRST)", "CREATE TABLE t (a int); CREATE INDEX i ON t (a DESC)"},
        {"CREATE SCHEMA s CREATE TABLE t (a int)", "CREATE SCHEMA s; CREATE TABLE s.t (a int)"},
        {"CREATE TABLE t (a int); COMMENT ON TABLE t IS 'x'; COMMENT ON TABLE t IS NULL", "CREATE TABLE t (a int)"},
        {"CREATE TABLE t (a int); GRANT ALL ON t TO r", "CREATE TABLE t (a int); GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON t TO r"},
        {"CREATE TABLE t (a int); GRANT SELECT ON t TO r; REVOKE SELECT ON t FROM r", "CREATE TABLE t (a int)"},
        {"CREATE TYPE e AS ENUM ('a', 'c'); ALTER TYPE e ADD VALUE 'b' BEFORE 'c'", "CREATE TYPE e AS ENUM ('a', 'b', 'c')"},
        {"CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'select a'",
         "CREATE FUNCTION public.f(a integer) RETURNS integer LANGUAGE sql VOLATILE CALLED ON NULL INPUT AS $$select a$$"},
        {"CREATE FUNCTION f(OUT a int, OUT b text) LANGUAGE sql AS 'select 1, ''x'''",
         "CREATE FUNCTION f(OUT a int, OUT b text) RETURNS record LANGUAGE sql AS 'select 1, ''x'''"},
        {"CREATE VIEW v AS SELECT 1 AS x WITH LOCAL CHECK OPTION", "CREATE VIEW v WITH (check_option=local) AS SELECT 1 AS x"},
        {"CREATE VIEW v WITH (security_barrier) AS SELECT 1 AS x", "CREATE VIEW v WITH (security_barrier=on) AS SELECT 1 AS x"},
    };
    for (const auto& p : pairs) {
        CAPTURE(p.a);
        CAPTURE(p.b);
        CHECK(serialize(load_sql(p.a)) == serialize(load_sql(p.b)));
    }
}

TEST_CASE("spellings that differ load to different models") {
    const std::pair<const char*, const char*> pairs[] = {
        {"CREATE TABLE t (a int)", "CREATE TABLE t (a bigint)"},
        {"CREATE TABLE t (a int, b int)", "CREATE TABLE t (b int, a int)"},
        {"CREATE TABLE t (a int)", "CREATE TABLE t (a int NOT NULL)"},
        {"CREATE TABLE t (a int DEFAULT 1)", "CREATE TABLE t (a int DEFAULT 2)"},
        {"CREATE TYPE e AS ENUM ('a', 'b')", "CREATE TYPE e AS ENUM ('b', 'a')"},
        {"CREATE TABLE t (a text COLLATE \"C\")", "CREATE TABLE t (a text)"},
        {"CREATE TABLE t (a int); CREATE INDEX i ON t (a)", "CREATE TABLE t (a int); CREATE UNIQUE INDEX i ON t (a)"},
        {"CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'select a'",
         "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql IMMUTABLE AS 'select a'"},
    };
    for (const auto& [a, b] : pairs) {
        CAPTURE(a);
        CAPTURE(b);
        CHECK(serialize(load_sql(a)) != serialize(load_sql(b)));
    }
}

TEST_CASE("CREATE TABLE: columns, identity, generated, defaults, collation, partitioning") {
    Catalog c = load_sql(R"sql(
        CREATE TABLE public."Events" (
            id bigint GENERATED BY DEFAULT AS IDENTITY (START WITH 10 INCREMENT BY 5),
            at timestamptz NOT NULL DEFAULT now(),
            name varchar(40) COLLATE "C",
            total numeric(10,2) GENERATED ALWAYS AS (1.5 * 2) STORED,
            tags text[] DEFAULT '{}'
        ) PARTITION BY RANGE (at);
        CREATE TABLE events_2026 PARTITION OF "Events" FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
        CREATE UNLOGGED TABLE scratch (x int) WITH (fillfactor = 70);
    )sql");
    const Table& t = tbl(c, "public", "Events");
    REQUIRE(t.columns.size() == 5);
    CHECK(t.columns[0].identity == Identity::ByDefault);
    CHECK(*t.columns[0].identity_options.start == 10);
    CHECK(*t.columns[0].identity_options.increment == 5);
    CHECK(t.columns[0].not_null);
    CHECK(t.columns[1].type == "timestamp with time zone");
    CHECK(*t.columns[1].default_expr == "now()");
    CHECK(t.columns[2].collation == "C");
    CHECK(t.columns[2].type == "character varying(40)");
    CHECK(*t.columns[3].generated == "1.5 * 2");
    CHECK(t.partition_by == "RANGE (at)");
    const Table& p = tbl(c, "public", "events_2026");
    REQUIRE(p.partition_of);
    CHECK(p.partition_of->name == "Events");
    CHECK(p.partition_bound == "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')");
    CHECK(p.columns.empty());
    const Table& s = tbl(c, "public", "scratch");
    CHECK(s.unlogged);
    CHECK(s.options == std::vector<std::string>{"fillfactor=70"});
}

TEST_CASE("constraints: foreign key options, NOT VALID, exclusion, NULLS NOT DISTINCT") {
    Catalog c = load_sql(R"sql(
        CREATE TABLE a (id int PRIMARY KEY, code text, UNIQUE NULLS NOT DISTINCT (code));
        CREATE TABLE b (
            id int, a_id int, during tstzrange,
            CONSTRAINT b_a FOREIGN KEY (a_id) REFERENCES a MATCH FULL ON DELETE SET NULL ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
            EXCLUDE USING gist (during WITH &&),
            CHECK (id > 0) NO INHERIT
        );
        ALTER TABLE b ADD CONSTRAINT b_pos CHECK (a_id > 0) NOT VALID;
    )sql");
    const Table& a = tbl(c, "public", "a");
    CHECK(a.constraints.at("a_code_key").nulls_not_distinct);
    const Table& b = tbl(c, "public", "b");
    const Constraint& fk = b.constraints.at("b_a");
    CHECK(fk.ref_columns == std::vector<std::string>{"id"});
    CHECK(fk.match == FkMatch::Full);
    CHECK(fk.on_delete == FkAction::SetNull);
    CHECK(fk.on_update == FkAction::Cascade);
    CHECK(fk.deferrable);
    CHECK(fk.initially_deferred);
    CHECK_FALSE(fk.not_valid);
    const Constraint& ex = b.constraints.at("b_during_excl");
    CHECK(ex.using_method == "gist");
    CHECK(ex.exclude.at(0).op == "&&");
    CHECK(b.constraints.at("b_id_check").no_inherit);
    CHECK(b.constraints.at("b_pos").not_valid);
}

TEST_CASE("indexes: method, opclass, INCLUDE, partial, options") {
    Catalog c = load_sql(R"sql(
        CREATE TABLE t (a text, b int, j jsonb);
        CREATE UNIQUE INDEX t_ab ON t USING btree (lower(a) text_pattern_ops, b DESC) INCLUDE (j) WITH (fillfactor=80) WHERE b > 0;
        CREATE INDEX t_j ON t USING gin (j jsonb_path_ops);
    )sql");
    const Index& i = c.indexes.at({"public", "t_ab"});
    CHECK(i.unique);
    CHECK(i.elements[0].expression == "lower(a)");
    CHECK(i.elements[0].opclass == "text_pattern_ops");
    CHECK(i.elements[1].order == SortOrder::Desc);
    CHECK(i.include == std::vector<std::string>{"j"});
    CHECK(i.where == "b > 0");
    CHECK(i.options == std::vector<std::string>{"fillfactor=80"});
    CHECK(c.indexes.at({"public", "t_j"}).method == "gin");
}

TEST_CASE("types: enum, domain with checks, composite") {
    Catalog c = load_sql(R"sql(
        CREATE TYPE mood AS ENUM ('sad', 'ok');
        CREATE DOMAIN pos AS int DEFAULT 1 NOT NULL CHECK (VALUE > 0) CONSTRAINT small CHECK (VALUE < 100);
        CREATE TYPE pair AS (a int, b text COLLATE "C");
    )sql");
    CHECK(c.enums.at({"public", "mood"}).labels == std::vector<std::string>{"sad", "ok"});
    const Domain& d = c.domains.at({"public", "pos"});
    CHECK(d.base_type == "integer");
    CHECK(d.not_null);
    CHECK(*d.default_expr == "1");
    REQUIRE(d.checks.size() == 2);
    CHECK(d.checks[0].name == "pos_check");
    CHECK(d.checks[1].name == "small");
    const CompositeType& p = c.composites.at({"public", "pair"});
    CHECK(p.attributes[1].collation == "C");
}

TEST_CASE("views and materialized views record their query and what they read") {
    Catalog c = load_sql(R"sql(
        CREATE TABLE t (a int);
        CREATE VIEW v (x) WITH (security_barrier) AS SELECT a FROM t;
        CREATE MATERIALIZED VIEW m AS WITH w AS (SELECT x FROM v) SELECT * FROM w WITH NO DATA;
        CREATE INDEX m_x ON m (x);
    )sql");
    const View& v = c.views.at({"public", "v"});
    CHECK(v.query == "SELECT a FROM t");
    CHECK(v.column_names == std::vector<std::string>{"x"});
    CHECK(v.options == std::vector<std::string>{"security_barrier=true"});
    CHECK(v.references == std::vector<QualifiedName>{{"public", "t"}});
    const View& m = c.views.at({"public", "m"});
    CHECK(m.materialized);
    CHECK(m.references == std::vector<QualifiedName>{{"public", "v"}});
    CHECK(c.indexes.contains({"public", "m_x"}));
}

TEST_CASE("functions, procedures and overloads are keyed by argument types") {
    Catalog c = load_sql(R"sql(
        CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT a $$;
        CREATE FUNCTION f(a text, b int DEFAULT 2) RETURNS SETOF text LANGUAGE sql STABLE SECURITY DEFINER
            SET search_path = pg_catalog AS $$ SELECT a $$;
        CREATE FUNCTION g() RETURNS TABLE (x int, y text) LANGUAGE sql AS $$ SELECT 1, 'a' $$;
        CREATE PROCEDURE p(INOUT n int) LANGUAGE plpgsql AS $$ BEGIN n := n + 1; END $$;
        CREATE FUNCTION h(a int) RETURNS int LANGUAGE sql RETURN a + 1;
    )sql");
    const Routine& f1 = c.routines.at({{"public", "f"}, "integer"});
    CHECK(f1.volatility == "IMMUTABLE");
    CHECK(f1.strict);
    CHECK(f1.parallel == "SAFE");
    CHECK(f1.body == " SELECT a ");
    const Routine& f2 = c.routines.at({{"public", "f"}, "text, integer"});
    CHECK(f2.returns_set);
    CHECK(f2.security_definer);
    CHECK(*f2.args[1].default_expr == "2");
    CHECK(f2.config == std::vector<std::string>{"search_path TO pg_catalog"});
    const Routine& g = c.routines.at({{"public", "g"}, ""});
    CHECK(g.returns == "record");
    CHECK(g.args.size() == 2);
    CHECK(c.routines.at({{"public", "p"}, "integer"}).procedure);
    const Routine& h = c.routines.at({{"public", "h"}, "integer"});
    CHECK(h.sql_body);
    CHECK(h.body == "RETURN a + 1");
}

TEST_CASE("triggers, row-level security, policies, comments, owners and grants") {
    Catalog c = load_sql(R"sql(
        CREATE SCHEMA app AUTHORIZATION app_owner;
        CREATE TABLE app.t (id int PRIMARY KEY, owner_name text);
        CREATE FUNCTION app.tg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
        CREATE TRIGGER t_ins BEFORE INSERT OR UPDATE OF owner_name ON app.t FOR EACH ROW WHEN (NEW.id > 0) EXECUTE FUNCTION app.tg('x');
        ALTER TABLE app.t DISABLE TRIGGER t_ins;
        ALTER TABLE app.t ENABLE ROW LEVEL SECURITY;
        ALTER TABLE app.t FORCE ROW LEVEL SECURITY;
        CREATE POLICY mine ON app.t AS RESTRICTIVE FOR UPDATE TO app_writer, app_reader USING (owner_name = current_user) WITH CHECK (true);
        COMMENT ON TRIGGER t_ins ON app.t IS 'audit';
        COMMENT ON POLICY mine ON app.t IS 'own rows';
        COMMENT ON CONSTRAINT t_pkey ON app.t IS 'key';
        COMMENT ON COLUMN app.t.id IS 'id';
        COMMENT ON FUNCTION app.tg() IS 'fn';
        ALTER TABLE app.t OWNER TO app_owner;
        GRANT SELECT (owner_name), UPDATE (owner_name) ON app.t TO app_reader WITH GRANT OPTION;
        GRANT USAGE ON SCHEMA app TO app_reader;
        REVOKE EXECUTE ON FUNCTION app.tg() FROM PUBLIC;
    )sql");
    const Table& t = tbl(c, "app", "t");
    const Trigger& tr = t.triggers.at("t_ins");
    CHECK(tr.timing == TriggerTiming::Before);
    CHECK(tr.on_insert);
    CHECK(tr.on_update);
    CHECK(tr.update_columns == std::vector<std::string>{"owner_name"});
    CHECK(tr.when == "new.id > 0");
    CHECK(tr.args == std::vector<std::string>{"x"});
    CHECK(tr.enabled == TriggerEnabled::Disabled);
    CHECK(*tr.comment == "audit");
    CHECK(t.rls_enabled);
    CHECK(t.rls_forced);
    const Policy& p = t.policies.at("mine");
    CHECK_FALSE(p.permissive);
    CHECK(p.command == "UPDATE");
    CHECK(p.roles == std::vector<std::string>{"app_reader", "app_writer"});
    CHECK(*p.comment == "own rows");
    CHECK(*t.constraints.at("t_pkey").comment == "key");
    CHECK(t.common.owner == "app_owner");
    CHECK(c.schemas.at("app").common.owner == "app_owner");
    const Column& col = *t.find_column("owner_name");
    REQUIRE(col.acl.grants.size() == 2);
    CHECK(col.acl.grants[0].grantable);
    const Routine& fn = c.routines.at({{"app", "tg"}, ""});
    CHECK(*fn.common.comment == "fn");
    REQUIRE(fn.common.acl.revokes.size() == 1);
    CHECK(fn.common.acl.revokes[0].grantee == "PUBLIC");
}

TEST_CASE("pg_dump's preamble and psql meta-commands are accepted") {
    Catalog c = load_sql(R"sql(\restrict abc123
SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SELECT pg_catalog.set_config('search_path', '', false);
SET default_tablespace = '';
CREATE TABLE public.t (a integer);
\unrestrict abc123
)sql");
    CHECK(c.tables.size() == 1);
}
