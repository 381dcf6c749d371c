-- Non-btree access methods: hash, GIN (jsonb, jsonb_path_ops, arrays,
-- tsvector, pg_trgm trigram), GiST (ranges, geometric, tsvector), SP-GiST,
-- BRIN (with pages_per_range), plus a partial GIN index.

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

CREATE TABLE public.docs (
    id bigint NOT NULL,
    token text NOT NULL,
    body text,
    tags text[],
    attrs jsonb,
    tsv tsvector,
    validity tstzrange,
    location point,
    ip inet,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT docs_pkey PRIMARY KEY (id)
);

CREATE INDEX docs_token_hash_idx ON public.docs USING hash (token);

CREATE INDEX docs_attrs_idx ON public.docs USING gin (attrs);

CREATE INDEX docs_attrs_path_idx ON public.docs USING gin (attrs jsonb_path_ops);

CREATE INDEX docs_tags_idx ON public.docs USING gin (tags);

CREATE INDEX docs_tsv_idx ON public.docs USING gin (tsv);

CREATE INDEX docs_body_trgm_idx ON public.docs USING gin (body public.gin_trgm_ops);

CREATE INDEX docs_tags_partial_idx ON public.docs USING gin (tags) WHERE (attrs IS NOT NULL);

CREATE INDEX docs_validity_idx ON public.docs USING gist (validity);

CREATE INDEX docs_location_idx ON public.docs USING gist (location);

CREATE INDEX docs_tsv_gist_idx ON public.docs USING gist (tsv);

CREATE INDEX docs_ip_spgist_idx ON public.docs USING spgist (ip);

CREATE INDEX docs_created_at_brin_idx ON public.docs USING brin (created_at) WITH (pages_per_range='32');

CREATE INDEX docs_id_brin_idx ON public.docs USING brin (id);
