// The platform API suite, run on SQLite and on PostgreSQL. Route-generated tests (CSRF, unit isolation)
// enumerate the server's own route table, so a new route is covered the day it is added.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../src/server/platform.js';
import { bootstrapAdmin } from '../../src/server/platform.js';
import { LoginThrottle } from '../../src/server/throttle.js';
import { type Backend, type Client, login, raw, startTestPlatform } from './harness.js';
import { createTasksFromSnapshot, sweepOverdue } from '../../src/workflows/tasks.js';
import { SYSTEM_ACTOR } from '../../src/store/scope.js';
import type { RoundSnapshot } from '../../src/domain/index.js';

const ADMIN_PW = 'Chief-pass-2024';
const USER_PW = 'Staff-pass-2024';

async function xlsx(rows: Array<Array<string | number>>): Promise<Blob> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('网站');
  for (const r of rows) ws.addRow(r);
  return new Blob([await wb.xlsx.writeBuffer()]);
}

function form(name: string, blob: Blob): FormData {
  const f = new FormData();
  f.append('file', blob, name);
  return f;
}

async function waitJob(c: Client, jobId: number): Promise<any> {
  for (let i = 0; i < 400; i++) {
    const r = await c.req('GET', `/api/v1/jobs/${jobId}`);
    if (r.json.status === 'done' || r.json.status === 'failed') return r.json;
    await new Promise((res) => setTimeout(res, 25));
  }
  throw new Error(`job ${jobId} did not finish`);
}

interface World {
  unitA: number;
  unitA1: number;
  unitB: number;
  siteA: number;
  siteB: number;
  accountA: number;
  accountB: number;
  userA: number;
  userB: number;
  jobA: number;
  jobB: number;
  scanA: number;
  scanB: number;
  roundSiteA: number;
  roundSiteB: number;
  evidenceA: number;
  evidenceB: number;
  taskA: number;
  taskB: number;
  messageA: number;
  messageB: number;
}

