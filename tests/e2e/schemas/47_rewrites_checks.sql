-- pgkeel-test: server-rewrites
-- rewrite: CHECK (price > 0) on numeric becomes CHECK ((price > (0)::numeric)) (doubled parentheses, literal cast to the column type)
-- rewrite: CHECK (discount >= 0 AND discount < 1) on real becomes ((discount >= (0)::double precision) AND (discount < (1)::double precision))
-- rewrite: BETWEEN 1 AND 1000 becomes ((quantity >= 1) AND (quantity <= 1000))
-- rewrite: IN ('new', 'paid', 'shipped') becomes = ANY (ARRAY['new'::text, 'paid'::text, 'shipped'::text])
-- rewrite: LIKE '%@%' on varchar becomes ((email)::text ~~ '%@%'::text)
-- rewrite: every binary operator gets its own parentheses: quantity % 2 = 0 OR quantity = 1 becomes (((quantity % 2) = 0) OR (quantity = 1))
-- rewrite: unnamed column CHECKs are named <table>_<column>_check, a second one on the same column gets a numeric suffix (orders_price_check1), a table CHECK over several columns is named orders_check
-- rewrite: unnamed domain CHECKs are named <domain>_check, country_code_check1; VALUE <> 'XX' on char(2) becomes (VALUE <> 'XX'::bpchar)
-- rewrite: int / varchar(200) / char(2) aliases print as integer / character varying(200) / character(2)
-- CHECK constraints written by hand; pg_get_constraintdef prints them
-- differently, and the server names the unnamed ones.

CREATE TABLE orders (
    id int PRIMARY KEY,
    price numeric(10,2) CHECK (price > 0),
    quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
    status text CHECK (status IN ('new', 'paid', 'shipped')),
    email varchar(200) CHECK (email LIKE '%@%'),
    discount real CHECK (discount >= 0 AND discount < 1),
    ship_date date,
    order_date date,
    CHECK (ship_date >= order_date),
    CONSTRAINT no_free_lunch CHECK (NOT (price = 0 AND quantity > 0)),
    CONSTRAINT sane_codes CHECK (length(status) <= 10 AND status = lower(status))
);

CREATE DOMAIN positive_amount AS numeric(12,2) CHECK (VALUE > 0);

CREATE DOMAIN country_code AS char(2) CHECK (VALUE ~ '^[A-Z]{2}$') CHECK (VALUE <> 'XX');

ALTER TABLE orders ADD CHECK (price < 1000000);

ALTER TABLE orders ADD CONSTRAINT quantity_even CHECK (quantity % 2 = 0 OR quantity = 1);
