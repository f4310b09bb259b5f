import type { AuditActor, AuditBreuk, AuditKop, AuditRecord, AuditReports, Page, SnuffelSignaal, VernietigingRow } from '../../audit';

/** The audit subgraph's loaders are the audit module's reports (audit/reports.ts). */
export type AuditLoaders = AuditReports;

// Parent types under names of their own: the generated types already use the GraphQL names.
export type AuditRecordPage = Page<AuditRecord>;
export type AuditRecordParent = AuditRecord;
export type AuditActorParent = AuditActor;
export type AuditBreukParent = AuditBreuk;
export type AuditKopParent = AuditKop;
export type SnuffelSignaalParent = SnuffelSignaal;
export type VernietigingPage = Page<VernietigingRow>;
/** A processing activity as a parent: its id; the register supplies the rest. */
export type VerwerkingsactiviteitRef = string;
export type { InzageRapportData, InzageRegelRow, InzageSamenvattingRow, SnuffelRapportData, VernietigingRow } from '../../audit';
