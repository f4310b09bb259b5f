import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import IORedis from 'ioredis';
import { redactUrl, StartupError } from './startup';

/** True when a Redis answers PING at `url` within `timeoutMs`. */
export async function redisReachable(url: string, timeoutMs = 1500): Promise<boolean> {
  const client = new IORedis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export interface PrivateRedis {
  url: string;
  stop(): Promise<void>;
}

/**
 * Gives the hub a Redis: the configured one if it answers; else, when REDIS_URL was not set
 * explicitly and redis-server is on the PATH, a private one on a free port that lives and dies
 * with this process. Otherwise a StartupError naming REDIS_URL that says what to do. `timeoutMs`
 * is how long the configured one may take to answer (STARTUP_CHECK_TIMEOUT_MS).
 */
export async function ensureRedis(url: string, explicit: boolean, dataDir: string, timeoutMs = 1500): Promise<PrivateRedis> {
  if (await redisReachable(url, timeoutMs)) return { url, stop: async () => undefined };
  // A refused password looks the same from here as no answer: PING fails either way.
  if (explicit) throw new StartupError('REDIS_URL', `Redis at ${redactUrl(url)} does not answer within ${timeoutMs} ms, or refuses its user or password. Start it, or unset REDIS_URL to let the hub run a private redis-server.`);
  if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0) {
    throw new StartupError(
      'REDIS_URL',
      `no Redis answers at ${redactUrl(url)} and redis-server is not on the PATH. Install Redis (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL to a running one.`,
    );
  }
  const port = await freePort();
  const dir = resolve(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  // appendonly: BullMQ's jobs survive a crash of the hub between job steps. A password of its
  // own: loopback is shared with every other user and process on the machine.
  const password = randomBytes(24).toString('hex');
  const config = `bind 127.0.0.1\nport ${port}\ndir ${dir}\nappendonly yes\nsave ""\nrequirepass ${password}\n`;
  // Through stdin, not the command line: process lists show arguments to everyone.
  const child: ChildProcess = spawn('redis-server', ['-'], { stdio: ['pipe', 'ignore', 'ignore'] });
  child.stdin!.end(config);
  const privateUrl = `redis://:${password}@127.0.0.1:${port}`;
  for (let i = 0; i < 50 && !(await redisReachable(privateUrl, 200)); i++) await new Promise((r) => setTimeout(r, 100));
  if (!(await redisReachable(privateUrl))) {
    child.kill();
    throw new StartupError('REDIS_URL', 'unset, so a private redis-server was started, but it did not answer within 5 s.');
  }
  return {
    url: privateUrl,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/** A TCP port on loopback that nothing listens on now (for a private server, or a test's). */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}
