import { timingSafeEqual, createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The hub's Prometheus metrics (`GET /metrics` on a listener of its own, see startMetricsServer).
 *
 * No label ever carries personal data: labels are codes, route patterns, subgraph, source and
 * queue names, roles (a fixed set) and operation names, which come from clients and therefore
 * pass `OperationLabels` first (only documents that passed the checks, a safe character set, no
 * run of digits that could be a BSN, and a bounded number of distinct names).
 *
 * One registry per process: a process is one hub in production, and the per-request code reaches
 * its counters without anything being passed around. Per request the label children are looked
 * up in caches, so a request allocates no label object.
 */
export const registry = new Registry();
// Process defaults (CPU, memory, handles, GC) and the event-loop lag, sampled by
// monitorEventLoopDelay in the background rather than per request.
collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });

/** Few buckets: every bucket is one more series per label set, and per request one more comparison. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];
const AUDIT_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5];

const httpRequests = new Counter({
  name: 'ontschot_http_requests_total',
  help: 'Requests to the guarded routes of the gateway (POST /graphql, the LDV read API) by route, operation name, HTTP status and role',
  labelNames: ['route', 'operation', 'status', 'role'] as const,
  registers: [registry],
});
const httpDuration = new Histogram({
  name: 'ontschot_http_request_duration_seconds',
  help: 'Time from the request arriving to the answer being sent, per route and operation name',
  labelNames: ['route', 'operation'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});
const refusals = new Counter({
  name: 'ontschot_refusals_total',
  help: 'Refusals the gateway answered in its one error shape, by error code (RATE_LIMITED, QUERY_TOO_COMPLEX, SERVICE_OVERLOADED, UNAUTHENTICATED, …)',
  labelNames: ['code'] as const,
  registers: [registry],
});
const subgraphFetch = new Histogram({
  name: 'ontschot_subgraph_fetch_duration_seconds',
  help: 'Time of one gateway fetch from a subgraph until its response headers arrived (a subgraph in the same process: until its answer), per subgraph',
  labelNames: ['subgraph'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});
const subgraphFetchErrors = new Counter({
  name: 'ontschot_subgraph_fetch_errors_total',
  help: 'Gateway fetches from a subgraph that got no response (connection refused, reset, no context)',
  labelNames: ['subgraph'] as const,
  registers: [registry],
});
const auditWrite = new Histogram({
  name: 'ontschot_audit_write_duration_seconds',
  help: 'Time an audit append waits until its records are committed (group commit included): what each answer waits for',
  buckets: AUDIT_BUCKETS,
  registers: [registry],
});
const auditWriteFailures = new Counter({
  name: 'ontschot_audit_write_failures_total',
  help: 'Audit appends that were not confirmed written (refused or timed out); each made its answer SOURCE_UNAVAILABLE',
  registers: [registry],
});
const auditBacklog = new Gauge({
  name: 'ontschot_audit_backlog_records',
  help: 'Audit records queued for the next group commit (not yet in a statement)',
  registers: [registry],
});
const syncLag = new Gauge({
  name: 'ontschot_sync_lag_seconds',
  help: 'Seconds since a sync job last reached the source and committed (sync_state.last_reached_at), by the hub clock',
  labelNames: ['source'] as const,
  registers: [registry],
});
const syncLastSuccess = new Gauge({
  name: 'ontschot_sync_last_success_timestamp_seconds',
  help: 'When a sync job last reached the source and committed (Unix time)',
  labelNames: ['source'] as const,
  registers: [registry],
});
const syncLastError = new Gauge({
  name: 'ontschot_sync_last_error_timestamp_seconds',
  help: 'When the last sync job for the source failed (Unix time); absent when none did',
  labelNames: ['source'] as const,
  registers: [registry],
});
const syncJobs = new Counter({
  name: 'ontschot_sync_jobs_total',
  help: 'Sync job attempts run in this process, by job name and outcome (ok, failed: BullMQ may retry it)',
  labelNames: ['job', 'outcome'] as const,
  registers: [registry],
});
const queueJobs = new Gauge({
  name: 'ontschot_queue_jobs',
  help: 'BullMQ jobs per queue and state (waiting, active, delayed, failed), read at scrape time',
  labelNames: ['queue', 'state'] as const,
  registers: [registry],
});
const scrapeErrors = new Counter({
  name: 'ontschot_metrics_source_errors_total',
  help: 'Scrape-time sources (sync_state, BullMQ counts, audit backlog) that failed or timed out; their gauges are left out of that scrape',
  labelNames: ['source'] as const,
  registers: [registry],
});

/** The label of a request that has no value for it (no operation chosen, no authenticated role). */
export const NONE = 'none';
/** The label of every operation name past the cap, or not safe to show. */
export const OTHER = 'other';

