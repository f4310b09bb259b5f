import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createLocalJWKSet, createRemoteJWKSet, exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type JWTVerifyGetKey } from 'jose';
import { isRole, type Role, type TokenClaims } from '../policy';

/**
 * Authentication: OIDC access tokens verified with jose. In development (no AUTH_* configured)
 * a local issuer signs tokens with a key kept under DATA_DIR, and `npm run token` uses the same
 * key, so a developer can call the hub without an identity provider.
 */
export const DEV_ISSUER = 'urn:ontschot:dev-issuer';
export const DEV_AUDIENCE = 'ontschot';
const DEV_ALG = 'ES256';

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
  mkdirSync(dirname(path), { recursive: true });
  // 0600: the private key signs tokens for any role.
  writeFileSync(path, JSON.stringify(file, null, 2), { mode: 0o600, flag: 'wx' });
  return file;
}

export interface DevTokenClaims {
  role: Role;
  org?: string;
  sub?: string;
  /** Lifetime in seconds. @defaultValue 8 hours */
  ttlSeconds?: number;
}

/** Signs a development token with the local issuer's key. */
export async function issueDevToken(dataDir: string, claims: DevTokenClaims): Promise<string> {
  const keys = await devIssuerKeys(dataDir);
  const key = await importJWK(keys.privateJwk, DEV_ALG);
  return new SignJWT({ roles: [claims.role], ...(claims.org ? { org: claims.org } : {}) })
    .setProtectedHeader({ alg: DEV_ALG, kid: keys.kid, typ: 'JWT' })
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setSubject(claims.sub ?? `dev-${claims.role}`)
    .setIssuedAt()
    .setExpirationTime(`${claims.ttlSeconds ?? 8 * 3600}s`)
    .sign(key);
}

/** Checks a token and returns its claims; the organisation register is consulted after (gateway/index.ts). */
export type TokenVerifier = (token: string) => Promise<TokenClaims>;

export class AuthError extends Error {
  readonly code = 'UNAUTHENTICATED';
}

export type AuthOptions =
  | { mode: 'dev'; dataDir: string }
  | { mode: 'oidc'; issuer: string; jwksUrl: string; audience: string };

/** Builds the verifier once at start; it checks signature, issuer, audience, expiry and claims. */
export async function createTokenVerifier(options: AuthOptions): Promise<TokenVerifier> {
  let keys: JWTVerifyGetKey;
  let issuer: string;
  let audience: string;
  if (options.mode === 'dev') {
    keys = createLocalJWKSet({ keys: [(await devIssuerKeys(options.dataDir)).publicJwk] });
    issuer = DEV_ISSUER;
    audience = DEV_AUDIENCE;
  } else {
    keys = createRemoteJWKSet(new URL(options.jwksUrl));
    issuer = options.issuer;
    audience = options.audience;
  }
  // A verified token is remembered until it expires (at most five minutes), so the signature
  // check runs once per token, not once per request. Failures are never cached.
  const verified = new Map<string, { actor: TokenClaims; until: number }>();
  const verify = async (token: string): Promise<{ actor: TokenClaims; exp: number }> => {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, keys, { issuer, audience, algorithms: ['ES256', 'RS256', 'PS256', 'EdDSA'], clockTolerance: 30 }));
    } catch (err) {
      throw new AuthError(`token rejected (${(err as { code?: string }).code ?? 'invalid'})`);
    }
    const roles = Array.isArray(payload.roles) ? payload.roles : typeof payload.roles === 'string' ? [payload.roles] : [];
    const rollen = roles.filter(isRole);
    if (!payload.sub) throw new AuthError('token has no sub claim');
    if (rollen.length === 0) throw new AuthError('token names no known role in its roles claim');
    // Whether the organisation may act with these roles is the register's to say, not the token's.
    const org = typeof payload.org === 'string' && payload.org.length > 0 ? payload.org : null;
    return { actor: { sub: payload.sub, organisatie: org, rollen }, exp: (payload.exp ?? 0) * 1000 };
  };
  return async (token) => {
    const now = Date.now();
    const hit = verified.get(token);
    if (hit && hit.until > now) return hit.actor;
    const { actor, exp } = await verify(token);
    if (verified.size >= 10_000) verified.clear();
    verified.set(token, { actor, until: Math.min(exp, now + 5 * 60_000) });
    return actor;
  };
}
