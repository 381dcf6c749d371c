-- Long dependency chains for the change graph: enum -> composite type ->
-- function -> domain whose CHECK calls the function -> table using the
-- domain -> index and CHECK and default calling functions -> view -> view
-- -> materialized view -> index on it; a BEGIN ATOMIC function whose body
-- depends on a table and a view; a trigger on a view; a FK cycle across
-- schemas; and a sequence owned by a column whose default uses it.

CREATE SCHEMA core;

CREATE SCHEMA reports;

CREATE TYPE core.priority AS ENUM (
    'low',
    'normal',
    'high'
);

CREATE TYPE core.tagged_priority AS (
	priority core.priority,
	tag text
);

CREATE FUNCTION core.is_valid_tag(tag text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT tag ~ '^[a-z][a-z0-9_]*$' $$;

CREATE DOMAIN core.tag AS text
    CONSTRAINT tag_valid CHECK (core.is_valid_tag(VALUE));

CREATE FUNCTION core.normalize_title(title text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT lower(btrim(title)) $$;

CREATE SEQUENCE core.ticket_seq
    AS bigint
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE TABLE core.tickets (
    id bigint DEFAULT nextval('core.ticket_seq'::regclass) NOT NULL,
    title text NOT NULL,
    tag core.tag,
    priority core.priority DEFAULT 'normal'::core.priority NOT NULL,
    meta core.tagged_priority,
    owner_team_id integer,
    CONSTRAINT tickets_pkey PRIMARY KEY (id),
    CONSTRAINT tickets_title_check CHECK ((core.normalize_title(title) <> ''::text))
);

ALTER SEQUENCE core.ticket_seq OWNED BY core.tickets.id;

CREATE UNIQUE INDEX tickets_normalized_title_key ON core.tickets USING btree (core.normalize_title(title));

CREATE TABLE reports.teams (
    id integer NOT NULL,
    name text NOT NULL,
    escalation_ticket_id bigint,
    CONSTRAINT teams_pkey PRIMARY KEY (id)
);

-- FK cycle across schemas: tickets -> teams -> tickets
ALTER TABLE core.tickets
    ADD CONSTRAINT tickets_owner_team_id_fkey FOREIGN KEY (owner_team_id) REFERENCES reports.teams(id) DEFERRABLE INITIALLY DEFERRED;

ALTER TABLE reports.teams
    ADD CONSTRAINT teams_escalation_ticket_id_fkey FOREIGN KEY (escalation_ticket_id) REFERENCES core.tickets(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED;

CREATE VIEW core.urgent_tickets AS
 SELECT tickets.id,
    tickets.title,
    tickets.tag,
    tickets.owner_team_id
   FROM core.tickets
  WHERE (tickets.priority = 'high'::core.priority);

CREATE VIEW reports.urgent_by_team AS
 SELECT t.name AS team,
    count(u.id) AS urgent
   FROM (reports.teams t
     LEFT JOIN core.urgent_tickets u ON ((u.owner_team_id = t.id)))
  GROUP BY t.name;

CREATE MATERIALIZED VIEW reports.urgent_snapshot AS
 SELECT urgent_by_team.team,
    urgent_by_team.urgent
   FROM reports.urgent_by_team
  WITH NO DATA;

CREATE UNIQUE INDEX urgent_snapshot_team_key ON reports.urgent_snapshot USING btree (team);

-- a SQL-standard body: the server records dependencies on the objects it uses
CREATE FUNCTION reports.urgent_count(team_name text) RETURNS bigint
    LANGUAGE sql STABLE
    BEGIN ATOMIC
 SELECT urgent_by_team.urgent
    FROM reports.urgent_by_team
   WHERE (urgent_by_team.team = urgent_count.team_name);
END;

CREATE FUNCTION core.urgent_tickets_insert() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    INSERT INTO core.tickets (title, tag, priority, owner_team_id)
    VALUES (NEW.title, NEW.tag, 'high', NEW.owner_team_id)
    RETURNING id INTO NEW.id;
    RETURN NEW;
END;
$$;

CREATE TRIGGER urgent_tickets_insert INSTEAD OF INSERT ON core.urgent_tickets FOR EACH ROW EXECUTE FUNCTION core.urgent_tickets_insert();
