/** How this hub signs people in, from GET /ui/config.json (served by the gateway). */
export type UiConfig =
  | { auth: 'dev' }
  | { auth: 'oidc'; issuer: string; clientId: string; audience?: string }
  | { auth: 'none' };

export async function loadConfig(): Promise<UiConfig> {
  const res = await fetch('/ui/config.json', { headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!res.ok) throw new Error(`config.json: HTTP ${res.status}`);
  const body = (await res.json()) as Partial<UiConfig> & Record<string, unknown>;
  if (body.auth === 'dev') return { auth: 'dev' };
  if (body.auth === 'oidc' && typeof body.issuer === 'string' && typeof body.clientId === 'string') {
    return { auth: 'oidc', issuer: body.issuer, clientId: body.clientId, ...(typeof body.audience === 'string' ? { audience: body.audience } : {}) };
  }
  return { auth: 'none' };
}

/** A development token from the hub's local issuer (POST /dev/token, development mode only). */
export async function mintDevToken(role: string, org?: string): Promise<string> {
  const res = await fetch('/dev/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ role, ...(org ? { org } : {}) }),
  });
  const body = (await res.json().catch(() => ({}))) as { token?: string; errors?: Array<{ message?: string }> };
  if (!res.ok || typeof body.token !== 'string') throw new Error(body.errors?.[0]?.message ?? `HTTP ${res.status}`);
  return body.token;
}
