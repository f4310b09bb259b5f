/**
 * The audit log (docs/DESIGN.md): append-only, hash-chained per log stream, periodically signed,
 * written with group commit; its tables and migration (audit/migrations) are this module's. No
 * GraphQL here; subgraphs/audit serves it to privacy officers.
 */
export { AuditLog, type AuditLogOptions } from './audit-log';
export { LDV_API_VERSION, LDV_PATH, ldvRecord, ldvRoutes, MAX_LDV_RECORDS, parseLdvRequest, readLdvRecords, type LdvProcessingActivity, type LdvProblem, type LdvRoutesOptions } from './ldv';
export { canonicalJson } from './canonical';
export { AUDIT_COLUMNS, canonicalRecord, chainHash, GENESIS_HASH, recordFromRow, type AuditActor, type AuditEntry, type AuditRecord, type AuditRow, type AuditSoort, type AuditStatus, type AuditWeigering } from './record';
export { RequestRecorder, requestEntry, type AuditSink } from './recorder';
export { API_SCHEMA_PATH, fieldLabels, labelOf, loadFieldLabels, reportLabels, ROLE_NAMES, type ReportLabelOptions, type ReportLabels } from './labels';
export { createAuditReports, INZAGE_CSV_COLUMNS, inzageCsv, inzageJson, isToezicht, MAX_INZAGE, MAX_PAGE, MAX_TELLINGEN, SNUFFEL_MAX_DAYS, TELLINGEN_MAX_DAYS, type AuditTelling, type AuditTellingenData, type TellingenInput, type TellingInterval, type TellingPer, type AuditFilterInput, type AuditReports, type AuditSource, type InzageGegeven, type InzageRapportData, type InzageRegelRow, type InzageSamenvattingRow, type Page, type SnuffelRapportData, type VernietigingRow } from './reports';
export { loadVerwerkingsregister, Verwerkingsregister, type Verwerkingsactiviteit } from './register';
export { AuditSigner, devSigningKey, parseSigningKey, parseTrustedKeys, verifyHead, type ChainHead, type TrustedKeys } from './signing';
export { detectSnuffelen, ROLE_DOMAIN, SNUFFEL_DEFAULTS, type ActorActivity, type SnuffelDrempels, type SnuffelSignaal } from './snuffel';
export { AuditStore, AuditWriteError, type AuditStoreOptions, type AuditStoreStats } from './store';
export { verifyAuditLog, type AuditBreuk, type AuditKop, type KopGeldigheid, type AuditVerification, type BreukReden, type VerifyOptions } from './verify';
