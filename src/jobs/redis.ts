// Redis connections for the distributed queue (REDIS_URL). Retries are bounded: a Redis that stays away
// ends the process with a clear Chinese message instead of a worker that retries forever in silence.
import { Redis } from 'ioredis';
import { redactRedisUrl } from './redis-url.js';

export class RedisUnavailableError extends Error {}

export interface RedisConnectOptions {
  /** Reconnect attempts after a lost connection before giving up (about 1 s apart, then 3 s). */
  retries?: number;
  connectTimeoutMs?: number;
}

export function redisUnavailable(url: string, reason: string): RedisUnavailableError {
  return new RedisUnavailableError(`无法连接 Redis（REDIS_URL=${redactRedisUrl(url)}）：${reason}`);
}

/** Opens and checks a connection; throws RedisUnavailableError at once when Redis cannot be reached. */
export async function connectRedis(url: string, opts: RedisConnectOptions = {}): Promise<Redis> {
  const retries = opts.retries ?? 20;
  const client = new Redis(url, {
    lazyConnect: true,
    // BullMQ's workers need commands to wait through a reconnect; the bounded retryStrategy ends the wait.
    maxRetriesPerRequest: null,
    connectTimeout: opts.connectTimeoutMs ?? 5000,
    retryStrategy: (times) => (times > retries ? null : Math.min(times * 1000, 3000)),
  });
  // Errors surface through connect() and the 'end' event; an unhandled 'error' event would crash the process.
  // The first one is kept: connect() itself only says "Connection is closed."
  let cause: Error | undefined;
  client.on('error', (err: Error) => (cause ??= err));
  try {
    await client.connect();
    await client.ping();
    return client;
  } catch (err) {
    client.disconnect();
    throw redisUnavailable(url, `${(cause ?? (err as Error)).message}（请确认 Redis 已启动、地址和密码正确）`);
  }
}

/** Calls `onLost` once when the connection is given up for good (retries spent), not when it is closed on purpose. */
export function onConnectionLost(client: Redis, url: string, onLost: (err: RedisUnavailableError) => void): void {
  client.once('end', () => {
    if (client.status === 'end' && !closing.has(client)) onLost(redisUnavailable(url, '连接中断，多次重连失败'));
  });
}

const closing = new WeakSet<Redis>();

/** Closes a connection on purpose (no "connection lost" report). */
export async function closeRedis(client: Redis | undefined): Promise<void> {
  if (!client) return;
  closing.add(client);
  await client.quit().catch(() => client.disconnect());
}
