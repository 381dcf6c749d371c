#!/usr/bin/env python3
"""Checks docs/pgkeel.schema.json, the JSON Schema editors use for pgkeel's TOML files.

Usage: check_json_schema.py SCHEMA_JSON ROOT_DIR

1. The schema itself: valid draft-07, every property documented (editors show the
   descriptions on hover), every object closed (additionalProperties false, so a typo
   is flagged; conditions under if / then / else / not only narrow the object around
   them and are exempt), every $ref resolving and every definition used.
2. Every ```toml block of ROOT_DIR/docs/*.md (each parsed on its own) and every
   ROOT_DIR/schemas/**/*.toml file must parse and validate.
3. Good snippets (fields the docs' examples leave out) must validate, and bad snippets
   must be rejected for the stated reason, so the schema is shown not to accept
   everything.

Prints `ok <what>` or `FAIL <what>: <first error at its JSON path>` per item, then the
counts; exits 1 on any failure. Needs python3 >= 3.11 (tomllib) and jsonschema >= 4.
"""
import json
import re
import sys
import tomllib
from pathlib import Path

import jsonschema
from jsonschema.exceptions import best_match

MAX_MESSAGE = 240

# ---------------------------------------------------------------------------------
# Snippets. Good ones cover what the docs' examples do not show; each bad one breaks
# exactly one rule and names a fragment of the error message it must produce.

