import { ApolloServer } from '@apollo/server';
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { INTERNAL_CONTEXT_HEADER, InternalContextSigner, type RequestContext } from '../../policy';
import { startTestHub, type GraphQLBody, type TestHub } from '../support/hub';

/**
 * "No side doors": the internal context a subgraph receives from the gateway opens that one
 * fetch — that subgraph, that exact body, for seconds — and nothing else; and a subgraph runs no
 * query over the hub's limits, whoever signed for it. Real hub, real HTTP; a real context is
 * captured where a subgraph reads it.
 */

const INTERNAL_CONTEXT_KEY = 'security-e2e-internal-context-key-of-32+chars';
/** The trace of the contexts this test mints itself, apart from those of the gateway's requests. */
const MINTED_TRACE = '5cf92f3577b34da6a3ce929d0e0e4737';

const WMO_QUERY = '{ persoon(burgerservicenummer: "999990019") { naam { volledigeNaam } wmo { voorzieningen { productCode } } } }';
/** What a subgraph answers only for the gateway, as the gateway would ask it. */
const wmoOf = (bsn: string, fields = 'productCode omschrijving') =>
  JSON.stringify({ query: `{ _entities(representations: [{ __typename: "Persoon", burgerservicenummer: "${bsn}" }]) { ... on Persoon { wmo { voorzieningen { ${fields} } } } } }` });
const brpOf = (bsn: string) => JSON.stringify({ query: `{ persoon(burgerservicenummer: "${bsn}") { naam { volledigeNaam } geboortedatum } }` });
const REFUSAL = { errors: [{ message: 'Not authenticated: this subgraph answers only the gateway', extensions: { code: 'UNAUTHENTICATED' } }] };

interface Seen {
  header: string;
  audience: string;
  body: string;
}

