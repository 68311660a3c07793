-- PrivacyLedger storage for SQLite, schema version 7: the ledger stream id "ledger/<32 hex>" in 17 bytes (see the
-- PostgreSQL script 009 for the reasons; SQLite's INTEGER seq is already of variable length).
--
-- PrivacyLedger.Storage.CompactKey gives the well-known prefix "ledger" a tag of its own (5): the tag, then the hex's
-- bytes, where the prefix form (tag 3) took the prefix's length and its six bytes as well. Every key the new encoder
-- would store otherwise is re-encoded, in every column of CompactKey form, or a lookup in the new form would miss it:
-- grain_state.grain_key, stream_events.stream_id, unique_index.index_key and owner, data_keys.subject and wrapped.
-- reencode() is bound by the migrator to EarlierStoredForms.Reencode (the stored key's text, encoded today); only the
-- prefix form (tag 3) can have changed. stream_events, nearly every row of which changes its primary key, is rebuilt
-- in primary-key order; the other tables hold such keys rarely if ever and are updated where they do.

ALTER TABLE stream_events RENAME TO stream_events_v6;
CREATE TABLE stream_events (
    stream_id   BLOB    NOT NULL,
    seq         INTEGER NOT NULL CHECK (seq > 0),
    payload     BLOB    NOT NULL,
    PRIMARY KEY (stream_id, seq)
) WITHOUT ROWID;
INSERT INTO stream_events (stream_id, seq, payload)
SELECT CASE WHEN substr(stream_id, 1, 1) = x'03' THEN reencode(stream_id) ELSE stream_id END, seq, payload
  FROM stream_events_v6 ORDER BY 1, 2;
DROP TABLE stream_events_v6;

UPDATE grain_state SET grain_key = reencode(grain_key) WHERE substr(grain_key, 1, 1) = x'03';
UPDATE unique_index SET index_key = reencode(index_key), owner = reencode(owner)
 WHERE substr(index_key, 1, 1) = x'03' OR substr(owner, 1, 1) = x'03';
UPDATE data_keys SET subject = reencode(subject), wrapped = reencode(wrapped)
 WHERE substr(subject, 1, 1) = x'03' OR substr(wrapped, 1, 1) = x'03';
