// The availability probe scheduler on a real SQLite store and a real loopback HTTP server: every site is probed
// on its own slot, results reach the store in batches, settings are enforced, and probes keep running while
// a scan job holds the runner.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';
import { createUnit, createWebsite, deleteWebsite } from '../../src/store/inventory.js';
import { SYSTEM_ACTOR, UnitScope } from '../../src/store/scope.js';
import { insertProbes } from '../../src/store/probes.js';
import { getSettings, updateSettings } from '../../src/store/settings.js';
import { ProbeScheduler, slotAfter, slotOffset, slotTime } from '../../src/jobs/probe-scheduler.js';
import { startPlatform } from '../../src/server/platform.js';
import type { JobExecutor } from '../../src/jobs/runner.js';

const dir = mkdtempSync(join(tmpdir(), 'gp-probes-'));
let server: Server;
let base = '';
const sockets = new Set<Socket>();
let n = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/ok/') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<title>首页</title>');
    if (req.url === '/error/') return void res.writeHead(500).end('错误');
    // '/hang/' never answers.
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

async function setup(url = join(dir, `probes-${n++}.sqlite`)): Promise<{ store: Store; ids: Record<string, number> }> {
  const store = await openStore({ url });
  const scope = await UnitScope.of(store.db, SYSTEM_ACTOR);
  const unit = await createUnit(store.db, scope, { name: '测试单位', type: 'other', parentId: null, code: null, contact: null, includeSubunits: false });
  const ids: Record<string, number> = {};
  for (const path of ['ok', 'error', 'hang']) ids[path] = (await createWebsite(store.db, scope, { name: path, url: `${base}/${path}/`, unitId: unit.id, kind: 'department' }, 100)).id;
  return { store, ids };
}

async function stored(store: Store, websiteId: number) {
  return store.db.selectFrom('probes').selectAll().where('websiteId', '=', websiteId).orderBy('at').execute();
}

async function until(what: () => Promise<boolean>): Promise<void> {
  while (!(await what())) await new Promise((r) => setTimeout(r, 25));
}

describe('probe slots', () => {
  it('spreads 2,000 sites over the hour: no second holds more than 3 of them', () => {
    const period = 3_600_000;
    const perSecond = new Map<number, number>();
    for (let id = 1; id <= 2000; id++) {
      const second = Math.floor(slotOffset(id, period) / 1000);
      perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
    }
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(3);
    expect(perSecond.size).toBeGreaterThan(1000);
  });

  it('gives each site one slot per period, starting after the given time', () => {
    const period = 3_600_000;
    const t = Date.parse('2026-12-01T00:00:00Z');
    for (const id of [1, 2, 17, 1999]) {
      const k = slotAfter(id, t, period);
      expect(slotTime(id, k, period)).toBeGreaterThan(t);
      expect(slotTime(id, k - 1, period)).toBeLessThanOrEqual(t);
      expect(slotTime(id, k + 1, period) - slotTime(id, k, period)).toBe(period);
      // 24 slots in any 24 hours.
      expect(slotAfter(id, t + 86_400_000, period) - k).toBe(24);
    }
  });
});

describe('probe scheduler', () => {
  it('probes every site on its slots and stores ok, 500 and hanging results in batches', async () => {
    const { store, ids } = await setup();
    const lags: number[] = [];
    const probes = new ProbeScheduler(store, { periodMs: 150, timeoutMs: 200, tickMs: 10, flushMs: 40, onProbe: (_, lag) => lags.push(lag) });
    try {
      await probes.start();
      expect([...probes.nextProbes().keys()].sort()).toEqual(Object.values(ids).sort());
      await until(async () => (await stored(store, ids.hang)).length >= 2 && (await stored(store, ids.ok)).length >= 2);
    } finally {
      await probes.stop();
    }
    const ok = await stored(store, ids.ok);
    expect(ok.every((p) => p.ok === 1 && p.status === 200 && p.error === null)).toBe(true);
    const error = await stored(store, ids.error);
    expect(error.length).toBeGreaterThanOrEqual(1);
    expect(error.every((p) => p.ok === 0 && p.status === 500 && p.error === '首页返回 HTTP 500')).toBe(true);
    const hang = await stored(store, ids.hang);
    expect(hang.every((p) => p.ok === 0 && p.status === 0 && p.error === '首页 0.2 秒内未打开' && p.ms >= 195)).toBe(true);
    // Each row is one probe: distinct start times per site, never two probes of a site at once.
    expect(new Set(hang.map((p) => p.at)).size).toBe(hang.length);
    expect(lags.every((l) => l >= 0)).toBe(true); // never before its slot
    // stop() wrote everything that was probed.
    expect(ok.length + error.length + hang.length).toBe(lags.length);
    await store.close();
  });

  it('drops results of a website deleted while probing, and keeps the rest of the batch', async () => {
    const { store, ids } = await setup();
    const scope = await UnitScope.of(store.db, SYSTEM_ACTOR);
    await deleteWebsite(store.db, scope, ids.error);
    await insertProbes(store.db, [
      { websiteId: ids.error, at: new Date().toISOString(), ok: false, status: 500, ms: 3 },
      { websiteId: ids.ok, at: new Date().toISOString(), ok: true, status: 200, ms: 3 },
    ]);
    expect(await stored(store, ids.ok)).toHaveLength(1);
    expect(await stored(store, ids.error)).toHaveLength(0);
    await store.close();
  });

  it('keeps probing while a scan job holds the only runner slot', async () => {
    const url = join(dir, `platform-${n++}.sqlite`);
    const { store: seedStore, ids } = await setup(url);
    await seedStore.close();
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let scanning = false;
    const executor: JobExecutor = async () => {
      scanning = true;
      await released;
      return {};
    };
    const platform = await startPlatform({ url, port: 0, logger: false, schedules: false, concurrency: 1, executor, probes: { periodMs: 100, timeoutMs: 300, tickMs: 10, flushMs: 30 } });
    try {
      expect(platform.probes).toBeDefined();
      await platform.jobs.enqueueScan(ids.ok, { actor: SYSTEM_ACTOR, trigger: 'manual' });
      await until(async () => scanning);
      const before = (await stored(platform.store, ids.ok)).length;
      await until(async () => (await stored(platform.store, ids.ok)).length >= before + 3);
      const job = (await platform.jobs.get(1))!;
      expect(job.status).toBe('running'); // the scan is still running: the probes did not wait for it
    } finally {
      release();
      await platform.close();
    }
  });

  it('is off with schedules off unless asked for, and the settings enforce at least 20 probes a day', async () => {
    const { store } = await setup();
    expect(await getSettings(store.db)).toMatchObject({ probesPerDay: 24, probeTimeoutMs: 15_000 });
    await updateSettings(store.db, SYSTEM_ACTOR, { probesPerDay: 5 }); // bypassing the API's validation
    const probes = new ProbeScheduler(store, { tickMs: 60_000 });
    await probes.start();
    const period = probes.period();
    await probes.stop();
    expect(period).toBe(86_400_000 / 20); // clamped to 20 a day, not 5
    await updateSettings(store.db, SYSTEM_ACTOR, { probesPerDay: 48 });
    const faster = new ProbeScheduler(store, { tickMs: 60_000 });
    await faster.start();
    expect(faster.period()).toBe(1_800_000);
    await faster.stop();
    await store.close();
    const url = join(dir, `off-${n++}.sqlite`);
    const platform = await startPlatform({ url, port: 0, logger: false, schedules: false, runJobs: false });
    try {
      expect(platform.probes).toBeUndefined();
    } finally {
      await platform.close();
    }
  });
});
