import { Queue } from 'bullmq';
import { generateMunicipality } from '../../municipality';
import type { Uitkering, WmoVoorziening } from '../../municipality/types';
import { QUEUES } from '../../sync/service';
import { compareWithGws, gwsPastTerm } from '../support/compare';
import { TEST_REDIS_URL } from '../support/env';
import { eventually, startTestHub, type TestHub } from '../support/hub';

/**
 * GWS goes down for 40 s, for real: its StUF port refuses connections, as when its service has
 * stopped. Retry and breaker run on their defaults (retries after 5, 10, 20, 40 s, each ±20 %; the
 * breaker opens for 30 s), as in production. Two changes GWS reported just before it went down
 * are read while it is down and fail; three more are made in GWS during the outage and reported
 * once it is back. The hub keeps running and serving its copy, /readyz names GWS's error, and once
 * GWS is back every change arrives through the jobs' own retries: no restart, no full sync, no job
 * giving up. Then the read model holds exactly what GWS holds.
 *
 * /readyz stays 200 meanwhile: readiness is Postgres, Redis and the polled sources (Jeugd, LAS);
 * a GWS outage is not a reason to stop serving the copy, and /readyz reports it per source.
 */

jest.setTimeout(180_000);

const OUTAGE_MS = 40_000;
/**
 * The latest a change may arrive after the outage began, from the default schedule. A job whose
 * read failed as GWS went down has had its fifth attempt by 1.2 × (5 + 10 + 20 + 40) s = 90 s,
 * well past the breaker window the outage left. A change GWS reports when it is back may meet a
 * breaker a last failed probe just opened again; its own fifth attempt comes at most 90 s after
 * GWS's return.
 */
const ARRIVAL_DEADLINE_MS = OUTAGE_MS + 90_000;

const WMO_Q = (bsn: string) => `{ persoon(burgerservicenummer: "${bsn}") { wmo { voorzieningen { toewijzingNummer omschrijving } } } }`;
const SAME = { missing: [], extra: [], older: [] };

