/**
 * One process of the bench, started by bench/rpc.ts as `child.ts <role>`:
 *   standins  the legacy back offices, seeded with the bench world (not under test)
 *   hub       A: the hub as shipped — `startHub` with the stand-ins configured as external back
 *             offices (as docker-compose runs them), so its first full sync is real and timed
 *   plain     B: plain @apollo/gateway over plain subgraphs
 *   hive      C: Hive Gateway over the same plain subgraphs
 *   floor     D: the plain subgraphs alone, called directly
 * Every server role counts its read-model queries (`db.onQuery`) and the HTTP requests and TCP
 * connections its subgraph servers receive (diagnostics_channel), and can be profiled.
 */
import { subscribe } from 'node:diagnostics_channel';
import { readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Session } from 'node:inspector';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import type { Db } from '../lib/db';
import type { WmoVoorziening } from '../municipality/types';
import type { RunningServer } from './plain';
import type { GcReading } from './measure';
import { reportFailed, reportReady, serveCommands, type Handlers } from './rpc';

// The project's modules are loaded inside each role (dynamic imports): a process loads only what
// its role runs, and the hub only after `timeWrites` has wrapped the driver.

const SUPERGRAPH = join(__dirname, '..', 'gateway', 'supergraph.graphql');

/** What a server process counts; the orchestrator reads and resets it around each measurement. */
class Counters {
  /** Read statements through `db.onQuery` (sync bookkeeping excluded, see `classify`). */
  reads = 0;
  /** INSERT/UPDATE/DELETE statements (audit writes; sync changes). */
  writes = 0;
  /** HTTP requests received by subgraph servers. */
  fetches = 0;
  /** TCP connections accepted by subgraph servers. */
  connections = 0;
  /** Requests received at the entry (the gateway; for D, the subgraphs) and not yet answered. */
  requests = 0;
  inFlight = 0;
  /**
   * Answers at the entry by HTTP status, counted when the server decided them (writeHead): also
   * those whose client had gone away by then, which the client never counts. In A a 2xx is
   * decided only after the request's audit record was written.
   */
  statuses: Record<number, number> = {};
  /** Requests at the entry not yet given a status: still being worked on, whether or not their client waits. */
  undecided = 0;
  /** Time spent in write statements on dedicated connections (in A under load: the audit store's group commits), in ms. */
  writeMs = 0;
  /** CPU time of this whole process (all threads, user + system) since the last reset, in µs. */
  private cpuBase = process.cpuUsage();
  get cpuMicros(): number {
    const { user, system } = process.cpuUsage(this.cpuBase);
    return user + system;
  }
  reset() {
    this.reads = this.writes = this.fetches = this.connections = this.requests = this.writeMs = 0;
    this.statuses = {};
    this.cpuBase = process.cpuUsage();
    loopDelay?.reset();
  }
}

const counters = new Counters();

/** Event-loop delay since the last reset, for the server roles that watch it (A: what its load shedding sees). */
let loopDelay: IntervalHistogram | undefined;
const LOOP_DELAY_RESOLUTION_MS = 10;
const beyondResolution = (ns: number) => Math.max(0, ns / 1e6 - LOOP_DELAY_RESOLUTION_MS);

// The hub's own sync workers poll on a timer and /readyz reads the same row; neither is caused by
// a benchmark request, so neither is counted as a read-model query of one.
const BOOKKEEPING = /FROM sync_state WHERE source = \$1/;

/** A statement that writes: INSERT, UPDATE or DELETE, on its own or inside a CTE (the audit store's). */
function isWrite(sql: string): boolean {
  return /^\s*(INSERT|UPDATE|DELETE)\b/i.test(sql) || /^\s*WITH\b[\s\S]*\b(INSERT|UPDATE|DELETE)\b/i.test(sql);
}

function classify(sql: string): void {
  if (isWrite(sql)) counters.writes++;
  // Session settings and transaction control read nothing.
  else if (/^\s*(SET|BEGIN|COMMIT|ROLLBACK)\b/i.test(sql)) return;
  else if (!BOOKKEEPING.test(sql)) counters.reads++;
}

/**
 * Counts requests and connections on the given subgraph ports of this process, and requests at
 * the entry ports: per-request figures divide by requests the server received, not by answers
 * the load generator counted — at the end of a timed run autocannon drops requests still in
 * flight, which the server nevertheless serves.
 */
