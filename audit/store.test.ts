import type { Db } from '../lib/db';
import { AuditLog } from './audit-log';
import { requestEntry } from './recorder';
import { loadVerwerkingsregister } from './register';
import { AuditSigner } from './signing';
import { AuditStore, AuditWriteError } from './store';
import { asSuperuserBypassingTriggers, auditEntry, BACKENDS, requestContext } from './testing/backends';
import { verifyAuditLog } from './verify';
import { AUDIT_COLUMNS, recordFromRow, type AuditEntry, type AuditRow } from './record';

const register = loadVerwerkingsregister();

/** Waits (on the event loop, not a sleep) until `condition` holds; the store's writes are I/O. */
async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setImmediate(r));
  }
}

function entry(i: number, bron = 'wmo'): AuditEntry {
  return auditEntry({
    tijdstip: new Date(Date.UTC(2026, 10, 23, 9, 0, 0, i)).toISOString(),
    bron,
    traceId: i.toString(16).padStart(32, '0'),
    actor: { sub: `consulent-${i % 3}`, organisatie: 'gemeente', rollen: ['wmo-consulent'] },
    operatie: 'Dossier',
    verstrekt: ['WmoDossier.voorzieningen', 'WmoVoorziening.productCode'],
  });
}

describe.each(BACKENDS)('audit store on %s', (_name, open) => {
  let db: Db;
  let drop: () => Promise<void>;
  let signer: AuditSigner;
  let store: AuditStore;

  beforeEach(async () => {
    ({ db, drop } = await open());
    signer = AuditSigner.generate('test-key');
    store = new AuditStore({ db, signer, signIntervalMs: 0 });
  });
  afterEach(async () => {
    await store.close();
    await drop();
  });

  const verify = () => verifyAuditLog(db, { trustedKeys: signer.trusted, pageSize: 7 });

  it('chains every record of a stream, and verify recomputes every chain as intact', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => store.append([entry(i, i % 2 ? 'wmo' : 'brp')])));
    await store.signHeads();
    const rows = await db.query<{ stroom: string; n: number; max: number }>('SELECT stroom, count(*)::int AS n, max(volgnummer) AS max FROM audit_record GROUP BY stroom ORDER BY stroom');
    expect(rows).toEqual([
      { stroom: `brp:${store.instanceId}`, n: 20, max: 20 },
      { stroom: `wmo:${store.instanceId}`, n: 20, max: 20 },
    ]);
    // pageSize 7 makes verify read each stream over several pages.
    const heads = await db.query<{ stroom: string; hash: string }>('SELECT stroom, hash FROM audit_record WHERE volgnummer = 20 ORDER BY stroom');
    expect(await verify()).toEqual({
      intact: true,
      gecontroleerd: 40,
      stromen: 2,
      koppen: 2,
      // Each stream's newest signed head, as an officer would export it.
      ondertekendeKoppen: heads.map((h) => ({ stroom: h.stroom, volgnummer: 20, hash: h.hash, tijdstip: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/), sleutelId: 'test-key', geldigheid: 'GELDIG' })),
      breuken: [],
      eersteBreuk: null,
    });
  });

  it('stores every field of a record exactly as appended, in every shape a record takes', async () => {
    const entries: AuditEntry[] = [
      auditEntry({ actor: { sub: 'zoë "1" \\ \n', organisatie: 'gemeente', rollen: ['regisseur', 'wmo-consulent'] }, operatie: 'Dossier', geweigerd: [{ veld: 'Persoon.jeugd', code: 'CONSENT_REQUIRED' }], status: 'GEDEELTELIJK' }),
      auditEntry({ soort: 'VERZOEK', bron: 'gateway', betrokkene: null, actor: { sub: 'partner-1', organisatie: 'wijkteam', rollen: [] }, documentHash: 'ab'.repeat(32), verstrekt: [], status: 'VOLTOOID', httpStatus: 200 }),
    ];
    await store.append(entries);
    const stored = (await db.query<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM audit_record ORDER BY bron`)).map(recordFromRow);
    expect(stored).toEqual([
      { ...entries[1], stroom: `gateway:${store.instanceId}`, volgnummer: 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      { ...entries[0], stroom: `wmo:${store.instanceId}`, volgnummer: 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    expect((await verify()).intact).toBe(true);
  });

  it('lists only the newest signed head of each stream, and says why one does not hold', async () => {
    for (let i = 0; i < 3; i++) await store.append([entry(i)]);
    await store.signHeads();
    await store.append([entry(3)]);
    await store.signHeads();
    const koppen = async (trustedKeys = signer.trusted) => (await verifyAuditLog(db, { trustedKeys })).ondertekendeKoppen.map((k) => [k.volgnummer, k.geldigheid]);
    expect(await koppen()).toEqual([[4, 'GELDIG']]);
    expect(await koppen(AuditSigner.generate('test-key').trusted)).toEqual([[4, 'HANDTEKENING_ONGELDIG']]);
    expect(await koppen(new Map())).toEqual([[4, 'SLEUTEL_ONBEKEND']]);
    await asSuperuserBypassingTriggers(db, "UPDATE audit_record SET hash = repeat('0', 64) WHERE volgnummer = 4");
    expect(await koppen()).toEqual([[4, 'KOP_WIJKT_AF']]);
    await asSuperuserBypassingTriggers(db, 'DELETE FROM audit_record WHERE volgnummer = 4');
    expect(await koppen()).toEqual([[4, 'RECORD_ONTBREEKT']]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    await store.append([entry(1)]);
    await store.signHeads();
    await db.query("INSERT INTO vernietiging (tijdstip, record_type, categorie, bron, regel, reden, aantal) VALUES (now(), 'WMO_VOORZIENING', '8.1.1', 'GWS', 'P15Y', 'BEWAARTERMIJN_VERSTREKEN', 1)");
    for (const table of ['audit_record', 'audit_kop', 'vernietiging']) {
      const column = table === 'vernietiging' ? 'bron' : 'stroom';
      await expect(db.query(`UPDATE ${table} SET ${column} = 'x'`)).rejects.toMatchObject({ code: '42501', message: expect.stringContaining('append-only') });
      await expect(db.query(`DELETE FROM ${table}`)).rejects.toMatchObject({ code: '42501' });
      await expect(db.query(`TRUNCATE ${table}`)).rejects.toMatchObject({ code: '42501' });
      expect((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n).toBe(1);
    }
  });

  it('names the record a superuser altered behind the trigger, and only that one', async () => {
    for (let i = 0; i < 10; i++) await store.append([entry(i)]);
    const [victim] = await db.query<{ id: string; volgnummer: number; stroom: string }>('SELECT id, volgnummer, stroom FROM audit_record WHERE volgnummer = 4');
    await asSuperuserBypassingTriggers(db, "UPDATE audit_record SET verstrekt = array['WmoVoorziening.omschrijving'] WHERE id = $1", [victim.id]);
    const result = await verify();
    expect(result.intact).toBe(false);
    expect(result.gecontroleerd).toBe(10);
    expect(result.breuken).toHaveLength(1);
    expect(result.eersteBreuk).toEqual({ stroom: victim.stroom, volgnummer: 4, id: victim.id, tijdstip: expect.any(String), reden: 'HASH_WIJKT_AF' });
  });

  it('names the record after one that was deleted, and a signed head whose record is gone', async () => {
    for (let i = 0; i < 6; i++) await store.append([entry(i)]);
    await store.signHeads();
    await asSuperuserBypassingTriggers(db, 'DELETE FROM audit_record WHERE volgnummer IN (3, 6)');
    const result = await verify();
    const [next] = await db.query<{ id: string }>('SELECT id FROM audit_record WHERE volgnummer = 4');
    expect(result.eersteBreuk).toMatchObject({ volgnummer: 4, id: next.id, reden: 'VOORGANGER_ONTBREEKT' });
    // The tail deletion would be invisible without the signed head at 6.
    await asSuperuserBypassingTriggers(db, 'DELETE FROM audit_record WHERE volgnummer > 2');
    expect((await verify()).eersteBreuk).toMatchObject({ volgnummer: 6, id: null, reden: 'RECORD_ONTBREEKT' });
  });

  it('catches a chain rewritten consistently at the next signed head', async () => {
    for (let i = 0; i < 5; i++) await store.append([entry(i)]);
    await store.signHeads();
    // Rewrite record 5 and recompute its hash, as someone who knows the format would.
    const { chainHash, recordFromRow, AUDIT_COLUMNS } = await import('./record');
    const [row4, row5] = await db.query<Parameters<typeof recordFromRow>[0]>(`SELECT ${AUDIT_COLUMNS} FROM audit_record WHERE volgnummer >= 4 ORDER BY volgnummer`);
    const forged = { ...recordFromRow(row5), verstrekt: ['Persoon.naam'] };
    await asSuperuserBypassingTriggers(db, 'UPDATE audit_record SET verstrekt = $1::text[], hash = $2 WHERE id = $3', [forged.verstrekt, chainHash(forged, row4.hash), forged.id]);
    expect((await verify()).eersteBreuk).toMatchObject({ volgnummer: 5, id: forged.id, reden: 'KOP_WIJKT_AF' });
  });

  it('rejects a head whose signature does not verify, or that names a key it does not trust', async () => {
    await store.append([entry(1)]);
    await store.signHeads();
    expect((await verifyAuditLog(db, { trustedKeys: AuditSigner.generate('test-key').trusted })).eersteBreuk).toMatchObject({ volgnummer: 1, reden: 'HANDTEKENING_ONGELDIG' });
    expect((await verifyAuditLog(db, { trustedKeys: new Map() })).eersteBreuk).toMatchObject({ reden: 'SLEUTEL_ONBEKEND' });
    await asSuperuserBypassingTriggers(db, "UPDATE audit_kop SET tijdstip = tijdstip + interval '1 second'");
    expect((await verify()).eersteBreuk).toMatchObject({ volgnummer: 1, reden: 'HANDTEKENING_ONGELDIG' });
  });

  it('batches concurrent appends into few transactions (group commit), each append resolving only after its commit', async () => {
    const committed: number[] = [];
    const appends = Array.from({ length: 200 }, (_, i) => store.append([entry(i)]).then(() => committed.push(i)));
    await Promise.all(appends);
    expect(committed).toHaveLength(200);
    expect(store.stats.records).toBe(200);
    // Appended in one turn of the event loop, they share its one commit.
    expect(store.stats.batches).toBe(1);
    expect(store.stats.largestBatch).toBe(200);
    expect((await verify()).intact).toBe(true);
  });

  it('starts a commit at the end of the turn, and queues what comes while it is in flight for the next', async () => {
    // One request's subgraphs that finish in the same turn share a commit, not two in a row.
    const first = store.append([entry(0)]);
    const second = store.append([entry(1)]);
    await new Promise((r) => setImmediate(r));
    // The first commit is in flight now: these wait for it, then go together.
    const later = Array.from({ length: 5 }, (_, i) => store.append([entry(2 + i)]));
    await Promise.all([first, second, ...later]);
    expect(store.stats.batches).toBe(2);
    expect(store.stats.largestBatch).toBe(5);
    expect((await verify()).intact).toBe(true);
  });

  it('keeps one append in one transaction and splits batches at maxBatch', async () => {
    const small = new AuditStore({ db, signer, signIntervalMs: 0, maxBatch: 10, instanceId: 'small' });
    await Promise.all([store.append([entry(0)]), ...Array.from({ length: 5 }, (_, i) => small.append(Array.from({ length: 6 }, (_, j) => entry(i * 6 + j))))]);
    expect(small.stats.largestBatch).toBe(6);
    expect(small.stats.batches).toBe(5);
    await small.close();
  });

  it('fails closed while the store cannot be written, and resumes the same chain when it can', async () => {
    await store.append([entry(0)]);
    await db.exec(`CREATE FUNCTION audit_vol() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'could not extend file' USING ERRCODE = 'disk_full'; END $$;
                   CREATE TRIGGER audit_vol BEFORE INSERT ON audit_record FOR EACH STATEMENT EXECUTE FUNCTION audit_vol();`);
    const failed = await store.append([entry(1)]).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(AuditWriteError);
    expect((failed as Error).message).not.toMatch(/9999/);
    await db.exec('DROP TRIGGER audit_vol ON audit_record; DROP FUNCTION audit_vol();');
    await store.append([entry(2)]);
    const rows = await db.query<{ volgnummer: number }>('SELECT volgnummer FROM audit_record ORDER BY volgnummer');
    expect(rows.map((r) => r.volgnummer)).toEqual([1, 2]);
    expect(store.stats.failedBatches).toBe(1);
    expect((await verify()).intact).toBe(true);
  });

  it('fails only the append whose record the database refuses, not the others in its batch', async () => {
    await db.exec(`CREATE FUNCTION audit_wmo_weg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$;
                   CREATE TRIGGER audit_wmo_weg BEFORE INSERT ON audit_record FOR EACH ROW WHEN (NEW.bron = 'wmo') EXECUTE FUNCTION audit_wmo_weg();`);
    await store.append([entry(0, 'brp')]);
    // Queued behind nothing, the next three share one batch; the wmo one poisons it.
    const outcomes = await Promise.allSettled([store.append([entry(1, 'brp')]), store.append([entry(2, 'wmo')]), store.append([entry(3, 'brp')]), store.append([entry(4, 'gateway')])]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    await db.exec('DROP TRIGGER audit_wmo_weg ON audit_record; DROP FUNCTION audit_wmo_weg();');
    await store.append([entry(5, 'wmo')]);
    expect((await db.query<{ stroom: string }>('SELECT stroom FROM audit_record ORDER BY stroom, volgnummer')).map((r) => r.stroom.split(':')[0])).toEqual(['brp', 'brp', 'brp', 'gateway', 'wmo']);
    expect((await verify()).intact).toBe(true);
  });

  it('continues a stream under a configured instance id after a restart', async () => {
    const first = new AuditStore({ db, signer, signIntervalMs: 0, instanceId: 'pod-a' });
    await first.append([entry(0), entry(1)]);
    await first.close();
    const second = new AuditStore({ db, signer, signIntervalMs: 0, instanceId: 'pod-a' });
    await second.append([entry(2)]);
    await second.close();
    expect((await db.query<{ volgnummer: number }>("SELECT volgnummer FROM audit_record WHERE stroom = 'wmo:pod-a' ORDER BY volgnummer")).map((r) => r.volgnummer)).toEqual([1, 2, 3]);
    expect((await verify()).intact).toBe(true);
  });

  it('signs heads of grown streams only, periodically', async () => {
    // The signing interval is a timer: fake that one (nothing else) and step it, rather than
    // sleeping through ticks. Appends, their time limits and the database keep real time.
    jest.useFakeTimers({ doNotFake: ['Date', 'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout'] });
    try {
      const timed = new AuditStore({ db, signer, signIntervalMs: 50, instanceId: 'timed' });
      await timed.append([entry(0)]);
      jest.advanceTimersByTime(49);
      expect(timed.stats.headsSigned).toBe(0);
      jest.advanceTimersByTime(1);
      await until(() => timed.stats.headsSigned === 1);
      // Three more ticks with nothing new: no signature.
      jest.advanceTimersByTime(150);
      expect((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_kop WHERE stroom = 'wmo:timed'"))[0].n).toBe(1);
      expect(timed.stats.headsSigned).toBe(1);
      await timed.append([entry(1)]);
      await timed.close();
      expect((await db.query<{ volgnummer: number }>("SELECT volgnummer FROM audit_kop WHERE stroom = 'wmo:timed' ORDER BY volgnummer")).map((r) => r.volgnummer)).toEqual([1, 2]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('records the gateway request and the subgraph processing, linked by trace id', async () => {
    const log = new AuditLog({ db, signer, register, signIntervalMs: 0, instanceId: 'hub' });
    const request = requestContext();
    const recorder = log.recorderFor('wmo')(request);
    recorder.disclosed('999990019', 'WmoVoorziening.productCode');
    await recorder.flush();
    await log.recordRequest(request, 200);
    const rows = await db.query<{ soort: string; bron: string; trace_id: string; http_status: number | null }>('SELECT soort, bron, trace_id, http_status FROM audit_record ORDER BY soort');
    expect(rows).toEqual([
      { soort: 'VERWERKING', bron: 'wmo', trace_id: request.traceId, http_status: null },
      { soort: 'VERZOEK', bron: 'gateway', trace_id: request.traceId, http_status: 200 },
    ]);
    expect(requestEntry(register, request, 403).status).toBe('GEWEIGERD');
    await log.close();
    expect((await log.verify()).intact).toBe(true);
  });
});

describe('audit store on Postgres, stuck behind a lock', () => {
  it('ends a write that waits longer than writeTimeoutMs on the server, so the writer goes on', async () => {
    const { db, drop } = await BACKENDS[0][1]();
    const store = new AuditStore({ db, signer: AuditSigner.generate(), signIntervalMs: 0, writeTimeoutMs: 300 });
    try {
      await store.append([entry(0)]);
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      let locked!: () => void;
      const isLocked = new Promise<void>((r) => (locked = r));
      // Someone holds the table: the insert waits for the lock until its statement timeout.
      const holder = db.transaction(async (tx) => {
        await tx.query('LOCK TABLE audit_record IN EXCLUSIVE MODE');
        locked();
        await released;
      });
      await isLocked;
      await expect(store.append([entry(1)])).rejects.toBeInstanceOf(AuditWriteError);
      // The server cancelled the statement while the lock is still held: the batch has failed.
      while (store.stats.failedBatches === 0) await new Promise((r) => setTimeout(r, 20));
      release();
      await holder;
      await store.append([entry(2)]);
      expect((await db.query<{ volgnummer: number }>('SELECT volgnummer FROM audit_record ORDER BY volgnummer')).map((r) => r.volgnummer)).toEqual([1, 2]);
    } finally {
      await store.close();
      await drop();
    }
  });
});
