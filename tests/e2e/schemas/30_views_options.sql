-- View options: WITH (security_barrier), WITH (security_invoker) (PG15),
-- both together, WITH CASCADED CHECK OPTION, WITH LOCAL CHECK OPTION, and
-- check options expressed through the check_option reloption.

CREATE TABLE public.documents (
    id integer NOT NULL,
    owner text NOT NULL,
    classification text DEFAULT 'public'::text NOT NULL,
    title text NOT NULL,
    CONSTRAINT documents_pkey PRIMARY KEY (id)
);

CREATE VIEW public.public_documents WITH (security_barrier='true') AS
 SELECT documents.id,
    documents.title
   FROM public.documents
  WHERE (documents.classification = 'public'::text);

CREATE VIEW public.my_documents WITH (security_invoker='true') AS
 SELECT documents.id,
    documents.owner,
    documents.title
   FROM public.documents
  WHERE (documents.owner = CURRENT_USER);

CREATE VIEW public.secret_documents WITH (security_barrier='true', security_invoker='true') AS
 SELECT documents.id,
    documents.owner,
    documents.classification,
    documents.title
   FROM public.documents
  WHERE (documents.classification = 'secret'::text);

-- auto-updatable views with check options
CREATE VIEW public.internal_documents AS
 SELECT documents.id,
    documents.owner,
    documents.classification,
    documents.title
   FROM public.documents
  WHERE (documents.classification = ANY (ARRAY['internal'::text, 'secret'::text]))
  WITH CASCADED CHECK OPTION;

CREATE VIEW public.internal_only AS
 SELECT internal_documents.id,
    internal_documents.owner,
    internal_documents.classification,
    internal_documents.title
   FROM public.internal_documents
  WHERE (internal_documents.classification = 'internal'::text)
  WITH LOCAL CHECK OPTION;

CREATE VIEW public.barrier_local WITH (security_barrier='false') AS
 SELECT documents.id,
    documents.title
   FROM public.documents
  WHERE (documents.id > 100)
  WITH LOCAL CHECK OPTION;
