-- Column types with type modifiers, written with the spelling format_type()
-- prints: character varying(20), numeric(10,2), timestamp(3) with time zone,
-- time(0), interval fields, bit strings, fixed-length character.

CREATE TABLE public.measurements (
    id integer NOT NULL,
    code character varying(20) NOT NULL,
    label character varying,
    country character(2),
    flag character(1),
    amount numeric(10,2),
    ratio numeric(5,4),
    big_amount numeric(38,0),
    any_precision numeric,
    taken_at timestamp(3) with time zone,
    local_at timestamp(0) without time zone,
    day_time time(0) without time zone,
    day_time_tz time(6) with time zone,
    duration interval,
    day_interval interval day,
    short_interval interval hour to minute,
    precise_interval interval second(3),
    mask bit(8),
    var_mask bit varying(64),
    real_value real,
    double_value double precision,
    float_low real,
    money_value money,
    CONSTRAINT measurements_pkey PRIMARY KEY (id)
);

CREATE TABLE public.network_things (
    addr inet,
    net cidr,
    mac macaddr,
    mac8 macaddr8,
    pt point,
    box_value box,
    doc xml,
    search tsvector,
    q tsquery,
    ident uuid,
    r int4range,
    tr tstzrange,
    mr int4multirange
);
