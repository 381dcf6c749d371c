-- EXCLUDE constraints: a GiST exclusion on a range alone (no extension
-- needed), one mixing scalar equality and range overlap via btree_gist, one
-- with a WHERE predicate, a DEFERRABLE one, and an EXCLUDE USING hash.

CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;

CREATE TABLE public.reservations (
    id integer NOT NULL,
    room_id integer NOT NULL,
    during tstzrange NOT NULL,
    cancelled boolean DEFAULT false NOT NULL,
    CONSTRAINT reservations_pkey PRIMARY KEY (id),
    CONSTRAINT reservations_no_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&) WHERE ((NOT cancelled))
);

CREATE TABLE public.maintenance_windows (
    window_range tsrange NOT NULL,
    CONSTRAINT maintenance_windows_excl EXCLUDE USING gist (window_range WITH &&)
);

CREATE TABLE public.shifts (
    worker text NOT NULL,
    hours int4range NOT NULL,
    CONSTRAINT shifts_worker_hours_excl EXCLUDE USING gist (worker WITH =, hours WITH &&) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE public.singletons (
    code text NOT NULL,
    CONSTRAINT singletons_code_excl EXCLUDE USING hash (code WITH =)
);
