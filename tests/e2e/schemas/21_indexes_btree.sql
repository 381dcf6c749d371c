-- B-tree indexes: plain, UNIQUE, multi-column with mixed ASC/DESC and NULLS
-- FIRST/LAST, INCLUDE columns, partial indexes (WHERE), a UNIQUE partial
-- index, NULLS NOT DISTINCT, and storage parameters (fillfactor).

CREATE TABLE public.users (
    id bigint NOT NULL,
    email text NOT NULL,
    tenant_id integer NOT NULL,
    status text DEFAULT 'active'::text NOT NULL,
    last_seen timestamp with time zone,
    score integer,
    deleted_at timestamp with time zone,
    nickname text,
    CONSTRAINT users_pkey PRIMARY KEY (id)
);

CREATE INDEX users_tenant_id_idx ON public.users USING btree (tenant_id);

CREATE UNIQUE INDEX users_tenant_email_uidx ON public.users USING btree (tenant_id, email);

CREATE INDEX users_last_seen_idx ON public.users USING btree (last_seen DESC NULLS LAST);

CREATE INDEX users_score_idx ON public.users USING btree (score NULLS FIRST);

CREATE INDEX users_tenant_score_idx ON public.users USING btree (tenant_id, score DESC, last_seen);

CREATE INDEX users_tenant_covering_idx ON public.users USING btree (tenant_id) INCLUDE (email, status);

CREATE INDEX users_active_idx ON public.users USING btree (last_seen) WHERE (status = 'active'::text);

CREATE UNIQUE INDEX users_live_email_uidx ON public.users USING btree (email) WHERE (deleted_at IS NULL);

CREATE UNIQUE INDEX users_nickname_uidx ON public.users USING btree (nickname) NULLS NOT DISTINCT;

CREATE INDEX users_status_ff_idx ON public.users USING btree (status) WITH (fillfactor='70');
