-- Triggers, basic forms: BEFORE / AFTER, INSERT / UPDATE / DELETE /
-- TRUNCATE, combined events (INSERT OR UPDATE OR DELETE), UPDATE OF a
-- column list, FOR EACH ROW / FOR EACH STATEMENT, trigger functions in
-- another schema, and two triggers on one table sharing a function.

CREATE SCHEMA audit;

CREATE TABLE public.accounts (
    id integer NOT NULL,
    email text NOT NULL,
    balance numeric(12,2) DEFAULT 0 NOT NULL,
    updated_at timestamp with time zone,
    version integer DEFAULT 1 NOT NULL,
    CONSTRAINT accounts_pkey PRIMARY KEY (id)
);

CREATE TABLE audit.log (
    id bigint GENERATED ALWAYS AS IDENTITY,
    table_name text NOT NULL,
    operation text NOT NULL,
    level text NOT NULL,
    happened_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT log_pkey PRIMARY KEY (id)
);

CREATE FUNCTION public.touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

CREATE FUNCTION public.bump_version() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.version := OLD.version + 1;
    RETURN NEW;
END;
$$;

CREATE FUNCTION audit.record_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    INSERT INTO audit.log (table_name, operation, level)
    VALUES (TG_TABLE_NAME, TG_OP, TG_LEVEL);
    RETURN NULL;
END;
$$;

CREATE FUNCTION public.forbid_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    RAISE EXCEPTION 'deleting from % is not allowed', TG_TABLE_NAME;
END;
$$;

CREATE TRIGGER accounts_touch BEFORE INSERT OR UPDATE ON public.accounts FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();

CREATE TRIGGER accounts_version BEFORE UPDATE OF balance, email ON public.accounts FOR EACH ROW EXECUTE FUNCTION public.bump_version();

CREATE TRIGGER accounts_audit_row AFTER INSERT OR DELETE OR UPDATE ON public.accounts FOR EACH ROW EXECUTE FUNCTION audit.record_change();

CREATE TRIGGER accounts_audit_stmt AFTER INSERT OR DELETE OR UPDATE ON public.accounts FOR EACH STATEMENT EXECUTE FUNCTION audit.record_change();

CREATE TRIGGER accounts_audit_truncate AFTER TRUNCATE ON public.accounts FOR EACH STATEMENT EXECUTE FUNCTION audit.record_change();

CREATE TRIGGER log_no_delete BEFORE DELETE ON audit.log FOR EACH ROW EXECUTE FUNCTION public.forbid_delete();

CREATE TRIGGER log_no_truncate BEFORE TRUNCATE ON audit.log FOR EACH STATEMENT EXECUTE FUNCTION public.forbid_delete();
