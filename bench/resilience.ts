/**
 * The sync under failure, as an operator meets it:
 *
 *   kill     GWS changes voorzieningen at a steady rate while the sync workers run in a process of
 *            their own — the sync part as docker-compose runs it (`scripts/part.ts sync`, its own
 *            BullMQ prefix, on A's database) — and halfway through that process is killed with
 *            SIGKILL while a kennisgeving job is running, then started again at once. Each change is
 *            timed from the GWS change until A's gateway answers it; afterwards every change is
 *            checked, record by record, in the API and in the read model.
 *   restart  A started on an empty database against A started again on the same database and
 *            queue prefix: until /readyz answers 200 and until a query is answered, and the
 *            catch-up full sync that runs behind the restarted hub.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import type { Db } from '../lib/db';
import { SHOWCASE_BSNS } from '../municipality';
import { QUEUES } from '../sync/service';
import { BENCH_ID_KEY, BENCH_KENNISGEVING_KEY, BENCH_REDIS_URL, dropRedisPrefix, freePortBlock, uniqueName } from './env';
import { percentile } from './load';
import type { HubInfo, StandInsInfo } from './measure';
import type { Restart, StartTiming, SyncKill } from './report';
import type { BenchChild } from './rpc';

const ROOT = join(__dirname, '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The gateway allows at most 20 aliases in one document: the most persons one poll asks for. */
const ALIASES = 20;

interface Change {
  bsn: string;
  toewijzingNummer: string;
  marker: string;
  /** When GWS changed it (the stand-in's clock, the same machine's). */
  at: number;
}

type Voorzieningen = Map<string, Array<{ toewijzingNummer: string; omschrijving: string }>>;

/**
 * Asks A's gateway, as wmo-consulent, for the voorzieningen of up to 20 persons in one request
 * (one alias each); a person left out of the answer has none the caller may see. `status` is
 * the HTTP status, 0 for no answer: anything but 200 (a rate limit, load shedding, a timeout)
 * says nothing about the changes.
 */
async function askVoorzieningen(url: string, token: string, bsns: readonly string[]): Promise<{ status: number; voorzieningen: Voorzieningen }> {
  const query = `query Zichtbaar(${bsns.map((_b, i) => `$b${i}: String!`).join(', ')}) { ${bsns
    .map((_b, i) => `p${i}: persoon(burgerservicenummer: $b${i}) { wmo { voorzieningen { toewijzingNummer omschrijving } } }`)
    .join(' ')} }`;
  const out: Voorzieningen = new Map();
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': 'WMO_ONDERSTEUNING' },
      body: JSON.stringify({ query, variables: Object.fromEntries(bsns.map((b, i) => [`b${i}`, b])) }),
      signal: AbortSignal.timeout(10_000),
    });
    const json = (await res.json()) as { data?: Record<string, { wmo?: { voorzieningen?: Array<{ toewijzingNummer: string; omschrijving: string }> } | null } | null> };
    bsns.forEach((b, i) => out.set(b, json.data?.[`p${i}`]?.wmo?.voorzieningen ?? []));
    return { status: res.status, voorzieningen: out };
  } catch {
    return { status: 0, voorzieningen: out };
  }
}

/**
 * The changes among `changes` that the API shows now, asked for 20 persons at a time; `refused`
 * counts the requests not answered with 200. With `patienceMs`, a refused request is asked again
 * (once a second, until then): the final check must not call a change lost over a 429.
 */
