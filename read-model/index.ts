/**
 * The read models: the hub's copies of back-office data in Postgres. This module owns their
 * tables (brp_persoon, dossier_record, sync_state), their migrations (read-model/migrations) and
 * every statement on them; sync writes through it, subgraphs, the policy layer and retention
 * read through it.
 */
export { birthOf, deleteDossierRecords, dossiersOf, dossiersOfMany, tombstoneDossierRecords, type DossierQuery, type PersonDossier, dossierSubjects, householdDossiers, recordsOfType, subjectsWithRecords, sweepDossier, upsertDossierRecords, type KnownBirth, type StoredRecord } from './dossier';
export { PersonDirectory, type KnownPerson } from './person-directory';
export { personsByBsn, sweepPersons, upsertPersons, type CopiedPerson } from './persons';
export { versionOf } from './versions';
export { markSynced, syncHealth, syncState, type SyncHealthRow, type SyncStateRow } from './sync-state';

/**
 * Refreshes the planner's statistics of the read models: a bulk load leaves them stale until
 * autovacuum comes round (never, where it is off), and without them the household query scans
 * every dossier record.
 */
export async function analyzeReadModels(db: { exec(sql: string): Promise<void> }): Promise<void> {
  await db.exec('ANALYZE brp_persoon, dossier_record');
}
