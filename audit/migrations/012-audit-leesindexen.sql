-- Indexes for the audit log's newer readers, each ending in (tijdstip, id), the order their
-- pages and time windows follow:
-- - the LDV read API (audit/ldv.ts) selects by processing activity, narrowed by time, oldest first;
-- - auditRecords filters on purpose (doel), newest first; auditTellingen counts per purpose in a
--   period. (Counts per organisation use audit_record_organisatie, unfiltered counts
--   audit_record_tijdstip.)
-- Plain CREATE INDEX: migrations run in one transaction, where CONCURRENTLY cannot. On a large
-- log, create them CONCURRENTLY by hand before upgrading; IF NOT EXISTS then makes this a no-op.
CREATE INDEX IF NOT EXISTS audit_record_verwerkingsactiviteit ON audit_record (verwerkingsactiviteit, tijdstip, id);
CREATE INDEX IF NOT EXISTS audit_record_doel ON audit_record (doel, tijdstip, id);
