import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';
import type { BenchOptions } from './options';
import type { Overload, OverloadRun } from './overload';
import type { DomainSubgraph } from './scenarios';
import type { VariantSummary } from './summary';

export interface Incremental {
  samples: number;
  visible: number;
  failed: number;
  p50: number;
  p95: number;
  max: number;
  /** How often the gateway was asked while waiting: the figure's resolution. */
  pollMs: number;
}

/** Change-to-visible latencies of a set of changes, in ms. */
export interface LatencyStats {
  changes: number;
  visible: number;
  p50: number;
  p95: number;
  max: number;
}

/** Change-to-visible while the sync part is SIGKILLed halfway and started again (bench/resilience.ts). */
export interface SyncKill extends LatencyStats {
  ratePerS: number;
  /** The kill came after this many changes. */
  killAfter: number;
  /** Changes not shown, at the end, by both the API and the read model. */
  lost: number;
  arrivedInApi: number;
  arrivedInReadModel: number;
  /** The changes GWS made between the kill and the restarted part listening again. */
  downtime: LatencyStats;
  /** All changes again, until the read model held them (polled every 10 ms beside the API). */
  readModel: LatencyStats;
  /** From the kill until the restarted part accepted kennisgevingen again. */
  partBackMs: number;
  /** From the kill until the restarted part's catch-up full sync was done. */
  partCatchUpDoneMs: number;
  /**
   * Kennisgeving jobs running at the kill: how long the dead worker's lock still had; after the
   * kill, when BullMQ moved the job out of 'active' and when it had run again; when its change
   * became visible (after the change, and after the kill).
   */
  inFlight: Array<{ lockLeftMs: number; backAfterKillMs: number; rerunAfterKillMs: number; visibleAfterMs: number; visibleAfterKillMs: number }>;
  /** BullMQ's stalled-job settings of the sync workers. */
  stalled: { lockDurationMs: number; stalledIntervalMs: number; maxStalledCount: number };
  /** Failed push attempts of the GWS stand-in's outbox during the series. */
  gwsRetries: number;
  /** Mean time of one poll round through the API: the figures' resolution. */
  pollMs: number;
  /** Poll requests not answered with 200 (a rate limit, load shedding, no answer); each says nothing about the changes. */
  pollRefused: number;
}

/** A start of A, from the spawn of its process, in ms. */
export interface StartTiming {
  /** Until /readyz answered 200. */
  readyMs: number;
  /** Until a query for a Wmo client was answered with data. */
  answerMs: number;
  /** Until startHub resolved in the child. */
  startedMs: number;
}

export interface Restart extends StartTiming {
  /** The ordinary stop of the running A before it (drain, audit flush). */
  stopMs: number;
  catchUpOk: boolean;
  catchUpSeconds: number;
  /** From the spawn until the catch-up full sync was done. */
  catchUpDoneMs: number;
  /** /readyz polled every 250 ms from ready until the catch-up was done: how often it was not 200. */
  readyzDuringCatchUp: { polls: number; notReady: number };
}

export interface RssGrowth {
  variant: string;
  requests: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  peakMb: number;
  heapBeforeMb: number;
  heapAfterMb: number;
}

export interface S3Row {
  size: number;
  members: number;
  variants: Partial<Record<string, { readsPerRequest: number; writesPerRequest: number; fetchesPerRequest: number; p50: number; leden: number; errors: number }>>;
}

type Scenario = Partial<Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G', VariantSummary>>;

export interface BenchReport {
  options: BenchOptions;
  startedAt: string;
  seconds: number;
  sync: { inhabitants: number; seconds: number; persons: number; dossierRecords: number; sourceRecords: number };
  incremental: Incremental;
  syncKill: SyncKill;
  starts: { first: StartTiming; restart: Restart };
  S1: Scenario;
  S1Floor: Partial<Record<DomainSubgraph, VariantSummary>>;
  slowestDomain: DomainSubgraph;
  /** S1 with one connection: latency without queueing. */
  S1Unloaded: Scenario;
  S1UnloadedFloor: Partial<Record<DomainSubgraph, VariantSummary>>;
  slowestDomainUnloaded: DomainSubgraph;
  /** 1-minute load average at the start of the measured runs (2 cores: above ~2, other work competed). */
  loadAverage: { min: number; median: number; max: number };
  S2: Scenario;
  S3: S3Row[];
  rss: RssGrowth[];
  /** S1 against A past saturation, with A's load shedding (bench/overload.ts). */
  overload: Overload;
  audit: { tables: string[]; records: number; seconds: number; requests: number } | null;
  correctness: Record<'S1' | 'S2', { sampled: number; identical: number; errorsA: number; note: string | null }>;
  profile?: Array<{ scenario: string; file: string; rps: number; summary: string }>;
  householdsInPool: number;
  personsInPool: number;
  /** Postgres' autovacuum setting and the read-model tables without planner statistics during the run. */
  statistics: { autovacuum: string; unanalysed: string[] };
}

interface Target {
  name: string;
  value: string;
  met: boolean | null;
}

const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '–');
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–');
const yes = (b: boolean | null) => (b === null ? 'n/a' : b ? '**met**' : '**not met**');

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: join(__dirname, '..'), encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

