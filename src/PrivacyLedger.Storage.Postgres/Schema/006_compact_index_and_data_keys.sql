-- PrivacyLedger storage for PostgreSQL, schema version 6: a compact unique index, and data keys in a table of their own.
--
--   unique_index  keys and owners as bytea in PrivacyLedger.Storage.CompactKey form: a tag byte, then for lower-case
--                 hex (identifier hashes, subject ids) its bytes, else the text's UTF-8. Half the bytes of hex text in
--                 the row and in the primary key. No creation time: nothing read it.
--   data_keys     one wrapped data key per (service_id, subject), in the same form. Key material never shares a
--                 table with the identifier index: a dump, a grant or a scan of one is not one of the other.
-- The rows of schema version 2 are carried over, converted by the same rule as CompactKey.Encode.

CREATE FUNCTION pg_temp.compact_key(value text) RETURNS bytea LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT CASE WHEN value ~ '^([0-9a-f]{2})+$' THEN '\x01'::bytea || decode(value, 'hex')
                ELSE '\x02'::bytea || convert_to(value, 'UTF8') END
$$;

CREATE TABLE data_keys (
    service_id  text  NOT NULL,
    subject     bytea NOT NULL,
    wrapped     bytea NOT NULL,
    CONSTRAINT data_keys_pkey PRIMARY KEY (service_id, subject)
);

INSERT INTO data_keys (service_id, subject, wrapped)
SELECT service_id, pg_temp.compact_key(index_key), pg_temp.compact_key(owner)
  FROM unique_index WHERE index_name = 'data-keys';

ALTER TABLE unique_index RENAME TO unique_index_v2;
ALTER TABLE unique_index_v2 RENAME CONSTRAINT unique_index_pkey TO unique_index_v2_pkey;

CREATE TABLE unique_index (
    service_id  text  NOT NULL,
    index_name  text  NOT NULL,
    index_key   bytea NOT NULL,
    owner       bytea NOT NULL,
    CONSTRAINT unique_index_pkey PRIMARY KEY (service_id, index_name, index_key)
);

INSERT INTO unique_index (service_id, index_name, index_key, owner)
SELECT service_id, index_name, pg_temp.compact_key(index_key), pg_temp.compact_key(owner)
  FROM unique_index_v2 WHERE index_name <> 'data-keys';

DROP TABLE unique_index_v2;
DROP FUNCTION pg_temp.compact_key(text);
