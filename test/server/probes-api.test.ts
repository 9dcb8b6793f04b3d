// GET /api/v1/websites/:id/probes on SQLite and PostgreSQL: points, hourly and daily counts, the current week's
// window (complete with a veto, or incomplete), unit isolation and bad input. (CSRF and isolation of the route
// are also covered by the generated tests in api-suite.ts.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../src/server/platform.js';
import { bootstrapAdmin } from '../../src/server/platform.js';
import { hashPassword } from '../../src/server/password.js';
import { createUnit, createUser, createWebsite } from '../../src/store/inventory.js';
import { insertProbes, type ProbeRecord } from '../../src/store/probes.js';
import { SYSTEM_ACTOR, UnitScope } from '../../src/store/scope.js';
import { type Backend, type Client, login, startTestPlatform } from './harness.js';
import { createPgSchema, skipPg, type PgSchema } from '../workflows/pg-schema.js';

const ADMIN_PW = 'Chief-pass-2024';
const USER_PW = 'Staff-pass-2024';
const HOUR = 3_600_000;

function suite(name: string, backend: Backend) {
  describe(`probe API on ${name}`, () => {
    let p: Platform;
    let admin: Client;
    let opA: Client;
    const ids = { a: 0, b: 0, fresh: 0 };
    const now = Date.now();

    beforeAll(async () => {
      p = await startTestPlatform(backend);
      await bootstrapAdmin(p.store, { GOVPATROL_ADMIN_PASSWORD: ADMIN_PW });
      const scope = await UnitScope.of(p.store.db, SYSTEM_ACTOR);
      const unitA = await createUnit(p.store.db, scope, { name: '甲县', type: 'county', parentId: null, code: null, contact: null, includeSubunits: false });
      const unitB = await createUnit(p.store.db, scope, { name: '乙区', type: 'county', parentId: null, code: null, contact: null, includeSubunits: false });
      ids.a = (await createWebsite(p.store.db, scope, { name: '甲县政府网', url: 'http://a.gov.test/', unitId: unitA.id, kind: 'portal' }, 100)).id;
      ids.b = (await createWebsite(p.store.db, scope, { name: '乙区政府网', url: 'http://b.gov.test/', unitId: unitB.id, kind: 'portal' }, 100)).id;
      ids.fresh = (await createWebsite(p.store.db, scope, { name: '甲县新网站', url: 'http://fresh.gov.test/', unitId: unitA.id, kind: 'department' }, 100)).id;
      await createUser(p.store.db, scope, { username: 'opa', displayName: '甲县管理员', role: 'unit', unitId: unitA.id }, await hashPassword(USER_PW));
      // Site a: a probe every hour (at half past, clear of the range edges) for the last 8 days, every 10th
      // failing (10% → vetoed). Site fresh: one day.
      const rows: ProbeRecord[] = [];
      for (let h = 1; h <= 8 * 24; h++) rows.push({ websiteId: ids.a, at: new Date(now - h * HOUR + HOUR / 2).toISOString(), ok: h % 10 !== 0, status: h % 10 ? 200 : 503, ms: 100 + h, error: h % 10 ? null : '首页返回 HTTP 503' });
      for (let h = 1; h <= 24; h++) rows.push({ websiteId: ids.fresh, at: new Date(now - h * HOUR + HOUR / 2).toISOString(), ok: true, status: 200, ms: 80 });
      await insertProbes(p.store.db, rows);
      admin = await login(p.url, 'admin', ADMIN_PW);
      opA = await login(p.url, 'opa', USER_PW);
    });
    afterAll(async () => {
      await p?.close();
    });

    it('returns the points, hourly and daily counts and the current week, vetoed at 10% failed', async () => {
      const r = await opA.req('GET', `/api/v1/websites/${ids.a}/probes`);
      expect(r.status).toBe(200);
      const h = r.json;
      expect(h.points).toHaveLength(7 * 24); // the default range is the last 7 days
      expect(h.points[0].at < h.points[1].at).toBe(true);
      expect(h.points.filter((x: any) => !x.ok)).toHaveLength(16);
      expect(h.points.find((x: any) => !x.ok)).toMatchObject({ status: 503, error: '首页返回 HTTP 503' });
      expect(h.hourly.reduce((n: number, x: any) => n + x.probes, 0)).toBe(7 * 24);
      expect(h.daily.reduce((n: number, x: any) => n + x.failed, 0)).toBe(16);
      expect(h.daily.every((d: any) => /^\d{4}-\d{2}-\d{2}$/.test(d.date))).toBe(true);
      expect(h.window).toMatchObject({ probes: 168, failed: 16, complete: true, vetoed: true });
      expect(h.truncated).toBe(false);
    });

    it('reads a given range, and says incomplete for a site probed one day', async () => {
      const from = new Date(now - 2 * 24 * HOUR).toISOString();
      const to = new Date(now - 24 * HOUR + 1).toISOString();
      const r = await admin.req('GET', `/api/v1/websites/${ids.a}/probes?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
      expect(r.json.points).toHaveLength(24);
      const fresh = await admin.req('GET', `/api/v1/websites/${ids.fresh}/probes`);
      expect(fresh.json.window).toMatchObject({ probes: 24, failed: 0, share: 0, complete: false, vetoed: null });
    });

    it("refuses another unit's website and bad ranges with a Chinese message", async () => {
      expect((await opA.req('GET', `/api/v1/websites/${ids.b}/probes`)).status).toBe(404);
      const bad = await admin.req('GET', `/api/v1/websites/${ids.a}/probes?from=yesterday`);
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('时间格式无效');
      const reversed = await admin.req('GET', `/api/v1/websites/${ids.a}/probes?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z`);
      expect(reversed.status).toBe(400);
      expect(reversed.text).toContain('开始时间须早于结束时间');
      expect((await admin.req('GET', `/api/v1/websites/${ids.a}/probes?from=2026-01-01T00:00:00Z&to=2026-12-01T00:00:00Z`)).text).toContain('不得超过 92 天');
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'gp-probes-api-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
suite('SQLite', { options: () => ({ url: `sqlite:${join(dir, 'api.sqlite')}` }) });

let pg: PgSchema | undefined;
describe.skipIf(skipPg)('PostgreSQL', () => {
  beforeAll(async () => {
    pg = await createPgSchema();
  });
  afterAll(async () => {
    await pg?.drop();
  });
  suite('PostgreSQL', { options: () => ({ url: pg!.url, schema: pg!.schema }) });
});
