import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { startTestHub, type TestHub } from '../support/hub';
import { launch, openContext, screenshot, seriousViolations } from './browser';
import { startOidcProvider } from './oidc-provider';

/**
 * The console with a real identity provider (AUTH_ISSUER): sign-in by authorization code with
 * PKCE, the access token sent to the gateway like any client's, and a refusal for a token whose
 * role is not privacy-officer. No development sign-in is offered.
 */

const CLIENT_ID = 'privacyconsole';
const AUDIENCE = 'ontschot-api';

jest.setTimeout(120_000);

describe('privacy console with OIDC (Chromium)', () => {
  let provider: Awaited<ReturnType<typeof startOidcProvider>>;
  let t: TestHub;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    provider = await startOidcProvider({ clientId: CLIENT_ID, audience: AUDIENCE });
    [t, browser] = await Promise.all([
      startTestHub({ env: { AUTH_ISSUER: provider.issuer, AUTH_JWKS_URL: provider.jwksUrl, AUTH_AUDIENCE: AUDIENCE, CONSOLE_OIDC_CLIENT_ID: CLIENT_ID, EXPLORER_ENABLED: 'true', STUF_KENNISGEVING_KEY: randomBytes(32).toString('base64url') } }),
      launch(),
    ]);
    origin = new URL(t.hub.url).origin.replace('localhost', '127.0.0.1');
    provider.allow(origin);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await provider?.close();
  });

  it('signs a privacy officer in with authorization code and PKCE, and uses the token', async () => {
    const w = await openContext(browser, origin, [provider.issuer]);
    try {
      const config = await (await fetch(`${origin}/ui/config.json`)).json();
      expect(config).toEqual({ auth: 'oidc', issuer: provider.issuer, clientId: CLIENT_ID, audience: AUDIENCE });
      await w.page.goto(`${origin}/privacy/verificatie`);
      await w.page.getByRole('heading', { level: 1, name: 'Aanmelden' }).waitFor();
      expect(await w.page.getByLabel('Rol').count()).toBe(0);
      await w.page.getByRole('button', { name: 'Aanmelden' }).click();
      await w.page.getByTestId('aangemeld-als').waitFor();
      expect(await w.page.getByTestId('aangemeld-als').textContent()).toBe('fg-jansen');
      // Back where sign-in started, with the code and state gone from the address bar.
      expect(new URL(w.page.url()).pathname).toBe('/privacy/verificatie');
      expect(w.page.url()).not.toMatch(/code=|state=/);
      expect(provider.log).toEqual(expect.arrayContaining(['GET /authorize', 'POST /token']));

      await w.page.getByRole('button', { name: 'Verificatie uitvoeren' }).click();
      await w.page.getByTestId('verificatie').getByText('Het auditlog is intact').waitFor();
      expect(await seriousViolations(w.page)).toEqual([]);
      await screenshot(w.page, 'privacy-oidc-verificatie');
      expect(w.requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith(`${provider.issuer}/`))).toEqual([]);
      expect(w.problems).toEqual([]);
    } finally {
      await w.context.close();
    }
  });

  it("refuses a consulent's token from the same provider", async () => {
    provider.signInAs('consulent-de-vries', ['wmo-consulent']);
    const w = await openContext(browser, origin, [provider.issuer]);
    try {
      await w.page.goto(`${origin}/privacy`);
      await w.page.getByRole('button', { name: 'Aanmelden' }).click();
      await w.page.getByTestId('weigering').waitFor();
      expect(await w.page.getByTestId('weigering').textContent()).toBe('Alleen een privacy officer (FG) kan de console gebruiken.');
      expect(await w.page.getByRole('navigation', { name: 'Hoofdmenu' }).count()).toBe(0);
      await screenshot(w.page, 'privacy-oidc-consulent-geweigerd');
    } finally {
      await w.context.close();
    }
  });

  it('serves the explorer where enabled, without development tokens and without other hosts', async () => {
    const w = await openContext(browser, origin);
    try {
      const res = await w.page.goto(`${origin}/graphql`);
      expect(res!.status()).toBe(200);
      await w.page.getByTestId('explorer-status').getByText('Deze hub geeft geen ontwikkeltokens').waitFor();
      expect(await w.page.getByLabel('Rol').count()).toBe(0);
      await w.page.locator('.graphiql-container').waitFor();
      expect(w.requests.filter((u) => !u.startsWith(`${origin}/`))).toEqual([]);
      await screenshot(w.page, 'explorer-oidc');
    } finally {
      await w.context.close();
    }
  });

  it('has no development sign-in: /dev/token is not there', async () => {
    const res = await fetch(`${origin}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'privacy-officer' }) });
    expect(res.status).toBe(404);
  });
});
