-- The audit log (docs/DESIGN.md): one record per data subject per request per
-- part, plus one per request at the gateway. Append-only: the database itself refuses UPDATE,
-- DELETE and TRUNCATE, so no application bug or ordinary role can rewrite history. A superuser
-- can still bypass row triggers (SET session_replication_role = replica) or drop them; that is
-- what the hash chain and the signed chain heads are for: such a change is detected by
-- `verifieerAuditLog`, not prevented.

CREATE FUNCTION audit_weiger_wijziging() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- No row values in the message: they hold BSNs, and messages end up in logs.
  RAISE EXCEPTION '% on % refused: the table is append-only', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;

-- One row per record. The chain position (stroom, volgnummer) is the key: a second writer on a
-- stream, or a replayed batch, fails on it instead of forking the chain.
CREATE TABLE audit_record (
  stroom                 text        NOT NULL,  -- log stream: <bron>:<instance id>
  volgnummer             bigint      NOT NULL CHECK (volgnummer > 0),
  id                     uuid        NOT NULL UNIQUE,
  tijdstip               timestamptz NOT NULL,
  soort                  text        NOT NULL CHECK (soort IN ('VERWERKING', 'VERZOEK')),
  bron                   text        NOT NULL,  -- subgraph name, or gateway
  trace_id               text        NOT NULL,  -- W3C trace id (32 hex)
  span_id                text        NOT NULL,  -- the gateway's span id (16 hex)
  verwerkingsactiviteit  text        NOT NULL,  -- id in audit/verwerkingsactiviteiten.yaml (AVG art. 30)
  betrokkene             text,                  -- BSN of the data subject; null for request records
  betrokkene_type        text CHECK (betrokkene_type = 'BSN'),
  actor_sub              text        NOT NULL,
  actor_organisatie      text        NOT NULL,
  actor_rollen           text[]      NOT NULL,
  doel                   text        NOT NULL,
  operatie               text,
  document_hash          text,
  verstrekt              text[]      NOT NULL,  -- field coordinates disclosed
  geweigerd              jsonb       NOT NULL,  -- [{veld, code}] withheld
  status                 text        NOT NULL,
  http_status            integer,
  hash                   text        NOT NULL,  -- hex SHA-256(canonical record ‖ previous hash)
  PRIMARY KEY (stroom, volgnummer),
  CHECK ((betrokkene IS NULL) = (betrokkene_type IS NULL))
);
-- The privacy officer's filters, each with the stable order (tijdstip, id) the cursor follows.
CREATE INDEX audit_record_tijdstip ON audit_record (tijdstip, id);
CREATE INDEX audit_record_betrokkene ON audit_record (betrokkene, tijdstip, id) WHERE betrokkene IS NOT NULL;
CREATE INDEX audit_record_actor ON audit_record (actor_sub, tijdstip, id);
CREATE INDEX audit_record_organisatie ON audit_record (actor_organisatie, tijdstip, id);
CREATE INDEX audit_record_trace ON audit_record (trace_id);

CREATE TRIGGER audit_record_append_only BEFORE UPDATE OR DELETE ON audit_record
  FOR EACH ROW EXECUTE FUNCTION audit_weiger_wijziging();
CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record
  FOR EACH STATEMENT EXECUTE FUNCTION audit_weiger_wijziging();

-- Signed chain heads: every so often each writer signs (stroom, volgnummer, hash) of its
-- stream with Ed25519. Rewriting a chain consistently from some record on is then still
-- caught at the next signed head; deleting a stream's tail is caught by a head naming a
-- record that is gone.
CREATE TABLE audit_kop (
  stroom        text        NOT NULL,
  volgnummer    bigint      NOT NULL,
  hash          text        NOT NULL,
  tijdstip      timestamptz NOT NULL,
  sleutel_id    text        NOT NULL,
  handtekening  text        NOT NULL,  -- base64 Ed25519 over the canonical JSON of the other five
  PRIMARY KEY (stroom, volgnummer)
);
CREATE TRIGGER audit_kop_append_only BEFORE UPDATE OR DELETE ON audit_kop
  FOR EACH ROW EXECUTE FUNCTION audit_weiger_wijziging();
CREATE TRIGGER audit_kop_no_truncate BEFORE TRUNCATE ON audit_kop
  FOR EACH STATEMENT EXECUTE FUNCTION audit_weiger_wijziging();
