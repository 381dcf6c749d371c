-- pgkeel-test: server-rewrites
-- rewrite: declared_dims.m integer[][] is stored as integer[] (format_type ignores attndims; pg_dump prints integer[])
-- rewrite: declared_dims.fixed integer[3] is stored as integer[] (array sizes are not kept at all)
-- rewrite: declared_dims.cube3 text[][][] is stored as text[]
-- Array columns: one- and multi-dimensional arrays of base types, of types
-- with modifiers, of an enum, with array defaults written the way pg_get_expr
-- prints them ('{}'::text[], ARRAY[...]). The public.arrays table is canonical;
-- public.declared_dims uses declared dimensions that the server drops.

CREATE TYPE public.color AS ENUM (
    'red',
    'green',
    'blue'
);

CREATE TABLE public.arrays (
    id integer NOT NULL,
    tags text[] DEFAULT '{}'::text[] NOT NULL,
    matrix integer[],
    grid integer[],
    codes character varying(10)[],
    prices numeric(8,2)[],
    stamps timestamp with time zone[],
    colors public.color[] DEFAULT ARRAY['red'::public.color],
    flags boolean[] DEFAULT '{t,f}'::boolean[],
    scores bigint[] DEFAULT ARRAY[1, 2, 3],
    CONSTRAINT arrays_pkey PRIMARY KEY (id),
    CONSTRAINT arrays_matrix_check CHECK ((array_ndims(matrix) = 2)),
    CONSTRAINT arrays_tags_check CHECK ((cardinality(tags) <= 10))
);

-- declared dimensions and sizes are accepted but not enforced; the catalog
-- keeps only attndims, which format_type ignores
CREATE TABLE public.declared_dims (
    m integer[][],
    fixed integer[3],
    cube3 text[][][]
);

CREATE INDEX arrays_tags_idx ON public.arrays USING gin (tags);