describe('GWS down for 40 s, with the default retry schedule and breaker', () => {
  let t: TestHub;
  let changes: Queue;
  const exits: unknown[] = [];
  const onExit = (code: unknown) => exits.push(code);

  beforeAll(async () => {
    process.on('exit', onExit);
    t = await startTestHub({ municipality: generateMunicipality({ inhabitants: 300 }) });
    // The hub's own kennisgeving queue, to look at and, once, to hold.
    changes = new Queue(QUEUES.kennisgevingen, { connection: { url: TEST_REDIS_URL }, prefix: t.queuePrefix });
  });
  afterAll(async () => {
    await changes?.close();
    await t?.close();
    process.off('exit', onExit);
  });

  const gws = () => t.hub.standIns.gws!;
  const compare = () => compareWithGws(t.hub.db, gws());
  const readyz = async () => {
    const res = await fetch(t.hub.url.replace(/\/graphql$/, '/readyz'));
    return { status: res.status, body: (await res.json()) as { checks: Record<string, boolean>; sources: Record<string, { lastSuccessAt: string | null; lastErrorCode: string | null }> } };
  };
  const fullSyncAt = async () => (await t.hub.db.query<{ at: string }>("SELECT last_full_sync_at::text AS at FROM sync_state WHERE source = 'GWS'"))[0].at;

  it('keeps running and serving, and once GWS is back every change arrives through the retries, without a restart', async () => {
    expect(await compare()).toEqual(SAME);
    const fullSyncBefore = await fullSyncAt();
    // Records the hub holds: within their archive term.
    const truth = gws().snapshot();
    const pastTerm = new Set(gwsPastTerm(gws()));
    const wmo: WmoVoorziening = truth.wmo.find((v) => !v.einddatum)!;
    const [gone, changed]: Uitkering[] = truth.uitkeringen.filter((u) => !pastTerm.has(`UIT ${u.dossierNummer}`));

    // A job that gives up would leave its change to the supervisor's next cycle: the retries alone
    // must outlast the outage and the breaker. Watched throughout, since the supervisor re-queues
    // a failed job within its cycle.
    let failedJobs = 0;
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        failedJobs = Math.max(failedJobs, (await changes.getJobCounts('failed')).failed);
        await new Promise((r) => setTimeout(r, 250));
      }
    })();

    try {
      // Two changes GWS reports just before it goes down: the hub has queued them but not read
      // them yet (its worker held back for this), so their reads meet a GWS that is down.
      await changes.pause();
      await gws().upsertWmoVoorziening({ ...wmo, omschrijving: 'Gewijzigd vlak voor de storing' });
      await gws().removeUitkering(gone.dossierNummer);
      await gws().whenKennisgevingenDelivered(15_000);
      await eventually(async () => (await changes.getJobCounts('waiting')).waiting === 2, 10_000);

      const outageStart = Date.now();
      await gws().stop();
      await changes.resume();

      // The reads fail; /readyz names GWS's error, and the hub still answers from its copy.
      await eventually(async () => (await readyz()).body.sources.GWS.lastErrorCode === 'SOURCE_UNAVAILABLE', 15_000, 200);
      const during = await readyz();
      expect(during.status).toBe(200);
      expect(during.body.checks).toMatchObject({ database: true, redis: true, jeugdCurrent: true, lasCurrent: true });
      const served = await t.query('wmo-consulent', 'WMO_ONDERSTEUNING', WMO_Q(wmo.bsn));
      expect(served.errors).toBeUndefined();
      expect(served.data?.persoon?.wmo?.voorzieningen).toContainEqual({ toewijzingNummer: wmo.toewijzingNummer, omschrijving: wmo.omschrijving });
      expect(await compare()).toEqual({ missing: [], extra: [`UIT ${gone.dossierNummer}`], older: [`WVZ ${wmo.toewijzingNummer}`] });

      // Meanwhile GWS's users keep working: GWS reports these once it is back.
      await new Promise((r) => setTimeout(r, 10_000));
      await gws().upsertWmoVoorziening({ ...wmo, toewijzingNummer: 'STORING-1', omschrijving: 'Aangevraagd tijdens de storing' });
      await gws().upsertUitkering({ ...changed, besluiten: [...changed.besluiten, { soort: 'WIJZIGING', datum: '2026-11-30', toelichting: 'Tijdens de storing' }] });
      await new Promise((r) => setTimeout(r, 15_000));
      await gws().upsertWmoVoorziening({ ...wmo, omschrijving: 'Nogmaals gewijzigd tijdens de storing' });

      // Still the same process, still serving, still naming the error.
      await new Promise((r) => setTimeout(r, Math.max(0, outageStart + OUTAGE_MS - 5_000 - Date.now())));
      expect(exits).toEqual([]);
      expect((await t.query('wmo-consulent', 'WMO_ONDERSTEUNING', WMO_Q(wmo.bsn))).errors).toBeUndefined();
      expect((await readyz()).body.sources.GWS.lastErrorCode).toBe('SOURCE_UNAVAILABLE');

      await new Promise((r) => setTimeout(r, Math.max(0, outageStart + OUTAGE_MS - Date.now())));
      const backAt = Date.now();
      await gws().start();

      // Every change arrives, within the default schedule, and the copy is GWS's again.
      const converged = async () => gws().kennisgevingen.pending === 0 && sameAs(await compare(), SAME);
      await eventually(converged, Math.max(0, outageStart + ARRIVAL_DEADLINE_MS - Date.now()), 500).catch(() => undefined);
      expect(await compare()).toEqual(SAME);
      expect(Date.now() - outageStart).toBeLessThanOrEqual(ARRIVAL_DEADLINE_MS + 1000);
      const after = await t.query('wmo-consulent', 'WMO_ONDERSTEUNING', WMO_Q(wmo.bsn));
      expect(after.data?.persoon?.wmo?.voorzieningen).toEqual(
        expect.arrayContaining([
          { toewijzingNummer: wmo.toewijzingNummer, omschrijving: 'Nogmaals gewijzigd tijdens de storing' },
          { toewijzingNummer: 'STORING-1', omschrijving: 'Aangevraagd tijdens de storing' },
        ]),
      );

      // Through the kennisgeving jobs: no restart, no full sync since, no job that gave up.
      expect(exits).toEqual([]);
      expect(await fullSyncAt()).toBe(fullSyncBefore);
      await t.hub.sync.drained();
      const ready = await readyz();
      expect(ready.status).toBe(200);
      expect(Date.parse(ready.body.sources.GWS.lastSuccessAt!)).toBeGreaterThan(backAt);
    } finally {
      watching = false;
      await watcher;
      await changes.resume();
      await gws().start();
    }
    expect(failedJobs).toBe(0);
  });
});

function sameAs(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
