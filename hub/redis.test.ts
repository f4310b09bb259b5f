import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    await redis.stop();
    expect(await redisReachable(redis.url, 300)).toBe(false);
  });

  it('refuses with a plain message when a configured Redis does not answer', async () => {
    await expect(ensureRedis('redis://127.0.0.1:1', true, dir)).rejects.toMatchObject({ code: 'REDIS_UNAVAILABLE', message: expect.stringMatching(/REDIS_URL/) });
  });
});
