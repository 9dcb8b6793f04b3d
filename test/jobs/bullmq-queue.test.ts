// The distributed queue (REDIS_URL) against the real Redis at 127.0.0.1:6379 (REDIS_URL wins;
// GOVPATROL_SKIP_REDIS=1 skips on purpose). Each instance stands for one process: a "serve" side that only
// queues and follows, and "worker" sides that run jobs, each with its own store handle on the same database.
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';
import { createUnit, createWebsite } from '../../src/store/inventory.js';
import { SYSTEM_ACTOR, UnitScope } from '../../src/store/scope.js';
import { loadJob, type Job } from '../../src/store/jobs.js';
import type { JobExecutor } from '../../src/jobs/runner.js';
import { BullmqQueue, QUEUE_NAME, type BullmqQueueOptions } from '../../src/jobs/bullmq-queue.js';
import { RedisUnavailableError } from '../../src/jobs/redis.js';
import { createPgSchema, skipPg } from '../workflows/pg-schema.js';
import { REDIS_URL, redisTestRun, requireRedis, skipRedis, until } from './redis-harness.js';

const { prefix, dir, cleanups } = redisTestRun('bullmq');
/** Stopped or closed after the file's tests, last opened first. */
function closeAfter(o: { stop(): Promise<void> } | Store): void {
  cleanups.push(() => ('stop' in o ? o.stop() : o.close()));
}
let n = 0;

interface Setup {
  url: string;
  store: Store;
  sites: number[];
  /** Another handle on the same database, as another process would have. */
  reopen(): Promise<Store>;
}

async function setup(siteCount = 4): Promise<Setup> {
  return withSites(siteCount, { url: join(dir, `jobs-${n++}.sqlite`) });
}

/** The same on a fresh PostgreSQL schema, dropped after the file. */
async function setupPg(siteCount = 4): Promise<Setup> {
  const pg = await createPgSchema('gp_bullmq');
  closeAfter({ stop: () => pg.drop() });
  return withSites(siteCount, { url: pg.url, schema: pg.schema });
}

async function withSites(siteCount: number, where: { url: string; schema?: string }): Promise<Setup> {
  const store = await openStore(where);
  closeAfter(store);
  const scope = await UnitScope.of(store.db, SYSTEM_ACTOR);
  const unit = await createUnit(store.db, scope, { name: '测试单位', type: 'other', parentId: null, code: null, contact: null, includeSubunits: false });
  const sites: number[] = [];
  for (let i = 0; i < siteCount; i++) sites.push((await createWebsite(store.db, scope, { name: `网站${i}`, url: `http://s${i}.gov.test/`, unitId: unit.id, kind: 'department' }, 100)).id);
  const reopen = async () => {
    const other = await openStore(where);
    closeAfter(other);
    return other;
  };
  return { url: where.url, store, sites, reopen };
}

