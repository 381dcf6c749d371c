-- Several schemas with tables of the same name in different schemas, and
-- foreign keys that cross schema boundaries in both directions.

CREATE SCHEMA accounts;

CREATE SCHEMA billing;

CREATE SCHEMA inventory;

CREATE SCHEMA "Reporting";

CREATE TABLE accounts.users (
    id bigint NOT NULL,
    email text NOT NULL,
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT users_email_key UNIQUE (email)
);

-- same table name as accounts.users, different schema
CREATE TABLE billing.users (
    id bigint NOT NULL,
    account_user_id bigint NOT NULL,
    stripe_customer text,
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT users_account_user_id_fkey FOREIGN KEY (account_user_id) REFERENCES accounts.users(id) ON DELETE CASCADE
);

CREATE TABLE inventory.products (
    id integer NOT NULL,
    sku text NOT NULL,
    owner_id bigint,
    CONSTRAINT products_pkey PRIMARY KEY (id),
    CONSTRAINT products_sku_key UNIQUE (sku),
    CONSTRAINT products_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES accounts.users(id) ON DELETE SET NULL
);

CREATE TABLE billing.invoices (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    total numeric(12,2) NOT NULL,
    CONSTRAINT invoices_pkey PRIMARY KEY (id),
    CONSTRAINT invoices_user_id_fkey FOREIGN KEY (user_id) REFERENCES billing.users(id)
);

CREATE TABLE billing.invoice_lines (
    invoice_id bigint NOT NULL,
    line_no integer NOT NULL,
    product_id integer NOT NULL,
    quantity integer NOT NULL,
    CONSTRAINT invoice_lines_pkey PRIMARY KEY (invoice_id, line_no),
    CONSTRAINT invoice_lines_invoice_id_fkey FOREIGN KEY (invoice_id) REFERENCES billing.invoices(id) ON DELETE CASCADE,
    CONSTRAINT invoice_lines_product_id_fkey FOREIGN KEY (product_id) REFERENCES inventory.products(id)
);

-- a public table referencing into a Mixed-Case schema and back
CREATE TABLE "Reporting"."Snapshots" (
    "Id" integer NOT NULL,
    invoice_id bigint,
    CONSTRAINT "Snapshots_pkey" PRIMARY KEY ("Id"),
    CONSTRAINT "Snapshots_invoice_id_fkey" FOREIGN KEY (invoice_id) REFERENCES billing.invoices(id)
);

CREATE TABLE public.snapshot_notes (
    snapshot_id integer NOT NULL,
    note text,
    CONSTRAINT snapshot_notes_snapshot_id_fkey FOREIGN KEY (snapshot_id) REFERENCES "Reporting"."Snapshots"("Id") ON DELETE CASCADE
);
