import { randomBytes } from 'node:crypto';
import type { Db, Queryable } from '../lib/db';
import { observeAuditWrite } from '../lib/metrics';
import { silentLogger, type Logger } from '../lib/log';
import { canonicalRecord, GENESIS_HASH, hashAfter, type AuditEntry } from './record';
import type { AuditSigner, ChainHead } from './signing';

export interface AuditStoreOptions {
  db: Db;
  /** Signs each stream's head every `signIntervalMs`. */
  signer: AuditSigner;
  /**
   * Names this writing process in its streams (`<bron>:<instanceId>`). It must be unique among
   * all processes that ever wrote to the store: a clash does not corrupt a chain (the primary key
   * refuses the second writer's rows) but stops that writer.
   * @defaultValue 12 random hex digits
   */
  instanceId?: string;
  /** How often the heads of streams that grew are signed. 0 signs only on `signHeads()` and `close()`. @defaultValue 10000 */
  signIntervalMs?: number;
  /** Most records in one INSERT statement; the rest wait for the next. @defaultValue 1000 */
  maxBatch?: number;
  /**
   * How long an `append` waits for its commit before it fails. The request then answers
   * SOURCE_UNAVAILABLE rather than hang on a stuck audit store (fail closed, but fail).
   * @defaultValue 5000
   */
  writeTimeoutMs?: number;
  /** Clock for head signatures (tests). @defaultValue () => new Date() */
  now?: () => Date;
  /** Where refused batches and signed heads are reported: counts and codes, never a record. @defaultValue no output */
  logger?: Logger;
}

/** What the store has done, for measurement (group commit) and health. */
export interface AuditStoreStats {
  /** Records committed. */
  records: number;
  /** INSERT statements committed (one per group commit). */
  batches: number;
  /** Size of the largest committed batch. */
  largestBatch: number;
  /** Batches that failed (their appends were rejected). */
  failedBatches: number;
  /** Heads signed. */
  headsSigned: number;
}

interface Pending {
  entries: AuditEntry[];
  /** Set when the caller stopped waiting: its records are then not written at all. */
  expired: boolean;
  /** Set once the caller has its answer (committed, refused or timed out); later outcomes are ignored. */
  settled: boolean;
  started: number;
  timer: NodeJS.Timeout | undefined;
  resolve(): void;
  reject(err: Error): void;
}

/**
 * Gives an append its outcome, once: resolved when `err` is absent. Plain functions rather than
 * closures per append, since every request makes several appends.
 */
function settle(p: Pending, err?: Error): void {
  clearTimeout(p.timer);
  if (p.settled) return;
  p.settled = true;
  observeAuditWrite((performance.now() - p.started) / 1000, !err);
  if (err) p.reject(err);
  else p.resolve();
}

/** An append whose commit did not come in time. */
function expire(p: Pending, timeoutMs: number): void {
  if (p.settled) return;
  p.settled = true;
  // Not yet in a batch: drop it, so the log never claims a disclosure that was refused.
  // Already in one: it may still commit; the log then over-reports, which is the safe side.
  p.expired = true;
  observeAuditWrite(0, false);
  p.reject(new AuditWriteError(`audit records not confirmed written within ${timeoutMs} ms`));
}

interface Waiter {
  resolve(): void;
  reject(err: Error): void;
}

interface Head {
  volgnummer: number;
  hash: string;
}

/** Raised to an `append` whose records are not confirmed written. Carries no record content. */
export class AuditWriteError extends Error {
  readonly code = 'AUDIT_WRITE_FAILED';
}

/**
 * The append-only audit store: hash-chains every record into its stream and writes with group
 * commit.
 *
 * Group commit: while one INSERT is in flight, every `append` that arrives queues; when it
 * commits, everything queued goes into the next one (up to `maxBatch`). Under load, many requests
 * share one commit's round trip and fsync; when idle, what was appended in one turn of the event
 * loop is written at the end of that turn (no timer delays it). Each `append` resolves only when
 * its own records have committed, so a caller that awaits it knows they are durable before it
 * answers.
 *
 * The store writes over a connection of its own (`Db.dedicated`), so audit writes never queue
 * behind read-model queries for a pool slot, and that connection carries a statement timeout of
 * `writeTimeoutMs`, so a write stuck behind a lock or a hung disk ends and the writer goes on.
 * A failed batch is retried append by append, so a record the database refuses fails only its
 * own request.
 *
 * Chains: each bron this process writes for has its own stream `<bron>:<instanceId>`, so
 * replicas and restarts never contend for one chain head. Heads live in memory and advance only
 * when a batch commits; after a failed batch (where a COMMIT may or may not have happened) they
 * are read back from the database before the next batch.
 */
