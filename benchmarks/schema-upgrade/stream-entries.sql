-- Bytes per stream_events row and per primary-key entry, in version 8's form (seq bigint, "ledger/<hex>" in 25 bytes)
-- and version 9's (seq integer, 18 bytes), rows inserted one statement at a time in random stream order as the import
-- appends them (so leaf pages split as they do in service), then the same index built by one sort (as an upgrade does).
-- The primary key's bytes per entry are pg_relation_size of the index over the rows; a leaf tuple's own length is
-- read from one leaf page (pageinspect's bt_page_items, which only reads). Psql variable: n (rows, at most 200,000 here).
CREATE EXTENSION IF NOT EXISTS pageinspect;
DROP SCHEMA IF EXISTS entry_sizes CASCADE;
CREATE SCHEMA entry_sizes;
SET search_path = entry_sizes, public;
CREATE TABLE v8 (seq bigint NOT NULL CHECK (seq > 0), payload bytea NOT NULL, stream_id bytea NOT NULL, PRIMARY KEY (stream_id, seq));
CREATE TABLE v9 (seq integer NOT NULL CHECK (seq > 0), payload bytea NOT NULL, stream_id bytea NOT NULL, PRIMARY KEY (stream_id, seq));
CREATE TABLE people AS SELECT i, decode(md5(i::text), 'hex') AS id, random() AS r FROM generate_series(1, least(:n, 200000)) AS i;
-- In batches of 1,000 in random order, as the import's transactions append.
DO $$
DECLARE
    batch integer;
BEGIN
    FOR batch IN 0 .. (SELECT count(*) FROM people) / 1000 LOOP
        INSERT INTO v8 SELECT 1, substring(decode(repeat(md5(i::text || 'e'), 19), 'hex') FROM 1 FOR 298), '\x03066c6564676572'::bytea || id
          FROM people WHERE i > batch * 1000 AND i <= (batch + 1) * 1000 ORDER BY r;
        INSERT INTO v9 SELECT 1, substring(decode(repeat(md5(i::text || 'e'), 19), 'hex') FROM 1 FOR 298), '\x05'::bytea || id
          FROM people WHERE i > batch * 1000 AND i <= (batch + 1) * 1000 ORDER BY r;
    END LOOP;
END
$$;
SELECT 'rows ' || (SELECT count(*) FROM v8);
SELECT f || ': row ' || avg_row || ' B (pg_column_size), primary key ' || round(pg_relation_size(f || '_pkey') / rows::numeric, 1)
       || ' B per entry inserted in random order'
  FROM (SELECT 'v8' AS f, (SELECT avg(pg_column_size(t.*))::numeric(8,1) FROM v8 AS t) AS avg_row, (SELECT count(*) FROM v8) AS rows
        UNION ALL
        SELECT 'v9', (SELECT avg(pg_column_size(t.*))::numeric(8,1) FROM v9 AS t), (SELECT count(*) FROM v9)) AS sizes;
SELECT f || ': leaf tuple ' || (SELECT min(itemlen) || '-' || max(itemlen) FROM bt_page_items(f || '_pkey', 1::bigint)) || ' B (+4 B line pointer)'
  FROM (VALUES ('v8'), ('v9')) AS forms(f);
REINDEX TABLE v8;
REINDEX TABLE v9;
SELECT f || ': primary key ' || round(pg_relation_size(f || '_pkey') / (SELECT count(*) FROM v8)::numeric, 1) || ' B per entry built by one sort'
  FROM (VALUES ('v8'), ('v9')) AS forms(f);
DROP SCHEMA entry_sizes CASCADE;
