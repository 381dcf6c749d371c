-- COMMENT ON every commentable kind pgkeel models: schema, table, column
-- (of a table, a view and a composite type), constraint (on a table and on
-- a domain), index, sequence, enum and composite type, domain, view,
-- materialized view, function, procedure, trigger, policy, extension.
-- Comment texts include quotes, unicode, newlines and E'' escapes.

CREATE SCHEMA docs;

COMMENT ON SCHEMA docs IS 'Everything related to documentation';

CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;

COMMENT ON EXTENSION pgcrypto IS 'Used for gen_random_uuid() and digest()';

CREATE TYPE docs.status AS ENUM (
    'draft',
    'published'
);

COMMENT ON TYPE docs.status IS 'Publication state of a page';

CREATE TYPE docs.revision_info AS (
	author text,
	revised_at timestamp with time zone
);

COMMENT ON TYPE docs.revision_info IS 'Who changed a page and when';

COMMENT ON COLUMN docs.revision_info.author IS 'Login name of the author';

CREATE DOMAIN docs.slug AS text
    CONSTRAINT slug_format CHECK ((VALUE ~ '^[a-z0-9-]+$'::text));

COMMENT ON DOMAIN docs.slug IS 'URL-safe page identifier';

COMMENT ON CONSTRAINT slug_format ON DOMAIN docs.slug IS 'lowercase letters, digits and dashes only';

CREATE SEQUENCE docs.page_numbers
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

COMMENT ON SEQUENCE docs.page_numbers IS 'Human-friendly page numbers';

CREATE TABLE docs.pages (
    id integer DEFAULT nextval('docs.page_numbers'::regclass) NOT NULL,
    slug docs.slug NOT NULL,
    title text NOT NULL,
    status docs.status DEFAULT 'draft'::docs.status NOT NULL,
    body text,
    "Author Name" text,
    CONSTRAINT pages_pkey PRIMARY KEY (id),
    CONSTRAINT pages_slug_key UNIQUE (slug),
    CONSTRAINT pages_title_check CHECK ((length(title) > 0))
);

COMMENT ON TABLE docs.pages IS 'A documentation page.
Pages are versioned; see docs.page_history.';

COMMENT ON COLUMN docs.pages.id IS 'Primary key';

COMMENT ON COLUMN docs.pages.slug IS 'Unique, URL-safe; it''s used in links';

COMMENT ON COLUMN docs.pages."Author Name" IS 'Name as typed — may contain unicode: café, 日本';

COMMENT ON CONSTRAINT pages_title_check ON docs.pages IS 'Titles must not be empty';

COMMENT ON CONSTRAINT pages_pkey ON docs.pages IS 'Surrogate key';

CREATE INDEX pages_status_idx ON docs.pages USING btree (status);

COMMENT ON INDEX docs.pages_status_idx IS 'Speeds up listing drafts';

CREATE VIEW docs.published_pages AS
 SELECT pages.id,
    pages.slug,
    pages.title
   FROM docs.pages
  WHERE (pages.status = 'published'::docs.status);

COMMENT ON VIEW docs.published_pages IS 'Pages visible to readers';

COMMENT ON COLUMN docs.published_pages.title IS 'Title as shown in the menu';

CREATE MATERIALIZED VIEW docs.page_counts AS
 SELECT pages.status,
    count(*) AS n
   FROM docs.pages
  GROUP BY pages.status
  WITH NO DATA;

COMMENT ON MATERIALIZED VIEW docs.page_counts IS 'Number of pages per status, refreshed nightly';

CREATE FUNCTION docs.page_title(page_id integer) RETURNS text
    LANGUAGE sql STABLE
    AS $$ SELECT title FROM docs.pages WHERE id = page_id $$;

COMMENT ON FUNCTION docs.page_title(page_id integer) IS 'Title of one page, NULL when missing';

CREATE FUNCTION docs.page_title(page_slug text) RETURNS text
    LANGUAGE sql STABLE
    AS $$ SELECT title FROM docs.pages WHERE slug = page_slug $$;

COMMENT ON FUNCTION docs.page_title(page_slug text) IS 'Overload looking a page up by slug';

CREATE PROCEDURE docs.publish(IN page_id integer)
    LANGUAGE sql
    AS $$ UPDATE docs.pages SET status = 'published' WHERE id = page_id $$;

COMMENT ON PROCEDURE docs.publish(IN page_id integer) IS 'Mark a page as published';

CREATE FUNCTION docs.pages_guard() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN RETURN NEW; END $$;

CREATE TRIGGER pages_guard BEFORE UPDATE ON docs.pages FOR EACH ROW EXECUTE FUNCTION docs.pages_guard();

COMMENT ON TRIGGER pages_guard ON docs.pages IS 'Placeholder for edit validation';

ALTER TABLE docs.pages ENABLE ROW LEVEL SECURITY;

CREATE POLICY pages_readers ON docs.pages FOR SELECT TO app_reader USING ((status = 'published'::docs.status));

COMMENT ON POLICY pages_readers ON docs.pages IS 'Readers only see published pages';

COMMENT ON COLUMN docs.pages.body IS E'Markdown body\twith a tab and a backslash \\ inside';
