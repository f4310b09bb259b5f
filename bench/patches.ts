import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Agent as HttpAgent } from 'node:http';

/**
 * Candidate fixes for the hub, applied to a running A by patching modules in its own process —
 * never to the measured A of `npm run bench`, and never to a file outside bench/. They let
 * `bench/experiments.ts` measure what a fix in the core would buy before anyone writes it.
 * Must run before the hub's modules are loaded (the jose patch swaps the module's exports).
 *
 * `fetcher`, `jwt-cache`, `context-hmac` and `pg-prepared` landed in the core in 4a50874; on a
 * commit from then on they change nothing (or replace the core's version with an equivalent), and
 * only `audit-one-statement` is still a candidate.
 */
export const PATCHES = ['fetcher', 'jwt-cache', 'context-hmac', 'pg-prepared', 'audit-one-statement'] as const;
export type Patch = (typeof PATCHES)[number];

export function applyPatches(patches: readonly Patch[]): void {
  for (const p of patches) {
    if (p === 'fetcher') patchFetcher();
    else if (p === 'jwt-cache') patchJwtCache();
    else if (p === 'context-hmac') patchContextHmac();
    else if (p === 'pg-prepared') patchPgPrepared();
    else if (p === 'audit-one-statement') patchAuditOneStatement();
    else throw new Error(`unknown patch ${p as string}; expected one of ${PATCHES.join(', ')}`);
  }
}

/**
 * gateway/index.ts → `new RemoteGraphQLDataSource({ url, fetcher })` with node-fetch over a
 * keep-alive http.Agent, instead of @apollo/gateway's default make-fetch-happen (whose agent
 * reads `new Error().stack` on every request to tell http from https).
 */
function patchFetcher(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const nodeFetch = require('node-fetch') as (url: string, init: object) => Promise<unknown>;
  const agent = new HttpAgent({ keepAlive: true, maxSockets: 256 });
  const fetcher = (url: string, init: object) => nodeFetch(url, { ...init, agent });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mfh = require('make-fetch-happen') as { defaults: unknown };
  mfh.defaults = () => fetcher;
}

/**
 * gateway/auth.ts → remember verified caller tokens until they expire, so the ES256 check runs
 * once per token rather than once per request. Only for key-set verification (the caller's
 * token), not for the HS256 internal context.
 */
function patchJwtCache(): void {
  const path = require.resolve('jose');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const jose = require('jose') as Record<string, unknown> & { jwtVerify: (...a: unknown[]) => Promise<{ payload: { exp?: number } }> };
  const original = jose.jwtVerify;
  const cache = new Map<string, { until: number; result: Promise<{ payload: { exp?: number } }> }>();
  const jwtVerify = (token: unknown, key: unknown, options: unknown) => {
    if (typeof key !== 'function' || typeof token !== 'string') return original(token, key, options);
    const hit = cache.get(token);
    if (hit && hit.until > Date.now()) return hit.result;
    const result = original(token, key, options);
    result.then(
      ({ payload }) => {
        if (cache.size > 10_000) cache.clear();
        cache.set(token, { until: Math.min((payload.exp ?? 0) * 1000, Date.now() + 5 * 60_000), result });
      },
      () => undefined,
    );
    return result;
  };
  require.cache[path]!.exports = { ...jose, jwtVerify };
}

const ISSUER = 'ontschot-gateway';
const AUDIENCE = 'ontschot-subgraph';

/**
 * policy/internal-context.ts → HS256 with node:crypto directly (one HMAC, one timingSafeEqual,
 * one JSON.parse) instead of jose's general JWS machinery, same token format and checks.
 */
function patchContextHmac(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { InternalContextSigner } = require('../policy/internal-context') as typeof import('../policy/internal-context');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { isPurpose, isRole } = require('../policy/types') as typeof import('../policy/types');
  const header = Buffer.from(JSON.stringify({ alg: 'HS256' })).toString('base64url');
  const proto = InternalContextSigner.prototype as unknown as { sign(ctx: unknown): Promise<string>; verify(h: string | undefined): Promise<unknown>; key: Uint8Array };
  proto.sign = async function (this: { key: Uint8Array }, ctx: unknown) {
    const now = Math.floor(Date.now() / 1000);
    const payload = Buffer.from(JSON.stringify({ ctx, iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 60 })).toString('base64url');
    const mac = createHmac('sha256', this.key).update(`${header}.${payload}`).digest('base64url');
    return `${header}.${payload}.${mac}`;
  };
  proto.verify = async function (this: { key: Uint8Array }, value: string | undefined) {
    if (!value) return null;
    const parts = value.split('.');
    if (parts.length !== 3 || parts[0] !== header) return null;
    const expected = createHmac('sha256', this.key).update(`${parts[0]}.${parts[1]}`).digest();
    const given = Buffer.from(parts[2], 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const p = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
      if (p.iss !== ISSUER || p.aud !== AUDIENCE || typeof p.exp !== 'number' || p.exp < Math.floor(Date.now() / 1000)) return null;
      const ctx = p.ctx;
      if (!ctx || !ctx.actor || !Array.isArray(ctx.actor.rollen) || !ctx.actor.rollen.every(isRole) || !isPurpose(ctx.doel)) return null;
      return ctx;
    } catch {
      return null;
    }
  };
}

/**
 * lib/db.ts → every parameterised statement as a named prepared statement (name = hash of its
 * text), so Postgres parses and plans it once per connection instead of on every request.
 */
