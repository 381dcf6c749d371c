-- pgkeel-test: server-rewrites
-- rewrite: serial becomes integer DEFAULT nextval('public.users_id_seq'::regclass) NOT NULL plus an owned sequence AS integer
-- rewrite: bigserial becomes bigint DEFAULT nextval('public.audit_entries_id_seq'::regclass) NOT NULL plus an owned sequence (AS bigint is the default, pg_dump omits it)
-- rewrite: smallserial becomes smallint DEFAULT nextval('public.flags_id_seq'::regclass) NOT NULL plus an owned sequence AS smallint
-- rewrite: serial4 / serial8 aliases are the same as serial / bigserial
-- rewrite: timestamptz prints as timestamp with time zone; inline PRIMARY KEY / REFERENCES get the names users_pkey / audit_entries_user_id_fkey
-- rewrite: a serial column in a Mixed-Case table gets sequence "Things_Id_seq" and default nextval('public."Things_Id_seq"'::regclass)
-- Serial pseudo-types, which the server expands into sequences, defaults and
-- OWNED BY; a diff tool must not report those implied sequences as extra.

CREATE TABLE public.users (
    id serial PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE public.audit_entries (
    id bigserial PRIMARY KEY,
    user_id integer REFERENCES public.users (id),
    happened_at timestamptz DEFAULT now()
);

CREATE TABLE public.flags (
    id smallserial PRIMARY KEY,
    flag text
);

CREATE TABLE public.aliases (
    a serial4,
    b serial8 NOT NULL
);

CREATE TABLE public."Things" (
    "Id" serial PRIMARY KEY,
    "Label" text
);
