--
-- PostgreSQL database dump, in the exact layout pg_dump --schema-only
-- writes: session SET statements, set_config('search_path', '', false),
-- "-- Name: ...; Type: ..." headers, tables created without constraints,
-- constraints added later with ALTER TABLE ONLY, identity added with
-- ALTER COLUMN ... ADD GENERATED, defaults with ALTER COLUMN SET DEFAULT,
-- and OWNER TO statements (app_owner instead of the dumping user).
--


SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: library; Type: SCHEMA; Schema: -; Owner: app_owner
--

CREATE SCHEMA library;


ALTER SCHEMA library OWNER TO app_owner;

--
-- Name: genre; Type: TYPE; Schema: library; Owner: app_owner
--

CREATE TYPE library.genre AS ENUM (
    'fiction',
    'non-fiction',
    'poetry'
);


ALTER TYPE library.genre OWNER TO app_owner;

--
-- Name: book_count(integer); Type: FUNCTION; Schema: library; Owner: app_owner
--

CREATE FUNCTION library.book_count(author integer) RETURNS bigint
    LANGUAGE sql STABLE
    AS $$ SELECT count(*) FROM library.books WHERE author_id = author $$;


ALTER FUNCTION library.book_count(author integer) OWNER TO app_owner;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: authors; Type: TABLE; Schema: library; Owner: app_owner
--

CREATE TABLE library.authors (
    id integer NOT NULL,
    name text NOT NULL
);


ALTER TABLE library.authors OWNER TO app_owner;

--
-- Name: authors_id_seq; Type: SEQUENCE; Schema: library; Owner: app_owner
--

CREATE SEQUENCE library.authors_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE library.authors_id_seq OWNER TO app_owner;

--
-- Name: authors_id_seq; Type: SEQUENCE OWNED BY; Schema: library; Owner: app_owner
--

ALTER SEQUENCE library.authors_id_seq OWNED BY library.authors.id;


--
-- Name: books; Type: TABLE; Schema: library; Owner: app_owner
--

CREATE TABLE library.books (
    id bigint NOT NULL,
    author_id integer NOT NULL,
    title text NOT NULL,
    genre library.genre,
    published integer,
    CONSTRAINT books_published_check CHECK (((published > 1400) AND (published < 2100)))
);


ALTER TABLE library.books OWNER TO app_owner;

--
-- Name: books_by_genre; Type: VIEW; Schema: library; Owner: app_owner
--

CREATE VIEW library.books_by_genre AS
 SELECT books.genre,
    count(*) AS n
   FROM library.books
  GROUP BY books.genre;


ALTER TABLE library.books_by_genre OWNER TO app_owner;

--
-- Name: books_id_seq; Type: SEQUENCE; Schema: library; Owner: app_owner
--

ALTER TABLE library.books ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME library.books_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: authors id; Type: DEFAULT; Schema: library; Owner: app_owner
--

ALTER TABLE ONLY library.authors ALTER COLUMN id SET DEFAULT nextval('library.authors_id_seq'::regclass);


--
-- Name: authors authors_pkey; Type: CONSTRAINT; Schema: library; Owner: app_owner
--

ALTER TABLE ONLY library.authors
    ADD CONSTRAINT authors_pkey PRIMARY KEY (id);


--
-- Name: books books_pkey; Type: CONSTRAINT; Schema: library; Owner: app_owner
--

ALTER TABLE ONLY library.books
    ADD CONSTRAINT books_pkey PRIMARY KEY (id);


--
-- Name: books_title_idx; Type: INDEX; Schema: library; Owner: app_owner
--

CREATE INDEX books_title_idx ON library.books USING btree (title);


--
-- Name: books books_author_id_fkey; Type: FK CONSTRAINT; Schema: library; Owner: app_owner
--

ALTER TABLE ONLY library.books
    ADD CONSTRAINT books_author_id_fkey FOREIGN KEY (author_id) REFERENCES library.authors(id) ON DELETE CASCADE;


--
-- Name: SCHEMA library; Type: ACL; Schema: -; Owner: app_owner
--

GRANT USAGE ON SCHEMA library TO app_reader;


--
-- Name: TABLE books; Type: ACL; Schema: library; Owner: app_owner
--

GRANT SELECT ON TABLE library.books TO app_reader;


--
-- PostgreSQL database dump complete
--
