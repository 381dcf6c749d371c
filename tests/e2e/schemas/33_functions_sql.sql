-- LANGUAGE sql functions: IMMUTABLE / STABLE / VOLATILE, STRICT, argument
-- defaults, named and unnamed arguments, PARALLEL SAFE, LEAKPROOF, COST,
-- SET search_path, SQL-standard bodies (RETURN and BEGIN ATOMIC, which the
-- server stores parsed and prints back), and a function used in a default.

CREATE SCHEMA util;

CREATE TABLE public.counters (
    name text NOT NULL,
    value bigint DEFAULT 0 NOT NULL,
    CONSTRAINT counters_pkey PRIMARY KEY (name)
);

CREATE FUNCTION public.add_numbers(a integer, b integer DEFAULT 0) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT a + b $$;

CREATE FUNCTION public.unnamed_args(integer, text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $_$ SELECT $2 || ':' || $1::text $_$;

CREATE FUNCTION public.counter_value(counter_name text) RETURNS bigint
    LANGUAGE sql STABLE
    AS $$ SELECT value FROM public.counters WHERE name = counter_name $$;

CREATE FUNCTION public.bump(counter_name text, step bigint DEFAULT 1) RETURNS bigint
    LANGUAGE sql
    AS $$
    INSERT INTO public.counters AS c (name, value) VALUES (counter_name, step)
    ON CONFLICT (name) DO UPDATE SET value = c.value + EXCLUDED.value
    RETURNING value
$$;

CREATE FUNCTION util.slugify(input text, sep text DEFAULT '-'::text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT LEAKPROOF COST 10
    SET search_path TO 'pg_catalog'
    AS $$ SELECT trim(both sep from regexp_replace(lower(input), '[^a-z0-9]+', sep, 'g')) $$;

-- SQL-standard bodies, spelled as the server prints them back
CREATE FUNCTION public.celsius_to_fahrenheit(c double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE
    RETURN (((c * (9)::double precision) / (5)::double precision) + (32)::double precision);

CREATE FUNCTION public.double_counter(counter_name text) RETURNS bigint
    LANGUAGE sql
    BEGIN ATOMIC
 UPDATE public.counters SET value = (counters.value * 2)
   WHERE (counters.name = double_counter.counter_name);
 SELECT counters.value
    FROM public.counters
   WHERE (counters.name = double_counter.counter_name);
END;

CREATE TABLE public.slugs (
    title text NOT NULL,
    slug text DEFAULT util.slugify('untitled'::text) NOT NULL
);
