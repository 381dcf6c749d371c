-- CHECK constraints in the form pg_get_constraintdef prints them: doubled
-- parentheses, explicit casts on literals, IN lists as = ANY (ARRAY[...]),
-- BETWEEN expanded, column and table level, multi-column, NO INHERIT, and a
-- CHECK calling an immutable function.

CREATE TABLE public.products (
    id integer NOT NULL,
    name text NOT NULL,
    price numeric(10,2) NOT NULL,
    sale_price numeric(10,2),
    status text DEFAULT 'active'::text NOT NULL,
    stock integer DEFAULT 0 NOT NULL,
    weight_g integer,
    sku text,
    CONSTRAINT products_pkey PRIMARY KEY (id),
    CONSTRAINT products_price_check CHECK ((price > (0)::numeric)),
    CONSTRAINT products_sale_price_check CHECK (((sale_price IS NULL) OR (sale_price < price))),
    CONSTRAINT products_status_check CHECK ((status = ANY (ARRAY['active'::text, 'retired'::text, 'draft'::text]))),
    CONSTRAINT products_stock_check CHECK ((stock >= 0)),
    CONSTRAINT products_weight_range CHECK (((weight_g >= 1) AND (weight_g <= 100000))),
    CONSTRAINT products_name_not_blank CHECK ((length(btrim(name)) > 0)),
    CONSTRAINT products_sku_format CHECK ((sku ~ '^[A-Z]{3}-[0-9]{4}$'::text)),
    CONSTRAINT products_local_only CHECK ((id > 0)) NO INHERIT
);

CREATE TABLE public.intervals (
    lo integer,
    hi integer,
    CONSTRAINT intervals_check CHECK ((lo <= hi)),
    CONSTRAINT intervals_lo_not_null CHECK ((lo IS NOT NULL)) NO INHERIT,
    CONSTRAINT "Intervals Width" CHECK (((hi - lo) < 1000))
);
