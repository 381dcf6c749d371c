-- Procedures: LANGUAGE plpgsql and sql procedures, IN / INOUT / OUT (PG14+)
-- parameters, defaults, transaction control (COMMIT inside a procedure),
-- SECURITY DEFINER with SET search_path, an overloaded procedure, a
-- procedure calling another with CALL, and a SQL-standard BEGIN ATOMIC body.

CREATE SCHEMA jobs;

CREATE TABLE jobs.queue (
    id bigint GENERATED ALWAYS AS IDENTITY,
    payload jsonb NOT NULL,
    done boolean DEFAULT false NOT NULL,
    CONSTRAINT queue_pkey PRIMARY KEY (id)
);

CREATE PROCEDURE jobs.enqueue(IN payload jsonb)
    LANGUAGE sql
    AS $$ INSERT INTO jobs.queue (payload) VALUES (payload) $$;

CREATE PROCEDURE jobs.enqueue(IN payload jsonb, IN copies integer)
    LANGUAGE plpgsql
    AS $$
BEGIN
    FOR i IN 1..copies LOOP
        CALL jobs.enqueue(payload);
    END LOOP;
END;
$$;

CREATE PROCEDURE jobs.drain(IN batch_size integer DEFAULT 100, INOUT processed bigint DEFAULT 0)
    LANGUAGE plpgsql
    AS $$
DECLARE
    n bigint;
BEGIN
    LOOP
        UPDATE jobs.queue SET done = true
        WHERE id IN (SELECT id FROM jobs.queue WHERE NOT done ORDER BY id LIMIT batch_size);
        GET DIAGNOSTICS n = ROW_COUNT;
        EXIT WHEN n = 0;
        processed := processed + n;
        COMMIT;
    END LOOP;
END;
$$;

CREATE PROCEDURE jobs.pending_count(OUT n bigint)
    LANGUAGE sql
    AS $$ SELECT count(*) FROM jobs.queue WHERE NOT done $$;

CREATE PROCEDURE jobs.purge_done()
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'jobs', 'pg_temp'
    AS $$
BEGIN
    DELETE FROM jobs.queue WHERE done;
END;
$$;

CREATE PROCEDURE jobs.reset_all()
    LANGUAGE sql
    BEGIN ATOMIC
 UPDATE jobs.queue SET done = false;
END;
