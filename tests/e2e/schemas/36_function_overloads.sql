-- Overloaded functions: the same name with different argument types and
-- argument counts (identity is schema + name + argument types), the same
-- signature in two schemas, a zero-argument overload, overloads on integer
-- vs integer[] and text vs character varying, and a view and a column
-- default calling specific overloads.

CREATE SCHEMA v2;

CREATE FUNCTION public.area(radius double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT pi() * radius * radius $$;

CREATE FUNCTION public.area(width double precision, height double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT width * height $$;

CREATE FUNCTION public.area(width integer, height integer) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT width * height $$;

CREATE FUNCTION public.area(box) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT
    AS $_$ SELECT area($1) $_$;

CREATE FUNCTION public.format_value(value integer) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT 'int:' || value::text $$;

CREATE FUNCTION public.format_value(value text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT 'text:' || value $$;

CREATE FUNCTION public.format_value(value numeric, places integer DEFAULT 2) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT 'num:' || round(value, places)::text $$;

CREATE FUNCTION public.format_value(value timestamp with time zone) RETURNS text
    LANGUAGE sql STABLE
    AS $$ SELECT 'ts:' || value::text $$;

CREATE FUNCTION public.format_value(value integer[]) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT 'ints:' || array_to_string(value, ',') $$;

CREATE FUNCTION public.format_value(value character varying) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT 'varchar:' || value $$;

-- same name and argument types as public.format_value(integer), other schema
CREATE FUNCTION v2.format_value(value integer) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT 'v2:' || value::text $$;

CREATE FUNCTION public.no_args() RETURNS integer
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT 1 $$;

CREATE FUNCTION public.no_args(flag boolean) RETURNS integer
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT CASE WHEN flag THEN 1 ELSE 0 END $$;

CREATE TABLE public.shapes (
    id integer NOT NULL,
    w integer NOT NULL,
    h integer NOT NULL,
    label text DEFAULT public.format_value(0) NOT NULL,
    CONSTRAINT shapes_pkey PRIMARY KEY (id)
);

CREATE VIEW public.shape_areas AS
 SELECT shapes.id,
    public.area(shapes.w, shapes.h) AS int_area,
    public.area((shapes.w)::double precision, (shapes.h)::double precision) AS float_area,
    public.format_value(shapes.label) AS label
   FROM public.shapes;
