import { serverAudits } from 'graphql-http';
import { startTestHub, type TestHub } from '../support/hub';

/**
 * The gateway against the GraphQL-over-HTTP audits of the graphql-http package, over real HTTP:
 * every MUST passes; how each SHOULD and MAY fares is reported in the test's output. The audits
 * send their own documents (`{ __typename }` and broken ones); each request carries a
 * consulent's token and purpose, as every request to the hub must.
 */

jest.setTimeout(60_000);

describe('GraphQL over HTTP (graphql-http audits)', () => {
  let t: TestHub;
  let audits: ReturnType<typeof serverAudits>;
  const results: Array<{ id: string; name: string; status: string; reason?: string }> = [];

  beforeAll(async () => {
    t = await startTestHub();
    const token = await t.token('wmo-consulent');
    audits = serverAudits({
      url: t.hub.url,
      fetchFn: (input: RequestInfo | URL, init: RequestInit = {}) => {
        const headers = new Headers(init.headers);
        headers.set('authorization', `Bearer ${token}`);
        headers.set('x-purpose', 'WMO_ONDERSTEUNING');
        return fetch(input, { ...init, headers });
      },
    });
  });
  afterAll(async () => {
    const line = (r: (typeof results)[number]) => `${r.status === 'ok' ? 'ok  ' : r.status === 'warn' ? 'warn' : 'FAIL'} ${r.id} ${r.name}${r.reason ? ` — ${r.reason}` : ''}`;
    const notOk = results.filter((r) => r.status !== 'ok');
    console.log(`GraphQL over HTTP audit: ${results.length} audits, ${results.length - notOk.length} pass\n${notOk.map(line).join('\n')}`);
    await t?.close();
  });

  it('passes every MUST', async () => {
    for (const audit of audits) {
      const result = await audit.fn();
      results.push({ id: result.id, name: result.name, status: result.status, ...(result.status === 'ok' ? {} : { reason: result.reason }) });
    }
    const failedMusts = results.filter((r) => r.name.startsWith('MUST') && r.status !== 'ok');
    expect(failedMusts).toEqual([]);
    expect(results.length).toBeGreaterThan(30);
  });
});
