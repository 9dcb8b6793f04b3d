// Which job queue a process uses: BullMQ on Redis when a Redis URL is given (REDIS_URL), else the in-process
// runner. BullMQ is imported only then, so the default one-process start-up does not load it.
import type { Store } from '../store/index.js';
import type { JobQueue } from './queue.js';
import { InProcessRunner, type JobExecutor, type RunnerOptions } from './runner.js';
import type { RedisUnavailableError } from './redis.js';
export { redactRedisUrl } from './redis-url.js';

export interface RedisQueueOptions {
  url: string;
  /** Redis key prefix (GOVPATROL_REDIS_PREFIX, default govpatrol): one per deployment. */
  prefix?: string;
  /** Run jobs in this process too (workers always do; `serve` only with --run-jobs). */
  runJobs?: boolean;
  /** Redis stayed unreachable after the bounded reconnects. */
  onFatal?(err: RedisUnavailableError): void;
}

export async function createJobQueue(store: Store, execute: JobExecutor, opts: RunnerOptions & { redis?: RedisQueueOptions }): Promise<JobQueue> {
  const { redis, ...runner } = opts;
  if (!redis) return new InProcessRunner(store, execute, runner);
  const { BullmqQueue } = await import('./bullmq-queue.js');
  return new BullmqQueue(store, execute, { ...runner, redisUrl: redis.url, prefix: redis.prefix, runJobs: redis.runJobs, onFatal: redis.onFatal });
}

/** The deployment's Redis settings from the environment; undefined without REDIS_URL. */
export function redisFromEnv(env: NodeJS.ProcessEnv, runJobs: boolean): RedisQueueOptions | undefined {
  if (!env.REDIS_URL) return undefined;
  return { url: env.REDIS_URL, prefix: env.GOVPATROL_REDIS_PREFIX || undefined, runJobs };
}