GOOD = [
    ("column identity_sequence, generated, table-form backfill", """
[tables.t]
columns = [
    { name = "id", type = "bigint", identity = "by_default", identity_sequence = { name = "t_id_seq", start = 1, increment = 1, min_value = 1, max_value = 1000, cache = 1, cycle = false, grants = [{ to = "r", privileges = ["USAGE"] }], revokes = [{ from = "PUBLIC", privileges = ["ALL"] }] } },
    { name = "a", type = "integer", generated = "id * 2", comment = "x" },
    { name = "b", type = "text", backfill = { expr = "upper(a::text)", batch_size = 5000 } },
    { name = "c", type = "text", grants = [{ to = ["r1", "r2"], privileges = ["SELECT"], grant_option = true }], revokes = [{ from = ["r3"], privileges = ["UPDATE"] }] },
]
"""),
    ("primary_key as a table, every constraint field", """
[tables.t]
primary_key = { name = "t_pk", columns = ["id"], include = ["a"], options = { fillfactor = 90 }, comment = "pk", renamed_from = "t_pkey", deferrable = true, initially_deferred = false }
unique = [{ name = "t_u", columns = ["a"], include = ["b"], nulls_not_distinct = true, options = { deduplicate_items = false }, deferrable = true }]
foreign_keys = [{ name = "t_fk", columns = ["a", "b"], references = "s.other", referenced_columns = ["x", "y"], match = "full", on_delete = "set_null", on_update = "restrict", on_delete_set_columns = ["b"], not_valid = true, deferrable = true, initially_deferred = true, comment = "fk", renamed_from = "old_fk" }]
checks = [{ name = "t_c", expr = "a > 0", no_inherit = true, not_valid = true, comment = "c", renamed_from = "old_c" }]
exclusions = [{ name = "t_x", elements = [{ key = "room", with = "=" }], using = "gist", include = ["b"], where = "a > 0", options = { fillfactor = 70 }, deferrable = true, initially_deferred = true, comment = "x" }]
"""),
    ("constraint trigger, policy comment, table backfill, storage option types", """
[tables.t]
name = "T"
schema = "other"
renamed_from = "t_old"
revokes = [{ from = "PUBLIC", privileges = ["SELECT"] }]
options = { fillfactor = 90, autovacuum_enabled = false, autovacuum_vacuum_scale_factor = 0.05, toast_tuple_target = "256" }
triggers = [
    { name = "trg", timing = "after", events = ["update", "delete"], for_each = "row", function = "s.f", constraint = true, deferrable = true, initially_deferred = true },
    { name = "trg2", timing = "after", events = ["update"], for_each = "statement", function = "s.f", old_table = "o", new_table = "n", enabled = "replica" },
]
policies = [{ name = "p", command = "select", restrictive = true, roles = ["r"], using = "true", comment = "p" }]
backfills = [{ name = "a", set = "a = 1" }, { name = "b", set = "b = 2", where = "b IS NULL", batch_size = 10 }]
"""),
    ("partitions", """
[tables.p]
partition_by = "LIST (k)"
columns = [{ name = "k", type = "int" }]

[tables.p1]
partition_of = "p"
partition_bound = "FOR VALUES IN (1)"
partition_by = "RANGE (k)"
primary_key = ["k"]
"""),
    ("view triggers and options, materialized view fields", """
[views.v]
query = "SELECT 1 AS a"
options = { security_invoker = true, security_barrier = false, check_option = "cascaded" }
columns = ["a"]
column_comments = { a = "one" }
triggers = [{ name = "v_ins", timing = "instead_of", events = ["insert"], for_each = "row", function = "v_ins", args = ["x"] }]
owner = "o"
schema = "s"
name = "V"

[materialized_views.m]
query = "SELECT 1 AS a"
columns = ["a"]
options = { fillfactor = 100 }
indexes = [{ name = "m_a", keys = ["a"], unique = true, nulls_not_distinct = true, using = "btree", include = [], where = "a > 0", options = { fillfactor = 90 }, comment = "i", renamed_from = "m_a_old" }]
column_comments = { a = "one" }
comment = "m"
owner = "o"
grants = [{ to = "r", privileges = ["SELECT"] }]
renamed_from = "m_old"
"""),
    ("function and procedure fields, extension fields", """
[extensions.pg_trgm]
name = "pg_trgm"
schema = "ext"
version = "1.6"
comment = "trigrams"

[functions.f]
name = "f"
schema = "s"
args = "a int"
returns = "SETOF int"
language = "sql"
sql_body = "BEGIN ATOMIC SELECT a; END"
volatility = "stable"
strict = false
security_definer = false
leakproof = true
parallel = "restricted"
cost = 100
rows = 10.5
config = { work_mem = "'64MB'" }
comment = "f"
owner = "o"

[procedures.p]
args = "a int"
language = "sql"
sql_body = "BEGIN ATOMIC SELECT 1; END"
security_definer = true
config = { search_path = "s" }
grants = [{ to = "r", privileges = ["EXECUTE"] }]
revokes = [{ from = "PUBLIC", privileges = ["EXECUTE"] }]
"""),
    ("enum, domain, composite, sequence common fields", """
schema = "s"

[enums.e]
labels = []
comment = "e"
renamed_from = "e_old"

[domains.d]
type = "text"
checks = [{ name = "d_check", expr = "VALUE <> ''", not_valid = true, comment = "c" }]
renamed_from = "d_old"

[types.c]
attributes = [{ name = "a", type = "int" }]
renamed_from = "c_old"
owner = "o"

[sequences.q]
type = "integer"
min_value = -10
renamed_from = "q_old"
owned_by = "s.t.id"
"""),
    ("choices and privileges in any case, `_` as a space (the loader folds them)", """
[tables.t]
columns = [{ name = "id", type = "bigint", identity = "By Default" }, { name = "u", type = "bigint" }]
foreign_keys = [{ columns = ["u"], references = "u", match = "FULL", on_delete = "set null", on_update = "No Action", on_delete_set_columns = ["u"] }]
grants = [{ to = "public", privileges = ["select", "Insert"] }, { to = "r", privileges = ["all privileges"] }]
triggers = [{ name = "g", timing = "AFTER", events = ["INSERT", "Update"], update_of = ["u"], for_each = "ROW", function = "f", enabled = "Always" }]
policies = [{ name = "p", command = "SELECT", roles = ["PUBLIC"] }]

[tables.u]
columns = [{ name = "id", type = "bigint" }]
primary_key = ["id"]

[schemas.s]
grants = [{ to = ["r"], privileges = ["temp", "Create"] }]

[sequences.q]
type = "BIGINT"

[views.v]
query = "SELECT 1"
options = { check_option = "LOCAL" }

[functions.f]
returns = "trigger"
language = "plpgsql"
body = "BEGIN RETURN NEW; END"
volatility = "VOLATILE"
parallel = "Safe"
"""),
    ("revoke grant_option, partition with an empty column list, constraint renamed_from with a name", """
[schemas.s]
revokes = [{ from = ["r1", "r2"], privileges = ["CREATE"], grant_option = true }]

[tables.p]
partition_by = "LIST (a)"
columns = [{ name = "a", type = "int" }, { name = "b", type = "int" }]

[tables.p1]
partition_of = "p"
partition_bound = "DEFAULT"
columns = []
unique = [{ name = "p1_a_key", columns = ["a"], renamed_from = "p1_a_uq" }]
indexes = [{ name = "p1_b_idx", keys = ["b"], comment = "b" }]
"""),
]

