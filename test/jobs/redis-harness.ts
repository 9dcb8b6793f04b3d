// What the tests of the distributed mode share: the real Redis (127.0.0.1:6379 unless REDIS_URL says otherwise;
// GOVPATROL_SKIP_REDIS=1 skips on purpose), a key prefix of their own that is deleted afterwards, a scratch
// directory, cleanups run in reverse, and a clear Chinese failure when Redis is not there.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll } from 'vitest';

export const skipRedis = process.env.GOVPATROL_SKIP_REDIS === '1';
export const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

export interface RedisTestRun {
  prefix: string;
  dir: string;
  /** Run after the file's tests, last added first. */
  cleanups: Array<() => Promise<unknown>>;
}

/** Registers the file's afterAll: cleanups, then this run's keys, then the directory. */
export function redisTestRun(name: string): RedisTestRun {
  const run: RedisTestRun = { prefix: `gp-test-${randomBytes(4).toString('hex')}`, dir: mkdtempSync(join(tmpdir(), `gp-${name}-`)), cleanups: [] };
  afterAll(async () => {
    for (const c of run.cleanups.reverse()) await c().catch(() => undefined);
    await dropKeys(run.prefix);
    rmSync(run.dir, { recursive: true, force: true });
  });
  return run;
}

async function dropKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
  } catch {
    // Redis was never there: requireRedis has said so
  } finally {
    redis.disconnect();
  }
}

/** For a beforeAll: fails the file with what to do when Redis cannot be reached. */
export async function requireRedis(): Promise<void> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
  } catch (err) {
    throw new Error(`Redis 不可达（${REDIS_URL}；设置 REDIS_URL，或 GOVPATROL_SKIP_REDIS=1 跳过）：${(err as Error).message}`);
  } finally {
    redis.disconnect();
  }
}

/** Polls `probe` until it gives a value, or fails with `what` after `ms`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 15_000, stepMs = 50): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`超时：${what}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
