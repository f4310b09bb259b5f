import { BENCH_ID_KEY, BENCH_KENNISGEVING_KEY } from './env';
import { loadavg } from 'node:os';
import { runLoad, type LoadResult } from './load';
import type { BenchChild } from './rpc';
import { summarize, type PerRequest, type VariantSummary } from './summary';

/** For `run.ts` and `report.ts`: who is measured, and how. */

export interface StandInsInfo {
  brpUrl: string;
  gwsUrl: string;
  jeugdUrl: string;
  lasDir: string;
  built: Record<string, string[]>;
  inhabitants: number;
  /** A Wmo client with an open-ended voorziening: the query that proves a start answers asks for it. */
  probeBsn: string;
  sourceRecords: number;
}
export interface HubInfo {
  url: string;
  subgraphUrls: Record<string, string>;
  /** The first full sync, before the hub was ready; NaN on a restart (see `catchUp`). */
  syncSeconds: number;
  startSeconds: number;
  /** Started on the state of an earlier run: serving at once, a catch-up full sync behind. */
  catchUp: boolean;
  /** The load shedding A runs with (SHED_*). */
  shedding: { maxInFlight: number; maxEventLoopDelayMs: number; retryAfterS: number };
}
export interface PlainInfo {
  url: string | null;
  subgraphUrls: Record<string, string>;
}
/** What the child's `gc` command reads after a full collection (bench/child.ts). */
export interface GcReading {
  /** RSS one second after the collection, when V8 has handed back the pages it freed. */
  rssBytes: number;
  /** RSS read at once after the collection. */
  rssAtOnceBytes: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  externalBytes: number;
  arrayBuffersBytes: number;
}

export interface Stats {
  reads: number;
  writes: number;
  fetches: number;
  connections: number;
  requests: number;
  inFlight: number;
  /** Answers at the entry by HTTP status, as the server decided them (bench/child.ts). */
  statuses: Record<number, number>;
  /** Requests at the entry not yet given a status. */
  undecided: number;
  /** Event-loop delay since the last reset beyond the 10 ms sampling, in ms (A only; null elsewhere). */
  loopDelayMs: { mean: number; p99: number; max: number } | null;
  writeMs: number;
  cpuMicros: number;
  rssBytes: number;
  heapUsedBytes: number;
}

/** 'A', 'B', 'C' or 'D' (see bench/README.md). */
export type Variant = string;

export interface Target {
  variant: Variant;
  child: BenchChild<unknown>;
  url: string;
  headers: Record<string, string>;
  body: () => string;
}

/**
 * Warm-up for every target, then `runs` rounds; each round measures every target once, in a
 * rotating order, so drift on the machine (Postgres checkpoints, thermal) hits all alike.
 */
export interface Measure {
  connections: number;
  warmupS: number;
  durationS: number;
  runs: number;
}

export async function measureScenario(
  targets: Target[],
  m: Measure,
  around: (target: Target, run: () => Promise<LoadResult>) => Promise<LoadResult> = (_t, run) => run(),
): Promise<Record<Variant, VariantSummary>> {
  for (const t of targets) await runLoad({ url: t.url, headers: t.headers, body: t.body, connections: m.connections, durationS: m.warmupS });
  const zero = (): PerRequest => ({ reads: 0, writes: 0, fetches: 0, connections: 0, cpuMs: 0, writeMs: 0 });
  const acc = new Map<Target, { runs: LoadResult[]; counters: PerRequest; peak: number; served: number }>(targets.map((t) => [t, { runs: [], counters: zero(), peak: 0, served: 0 }]));
  for (let round = 0; round < m.runs; round++) {
    const order = targets.map((_t, i) => targets[(i + round) % targets.length]);
    for (const t of order) {
      const a = acc.get(t)!;
      loadSamples.push(loadavg()[0]);
      await t.child.call('reset');
      const result = await around(t, () => runLoad({ url: t.url, headers: t.headers, body: t.body, connections: m.connections, durationS: m.durationS, pid: t.child.pid }));
      const stats = await settled(t.child);
      a.runs.push(result);
      a.served += stats.requests;
      a.peak = Math.max(a.peak, result.peakRssBytes);
      for (const k of ['reads', 'writes', 'fetches', 'connections', 'writeMs'] as const) a.counters[k] += stats[k];
      a.counters.cpuMs += stats.cpuMicros / 1000;
    }
  }
  const out: Record<Variant, VariantSummary> = {};
  for (const [t, a] of acc) {
    const requests = a.served || 1;
    const c = a.counters;
    out[t.variant] = summarize(
      a.runs,
      {
        reads: c.reads / requests,
        writes: c.writes / requests,
        fetches: c.fetches / requests,
        connections: c.connections / requests,
        cpuMs: c.cpuMs / requests,
        // Mean time of one write statement, not per request.
        writeMs: c.writes ? c.writeMs / c.writes : 0,
      },
      a.peak,
    );
  }
  return out;
}

