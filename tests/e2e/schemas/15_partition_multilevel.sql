-- Multi-level partitioning: RANGE by date, sub-partitioned by LIST and by
-- HASH, DEFAULT partitions at both levels, a partition attached with
-- ALTER TABLE ... ATTACH PARTITION, and a foreign key to a partitioned table.

CREATE TABLE public.customers (
    id integer NOT NULL,
    name text NOT NULL,
    CONSTRAINT customers_pkey PRIMARY KEY (id)
);

CREATE TABLE public.events (
    id bigint NOT NULL,
    occurred_on date NOT NULL,
    kind text NOT NULL,
    customer_id integer,
    payload jsonb,
    CONSTRAINT events_pkey PRIMARY KEY (id, occurred_on, kind),
    CONSTRAINT events_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id)
)
PARTITION BY RANGE (occurred_on);

-- level 1: 2024, itself partitioned by LIST (kind)
CREATE TABLE public.events_2024 PARTITION OF public.events
FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')
PARTITION BY LIST (kind);

CREATE TABLE public.events_2024_click PARTITION OF public.events_2024
FOR VALUES IN ('click');

CREATE TABLE public.events_2024_view PARTITION OF public.events_2024
FOR VALUES IN ('view');

CREATE TABLE public.events_2024_other PARTITION OF public.events_2024
DEFAULT;

-- level 1: 2025, itself partitioned by HASH (id)
CREATE TABLE public.events_2025 PARTITION OF public.events
FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')
PARTITION BY HASH (id);

CREATE TABLE public.events_2025_h0 PARTITION OF public.events_2025
FOR VALUES WITH (modulus 2, remainder 0);

CREATE TABLE public.events_2025_h1 PARTITION OF public.events_2025
FOR VALUES WITH (modulus 2, remainder 1);

-- level 1 default partition, with a level 2 default below it
CREATE TABLE public.events_default PARTITION OF public.events
DEFAULT
PARTITION BY LIST (kind);

CREATE TABLE public.events_default_all PARTITION OF public.events_default
DEFAULT;

-- a table created standalone and attached afterwards
CREATE TABLE public.events_2023 (
    id bigint NOT NULL,
    occurred_on date NOT NULL,
    kind text NOT NULL,
    customer_id integer,
    payload jsonb
);

ALTER TABLE ONLY public.events ATTACH PARTITION public.events_2023 FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');

-- referencing a partitioned table from an ordinary one
CREATE TABLE public.event_notes (
    event_id bigint NOT NULL,
    occurred_on date NOT NULL,
    kind text NOT NULL,
    note text,
    CONSTRAINT event_notes_event_fkey FOREIGN KEY (event_id, occurred_on, kind) REFERENCES public.events(id, occurred_on, kind) ON DELETE CASCADE
);
