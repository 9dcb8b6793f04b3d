// The demo's seeded probe history: deterministic, a full window at any cut-off in the last month, one site
// vetoed at about 6% and the others clean.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { seedDemoProbes, DEMO_PROBE_DAYS } from '../../src/cli/demo-probes.js';
import { openStore } from '../../src/store/index.js';
import { createUnit, createWebsite } from '../../src/store/inventory.js';
import { SYSTEM_ACTOR, UnitScope } from '../../src/store/scope.js';
import { availabilityWindows } from '../../src/workflows/availability.js';

const dir = mkdtempSync(join(tmpdir(), 'gp-demo-probes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('seeds the same history twice for the same start, vetoing only the failing site at every cut-off', async () => {
  const now = new Date('2026-12-03T07:34:10.000Z');
  const dumps: string[] = [];
  for (const run of [0, 1]) {
    const store = await openStore({ url: join(dir, `demo-${run}.sqlite`) });
    const scope = await UnitScope.of(store.db, SYSTEM_ACTOR);
    const unit = await createUnit(store.db, scope, { name: '单位', type: 'other', parentId: null, code: null, contact: null, includeSubunits: false });
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createWebsite(store.db, scope, { name: `网站${i}`, url: `http://s${i}.gov.test/`, unitId: unit.id, kind: 'department' }, 100)).id);
    const written = await seedDemoProbes(store.db, ids.map((id, i) => ({ websiteId: id, failing: i === 4 })), now);
    expect(written).toBe(5 * DEMO_PROBE_DAYS * 24);
    for (const daysBack of [0, 1, 10, 32]) {
      const windows = await availabilityWindows(store.db, ids, new Date(now.getTime() - daysBack * 86_400_000));
      for (const [id, w] of windows) {
        expect(w.complete).toBe(true);
        expect(w.probes).toBe(168);
        if (id === ids[4]) {
          expect(w.vetoed).toBe(true);
          expect(w.failed).toBeGreaterThanOrEqual(9);
          expect(w.failed).toBeLessThanOrEqual(12);
        } else expect(w).toMatchObject({ failed: 0, vetoed: false });
      }
    }
    const rows = await store.db.selectFrom('probes').select(['websiteId', 'at', 'ok', 'status', 'ms', 'error']).orderBy('id').execute();
    expect(rows.every((r) => r.at < now.toISOString())).toBe(true);
    dumps.push(JSON.stringify(rows));
    await store.close();
  }
  expect(dumps[1]).toBe(dumps[0]);
});
