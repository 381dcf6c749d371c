-- Expression indexes (lower(email), date_trunc, jsonb ->>, coalesce),
-- operator classes (text_pattern_ops, varchar_pattern_ops), index column
-- COLLATE, an expression with DESC NULLS LAST, and a unique expression index.

CREATE TABLE public.contacts (
    id integer NOT NULL,
    email text NOT NULL,
    name text NOT NULL,
    code character varying(32),
    profile jsonb,
    created_at timestamp without time zone,
    first_name text,
    last_name text,
    CONSTRAINT contacts_pkey PRIMARY KEY (id)
);

CREATE UNIQUE INDEX contacts_lower_email_key ON public.contacts USING btree (lower(email));

CREATE INDEX contacts_name_pattern_idx ON public.contacts USING btree (name text_pattern_ops);

CREATE INDEX contacts_code_pattern_idx ON public.contacts USING btree (code varchar_pattern_ops);

CREATE INDEX contacts_name_c_idx ON public.contacts USING btree (name COLLATE "C");

CREATE INDEX contacts_name_c_pattern_idx ON public.contacts USING btree (name COLLATE "C" text_pattern_ops DESC NULLS LAST);

CREATE INDEX contacts_created_day_idx ON public.contacts USING btree (date_trunc('day'::text, created_at));

CREATE INDEX contacts_profile_city_idx ON public.contacts USING btree (((profile ->> 'city'::text)));

CREATE INDEX contacts_full_name_idx ON public.contacts USING btree ((((COALESCE(first_name, ''::text) || ' '::text) || COALESCE(last_name, ''::text))));

CREATE INDEX contacts_lower_name_desc_idx ON public.contacts USING btree (lower(name) DESC NULLS LAST, id);

CREATE INDEX contacts_upper_email_partial_idx ON public.contacts USING btree (upper(email)) WHERE (profile IS NOT NULL);
