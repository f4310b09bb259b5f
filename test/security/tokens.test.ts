import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JWTPayload } from 'jose';
import { startGateway, type RunningGateway } from '../../gateway';
import { createTokenVerifier } from '../../gateway/auth';
import { InternalContextSigner, loadOrganisations, loadRules } from '../../policy';
import { SUBGRAPHS } from '../../subgraphs';
import { startTestHub, type TestHub } from '../support/hub';
import { issuerKey, nowS, signToken, startJwksServer, type IssuerKey } from './jwks-server';

/**
 * Tokens at the edge: what the gateway refuses, and that every refusal is a 401 UNAUTHENTICATED
 * with a Bearer challenge (RFC 6750 §3), never a 5xx, never an answer. The issuer is real: a JWKS
 * endpoint on a loopback port, as an OIDC provider would serve it.
 */

const AUDIENCE = 'ontschot-test';
const QUERY = { query: '{ __typename }' };
const REFUSED = 'Bearer realm="ontschot", error="invalid_token"';

type Answer = { status: number; body: { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> }; challenge: string | null };

async function ask(url: string, token: string | undefined): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-purpose': 'WMO_ONDERSTEUNING', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(QUERY),
  });
  return { status: res.status, body: (await res.json()) as Answer['body'], challenge: res.headers.get('www-authenticate') };
}

function expectRefused(answer: Answer, challenge = REFUSED): void {
  expect(answer.status).toBe(401);
  expect(answer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  expect(answer.body.data).toBeUndefined();
  expect(answer.challenge).toBe(challenge);
}

describe('tokens at the gateway of a hub in OIDC mode', () => {
  let jwks: Awaited<ReturnType<typeof startJwksServer>>;
  let key: IssuerKey;
  let t: TestHub;
  // Claims of any type: the point is to send what a well-behaved issuer never would.
  const claims = (overrides: Record<string, unknown> = {}, leaveOut: string[] = []): JWTPayload => {
    const now = nowS();
    const all: Record<string, unknown> = { iss: jwks.issuer, aud: AUDIENCE, sub: 'consulent-1', roles: ['wmo-consulent'], iat: now, exp: now + 600, ...overrides };
    for (const name of leaveOut) delete all[name];
    return all as JWTPayload;
  };

  beforeAll(async () => {
    jwks = await startJwksServer();
    key = await issuerKey('key-1');
    jwks.publish([key]);
    t = await startTestHub({
      env: { AUTH_ISSUER: jwks.issuer, AUTH_JWKS_URL: jwks.url, AUTH_AUDIENCE: AUDIENCE, STUF_KENNISGEVING_KEY: randomBytes(32).toString('base64url') },
    });
  });
  afterAll(async () => {
    await t?.close();
    await jwks?.close();
  });

  it('answers a well-formed token of the issuer', async () => {
    const answer = await ask(t.hub.url, await signToken(key, claims()));
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ __typename: 'Query' });
  });

  it('answers a token living exactly the maximum lifetime, and one issued within the clock tolerance', async () => {
    const now = nowS();
    expect((await ask(t.hub.url, await signToken(key, claims({ iat: now, exp: now + 3600 })))).status).toBe(200);
    expect((await ask(t.hub.url, await signToken(key, claims({ iat: now + 10, exp: now + 600 })))).status).toBe(200);
  });

  const now = nowS();
  it.each<[string, Record<string, unknown>, string[]]>([
    ['without exp (valid forever)', {}, ['exp']],
    ['issued in the future, beyond the clock tolerance', { iat: now + 300, exp: now + 900 }, []],
    ['living longer than the maximum lifetime (exp − iat)', { iat: now, exp: now + 3600 + 60 }, []],
    ['without iat and expiring later than the maximum lifetime from now', { exp: now + 7200 }, ['iat']],
    ['with a sub that is a number', { sub: 12345 }, []],
    ['with a sub that is an object', { sub: { id: 'consulent-1' } }, []],
    ['without sub', {}, ['sub']],
    ['with roles that are an object', { roles: { 'wmo-consulent': true } }, []],
    ['with a role that is not a string', { roles: [['wmo-consulent']] }, []],
    ['with an org that is not a string (it must not count as "no org": the municipality)', { org: { code: 'mee' } }, []],
    ['with an org that is a number', { org: 42 }, []],
    ['with an exp that is not a number', { exp: String(now + 600) }, []],
  ])('refuses a token %s: 401 with a Bearer challenge', async (_what, overrides, leaveOut) => {
    // Rebuilt at run time: `now` above only places the times relative to each other.
    const shift = nowS() - now;
    const moved = Object.fromEntries(Object.entries(overrides).map(([k, v]) => [k, (k === 'iat' || k === 'exp') && typeof v === 'number' ? v + shift : v]));
    expectRefused(await ask(t.hub.url, await signToken(key, claims(moved, leaveOut))));
  });

  it('refuses a token signed by a key the issuer does not publish, and a token that is no JWT', async () => {
    const stranger = await issuerKey('key-1');
    expectRefused(await ask(t.hub.url, await signToken(stranger, claims())));
    expectRefused(await ask(t.hub.url, 'not-a-jwt'));
  });

  it('asks a request without a token to authenticate, without an error code (RFC 6750 §3.1)', async () => {
    expectRefused(await ask(t.hub.url, undefined), 'Bearer realm="ontschot"');
  });
});

