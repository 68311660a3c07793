-- Select-only by primary key: what activating a subject grain reads (the gateway's ReadAsync statement).
-- Variables (pgbench -D): n (subjects). Keys as stored (CompactKey): tag 1, then the 16 bytes of the 32 hex digits.
\set id random(1, :n)
SELECT version, payload FROM grain_state
 WHERE grain_type = (SELECT id FROM names WHERE name = 'subject') AND grain_key = '\x01'::bytea || decode(lpad(to_hex(:id::int), 32, '0'), 'hex');
