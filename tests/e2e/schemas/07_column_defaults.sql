-- Column defaults in the spelling pg_get_expr() prints: typed literals
-- ('x'::text, 'draft'::character varying), casts, function calls, SQL
-- value functions (CURRENT_TIMESTAMP, CURRENT_DATE, CURRENT_USER), negative
-- numbers, expressions, sequences via nextval('...'::regclass).

CREATE SEQUENCE public.ticket_no_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE TABLE public.documents (
    id integer DEFAULT nextval('public.ticket_no_seq'::regclass) NOT NULL,
    title text DEFAULT 'untitled'::text NOT NULL,
    status character varying(16) DEFAULT 'draft'::character varying NOT NULL,
    kind character(1) DEFAULT 'a'::bpchar,
    version integer DEFAULT 1 NOT NULL,
    balance numeric(12,2) DEFAULT 0.00 NOT NULL,
    offset_value integer DEFAULT '-1'::integer,
    temperature double precision DEFAULT '-273.15'::numeric,
    is_public boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    created_on date DEFAULT CURRENT_DATE,
    updated_at timestamp with time zone DEFAULT now(),
    expires_at timestamp with time zone DEFAULT (now() + '30 days'::interval),
    created_by name DEFAULT CURRENT_USER,
    token uuid DEFAULT gen_random_uuid(),
    settings jsonb DEFAULT '{"theme": "dark"}'::jsonb NOT NULL,
    slug text DEFAULT lower(md5((random())::text)),
    note text,
    period daterange DEFAULT daterange(CURRENT_DATE, NULL::date),
    CONSTRAINT documents_pkey PRIMARY KEY (id)
);

ALTER SEQUENCE public.ticket_no_seq OWNED BY public.documents.id;
