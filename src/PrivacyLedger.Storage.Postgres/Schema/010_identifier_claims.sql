-- PrivacyLedger storage for PostgreSQL, schema version 10: identifier claims in fixed-width rows of their own table.
--
--   identifier_claims  the "identifiers" index (PrivacyLedger.Storage.UniqueIndexes.Identifiers), whose keys (identifier
--                      hashes) and owners (subject ids) are 32 lower-case hex characters by the engines' contract: each a
--                      uuid, 16 fixed bytes, char-aligned, no varlena header, holding the hex's bytes in order (so they
--                      sort as the hex does). A row is 24 bytes of header + 32 = 56 bytes (64 in unique_index: an index
--                      number and two 18-byte varlenas, padded to 8); a primary-key entry 8 + 16 = 24 bytes (32).
--                      No index column: the table holds one index.
--   unique_index       keeps every other index ("suppressions", whose owner is a text, and any other name).
--
-- The index's rows move set-based, from their CompactKey form (tag 1, then the 16 bytes: the hex form) to uuid, and
-- unique_index is rebuilt with the other rows (its old file, nearly all identifier claims, dropped); each primary key is
-- built after its rows are in, by one sort. A row of another form cannot be stored: the upgrade then
-- fails naming the index, and changes nothing.

SET LOCAL maintenance_work_mem = '256MB';

CREATE TABLE identifier_claims (
    index_key   uuid NOT NULL,
    owner       uuid NOT NULL
);

DO $$
DECLARE
    identifiers integer := (SELECT id FROM names WHERE name = 'identifiers');
BEGIN
    IF EXISTS (SELECT 1 FROM unique_index
                WHERE index_id = identifiers
                  AND (length(index_key) <> 17 OR get_byte(index_key, 0) <> 1 OR length(owner) <> 17 OR get_byte(owner, 0) <> 1)) THEN
        RAISE EXCEPTION 'unique_index holds a key or owner of the index "identifiers" that is not 32 hex characters, which schema version 10 stores as a uuid: the upgrade is not applied';
    END IF;
    INSERT INTO identifier_claims (index_key, owner)
    SELECT encode(substring(index_key FROM 2), 'hex')::uuid, encode(substring(owner FROM 2), 'hex')::uuid
      FROM unique_index WHERE index_id = identifiers;
    -- The other indexes' rows into a new unique_index, so the moved rows' space (most of the table) goes at once, not
    -- as dead tuples the file keeps.
    ALTER TABLE unique_index RENAME TO unique_index_v9;
    ALTER TABLE unique_index_v9 RENAME CONSTRAINT unique_index_pkey TO unique_index_v9_pkey;
    CREATE TABLE unique_index (
        index_id    integer NOT NULL,
        index_key   bytea   NOT NULL,
        owner       bytea   NOT NULL
    );
    INSERT INTO unique_index (index_id, index_key, owner)
    SELECT index_id, index_key, owner FROM unique_index_v9 WHERE index_id IS DISTINCT FROM identifiers;
    DROP TABLE unique_index_v9;
END
$$;

ALTER TABLE unique_index ADD CONSTRAINT unique_index_pkey PRIMARY KEY (index_id, index_key);
ALTER TABLE identifier_claims ADD CONSTRAINT identifier_claims_pkey PRIMARY KEY (index_key);
