import { createHash } from 'node:crypto';
import { FlowProducer, Queue, QueueEvents, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Kennisgeving } from '../adapters/gws';
import { applyGwsKennisgeving, fullBrp, fullGws, fullJeugd, importLas, pollJeugd, retention, type GwsKennisgevingSignaal, type JobResult, type SyncDeps } from './jobs';

export interface SyncServiceOptions {
  /** Redis connection for BullMQ. */
  connection: ConnectionOptions;
  /** Key prefix in Redis; tests use a unique one each. @defaultValue 'ontschot' */
  prefix?: string;
  deps: SyncDeps;
  /** Attempts per job before it fails. @defaultValue 5 */
  attempts?: number;
  /** First retry delay in ms; doubles each attempt. @defaultValue 1000 */
  backoffMs?: number;
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

  constructor(private readonly options: SyncServiceOptions) {
    const { connection, prefix = 'ontschot' } = options;
    this.queues = {
      full: new Queue(QUEUES.full, { connection, prefix }),
      changes: new Queue(QUEUES.changes, { connection, prefix }),
      kennisgevingen: new Queue(QUEUES.kennisgevingen, { connection, prefix }),
    };
    this.events = new QueueEvents(QUEUES.full, { connection, prefix });
    this.flows = new FlowProducer({ connection, prefix });
  }

  /**
   * Redis holds no personal data: job data are ids and flags only, a completed job is removed at
   * once, and of the failed ones (ids and our own error texts, see `jobError`) only the last 1000
   * are kept, for looking into what went wrong.
   */
  private get jobOptions() {
    const { attempts = 5, backoffMs = 1000 } = this.options;
    return { attempts, backoff: { type: 'exponential', delay: backoffMs }, removeOnComplete: true, removeOnFail: { count: 1000 } };
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
    const process = async (job: Job) => {
      const run = processors[job.name];
      if (!run) throw new Error('unknown sync job');
      try {
        return await run(job);
      } catch (error) {
        throw jobError(error);
      }
    };
    const concurrency = { full: 1, changes: 3, kennisgevingen: 1 } as const;
    for (const key of Object.keys(QUEUES) as Array<keyof typeof QUEUES>) {
      const worker = new Worker(QUEUES[key], process, { connection, prefix, concurrency: concurrency[key] });
      // Failures are retried by BullMQ and visible in the queue; the listener keeps them from being unhandled.
      worker.on('error', () => undefined);
      this.workers.push(worker);
    }
    await Promise.all([...this.workers.map((w) => w.waitUntilReady()), this.events.waitUntilReady()]);
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
    return tree.job.waitUntilFinished(this.events, timeoutMs);
  }

  /** Schedules the incremental jobs (idempotent: calling again updates the schedule). */
  async schedule(options: ScheduleOptions = {}): Promise<void> {
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
