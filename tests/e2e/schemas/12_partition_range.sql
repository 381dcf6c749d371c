-- RANGE partitioning: a table partitioned by a date column with monthly
-- partitions, MINVALUE/MAXVALUE bounds, a DEFAULT partition, a
-- multi-column range key, and a partition key on an expression.

CREATE TABLE public.measurements (
    city_id integer NOT NULL,
    logdate date NOT NULL,
    peaktemp integer,
    unitsales integer,
    CONSTRAINT measurements_pkey PRIMARY KEY (city_id, logdate)
)
PARTITION BY RANGE (logdate);

CREATE TABLE public.measurements_2024_01 PARTITION OF public.measurements
FOR VALUES FROM ('2024-01-01') TO ('2024-02-01');

CREATE TABLE public.measurements_2024_02 PARTITION OF public.measurements
FOR VALUES FROM ('2024-02-01') TO ('2024-03-01');

CREATE TABLE public.measurements_2024_03 PARTITION OF public.measurements
FOR VALUES FROM ('2024-03-01') TO ('2024-04-01');

CREATE TABLE public.measurements_old PARTITION OF public.measurements
FOR VALUES FROM (MINVALUE) TO ('2024-01-01');

CREATE TABLE public.measurements_default PARTITION OF public.measurements
DEFAULT;

-- multi-column range key with MINVALUE/MAXVALUE in trailing positions; bigint
-- bound values are written quoted because that is how pg_get_expr prints
-- int8 constants
CREATE TABLE public.readings (
    sensor_id integer NOT NULL,
    reading_no bigint NOT NULL,
    value double precision
)
PARTITION BY RANGE (sensor_id, reading_no);

CREATE TABLE public.readings_low PARTITION OF public.readings
FOR VALUES FROM (MINVALUE, MINVALUE) TO (100, MINVALUE);

CREATE TABLE public.readings_mid PARTITION OF public.readings
FOR VALUES FROM (100, MINVALUE) TO (200, '1000000');

CREATE TABLE public.readings_high PARTITION OF public.readings
FOR VALUES FROM (200, '1000000') TO (MAXVALUE, MAXVALUE);

-- partition key on an expression
CREATE TABLE public.log_lines (
    id bigint NOT NULL,
    logged_at timestamp without time zone NOT NULL,
    line text
)
PARTITION BY RANGE (EXTRACT(year FROM logged_at));

CREATE TABLE public.log_lines_2023 PARTITION OF public.log_lines
FOR VALUES FROM ('2023') TO ('2024');

CREATE TABLE public.log_lines_2024 PARTITION OF public.log_lines
FOR VALUES FROM ('2024') TO ('2025');

-- A CHECK on the partitioned parent: partitions inherit it (pg_dump repeats it
-- in each partition's CREATE TABLE before ATTACH PARTITION).
CREATE TABLE public.meter_values (
    taken_at timestamp with time zone NOT NULL,
    value numeric NOT NULL,
    CONSTRAINT meter_values_value_check CHECK ((value >= (0)::numeric))
)
PARTITION BY RANGE (taken_at);

CREATE TABLE public.meter_values_2026 PARTITION OF public.meter_values FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2027-01-01 00:00:00+00');
