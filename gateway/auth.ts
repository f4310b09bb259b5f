import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type FlattenedJWSInput,
  type JWK,
  type JWTHeaderParameters,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { isRole, type TokenClaims, type Role } from '../policy';

/**
 * Authentication: OIDC access tokens verified with jose. In development (no AUTH_* configured)
 * a local issuer signs tokens with a key kept under DATA_DIR, and `npm run token` uses the same
 * key, so a developer can call the hub without an identity provider.
 */
export const DEV_ISSUER = 'urn:ontschot:dev-issuer';
export const DEV_AUDIENCE = 'ontschot';
const DEV_ALG = 'ES256';

/** Longest accepted token lifetime when none is configured (AUTH_MAX_TOKEN_LIFETIME_S). */
export const DEFAULT_MAX_TOKEN_LIFETIME_S = 3600;
/** How far the issuer's clock may be off ours, for exp, nbf and iat. */
const CLOCK_TOLERANCE_S = 30;
/** OIDC Core §2: `sub` is at most 255 ASCII characters. */
const MAX_SUB_LENGTH = 255;

interface DevIssuerFile {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

/** Reads the development issuer's key pair, creating it on first use. */
export async function devIssuerKeys(dataDir: string): Promise<DevIssuerFile> {
  const path = join(dataDir, 'dev-issuer.json');
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as DevIssuerFile;
  const { privateKey, publicKey } = await generateKeyPair(DEV_ALG, { extractable: true });
  const kid = `dev-${Date.now().toString(36)}`;
  const file: DevIssuerFile = { kid, privateJwk: { ...(await exportJWK(privateKey)), kid, alg: DEV_ALG }, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: DEV_ALG, use: 'sig' } };
  // 0700 folder, 0600 file: the private key signs tokens for any role.
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(path, JSON.stringify(file, null, 2), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // The hub and `npm run token` starting at once: the first one's key wins.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return JSON.parse(readFileSync(path, 'utf8')) as DevIssuerFile;
  }
  return file;
}

export interface DevTokenClaims {
  role: Role;
  org?: string;
  sub?: string;
  /** Lifetime in seconds; a hub refuses tokens living longer than its AUTH_MAX_TOKEN_LIFETIME_S. @defaultValue 3600 */
  ttlSeconds?: number;
}

/** Signs a development token with the local issuer's key. */
export async function issueDevToken(dataDir: string, claims: DevTokenClaims): Promise<string> {
  const keys = await devIssuerKeys(dataDir);
  const key = await importJWK(keys.privateJwk, DEV_ALG);
  // One "now" for both claims, so exp − iat is exactly the lifetime asked for, never a second more.
  const iat = Math.floor(Date.now() / 1000);
  return new SignJWT({ roles: [claims.role], ...(claims.org ? { org: claims.org } : {}) })
    .setProtectedHeader({ alg: DEV_ALG, kid: keys.kid, typ: 'JWT' })
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setSubject(claims.sub ?? `dev-${claims.role}`)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (claims.ttlSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_S))
    .sign(key);
}

/** Checks a token and returns its claims; the organisation register is consulted after (gateway/index.ts). */
export type TokenVerifier = (token: string) => Promise<TokenClaims>;

export class AuthError extends Error {
  readonly code = 'UNAUTHENTICATED';
}

export type AuthOptions = (
  | { mode: 'dev'; dataDir: string }
  | {
      mode: 'oidc';
      issuer: string;
      jwksUrl: string;
      audience: string;
      /**
       * How the issuer's key set is cached (jose's createRemoteJWKSet): it is fetched again after
       * `cacheMaxAgeMs`, or when a token names a key it does not hold, but not within `cooldownMs`
       * of the last fetch. Tests shorten both. @defaultValue 30 s cooldown, 10 min max age
       */
      jwks?: { cooldownMs?: number; cacheMaxAgeMs?: number };
    }
) & {
  /** Longest accepted lifetime: exp − iat, or exp − now without iat. @defaultValue 3600 */
  maxTokenLifetimeS?: number;
};

/** A verified token as remembered: its claims, until when, and the key that verified it. */
interface Verified {
  actor: TokenClaims;
  until: number;
  header: JWTHeaderParameters;
  key: unknown;
}

/**
 * Builds the verifier once at start; it checks signature, issuer, audience, expiry, lifetime and
 * the shape of every claim the hub reads. Any failure is an AuthError (401), never a crash.
 */