function patchPgPrepared(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require('pg') as { Client: { prototype: { query: (...a: unknown[]) => unknown } } };
  const names = new Map<string, string>();
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: unknown, config: unknown, values?: unknown, cb?: unknown) {
    if (typeof config === 'string' && Array.isArray(values)) {
      let name = names.get(config);
      if (!name) names.set(config, (name = `q${createHash('sha1').update(config).digest('hex').slice(0, 16)}`));
      return original.call(this, { name, text: config, values }, cb);
    }
    return original.call(this, config, values, cb);
  };
}

/**
 * audit/store.ts `AuditStore.commit` → one statement per group commit (a CTE inserting the
 * records and the signed heads: one implicit transaction, one round trip) instead of
 * connect + BEGIN + SET LOCAL + INSERT [+ INSERT] + COMMIT. Chaining is unchanged. (The real fix
 * would move the statement timeout onto the connection; this experiment simply drops it.)
 */
function patchAuditOneStatement(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { AuditStore } = require('../audit/store') as typeof import('../audit/store');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chainHash, GENESIS_HASH, rowFromRecord } = require('../audit/record') as typeof import('../audit/record');
  type Entry = import('../audit/record').AuditEntry;
  type Rec = import('../audit/record').AuditRecord;
  interface Internals {
    db: import('../lib/db').Db;
    heads: Map<string, { volgnummer: number; hash: string }>;
    signed: Map<string, number>;
    headsStale: boolean;
    stats: import('../audit/store').AuditStoreStats;
    signer: { keyId: string; sign(head: unknown): string };
    now(): Date;
    streamFor(bron: string): string;
    loadHeads(tx: unknown, streams: Set<string>): Promise<void>;
  }
  const proto = AuditStore.prototype as unknown as { commit(this: Internals, batch: Array<{ entries: Entry[]; resolve(): void }>, waiters: Array<{ resolve(): void }> | null): Promise<void> };
  proto.commit = async function (batch, signWaiters) {
    const entries = batch.flatMap((p) => p.entries);
    try {
      await this.loadHeads(this.db, new Set(entries.map((e) => this.streamFor(e.bron))));
      const next = new Map(this.heads);
      const chained: Rec[] = entries.map((e) => {
        const stroom = this.streamFor(e.bron);
        const prev = next.get(stroom) ?? { volgnummer: 0, hash: GENESIS_HASH };
        const unhashed = { ...e, stroom, volgnummer: prev.volgnummer + 1 };
        const record = { ...unhashed, hash: chainHash(unhashed, prev.hash) };
        next.set(stroom, { volgnummer: record.volgnummer, hash: record.hash });
        return record;
      });
      const toSign = signWaiters ? [...next].filter(([stroom, h]) => (this.signed.get(stroom) ?? 0) < h.volgnummer) : [];
      const tijdstip = this.now().toISOString();
      const signedHeads = toSign.map(([stroom, h]) => {
        const head = { stroom, volgnummer: h.volgnummer, hash: h.hash, tijdstip, sleutelId: this.signer.keyId };
        return { head, handtekening: this.signer.sign(head) };
      });
      await this.db.query(
        `WITH r AS (
           INSERT INTO audit_record (stroom, volgnummer, id, tijdstip, soort, bron, trace_id, span_id, verwerkingsactiviteit, betrokkene, betrokkene_type,
                                     actor_sub, actor_organisatie, actor_rollen, doel, operatie, document_hash, verstrekt, geweigerd, status, http_status, hash)
           SELECT stroom, volgnummer, id, tijdstip, soort, bron, trace_id, span_id, verwerkingsactiviteit, betrokkene, betrokkene_type,
                  actor_sub, actor_organisatie, actor_rollen, doel, operatie, document_hash, verstrekt, geweigerd, status, http_status, hash
             FROM jsonb_to_recordset($1::jsonb) AS r(stroom text, volgnummer bigint, id uuid, tijdstip timestamptz, soort text, bron text, trace_id text,
                  span_id text, verwerkingsactiviteit text, betrokkene text, betrokkene_type text, actor_sub text, actor_organisatie text,
                  actor_rollen text[], doel text, operatie text, document_hash text, verstrekt text[], geweigerd jsonb, status text, http_status integer, hash text)),
         k AS (
           INSERT INTO audit_kop (stroom, volgnummer, hash, tijdstip, sleutel_id, handtekening)
           SELECT stroom, volgnummer, hash, tijdstip, sleutel_id, handtekening
             FROM jsonb_to_recordset($2::jsonb) AS h(stroom text, volgnummer bigint, hash text, tijdstip timestamptz, sleutel_id text, handtekening text)
           ON CONFLICT (stroom, volgnummer) DO NOTHING)
         SELECT 1`,
        [
          JSON.stringify(chained.map(rowFromRecord)),
          JSON.stringify(signedHeads.map(({ head, handtekening }) => ({ stroom: head.stroom, volgnummer: head.volgnummer, hash: head.hash, tijdstip: head.tijdstip, sleutel_id: head.sleutelId, handtekening }))),
        ],
      );
      for (const [stroom, h] of next) this.heads.set(stroom, h);
      for (const { head } of signedHeads) this.signed.set(head.stroom, head.volgnummer);
      if (chained.length) {
        this.stats.records += chained.length;
        this.stats.batches += 1;
        this.stats.largestBatch = Math.max(this.stats.largestBatch, chained.length);
      }
      this.stats.headsSigned += signedHeads.length;
      for (const p of batch) p.resolve();
      for (const w of signWaiters ?? []) w.resolve();
    } catch (err) {
      this.stats.failedBatches += 1;
      this.headsStale = true;
      throw err;
    }
  };
}
