-- pgkeel-test: server-rewrites
-- rewrite: int4 / int / integer -> integer; int8 -> bigint; int2 -> smallint; pg_catalog.int4 -> integer
-- rewrite: float8 / float / double precision -> double precision; float4 and float(24) -> real
-- rewrite: decimal(8,3) -> numeric(8,3); dec -> numeric
-- rewrite: varchar(20) -> character varying(20); varchar -> character varying; "varchar"(5) and national character varying(3) -> character varying(n)
-- rewrite: char -> character(1) (char without length means length 1); char(5) -> character(5); bpchar stays bpchar (no length limit)
-- rewrite: bool -> boolean; bit -> bit(1); varbit(16) -> bit varying(16); "char" stays "char" (a different, one-byte type)
-- rewrite: timestamptz(3) -> timestamp(3) with time zone; timestamptz -> timestamp with time zone; timestamp -> timestamp without time zone; timetz -> time with time zone; time -> time without time zone
-- rewrite: int4[] and the internal array name _int4 -> integer[]
-- rewrite: serial8 -> bigint NOT NULL DEFAULT nextval('public.everything_jj_seq'::regclass) plus an owned sequence
-- rewrite: unqualified domain my_text resolves to public.my_text
-- Type aliases and internal type names: format_type() prints the SQL
-- standard spelling for every one of them.

CREATE DOMAIN my_text AS text;

CREATE TABLE everything (
    a int4,
    b int8,
    c int2,
    d int,
    e integer,
    f smallint,
    g float8,
    h float4,
    i float,
    j float(24),
    k double precision,
    l decimal(8,3),
    m dec,
    n varchar(20),
    o varchar,
    p char,
    q char(5),
    r character varying(10),
    s bool,
    t timestamptz(3),
    u timestamptz,
    v timestamp,
    w timestamp(6) without time zone,
    x timetz,
    y time,
    z varbit(16),
    aa bit,
    bb "char",
    cc bpchar,
    dd int4[],
    ee _int4,
    ff pg_catalog.int4,
    gg public.my_text,
    hh "varchar"(5),
    ii national character varying(3),
    jj serial8
);
