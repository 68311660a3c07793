-- Tables of the same shape as the ledger's, for pgbench: copies of the gateway's own grain_state and stream_events
-- (same columns, constraints and primary keys; schema pgbench) holding copies of its subject rows and their ledger
-- events, with the same payloads. Only the keys change: subject number i (1..n) gets the grain key of the id
-- lpad(to_hex(i), 32, '0'), 32 hex digits like the gateway's ids, so a script can compute a key from a number. Keys
-- are stored as the gateway stores them (PrivacyLedger.Storage.CompactKey): the grain key '\x01' and the id's 16 bytes,
-- its stream id "ledger/<id>" '\x05' (the well-known prefix "ledger") and the same 16 bytes.
--
-- psql variable: source (the gateway's schema, usually ledger; a schema holds one service's rows). Run by the load
-- test; by hand:
--   psql -h 127.0.0.1 -p PORT -U postgres -d ledger -v ON_ERROR_STOP=1 -v source=ledger -f setup.sql
DROP SCHEMA IF EXISTS pgbench CASCADE;
CREATE SCHEMA pgbench;

CREATE TABLE pgbench.subject_keys AS
SELECT grain_key AS source_key, '\x01'::bytea || decode(lpad(to_hex(row_number() OVER (ORDER BY grain_key)), 32, '0'), 'hex') AS grain_key
  FROM :"source".grain_state
 WHERE grain_type = (SELECT id FROM :"source".names WHERE name = 'subject') AND payload IS NOT NULL AND get_byte(grain_key, 0) = 1;

-- The names' numbers (grain types among them), so the scripts find the subject type's as the gateway does.
CREATE TABLE pgbench.names AS SELECT * FROM :"source".names;

-- Constraints and defaults now, primary keys after the copy: building an index once is faster than growing it.
CREATE TABLE pgbench.grain_state (LIKE :"source".grain_state INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
CREATE TABLE pgbench.stream_events (LIKE :"source".stream_events INCLUDING DEFAULTS INCLUDING CONSTRAINTS);

INSERT INTO pgbench.grain_state (grain_type, grain_key, version, payload)
SELECT g.grain_type, k.grain_key, g.version, g.payload
  FROM :"source".grain_state AS g JOIN pgbench.subject_keys AS k ON k.source_key = g.grain_key
 WHERE g.grain_type = (SELECT id FROM :"source".names WHERE name = 'subject');

INSERT INTO pgbench.stream_events (stream_id, seq, payload)
SELECT '\x05'::bytea || substring(k.grain_key FROM 2), e.seq, e.payload
  FROM :"source".stream_events AS e JOIN pgbench.subject_keys AS k ON e.stream_id = '\x05'::bytea || substring(k.source_key FROM 2);

ALTER TABLE pgbench.grain_state ADD CONSTRAINT grain_state_pkey PRIMARY KEY (grain_type, grain_key);
ALTER TABLE pgbench.stream_events ADD CONSTRAINT stream_events_pkey PRIMARY KEY (stream_id, seq);
DROP TABLE pgbench.subject_keys;
VACUUM ANALYZE pgbench.grain_state;
VACUUM ANALYZE pgbench.stream_events;
CHECKPOINT;

-- What the scripts need: how many subjects, and the sizes of what they write (averages of the copied rows).
SELECT (SELECT count(*) FROM pgbench.grain_state) AS subjects,
       (SELECT avg(length(payload))::int FROM pgbench.grain_state) AS state_bytes,
       (SELECT avg(length(payload))::int FROM pgbench.stream_events) AS event_bytes;
