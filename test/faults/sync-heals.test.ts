import { spawn, type ChildProcess } from 'node:child_process';
import { generateMunicipality } from '../../municipality';
import type { Municipality } from '../../municipality/types';
import { compareWithGws, gwsPastTerm } from '../support/compare';
import { FAST_HEALING, isolatedDatabase } from '../support/env';
import { eventually, startTestHub, type TestHub } from '../support/hub';
import { freePort } from '../../hub/redis';

/**
 * Faults injected into a running hub, for real: its own redis-server killed with SIGKILL and
 * restarted empty, its Postgres connections terminated mid-transaction, GWS down for longer than
 * the circuit breaker's open window. After each the process still runs, the change made during
 * or after the fault arrives without a restart, /readyz tells the truth, and the read model holds
 * exactly what GWS holds. Breaker and retry schedule are made small through configuration, so
 * this runs in seconds, not minutes.
 */

jest.setTimeout(120_000);


async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const { redisReachable } = await import('../../hub/redis');
  await eventually(() => redisReachable(`redis://127.0.0.1:${port}`), 10_000, 50);
  return child;
}

describe('sync that heals itself', () => {
  let t: TestHub;
  let world: Municipality;
  let redis: ChildProcess;
  let redisPort: number;
  let database: Awaited<ReturnType<typeof isolatedDatabase>>;
  let appName: string;
  const exits: unknown[] = [];
  const onExit = (code: unknown) => exits.push(code);

  beforeAll(async () => {
    process.on('exit', onExit);
    redisPort = await freePort();
    redis = await startRedis(redisPort);
    database = await isolatedDatabase();
    // The hub's connections carry a name of their own, so that only they are terminated.
    appName = `heal_${Math.random().toString(36).slice(2, 10)}`;
    const url = new URL(database.url);
    url.searchParams.set('application_name', appName);
    world = generateMunicipality({ inhabitants: 400 });
    t = await startTestHub({
      municipality: world,
      env: {
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        DATABASE_URL: url.toString(),
        ...FAST_HEALING,
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
    redis?.kill('SIGKILL');
    process.off('exit', onExit);
  });

  const readyz = async () => {
    const res = await fetch(t.hub.url.replace('/graphql', '/readyz'));
    return { status: res.status, body: (await res.json()) as { status: string; checks: Record<string, boolean>; sources?: Record<string, { lastSuccessAt: string | null; lastErrorCode: string | null; lagMs: number | null }> } };
  };

  /** The read model against GWS, record by record (test/support/compare.ts). */
  const compare = () => compareWithGws(t.hub.db, t.hub.standIns.gws!);
  const SAME = { missing: [], extra: [], older: [] };

  const WMO_Q = (bsn: string) => `{ persoon(burgerservicenummer: "${bsn}") { wmo { voorzieningen { toewijzingNummer } } } }`;
  async function wmoArrives(bsn: string, toewijzingNummer: string, timeoutMs: number) {
    await eventually(async () => {
      const res = await t.query('wmo-consulent', 'WMO_ONDERSTEUNING', WMO_Q(bsn));
      return !!res.data?.persoon?.wmo?.voorzieningen?.some((v: { toewijzingNummer: string }) => v.toewijzingNummer === toewijzingNummer);
    }, timeoutMs, 200);
  }

  it('is ready after its first sync, with per-source health', async () => {
    // The first full sync copied GWS exactly, leaving out only what the Archiefwet keeps out: a
    // handful of records past their term.
    expect(await compare()).toEqual(SAME);
    expect(gwsPastTerm(t.hub.standIns.gws!).length).toBeLessThan(10);
    const { status, body } = await readyz();
    expect(status).toBe(200);
    expect(body.checks).toMatchObject({ database: true, redis: true, jeugdCurrent: true, lasCurrent: true });
    expect(body.sources!.JEUGD.lastSuccessAt).toEqual(expect.any(String));
    expect(body.sources!.GWS.lagMs).toEqual(expect.any(Number));
  });

  it('(b) keeps running when its Postgres connections are cut, even mid-transaction', async () => {
    const terminate = () => database.db.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()', [appName]);
    // A full sync writes in transactions: cut the connections while it runs, many times.
    const full = t.hub.sync.runFullSync().then(() => 'done', () => 'failed');
    for (let i = 0; i < 20; i++) {
      await terminate();
      await new Promise((r) => setTimeout(r, 50));
    }
    await full;
    await terminate();
    await t.hub.standIns.gws!.upsertWmoVoorziening({ bsn: '999990020', toewijzingNummer: 'TEST-HEAL-PG', productCategorie: '14', productCode: '14A01', omschrijving: 'Overige hulpmiddelen', ingangsdatum: '2026-11-20', leveringsvorm: 'ZIN' });
    await wmoArrives('999990020', 'TEST-HEAL-PG', 30_000);
    await eventually(async () => (await readyz()).status === 200, 20_000, 200);
    expect(exits).toEqual([]);
    expect(await compare()).toEqual(SAME);
  });

  it('(c) delivers a change read during a GWS outage longer than the breaker window, without a restart', async () => {
    const gws = t.hub.standIns.gws!;
    // The kennisgeving reaches the hub, but GWS goes down before the job can read the record.
    gws.setKennisgevingUrl(undefined);
    await gws.upsertWmoVoorziening({ bsn: '999990020', toewijzingNummer: 'TEST-HEAL-GWS', productCategorie: '14', productCode: '14A01', omschrijving: 'Overige hulpmiddelen', ingangsdatum: '2026-11-21', leveringsvorm: 'ZIN' });
    gws.setAvailable(false);
    await t.hub.sync.enqueueKennisgeving({ entiteittype: 'WVZ', sleutel: 'TEST-HEAL-GWS', soort: 'T', referentienummer: 'heal-gws-1', tijdstipBericht: '20261121120000000' });
    // Down for well past the breaker's open window (1.5 s here; 30 s by default).
    await new Promise((r) => setTimeout(r, 5000));
    const during = await readyz();
    expect(during.body.sources!.GWS.lastErrorCode).toEqual(expect.stringMatching(/^[A-Z0-9_]+$/));
    gws.setAvailable(true);
    await wmoArrives('999990020', 'TEST-HEAL-GWS', 30_000);
    gws.setKennisgevingUrl(t.hub.kennisgeving.url);
    await gws.whenKennisgevingenDelivered(15_000);
    await t.hub.sync.drained();
    expect(exits).toEqual([]);
    expect(await compare()).toEqual(SAME);
  });

  it('(a) survives a Redis killed and restarted empty: not ready while down, schedules back after', async () => {
    redis.kill('SIGKILL');
    await eventually(async () => (await readyz()).status === 503, 10_000, 100);
    expect((await readyz()).body.checks.redis).toBe(false);
    // Down for a while: the workers' connections retry meanwhile.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await readyz()).status).toBe(503);
    redis = await startRedis(redisPort);

    // The Jeugd poll runs again, from its cursor in Postgres: a stop of care published now arrives.
    const toewijzing = world.jeugd.find((j) => j.bsn === '999990044')!;
    t.hub.standIns.jeugd!.publish({ soort: 'JW307', toewijzing, stopZorg: '2026-11-22' });
    await eventually(async () => {
      const res = await t.query('jeugd-consulent', 'JEUGDHULP', '{ persoon(burgerservicenummer: "999990044") { jeugd { jeugdhulp { stopZorg } } } }');
      return res.data?.persoon?.jeugd?.jeugdhulp?.[0]?.stopZorg === '2026-11-22';
    }, 30_000, 200);
    await eventually(async () => (await readyz()).status === 200, 20_000, 200);

    // And GWS changes still arrive through the (new, empty) Redis.
    await t.hub.standIns.gws!.upsertWmoVoorziening({ bsn: '999990020', toewijzingNummer: 'TEST-HEAL-REDIS', productCategorie: '14', productCode: '14A01', omschrijving: 'Overige hulpmiddelen', ingangsdatum: '2026-11-22', leveringsvorm: 'ZIN' });
    await wmoArrives('999990020', 'TEST-HEAL-REDIS', 30_000);
    expect(exits).toEqual([]);
    expect(await compare()).toEqual(SAME);
  });
});
