-- Archiefwet: what the hub destroyed, what back offices still hold past their term, and the
-- destruction requests of the persons concerned. None of it holds the destroyed content.

-- One row per destruction run, record type and reason: what was destroyed, under which rule, how
-- many. Never a BSN: the point of destroying is that the subject is gone; the count and the rule
-- are the accountability. IF NOT EXISTS: databases migrated before the tables moved to their
-- owners have it from the audit migration already, with the same columns and triggers.
CREATE TABLE IF NOT EXISTS vernietiging (
  id          bigserial PRIMARY KEY,
  tijdstip    timestamptz NOT NULL,
  record_type text NOT NULL,
  categorie   text NOT NULL,
  bron        text NOT NULL,
  regel       text NOT NULL,
  reden       text NOT NULL,
  aantal      integer NOT NULL
);
CREATE INDEX IF NOT EXISTS vernietiging_tijdstip ON vernietiging (tijdstip, id);
-- Append-only like the audit log (the function is the audit migration's): a destruction record
-- that could be rewritten proves nothing.
CREATE TRIGGER vernietiging_append_only BEFORE UPDATE OR DELETE ON vernietiging
  FOR EACH ROW EXECUTE FUNCTION audit_weiger_wijziging();
CREATE TRIGGER vernietiging_no_truncate BEFORE TRUNCATE ON vernietiging
  FOR EACH STATEMENT EXECUTE FUNCTION audit_weiger_wijziging();

-- Seen at the last full sync of a source: records it still holds past their term (or under an
-- executed destruction request), counted per category — never their content.
CREATE TABLE bewaartermijn_achterstand (
  bron                     text NOT NULL,
  record_type              text NOT NULL,
  categorie                text NOT NULL,
  reden                    text NOT NULL,
  aantal                   integer NOT NULL,
  oudste_archiefactiedatum date,
  waargenomen_op           timestamptz NOT NULL,
  PRIMARY KEY (bron, record_type, reden)
);

-- Wmo 2015 and Jeugdwet art. 7.3.9: destroy within three months of the person's request.
CREATE TABLE vernietigingsverzoek (
  id                 uuid PRIMARY KEY,
  betrokkene         text NOT NULL,
  domein             text NOT NULL CHECK (domein IN ('WMO', 'JEUGD')),
  ontvangen_op       timestamptz NOT NULL,
  uiterlijk          date NOT NULL,
  geregistreerd_door text NOT NULL,
  uitgevoerd_op      timestamptz
);
CREATE INDEX vernietigingsverzoek_betrokkene ON vernietigingsverzoek (betrokkene, domein);