async function visibleInApi(url: string, token: string, changes: readonly Change[], patienceMs = 0): Promise<{ seen: Set<Change>; refused: number }> {
  const bsns = [...new Set(changes.map((c) => c.bsn))];
  const seen = new Set<Change>();
  let refused = 0;
  const until = Date.now() + patienceMs;
  for (let i = 0; i < bsns.length; i += ALIASES) {
    let answer = await askVoorzieningen(url, token, bsns.slice(i, i + ALIASES));
    while (answer.status !== 200 && Date.now() < until) {
      refused++;
      await sleep(1000);
      answer = await askVoorzieningen(url, token, bsns.slice(i, i + ALIASES));
    }
    if (answer.status !== 200) refused++;
    for (const c of changes) if (answer.voorzieningen.get(c.bsn)?.some((v) => v.toewijzingNummer === c.toewijzingNummer && v.omschrijving === c.marker)) seen.add(c);
  }
  return { seen, refused };
}

/** The same, asked of the read model directly. */
async function visibleInReadModel(db: Db, changes: readonly Change[]): Promise<Set<Change>> {
  const rows = await db.query<{ id: string; omschrijving: string | null }>(
    `SELECT id, record->>'omschrijving' AS omschrijving FROM dossier_record WHERE record_type = 'WMO_VOORZIENING' AND id = ANY($1)`,
    [changes.map((c) => c.toewijzingNummer)],
  );
  const held = new Map(rows.map((r) => [r.id, r.omschrijving]));
  return new Set(changes.filter((c) => held.get(c.toewijzingNummer) === c.marker));
}

/** Resolves once something accepts TCP connections on the loopback port; rejects at the deadline. */
async function listening(port: number, deadline: number): Promise<number> {
  while (Date.now() < deadline) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect({ port, host: '127.0.0.1' });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (up) return Date.now();
    await sleep(20);
  }
  throw new Error(`nothing listened on port ${port} in time`);
}

/** A log line's message: the `msg` of a JSON line, else the line as it is. */
function messageOf(line: string): string {
  if (!line.startsWith('{')) return line;
  try {
    const msg = (JSON.parse(line) as { msg?: unknown }).msg;
    return typeof msg === 'string' ? msg : line;
  } catch {
    return line;
  }
}

/**
 * `scripts/part.ts sync` as a process of its own, started directly with node (no wrapper), so
 * that SIGKILL reaches the process that holds the workers. Its output goes to the child log.
 */
class SyncPart {
  private readonly lines: string[] = [];
  private readonly watchers = new Set<() => void>();
  readonly exited: Promise<void>;

