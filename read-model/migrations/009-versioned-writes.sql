-- Versioned, ordered writes. Every copied row carries the version its source gave that state
-- (see read-model/versions.ts for what it is per source); a write never replaces a newer one.
-- NULL: written before versions existed, older than anything versioned.
ALTER TABLE dossier_record ADD COLUMN version text COLLATE "C";
ALTER TABLE brp_persoon ADD COLUMN version text COLLATE "C";

-- What a deletion from a source leaves behind, so that an older upsert arriving later cannot
-- bring the record back. Kept apart from dossier_record, so that no reader can ever see one by
-- forgetting a filter, and holding only the record's type, key and version: no content, no BSN.
CREATE TABLE dossier_tombstone (
  record_type text NOT NULL,
  id          text NOT NULL,
  version     text COLLATE "C" NOT NULL,
  deleted_at  timestamptz NOT NULL,
  PRIMARY KEY (record_type, id)
);

-- When the hub last reached each source at all (a poll that found nothing new counts): what
-- staleness is judged on.
ALTER TABLE sync_state ADD COLUMN last_reached_at timestamptz;