/**
 * Operation names as labels. A name is a client's choice: it becomes a label only when it is a
 * GraphQL name of at most 64 characters without a run of four or more digits (a BSN, a date, a
 * postcode has one), and only while fewer than `max` distinct names have been seen; anything else
 * counts as `other`. Callers pass only names of documents that passed the gateway's checks.
 */
export class OperationLabels {
  private readonly seen = new Set<string>();
  constructor(private readonly max = 100) {}

  label(name: string | null | undefined): string {
    if (!name) return NONE;
    if (this.seen.has(name)) return name;
    if (this.seen.size >= this.max || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name) || /[0-9]{4}/.test(name)) return OTHER;
    this.seen.add(name);
    return name;
  }
}

/** A cache of label children by a key made of label values, so that a request finds its child without hashing a label object. */
class Children<T> {
  private readonly map = new Map<string, T>();
  constructor(private readonly make: (values: string[]) => T) {}
  get(key: string, values: () => string[]): T {
    let child = this.map.get(key);
    if (!child) this.map.set(key, (child = this.make(values())));
    return child;
  }
}

const requestChildren = new Children((v) => httpRequests.labels(...v));
const durationChildren = new Children((v) => httpDuration.labels(...v));
const refusalChildren = new Children((v) => refusals.labels(...v));
const fetchChildren = new Children((v) => subgraphFetch.labels(...v));

/** The role label of a caller: its role when it has one (a fixed set), its roles joined when several, `none` before authentication. */
export function roleLabel(roles: readonly string[] | undefined): string {
  if (!roles || roles.length === 0) return NONE;
  return roles.length === 1 ? roles[0] : [...roles].sort().join('+');
}

/** One answered request on a guarded route. `route` is the route's pattern, never the URL. */
export function observeRequest(route: string, operation: string, status: number, role: string, seconds: number): void {
  requestChildren.get(`${route}\0${operation}\0${status}\0${role}`, () => [route, operation, String(status), role]).inc();
  durationChildren.get(`${route}\0${operation}`, () => [route, operation]).observe(seconds);
}

/** One refusal in the gateway's error shape. `code` is one of the hub's own error codes. */
export function countRefusal(code: string): void {
  refusalChildren.get(code, () => [code]).inc();
}

/** One subgraph fetch that got a response after `seconds`, or none (`failed`). */
export function observeSubgraphFetch(subgraph: string, seconds: number, failed: boolean): void {
  if (failed) subgraphFetchErrors.labels(subgraph).inc();
  else fetchChildren.get(subgraph, () => [subgraph]).observe(seconds);
}

/** One audit append: how long it waited for its commit, and whether it was confirmed. */
export function observeAuditWrite(seconds: number, ok: boolean): void {
  if (ok) auditWrite.observe(seconds);
  else auditWriteFailures.inc();
}

/** One sync job attempt. `job` is the BullMQ job name (a fixed set in sync/service.ts). */
export function countSyncJob(job: string, ok: boolean): void {
  syncJobs.labels(job, ok ? 'ok' : 'failed').inc();
}

