import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestHub, type TestHub } from '../support/hub';
import { ARTEFACTS, launch, openContext, screenshot, seriousViolations, type Watched } from './browser';

/**
 * The privacy officer's console in a real browser, served by the hub itself: sign-in with a
 * development token, the searches and reports a privacy officer needs without writing a query,
 * accessibility (axe-core, keyboard), and a refusal for anyone else.
 */

const BSN = '999990019';
const WMO_QUERY = `query WmoDossier { persoon(burgerservicenummer: "${BSN}") { naam { volledigeNaam } wmo { voorzieningen { productCategorie ingangsdatum } } } }`;

jest.setTimeout(120_000);

describe('privacy console (Chromium)', () => {
  let t: TestHub;
  let browser: Browser;
  let origin: string;
  let officer: Watched;
  let page: Page;

  const expectAccessible = async (p: Page) => expect(await seriousViolations(p)).toEqual([]);
  const go = async (label: string) => {
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: label, exact: true }).click();
    // The new page's title takes the focus, so a screen reader announces it.
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  };

  beforeAll(async () => {
    // Heads signed often, so the verification view has signed heads to list.
    [t, browser] = await Promise.all([startTestHub({ env: { AUDIT_SIGN_INTERVAL_MS: '500' } }), launch()]);
    origin = new URL(t.hub.url).origin.replace('localhost', '127.0.0.1');
    // Something to find: a Wmo consulent reads 999990019 fifteen times (two records each: brp and wmo).
    for (let i = 0; i < 15; i++) {
      const res = await t.query('wmo-consulent', 'WMO_ONDERSTEUNING', WMO_QUERY);
      expect(res.errors).toBeUndefined();
    }
    officer = await openContext(browser, origin);
    page = officer.page;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows nothing but the sign-in before sign-in, and signs a privacy officer in by keyboard', async () => {
    const res = await page.goto(`${origin}/privacy`);
    expect(res!.status()).toBe(200);
    expect(res!.headers()['content-security-policy']).toContain("default-src 'self'");
    await page.getByRole('heading', { level: 1, name: 'Aanmelden' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).count()).toBe(0);
    expect(await page.textContent('body')).not.toMatch(/\d{9}/);
    await expectAccessible(page);
    await screenshot(page, 'privacy-1-aanmelden');

    // Keyboard only: the skip link comes first, then the role picker, then the button.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Naar de inhoud');
    await page.getByLabel('Rol').focus();
    expect(await page.getByLabel('Rol').inputValue()).toBe('privacy-officer');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Aanmelden als privacy officer');
    await page.keyboard.press('Enter');
    await page.getByTestId('aangemeld-als').waitFor();
    expect(await page.getByTestId('aangemeld-als').textContent()).toBe('dev-privacy-officer');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).waitFor();
  });

  it('finds the accesses of 999990019 by person, purpose and employee, a page at a time', async () => {
    await go('Toegang zoeken');
    await page.getByLabel('Persoon (BSN)').fill(BSN);
    await page.getByRole('button', { name: 'Zoeken' }).click();
    const table = page.getByTestId('auditrecords');
    await table.waitFor();
    const first = await table.locator('tbody tr').allTextContents();
    expect(first).toHaveLength(25);
    expect(first.filter((r) => r.includes('dev-wmo-consulent') && r.includes('Wmo-ondersteuning') && r.includes(BSN)).length).toBeGreaterThan(10);
    await expectAccessible(page);
    await screenshot(page, 'privacy-2-toegang');

    // The next page follows on, and the previous one comes back.
    await page.getByRole('button', { name: 'Volgende pagina' }).click();
    await table.getByText('Pagina 2', { exact: false }).waitFor();
    const second = await table.locator('tbody tr').allTextContents();
    expect(second.length).toBeGreaterThan(0);
    expect(second.some((r) => r.includes('dev-wmo-consulent'))).toBe(true);
    await page.getByRole('button', { name: 'Vorige pagina' }).click();
    await table.getByText('Pagina 1', { exact: false }).waitFor();

    // By purpose: only the Wmo consulent's reads, not the officer's own (AUDIT).
    await page.getByLabel('Doel').selectOption('WMO_ONDERSTEUNING');
    await page.getByLabel('Medewerker (gebruikers-id)').fill('dev-wmo-consulent');
    await page.getByLabel('Organisatie (code)').fill('gemeente');
    // The purpose is the audit API's own filter: one request for the page, filtered in the database.
    const [purposeRequest] = await Promise.all([page.waitForRequest((r) => r.url().endsWith('/graphql') && (r.postData() ?? '').includes('"doel":"WMO_ONDERSTEUNING"')), page.getByRole('button', { name: 'Zoeken' }).click()]);
    expect(JSON.parse(purposeRequest.postData()!).variables).toMatchObject({ first: 25, filter: { doel: 'WMO_ONDERSTEUNING', actor: 'dev-wmo-consulent' } });
    await table.getByText('Pagina 1', { exact: false }).waitFor();
    const byPurpose = await table.locator('tbody tr').allTextContents();
    expect(byPurpose.length).toBe(25);
    expect(byPurpose.every((r) => r.includes('Wmo-ondersteuning') && r.includes('dev-wmo-consulent'))).toBe(true);

    // An invalid BSN is refused in the form, with the reason next to the field.
    await page.getByLabel('Persoon (BSN)').fill('123456789');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByText('Vul een geldig burgerservicenummer in').waitFor();
    expect(await page.getByLabel('Persoon (BSN)').getAttribute('aria-invalid')).toBe('true');
  });

  it("opens 999990019's subject-access report and downloads it as JSON and CSV, and as a printable page", async () => {
    await go('Inzagerapport');
    await page.getByLabel('Burgerservicenummer').fill(BSN);
    await page.getByRole('button', { name: 'Rapport opstellen' }).click();
    await page.getByTestId('inzage-verstrekkingen').waitFor();
    // In plain words: the organisation's name, the role, the purpose and the data given.
    const summary = (await page.getByTestId('inzage-samenvatting').textContent()) ?? '';
    expect(summary).toContain('Wmo-consulent');
    expect(summary).toMatch(/Wmo 2015/);
    expect(summary).not.toContain('WmoVoorziening.productCategorie');
    // The officer's own reads are oversight, apart from the disclosures.
    expect(await page.getByTestId('inzage-verstrekkingen').textContent()).not.toMatch(/privacy/i);
    await expectAccessible(page);
    await screenshot(page, 'privacy-3-inzage');

    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).click()]);
    expect(json.suggestedFilename()).toMatch(/^inzage-\d{4}-\d{2}-\d{2}\.json$/);
    await json.saveAs(join(ARTEFACTS, 'inzage.json'));
    const report = JSON.parse(readFileSync(join(ARTEFACTS, 'inzage.json'), 'utf8'));
    expect(report).toMatchObject({ betrokkene: BSN });
    expect(report.verstrekkingen).toEqual(expect.arrayContaining([expect.objectContaining({ organisatie: 'gemeente', doel: 'WMO_ONDERSTEUNING' })]));

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/^inzage-\d{4}-\d{2}-\d{2}\.csv$/);
    await csv.saveAs(join(ARTEFACTS, 'inzage.csv'));
    const lines = readFileSync(join(ARTEFACTS, 'inzage.csv'), 'utf8').trim().split('\r\n');
    expect(lines[0]).toMatch(/^tijdstip,organisatie,rollen,doel,/);
    expect(lines.filter((l) => l.includes('WMO_ONDERSTEUNING')).length).toBeGreaterThanOrEqual(15);
    // The report names organisations and roles, never the employee.
    expect(readFileSync(join(ARTEFACTS, 'inzage.csv'), 'utf8') + JSON.stringify(report)).not.toContain('dev-wmo-consulent');

    await page.getByRole('button', { name: 'Afdrukversie' }).click();
    await page.getByTestId('inzage-afdruk').waitFor();
    expect(new URL(page.url()).pathname).toBe('/privacy/inzage/afdrukken');
    expect(page.url()).not.toContain(BSN);
    await expectAccessible(page);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Afdrukken' }).isVisible()).toBe(false);
    await screenshot(page, 'privacy-4-inzage-afdruk');
    await page.pdf({ path: join(ARTEFACTS, 'inzage.pdf'), format: 'A4' });
    await page.emulateMedia({ media: 'screen' });
  });

  it('verifies the audit log and shows the result', async () => {
    await go('Verificatie');
    await page.getByRole('button', { name: 'Verificatie uitvoeren' }).click();
    const result = page.getByTestId('verificatie');
    await result.waitFor({ timeout: 30_000 });
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('Het auditlog is intact');
    expect(Number(text.match(/Gecontroleerde records(\d+)/)?.[1])).toBeGreaterThan(30);
    expect(text).toMatch(/Gecontroleerde ondertekende ketenkoppen\d+/);
    // The signed heads themselves, one row per stream: hash, key and whether it holds.
    const heads = page.getByTestId('ondertekende-koppen');
    const rows = await heads.locator('tbody tr').allTextContents();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/[0-9a-f]{64}.*Geldig$/);
    expect(await heads.locator('thead').textContent()).toContain('Sleutel');
    await expectAccessible(page);
    await screenshot(page, 'privacy-5-verificatie');
  });

  it('draws the accesses per organisation and purpose, and the refusals by code', async () => {
    // A refusal to count: a regisseur without consent asks for the Wmo dossier.
    const refused = await t.query('regisseur', 'INTEGRALE_AANPAK', WMO_QUERY);
    expect(refused.errors?.map((e) => e.extensions?.code)).toContain('CONSENT_REQUIRED');

    await go('Overzicht');
    // Counted by the hub: one request for all three charts, no pages of records.
    const [countRequest] = await Promise.all([page.waitForRequest((r) => r.url().endsWith('/graphql') && r.method() === 'POST'), page.getByRole('button', { name: 'Grafieken tonen' }).click()]);
    expect(countRequest.postData()).toContain('auditTellingen');
    expect(countRequest.postData()).not.toContain('auditRecords');
    const chart = page.getByTestId('grafiek-organisatie');
    await chart.locator('canvas').waitFor();
    // The canvas holds a drawing, not just a blank box.
    const painted = await chart.locator('canvas').evaluate((c: HTMLCanvasElement) => {
      const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
      return n;
    });
    expect(painted).toBeGreaterThan(500);
    // Its numbers, as a table for whoever cannot see the picture.
    await chart.getByText('Toon de cijfers als tabel').click();
    const today = await page.evaluate(() => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date()));
    const row = await chart.locator('tbody tr', { hasText: today }).textContent();
    expect(row).toMatch(/\d/);
    expect(await chart.locator('thead').textContent()).toContain('gemeente');
    expect(await page.getByTestId('grafiek-doel').locator('thead').textContent()).toContain('Wmo-ondersteuning');
    const refusals = page.getByTestId('grafiek-weigeringen');
    expect(await refusals.getByRole('img').getAttribute('aria-label')).toContain('CONSENT_REQUIRED');
    await expectAccessible(page);
    await screenshot(page, 'privacy-6-grafieken');
  });

  it('reads the snuffel report, the destruction records and the retention report', async () => {
    await t.hub.db.query("INSERT INTO vernietiging (tijdstip, record_type, categorie, bron, regel, reden, aantal) VALUES (now(), 'WMO_VOORZIENING', '8.1.1', 'GWS', 'P15Y na einddatum', 'BEWAARTERMIJN_VERSTREKEN', 3)");

    await go('Snuffelrapport');
    await page.getByRole('button', { name: 'Rapport opstellen' }).click();
    await page.getByTestId('snuffel').waitFor();
    expect(await page.getByTestId('snuffel').textContent()).toMatch(/\d+ medewerkers verwerkten persoonsgegevens/);
    await expectAccessible(page);
    await screenshot(page, 'privacy-7-snuffel');

    await go('Vernietigingen');
    await page.getByTestId('vernietigingen').waitFor();
    expect(await page.getByTestId('vernietigingen').textContent()).toContain('8.1.1');
    await expectAccessible(page);
    await screenshot(page, 'privacy-8-vernietigingen');

    await go('Bewaartermijnen');
    await page.getByTestId('bewaartermijnen').waitFor();
    expect(await page.getByTestId('bewaartermijnen').textContent()).toContain('Openstaande verzoeken tot vernietiging');
    await expectAccessible(page);
    await screenshot(page, 'privacy-9-bewaartermijnen');
  });

  it('made no request to any other origin and met no CSP violation or script error', () => {
    expect(officer.requests.filter((u) => !u.startsWith(`${origin}/`))).toEqual([]);
    expect(officer.problems).toEqual([]);
  });

  it("refuses a consulent's sign-in and shows no data", async () => {
    const { context, page: p } = await openContext(browser, origin);
    try {
      await p.goto(`${origin}/privacy`);
      await p.getByLabel('Rol').selectOption('wmo-consulent');
      await p.getByRole('button', { name: 'Aanmelden als wmo-consulent' }).click();
      await p.getByTestId('weigering').waitFor();
      expect(await p.getByTestId('weigering').textContent()).toBe('Alleen een privacy officer (FG) kan de console gebruiken.');
      expect(await p.getByRole('heading', { level: 1 }).textContent()).toBe('Geen toegang');
      expect(await p.getByRole('navigation', { name: 'Hoofdmenu' }).count()).toBe(0);
      expect(await p.textContent('body')).not.toMatch(/\d{9}/);
      await expectAccessible(p);
      await screenshot(p, 'privacy-10-consulent-geweigerd');
      // A path deeper in the console shows the sign-in again, not the page.
      await p.goto(`${origin}/privacy/toegang`);
      await p.getByRole('heading', { level: 1, name: 'Aanmelden' }).waitFor();
      expect(await p.getByTestId('auditrecords').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