function countSubgraphTraffic(ports: Set<number>, entry: Set<number>): void {
  subscribe('http.server.request.start', (message) => {
    const { socket, response } = message as { request: IncomingMessage; response: ServerResponse; socket: Socket };
    const port = socket?.localPort;
    if (port === undefined) return;
    if (ports.has(port)) counters.fetches++;
    if (entry.has(port)) {
      counters.requests++;
      counters.inFlight++;
      counters.undecided++;
      let decided = false;
      const decide = (statusCode: number) => {
        if (decided) return;
        decided = true;
        counters.undecided--;
        counters.statuses[statusCode] = (counters.statuses[statusCode] ?? 0) + 1;
      };
      // 'close' comes whether the answer was sent or the client went away first; a server that
      // sends without writeHead has its status decided by then.
      response.once('close', () => {
        counters.inFlight--;
        if (response.headersSent) decide(response.statusCode);
      });
      const writeHead = response.writeHead;
      response.writeHead = function (this: ServerResponse, statusCode: number, ...rest: unknown[]) {
        decide(statusCode);
        return (writeHead as (...args: unknown[]) => ServerResponse).call(this, statusCode, ...rest);
      } as typeof response.writeHead;
    }
  });
  subscribe('net.server.socket', (message) => {
    const { socket } = message as { socket: Socket };
    if (socket?.localPort !== undefined && ports.has(socket.localPort)) counters.connections++;
  });
}

function portOf(url: string): number {
  return Number(new URL(url).port);
}

let session: Session | undefined;
function inspectorPost<T>(method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => session!.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result as T))));
}

/** Commands every server role answers. */
function serverHandlers(): Handlers {
  return {
    stats: () => ({
      reads: counters.reads,
      writes: counters.writes,
      fetches: counters.fetches,
      connections: counters.connections,
      requests: counters.requests,
      inFlight: counters.inFlight,
      statuses: counters.statuses,
      undecided: counters.undecided,
      writeMs: counters.writeMs,
      cpuMicros: counters.cpuMicros,
      rssBytes: process.memoryUsage.rss(),
      heapUsedBytes: process.memoryUsage().heapUsed,
      // Less the 10 ms sampling resolution, as the gateway's own check counts it.
      loopDelayMs: loopDelay ? { mean: beyondResolution(loopDelay.mean), p99: beyondResolution(loopDelay.percentile(99)), max: beyondResolution(loopDelay.max) } : null,
    }),
    reset: () => counters.reset(),
    gc: async (): Promise<GcReading> => {
      // Twice: the first pass may only move survivors; the second frees what the first unlinked.
      (global as { gc?: () => void }).gc?.();
      (global as { gc?: () => void }).gc?.();
      // V8 gives the pages it freed back to the system on a background thread, after the
      // collection: read at once, RSS still counts some of them, and more the more garbage there
      // was. A moment later it is what the process keeps.
      const atOnce = process.memoryUsage.rss();
      await new Promise((resolve) => setTimeout(resolve, GC_SETTLE_MS));
      const m = process.memoryUsage();
      // Where RSS is, beyond the live heap: V8's committed heap (heapTotal) and memory outside it
      // (external: Buffers and other native allocations held by JS objects).
      return { rssBytes: m.rss, rssAtOnceBytes: atOnce, heapUsedBytes: m.heapUsed, heapTotalBytes: m.heapTotal, externalBytes: m.external, arrayBuffersBytes: m.arrayBuffers };
    },
    profileStart: async ({ intervalUs = 200 }: { intervalUs?: number } = {}) => {
      session = new Session();
      session.connect();
      await inspectorPost('Profiler.enable');
      await inspectorPost('Profiler.setSamplingInterval', { interval: intervalUs });
      await inspectorPost('Profiler.start');
    },
    profileStop: async ({ file }: { file: string }) => {
      const { profile } = await inspectorPost<{ profile: unknown }>('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      session!.disconnect();
      session = undefined;
      return file;
    },
  };
}

function instrumentDb(db: Db): void {
  db.onQuery = classify;
}

/**
 * Times write statements at the driver (in A under load: the audit store's group commits, on its
 * own pool). Timing only: the statement runs exactly as before. Must run before the hub opens
 * its pools.
 */
function timeWrites(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Pool } = require('pg') as typeof import('pg');
  const query = Pool.prototype.query as (...args: unknown[]) => Promise<unknown>;
  (Pool.prototype as unknown as { query: unknown }).query = function (this: unknown, ...args: unknown[]) {
    const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string } | undefined)?.text;
    if (!text || typeof args[args.length - 1] === 'function' || !isWrite(text)) return query.apply(this, args);
    const t0 = performance.now();
    return query.apply(this, args).finally(() => (counters.writeMs += performance.now() - t0));
  };
}

