-- A multi-tenant SaaS schema: tenant-scoped tables with composite keys and
-- composite FKs, RLS on every tenant table with a RESTRICTIVE isolation
-- policy driven by current_setting(), a partitioned audit table by tenant
-- (LIST) then by month (RANGE), a security-invoker view, and ownership by
-- app_owner with grants to app_reader / app_writer.

CREATE SCHEMA saas AUTHORIZATION app_owner;

CREATE FUNCTION saas.current_tenant() RETURNS integer
    LANGUAGE sql STABLE
    AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::integer $$;

ALTER FUNCTION saas.current_tenant() OWNER TO app_owner;

CREATE TABLE saas.tenants (
    id integer NOT NULL,
    slug text NOT NULL,
    plan text DEFAULT 'free'::text NOT NULL,
    CONSTRAINT tenants_pkey PRIMARY KEY (id),
    CONSTRAINT tenants_slug_key UNIQUE (slug),
    CONSTRAINT tenants_plan_check CHECK ((plan = ANY (ARRAY['free'::text, 'pro'::text, 'enterprise'::text])))
);

CREATE TABLE saas.projects (
    tenant_id integer NOT NULL,
    id integer NOT NULL,
    name text NOT NULL,
    archived boolean DEFAULT false NOT NULL,
    CONSTRAINT projects_pkey PRIMARY KEY (tenant_id, id),
    CONSTRAINT projects_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES saas.tenants(id) ON DELETE CASCADE,
    CONSTRAINT projects_tenant_name_key UNIQUE (tenant_id, name)
);

CREATE TABLE saas.tasks (
    tenant_id integer NOT NULL,
    id bigint NOT NULL,
    project_id integer NOT NULL,
    title text NOT NULL,
    assignee name,
    due_on date,
    done boolean DEFAULT false NOT NULL,
    CONSTRAINT tasks_pkey PRIMARY KEY (tenant_id, id),
    CONSTRAINT tasks_project_fkey FOREIGN KEY (tenant_id, project_id) REFERENCES saas.projects(tenant_id, id) ON DELETE CASCADE
);

CREATE INDEX tasks_open_due_idx ON saas.tasks USING btree (tenant_id, due_on) WHERE (NOT done);

ALTER TABLE saas.tenants OWNER TO app_owner;

ALTER TABLE saas.projects OWNER TO app_owner;

ALTER TABLE saas.tasks OWNER TO app_owner;

ALTER TABLE saas.projects ENABLE ROW LEVEL SECURITY;

ALTER TABLE saas.tasks ENABLE ROW LEVEL SECURITY;

ALTER TABLE saas.tasks FORCE ROW LEVEL SECURITY;

CREATE POLICY projects_tenant ON saas.projects AS RESTRICTIVE USING ((tenant_id = saas.current_tenant()));

CREATE POLICY projects_read ON saas.projects FOR SELECT TO app_reader, app_writer USING (true);

CREATE POLICY projects_write ON saas.projects TO app_writer USING ((NOT archived)) WITH CHECK ((NOT archived));

CREATE POLICY tasks_tenant ON saas.tasks AS RESTRICTIVE USING ((tenant_id = saas.current_tenant())) WITH CHECK ((tenant_id = saas.current_tenant()));

CREATE POLICY tasks_all ON saas.tasks TO app_reader, app_writer USING (true);

CREATE TABLE saas.audit (
    tenant_id integer NOT NULL,
    at timestamp without time zone NOT NULL,
    actor name,
    action text NOT NULL
)
PARTITION BY LIST (tenant_id);

CREATE TABLE saas.audit_t1 PARTITION OF saas.audit
FOR VALUES IN (1)
PARTITION BY RANGE (at);

CREATE TABLE saas.audit_t1_2024_01 PARTITION OF saas.audit_t1
FOR VALUES FROM ('2024-01-01 00:00:00') TO ('2024-02-01 00:00:00');

CREATE TABLE saas.audit_t1_rest PARTITION OF saas.audit_t1
DEFAULT;

CREATE TABLE saas.audit_other PARTITION OF saas.audit
DEFAULT;

CREATE INDEX audit_tenant_at_idx ON saas.audit USING btree (tenant_id, at);

CREATE VIEW saas.my_open_tasks WITH (security_invoker='true') AS
 SELECT t.tenant_id,
    t.id,
    t.title,
    p.name AS project
   FROM (saas.tasks t
     JOIN saas.projects p ON (((p.tenant_id = t.tenant_id) AND (p.id = t.project_id))))
  WHERE ((NOT t.done) AND (t.assignee = CURRENT_USER));

ALTER VIEW saas.my_open_tasks OWNER TO app_owner;

GRANT USAGE ON SCHEMA saas TO app_reader, app_writer;

GRANT SELECT ON TABLE saas.projects TO app_reader;

GRANT SELECT ON TABLE saas.tasks TO app_reader;

GRANT SELECT ON TABLE saas.my_open_tasks TO app_reader;

GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE saas.projects TO app_writer;

GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE saas.tasks TO app_writer;

GRANT EXECUTE ON FUNCTION saas.current_tenant() TO app_reader, app_writer;
