-- Extensions: CREATE EXTENSION IF NOT EXISTS with and without WITH SCHEMA
-- (pgcrypto, citext, hstore, "uuid-ossp", btree_gin, ltree), extension
-- types used as column types, extension functions used in defaults and
-- CHECKs, and an extension operator class used in an index.

CREATE SCHEMA extensions;

CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;

CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;

CREATE EXTENSION IF NOT EXISTS hstore WITH SCHEMA extensions;

CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA extensions;

CREATE EXTENSION IF NOT EXISTS btree_gin WITH SCHEMA extensions;

CREATE EXTENSION IF NOT EXISTS ltree;

CREATE TABLE public.users (
    id uuid DEFAULT extensions.uuid_generate_v4() NOT NULL,
    email public.citext NOT NULL,
    password_hash text NOT NULL,
    api_token text DEFAULT encode(public.gen_random_bytes(24), 'hex'::text) NOT NULL,
    attributes extensions.hstore,
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT users_email_key UNIQUE (email),
    CONSTRAINT users_password_hash_check CHECK ((password_hash ~~ '$2%'::text))
);

CREATE TABLE public.categories (
    id integer NOT NULL,
    path public.ltree NOT NULL,
    CONSTRAINT categories_pkey PRIMARY KEY (id)
);

CREATE INDEX users_attributes_idx ON public.users USING gin (attributes);

CREATE INDEX categories_path_idx ON public.categories USING gist (path);

CREATE INDEX categories_id_gin_idx ON public.categories USING gin (id);
