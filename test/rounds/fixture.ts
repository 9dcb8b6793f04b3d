// A small inventory for the round tests: two units, a website each, a supervisor, an inspector and a unit
// operator of the first unit; helpers that store a finished scan with given findings.
import type { Finding } from '../../src/domain/index.js';
import type { Store } from '../../src/store/index.js';
import { createUnit, createUser, createWebsite } from '../../src/store/inventory.js';
import { SYSTEM_ACTOR, UnitScope, type Actor } from '../../src/store/scope.js';
import { deadLink, fakeReport } from '../server/harness.js';
import { insertProbes } from '../../src/store/probes.js';

export interface World {
  unitA: number;
  unitB: number;
  siteA: number;
  siteB: number;
  supervisor: Actor & { id: number };
  inspector: Actor & { id: number };
  operatorA: Actor & { id: number };
}

export async function seedWorld(store: Store): Promise<World> {
  const db = store.db;
  const sys = await UnitScope.of(db, SYSTEM_ACTOR);
  const unitA = (await createUnit(db, sys, { name: '甲县人民政府', type: 'county', parentId: null, code: null, contact: null, includeSubunits: false })).id;
  const unitB = (await createUnit(db, sys, { name: '乙区人民政府', type: 'county', parentId: null, code: null, contact: null, includeSubunits: false })).id;
  const siteA = (await createWebsite(db, sys, { name: '甲县政府网', url: 'http://www.jiaxian.gov.test/', unitId: unitA, kind: 'portal' }, 100)).id;
  const siteB = (await createWebsite(db, sys, { name: '乙区政府网', url: 'http://www.yiqu.gov.test/', unitId: unitB, kind: 'department' }, 100)).id;
  const sup = await createUser(db, sys, { username: 'chief', displayName: '监管员', role: 'supervisor', unitId: null }, 'x');
  const insp = await createUser(db, sys, { username: 'insp', displayName: '检查员', role: 'inspector', unitId: null }, 'x');
  const op = await createUser(db, sys, { username: 'op-a', displayName: '甲县', role: 'unit', unitId: unitA }, 'x');
  return {
    unitA, unitB, siteA, siteB,
    supervisor: { id: sup.id, username: sup.username, role: 'supervisor', unitId: null },
    inspector: { id: insp.id, username: insp.username, role: 'inspector', unitId: null },
    operatorA: { id: op.id, username: op.username, role: 'unit', unitId: unitA },
  };
}

export function typo(url: string, found: string): Finding {
  return {
    check: 'typo', indicator: 'publish.accuracy', severity: 'minor', url, evidence: `……${found}……`, message: `错别字「${found}」`,
    detail: { advice: '更正错别字', found, correct: '正确', count: 1, field: 'text' },
  };
}

export function wrongExpression(url: string): Finding {
  return {
    check: 'wrong-expression', indicator: 'veto.security', severity: 'veto', url, evidence: '……中华人民共和国国务院总里……', message: '疑似严重表述错误',
    detail: { advice: '立即更正', found: '国务院总里', correct: '国务院总理', category: 'leader', count: 1, field: 'text' },
  };
}

/** Stores a finished scan of a website with these findings and marks it the website's latest. */
export async function storeScan(store: Store, websiteId: number, findings: Finding[], finishedAt = new Date().toISOString()): Promise<number> {
  const w = await store.db.selectFrom('websites').select(['siteId', 'url']).where('id', '=', websiteId).executeTakeFirstOrThrow();
  const scan = await store.beginScan(w.siteId, finishedAt, {});
  const report = { ...fakeReport(w.url, 80, findings), startedAt: finishedAt, finishedAt };
  await store.finishScan(scan.id, report, 'done');
  await store.db.updateTable('websites').set({ latestScanId: scan.id }).where('id', '=', websiteId).execute();
  return scan.id;
}

export { deadLink };

/** A week of hourly probes ending at `to` (24 a day), `failedEvery`-th failed (0: none). */
export async function storeProbeWeek(store: Store, websiteId: number, to: string, failedEvery = 0): Promise<void> {
  const end = Date.parse(to);
  const rows = Array.from({ length: 7 * 24 }, (_, i) => {
    const failed = failedEvery > 0 && i % failedEvery === 0;
    return { websiteId, at: new Date(end - (i + 1) * 3_600_000 + 60_000).toISOString(), ok: !failed, status: failed ? 0 : 200, ms: failed ? 15_000 : 300, error: failed ? 'timeout' : null };
  });
  await insertProbes(store.db, rows);
}
