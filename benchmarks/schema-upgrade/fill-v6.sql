-- One million people's rows in the version-6 tables, shaped as the import leaves them (sizes as measured): a state,
-- an event, 1.1 member entries, 3.33 identifier claims and a data key per person.
SET search_path = ledger;
INSERT INTO service (service_id) VALUES ('privacy-ledger');
INSERT INTO grain_state (version, modified_at, grain_type, grain_key, payload)
SELECT 1, now(), 'subject', md5(i::text), decode(repeat(md5(i::text), 39), 'hex') FROM generate_series(1, :n) AS i;
INSERT INTO stream_events (seq, appended_at, stream_id, payload)
SELECT 1, now(), 'ledger/' || md5(i::text), decode(repeat(md5(i::text || 'e'), 35), 'hex') FROM generate_series(1, :n) AS i;
INSERT INTO set_entries (modified_at, set_id, member, payload)
SELECT now(), 'register-members/register-' || (i % 3), md5(i::text), decode(repeat(md5(i::text), 3) || 'aabbcc', 'hex') FROM generate_series(1, :n) AS i
UNION ALL
SELECT now(), 'register-members/register-' || ((i + 1) % 3), md5(i::text), decode(repeat(md5(i::text), 3) || 'aabbcc', 'hex') FROM generate_series(1, :n, 10) AS i;
INSERT INTO unique_index (index_name, index_key, owner)
SELECT 'identifiers', '\x01'::bytea || decode(md5(i::text || k) || md5(k || i::text), 'hex'), '\x01'::bytea || decode(md5(i::text), 'hex')
  FROM generate_series(1, :n) AS i CROSS JOIN (VALUES ('email'), ('phone'), ('customer')) AS kinds(k)
UNION ALL
SELECT 'identifiers', '\x01'::bytea || decode(md5(i::text || 'hetu') || md5('hetu' || i::text), 'hex'), '\x01'::bytea || decode(md5(i::text), 'hex')
  FROM generate_series(1, :n, 3) AS i;
INSERT INTO data_keys (subject, wrapped)
SELECT '\x01'::bytea || decode(md5(i::text), 'hex'),
       '\x02'::bytea || convert_to('v1:' || translate(encode(decode(repeat(md5(i::text || 'k'), 4), 'hex') || decode(substr(md5(i::text), 1, 24), 'hex'), 'base64'), E'\n', ''), 'UTF8')
  FROM generate_series(1, :n) AS i;
ANALYZE;
