-- Plain views with queries written exactly as pg_get_viewdef prints them
-- under an empty search_path: every column qualified by its range
-- variable, tables schema-qualified, explicit casts, joins, aggregates,
-- GROUP BY / HAVING / ORDER BY, CASE, output column aliases, views in
-- another schema, and CREATE OR REPLACE VIEW.

CREATE SCHEMA reporting;

CREATE TABLE public.customers (
    id integer NOT NULL,
    name text NOT NULL,
    country text,
    active boolean DEFAULT true NOT NULL,
    CONSTRAINT customers_pkey PRIMARY KEY (id)
);

CREATE TABLE public.orders (
    id integer NOT NULL,
    customer_id integer NOT NULL,
    total numeric(12,2) NOT NULL,
    placed_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT orders_pkey PRIMARY KEY (id),
    CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id)
);

CREATE VIEW public.active_customers AS
 SELECT customers.id,
    customers.name,
    customers.country
   FROM public.customers
  WHERE customers.active;

CREATE VIEW public.customer_totals AS
 SELECT c.id AS customer_id,
    c.name,
    count(o.id) AS order_count,
    COALESCE(sum(o.total), (0)::numeric) AS lifetime_value
   FROM (public.customers c
     LEFT JOIN public.orders o ON ((o.customer_id = c.id)))
  GROUP BY c.id, c.name;

CREATE VIEW reporting.big_orders AS
 SELECT o.id,
    o.customer_id,
    o.total,
        CASE
            WHEN (o.total >= (10000)::numeric) THEN 'huge'::text
            ELSE 'big'::text
        END AS size_class
   FROM public.orders o
  WHERE (o.total > (1000)::numeric)
  ORDER BY o.total DESC;

CREATE VIEW reporting.orders_per_country AS
 SELECT c.country,
    count(*) AS orders
   FROM (public.orders o
     JOIN public.customers c ON ((c.id = o.customer_id)))
  GROUP BY c.country
 HAVING (count(*) > 1);

CREATE OR REPLACE VIEW public.recent_orders AS
 SELECT orders.id,
    orders.customer_id,
    orders.placed_at
   FROM public.orders
  WHERE (orders.placed_at > (now() - '7 days'::interval));

-- AT TIME ZONE under a cast: libpg_query's deparser drops the parentheses
-- here unless pgkeel rewrites it (see parse/pg_tree.cpp).
CREATE VIEW public.v_local_day AS
 SELECT (now() AT TIME ZONE 'UTC'::text)::date AS day,
    ((now() AT TIME ZONE 'UTC'::text))::text COLLATE "C" AS stamp;
