-- Schemas and nothing else: empty schemas (plain, Mixed-Case, unicode,
-- reserved word), one with AUTHORIZATION, one with a comment, one with
-- grants, and the public schema left as initdb made it.

CREATE SCHEMA staging;

CREATE SCHEMA "Archive";

CREATE SCHEMA "données";

CREATE SCHEMA "group";

CREATE SCHEMA vault AUTHORIZATION app_owner;

CREATE SCHEMA IF NOT EXISTS scratch;

COMMENT ON SCHEMA staging IS 'Landing area for raw imports';

GRANT USAGE ON SCHEMA "Archive" TO app_reader;

GRANT CREATE ON SCHEMA scratch TO app_writer;
