import { startTestHub, type TestHub } from '../support/hub';

/**
 * What the gateway gives browsers, over real HTTP: CORS only for the configured origins (the
 * preflight allows exactly the headers a client needs), development tokens in development mode,
 * the console's sign-in configuration, and a 405 rather than the explorer for a client that does
 * not ask for HTML.
 */

const ALLOWED = 'https://sociaal-team.gemeente.test';

describe('browsers at the gateway', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ env: { CORS_ORIGINS: `${ALLOWED},http://localhost:5173` } });
  });
  afterAll(() => t?.close());

  const preflight = (origin: string) =>
    fetch(t.hub.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, x-purpose, content-type, traceparent' } });

  it('answers the preflight of a configured origin with the headers a client needs, and no other origin', async () => {
    const ok = await preflight(ALLOWED);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(ok.headers.get('access-control-allow-methods')).toBe('POST');
    expect(ok.headers.get('access-control-allow-headers')?.toLowerCase().split(',').map((h) => h.trim()).sort()).toEqual(['authorization', 'content-type', 'traceparent', 'x-purpose']);
    const other = await preflight('https://elders.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets a page of a configured origin read the answer, and tells other origins nothing', async () => {
    const ask = async (origin: string) =>
      fetch(t.hub.url, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json', authorization: `Bearer ${await t.token('wmo-consulent')}`, 'x-purpose': 'WMO_ONDERSTEUNING' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
    const allowed = await ask(ALLOWED);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(allowed.headers.get('access-control-expose-headers')).toMatch(/traceparent/i);
    expect((await ask('https://elders.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('mints development tokens that the hub accepts, for known roles only', async () => {
    const mint = (body: unknown) => fetch(t.hub.url.replace('/graphql', '/dev/token'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const res = await mint({ role: 'privacy-officer' });
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    const answer = await t.post({ query: '{ verifieerAuditLog { intact } }' }, { authorization: `Bearer ${token}`, 'x-purpose': 'AUDIT' });
    expect(answer.status).toBe(200);
    expect(answer.body.data?.verifieerAuditLog.intact).toBe(true);
    expect((await mint({ role: 'beheerder' })).status).toBe(400);
    expect((await mint({ role: 'partner', org: 'Mee Org!' })).status).toBe(400);
  });

  it('tells the console how to sign in, and answers 405 to a non-browser GET', async () => {
    const config = await fetch(t.hub.url.replace('/graphql', '/ui/config.json'));
    expect(await config.json()).toEqual({ auth: 'dev' });
    const get = await fetch(t.hub.url, { headers: { accept: 'application/json' } });
    expect(get.status).toBe(405);
  });
});
