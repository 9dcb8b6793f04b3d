// `govpatrol serve` (dashboard + API + in-process jobs) and `govpatrol worker` (jobs only).
import { bootstrapAdmin, startPlatform } from '../server/platform.js';
import { countUsers } from '../store/sessions.js';

export interface ServeFlags {
  host: string;
  port: number;
  db?: string;
  concurrency?: number;
  browser?: boolean;
  trustProxy?: boolean;
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
  const platform = await startPlatform({
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
  await untilSignal();
  process.stderr.write('正在停止（运行中的扫描将在下次启动时重新排队）…\n');
  await platform.close();
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
  if (process.env.REDIS_URL) process.stderr.write('提示：REDIS_URL 已设置，但分布式队列（BullMQ）尚未实现；本进程从数据库领取任务。\n');
  const { openStore } = await import('../store/index.js');
  const { InProcessRunner } = await import('../jobs/runner.js');
  const { scanJobExecutor } = await import('../jobs/scan-job.js');
  const store = await openStore({ url: flags.db ?? process.env.DATABASE_URL });
  const runner = new InProcessRunner(store, scanJobExecutor(store, { browser: flags.browser !== false }), { concurrency: flags.concurrency });
  await runner.start();
  process.stdout.write('任务进程已启动，按 Ctrl-C 结束\n');
  await untilSignal();
  await runner.stop();
  await store.close();
}
