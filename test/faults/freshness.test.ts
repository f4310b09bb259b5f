import { SHOWCASE_BSNS } from '../../municipality';
import { startTestHub, type TestHub } from '../support/hub';

/**
 * Honest freshness through the real gateway: `bron.gesynchroniseerdOp` is when this person's
 * records were last confirmed from the source, and a source the hub has not reached within its
 * term is reported stale (`bron.verouderd` and a SOURCE_STALE warning in the extensions). The
 * hub runs on an injected clock that the test moves forward.
 */

const A = '999990019';
const Q = (bsn: string) => `{ persoon(burgerservicenummer: "${bsn}") { wmo { voorzieningen { toewijzingNummer omschrijving } bron { systeem gesynchroniseerdOp bronBereiktOp verouderd } } } }`;

describe('freshness of the answer', () => {
  let t: TestHub;
  let now = Date.now();
  const clock = () => new Date(now);
  const gws = () => t.hub.standIns.gws!;
  let other: string;

  beforeAll(async () => {
    // GWS is reached by full syncs and kennisgevingen only; an hour unreached is stale here.
    t = await startTestHub({ clock, env: { SYNC_STALE_AFTER_FULL_MS: '3600000' } });
    const showcase = new Set<string>(SHOWCASE_BSNS);
    other = gws().snapshot().wmo.find((v) => !showcase.has(v.bsn) && v.bsn !== A && !v.einddatum)!.bsn;
  });
  afterAll(() => t?.close());

  const ask = async (bsn: string) => {
    const res = await t.post({ query: Q(bsn) }, await headersFor());
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    return { bron: res.body.data!.persoon.wmo.bron, extensions: (res.body as { extensions?: { warnings?: unknown[] } }).extensions };
  };
  // t.query hides the extensions: post with the headers it would send.
  const headersFor = async () => ({ authorization: `Bearer ${await t.token('wmo-consulent')}`, 'x-purpose': 'WMO_ONDERSTEUNING' });

  it("one person's change does not move another person's gesynchroniseerdOp", async () => {
    const before = { a: (await ask(A)).bron, other: (await ask(other)).bron };
    expect(before.a).toMatchObject({ systeem: 'GWS', verouderd: false });
    expect(before.other.gesynchroniseerdOp).toEqual(expect.any(String));

    now += 60_000;
    const changedAt = new Date(now).toISOString();
    const target = gws().snapshot().wmo.find((v) => v.bsn === A && !v.einddatum)!;
    await gws().upsertWmoVoorziening({ ...target, omschrijving: 'Gewijzigd voor de versheidstest' });
    await gws().whenKennisgevingenDelivered();
    await t.hub.sync.drained();

    const after = { a: (await ask(A)).bron, other: (await ask(other)).bron };
    expect(after.a.gesynchroniseerdOp).toBe(changedAt);
    expect(after.other.gesynchroniseerdOp).toBe(before.other.gesynchroniseerdOp);
    expect(after.a).toMatchObject({ verouderd: false, bronBereiktOp: changedAt });
  });

  it('reports a source not reached within its term as verouderd, with a SOURCE_STALE warning', async () => {
    const fresh = await ask(A);
    expect(fresh.extensions?.warnings).toBeUndefined();

    now += 2 * 3_600_000;
    const stale = await ask(A);
    expect(stale.bron).toMatchObject({ systeem: 'GWS', verouderd: true });
    expect(stale.extensions?.warnings).toEqual([{ code: 'SOURCE_STALE', bron: 'GWS' }]);
  });
});
