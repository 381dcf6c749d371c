-- Column collations (COLLATE "C", "POSIX", "default" implicit), a collation
-- on a domain, and index columns with an explicit COLLATE that differs from
-- the column's collation.

CREATE TABLE public.words (
    id integer NOT NULL,
    word text COLLATE "C" NOT NULL,
    word_posix text COLLATE "POSIX",
    word_default text,
    code character varying(16) COLLATE "C",
    CONSTRAINT words_pkey PRIMARY KEY (id),
    CONSTRAINT words_word_key UNIQUE (word)
);

CREATE DOMAIN public.c_text AS text COLLATE "C";

CREATE TABLE public.labels (
    name public.c_text NOT NULL,
    sort_key text COLLATE "C"
);

-- index column collation different from the column's own
CREATE INDEX words_word_default_c_idx ON public.words USING btree (word_default COLLATE "C");

CREATE INDEX words_word_posix_idx ON public.words USING btree (word_posix);

CREATE INDEX labels_sort_key_posix_idx ON public.labels USING btree (sort_key COLLATE "POSIX" DESC);
