-- Triggers, advanced forms: WHEN conditions (on NEW/OLD, IS DISTINCT FROM),
-- trigger arguments, INSTEAD OF triggers on a view, transition tables
-- (REFERENCING NEW TABLE / OLD TABLE), a constraint trigger DEFERRABLE
-- INITIALLY DEFERRED, a trigger on a partitioned table, and the firing
-- states: DISABLE TRIGGER, ENABLE ALWAYS TRIGGER, ENABLE REPLICA TRIGGER.

CREATE TABLE public.products (
    id integer NOT NULL,
    name text NOT NULL,
    price numeric(10,2) NOT NULL,
    status text DEFAULT 'active'::text NOT NULL,
    CONSTRAINT products_pkey PRIMARY KEY (id)
);

CREATE TABLE public.price_history (
    product_id integer NOT NULL,
    old_price numeric(10,2),
    new_price numeric(10,2),
    source text,
    changed_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE public.events (
    id bigint NOT NULL,
    happened_on date NOT NULL,
    kind text
)
PARTITION BY RANGE (happened_on);

CREATE TABLE public.events_2024 PARTITION OF public.events
FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

CREATE FUNCTION public.log_price_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    INSERT INTO public.price_history (product_id, old_price, new_price, source)
    VALUES (NEW.id, OLD.price, NEW.price, TG_ARGV[0]);
    RETURN NULL;
END;
$$;

CREATE FUNCTION public.count_new_rows() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    RAISE NOTICE '% rows inserted into %', (SELECT count(*) FROM new_rows), TG_TABLE_NAME;
    RETURN NULL;
END;
$$;

CREATE FUNCTION public.check_price_floor() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.price < TG_ARGV[0]::numeric THEN
        RAISE EXCEPTION 'price below floor %', TG_ARGV[0];
    END IF;
    RETURN NEW;
END;
$$;

CREATE FUNCTION public.noop_trigger() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN RETURN NULL; END $$;

CREATE VIEW public.active_products AS
 SELECT products.id,
    products.name,
    products.price
   FROM public.products
  WHERE (products.status = 'active'::text);

CREATE FUNCTION public.active_products_write() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO public.products (id, name, price) VALUES (NEW.id, NEW.name, NEW.price);
        RETURN NEW;
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE public.products SET name = NEW.name, price = NEW.price WHERE id = OLD.id;
        RETURN NEW;
    ELSE
        UPDATE public.products SET status = 'retired' WHERE id = OLD.id;
        RETURN OLD;
    END IF;
END;
$$;

-- WHEN clause and arguments
CREATE TRIGGER products_price_changed AFTER UPDATE OF price ON public.products FOR EACH ROW WHEN ((old.price IS DISTINCT FROM new.price)) EXECUTE FUNCTION public.log_price_change('trigger', 'price-update');

CREATE TRIGGER products_price_floor BEFORE INSERT OR UPDATE ON public.products FOR EACH ROW WHEN ((new.price < (100)::numeric)) EXECUTE FUNCTION public.check_price_floor('1.00');

CREATE TRIGGER products_any_change AFTER UPDATE ON public.products FOR EACH ROW WHEN ((old.* IS DISTINCT FROM new.*)) EXECUTE FUNCTION public.log_price_change('row');

-- INSTEAD OF triggers on a view
CREATE TRIGGER active_products_insert INSTEAD OF INSERT ON public.active_products FOR EACH ROW EXECUTE FUNCTION public.active_products_write();

CREATE TRIGGER active_products_update_delete INSTEAD OF DELETE OR UPDATE ON public.active_products FOR EACH ROW EXECUTE FUNCTION public.active_products_write();

-- transition tables
CREATE TRIGGER products_bulk_insert AFTER INSERT ON public.products REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.count_new_rows();

CREATE TRIGGER products_bulk_update AFTER UPDATE ON public.products REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.noop_trigger();

-- constraint trigger
CREATE CONSTRAINT TRIGGER products_deferred_check AFTER INSERT OR UPDATE ON public.products DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.noop_trigger();

-- trigger on a partitioned table (cloned to each partition)
CREATE TRIGGER events_noop AFTER INSERT ON public.events FOR EACH ROW EXECUTE FUNCTION public.noop_trigger();

-- firing states
CREATE TRIGGER products_disabled AFTER DELETE ON public.products FOR EACH ROW EXECUTE FUNCTION public.noop_trigger();

CREATE TRIGGER products_always AFTER INSERT ON public.products FOR EACH ROW EXECUTE FUNCTION public.noop_trigger();

CREATE TRIGGER products_replica AFTER UPDATE ON public.products FOR EACH ROW EXECUTE FUNCTION public.noop_trigger();

ALTER TABLE public.products DISABLE TRIGGER products_disabled;

ALTER TABLE public.products ENABLE ALWAYS TRIGGER products_always;

ALTER TABLE public.products ENABLE REPLICA TRIGGER products_replica;
