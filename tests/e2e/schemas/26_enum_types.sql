-- Enum types: several enums, one in another schema, labels with spaces,
-- quotes and unicode, a Mixed-Case enum name, values added later with
-- ALTER TYPE ... ADD VALUE (BEFORE / AFTER), enum columns with defaults,
-- an enum array column, and a CHECK comparing enum values. Values added
-- with ADD VALUE are not used elsewhere in the file, so it also loads in a
-- single transaction (a new enum value cannot be used before it commits).

CREATE SCHEMA catalog;

CREATE TYPE public.mood AS ENUM (
    'sad',
    'ok',
    'happy'
);

CREATE TYPE catalog.order_status AS ENUM (
    'pending',
    'paid',
    'shipped',
    'delivered',
    'cancelled'
);

CREATE TYPE public."TrafficLight" AS ENUM (
    'Red',
    'Amber',
    'Green'
);

CREATE TYPE public.odd_labels AS ENUM (
    'with space',
    'it''s',
    'café',
    '日本',
    ''
);

CREATE TYPE public.empty_enum AS ENUM (
);

ALTER TYPE public.mood ADD VALUE 'ecstatic' AFTER 'happy';

ALTER TYPE public.mood ADD VALUE 'miserable' BEFORE 'sad';

ALTER TYPE catalog.order_status ADD VALUE 'refunded';

CREATE TABLE public.people (
    id integer NOT NULL,
    current_mood public.mood DEFAULT 'ok'::public.mood NOT NULL,
    light public."TrafficLight",
    mood_history public.mood[] DEFAULT '{}'::public.mood[],
    CONSTRAINT people_pkey PRIMARY KEY (id),
    CONSTRAINT people_mood_check CHECK ((current_mood <> 'sad'::public.mood))
);

CREATE TABLE catalog.orders (
    id integer NOT NULL,
    status catalog.order_status DEFAULT 'pending'::catalog.order_status NOT NULL,
    CONSTRAINT orders_pkey PRIMARY KEY (id)
);

CREATE INDEX orders_open_idx ON catalog.orders USING btree (id) WHERE (status < 'shipped'::catalog.order_status);