/** How long after a full collection RSS is read (see the gc command). */
const GC_SETTLE_MS = 1000;

async function main(): Promise<void> {
  const role = process.argv[2];
  const args = JSON.parse(process.env.BENCH_CHILD_ARGS ?? '{}');
  switch (role) {
    case 'standins':
      return standins(args);
    case 'hub':
      return hub(args);
    case 'plain':
    case 'hive':
    case 'hive-rust':
    case 'plain-jit':
    case 'floor':
      return plain(role, args);
    default:
      throw new Error(`unknown bench role ${role}`);
  }
}

async function standins(args: { inhabitants: number; dataDir: string }): Promise<void> {
  const { benchWorld } = await import('./world');
  const { startStandIns } = await import('../hub/parts');
  const { loadConfig } = await import('../lib/config');
  const { SHOWCASE_BSNS } = await import('../municipality');
  const { municipality, built } = benchWorld(args.inhabitants);
  // Only the stand-ins' own settings matter here (ports, StUF identities, where LAS writes).
  const { BENCH_KENNISGEVING_KEY } = await import('./env');
  const config = loadConfig({ DATA_DIR: args.dataDir, INHABITANTS: String(args.inhabitants), STUF_KENNISGEVING_KEY: BENCH_KENNISGEVING_KEY });
  const standIns = await startStandIns(config, municipality, true);
  // Voorzieningen the incremental test changes: ordinary persons (no showcase story is touched).
  const showcase = new Set<string>(SHOWCASE_BSNS);
  const wmo = municipality.wmo.filter((v) => !showcase.has(v.bsn));
  const byNummer = new Map(wmo.map((v) => [v.toewijzingNummer, v]));
  /** Changes one voorziening in GWS; GWS pushes the Lk01 itself. Returns what to look for. */
  const change = async (original: WmoVoorziening, label: string) => {
    const marker = `bench-${label}-${Date.now()}`;
    const changed: WmoVoorziening = { ...original, omschrijving: marker };
    const at = Date.now();
    await standIns.gws!.upsertWmoVoorziening(changed);
    return { bsn: changed.bsn, toewijzingNummer: changed.toewijzingNummer, marker, at };
  };
  // A client whose voorziening runs open-ended: inside its archive term whatever today is, so the
  // hub serves it as soon as it has synced it (the start-up probe asks for it).
  const probe = wmo.find((v) => !v.einddatum);
  if (!probe) throw new Error('the bench world has no open-ended Wmo voorziening to probe with');
  serveCommands(
    {
      setKennisgevingUrl: ({ url }: { url: string }) => standIns.gws!.setKennisgevingUrl(url),
      changeWmo: ({ index }: { index: number }) => change(wmo[(index * 7919) % wmo.length], `change-${index}`),
      /** The same for a voorziening the orchestrator chose (one the read model holds). */
      changeWmoRecord: ({ toewijzingNummer, label }: { toewijzingNummer: string; label: string }) => {
        const original = byNummer.get(toewijzingNummer);
        if (!original) throw new Error('no such voorziening among the ordinary persons in GWS');
        return change(original, label);
      },
      delivered: () => standIns.gws!.kennisgevingen,
    },
    () => standIns.close(),
  );
  reportReady({
    brpUrl: standIns.brp!.url,
    gwsUrl: standIns.gws!.url,
    jeugdUrl: standIns.jeugd!.url,
    lasDir: standIns.las!.exportDir,
    built,
    inhabitants: municipality.inhabitants.length,
    probeBsn: probe.bsn,
    sourceRecords:
      municipality.wmo.length +
      municipality.jeugd.length +
      municipality.uitkeringen.length +
      municipality.leerlingen.length +
      municipality.inschrijvingen.length +
      municipality.verzuimmeldingen.length +
      municipality.vrijstellingen.length,
  });
}

