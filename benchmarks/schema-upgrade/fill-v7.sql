-- One million people's rows in the version-7 tables, shaped as the import leaves them (sizes as measured): a state,
-- an event, 1.1 member entries, 3.33 identifier claims and a data key per person, keys in their stored forms.
SET search_path = ledger;
INSERT INTO service (service_id) VALUES ('privacy-ledger');
INSERT INTO names (name) VALUES ('identifiers'), ('register-members/register-0'), ('register-members/register-1'), ('register-members/register-2');
INSERT INTO grain_state (version, modified_at, grain_type, grain_key, payload)
SELECT 1, now(), 'subject', '\x01'::bytea || decode(md5(i::text), 'hex'), decode(repeat(md5(i::text), 35), 'hex') FROM generate_series(1, :n) AS i;
INSERT INTO stream_events (seq, appended_at, stream_id, payload)
SELECT 1, now(), '\x03066c6564676572'::bytea || decode(md5(i::text), 'hex'), decode(repeat(md5(i::text || 'e'), 22), 'hex') FROM generate_series(1, :n) AS i;
INSERT INTO set_entries (modified_at, set_id, member, payload)
SELECT now(), 2 + i % 3, decode(md5(i::text) || substr(md5(i::text || 'm'), 1, 8), 'hex'), decode(repeat(md5(i::text), 5), 'hex') FROM generate_series(1, :n) AS i
UNION ALL
SELECT now(), 2 + (i + 1) % 3, decode(md5(i::text) || substr(md5(i::text || 'm'), 1, 8), 'hex'), decode(repeat(md5(i::text), 5), 'hex') FROM generate_series(1, :n, 10) AS i;
INSERT INTO unique_index (index_id, index_key, owner)
SELECT 1, '\x01'::bytea || decode(md5(i::text || k), 'hex'), '\x01'::bytea || decode(md5(i::text), 'hex')
  FROM generate_series(1, :n) AS i CROSS JOIN (VALUES ('email'), ('phone'), ('customer')) AS kinds(k)
UNION ALL
SELECT 1, '\x01'::bytea || decode(md5(i::text || 'hetu'), 'hex'), '\x01'::bytea || decode(md5(i::text), 'hex')
  FROM generate_series(1, :n, 3) AS i;
INSERT INTO data_keys (subject, wrapped)
SELECT '\x01'::bytea || decode(md5(i::text), 'hex'), '\x01'::bytea || decode(repeat(md5(i::text || 'k'), 3) || substr(md5(i::text), 1, 24), 'hex')
  FROM generate_series(1, :n) AS i;
ANALYZE;
