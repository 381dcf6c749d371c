-- Composite types: attributes with modifiers, COLLATE (spelled
-- pg_catalog."C" as pg_dump prints a column collation) and arrays, a
-- composite nested in another composite, a composite in another schema,
-- composite columns and arrays of composites in tables, and a function
-- returning a composite.

CREATE SCHEMA geo;

CREATE TYPE geo.coordinates AS (
	lat double precision,
	lon double precision
);

CREATE TYPE public.address AS (
	street text,
	city character varying(100),
	postcode text COLLATE pg_catalog."C",
	location geo.coordinates,
	lines text[]
);

CREATE TYPE public.money_amount AS (
	amount numeric(12,2),
	currency character(3)
);

CREATE TYPE public."Empty Composite" AS (
);

CREATE TABLE public.shops (
    id integer NOT NULL,
    name text NOT NULL,
    address public.address,
    previous_addresses public.address[],
    turnover public.money_amount,
    CONSTRAINT shops_pkey PRIMARY KEY (id)
);

CREATE FUNCTION public.make_amount(value numeric, currency text) RETURNS public.money_amount
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT ROW(value, currency)::public.money_amount $$;
