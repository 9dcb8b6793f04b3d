// The in-process job runner and the scheduler, on a real SQLite store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';
import { createUnit, createWebsite } from '../../src/store/inventory.js';
import { SYSTEM_ACTOR, UnitScope } from '../../src/store/scope.js';
import { enqueueJob, loadJob } from '../../src/store/jobs.js';
import { InProcessRunner, type JobExecutor } from '../../src/jobs/runner.js';
import { Scheduler, cronProblem } from '../../src/jobs/scheduler.js';
import { updateSettings } from '../../src/store/settings.js';

const dir = mkdtempSync(join(tmpdir(), 'gp-jobs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

async function setup(): Promise<{ store: Store; sites: number[]; url: string }> {
  const url = join(dir, `jobs-${n++}.sqlite`);
  const store = await openStore({ url });
  const scope = await UnitScope.of(store.db, SYSTEM_ACTOR);
  const unit = await createUnit(store.db, scope, { name: '测试单位', type: 'other', parentId: null, code: null, contact: null, includeSubunits: false });
  const sites: number[] = [];
  for (let i = 0; i < 4; i++) sites.push((await createWebsite(store.db, scope, { name: `网站${i}`, url: `http://s${i}.gov.test/`, unitId: unit.id, kind: 'department' }, 100)).id);
  return { store, sites, url };
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

describe('in-process runner', () => {
  it('never runs more than its concurrency limit, and one failing job sinks no other', async () => {
    const { store, sites } = await setup();
    let running = 0;
    let peak = 0;
    const release = gate();
    const executor: JobExecutor = async ({ job, onProgress }) => {
      running++;
      peak = Math.max(peak, running);
      onProgress({ pages: 1, queued: 0, errors: 0 });
      await release.opened;
      running--;
      if (job.websiteId === sites[1]) throw new Error('站点无法扫描');
      return {};
    };
    const runner = new InProcessRunner(store, executor, { concurrency: 2, pollMs: 20 });
    await runner.start();
    const jobs = [];
    for (const id of sites) jobs.push(await runner.enqueueScan(id, { actor: SYSTEM_ACTOR, trigger: 'manual' }));
    // Queuing the same website again returns the open job instead of a second one.
    expect((await runner.enqueueScan(sites[0]!, { actor: SYSTEM_ACTOR, trigger: 'manual' })).id).toBe(jobs[0]!.id);
    const seen: string[] = [];
    const unsubscribe = runner.subscribe(jobs[0]!.id, (j) => seen.push(j.status));
    await new Promise((r) => setTimeout(r, 200));
    expect(running).toBe(2);
    release.open();
    await runner.idle();
    unsubscribe();
    expect(peak).toBe(2);
    const final = await Promise.all(jobs.map((j) => loadJob(store.db, j.id)));
    expect(final.map((j) => j!.status)).toEqual(['done', 'failed', 'done', 'done']);
    expect(final[1]!.error).toBe('站点无法扫描');
    expect(seen.at(-1)).toBe('done');
    await runner.stop();
    await store.close();
  });

  it('resumes queued jobs after a restart; re-queues a running job whose process died, and fails it after two deaths', async () => {
    const { store, sites, url } = await setup();
    const queued = (await enqueueJob(store.db, SYSTEM_ACTOR, { kind: 'scan', websiteId: sites[0]!, trigger: 'schedule' })).job;
    const orphan = (await enqueueJob(store.db, SYSTEM_ACTOR, { kind: 'scan', websiteId: sites[1]!, trigger: 'manual' })).job;
    const doomed = (await enqueueJob(store.db, SYSTEM_ACTOR, { kind: 'scan', websiteId: sites[2]!, trigger: 'manual' })).job;
    // A process on this host that no longer exists (pid 2^22 + 1 is above Linux's pid_max default).
    const dead = `${(await import('node:os')).hostname()}|4194305|gone`;
    await store.db.updateTable('jobs').set({ status: 'running', owner: dead, attempts: 1 }).where('id', '=', orphan.id).execute();
    await store.db.updateTable('jobs').set({ status: 'running', owner: dead, attempts: 2 }).where('id', '=', doomed.id).execute();
    await store.close();

    const reopened = await openStore({ url });
    const ran: number[] = [];
    const runner = new InProcessRunner(reopened, async ({ job }) => (ran.push(job.id), {}), { pollMs: 20 });
    await runner.start();
    await runner.idle();
    expect(ran.sort()).toEqual([queued.id, orphan.id].sort());
    expect((await loadJob(reopened.db, doomed.id))!).toMatchObject({ status: 'failed', error: '任务多次中断，已标记失败' });
    expect((await loadJob(reopened.db, orphan.id))!).toMatchObject({ status: 'done', attempts: 2 });
    await runner.stop();
    await reopened.close();
  });

  it('leaves a job interrupted by stop() to be re-queued by the next start', async () => {
    const { store, sites } = await setup();
    const started = gate();
    const runner = new InProcessRunner(store, async ({ signal }) => {
      started.open();
      await new Promise((r) => signal.addEventListener('abort', r));
      throw new Error('aborted');
    }, { pollMs: 20 });
    await runner.start();
    const job = await runner.enqueueScan(sites[0]!, { actor: SYSTEM_ACTOR, trigger: 'manual' });
    await started.opened;
    await runner.stop();
    expect((await loadJob(store.db, job.id))!.status).toBe('running');
    const next = new InProcessRunner(store, async () => ({}), { pollMs: 20 });
    await next.start();
    await next.idle();
    expect((await loadJob(store.db, job.id))!.status).toBe('done');
    await next.stop();
    await store.close();
  });
});

describe('scheduler', () => {
  it('validates croner patterns in Chinese', () => {
    expect(cronProblem('0 2 * * *')).toBeUndefined();
    expect(cronProblem('not a cron')).toMatch(/定时规则「not a cron」无效/);
  });

  it('keeps one schedule per website, the site\'s own pattern over the platform default', async () => {
    const { store, sites } = await setup();
    await store.db.updateTable('websites').set({ scheduleCron: '15 3 * * *' }).where('id', '=', sites[0]!).execute();
    const enqueued: number[] = [];
    const queue = { enqueueScan: async (id: number) => (enqueued.push(id), undefined as never) } as unknown as InProcessRunner;
    const scheduler = new Scheduler(store, queue);
    await scheduler.sync();
    const next = scheduler.nextRuns();
    expect([...next.keys()].sort()).toEqual([...sites].sort());
    // 03:15 and 02:00 in Asia/Shanghai are 19:15 and 18:00 UTC.
    expect(next.get(sites[0]!)!.toISOString()).toMatch(/T19:15:00/);
    expect(next.get(sites[1]!)!.toISOString()).toMatch(/T18:00:00/);
    await updateSettings(store.db, SYSTEM_ACTOR, { defaultScheduleCron: '0 4 * * 1' });
    await scheduler.sync();
    expect(scheduler.nextRuns().get(sites[1]!)!.toISOString()).toMatch(/T20:00:00/);
    expect(scheduler.nextRuns().get(sites[0]!)!.toISOString()).toMatch(/T19:15:00/);
    scheduler.stop();
    await store.close();
  });
});
