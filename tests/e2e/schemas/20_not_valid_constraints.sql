-- NOT VALID constraints added with ALTER TABLE ... ADD CONSTRAINT ... NOT
-- VALID (convalidated = false): a CHECK, a FOREIGN KEY, a NOT VALID FK across
-- schemas, and a domain constraint added NOT VALID. One constraint is added
-- NOT VALID and then validated, so it ends up valid.

CREATE SCHEMA legacy;

CREATE TABLE public.customers (
    id integer NOT NULL,
    email text,
    age integer,
    CONSTRAINT customers_pkey PRIMARY KEY (id)
);

CREATE TABLE public.orders (
    id integer NOT NULL,
    customer_id integer,
    total numeric(12,2),
    CONSTRAINT orders_pkey PRIMARY KEY (id)
);

CREATE TABLE legacy.old_orders (
    id integer NOT NULL,
    customer_id integer
);

ALTER TABLE public.customers
    ADD CONSTRAINT customers_age_check CHECK ((age >= 0)) NOT VALID;

ALTER TABLE public.customers
    ADD CONSTRAINT customers_email_check CHECK ((email ~~ '%@%'::text)) NOT VALID;

ALTER TABLE public.orders
    ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id) NOT VALID;

ALTER TABLE legacy.old_orders
    ADD CONSTRAINT old_orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id) ON DELETE SET NULL NOT VALID;

-- added NOT VALID, then validated: the end state is an ordinary valid CHECK
ALTER TABLE public.orders
    ADD CONSTRAINT orders_total_check CHECK ((total >= (0)::numeric)) NOT VALID;

ALTER TABLE public.orders VALIDATE CONSTRAINT orders_total_check;

CREATE DOMAIN public.percent AS integer;

ALTER DOMAIN public.percent
    ADD CONSTRAINT percent_range CHECK (((VALUE >= 0) AND (VALUE <= 100))) NOT VALID;