  private constructor(private readonly proc: ChildProcess, logFile: string) {
    const log = createWriteStream(logFile, { flags: 'a' });
    proc.stdout!.pipe(log);
    proc.stderr!.pipe(log);
    let buffered = '';
    proc.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      // The part logs JSON lines (lib/log.ts): its message is what is watched for.
      this.lines.push(...parts.map(messageOf));
      for (const w of [...this.watchers]) w();
    });
    this.exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    void this.exited.then(() => {
      for (const w of [...this.watchers]) w();
    });
  }

  static spawn(env: Record<string, string>, logFile: string): SyncPart {
    const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'part.ts'), 'sync'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    return new SyncPart(proc, logFile);
  }

  get running(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** Waits for the first output line matching `pattern`; rejects when the process ends first or at the deadline. */
  line(pattern: RegExp, timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.watchers.delete(check);
        reject(new Error(`the sync part did not print ${pattern} within ${timeoutMs} ms`));
      }, timeoutMs);
      const check = () => {
        const found = this.lines.find((l) => pattern.test(l));
        if (found === undefined && this.running) return;
        clearTimeout(timer);
        this.watchers.delete(check);
        if (found !== undefined) resolve(found);
        else reject(new Error(`the sync part exited before it printed ${pattern}`));
      };
      this.watchers.add(check);
      check();
    });
  }

  async kill(): Promise<void> {
    if (this.running) this.proc.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM (the part drains its workers), SIGKILL after `graceMs`. */
  async stop(graceMs = 20_000): Promise<void> {
    if (!this.running) return;
    this.proc.kill('SIGTERM');
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/** What BullMQ does about a job whose worker died, as the sync workers have it (BullMQ's defaults: SyncService sets none). */
async function stalledSettings(prefix: string): Promise<SyncKill['stalled']> {
  const worker = new Worker('bench-settings', null, { connection: { url: BENCH_REDIS_URL, maxRetriesPerRequest: null }, prefix, autorun: false });
  worker.on('error', () => undefined);
  const { lockDuration = NaN, stalledInterval = NaN, maxStalledCount = NaN } = worker.opts;
  await worker.close();
  return { lockDurationMs: lockDuration, stalledIntervalMs: stalledInterval, maxStalledCount };
}

export interface SyncKillOptions {
  standIns: BenchChild<StandInsInfo>;
  /** The orchestrator's pool on A's schema (the part writes there; the read-model check reads there). */
  db: Db;
  databaseUrl: string;
  /** A's DATA_DIR: parts of one hub share it (docker-compose mounts one volume in all). */
  dataDir: string;
  inhabitants: number;
  gatewayUrl: string;
  token: string;
  changes: number;
  ratePerS: number;
  logFile: string;
  log: (line: string) => void;
  /** Called with what to undo should the bench be interrupted. */
  onCleanup: (step: () => Promise<void>) => void;
}

/**
 * The kill scenario (see the top of this file). The caller points GWS back at A afterwards.
 * Resolves with the figures; every wait in it is bounded.
 */
export async function measureSyncKill(o: SyncKillOptions): Promise<SyncKill> {
  const prefix = uniqueName('benchsync');
  const port = await freePortBlock(1);
  const info = o.standIns.info;
  const env: Record<string, string> = {
    // Only what the part needs: the orchestrator's own environment (AUTH_*, QUEUE_PREFIX, …) stays out.
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
    DATABASE_URL: o.databaseUrl,
    REDIS_URL: BENCH_REDIS_URL,
    QUEUE_PREFIX: prefix,
    DATA_DIR: o.dataDir,
    ID_KEY: BENCH_ID_KEY,
    STUF_KENNISGEVING_KEY: BENCH_KENNISGEVING_KEY,
    STUF_KENNISGEVING_PORT: String(port),
    HOST: '127.0.0.1',
    INHABITANTS: String(o.inhabitants),
    BRP_API_URL: info.brpUrl,
    GWS_STUF_URL: info.gwsUrl,
    JEUGD_FEED_URL: info.jeugdUrl,
    LAS_EXPORT_DIR: info.lasDir,
  };
  const queue = new Queue(QUEUES.kennisgevingen, { connection: { url: BENCH_REDIS_URL, maxRetriesPerRequest: null }, prefix });
  queue.on('error', () => undefined);
  // For the lock a dead worker leaves behind (BullMQ keeps it at <prefix>:<queue>:<job id>:lock).
  const redis = new IORedis(BENCH_REDIS_URL, { maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  let part = SyncPart.spawn(env, o.logFile);
  o.onCleanup(async () => {
    await part.stop();
    await queue.close().catch(() => undefined);
    redis.disconnect();
    await dropRedisPrefix(prefix);
  });

  const DONE = /^first full sync (done|failed)/;
  const started = Date.now();
  if (!/done/.test(await part.line(DONE, 10 * 60_000))) throw new Error('the sync part could not do its first full sync; see the child log');
  await listening(port, Date.now() + 60_000);
  o.log(`kill: sync part up in ${((Date.now() - started) / 1000).toFixed(1)} s (its full sync on A's database included); GWS now pushes to it`);
  await o.standIns.call('setKennisgevingUrl', { url: `http://127.0.0.1:${port}/stuf/kennisgevingen` });

  // Voorzieningen the read model holds (so inside their term), of ordinary persons, not changed before.
  const records = await o.db.query<{ id: string }>(
    `SELECT id FROM dossier_record
      WHERE record_type = 'WMO_VOORZIENING' AND NOT (bsn = ANY($1)) AND coalesce(record->>'omschrijving', '') NOT LIKE 'bench-%'
      ORDER BY md5(id) LIMIT $2`,
    [[...SHOWCASE_BSNS], o.changes],
  );
  if (records.length < o.changes) throw new Error(`the read model holds only ${records.length} voorzieningen to change, ${o.changes} asked`);
  const stalled = await stalledSettings(prefix);
  const outboxBefore = await o.standIns.call<{ failedAttempts: number }>('delivered');

  // --- pollers: every open change, through the API as often as the answers allow, and in the read
  // model every 10 ms (the API's figure is the one asked for; the read model's shows the gateway's share)
  const changes: Change[] = [];
  const seenAt = new Map<Change, number>();
  const heldAt = new Map<Change, number>();
  const cycles: number[] = [];
  let pollRefused = 0;
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const open = changes.filter((c) => !seenAt.has(c));
      if (open.length === 0) {
        await sleep(5);
        continue;
      }
      const t0 = performance.now();
      const { seen, refused } = await visibleInApi(o.gatewayUrl, o.token, open);
      const now = Date.now();
      for (const c of seen) seenAt.set(c, now);
      pollRefused += refused;
      cycles.push(performance.now() - t0);
      // Refused (a rate limit, load shedding): ask less often rather than add to it.
      await sleep(refused ? 250 : 10);
    }
  })();
  const readModelPoller = (async () => {
    while (polling) {
      const open = changes.filter((c) => !heldAt.has(c));
      if (open.length) {
        const held = await visibleInReadModel(o.db, open).catch(() => new Set<Change>());
        const now = Date.now();
        for (const c of held) heldAt.set(c, now);
      }
      await sleep(10);
    }
  })();

  // --- the series, with the kill halfway ---------------------------------------------------------
  const killAfter = Math.floor(o.changes / 2) - 1;
  const intervalMs = 1000 / o.ratePerS;
  let killedAt = NaN;
  let backAt = NaN;
  let catchUpAt = NaN;
  let inFlight: Array<{ id: string; toewijzingNummer: string; lockLeftMs: number; backMs: number; rerunMs: number }> = [];
  let catchUp: Promise<void> = Promise.resolve();
  const kill = async () => {
    // Aim at a running kennisgeving job: the one change a kill can strand in Redis. The job of
    // the change just made starts within milliseconds; wait for it at most two seconds.
    const until = Date.now() + 2000;
    while (Date.now() < until && (await queue.getActiveCount()) === 0);
    await part.kill();
    killedAt = Date.now();
    inFlight = await Promise.all(
      (await queue.getActive()).map(async (job) => ({
        id: String(job.id),
        toewijzingNummer: String((job.data as { sleutel?: unknown }).sleutel),
        lockLeftMs: await redis.pttl(`${prefix}:${QUEUES.kennisgevingen}:${job.id}:lock`),
        backMs: NaN,
        rerunMs: NaN,
      })),
    );
    // Started again at once, as a supervisor (docker's restart policy, systemd) would.
    part = SyncPart.spawn(env, o.logFile);
    const restarted = Date.now();
    backAt = await listening(port, restarted + 5 * 60_000);
    catchUp = part.line(DONE, 10 * 60_000).then(
      () => void (catchUpAt = Date.now()),
      () => undefined,
    );
  };
  let killing: Promise<void> = Promise.resolve();
  try {
    const t0 = Date.now();
    for (let i = 0; i < o.changes; i++) {
      const wait = t0 + i * intervalMs - Date.now();
      if (wait > 0) await sleep(wait);
      changes.push(await o.standIns.call<Change>('changeWmoRecord', { toewijzingNummer: records[i].id, label: `kill-${i}` }));
      // Not awaited: GWS goes on changing records at the same rate while the part is down. Its
      // failure is taken up below, where it is awaited.
      if (i === killAfter) (killing = kill()).catch(() => undefined);
    }
    await killing;

    // --- stragglers: a job stranded by the kill comes back through BullMQ's stalled-job check ---
    // Its state, every 250 ms: still 'active' under the dead worker's lock until a stalled check
    // moves it back to waiting; once run again it is removed ('unknown', removeOnComplete).
    const deadline = Date.now() + stalled.lockDurationMs + 2 * stalled.stalledIntervalMs + 60_000;
    const rerun = () => inFlight.every((j) => Number.isFinite(j.rerunMs));
    while ((seenAt.size < changes.length || heldAt.size < changes.length || !rerun()) && Date.now() < deadline) {
      for (const j of inFlight.filter((x) => !Number.isFinite(x.rerunMs))) {
        const state = await queue.getJobState(j.id).catch(() => 'active');
        const now = Date.now() - killedAt;
        if (state !== 'active' && !Number.isFinite(j.backMs)) j.backMs = now;
        if (state === 'unknown' || state === 'completed' || state === 'failed') j.rerunMs = now;
      }
      await sleep(250);
    }
  } finally {
    polling = false;
    await Promise.all([poller, readModelPoller]);
  }
  await catchUp;

  // --- every change, record by record, in the API and in the read model --------------------------
  const { seen: inApi } = await visibleInApi(o.gatewayUrl, o.token, changes, 90_000);
  const inReadModel = await visibleInReadModel(o.db, changes);
  const arrived = changes.filter((c) => inApi.has(c) && inReadModel.has(c));
  const outboxAfter = await o.standIns.call<{ failedAttempts: number }>('delivered');
  const latency = (c: Change) => (seenAt.has(c) ? seenAt.get(c)! - c.at : NaN);
  const stats = (of: Change[], until = latency) => {
    const ms = of.map(until).filter(Number.isFinite).sort((a, b) => a - b);
    return { changes: of.length, visible: ms.length, p50: percentile(ms, 0.5), p95: percentile(ms, 0.95), max: ms.at(-1) ?? NaN };
  };
  const strandedSet = new Set(inFlight.map((j) => j.toewijzingNummer));
  const stranded = changes.filter((c) => strandedSet.has(c.toewijzingNummer));
  await part.stop();
  return {
    ...stats(changes),
    ratePerS: o.ratePerS,
    killAfter: killAfter + 1,
    lost: changes.length - arrived.length,
    arrivedInApi: inApi.size,
    arrivedInReadModel: inReadModel.size,
    downtime: stats(changes.filter((c) => c.at >= killedAt && c.at < backAt)),
    readModel: stats(changes, (c) => (heldAt.has(c) ? heldAt.get(c)! - c.at : NaN)),
    partBackMs: backAt - killedAt,
    partCatchUpDoneMs: catchUpAt - killedAt,
    inFlight: inFlight.map((j) => {
      const change = stranded.find((c) => c.toewijzingNummer === j.toewijzingNummer);
      return { lockLeftMs: j.lockLeftMs, backAfterKillMs: j.backMs, rerunAfterKillMs: j.rerunMs, visibleAfterMs: change ? latency(change) : NaN, visibleAfterKillMs: change && seenAt.has(change) ? seenAt.get(change)! - killedAt : NaN };
    }),
    stalled,
    gwsRetries: outboxAfter.failedAttempts - outboxBefore.failedAttempts,
    pollMs: cycles.length ? cycles.reduce((a, b) => a + b, 0) / cycles.length : NaN,
    pollRefused,
  };
}

export interface Probe {
  /** A's gateway port; /readyz is on it. */
  port: number;
  token: string;
  bsn: string;
}

/**
 * Starts A and times it from the spawn: until /readyz answers 200, and until a query for the
 * probe's Wmo client is answered with data (the read models served, not just a port open). Both
 * polled every 50 ms from here, while the child starts.
 */
export async function timedHubStart(start: () => Promise<BenchChild<HubInfo>>, probe: Probe): Promise<{ hub: BenchChild<HubInfo>; timing: StartTiming }> {
  const spawnedAt = performance.now();
  const deadline = Date.now() + 15 * 60_000;
  let gaveUp = false;
  const base = `http://127.0.0.1:${probe.port}`;
  const body = JSON.stringify({ query: 'query($bsn: String!) { persoon(burgerservicenummer: $bsn) { wmo { voorzieningen { toewijzingNummer } } } }', variables: { bsn: probe.bsn } });
  const watch = (async () => {
    let readyMs = NaN;
    while (!gaveUp && Date.now() < deadline && Number.isNaN(readyMs)) {
      const ok = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(5000) }).then(
        async (res) => (await res.arrayBuffer(), res.status === 200),
        () => false,
      );
      if (ok) readyMs = performance.now() - spawnedAt;
      else await sleep(50);
    }
    let answerMs = NaN;
    while (!gaveUp && Date.now() < deadline && Number.isNaN(answerMs)) {
      const ok = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${probe.token}`, 'x-purpose': 'WMO_ONDERSTEUNING' }, body, signal: AbortSignal.timeout(10_000) }).then(
        async (res) => {
          const json = (await res.json()) as { data?: { persoon?: { wmo?: { voorzieningen?: unknown[] } } }; errors?: unknown[] };
          return res.status === 200 && !json.errors?.length && (json.data?.persoon?.wmo?.voorzieningen?.length ?? 0) > 0;
        },
        () => false,
      );
      if (ok) answerMs = performance.now() - spawnedAt;
      else await sleep(50);
    }
    return { readyMs, answerMs };
  })();
  let hub: BenchChild<HubInfo>;
  try {
    hub = await start();
  } catch (err) {
    gaveUp = true;
    await watch;
    throw err;
  }
  const startedMs = performance.now() - spawnedAt;
  const { readyMs, answerMs } = await watch;
  if (!Number.isFinite(readyMs) || !Number.isFinite(answerMs)) throw new Error('A started but /readyz or the probe query never answered in time');
  return { hub, timing: { readyMs, answerMs, startedMs } };
}

/**
 * Stops A the ordinary way (drain, audit flush) and starts it again on the same database, queue
 * prefix and ports, timed like its first start; then waits for the catch-up full sync.
 */
export async function measureRestart(old: BenchChild<HubInfo>, start: () => Promise<BenchChild<HubInfo>>, probe: Probe): Promise<{ hub: BenchChild<HubInfo>; restart: Restart }> {
  const stopping = performance.now();
  await old.stop(30_000);
  const stopMs = performance.now() - stopping;
  const { hub, timing } = await timedHubStart(start, probe);
  if (!hub.info.catchUp) throw new Error('the restarted hub did not take up the state of its first start (no catch-up sync)');
  // Ready once is not ready throughout: /readyz is watched until the catch-up sync is over.
  let catchingUp = true;
  const readyz = { polls: 0, notReady: 0 };
  const watching = (async () => {
    while (catchingUp) {
      readyz.polls++;
      const ok = await fetch(`http://127.0.0.1:${probe.port}/readyz`, { signal: AbortSignal.timeout(5000) }).then(
        async (res) => (await res.arrayBuffer(), res.status === 200),
        () => false,
      );
      if (!ok) readyz.notReady++;
      await sleep(250);
    }
  })();
  const sync = await hub.call<{ ok: boolean; seconds: number; afterReadySeconds: number }>('fullSync', undefined, 15 * 60_000).finally(() => (catchingUp = false));
  await watching;
  // The child times the catch-up on its own clock; placed on ours through the moment it reported ready.
  return { hub, restart: { ...timing, stopMs, catchUpOk: sync.ok, catchUpSeconds: sync.seconds, catchUpDoneMs: timing.startedMs + sync.afterReadySeconds * 1000, readyzDuringCatchUp: readyz } };
}
