import { INTERNAL_CONTEXT_HEADER } from '../../policy';
import { startTestHub, type TestHub } from '../support/hub';

const WMO_QUERY = `{ persoon(burgerservicenummer: "999990019") {
  naam { volledigeNaam }
  wmo { voorzieningen { productCategorie ingangsdatum } bron { systeem gesynchroniseerdOp } } } }`;

describe('walking skeleton through the real gateway (Postgres)', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t?.close());

  it('gives a Wmo consulent her two voorzieningen with a sync time', async () => {
    const res = await t.query('wmo-consulent', 'WMO_ONDERSTEUNING', WMO_QUERY);
    expect(res.errors).toBeUndefined();
    const p = res.data!.persoon;
    expect(p.naam.volledigeNaam).toEqual(expect.any(String));
    expect(p.wmo.voorzieningen.map((v: { productCategorie: string }) => v.productCategorie).sort()).toEqual(['01', '02']);
    expect(p.wmo.bron.systeem).toBe('GWS');
    expect(Date.parse(p.wmo.bron.gesynchroniseerdOp)).toBeGreaterThan(Date.now() - 5 * 60_000);
  });

  it('gives household A: the four who live there, not the daughter of 20', async () => {
    const res = await t.query('wmo-consulent', 'WMO_ONDERSTEUNING', '{ huishouden(burgerservicenummer: "999990019") { id adres { postcode } leden { burgerservicenummer } } }');
    expect(res.errors).toBeUndefined();
    const leden = res.data!.huishouden.leden.map((l: { burgerservicenummer: string }) => l.burgerservicenummer).sort();
    expect(leden).toEqual(['999990007', '999990019', '999990032', '999990044']);
    expect(res.data!.huishouden.adres.postcode).toMatch(/^[0-9]{4}[A-Z]{2}$/);
  });

  it('refuses a request without a token with 401 UNAUTHENTICATED', async () => {
    const res = await t.post({ query: WMO_QUERY }, { 'x-purpose': 'WMO_ONDERSTEUNING' });
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.body.data).toBeUndefined();
  });

  it('refuses a forged or foreign token with 401', async () => {
    const real = await t.token('wmo-consulent');
    const [h, p] = real.split('.');
    const res = await t.post({ query: WMO_QUERY }, { authorization: `Bearer ${h}.${p}.c2lnbmF0dXJl`, 'x-purpose': 'WMO_ONDERSTEUNING' });
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a purpose the role may not claim, and a missing purpose, with 403', async () => {
    const token = await t.token('wmo-consulent');
    for (const headers of [{ 'x-purpose': 'LEERPLICHT' }, {}, { 'x-purpose': 'NIEUWSGIERIGHEID' }] as Array<Record<string, string>>) {
      const res = await t.post({ query: WMO_QUERY }, { authorization: `Bearer ${token}`, ...headers });
      expect(res.status).toBe(403);
      expect(res.body.errors?.[0].extensions?.code).toBe('PURPOSE_NOT_ALLOWED');
      expect(res.body.data).toBeUndefined();
    }
  });

  it('rejects a BSN that fails the elfproef with BAD_USER_INPUT, naming no BSN', async () => {
    const res = await t.query('wmo-consulent', 'WMO_ONDERSTEUNING', '{ persoon(burgerservicenummer: "123456789") { naam { volledigeNaam } } }');
    expect(res.data?.persoon).toBeNull();
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(res.errors)).not.toContain('123456789');
  });

  it('withholds another domain with FORBIDDEN, per path', async () => {
    const res = await t.query('wmo-consulent', 'WMO_ONDERSTEUNING', '{ persoon(burgerservicenummer: "999990044") { naam { volledigeNaam } jeugd { jeugdhulp { productCategorie } } } }');
    expect(res.data!.persoon.jeugd).toBeNull();
    expect(res.data!.persoon.naam.volledigeNaam).toEqual(expect.any(String));
    expect(res.errors).toEqual([expect.objectContaining({ path: ['persoon', 'jeugd'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
  });

  it('honours and returns the W3C trace context, and lets no cache keep the answer', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await t.post({ query: WMO_QUERY }, { authorization: `Bearer ${await t.token('wmo-consulent')}`, 'x-purpose': 'WMO_ONDERSTEUNING', traceparent: `00-${traceId}-00f067aa0ba902b7-01` });
    expect(res.status).toBe(200);
    expect(res.headers.get('traceparent')).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('answers /healthz and /readyz', async () => {
    const base = t.hub.url.replace('/graphql', '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { firstSyncDone: true, brpSynced: true, gwsSynced: true } });
  });

  it('has subgraphs that refuse anyone but the gateway', async () => {
    const wmo = t.hub.subgraphs.find((s) => s.name === 'wmo')!;
    const query = '{ _entities(representations: [{ __typename: "Persoon", burgerservicenummer: "999990019" }]) { ... on Persoon { wmo { voorzieningen { productCode } } } } }';
    for (const headers of [{}, { [INTERNAL_CONTEXT_HEADER]: 'eyJhbGciOiJIUzI1NiJ9.e30.forged' }] as Array<Record<string, string>>) {
      const res = await fetch(wmo.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
      expect(res.status).toBe(401);
      const body = (await res.json()) as { data?: unknown; errors: Array<{ extensions: { code: string } }> };
      expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(body.data).toBeUndefined();
    }
  });
});

describe('walking skeleton on embedded PGlite', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ embedded: true });
  });
  afterAll(() => t?.close());

  it('serves the same dossier without DATABASE_URL', async () => {
    expect(t.hub.db.kind).toBe('pglite');
    const res = await t.query('wmo-consulent', 'WMO_ONDERSTEUNING', WMO_QUERY);
    expect(res.errors).toBeUndefined();
    expect(res.data!.persoon.wmo.voorzieningen).toHaveLength(2);
    const hh = await t.query('wmo-consulent', 'WMO_ONDERSTEUNING', '{ huishouden(burgerservicenummer: "999990019") { leden { burgerservicenummer } } }');
    expect(hh.data!.huishouden.leden).toHaveLength(4);
  });

  it('answers the rest when a read model or a subgraph cannot answer, with SOURCE_UNAVAILABLE and no internals', async () => {
    const q = '{ persoon(burgerservicenummer: "999990019") { naam { volledigeNaam } wmo { voorzieningen { productCode } } } }';
    await t.hub.db.exec('ALTER TABLE dossier_record RENAME TO dossier_record_away');
    try {
      const res = await t.query('wmo-consulent', 'WMO_ONDERSTEUNING', q);
      expect(res.data!.persoon.naam.volledigeNaam).toEqual(expect.any(String));
      expect(res.data!.persoon.wmo).toBeNull();
      expect(res.errors).toEqual([expect.objectContaining({ path: ['persoon', 'wmo'], extensions: { code: 'SOURCE_UNAVAILABLE', bron: 'wmo' } })]);
      expect(JSON.stringify(res.errors)).not.toMatch(/dossier_record|relation|999990019/);
    } finally {
      await t.hub.db.exec('ALTER TABLE dossier_record_away RENAME TO dossier_record');
    }
    await t.hub.subgraphs.find((s) => s.name === 'wmo')!.close();
    const res = await t.query('wmo-consulent', 'WMO_ONDERSTEUNING', q);
    expect(res.data!.persoon.naam.volledigeNaam).toEqual(expect.any(String));
    expect(res.data!.persoon.wmo).toBeNull();
    expect(res.errors?.map((e) => e.extensions)).toEqual([{ code: 'SOURCE_UNAVAILABLE', bron: 'wmo' }]);
    expect(JSON.stringify(res.errors)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
  });
});