/** What a hub tells the scrape about its state; each part is optional (a gateway run apart has no queues). */
export interface MetricsSource {
  /** Audit records queued in this process. */
  auditBacklog?: () => number;
  /** sync_state per source, as /readyz reads it. */
  syncState?: () => Promise<Array<{ source: string; lastReachedAt: string | null; lastErrorAt: string | null }>>;
  /** Job counts per BullMQ queue and state. */
  queueCounts?: () => Promise<Record<string, Record<string, number>>>;
  /** The hub's clock, the one sync stamps its times with. @defaultValue () => new Date() */
  clock?: () => Date;
}

const sources = new Set<MetricsSource>();

/** Adds what a hub reads at scrape time; returns the function that removes it again (on close). */
export function addMetricsSource(source: MetricsSource): () => Promise<void> {
  sources.add(source);
  return async () => void sources.delete(source);
}

/** Scrape-time reads may not hold a scrape past this: Prometheus's own timeout is 10 s by default. */
const SOURCE_TIMEOUT_MS = 2000;

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Reads every source into the gauges. A failing source leaves its gauges empty for this scrape and counts an error. */
async function collectSources(): Promise<void> {
  auditBacklog.reset();
  syncLag.reset();
  syncLastSuccess.reset();
  syncLastError.reset();
  queueJobs.reset();
  let backlog = 0;
  const reads: Array<Promise<void>> = [];
  for (const source of sources) {
    if (source.auditBacklog) backlog += source.auditBacklog();
    const now = (source.clock ?? (() => new Date()))().getTime();
    if (source.syncState) {
      reads.push(
        within(source.syncState(), SOURCE_TIMEOUT_MS).then(
          (rows) => {
            for (const row of rows) {
              if (row.lastReachedAt) {
                const at = Date.parse(row.lastReachedAt);
                syncLastSuccess.labels(row.source).set(at / 1000);
                syncLag.labels(row.source).set(Math.max(0, now - at) / 1000);
              }
              if (row.lastErrorAt) syncLastError.labels(row.source).set(Date.parse(row.lastErrorAt) / 1000);
            }
          },
          () => scrapeErrors.labels('sync_state').inc(),
        ),
      );
    }
    if (source.queueCounts) {
      reads.push(
        within(source.queueCounts(), SOURCE_TIMEOUT_MS).then(
          (queues) => {
            for (const [queue, counts] of Object.entries(queues)) for (const [state, n] of Object.entries(counts)) queueJobs.labels(queue, state).set(n);
          },
          () => scrapeErrors.labels('queues').inc(),
        ),
      );
    }
  }
  auditBacklog.set(backlog);
  await Promise.all(reads);
}

/** The exposition text of every metric, sources read now. */
export async function scrape(): Promise<string> {
  await collectSources();
  return registry.metrics();
}

export interface MetricsServerOptions {
  port: number;
  host: string;
  /** When set, a scrape must send `Authorization: Bearer <token>`. */
  token?: string;
}

export interface RunningMetricsServer {
  url: string;
  close(): Promise<void>;
}

/**
 * `GET /metrics` on a listener of its own: not on the gateway's public port, so it is not a way
 * in for callers (bound to 127.0.0.1 by default; lib/config.ts requires METRICS_TOKEN on any
 * other address), and outside the edge's load shedding and rate limits, so an operator sees the
 * hub most when it is busiest. It holds no personal data.
 */
export async function startMetricsServer(options: MetricsServerOptions): Promise<RunningMetricsServer> {
  // Compared as digests of equal length, in constant time.
  const expected = options.token ? createHash('sha256').update(`Bearer ${options.token}`).digest() : null;
  const server: Server = createServer((req, res) => {
    const path = req.url?.split('?', 1)[0];
    if (path !== '/metrics') return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: GET /metrics\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET', 'content-type': 'text/plain' }).end('expected GET\n');
    if (expected && !timingSafeEqual(createHash('sha256').update(req.headers.authorization ?? '').digest(), expected)) {
      return void res.writeHead(401, { 'www-authenticate': 'Bearer realm="ontschot-metrics"', 'content-type': 'text/plain' }).end('expected Authorization: Bearer <METRICS_TOKEN>\n');
    }
    scrape().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(req.method === 'HEAD' ? undefined : text),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics could not be collected\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${port}/metrics`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()).closeAllConnections()),
  };
}
