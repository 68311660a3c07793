-- PrivacyLedger runtime storage for SQLite, schema version 1.
--
-- Contract: the same as the PostgreSQL script (PrivacyLedger.Storage.IGrainStateStore and
-- IReminderStore), checked by the same contract test suite:
--   grain_state  one row per (service_id, grain_type, grain_key); version is the ETag (1 on first write,
--                +1 per write or clear); payload NULL is a cleared tombstone.
--   reminders    one row per (service_id, grain_type, grain_key, reminder_name), leased while a tick runs.
--
-- Times are Unix milliseconds (UTC) from the runtime's clock.

CREATE TABLE grain_state (
    service_id  TEXT    NOT NULL,
    grain_type  TEXT    NOT NULL,
    grain_key   TEXT    NOT NULL,
    version     INTEGER NOT NULL CHECK (version > 0),
    payload     BLOB,
    modified_at INTEGER NOT NULL,
    PRIMARY KEY (service_id, grain_type, grain_key)
) WITHOUT ROWID;

CREATE TABLE reminders (
    service_id    TEXT    NOT NULL,
    grain_type    TEXT    NOT NULL,
    grain_key     TEXT    NOT NULL,
    reminder_name TEXT    NOT NULL,
    due_at        INTEGER NOT NULL,
    period_ms     INTEGER NOT NULL CHECK (period_ms >= 0),
    lease_id      TEXT,
    lease_until   INTEGER,
    PRIMARY KEY (service_id, grain_type, grain_key, reminder_name)
);

CREATE INDEX reminders_due ON reminders (service_id, due_at);
