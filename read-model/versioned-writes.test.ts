import { wmoVoorziening } from '../domain/testing/records';
import { openDb, type Db } from '../lib/db';
import { migrate } from '../lib/migrate';
import { dossiersOf, householdDossiers, recordsOfType, subjectsWithRecords, dossierSubjects, tombstoneDossierRecords, upsertDossierRecords, deleteDossierRecords } from './dossier';
import { markSynced } from './sync-state';
import { personsByBsn, upsertPersons } from './persons';
import { versionOf } from './versions';
import type { PersoonRecord } from '../domain/records';

const A = '999990019';
const B = '999990044';
const v = (iso: string) => `t${iso}`;

describe('versioned writes of the read model', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openDb({ dataDir: 'memory://' });
    await migrate(db);
  });
  afterAll(() => db.close());
  beforeEach(() => db.exec('DELETE FROM dossier_record; DELETE FROM dossier_tombstone; DELETE FROM brp_persoon; DELETE FROM sync_state;'));

  const stored = async () => (await recordsOfType(db, 'WMO_VOORZIENING')).map((r) => [r.id, (r.record as { einddatum: string | null }).einddatum]);

  it('an older upsert after a newer one changes nothing; an equal one is written again', async () => {
    await upsertDossierRecords(db, 'WMO_VOORZIENING', [wmoVoorziening({ burgerservicenummer: A, toewijzingNummer: 'W1', einddatum: '2026-12-31' })], null, '2026-02-01T10:00:00Z', v('2026-02-01T10:00:00Z'));
    await upsertDossierRecords(db, 'WMO_VOORZIENING', [wmoVoorziening({ burgerservicenummer: A, toewijzingNummer: 'W1', einddatum: '2026-06-30' })], 'run', '2026-02-01T09:00:00Z', v('2026-02-01T09:00:00Z'));
    expect(await stored()).toEqual([['W1', '2026-12-31']]);
    await upsertDossierRecords(db, 'WMO_VOORZIENING', [wmoVoorziening({ burgerservicenummer: A, toewijzingNummer: 'W1', einddatum: '2027-01-31' })], null, '2026-02-01T10:00:00Z', v('2026-02-01T10:00:00Z'));
    expect(await stored()).toEqual([['W1', '2027-01-31']]);
  });

  it('a deletion then an older upsert does not resurrect the record; a newer one does', async () => {
    await upsertDossierRecords(db, 'WMO_VOORZIENING', [wmoVoorziening({ burgerservicenummer: A, toewijzingNummer: 'W1' })], null, '2026-02-01T09:00:00Z', v('2026-02-01T09:00:00Z'));
    await tombstoneDossierRecords(db, 'WMO_VOORZIENING', ['W1'], v('2026-02-01T10:00:00Z'), '2026-02-01T10:00:00Z');
    await upsertDossierRecords(db, 'WMO_VOORZIENING', [wmoVoorziening({ burgerservicenummer: A, toewijzingNummer: 'W1' })], 'run', '2026-02-01T09:30:00Z', v('2026-02-01T09:30:00Z'));
    expect(await stored()).toEqual([]);
    // The tombstone holds the type, key and version only: nothing of the record, no BSN.
    expect(await db.query('SELECT * FROM dossier_tombstone')).toEqual([{ record_type: 'WMO_VOORZIENING', id: 'W1', version: v('2026-02-01T10:00:00Z'), deleted_at: '2026-02-01T10:00:00.000Z' }]);
    await upsertDossierRecords(db, 'WMO_VOORZIENING', [wmoVoorziening({ burgerservicenummer: A, toewijzingNummer: 'W1', einddatum: '2027-01-31' })], null, '2026-02-01T11:00:00Z', v('2026-02-01T11:00:00Z'));
    expect(await stored()).toEqual([['W1', '2027-01-31']]);
    expect(await db.query('SELECT * FROM dossier_tombstone')).toEqual([]);
  });

  it('an older deletion leaves a newer record alone', async () => {
    await upsertDossierRecords(db, 'WMO_VOORZIENING', [wmoVoorziening({ burgerservicenummer: A, toewijzingNummer: 'W1' })], null, '2026-02-01T11:00:00Z', v('2026-02-01T11:00:00Z'));
    await tombstoneDossierRecords(db, 'WMO_VOORZIENING', ['W1'], v('2026-02-01T10:00:00Z'), '2026-02-01T10:00:00Z');
    expect((await stored()).map(([id]) => id)).toEqual(['W1']);
  });

  it('readers never see a deleted record, and destruction leaves no tombstone', async () => {
    await db.exec(`INSERT INTO brp_persoon (bsn, adresseerbaar_object_id, huishouden_id, record, synced_at) VALUES ('${A}', 'AO', 'h-1', '{"burgerservicenummer":"${A}"}', now())`);
    await upsertDossierRecords(db, 'WMO_VOORZIENING', [wmoVoorziening({ burgerservicenummer: A, toewijzingNummer: 'W1' }), wmoVoorziening({ burgerservicenummer: A, toewijzingNummer: 'W2' })], null, '2026-02-01T09:00:00Z', v('2026-02-01T09:00:00Z'));
    await tombstoneDossierRecords(db, 'WMO_VOORZIENING', ['W1', 'W2'], v('2026-02-01T10:00:00Z'), '2026-02-01T10:00:00Z');
    expect((await dossiersOf(db, [A], 'GWS', ['WMO_VOORZIENING'])).get(A)!.records).toEqual([]);
    expect((await householdDossiers(db, ['h-1'])).get('h-1')!.records).toEqual([]);
    expect(await recordsOfType(db, 'WMO_VOORZIENING')).toEqual([]);
    expect(await subjectsWithRecords(db, [A], ['WMO_VOORZIENING'])).toEqual(new Set());
    expect(await dossierSubjects(db)).toEqual([]);

    await upsertDossierRecords(db, 'WMO_VOORZIENING', [wmoVoorziening({ burgerservicenummer: A, toewijzingNummer: 'W3' })], null, '2026-02-01T09:00:00Z', v('2026-02-01T09:00:00Z'));
    await deleteDossierRecords(db, 'WMO_VOORZIENING', ['W3']);
    expect(await db.query("SELECT id FROM dossier_tombstone WHERE id = 'W3'")).toEqual([]);
  });

  it("one person's change does not move another person's freshness; without records it is the last full sync", async () => {
    await upsertDossierRecords(db, 'WMO_VOORZIENING', [wmoVoorziening({ burgerservicenummer: A, toewijzingNummer: 'W1' }), wmoVoorziening({ burgerservicenummer: B, toewijzingNummer: 'W2' })], 'run', '2026-02-01T03:00:00Z', v('2026-02-01T03:00:00Z'));
    await markSynced(db, 'GWS', { full: '2026-02-01T03:00:00Z' });
    await upsertDossierRecords(db, 'WMO_VOORZIENING', [wmoVoorziening({ burgerservicenummer: A, toewijzingNummer: 'W1' })], null, '2026-02-01T10:00:00Z', v('2026-02-01T10:00:00Z'));
    await markSynced(db, 'GWS', { change: '2026-02-01T10:00:00Z' });
    const found = await dossiersOf(db, [A, B, '999990068'], 'GWS', ['WMO_VOORZIENING']);
    expect(found.get(A)).toMatchObject({ gesynchroniseerdOp: '2026-02-01T10:00:00.000Z', bronBereiktOp: '2026-02-01T10:00:00.000Z' });
    expect(found.get(B)!.gesynchroniseerdOp).toBe('2026-02-01T03:00:00.000Z');
    expect(found.get('999990068')!.gesynchroniseerdOp).toBe('2026-02-01T03:00:00.000Z');
  });

  it("GWS's stated versions order among themselves, and after the receipt-time versions GWS rows carried before, whatever the clocks", async () => {
    const w = (einddatum: string) => [wmoVoorziening({ burgerservicenummer: A, toewijzingNummer: 'W1', einddatum })];
    // Stored before: the hub's receipt time, 10:00 by our clock. GWS's clock is an hour behind.
    await upsertDossierRecords(db, 'WMO_VOORZIENING', w('2026-06-30'), null, '2026-02-01T10:00:00Z', v('2026-02-01T10:00:00.000Z'));
    await tombstoneDossierRecords(db, 'WMO_VOORZIENING', ['W2'], v('2026-02-01T10:00:00.000Z'), '2026-02-01T10:00:00Z');
    await upsertDossierRecords(db, 'WMO_VOORZIENING', w('2026-12-31'), null, '2026-02-01T10:05:00Z', versionOf.gws('2026-02-01T09:05:00.000Z', 'page'));
    expect(await stored()).toEqual([['W1', '2026-12-31']]);
    // A page GWS answered earlier than that, by its own clock, written later: changes nothing.
    await upsertDossierRecords(db, 'WMO_VOORZIENING', w('2026-09-30'), 'run', '2026-02-01T10:06:00Z', versionOf.gws('2026-02-01T09:04:59.999Z', 'page'));
    expect(await stored()).toEqual([['W1', '2026-12-31']]);
    // An old tombstone stops no GWS-stated write.
    await upsertDossierRecords(db, 'WMO_VOORZIENING', [wmoVoorziening({ burgerservicenummer: A, toewijzingNummer: 'W2' })], null, '2026-02-01T10:07:00Z', versionOf.gws('2026-02-01T09:07:00.000Z', 'page'));
    expect((await stored()).map(([id]) => id)).toEqual(['W1', 'W2']);
    expect(versionOf.gws('1970-01-01T00:00:00.000Z', 'page') > v('9999-12-31T23:59:59.999Z')).toBe(true);
  });

  it('on a tie with a full-sync page, the re-read of one record wins, whichever is written last', async () => {
    const w = (einddatum: string) => [wmoVoorziening({ burgerservicenummer: A, toewijzingNummer: 'W3', einddatum })];
    // A GWS that states whole seconds: the re-read after a change and an earlier page share one.
    await upsertDossierRecords(db, 'WMO_VOORZIENING', w('2027-01-31'), null, '2026-02-01T11:00:01Z', versionOf.gws('2026-02-01T10:00:00.000Z', 'record'));
    await upsertDossierRecords(db, 'WMO_VOORZIENING', w('2026-03-31'), 'run', '2026-02-01T11:00:02Z', versionOf.gws('2026-02-01T10:00:00.000Z', 'page'));
    expect((await stored()).find(([id]) => id === 'W3')).toEqual(['W3', '2027-01-31']);
  });

  it('an older BRP copy of a person does not replace a newer one', async () => {
    const p = (naam: string) => ({ burgerservicenummer: A, naam: { volledigeNaam: naam }, adres: { adresseerbaarObjectId: 'AO' }, geheimhouding: false, ouders: [], gezag: [] }) as unknown as PersoonRecord;
    const write = { run: null, completeAddresses: new Set<string>(), householdId: (a: string) => `h-${a}` };
    await upsertPersons(db, [p('Nieuw')], { ...write, at: '2026-02-01T10:00:00.000Z' });
    await upsertPersons(db, [p('Oud')], { ...write, at: '2026-02-01T09:00:00.000Z' });
    expect((await personsByBsn(db, [A])).get(A)!.record.naam).toEqual({ volledigeNaam: 'Nieuw' });
  });
});