/** A queue with this run's prefix and quick stall detection; stopped after the file. */
function queue(store: Store, execute: JobExecutor | undefined, opts: Partial<BullmqQueueOptions> = {}): BullmqQueue {
  const q = new BullmqQueue(store, execute, { redisUrl: REDIS_URL, prefix, concurrency: 1, lockMs: 1500, stalledCheckMs: 500, sweepMs: 1000, publishMs: 0, saveProgressMs: 0, ...opts });
  closeAfter(q);
  return q;
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

/** A scan row for the job to link to (jobs.scan_id references scans). */
async function scanRow(store: Store, name: string): Promise<number> {
  const site = await store.upsertSite(`http://${name}.gov.test/`, name);
  return (await store.beginScan(site.id, new Date().toISOString(), {})).id;
}

async function bullmqCount(): Promise<number> {
  const redis = new Redis(REDIS_URL);
  try {
    const [waiting, active] = await Promise.all([redis.llen(`${prefix}:${QUEUE_NAME}:wait`), redis.llen(`${prefix}:${QUEUE_NAME}:active`)]);
    return waiting + active;
  } finally {
    redis.disconnect();
  }
}

describe.skipIf(skipRedis)('BullMQ queue (REDIS_URL)', () => {
  beforeAll(requireRedis);

  const backends = [{ name: 'SQLite', setup }, ...(skipPg ? [] : [{ name: 'PostgreSQL', setup: setupPg }])];
  it.each(backends)('$name: a job queued by serve runs on a worker; its progress reaches serve; the row ends done with its scan; one open job per website', async ({ setup }) => {
    const { store, sites, reopen } = await setup();
    const serve = queue(store, undefined);
    await serve.start();
    const workerStore = await reopen();
    let scanId = 0;
    const release = gate();
    const worker = queue(workerStore, async ({ onProgress, onScan }) => {
      scanId = await scanRow(workerStore, 'w1');
      onScan(scanId);
      onProgress({ pages: 3, queued: 7, errors: 0, phase: '抓取' });
      await release.opened;
      onProgress({ pages: 10, queued: 0, errors: 1, phase: '计分' });
      return { scanId };
    }, { runJobs: true });

    const job = await serve.enqueueScan(sites[0]!, { actor: SYSTEM_ACTOR, trigger: 'manual' });
    expect((await serve.enqueueScan(sites[0]!, { actor: SYSTEM_ACTOR, trigger: 'manual' })).id).toBe(job.id);
    expect(await bullmqCount()).toBe(1);
    const seen: Job[] = [];
    serve.subscribe(job.id, (j) => seen.push(j));
    await worker.start();

    const live = await until('serve 看到进度', async () => seen.find((j) => j.progress.pages === 3));
    expect(live.status).toBe('running');
    expect((await serve.get(job.id))!.progress).toMatchObject({ pages: 3, queued: 7, phase: '抓取' });
    // Still open while running: a second request gets the same job.
    expect((await serve.enqueueScan(sites[0]!, { actor: SYSTEM_ACTOR, trigger: 'manual' })).id).toBe(job.id);
    release.open();
    const final = await until('任务结束', async () => seen.find((j) => j.status === 'done'));
    expect(final).toMatchObject({ id: job.id, scanId, progress: { pages: 10, errors: 1 } });
    expect(await loadJob(store.db, job.id)).toMatchObject({ status: 'done', scanId, attempts: 1 });
    // Ended: the website can be queued again, as a new job.
    expect((await serve.enqueueScan(sites[0]!, { actor: SYSTEM_ACTOR, trigger: 'manual' })).id).not.toBe(job.id);
    await worker.stop();
    await serve.stop();
  });

  it('stop() aborts a running job and hands it back; another worker runs it to the end', async () => {
    const { store, sites, reopen } = await setup();
    const serve = queue(store, undefined);
    let aborted = false;
    const firstStore = await reopen();
    const first = queue(firstStore, ({ signal }) =>
      new Promise((resolve) => signal.addEventListener('abort', () => ((aborted = true), resolve({ error: '扫描被中止' })))), { runJobs: true });
    await first.start();
    const job = await serve.enqueueScan(sites[1]!, { actor: SYSTEM_ACTOR, trigger: 'manual' });
    await until('第一个进程领取', async () => (await loadJob(store.db, job.id))?.status === 'running');
    await first.stop();
    expect(aborted).toBe(true);
    expect(await loadJob(store.db, job.id)).toMatchObject({ status: 'queued', error: '任务进程停止，已重新排队' });
    const secondStore = await reopen();
    const ran: number[] = [];
    const second = queue(secondStore, async ({ job: j }) => (ran.push(j.id), {}), { runJobs: true });
    await second.start();
    await until('第二个进程做完', async () => (await loadJob(store.db, job.id))?.status === 'done');
    expect(ran).toEqual([job.id]);
    expect((await loadJob(store.db, job.id))!.attempts).toBe(2);
    await second.stop();
    await serve.stop();
  });

  it('two workers share the queue', async () => {
    // On PostgreSQL when it is there: two SQLite handles in one test process can deadlock when both finish at
    // once (better-sqlite3 waits for the busy lock synchronously, so the other handle cannot commit); separate
    // worker processes on one machine wait for each other instead.
    const { store, sites, reopen } = await (skipPg ? setup() : setupPg());
    const serve = queue(store, undefined);
    const release = gate();
    const ranBy = new Map<number, string>();
    const workers: BullmqQueue[] = [];
    for (const name of ['甲', '乙']) {
      const s = await reopen();
      const w = queue(s, async ({ job }) => (ranBy.set(job.id, name), await release.opened, {}), { runJobs: true });
      workers.push(w);
    }
    for (const w of workers) await w.start();
    const jobs: Job[] = [];
    for (const id of sites) jobs.push(await serve.enqueueScan(id, { actor: SYSTEM_ACTOR, trigger: 'schedule' }));
    // Concurrency 1 each: two jobs run at once, one per worker, while two wait.
    await until('两个进程各运行一个', async () => ranBy.size === 2);
    expect(new Set(ranBy.values())).toEqual(new Set(['甲', '乙']));
    expect((await Promise.all(jobs.map((j) => loadJob(store.db, j.id)))).map((j) => j!.status).sort()).toEqual(['queued', 'queued', 'running', 'running']);
    release.open();
    await serve.idle();
    expect(ranBy.size).toBe(4);
    const final = await Promise.all(jobs.map((j) => loadJob(store.db, j.id)));
    expect(final.every((j) => j!.status === 'done')).toBe(true);
    for (const w of workers) await w.stop();
    await serve.stop();
  });

  it('a job whose worker died is re-queued and run by another; one that kills two workers fails', async () => {
    const { store, sites, reopen } = await setup();
    const serve = queue(store, undefined);
    // Runs until stopped at the end of the file (a dead worker's scan never ends by itself).
    const hang: JobExecutor = ({ signal }) => new Promise((resolve) => signal.addEventListener('abort', () => resolve({})));
    // A worker that "dies": its BullMQ worker closes without waiting, so its lock is never renewed.
    const die = async (q: BullmqQueue) => (q as unknown as { worker: { close(force: boolean): Promise<void> } }).worker.close(true);

    const doomed = queue(await reopen(), hang, { runJobs: true });
    await doomed.start();
    const job = await serve.enqueueScan(sites[2]!, { actor: SYSTEM_ACTOR, trigger: 'manual' });
    await until('领取', async () => (await loadJob(store.db, job.id))?.status === 'running');
    await die(doomed);
    const rescuer = queue(await reopen(), async () => ({}), { runJobs: true });
    await rescuer.start();
    await until('另一个进程接手并做完', async () => (await loadJob(store.db, job.id))?.status === 'done');
    expect((await loadJob(store.db, job.id))!.attempts).toBe(2);
    await rescuer.stop();

    const twice = await serve.enqueueScan(sites[3]!, { actor: SYSTEM_ACTOR, trigger: 'manual' });
    for (let death = 0; death < 2; death++) {
      const w = queue(await reopen(), hang, { runJobs: true });
      await w.start();
      await until(`第 ${death + 1} 次领取`, async () => (await loadJob(store.db, twice.id))?.attempts === death + 1);
      await die(w);
    }
    const watcher = queue(await reopen(), async () => ({}), { runJobs: true });
    await watcher.start();
    const failed = await until('两次中断后失败', async () => {
      const j = await loadJob(store.db, twice.id);
      return j?.status === 'failed' && j;
    });
    expect(failed.error).toBe('任务多次中断，已标记失败');
    await watcher.stop();
    await serve.stop();
  }, 40_000);

  it('an unreachable Redis is a clear Chinese error at start, with no retry loop', async () => {
    const { store } = await setup(0);
    const q = new BullmqQueue(store, undefined, { redisUrl: 'redis://:secret@127.0.0.1:1', prefix });
    const started = Date.now();
    const err = await q.start().then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(RedisUnavailableError);
    expect((err as Error).message).toMatch(/^无法连接 Redis（REDIS_URL=redis:\/\/:\*\*\*@127\.0\.0\.1:1）：.*ECONNREFUSED/);
    expect(Date.now() - started).toBeLessThan(5000);
    await q.stop();
  });

  it('a Redis lost for good is reported once after the bounded reconnects, and stop() still ends', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const redisServer = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const gone = new Promise((r) => redisServer.on('exit', r));
    closeAfter({ stop: async () => void (redisServer.kill('SIGKILL'), await gone) });
    const url = `redis://127.0.0.1:${port}`;
    const { store, sites, reopen } = await setup(1);
    await until('私有 Redis 启动', async () => {
      const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => null });
      probe.on('error', () => undefined);
      return probe.connect().then(() => (probe.disconnect(), true), () => false);
    });
    const lost: Error[] = [];
    const worker = queue(await reopen(), ({ signal }) => new Promise((resolve) => signal.addEventListener('abort', () => resolve({}))), {
      redisUrl: url, runJobs: true, redisRetries: 2, onFatal: (err) => lost.push(err),
    });
    await worker.start();
    const serve = queue(store, undefined, { redisUrl: url, redisRetries: 2 });
    const job = await serve.enqueueScan(sites[0]!, { actor: SYSTEM_ACTOR, trigger: 'manual' });
    await until('领取', async () => (await loadJob(store.db, job.id))?.status === 'running');
    redisServer.kill('SIGKILL');
    await gone;
    await until('报告 Redis 断开', async () => lost.length > 0, 20_000);
    expect(lost[0]!.message).toBe(`无法连接 Redis（REDIS_URL=${url}）：连接中断，多次重连失败`);
    const stopping = Date.now();
    await worker.stop();
    await serve.stop();
    expect(Date.now() - stopping).toBeLessThan(10_000);
    expect(lost).toHaveLength(1);
    // The store row is handed back all the same: the next worker (with Redis back) runs it.
    expect((await loadJob(store.db, job.id))!.status).toBe('queued');
  }, 40_000);
});
