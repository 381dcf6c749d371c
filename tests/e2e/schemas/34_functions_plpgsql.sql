-- LANGUAGE plpgsql functions: VOLATILE (implicit, and once spelled out
-- although pg_dump omits it as the default), IMMUTABLE, STABLE, STRICT,
-- SECURITY DEFINER with a pinned search_path, RETURNS void, exceptions,
-- dynamic SQL, a function calling another, PARALLEL SAFE / COST, and
-- configuration parameters set per function (SET search_path, SET
-- statement_timeout).

CREATE SCHEMA app;

CREATE TABLE app.accounts (
    id integer NOT NULL,
    balance numeric(14,2) DEFAULT 0 NOT NULL,
    CONSTRAINT accounts_pkey PRIMARY KEY (id)
);

CREATE FUNCTION app.transfer(from_id integer, to_id integer, amount numeric) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'app', 'pg_temp'
    AS $$
BEGIN
    IF amount <= 0 THEN
        RAISE EXCEPTION 'amount must be positive, got %', amount
            USING ERRCODE = 'check_violation';
    END IF;
    UPDATE app.accounts SET balance = balance - amount WHERE id = from_id;
    UPDATE app.accounts SET balance = balance + amount WHERE id = to_id;
END;
$$;

CREATE FUNCTION app.balance_of(account_id integer) RETURNS numeric
    LANGUAGE plpgsql STABLE STRICT
    AS $$
DECLARE
    result numeric;
BEGIN
    SELECT balance INTO result FROM app.accounts WHERE id = account_id;
    RETURN coalesce(result, 0);
END;
$$;

CREATE FUNCTION app.safe_divide(numerator numeric, denominator numeric) RETURNS numeric
    LANGUAGE plpgsql IMMUTABLE
    AS $$
BEGIN
    RETURN numerator / denominator;
EXCEPTION
    WHEN division_by_zero THEN
        RETURN NULL;
END;
$$;

CREATE FUNCTION app.count_rows(table_name regclass) RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET statement_timeout TO '5s'
    AS $$
DECLARE
    n bigint;
BEGIN
    EXECUTE format('SELECT count(*) FROM %s', table_name) INTO n;
    RETURN n;
END;
$$;

CREATE FUNCTION app.is_rich(account_id integer, threshold numeric DEFAULT 1000000) RETURNS boolean
    LANGUAGE plpgsql STABLE
    AS $$
BEGIN
    RETURN app.balance_of(account_id) >= threshold;
END;
$$;

CREATE FUNCTION app.noop() RETURNS void
    LANGUAGE plpgsql
    AS $$ BEGIN NULL; END $$;

CREATE FUNCTION app.greet(who text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE COST 1
    AS $$
BEGIN
    IF who IS NULL THEN
        RETURN 'hello, stranger';
    END IF;
    RETURN 'hello, ' || who;
END;
$$;
