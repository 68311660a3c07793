-- One million people's rows in the version-8 tables, shaped as the import leaves them (sizes as measured after a
-- 1,000,000-person import: an event row of 359 bytes, pg_column_size): a state, an event, 1.1 member entries, 3.33
-- identifier claims and a data key per person, keys in their stored forms (the stream id "ledger/<hex>" in the prefix
-- form, tag 3, as version 8 stored it), the events in random stream order as the import appends them.
SET search_path = ledger;
INSERT INTO service (service_id) VALUES ('privacy-ledger');
INSERT INTO names (name) VALUES ('identifiers'), ('register-members/register-0'), ('register-members/register-1'), ('register-members/register-2'), ('subject');
INSERT INTO grain_state (version, grain_type, payload, grain_key)
SELECT 1, 5, decode(repeat(md5(i::text), 35), 'hex'), '\x01'::bytea || decode(md5(i::text), 'hex') FROM generate_series(1, :n) AS i;
INSERT INTO stream_events (seq, payload, stream_id)
SELECT 1, substring(decode(repeat(md5(i::text || 'e'), 19), 'hex') FROM 1 FOR 298), '\x03066c6564676572'::bytea || decode(md5(i::text), 'hex')
  FROM generate_series(1, :n) AS i;
INSERT INTO set_entries (set_id, member, payload)
SELECT 2 + i % 3, decode(md5(i::text) || substr(md5(i::text || 'm'), 1, 8), 'hex'), decode(repeat(md5(i::text), 3), 'hex') FROM generate_series(1, :n) AS i
UNION ALL
SELECT 2 + (i + 1) % 3, decode(md5(i::text) || substr(md5(i::text || 'm'), 1, 8), 'hex'), decode(repeat(md5(i::text), 3), 'hex') FROM generate_series(1, :n, 10) AS i;
INSERT INTO unique_index (index_id, index_key, owner)
SELECT 1, '\x01'::bytea || decode(md5(i::text || k), 'hex'), '\x01'::bytea || decode(md5(i::text), 'hex')
  FROM generate_series(1, :n) AS i CROSS JOIN (VALUES ('email'), ('phone'), ('customer')) AS kinds(k)
UNION ALL
SELECT 1, '\x01'::bytea || decode(md5(i::text || 'hetu'), 'hex'), '\x01'::bytea || decode(md5(i::text), 'hex')
  FROM generate_series(1, :n, 3) AS i;
INSERT INTO data_keys (subject, wrapped)
SELECT '\x01'::bytea || decode(md5(i::text), 'hex'), '\x04026b31'::bytea || decode(md5(i::text || 'k') || md5(i::text || 'l') || substr(md5(i::text), 1, 16), 'hex')
  FROM generate_series(1, :n) AS i;
ANALYZE;
