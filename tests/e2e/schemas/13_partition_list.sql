-- LIST partitioning: text and integer list keys, a partition holding NULL,
-- a DEFAULT partition, a partitioned table in a non-public schema, and a
-- partition with its own extra CHECK constraint and index.

CREATE SCHEMA sales;

CREATE TABLE sales.orders (
    id bigint NOT NULL,
    region text NOT NULL,
    amount numeric(12,2) NOT NULL,
    CONSTRAINT orders_pkey PRIMARY KEY (id, region)
)
PARTITION BY LIST (region);

CREATE TABLE sales.orders_eu PARTITION OF sales.orders
FOR VALUES IN ('de', 'fr', 'it', 'es');

CREATE TABLE sales.orders_na PARTITION OF sales.orders
FOR VALUES IN ('us', 'ca', 'mx');

CREATE TABLE sales.orders_apac PARTITION OF sales.orders (
    CONSTRAINT orders_apac_amount_check CHECK ((amount < (1000000)::numeric))
)
FOR VALUES IN ('jp', 'au');

CREATE TABLE sales.orders_other PARTITION OF sales.orders
DEFAULT;

CREATE INDEX orders_apac_amount_idx ON sales.orders_apac USING btree (amount);

CREATE TABLE public.tickets (
    id integer NOT NULL,
    priority integer,
    title text
)
PARTITION BY LIST (priority);

CREATE TABLE public.tickets_p1 PARTITION OF public.tickets
FOR VALUES IN (1);

CREATE TABLE public.tickets_p2_3 PARTITION OF public.tickets
FOR VALUES IN (2, 3);

CREATE TABLE public.tickets_unset PARTITION OF public.tickets
FOR VALUES IN (NULL);