export class AuditStore {
  readonly instanceId: string;
  private readonly db: Db;
  private readonly signer: AuditSigner;
  private readonly maxBatch: number;
  private readonly writeTimeoutMs: number;
  private readonly now: () => Date;
  private readonly heads = new Map<string, Head>();
  /** Heads as last signed, to sign only streams that grew. */
  private readonly signed = new Map<string, number>();
  private queue: Pending[] = [];
  private writing: Promise<void> | null = null;
  private signWaiters: Waiter[] = [];
  private headsStale = true;
  private signTimer: NodeJS.Timeout | undefined;
  private signDue = false;
  /** A kick is scheduled for the end of this turn (see `append`). */
  private kickDue = false;
  private closed = false;
  private closing: Promise<void> | undefined;
  private readonly log: Logger;
  readonly stats: AuditStoreStats = { records: 0, batches: 0, largestBatch: 0, failedBatches: 0, headsSigned: 0 };

  constructor(options: AuditStoreOptions) {
    this.signer = options.signer;
    this.instanceId = options.instanceId ?? randomBytes(6).toString('hex');
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(this.instanceId)) throw new TypeError('audit instance id must be 1–64 characters of A–Z a–z 0–9 . _ -');
    this.maxBatch = options.maxBatch ?? 1000;
    this.writeTimeoutMs = options.writeTimeoutMs ?? 5000;
    // One connection is enough: batches are written one after another.
    this.db = options.db.dedicated({ poolSize: 1, statementTimeoutMs: this.writeTimeoutMs });
    this.now = options.now ?? (() => new Date());
    this.log = options.logger ?? silentLogger;
    const interval = options.signIntervalMs ?? 10_000;
    if (interval > 0) {
      this.signTimer = setInterval(() => {
        this.signDue = true;
        this.kick();
      }, interval);
      // A pending signature must not keep a process alive that is otherwise done.
      this.signTimer.unref();
    }
  }

  /** Records waiting for the next group commit (not yet in a statement): the metrics' audit backlog. */
  get backlog(): number {
    let n = 0;
    for (const p of this.queue) if (!p.expired) n += p.entries.length;
    return n;
  }

  /** The stream a bron's records go to in this process. */
  streamFor(bron: string): string {
    return `${bron}:${this.instanceId}`;
  }

  /**
   * Appends entries; resolves once they are committed, rejects with AuditWriteError when they
   * are not (database refused, or no commit within `writeTimeoutMs`). All or none: the entries
   * of one call always go into one statement.
   */
  append(entries: AuditEntry[]): Promise<void> {
    if (this.closed) return Promise.reject(new AuditWriteError('the audit store is closed'));
    if (entries.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const pending: Pending = { entries, expired: false, settled: false, started: performance.now(), timer: undefined, resolve, reject };
      pending.timer = setTimeout(expire, this.writeTimeoutMs, pending, this.writeTimeoutMs);
      this.queue.push(pending);
      // Started at the end of this turn of the event loop, not at once: the subgraphs of one plan
      // stage that got their data together finish together, and their records share a commit
      // instead of the first starting one that the others must wait out.
      if (!this.kickDue) {
        this.kickDue = true;
        setImmediate(() => this.kick());
      }
    });
  }

  /**
   * Signs the head of every stream that grew since its last signature; resolves once stored,
   * rejects with AuditWriteError when the database refused them.
   */
  signHeads(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.signWaiters.push({ resolve, reject });
      this.signDue = true;
      this.kick();
    });
  }

  /** Writes what is queued, signs the final heads, refuses further appends, and lets go of the connection. */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    if (this.signTimer) clearInterval(this.signTimer);
    this.closed = true;
    while (this.writing || this.queue.length) {
      this.kick();
      await this.writing;
    }
    await this.signHeads().catch(() => undefined);
    await this.db.close();
  }

  /** Starts the next batch unless one is in flight. */
  private kick(): void {
    this.kickDue = false;
    if (this.writing) return;
    this.queue = this.queue.filter((p) => !p.expired);
    if (this.queue.length === 0) {
      // An interval with nothing new costs no statement.
      if (this.signDue && this.signWaiters.length === 0 && !this.hasUnsignedHeads()) this.signDue = false;
      if (!this.signDue) return;
    }
    const batch: Pending[] = [];
    let size = 0;
    while (this.queue.length && (batch.length === 0 || size + this.queue[0].entries.length <= this.maxBatch)) {
      const next = this.queue.shift()!;
      batch.push(next);
      size += next.entries.length;
    }
    const waiters = this.signDue ? this.signWaiters : null;
    if (waiters) {
      this.signDue = false;
      this.signWaiters = [];
    }
    this.writing = this.write(batch, waiters).finally(() => {
      this.writing = null;
      this.kick();
    });
  }

  /**
   * Writes a batch. When it fails, each of its appends is tried again on its own, so that one
   * record the database refuses fails only its own request, not everyone who shared its commit.
   */
  private async write(batch: Pending[], signWaiters: Waiter[] | null): Promise<void> {
    try {
      await this.commit(batch, signWaiters);
      return;
    } catch (cause) {
      // The cause may quote a row (a constraint message can): the log gets its class and code
      // only (lib/log.ts), callers a plain error.
      this.log.error({ err: cause, records: batch.reduce((n, p) => n + p.entries.length, 0), appends: batch.length }, 'audit batch refused by the database');
      // Unsigned heads stay unsigned until the next interval: retrying at once would hammer a
      // database that just failed.
      for (const w of signWaiters ?? []) w.reject(new AuditWriteError('the audit store refused the signed heads'));
    }
    const err = new AuditWriteError('the audit store refused the records');
    if (batch.length === 1) return settle(batch[0], err);
    let refused = 0;
    for (const p of batch) {
      if (p.expired) continue;
      await this.commit([p], null).catch(() => (refused++, settle(p, err)));
    }
    if (refused) this.log.error({ appends: refused }, 'audit records not written: their requests answer SOURCE_UNAVAILABLE');
  }

  /**
   * One statement: the batch's records, chained, and (when `signWaiters` is given) the signed
   * heads, inserted together by one CTE. A single statement is its own transaction, so it
   * commits whole or not at all, in one round trip (no BEGIN, no COMMIT).
   */
  private async commit(batch: Pending[], signWaiters: Waiter[] | null): Promise<void> {
    const entries = batch.flatMap((p) => p.entries);
    try {
      await this.loadHeads(new Set(entries.map((e) => this.streamFor(e.bron))));
      // Chain positions are computed on copies: the in-memory heads move only after the commit.
      const next = new Map(this.heads);
      // Each record goes to the database as the very text its hash was computed over, with the
      // hash added: what is stored cannot drift from what the chain vouches for, and the record
      // is written out once, not once for the hash and again for the statement.
      const rows = entries.map((e) => {
        const stroom = this.streamFor(e.bron);
        const prev = next.get(stroom) ?? { volgnummer: 0, hash: GENESIS_HASH };
        const volgnummer = prev.volgnummer + 1;
        const canonical = canonicalRecord({ ...e, stroom, volgnummer });
        const hash = hashAfter(canonical, prev.hash);
        next.set(stroom, { volgnummer, hash });
        // The hash is hex: nothing in it needs escaping.
        return `${canonical.slice(0, -1)},"hash":"${hash}"}`;
      });
      const toSign = signWaiters ? [...next].filter(([stroom, h]) => (this.signed.get(stroom) ?? 0) < h.volgnummer) : [];
      const tijdstip = this.now().toISOString();
      const signedHeads = toSign.map(([stroom, h]) => {
        const head: ChainHead = { stroom, volgnummer: h.volgnummer, hash: h.hash, tijdstip, sleutelId: this.signer.keyId };
        return { head, handtekening: this.signer.sign(head) };
      });
      if (rows.length || signedHeads.length) await insertRecordsAndHeads(this.db, rows, signedHeads);
      for (const [stroom, h] of next) this.heads.set(stroom, h);
      for (const { head } of signedHeads) this.signed.set(head.stroom, head.volgnummer);
      if (rows.length) {
        this.stats.records += rows.length;
        this.stats.batches += 1;
        this.stats.largestBatch = Math.max(this.stats.largestBatch, rows.length);
      }
      this.stats.headsSigned += signedHeads.length;
      if (signedHeads.length) this.log.debug({ heads: signedHeads.length, records: rows.length }, 'audit heads signed');
      for (const p of batch) settle(p);
      for (const w of signWaiters ?? []) w.resolve();
    } catch (err) {
      // Whether a failed statement committed is unknown (the connection may have dropped after
      // the server committed): read the heads back before the next batch.
      this.stats.failedBatches += 1;
      this.headsStale = true;
      throw err;
    }
  }

  private hasUnsignedHeads(): boolean {
    for (const [stroom, h] of this.heads) if ((this.signed.get(stroom) ?? 0) < h.volgnummer) return true;
    return false;
  }

  /**
   * Reads the heads of the given streams that are not in memory: on a stream's first batch in
   * this process (a configured instance id may continue a stream of an earlier run), and after
   * a failed batch. One primary-key lookup per stream.
   */
  private async loadHeads(streams: Set<string>): Promise<void> {
    const reload = this.headsStale;
    if (reload) for (const stroom of this.heads.keys()) streams.add(stroom);
    for (const stroom of streams) {
      if (!reload && this.heads.has(stroom)) continue;
      const [row] = await this.db.query<{ volgnummer: number; hash: string }>('SELECT volgnummer, hash FROM audit_record WHERE stroom = $1 ORDER BY volgnummer DESC LIMIT 1', [stroom]);
      this.heads.set(stroom, row ? { volgnummer: Number(row.volgnummer), hash: row.hash } : { volgnummer: 0, hash: GENESIS_HASH });
    }
    this.headsStale = false;
  }
}

