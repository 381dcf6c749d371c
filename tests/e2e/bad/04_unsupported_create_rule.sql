-- expect: 14:1 unsupported statement CREATE RULE (rules are not modelled)
CREATE TABLE public.events (
    id integer NOT NULL,
    kind text NOT NULL,
    CONSTRAINT events_pkey PRIMARY KEY (id)
);

CREATE TABLE public.events_archive (
    id integer NOT NULL,
    kind text NOT NULL
);

-- redirect deletes into the archive
CREATE RULE events_archive_on_delete AS
    ON DELETE TO public.events
    DO ALSO INSERT INTO public.events_archive (id, kind) VALUES (old.id, old.kind);

CREATE INDEX events_kind_idx ON public.events USING btree (kind);
