-- UNLOGGED tables (relpersistence 'u'), their indexes and identity
-- sequences (PG15 makes the identity sequence of an unlogged table unlogged
-- too), next to an ordinary logged table, plus an UNLOGGED SEQUENCE.

CREATE TABLE public.sessions_logged (
    id uuid NOT NULL,
    data jsonb,
    CONSTRAINT sessions_logged_pkey PRIMARY KEY (id)
);

CREATE UNLOGGED TABLE public.session_cache (
    id uuid NOT NULL,
    user_id integer,
    payload jsonb DEFAULT '{}'::jsonb NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    CONSTRAINT session_cache_pkey PRIMARY KEY (id)
);

CREATE INDEX session_cache_expires_at_idx ON public.session_cache USING btree (expires_at);

CREATE UNLOGGED TABLE public.rate_limits (
    id bigint GENERATED ALWAYS AS IDENTITY,
    bucket text NOT NULL,
    hits integer DEFAULT 0 NOT NULL,
    CONSTRAINT rate_limits_pkey PRIMARY KEY (id),
    CONSTRAINT rate_limits_bucket_key UNIQUE (bucket)
);

-- an unlogged sequence on its own
CREATE UNLOGGED SEQUENCE public.scratch_seq
    AS bigint
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