function machine(): Record<string, string> {
  let postgres = '';
  try {
    postgres = execFileSync('psql', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    postgres = 'unknown';
  }
  return {
    cpu: `${cpus()[0]?.model ?? 'unknown'}`,
    cores: String(cpus().length),
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    os: `Linux ${release()}`,
    postgres,
  };
}

function targets(r: BenchReport): Target[] {
  const { A, B, C } = r.S1;
  const D = r.S1.D;
  const s3 = r.S3.map((row) => row.variants.A?.readsPerRequest ?? NaN);
  const s3Constant = s3.every(Number.isFinite) ? Math.max(...s3) - Math.min(...s3) < 0.5 : null;
  const growthA = r.rss.find((g) => g.variant === 'A');
  const growth = growthA ? ((growthA.rssAfterMb - growthA.rssBeforeMb) / growthA.rssBeforeMb) * 100 : NaN;
  return [
    { name: 'S1 A ≥ 1.3 × B in requests/s', value: `A/B = ${f2(A!.rps / B!.rps)} (server CPU per request A/B = ${f2(A!.perRequest.cpuMs / B!.perRequest.cpuMs)})`, met: A!.rps >= 1.3 * B!.rps },
    { name: 'S1 A ≥ 1.6 × C in requests/s', value: `A/C = ${f2(A!.rps / C!.rps)} (server CPU per request A/C = ${f2(A!.perRequest.cpuMs / C!.perRequest.cpuMs)})`, met: A!.rps >= 1.6 * C!.rps },
    { name: "S1 A's p95 ≤ B's", value: `${f1(A!.p95)} vs ${f1(B!.p95)} ms (${f2(A!.p95 / B!.p95)}×)`, met: A!.p95 <= B!.p95 },
    { name: `S1 p50 ≤ 1.5 × D's p50, slowest domain (${r.slowestDomain}), at ${r.options.connections} connections`, value: `${f1(A!.p50)} vs ${f1(D!.p50)} ms (${f2(A!.p50 / D!.p50)}×; for comparison B/D ${f2(B!.p50 / D!.p50)}×, C/D ${f2(C!.p50 / D!.p50)}×)`, met: A!.p50 <= 1.5 * D!.p50 },
    {
      name: `… the same unloaded (1 connection; slowest domain ${r.slowestDomainUnloaded})`,
      value: `${f1(r.S1Unloaded.A!.p50)} vs ${f1(r.S1Unloaded.D!.p50)} ms (${f2(r.S1Unloaded.A!.p50 / r.S1Unloaded.D!.p50)}×; B/D ${f2(r.S1Unloaded.B!.p50 / r.S1Unloaded.D!.p50)}×, C/D ${f2(r.S1Unloaded.C!.p50 / r.S1Unloaded.D!.p50)}×)`,
      met: r.S1Unloaded.A!.p50 <= 1.5 * r.S1Unloaded.D!.p50,
    },
    { name: 'S3 read-model queries per request constant, 1 → 50 members', value: s3.map(f1).join(' / '), met: s3Constant },
    {
      name: `Full sync of ${r.sync.inhabitants.toLocaleString('en')} inhabitants ≤ 60 s`,
      value: `${f1(r.sync.seconds)} s`,
      met: r.options.quick ? null : r.sync.seconds <= 60,
    },
    { name: 'Incremental change visible ≤ 2 s p95', value: `${f0(r.incremental.p95)} ms`, met: r.incremental.failed === 0 && r.incremental.p95 <= 2000 },
    ...overloadTargets(r.overload),
    { name: 'No change lost across a sync worker kill', value: `${r.syncKill.lost} of ${r.syncKill.changes} lost (p95 ${f0(r.syncKill.p95)} ms)`, met: r.syncKill.lost === 0 },
    {
      name: `RSS growth ≤ 10 % over 10,000 requests (A)`,
      value: `${f1(growth)} % over ${growthA?.requests ?? 0} requests`,
      // Judged only over the 10,000 requests the target names.
      met: r.options.quick || (growthA?.requests ?? 0) < 10_000 ? null : Number.isFinite(growth) ? growth <= 10 : null,
    },
  ];
}

/** Every accepted request has its VERZOEK record: as many 2xx records as the server decided 2xx answers, none left undecided. */
function auditComplete(run: OverloadRun): boolean {
  return run.server.undecided === 0 && run.audit.accepted === run.server.accepted && run.server.accepted >= run.accepted.count;
}

function overloadMet(o: Overload, run: OverloadRun): boolean {
  return run.accepted.p95 <= 2 * o.unloadedP95 && run.timeouts === 0 && auditComplete(run);
}

function overloadTargets(o: Overload): Target[] {
  const value = (run: OverloadRun) =>
    `accepted p95 ${f1(run.accepted.p95)} ms = ${f2(run.accepted.p95 / o.unloadedP95)} × unloaded ${f1(o.unloadedP95)} ms; ${run.shed.count ? `${run.shed.count} shed (p95 ${f1(run.shed.p95)} ms)` : 'nothing shed'}; ${run.timeouts} time-outs; audit ${run.audit.accepted} of ${run.server.accepted} accepted${run.server.undecided ? `, ${run.server.undecided} undecided` : ''}`;
  const at = (run: OverloadRun) => (run.connections === 2 * o.saturating ? `2 × saturating = ${run.connections}` : `${run.connections}`);
  return [
    { name: `overload: accepted p95 ≤ 2× unloaded p95, 0 time-outs, audit complete (${at(o.run)} connections, ${o.overloadS} s; refused clients ask again at once)`, value: value(o.run), met: overloadMet(o, o.run) },
    { name: `… the same, refused clients waiting the Retry-After`, value: value(o.polite), met: overloadMet(o, o.polite) },
    { name: `… the same at ${o.flood.connections} connections for ${o.floodS} s (at once)`, value: value(o.flood), met: overloadMet(o, o.flood) },
  ];
}

/** S1 past saturation against A: the ramp, then the overload and the flood, accepted apart from refused. */
export function overloadSection(o: Overload): string[] {
  const sh = o.shedding;
  const row = (label: string, run: OverloadRun) =>
    `| ${label} | ${run.clients === 'at-once' ? 'at once' : 'after Retry-After'} | ${f0(run.seconds)} | **${f0(run.acceptedRps)}** | ${f1(run.accepted.p50)} | **${f1(run.accepted.p95)}** | ${f1(run.accepted.p99)} | ${run.shed.count} | ${f1(run.shed.p50)} / ${f1(run.shed.p95)} / ${f1(run.shed.max)} | ${run.limited} | **${run.timeouts}** | ${run.errors + run.otherStatus} | ${run.server.accepted} / **${run.audit.accepted}**${run.audit.records !== run.audit.accepted ? ` (${run.audit.records} in all)` : ''} | ${f0(run.cpuPercent)} % / ${f0(run.clientCpuPercent)} % | ${run.loopDelayMs ? `${f1(run.loopDelayMs.mean)} / ${f1(run.loopDelayMs.p99)}` : '–'} |`;
  return [
    '## Overload — S1 against A past saturation',
    '',
    `A's load shedding ${sh.shipped ? 'as shipped' : '**set for this run**'}: \`SHED_MAX_IN_FLIGHT=${sh.maxInFlight}\`, \`SHED_MAX_EVENT_LOOP_DELAY_MS=${sh.maxEventLoopDelayMs}\`, \`SHED_RETRY_AFTER_S=${sh.retryAfterS}\`. Ramp up and down again, each count twice for ${f0(o.rampS)} s (means of the two; accepted = 2xx; latencies of 2xx answers only):`,
    '',
    '| connections | accepted req/s | p50 ms | p95 ms | p99 ms | shed (503) | 429 | failed |',
    '|---|---|---|---|---|---|---|---|',
    ...o.ramp.map((s) => `| ${s.connections === o.saturating ? `**${s.connections}**` : s.connections} | ${f0(s.acceptedRps)} | ${f1(s.accepted.p50)} | ${f1(s.accepted.p95)} | ${f1(s.accepted.p99)} | ${s.shed} | ${s.limited} | ${s.failed} |`),
    '',
    `Saturating: **${o.saturating} connections** (the fewest within 5 % of the best, ${f0(o.bestRps)} accepted req/s); unloaded p95 (1 connection) **${f1(o.unloadedP95)} ms**, so the bound for accepted requests is ${f1(2 * o.unloadedP95)} ms.`,
    '',
    o.boundSet
      ? `In-flight bound: the ramp kept accepted p95 within that bound up to **${o.recommendedBound} connection(s)**, so A was started again with **\`SHED_MAX_IN_FLIGHT=${o.recommendedBound}\`** for the runs below, as an operator sets it for a machine (README, \`SHED_MAX_IN_FLIGHT\`); the shipped default, ${sh.maxInFlight}, is a ceiling for machines nobody has measured.`
      : `In-flight bound: the ramp would recommend \`SHED_MAX_IN_FLIGHT=${o.recommendedBound}\` (accepted p95 within that bound); the runs below keep the bound set for this run.`,
    '',
    '| run | refused client asks again | s | accepted req/s | accepted p50 ms | accepted p95 ms | accepted p99 ms | shed (503) | shed p50 / p95 / max ms | 429 | client time-outs | errors, other status | 2xx decided by A / VERZOEK records with 2xx | CPU of A / of the load generator (one core = 100 %) | A event-loop delay mean / p99 ms |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    row(o.run.connections === 2 * o.saturating ? `**2 × saturating: ${o.run.connections} connections**` : `**${o.run.connections} connections** (set for this run)`, o.run),
    row(`${o.polite.connections} connections`, o.polite),
    row(`${o.flood.connections} connections`, o.flood),
    '',
    `- Two kinds of client, both in the orchestrator, one request at a time per connection: autocannon's, which ask again at once after a 503 — the harder case: the refusals cost A what they can, and on 2 cores the load generator spinning through them takes time from the core it shares with Postgres (its CPU is in the table) — and clients that wait the Retry-After first, as the contract asks (node:http, kept-alive connections). A client gives up after ${o.clientTimeoutS} s (a time-out). Accepted figures are the 2xx answers the client received; at the end of a timed run autocannon drops what is still in flight, which A finishes anyway, and the waiting clients wait for theirs.`,
    `- **audit**: A's own count of the 2xx answers it decided (every request it received, including those autocannon dropped; counted when the status is set, which is after the request's record is written) against the caller's VERZOEK records with a 2xx status in \`audit_record\` afterwards (each run has its own token subject: \`${o.run.sub}\`, \`${o.polite.sub}\`, \`${o.flood.sub}\`).`,
    `- A's event-loop delay is beyond the 10 ms sampling, over the whole run; the shedding check compares the mean over each 200 ms with its bound.`,
  ];
}

/** Whole milliseconds for results.json (null when not measured, as JSON has no NaN). */
const ms = (n: number) => (Number.isFinite(n) ? Math.round(n) : null);

/**
 * The sync under failure: change-to-visible with the sync part killed halfway, beside the idle
 * figure, and A's restart on existing state beside its first start.
 */
export function resilienceSection(r: Pick<BenchReport, 'incremental' | 'syncKill' | 'starts' | 'sync'>): string[] {
  const k = r.syncKill;
  const { first, restart } = r.starts;
  const s = (n: number) => `${f1(n / 1000)} s`;
  const settings = Number.isFinite(k.stalled.lockDurationMs)
    ? `lockDuration ${s(k.stalled.lockDurationMs)}, stalledInterval ${s(k.stalled.stalledIntervalMs)}, maxStalledCount ${k.stalled.maxStalledCount}`
    : 'settings unknown';
  const job = (j: SyncKill['inFlight'][number]) =>
    `the dead worker's lock on it had ${s(j.lockLeftMs)} left; BullMQ ${
      j.rerunAfterKillMs - j.backAfterKillMs < 500 ? `handed it back and it ran again ${s(j.rerunAfterKillMs)} after the kill` : `handed it back ${s(j.backAfterKillMs)} after the kill and it had run again at ${s(j.rerunAfterKillMs)}`
    }; ${
      !Number.isFinite(j.visibleAfterKillMs)
        ? '**its change never became visible**'
        : `its change was visible ${s(j.visibleAfterKillMs)} after the kill (${f0(j.visibleAfterMs)} ms after the change)${
            j.visibleAfterKillMs < j.backAfterKillMs ? ' — before the job came back: the restarted part\'s catch-up full sync, which re-reads all of GWS, had brought it in' : ', through that re-run'
          }`
    }`;
  const inFlight = k.inFlight.length
    ? `${k.inFlight.length === 1 ? 'one kennisgeving job was' : `${k.inFlight.length} kennisgeving jobs were`} running at the kill: ${k.inFlight.map(job).join('; ')}`
    : 'no kennisgeving job was running at the kill (none started within 2 s of the change before it), so none was stranded';
  return [
    '## Sync worker kill and restart',
    '',
    '| change-to-visible (GWS change → A\'s gateway answers it) | changes | p50 ms | p95 ms | max ms | not visible / lost |',
    '|---|---|---|---|---|---|',
    `| idle, no kill (as above) | ${r.incremental.samples} | ${f0(r.incremental.p50)} | ${f0(r.incremental.p95)} | ${f0(r.incremental.max)} | ${r.incremental.failed} |`,
    `| **sync part SIGKILLed after change ${k.killAfter} of ${k.changes}, restarted at once** (${f1(k.ratePerS)} changes/s) | ${k.changes} | ${f0(k.p50)} | **${f0(k.p95)}** | ${f0(k.max)} | **${k.lost}** |`,
    `| … of these, made while the sync part was down | ${k.downtime.changes} | ${f0(k.downtime.p50)} | ${f0(k.downtime.p95)} | ${f0(k.downtime.max)} | – |`,
    `| … all ${k.changes} again, until the read model held them | ${k.readModel.changes} | ${f0(k.readModel.p50)} | ${f0(k.readModel.p95)} | ${f0(k.readModel.max)} | ${k.changes - k.arrivedInReadModel} |`,
    '',
    `- **the kill**: the sync workers ran in the sync part (\`scripts/part.ts sync\`: its own process and BullMQ prefix, on A's database, receiving GWS's kennisgevingen); GWS changed one voorziening every ${f0(1000 / k.ratePerS)} ms and after change ${k.killAfter} the part was killed with SIGKILL${k.inFlight.length ? ' the moment a kennisgeving job was running' : ''}, then started again. It accepted kennisgevingen again ${s(k.partBackMs)} after the kill (process start, migration check, Redis, workers, endpoint); meanwhile the GWS stand-in's outbox kept each change and retried (100 ms doubling to 5 s; ${k.gwsRetries} failed attempts). The restarted part's catch-up full sync was done ${s(k.partCatchUpDoneMs)} after the kill, alongside the changes.`,
    `- **stalled job**: ${inFlight}. A job whose worker died stays active in Redis under that worker's lock (a second delivery of the same kennisgeving has the same job id and adds nothing): BullMQ (${settings}; its defaults, SyncService sets none) moves it back to waiting only once the lock has lapsed and a stalled check has found it active on two checks in a row (one check per queue every stalledInterval, whichever worker runs it) — between one lock duration and one lock duration plus two stalled intervals after the kill.`,
    `- **verified record by record** after the series (waiting up to lock duration + two stalled intervals + 60 s for stragglers): ${k.arrivedInApi}/${k.changes} changes shown by the API and ${k.arrivedInReadModel}/${k.changes} held by the read model, **${k.lost} lost**. Latencies are to the API: every open change polled through A's gateway (wmo-consulent, up to 20 persons per request), one round every ${f0(k.pollMs)} ms on average${
      k.pollRefused ? `; **${k.pollRefused} poll requests were not answered with 200** (a rate limit, load shedding, no answer), so the API figures are late by up to the time it refused them — the read-model row is not affected` : ''
    }; the read model polled every 10 ms beside it.`,
    '',
    '| start of A, from the spawn of its process | /readyz 200 ms | first answer ms | full sync |',
    '|---|---|---|---|',
    `| first start, empty database | ${f0(first.readyMs)} | ${f0(first.answerMs)} | first full sync ${f1(r.sync.seconds)} s, before ready |`,
    `| **restart, same database and queue prefix** | **${f0(restart.readyMs)}** | **${f0(restart.answerMs)}** | catch-up full sync ${restart.catchUpOk ? `${f1(restart.catchUpSeconds)} s behind the serving hub, done ${f0(restart.catchUpDoneMs)} ms after the spawn` : '**failed**'}; /readyz meanwhile ${restart.readyzDuringCatchUp.notReady ? `**not 200 in ${restart.readyzDuringCatchUp.notReady} of ${restart.readyzDuringCatchUp.polls} polls**` : `200 in all ${restart.readyzDuringCatchUp.polls} polls`} |`,
    '',
    `Before the restart A was stopped the ordinary way (drain, running sync jobs finished, audit log flushed) in ${f0(restart.stopMs)} ms. Both starts are timed from outside: /readyz and a query for a Wmo client polled every 50 ms from the spawn; the process start (Node, tsx, imports) is in both.`,
  ];
}

/** How the tables name each variant. */
const VARIANT_LABELS: Record<string, string> = { A: 'A ontschot', B: 'B plain @apollo/gateway', C: 'C Hive Gateway', E: 'E Hive Gateway, Rust query planner', F: 'F plain @apollo/gateway, graphql-jit subgraphs', D: 'D one subgraph direct' };

export function scenarioTable(s: Scenario, labels: Record<string, string> = VARIANT_LABELS): string[] {
  const out = [
    '| variant | req/s (spread) | p50 ms | p95 ms (spread) | p99 ms | server CPU ms / req | peak RSS MB | read-model queries / req | writes / req (mean ms) | subgraph fetches / req | new subgraph TCP conns / req | failed |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const v of ['A', 'B', 'C', 'E', 'F', 'D'] as const) {
    const x = s[v];
    if (!x) continue;
    out.push(
      `| ${labels[v]} | ${f0(x.rps)} (±${f0(x.spread.rps / 2)} %) | ${f1(x.p50)} | ${f1(x.p95)} (±${f0(x.spread.p95 / 2)} %) | ${f1(x.p99)} | ${f2(x.perRequest.cpuMs)} | ${f0(x.peakRssMb)} | ${f2(x.perRequest.reads)} | ${f2(x.perRequest.writes)}${x.perRequest.writeMs ? ` (${f1(x.perRequest.writeMs)})` : ''} | ${f2(x.perRequest.fetches)} | ${f2(x.perRequest.connections)} | ${x.failed} |`,
    );
  }
  const refused = (['A', 'B', 'C', 'E', 'F', 'D'] as const).filter((v) => s[v] && (s[v]!.refused.shed || s[v]!.refused.limited));
  if (refused.length) out.push('', `Of the failed: ${refused.map((v) => `${v} ${s[v]!.refused.shed} refused for load (503), ${s[v]!.refused.limited} for rate (429)`).join('; ')}.`);
  return out;
}

function unloadedTable(r: BenchReport): string[] {
  const u = r.S1Unloaded;
  const row = (label: string, x?: VariantSummary) => (x ? `| ${label} | ${f1(x.p50)} | ${f1(x.p95)} | ${f0(x.rps)} | ${f2(x.perRequest.cpuMs)} |` : '');
  return [
    '| variant (1 connection) | p50 ms | p95 ms | req/s | server CPU ms / req |',
    '|---|---|---|---|---|',
    row('A ontschot', u.A),
    row('B plain @apollo/gateway', u.B),
    row('C Hive Gateway', u.C),
    row('E Hive Gateway, Rust query planner', u.E),
    row('F plain @apollo/gateway, graphql-jit subgraphs', u.F),
    ...Object.entries(r.S1UnloadedFloor).map(([d, x]) => row(`D ${d} subgraph direct`, x)),
  ];
}

export function ratios(s: Scenario): string {
  const { A, B, C, D, E, F } = s;
  const r = (k: 'rps' | 'p50' | 'p95', x?: VariantSummary) => (x ? f2(A![k] / x[k]) : '–');
  return [
    '| ratio | req/s | p50 | p95 |',
    '|---|---|---|---|',
    `| A/B | ${r('rps', B)} | ${r('p50', B)} | ${r('p95', B)} |`,
    `| A/C | ${r('rps', C)} | ${r('p50', C)} | ${r('p95', C)} |`,
    `| A/E | ${r('rps', E)} | ${r('p50', E)} | ${r('p95', E)} |`,
    `| A/F | ${r('rps', F)} | ${r('p50', F)} | ${r('p95', F)} |`,
    `| A/D | ${r('rps', D)} | ${r('p50', D)} | ${r('p95', D)} |`,
  ].join('\n');
}

/** Milliseconds to one decimal for results.json (null when not measured). */
const ms1 = (n: number) => (Number.isFinite(n) ? +n.toFixed(1) : null);

function overloadJson(run: OverloadRun) {
  return {
    connections: run.connections,
    clients: run.clients,
    seconds: +run.seconds.toFixed(1),
    acceptedRps: +run.acceptedRps.toFixed(1),
    accepted: { p50: ms1(run.accepted.p50), p95: ms1(run.accepted.p95), p99: ms1(run.accepted.p99) },
    shed: { count: run.shed.count, p50: ms1(run.shed.p50), p95: ms1(run.shed.p95), max: ms1(run.shed.max) },
    limited: run.limited,
    timeouts: run.timeouts,
    errors: run.errors + run.otherStatus,
    audit: { acceptedByServer: run.server.accepted, records: run.audit.accepted, complete: auditComplete(run) },
  };
}

/** Writes RESULTS.md, results.json (the fixed summary shape, exactly) and results-detail.json. */
export function writeReport(dir: string, r: BenchReport): string[] {
  const commit = git(['rev-parse', 'HEAD']) || 'unknown';
  const dirty = git(['status', '--porcelain', '--', '.', ':!bench']).split('\n').filter(Boolean).length;
  const m = machine();
  const o = r.options;
  const rounded = (x?: VariantSummary) => (x ? { rps: +x.rps.toFixed(1), p50: +x.p50.toFixed(2), p95: +x.p95.toFixed(2), p99: +x.p99.toFixed(2), rssMb: +x.peakRssMb.toFixed(1) } : null);
  const json = {
    S1: { A: rounded(r.S1.A), B: rounded(r.S1.B), C: rounded(r.S1.C), E: rounded(r.S1.E), F: rounded(r.S1.F), D: rounded(r.S1.D) },
    S2: { A: rounded(r.S2.A), B: rounded(r.S2.B), C: rounded(r.S2.C), E: rounded(r.S2.E), F: rounded(r.S2.F), D: rounded(r.S2.D) },
    S3: { queriesPerRequest: Object.fromEntries(r.S3.map((row) => [String(row.size), +(row.variants.A?.readsPerRequest ?? NaN).toFixed(2)])) },
    sync: { inhabitants: r.sync.inhabitants, seconds: +r.sync.seconds.toFixed(2), recordsPerSecond: Math.round((r.sync.persons + r.sync.dossierRecords) / r.sync.seconds) },
    syncKill: {
      changes: r.syncKill.changes,
      ratePerS: r.syncKill.ratePerS,
      p50: ms(r.syncKill.p50),
      p95: ms(r.syncKill.p95),
      max: ms(r.syncKill.max),
      lost: r.syncKill.lost,
      readModel: { p50: ms(r.syncKill.readModel.p50), p95: ms(r.syncKill.readModel.p95), max: ms(r.syncKill.readModel.max) },
    },
    starts: {
      first: { readyMs: ms(r.starts.first.readyMs), answerMs: ms(r.starts.first.answerMs), fullSyncSeconds: +r.sync.seconds.toFixed(2) },
      restart: { readyMs: ms(r.starts.restart.readyMs), answerMs: ms(r.starts.restart.answerMs), catchUpSyncSeconds: +(r.starts.restart.catchUpSeconds ?? NaN).toFixed(2) },
    },
    overload: {
      shedding: { maxInFlight: r.overload.shedding.maxInFlight, maxEventLoopDelayMs: r.overload.shedding.maxEventLoopDelayMs, shipped: r.overload.shedding.shipped, recommendedBound: r.overload.recommendedBound, boundSet: r.overload.boundSet },
      saturatingConnections: r.overload.saturating,
      unloadedP95: ms1(r.overload.unloadedP95),
      run: overloadJson(r.overload.run),
      polite: overloadJson(r.overload.polite),
      flood: overloadJson(r.overload.flood),
      met: overloadMet(r.overload, r.overload.run),
    },
  };
  writeFileSync(join(dir, 'results.json'), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(join(dir, 'results-detail.json'), `${JSON.stringify({ commit, dirtyFilesOutsideBench: dirty, machine: m, ...r }, null, 2)}\n`);

  const s1Labels = { ...VARIANT_LABELS, D: `D ${r.slowestDomain} subgraph direct (slowest domain)` };
  const s2Labels = { ...VARIANT_LABELS, D: 'D wmo subgraph direct' };
  const t = targets(r);
  const auditLine = r.audit
    ? r.audit.records > 0
      ? `${f0(r.audit.records / r.audit.seconds)} audit records/s written by A under S1+S2 load (${f2(r.audit.records / r.audit.requests)} per request; tables ${r.audit.tables.join(', ')})`
      : `0 audit records written by A under load although tables ${r.audit.tables.join(', ')} exist: the recorder is not wired into the running hub yet`
    : 'n/a — no audit table in the schema (a build without the audit log); A picks it up through `startHub` once it has one';
  const lines = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench${o.quick ? ' -- --quick' : ''}\` on ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC; the run took **${f0(r.seconds)} s**.${o.quick ? ' **Quick mode: a smoke check** — smaller municipality, short runs; use the full run for the figures.' : ''}`,
    '',
    `- commit \`${commit.slice(0, 12)}\`${dirty ? ` with ${dirty} uncommitted file(s) outside bench/ (work in progress of others was measured as it stood)` : ''}`,
    `- machine: ${m.cores} cores (${m.cpu}), ${m.memory}, Node ${m.node}, ${m.os}, ${m.postgres}, Redis on loopback`,
    `- municipality: **${r.sync.inhabitants.toLocaleString('en')} inhabitants**${o.inhabitants < 90_000 ? '' : ' — the target size is 100,000, but the 999 test-BSN range has only 90,909 elfproef-valid numbers, so 90,000 is the largest synthetic municipality'}; the read model holds ${r.sync.persons.toLocaleString('en')} persons and ${r.sync.dossierRecords.toLocaleString('en')} dossier records`,
    `- load: autocannon in the orchestrator process, ${o.connections} connections, ${o.warmupS} s warm-up per variant and scenario, then ${o.runs} runs of ${o.durationS} s per variant in rotating order; figures are the **median of the runs**, spread is ±half the max–min range relative to the median; latencies in ms`,
    `- other work on the machine: 1-minute load average ${f1(r.loadAverage.min)}–${f1(r.loadAverage.max)} (median ${f1(r.loadAverage.median)}) at the start of the measured runs on ${m.cores} cores${r.loadAverage.median > 2.5 ? ' — **the machine was shared with other work (e.g. test suites) during this run, so req/s and latencies are noisy; server CPU ms / req is the steadier comparison**' : ''}`,
    r.statistics.unanalysed.length
      ? `- **planner statistics: none** for ${r.statistics.unanalysed.join(', ')} — autovacuum is \`${r.statistics.autovacuum}\` on this Postgres and nothing analysed them after the full sync, so plans are guesses; the dossier subgraph's household query then scans all of dossier_record on every S1 request (all variants alike; D is not affected). \`--analyze\` measures with statistics.`
      : `- planner statistics: present (${o.analyze ? 'ANALYZE after the sync, `--analyze`' : `autovacuum ${r.statistics.autovacuum}`})`,
    `- one server process per variant; S1 cycles through ${r.householdsInPool} households of 4–6 (a different one each request), S2 through ${r.personsInPool} Wmo clients`,
    '',
    '## S1 — household dossier (regisseur with consent, all four domains)',
    '',
    ...scenarioTable(r.S1, s1Labels),
    '',
    ratios(r.S1),
    '',
    `D per domain subgraph (\`_entities\` for the household's members, ${o.floorRuns} run(s) each):`,
    '',
    '| subgraph | req/s | p50 ms | p95 ms | read-model queries / req |',
    '|---|---|---|---|---|',
    ...Object.entries(r.S1Floor).map(([d, x]) => `| ${d} | ${f0(x!.rps)} | ${f1(x!.p50)} | ${f1(x!.p95)} | ${f2(x!.perRequest.reads)} |`),
    '',
    `S1 unloaded — one connection, so latency without queueing (${o.unloadedS} s per variant):`,
    '',
    ...unloadedTable(r),
    '',
    '## S2 — one domain (Wmo) for one person, as wmo-consulent',
    '',
    ...scenarioTable(r.S2, s2Labels),
    '',
    ratios(r.S2),
    '',
    '## S3 — household size scaling (S1 query, sequential requests)',
    '',
    '| members | A queries / req | A fetches / req | A p50 ms | B queries / req | B p50 ms | C p50 ms | members answered A/B/C |',
    '|---|---|---|---|---|---|---|---|',
    ...r.S3.map((row) => {
      const a = row.variants.A!;
      const b = row.variants.B!;
      const c = row.variants.C!;
      return `| ${row.members} | ${f2(a.readsPerRequest)} | ${f2(a.fetchesPerRequest)} | ${f1(a.p50)} | ${f2(b.readsPerRequest)} | ${f1(b.p50)} | ${f1(c.p50)} | ${a.leden}/${b.leden}/${c.leden} |`;
    }),
    '',
    '## Sync, changes, memory, audit',
    '',
    `- **full sync**: ${f1(r.sync.seconds)} s for ${(r.sync.persons + r.sync.dossierRecords).toLocaleString('en')} read-model records (${r.sync.persons.toLocaleString('en')} persons + ${r.sync.dossierRecords.toLocaleString('en')} dossier records; the back offices hold ${r.sync.sourceRecords.toLocaleString('en')} domain records) → **${f0((r.sync.persons + r.sync.dossierRecords) / r.sync.seconds)} records/s** (A's own first full sync through BullMQ, stand-ins in their own process)`,
    `- **incremental change-to-visible**: p50 ${f0(r.incremental.p50)} ms, **p95 ${f0(r.incremental.p95)} ms**, max ${f0(r.incremental.max)} ms over ${r.incremental.samples} GWS changes (${r.incremental.failed} not visible within 15 s); measured from \`upsertWmoVoorziening\` in the GWS stand-in (StUF Lk01 push → BullMQ → read model) until the gateway answers the new value, polling every ${r.incremental.pollMs} ms`,
    `- **audit**: ${auditLine}`,
    '',
    ...overloadSection(r.overload),
    '',
    ...resilienceSection(r),
    '',
    `| RSS over ${o.rssRequests.toLocaleString('en')} S1 requests | RSS after warm-up MB | after MB | growth | peak MB | heap used before → after MB |`,
    '|---|---|---|---|---|---|',
    ...r.rss.map((g) => `| ${g.variant} | ${f0(g.rssBeforeMb)} | ${f0(g.rssAfterMb)} | ${f1(((g.rssAfterMb - g.rssBeforeMb) / g.rssBeforeMb) * 100)} % | ${f0(g.peakMb)} | ${f0(g.heapBeforeMb)} → ${f0(g.heapAfterMb)} |`),
    '',
    '## Targets',
    '',
    '| target | measured | |',
    '|---|---|---|',
    ...t.map((x) => `| ${x.name} | ${x.value} | ${yes(x.met)} |`),
    o.quick ? '\n(Quick mode does not judge the sync and RSS targets: its municipality and request count are smaller than the targets name.)' : '',
    '',
    '## Same answers?',
    '',
    `Before loading, ${r.correctness.S1.sampled} S1 and ${r.correctness.S2.sampled} S2 keys were asked of A, B, C, E and F: S1 ${r.correctness.S1.identical}/${r.correctness.S1.sampled} and S2 ${r.correctness.S2.identical}/${r.correctness.S2.sampled} answers had identical \`data\`; A answered with errors ${r.correctness.S1.errorsA + r.correctness.S2.errorsA} time(s).${r.correctness.S1.note || r.correctness.S2.note ? ` Note: ${[r.correctness.S1.note, r.correctness.S2.note].filter(Boolean).join('; ')}.` : ''}`,
    '',
    '## Method',
    '',
    '- **A** is `startHub` exactly as shipped (auth, purpose, policy, consent, retention, audit when wired, its BullMQ sync workers and schedules), configured with the stand-ins as external back offices (`BRP_API_URL`, `GWS_STUF_URL`, …) the way docker-compose runs them, so the back offices\' memory and CPU are not charged to the hub. **B** is the same SDL, resolvers, loaders and read models built with plain `buildSubgraphSchema` (no `enforcePolicy`, no audit, no internal-context check; `ctx.policy` allows everything) behind a plain `@apollo/gateway`, on a minimal `node:http` handler (bench/plain.ts), each subgraph reached over HTTP as @apollo/gateway does by itself. A\'s gateway calls the subgraphs of its own process in-process (`SUBGRAPH_TRANSPORT=in-process`, the default; docs/DESIGN.md decision 20); B, C, E and F reach theirs over loopback HTTP. **C** is `createGatewayRuntime` from `@graphql-hive/gateway` over the same plain subgraphs, with its JavaScript query planner; **E** the same with Hive Router\'s Rust query planner (`@graphql-hive/router-runtime`). **F** is B with each subgraph\'s operations executed by graphql-jit instead of graphql-js (bench/jit.ts). **D** calls one plain subgraph with the `_entities` request the gateway would send.',
    '- **Processes and cores.** Each variant is one Node process holding its gateway and all its subgraphs, each subgraph on its own port (the hub\'s one-process mode), so every variant has the same single event loop. The load generator runs in the orchestrator, a separate process: on 2 cores, a load generator inside the server process would take event-loop time from the server and flatter nobody in particular, while a separate process leaves one core to the server and shares the other between autocannon and Postgres — the same for every variant. Only one variant is loaded at a time; the others sit idle.',
    "- **Server CPU ms / req** is the CPU time (all threads, user + system) of the variant's process during the measured runs divided by the requests answered: unlike req/s it barely moves when other work shares the cores. Postgres' own CPU is not in it.",
    '- **Counting.** Read-model queries through `db.onQuery` (sync bookkeeping reads of `sync_state` by the hub\'s own timers are excluded; INSERT/UPDATE/DELETE counted apart as writes — under load in A these are the audit store\'s group commits, one INSERT statement each, whose mean duration is timed on the store\'s dedicated connection); subgraph fetches and new TCP connections at the subgraph servers with `diagnostics_channel` (`http.server.request.start`, `net.server.socket`), and A\'s in-process fetches from its own fetch metric (`ontschot_subgraph_fetch_duration_seconds`). RSS is sampled from /proc every 200 ms during the measured runs; growth is taken after a forced full GC before and after the requests.',
    '- Postgres: a fresh schema per run, dropped at the end; Redis: a unique BullMQ prefix, deleted at the end; every address is loopback.',
  ];
  if (r.profile?.length) {
    lines.push('', '## CPU profiles (sampled during load, `--profile`)', '');
    for (const p of r.profile) lines.push(`### ${p.scenario} (${f0(p.rps)} req/s while profiling; ${p.file.replace(/.*\/bench\//, 'bench/')})`, '', p.summary, '');
  }
  writeFileSync(join(dir, 'RESULTS.md'), `${lines.join('\n')}\n`);
  return ['bench/RESULTS.md', 'bench/results.json', 'bench/results-detail.json'];
}
