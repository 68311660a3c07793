-- One person's durable change per transaction, as the gateway commits a consent change alone: the subject's state
-- row updated at its version, and one ledger event appended, in one statement and one commit.
-- Variables (pgbench -D): n (subjects), event_bytes (size of the event payload written).
-- The state payload is rewritten with its own bytes (same size as the gateway's; inline, below the TOAST
-- threshold, so the whole row is written again as the gateway's update does). Keys as stored (CompactKey): the grain key
-- is tag 1 and the 16 bytes of its 32 hex digits, the stream id "ledger/<hex>" is tag 5 (the well-known prefix "ledger") and the same 16 bytes.
\set id random(1, :n)
WITH updated AS (
    UPDATE grain_state
       SET version = version + 1, payload = payload
     WHERE grain_type = (SELECT id FROM names WHERE name = 'subject') AND grain_key = '\x01'::bytea || decode(lpad(to_hex(:id::int), 32, '0'), 'hex')
    RETURNING grain_key, version
)
INSERT INTO stream_events (stream_id, seq, payload)
SELECT '\x05'::bytea || substring(grain_key FROM 2), 1000000 + version, convert_to(rpad(md5(grain_key), :event_bytes::int, md5(version::text)), 'UTF8')
  FROM updated;