BAD = [
    ("unknown column key `notnull`",
     '[tables.t]\ncolumns = [{ name = "a", type = "int", notnull = true }]',
     "'notnull' was unexpected"),
    ("`not_null` as a string",
     '[tables.t]\ncolumns = [{ name = "a", type = "int", not_null = "yes" }]',
     "'yes' is not of type 'boolean'"),
    ("column missing `type`",
     '[[tables.t.columns]]\nname = "email"',
     "'type' is a required property"),
    ("column missing `name`",
     '[[tables.t.columns]]\ntype = "text"',
     "'name' is a required property"),
    ("bad identity",
     '[tables.t]\ncolumns = [{ name = "a", type = "int", identity = "sometimes" }]',
     "'sometimes' is not one of"),
    ("unknown top-level key `tabels`",
     '[tabels.t]\ncomment = "x"',
     "'tabels' was unexpected"),
    ("top-level `schema` not a string",
     'schema = 1',
     "1 is not of type 'string'"),
    ("unknown table key `comments`",
     '[tables.t]\ncomments = "x"',
     "'comments' was unexpected"),
    ("columns as a table instead of an array",
     '[tables.t.columns]\nname = "a"\ntype = "int"',
     "is not of type 'array'"),
    ("foreign key on_delete `set-null`",
     '[tables.t]\nforeign_keys = [{ columns = ["a"], references = "u", on_delete = "set-null" }]',
     "'set-null' is not one of"),
    ("foreign key match partial",
     '[tables.t]\nforeign_keys = [{ columns = ["a"], references = "u", match = "partial" }]',
     "'partial' is not one of"),
    ("foreign key missing `references`",
     '[tables.t]\nforeign_keys = [{ columns = ["a"] }]',
     "'references' is a required property"),
    ("primary_key as a string",
     '[tables.t]\nprimary_key = "id"',
     "is not valid under any of the given schemas"),
    ("primary_key table missing `columns`",
     '[tables.t]\nprimary_key = { name = "t_pkey" }',
     "'columns' is a required property"),
    ("check constraint `deferrable` (PostgreSQL does not allow it)",
     '[tables.t]\nchecks = [{ expr = "a > 0", deferrable = true }]',
     "'deferrable' was unexpected"),
    ("exclusion element missing `with`",
     '[tables.t]\nexclusions = [{ elements = [{ key = "room" }] }]',
     "'with' is a required property"),
    ("storage option value as an array",
     '[tables.t]\noptions = { fillfactor = [90] }',
     "is not of type 'string', 'integer', 'number', 'boolean'"),
    ("index missing `keys`",
     '[[tables.t.indexes]]\nname = "i"',
     "'keys' is a required property"),
    ("index `method` instead of `using`",
     '[[tables.t.indexes]]\nkeys = ["a"]\nmethod = "gin"',
     "'method' was unexpected"),
    ("trigger timing `during`",
     '[[tables.t.triggers]]\nname = "g"\ntiming = "during"\nevents = ["insert"]\nfunction = "f"',
     "'during' is not one of"),
    ("trigger event `upsert`",
     '[[tables.t.triggers]]\nname = "g"\ntiming = "before"\nevents = ["insert", "upsert"]\nfunction = "f"',
     "'upsert' is not one of"),
    ("trigger for_each `rows`",
     '[[tables.t.triggers]]\nname = "g"\ntiming = "before"\nevents = ["insert"]\nfor_each = "rows"\nfunction = "f"',
     "'rows' is not one of"),
    ("trigger enabled = true",
     '[[tables.t.triggers]]\nname = "g"\ntiming = "before"\nevents = ["insert"]\nfunction = "f"\nenabled = true',
     "True is not of type 'string'"),
    ("trigger `renamed_from`",
     '[[tables.t.triggers]]\nname = "g"\ntiming = "before"\nevents = ["insert"]\nfunction = "f"\nrenamed_from = "h"',
     "'renamed_from' was unexpected"),
    ("policy command `upsert`",
     '[[tables.t.policies]]\nname = "p"\ncommand = "upsert"',
     "'upsert' is not one of"),
    ("column backfill batch_size 0",
     '[tables.t]\ncolumns = [{ name = "a", type = "int", backfill = { expr = "1", batch_size = 0 } }]',
     "0 is less than the minimum of 1"),
    ("table backfill missing `set`",
     '[[tables.t.backfills]]\nname = "b"\nwhere = "true"',
     "'set' is a required property"),
    ("table backfill batch_size as a string",
     '[[tables.t.backfills]]\nname = "b"\nset = "a = 1"\nbatch_size = "1000"',
     "'1000' is not of type 'integer'"),
    ("partition that declares columns",
     '[tables.p1]\npartition_of = "p"\npartition_bound = "DEFAULT"\ncolumns = [{ name = "a", type = "int" }]',
     "'columns'"),
    ("partition without a bound",
     '[tables.p1]\npartition_of = "p"',
     "'partition_bound' is a required property"),
    ("partition bound without `partition_of`",
     '[tables.p1]\npartition_bound = "DEFAULT"',
     "'partition_of' is a dependency of 'partition_bound'"),
    ("grant missing `privileges`",
     '[schemas.s]\ngrants = [{ to = "r" }]',
     "'privileges' is a required property"),
    ("grant with `from`",
     '[schemas.s]\ngrants = [{ from = "r", privileges = ["USAGE"] }]',
     "'from' was unexpected"),
    ("revoke with `to`",
     '[schemas.s]\nrevokes = [{ to = "PUBLIC", privileges = ["USAGE"] }]',
     "'to' was unexpected"),
    ("grant_option as a string",
     '[schemas.s]\ngrants = [{ to = "r", privileges = ["USAGE"], grant_option = "yes" }]',
     "'yes' is not of type 'boolean'"),
    ("extension `owner`",
     '[extensions.citext]\nowner = "o"',
     "'owner' was unexpected"),
    ("domain missing `type`",
     '[domains.d]\nnot_null = true',
     "'type' is a required property"),
    ("domain check missing `expr`",
     '[domains.d]\ntype = "int"\nchecks = [{ name = "c" }]',
     "'expr' is a required property"),
    ("enum labels as a string",
     '[enums.e]\nlabels = "a, b"',
     "is not of type 'array'"),
    ("sequence type numeric",
     '[sequences.q]\ntype = "numeric"',
     "'numeric' is not one of"),
    ("sequence start as a string",
     '[sequences.q]\nstart = "1000"',
     "'1000' is not of type 'integer'"),
    ("sequence cache as a float",
     '[sequences.q]\ncache = 1.5',
     "1.5 is not of type 'integer'"),
    ("view missing `query`",
     '[views.v]\ncolumns = ["a"]',
     "'query' is a required property"),
    ("view check_option `strict`",
     '[views.v]\nquery = "SELECT 1"\noptions = { check_option = "strict" }',
     "'strict' is not one of"),
    ("view storage option `fillfactor`",
     '[views.v]\nquery = "SELECT 1"\noptions = { fillfactor = 90 }',
     "'fillfactor' was unexpected"),
    ("materialized view `triggers`",
     '[materialized_views.m]\nquery = "SELECT 1"\ntriggers = []',
     "'triggers' was unexpected"),
    ("function missing `language`",
     '[functions.f]\nreturns = "int"\nbody = "SELECT 1"',
     "'language' is a required property"),
    ("function with neither `body` nor `sql_body`",
     '[functions.f]\nreturns = "int"\nlanguage = "sql"',
     "is not valid under any of the given schemas"),
    ("function with both `body` and `sql_body`",
     '[functions.f]\nreturns = "int"\nlanguage = "sql"\nbody = "SELECT 1"\nsql_body = "RETURN 1"',
     "is valid under each of"),
    ("function volatility `pure`",
     '[functions.f]\nreturns = "int"\nlanguage = "sql"\nbody = "SELECT 1"\nvolatility = "pure"',
     "'pure' is not one of"),
    ("function parallel `yes`",
     '[functions.f]\nreturns = "int"\nlanguage = "sql"\nbody = "SELECT 1"\nparallel = "yes"',
     "'yes' is not one of"),
    ("function cost as a string",
     '[functions.f]\nreturns = "int"\nlanguage = "sql"\nbody = "SELECT 1"\ncost = "high"',
     "'high' is not of type 'number'"),
    ("function config value not a string",
     '[functions.f]\nreturns = "int"\nlanguage = "sql"\nbody = "SELECT 1"\nconfig = { work_mem = 64 }',
     "64 is not of type 'string'"),
    ("function `renamed_from`",
     '[functions.f]\nreturns = "int"\nlanguage = "sql"\nbody = "SELECT 1"\nrenamed_from = "g"',
     "'renamed_from' was unexpected"),
    ("procedure `returns`",
     '[procedures.p]\nlanguage = "sql"\nbody = "SELECT 1"\nreturns = "int"',
     "'returns' was unexpected"),
    ("top-level `schema` empty",
     'schema = ""',
     "''"),
    ("schema `schema` (a schema is in no schema)",
     '[schemas.s]\nschema = "x"',
     "'schema' was unexpected"),
    ("owner empty",
     '[schemas.s]\nowner = ""',
     "''"),
    ("grant to an empty list of roles",
     '[schemas.s]\ngrants = [{ to = [], privileges = ["USAGE"] }]',
     "[]"),
    ("grant of no privileges",
     '[schemas.s]\ngrants = [{ to = "r", privileges = [] }]',
     "[]"),
    ("unknown privilege `SELEKT`",
     '[tables.t]\ngrants = [{ to = "r", privileges = ["SELEKT"] }]',
     "'SELEKT' is not one of"),
    ("revoke grant_option as a string",
     '[schemas.s]\nrevokes = [{ from = "r", privileges = ["USAGE"], grant_option = "yes" }]',
     "'yes' is not of type 'boolean'"),
    ("enum missing `labels`",
     '[enums.e]\ncomment = "x"',
     "'labels' is a required property"),
    ("composite type missing `attributes`",
     '[types.c]\ncomment = "x"',
     "'attributes' is a required property"),
    ("column `owner` (columns have none of their own)",
     '[tables.t]\ncolumns = [{ name = "a", type = "int", owner = "o" }]',
     "'owner' was unexpected"),
    ("identity_sequence `type`",
     '[tables.t]\ncolumns = [{ name = "a", type = "int", identity = "always", identity_sequence = { type = "integer" } }]',
     "'type' was unexpected"),
    ("identity_sequence without `identity`",
     '[tables.t]\ncolumns = [{ name = "a", type = "int", identity_sequence = { start = 1 } }]',
     "'identity' is a dependency of 'identity_sequence'"),
    ("generated column with a backfill",
     '[tables.t]\ncolumns = [{ name = "a", type = "int", generated = "1", backfill = "2" }]',
     "{'required': ['backfill']}"),
    ("sequence cache 0",
     '[sequences.q]\ncache = 0',
     "0 is less than the minimum of 1"),
    ("storage option name in capitals",
     '[tables.t]\noptions = { FillFactor = 90 }',
     "'FillFactor' does not match"),
    ("constraint `comment` without `name`",
     '[tables.t]\nchecks = [{ expr = "a > 0", comment = "c" }]',
     "'name' is a dependency of 'comment'"),
    ("primary key `renamed_from` without `name`",
     '[tables.t]\nprimary_key = { columns = ["a"], renamed_from = "t_pk" }',
     "'name' is a dependency of 'renamed_from'"),
    ("unique constraint with no columns",
     '[tables.t]\nunique = [{ columns = [] }]',
     "[]"),
    ("on_delete_set_columns without `on_delete`",
     '[tables.t]\nforeign_keys = [{ columns = ["a", "b"], references = "u", on_delete_set_columns = ["b"] }]',
     "'on_delete' is a required property"),
    ("on_delete_set_columns with on_delete `cascade`",
     '[tables.t]\nforeign_keys = [{ columns = ["a", "b"], references = "u", on_delete = "cascade", on_delete_set_columns = ["b"] }]',
     "'cascade' does not match"),
    ("exclusion with no elements",
     '[tables.t]\nexclusions = [{ elements = [] }]',
     "[]"),
    ("index `comment` without `name`",
     '[[tables.t.indexes]]\nkeys = ["a"]\ncomment = "c"',
     "'name' is a dependency of 'comment'"),
    ("index with no keys",
     '[[tables.t.indexes]]\nkeys = []',
     "[]"),
    ("trigger missing `name`",
     '[[tables.t.triggers]]\ntiming = "before"\nevents = ["insert"]\nfunction = "f"',
     "'name' is a required property"),
    ("trigger with no events",
     '[[tables.t.triggers]]\nname = "g"\ntiming = "before"\nevents = []\nfunction = "f"',
     "[]"),
    ("trigger update_of without an update event",
     '[[tables.t.triggers]]\nname = "g"\ntiming = "before"\nevents = ["insert"]\nupdate_of = ["a"]\nfunction = "f"',
     "['insert']"),
    ("policy missing `name`",
     '[[tables.t.policies]]\ncommand = "select"',
     "'name' is a required property"),
    ("table backfill missing `name`",
     '[[tables.t.backfills]]\nset = "a = 1"',
     "'name' is a required property"),
    ("domain check `comment` without `name`",
     '[domains.d]\ntype = "int"\nchecks = [{ expr = "VALUE > 0", comment = "c" }]',
     "'name' is a dependency of 'comment'"),
    ("view `indexes`",
     '[views.v]\nquery = "SELECT 1"\nindexes = [{ keys = ["a"] }]',
     "'indexes' was unexpected"),
]

