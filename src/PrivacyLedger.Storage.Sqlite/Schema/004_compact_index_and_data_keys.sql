-- PrivacyLedger storage for SQLite, schema version 4: a compact unique index, and data keys in a table of their own.
--
--   unique_index  keys and owners as BLOBs in PrivacyLedger.Storage.CompactKey form: a tag byte, then for lower-case
--                 hex (identifier hashes, subject ids) its bytes, else the text's UTF-8.
--   data_keys     one wrapped data key per (service_id, subject), in the same form. Key material never shares a
--                 table with the identifier index.
-- The rows of schema version 2 are carried over by compact_key(), which the migrator binds to CompactKey.Encode.

CREATE TABLE data_keys (
    service_id TEXT NOT NULL,
    subject    BLOB NOT NULL,
    wrapped    BLOB NOT NULL,
    PRIMARY KEY (service_id, subject)
) WITHOUT ROWID;

INSERT INTO data_keys (service_id, subject, wrapped)
SELECT service_id, compact_key(index_key), compact_key(owner) FROM unique_index WHERE index_name = 'data-keys';

ALTER TABLE unique_index RENAME TO unique_index_v2;

CREATE TABLE unique_index (
    service_id TEXT NOT NULL,
    index_name TEXT NOT NULL,
    index_key  BLOB NOT NULL,
    owner      BLOB NOT NULL,
    PRIMARY KEY (service_id, index_name, index_key)
) WITHOUT ROWID;

INSERT INTO unique_index (service_id, index_name, index_key, owner)
SELECT service_id, index_name, compact_key(index_key), compact_key(owner) FROM unique_index_v2 WHERE index_name <> 'data-keys';

DROP TABLE unique_index_v2;
