-- 100 people's durable changes per transaction, as the gateway's group commit writes a batch: 100 state rows
-- updated and 100 ledger events appended in one statement and one commit. The 100 subjects are distinct and
-- spread over the table: the m-th of the client's share (m = base + 9973 g mod share, g = 0..99; 9973 is
-- prime). Each client has its own share of the subjects (every clients-th one, from its client_id), as a grain
-- is never in two write batches at once in the gateway; two transactions locking the same rows in different
-- orders could otherwise deadlock.
-- Variables (pgbench -D): n (subjects), clients (pgbench -c; n / clients must exceed 100), event_bytes.
-- Keys as stored (CompactKey): see one_change.sql.
\set share :n / :clients
\set base random(0, :share - 1)
WITH chosen AS (
    SELECT '\x01'::bytea || decode(lpad(to_hex((((:base::bigint + g * 9973) % :share::int) * :clients::int + :client_id::int + 1)::int), 32, '0'), 'hex') AS grain_key
      FROM generate_series(0, 99) AS g
), updated AS (
    UPDATE grain_state AS s
       SET version = s.version + 1, payload = s.payload
      FROM chosen AS c
     WHERE s.grain_type = (SELECT id FROM names WHERE name = 'subject') AND s.grain_key = c.grain_key
    RETURNING s.grain_key, s.version
)
INSERT INTO stream_events (stream_id, seq, payload)
SELECT '\x05'::bytea || substring(grain_key FROM 2), 1000000 + version, convert_to(rpad(md5(grain_key), :event_bytes::int, md5(version::text)), 'UTF8')
  FROM updated;
