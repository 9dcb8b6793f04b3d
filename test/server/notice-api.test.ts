// The 通报 routes on a real server, on SQLite and on PostgreSQL: settings, the 下步工作要求 draft with
// templates and earlier months' paragraphs, the per-year document number, downloads, and who may call them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapAdmin, type Platform } from '../../src/server/platform.js';
import { hashPassword } from '../../src/server/password.js';
import { createUnit, createUser, createWebsite } from '../../src/store/inventory.js';
import { SYSTEM_ACTOR, UnitScope } from '../../src/store/scope.js';
import { insertRound } from '../report/notice/fixture.js';
import { createPgSchema, skipPg, type PgSchema } from '../workflows/pg-schema.js';
import { login, startTestPlatform, type Client } from './harness.js';

const PW = 'Notice-test-pw-2024!';

function suite(options: () => { url: string; schema?: string }) {
  let p: Platform;
  let base: string;
  let admin: Client;
  let unitUser: Client;
  const round: Record<string, number> = {};
  const site: Record<string, number> = {};

  beforeAll(async () => {
    p = await startTestPlatform({ options });
    base = p.url;
    await bootstrapAdmin(p.store, { GOVPATROL_ADMIN_PASSWORD: PW });
    admin = await login(base, 'admin', PW);
    const scope = await UnitScope.of(p.store.db, SYSTEM_ACTOR);
    const unit = await createUnit(p.store.db, scope, { name: '营口市教育局', type: 'city-dept', parentId: null, code: null, contact: null, includeSubunits: false });
    await createUser(p.store.db, scope, { username: 'edu', displayName: '教育局', role: 'unit', unitId: unit.id }, await hashPassword(PW));
    unitUser = await login(base, 'edu', PW);
    const other = await createUnit(p.store.db, scope, { name: '营口市民政局', type: 'city-dept', parentId: null, code: null, contact: null, includeSubunits: false });
    site.own = (await createWebsite(p.store.db, scope, { name: '营口市教育局网站', url: 'http://edu.yk.gov.test/', unitId: unit.id, kind: 'department' }, 100)).id;
    site.other = (await createWebsite(p.store.db, scope, { name: '营口市民政局网站', url: 'http://mz.yk.gov.test/', unitId: other.id, kind: 'department' }, 100)).id;
    round.may = await insertRound(p.store, 5, 'published');
    round.june = await insertRound(p.store, 6, 'published');
    round.open = await insertRound(p.store, 7, 'open');
  });
  afterAll(async () => {
    await p?.close();
  });

  it('keeps the settings and checks them', async () => {
    const bad = await admin.req('PUT', '/api/v1/notice/settings', { office: '' });
    expect(bad.status).toBe(400);
    const res = await admin.req('PUT', '/api/v1/notice/settings', { office: '营口市人民政府办公室', docPrefix: '营政办公开' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ office: '营口市人民政府办公室', docPrefix: '营政办公开', partner: '市大数据管理中心' });
    expect((await admin.req('GET', '/api/v1/notice/settings')).json.office).toBe('营口市人民政府办公室');
  });

  it('saves the 下步工作要求 and offers them again in a later month', async () => {
    const empty = (await admin.req('GET', `/api/v1/rounds/${round.may}/notice/draft`)).json;
    expect(empty.draft).toMatchObject({ requirements: [], docNumber: null });
    expect(empty.templates.length).toBeGreaterThanOrEqual(5);
    const requirements = [{ heading: '强化日常监管', body: '各地区、各部门要落实主体责任。' }];
    const bad = await admin.req('PUT', `/api/v1/rounds/${round.may}/notice/draft`, { requirements, issuedOn: '2024-02-31' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain('成文日期');
    const tooLong = await admin.req('PUT', `/api/v1/rounds/${round.may}/notice/draft`, { requirements: [{ heading: 'x'.repeat(61), body: 'y' }] });
    expect(tooLong.status).toBe(400);
    const saved = await admin.req('PUT', `/api/v1/rounds/${round.may}/notice/draft`, { requirements, issuedOn: '2024-06-05' });
    expect(saved.json).toMatchObject({ requirements, issuedOn: '2024-06-05' });
    const june = (await admin.req('GET', `/api/v1/rounds/${round.june}/notice/draft`)).json;
    expect(june.earlier).toEqual([{ roundId: round.may, roundTitle: '2024年第5次常态检查', month: '2024-05', requirements }]);
    const audit = (await admin.req('GET', '/api/v1/audit?entity=notice-draft')).json;
    expect(JSON.stringify(audit)).toContain('notice-draft');
  });

  it('numbers documents per year, once each', async () => {
    const first = await admin.req('POST', `/api/v1/rounds/${round.may}/notice/number`, { year: 2024 });
    expect(first.json.docNumber).toEqual({ year: 2024, seq: 1 });
    const again = await admin.req('POST', `/api/v1/rounds/${round.may}/notice/number`, { year: 2024 });
    expect(again.json.docNumber).toEqual({ year: 2024, seq: 1 });
    const second = await admin.req('POST', `/api/v1/rounds/${round.june}/notice/number`, { year: 2024 });
    expect(second.json.docNumber).toEqual({ year: 2024, seq: 2 });
    // The number survives saving the paragraphs.
    const saved = await admin.req('PUT', `/api/v1/rounds/${round.june}/notice/draft`, { requirements: [{ heading: '抓好问题整改', body: '逐项整改。' }], issuedOn: '2024-07-05' });
    expect(saved.json.docNumber).toEqual({ year: 2024, seq: 2 });
  });

  it('adds and deletes templates', async () => {
    const t = await admin.req('POST', '/api/v1/notice/templates', { heading: '加强培训', body: '定期组织业务培训。' });
    expect(t.status).toBe(200);
    expect((await admin.req('GET', `/api/v1/rounds/${round.june}/notice/draft`)).json.templates.map((x: { heading: string }) => x.heading)).toContain('加强培训');
    expect((await admin.req('DELETE', `/api/v1/notice/templates/${t.json.id}`)).status).toBe(200);
    expect((await admin.req('DELETE', `/api/v1/notice/templates/${t.json.id}`)).status).toBe(404);
  });

  it('serves the notice as HTML and DOCX from the published data, with the number, the paragraphs and the trend', async () => {
    const html = await admin.req('GET', `/api/v1/rounds/${round.june}/notice?format=html`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.headers.get('content-disposition')).toContain(encodeURIComponent('营口市人民政府办公室关于2024年6月份全市政府网站和政务新媒体监管情况的通报.html'));
    expect(html.text).toContain('营政办公开〔2024〕2号');
    expect(html.text).toContain('本次共检查全市政府网站6个');
    expect(html.text).toContain('<span class="h2">（一）抓好问题整改。</span>逐项整改。');
    expect(html.text).toContain('2024年7月5日');
    const trendSvg = [...html.text.matchAll(/data:image\/svg\+xml;base64,([^"]+)/g)].map((m) => Buffer.from(m[1], 'base64').toString('utf8')).find((s) => s.includes('2024年第6次'))!;
    expect(trendSvg).toContain('2024年第5次');
    const docx = await fetch(`${base}/api/v1/rounds/${round.june}/notice?format=docx`, { headers: { cookie: admin.cookie } });
    expect(docx.status).toBe(200);
    const files = unzipSync(new Uint8Array(await docx.arrayBuffer()));
    expect(strFromU8(files['word/document.xml'])).toContain('营政办公开〔2024〕2号');
  });

  it('serves the yearly reports: the supervisor report from the year rounds, a site report to its own unit only', async () => {
    const sup = await admin.req('GET', '/api/v1/reports/yearly?year=2024&format=html');
    expect(sup.status).toBe(200);
    expect(sup.text).toContain('2024年政府网站与政务新媒体监管工作年度报表');
    expect(sup.text).toContain('<td>常态检查次数</td><td>2次</td>');
    expect(sup.text).toContain('<td>检查结果公开（通报）次数</td><td>2次</td>');
    expect(sup.text).toContain('未掌握');
    expect((await unitUser.req('GET', '/api/v1/reports/yearly?year=2024&format=html')).status).toBe(403);
    const own = await unitUser.req('GET', `/api/v1/websites/${site.own}/yearly-report?year=2024&format=html`);
    expect(own.status).toBe(200);
    expect(own.text).toContain('营口市教育局网站2024年政府网站工作年度报表');
    expect((await unitUser.req('GET', `/api/v1/websites/${site.other}/yearly-report?year=2024&format=html`)).status).toBe(404);
    const docx = await fetch(`${base}/api/v1/websites/${site.own}/yearly-report?year=2024`, { headers: { cookie: unitUser.cookie } });
    expect(docx.headers.get('content-type')).toContain('wordprocessingml');
    expect(strFromU8(unzipSync(new Uint8Array(await docx.arrayBuffer()))['word/document.xml'])).toContain('未掌握');
  });

  it('refuses an open round, an unknown round and a unit operator', async () => {
    const open = await admin.req('GET', `/api/v1/rounds/${round.open}/notice?format=html`);
    expect(open.status).toBe(409);
    expect(open.json.error.message).toContain('尚未发布');
    expect((await admin.req('GET', '/api/v1/rounds/99999/notice?format=html')).status).toBe(404);
    expect((await admin.req('GET', `/api/v1/rounds/${round.june}/notice?format=exe`)).status).toBe(400);
    for (const [m, path] of [['GET', `/api/v1/rounds/${round.june}/notice?format=html`], ['GET', `/api/v1/rounds/${round.june}/notice/draft`], ['GET', '/api/v1/notice/settings']] as const) {
      expect((await unitUser.req(m, path)).status).toBe(403);
    }
    expect((await unitUser.req('PUT', `/api/v1/rounds/${round.june}/notice/draft`, { requirements: [] })).status).toBe(403);
  });
}

describe('notice API on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gp-notice-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  suite(() => ({ url: join(dir, 'api.sqlite') }));
});

describe.skipIf(skipPg)('notice API on PostgreSQL', () => {
  let pg: PgSchema | undefined;
  beforeAll(async () => {
    pg = await createPgSchema('gp_notice');
  });
  afterAll(async () => {
    await pg?.drop();
  });
  suite(() => ({ url: pg!.url, schema: pg!.schema }));
});
