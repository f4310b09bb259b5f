import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
// autocannon ships no types; bench/autocannon.d.ts declares the part used here.
import autocannon from 'autocannon';

/**
 * Load generation with autocannon (and, for the overload scenario, clients that honour
 * Retry-After), run in the orchestrator's process — never in a process under test, so the load
 * generator does not steal the server's event loop. Latencies are recorded per response
 * (autocannon's own summary has no p95), and apart for 2xx and 503 answers.
 */

interface LoadOptions {
  url: string;
  headers: Record<string, string>;
  /** Body of the next request; called once per request, so each can differ. */
  body: () => string;
  connections: number;
  /** Seconds to run; or `amount` requests. */
  durationS?: number;
  amount?: number;
  /** Process whose RSS is sampled during the run (/proc/<pid>/status). */
  pid?: number;
  /** Seconds before autocannon gives up on a response and counts a time-out. @defaultValue 30 */
  timeoutS?: number;
}

/** Latencies of the responses of one kind (e.g. 2xx only), in ms. */
export interface LatencyOf {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Highest RSS of `pid` seen during the run, in bytes (0 when not sampled). */
  peakRssBytes: number;
  /** Responses by HTTP status. */
  statuses: Record<number, number>;
  /**
   * 2xx responses alone, and 503 responses alone: a refusal for load is answered at once, so
   * counting it among the answers would flatter every latency figure.
   */
  accepted: LatencyOf;
  shed: LatencyOf;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const accepted: number[] = [];
  const shed: number[] = [];
  const statuses: Record<number, number> = {};
  let peakRss = 0;
  const sample = () => {
    if (options.pid) peakRss = Math.max(peakRss, rssOf(options.pid));
  };
  const sampler = options.pid ? setInterval(sample, 200) : undefined;
  sample();
  const started = performance.now();
  try {
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: options.url,
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', ...options.headers },
          connections: options.connections,
          pipelining: 1,
          timeout: options.timeoutS ?? 30,
          ...(options.amount ? { amount: options.amount } : { duration: options.durationS ?? 10 }),
          requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, body: options.body() }) }],
        },
        (err: Error | null, res: autocannon.Result) => (err ? reject(err) : resolve(res)),
      );
      instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
        latencies.push(ms);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status >= 200 && status < 300) accepted.push(ms);
        else if (status === 503) shed.push(ms);
      });
    });
    sample();
    return {
      ...overall(latencies, (performance.now() - started) / 1000),
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      peakRssBytes: peakRss,
      statuses,
      accepted: latencyOf(accepted),
      shed: latencyOf(shed),
    };
  } finally {
    if (sampler) clearInterval(sampler);
  }
}

/** Every answer's latencies over a run of `seconds`: count, rate, percentiles and mean. */
function overall(latencies: number[], seconds: number): Pick<LoadResult, 'requests' | 'seconds' | 'rps' | 'p50' | 'p95' | 'p99' | 'mean'> {
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    mean: latencies.reduce((sum, v) => sum + v, 0) / Math.max(1, latencies.length),
  };
}

function latencyOf(values: number[]): LatencyOf {
  values.sort((a, b) => a - b);
  return { count: values.length, p50: percentile(values, 0.5), p95: percentile(values, 0.95), p99: percentile(values, 0.99), max: values.at(-1) ?? NaN };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 0.5);
}

/** Current resident set size of a process, in bytes (Linux). */
function rssOf(pid: number): number {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * `connections` clients that do as a refused client should: each sends one request at a time over
 * a pool of kept-alive connections (one per client), and after a 503 or 429 waits the Retry-After the server named
 * before it asks again. autocannon cannot wait; it asks again at once. Requests still out when the
 * time is up are waited for (each at most `timeoutS`), so the client has seen every answer the
 * server gave.
 */
export async function runPoliteLoad(options: Omit<LoadOptions, 'amount'> & { durationS: number }): Promise<LoadResult> {
  const url = new URL(options.url);
  const timeoutMs = (options.timeoutS ?? 30) * 1000;
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  const accepted: number[] = [];
  const shed: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  let timeouts = 0;
  let peakRss = 0;
  const sample = () => {
    if (options.pid) peakRss = Math.max(peakRss, rssOf(options.pid));
  };
  const sampler = options.pid ? setInterval(sample, 200) : undefined;
  const started = performance.now();
  const deadline = started + options.durationS * 1000;
  const once = () =>
    new Promise<{ status: number; retryAfterS: number } | 'timeout' | 'error'>((resolve) => {
      const body = options.body();
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', accept: 'application/json', 'content-length': Buffer.byteLength(body), ...options.headers },
        },
        (res) => {
          res.resume();
          res.once('end', () => resolve({ status: res.statusCode ?? 0, retryAfterS: Number(res.headers['retry-after']) || 0 }));
          res.once('error', () => resolve('error'));
        },
      );
      req.setTimeout(timeoutMs, () => {
        req.destroy();
        resolve('timeout');
      });
      req.once('error', () => resolve('error'));
      req.end(body);
    });
  const client = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      const answer = await once();
      const ms = performance.now() - t0;
      if (answer === 'timeout') timeouts++;
      else if (answer === 'error') errors++;
      else {
        latencies.push(ms);
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        if (answer.status >= 200 && answer.status < 300) accepted.push(ms);
        else if (answer.status === 503) shed.push(ms);
        // Waits past the deadline are cut short: the run is over.
        if ((answer.status === 503 || answer.status === 429) && answer.retryAfterS > 0) await new Promise((r) => setTimeout(r, Math.max(0, Math.min(answer.retryAfterS * 1000, deadline - performance.now()))));
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: options.connections }, client));
    sample();
    return {
      ...overall(latencies, (performance.now() - started) / 1000),
      non2xx: latencies.length - accepted.length,
      errors,
      timeouts,
      peakRssBytes: peakRss,
      statuses,
      accepted: latencyOf(accepted),
      shed: latencyOf(shed),
    };
  } finally {
    if (sampler) clearInterval(sampler);
    agent.destroy();
  }
}
