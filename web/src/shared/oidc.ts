/**
 * OpenID Connect sign-in for a public browser client: authorization code with PKCE (RFC 7636,
 * S256), as OAuth 2.0 for Browser-Based Apps advises. The console never sees a password or a
 * client secret; it gets an access token for the hub from AUTH_ISSUER and sends it as any client
 * would. The token is kept in sessionStorage: gone with the tab, never in a cookie the hub reads.
 */

export interface OidcSettings {
  issuer: string;
  clientId: string;
  audience?: string;
}

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
}

interface Pending {
  state: string;
  verifier: string;
  nonce: string;
  redirectUri: string;
  returnTo: string;
}

const PENDING_KEY = 'ontschot.oidc.pending';

export async function discover(issuer: string): Promise<Discovery> {
  const res = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`De identity provider antwoordt niet (HTTP ${res.status}).`);
  const body = (await res.json()) as Partial<Discovery>;
  if (typeof body.authorization_endpoint !== 'string' || typeof body.token_endpoint !== 'string') throw new Error('De identity provider noemt geen authorization- en token-endpoint.');
  return body as Discovery;
}

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function random(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export async function challengeFor(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

/** Sends the browser to the identity provider; it comes back to `redirectUri` with a code. */
export async function beginSignIn(settings: OidcSettings, redirectUri: string, returnTo: string): Promise<void> {
  const endpoints = await discover(settings.issuer);
  const pending: Pending = { state: random(), verifier: random(48), nonce: random(), redirectUri, returnTo };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(endpoints.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: redirectUri,
    scope: 'openid',
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await challengeFor(pending.verifier),
    code_challenge_method: 'S256',
    // Some providers (Auth0, Entra ID with v1 resources) mint a token for the hub only when asked by audience.
    ...(settings.audience ? { audience: settings.audience } : {}),
  }).toString();
  window.location.assign(url.toString());
}

export interface SignedIn {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/**
 * Completes the sign-in on the redirect back: checks `state`, redeems the code with the PKCE
 * verifier, and returns the access token and where to go next.
 */
export async function completeSignIn(settings: OidcSettings, search: string): Promise<SignedIn & { returnTo: string }> {
  const params = new URLSearchParams(search);
  const raw = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  const error = params.get('error');
  if (error) throw new Error(`De identity provider weigerde de aanmelding (${error}).`);
  const pending = raw ? (JSON.parse(raw) as Pending) : null;
  const code = params.get('code');
  // A callback this tab did not start (or a replayed one) is not redeemed.
  if (!pending || !code || params.get('state') !== pending.state) throw new Error('Deze aanmelding is niet vanuit dit venster gestart; meld opnieuw aan.');
  const endpoints = await discover(settings.issuer);
  const res = await fetch(endpoints.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: pending.redirectUri, client_id: settings.clientId, code_verifier: pending.verifier }).toString(),
  });
  const body = (await res.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string };
  if (!res.ok || typeof body.access_token !== 'string') throw new Error(`Het token kon niet worden opgehaald (${body.error ?? `HTTP ${res.status}`}).`);
  return { accessToken: body.access_token, expiresAt: Date.now() + (typeof body.expires_in === 'number' ? body.expires_in : 3600) * 1000, returnTo: pending.returnTo };
}
