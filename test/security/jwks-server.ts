import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload, type KeyLike } from 'jose';

/** A signing key of the test issuer: its private half signs, its public half may be published. */
export interface IssuerKey {
  kid: string;
  privateKey: KeyLike;
  publicJwk: JWK;
}

export async function issuerKey(kid: string): Promise<IssuerKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
}

/**
 * A real OIDC issuer's key endpoint on a free loopback port: GET /jwks answers the keys it
 * currently publishes, which a test changes to rotate them. It counts the fetches.
 */
export async function startJwksServer(): Promise<{ url: string; issuer: string; publish(keys: IssuerKey[]): void; fetches(): number; close(): Promise<void> }> {
  let published: IssuerKey[] = [];
  let fetches = 0;
  const server: Server = createServer((req, res) => {
    if (req.url !== '/jwks') {
      res.writeHead(404).end();
      return;
    }
    fetches++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: published.map((k) => k.publicJwk) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/jwks`,
    issuer: `http://127.0.0.1:${port}`,
    publish: (keys) => void (published = keys),
    fetches: () => fetches,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Signs exactly the claims given (no defaults filled in, so a test can leave out exp or iat,
 * or give a claim the wrong type), with `key`'s kid in the header.
 */
export function signToken(key: { kid: string; privateKey: KeyLike | Uint8Array }, claims: JWTPayload): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
}

/** Now, in JWT seconds. */
export const nowS = () => Math.floor(Date.now() / 1000);
