/**
 * Overload: A asked for more than it can serve, as an operator meets it on a busy morning.
 *
 *   ramp      S1 at 1, 2, 4, … connections, a few seconds each, up and down again: the saturating
 *             connection count is the smallest whose accepted req/s (the mean of its two runs) is
 *             within 5 % of the best, and the unloaded p95 is the one at 1 connection
 *   overload  twice the saturating count for a minute: what A accepts (2xx) must keep its latency
 *             (p95 within twice the unloaded p95), what it refuses must be refused at once (503
 *             with Retry-After), no client may time out, and every accepted request must have its
 *             audit record
 *   flood     many more connections for a short while (the figure an overloaded hub once gave:
 *             200 connections against one process)
 *
 * Load comes from autocannon in the orchestrator, as everywhere in the bench. A refused client
 * asks again at once rather than after Retry-After: the harder case, since the refusals then
 * cost the hub as much as they can.
 */
import { issueDevToken } from '../gateway/auth';
import type { Db } from '../lib/db';
import { runLoad, runPoliteLoad, type LatencyOf, type LoadResult } from './load';
import type { Stats, Target } from './measure';

/** A client waits this long for an answer before it counts a time-out (autocannon's own default). */
export const CLIENT_TIMEOUT_S = 10;
/** The ramp's connection counts. */
export const RAMP = [1, 2, 4, 8, 16, 32] as const;
/** Accepted req/s within this fraction of the best counts as saturated. */
const SATURATED = 0.95;

export interface RampStep {
  connections: number;
  /** 2xx answers per second. */
  acceptedRps: number;
  accepted: LatencyOf;
  shed: number;
  limited: number;
  failed: number;
}

export interface OverloadRun {
  connections: number;
  /** `at-once`: a refused client asks again at once (autocannon); `retry-after`: it waits the Retry-After first. */
  clients: 'at-once' | 'retry-after';
  seconds: number;
  /** The caller's token subject: its VERZOEK records are counted. */
  sub: string;
  acceptedRps: number;
  /** 2xx answers as the client saw them. */
  accepted: LatencyOf;
  /** 503 answers as the client saw them. */
  shed: LatencyOf;
  limited: number;
  /** Answers other than 2xx, 503 and 429. */
  otherStatus: number;
  timeouts: number;
  errors: number;
  /**
   * As the server decided them, including requests whose client autocannon dropped at the end
   * of the run: `accepted` 2xx, `shed` 503, and requests still undecided after the wait.
   */
  server: { accepted: number; shed: number; statuses: Record<number, number>; undecided: number };
  /** The caller's VERZOEK records in the audit log after the run: all, and those with a 2xx status. */
  audit: { records: number; accepted: number };
  /** Event-loop delay in A during the run, beyond the 10 ms sampling. */
  loopDelayMs: { mean: number; p99: number; max: number } | null;
  /** A's CPU time during the run and until it had decided every request, per second of the run, in % of one core. */
  cpuPercent: number;
  /** The load generator's (this process's) CPU time during the run, in % of one core: on 2 cores it shares one with Postgres. */
  clientCpuPercent: number;
}

export interface Overload {
  ramp: RampStep[];
  rampS: number;
  overloadS: number;
  floodS: number;
  saturating: number;
  bestRps: number;
  unloadedP95: number;
  /** A's load shedding in the ramp; `shipped` when no override was given. */
  shedding: { maxInFlight: number; maxEventLoopDelayMs: number; retryAfterS: number; shipped: boolean };
  /**
   * The in-flight bound the ramp recommends: the most connections whose accepted p95 stayed
   * within twice the unloaded p95. The runs after the ramp use it when A was started again with
   * it (`boundSet`), as an operator would set SHED_MAX_IN_FLIGHT for the machine.
   */
  recommendedBound: number;
  boundSet: boolean;
  clientTimeoutS: number;
  run: OverloadRun;
  /** The same load, with clients that wait the Retry-After. */
  polite: OverloadRun;
  flood: OverloadRun;
}

