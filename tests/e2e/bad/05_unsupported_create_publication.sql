-- expect: 10:5 unsupported statement CREATE PUBLICATION (logical replication objects are not modelled)
CREATE SCHEMA replicated;

CREATE TABLE replicated.accounts (
    id bigint NOT NULL,
    balance numeric(12,2) DEFAULT 0 NOT NULL,
    CONSTRAINT accounts_pkey PRIMARY KEY (id)
);

    CREATE PUBLICATION accounts_pub FOR TABLE replicated.accounts WITH (publish = 'insert, update');

COMMENT ON TABLE replicated.accounts IS 'published to the reporting cluster';
