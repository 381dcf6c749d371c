-- Domains: over base types with modifiers, with DEFAULT, NOT NULL, COLLATE,
-- several named CHECK constraints, a domain over another domain, a domain
-- over an array, a domain in another schema, and domains used as column
-- types (with a column default overriding the domain default).

CREATE SCHEMA types;

CREATE DOMAIN public.email AS text
    CONSTRAINT email_format CHECK ((VALUE ~ '^[^@\s]+@[^@\s]+$'::text))
    CONSTRAINT email_length CHECK ((length(VALUE) <= 254));

CREATE DOMAIN public.positive_int AS integer NOT NULL
    CONSTRAINT positive_int_check CHECK ((VALUE > 0));

CREATE DOMAIN public.price AS numeric(10,2) DEFAULT 0.00 NOT NULL
    CONSTRAINT price_non_negative CHECK ((VALUE >= (0)::numeric))
    CONSTRAINT price_upper_bound CHECK ((VALUE < 1000000.00));

CREATE DOMAIN public.short_code AS character varying(8) COLLATE "C" DEFAULT 'NONE'::character varying
    CONSTRAINT short_code_upper CHECK (((VALUE)::text = upper((VALUE)::text)));

-- a domain over a domain (the server prints VALUE cast to the base type)
CREATE DOMAIN public.small_positive AS public.positive_int
    CONSTRAINT small_positive_check CHECK (((VALUE)::integer < 1000));

-- a domain over an array type
CREATE DOMAIN public.tag_list AS text[] DEFAULT '{}'::text[]
    CONSTRAINT tag_list_max CHECK ((cardinality(VALUE) <= 20));

CREATE DOMAIN types.percentage AS numeric(5,2)
    CONSTRAINT percentage_range CHECK (((VALUE >= (0)::numeric) AND (VALUE <= (100)::numeric)));

CREATE DOMAIN types."Us Postal Code" AS text
    CONSTRAINT "Us Postal Code_check" CHECK (((VALUE ~ '^\d{5}$'::text) OR (VALUE ~ '^\d{5}-\d{4}$'::text)));

CREATE TABLE public.customers (
    id public.positive_int NOT NULL,
    contact public.email NOT NULL,
    credit public.price,
    discount types.percentage DEFAULT 0,
    zip types."Us Postal Code",
    code public.short_code DEFAULT 'VIP'::character varying,
    tags public.tag_list,
    rank public.small_positive,
    CONSTRAINT customers_pkey PRIMARY KEY (id)
);
