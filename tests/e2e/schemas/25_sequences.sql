-- Standalone sequences with every parameter: AS smallint/integer/bigint,
-- INCREMENT BY (positive and negative), MINVALUE/MAXVALUE and NO MINVALUE /
-- NO MAXVALUE, START WITH, CACHE, CYCLE / NO CYCLE, OWNED BY a column and
-- OWNED BY NONE, a sequence in another schema, and a table default using it.

CREATE SCHEMA ids;

CREATE SEQUENCE public.plain_seq
    AS bigint
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.small_seq
    AS smallint
    START WITH 10
    INCREMENT BY 10
    MINVALUE 10
    MAXVALUE 30000
    CACHE 5;

CREATE SEQUENCE public.int_cycle_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    MINVALUE 1
    MAXVALUE 12
    CACHE 1
    CYCLE;

CREATE SEQUENCE public.countdown_seq
    AS integer
    START WITH 1000
    INCREMENT BY -1
    MINVALUE 1
    MAXVALUE 1000
    CACHE 1
    NO CYCLE;

CREATE SEQUENCE public.big_step_seq
    AS bigint
    START WITH 1000000000000
    INCREMENT BY 1000
    MINVALUE 1000000000000
    MAXVALUE 9000000000000000000
    CACHE 100;

CREATE SEQUENCE ids."Invoice Numbers"
    AS integer
    START WITH 2024001
    INCREMENT BY 1
    MINVALUE 2024001
    NO MAXVALUE
    CACHE 1;

CREATE TABLE public.invoices (
    id integer NOT NULL,
    invoice_no integer DEFAULT nextval('ids."Invoice Numbers"'::regclass) NOT NULL,
    month_slot integer DEFAULT nextval('public.int_cycle_seq'::regclass),
    CONSTRAINT invoices_pkey PRIMARY KEY (id)
);

-- owned by a column: dropped together with invoices.id
CREATE SEQUENCE public.invoices_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.invoices_id_seq OWNED BY public.invoices.id;

ALTER TABLE ONLY public.invoices ALTER COLUMN id SET DEFAULT nextval('public.invoices_id_seq'::regclass);

-- a sequence can only be OWNED BY a column of a table in its own schema
CREATE TABLE ids.batches (
    batch_no integer DEFAULT nextval('ids."Invoice Numbers"'::regclass) NOT NULL
);

ALTER SEQUENCE ids."Invoice Numbers" OWNED BY ids.batches.batch_no;

-- explicitly owned by nothing
ALTER SEQUENCE public.small_seq OWNED BY NONE;
