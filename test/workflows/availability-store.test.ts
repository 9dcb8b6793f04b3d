// The 站点无法访问 veto over probes stored in a real database, on SQLite and on PostgreSQL: a stored week at
// 4.9% and at 5.0% failed probes, an incomplete week, the window's edges, and many sites at once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';
import { createUnit, createWebsite } from '../../src/store/inventory.js';
import { SYSTEM_ACTOR, UnitScope } from '../../src/store/scope.js';
import { hourlyProbes, insertProbes, probePoints, type ProbeRecord } from '../../src/store/probes.js';
import { availabilityWindow, availabilityWindows } from '../../src/workflows/availability.js';
import { createPgSchema, skipPg, type PgSchema } from './pg-schema.js';

const TO = new Date('2026-11-30T16:00:00.000Z'); // 2026-12-01 00:00 in Asia/Shanghai
const DAY = 86_400_000;

/** `perDay[d]` probes on day d of the week before TO (evenly spaced), the first `failed` of them failing. */
function storedWeek(websiteId: number, perDay: number[], failed: number): ProbeRecord[] {
  const rows: ProbeRecord[] = [];
  perDay.forEach((n, d) => {
    const dayStart = TO.getTime() - (7 - d) * DAY;
    for (let i = 0; i < n; i++) rows.push({ websiteId, at: new Date(dayStart + Math.floor((i * DAY) / n)).toISOString(), ok: true, status: 200, ms: 120 });
  });
  // Every 13th row (13 is coprime with the totals used, so no row is picked twice) fails.
  for (let i = 0; i < failed; i++) Object.assign(rows[i * 13 % rows.length], { ok: false, status: 0, ms: 15_000, error: '超时：15 秒内首页未打开' });
  return rows;
}

function suite(name: string, options: () => { url: string; schema?: string }) {
  describe(`availability window on ${name}`, () => {
    let store: Store;
    const site: Record<string, number> = {};

    beforeAll(async () => {
      store = await openStore(options());
      const scope = await UnitScope.of(store.db, SYSTEM_ACTOR);
      const unit = await createUnit(store.db, scope, { name: '市政府办公室', type: 'city-dept', parentId: null, code: null, contact: null, includeSubunits: false });
      for (const key of ['below', 'at', 'short', 'late', 'edges', 'none']) {
        site[key] = (await createWebsite(store.db, scope, { name: key, url: `http://${key}.probe.gov.test/`, unitId: unit.id, kind: 'department' }, 100)).id;
      }
      const thousand = [143, 143, 143, 143, 143, 143, 142];
      await insertProbes(store.db, storedWeek(site.below, thousand, 49));
      await insertProbes(store.db, storedWeek(site.at, thousand, 50));
      await insertProbes(store.db, storedWeek(site.short, [24, 24, 24, 19, 24, 24, 24], 80));
      await insertProbes(store.db, storedWeek(site.late, [0, 24, 24, 24, 24, 24, 24], 0));
    });

    afterAll(async () => {
      await store?.close();
    });

    it('does not veto at 4.9% failed probes over a stored week', async () => {
      const w = await availabilityWindow(store.db, site.below, TO);
      expect(w).toEqual({ from: '2026-11-23T16:00:00.000Z', to: TO.toISOString(), probes: 1000, failed: 49, share: 0.049, complete: true, vetoed: false });
    });

    it('vetoes at 5.0% failed probes over a stored week', async () => {
      const w = await availabilityWindow(store.db, site.at, TO);
      expect(w).toMatchObject({ probes: 1000, failed: 50, share: 0.05, complete: true, vetoed: true });
    });

    it('says incomplete (vetoed null) for a week with a day under 20 probes or probes that began late', async () => {
      expect(await availabilityWindow(store.db, site.short, TO)).toMatchObject({ probes: 163, failed: 80, complete: false, vetoed: null });
      expect(await availabilityWindow(store.db, site.late, TO)).toMatchObject({ probes: 144, failed: 0, share: 0, complete: false, vetoed: null });
      expect(await availabilityWindow(store.db, site.none, TO)).toMatchObject({ probes: 0, failed: 0, share: null, complete: false, vetoed: null });
      // One day earlier the 4.9% site's window lacks its last day (no probes stored before the week).
      expect(await availabilityWindow(store.db, site.below, new Date(TO.getTime() + DAY))).toMatchObject({ complete: false, vetoed: null });
    });

    it('counts a probe at the window start and not one at its end', async () => {
      const from = new Date(TO.getTime() - 7 * DAY).toISOString();
      await insertProbes(store.db, [
        { websiteId: site.edges, at: from, ok: false, status: 503, ms: 30 },
        { websiteId: site.edges, at: TO.toISOString(), ok: false, status: 503, ms: 30 },
        { websiteId: site.edges, at: new Date(TO.getTime() - 1).toISOString(), ok: true, status: 200, ms: 30 },
      ]);
      expect(await availabilityWindow(store.db, site.edges, TO, { minPerDay: 1, days: 7 })).toMatchObject({ probes: 2, failed: 1, complete: false });
      expect(await availabilityWindow(store.db, site.edges, TO, { days: 1, minPerDay: 1 })).toMatchObject({ probes: 1, failed: 0, complete: true, vetoed: false });
    });

    it('computes many sites in one call, each as alone', async () => {
      const ids = [site.below, site.at, site.short, site.none, site.at];
      const all = await availabilityWindows(store.db, ids, TO);
      expect([...all.keys()].sort()).toEqual([...new Set(ids)].sort());
      for (const id of new Set(ids)) expect(all.get(id)).toEqual(await availabilityWindow(store.db, id, TO));
      expect(all.get(site.at)!.vetoed).toBe(true);
      expect(all.get(site.below)!.vetoed).toBe(false);
    });

    it('reads points and hourly aggregates back as stored', async () => {
      const from = new Date(TO.getTime() - DAY).toISOString();
      const points = await probePoints(store.db, site.short, from, TO.toISOString());
      expect(points).toHaveLength(24);
      expect(points[0]).toEqual({ at: from, ok: true, status: 200, ms: 120, error: null });
      const hours = await hourlyProbes(store.db, site.short, from, TO.toISOString());
      expect(hours).toHaveLength(24);
      expect(hours[0]).toEqual({ hour: from, probes: 1, failed: 0 });
      const failedWeek = await hourlyProbes(store.db, site.at, new Date(TO.getTime() - 7 * DAY).toISOString(), TO.toISOString());
      expect(failedWeek.reduce((n, h) => n + h.failed, 0)).toBe(50);
      expect(failedWeek.reduce((n, h) => n + h.probes, 0)).toBe(1000);
      const failures = (await probePoints(store.db, site.at, new Date(TO.getTime() - 7 * DAY).toISOString(), TO.toISOString())).filter((p) => !p.ok);
      expect(failures).toHaveLength(50);
      expect(failures[0]).toMatchObject({ status: 0, ms: 15_000, error: '超时：15 秒内首页未打开' });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'govpatrol-probes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
suite('SQLite', () => ({ url: `sqlite:${join(dir, 'probes.sqlite')}` }));

let pgSchema: PgSchema | undefined;
describe.skipIf(skipPg)('PostgreSQL', () => {
  beforeAll(async () => {
    pgSchema = await createPgSchema();
  });
  afterAll(async () => {
    await pgSchema?.drop();
  });
  suite('PostgreSQL', () => ({ url: pgSchema!.url, schema: pgSchema!.schema }));
});
