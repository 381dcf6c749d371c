-- pgkeel-test: server-rewrites
-- rewrite: unnamed PRIMARY KEY / UNIQUE constraints get <table>_pkey and <table>_<cols>_key names (parent_pkey, parent_code_key, parent_a_b_key, "MixedCase_Value_key")
-- rewrite: unnamed FOREIGN KEYs are named <table>_<cols>_fkey (child_parent_id_fkey, child_a_b_fkey); REFERENCES parent without a column list is stored as REFERENCES public.parent(id)
-- rewrite: CREATE INDEX ON ... without a name gets <table>_<cols>_idx (child_a_b_idx), an expression index gets the function name (child_lower_idx), a duplicate gets a numeric suffix (child_parent_id_idx1), a unique one still ends in _idx (parent_code_a_idx)
-- rewrite: an unnamed EXCLUDE constraint is named <table>_<col>_excl (excl_r_excl)
-- rewrite: generated names longer than 63 bytes are truncated piecewise (a_table_with_a_really_long_na_a_column_with_a_really_long_n_key)
-- rewrite: PRIMARY KEY marks its columns NOT NULL (child.id, parent.id); an explicit NULL column option is just the default and leaves no trace
-- rewrite: CREATE INDEX without USING is stored as USING btree
-- rewrite: COMMENT ON ... IS '' removes the comment (same as IS NULL): neither parent nor child ends up with a comment
-- Server-chosen names and other implicit effects a loader must reproduce to
-- match the catalog.

CREATE TABLE parent (
    id integer PRIMARY KEY,
    code text UNIQUE,
    a integer,
    b integer,
    UNIQUE (a, b)
);

CREATE TABLE child (
    id integer,
    parent_id integer REFERENCES parent,
    parent_code text REFERENCES parent (code) ON DELETE CASCADE,
    a integer,
    b integer,
    FOREIGN KEY (a, b) REFERENCES parent (a, b),
    PRIMARY KEY (id)
);

CREATE INDEX ON child (parent_id);
CREATE INDEX ON child (a, b);
CREATE INDEX ON child (lower(parent_code));
CREATE INDEX ON child (parent_id);
CREATE UNIQUE INDEX ON parent (code, a);

CREATE TABLE excl (
    r int4range,
    EXCLUDE USING gist (r WITH &&)
);

CREATE TABLE "MixedCase" (
    "Id" integer PRIMARY KEY,
    "Value" text UNIQUE
);

CREATE TABLE a_table_with_a_really_long_name_that_goes_on_and_on_and_on (
    a_column_with_a_really_long_name_that_also_goes_on_and_on integer UNIQUE
);

CREATE TABLE tbl_default_nn (
    id integer NOT NULL DEFAULT 1 PRIMARY KEY,
    x integer NULL
);

COMMENT ON TABLE parent IS 'temporary';
COMMENT ON TABLE parent IS '';
COMMENT ON TABLE child IS NULL;
