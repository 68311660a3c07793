-- Orleans reminders in SQLite, for the embedded single-node default: the table behind SqliteReminderTable,
-- our implementation of Orleans.IReminderTable (Microsoft.Orleans.Reminders 10.4.2). Orleans ships no SQLite
-- reminder provider; this one keeps the same contract as its ADO.NET provider on PostgreSQL (script 005 there),
-- checked by the same ReminderTableContract tests.
--
--   One row per (service_id, grain_id, reminder_name); grain_id is GrainId.ToString(), parsed back with
--   GrainId.Parse. grain_hash is GrainId.GetUniformHashCode() as an unsigned value (0 .. 2^32-1), indexed,
--   so that a silo's read of its range of the ring is an index range. start_at is Unix milliseconds (UTC),
--   period_ms the period. etag changes on every upsert and is never reused, so a RemoveRow with an ETag from
--   before is refused.

CREATE TABLE orleans_reminders (
    service_id    TEXT    NOT NULL,
    grain_id      TEXT    NOT NULL,
    reminder_name TEXT    NOT NULL,
    grain_hash    INTEGER NOT NULL CHECK (grain_hash BETWEEN 0 AND 4294967295),
    start_at      INTEGER NOT NULL,
    period_ms     INTEGER NOT NULL CHECK (period_ms >= 0),
    etag          TEXT    NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
) WITHOUT ROWID;

CREATE INDEX orleans_reminders_ring ON orleans_reminders (service_id, grain_hash);
