-- PrivacyLedger storage for PostgreSQL, schema version 6: compact rows, and data keys in a table of their own.
--
--   service       the one service (Orleans ServiceId) whose rows this schema holds. The per-person tables no longer
--                 repeat its id in every row and every primary-key entry; the migrator refuses to start a node of
--                 another service on this schema. A second service gets a schema of its own.
--   unique_index  keys and owners as bytea in PrivacyLedger.Storage.CompactKey form: a tag byte, then for lower-case
--                 hex (identifier hashes, subject ids) its bytes, else the text's UTF-8. Half the bytes of hex text in
--                 the row and in the primary key. No creation time: nothing read it.
--   data_keys     one wrapped data key per subject, in the same form. Key material never shares a table with the
--                 identifier index: a dump, a grant or a scan of one is not one of the other.
--   grain_state, stream_events, set_entries: as in versions 1 and 2 without service_id, fixed-width columns first.
--
-- Every table is rebuilt (not altered in place), so the old files, with every dead row in them, are dropped. The rows
-- of versions 1 and 2 are carried over, keys converted by the same rule as CompactKey.Encode.

DO $$
DECLARE
    services text[];
BEGIN
    SELECT array_agg(DISTINCT service_id) INTO services FROM (
        SELECT service_id FROM grain_state UNION SELECT service_id FROM stream_events
        UNION SELECT service_id FROM set_entries UNION SELECT service_id FROM unique_index) AS rows;
    IF cardinality(services) > 1 THEN
        RAISE EXCEPTION 'This schema holds the rows of % services; from schema version 6 a schema holds one service. Move each other service''s rows to a schema of its own first.', cardinality(services);
    END IF;
    CREATE TABLE service (
        singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        service_id text    NOT NULL
    );
    IF cardinality(services) = 1 THEN
        INSERT INTO service (service_id) VALUES (services[1]);
    END IF;
END $$;

CREATE FUNCTION pg_temp.compact_key(value text) RETURNS bytea LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT CASE WHEN value ~ '^([0-9a-f]{2})+$' THEN '\x01'::bytea || decode(value, 'hex')
                ELSE '\x02'::bytea || convert_to(value, 'UTF8') END
$$;

ALTER TABLE grain_state RENAME TO grain_state_v1;
ALTER TABLE grain_state_v1 RENAME CONSTRAINT grain_state_pkey TO grain_state_v1_pkey;
CREATE TABLE grain_state (
    version     bigint      NOT NULL CHECK (version > 0),
    modified_at timestamptz NOT NULL,
    grain_type  text        NOT NULL,
    grain_key   text        NOT NULL,
    payload     bytea,
    CONSTRAINT grain_state_pkey PRIMARY KEY (grain_type, grain_key)
);
INSERT INTO grain_state (version, modified_at, grain_type, grain_key, payload)
SELECT version, modified_at, grain_type, grain_key, payload FROM grain_state_v1;
DROP TABLE grain_state_v1;

ALTER TABLE stream_events RENAME TO stream_events_v2;
ALTER TABLE stream_events_v2 RENAME CONSTRAINT stream_events_pkey TO stream_events_v2_pkey;
CREATE TABLE stream_events (
    seq         bigint      NOT NULL CHECK (seq > 0),
    appended_at timestamptz NOT NULL,
    stream_id   text        NOT NULL,
    payload     bytea       NOT NULL,
    CONSTRAINT stream_events_pkey PRIMARY KEY (stream_id, seq)
);
INSERT INTO stream_events (seq, appended_at, stream_id, payload)
SELECT seq, appended_at, stream_id, payload FROM stream_events_v2;
DROP TABLE stream_events_v2;

ALTER TABLE set_entries RENAME TO set_entries_v2;
ALTER TABLE set_entries_v2 RENAME CONSTRAINT set_entries_pkey TO set_entries_v2_pkey;
CREATE TABLE set_entries (
    modified_at timestamptz      NOT NULL,
    set_id      text COLLATE "C" NOT NULL,
    member      text COLLATE "C" NOT NULL,
    payload     bytea            NOT NULL,
    CONSTRAINT set_entries_pkey PRIMARY KEY (set_id, member)
);
INSERT INTO set_entries (modified_at, set_id, member, payload)
SELECT modified_at, set_id, member, payload FROM set_entries_v2;
DROP TABLE set_entries_v2;

CREATE TABLE data_keys (
    subject     bytea NOT NULL,
    wrapped     bytea NOT NULL,
    CONSTRAINT data_keys_pkey PRIMARY KEY (subject)
);
INSERT INTO data_keys (subject, wrapped)
SELECT pg_temp.compact_key(index_key), pg_temp.compact_key(owner) FROM unique_index WHERE index_name = 'data-keys';

ALTER TABLE unique_index RENAME TO unique_index_v2;
ALTER TABLE unique_index_v2 RENAME CONSTRAINT unique_index_pkey TO unique_index_v2_pkey;
CREATE TABLE unique_index (
    index_name  text  NOT NULL,
    index_key   bytea NOT NULL,
    owner       bytea NOT NULL,
    CONSTRAINT unique_index_pkey PRIMARY KEY (index_name, index_key)
);
INSERT INTO unique_index (index_name, index_key, owner)
SELECT index_name, pg_temp.compact_key(index_key), pg_temp.compact_key(owner) FROM unique_index_v2 WHERE index_name <> 'data-keys';
DROP TABLE unique_index_v2;

DROP FUNCTION pg_temp.compact_key(text);
