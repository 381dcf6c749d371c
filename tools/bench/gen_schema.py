#!/usr/bin/env python3
"""Generate a realistic PostgreSQL 15 schema of N tables as SQL DDL.

    tools/bench/gen_schema.py --tables 1000 [--seed 1] [--out schema.sql]

The output is written the way a developer writes a schema file (schemas and
enum types first, then each table followed by its indexes, views at the end of
each schema section), not the way pg_dump writes one. It loads into an empty
PostgreSQL 15 database with `psql -v ON_ERROR_STOP=1` and is byte-identical for
the same --tables and --seed.

Contents: max(1, N // 250) schemas; a handful of enum types; tables of 4-15
columns (bigint identity primary keys, integer, text, varchar(n), numeric(p,s),
boolean, timestamptz, date, jsonb, uuid, text[], enums) with defaults and NOT
NULL; column and table CHECK constraints; foreign keys to earlier tables (some
cross-schema, some self-references, some added by ALTER TABLE); UNIQUE
constraints; plain, partial and expression indexes; about one view per ten
tables joining a table with the table its foreign key references.

Standard library only.
"""

import argparse
import random
import sys

MAX_IDENT = 63  # NAMEDATALEN - 1

SCHEMA_NAMES = [
    "core", "billing", "inventory", "crm", "sales", "shipping", "hr", "support",
    "marketing", "catalog", "payments", "identity", "content", "scheduling",
    "finance", "logistics", "procurement", "compliance", "messaging", "projects",
]
SCHEMA_SUFFIXES = ["eu", "us", "apac", "legacy", "v2", "ext", "int", "staging"]

# (singular, plural)
NOUNS = [
    ("customer", "customers"), ("order", "orders"), ("invoice", "invoices"),
    ("payment", "payments"), ("product", "products"), ("supplier", "suppliers"),
    ("warehouse", "warehouses"), ("shipment", "shipments"), ("employee", "employees"),
    ("department", "departments"), ("account", "accounts"), ("address", "addresses"),
    ("contact", "contacts"), ("ticket", "tickets"), ("comment", "comments"),
    ("project", "projects"), ("task", "tasks"), ("campaign", "campaigns"),
    ("lead", "leads"), ("opportunity", "opportunities"), ("contract", "contracts"),
    ("subscription", "subscriptions"), ("plan", "plans"), ("coupon", "coupons"),
    ("category", "categories"), ("tag", "tags"), ("document", "documents"),
    ("attachment", "attachments"), ("note", "notes"), ("event", "events"),
    ("session", "sessions"), ("device", "devices"), ("location", "locations"),
    ("region", "regions"), ("vendor", "vendors"), ("budget", "budgets"),
    ("expense", "expenses"), ("report", "reports"), ("schedule", "schedules"),
    ("shift", "shifts"), ("team", "teams"), ("member", "members"),
    ("role", "roles"), ("permission", "permissions"), ("policy", "policies"),
    ("claim", "claims"), ("asset", "assets"), ("license", "licenses"),
    ("batch", "batches"), ("lot", "lots"), ("route", "routes"),
    ("vehicle", "vehicles"), ("driver", "drivers"), ("carrier", "carriers"),
    ("quote", "quotes"), ("refund", "refunds"), ("credit", "credits"),
    ("ledger_entry", "ledger_entries"), ("journal", "journals"), ("tax_rate", "tax_rates"),
    ("price_list", "price_lists"), ("discount", "discounts"), ("review", "reviews"),
    ("message", "messages"), ("thread", "threads"), ("notification", "notifications"),
    ("template", "templates"), ("webhook", "webhooks"), ("api_key", "api_keys"),
    ("audit_entry", "audit_entries"), ("import_job", "import_jobs"), ("export_job", "export_jobs"),
    ("milestone", "milestones"), ("sprint", "sprints"), ("release", "releases"),
    ("course", "courses"), ("lesson", "lessons"), ("enrollment", "enrollments"),
    ("booking", "bookings"), ("room", "rooms"), ("resource", "resources"),
]