export interface OverloadOptions {
  /** A as an S1 target (its token is replaced per run). */
  target: Target;
  db: Db;
  /** A's DATA_DIR: the dev issuer signs the callers' tokens. */
  dataDir: string;
  rampS: number;
  overloadS: number;
  /** Instead of twice the saturating count. */
  overloadConnections?: number;
  floodConnections: number;
  floodS: number;
  shedding: Overload['shedding'];
  /** Starts A again with SHED_MAX_IN_FLIGHT set to the given bound; the runs after the ramp use what it returns. Unset: they use `target` as it is. */
  restart?: (maxInFlight: number) => Promise<Target>;
  log: (line: string) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function measureOverload(o: OverloadOptions): Promise<Overload> {
  const caller = async (sub: string) => ({ ...o.target, headers: { ...o.target.headers, authorization: `Bearer ${await issueDevToken(o.dataDir, { role: 'regisseur', sub })}` } });

  const rampTarget = await caller('bench-overload-ramp');
  // Up and down again, each count measured twice: drift on the machine (other work, Postgres
  // checkpoints) then weighs on every count alike instead of on the last few.
  const results = new Map<number, LoadResult[]>(RAMP.map((c) => [c, []]));
  for (const connections of [...RAMP, ...[...RAMP].reverse()]) {
    await quiet(o.target);
    const r = await runLoad({ url: rampTarget.url, headers: rampTarget.headers, body: rampTarget.body, connections, durationS: o.rampS, timeoutS: CLIENT_TIMEOUT_S });
    results.get(connections)!.push(r);
    o.log(`overload ramp: ${connections} connection(s) ${(r.accepted.count / r.seconds).toFixed(0)} accepted req/s, p95 ${r.accepted.p95.toFixed(1)} ms, ${r.statuses[503] ?? 0} shed`);
  }
  const mean = (rs: LoadResult[], f: (r: LoadResult) => number) => rs.reduce((sum, r) => sum + f(r), 0) / rs.length;
  const ramp: RampStep[] = RAMP.map((connections) => {
    const rs = results.get(connections)!;
    return {
      connections,
      acceptedRps: mean(rs, (r) => r.accepted.count / r.seconds),
      accepted: { count: rs.reduce((n, r) => n + r.accepted.count, 0), p50: mean(rs, (r) => r.accepted.p50), p95: mean(rs, (r) => r.accepted.p95), p99: mean(rs, (r) => r.accepted.p99), max: Math.max(...rs.map((r) => r.accepted.max)) },
      shed: rs.reduce((n, r) => n + (r.statuses[503] ?? 0), 0),
      limited: rs.reduce((n, r) => n + (r.statuses[429] ?? 0), 0),
      failed: rs.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0),
    };
  });
  const bestRps = Math.max(...ramp.map((s) => s.acceptedRps));
  const saturating = ramp.find((s) => s.acceptedRps >= SATURATED * bestRps)!.connections;
  const unloadedP95 = ramp[0].accepted.p95;
  // The bound that keeps latency on this machine: the most connections the ramp served within
  // twice the unloaded p95 (one at least). Past it, requests queue inside A.
  const recommendedBound = Math.max(1, ...ramp.filter((s) => s.accepted.p95 <= 2 * unloadedP95).map((s) => s.connections));
  let runTarget = o.target;
  if (o.restart) {
    o.log(`overload: starting A again with SHED_MAX_IN_FLIGHT=${recommendedBound}, the bound the ramp recommends`);
    runTarget = await o.restart(recommendedBound);
  }

