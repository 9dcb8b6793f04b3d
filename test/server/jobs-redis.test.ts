// The dashboard's live progress in the distributed mode: `serve` (the platform with REDIS_URL, running no
// jobs) queues a scan through the API and streams it over SSE while a worker — another store handle and
// queue, as another process would have — runs it. Redis through test/jobs/redis-harness.ts.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bootstrapAdmin, startPlatform } from '../../src/server/platform.js';
import { openStore } from '../../src/store/index.js';
import { createUnit, createWebsite } from '../../src/store/inventory.js';
import { SYSTEM_ACTOR, UnitScope } from '../../src/store/scope.js';
import { BullmqQueue } from '../../src/jobs/bullmq-queue.js';
import { fakeExecutor, login } from './harness.js';
import { REDIS_URL, redisTestRun, requireRedis, skipRedis } from '../jobs/redis-harness.js';

const { prefix, dir, cleanups } = redisTestRun('redis-api');

describe.skipIf(skipRedis)('serve with REDIS_URL', () => {
  beforeAll(requireRedis);
  it('queues through the API, runs nothing itself, and streams the worker\'s progress over SSE to the end', async () => {
    const db = join(dir, 'platform.sqlite');
    const platform = await startPlatform({ url: db, port: 0, logger: false, schedules: false, webDist: '/nonexistent-web-dist', redis: { url: REDIS_URL, prefix } });
    cleanups.push(() => platform.close());
    await bootstrapAdmin(platform.store, { GOVPATROL_ADMIN_PASSWORD: 'Redis-Test-2026' });
    const admin = await login(platform.url, 'admin', 'Redis-Test-2026');
    const scope = await UnitScope.of(platform.store.db, SYSTEM_ACTOR);
    const unit = await createUnit(platform.store.db, scope, { name: '测试单位', type: 'other', parentId: null, code: null, contact: null, includeSubunits: false });
    const website = await createWebsite(platform.store.db, scope, { name: '测试网站', url: 'http://www.redis.gov.test/', unitId: unit.id, kind: 'department' }, 100);

    const started = await admin.req('POST', `/api/v1/websites/${website.id}/scans`);
    expect(started.status).toBe(200);
    const jobId = started.json.jobId as number;
    await new Promise((r) => setTimeout(r, 300));
    expect((await admin.req('GET', `/api/v1/jobs/${jobId}`)).json.status).toBe('queued'); // serve runs no jobs

    const events = fetch(`${platform.url}/api/v1/jobs/${jobId}/events`, { headers: { cookie: admin.cookie } }).then((r) => r.text());
    const workerStore = await openStore({ url: db });
    cleanups.push(() => workerStore.close());
    const scan = fakeExecutor(workerStore);
    const worker = new BullmqQueue(workerStore, async (ctx) => {
      ctx.onProgress({ pages: 7, queued: 3, errors: 0, phase: '抓取' });
      await new Promise((r) => setTimeout(r, 300)); // the SSE stream sees it running
      return scan(ctx);
    }, { redisUrl: REDIS_URL, prefix, runJobs: true, concurrency: 1, publishMs: 0 });
    cleanups.push(() => worker.stop());
    await worker.start();

    const payloads = (await events).split('\n').filter((l) => l.startsWith('data: ')).map((l) => JSON.parse(l.slice(6)));
    expect(payloads.some((p) => p.status === 'running' && p.progress.pages === 7 && p.progress.phase === '抓取')).toBe(true);
    expect(payloads.at(-1)).toMatchObject({ id: jobId, status: 'done', websiteId: website.id });
    expect(payloads.at(-1).scanId).toBeGreaterThan(0);
    expect((await admin.req('GET', `/api/v1/jobs/${jobId}`)).json).toMatchObject({ status: 'done', scanId: payloads.at(-1).scanId });
  }, 60_000);
});