describe('the internal context opens one fetch, and subgraphs keep the query limits (Postgres)', () => {
  let t: TestHub;
  const signer = new InternalContextSigner(INTERNAL_CONTEXT_KEY);
  const urlOf = (name: string) => t.hub.subgraphs.find((s) => s.name === name)!.url;
  const direct = async (name: string, header: string, body: string): Promise<{ status: number; body: GraphQLBody }> => {
    const res = await fetch(urlOf(name), { method: 'POST', headers: { 'content-type': 'application/json', [INTERNAL_CONTEXT_HEADER]: header }, body });
    return { status: res.status, body: (await res.json()) as GraphQLBody };
  };
  /** The context a header carries, as the gateway wrote it. */
  const contextIn = (header: string): RequestContext => JSON.parse(Buffer.from(header.split('.')[1], 'base64url').toString('utf8')).ctx;
  /** Whether the header would still be accepted with the body it came with: it was live, so a refusal was for something else. */
  const live = (seen: Seen) => signer.verify(seen.header, seen.audience, seen.body) !== null;

  /** The traces of the gateway requests whose fetches were captured. */
  const captured: string[] = [];
  /**
   * A Wmo consulent asks the gateway about 999990019; returns the headers and bodies the brp and
   * wmo subgraphs were handed to check, read where they check them.
   */
  const capture = async (): Promise<{ brp: Seen; wmo: Seen; ownHeaders: string[] }> => {
    const trace = randomBytes(16).toString('hex');
    captured.push(trace);
    const verify = jest.spyOn(InternalContextSigner.prototype, 'verify');
    // Which of our own headers reach a subgraph's GraphQL server (the gateway's has the client's).
    const execute = jest.spyOn(ApolloServer.prototype, 'executeHTTPGraphQLRequest');
    try {
      const res = await t.post({ query: WMO_QUERY }, { authorization: `Bearer ${await t.token('wmo-consulent')}`, 'x-purpose': 'WMO_ONDERSTEUNING', traceparent: `00-${trace}-b7ad6b7169203331-01` });
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
      const seen = verify.mock.calls.map(([header, audience, body]) => ({ header: header!, audience, body: Buffer.from(body).toString('utf8') }));
      const ownHeaders = execute.mock.calls.flatMap(([{ httpGraphQLRequest }]) => (httpGraphQLRequest.headers.has('authorization') ? [] : [...httpGraphQLRequest.headers.keys()])).filter((k) => k.startsWith('x-ontschot'));
      return { brp: seen.find((s) => s.audience === 'brp')!, wmo: seen.find((s) => s.audience === 'wmo')!, ownHeaders };
    } finally {
      verify.mockRestore();
      execute.mockRestore();
    }
  };
  /** The consulent's context, as this test signs it itself (under a trace of its own). */
  let ctx: RequestContext;

  beforeAll(async () => {
    // The signed context is what crosses a network: the gateway reaches its own subgraphs over
    // HTTP here, as it reaches subgraphs that run apart (in one process it hands it over by call).
    t = await startTestHub({ env: { INTERNAL_CONTEXT_KEY, SUBGRAPH_TRANSPORT: 'http' } });
    ctx = { ...contextIn((await capture()).wmo.header), traceId: MINTED_TRACE };
  });
  afterAll(() => t?.close());

  it('still answers the gateway, with one header per fetch that names its subgraph', async () => {
    const { brp, wmo, ownHeaders } = await capture();
    expect(wmo.body).toContain('_entities');
    expect(brp.header).not.toBe(wmo.header);
    // The signed header, once per fetch, and nothing else of ours: the unsigned context the
    // gateway hands its fetcher never leaves it.
    expect(ownHeaders).toEqual([INTERNAL_CONTEXT_HEADER, INTERNAL_CONTEXT_HEADER]);
    expect(contextIn(wmo.header)).toMatchObject({ traceId: captured.at(-1), doel: 'WMO_ONDERSTEUNING', actor: { rollen: ['wmo-consulent'] } });
  });

  it('refuses a captured context at another subgraph', async () => {
    const { brp, wmo } = await capture();
    // The wmo fetch's header, carried to brp: to read someone else's BRP data, or with either body.
    for (const body of [brpOf('999990056'), wmo.body, brp.body]) {
      expect(await direct('brp', wmo.header, body)).toEqual({ status: 401, body: REFUSAL });
    }
    expect(live(wmo)).toBe(true);
    // A context signed for wmo is refused at brp even with the very body brp answers when the
    // context is signed for brp.
    expect(await direct('brp', signer.sign(ctx, 'wmo', brpOf('999990056')), brpOf('999990056'))).toEqual({ status: 401, body: REFUSAL });
    const own = await direct('brp', signer.sign(ctx, 'brp', brpOf('999990056')), brpOf('999990056'));
    expect(own.status).toBe(200);
    expect(own.body.data!.persoon.naam.volledigeNaam).toEqual(expect.any(String));
  });

  it('refuses a captured context with another body', async () => {
    const { wmo } = await capture();
    // The same subgraph, the same consulent: another person's Wmo dossier, more fields, one byte more.
    for (const body of [wmoOf('999990056'), wmoOf('999990019', 'productCode omschrijving ingangsdatum einddatum'), `${wmo.body} `]) {
      expect(await direct('wmo', wmo.header, body)).toEqual({ status: 401, body: REFUSAL });
    }
    expect(live(wmo)).toBe(true);
    // Signed for that body, it is answered: the refusal was the body's.
    const own = await direct('wmo', signer.sign(ctx, 'wmo', wmoOf('999990056')), wmoOf('999990056'));
    expect(own.status).toBe(200);
    expect(own.body.data!._entities[0].wmo.voorzieningen.length).toBeGreaterThan(0);
  });

  it('refuses an expired context and a forged one', async () => {
    const body = wmoOf('999990056');
    const elevenSecondsAgo = new InternalContextSigner(INTERNAL_CONTEXT_KEY, { now: () => Date.now() - 11_000 });
    expect(await direct('wmo', elevenSecondsAgo.sign(ctx, 'wmo', body), body)).toEqual({ status: 401, body: REFUSAL });
    const otherKey = new InternalContextSigner('not-the-hub-key-but-long-enough-for-one');
    expect(await direct('wmo', otherKey.sign(ctx, 'wmo', body), body)).toEqual({ status: 401, body: REFUSAL });
  });

  it('runs no query from the URL, even beside a body its context was signed for', async () => {
    const body = wmoOf('999990019');
    const url = new URL(urlOf('wmo'));
    url.searchParams.set('query', JSON.parse(wmoOf('999990056')).query);
    const res = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'apollo-require-preflight': 'true', [INTERNAL_CONTEXT_HEADER]: signer.sign(ctx, 'wmo', body) };
      const req = httpRequest(url, { method: 'GET', headers }, (r) => {
        let text = '';
        r.on('data', (c) => (text += c));
        r.on('end', () => resolve({ status: r.statusCode!, text }));
      });
      req.on('error', reject);
      req.end(body);
    });
    expect(res.status).toBe(405);
    expect(JSON.parse(res.text)).toEqual({ errors: [expect.objectContaining({ extensions: { code: 'METHOD_NOT_ALLOWED' } })] });
  });

  it('filed nothing of the refused attempts under the traces of the requests they were captured from', async () => {
    const res = await t.query('privacy-officer', 'AUDIT', '{ a: auditRecords(filter: { betrokkene: "999990056" }, first: 100) { edges { node { traceId bron } } } b: auditRecords(filter: { betrokkene: "999990019" }, first: 100) { edges { node { traceId bron } } } }');
    expect(res.errors).toBeUndefined();
    const nodes = [...res.data!.a.edges, ...res.data!.b.edges].map((e: { node: { traceId: string; bron: string } }) => e.node);
    for (const trace of captured) {
      // Only what the gateway's own request processed: 999990019, at brp and at wmo.
      expect(nodes.filter((n) => n.traceId === trace).map((n) => n.bron).sort()).toEqual(['brp', 'wmo']);
    }
  });

  it('has the subgraphs themselves refuse a query over the limits, even with a valid context for it', async () => {
    const aliases = (n: number) =>
      JSON.stringify({ query: `{ _entities(representations: [{ __typename: "Persoon", burgerservicenummer: "999990019" }]) { ... on Persoon { wmo { ${Array.from({ length: n }, (_, i) => `a${i}: voorzieningen { productCode }`).join(' ')} } } } }` });
    const over = await direct('wmo', signer.sign(ctx, 'wmo', aliases(30)), aliases(30));
    expect(over.status).toBe(400);
    expect(over.body.data).toBeUndefined();
    expect(over.body.errors?.[0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', measure: 'aliases', limit: 20, measured: 30 });
    expect(over.body.errors?.[0].message).toMatch(/alias/i);
    // At the limit it runs: the refusal was the limit's.
    const at = await direct('wmo', signer.sign(ctx, 'wmo', aliases(20)), aliases(20));
    expect(at.status).toBe(200);
    expect(at.body.data!._entities[0].wmo.a19.length).toBeGreaterThan(0);
    // brp too, for its own root field.
    const brpAliases = JSON.stringify({ query: `{ ${Array.from({ length: 30 }, (_, i) => `p${i}: persoon(burgerservicenummer: "999990019") { burgerservicenummer }`).join(' ')} }` });
    const brpOver = await direct('brp', signer.sign(ctx, 'brp', brpAliases), brpAliases);
    expect(brpOver.status).toBe(400);
    expect(brpOver.body.errors?.[0].message).toMatch(/alias/i);
  });
});
