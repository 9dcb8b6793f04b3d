// `govpatrol serve` (dashboard + API + jobs) and `govpatrol worker` (jobs only). With REDIS_URL jobs go
// through BullMQ: `serve` queues them and follows their progress, workers run them (`serve --run-jobs`
// runs them too); without it `serve` runs them in-process and a worker takes them from the database.
import { bootstrapAdmin, startPlatform } from '../server/platform.js';
import { countUsers } from '../store/sessions.js';
import { redactRedisUrl, redisFromEnv } from '../jobs/create-queue.js';

export interface ServeFlags {
  host: string;
  port: number;
  db?: string;
  concurrency?: number;
  browser?: boolean;
  trustProxy?: boolean;
  /** REDIS_URL mode: run jobs in this process too, beside the workers. */
  runJobs?: boolean;
}

export async function serveCommand(flags: ServeFlags): Promise<void> {
  try {
    await serve(flags);
  } catch (err) {
    process.stderr.write(`错误：平台无法启动：${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}

async function serve(flags: ServeFlags): Promise<void> {
  const fatal = fatalReport();
  const redis = redisFromEnv(process.env, flags.runJobs === true);
  const platform = await startPlatform({
    redis: redis && { ...redis, onFatal: fatal.report },
    url: flags.db ?? process.env.DATABASE_URL,
    host: flags.host,
    port: flags.port,
    concurrency: flags.concurrency,
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
    scan: { browser: flags.browser !== false },
    trustProxy: flags.trustProxy,
  });
  const created = await bootstrapAdmin(platform.store);
  if (created) process.stderr.write(`已按 GOVPATROL_ADMIN_PASSWORD 创建监管方管理员「${created}」\n`);
  if ((await countUsers(platform.store.db, 'supervisor')) === 0) {
    process.stderr.write('尚无管理员账号：请运行 govpatrol admin create，或设置 GOVPATROL_ADMIN_PASSWORD 后重新启动。\n');
  }
  process.stdout.write(`政务巡检平台已启动：${platform.url}/ （接口文档 ${platform.url}/api/docs）\n`);
  if (redis) process.stdout.write(`${distributedNote(redis.url, flags.runJobs === true)}\n`);
  else if (flags.runJobs) process.stderr.write('提示：--run-jobs 只在设置 REDIS_URL 时有意义；本进程本来就运行扫描任务。\n');
  await stopOn(fatal.lost, stoppingNote(redis));
  await platform.close();
}

function stoppingNote(redis: { runJobs?: boolean } | undefined): string {
  if (!redis) return '正在停止（运行中的扫描将在下次启动时重新排队）…';
  return redis.runJobs ? '正在停止（本进程运行中的扫描交回队列，由 worker 进程接着运行）…' : '正在停止…';
}

function distributedNote(url: string, runJobs: boolean): string {
  const where = runJobs ? '本进程和 govpatrol worker 进程运行扫描任务' : '扫描任务由 govpatrol worker 进程运行（本进程只排队；--run-jobs 可让本进程也运行）';
  return `分布式模式：任务经 Redis（${redactRedisUrl(url)}）分发，${where}`;
}

/** A Redis lost for good ends the process with exit code 1 after a clean stop, not a silent hang. */
function fatalReport(): { report(err: Error): void; lost: Promise<Error> } {
  let report!: (err: Error) => void;
  const lost = new Promise<Error>((resolve) => (report = resolve));
  return { report, lost };
}

async function stopOn(lost: Promise<Error>, stoppingNote: string): Promise<void> {
  const err = await Promise.race([untilSignal().then(() => undefined), lost]);
  if (err) {
    process.stderr.write(`错误：${err.message}；正在停止。\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(`${stoppingNote}\n`);
  }
}

export function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

export async function workerCommand(flags: { db?: string; concurrency?: number; browser?: boolean }): Promise<void> {
  try {
    await work(flags);
  } catch (err) {
    process.stderr.write(`错误：任务进程无法启动：${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}

async function work(flags: { db?: string; concurrency?: number; browser?: boolean }): Promise<void> {
  const { openStore } = await import('../store/index.js');
  const { createJobQueue } = await import('../jobs/create-queue.js');
  const { scanJobExecutor } = await import('../jobs/scan-job.js');
  const store = await openStore({ url: flags.db ?? process.env.DATABASE_URL });
  try {
    const fatal = fatalReport();
    const redis = redisFromEnv(process.env, true);
    const executor = scanJobExecutor(store, { browser: flags.browser !== false });
    const queue = await createJobQueue(store, executor, { concurrency: flags.concurrency, redis: redis && { ...redis, onFatal: fatal.report } });
    await queue.start();
    process.stdout.write(`任务进程已启动（${workerMode(redis?.url, store.dialect)}），按 Ctrl-C 结束\n`);
    await stopOn(fatal.lost, '正在停止（运行中的扫描交回队列，由其他任务进程或下次启动接着运行）…');
    await queue.stop();
  } finally {
    await store.close();
  }
}

function workerMode(redisUrl: string | undefined, dialect: string): string {
  if (!redisUrl) return '从数据库领取任务';
  const note = dialect === 'sqlite' ? '；SQLite 只能由同一台机器上的进程共享，多台机器请用 PostgreSQL（DATABASE_URL）' : '';
  return `分布式模式：从 Redis（${redactRedisUrl(redisUrl)}）领取任务${note}`;
}
