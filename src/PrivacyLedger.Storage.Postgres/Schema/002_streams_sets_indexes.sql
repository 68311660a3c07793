-- PrivacyLedger storage for PostgreSQL, schema version 2: event streams, ordered sets, unique indexes.
--
-- Contract (PrivacyLedger.Storage.IEventStreamStore, IOrderedSetStore, IUniqueIndexStore):
--   stream_events  append-only; (service_id, stream_id, seq) unique, seq from 1 without gaps. Rows are
--                  inserted only in the statement that writes the owning grain's state, never updated.
--   set_entries    one row per (service_id, set_id, member); listed in member order ("C" collation, so
--                  keyset paging is ordinal and index-only). Written with the owning grain's state.
--   unique_index   one owner per (service_id, index_name, index_key); first claim wins, only the owner
--                  releases it. Holds keyed hashes and wrapped data keys, never clear-text identifiers.

CREATE TABLE stream_events (
    service_id  text        NOT NULL,
    stream_id   text        NOT NULL,
    seq         bigint      NOT NULL CHECK (seq > 0),
    payload     bytea       NOT NULL,
    appended_at timestamptz NOT NULL,
    CONSTRAINT stream_events_pkey PRIMARY KEY (service_id, stream_id, seq)
);

CREATE TABLE set_entries (
    service_id  text COLLATE "C" NOT NULL,
    set_id      text COLLATE "C" NOT NULL,
    member      text COLLATE "C" NOT NULL,
    payload     bytea       NOT NULL,
    modified_at timestamptz NOT NULL,
    CONSTRAINT set_entries_pkey PRIMARY KEY (service_id, set_id, member)
);

CREATE TABLE unique_index (
    service_id  text        NOT NULL,
    index_name  text        NOT NULL,
    index_key   text        NOT NULL,
    owner       text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT unique_index_pkey PRIMARY KEY (service_id, index_name, index_key)
);
