#include <doctest/doctest.h>

#include "catalog/model.hpp"
#include "load/sql_loader.hpp"
#include "render/plan_renderer.hpp"
#include "render/sql_renderer.hpp"

using namespace pgkeel;

TEST_CASE("rendered SQL loads back into the same model (offline fixpoint)") {
    const char* sql = R"sql(
        CREATE SCHEMA "Sales";
        CREATE TYPE "Sales".status AS ENUM ('new', 'it''s done');
        CREATE DOMAIN "Sales".qty AS integer CHECK (VALUE >= 0);
        CREATE TYPE "Sales".money_pair AS (amount numeric(12,2), currency char(3));
        CREATE SEQUENCE "Sales".ticket AS integer START 100 CYCLE;
        CREATE TABLE "Sales"."Order" (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            "select" text NOT NULL DEFAULT 'x',
            status "Sales".status NOT NULL DEFAULT 'new',
            n "Sales".qty,
            total numeric(12,2) GENERATED ALWAYS AS (n * 2.5) STORED,
            CONSTRAINT order_total CHECK (total >= 0)
        );
        CREATE TABLE "Sales".line (
            order_id bigint REFERENCES "Sales"."Order" ON DELETE CASCADE,
            pos int,
            PRIMARY KEY (order_id, pos)
        );
        CREATE INDEX line_pos ON "Sales".line (pos DESC NULLS LAST) WHERE pos > 0;
        CREATE VIEW "Sales".v2 AS SELECT order_id FROM "Sales".v1;
        CREATE VIEW "Sales".v1 AS SELECT order_id, pos FROM "Sales".line;
        CREATE FUNCTION "Sales".f(a int, b text DEFAULT 'x$$y') RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT a $$;
        CREATE FUNCTION "Sales".tg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
        CREATE TRIGGER "Order tg" AFTER INSERT ON "Sales"."Order" FOR EACH STATEMENT EXECUTE FUNCTION "Sales".tg();
        ALTER TABLE "Sales"."Order" ENABLE ALWAYS TRIGGER "Order tg";
        ALTER TABLE "Sales".line ENABLE ROW LEVEL SECURITY;
        CREATE POLICY p ON "Sales".line USING (pos > 0);
        COMMENT ON TABLE "Sales"."Order" IS 'Orders; don''t drop';
        COMMENT ON COLUMN "Sales"."Order"."select" IS 'reserved';
        GRANT SELECT ON "Sales"."Order" TO app_reader;
        REVOKE EXECUTE ON FUNCTION "Sales".f(int, text) FROM PUBLIC;
    )sql";
    catalog::Catalog first = load::load_sql_text(sql, "in.sql");
    std::string rendered = render::render_sql(first);
    catalog::Catalog second = load::load_sql_text(rendered, "rendered.sql");
    CHECK(catalog::serialize(second) == catalog::serialize(first));
    CHECK(render::render_sql(second) == rendered);
    // views come after the views they read
    CHECK(rendered.find("CREATE VIEW \"Sales\".v1") < rendered.find("CREATE VIEW \"Sales\".v2"));
    // foreign keys after primary keys
    CHECK(rendered.find("PRIMARY KEY (order_id, pos)") < rendered.find("FOREIGN KEY"));
}

TEST_CASE("rendering is deterministic") {
    const char* sql = "CREATE TABLE b (x int); CREATE TABLE a (y int); CREATE INDEX ai ON a (y); CREATE INDEX bi ON b (x);";
    std::string r1 = render::render_sql(load::load_sql_text(sql));
    std::string r2 = render::render_sql(load::load_sql_text(sql));
    CHECK(r1 == r2);
    CHECK(r1.find("CREATE TABLE public.a") < r1.find("CREATE TABLE public.b"));
}
