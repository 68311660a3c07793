-- PrivacyLedger runtime storage for PostgreSQL, schema version 1.
--
-- Contract (PrivacyLedger.Storage.IGrainStateStore and IReminderStore; checked by the shared
-- contract test suite against this script and the SQLite one):
--   grain_state  one row per (service_id, grain_type, grain_key). "version" is the ETag: 1 on the first
--                write, +1 on every write or clear. A write names the version it read and changes
--                nothing if storage holds another. payload NULL is a cleared tombstone, kept so that a
--                stale writer can never bring cleared state back.
--   reminders    one row per (service_id, grain_type, grain_key, reminder_name). lease_id and lease_until
--                mark the node running the current tick; a claim skips rows leased until later.
--
-- Times are timestamptz from the runtime's clock (TimeProvider), not now(), so rules about time are testable.

CREATE TABLE grain_state (
    service_id  text        NOT NULL,
    grain_type  text        NOT NULL,
    grain_key   text        NOT NULL,
    version     bigint      NOT NULL CHECK (version > 0),
    payload     bytea,
    modified_at timestamptz NOT NULL,
    CONSTRAINT grain_state_pkey PRIMARY KEY (service_id, grain_type, grain_key)
);

CREATE TABLE reminders (
    service_id    text        NOT NULL,
    grain_type    text        NOT NULL,
    grain_key     text        NOT NULL,
    reminder_name text        NOT NULL,
    due_at        timestamptz NOT NULL,
    period_ms     bigint      NOT NULL CHECK (period_ms >= 0),
    lease_id      uuid,
    lease_until   timestamptz,
    CONSTRAINT reminders_pkey PRIMARY KEY (service_id, grain_type, grain_key, reminder_name)
);

CREATE INDEX reminders_due ON reminders (service_id, due_at);