export async function createTokenVerifier(options: AuthOptions): Promise<TokenVerifier> {
  let keys: JWTVerifyGetKey;
  let issuer: string;
  let audience: string;
  if (options.mode === 'dev') {
    keys = createLocalJWKSet({ keys: [(await devIssuerKeys(options.dataDir)).publicJwk] });
    issuer = DEV_ISSUER;
    audience = DEV_AUDIENCE;
  } else {
    keys = createRemoteJWKSet(new URL(options.jwksUrl), { cooldownDuration: options.jwks?.cooldownMs, cacheMaxAge: options.jwks?.cacheMaxAgeMs });
    issuer = options.issuer;
    audience = options.audience;
  }
  const maxLifetime = options.maxTokenLifetimeS ?? DEFAULT_MAX_TOKEN_LIFETIME_S;

  const verify = async (token: string): Promise<Verified> => {
    let payload: JWTPayload;
    let header: JWTHeaderParameters;
    let key: unknown;
    try {
      // The key is kept with the result: a remembered token stays valid only while the key set
      // still gives that same key for it (see below).
      const getKey: JWTVerifyGetKey = async (h, t) => (key = await keys(h, t));
      ({ payload, protectedHeader: header } = await jwtVerify(token, getKey, {
        issuer,
        audience,
        algorithms: ['ES256', 'RS256', 'PS256', 'EdDSA'],
        clockTolerance: CLOCK_TOLERANCE_S,
        // A token without exp would be valid forever.
        requiredClaims: ['exp'],
      }));
    } catch (err) {
      // jose's messages name the check that failed, never a claim's value.
      throw new AuthError(err instanceof errors.JOSEError ? `token rejected: ${err.message}` : 'token rejected');
    }
    const now = Math.floor(Date.now() / 1000);
    const exp = payload.exp!;
    if (payload.iat !== undefined && payload.iat > now + CLOCK_TOLERANCE_S) throw new AuthError('token rejected: "iat" lies in the future');
    // Without iat the token's age is unknown: judge what is left of it, with the clock tolerance.
    const lifetime = payload.iat !== undefined ? exp - payload.iat : exp - now - CLOCK_TOLERANCE_S;
    if (lifetime > maxLifetime) throw new AuthError(`token rejected: it lives longer than ${maxLifetime} s`);
    return { actor: claimsOf(payload), until: Math.min(exp * 1000, Date.now() + 5 * 60_000), header, key };
  };

  // A verified token is remembered until it expires (at most five minutes), so the signature
  // check runs once per token, not once per request. Failures are never cached. A remembered
  // token counts only while the key set still gives the key that verified it: once the issuer's
  // set is fetched again without that key (rotated out, or withdrawn), its tokens are refused.
  const verified = new Map<string, Verified>();
  const NO_UNPROTECTED_HEADER = { payload: '', signature: '' } satisfies FlattenedJWSInput;
  const stillSigned = async (hit: Verified): Promise<boolean> => {
    try {
      return (await keys(hit.header, NO_UNPROTECTED_HEADER)) === hit.key;
    } catch {
      return false;
    }
  };
  return async (token) => {
    const hit = verified.get(token);
    if (hit && hit.until > Date.now() && (await stillSigned(hit))) return hit.actor;
    verified.delete(token);
    const result = await verify(token);
    if (verified.size >= 10_000) verified.clear();
    verified.set(token, result);
    return result.actor;
  };
}

/**
 * The claims the hub reads, each of the shape it must have: a malformed claim makes the token
 * invalid (401), it is never guessed at. Unknown role names are left out (an issuer may put its
 * other applications' roles in the same claim); a token left with none is refused.
 */
function claimsOf(payload: JWTPayload): TokenClaims {
  const { sub, roles, org } = payload;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > MAX_SUB_LENGTH) throw new AuthError(`token rejected: expected a "sub" claim of 1–${MAX_SUB_LENGTH} characters`);
  const list = typeof roles === 'string' ? [roles] : Array.isArray(roles) && roles.every((r) => typeof r === 'string') ? (roles as string[]) : null;
  if (!list) throw new AuthError('token rejected: expected a "roles" claim that is a string or an array of strings');
  const rollen = list.filter(isRole);
  if (rollen.length === 0) throw new AuthError('token names no known role in its roles claim');
  // An org that is not a string could otherwise be read as "no org", which means the municipality.
  if (org !== undefined && typeof org !== 'string') throw new AuthError('token rejected: expected an "org" claim that is a string');
  // Whether the organisation may act with these roles is the register's to say, not the token's.
  return { sub, organisatie: typeof org === 'string' && org.length > 0 ? org : null, rollen };
}
