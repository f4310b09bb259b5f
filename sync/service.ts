import { FlowProducer, Queue, QueueEvents, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { fullBrp, fullGws, type JobResult, type SyncDeps } from './jobs';

export interface SyncServiceOptions {
  /** Redis connection for BullMQ. */
  connection: ConnectionOptions;
  /** Key prefix in Redis; tests use a unique one each. @defaultValue 'ontschot' */
  prefix?: string;
  deps: SyncDeps;
  /** Jobs processed at once by this worker. @defaultValue 2 */
  concurrency?: number;
  /** Attempts per job before it fails. @defaultValue 5 */
  attempts?: number;
  /** First retry delay in ms; doubles each attempt. @defaultValue 1000 */
  backoffMs?: number;
}

export const SYNC_QUEUE = 'sync';

type Processor = (deps: SyncDeps, run: string) => Promise<JobResult>;
const PROCESSORS: Record<string, Processor> = {
  'full-gws': fullGws,
  'full-brp': fullBrp,
};

/**
 * BullMQ wiring of the sync jobs. A full sync is a flow: the BRP job runs after the domain
 * sources' jobs, because it copies the persons those sources name. Jobs keep their id across
 * retries, and that id is the sweep's run mark, so a retried job finishes what it started.
 */
export class SyncService {
  private readonly queue: Queue;
  private readonly events: QueueEvents;
  private readonly flows: FlowProducer;
  private worker?: Worker;

  constructor(private readonly options: SyncServiceOptions) {
    const { connection, prefix = 'ontschot' } = options;
    this.queue = new Queue(SYNC_QUEUE, { connection, prefix });
    this.events = new QueueEvents(SYNC_QUEUE, { connection, prefix });
    this.flows = new FlowProducer({ connection, prefix });
  }

  /** Starts processing jobs in this process. */
  async start(): Promise<void> {
    const { connection, prefix = 'ontschot', deps, concurrency = 2 } = this.options;
    this.worker = new Worker(
      SYNC_QUEUE,
      async (job: Job) => {
        const processor = PROCESSORS[job.name];
        if (!processor) throw new Error(`unknown sync job ${job.name}`);
        return processor(deps, `${job.id}`);
      },
      { connection, prefix, concurrency },
    );
    // Errors are retried by BullMQ; the listener only keeps them from being unhandled.
    this.worker.on('error', () => undefined);
    await this.worker.waitUntilReady();
    await this.events.waitUntilReady();
  }

  /** Runs a full sync of every source and resolves when it is complete (or rejects when it failed). */
  async runFullSync(timeoutMs = 10 * 60_000): Promise<JobResult> {
    const { attempts = 5, backoffMs = 1000 } = this.options;
    const opts = { attempts, backoff: { type: 'exponential', delay: backoffMs }, removeOnComplete: 100, removeOnFail: 1000 };
    const tree = await this.flows.add({
      name: 'full-brp',
      queueName: SYNC_QUEUE,
      opts,
      children: [{ name: 'full-gws', queueName: SYNC_QUEUE, opts: { ...opts, failParentOnFailure: true } }],
    });
    return tree.job.waitUntilFinished(this.events, timeoutMs);
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await Promise.all([this.queue.close(), this.events.close(), this.flows.close()]);
  }
}
