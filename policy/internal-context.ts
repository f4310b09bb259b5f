import { jwtVerify, SignJWT } from 'jose';
import { isPurpose, isRole, type RequestContext } from './types';

/**
 * The gateway's word to the subgraphs, signed. A subgraph trusts only this header — never a
 * token or purpose a client could send around the gateway — so its policy holds whatever sits
 * in front of it (Apollo Router, Hive Gateway) and refuses direct calls.
 */
export const INTERNAL_CONTEXT_HEADER = 'x-ontschot-context';

const ISSUER = 'ontschot-gateway';
const AUDIENCE = 'ontschot-subgraph';
// Long enough for one request's subgraph fetches, short enough that a captured header is stale soon.
const LIFETIME_SECONDS = 60;

export class InternalContextSigner {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    if (secret.length < 32) throw new RangeError(`internal context key needs at least 32 characters, got ${secret.length}`);
    this.key = new TextEncoder().encode(secret);
  }

  sign(ctx: RequestContext): Promise<string> {
    return new SignJWT({ ctx })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${LIFETIME_SECONDS}s`)
      .sign(this.key);
  }

  /** Returns the context, or null when the header is missing, forged, stale or malformed. */
  async verify(header: string | undefined): Promise<RequestContext | null> {
    if (!header) return null;
    try {
      const { payload } = await jwtVerify(header, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      const ctx = payload.ctx as RequestContext | undefined;
      if (!ctx || !ctx.actor || !Array.isArray(ctx.actor.rollen) || !ctx.actor.rollen.every(isRole) || !isPurpose(ctx.doel)) return null;
      return ctx;
    } catch {
      return null;
    }
  }
}
