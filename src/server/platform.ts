// Starting the platform: store, job runner, scheduler, HTTP server. Used by `serve`, `demo` and tests.
import type { FastifyInstance } from 'fastify';
import { openStore, type Store, type StoreOptions } from '../store/index.js';
import { countUsers } from '../store/sessions.js';
import { createUser } from '../store/inventory.js';
import { SYSTEM_ACTOR, UnitScope } from '../store/scope.js';
import type { JobExecutor } from '../jobs/runner.js';
import type { JobQueue } from '../jobs/queue.js';
import { createJobQueue, type RedisQueueOptions } from '../jobs/create-queue.js';
import { Scheduler } from '../jobs/scheduler.js';
import { scanJobExecutor, type ScanJobOptions } from '../jobs/scan-job.js';
import { ProbeScheduler, type ProbeSchedulerOptions } from '../jobs/probe-scheduler.js';
import { buildApp, taskDeps } from './app.js';
import { TaskWorker } from '../jobs/task-worker.js';
import type { RecheckRunner } from '../workflows/tasks.js';
import { Mailer } from '../notify/index.js';
import { MessageSweep } from '../jobs/message-sweep.js';
import { hashPassword, passwordProblem } from './password.js';
import { LoginThrottle } from './throttle.js';

export interface PlatformOptions extends StoreOptions {
  host?: string;
  port?: number;
  logger?: boolean | object;
  webDist?: string;
  /** Scans run at once (default 2). */
  concurrency?: number;
  executor?: JobExecutor;
  scan?: ScanJobOptions;
  /** Scheduled scans (default on). */
  schedules?: boolean;
  /** Availability probes (站点无法访问), on their own clock beside the scans. Default: on when `schedules` is
   *  on; an object turns them on with these options (the demo maps its hosts to loopback). */
  probes?: boolean | ProbeSchedulerOptions;
  /** Start taking jobs (default on). */
  runJobs?: boolean;
  /** The distributed queue (REDIS_URL): jobs go through BullMQ; this process runs them only with
   *  `redis.runJobs`, else `govpatrol worker` processes do. */
  redis?: RedisQueueOptions;
  throttle?: LoginThrottle;
  trustProxy?: boolean;
  validateResponses?: boolean;
  /** Replaces the network re-check of rectification tasks (tests that must not leave loopback). */
  taskRecheck?: RecheckRunner;
}

export interface Platform {
  app: FastifyInstance;
  store: Store;
  jobs: JobQueue;
  scheduler: Scheduler;
  mailer: Mailer;
  /** Undefined when probes are off. */
  probes: ProbeScheduler | undefined;
  /** Rectification task re-checks and overdue notices. */
  tasks: TaskWorker;
  url: string;
  close(): Promise<void>;
}

export class BootstrapError extends Error {}

/** The first supervisor from GOVPATROL_ADMIN_PASSWORD (user GOVPATROL_ADMIN_USER, default admin) when none exists. */
export async function bootstrapAdmin(store: Store, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  if ((await countUsers(store.db, 'supervisor')) > 0) return undefined;
  const password = env.GOVPATROL_ADMIN_PASSWORD;
  if (!password) return undefined;
  const username = env.GOVPATROL_ADMIN_USER || 'admin';
  const problem = passwordProblem(password, username);
  if (problem) throw new BootstrapError(`GOVPATROL_ADMIN_PASSWORD 不符合密码要求：${problem}`);
  const scope = await UnitScope.of(store.db, SYSTEM_ACTOR);
  await createUser(store.db, scope, { username, displayName: '系统管理员', role: 'supervisor', unitId: null }, await hashPassword(password));
  return username;
}

function probeScheduler(store: Store, opts: PlatformOptions, log: ProbeSchedulerOptions['log']): ProbeScheduler | undefined {
  const wanted = opts.probes ?? opts.schedules !== false;
  if (wanted === false) return undefined;
  return new ProbeScheduler(store, { log, ...(typeof wanted === 'object' ? wanted : {}) });
}

export async function startPlatform(opts: PlatformOptions = {}): Promise<Platform> {
  const store = await openStore(opts);
  let app: FastifyInstance | undefined;
  let runner: JobQueue | undefined;
  try {
    // The runner and scheduler log through the server's pino logger once it exists.
    const log = { info: (o: object, msg?: string) => app?.log.info(o, msg), error: (o: object, msg?: string) => app?.log.error(o, msg) };
    runner = await createJobQueue(store, opts.executor ?? scanJobExecutor(store, opts.scan), { concurrency: opts.concurrency, log, redis: opts.redis });
    const scheduler = new Scheduler(store, runner, log);
    const mailer = new Mailer(store, log);
    const tasks = new TaskWorker(taskDeps(store, mailer), { log, recheck: opts.taskRecheck });
    app = await buildApp({ store, jobs: runner, scheduler, mailer, tasks: taskDeps(store, mailer, tasks.kick), webDist: opts.webDist, logger: opts.logger, throttle: opts.throttle, trustProxy: opts.trustProxy, validateResponses: opts.validateResponses });
    const server = app;
    const jobs = runner;
    const address = await app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 8080 });
    if (opts.runJobs !== false) {
      await runner.start();
      await tasks.start();
    }
    if (opts.schedules !== false) await scheduler.sync();
    const probes = probeScheduler(store, opts, log);
    await probes?.start();
    const messageSweep = new MessageSweep(store, mailer, log);
    if (opts.schedules !== false) messageSweep.start();
    return {
      app,
      store,
      jobs,
      scheduler,
      mailer,
      probes,
      tasks,
      url: address.replace('[::1]', 'localhost'),
      async close() {
        scheduler.stop();
        await probes?.stop();
        messageSweep.stop();
        await jobs.stop();
        await tasks.stop();
        await mailer.close();
        await server.close();
        await store.close();
      },
    };
  } catch (err) {
    // A queue that cannot start (Redis unreachable) must not leave the port listening behind the error.
    await runner?.stop().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw err;
  }
}
