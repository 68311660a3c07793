-- PrivacyLedger storage for PostgreSQL, schema version 7: compact row keys, which every row repeats in its heap tuple and
-- again in its primary-key entry.
--
--   names          a dictionary of set ids and index names, each numbered once (PostgresNames caches it per node and
--                  adds a new name race-safely). Rows hold the number, not the name.
--   set_entries    set_id is the set's number; member is bytea in PrivacyLedger.Storage.OrderedKey form (a subject id in
--                  20 bytes, not 32), which sorts as the strings do: a set pages in its members' string order.
--   unique_index   index_id is the index's number. Keys of 'identifiers' and 'suppressions' are cut to the first 16 bytes
--                  of their hash, as IdentifierIndex now writes them.
--   grain_state    grain_key as bytea, stream_events.stream_id as bytea, both in PrivacyLedger.Storage.CompactKey form
--                  ("ledger/<32 hex>" in 24 bytes, not 40).
--   data_keys      wrapped keys in the form "v<version>:<hex of the sealed key>", bare hex for version 1
--                  (PrivacyLedger.Ledger.Crypto.WrappedKey), which CompactKey stores as the version and the raw sealed
--                  bytes: 64 bytes, not 81. The earlier base64 forms are converted.
--   Every key and owner stored as text (tag 2) is re-encoded, since "<prefix>/<hex>" and "<prefix>:<hex>" now have forms
--   of their own (tags 3 and 4).
--
-- Every table is rebuilt (not altered in place), fixed-width columns first, so the old files and their dead rows go.

CREATE FUNCTION pg_temp.compact_key(value text) RETURNS bytea LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT CASE
        WHEN value ~ '^([0-9a-f]{2})+$' THEN '\x01'::bytea || decode(value, 'hex')
        WHEN value ~ '^.*[/:]([0-9a-f]{2})+$' AND octet_length(substring(value FROM '^(.*)[/:](?:[0-9a-f]{2})+$')) <= 255 THEN
            CASE WHEN substring(value FROM '^.*([/:])(?:[0-9a-f]{2})+$') = '/' THEN '\x03'::bytea ELSE '\x04'::bytea END
                || set_byte('\x00'::bytea, 0, octet_length(substring(value FROM '^(.*)[/:](?:[0-9a-f]{2})+$')))
                || convert_to(substring(value FROM '^(.*)[/:](?:[0-9a-f]{2})+$'), 'UTF8')
                || decode(substring(value FROM '^.*[/:]((?:[0-9a-f]{2})+)$'), 'hex')
        ELSE '\x02'::bytea || convert_to(value, 'UTF8') END
$$;

-- OrderedKey.Encode: each UTF-16 unit a 5-bit code ('0'-'9' 2-11, 'a'-'f' 13-18), or an escape code (1 below '0', 12
-- between '9' and 'a', 19 above 'f') and the unit's 16 bits; most significant bit first, zero bits to a whole byte.
CREATE FUNCTION pg_temp.ordered_key(value text) RETURNS bytea LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
    bits text := '';
    cp integer;
    unit integer;
    units integer[];
    packed text := '';
BEGIN
    FOR i IN 1 .. char_length(value) LOOP
        cp := ascii(substr(value, i, 1));
        IF cp BETWEEN 48 AND 57 THEN
            bits := bits || (cp - 48 + 2)::bit(5)::text;
        ELSIF cp BETWEEN 97 AND 102 THEN
            bits := bits || (cp - 97 + 13)::bit(5)::text;
        ELSE
            units := CASE WHEN cp > 65535 THEN ARRAY[55296 + ((cp - 65536) >> 10), 56320 + ((cp - 65536) & 1023)] ELSE ARRAY[cp] END;
            FOREACH unit IN ARRAY units LOOP
                bits := bits || (CASE WHEN unit < 48 THEN 1 WHEN unit < 97 THEN 12 ELSE 19 END)::bit(5)::text || unit::bit(16)::text;
            END LOOP;
        END IF;
    END LOOP;
    bits := rpad(bits, (length(bits) + 7) / 8 * 8, '0');
    FOR i IN 0 .. length(bits) / 8 - 1 LOOP
        packed := packed || lpad(to_hex(substr(bits, i * 8 + 1, 8)::bit(8)::integer), 2, '0');
    END LOOP;
    RETURN decode(packed, 'hex');
END
$$;

-- A key stored by version 6: text (tag 2) is re-encoded, hex (tag 1) is kept.
CREATE FUNCTION pg_temp.recompact(stored bytea) RETURNS bytea LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT CASE WHEN get_byte(stored, 0) = 2 THEN pg_temp.compact_key(convert_from(substring(stored FROM 2), 'UTF8')) ELSE stored END
$$;

-- A wrapped data key stored by version 6 ("v<n>:<base64>" or bare base64 for version 1, as text): as "v<n>:<hex>" or
-- bare hex would be.
CREATE FUNCTION pg_temp.compact_wrapped(stored bytea) RETURNS bytea LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
    wrapped text;
    version text := '';
