// The distributed mode end to end: real scans run by a worker while a "serve" queue follows them. One worker
// is a child process, `bin/govpatrol.js worker` with REDIS_URL (scanning a tiny loopback site, since a child
// cannot be handed the synthetic site's host map); the other is an in-process worker scanning the synthetic
// government site (testsite/). Redis through redis-harness.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { mergeConfig } from '../../src/config.js';
import { openStore, type Store } from '../../src/store/index.js';
import { createUnit, createWebsite } from '../../src/store/inventory.js';
import { SYSTEM_ACTOR, UnitScope } from '../../src/store/scope.js';
import { loadJob, type Job } from '../../src/store/jobs.js';
import { BullmqQueue } from '../../src/jobs/bullmq-queue.js';
import { scanJobExecutor } from '../../src/jobs/scan-job.js';
import { startTestSite } from '../../testsite/index.js';
import { REDIS_URL, redisTestRun, requireRedis, skipRedis, until } from './redis-harness.js';

const { prefix, dir, cleanups } = redisTestRun('bullmq-e2e');
const bin = fileURLToPath(new URL('../../bin/govpatrol.js', import.meta.url));

async function storeWithWebsite(url: string, name: string): Promise<{ db: string; store: Store; websiteId: number }> {
  const db = join(dir, `${name}.sqlite`);
  const store = await openStore({ url: db });
  cleanups.push(() => store.close());
  const scope = await UnitScope.of(store.db, SYSTEM_ACTOR);
  const unit = await createUnit(store.db, scope, { name: '测试单位', type: 'other', parentId: null, code: null, contact: null, includeSubunits: false });
  const website = await createWebsite(store.db, scope, { name, url, unitId: unit.id, kind: 'department' }, 200);
  return { db, store, websiteId: website.id };
}

/** The "serve" side: queues and follows, runs nothing. */
function serveQueue(store: Store): BullmqQueue {
  const q = new BullmqQueue(store, undefined, { redisUrl: REDIS_URL, prefix });
  cleanups.push(() => q.stop());
  return q;
}

/** Three linked pages on loopback. */
async function tinySite(): Promise<string> {
  const page = (title: string, links: string[]) =>
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${links.map((l) => `<a href="${l}">${l}</a>`).join(' ')}</body></html>`;
  const pages: Record<string, string> = { '/': page('首页', ['/a.html', '/b.html']), '/a.html': page('政务公开', ['/']), '/b.html': page('办事服务', ['/']) };
  const server = http.createServer((req, res) => {
    const body = pages[req.url ?? ''];
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise((r) => server.close(r)));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

function startWorker(db: string): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [bin, 'worker', '--db', db, '--no-browser', '--concurrency', '1'], {
    env: { ...process.env, REDIS_URL, GOVPATROL_REDIS_PREFIX: prefix, GOVPATROL_FROM_SOURCE: '1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (d) => (text += d));
  child.stderr!.on('data', (d) => (text += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  cleanups.push(async () => {
    child.kill('SIGKILL');
    await exited;
  });
  return { child, output: () => text, exited };
}

/** Runs the CLI to its end; the output and exit code. */
function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, GOVPATROL_FROM_SOURCE: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

describe('an unreachable Redis', () => {
  it('stops `serve` and `worker` at once with exit code 1 and a Chinese message, password masked', async () => {
    const env = { REDIS_URL: 'redis://:secret@127.0.0.1:1' };
    const [serve, worker] = await Promise.all([
      runCli(['serve', '--db', join(dir, 'serve-no-redis.sqlite'), '--port', '18391'], env),
      runCli(['worker', '--db', join(dir, 'worker-no-redis.sqlite')], env),
    ]);
    expect(serve.code, serve.output).toBe(1);
    expect(serve.output).toContain('错误：平台无法启动：无法连接 Redis（REDIS_URL=redis://:***@127.0.0.1:1）：connect ECONNREFUSED');
    expect(worker.code, worker.output).toBe(1);
    expect(worker.output).toContain('错误：任务进程无法启动：无法连接 Redis（REDIS_URL=redis://:***@127.0.0.1:1）：connect ECONNREFUSED');
    expect(serve.output + worker.output).not.toContain('secret');
  }, 120_000);
});

describe.skipIf(skipRedis)('distributed mode end to end', () => {
  beforeAll(requireRedis);
  it('`govpatrol worker` with REDIS_URL, a child process, runs a scan queued by serve; serve sees its progress; SIGTERM stops it cleanly', async () => {
    const { db, store, websiteId } = await storeWithWebsite(await tinySite(), '小网站');
    const serve = serveQueue(store);
    const job = await serve.enqueueScan(websiteId, { actor: SYSTEM_ACTOR, trigger: 'manual' });
    const seen: Job[] = [];
    serve.subscribe(job.id, (j) => seen.push(j));
    const worker = startWorker(db);
    const final = await until('子进程完成扫描', async () => seen.find((j) => j.status !== 'running' && j.status !== 'queued'), 120_000).catch((err) => {
      throw new Error(`${(err as Error).message}\n${worker.output()}`);
    });
    expect(final.status, worker.output()).toBe('done');
    expect(seen.some((j) => j.status === 'running')).toBe(true);
    const stored = (await loadJob(store.db, job.id))!;
    expect(stored).toMatchObject({ status: 'done', scanId: final.scanId });
    expect(stored.scanId).toBeGreaterThan(0);
    expect((await store.getScan(stored.scanId!))?.status).toBe('done');
    expect(stored.progress.pages).toBeGreaterThanOrEqual(3);
    expect(worker.output()).toContain('分布式模式：从 Redis（redis://');
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
  }, 150_000);

  it('an in-process worker scans the synthetic government site end to end', async () => {
    const site = await startTestSite({ pages: 60 });
    cleanups.push(() => site.close());
    const { store, websiteId } = await storeWithWebsite(site.url, '模拟政府网站');
    const serve = serveQueue(store);
    const workerStore = await openStore({ url: join(dir, '模拟政府网站.sqlite') });
    cleanups.push(() => workerStore.close());
    const executor = scanJobExecutor(workerStore, {
      browser: false,
      configure: (_w, config) => mergeConfig(config, { crawl: { hosts: site.hosts, hostsOnly: true, requestTimeoutMs: 5000 } }),
    });
    const worker = new BullmqQueue(workerStore, executor, { redisUrl: REDIS_URL, prefix, runJobs: true, concurrency: 1, publishMs: 0 });
    cleanups.push(() => worker.stop());
    await worker.start();
    const job = await serve.enqueueScan(websiteId, { actor: SYSTEM_ACTOR, trigger: 'manual' });
    const progress: number[] = [];
    serve.subscribe(job.id, (j) => progress.push(j.progress.pages));
    await until('扫描结束', async () => ['done', 'failed'].includes((await loadJob(store.db, job.id))!.status), 120_000);
    const stored = (await loadJob(store.db, job.id))!;
    expect(stored.status, stored.error ?? '').toBe('done');
    const scan = (await store.getScan(stored.scanId!))!;
    expect(scan.status).toBe('done');
    expect(progress.some((p) => p > 0)).toBe(true);
    expect((await store.findingsOf(scan.id)).length).toBeGreaterThan(0);
    expect(stored.progress.pages).toBeGreaterThan(20);
  }, 150_000);
});
