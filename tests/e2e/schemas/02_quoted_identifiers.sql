-- Quoted identifiers: Mixed-Case names, unicode names ("café", "日本"),
-- reserved words ("select", "order", "user", "table", "group"), names with
-- spaces, dots, quotes and dollar signs, in a Mixed-Case schema too.

CREATE SCHEMA "MySchema";

CREATE TABLE public."Customer" (
    "CustomerId" integer NOT NULL,
    "FirstName" text NOT NULL,
    "lastName" text,
    "E-Mail" text,
    "select" boolean DEFAULT false NOT NULL,
    "user" text,
    CONSTRAINT "Customer_pkey" PRIMARY KEY ("CustomerId")
);

CREATE TABLE public."order" (
    "order" integer NOT NULL,
    "user" integer,
    "group" text,
    "from" date,
    "to" date,
    "table" text,
    CONSTRAINT order_pkey PRIMARY KEY ("order"),
    CONSTRAINT "order_user_fkey" FOREIGN KEY ("user") REFERENCES public."Customer"("CustomerId"),
    CONSTRAINT "from before to" CHECK (("from" <= "to"))
);

CREATE TABLE public."café" (
    "prix€" numeric(6,2),
    "crème brûlée" text,
    "日本" text,
    "naïve" boolean
);

CREATE TABLE public."日本" (
    "東京" integer NOT NULL,
    "大阪" text,
    CONSTRAINT "日本_pkey" PRIMARY KEY ("東京")
);

CREATE TABLE "MySchema"."Weird Table" (
    "column with spaces" integer NOT NULL,
    "dotted.name" text,
    "quote""inside" text,
    "dollar$sign" text,
    "UPPER" text,
    lower_case text,
    CONSTRAINT "Weird Table_pkey" PRIMARY KEY ("column with spaces")
);

CREATE TABLE "MySchema"."select" (
    id integer NOT NULL,
    "order" integer,
    CONSTRAINT select_pkey PRIMARY KEY (id)
);

CREATE INDEX "Customer_LastName_Idx" ON public."Customer" USING btree ("lastName");

CREATE INDEX "idx_café_prix" ON public."café" USING btree ("prix€");

CREATE INDEX "order_user_idx" ON public."order" USING btree ("user");

CREATE UNIQUE INDEX "select_order_key" ON "MySchema"."select" USING btree ("order");
