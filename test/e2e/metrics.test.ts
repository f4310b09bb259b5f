import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestHub, type TestHub } from '../support/hub';
import { familyOf, parseScrape, type Scrape } from '../support/metrics';

/**
 * GET /metrics on the hub's metrics listener, scraped before and after requests through the real
 * gateway: the counters move with the right labels, nothing personal is in the scrape, and every
 * metric the Grafana dashboard in deploy/ queries is there.
 */
const METRICS_TOKEN = 'metrics-token-for-tests-7f3a9c2e41b8d605';
const WMO_QUERY = `query WmoOverzicht { persoon(burgerservicenummer: "999990019") { naam { volledigeNaam } wmo { voorzieningen { productCategorie } } } }`;
/** A client may put anything in an operation name, a BSN too: it must never become a label. */
const BSN_NAMED = `query Dossier_999990019 { persoon(burgerservicenummer: "999990019") { naam { volledigeNaam } } }`;
const TOO_COMPLEX = `query Breed { ${Array.from({ length: 3000 }, (_, i) => `a${i}: __typename`).join(' ')} }`;

describe('/metrics', () => {
  let t: TestHub;
  let metricsUrl: string;
  const scrape = async (): Promise<Scrape> => {
    const res = await fetch(metricsUrl, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parseScrape(await res.text());
  };

  beforeAll(async () => {
    // A partner gets 3 requests a window: the fourth is RATE_LIMITED.
    t = await startTestHub({ env: { METRICS_PORT: '0', METRICS_TOKEN, RATE_LIMITS: 'default=1000000,partner=3,anonymous=1000000' } });
    metricsUrl = t.hub.gateway.metricsUrl!;
  });
  afterAll(() => t?.close());

  it('answers only GET /metrics with the token, on its own listener, not on the public port', async () => {
    expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(new URL(metricsUrl).port).not.toBe(String(t.hub.gateway.port));
    expect((await fetch(metricsUrl)).status).toBe(401);
    expect((await fetch(metricsUrl, { headers: { authorization: `Bearer ${METRICS_TOKEN}x` } })).status).toBe(401);
    expect((await fetch(new URL('/other', metricsUrl), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(404);
    expect((await fetch(new URL('/metrics', t.hub.url))).status).toBe(404);
  });

  it('counts requests by operation, status and role, refusals by code, and times subgraph fetches and audit writes', async () => {
    const before = await scrape();
    const wmo = await t.query('wmo-consulent', 'WMO_ONDERSTEUNING', WMO_QUERY);
    expect(wmo.errors).toBeUndefined();
    const named = await t.query('wmo-consulent', 'WMO_ONDERSTEUNING', BSN_NAMED);
    expect(named.errors).toBeUndefined();
    const complex = await t.post({ query: TOO_COMPLEX }, { authorization: `Bearer ${await t.token('wmo-consulent')}`, 'x-purpose': 'WMO_ONDERSTEUNING' });
    expect(complex.status).toBe(400);
    expect(complex.body.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const anonymous = await t.post({ query: WMO_QUERY });
    expect(anonymous.status).toBe(401);
    const partner = { authorization: `Bearer ${await t.token('partner', 'mee')}`, 'x-purpose': 'INTEGRALE_AANPAK' };
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await t.post({ query: 'query PartnerProbe { __typename }' }, partner)).status);
    expect(statuses[3]).toBe(429);
    const after = await scrape();

    const delta = (name: string, labels: Record<string, string>) => after.value(name, labels) - before.value(name, labels);
    expect(delta('ontschot_http_requests_total', { route: '/graphql', operation: 'WmoOverzicht', status: '200', role: 'wmo-consulent' })).toBe(1);
    // The BSN-carrying name is counted, as `other`.
    expect(delta('ontschot_http_requests_total', { route: '/graphql', operation: 'other', status: '200', role: 'wmo-consulent' })).toBe(1);
    // A document refused by the checks has no operation label: its name never passed them.
    expect(delta('ontschot_http_requests_total', { route: '/graphql', operation: 'none', status: '400', role: 'wmo-consulent' })).toBe(1);
    expect(delta('ontschot_http_requests_total', { route: '/graphql', operation: 'none', status: '401', role: 'none' })).toBe(1);
    expect(delta('ontschot_http_requests_total', { route: '/graphql', operation: 'none', status: '429', role: 'partner' })).toBe(1);
    expect(delta('ontschot_http_request_duration_seconds_count', { route: '/graphql', operation: 'WmoOverzicht' })).toBe(1);
    expect(delta('ontschot_refusals_total', { code: 'QUERY_TOO_COMPLEX' })).toBe(1);
    expect(delta('ontschot_refusals_total', { code: 'UNAUTHENTICATED' })).toBe(1);
    expect(delta('ontschot_refusals_total', { code: 'RATE_LIMITED' })).toBe(1);
    expect(delta('ontschot_subgraph_fetch_duration_seconds_count', { subgraph: 'brp' })).toBe(2);
    expect(delta('ontschot_subgraph_fetch_duration_seconds_count', { subgraph: 'wmo' })).toBe(1);
    expect(delta('ontschot_subgraph_fetch_errors_total', { subgraph: 'brp' })).toBe(0);
    // The request records of the gateway and the subgraphs' records: each append is timed.
    expect(delta('ontschot_audit_write_duration_seconds_count', {})).toBeGreaterThanOrEqual(4);
    expect(after.value('ontschot_audit_write_failures_total')).toBe(0);
  });

  it('reads sync lag, last success, queue counts and the audit backlog at scrape time, and has the process defaults', async () => {
    const s = await scrape();
    for (const source of ['BRP', 'GWS', 'JEUGD', 'LAS']) {
      const at = s.value('ontschot_sync_last_success_timestamp_seconds', { source });
      expect(at * 1000).toBeGreaterThan(Date.now() - 10 * 60_000);
      expect(at * 1000).toBeLessThanOrEqual(Date.now() + 1000);
      expect(s.samples.some((x) => x.name === 'ontschot_sync_lag_seconds' && x.labels.source === source && x.value >= 0 && x.value < 600)).toBe(true);
    }
    for (const queue of ['sync-full', 'sync-changes', 'sync-gws-lk01']) {
      for (const state of ['waiting', 'active', 'delayed', 'failed']) expect(s.samples.some((x) => x.name === 'ontschot_queue_jobs' && x.labels.queue === queue && x.labels.state === state)).toBe(true);
    }
    expect(s.samples.some((x) => x.name === 'ontschot_audit_backlog_records')).toBe(true);
    // The full sync ran its jobs in this process.
    expect(s.value('ontschot_sync_jobs_total', { job: 'full-gws', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    for (const name of ['nodejs_eventloop_lag_seconds', 'nodejs_eventloop_lag_p99_seconds', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes']) {
      expect(s.families.has(name)).toBe(true);
    }
  });

  it('holds no BSN or name: only codes, routes, roles and bounded operation names', async () => {
    const s = await scrape();
    const bsns = new Set(t.hub.municipality!.inhabitants.map((p) => p.bsn));
    for (const sample of s.samples) {
      for (const v of Object.values(sample.labels)) expect(bsns.has(v) || /[0-9]{9}/.test(v)).toBe(false);
    }
    // Test BSNs are 9999xxxxx; as a number of its own, not within a byte count or a timestamp.
    expect(s.text).not.toMatch(/(?<![0-9.])9999[0-9]{5}(?![0-9])/);
    const ops = new Set(s.samples.filter((x) => x.name === 'ontschot_http_requests_total').map((x) => x.labels.operation));
    for (const op of ops) expect(op).toMatch(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/);
    const familyNames = t.hub.municipality!.inhabitants.slice(0, 200).map((p) => p.geslachtsnaam).filter((n) => n.length > 3);
    for (const n of familyNames) expect(s.text.includes(`"${n}"`)).toBe(false);
  });

  it('has every metric the Grafana dashboard queries, with the labels it groups by', async () => {
    const dashboard = JSON.parse(readFileSync(join(__dirname, '..', '..', 'deploy', 'grafana', 'ontschot.json'), 'utf8')) as { panels: Array<{ title: string; targets?: Array<{ expr: string }> }> };
    const s = await scrape();
    const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((x) => ({ panel: p.title, expr: x.expr })));
    expect(exprs.length).toBeGreaterThanOrEqual(10);
    const labelsOf = (family: string) => new Set(s.samples.filter((x) => familyOf(x.name, s.families) === family).flatMap((x) => Object.keys(x.labels)));
    const queried = new Set<string>();
    for (const { panel, expr } of exprs) {
      // Label matchers and ranges hold no metric names; what is left, not a function call, is one.
      const bare = expr.replace(/\{[^}]*\}/g, '').replace(/\[[^\]]*\]/g, '');
      const names = [...bare.matchAll(/\b([a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()/g)].map((m) => m[1]).filter((n) => /^(ontschot|nodejs|process)_/.test(n));
      expect({ panel, names: names.length > 0 }).toEqual({ panel, names: true });
      for (const name of names) {
        const family = familyOf(name, s.families);
        expect({ panel, name, family }).toEqual({ panel, name, family: expect.any(String) });
        queried.add(family!);
        // A family without samples yet (no sync failure so far) has no labels to check.
        const labels = labelsOf(family!);
        if (labels.size === 0) continue;
        for (const [, group] of expr.matchAll(/\b(?:by|without)\s*\(([^)]*)\)/g)) {
          for (const label of group.split(',').map((l) => l.trim()).filter((l) => l && l !== 'le')) expect({ panel, name, label, present: labels.has(label) }).toEqual({ panel, name, label, present: true });
        }
      }
    }
    // Every metric of the hub's own is on the dashboard.
    const own = [...s.families.keys()].filter((n) => n.startsWith('ontschot_'));
    expect(own.filter((n) => !queried.has(n))).toEqual([]);
  });
});
