import { createHmac, timingSafeEqual } from 'node:crypto';
import { ExpiringMap } from '../lib/expiring-map';
import { isPurpose, isRole, type RequestContext } from './types';

/**
 * The gateway's word to the subgraphs, signed. A subgraph trusts only this header — never a
 * token or purpose a client could send around the gateway — so its policy holds whatever sits
 * in front of it (Apollo Router, Hive Gateway) and refuses direct calls.
 *
 * The header is a compact JWS (HS256) that any JOSE library can read. It is written and checked
 * with node:crypto directly: one HMAC each way, on every subgraph fetch, where a general JOSE
 * library spends several times that on parsing and option handling.
 */
export const INTERNAL_CONTEXT_HEADER = 'x-ontschot-context';

const ISSUER = 'ontschot-gateway';
const AUDIENCE = 'ontschot-subgraph';
// Long enough for one request's subgraph fetches, short enough that a captured header is stale soon.
const LIFETIME_SECONDS = 60;
const PROTECTED_HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
// One gateway request sends the same header to each of its subgraphs within milliseconds.
const REMEMBER_MS = 5_000;

export class InternalContextSigner {
  private readonly key: Buffer;
  /**
   * Headers verified in the last few seconds, by their exact text (MAC included, so a forged one
   * never matches): where several subgraphs share a process, one gateway request's header is
   * checked once, not once per subgraph.
   */
  private readonly verified = new ExpiringMap<{ ctx: RequestContext; exp: number }>(REMEMBER_MS);

  constructor(secret: string) {
    if (secret.length < 32) throw new RangeError(`internal context key needs at least 32 characters, got ${secret.length}`);
    this.key = Buffer.from(secret, 'utf8');
  }

  async sign(ctx: RequestContext): Promise<string> {
    const iat = Math.floor(Date.now() / 1000);
    const payload = Buffer.from(JSON.stringify({ ctx, iss: ISSUER, aud: AUDIENCE, iat, exp: iat + LIFETIME_SECONDS })).toString('base64url');
    return `${PROTECTED_HEADER}.${payload}.${this.mac(`${PROTECTED_HEADER}.${payload}`).toString('base64url')}`;
  }

  /** Returns the context, or null when the header is missing, forged, stale or malformed. */
  async verify(header: string | undefined): Promise<RequestContext | null> {
    if (!header) return null;
    const known = this.verified.get(header);
    if (known) return known.exp >= Math.floor(Date.now() / 1000) ? known.ctx : null;
    const checked = this.check(header);
    if (checked) this.verified.set(header, checked);
    return checked?.ctx ?? null;
  }

  private check(header: string): { ctx: RequestContext; exp: number } | null {
    const parts = header.split('.');
    if (parts.length !== 3 || parts[0] !== PROTECTED_HEADER) return null;
    const given = Buffer.from(parts[2], 'base64url');
    const expected = this.mac(`${parts[0]}.${parts[1]}`);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { ctx?: RequestContext; iss?: string; aud?: string; exp?: number };
      if (claims.iss !== ISSUER || claims.aud !== AUDIENCE || typeof claims.exp !== 'number' || claims.exp < Math.floor(Date.now() / 1000)) return null;
      const ctx = claims.ctx;
      if (!ctx || !ctx.actor || !Array.isArray(ctx.actor.rollen) || !ctx.actor.rollen.every(isRole) || !isPurpose(ctx.doel)) return null;
      // Shared by every subgraph that gets this header: nobody may change it.
      Object.freeze(ctx.actor.rollen);
      Object.freeze(ctx.actor);
      return { ctx: Object.freeze(ctx), exp: claims.exp };
    } catch {
      return null;
    }
  }

  private mac(input: string): Buffer {
    return createHmac('sha256', this.key).update(input).digest();
  }
}
