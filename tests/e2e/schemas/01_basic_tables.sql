-- Basic ordinary tables in the public schema: common scalar types, NOT NULL,
-- simple defaults, inline PRIMARY KEY / UNIQUE with server-chosen names
-- (authors_pkey, authors_email_key, ...), and a table with no constraints at all.

CREATE TABLE public.authors (
    id integer NOT NULL PRIMARY KEY,
    email text NOT NULL UNIQUE,
    display_name text NOT NULL,
    bio text,
    is_active boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE public.books (
    id bigint NOT NULL PRIMARY KEY,
    author_id integer NOT NULL,
    title text NOT NULL,
    isbn character(13),
    pages smallint,
    price numeric,
    published_on date,
    rating real,
    weight_kg double precision,
    cover bytea,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL
);

CREATE TABLE public.tags (
    name text NOT NULL PRIMARY KEY,
    uses bigint DEFAULT 0 NOT NULL
);

CREATE TABLE public.book_tags (
    book_id bigint NOT NULL,
    tag_name text NOT NULL,
    PRIMARY KEY (book_id, tag_name)
);

-- a heap with no keys at all
CREATE TABLE public.audit_log (
    logged_at timestamp without time zone,
    message text,
    payload json,
    source_ip inet,
    request_id uuid
);

-- an empty table (zero columns) is legal in PostgreSQL
CREATE TABLE public.marker ();
