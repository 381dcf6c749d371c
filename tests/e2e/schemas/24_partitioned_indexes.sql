-- Indexes on partitioned tables: a partitioned index created on the parent
-- (cascades to every partition, each child index named by the server), a
-- UNIQUE index that includes the partition key, an index created ON ONLY
-- the parent and attached per partition by hand, and a partition-local index.

CREATE TABLE public.metrics (
    id bigint NOT NULL,
    recorded_on date NOT NULL,
    host text NOT NULL,
    value double precision
)
PARTITION BY RANGE (recorded_on);

CREATE TABLE public.metrics_2024_h1 PARTITION OF public.metrics
FOR VALUES FROM ('2024-01-01') TO ('2024-07-01');

CREATE TABLE public.metrics_2024_h2 PARTITION OF public.metrics
FOR VALUES FROM ('2024-07-01') TO ('2025-01-01');

CREATE TABLE public.metrics_default PARTITION OF public.metrics
DEFAULT;

CREATE INDEX metrics_host_idx ON public.metrics USING btree (host);

CREATE UNIQUE INDEX metrics_id_day_key ON public.metrics USING btree (id, recorded_on);

CREATE INDEX metrics_value_brin_idx ON public.metrics USING brin (value);

-- built on the parent only (invalid until every partition has an attached
-- index), then attached partition by partition
CREATE INDEX metrics_host_day_idx ON ONLY public.metrics USING btree (host, recorded_on);

CREATE INDEX metrics_2024_h1_host_day_idx ON public.metrics_2024_h1 USING btree (host, recorded_on);

CREATE INDEX metrics_2024_h2_host_day_idx ON public.metrics_2024_h2 USING btree (host, recorded_on);

CREATE INDEX metrics_default_host_day_idx ON public.metrics_default USING btree (host, recorded_on);

ALTER INDEX public.metrics_host_day_idx ATTACH PARTITION public.metrics_2024_h1_host_day_idx;

ALTER INDEX public.metrics_host_day_idx ATTACH PARTITION public.metrics_2024_h2_host_day_idx;

ALTER INDEX public.metrics_host_day_idx ATTACH PARTITION public.metrics_default_host_day_idx;

-- an index that exists on one partition only
CREATE INDEX metrics_2024_h2_value_notnull_idx ON public.metrics_2024_h2 USING btree (value) WHERE (value IS NOT NULL);
