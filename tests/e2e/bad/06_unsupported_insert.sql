-- expect: 10:51 unsupported statement INSERT (data rows do not belong in a schema file)
CREATE TABLE public.countries (
    code character(2) NOT NULL,
    name text NOT NULL,
    CONSTRAINT countries_pkey PRIMARY KEY (code)
);

COMMENT ON TABLE public.countries IS 'ISO 3166-1 alpha-2';

/* seed data that slipped into the schema file */ INSERT INTO public.countries (code, name)
VALUES ('de', 'Germany'), ('fr', 'France');

CREATE INDEX countries_name_idx ON public.countries USING btree (name);
