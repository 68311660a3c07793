-- Orleans' ADO.NET providers on PostgreSQL, part 2: cluster membership (Microsoft.Orleans.Clustering.AdoNet
-- 10.4.2, silo.UseAdoNetClustering with Invariant "Npgsql").
--
-- Query keys the 10.4.2 provider requires (it refuses to start without any of them): MembershipReadRowKey,
-- MembershipReadAllKey, InsertMembershipVersionKey, InsertMembershipKey, UpdateMembershipKey,
-- UpdateIAmAlivetimeKey, GatewaysQueryKey, DeleteMembershipTableEntriesKey, CleanupDefunctSiloEntriesKey.
-- It also uses CleanupDefunctSiloEntryKey when present (new in 10.x, absent from the upstream PostgreSQL script):
-- it is here, so clean-up removes a dead silo's row only if the row is still exactly as the provider read it.
--
-- Membership protocol: OrleansMembershipVersionTable holds one row per cluster (DeploymentId = ClusterId) whose
-- Version is the table's ETag. Every insert or update of a silo row names the version it read and bumps it in
-- the same statement; if the version moved meanwhile, nothing changes and the statement answers 0, and Orleans
-- re-reads and retries. Each writing statement is one SQL statement, so it is atomic without a function.
-- Status is Orleans' SiloStatus as an integer (3 = Active, 6 = Dead).

CREATE TABLE OrleansMembershipVersionTable (
    DeploymentId text        NOT NULL,
    Timestamp    timestamptz NOT NULL DEFAULT now(),
    Version      integer     NOT NULL DEFAULT 0,
    CONSTRAINT OrleansMembershipVersionTable_pkey PRIMARY KEY (DeploymentId)
);

CREATE TABLE OrleansMembershipTable (
    DeploymentId text        NOT NULL REFERENCES OrleansMembershipVersionTable (DeploymentId),
    Address      text        NOT NULL,
    Port         integer     NOT NULL,
    Generation   integer     NOT NULL,
    SiloName     text        NOT NULL,
    HostName     text        NOT NULL,
    Status       integer     NOT NULL,
    ProxyPort    integer,
    SuspectTimes text,
    StartTime    timestamptz NOT NULL,
    IAmAliveTime timestamptz NOT NULL,
    CONSTRAINT OrleansMembershipTable_pkey PRIMARY KEY (DeploymentId, Address, Port, Generation)
);

-- Both reads return the version row even when no silo row matches (a LEFT JOIN): Orleans takes the ETag from it.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('MembershipReadRowKey', $q$
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
  FROM OrleansMembershipVersionTable v
  LEFT JOIN OrleansMembershipTable m
    ON m.DeploymentId = v.DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
 WHERE v.DeploymentId = @DeploymentId
$q$),
('MembershipReadAllKey', $q$
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
  FROM OrleansMembershipVersionTable v
  LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
 WHERE v.DeploymentId = @DeploymentId
$q$),

-- Answers 1 when this call created the cluster's version row, 0 when it was there already.
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES (@DeploymentId)
    ON CONFLICT (DeploymentId) DO NOTHING
    RETURNING 1)
SELECT count(*)::integer FROM created
$q$),

-- The version is bumped only if it is still the one read and the silo row is new; the row is inserted only if
-- the bump happened. Answers 1 on success.
('InsertMembershipKey', $q$
WITH bumped AS (
    UPDATE OrleansMembershipVersionTable
       SET Version = Version + 1, Timestamp = now()
     WHERE DeploymentId = @DeploymentId AND Version = @Version
       AND NOT EXISTS (SELECT 1 FROM OrleansMembershipTable
                        WHERE DeploymentId = @DeploymentId AND Address = @Address
                          AND Port = @Port AND Generation = @Generation)
    RETURNING DeploymentId),
inserted AS (
    INSERT INTO OrleansMembershipTable (DeploymentId, Address, Port, Generation, SiloName, HostName, Status,
                                        ProxyPort, StartTime, IAmAliveTime)
    SELECT DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
           @ProxyPort, @StartTime, @IAmAliveTime
      FROM bumped
    ON CONFLICT (DeploymentId, Address, Port, Generation) DO NOTHING
    RETURNING 1)
SELECT count(*)::integer FROM inserted
$q$),

-- The same for a change of an existing silo row (its status and suspicions). Answers 1 on success.
('UpdateMembershipKey', $q$
WITH bumped AS (
    UPDATE OrleansMembershipVersionTable
       SET Version = Version + 1, Timestamp = now()
     WHERE DeploymentId = @DeploymentId AND Version = @Version
       AND EXISTS (SELECT 1 FROM OrleansMembershipTable
                    WHERE DeploymentId = @DeploymentId AND Address = @Address
                      AND Port = @Port AND Generation = @Generation)
    RETURNING DeploymentId),
updated AS (
    UPDATE OrleansMembershipTable m
       SET Status = @Status, SuspectTimes = @SuspectTimes, IAmAliveTime = @IAmAliveTime
      FROM bumped
     WHERE m.DeploymentId = bumped.DeploymentId AND m.Address = @Address
       AND m.Port = @Port AND m.Generation = @Generation
    RETURNING 1)
SELECT count(*)::integer FROM updated
$q$),

-- A silo's heartbeat: no version bump, by the protocol's design, and no answer is read.
('UpdateIAmAlivetimeKey', $q$
UPDATE OrleansMembershipTable
   SET IAmAliveTime = @IAmAliveTime
 WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation
$q$),

-- Clients (and the gateway list of silos) ask for the Active silos' gateway endpoints; @Status is 3.
('GatewaysQueryKey', $q$
SELECT Address, ProxyPort, Generation
  FROM OrleansMembershipTable
 WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0
$q$),

('DeleteMembershipTableEntriesKey', $q$
DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId
$q$),

-- Periodic clean-up of defunct silos (ClusterMembershipOptions.DefunctSiloCleanupPeriod, rows older than
-- DefunctSiloExpiration). With CleanupDefunctSiloEntryKey present, the provider reads all rows, picks the Dead
-- ones that started and last heartbeaten before the cut-off with no suspicion since, and deletes each with the
-- values it read: a row that changed meanwhile (a vote, a status) stays. CleanupDefunctSiloEntriesKey is the
-- provider's fallback without that key; it must exist all the same, and deletes by heartbeat alone.
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM OrleansMembershipTable
 WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation
   AND Status = 6 AND StartTime = @StartTime AND IAmAliveTime = @IAmAliveTime
   AND SuspectTimes IS NOT DISTINCT FROM @SuspectTimes
$q$),
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM OrleansMembershipTable
 WHERE DeploymentId = @DeploymentId AND IAmAliveTime < @IAmAliveTime AND Status <> 3
$q$);
