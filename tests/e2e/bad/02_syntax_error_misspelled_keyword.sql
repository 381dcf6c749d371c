-- expect: 7:34 syntax error at or near "DEFAUL" (misspelled DEFAULT in the third column of public.products)
CREATE SCHEMA catalog;

CREATE TABLE public.products (
    id integer NOT NULL,
    name text NOT NULL,
    price numeric(10,2) NOT NULL DEFAUL 0,
    CONSTRAINT products_pkey PRIMARY KEY (id)
);

CREATE INDEX products_name_idx ON public.products USING btree (name);
