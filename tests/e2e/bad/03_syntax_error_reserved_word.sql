-- expect: 10:5 syntax error at or near "order" (reserved word used as an unquoted column name)
CREATE TABLE public.customers (
    id integer NOT NULL,
    CONSTRAINT customers_pkey PRIMARY KEY (id)
);

CREATE TABLE public.line_items (
    id integer NOT NULL,
    customer_id integer,
    order integer NOT NULL,
    quantity integer
);
