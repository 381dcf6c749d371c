-- pgkeel-test: server-rewrites
-- rewrite: DEFAULT 'x' on text is stored as 'x'::text; on varchar(40) as 'none'::character varying; on char(2) as 'AA'::bpchar; on an enum as 'new'::public.status
-- rewrite: DEFAULT '{}' on text[] becomes '{}'::text[]; '{1,2}' on integer[] becomes '{1,2}'::integer[]
-- rewrite: DEFAULT -1 on integer becomes '-1'::integer (negative constants are printed quoted and cast)
-- rewrite: DEFAULT 'true' on boolean is folded to true; 1::boolean is printed (1)::boolean
-- rewrite: DEFAULT '{"a":1}' on jsonb is re-serialised by the jsonb type: '{"a": 1}'::jsonb
-- rewrite: DEFAULT NULL is not stored at all (no pg_attrdef row, the column simply has no default)
-- rewrite: current_timestamp / localtimestamp / current_user are printed upper-case (CURRENT_TIMESTAMP, LOCALTIMESTAMP, CURRENT_USER)
-- rewrite: DEFAULT 'a' || 'b' becomes ('a'::text || 'b'::text)
-- rewrite: literals on date, interval, int4range, uuid get explicit casts ('2024-01-01'::date, '1 day'::interval, '[1,5)'::int4range, '...'::uuid)
-- note: DEFAULT 0 on numeric(10,2), 2 on double precision and 42 on bigint keep their short spelling (the implicit cast is hidden), so they are NOT rewritten
-- rewrite: type aliases varchar(40) / char(2) / bool / timestamptz / timestamp print as character varying(40) / character(2) / boolean / timestamp with time zone / timestamp without time zone
-- note: unqualified names resolve to public (public.status, public.settings)
-- rewrite: inline PRIMARY KEY adds NOT NULL to id and a constraint named settings_pkey
-- Column defaults as a developer writes them; pg_get_expr prints them differently.

CREATE TYPE status AS ENUM ('new', 'done');

CREATE TABLE settings (
    id integer PRIMARY KEY,
    name text DEFAULT 'x',
    label varchar(40) DEFAULT 'none',
    code char(2) DEFAULT 'AA',
    state status DEFAULT 'new',
    tags text[] DEFAULT '{}',
    ids integer[] DEFAULT '{1,2}',
    amount numeric(10,2) DEFAULT 0,
    ratio numeric DEFAULT 1.5,
    delta integer DEFAULT -1,
    big bigint DEFAULT 42,
    small smallint DEFAULT 7,
    f double precision DEFAULT 2,
    flag boolean DEFAULT 'true',
    flag2 bool DEFAULT 1::boolean,
    created date DEFAULT '2024-01-01',
    at timestamptz DEFAULT current_timestamp,
    at2 timestamp DEFAULT localtimestamp,
    note text DEFAULT NULL,
    doc jsonb DEFAULT '{"a":1}',
    period interval DEFAULT '1 day',
    nums int4range DEFAULT '[1,5)',
    who text DEFAULT current_user,
    expr text DEFAULT 'a' || 'b',
    uid uuid DEFAULT '00000000-0000-0000-0000-000000000000'
);
