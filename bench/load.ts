import { readFileSync } from 'node:fs';
// autocannon ships no types; bench/autocannon.d.ts declares the part used here.
import autocannon from 'autocannon';

/**
 * Load generation with autocannon, run in the orchestrator's process — never in a process under
 * test, so the load generator does not steal the server's event loop. Latencies are recorded
 * per response (autocannon's own summary has no p95).
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
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
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
          timeout: 30,
          ...(options.amount ? { amount: options.amount } : { duration: options.durationS ?? 10 }),
          requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, body: options.body() }) }],
        },
        (err: Error | null, res: autocannon.Result) => (err ? reject(err) : resolve(res)),
      );
      instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
        latencies.push(ms);
      });
    });
    sample();
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      requests: latencies.length,
      seconds,
      rps: latencies.length / seconds,
      p50: percentile(latencies, 0.5),
      p95: percentile(latencies, 0.95),
      p99: percentile(latencies, 0.99),
      mean: latencies.reduce((s, v) => s + v, 0) / Math.max(1, latencies.length),
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      peakRssBytes: peakRss,
    };
  } finally {
    if (sampler) clearInterval(sampler);
  }
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