QUALIFIERS = [
    "internal", "external", "partner", "legacy", "archived", "pending", "draft",
    "recurring", "scheduled", "regional", "global", "local", "primary", "backup",
    "daily", "monthly", "annual", "corporate", "retail", "wholesale", "b2b",
    "b2c", "mobile", "web", "manual", "auto", "vip", "trial", "sandbox", "priority",
]

ENUMS = [
    ("order_status", ["pending", "confirmed", "shipped", "delivered", "cancelled", "returned"]),
    ("priority_level", ["low", "normal", "high", "urgent"]),
    ("currency_code", ["EUR", "USD", "GBP", "JPY", "CHF", "SEK"]),
    ("user_role", ["viewer", "editor", "admin", "owner"]),
    ("payment_method", ["card", "bank_transfer", "paypal", "invoice", "cash"]),
    ("approval_state", ["draft", "submitted", "approved", "rejected"]),
    ("visibility", ["private", "internal", "public"]),
]

# Column templates: name -> (kind, extra). Each table draws a subset.
# kind drives the type, default, NULL-ness and possible CHECKs.
COLUMN_POOL = [
    ("name", "text_name"), ("title", "text_name"), ("description", "text"),
    ("notes", "text"), ("code", "code"), ("sku", "code"), ("reference", "code"),
    ("email", "email"), ("phone", "varchar"), ("url", "varchar"),
    ("slug", "slug"), ("first_name", "varchar"), ("last_name", "varchar"),
    ("quantity", "int_nonneg"), ("position", "int_nonneg"), ("retry_count", "int_nonneg"),
    ("score", "int_range"), ("rating", "rating"), ("version", "int_version"),
    ("amount", "money"), ("price", "money"), ("balance", "numeric"),
    ("tax_rate", "percent"), ("discount_pct", "percent"), ("weight_kg", "numeric_pos"),
    ("is_active", "bool_true"), ("is_archived", "bool_false"), ("is_public", "bool_false"),
    ("verified", "bool_false"), ("enabled", "bool_true"),
    ("updated_at", "ts_now"), ("deleted_at", "ts_null"), ("published_at", "ts_null"),
    ("expires_at", "ts_null"), ("last_seen_at", "ts_null"),
    ("starts_on", "date_start"), ("due_on", "date"), ("birth_date", "date"),
    ("valid_from", "date_start"),
    ("metadata", "jsonb"), ("settings", "jsonb"), ("payload", "jsonb_null"),
    ("external_id", "uuid"), ("public_id", "uuid"), ("correlation_id", "uuid_null"),
    ("tags", "text_array"), ("aliases", "text_array"), ("labels", "text_array"),
    ("status", "enum"), ("priority", "enum"), ("currency", "enum"), ("kind", "enum"),
]


def ident(name):
    """Names here are always lower-case ASCII with underscores: no quoting needed."""
    return name[:MAX_IDENT]


class Table:
    __slots__ = ("schema", "name", "singular", "columns", "fks", "index", "constraint_names")

    def __init__(self, schema, name, singular, index):
        self.schema = schema
        self.name = name
        self.singular = singular
        self.columns = []  # list of dicts
        self.fks = []      # list of (column, parent Table)
        self.index = index
        self.constraint_names = set()

    @property
    def qname(self):
        return f"{self.schema}.{self.name}"


