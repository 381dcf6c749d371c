-- PRIMARY KEY and UNIQUE constraints: single and multi-column, named
-- explicitly, UNIQUE NULLS NOT DISTINCT (PG15), DEFERRABLE unique, UNIQUE
-- with INCLUDE columns, and a constraint adopted from an existing index
-- with ADD CONSTRAINT ... UNIQUE USING INDEX.

CREATE TABLE public.accounts (
    id bigint NOT NULL,
    tenant_id integer NOT NULL,
    email text NOT NULL,
    username text,
    external_ref text,
    position integer,
    CONSTRAINT accounts_pkey PRIMARY KEY (id),
    CONSTRAINT accounts_tenant_email_key UNIQUE (tenant_id, email),
    CONSTRAINT accounts_username_key UNIQUE NULLS NOT DISTINCT (username),
    CONSTRAINT accounts_position_key UNIQUE (tenant_id, "position") DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE public.slots (
    slot_no integer NOT NULL,
    day date NOT NULL,
    holder text,
    CONSTRAINT slots_pkey PRIMARY KEY (day, slot_no) INCLUDE (holder),
    CONSTRAINT slots_holder_key UNIQUE (holder, day) DEFERRABLE
);

CREATE TABLE public.api_keys (
    key_hash text NOT NULL,
    label text
);

CREATE UNIQUE INDEX api_keys_key_hash_key ON public.api_keys USING btree (key_hash);

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_key_hash_key UNIQUE USING INDEX api_keys_key_hash_key;

CREATE TABLE public.pairs (
    a integer NOT NULL,
    b integer NOT NULL,
    c integer,
    CONSTRAINT pairs_pkey PRIMARY KEY (a, b),
    CONSTRAINT pairs_b_c_key UNIQUE NULLS NOT DISTINCT (b, c)
);
