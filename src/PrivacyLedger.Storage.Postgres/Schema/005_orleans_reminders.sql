-- Orleans' ADO.NET providers on PostgreSQL, part 3: the reminder table (Microsoft.Orleans.Reminders.AdoNet
-- 10.4.2, silo.UseAdoNetReminderService with Invariant "Npgsql").
--
-- Query keys the 10.4.2 provider requires (it refuses to start without any of them): ReadReminderRowsKey,
-- ReadReminderRowKey, ReadRangeRows1Key, ReadRangeRows2Key, UpsertReminderRowKey, DeleteReminderRowKey,
-- DeleteReminderRowsKey.
--
-- One row per (ServiceId, GrainId, ReminderName); GrainId is GrainId.ToString(). Period is in milliseconds.
-- GrainHash is GrainId.GetUniformHashCode(), a uint that the provider binds cast to a signed integer. The ring
-- order survives the cast (it is a rotation of the ring by 2^31) because the provider also chooses between the
-- two range queries by comparing the signed values: ReadRangeRows1Key when (int)begin < (int)end, a plain
-- range; ReadRangeRows2Key otherwise, the range that wraps round (begin = end reads the whole ring).
--
-- Version is the row's ETag. It is drawn from a sequence, not counted per row, so a row that is removed and
-- registered again never takes back an ETag that an earlier holder could still present to RemoveRow.

CREATE SEQUENCE OrleansRemindersVersion AS integer CYCLE;

CREATE TABLE OrleansRemindersTable (
    ServiceId    text        NOT NULL,
    GrainId      text        NOT NULL,
    ReminderName text        NOT NULL,
    StartTime    timestamptz NOT NULL,
    Period       bigint      NOT NULL,
    GrainHash    integer     NOT NULL,
    Version      integer     NOT NULL,
    CONSTRAINT OrleansRemindersTable_pkey PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

-- Each silo reads the reminders of its share of the ring, by hash range, every RefreshReminderListPeriod.
CREATE INDEX OrleansRemindersTable_ring ON OrleansRemindersTable (ServiceId, GrainHash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadReminderRowsKey', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId AND GrainId = @GrainId
$q$),
('ReadReminderRowKey', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName
$q$),
('ReadRangeRows1Key', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId AND GrainHash > @BeginHash AND GrainHash <= @EndHash
$q$),
('ReadRangeRows2Key', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId AND GrainHash > @BeginHash
UNION ALL
SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId AND GrainHash <= @EndHash
$q$),

-- Answers the new ETag (column Version).
('UpsertReminderRowKey', $q$
INSERT INTO OrleansRemindersTable AS r (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, nextval('OrleansRemindersVersion'))
ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
   SET StartTime = excluded.StartTime, Period = excluded.Period, GrainHash = excluded.GrainHash,
       Version = excluded.Version
RETURNING r.Version
$q$),

-- Answers 1 when the row was there with the ETag presented, 0 otherwise (then nothing is removed).
('DeleteReminderRowKey', $q$
WITH removed AS (
    DELETE FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName AND Version = @Version
    RETURNING 1)
SELECT count(*)::integer FROM removed
$q$),

('DeleteReminderRowsKey', $q$
DELETE FROM OrleansRemindersTable WHERE ServiceId = @ServiceId
$q$);
