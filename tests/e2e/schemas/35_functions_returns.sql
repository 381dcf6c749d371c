-- Function result shapes: RETURNS TABLE, RETURNS SETOF a table row type,
-- RETURNS SETOF a scalar, OUT and INOUT parameters (single and several),
-- VARIADIC arguments, polymorphic anyelement, ROWS estimates, returning a
-- table's row type, and argument defaults of several kinds.

CREATE TABLE public.items (
    id integer NOT NULL,
    name text NOT NULL,
    price numeric(10,2) NOT NULL,
    category text,
    CONSTRAINT items_pkey PRIMARY KEY (id)
);

CREATE FUNCTION public.items_in_category(cat text, max_price numeric DEFAULT NULL::numeric) RETURNS TABLE(item_id integer, item_name text, item_price numeric)
    LANGUAGE sql STABLE
    AS $$
    SELECT id, name, price FROM public.items
    WHERE category = cat AND (max_price IS NULL OR price <= max_price)
$$;

CREATE FUNCTION public.cheap_items(limit_price numeric DEFAULT 10.00) RETURNS SETOF public.items
    LANGUAGE sql STABLE ROWS 50
    AS $$ SELECT * FROM public.items WHERE price < limit_price $$;

CREATE FUNCTION public.item_ids() RETURNS SETOF integer
    LANGUAGE sql STABLE ROWS 100
    AS $$ SELECT id FROM public.items ORDER BY id $$;

CREATE FUNCTION public.first_item() RETURNS public.items
    LANGUAGE sql STABLE
    AS $$ SELECT * FROM public.items ORDER BY id LIMIT 1 $$;

CREATE FUNCTION public.price_stats(OUT min_price numeric, OUT max_price numeric, OUT avg_price numeric) RETURNS record
    LANGUAGE sql STABLE
    AS $$ SELECT min(price), max(price), avg(price) FROM public.items $$;

CREATE FUNCTION public.split_name(full_name text, OUT first_name text, OUT last_name text) RETURNS record
    LANGUAGE plpgsql IMMUTABLE
    AS $$
BEGIN
    first_name := split_part(full_name, ' ', 1);
    last_name := substr(full_name, length(first_name) + 2);
END;
$$;

CREATE FUNCTION public.item_count(OUT n bigint) RETURNS bigint
    LANGUAGE sql STABLE
    AS $$ SELECT count(*) FROM public.items $$;

CREATE FUNCTION public.double_it(INOUT x integer) RETURNS integer
    LANGUAGE plpgsql IMMUTABLE
    AS $$ BEGIN x := x * 2; END $$;

CREATE FUNCTION public.sum_all(VARIADIC nums integer[]) RETURNS bigint
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT sum(n) FROM unnest(nums) AS n $$;

CREATE FUNCTION public.first_non_null(a anyelement, b anyelement) RETURNS anyelement
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT coalesce(a, b) $$;

CREATE FUNCTION public.categories_with_counts(min_count integer DEFAULT 1, include_null boolean DEFAULT false) RETURNS TABLE(category text, n bigint)
    LANGUAGE plpgsql STABLE
    AS $$
BEGIN
    RETURN QUERY
        SELECT i.category, count(*)
        FROM public.items i
        WHERE include_null OR i.category IS NOT NULL
        GROUP BY i.category
        HAVING count(*) >= min_count;
END;
$$;

CREATE FUNCTION public.tagged(label text DEFAULT 'none'::text, tags text[] DEFAULT '{}'::text[], since date DEFAULT CURRENT_DATE) RETURNS text
    LANGUAGE sql STABLE
    AS $$ SELECT label || array_length(tags, 1)::text || since::text $$;