/**
 * Records and signed heads in one statement; each travels as one JSON parameter, whatever the
 * batch size. `rows` are records in their canonical JSON with their hash (see `commit`), so the
 * columns are read from the record's own field names and nesting.
 */
async function insertRecordsAndHeads(db: Queryable, rows: string[], heads: Array<{ head: ChainHead; handtekening: string }>): Promise<void> {
  await db.query(
    `WITH r AS (
       INSERT INTO audit_record (stroom, volgnummer, id, tijdstip, soort, bron, trace_id, span_id, verwerkingsactiviteit, betrokkene, betrokkene_type,
                                 actor_sub, actor_organisatie, actor_rollen, doel, operatie, document_hash, verstrekt, geweigerd, status, http_status, hash)
       SELECT stroom, volgnummer, id, tijdstip, soort, bron, "traceId", "spanId", verwerkingsactiviteit, betrokkene->>'id', betrokkene->>'type',
              actor->>'sub', actor->>'organisatie', ARRAY(SELECT jsonb_array_elements_text(actor->'rollen')), doel, operatie, "documentHash",
              verstrekt, geweigerd, status, "httpStatus", hash
         FROM jsonb_to_recordset($1::jsonb) AS r(stroom text, volgnummer bigint, id uuid, tijdstip timestamptz, soort text, bron text, "traceId" text,
              "spanId" text, verwerkingsactiviteit text, betrokkene jsonb, actor jsonb, doel text, operatie text, "documentHash" text,
              verstrekt text[], geweigerd jsonb, status text, "httpStatus" integer, hash text)),
     k AS (
       INSERT INTO audit_kop (stroom, volgnummer, hash, tijdstip, sleutel_id, handtekening)
       SELECT stroom, volgnummer, hash, tijdstip, sleutel_id, handtekening
         FROM jsonb_to_recordset($2::jsonb) AS h(stroom text, volgnummer bigint, hash text, tijdstip timestamptz, sleutel_id text, handtekening text)
       -- A stream continued under a configured instance id may have this head signed already.
       ON CONFLICT (stroom, volgnummer) DO NOTHING)
     SELECT 1`,
    [
      `[${rows.join(',')}]`,
      JSON.stringify(heads.map(({ head, handtekening }) => ({ stroom: head.stroom, volgnummer: head.volgnummer, hash: head.hash, tijdstip: head.tijdstip, sleutel_id: head.sleutelId, handtekening }))),
    ],
  );
}
