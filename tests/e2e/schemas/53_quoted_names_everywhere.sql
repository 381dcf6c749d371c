-- Quoted, Mixed-Case, unicode and reserved-word identifiers on every object
-- kind, not only tables and columns: schema, enum, composite, domain,
-- sequence, function and its arguments, procedure, view, matview, index,
-- constraint, trigger, policy, comments and grants on them.

CREATE SCHEMA "Ünïcødé Schema";

CREATE SCHEMA "user";

CREATE TYPE "Ünïcødé Schema"."Farbe" AS ENUM (
    'rot',
    'grün',
    'blau'
);

CREATE TYPE "user"."order" AS (
	"select" integer,
	"Größe" text
);

CREATE DOMAIN "user"."Positive Int" AS integer
    CONSTRAINT "must be > 0" CHECK ((VALUE > 0));

CREATE SEQUENCE "user"."Order-Seq"
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE TABLE "user"."table" (
    "column" integer DEFAULT nextval('"user"."Order-Seq"'::regclass) NOT NULL,
    "Farbe" "Ünïcødé Schema"."Farbe",
    "日本語" text,
    "where" "user"."Positive Int",
    "order" "user"."order",
    CONSTRAINT "table_pkey" PRIMARY KEY ("column"),
    CONSTRAINT "Unique Where" UNIQUE ("where")
);

ALTER SEQUENCE "user"."Order-Seq" OWNED BY "user"."table"."column";

CREATE INDEX "Index on 日本語" ON "user"."table" USING btree ("日本語");

CREATE FUNCTION "user"."Select"("from" integer, "to" integer DEFAULT 10) RETURNS SETOF integer
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT generate_series("from", "to") $$;

CREATE FUNCTION "Ünïcødé Schema"."größe"("user"."order") RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $_$ SELECT ($1)."Größe" $_$;

CREATE PROCEDURE "user"."Do Nothing"(IN "ÄÖÜ" text)
    LANGUAGE plpgsql
    AS $$ BEGIN NULL; END $$;

CREATE VIEW "user"."View ""Quoted""" AS
 SELECT "table"."column",
    "table"."日本語" AS "Japanisch",
    ("table"."order")."select" AS sel
   FROM "user"."table";

CREATE MATERIALIZED VIEW "Ünïcødé Schema"."Matérialisée" AS
 SELECT "table"."Farbe",
    count(*) AS "Anzahl"
   FROM "user"."table"
  GROUP BY "table"."Farbe"
  WITH NO DATA;

CREATE FUNCTION "user"."Trigger Fn"() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN RETURN NEW; END $$;

CREATE TRIGGER "Before Insert" BEFORE INSERT ON "user"."table" FOR EACH ROW EXECUTE FUNCTION "user"."Trigger Fn"();

ALTER TABLE "user"."table" ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Everyone Reads" ON "user"."table" FOR SELECT TO app_reader USING (true);

COMMENT ON SCHEMA "Ünïcødé Schema" IS 'schema with unicode name';

COMMENT ON TABLE "user"."table" IS 'table named table in schema user';

COMMENT ON COLUMN "user"."table"."日本語" IS 'Japanese text';

COMMENT ON FUNCTION "user"."Select"("from" integer, "to" integer) IS 'reserved-word arguments';

COMMENT ON TRIGGER "Before Insert" ON "user"."table" IS 'quoted trigger';

COMMENT ON POLICY "Everyone Reads" ON "user"."table" IS 'quoted policy';

COMMENT ON CONSTRAINT "must be > 0" ON DOMAIN "user"."Positive Int" IS 'quoted domain constraint';

GRANT USAGE ON SCHEMA "user" TO app_reader;

GRANT SELECT ("column", "日本語") ON TABLE "user"."table" TO app_reader;

GRANT EXECUTE ON FUNCTION "user"."Select"("from" integer, "to" integer) TO app_reader;

GRANT SELECT ON TABLE "user"."View ""Quoted""" TO app_reader;
