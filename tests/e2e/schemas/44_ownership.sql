-- Ownership: ALTER ... OWNER TO app_owner for a schema, tables (the owned
-- identity and serial-style sequences follow their table), a standalone
-- sequence, a view, a materialized view, enum / composite types, a domain,
-- a function and a procedure; a schema created with AUTHORIZATION; and
-- grants made after the owner change (the grantor becomes app_owner).

CREATE SCHEMA owned AUTHORIZATION app_owner;

CREATE SCHEMA shared;

ALTER SCHEMA shared OWNER TO app_owner;

CREATE TYPE owned.color AS ENUM (
    'red',
    'green'
);

ALTER TYPE owned.color OWNER TO app_owner;

CREATE TYPE owned.pair AS (
	a integer,
	b integer
);

ALTER TYPE owned.pair OWNER TO app_owner;

CREATE DOMAIN owned.nonempty AS text
    CONSTRAINT nonempty_check CHECK ((VALUE <> ''::text));

ALTER DOMAIN owned.nonempty OWNER TO app_owner;

CREATE TABLE owned.things (
    id bigint GENERATED ALWAYS AS IDENTITY,
    name owned.nonempty NOT NULL,
    color owned.color,
    CONSTRAINT things_pkey PRIMARY KEY (id)
);

ALTER TABLE owned.things OWNER TO app_owner;

CREATE SEQUENCE shared.global_ids
    AS bigint
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE shared.global_ids OWNER TO app_owner;

-- stays owned by the loading superuser
CREATE TABLE shared.settings (
    key text NOT NULL,
    value text,
    CONSTRAINT settings_pkey PRIMARY KEY (key)
);

CREATE VIEW owned.thing_names AS
 SELECT things.id,
    things.name
   FROM owned.things;

ALTER VIEW owned.thing_names OWNER TO app_owner;

CREATE MATERIALIZED VIEW owned.color_counts AS
 SELECT things.color,
    count(*) AS n
   FROM owned.things
  GROUP BY things.color
  WITH NO DATA;

ALTER MATERIALIZED VIEW owned.color_counts OWNER TO app_owner;

CREATE FUNCTION owned.thing_count() RETURNS bigint
    LANGUAGE sql STABLE
    AS $$ SELECT count(*) FROM owned.things $$;

ALTER FUNCTION owned.thing_count() OWNER TO app_owner;

CREATE PROCEDURE owned.rename_thing(IN thing_id bigint, IN new_name text)
    LANGUAGE sql
    AS $$ UPDATE owned.things SET name = new_name WHERE id = thing_id $$;

ALTER PROCEDURE owned.rename_thing(IN thing_id bigint, IN new_name text) OWNER TO app_owner;

GRANT SELECT ON TABLE owned.things TO app_reader;

GRANT SELECT, INSERT, UPDATE ON TABLE owned.things TO app_writer;

GRANT USAGE ON SCHEMA owned TO app_reader, app_writer;