/**
 * The server's counters once it has answered every request it received: requests autocannon
 * dropped at the end of a run are still served, and their queries must not count for nothing.
 */
export async function settled(child: BenchChild<unknown>): Promise<Stats> {
  let stats = await child.call<Stats>('stats');
  for (let i = 0; i < 200 && stats.inFlight > 0; i++) {
    await new Promise((r) => setTimeout(r, 25));
    stats = await child.call<Stats>('stats');
  }
  // A request whose client left is closed at once but may still be resolving: let it finish.
  await new Promise((r) => setTimeout(r, 100));
  return child.call<Stats>('stats');
}

/** 1-minute load averages seen at the start of each measured run: other work on the machine. */
export const loadSamples: number[] = [];


/**
 * The rate limits A runs with in the bench. A limit is per caller, and each load run is one
 * caller (one token) sending hundreds of requests a second: the shipped 1200 a minute would
 * answer most of a run with 429 and measure the limit instead of the hub. Load shedding is left
 * as shipped: it is about the process, not the caller.
 */
export const BENCH_RATE_LIMITS = 'default=100000000,partner=100000000,anonymous=100000000';

/** Load shedding for A other than shipped (`--shed-in-flight`, `--shed-loop-delay`): for finding a deployment's bound. */
export interface ShedOverride {
  maxInFlight?: number;
  maxEventLoopDelayMs?: number;
}

/** The environment `startHub` gets in the bench: the stand-ins as external back offices, fixed ports. */
export function hubEnv(options: { databaseUrl: string; redisUrl: string; dataDir: string; basePort: number; subgraphs: number; inhabitants: number; standIns: StandInsInfo; shed?: ShedOverride }): {
  env: Record<string, string>;
  kennisgevingUrl: string;
} {
  const { basePort: base, subgraphs, standIns } = options;
  const kennisgevingPort = base + subgraphs + 1;
  return {
    env: {
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redisUrl,
      DATA_DIR: options.dataDir,
      ID_KEY: BENCH_ID_KEY,
      STUF_KENNISGEVING_KEY: BENCH_KENNISGEVING_KEY,
      HOST: '127.0.0.1',
      PORT: String(base),
      SUBGRAPH_BASE_PORT: String(base + 1),
      STUF_KENNISGEVING_PORT: String(kennisgevingPort),
      INHABITANTS: String(options.inhabitants),
      BRP_API_URL: standIns.brpUrl,
      GWS_STUF_URL: standIns.gwsUrl,
      JEUGD_FEED_URL: standIns.jeugdUrl,
      LAS_EXPORT_DIR: standIns.lasDir,
      RATE_LIMITS: BENCH_RATE_LIMITS,
      ...(options.shed?.maxInFlight !== undefined ? { SHED_MAX_IN_FLIGHT: String(options.shed.maxInFlight) } : {}),
      ...(options.shed?.maxEventLoopDelayMs !== undefined ? { SHED_MAX_EVENT_LOOP_DELAY_MS: String(options.shed.maxEventLoopDelayMs) } : {}),
    },
    kennisgevingUrl: `http://127.0.0.1:${kennisgevingPort}/stuf/kennisgevingen`,
  };
}
