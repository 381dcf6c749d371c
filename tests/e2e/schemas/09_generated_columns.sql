-- Stored generated columns (GENERATED ALWAYS AS (...) STORED) with
-- expressions written the way pg_get_expr prints them: casts, concatenation,
-- CASE, immutable functions, and a generated column that is indexed.

CREATE TABLE public.line_items (
    id integer NOT NULL,
    unit_price numeric(10,2) NOT NULL,
    quantity integer NOT NULL,
    discount numeric(4,3) DEFAULT 0 NOT NULL,
    total numeric GENERATED ALWAYS AS (((unit_price * (quantity)::numeric) * ((1)::numeric - discount))) STORED,
    CONSTRAINT line_items_pkey PRIMARY KEY (id)
);

CREATE TABLE public.people (
    id integer NOT NULL,
    first_name text NOT NULL,
    last_name text NOT NULL,
    full_name text GENERATED ALWAYS AS (((first_name || ' '::text) || last_name)) STORED,
    search_name text GENERATED ALWAYS AS (lower(((first_name || ' '::text) || last_name))) STORED,
    height_cm numeric(5,1),
    size_class text GENERATED ALWAYS AS (
CASE
    WHEN (height_cm IS NULL) THEN 'unknown'::text
    WHEN (height_cm < (150)::numeric) THEN 'small'::text
    ELSE 'large'::text
END) STORED,
    CONSTRAINT people_pkey PRIMARY KEY (id)
);

CREATE INDEX people_search_name_idx ON public.people USING btree (search_name);
