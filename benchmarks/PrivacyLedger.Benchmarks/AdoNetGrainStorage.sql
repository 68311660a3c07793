-- Orleans' ADO.NET grain storage (Microsoft.Orleans.Persistence.AdoNet 10.4.2) on PostgreSQL, for the
-- StateWriteBenchmarks' stock-provider case only. Run in a schema of its own (the connection's search path):
-- it never meets the product's tables, nor the OrleansQuery table the product's clustering and reminders use.
--
-- The provider's contract, as 10.4.2 asks for it: at start it reads its statements from OrleansQuery under the
-- keys ReadFromStorageKey, WriteToStorageKey, ClearStorageKey and DeleteStorageKey; it binds the parameters
-- @GrainIdHash, @GrainTypeHash (int), @GrainIdN0, @GrainIdN1 (bigint), @GrainTypeString, @GrainIdExtensionString,
-- @ServiceId (text), @GrainStateVersion (int, null before the first write) and, for a write, @PayloadBinary (bytea,
-- the grain storage serializer's bytes); it reads the columns PayloadBinary and Version of a read, and
-- NewGrainStateVersion of a write (equal to the version it sent when the version check failed).
--
-- The layout is what Orleans' own PostgreSQL scripts give a user: a heap table found through a b-tree on the two
-- hashes, one statement and one commit per write. The payload is only ever binary in this provider's version, so
-- the JSON and XML payload columns of older versions are left out.

CREATE TABLE orleansquery
(
    querykey  varchar(64)   NOT NULL PRIMARY KEY,
    querytext varchar(8000) NOT NULL
);

CREATE TABLE orleansstorage
(
    grainidhash            integer      NOT NULL,
    grainidn0              bigint       NOT NULL,
    grainidn1              bigint       NOT NULL,
    graintypehash          integer      NOT NULL,
    graintypestring        varchar(512) NOT NULL,
    grainidextensionstring varchar(512),
    serviceid              varchar(150) NOT NULL,
    payloadbinary          bytea,
    modifiedon             timestamp    NOT NULL,
    version                integer
);

CREATE INDEX orleansstorage_by_hashes ON orleansstorage (grainidhash, graintypehash);

INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadFromStorageKey', $read$
SELECT s.payloadbinary AS PayloadBinary, s.version AS Version
FROM orleansstorage AS s
WHERE (s.grainidhash, s.graintypehash, s.grainidn0, s.grainidn1, s.graintypestring, s.serviceid)
    = (@GrainIdHash, @GrainTypeHash, @GrainIdN0, @GrainIdN1, @GrainTypeString, @ServiceId)
  AND s.grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
$read$),

-- A known version: update the row if it still holds that version. No version yet: insert version 1 unless a row
-- exists. Either way the answer is the version now held by the caller's write, or the one it sent if it lost.
('WriteToStorageKey', $write$
WITH updated AS
(
    UPDATE orleansstorage AS s
    SET payloadbinary = @PayloadBinary, modifiedon = now() AT TIME ZONE 'utc', version = s.version + 1
    WHERE (s.grainidhash, s.graintypehash, s.grainidn0, s.grainidn1, s.graintypestring, s.serviceid, s.version)
        = (@GrainIdHash, @GrainTypeHash, @GrainIdN0, @GrainIdN1, @GrainTypeString, @ServiceId, @GrainStateVersion)
      AND s.grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
    RETURNING s.version
),
inserted AS
(
    INSERT INTO orleansstorage (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring,
                                grainidextensionstring, serviceid, payloadbinary, modifiedon, version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
           @GrainIdExtensionString, @ServiceId, @PayloadBinary, now() AT TIME ZONE 'utc', 1
    WHERE @GrainStateVersion IS NULL
      AND NOT EXISTS (SELECT FROM orleansstorage AS e
                      WHERE (e.grainidhash, e.graintypehash, e.grainidn0, e.grainidn1, e.graintypestring, e.serviceid)
                          = (@GrainIdHash, @GrainTypeHash, @GrainIdN0, @GrainIdN1, @GrainTypeString, @ServiceId)
                        AND e.grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString)
    RETURNING version
)
SELECT COALESCE((SELECT version FROM updated), (SELECT version FROM inserted), @GrainStateVersion) AS NewGrainStateVersion
$write$),

-- Clearing keeps the row, with no payload and the next version; deleting (DeleteStateOnClear) removes it.
('ClearStorageKey', $clear$
UPDATE orleansstorage AS s
SET payloadbinary = NULL, modifiedon = now() AT TIME ZONE 'utc', version = s.version + 1
WHERE (s.grainidhash, s.graintypehash, s.grainidn0, s.grainidn1, s.graintypestring, s.serviceid, s.version)
    = (@GrainIdHash, @GrainTypeHash, @GrainIdN0, @GrainIdN1, @GrainTypeString, @ServiceId, @GrainStateVersion)
  AND s.grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
RETURNING s.version AS NewGrainStateVersion
$clear$),

('DeleteStorageKey', $delete$
DELETE FROM orleansstorage AS s
WHERE (s.grainidhash, s.graintypehash, s.grainidn0, s.grainidn1, s.graintypestring, s.serviceid, s.version)
    = (@GrainIdHash, @GrainTypeHash, @GrainIdN0, @GrainIdN1, @GrainTypeString, @ServiceId, @GrainStateVersion)
  AND s.grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
RETURNING s.version AS NewGrainStateVersion
$delete$);
