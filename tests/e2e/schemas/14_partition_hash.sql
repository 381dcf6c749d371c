-- HASH partitioning: four hash partitions of a bigint key, a hash key on two
-- columns, and partitions in a schema other than the parent's.

CREATE SCHEMA shards;

CREATE TABLE public.clicks (
    user_id bigint NOT NULL,
    clicked_at timestamp with time zone NOT NULL,
    url text,
    CONSTRAINT clicks_pkey PRIMARY KEY (user_id, clicked_at)
)
PARTITION BY HASH (user_id);

CREATE TABLE public.clicks_p0 PARTITION OF public.clicks
FOR VALUES WITH (modulus 4, remainder 0);

CREATE TABLE public.clicks_p1 PARTITION OF public.clicks
FOR VALUES WITH (modulus 4, remainder 1);

CREATE TABLE public.clicks_p2 PARTITION OF public.clicks
FOR VALUES WITH (modulus 4, remainder 2);

CREATE TABLE public.clicks_p3 PARTITION OF public.clicks
FOR VALUES WITH (modulus 4, remainder 3);

CREATE TABLE public.kv (
    bucket text NOT NULL,
    key text NOT NULL,
    value jsonb
)
PARTITION BY HASH (bucket, key);

CREATE TABLE shards.kv_0 PARTITION OF public.kv
FOR VALUES WITH (modulus 2, remainder 0);

CREATE TABLE shards.kv_1 PARTITION OF public.kv
FOR VALUES WITH (modulus 2, remainder 1);
