import { median, type LoadResult } from './load';

/** What one server process did per request during the measured runs of one scenario. */
export interface PerRequest {
  reads: number;
  writes: number;
  fetches: number;
  connections: number;
  /** CPU time of the whole server process per request, in ms (robust to other load on the machine). */
  cpuMs: number;
  /** Mean duration of one write statement on a dedicated pool (in A: an audit group commit), in ms. */
  writeMs: number;
}

/** A variant in one scenario: medians of the measured runs, their spread, and the counters. */
export interface VariantSummary {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** (max − min) / median of the runs, in percent. */
  spread: { rps: number; p50: number; p95: number; p99: number };
  runs: Array<Pick<LoadResult, 'rps' | 'p50' | 'p95' | 'p99' | 'requests'>>;
  peakRssMb: number;
  perRequest: PerRequest;
  /** Non-2xx answers, socket errors and timeouts over all measured runs. */
  failed: number;
  /** Of the non-2xx answers: refused for load (503) and for rate (429), over all measured runs. */
  refused: { shed: number; limited: number };
}

export function summarize(runs: LoadResult[], counters: PerRequest, peakRssBytes: number): VariantSummary {
  const pick = (k: 'rps' | 'p50' | 'p95' | 'p99') => runs.map((r) => r[k]);
  const spread = (k: 'rps' | 'p50' | 'p95' | 'p99') => {
    const v = pick(k);
    const m = median(v);
    return m > 0 ? ((Math.max(...v) - Math.min(...v)) / m) * 100 : 0;
  };
  return {
    rps: median(pick('rps')),
    p50: median(pick('p50')),
    p95: median(pick('p95')),
    p99: median(pick('p99')),
    spread: { rps: spread('rps'), p50: spread('p50'), p95: spread('p95'), p99: spread('p99') },
    runs: runs.map(({ rps, p50, p95, p99, requests }) => ({ rps, p50, p95, p99, requests })),
    peakRssMb: peakRssBytes / (1024 * 1024),
    perRequest: counters,
    failed: runs.reduce((s, r) => s + r.non2xx + r.errors + r.timeouts, 0),
    refused: { shed: runs.reduce((s, r) => s + (r.statuses[503] ?? 0), 0), limited: runs.reduce((s, r) => s + (r.statuses[429] ?? 0), 0) },
  };
}
