import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';

/**
 * A tiny request/response protocol over Node's IPC channel between the bench orchestrator and
 * the processes it starts (stand-ins, the servers under test). Commands are bounded by a
 * timeout, so a hung child cannot hang the bench.
 */

interface Request {
  id: number;
  cmd: string;
  args?: unknown;
}

interface Response {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

interface Ready {
  type: 'ready';
  info: unknown;
}

interface Failed {
  type: 'failed';
  error: string;
}

const CHILD_ENTRY = join(__dirname, 'child.ts');

interface StartOptions {
  /** Extra node flags (e.g. --cpu-prof). --expose-gc is always given. */
  execArgv?: string[];
  /** Where the child's stdout and stderr go. */
  logFile: string;
  /** How long the child may take to report ready. @defaultValue 10 minutes */
  readyTimeoutMs?: number;
}

/** A child process of the bench, driven by commands. */
export class BenchChild<Info = unknown> {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void; timer: NodeJS.Timeout }>();
  private exited = false;

  private constructor(
    readonly role: string,
    private readonly proc: ChildProcess,
    readonly info: Info,
  ) {
    proc.on('message', (m: Response) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      clearTimeout(p.timer);
      if (m.ok) p.resolve(m.result);
      else p.reject(new Error(`${role}: ${m.error}`));
    });
    proc.on('exit', (code, signal) => {
      this.exited = true;
      for (const p of this.pending.values()) {
        clearTimeout(p.timer);
        p.reject(new Error(`${role} exited (code ${code}, signal ${signal}) while a command was running`));
      }
      this.pending.clear();
    });
  }

  get pid(): number {
    return this.proc.pid!;
  }

  /** Spawns `bench/child.ts <role>` with `args` and resolves once it reports ready. */
  static start<I>(role: string, args: unknown, options: StartOptions): Promise<BenchChild<I>> {
    const log = createWriteStream(options.logFile, { flags: 'a' });
    const proc = spawn(process.execPath, ['--expose-gc', ...(options.execArgv ?? []), '--import', 'tsx', CHILD_ENTRY, role], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env, BENCH_CHILD_ARGS: JSON.stringify(args) },
    });
    proc.stdout!.pipe(log);
    proc.stderr!.pipe(log);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        proc.kill('SIGKILL');
        reject(new Error(`${role} did not start within ${options.readyTimeoutMs ?? 600_000} ms; see ${options.logFile}`));
      }, options.readyTimeoutMs ?? 600_000);
      const onMessage = (m: Ready | Failed) => {
        if (m.type === 'ready') {
          clearTimeout(timer);
          proc.off('message', onMessage);
          proc.off('exit', onExit);
          resolve(new BenchChild<I>(role, proc, m.info as I));
        } else if (m.type === 'failed') {
          clearTimeout(timer);
          reject(new Error(`${role} could not start: ${m.error}; see ${options.logFile}`));
        }
      };
      const onExit = (code: number | null) => {
        clearTimeout(timer);
        reject(new Error(`${role} exited with code ${code} before it was ready; see ${options.logFile}`));
      };
      proc.on('message', onMessage);
      proc.once('exit', onExit);
    });
  }

  /** Runs a command in the child; rejects after `timeoutMs`. */
  call<T = unknown>(cmd: string, args?: unknown, timeoutMs = 120_000): Promise<T> {
    if (this.exited) return Promise.reject(new Error(`${this.role} is not running`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.role}: ${cmd} took longer than ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      this.proc.send({ id, cmd, args } satisfies Request);
    });
  }

  /** Asks the child to close its servers and exit; kills it if it does not within `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
    this.call('stop', undefined, graceMs).catch(() => undefined);
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}

export type Handlers = Record<string, (args: any) => Promise<unknown> | unknown>;

/** Child side: answers the orchestrator's commands with `handlers`; `stop` closes and exits. */
export function serveCommands(handlers: Handlers, close: () => Promise<void>): void {
  process.on('message', (m: Request) => {
    void (async () => {
      if (m.cmd === 'stop') {
        await close().catch(() => undefined);
        process.send?.({ id: m.id, ok: true } satisfies Response);
        process.exit(0);
      }
      const handler = handlers[m.cmd];
      try {
        if (!handler) throw new Error(`unknown command ${m.cmd}`);
        const result = await handler(m.args);
        process.send?.({ id: m.id, ok: true, result } satisfies Response);
      } catch (err) {
        process.send?.({ id: m.id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies Response);
      }
    })();
  });
  // The orchestrator going away (Ctrl-C, crash) must not leave servers behind.
  process.on('disconnect', () => {
    void close()
      .catch(() => undefined)
      .finally(() => process.exit(0));
  });
}

export function reportReady(info: unknown): void {
  process.send?.({ type: 'ready', info } satisfies Ready);
}

export function reportFailed(err: unknown): void {
  process.send?.({ type: 'failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies Failed);
}