  const measure = async (connections: number, seconds: number, sub: string, clients: OverloadRun['clients']): Promise<OverloadRun> => {
    const target = { ...(await caller(sub)), url: runTarget.url, child: runTarget.child, body: runTarget.body };
    await quiet(runTarget);
    await runTarget.child.call('reset');
    o.log(`overload: ${connections} connections for ${seconds} s as ${sub}, refused clients asking again ${clients === 'at-once' ? 'at once' : 'after Retry-After'}`);
    const load = { url: target.url, headers: target.headers, body: target.body, connections, durationS: seconds, timeoutS: CLIENT_TIMEOUT_S, pid: runTarget.child.pid };
    const cpu = process.cpuUsage();
    const r = clients === 'at-once' ? await runLoad(load) : await runPoliteLoad(load);
    const clientCpu = process.cpuUsage(cpu);
    const stats = await decided(runTarget);
    const [audit] = await o.db.query<{ records: number; accepted: number }>(
      `SELECT count(*)::int AS records, (count(*) FILTER (WHERE http_status BETWEEN 200 AND 299))::int AS accepted
         FROM audit_record WHERE soort = 'VERZOEK' AND actor_sub = $1`,
      [sub],
    );
    const serverAccepted = Object.entries(stats.statuses).reduce((n, [status, count]) => (Number(status) >= 200 && Number(status) < 300 ? n + count : n), 0);
    const run: OverloadRun = {
      connections,
      clients,
      seconds: r.seconds,
      sub,
      acceptedRps: r.accepted.count / r.seconds,
      accepted: r.accepted,
      shed: r.shed,
      limited: r.statuses[429] ?? 0,
      otherStatus: otherStatuses(r),
      timeouts: r.timeouts,
      errors: r.errors,
      server: { accepted: serverAccepted, shed: stats.statuses[503] ?? 0, statuses: stats.statuses, undecided: stats.undecided },
      audit,
      loopDelayMs: stats.loopDelayMs,
      cpuPercent: stats.cpuMicros / 1e4 / r.seconds,
      clientCpuPercent: (clientCpu.user + clientCpu.system) / 1e4 / r.seconds,
    };
    o.log(
      `overload: ${connections} connections: ${run.acceptedRps.toFixed(0)} accepted req/s, p95 ${run.accepted.p95.toFixed(1)} ms, ${run.shed.count} shed (p95 ${run.shed.p95.toFixed(1)} ms), ${run.timeouts} time-outs; server 2xx ${serverAccepted}, audit ${audit.accepted}`,
    );
    return run;
  };
  const connections = o.overloadConnections ?? 2 * saturating;
  const run = await measure(connections, o.overloadS, 'bench-overload', 'at-once');
  const polite = await measure(connections, o.overloadS, 'bench-overload-polite', 'retry-after');
  const flood = await measure(o.floodConnections, o.floodS, `bench-overload-${o.floodConnections}`, 'at-once');
  return { ramp, rampS: o.rampS, overloadS: o.overloadS, floodS: o.floodS, saturating, bestRps, unloadedP95, shedding: o.shedding, recommendedBound, boundSet: Boolean(o.restart), clientTimeoutS: CLIENT_TIMEOUT_S, run, polite, flood };
}

function otherStatuses(r: LoadResult): number {
  return Object.entries(r.statuses).reduce((n, [status, count]) => {
    const s = Number(status);
    return s >= 200 && s < 300 ? n : s === 503 || s === 429 ? n : n + count;
  }, 0);
}

/** Until A has no request in flight (the previous run's, dropped by autocannon, included) and a moment more. */
async function quiet(target: Target): Promise<void> {
  await decided(target);
  await sleep(500);
}

/**
 * A's counters once every request it received has been given a status: a request whose client
 * autocannon dropped at the end of a run is still worked on, its audit record written and its
 * status decided, though nobody reads the answer. Bounded: 60 s, and 2 s without any change once
 * no connection waits (a request that never gets a status would otherwise hold every wait).
 */
async function decided(target: Target): Promise<Stats> {
  let stats = await target.child.call<Stats>('stats');
  let still = 0;
  for (let i = 0; i < 1200 && (stats.undecided > 0 || stats.inFlight > 0) && still < 40; i++) {
    await sleep(50);
    const next = await target.child.call<Stats>('stats');
    still = next.inFlight === 0 && next.undecided === stats.undecided ? still + 1 : 0;
    stats = next;
  }
  return stats;
}