BEGIN
    IF get_byte(stored, 0) <> 2 THEN
        RETURN stored;
    END IF;
    wrapped := convert_from(substring(stored FROM 2), 'UTF8');
    IF wrapped ~ '^v[0-9]+:' THEN
        version := split_part(wrapped, ':', 1);
        wrapped := substring(wrapped FROM position(':' IN wrapped) + 1);
    END IF;
    IF wrapped !~ '^[A-Za-z0-9+/]+={0,2}$' OR length(wrapped) % 4 <> 0 THEN
        RETURN pg_temp.recompact(stored);
    END IF;
    IF version = '' THEN
        RETURN '\x01'::bytea || decode(wrapped, 'base64');
    END IF;
    RETURN '\x04'::bytea || set_byte('\x00'::bytea, 0, octet_length(version)) || convert_to(version, 'UTF8') || decode(wrapped, 'base64');
END
$$;

CREATE TABLE names (
    id   integer GENERATED BY DEFAULT AS IDENTITY,
    name text    NOT NULL,
    CONSTRAINT names_pkey PRIMARY KEY (id),
    CONSTRAINT names_name_key UNIQUE (name)
);
INSERT INTO names (name)
SELECT name FROM (SELECT set_id AS name FROM set_entries UNION SELECT index_name FROM unique_index) AS used ORDER BY name COLLATE "C";

ALTER TABLE grain_state RENAME TO grain_state_v6;
ALTER TABLE grain_state_v6 RENAME CONSTRAINT grain_state_pkey TO grain_state_v6_pkey;
CREATE TABLE grain_state (
    version     bigint      NOT NULL CHECK (version > 0),
    modified_at timestamptz NOT NULL,
    grain_type  text        NOT NULL,
    grain_key   bytea       NOT NULL,
    payload     bytea,
    CONSTRAINT grain_state_pkey PRIMARY KEY (grain_type, grain_key)
);
INSERT INTO grain_state (version, modified_at, grain_type, grain_key, payload)
SELECT version, modified_at, grain_type, pg_temp.compact_key(grain_key), payload FROM grain_state_v6;
DROP TABLE grain_state_v6;

ALTER TABLE stream_events RENAME TO stream_events_v6;
ALTER TABLE stream_events_v6 RENAME CONSTRAINT stream_events_pkey TO stream_events_v6_pkey;
CREATE TABLE stream_events (
    seq         bigint      NOT NULL CHECK (seq > 0),
    appended_at timestamptz NOT NULL,
    stream_id   bytea       NOT NULL,
    payload     bytea       NOT NULL,
    CONSTRAINT stream_events_pkey PRIMARY KEY (stream_id, seq)
);
INSERT INTO stream_events (seq, appended_at, stream_id, payload)
SELECT seq, appended_at, pg_temp.compact_key(stream_id), payload FROM stream_events_v6;
DROP TABLE stream_events_v6;

ALTER TABLE set_entries RENAME TO set_entries_v6;
ALTER TABLE set_entries_v6 RENAME CONSTRAINT set_entries_pkey TO set_entries_v6_pkey;
CREATE TABLE set_entries (
    modified_at timestamptz      NOT NULL,
    set_id      integer          NOT NULL,
    member      bytea            NOT NULL,
    payload     bytea            NOT NULL,
    CONSTRAINT set_entries_pkey PRIMARY KEY (set_id, member)
);
INSERT INTO set_entries (modified_at, set_id, member, payload)
SELECT s.modified_at, n.id, pg_temp.ordered_key(s.member), s.payload FROM set_entries_v6 AS s JOIN names AS n ON n.name = s.set_id;
DROP TABLE set_entries_v6;

ALTER TABLE unique_index RENAME TO unique_index_v6;
ALTER TABLE unique_index_v6 RENAME CONSTRAINT unique_index_pkey TO unique_index_v6_pkey;
CREATE TABLE unique_index (
    index_id    integer NOT NULL,
    index_key   bytea   NOT NULL,
    owner       bytea   NOT NULL,
    CONSTRAINT unique_index_pkey PRIMARY KEY (index_id, index_key)
);
INSERT INTO unique_index (index_id, index_key, owner)
SELECT n.id,
       CASE WHEN u.index_name IN ('identifiers', 'suppressions') AND get_byte(u.index_key, 0) = 1 AND octet_length(u.index_key) = 33
            THEN substring(u.index_key FROM 1 FOR 17) ELSE pg_temp.recompact(u.index_key) END,
       pg_temp.recompact(u.owner)
  FROM unique_index_v6 AS u JOIN names AS n ON n.name = u.index_name;
DROP TABLE unique_index_v6;

ALTER TABLE data_keys RENAME TO data_keys_v6;
ALTER TABLE data_keys_v6 RENAME CONSTRAINT data_keys_pkey TO data_keys_v6_pkey;
CREATE TABLE data_keys (
    subject     bytea NOT NULL,
    wrapped     bytea NOT NULL,
    CONSTRAINT data_keys_pkey PRIMARY KEY (subject)
);
INSERT INTO data_keys (subject, wrapped)
SELECT pg_temp.recompact(subject), pg_temp.compact_wrapped(wrapped) FROM data_keys_v6;
DROP TABLE data_keys_v6;

DROP FUNCTION pg_temp.compact_wrapped(bytea);
DROP FUNCTION pg_temp.ordered_key(text);
DROP FUNCTION pg_temp.recompact(bytea);
DROP FUNCTION pg_temp.compact_key(text);
