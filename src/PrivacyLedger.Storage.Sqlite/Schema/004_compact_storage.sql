-- PrivacyLedger storage for SQLite, schema version 4: compact rows, and data keys in a table of their own.
--
--   service       the one service (Orleans ServiceId) whose rows this file holds. The per-person tables no longer
--                 repeat its id in every row; the migrator refuses to start a node of another service on this file.
--                 (A file that held two services' rows fails this script on service's primary key, and stays as it was.)
--   unique_index  keys and owners as BLOBs in PrivacyLedger.Storage.CompactKey form: a tag byte, then for lower-case
--                 hex (identifier hashes, subject ids) its bytes, else the text's UTF-8.
--   data_keys     one wrapped data key per subject, in the same form. Key material never shares a table with the
--                 identifier index.
--   grain_state, stream_events, set_entries: as in versions 1 and 2 without service_id.
-- The rows of versions 1 and 2 are carried over; compact_key() is bound by the migrator to CompactKey.Encode.
-- The reminders table keeps its service_id: it is not per person, and Orleans' contract names the service.

CREATE TABLE service (
    singleton  INTEGER PRIMARY KEY CHECK (singleton = 1),
    service_id TEXT    NOT NULL
);
INSERT INTO service (singleton, service_id)
SELECT 1, service_id FROM (
    SELECT service_id FROM grain_state UNION SELECT service_id FROM stream_events
    UNION SELECT service_id FROM set_entries UNION SELECT service_id FROM unique_index);

ALTER TABLE grain_state RENAME TO grain_state_v1;
CREATE TABLE grain_state (
    grain_type  TEXT    NOT NULL,
    grain_key   TEXT    NOT NULL,
    version     INTEGER NOT NULL CHECK (version > 0),
    payload     BLOB,
    modified_at INTEGER NOT NULL,
    PRIMARY KEY (grain_type, grain_key)
) WITHOUT ROWID;
INSERT INTO grain_state (grain_type, grain_key, version, payload, modified_at)
SELECT grain_type, grain_key, version, payload, modified_at FROM grain_state_v1;
DROP TABLE grain_state_v1;

ALTER TABLE stream_events RENAME TO stream_events_v2;
CREATE TABLE stream_events (
    stream_id   TEXT    NOT NULL,
    seq         INTEGER NOT NULL CHECK (seq > 0),
    payload     BLOB    NOT NULL,
    appended_at INTEGER NOT NULL,
    PRIMARY KEY (stream_id, seq)
) WITHOUT ROWID;
INSERT INTO stream_events (stream_id, seq, payload, appended_at)
SELECT stream_id, seq, payload, appended_at FROM stream_events_v2;
DROP TABLE stream_events_v2;

ALTER TABLE set_entries RENAME TO set_entries_v2;
CREATE TABLE set_entries (
    set_id      TEXT    NOT NULL,
    member      TEXT    NOT NULL,
    payload     BLOB    NOT NULL,
    modified_at INTEGER NOT NULL,
    PRIMARY KEY (set_id, member)
) WITHOUT ROWID;
INSERT INTO set_entries (set_id, member, payload, modified_at)
SELECT set_id, member, payload, modified_at FROM set_entries_v2;
DROP TABLE set_entries_v2;

CREATE TABLE data_keys (
    subject BLOB NOT NULL PRIMARY KEY,
    wrapped BLOB NOT NULL
) WITHOUT ROWID;
INSERT INTO data_keys (subject, wrapped)
SELECT compact_key(index_key), compact_key(owner) FROM unique_index WHERE index_name = 'data-keys';

ALTER TABLE unique_index RENAME TO unique_index_v2;
CREATE TABLE unique_index (
    index_name TEXT NOT NULL,
    index_key  BLOB NOT NULL,
    owner      BLOB NOT NULL,
    PRIMARY KEY (index_name, index_key)
) WITHOUT ROWID;
INSERT INTO unique_index (index_name, index_key, owner)
SELECT index_name, compact_key(index_key), compact_key(owner) FROM unique_index_v2 WHERE index_name <> 'data-keys';
DROP TABLE unique_index_v2;
