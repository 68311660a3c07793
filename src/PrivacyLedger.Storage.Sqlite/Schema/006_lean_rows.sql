-- PrivacyLedger storage for SQLite, schema version 6: leaner rows (see the PostgreSQL script 008 for the reasons).
--
--   grain_state    grain_type is the type's number in names, as set ids and index names already are; no modified_at.
--   stream_events  no appended_at.
--   set_entries    no modified_at.
-- Nothing read those times. The tables are rebuilt set-based, rows inserted in primary-key order; payloads are kept as
-- they are (ledger events in their earlier forms still read).

INSERT INTO names (name)
SELECT DISTINCT grain_type FROM grain_state WHERE true
ON CONFLICT (name) DO NOTHING;

ALTER TABLE grain_state RENAME TO grain_state_v5;
CREATE TABLE grain_state (
    grain_type  INTEGER NOT NULL,
    grain_key   BLOB    NOT NULL,
    version     INTEGER NOT NULL CHECK (version > 0),
    payload     BLOB,
    PRIMARY KEY (grain_type, grain_key)
) WITHOUT ROWID;
INSERT INTO grain_state (grain_type, grain_key, version, payload)
SELECT n.id, g.grain_key, g.version, g.payload FROM grain_state_v5 AS g JOIN names AS n ON n.name = g.grain_type
 ORDER BY n.id, g.grain_key;
DROP TABLE grain_state_v5;

ALTER TABLE stream_events RENAME TO stream_events_v5;
CREATE TABLE stream_events (
    stream_id   BLOB    NOT NULL,
    seq         INTEGER NOT NULL CHECK (seq > 0),
    payload     BLOB    NOT NULL,
    PRIMARY KEY (stream_id, seq)
) WITHOUT ROWID;
INSERT INTO stream_events (stream_id, seq, payload)
SELECT stream_id, seq, payload FROM stream_events_v5 ORDER BY stream_id, seq;
DROP TABLE stream_events_v5;

ALTER TABLE set_entries RENAME TO set_entries_v5;
CREATE TABLE set_entries (
    set_id      INTEGER NOT NULL,
    member      BLOB    NOT NULL,
    payload     BLOB    NOT NULL,
    PRIMARY KEY (set_id, member)
) WITHOUT ROWID;
INSERT INTO set_entries (set_id, member, payload)
SELECT set_id, member, payload FROM set_entries_v5 ORDER BY set_id, member;
DROP TABLE set_entries_v5;
