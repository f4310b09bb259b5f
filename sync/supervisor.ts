import { silentLogger, type Logger } from '../lib/log';
import type { SyncService } from './service';

export interface SupervisorOptions {
  /** How often a cycle runs (ms). */
  intervalMs: number;
  /** A full sync is owed (the first one failed): each cycle runs one until one succeeds. */
  fullSyncOwed?: boolean;
  /** Called once a full sync the supervisor ran succeeded. */
  onFullSync?: () => void;
  /** Where it reports what it put back and how full syncs went, never with personal data. @defaultValue no output */
  logger?: Logger;
}

/**
 * Keeps the sync process converging whatever happened to Redis, Postgres or a back office, and
 * never lets a failure end the process. Each cycle:
 * - puts the job schedulers back when Redis lost them (it restarted empty): without them the
 *   Jeugd poll and the LAS import never run again. The readers resume from their cursors in
 *   Postgres (sync_state), so nothing is read twice or skipped;
 * - runs the full sync that is owed (the first one failed, e.g. a back office was down at start),
 *   until one succeeds;
 * - queues again the kennisgeving jobs that failed all their attempts, so a change GWS reported
 *   during a long outage still arrives. That is the "next cycle" a failed job is picked up by.
 * A cycle that fails (Redis or Postgres down) is simply tried again at the next.
 */
export class SyncSupervisor {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private fullSync: Promise<unknown> | null = null;
  private fullSyncOwed: boolean;
  private stopped = false;

  constructor(
    private readonly sync: SyncService,
    private readonly options: SupervisorOptions,
  ) {
    this.fullSyncOwed = options.fullSyncOwed ?? false;
  }

  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => void this.cycle(), this.options.intervalMs);
    this.timer.unref();
    if (this.fullSyncOwed) void this.cycle();
  }

  /** Owes a full sync again (e.g. the caller's own first one failed). */
  oweFullSync(): void {
    this.fullSyncOwed = true;
  }

  /** One cycle now; cycles never overlap. */
  cycle(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= this.once().finally(() => (this.running = null));
    return this.running;
  }

  private async once(): Promise<void> {
    const log = this.options.logger ?? silentLogger;
    try {
      if (await this.sync.ensureScheduled()) log.warn('sync schedules were gone from Redis: re-created');
    } catch {
      // Redis cannot be reached: the next cycle tries again.
    }
    if (this.fullSyncOwed && !this.fullSync) {
      // Not awaited: a full sync can take minutes, and the other duties should not wait for it.
      this.fullSync = this.sync
        .runFullSync()
        .then(() => {
          this.fullSyncOwed = false;
          log.info('full sync done');
          this.options.onFullSync?.();
        })
        .catch((err: unknown) => log.warn({ err }, 'full sync failed; trying again at the next cycle'))
        .finally(() => (this.fullSync = null));
    }
    await this.sync.retryFailed().catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }
}
