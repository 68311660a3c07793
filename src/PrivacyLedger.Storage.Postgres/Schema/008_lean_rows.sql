-- PrivacyLedger storage for PostgreSQL, schema version 8: leaner rows in the three per-person tables.
--
--   grain_state    grain_type is the type's number in names (PostgresNames), as set ids and index names already are: 4
--                  bytes in the row and in the primary key, not the type's text. No modified_at: nothing read it.
--   stream_events  no appended_at: nothing read it (an event's own time is in its payload).
--   set_entries    no modified_at: nothing read it.
-- Column order as measured with pg_column_size: the 8-byte column first, then the 4-byte one; in grain_state and
-- stream_events the payload (over 126 bytes, so a 4-byte-aligned varlena) before the short key, so no padding precedes it.
--
-- The three tables are rebuilt set-based (a join on names, no function per row), so the old files and the bytes of the
-- dropped columns go at once; each primary key is built after its rows are in, by one sort. Stored payloads are kept as
-- they are: ledger events in their earlier forms still read (PrivacyLedger.Ledger.Chain.LedgerEventCodec).

SET LOCAL maintenance_work_mem = '256MB';

INSERT INTO names (name)
SELECT DISTINCT grain_type FROM grain_state ORDER BY 1
ON CONFLICT (name) DO NOTHING;

ALTER TABLE grain_state RENAME TO grain_state_v7;
ALTER TABLE grain_state_v7 RENAME CONSTRAINT grain_state_pkey TO grain_state_v7_pkey;
CREATE TABLE grain_state (
    version     bigint  NOT NULL CHECK (version > 0),
    grain_type  integer NOT NULL,
    payload     bytea,
    grain_key   bytea   NOT NULL
);
INSERT INTO grain_state (version, grain_type, payload, grain_key)
SELECT g.version, n.id, g.payload, g.grain_key FROM grain_state_v7 AS g JOIN names AS n ON n.name = g.grain_type;
DROP TABLE grain_state_v7;
ALTER TABLE grain_state ADD CONSTRAINT grain_state_pkey PRIMARY KEY (grain_type, grain_key);

ALTER TABLE stream_events RENAME TO stream_events_v7;
ALTER TABLE stream_events_v7 RENAME CONSTRAINT stream_events_pkey TO stream_events_v7_pkey;
CREATE TABLE stream_events (
    seq         bigint  NOT NULL CHECK (seq > 0),
    payload     bytea   NOT NULL,
    stream_id   bytea   NOT NULL
);
INSERT INTO stream_events (seq, payload, stream_id)
SELECT seq, payload, stream_id FROM stream_events_v7;
DROP TABLE stream_events_v7;
ALTER TABLE stream_events ADD CONSTRAINT stream_events_pkey PRIMARY KEY (stream_id, seq);

ALTER TABLE set_entries RENAME TO set_entries_v7;
ALTER TABLE set_entries_v7 RENAME CONSTRAINT set_entries_pkey TO set_entries_v7_pkey;
CREATE TABLE set_entries (
    set_id      integer NOT NULL,
    member      bytea   NOT NULL,
    payload     bytea   NOT NULL
);
INSERT INTO set_entries (set_id, member, payload)
SELECT set_id, member, payload FROM set_entries_v7;
DROP TABLE set_entries_v7;
ALTER TABLE set_entries ADD CONSTRAINT set_entries_pkey PRIMARY KEY (set_id, member);
