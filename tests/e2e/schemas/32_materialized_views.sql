-- Materialized views: populated (WITH DATA) and unpopulated (WITH NO DATA),
-- a matview on a view, a matview in another schema, a matview with a
-- storage parameter, and indexes on matviews (unique, for REFRESH
-- CONCURRENTLY, partial, expression).

CREATE SCHEMA analytics;

CREATE TABLE public.sales (
    id bigint NOT NULL,
    region text NOT NULL,
    product text NOT NULL,
    amount numeric(12,2) NOT NULL,
    sold_on date NOT NULL,
    CONSTRAINT sales_pkey PRIMARY KEY (id)
);

CREATE VIEW public.sales_2024 AS
 SELECT sales.id,
    sales.region,
    sales.product,
    sales.amount,
    sales.sold_on
   FROM public.sales
  WHERE ((sales.sold_on >= '2024-01-01'::date) AND (sales.sold_on < '2025-01-01'::date));

CREATE MATERIALIZED VIEW public.sales_by_region AS
 SELECT sales.region,
    sum(sales.amount) AS total,
    count(*) AS n
   FROM public.sales
  GROUP BY sales.region
  WITH DATA;

CREATE MATERIALIZED VIEW analytics.sales_by_product_2024 AS
 SELECT sales_2024.product,
    date_trunc('month'::text, (sales_2024.sold_on)::timestamp with time zone) AS month,
    sum(sales_2024.amount) AS total
   FROM public.sales_2024
  GROUP BY sales_2024.product, (date_trunc('month'::text, (sales_2024.sold_on)::timestamp with time zone))
  WITH NO DATA;

CREATE MATERIALIZED VIEW analytics.daily_totals WITH (fillfactor='90') AS
 SELECT sales.sold_on,
    sum(sales.amount) AS total
   FROM public.sales
  GROUP BY sales.sold_on
  WITH NO DATA;

CREATE UNIQUE INDEX sales_by_region_region_key ON public.sales_by_region USING btree (region);

CREATE INDEX sales_by_region_total_idx ON public.sales_by_region USING btree (total DESC) WHERE (n > 10);

CREATE UNIQUE INDEX sales_by_product_2024_key ON analytics.sales_by_product_2024 USING btree (product, month);

CREATE INDEX daily_totals_month_idx ON analytics.daily_totals USING btree (date_trunc('month'::text, (sold_on)::timestamp without time zone));
