-- PrivacyLedger storage for SQLite, schema version 5: compact row keys (see the PostgreSQL script 007 for the reasons).
--
--   names          a dictionary of set ids and index names; rows hold the number, not the name.
--   set_entries    set_id is the set's number; member a BLOB in PrivacyLedger.Storage.OrderedKey form, which sorts as the
--                  strings do, so a set pages in its members' string order.
--   unique_index   index_id is the index's number; keys of 'identifiers' and 'suppressions' cut to 16 bytes of hash.
--   grain_state    grain_key and stream_events.stream_id as BLOBs in PrivacyLedger.Storage.CompactKey form.
--   data_keys      wrapped keys as "v<version>:<hex>" (bare hex for version 1) are stored: the version and the raw bytes.
-- compact_key(), ordered_key(), recompact() and compact_wrapped() are bound by the migrator to the code that writes the same forms.

CREATE TABLE names (
    id   INTEGER PRIMARY KEY,
    name TEXT    NOT NULL UNIQUE
);
INSERT INTO names (name)
SELECT name FROM (SELECT set_id AS name FROM set_entries UNION SELECT index_name FROM unique_index) ORDER BY name;

ALTER TABLE grain_state RENAME TO grain_state_v4;
CREATE TABLE grain_state (
    grain_type  TEXT    NOT NULL,
    grain_key   BLOB    NOT NULL,
    version     INTEGER NOT NULL CHECK (version > 0),
    payload     BLOB,
    modified_at INTEGER NOT NULL,
    PRIMARY KEY (grain_type, grain_key)
) WITHOUT ROWID;
INSERT INTO grain_state (grain_type, grain_key, version, payload, modified_at)
SELECT grain_type, compact_key(grain_key), version, payload, modified_at FROM grain_state_v4;
DROP TABLE grain_state_v4;

ALTER TABLE stream_events RENAME TO stream_events_v4;
CREATE TABLE stream_events (
    stream_id   BLOB    NOT NULL,
    seq         INTEGER NOT NULL CHECK (seq > 0),
    payload     BLOB    NOT NULL,
    appended_at INTEGER NOT NULL,
    PRIMARY KEY (stream_id, seq)
) WITHOUT ROWID;
INSERT INTO stream_events (stream_id, seq, payload, appended_at)
SELECT compact_key(stream_id), seq, payload, appended_at FROM stream_events_v4;
DROP TABLE stream_events_v4;

ALTER TABLE set_entries RENAME TO set_entries_v4;
CREATE TABLE set_entries (
    set_id      INTEGER NOT NULL,
    member      BLOB    NOT NULL,
    payload     BLOB    NOT NULL,
    modified_at INTEGER NOT NULL,
    PRIMARY KEY (set_id, member)
) WITHOUT ROWID;
INSERT INTO set_entries (set_id, member, payload, modified_at)
SELECT n.id, ordered_key(s.member), s.payload, s.modified_at FROM set_entries_v4 AS s JOIN names AS n ON n.name = s.set_id;
DROP TABLE set_entries_v4;

ALTER TABLE unique_index RENAME TO unique_index_v4;
CREATE TABLE unique_index (
    index_id  INTEGER NOT NULL,
    index_key BLOB    NOT NULL,
    owner     BLOB    NOT NULL,
    PRIMARY KEY (index_id, index_key)
) WITHOUT ROWID;
INSERT INTO unique_index (index_id, index_key, owner)
SELECT n.id,
       CASE WHEN u.index_name IN ('identifiers', 'suppressions') AND substr(u.index_key, 1, 1) = x'01' AND length(u.index_key) = 33
            THEN substr(u.index_key, 1, 17) ELSE recompact(u.index_key) END,
       recompact(u.owner)
  FROM unique_index_v4 AS u JOIN names AS n ON n.name = u.index_name;
DROP TABLE unique_index_v4;

ALTER TABLE data_keys RENAME TO data_keys_v4;
CREATE TABLE data_keys (
    subject BLOB NOT NULL PRIMARY KEY,
    wrapped BLOB NOT NULL
) WITHOUT ROWID;
INSERT INTO data_keys (subject, wrapped)
SELECT recompact(subject), compact_wrapped(wrapped) FROM data_keys_v4;
DROP TABLE data_keys_v4;