export function apiSuite(backend: Backend): void {
  let p: Platform;
  let base: string;
  let admin: Client;
  let opA: Client;
  const w = {} as World;

  beforeAll(async () => {
    p = await startTestPlatform(backend, { throttle: new LoginThrottle({ perAccount: 3, perAddress: 1000, windowMs: 60_000 }) });
    base = p.url;
    expect(await bootstrapAdmin(p.store, { GOVPATROL_ADMIN_PASSWORD: ADMIN_PW })).toBe('admin');
    expect(await bootstrapAdmin(p.store, { GOVPATROL_ADMIN_PASSWORD: ADMIN_PW })).toBeUndefined(); // only at first start
    admin = await login(base, 'admin', ADMIN_PW);
  });
  afterAll(async () => {
    await p?.close();
  });

  it('answers health, the OpenAPI document, the reference page and the no-dashboard page', async () => {
    expect((await raw(base, 'GET', '/healthz')).json).toEqual({ ok: true });
    const spec = (await raw(base, 'GET', '/api/openapi.json')).json;
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/websites', '/api/v1/websites/{id}', '/api/v1/auth/login', '/api/v1/jobs/{id}/events']));
    expect(spec.paths['/api/v1/websites'].get.parameters.map((x: any) => x.name)).toEqual(expect.arrayContaining(['unitId', 'verdict', 'check', 'q', 'page', 'pageSize']));
    expect((await raw(base, 'GET', '/api/docs/')).status).toBe(200);
    const home = await raw(base, 'GET', '/');
    expect(home.text).toContain('尚未构建管理界面');
    expect((await raw(base, 'GET', '/api/v1/nope')).status).toBe(404);
    expect((await admin.req('GET', '/api/v1/nope')).json.error.code).toBe('not_found');
  });

  it('refuses requests without a session', async () => {
    const r = await raw(base, 'GET', '/api/v1/websites');
    expect(r.status).toBe(401);
    expect(r.json.error).toEqual({ code: 'unauthenticated', message: '请先登录' });
  });

  it('sets an HttpOnly SameSite=Lax cookie, rotates the session at login and ends it at logout', async () => {
    const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PW }) });
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^gp_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i); // plain HTTP here
    const first = setCookie.split(';')[0]!;
    const again = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: first }, body: JSON.stringify({ username: 'admin', password: ADMIN_PW }) });
    const second = again.headers.get('set-cookie')!.split(';')[0]!;
    expect(second).not.toBe(first);
    expect((await raw(base, 'GET', '/api/v1/auth/me', { headers: { cookie: first } })).status).toBe(401); // the old id is gone
    const me = await raw(base, 'GET', '/api/v1/auth/me', { headers: { cookie: second } });
    expect(me.json.user.username).toBe('admin');
    const csrf = me.json.csrfToken;
    expect((await raw(base, 'POST', '/api/v1/auth/logout', { headers: { cookie: second, 'x-csrf-token': csrf } })).status).toBe(200);
    expect((await raw(base, 'GET', '/api/v1/auth/me', { headers: { cookie: second } })).status).toBe(401);
  });

  it('builds the inventory: units tree, websites, accounts, users (with the password policy)', async () => {
    const mk = async (body: object) => (await admin.req('POST', '/api/v1/units', body)).json;
    const a = await mk({ name: '甲县人民政府', type: 'county', includeSubunits: true });
    w.unitA = a.id;
    w.unitA1 = (await mk({ name: '甲县教育局', type: 'other', parentId: a.id })).id;
    w.unitB = (await mk({ name: '乙区人民政府', type: 'county' })).id;
    expect(a).toMatchObject({ name: '甲县人民政府', type: 'county', parentId: null, includeSubunits: true });
    const units = (await admin.req('GET', '/api/v1/units')).json;
    expect(units.items.map((u: any) => u.name)).toEqual(['甲县人民政府', '甲县教育局', '乙区人民政府']);
    expect((await admin.req('PATCH', `/api/v1/units/${w.unitA}`, { parentId: w.unitA1 })).status).toBe(400); // no cycles
    expect((await admin.req('POST', '/api/v1/units', { name: '', type: 'county' })).status).toBe(400);

    const site = async (name: string, url: string, unitId: number, extra: object = {}) => (await admin.req('POST', '/api/v1/websites', { name, url, unitId, ...extra })).json;
    const sa = await site('甲县政府网', 'http://www.jiaxian.gov.test/', w.unitA, { kind: 'portal', siteCode: '2101000001', icp: '辽ICP备1号', subsites: ['edu.jiaxian.gov.test'], maxPages: 3000 });
    expect(sa).toMatchObject({ unitName: '甲县人民政府', kind: 'portal', subsites: ['edu.jiaxian.gov.test'], maxPages: 3000, latestScan: null, scheduleCron: null });
    w.siteA = sa.id;
    w.siteB = (await site('乙区政府网', 'www.yiqu.gov.test', w.unitB)).id;
    expect((await admin.req('GET', `/api/v1/websites/${w.siteB}`)).json.url).toBe('http://www.yiqu.gov.test/');
    expect((await admin.req('POST', '/api/v1/websites', { name: '重复', url: 'http://www.yiqu.gov.test/', unitId: w.unitA })).status).toBe(409);
    expect((await admin.req('POST', '/api/v1/websites', { name: '坏', url: 'ftp://x', unitId: w.unitA })).status).toBe(400);
    expect((await admin.req('POST', '/api/v1/websites', { name: '坏', url: 'http://x.gov.test/', unitId: w.unitA, scheduleCron: 'not cron' })).status).toBe(400);
    const patched = await admin.req('PATCH', `/api/v1/websites/${w.siteA}`, { maxPages: 50000, scheduleCron: '30 1 * * *' });
    expect(patched.json).toMatchObject({ maxPages: 50000, scheduleCron: '30 1 * * *' });

    w.accountA = (await admin.req('POST', '/api/v1/accounts', { platform: 'wechat', name: '甲县发布', platformId: 'jiaxianfabu', unitId: w.unitA })).json.id;
    w.accountB = (await admin.req('POST', '/api/v1/accounts', { platform: 'weibo', name: '乙区发布', unitId: w.unitB })).json.id;
    expect((await admin.req('PATCH', `/api/v1/accounts/${w.accountB}`, { status: 'closed' })).json.status).toBe('closed');

    const weak = await admin.req('POST', '/api/v1/users', { username: 'weak', role: 'viewer', password: 'short1' });
    expect(weak.status).toBe(400);
    expect(weak.json.error.message).toContain('至少 10 个字符');
    expect((await admin.req('POST', '/api/v1/users', { username: 'weak', role: 'viewer', password: 'onlyletterslong' })).json.error.message).toContain('字母和数字');
    expect((await admin.req('POST', '/api/v1/users', { username: 'nounit', role: 'unit', password: USER_PW })).status).toBe(400);
    const ua = await admin.req('POST', '/api/v1/users', { username: 'op-a', displayName: '甲县操作员', role: 'unit', unitId: w.unitA, password: USER_PW });
    expect(ua.json).toMatchObject({ username: 'op-a', role: 'unit', unitId: w.unitA, unitName: '甲县人民政府', disabled: false });
    expect(JSON.stringify(ua.json)).not.toContain('scrypt');
    w.userA = ua.json.id;
    w.userB = (await admin.req('POST', '/api/v1/users', { username: 'op-b', role: 'unit', unitId: w.unitB, password: USER_PW })).json.id;
    expect((await admin.req('POST', '/api/v1/users', { username: 'op-b', role: 'viewer', password: USER_PW })).status).toBe(409);
    const users = (await admin.req('GET', '/api/v1/users?page=1&pageSize=2')).json;
    expect(users.total).toBe(3);
    expect(users.items).toHaveLength(2);
    opA = await login(base, 'op-a', USER_PW);
  });

  it('runs scans as jobs: live progress over SSE, history, the report, one failure sinking nothing else', async () => {
    const started = await admin.req('POST', `/api/v1/websites/${w.siteA}/scans`);
    expect(started.status).toBe(200);
    w.jobA = started.json.jobId;
    const events = await fetch(`${base}/api/v1/jobs/${w.jobA}/events`, { headers: { cookie: admin.cookie } });
    expect(events.headers.get('content-type')).toMatch(/text\/event-stream/);
    const stream = await events.text(); // ends when the job ends
    const payloads = stream.split('\n').filter((l) => l.startsWith('data: ')).map((l) => JSON.parse(l.slice(6)));
    expect(payloads.at(-1)).toMatchObject({ id: w.jobA, status: 'done', kind: 'scan', websiteId: w.siteA });
    const job = await waitJob(admin, w.jobA);
    expect(job.scanId).toBeGreaterThan(0);
    w.scanA = job.scanId;

    w.jobB = (await admin.req('POST', `/api/v1/websites/${w.siteB}/scans`)).json.jobId;
    w.scanB = (await waitJob(admin, w.jobB)).scanId;
    const bad = (await admin.req('POST', '/api/v1/websites', { name: '坏站', url: 'http://fail.gov.test/', unitId: w.unitB })).json;
    const badJob = await waitJob(admin, (await admin.req('POST', `/api/v1/websites/${bad.id}/scans`)).json.jobId);
    expect(badJob).toMatchObject({ status: 'failed', error: '模拟的扫描失败' });
    expect((await admin.req('GET', '/api/v1/jobs?status=failed')).json.items.map((j: any) => j.id)).toEqual([badJob.id]);
    expect((await admin.req('GET', '/api/v1/jobs?status=done')).json.total).toBe(2);

    const site = (await admin.req('GET', `/api/v1/websites/${w.siteA}`)).json;
    expect(site.latestScan).toMatchObject({ id: w.scanA, status: 'done', verdict: 'unqualified', score: 55, findings: 1 });
    const history = (await admin.req('GET', `/api/v1/websites/${w.siteA}/scans`)).json;
    expect(history.items.map((s: any) => s.id)).toEqual([w.scanA]);
    const scan = (await admin.req('GET', `/api/v1/scans/${w.scanA}`)).json;
    expect(scan.scan).toMatchObject({ id: w.scanA, websiteId: w.siteA, score: 55 });
    expect(scan.report.schema).toBe('govpatrol.scan/1');
    expect(scan.report.findings[0]).toMatchObject({ check: 'dead-link', evidence: '<a href="missing.html">失效</a>' });

    const unscanned = (await admin.req('GET', '/api/v1/websites?verdict=unscanned')).json;
    expect(unscanned.items.map((x: any) => x.name)).toEqual(['坏站']);
    expect((await admin.req('GET', '/api/v1/websites?verdict=unqualified&check=dead-link')).json.total).toBe(2);
    expect((await admin.req('GET', '/api/v1/websites?check=typo')).json.total).toBe(0);
    expect((await admin.req('GET', `/api/v1/websites?unitId=${w.unitB}&q=${encodeURIComponent('乙区')}`)).json.items.map((x: any) => x.id)).toEqual([w.siteB]);
    const ov = (await admin.req('GET', '/api/v1/overview')).json;
    expect(ov).toMatchObject({ websites: 3, accounts: 2, qualified: 0, unqualified: 2, unscanned: 1, openFindings: 2 });
    expect(ov.trend.at(-1)).toMatchObject({ avgScore: 55, unqualified: 2 });
    expect(ov.worst.map((x: any) => x.websiteId).sort()).toEqual([w.siteA, w.siteB].sort());
    expect((await admin.req('DELETE', `/api/v1/websites/${bad.id}`)).status).toBe(200);
  });

  it('imports an inventory whole or not at all, with row-by-row Chinese errors; exports the same columns', async () => {
    const template = await admin.req('GET', '/api/v1/inventory/template?kind=websites');
    expect(template.status).toBe(200);
    const header = ['单位名称', '网站名称', '网址', '网站类型(门户/部门)', '网站标识码', 'ICP备案号', '子站'];
    const bad = await xlsx([header, ['甲县教育局', '甲县教育网', 'http://edu.jiaxian.gov.test/', '部门', '2101000002', '', ''], ['不存在的局', '坏行', 'not a url', '门户外', '', '', '']]);
    const r1 = await admin.req('POST', '/api/v1/inventory/import?kind=websites', form('网站.xlsx', bad));
    expect(r1.status).toBe(422);
    expect(r1.json.error.code).toBe('import_invalid');
    expect(r1.json.error.details).toEqual(expect.arrayContaining([
      { row: 3, column: '单位名称', message: '单位「不存在的局」不存在，请先登记单位' },
      expect.objectContaining({ row: 3, column: '网址' }),
      expect.objectContaining({ row: 3, column: '网站类型(门户/部门)' }),
    ]));
    expect((await admin.req('GET', '/api/v1/websites?q=edu')).json.total).toBe(0); // nothing imported
    const good = await xlsx([header, ['甲县教育局', '甲县教育网', 'http://edu.jiaxian.gov.test/', '部门', '2101000002', '', ''], ['乙区人民政府', '乙区门户', 'http://portal.yiqu.gov.test/', '门户', '', '辽ICP备2号', 'a.yiqu.gov.test；b.yiqu.gov.test']]);
    const r2 = await admin.req('POST', '/api/v1/inventory/import?kind=websites', form('网站.xlsx', good));
    expect(r2.json).toEqual({ imported: 2 });
    const portal = (await admin.req('GET', `/api/v1/websites?q=portal`)).json.items[0];
    expect(portal).toMatchObject({ kind: 'portal', icp: '辽ICP备2号', subsites: ['a.yiqu.gov.test', 'b.yiqu.gov.test'], unitId: w.unitB });

    const csv = new Blob(['\ufeff单位名称,平台,账号名称,平台账号ID,状态\r\n甲县人民政府,抖音,甲县抖音号,dy123,正常\r\n']);
    expect((await admin.req('POST', '/api/v1/inventory/import?kind=accounts', form('账号.csv', csv))).json).toEqual({ imported: 1 });
    const unitsCsv = new Blob(['单位名称,单位类型,上级单位,含下级单位\n丙园区管委会,园区管委会,,否\n丙园区财政局,其他,丙园区管委会,否\n']);
    expect((await admin.req('POST', '/api/v1/inventory/import?kind=units', form('单位.csv', unitsCsv))).json).toEqual({ imported: 2 });
    expect((await admin.req('POST', '/api/v1/inventory/import?kind=units', form('单位.txt', unitsCsv))).status).toBe(422);

    const exported = await admin.req('GET', '/api/v1/inventory/export?kind=websites&format=csv');
    expect(exported.headers.get('content-type')).toMatch(/text\/csv/);
    expect(exported.text.split('\r\n')[0]).toBe('单位名称,网站名称,网址,网站类型(门户/部门),网站标识码,ICP备案号,子站,扫描计划,最大页数');
    expect(exported.text).toContain('乙区人民政府,乙区门户,http://portal.yiqu.gov.test/,门户');
    const xl = await fetch(`${base}/api/v1/inventory/export?kind=accounts&format=xlsx`, { headers: { cookie: admin.cookie } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xl.arrayBuffer());
    expect(wb.worksheets[0]!.getRow(1).values).toEqual([undefined, '单位名称', '平台', '账号名称', '平台账号ID', '状态']);
    expect(wb.worksheets[0]!.rowCount).toBe(4);
  });

  it('keeps settings, and checks their values', async () => {
    const s = (await admin.req('GET', '/api/v1/settings')).json;
    expect(s).toMatchObject({ defaultScheduleCron: '0 2 * * *', overlays: [], availableOverlays: ['liaoning-2019'] });
    expect(s.dictionaries.length).toBeGreaterThan(0);
    expect((await admin.req('PATCH', '/api/v1/settings', { overlays: ['liaoning-2019'], defaultMaxPages: 20000 })).json).toMatchObject({ overlays: ['liaoning-2019'], defaultMaxPages: 20000 });
    expect((await admin.req('PATCH', '/api/v1/settings', { overlays: ['mars-2030'] })).status).toBe(400);
    expect(s).toMatchObject({ taskVetoDays: 3, taskDeductionDays: 10 }); // UNVERIFIED defaults
    expect((await admin.req('PATCH', '/api/v1/settings', { taskVetoDays: 5 })).json).toMatchObject({ taskVetoDays: 5, taskDeductionDays: 10 });
    expect((await admin.req('PATCH', '/api/v1/settings', { taskDeductionDays: 0 })).status).toBe(400);
    await admin.req('PATCH', '/api/v1/settings', { taskVetoDays: 3 });
    expect((await admin.req('PATCH', '/api/v1/settings', { defaultScheduleCron: '99 * * *' })).status).toBe(400);
    // Availability probes: at least 20 a day, failing after at least 15 s (rules-cn §1.2).
    expect(s).toMatchObject({ probesPerDay: 24, probeTimeoutMs: 15000 });
    const few = await admin.req('PATCH', '/api/v1/settings', { probesPerDay: 19 });
    expect(few.status).toBe(400);
    expect(few.text).toContain('不得少于 20 次');
    expect((await admin.req('PATCH', '/api/v1/settings', { probeTimeoutMs: 5000 })).status).toBe(400);
    expect((await admin.req('PATCH', '/api/v1/settings', { probesPerDay: 48 })).json).toMatchObject({ probesPerDay: 48, probeTimeoutMs: 15000 });
  });

  it('writes an audit row with before and after for every change, readable and filterable by the supervisor', async () => {
    const audit = (await admin.req('GET', `/api/v1/audit?entity=website&action=update&pageSize=50`)).json;
    const row = audit.items.find((x: any) => x.entityId === String(w.siteA));
    expect(row).toMatchObject({ actor: 'admin', action: 'update', entity: 'website' });
    expect(row.before.maxPages).toBe(3000);
    expect(row.after.maxPages).toBe(50000);
    const users = (await admin.req('GET', '/api/v1/audit?entity=user&action=create')).json;
    expect(users.total).toBe(3);
    expect(JSON.stringify(users.items)).not.toMatch(/passwordHash|scrypt/);
    const actions = new Set((await admin.req('GET', '/api/v1/audit?pageSize=200')).json.items.map((x: any) => `${x.entity}:${x.action}`));
    for (const a of ['unit:create', 'website:create', 'account:update', 'job:enqueue', 'settings:update', 'website:import', 'session:login', 'website:delete']) expect(actions).toContain(a);
    expect((await opA.req('GET', '/api/v1/audit')).status).toBe(403);
  });

  it('runs a monthly round: open, confirm and dismiss, the checklist with a screenshot, publish and freeze (409)', async () => {
    const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1d6d0a50000000049454e44ae426082', 'hex');
    const inspId = (await admin.req('POST', '/api/v1/users', { username: 'insp-1', displayName: '检查员甲', role: 'inspector', password: USER_PW })).json.id;
    const insp = await login(base, 'insp-1', USER_PW);
    expect((await admin.req('GET', '/api/v1/rounds/next-title?month=2026-11')).json).toEqual({ year: 2026, seq: 1, title: '2026年第1次常态检查' });
    expect((await opA.req('POST', '/api/v1/rounds', { month: '2026-11', inspectors: [] })).status).toBe(403);
    expect((await admin.req('POST', '/api/v1/rounds', { month: '2026-13', inspectors: [] })).status).toBe(400);
    const opened = await admin.req('POST', '/api/v1/rounds', { month: '2026-11', deadline: '2026-12-10', inspectors: [inspId] });
    expect(opened.json).toMatchObject({ title: '2026年第1次常态检查', status: 'open', inspectors: [inspId] });
    const roundId = opened.json.id;
    const detail = (await admin.req('GET', `/api/v1/rounds/${roundId}`)).json;
    expect(detail.snapshot).toMatchObject({ schema: 'govpatrol.round/1', inspectors: ['检查员甲'], messages: null });
    w.roundSiteA = detail.roundSites.find((x: any) => x.websiteId === w.siteA).id;
    w.roundSiteB = detail.roundSites.find((x: any) => x.websiteId === w.siteB).id;

    const view = (await insp.req('GET', `/api/v1/round-sites/${w.roundSiteA}`)).json;
    expect(view.findings.map((f: any) => [f.finding.check, f.status])).toEqual([['dead-link', 'pending']]);
    expect(view.checklist.map((c: any) => c.indicator)).toEqual(expect.arrayContaining(['service.guide', 'veto.interaction']));
    const fp = view.findings[0].finding.fingerprint;
    const noReason = await insp.req('POST', `/api/v1/round-sites/${w.roundSiteA}/reviews`, { fingerprints: [fp], decision: 'dismissed' });
    expect(noReason.json.error).toMatchObject({ code: 'invalid', message: '排除机器发现的问题时必须填写理由' });
    expect((await insp.req('POST', `/api/v1/round-sites/${w.roundSiteA}/reviews`, { fingerprints: [fp], decision: 'confirmed' })).json.items).toEqual([expect.objectContaining({ decision: 'confirmed', by: 'insp-1' })]);
    expect((await opA.req('POST', `/api/v1/round-sites/${w.roundSiteA}/reviews`, { fingerprints: [fp], decision: 'confirmed' })).status).toBe(403);
    expect((await insp.req('PUT', `/api/v1/round-sites/${w.roundSiteA}/manual`, { indicator: 'service.guide', result: 'fail', note: '办事指南缺少办理地点', points: 2 })).json).toMatchObject({ result: 'fail', points: 2 });

    const upload = (id: number, data: Buffer, name = '截图.png') => { const f = new FormData(); f.append('file', new Blob([new Uint8Array(data)]), name); return insp.req('POST', `/api/v1/round-sites/${id}/evidence?indicator=service.guide`, f); };
    w.evidenceA = (await upload(w.roundSiteA, PNG)).json.id;
    w.evidenceB = (await upload(w.roundSiteB, PNG)).json.id;
    expect((await upload(w.roundSiteA, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'x.svg')).json.error.message).toMatch(/只支持/);
    const shot = await fetch(`${base}/api/v1/round-evidence/${w.evidenceA}`, { headers: { cookie: opA.cookie } });
    expect([shot.status, shot.headers.get('content-type'), shot.headers.get('x-content-type-options')]).toEqual([200, 'image/png', 'nosniff']);
    expect(Buffer.from(await shot.arrayBuffer()).equals(PNG)).toBe(true);

    const mine = (await opA.req('GET', `/api/v1/rounds/${roundId}`)).json;
    expect(mine.snapshot.sites.every((x: any) => x.unitId === w.unitA || x.unitId === w.unitA1)).toBe(true); // its unit and sub-unit
    expect(mine.roundSites.map((x: any) => x.websiteId)).toContain(w.siteA);
    expect(mine.roundSites.map((x: any) => x.websiteId)).not.toContain(w.siteB);
    const site = mine.snapshot.sites.find((x: any) => x.websiteId === w.siteA);
    expect(site).toMatchObject({ verdict: 'incomplete', score: null, findings: { confirmed: 1, dismissed: 0, pending: 0 } });
    expect(site.incompleteReasons[0]).toMatch(/可用性探测不足一周/);

    expect((await insp.req('POST', `/api/v1/rounds/${roundId}/publish`)).status).toBe(403);
    const published = await admin.req('POST', `/api/v1/rounds/${roundId}/publish`);
    expect(published.json.publishedAt).toEqual(expect.any(String));
    const late = await insp.req('PUT', `/api/v1/round-sites/${w.roundSiteA}/manual`, { indicator: 'service.guide', result: 'pass' });
    expect([late.status, late.json.error.message]).toEqual([409, '「2026年第1次常态检查」已发布，结果已冻结，不能再修改']);
    expect((await admin.req('POST', `/api/v1/rounds/${roundId}/publish`)).status).toBe(409);
    expect((await admin.req('GET', `/api/v1/rounds/${roundId}/verify`)).json).toEqual({ identical: true });
    const list = (await opA.req('GET', '/api/v1/rounds')).json;
    expect(list.items[0]).toMatchObject({ id: roundId, status: 'published', sites: mine.snapshot.sites.length });
    const actions = new Set((await admin.req('GET', '/api/v1/audit?pageSize=200')).json.items.map((x: any) => `${x.entity}:${x.action}`));
    for (const a of ['round:create', 'round:publish', 'finding-review:confirm', 'manual-result:create', 'evidence:upload', 'round-site:attach-scan']) expect(actions).toContain(a);
  });

  /** A published round (the contract the rounds workflow writes) whose problems are the sites' scan findings. */
  async function publishedRound(id: number, publishedAt: string, websiteIds: number[]): Promise<RoundSnapshot> {
    const sites = [];
    for (const websiteId of websiteIds) {
      const site = (await admin.req('GET', `/api/v1/websites/${websiteId}`)).json;
      const findings = await p.store.findingsOf(site.latestScan.id);
      sites.push({
        websiteId, name: site.name, url: site.url, unitId: site.unitId, unitName: site.unitName, kind: site.kind, scanId: site.latestScan.id, scannedAt: publishedAt,
        verdict: 'unqualified', score: 55, vetoes: [], incompleteReasons: [], indicators: [],
        problems: findings.map((f) => ({ indicator: f.indicator, indicatorName: '链接不可用', kind: 'deduction', check: f.check, url: f.url, evidence: f.evidence, message: f.message, advice: '请修复或删除该链接。', source: 'machine' })),
        availability: { from: publishedAt, to: publishedAt, probes: 0, failed: 0, share: null, complete: false, vetoed: null },
        manual: { done: 0, total: 0 }, findings: { confirmed: findings.length, dismissed: 0, pending: 0 },
      });
    }
    return {
      schema: 'govpatrol.round/1', id, year: 2026, seq: id, month: publishedAt.slice(0, 7), title: `第${id}次`, catalogue: { id: 'national-2019', name: '', basis: '' },
      deadline: null, inspectors: [], publishedAt, cutoff: publishedAt, sites, accounts: null, messages: null,
    } as RoundSnapshot;
  }

  it('serves rectification tasks: overdue first, the unit answers its own, inspectors reject or verify, all audited', async () => {
    // Site B's round was published long ago (its task is overdue); site A's just now.
    [w.taskB] = await createTasksFromSnapshot(p.app.platform.tasks, SYSTEM_ACTOR, await publishedRound(901, '2020-01-06T02:00:00.000Z', [w.siteB]));
    [w.taskA] = await createTasksFromSnapshot(p.app.platform.tasks, SYSTEM_ACTOR, await publishedRound(902, new Date().toISOString(), [w.siteA]));
    // The unit's operators were told, in their inbox.
    const inbox = (await opA.req('GET', '/api/v1/notifications')).json.items;
    expect(inbox.find((n: any) => n.title.startsWith('新的整改任务'))).toMatchObject({ link: `/tasks/${w.taskA}` });
    expect(inbox.some((n: any) => n.body.includes('乙区'))).toBe(false);
    // Overdue: announced once, to the unit and to the supervisors.
    expect(await sweepOverdue(p.app.platform.tasks)).toBe(1);
    expect(await sweepOverdue(p.app.platform.tasks)).toBe(0);
    expect((await admin.req('GET', '/api/v1/notifications')).json.items.map((n: any) => n.title)).toContain('整改任务逾期：乙区人民政府 乙区政府网');
    const all = (await admin.req('GET', '/api/v1/tasks?pageSize=200')).json;
    expect(all.items[0]).toMatchObject({ id: w.taskB, overdue: true }); // overdue first
    expect(all.items.filter((t: any) => t.overdue).map((t: any) => t.id)).toEqual([w.taskB]);
    expect(all.items.map((t: any) => t.id)).toContain(w.taskA);
    expect((await admin.req('GET', '/api/v1/tasks?overdue=true')).json.items.map((t: any) => t.id)).toEqual([w.taskB]);
    expect((await admin.req('GET', '/api/v1/tasks/summary')).json).toMatchObject({ total: all.total, overdue: 1 });
    // The round published through the API above made its tasks (its confirmed dead link, its failed checklist item).
    const published = (await admin.req('GET', '/api/v1/rounds')).json.items.find((r: any) => r.status === 'published');
    const fromRound = (await admin.req('GET', `/api/v1/tasks?roundId=${published.id}`)).json.items;
    expect(fromRound.map((t: any) => t.websiteId)).toContain(w.siteA);
    expect(fromRound.every((t: any) => t.deadlineYmd > published.publishedAt.slice(0, 10))).toBe(true);
    const detail = (await admin.req('GET', `/api/v1/tasks/${w.taskA}`)).json;
    expect(detail).toMatchObject({ websiteId: w.siteA, unitName: '甲县人民政府', status: 'open', kind: 'deduction', title: '链接不可用（1 处）' });
    expect(detail.items[0]).toMatchObject({ check: 'dead-link', evidence: '<a href="missing.html">失效</a>', target: 'http://www.jiaxian.gov.test/missing.html' });

    const theirs = (await opA.req('GET', '/api/v1/tasks')).json.items;
    expect(theirs.map((t: any) => t.id)).toContain(w.taskA);
    expect(theirs.every((t: any) => t.unitId === w.unitA || t.unitId === w.unitA1)).toBe(true);
    expect((await opA.req('GET', '/api/v1/tasks/summary')).json).toMatchObject({ total: theirs.length, overdue: 0 });
    expect((await opA.req('POST', `/api/v1/tasks/${w.taskB}/answer`, { answer: '越权反馈' })).status).toBe(404);
    const empty = await opA.req('POST', `/api/v1/tasks/${w.taskA}/answer`, { answer: '  ' });
    expect(empty.json.error).toMatchObject({ code: 'invalid', message: '请填写整改情况说明' });
    expect((await opA.req('POST', `/api/v1/tasks/${w.taskA}/answer`, { answer: '已删除失效链接' })).json).toMatchObject({ status: 'answered', answeredBy: 'op-a' });
    expect((await opA.req('POST', `/api/v1/tasks/${w.taskA}/answer`, { answer: '再答一次' })).status).toBe(409);
    expect((await opA.req('POST', `/api/v1/tasks/${w.taskA}/verify`, {})).status).toBe(403); // a unit cannot close its own task
    await p.tasks.idle(); // the re-check job ran (this harness cannot reach the site: the inspector must verify)
    expect((await admin.req('GET', `/api/v1/tasks/${w.taskA}`)).json).toMatchObject({ status: 'answered', needsInspector: true, recheckState: null });

    await admin.req('POST', '/api/v1/users', { username: 'insp', role: 'inspector', password: USER_PW });
    const insp = await login(base, 'insp', USER_PW);
    expect((await insp.req('POST', `/api/v1/tasks/${w.taskA}/reject`, {})).json.error.message).toBe('请填写退回理由');
    expect((await insp.req('POST', `/api/v1/tasks/${w.taskA}/reject`, { note: '链接仍在首页' })).json).toMatchObject({ status: 'reopened', reopenCount: 1 });
    await opA.req('POST', `/api/v1/tasks/${w.taskA}/answer`, { answer: '首页链接也已删除' });
    await p.tasks.idle();
    expect((await insp.req('POST', `/api/v1/tasks/${w.taskA}/verify`, { note: '已核实' })).json).toMatchObject({ status: 'closed', closedHow: 'inspector' });
    const history = (await opA.req('GET', `/api/v1/tasks/${w.taskA}`)).json.events.map((e: any) => e.action);
    expect(history).toEqual(['create', 'answer', 'recheck-queued', 'recheck-inconclusive', 'reject', 'answer', 'recheck-queued', 'recheck-inconclusive', 'verify']);
    const audit = (await admin.req('GET', `/api/v1/audit?entity=task&pageSize=100`)).json.items.filter((a: any) => a.entityId === String(w.taskA)).map((a: any) => a.action);
    expect(audit).toEqual(expect.arrayContaining(['create', 'answer', 'reject', 'verify']));
  });

  it('takes 「找错」 messages from the public form and forwards one to each unit (rows for the generated tests)', async () => {
    const send = async (websiteId: number, title: string) => {
      const r = await raw(base, 'POST', '/api/v1/public/messages', { body: { websiteId, category: 'typo', title, content: `${title}：首页有错别字` } });
      expect(r.status).toBe(200);
      const item = (await admin.req('GET', `/api/v1/messages?q=${encodeURIComponent(r.json.trackingNo)}`)).json.items[0];
      expect((await admin.req('POST', `/api/v1/messages/${item.id}/dispatch`, {})).json.status).toBe('dispatched');
      return item.id as number;
    };
    w.messageA = await send(w.siteA, '甲县的留言');
    w.messageB = await send(w.siteB, '乙区的留言');
  });

  it('rejects a state-changing request without the CSRF token, on every such route (generated)', async () => {
    const routes = p.app.routeTable.filter((r) => ['POST', 'PATCH', 'PUT', 'DELETE'].includes(r.method) && !r.public);
    expect(routes.length).toBeGreaterThan(10);
    for (const r of routes) {
      const path = r.url.replace(':id', String(w.siteA));
      const res = await admin.req(r.method, path, {}, { csrf: false });
      expect({ route: `${r.method} ${r.url}`, status: res.status, code: res.json?.error?.code }).toEqual({ route: `${r.method} ${r.url}`, status: 403, code: 'csrf' });
      const wrong = await admin.req(r.method, path, {}, { csrf: false, headers: { 'x-csrf-token': opA.csrf } });
      expect(wrong.status).toBe(403);
    }
  });

  it('shows a unit operator only its unit and sub-units, and refuses the rest on every route (generated)', async () => {
    const mine = new Set([w.unitA, w.unitA1]);
    const theirs: Record<string, number> = { unit: w.unitB, website: w.siteB, account: w.accountB, user: w.userB, job: w.jobB, scan: w.scanB, roundSite: w.roundSiteB, evidence: w.evidenceB, task: w.taskB, message: w.messageB };
    const own: Record<string, number> = { unit: w.unitA, website: w.siteA, account: w.accountA, user: w.userA, job: w.jobA, scan: w.scanA, roundSite: w.roundSiteA, evidence: w.evidenceA, task: w.taskA, message: w.messageA };
    const owned = p.app.routeTable.filter((r) => r.unitOwned);
    expect(owned.length).toBeGreaterThan(10);
    for (const r of owned) {
      const res = await opA.req(r.method, r.url.replace(':id', String(theirs[r.unitOwned!])), r.method === 'PATCH' ? { name: '越权修改' } : undefined);
      expect({ route: `${r.method} ${r.url}`, refused: [403, 404].includes(res.status) }).toEqual({ route: `${r.method} ${r.url}`, refused: true });
      if (r.method === 'GET' && (!r.roles || r.roles.includes('unit'))) {
        const ok = await opA.req('GET', r.url.replace(':id', String(own[r.unitOwned!])));
        if (!r.url.endsWith('/events')) expect({ route: r.url, status: ok.status }).toEqual({ route: r.url, status: 200 });
      }
    }
    // Every list route: only rows of its own units (or of its own websites).
    const lists = p.app.routeTable.filter((r) => r.method === 'GET' && !r.url.includes(':') && (!r.roles || r.roles.includes('unit')));
    let checked = 0;
    const ownSites = new Set((await opA.req('GET', '/api/v1/websites?pageSize=200')).json.items.map((x: any) => x.id));
    for (const r of lists) {
      const res = await opA.req('GET', r.url + (r.url.includes('inventory') ? '?kind=websites&format=csv' : ''));
      expect(res.status).toBe(200);
      for (const item of res.json?.items ?? []) {
        checked++;
        if ('unitId' in item) expect({ route: r.url, unit: mine.has(item.unitId) || (r.url === '/api/v1/units' && mine.has(item.id)) }).toEqual({ route: r.url, unit: true });
        if ('websiteId' in item && r.url === '/api/v1/jobs') expect(ownSites.has(item.websiteId)).toBe(true); // siteA's, and the round's fresh scan of the sub-unit's site
        if (r.url === '/api/v1/units') expect(mine.has(item.id)).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(3);
    const ov = (await opA.req('GET', '/api/v1/overview')).json;
    expect(ov).toMatchObject({ websites: 2, accounts: 2 }); // 甲县政府网 + 甲县教育网 (sub-unit); 甲县发布 + 甲县抖音号
    const csv = (await opA.req('GET', '/api/v1/inventory/export?kind=websites&format=csv')).text;
    expect(csv).not.toContain('乙区');
    // Writes: a unit operator cannot move its site to another unit, nor create one there.
    expect((await opA.req('PATCH', `/api/v1/websites/${w.siteA}`, { unitId: w.unitB })).status).toBe(404);
    expect((await opA.req('POST', '/api/v1/websites', { name: 'x', url: 'http://x.gov.test/', unitId: w.unitB })).status).toBe(404);
    expect((await opA.req('POST', '/api/v1/accounts', { platform: 'app', name: 'x', unitId: w.unitB })).status).toBe(404);
    expect((await opA.req('PATCH', `/api/v1/websites/${w.siteA}`, { name: '甲县人民政府网' })).json.name).toBe('甲县人民政府网');
    // Without includeSubunits, the sub-unit's rows disappear.
    await admin.req('PATCH', `/api/v1/units/${w.unitA}`, { includeSubunits: false });
    expect((await opA.req('GET', '/api/v1/websites')).json.items.map((x: any) => x.unitId)).toEqual([w.unitA]);
  });

  it('throttles logins per account, and a viewer cannot change anything', async () => {
    for (let i = 0; i < 3; i++) expect((await raw(base, 'POST', '/api/v1/auth/login', { body: { username: 'op-b', password: `wrong-${i}-x` } })).status).toBe(401);
    const blocked = await raw(base, 'POST', '/api/v1/auth/login', { body: { username: 'op-b', password: USER_PW } });
    expect(blocked.status).toBe(429);
    expect(blocked.json.error.code).toBe('throttled');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await raw(base, 'POST', '/api/v1/auth/login', { body: { username: 'op-a', password: USER_PW } })).status).toBe(200); // other accounts unaffected
    await admin.req('POST', '/api/v1/users', { username: 'viewer1', role: 'viewer', password: USER_PW });
    const viewer = await login(base, 'viewer1', USER_PW);
    expect((await viewer.req('GET', '/api/v1/websites')).json.total).toBeGreaterThan(2);
    expect((await viewer.req('PATCH', `/api/v1/websites/${w.siteA}`, { name: 'x' })).status).toBe(403);
    expect((await viewer.req('POST', `/api/v1/websites/${w.siteA}/scans`)).status).toBe(403);
  });

  it('changes a password: the old one stops working, sessions end; disabled users cannot log in', async () => {
    const c = await login(base, 'viewer1', USER_PW);
    expect((await c.req('POST', '/api/v1/auth/password', { oldPassword: 'nope', newPassword: 'New-pass-2025' })).status).toBe(400);
    expect((await c.req('POST', '/api/v1/auth/password', { oldPassword: USER_PW, newPassword: 'short' })).status).toBe(400);
    expect((await c.req('POST', '/api/v1/auth/password', { oldPassword: USER_PW, newPassword: 'New-pass-2025' })).status).toBe(200);
    expect((await c.req('GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await raw(base, 'POST', '/api/v1/auth/login', { body: { username: 'viewer1', password: USER_PW } })).status).toBe(401);
    const v = await login(base, 'viewer1', 'New-pass-2025');
    await admin.req('PATCH', `/api/v1/users/${v.user.id}`, { disabled: true });
    expect((await v.req('GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await raw(base, 'POST', '/api/v1/auth/login', { body: { username: 'viewer1', password: 'New-pass-2025' } })).status).toBe(401);
    expect((await admin.req('DELETE', `/api/v1/users/${admin.user.id}`)).status).toBe(409);
    expect((await admin.req('DELETE', `/api/v1/users/${v.user.id}`)).status).toBe(200);
  });

  it('deletes inventory rows, refusing a unit still in use', async () => {
    expect((await admin.req('DELETE', `/api/v1/units/${w.unitB}`)).status).toBe(409);
    expect((await admin.req('DELETE', `/api/v1/accounts/${w.accountB}`)).status).toBe(200);
    const spare = (await admin.req('POST', '/api/v1/units', { name: '待撤销单位', type: 'other' })).json;
    expect((await admin.req('DELETE', `/api/v1/units/${spare.id}`)).status).toBe(200);
    expect((await admin.req('GET', `/api/v1/accounts/${w.accountB}`)).status).toBe(404);
  });

  it('refuses to delete a unit whose website moved away but whose 「找错」 messages stay on record', async () => {
    const old = (await admin.req('POST', '/api/v1/units', { name: '已合并单位', type: 'other' })).json;
    const site = (await admin.req('POST', '/api/v1/websites', { name: '已合并单位网站', url: 'http://www.hebing.gov.test/', unitId: old.id })).json;
    const sent = await raw(base, 'POST', '/api/v1/public/messages', { body: { websiteId: site.id, category: 'typo', title: '合并前的留言', content: '合并前的留言：有错别字' } });
    expect(sent.status).toBe(200);
    expect((await admin.req('PATCH', `/api/v1/websites/${site.id}`, { unitId: w.unitA })).status).toBe(200);
    const refused = await admin.req('DELETE', `/api/v1/units/${old.id}`);
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.json)).toContain('留言');
    expect((await admin.req('GET', `/api/v1/messages?q=${encodeURIComponent(sent.json.trackingNo)}`)).json.items).toHaveLength(1);
  });
}

export { describe };
