import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { TEST_REDIS_URL } from '../test/support/env';
import { ensureRedis, redisReachable } from './redis';

describe('ensureRedis', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ontschot-redis-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts a private redis-server when none answers and none was configured, and stops it', async () => {
    const nobody = 'redis://127.0.0.1:1';
    expect(await redisReachable(nobody, 300)).toBe(false);
    const redis = await ensureRedis(nobody, false, dir);
    expect(redis.url).not.toBe(nobody);
    expect(await redisReachable(redis.url)).toBe(true);
    // It has a password of its own: another local user or process without it gets nothing.
    const { port, password } = new URL(redis.url);
    expect(password.length).toBeGreaterThanOrEqual(32);
    expect(await redisReachable(`redis://127.0.0.1:${port}`, 300)).toBe(false);
    await redis.stop();
    expect(await redisReachable(redis.url, 300)).toBe(false);
  });

  it('works with a Redis ACL user and password in REDIS_URL, and with nothing less', async () => {
    const admin = new IORedis(TEST_REDIS_URL);
    const user = `ontschot_${randomBytes(4).toString('hex')}`;
    const password = randomBytes(16).toString('hex');
    await admin.call('ACL', 'SETUSER', user, 'on', `>${password}`, '~*', '&*', '+@all');
    try {
      const { hostname: host, port } = new URL(TEST_REDIS_URL);
      const url = `redis://${user}:${password}@${host}:${port}`;
      expect((await ensureRedis(url, true, dir)).url).toBe(url);
      expect(await redisReachable(`redis://${user}:wrong@${host}:${port}`, 300)).toBe(false);
      // BullMQ takes the same URL (sync/service.ts passes it as `connection.url`).
      const queue = new Queue(user, { connection: { url, maxRetriesPerRequest: null }, prefix: user });
      await queue.add('probe', { id: 1 });
      expect(await queue.count()).toBe(1);
      await queue.obliterate({ force: true });
      await queue.close();
    } finally {
      await admin.call('ACL', 'DELUSER', user);
      admin.disconnect();
    }
  });

  it('refuses with a plain message when a configured Redis does not answer', async () => {
    await expect(ensureRedis('redis://127.0.0.1:1', true, dir)).rejects.toMatchObject({ code: 'STARTUP_FAILED', setting: 'REDIS_URL', message: expect.stringMatching(/^REDIS_URL: /) });
  });
});
