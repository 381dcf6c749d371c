-- Row-level security: ENABLE and FORCE ROW LEVEL SECURITY, policies AS
-- PERMISSIVE (the default) and AS RESTRICTIVE, FOR ALL / SELECT / INSERT /
-- UPDATE / DELETE, TO PUBLIC and TO named roles, USING and WITH CHECK
-- expressions (spelled as pg_get_expr prints them), quoted policy names,
-- and a table with RLS enabled but no policy (deny all).

CREATE SCHEMA tenant;

CREATE TABLE tenant.documents (
    id integer NOT NULL,
    tenant_id integer NOT NULL,
    owner_name name DEFAULT CURRENT_USER NOT NULL,
    is_public boolean DEFAULT false NOT NULL,
    locked boolean DEFAULT false NOT NULL,
    body text,
    CONSTRAINT documents_pkey PRIMARY KEY (id)
);

ALTER TABLE tenant.documents ENABLE ROW LEVEL SECURITY;

ALTER TABLE tenant.documents FORCE ROW LEVEL SECURITY;

CREATE POLICY documents_tenant_isolation ON tenant.documents AS RESTRICTIVE TO PUBLIC USING ((tenant_id = (current_setting('app.tenant_id'::text))::integer));

CREATE POLICY documents_read ON tenant.documents AS PERMISSIVE FOR SELECT TO app_reader, app_writer USING ((is_public OR (owner_name = CURRENT_USER)));

CREATE POLICY documents_insert ON tenant.documents FOR INSERT TO app_writer WITH CHECK ((owner_name = CURRENT_USER));

CREATE POLICY documents_update ON tenant.documents FOR UPDATE TO app_writer USING ((owner_name = CURRENT_USER)) WITH CHECK (((owner_name = CURRENT_USER) AND (NOT locked)));

CREATE POLICY documents_delete ON tenant.documents FOR DELETE TO app_owner USING ((NOT locked));

CREATE POLICY "Owner Full Access" ON tenant.documents TO app_owner USING (true) WITH CHECK (true);

CREATE POLICY documents_no_locked_writes ON tenant.documents AS RESTRICTIVE FOR UPDATE TO app_writer USING ((NOT locked));

-- RLS enabled but not forced, permissive policy for everyone
CREATE TABLE public.announcements (
    id integer NOT NULL,
    published boolean DEFAULT false NOT NULL,
    message text,
    CONSTRAINT announcements_pkey PRIMARY KEY (id)
);

ALTER TABLE public.announcements ENABLE ROW LEVEL SECURITY;

CREATE POLICY announcements_published ON public.announcements FOR SELECT USING (published);

-- RLS enabled with no policy at all: nobody but the owner sees rows
CREATE TABLE public.secrets (
    id integer NOT NULL,
    value text,
    CONSTRAINT secrets_pkey PRIMARY KEY (id)
);

ALTER TABLE public.secrets ENABLE ROW LEVEL SECURITY;

-- a policy whose expression uses a subquery on another table
CREATE TABLE public.memberships (
    member name NOT NULL,
    team_id integer NOT NULL,
    CONSTRAINT memberships_pkey PRIMARY KEY (member, team_id)
);

CREATE TABLE public.team_notes (
    id integer NOT NULL,
    team_id integer NOT NULL,
    note text,
    CONSTRAINT team_notes_pkey PRIMARY KEY (id)
);

ALTER TABLE public.team_notes ENABLE ROW LEVEL SECURITY;

CREATE POLICY team_notes_members ON public.team_notes USING ((EXISTS ( SELECT 1
   FROM public.memberships m
  WHERE ((m.member = CURRENT_USER) AND (m.team_id = team_notes.team_id)))));