# ---------------------------------------------------------------------------------


def json_path(path):
    out = "$"
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", part):
            out += "." + part
        else:
            out += "[" + json.dumps(part) + "]"
    return out


def describe(error):
    message = error.message
    if len(message) > MAX_MESSAGE:
        message = message[:MAX_MESSAGE] + "..."
    return f"{json_path(error.absolute_path)}: {message}"


def all_messages(errors):
    """Messages of the errors and of everything under them (anyOf / oneOf branches)."""
    for error in errors:
        yield error.message
        yield from all_messages(error.context or [])


class Report:
    def __init__(self):
        self.failures = 0

    def ok(self, what):
        print(f"ok {what}")

    def fail(self, what, why):
        self.failures += 1
        print(f"FAIL {what}: {why}")


def walk(node, path="#"):
    """Every (json-pointer, subschema) of a schema."""
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            if key in ("enum", "const", "required", "examples", "default"):
                continue
            yield from walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from walk(value, f"{path}/{i}")


CONDITION_KEYWORDS = ("if", "then", "else", "not")


def lint_schema(schema, report):
    definitions = schema.get("definitions", {})

    def target(subschema):
        ref = subschema.get("$ref")
        if ref and ref.startswith("#/definitions/"):
            return definitions.get(ref[len("#/definitions/"):])
        return None

    undocumented, open_objects, bad_refs, used = [], [], [], set()
    for path, node in walk(schema):
        ref = node.get("$ref")
        if ref is not None:
            if not ref.startswith("#/definitions/") or target(node) is None:
                bad_refs.append(f"{path}: {ref}")
            else:
                used.add(ref[len("#/definitions/"):])
        props = node.get("properties")
        # a condition (if / then / else / not) narrows an object defined around it:
        # it is neither closed nor documented on its own
        condition = any(part in CONDITION_KEYWORDS for part in path.split("/")[1:])
        if isinstance(props, dict) and path.rsplit("/", 1)[-1] != "properties" and not condition:
            if node.get("additionalProperties") is not False:
                open_objects.append(path)
            for name, prop in props.items():
                documented = "description" in prop or "description" in (target(prop) or {})
                if not documented:
                    undocumented.append(f"{path}/properties/{name}")
    for name in definitions:
        if name not in used:
            bad_refs.append(f"#/definitions/{name} is never used")

    for what, problems in (
        ("schema: every property has a description", undocumented),
        ("schema: every object with properties has additionalProperties false", open_objects),
        ("schema: every $ref resolves and every definition is used", bad_refs),
    ):
        if problems:
            report.fail(what, "; ".join(problems[:5]) + (" ..." if len(problems) > 5 else ""))
        else:
            report.ok(what)
    for key in ("$id", "title", "description"):
        if not isinstance(schema.get(key), str):
            report.fail(f"schema: top-level {key}", "missing")


