import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import type { Browser, Request } from 'playwright-core';
import { startTestHub, type TestHub } from '../support/hub';
import { launch, openContext, screenshot, seriousViolations, type Watched } from './browser';

/**
 * The API explorer at GET /graphql in a browser: GraphiQL served by the hub itself, so it loads
 * with no request to any other host; a development token and the X-Purpose header preset from
 * the role picker; the schema's Dutch descriptions in the docs pane; and a query that runs.
 */

jest.setTimeout(120_000);

describe('API explorer (Chromium)', () => {
  let t: TestHub;
  let browser: Browser;
  let origin: string;
  let w: Watched;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestHub(), launch()]);
    origin = new URL(t.hub.url).origin.replace('localhost', '127.0.0.1');
    w = await openContext(browser, origin);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const graphqlPost = (query: string) => (r: Request) => r.url() === `${origin}/graphql` && r.method() === 'POST' && (r.postData() ?? '').includes(query);

  it('loads from the hub alone, takes its schema from the live endpoint, and runs a query with the preset token and purpose', async () => {
    const introspected = w.page.waitForRequest(graphqlPost('__schema'));
    const res = await w.page.goto(`${origin}/graphql`);
    expect(res!.status()).toBe(200);
    expect(res!.headers()['content-type']).toContain('text/html');
    expect(res!.headers()['content-security-policy']).toContain("default-src 'self'");
    const status = w.page.getByTestId('explorer-status');
    await status.getByText('Ontwikkeltoken aangemaakt voor wmo-consulent').waitFor();
    // The schema came from the gateway's introspection, not from the bundled copy.
    const introspection = await (await introspected).response();
    expect(introspection!.status()).toBe(200);
    expect((await introspection!.json()).data.__schema.queryType.name).toBe('Query');
    await status.getByText('Schema: door introspectie van de gateway').waitFor();
    await w.page.locator('.graphiql-container').waitFor();
    await w.page.locator('.graphiql-query-editor .view-lines').getByText('query Persoon').waitFor();

    const [request] = await Promise.all([w.page.waitForRequest(graphqlPost('query Persoon')), w.page.locator('.graphiql-execute-button').click()]);
    expect(request.headers()['authorization']).toMatch(/^Bearer ey/);
    expect(request.headers()['x-purpose']).toBe('WMO_ONDERSTEUNING');
    const body = await (await request.response())!.json();
    expect(body.errors).toBeUndefined();
    expect(body.data.persoon.naam.volledigeNaam).toEqual(expect.any(String));
    expect(body.data.persoon.wmo.voorzieningen.length).toBeGreaterThan(0);
    await w.page.locator('.graphiql-response').getByText('volledigeNaam').first().waitFor();
    await screenshot(w.page, 'explorer-1-query');
  });

  it("shows the schema's Dutch descriptions in the docs pane", async () => {
    await w.page.getByRole('button', { name: /Show Documentation Explorer/i }).click();
    await w.page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).click();
    // The description as the public schema has it today, whatever its wording.
    const description = buildSchema(readFileSync(join(__dirname, '..', '..', 'gateway', 'api-schema.graphql'), 'utf8')).getQueryType()!.getFields().verifieerAuditLog.description!;
    expect(description).toMatch(/ketens?|hash/i);
    await w.page.locator('.graphiql-doc-explorer').getByText(description.split('\n')[0].slice(0, 40), { exact: false }).waitFor();
    await screenshot(w.page, 'explorer-2-docs');
  });

  it('mints a token for another role and purpose and presets the headers for it', async () => {
    await w.page.getByLabel('Rol').selectOption('partner');
    await w.page.getByLabel('Organisatie').selectOption('mee');
    expect(await w.page.getByLabel('Doel (X-Purpose)').inputValue()).toBe('INTEGRALE_AANPAK');
    await w.page.getByRole('button', { name: 'Token aanmaken' }).click();
    await w.page.getByTestId('explorer-status').getByText('Ontwikkeltoken aangemaakt voor partner van mee').waitFor();
    const [request] = await Promise.all([w.page.waitForRequest(graphqlPost('query Persoon')), w.page.locator('.graphiql-execute-button').click()]);
    expect(request.headers()['x-purpose']).toBe('INTEGRALE_AANPAK');
    const claims = JSON.parse(Buffer.from(request.headers()['authorization'].split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ roles: ['partner'], org: 'mee' });
    // The partner meets the policy like any partner client: without a consent for mee, no data.
    const body = await (await request.response())!.json();
    expect(['CONSENT_REQUIRED', 'OPERATION_NOT_TRUSTED']).toContain(body.errors?.[0]?.extensions?.code);
  });

  it('is accessible, and made no request to any host but the hub', async () => {
    // All of it but two parts of GraphiQL's own that it cannot be styled out of: Monaco's dimmed
    // line numbers, and the tab strip, whose tabs hold their close buttons.
    expect(await seriousViolations(w.page, ['.monaco-editor .line-numbers', '.graphiql-session-header'])).toEqual([]);
    expect(w.requests.length).toBeGreaterThan(3);
    expect(w.requests.filter((u) => !u.startsWith(`${origin}/`))).toEqual([]);
    expect(w.problems.filter((p) => !/status of 4\d\d/.test(p))).toEqual([]);
  });
});
