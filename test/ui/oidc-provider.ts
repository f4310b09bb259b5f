import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { issuerKey, nowS, signToken } from '../security/jwks-server';

/**
 * A small OpenID Connect provider for the console's production sign-in: discovery, an
 * authorization endpoint that signs in whoever the test says (no login form), a token endpoint
 * that redeems a code only with the PKCE verifier that matches its S256 challenge, and the JWKS
 * the hub verifies the access tokens with. Its endpoints allow the console's origin (CORS), as a
 * real provider does for a registered browser client.
 */
export async function startOidcProvider(options: { clientId: string; audience: string }) {
  const key = await issuerKey('oidc-test');
  const codes = new Map<string, { challenge: string; redirectUri: string; sub: string; roles: string[] }>();
  let user = { sub: 'fg-jansen', roles: ['privacy-officer'] };
  const log: string[] = [];
  let allowOrigin = '*';

  const form = (req: IncomingMessage) =>
    new Promise<URLSearchParams>((resolve) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => resolve(new URLSearchParams(body)));
    });

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': allowOrigin, 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    log.push(`${req.method} ${url.pathname}`);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-origin': allowOrigin, 'access-control-allow-methods': 'GET, POST', 'access-control-allow-headers': 'content-type, accept' });
      return res.end();
    }
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, { issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`, code_challenge_methods_supported: ['S256'] });
    }
    if (url.pathname === '/jwks') return json(200, { keys: [key.publicJwk] });
    if (url.pathname === '/authorize') {
      const p = url.searchParams;
      const redirectUri = p.get('redirect_uri') ?? '';
      if (p.get('response_type') !== 'code' || p.get('client_id') !== options.clientId || p.get('code_challenge_method') !== 'S256' || !p.get('code_challenge') || !p.get('state') || !redirectUri) {
        res.writeHead(400).end('invalid_request');
        return;
      }
      const code = randomBytes(16).toString('base64url');
      codes.set(code, { challenge: p.get('code_challenge')!, redirectUri, ...user });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', p.get('state')!);
      res.writeHead(302, { location: back.toString() }).end();
      return;
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      const p = await form(req);
      const grant = codes.get(p.get('code') ?? '');
      codes.delete(p.get('code') ?? '');
      const verifier = p.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (!grant || p.get('grant_type') !== 'authorization_code' || p.get('client_id') !== options.clientId || p.get('redirect_uri') !== grant.redirectUri || challenge !== grant.challenge) {
        return json(400, { error: 'invalid_grant' });
      }
      const iat = nowS();
      const accessToken = await signToken(key, { iss: issuer, aud: options.audience, sub: grant.sub, roles: grant.roles, iat, exp: iat + 600 });
      return json(200, { access_token: accessToken, token_type: 'Bearer', expires_in: 600 });
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    /** Who the next sign-in is. */
    signInAs(sub: string, roles: string[]) {
      user = { sub, roles };
    },
    /** Only this origin's pages may read the answers (the console's). */
    allow(origin: string) {
      allowOrigin = origin;
    },
    log,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
