-- Read models: copies of back-office data, kept only as long as the source and the law allow.

-- Persons from the BRP. The household is everyone registered at one adresseerbaar object.
CREATE TABLE brp_persoon (
  bsn                     text PRIMARY KEY,
  adresseerbaar_object_id text,
  geheimhouding           boolean NOT NULL DEFAULT false,
  record                  jsonb NOT NULL,
  synced_at               timestamptz NOT NULL,
  sync_run                text
);
CREATE INDEX brp_persoon_adres ON brp_persoon (adresseerbaar_object_id);

-- Every domain record (Wmo voorziening, jeugdhulp, uitkering, inschrijving, …) in one shape, so
-- that sync, retention and loaders are written once. `record` holds the domain record as the
-- adapter produced it; the columns are what we select, index or expire on.
CREATE TABLE dossier_record (
  record_type      text NOT NULL,          -- e.g. WMO_VOORZIENING
  id               text NOT NULL,          -- the source's key (toewijzingNummer, dossierNummer, …)
  source           text NOT NULL,          -- GWS, JEUGD, LAS
  bsn              text NOT NULL,
  record           jsonb NOT NULL,
  synced_at        timestamptz NOT NULL,
  sync_run         text,
  PRIMARY KEY (record_type, id)
);
CREATE INDEX dossier_record_bsn ON dossier_record (bsn, record_type);

-- Freshness per source: when a full sync last completed and when a change was last applied.
CREATE TABLE sync_state (
  source             text PRIMARY KEY,
  last_full_sync_at  timestamptz,
  last_change_at     timestamptz,
  cursor             text
);
