import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { isPurpose, isRole, type RequestContext } from './types';

/**
 * The gateway's word to the subgraphs, signed. A subgraph trusts only this header — never a
 * token or purpose a client could send around the gateway — so its policy holds whatever sits
 * in front of it (Apollo Router, Hive Gateway) and refuses direct calls.
 *
 * Each header is good for one fetch: it names the subgraph it is for (`aud`) and the SHA-256 of
 * the exact HTTP body it accompanies (`bh`), and it expires within seconds. A header read off the
 * wire therefore opens nothing but the query it came with, at the subgraph it was sent to, for a
 * few seconds; not another subgraph, not another query or person.
 *
 * The header is a compact JWS (HS256) that any JOSE library can read. It is written and checked
 * with node:crypto directly: one HMAC each way, on every subgraph fetch, where a general JOSE
 * library spends several times that on parsing and option handling.
 */
export const INTERNAL_CONTEXT_HEADER = 'x-ontschot-context';

const ISSUER = 'ontschot-gateway';
// Long enough for one fetch to reach its subgraph on a loaded machine, short enough that a
// captured header is stale almost at once. The gateway and the subgraphs that check this share
// one machine's clock (or NTP-synchronised ones), so no allowance for skew beyond whole seconds.
const LIFETIME_SECONDS = 10;
const PROTECTED_HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/**
 * A request's context encoded once per gateway request, in a form that can travel in a header
 * (base64url of its JSON), so each fetch signs it without serialising the context again.
 */
export type PreparedContext = string & { readonly __prepared: unique symbol };

interface Claims {
  ctx?: RequestContext;
  iss?: unknown;
  aud?: unknown;
  bh?: unknown;
  exp?: unknown;
}

export interface InternalContextSignerOptions {
  /** Milliseconds now; tests move it instead of waiting. @defaultValue Date.now */
  now?: () => number;
}

export class InternalContextSigner {
  private readonly key: Buffer;
  private readonly now: () => number;

  constructor(secret: string, options: InternalContextSignerOptions = {}) {
    if (secret.length < 32) throw new RangeError(`internal context key needs at least 32 characters, got ${secret.length}`);
    this.key = Buffer.from(secret, 'utf8');
    this.now = options.now ?? Date.now;
  }

  /** Encodes a request's context for `sign`; do it once per request, not per fetch. */
  prepare(ctx: RequestContext): PreparedContext {
    return Buffer.from(JSON.stringify(ctx), 'utf8').toString('base64url') as PreparedContext;
  }

  /**
   * The header for one fetch: `ctx` for the subgraph named `audience`, valid only with exactly
   * `body` (the bytes sent; a string is sent as UTF-8).
   */
  sign(ctx: RequestContext | PreparedContext, audience: string, body: string | Uint8Array): string {
    const ctxJson = typeof ctx === 'string' ? Buffer.from(ctx, 'base64url').toString('utf8') : JSON.stringify(ctx);
    const iat = Math.floor(this.now() / 1000);
    // `ctx` goes first: with duplicate keys JSON.parse keeps the last, so nothing inside the
    // context could ever stand in for the claims written after it.
    const claims = `{"ctx":${ctxJson},"iss":"${ISSUER}","aud":${JSON.stringify(audience)},"bh":"${bodyHash(body)}","iat":${iat},"exp":${iat + LIFETIME_SECONDS}}`;
    const payload = Buffer.from(claims, 'utf8').toString('base64url');
    return `${PROTECTED_HEADER}.${payload}.${this.mac(`${PROTECTED_HEADER}.${payload}`).toString('base64url')}`;
  }

  /**
   * The context, or null when the header is missing, forged, malformed, expired, minted for
   * another subgraph than `audience`, or for another body than `body` (the exact bytes received).
   */
  verify(header: string | undefined, audience: string, body: string | Uint8Array): RequestContext | null {
    if (!header) return null;
    const parts = header.split('.');
    if (parts.length !== 3 || parts[0] !== PROTECTED_HEADER) return null;
    const given = Buffer.from(parts[2], 'base64url');
    const expected = this.mac(`${parts[0]}.${parts[1]}`);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let claims: Claims;
    try {
      claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Claims;
    } catch {
      return null;
    }
    if (claims === null || typeof claims !== 'object') return null;
    if (claims.iss !== ISSUER || claims.aud !== audience || typeof claims.exp !== 'number') return null;
    const now = Math.floor(this.now() / 1000);
    // Expired, or valid for longer than this code ever signs: refused either way.
    if (claims.exp < now || claims.exp > now + LIFETIME_SECONDS) return null;
    if (typeof claims.bh !== 'string' || claims.bh !== bodyHash(body)) return null;
    const ctx = claims.ctx;
    if (!ctx || typeof ctx !== 'object' || !ctx.actor || !Array.isArray(ctx.actor.rollen) || !ctx.actor.rollen.every(isRole) || !isPurpose(ctx.doel)) return null;
    // Handed to the subgraph's policy and loaders: nobody may change who asks or why.
    Object.freeze(ctx.actor.rollen);
    Object.freeze(ctx.actor);
    return Object.freeze(ctx);
  }

  private mac(input: string): Buffer {
    return createHmac('sha256', this.key).update(input).digest();
  }
}

/** SHA-256 of the body's bytes, base64url. */
function bodyHash(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('base64url');
}