async function hub(args: { env: Record<string, string>; queuePrefix: string }): Promise<void> {
  timeWrites();
  const { startHub } = await import('../hub');
  const { loadConfig } = await import('../lib/config');
  const { createLogger } = await import('../lib/log');
  const config = loadConfig(args.env);
  let syncStarted = 0;
  let syncDone = 0;
  // On the state of an earlier run startHub serves at once and runs a catch-up full sync behind.
  let catchUp = false;
  let readyAt = 0;
  const started = performance.now();
  const running = await startHub({
    config,
    randomPorts: false,
    queuePrefix: args.queuePrefix,
    // The hub's log lines go to stdout as in production (the child log); the sync's start and end
    // are timed from their messages, so only lines about a sync are read.
    logger: createLogger(config.LOG_LEVEL, {
      write: (json: string) => {
        process.stdout.write(json);
        if (json.includes('full sync') || json.includes('last run loaded')) onLine(String((JSON.parse(json) as { msg?: unknown }).msg ?? ''));
      },
    }),
  });
  function onLine(line: string): void {
    if (line.startsWith('first full sync running')) syncStarted = performance.now();
    if (line.startsWith('read models and cursors of the last run loaded')) {
      catchUp = true;
      syncStarted = performance.now();
    }
    if (line.startsWith('first full sync done') || line.startsWith('catch-up full sync done')) syncDone = performance.now();
  }
  instrumentDb(running.db);
  countSubgraphTraffic(new Set(running.subgraphs.map((s) => portOf(s.url))), new Set([running.gateway.port]));
  // The same resolution as the gateway's own check (@fastify/under-pressure): 10 ms.
  loopDelay = monitorEventLoopDelay({ resolution: LOOP_DELAY_RESOLUTION_MS });
  loopDelay.enable();
  // A's gateway calls its subgraphs in-process, so no subgraph server sees those fetches: they
  // are counted where the gateway times every fetch (lib/metrics.ts), over the same span.
  const { registry } = await import('../lib/metrics');
  const inProcessFetches = async () => {
    const metric = await registry.getSingleMetric('ontschot_subgraph_fetch_duration_seconds')?.get();
    return (metric?.values ?? []).filter((v) => (v as { metricName?: string }).metricName?.endsWith('_count')).reduce((n, v) => n + v.value, 0);
  };
  let fetchesAtReset = await inProcessFetches();
  const handlers = serverHandlers();
  serveCommands(
    {
      ...handlers,
      stats: async () => {
        const stats = handlers.stats(undefined) as { fetches: number };
        return { ...stats, fetches: stats.fetches + (await inProcessFetches()) - fetchesAtReset };
      },
      reset: async () => {
        fetchesAtReset = await inProcessFetches();
        return handlers.reset(undefined);
      },
      /** This start's full sync (on a restart: the catch-up behind the serving hub), once it is over. */
      fullSync: async () => {
        const ok = await running.fullSync;
        return { ok, seconds: ok ? (syncDone - syncStarted) / 1000 : NaN, afterReadySeconds: ok ? (syncDone - readyAt) / 1000 : NaN };
      },
    },
    () => running.close(),
  );
  readyAt = performance.now();
  reportReady({
    url: `http://127.0.0.1:${running.gateway.port}/graphql`,
    subgraphUrls: Object.fromEntries(running.subgraphs.map((s) => [s.name, s.url])),
    syncSeconds: catchUp ? NaN : (syncDone - syncStarted) / 1000,
    startSeconds: (readyAt - started) / 1000,
    catchUp,
    shedding: { maxInFlight: config.SHED_MAX_IN_FLIGHT, maxEventLoopDelayMs: config.SHED_MAX_EVENT_LOOP_DELAY_MS, retryAfterS: config.SHED_RETRY_AFTER_S },
  });
}

async function plain(role: 'plain' | 'hive' | 'hive-rust' | 'plain-jit' | 'floor', args: { databaseUrl: string }): Promise<void> {
  const { openDb } = await import('../lib/db');
  const { startHiveGateway, startPlainGateway, startPlainSubgraphs } = await import('./plain');
  const db = await openDb({ databaseUrl: args.databaseUrl });
  instrumentDb(db);
  const subgraphs = await startPlainSubgraphs(db, { jit: role === 'plain-jit' });
  const subgraphUrls = Object.fromEntries(subgraphs.map((s) => [s.name, s.url]));
  const supergraphSdl = readFileSync(SUPERGRAPH, 'utf8');
  let gateway: RunningServer | undefined;
  if (role === 'plain' || role === 'plain-jit') gateway = await startPlainGateway({ supergraphSdl, subgraphUrls });
  if (role === 'hive' || role === 'hive-rust') gateway = await startHiveGateway({ supergraphSdl, subgraphUrls, rustPlanner: role === 'hive-rust' });
  const subgraphPorts = new Set(subgraphs.map((s) => portOf(s.url)));
  countSubgraphTraffic(subgraphPorts, gateway ? new Set([gateway.port]) : subgraphPorts);
  serveCommands(serverHandlers(), async () => {
    await gateway?.close();
    await Promise.all(subgraphs.map((s) => s.close()));
    await db.close();
  });
  reportReady({ url: gateway?.url ?? null, subgraphUrls });
}

main().catch((err: unknown) => {
  console.error(err);
  reportFailed(err);
  process.exit(1);
});
