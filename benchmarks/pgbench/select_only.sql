-- Select-only by primary key: what activating a subject grain reads (the gateway's ReadAsync statement).
-- Variables (pgbench -D): n (subjects).
\set id random(1, :n)
SELECT version, payload FROM grain_state
 WHERE grain_type = 'subject' AND grain_key = lpad(to_hex(:id::int), 32, '0');
