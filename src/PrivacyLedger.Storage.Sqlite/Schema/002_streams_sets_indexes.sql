-- PrivacyLedger storage for SQLite, schema version 2: event streams, ordered sets, unique indexes.
--
-- Contract: the same as the PostgreSQL script (IEventStreamStore, IOrderedSetStore, IUniqueIndexStore):
--   stream_events  append-only, (service_id, stream_id, seq) unique, written with the owning grain's state.
--   set_entries    one row per (service_id, set_id, member), listed in ordinal (BINARY) member order.
--   unique_index   one owner per (service_id, index_name, index_key); first claim wins.

CREATE TABLE stream_events (
    service_id  TEXT    NOT NULL,
    stream_id   TEXT    NOT NULL,
    seq         INTEGER NOT NULL CHECK (seq > 0),
    payload     BLOB    NOT NULL,
    appended_at INTEGER NOT NULL,
    PRIMARY KEY (service_id, stream_id, seq)
) WITHOUT ROWID;

CREATE TABLE set_entries (
    service_id  TEXT    NOT NULL,
    set_id      TEXT    NOT NULL,
    member      TEXT    NOT NULL,
    payload     BLOB    NOT NULL,
    modified_at INTEGER NOT NULL,
    PRIMARY KEY (service_id, set_id, member)
) WITHOUT ROWID;

CREATE TABLE unique_index (
    service_id  TEXT NOT NULL,
    index_name  TEXT NOT NULL,
    index_key   TEXT NOT NULL,
    owner       TEXT NOT NULL,
    PRIMARY KEY (service_id, index_name, index_key)
) WITHOUT ROWID;
