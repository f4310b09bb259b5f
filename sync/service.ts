import { createHash } from 'node:crypto';
import { FlowProducer, Queue, QueueEvents, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { SourceSystem } from '../domain/record-types';
import { silentLogger, type Logger } from '../lib/log';
import { markSyncFailure } from '../read-model/sync-state';
import { countSyncJob } from '../lib/metrics';
import { traceSyncJob } from '../lib/tracing';
import type { Kennisgeving } from '../adapters/gws';
import { applyGwsKennisgeving, fullBrp, fullGws, fullJeugd, importLas, pollJeugd, retention, type GwsKennisgevingSignaal, type JobResult, type SyncDeps } from './jobs';

export interface SyncServiceOptions {
  /** Redis connection for BullMQ. */
  connection: ConnectionOptions;
  /** Key prefix in Redis; tests use a unique one each. @defaultValue 'ontschot' */
  prefix?: string;
  deps: SyncDeps;
  /**
   * Where each job's start (debug), end and failure are reported: its name, id (ids the hub made:
   * a uuid, a schedule's id, a hash of GWS's referentienummer), attempt, duration and counts. Never
   * its data: a kennisgeving's sleutel can be a BSN. @defaultValue no output
   */
  logger?: Logger;
  /** Attempts per job before it fails (first try included). @defaultValue 10 */
  attempts?: number;
  /** First retry delay in ms; doubles each attempt, ±20 % jitter. @defaultValue 5000 */
  backoffMs?: number;
  /**
   * Longest wait between two attempts in ms. With the defaults the retries of one job are spread
   * over about 14 minutes: past a back office's restart and the adapters' breaker window.
   * @defaultValue 180000
   */
  maxBackoffMs?: number;
}

export interface ScheduleOptions {
  /** How often the Jeugd feed is read from its cursor. @defaultValue 2000 */
  jeugdPollMs?: number;
  /** How often the LAS export folder is checked for a new export. @defaultValue 60000 */
  lasImportMs?: number;
  // Retention runs daily at 02:30 (and after every full sync).
}

/**
 * Three queues, because their jobs need different ordering:
 * - `sync-full`: full syncs, one at a time (they are long and each sweeps what it did not see);
 * - `sync-changes`: polls and imports, a few at once;
 * - `sync-gws-lk01`: StUF kennisgevingen, strictly one at a time, so that two changes to one
 *   record are applied in the order GWS sent them.
 */
export const QUEUES = { full: 'sync-full', changes: 'sync-changes', kennisgevingen: 'sync-gws-lk01' } as const;

/**
 * BullMQ wiring of the sync jobs. A full sync is a flow: the BRP job runs after the domain
 * sources' jobs, because it copies the persons those sources name. Jobs keep their id across
 * retries, and that id is the sweep's run mark, so a retried job finishes what it started.
 */
export class SyncService {
  private readonly queues: Record<keyof typeof QUEUES, Queue>;
  private readonly events: QueueEvents;
  private readonly flows: FlowProducer;
  private readonly workers: Worker[] = [];
  /** What `schedule` was last given, so that `ensureScheduled` can put the same back. */
  private scheduled: ScheduleOptions | null = null;

  constructor(private readonly options: SyncServiceOptions) {
    const { connection, prefix = 'ontschot' } = options;
    this.queues = {
      full: new Queue(QUEUES.full, { connection, prefix }),
      changes: new Queue(QUEUES.changes, { connection, prefix }),
      kennisgevingen: new Queue(QUEUES.kennisgevingen, { connection, prefix }),
    };
    this.events = new QueueEvents(QUEUES.full, { connection, prefix });
    this.flows = new FlowProducer({ connection, prefix });
    // A lost Redis connection is reported here too; ioredis reconnects by itself, and an
    // unhandled 'error' event would end the process.
    const ignore = () => undefined;
    for (const queue of Object.values(this.queues)) queue.on('error', ignore);
    this.events.on('error', ignore);
    this.flows.on('error', ignore);
  }

  /**
   * Puts the schedules back when Redis lost them (it restarted empty); true when it had to.
   * Nothing to do before `schedule` was first called.
   */
  async ensureScheduled(): Promise<boolean> {
    if (!this.scheduled) return false;
    const present = await Promise.all([
      this.queues.changes.getJobScheduler('poll-jeugd'),
      this.queues.changes.getJobScheduler('import-las'),
      this.queues.full.getJobScheduler('retention-daily'),
    ]);
    if (present.every(Boolean)) return false;
    await this.schedule(this.scheduled);
    return true;
  }

  /**
   * Queues again the change jobs that failed all their attempts (ids only: what changed, read
   * afresh from the source when the job runs), each with a full set of attempts. The supervisor
   * calls this every cycle, so a kennisgeving outlives an outage of any length.
   */
  async retryFailed(): Promise<void> {
    await this.queues.kennisgevingen.retryJobs({ state: 'failed' });
  }

  /**
   * Redis holds no personal data: job data are ids and flags only, a completed job is removed at
   * once, and of the failed ones (ids and our own error texts, see `jobError`) only the last 1000
   * are kept, for looking into what went wrong.
   */
  private get jobOptions() {
    const { attempts = 10 } = this.options;
    return { attempts, backoff: { type: JITTERED }, removeOnComplete: true, removeOnFail: { count: 1000 } };
  }

  /**
   * The wait before attempt `attemptsMade + 1`: exponential, capped, with ±20 % jitter so that
   * jobs that failed together (one outage) do not all come back in the same instant.
   */
  retryDelay(attemptsMade: number): number {
    const { backoffMs = 5000, maxBackoffMs = 180_000 } = this.options;
    const plain = Math.min(maxBackoffMs, backoffMs * 2 ** Math.max(0, attemptsMade - 1));
    return Math.round(plain * (0.8 + 0.4 * Math.random()));
  }

  /** Jobs per queue and state, for the metrics (one round trip per queue). */
  async jobCounts(): Promise<Record<string, Record<string, number>>> {
    const entries = await Promise.all(Object.values(this.queues).map(async (queue) => [queue.name, await queue.getJobCounts('waiting', 'active', 'delayed', 'failed')] as const));
    return Object.fromEntries(entries);
  }

  /** Starts processing jobs in this process. */
  async start(): Promise<void> {
    const { connection, prefix = 'ontschot', deps } = this.options;
    const processors: Record<string, (job: Job) => Promise<JobResult>> = {
      'full-gws': (job) => fullGws(deps, `${job.id}`),
      'full-brp': (job) => fullBrp(deps, `${job.id}`),
      'full-jeugd': (job) => fullJeugd(deps, `${job.id}`),
      'import-las': (job) => importLas(deps, `${job.id}`, job.data?.force === true),
      'poll-jeugd': () => pollJeugd(deps),
      'gws-kennisgeving': (job) => applyGwsKennisgeving(deps, job.data as GwsKennisgevingSignaal),
      retention: () => retention(deps),
    };
    const log = this.options.logger ?? silentLogger;
    const process = async (job: Job) => {
      const run = processors[job.name];
      if (!run) throw new Error('unknown sync job');
      // Metrics, the job's span and its log lines name the job by its name and BullMQ id only:
      // its data holds record ids (a kennisgeving's sleutel can be a BSN).
      const fields = { job: job.name, jobId: job.id ?? null, attempt: job.attemptsMade + 1 };
      const started = performance.now();
      log.debug(fields, 'sync job started');
      return traceSyncJob(job.name, job.queueName, async () => {
        try {
          const result = await run(job);
          countSyncJob(job.name, true);
          // The Jeugd poll runs every few seconds: its routine end is detail, the rest is news.
          log[job.name === 'poll-jeugd' ? 'debug' : 'info']({ ...fields, durationMs: Math.round(performance.now() - started), ...counts(result) }, 'sync job done');
          return result;
        } catch (error) {
          countSyncJob(job.name, false);
          log.warn({ ...fields, durationMs: Math.round(performance.now() - started), err: error, source: JOB_SOURCE[job.name] ?? null }, 'sync job failed');
          await this.recordFailure(job.name, error);
          throw jobError(error);
        }
      });
    };
    const concurrency = { full: 1, changes: 3, kennisgevingen: 1 } as const;
    for (const key of Object.keys(QUEUES) as Array<keyof typeof QUEUES>) {
      const worker = new Worker(QUEUES[key], process, {
        connection,
        prefix,
        concurrency: concurrency[key],
        settings: { backoffStrategy: (attemptsMade: number) => this.retryDelay(attemptsMade) },
      });
      // Failures are retried by BullMQ and visible in the queue; the listener keeps them from being unhandled.
      worker.on('error', () => undefined);
      this.workers.push(worker);
    }
    await Promise.all([...this.workers.map((w) => w.waitUntilReady()), this.events.waitUntilReady()]);
  }

  /**
   * Per source, when its last job failed and with which error code, in Postgres (sync_state),
   * where the gateway reads it for /readyz even when it runs in another process. A success is
   * recorded by the job itself, with what it committed (markSynced: last_reached_at), and this
   * time is on the same clock, the sync's, so the two compare. A database that cannot be reached
   * just goes unrecorded: /readyz checks it on its own.
   */
  private async recordFailure(jobName: string, error: unknown): Promise<void> {
    const source = JOB_SOURCE[jobName];
    if (!source) return;
    const at = (this.options.deps.now ?? (() => new Date()))().toISOString();
    await markSyncFailure(this.options.deps.db, source, at, errorCode(error)).catch(() => undefined);
  }

  /** Runs a full sync of every source; resolves when it is complete, rejects when it failed. */
  async runFullSync(timeoutMs = 10 * 60_000): Promise<JobResult> {
    const opts = this.jobOptions;
    const child = (name: string, data: object = {}) => ({ name, queueName: QUEUES.full, data, opts: { ...opts, failParentOnFailure: true } });
    // Retention runs last: it needs the BRP copy's birth dates for the leerplicht terms.
    const tree = await this.flows.add({
      name: 'retention',
      queueName: QUEUES.full,
      opts,
      children: [{ ...child('full-brp'), children: [child('full-gws'), child('full-jeugd'), child('import-las', { force: true })] }],
    });
    const finished = tree.job.waitUntilFinished(this.events, timeoutMs);
    // A Redis that restarted empty took the flow with it: no event will ever come, so look.
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const lost = new Promise<never>((_, reject) => {
      const look = async () => {
        const state = await this.queues.full.getJobState(tree.job.id!).catch(() => 'unreachable');
        if (settled) return;
        if (state === 'unknown') return reject(Object.assign(new Error('the full sync flow is gone from Redis'), { code: 'FLOW_LOST' }));
        timer = setTimeout(look, FLOW_CHECK_MS);
      };
      timer = setTimeout(look, FLOW_CHECK_MS);
    });
    try {
      return await Promise.race([finished, lost]);
    } finally {
      settled = true;
      clearTimeout(timer);
    }
  }

  /** Schedules the incremental jobs (idempotent: calling again updates the schedule). */
  async schedule(options: ScheduleOptions = {}): Promise<void> {
    this.scheduled = options;
    const opts = { ...this.jobOptions, attempts: 1 };
    await this.queues.changes.upsertJobScheduler('poll-jeugd', { every: options.jeugdPollMs ?? 2000 }, { name: 'poll-jeugd', opts });
    await this.queues.changes.upsertJobScheduler('import-las', { every: options.lasImportMs ?? 60_000 }, { name: 'import-las', opts });
    await this.queues.full.upsertJobScheduler('retention-daily', { pattern: '0 30 2 * * *' }, { name: 'retention', opts: { ...this.jobOptions } });
  }

  /**
   * Queues a GWS kennisgeving as a signal: the ids of what changed, never the record (the job
   * reads that from GWS itself). Resolves once it is stored in Redis: only then may the hub
   * answer GWS with a Bv01, which ends GWS's own retries.
   */
  async enqueueKennisgeving(k: Pick<Kennisgeving, keyof GwsKennisgevingSignaal>): Promise<void> {
    // Field by field, so nothing else the parsed message carries (record, vorige) can slip in.
    const signaal: GwsKennisgevingSignaal = { entiteittype: k.entiteittype, sleutel: k.sleutel, soort: k.soort, referentienummer: k.referentienummer, tijdstipBericht: k.tijdstipBericht };
    // The referentienummer dedupes a kennisgeving GWS sent twice (our Bv01 got lost) while the
    // first still waits; hashed, because a job id may not contain ':' and GWS chooses the number.
    const jobId = `lk01-${createHash('sha256').update(k.referentienummer).digest('hex').slice(0, 32)}`;
    await this.queues.kennisgevingen.add('gws-kennisgeving', signaal, { ...this.jobOptions, jobId });
  }

  /** Waits until no change job is waiting or running (tests and benchmarks). */
  async drained(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const counts = await Promise.all([this.queues.kennisgevingen.getJobCounts('waiting', 'active', 'delayed'), this.queues.changes.getJobCounts('waiting', 'active')]);
      if (counts.every((c) => Object.values(c).every((n) => n === 0))) return;
      if (Date.now() > deadline) throw new Error('sync queues did not drain in time');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all([...Object.values(this.queues).map((q) => q.close()), this.events.close(), this.flows.close()]);
  }
}

const SOURCES = new Set(['BRP', 'GWS', 'JEUGD', 'LAS']);

/** How often a running full sync checks that its flow is still in Redis (ms). */
const FLOW_CHECK_MS = 2000;
/** The name of the custom backoff strategy (`retryDelay`) in job options. */
const JITTERED = 'jittered';

/** Which source each job reads; retention reads none. */
const JOB_SOURCE: Record<string, SourceSystem> = {
  'full-gws': 'GWS',
  'gws-kennisgeving': 'GWS',
  'full-brp': 'BRP',
  'full-jeugd': 'JEUGD',
  'poll-jeugd': 'JEUGD',
  'import-las': 'LAS',
};

/** A job result's counts and flags, for its log line: names and ids it may hold stay out. */
function counts(result: JobResult): Record<string, number | boolean> {
  return Object.fromEntries(Object.entries(result ?? {}).filter(([, v]) => typeof v === 'number' || typeof v === 'boolean')) as Record<string, number | boolean>;
}

/** A failure's code for sync_state: the adapter's or driver's code, never its message. */
function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,40}$/i.test(code) ? code : 'ERROR';
}

/**
 * What a failed job leaves in Redis (failedReason, stacktrace). The adapters' errors promise
 * messages without personal data (they name elements, statuses and sizes, never values), so
 * theirs are kept; any other error (a database error can quote a value it choked on) is reduced
 * to its name and code. A new Error, so its stack is ours and carries only that text.
 */
function jobError(error: unknown): Error {
  const e = error as { name?: unknown; message?: unknown; code?: unknown; source?: unknown } | null;
  if (e && typeof e.source === 'string' && SOURCES.has(e.source) && typeof e.message === 'string') {
    return new Error(`[${e.source} ${typeof e.code === 'string' ? e.code : 'error'}] ${e.message}`);
  }
  const name = e && typeof e.name === 'string' && /^\w{1,40}$/.test(e.name) ? e.name : 'Error';
  const code = e && typeof e.code === 'string' && /^\w{1,20}$/.test(e.code) ? ` (${e.code})` : '';
  return new Error(`${name}${code} in a sync job; details withheld, they may quote data`);
}
