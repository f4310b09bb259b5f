import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * The browser tests' Chromium: Debian's (`.ci/run` installs it with apt-get when missing),
 * driven by playwright-core, which downloads no browser of its own. The flags are those a
 * sandboxed root on a machine without outside network needs: without the background-networking
 * ones Chromium keeps trying to reach Google's hosts.
 */

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTEFACTS = join(__dirname, '..', '..', 'test-results');

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install Debian's (apt-get install -y chromium), as .ci/run does`);
  mkdirSync(ARTEFACTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
}

export interface Watched {
  context: BrowserContext;
  page: Page;
  /** Every URL the pages (and their workers) asked for. */
  requests: string[];
  /** Console errors and uncaught exceptions, CSP violations among them. */
  problems: string[];
}

/**
 * A fresh context (own storage, own downloads) whose requests and problems are recorded. Any
 * request to another origin than the hub's (and `alsoAllowed`, an identity provider) is recorded
 * and cut off, so a page that would reach for a CDN fails here the way it would offline.
 */
export async function openContext(browser: Browser, origin: string, alsoAllowed: string[] = []): Promise<Watched> {
  const context = await browser.newContext({ acceptDownloads: true, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', viewport: { width: 1280, height: 900 } });
  const requests: string[] = [];
  const problems: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    return [origin, ...alsoAllowed].some((o) => url.startsWith(`${o}/`)) ? route.continue() : route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  // Requests that routing may not see (workers in some Chromium versions) are still recorded.
  page.on('request', (req) => {
    if (!requests.includes(req.url())) requests.push(req.url());
  });
  return { context, page, requests, problems };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(ARTEFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2.1 A and AA) in the page and returns its serious and critical
 * violations, each as one readable line. axe is evaluated through the DevTools protocol: the
 * hub's CSP allows no inline script, so a <script> tag with its source would be refused.
 */
export async function seriousViolations(page: Page, exclude: string[] = []): Promise<string[]> {
  const loaded = await page.evaluate('typeof window.axe === "object"');
  if (!loaded) await page.evaluate(`${AXE_SOURCE}\n;void 0`);
  const violations = (await page.evaluate(
    `axe.run({ exclude: ${JSON.stringify(exclude.map((s) => [s]))} }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`,
  )) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
}