def toml_blocks(markdown):
    """(line of the opening fence, text) of every ```toml fenced block."""
    blocks, current, start = [], None, 0
    for number, line in enumerate(markdown.splitlines(keepends=True), start=1):
        stripped = line.strip()
        if current is None:
            if re.fullmatch(r"(```|~~~)\s*toml\b.*", stripped):
                current, start, fence = [], number, stripped[:3]
        elif stripped.startswith(fence) and stripped.strip("`~") == "":
            blocks.append((start, "".join(current)))
            current = None
        else:
            current.append(line)
    if current is not None:
        blocks.append((start, None))  # unterminated fence
    return blocks


def check_document(validator, what, text, report, where="the file"):
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        report.fail(what, f"not valid TOML ({where}): {e}")
        return
    error = best_match(validator.iter_errors(data))
    if error is None:
        report.ok(what)
    else:
        report.fail(what, describe(error))


def main(argv):
    if len(argv) != 3:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    schema_path, root = Path(argv[1]), Path(argv[2])
    report = Report()

    try:
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        report.fail(f"schema {schema_path}", f"cannot read: {e}")
        return 1
    try:
        jsonschema.Draft7Validator.check_schema(schema)
    except jsonschema.SchemaError as e:
        report.fail(f"schema {schema_path}: valid draft-07", describe(e))
        return 1
    report.ok(f"schema {schema_path}: valid draft-07")
    lint_schema(schema, report)
    validator = jsonschema.Draft7Validator(schema)

    n_blocks = n_docs = 0
    for doc in sorted((root / "docs").glob("*.md")):
        blocks = toml_blocks(doc.read_text(encoding="utf-8"))
        n_docs += 1 if blocks else 0
        for i, (line, text) in enumerate(blocks, start=1):
            n_blocks += 1
            what = f"{doc.relative_to(root)}:{line} toml block {i}"
            if text is None:
                report.fail(what, "unterminated code fence")
            else:
                check_document(validator, what, text, report,
                               where=f"line 1 is line {line + 1} of the document")

    n_files = 0
    for path in sorted((root / "schemas").rglob("*.toml")):
        n_files += 1
        what = str(path.relative_to(root))
        try:
            text = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as e:
            report.fail(what, f"cannot read: {e}")
            continue
        check_document(validator, what, text, report)

    for label, text in GOOD:
        check_document(validator, f"accepts {label}", text, report, where="the snippet")

    for label, text, expected in BAD:
        what = f"rejects {label}"
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as e:
            report.fail(what, f"the snippet itself is not valid TOML: {e}")
            continue
        errors = list(validator.iter_errors(data))
        if not errors:
            report.fail(what, "accepted by the schema")
        elif not any(expected in m for m in all_messages(errors)):
            report.fail(what, f"rejected, but not with {expected!r}: "
                              f"{describe(best_match(errors))}")
        else:
            report.ok(f"{what} ({describe(best_match(errors))})")

    print(f"checked {n_blocks} toml blocks in {n_docs} docs files, {n_files} schema files, "
          f"{len(GOOD)} good and {len(BAD)} bad snippets: {report.failures} failures")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