class Generator:
    def __init__(self, n_tables, seed):
        self.n = n_tables
        self.seed = seed
        self.rng = random.Random(seed)
        self.out = []
        self.used = {}  # schema -> set of relation-namespace names (tables, indexes, views, seqs)
        self.tables = []
        n_schemas = max(1, n_tables // 250)
        self.schemas = [self.schema_name(k) for k in range(n_schemas)]
        for s in self.schemas:
            self.used[s] = set()
        n_enums = min(len(ENUMS), 4 + n_schemas // 10 + (1 if n_tables >= 50 else 0))
        # Enums live mostly in the first schema, a few in others.
        self.enums = []
        for i in range(n_enums):
            name, labels = ENUMS[i]
            schema = self.schemas[0] if (i % 3 != 2 or n_schemas == 1) else self.schemas[i % n_schemas]
            self.enums.append((schema, name, labels))

    @staticmethod
    def schema_name(k):
        base = SCHEMA_NAMES[k % len(SCHEMA_NAMES)]
        round_ = k // len(SCHEMA_NAMES)
        if round_ == 0:
            return base
        if round_ <= len(SCHEMA_SUFFIXES):
            return f"{base}_{SCHEMA_SUFFIXES[round_ - 1]}"
        return f"{base}_{round_}"

    def claim(self, schema, name):
        """Reserve a unique name in a schema's relation namespace."""
        name = ident(name)
        used = self.used[schema]
        candidate = name
        k = 2
        while candidate in used:
            suffix = f"_{k}"
            candidate = name[:MAX_IDENT - len(suffix)] + suffix
            k += 1
        used.add(candidate)
        return candidate

    def constraint_name(self, t, name):
        """A constraint name unique within its table (CHECK, FK)."""
        name = ident(name)
        candidate, k = name, 2
        while candidate in t.constraint_names:
            suffix = f"_{k}"
            candidate = name[:MAX_IDENT - len(suffix)] + suffix
            k += 1
        t.constraint_names.add(candidate)
        return candidate

    def emit(self, text=""):
        self.out.append(text)

    # ---- model -------------------------------------------------------------

    def pick_table_name(self, schema):
        rng = self.rng
        used = self.used[schema]
        for _ in range(6):
            sing, plur = NOUNS[rng.randrange(len(NOUNS))]
            if rng.random() < 0.6 and plur not in used:
                return sing, plur
            q = QUALIFIERS[rng.randrange(len(QUALIFIERS))]
            if f"{q}_{plur}" not in used:
                return f"{q}_{sing}", f"{q}_{plur}"
        sing, plur = NOUNS[rng.randrange(len(NOUNS))]
        q = QUALIFIERS[rng.randrange(len(QUALIFIERS))]
        return f"{q}_{sing}", f"{q}_{plur}"

    def enum_for(self, colname):
        rng = self.rng
        preferred = {"status": "order_status", "priority": "priority_level",
                     "currency": "currency_code", "kind": None}.get(colname)
        for e in self.enums:
            if e[1] == preferred:
                return e
        return self.enums[rng.randrange(len(self.enums))]

    def make_column(self, table, name, kind):
        rng = self.rng
        c = {"name": name, "type": None, "not_null": False, "default": None, "check": None,
             "unique": False, "kind": kind}
        r = rng.random()
        if kind == "text_name":
            c["type"] = "text"
            c["not_null"] = True
            if r < 0.5:
                c["check"] = f"char_length({name}) > 0"
        elif kind == "text":
            c["type"] = "text"
            if r < 0.3:
                c["not_null"], c["default"] = True, "''"
        elif kind == "code":
            n = rng.choice([16, 32, 40, 64])
            c["type"] = f"varchar({n})"
            c["not_null"] = True
            if r < 0.4:
                c["check"] = f"{name} ~ '^[A-Z0-9_-]+$'"
            elif r < 0.7:
                c["check"] = f"char_length({name}) BETWEEN 2 AND {n}"
        elif kind == "email":
            c["type"] = "varchar(320)" if r < 0.5 else "text"
            c["not_null"] = rng.random() < 0.7
            if rng.random() < 0.5:
                c["check"] = f"position('@' in {name}) > 1"
        elif kind == "varchar":
            c["type"] = f"varchar({rng.choice([32, 64, 100, 128, 255])})"
            c["not_null"] = r < 0.3
        elif kind == "slug":
            c["type"] = "text"
            c["not_null"] = True
            c["check"] = f"{name} = lower({name})"
        elif kind == "int_nonneg":
            c["type"] = "integer"
            c["not_null"], c["default"] = True, "0"
            if r < 0.6:
                c["check"] = f"{name} >= 0"
        elif kind == "int_range":
            c["type"] = "integer"
            c["not_null"] = r < 0.5
            c["check"] = f"{name} BETWEEN 0 AND 100"
        elif kind == "rating":
            c["type"] = "smallint" if r < 0.5 else "integer"
            c["check"] = f"{name} BETWEEN 1 AND 5"
        elif kind == "int_version":
            c["type"] = "integer"
            c["not_null"], c["default"] = True, "1"
            c["check"] = f"{name} > 0"
        elif kind == "money":
            c["type"] = rng.choice(["numeric(12,2)", "numeric(14,2)", "numeric(18,4)"])
            c["not_null"], c["default"] = True, rng.choice(["0", "0.00"])
            if r < 0.7:
                c["check"] = f"{name} >= 0"
        elif kind == "numeric":
            c["type"] = rng.choice(["numeric(14,2)", "numeric(18,2)", "numeric"])
            c["not_null"], c["default"] = r < 0.6, ("0" if r < 0.6 else None)
        elif kind == "numeric_pos":
            c["type"] = rng.choice(["numeric(10,3)", "numeric(8,2)"])
            c["check"] = f"{name} > 0"
        elif kind == "percent":
            c["type"] = "numeric(5,2)"
            c["not_null"], c["default"] = True, "0"
            c["check"] = f"{name} BETWEEN 0 AND 100"
        elif kind in ("bool_true", "bool_false"):
            c["type"] = "boolean"
            c["not_null"] = True
            c["default"] = "true" if kind == "bool_true" else "false"
        elif kind == "ts_now":
            c["type"] = "timestamptz"
            c["not_null"], c["default"] = True, rng.choice(["now()", "now()", "CURRENT_TIMESTAMP"])
        elif kind == "ts_null":
            c["type"] = "timestamptz"
        elif kind == "date_start":
            c["type"] = "date"
            c["not_null"], c["default"] = True, "CURRENT_DATE"
        elif kind == "date":
            c["type"] = "date"
        elif kind == "jsonb":
            c["type"] = "jsonb"
            c["not_null"], c["default"] = True, "'{}'::jsonb"
            if r < 0.3:
                c["check"] = f"jsonb_typeof({name}) = 'object'"
        elif kind == "jsonb_null":
            c["type"] = "jsonb"
        elif kind == "uuid":
            c["type"] = "uuid"
            c["not_null"], c["default"] = True, "gen_random_uuid()"
            c["unique"] = r < 0.6
        elif kind == "uuid_null":
            c["type"] = "uuid"
        elif kind == "text_array":
            c["type"] = "text[]"
            c["not_null"], c["default"] = True, rng.choice(["'{}'", "'{}'::text[]", "ARRAY[]::text[]"])
            if r < 0.3:
                c["check"] = f"cardinality({name}) <= 20"
        elif kind == "enum":
            schema, ename, labels = self.enum_for(name)
            c["type"] = f"{schema}.{ename}"
            c["not_null"] = r < 0.8
            if c["not_null"]:
                c["default"] = f"'{labels[0]}'"
            c["enum_labels"] = labels
        else:  # pragma: no cover
            raise AssertionError(kind)
        return c

    def build(self):
        rng = self.rng
        n, n_schemas = self.n, len(self.schemas)
        for i in range(n):
            schema = self.schemas[i * n_schemas // n]
            sing, plur = self.pick_table_name(schema)
            name = self.claim(schema, plur)
            if name != plur:
                sing = f"{sing}{name[len(plur):]}" if name.startswith(plur) else name
            t = Table(schema, name, sing, i)
            self.claim(schema, f"{name}_id_seq")
            self.claim(schema, f"{name}_pkey")
            total = rng.randint(4, 15)
            # Foreign keys: most tables reference 0-3 earlier tables.
            n_fk = 0
            if i > 0:
                n_fk = rng.choices([0, 1, 2, 3], weights=[25, 40, 25, 10])[0]
                n_fk = min(n_fk, i, total - 3)
            cols = [{"name": "id", "kind": "pk",
                     "identity": "ALWAYS" if rng.random() < 0.8 else "BY DEFAULT"}]
            names = {"id"}
            for k in range(n_fk):
                parent = self.pick_parent(t)
                role = "" if k == 0 else rng.choice(["", "parent_", "source_", "target_",
                                                     "owner_", "primary_", "billing_"])
                cname = ident(f"{role}{parent.singular}_id")
                while cname in names:
                    cname = ident(f"{rng.choice(['alt_', 'other_', 'prev_', 'next_'])}{cname}")
                names.add(cname)
                not_null = rng.random() < 0.6
                on_delete = rng.choice(["CASCADE", "RESTRICT", None] + ([] if not_null else ["SET NULL"]))
                style = rng.choices(["inline", "table", "alter"], weights=[45, 45, 10])[0]
                cols.append({"name": cname, "kind": "fk", "type": "bigint", "not_null": not_null,
                             "parent": parent, "on_delete": on_delete, "style": style})
                t.fks.append((cname, parent))
            # Occasional self reference (trees: categories, threads, ...).
            if rng.random() < 0.04 and len(cols) < total:
                cols.append({"name": "parent_id", "kind": "fk", "type": "bigint", "not_null": False,
                             "parent": t, "on_delete": "CASCADE", "style": "inline"})
                names.add("parent_id")
            has_created = rng.random() < 0.85
            budget = total - len(cols) - (1 if has_created else 0)
            pool = [p for p in COLUMN_POOL if p[0] not in names]
            for cname, kind in rng.sample(pool, max(0, min(budget, len(pool)))):
                names.add(cname)
                cols.append(self.make_column(t, cname, kind))
            if has_created:
                cols.append({"name": "created_at", "kind": "ts_now", "type": "timestamptz",
                             "not_null": True, "default": "now()", "check": None, "unique": False})
            t.columns = cols
            self.tables.append(t)

    def pick_parent(self, t):
        """An earlier table: mostly recent ones in the same schema, some cross-schema."""
        rng = self.rng
        i = t.index
        if rng.random() < 0.15:
            j = rng.randrange(i)          # anywhere earlier (often another schema)
        else:
            lo = max(0, i - 60)
            j = rng.randrange(lo, i)      # nearby
        return self.tables[j]

    # ---- output ------------------------------------------------------------

    def column_sql(self, t, c):
        name = c["name"]
        if c["kind"] == "pk":
            return f"{name} bigint GENERATED {c['identity']} AS IDENTITY PRIMARY KEY"
        parts = [name, c["type"]]
        if c.get("not_null"):
            parts.append("NOT NULL")
        if c.get("default") is not None:
            parts.append(f"DEFAULT {c['default']}")
        if c["kind"] == "fk" and c["style"] == "inline":
            parts.append(f"REFERENCES {c['parent'].qname} (id)")
            if c["on_delete"]:
                parts.append(f"ON DELETE {c['on_delete']}")
        if c.get("unique") and c.get("inline_unique"):
            parts.append("UNIQUE")
        if c.get("check") and c.get("inline_check"):
            parts.append(f"CHECK ({c['check']})")
        return " ".join(parts)

    def emit_table(self, t):
        rng = self.rng
        lines = []
        table_constraints = []
        alters = []
        for c in t.columns:
            if c.get("check"):
                c["inline_check"] = rng.random() < 0.6
                if not c["inline_check"]:
                    table_constraints.append(
                        f"CONSTRAINT {self.constraint_name(t, t.name + '_' + c['name'] + '_check')}"
                        f" CHECK ({c['check']})")
            if c.get("unique"):
                c["inline_unique"] = rng.random() < 0.5
                if not c["inline_unique"]:
                    kname = self.claim(t.schema, f"{t.name}_{c['name']}_key")
                    table_constraints.append(f"CONSTRAINT {kname} UNIQUE ({c['name']})")
        for c in t.columns:
            lines.append(self.column_sql(t, c))
        for c in t.columns:
            if c["kind"] != "fk" or c["style"] == "inline":
                continue
            cname = self.constraint_name(t, f"{t.name}_{c['name']}_fkey")
            clause = f"FOREIGN KEY ({c['name']}) REFERENCES {c['parent'].qname} (id)"
            if c["on_delete"]:
                clause += f" ON DELETE {c['on_delete']}"
            if c["style"] == "table":
                table_constraints.append(f"CONSTRAINT {cname} {clause}")
            else:
                alters.append(f"ALTER TABLE {t.qname}\n    ADD CONSTRAINT {cname} {clause};")
        colnames = [c["name"] for c in t.columns]
        # Table-level CHECKs spanning two columns.
        if "starts_on" in colnames and "due_on" in colnames:
            table_constraints.append("CHECK (due_on IS NULL OR due_on >= starts_on)")
        if "valid_from" in colnames and "expires_at" in colnames and rng.random() < 0.7:
            table_constraints.append(
                f"CONSTRAINT {self.constraint_name(t, t.name + '_validity_check')} "
                f"CHECK (expires_at IS NULL OR expires_at::date >= valid_from)")
        if "is_archived" in colnames and "deleted_at" in colnames and rng.random() < 0.5:
            table_constraints.append("CHECK (deleted_at IS NULL OR is_archived)")
        # Composite UNIQUE: (first fk, a code-like column).
        code_cols = [c["name"] for c in t.columns if c["kind"] in ("code", "slug")]
        fk_cols = [c["name"] for c in t.columns if c["kind"] == "fk" and c["not_null"]]
        if code_cols and rng.random() < 0.6:
            cols = ([fk_cols[0]] if fk_cols else []) + [code_cols[0]]
            if rng.random() < 0.5:
                kname = self.claim(t.schema, f"{t.name}_{'_'.join(cols)}_key")
                table_constraints.append(f"CONSTRAINT {kname} UNIQUE ({', '.join(cols)})")
            else:
                self.claim(t.schema, f"{t.name}_{'_'.join(cols)}_key")
                table_constraints.append(f"UNIQUE ({', '.join(cols)})")

        self.emit(f"CREATE TABLE {t.qname} (")
        body = lines + table_constraints
        self.emit(",\n".join("    " + b for b in body))
        self.emit(");")
        if rng.random() < 0.1:
            self.emit(f"COMMENT ON TABLE {t.qname} IS "
                      f"'{t.singular.replace('_', ' ').capitalize()} records ({t.schema}).';")
        for a in alters:
            self.emit(a)
        self.emit_indexes(t)
        self.emit()

    def index(self, t, cols_label, sql_tail, unique=False, using=None):
        name = self.claim(t.schema, f"{t.name}_{cols_label}_idx")
        u = "UNIQUE " if unique else ""
        us = f" USING {using}" if using else ""
        self.emit(f"CREATE {u}INDEX {name} ON {t.qname}{us} {sql_tail};")

    def emit_indexes(self, t):
        rng = self.rng
        by_name = {c["name"]: c for c in t.columns}
        # FK columns: developers usually index them.
        for c in t.columns:
            if c["kind"] == "fk" and rng.random() < 0.7:
                self.index(t, c["name"], f"({c['name']})")
        # Plain indexes.
        for cname in ("created_at", "updated_at", "due_on", "status", "priority"):
            if cname in by_name and rng.random() < 0.35:
                if cname in ("created_at", "updated_at") and rng.random() < 0.3:
                    self.index(t, cname, f"({cname} DESC)")
                else:
                    self.index(t, cname, f"({cname})")
        # Expression indexes.
        for cname in ("email", "name", "title", "last_name"):
            if cname in by_name and rng.random() < 0.5:
                unique = cname == "email" and rng.random() < 0.5
                self.index(t, f"lower_{cname}", f"(lower({cname}))", unique=unique)
        # Partial indexes.
        if "deleted_at" in by_name and rng.random() < 0.6:
            key = next((c for c in ("created_at", "updated_at", "name", "title") if c in by_name), "id")
            self.index(t, f"{key}_live", f"({key}) WHERE deleted_at IS NULL")
        if "is_active" in by_name and rng.random() < 0.5:
            key = next((c["name"] for c in t.columns if c["kind"] == "fk"), "id")
            self.index(t, f"{key}_active", f"({key}) WHERE is_active")
        if "expires_at" in by_name and rng.random() < 0.4:
            self.index(t, "expires_at", "(expires_at) WHERE expires_at IS NOT NULL")
        st = by_name.get("status")
        if st and st.get("enum_labels") and rng.random() < 0.3:
            label = st["enum_labels"][0]
            self.index(t, f"status_{label}", f"(created_at) WHERE status = '{label}'"
                       if "created_at" in by_name else f"(id) WHERE status = '{label}'")
        # GIN on jsonb / arrays now and then.
        for c in t.columns:
            if c.get("type") in ("jsonb", "text[]") and c.get("not_null") and rng.random() < 0.15:
                self.index(t, c["name"], f"({c['name']})", using="gin")
        # Multi-column index.
        fks = [c["name"] for c in t.columns if c["kind"] == "fk"]
        if fks and "created_at" in by_name and rng.random() < 0.25:
            self.index(t, f"{fks[0]}_created_at", f"({fks[0]}, created_at DESC)")

    def emit_view(self, child, fk_col, parent):
        rng = self.rng
        name = self.claim(child.schema, f"{child.name}_with_{parent.singular}"
                          if rng.random() < 0.6 else f"v_{child.name}_{parent.singular}")
        plain = lambda t: [c["name"] for c in t.columns
                           if c["kind"] not in ("pk", "fk") and c["name"] != "created_at"]
        ccols = plain(child)
        pcols = plain(parent)
        chosen_c = rng.sample(ccols, min(len(ccols), rng.randint(1, 4)))
        chosen_p = rng.sample(pcols, min(len(pcols), rng.randint(1, 3)))
        select = ["c.id"]
        seen = {"id"}
        for cn in chosen_c:
            select.append(f"c.{cn}")
            seen.add(cn)
        select.append(f"c.{fk_col}")
        seen.add(fk_col)
        for pn in chosen_p:
            alias = ident(f"{parent.singular}_{pn}")
            if alias in seen:
                continue
            seen.add(alias)
            select.append(f"p.{pn} AS {alias}")
        join = "LEFT JOIN" if rng.random() < 0.3 else "JOIN"
        where = []
        cby = {c["name"]: c for c in child.columns}
        if "deleted_at" in cby:
            where.append("c.deleted_at IS NULL")
        if "is_active" in {c["name"] for c in parent.columns} and join == "JOIN" and rng.random() < 0.5:
            where.append("p.is_active")
        self.emit(f"CREATE VIEW {child.schema}.{name} AS")
        self.emit("SELECT " + ",\n       ".join(select))
        self.emit(f"FROM {child.qname} c")
        self.emit(f"{join} {parent.qname} p ON p.id = c.{fk_col}"
                  + (";" if not where else ""))
        if where:
            self.emit("WHERE " + "\n  AND ".join(where) + ";")
        self.emit()

    def generate(self):
        self.build()
        rng = self.rng
        # Views: about one per ten tables, over tables that have a foreign key
        # to another table.
        candidates = [t for t in self.tables if any(p is not t for _, p in t.fks)]
        n_views = min(len(candidates), max(1 if candidates else 0, self.n // 10))
        view_tables = set(id(t) for t in rng.sample(candidates, n_views))

        self.emit(f"-- Generated by tools/bench/gen_schema.py --tables {self.n} --seed {self.seed}")
        self.emit(f"-- {self.n} tables in {len(self.schemas)} schema(s), {len(self.enums)} enum types,"
                  f" {n_views} views.")
        self.emit()
        for s in self.schemas:
            self.emit(f"CREATE SCHEMA {s};")
        self.emit()
        for schema, name, labels in self.enums:
            self.emit(f"CREATE TYPE {schema}.{name} AS ENUM ("
                      + ", ".join(f"'{l}'" for l in labels) + ");")
        self.emit()
        pending_views = []
        current = None
        for t in self.tables:
            if t.schema != current:
                for v in pending_views:
                    self.emit_view(*v)
                pending_views = []
                current = t.schema
                self.emit(f"-- ---------------------------------------------------------------")
                self.emit(f"-- {t.schema}")
                self.emit(f"-- ---------------------------------------------------------------")
                self.emit()
            self.emit_table(t)
            if id(t) in view_tables:
                fk_col, parent = next((c, p) for c, p in t.fks if p is not t)
                pending_views.append((t, fk_col, parent))
        for v in pending_views:
            self.emit_view(*v)
        return "\n".join(self.out) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tables", "-n", type=int, required=True, help="number of tables")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--out", "-o", help="output file (default stdout)")
    args = ap.parse_args(argv)
    if args.tables < 1:
        ap.error("--tables must be at least 1")
    g = Generator(args.tables, args.seed)
    sql = g.generate()
    if args.out and args.out != "-":
        with open(args.out, "w", encoding="utf-8", newline="\n") as f:
            f.write(sql)
    else:
        sys.stdout.write(sql)
    return 0


if __name__ == "__main__":
    sys.exit(main())
