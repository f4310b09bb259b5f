import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createEdge, DEFAULT_EDGE_LIMITS, guard, mediaTypeFor, type EdgeLimits, type RefusalSender } from './edge';

/**
 * The edge on its own, over real HTTP on a free port: a stand-in route behind the same guard
 * the gateway uses, so load, rate and size can be driven precisely.
 */

type Body = { errors?: Array<{ extensions: { code: string } }>; ok?: boolean };

async function startEdge(limits: EdgeLimits, handler: () => Promise<void> = async () => undefined): Promise<{ app: FastifyInstance; url: string }> {
  const app = createEdge(limits);
  // The caller is whoever the x-caller header names, with the role of x-role; no header: anonymous.
  const authenticate = async (request: FastifyRequest) => {
    const key = request.headers['x-caller'];
    if (typeof key === 'string') request.caller = { key, roles: [String(request.headers['x-role'] ?? 'wmo-consulent')] };
    else if (request.headers['x-refuse']) request.refusal = { status: 401, code: 'UNAUTHENTICATED', message: 'no token', headers: { 'www-authenticate': 'Bearer realm="test"' } };
  };
  app.get('/healthz', async () => ({ status: 'ok' }));
  await app.register(async (scope) => {
    const onRequest = await guard(scope, limits, authenticate);
    scope.post('/graphql', { onRequest }, async () => {
      await handler();
      return { ok: true };
    });
    // A route of another API behind the same guard, answering its refusals in its own format.
    scope.post('/problem', { onRequest, config: { sendRefusal: sendProblem } }, async () => {
      await handler();
      return { ok: true };
    });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  return { app, url: `http://127.0.0.1:${port}` };
}

const sendProblem: RefusalSender = (reply, refusal) => {
  for (const [k, v] of Object.entries(refusal.headers ?? {})) reply.header(k, v);
  return reply.code(refusal.status).type('application/problem+json').send(JSON.stringify({ status: refusal.status, code: refusal.code, detail: refusal.message }));
};

const PROBLEM = expect.stringMatching(/^application\/problem\+json\b/);

const post = async (url: string, headers: Record<string, string> = {}, body = '{"query":"{ __typename }"}') => {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Body };
};

const limits = (overrides: { rate?: Partial<EdgeLimits['rateLimits']>; shed?: Partial<EdgeLimits['shed']>; bodyLimit?: number }): EdgeLimits => ({
  bodyLimit: overrides.bodyLimit ?? DEFAULT_EDGE_LIMITS.bodyLimit,
  rateLimits: { ...DEFAULT_EDGE_LIMITS.rateLimits, ...overrides.rate },
  shed: { ...DEFAULT_EDGE_LIMITS.shed, maxEventLoopDelayMs: 0, ...overrides.shed },
});

describe('the HTTP edge', () => {
  let running: FastifyInstance | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('refuses a request past the in-flight bound with 503 and Retry-After at once, and serves again once one ends', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const { app, url } = await startEdge(limits({ shed: { maxInFlight: 3, retryAfterS: 2 } }), () => held);
    running = app;
    const inFlight = Array.from({ length: 3 }, () => post(url));
    await new Promise((r) => setTimeout(r, 100));
    const started = performance.now();
    const shed = await post(url);
    expect(performance.now() - started).toBeLessThan(500);
    expect(shed.status).toBe(503);
    expect(shed.headers.get('retry-after')).toBe('2');
    expect(shed.body.errors![0].extensions.code).toBe('SERVICE_OVERLOADED');
    release();
    expect((await Promise.all(inFlight)).map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await post(url)).status).toBe(200);
  });

  it('sheds while the event loop lags past its bound, keeps /healthz answering, and recovers', async () => {
    const { app, url } = await startEdge(limits({ shed: { maxEventLoopDelayMs: 40 } }));
    running = app;
    // Real lag: the loop is blocked for 150 ms in every 160 for a second.
    const until = Date.now() + 1200;
    await new Promise<void>((done) => {
      const block = () => {
        const end = Date.now() + 150;
        while (Date.now() < end);
        if (Date.now() < until) setTimeout(block, 10);
        else done();
      };
      block();
    });
    const during = await post(url);
    expect(during.status).toBe(503);
    expect(during.body.errors![0].extensions.code).toBe('SERVICE_OVERLOADED');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    // The lag is sampled every 200 ms: a calm loop is seen as calm within a few samples.
    let after = during.status;
    for (let i = 0; i < 30 && after !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = (await post(url)).status;
    }
    expect(after).toBe(200);
  });

  it('limits each caller by its role, counts callers apart, and counts requests without a caller by address', async () => {
    const { app, url } = await startEdge(limits({ rate: { perRole: { partner: 3 }, default: 5, anonymous: 2 } }));
    running = app;
    const statuses = async (n: number, headers: Record<string, string>) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push((await post(url, headers)).status);
      return out;
    };
    expect(await statuses(4, { 'x-caller': 'mee:a', 'x-role': 'partner' })).toEqual([200, 200, 200, 429]);
    expect(await statuses(4, { 'x-caller': 'mee:b', 'x-role': 'partner' })).toEqual([200, 200, 200, 429]);
    expect(await statuses(6, { 'x-caller': 'gemeente:c' })).toEqual([200, 200, 200, 200, 200, 429]);
    expect(await statuses(3, {})).toEqual([200, 200, 429]);
    const limited = await post(url, { 'x-caller': 'mee:a', 'x-role': 'partner' });
    expect(limited.body.errors![0].extensions.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it("answers each route's refusals in that route's format: shed, rate, authentication and body, from one guard", async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let hold = true;
    const { app, url } = await startEdge({ ...limits({ shed: { maxInFlight: 1 }, rate: { anonymous: 3 } }), bodyLimit: 64 }, () => (hold ? held : Promise.resolve()));
    running = app;
    const problem = async (headers: Record<string, string> = {}, body = '{}') => {
      const res = await fetch(`${url}/problem`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      return { status: res.status, type: res.headers.get('content-type'), headers: res.headers, body: (await res.json()) as Record<string, unknown> };
    };
    const inFlight = post(url, { 'x-caller': 'gemeente:a' });
    try {
      await new Promise((r) => setTimeout(r, 100));
      // The in-flight bound is shared by both routes: the GraphQL route holds the one slot.
      expect(await problem({ 'x-caller': 'gemeente:b' })).toMatchObject({ status: 503, type: PROBLEM, body: { status: 503, code: 'SERVICE_OVERLOADED' } });
    } finally {
      hold = false;
      release();
      await inFlight;
    }
    const refused = await problem({ 'x-refuse': '1' });
    expect(refused).toMatchObject({ status: 401, type: PROBLEM, body: { status: 401, code: 'UNAUTHENTICATED', detail: 'no token' } });
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="test"');
    expect(await problem({ 'x-caller': 'gemeente:c' }, JSON.stringify({ pad: 'x'.repeat(100) }))).toMatchObject({ status: 413, type: PROBLEM, body: { code: 'PAYLOAD_TOO_LARGE' } });
    expect((await problem()).status).toBe(200);
    expect((await problem()).status).toBe(200);
    const limited = await problem();
    expect(limited).toMatchObject({ status: 429, type: PROBLEM, body: { status: 429, code: 'RATE_LIMITED' } });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // The GraphQL route keeps the hub's GraphQL error shape.
    expect((await post(url, { 'x-refuse': '1' })).body.errors![0].extensions.code).toBe('RATE_LIMITED');
  });

  it('answers 413 for a body past the limit, 415 for another media type, 400 for broken JSON, 404 elsewhere', async () => {
    const { app, url } = await startEdge(limits({ bodyLimit: 1024 }));
    running = app;
    const big = await post(url, {}, JSON.stringify({ query: `{ __typename } #${'x'.repeat(4096)}` }));
    expect(big.status).toBe(413);
    expect(big.body.errors![0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const text = await post(url, { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    const broken = await post(url, {}, '{"query": ');
    expect(broken.status).toBe(400);
    expect(broken.body.errors![0].extensions.code).toBe('BAD_REQUEST');
    const elsewhere = await fetch(`${url}/nothing`);
    expect(elsewhere.status).toBe(404);
  });

  it('picks the response media type from Accept as GraphQL over HTTP says', () => {
    expect(mediaTypeFor(undefined)).toBe('application/json');
    expect(mediaTypeFor('*/*')).toBe('application/json');
    expect(mediaTypeFor('application/graphql-response+json, application/json;q=0.9')).toBe('application/graphql-response+json');
    expect(mediaTypeFor('application/json')).toBe('application/json');
    expect(mediaTypeFor('application/graphql-response+json;q=0, application/json')).toBe('application/json');
    expect(mediaTypeFor('text/html')).toBeNull();
  });
});