describe('key rotation at the issuer', () => {
  let jwks: Awaited<ReturnType<typeof startJwksServer>>;
  let gateway: RunningGateway;
  const CACHE_MAX_AGE_MS = 400;

  beforeAll(async () => {
    jwks = await startJwksServer();
    // The hub's gateway with the hub's verifier in OIDC mode; only the key set's cache times are
    // shortened (by default jose waits 30 s before it fetches the set again).
    gateway = await startGateway({
      supergraphSdl: readFileSync(join(__dirname, '..', '..', 'gateway', 'supergraph.graphql'), 'utf8'),
      apiSchemaSdl: readFileSync(join(__dirname, '..', '..', 'gateway', 'api-schema.graphql'), 'utf8'),
      // `{ __typename }` is answered by the gateway itself; no subgraph is asked.
      subgraphUrls: Object.fromEntries(SUBGRAPHS.map((s) => [s.name, 'http://127.0.0.1:9/graphql'])),
      verifyToken: await createTokenVerifier({ mode: 'oidc', issuer: jwks.issuer, jwksUrl: jwks.url, audience: AUDIENCE, jwks: { cooldownMs: 0, cacheMaxAgeMs: CACHE_MAX_AGE_MS } }),
      rules: loadRules(),
      organisations: loadOrganisations(),
      signer: new InternalContextSigner(randomBytes(32).toString('hex')),
      readiness: async () => ({ ready: true, checks: {} }),
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await jwks?.close();
  });

  it('accepts a new key once the issuer publishes it, and refuses a removed key once the set no longer has it', async () => {
    const token = (key: IssuerKey) => {
      const now = nowS();
      return signToken(key, { iss: jwks.issuer, aud: AUDIENCE, sub: 'consulent-1', roles: ['wmo-consulent'], iat: now, exp: now + 600 });
    };
    const [oldKey, newKey] = [await issuerKey('2024-old'), await issuerKey('2025-new')];

    jwks.publish([oldKey]);
    const before = await token(oldKey);
    expect((await ask(gateway.url, before)).status).toBe(200);

    // The issuer adds a key and signs with it: the gateway has never seen that kid, fetches the
    // set again and accepts.
    jwks.publish([oldKey, newKey]);
    const fetched = jwks.fetches();
    expect((await ask(gateway.url, await token(newKey))).status).toBe(200);
    expect(jwks.fetches()).toBeGreaterThan(fetched);
    expect((await ask(gateway.url, before)).status).toBe(200);

    // The issuer withdraws the old key. Once the gateway's copy of the set is renewed, neither a
    // new token of the old key nor the one it had already verified (and remembered) is accepted.
    jwks.publish([newKey]);
    await new Promise((r) => setTimeout(r, CACHE_MAX_AGE_MS + 200));
    expectRefused(await ask(gateway.url, before));
    expectRefused(await ask(gateway.url, await token(oldKey)));
    expect((await ask(gateway.url, await token(newKey))).status).toBe(200);
  });
});
