-- PrivacyLedger storage for PostgreSQL, schema version 9: smaller ledger event rows and primary-key entries.
--
--   keys           PrivacyLedger.Storage.CompactKey gives the well-known prefix "ledger" a tag of its own (5): the tag,
--                  then the hex's bytes. The per-subject ledger stream id "ledger/<32 hex>" takes 17 bytes, not 24 (the
--                  prefix form, tag 3, also stored the prefix's length and its six bytes). Every key the new encoder
--                  would store otherwise is re-encoded, in every column of CompactKey form, or a lookup in the new form
--                  would miss it: grain_state.grain_key, stream_events.stream_id, unique_index.index_key and owner,
--                  data_keys.subject and wrapped. Only "ledger/<hex>" in the prefix form changes: '\x03', 6, 'ledger'.
--   stream_events  seq is an integer (CHECK seq > 0): with the 18-byte stream id a primary-key entry takes 32 bytes, not
--                  48 (8 of header, the key padded to 4-byte alignment, 4 for seq; bigint would pad it to 8). The stream
--                  contract keeps long sequence numbers: the store refuses to append beyond 2,147,483,647
--                  (PostgresStreamSequence), and so does this upgrade, naming the column, rather than wrap.
--
-- stream_events, nearly every row of which changes its key, is rebuilt set-based as script 008 did (its primary key
-- built by one sort after the rows are in); the other tables hold such keys rarely if ever and are updated where they do.

SET LOCAL maintenance_work_mem = '256MB';

-- Inlined by the planner (a single SQL expression, not STRICT): no function call per row.
CREATE FUNCTION pg_temp.ledger_key(stored bytea) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN substring(stored FROM 1 FOR 8) = '\x03066c6564676572'::bytea THEN '\x05'::bytea || substring(stored FROM 9) ELSE stored END
$$;

ALTER TABLE stream_events RENAME TO stream_events_v8;
ALTER TABLE stream_events_v8 RENAME CONSTRAINT stream_events_pkey TO stream_events_v8_pkey;
CREATE TABLE stream_events (
    seq         integer NOT NULL CHECK (seq > 0),
    payload     bytea   NOT NULL,
    stream_id   bytea   NOT NULL
);
DO $$
BEGIN
    INSERT INTO stream_events (seq, payload, stream_id)
    SELECT seq, payload, pg_temp.ledger_key(stream_id) FROM stream_events_v8;
EXCEPTION WHEN numeric_value_out_of_range THEN
    RAISE EXCEPTION 'stream_events holds a sequence number beyond 2147483647, which schema version 9 stores as an integer: the upgrade is not applied';
END
$$;
DROP TABLE stream_events_v8;
ALTER TABLE stream_events ADD CONSTRAINT stream_events_pkey PRIMARY KEY (stream_id, seq);

UPDATE grain_state SET grain_key = pg_temp.ledger_key(grain_key)
 WHERE substring(grain_key FROM 1 FOR 8) = '\x03066c6564676572'::bytea;
UPDATE unique_index SET index_key = pg_temp.ledger_key(index_key), owner = pg_temp.ledger_key(owner)
 WHERE substring(index_key FROM 1 FOR 8) = '\x03066c6564676572'::bytea OR substring(owner FROM 1 FOR 8) = '\x03066c6564676572'::bytea;
UPDATE data_keys SET subject = pg_temp.ledger_key(subject), wrapped = pg_temp.ledger_key(wrapped)
 WHERE substring(subject FROM 1 FOR 8) = '\x03066c6564676572'::bytea OR substring(wrapped FROM 1 FOR 8) = '\x03066c6564676572'::bytea;

DROP FUNCTION pg_temp.ledger_key(bytea);
