// The 找错 API: public routes without a session (form options, submit with honeypot and per-address rate
// limit, look-up by tracking number without sender data), the inbox and its steps by role, import, stats.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../src/server/platform.js';
import { bootstrapAdmin } from '../../src/server/platform.js';
import { type Client, login, raw, startTestPlatform } from '../server/harness.js';

const ADMIN_PW = 'Chief-pass-2024';
const USER_PW = 'Staff-pass-2024';
const SUBMITS_PER_HOUR = 6;
const dir = mkdtempSync(join(tmpdir(), 'gp-msg-api-'));

describe('找错 API', () => {
  let p: Platform;
  let base: string;
  let admin: Client;
  let opA: Client;
  let opB: Client;
  const w = {} as Record<'unitA' | 'unitB' | 'siteA' | 'siteB', number>;
  let submitted = 0;
  const submit = (body: object) => {
    submitted++;
    return raw(base, 'POST', '/api/v1/public/messages', { body });
  };

  beforeAll(async () => {
    process.env.GOVPATROL_PUBLIC_SUBMITS_PER_HOUR = String(SUBMITS_PER_HOUR);
    p = await startTestPlatform({ options: () => ({ url: join(dir, 'api.sqlite') }) });
    delete process.env.GOVPATROL_PUBLIC_SUBMITS_PER_HOUR;
    base = p.url;
    await bootstrapAdmin(p.store, { GOVPATROL_ADMIN_PASSWORD: ADMIN_PW });
    admin = await login(base, 'admin', ADMIN_PW);
    w.unitA = (await admin.req('POST', '/api/v1/units', { name: '甲县人民政府', type: 'county' })).json.id;
    w.unitB = (await admin.req('POST', '/api/v1/units', { name: '乙区人民政府', type: 'county' })).json.id;
    w.siteA = (await admin.req('POST', '/api/v1/websites', { name: '甲县政府网', url: 'http://www.jiaxian.gov.test/', unitId: w.unitA })).json.id;
    w.siteB = (await admin.req('POST', '/api/v1/websites', { name: '乙区政府网', url: 'http://www.yiqu.gov.test/', unitId: w.unitB })).json.id;
    await admin.req('POST', '/api/v1/users', { username: 'op-a', role: 'unit', unitId: w.unitA, password: USER_PW });
    await admin.req('POST', '/api/v1/users', { username: 'op-b', role: 'unit', unitId: w.unitB, password: USER_PW });
    opA = await login(base, 'op-a', USER_PW);
    opB = await login(base, 'op-b', USER_PW);
  });
  afterAll(async () => {
    await p?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the public form without a session: site names and addresses only, the categories and limits', async () => {
    const form = await raw(base, 'GET', '/api/v1/public/messages/form');
    expect(form.status).toBe(200);
    expect(form.json.websites).toEqual([
      { id: w.siteA, name: '甲县政府网', url: 'http://www.jiaxian.gov.test/' },
      { id: w.siteB, name: '乙区政府网', url: 'http://www.yiqu.gov.test/' },
    ]);
    expect(form.json.categories).toContainEqual({ code: 'typo', label: '错别字或表述错误' });
    expect(form.json.limits).toMatchObject({ title: 100, content: 2000 });
  });

  it('takes a message from the public, bounds its fields in Chinese, and answers a bot (honeypot) without storing anything', async () => {
    const ok = await submit({ websiteId: w.siteA, category: 'typo', title: '错别字', content: '首页「登陆」应为「登录」。', contactName: '张三', contact: '13800000000' });
    expect(ok.status).toBe(200);
    expect(ok.json.trackingNo).toMatch(/^ZC\d{8}-[23456789A-HJ-NP-Z]{8}$/);
    const long = await submit({ websiteId: w.siteA, category: 'typo', title: '长'.repeat(101), content: '内容'.repeat(1001) });
    expect(long.status).toBe(400);
    expect(long.json.error.message).toContain('标题不超过 100 个字');
    expect(long.json.error.message).toContain('内容不超过 2000 个字');
    expect((await submit({ category: 'typo', title: '没有网站', content: '没有网站也没有地址' })).json.error.message).toBe('请选择网站，或填写网站地址');
    expect((await submit({ siteUrl: 'http://www.jiaxian.gov.test/', category: 'nope', title: 't', content: '未知类型的留言' })).status).toBe(400);
    const before = await p.store.db.selectFrom('messages').select('id').execute();
    const bot = await submit({ websiteId: w.siteA, category: 'other', title: '便宜药品', content: '点击购买便宜药品', website: 'http://spam.test/' });
    expect(bot.status).toBe(200);
    expect(bot.json.trackingNo).toMatch(/^ZC\d{8}-/);
    expect(await p.store.db.selectFrom('messages').select('id').execute()).toHaveLength(before.length);
    expect((await raw(base, 'GET', `/api/v1/public/messages/${bot.json.trackingNo}`)).status).toBe(404);
  });

  it('limits submissions per address, with a Chinese message', async () => {
    while (submitted < SUBMITS_PER_HOUR) {
      expect((await submit({ siteUrl: 'http://www.yiqu.gov.test/x.html', category: 'stale', title: `第 ${submitted} 条`, content: '工作动态一年没有更新' })).status).not.toBe(429);
    }
    const limited = await submit({ siteUrl: 'http://www.yiqu.gov.test/', category: 'stale', title: '超出', content: '超出限额的一条留言' });
    expect(limited.status).toBe(429);
    expect(limited.json.error.message).toMatch(/^操作过于频繁，请 \d+ 分钟后再试$/);
    expect(limited.headers.get('retry-after')).toBeTruthy();
    expect((await raw(base, 'GET', '/api/v1/public/messages/form')).status).toBe(200); // other routes unaffected
  });

  it('runs the inbox by role: supervisor dispatches, the unit answers its own only, the supervisor publishes; the public page shows the reply', async () => {
    const list = (await admin.req('GET', '/api/v1/messages')).json;
    const target = list.items.find((m: any) => m.title === '错别字');
    expect(target).toMatchObject({ status: 'received', unitId: w.unitA, contactName: '张三', categoryLabel: '错别字或表述错误' });
    expect((await opA.req('GET', '/api/v1/messages')).json.total).toBe(0); // nothing forwarded yet
    expect((await opA.req('POST', `/api/v1/messages/${target.id}/dispatch`, {})).status).toBe(403);
    const d = await admin.req('POST', `/api/v1/messages/${target.id}/dispatch`, {});
    expect(d.json).toMatchObject({ status: 'dispatched', unitId: w.unitA });
    expect((await opA.req('GET', '/api/v1/notifications/unread')).json.unread).toBe(1);
    expect((await opB.req('GET', `/api/v1/messages/${target.id}`)).status).toBe(404);
    expect((await opB.req('POST', `/api/v1/messages/${target.id}/answer`, { reply: '越权' })).status).toBe(404);
    expect((await opA.req('POST', `/api/v1/messages/${target.id}/answer`, { reply: '' })).json.error.message).toBe('答复内容不能为空');
    expect((await opA.req('POST', `/api/v1/messages/${target.id}/answer`, { reply: '已更正，感谢监督。' })).json.status).toBe('answered');
    expect((await opA.req('POST', `/api/v1/messages/${target.id}/publish`)).status).toBe(403);
    expect((await admin.req('POST', `/api/v1/messages/${target.id}/publish`)).json.status).toBe('published');
    const pub = await raw(base, 'GET', `/api/v1/public/messages/${target.trackingNo.toLowerCase()}`);
    expect(pub.json).toMatchObject({ trackingNo: target.trackingNo, status: '已答复', reply: '已更正，感谢监督。', replyUnit: '甲县人民政府', siteName: '甲县政府网' });
    expect(pub.text).not.toMatch(/张三|13800000000|contact/);
    expect((await raw(base, 'GET', '/api/v1/public/messages/not-a-number')).json.error.message).toBe('未找到该查询编号的留言，请核对后重试');
    const detail = (await opA.req('GET', `/api/v1/messages/${target.id}`)).json;
    expect(detail.events.map((e: any) => e.action)).toEqual(['submit', 'dispatch', 'answer', 'publish']);
  });

  it('imports, gives the template, and reports statistics per unit within the caller\'s scope', async () => {
    const template = await admin.req('GET', '/api/v1/messages/template');
    expect(template.headers.get('content-type')).toMatch(/spreadsheetml/);
    const f = new FormData();
    f.append('file', new Blob(['留言编号,留言时间,网站地址,问题类型,留言标题,留言内容\r\nGOV-9,2026-12-01 10:00,http://www.yiqu.gov.test/,链接不可用,链接失效,打不开\r\n']), '留言.csv');
    expect((await opA.req('POST', '/api/v1/messages/import', f)).status).toBe(403);
    const imported = await admin.req('POST', '/api/v1/messages/import', f);
    expect(imported.json).toEqual({ imported: 1, unmatched: 0, skipped: [] });
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const all = (await admin.req('GET', `/api/v1/messages/stats?month=${month}`)).json;
    expect(all.stats.received).toBe(3); // 2 stored from the form (the rest refused, or the bot's), 1 imported
    expect(all.stats.byUnit).toEqual([{ unitId: w.unitA, unitName: '甲县人民政府', received: 1, answeredOnTime: 1, overdue: 0 }]);
    const mine = (await opA.req('GET', `/api/v1/messages/stats?month=${month}`)).json;
    expect(mine.stats).toEqual({ received: 1, answered: 1, answeredOnTime: 1, overdue: 0, open: 0, byUnit: [{ unitId: w.unitA, unitName: '甲县人民政府', received: 1, answeredOnTime: 1, overdue: 0 }] });
    expect((await opB.req('GET', `/api/v1/messages/stats?month=${month}`)).json.stats).toBeNull();
    expect((await admin.req('GET', '/api/v1/messages/stats?month=2026-13')).status).toBe(400);
    const year = (await admin.req('GET', `/api/v1/messages/stats/year?year=${month.slice(0, 4)}`)).json;
    expect(year.months).toHaveLength(12);
    expect(year.months.find((m: any) => m.month === month).stats.received).toBe(all.stats.received);
  });

  it('keeps the forwarding and reply limits in settings', async () => {
    expect((await admin.req('GET', '/api/v1/settings')).json).toMatchObject({ messageForwardDays: 1, messageReplyDays: 3, messageRemindHours: 24 });
    expect((await admin.req('PATCH', '/api/v1/settings', { messageReplyDays: 5 })).json.messageReplyDays).toBe(5);
    expect((await admin.req('PATCH', '/api/v1/settings', { messageReplyDays: 0 })).status).toBe(400);
  });
});
