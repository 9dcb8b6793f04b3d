// The 「找错」 workflow over the real store, on SQLite and PostgreSQL: intake and site matching, working-day
// deadlines across a weekend and 国庆 with its 调休, the steps and their guards, unit isolation, the public
// view, reminders and overdue notices (each once), the monthly statistics, and the national import.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';
import { SYSTEM_ACTOR, UnitScope, type Actor } from '../../src/store/scope.js';
import { updateSettings } from '../../src/store/settings.js';
import * as wf from '../../src/workflows/messages.js';
import { importMessages, parseChinaTime } from '../../src/server/messages-io.js';
import { onBothBackends } from './backends.js';

/** A Shanghai wall-clock time as a Date. */
const bj = (s: string) => new Date(`${s}+08:00`);
const PUBLIC: Actor = { id: null, username: '公众', role: 'viewer', unitId: null, ip: '127.0.0.9' };

onBothBackends('找错 messages', (backend) => {
  let store: Store;
  let sup: UnitScope;
  let scopeA: UnitScope;
  let scopeB: UnitScope;
  const w = {} as Record<'unitA' | 'unitB' | 'siteA' | 'siteB' | 'chief' | 'opA' | 'opB', number>;

  /** Titles in a user's inbox, optionally only those about one message (its tracking number in the body). */
  async function inbox(userId: number, about?: string): Promise<string[]> {
    let q = store.db.selectFrom('notifications').select('title').where('userId', '=', userId);
    if (about) q = q.where('body', 'like', `%${about}%`);
    return (await q.orderBy('id').execute()).map((r) => r.title);
  }

  beforeAll(async () => {
    store = await openStore(backend.options());
    const db = store.db;
    const now = new Date().toISOString();
    const unit = async (name: string) => (await db.insertInto('units').values({ name, type: 'county', parentId: null, includeSubunits: 0, createdAt: now }).returning('id').executeTakeFirstOrThrow()).id;
    w.unitA = await unit('甲县人民政府');
    w.unitB = await unit('乙区人民政府');
    const site = async (name: string, url: string, unitId: number, subsites: string[]) => {
      const s = await store.upsertSite(url, name);
      return (await db.insertInto('websites').values({ siteId: s.id, name, url, unitId, kind: 'portal', siteCode: '', icp: '', subsites: JSON.stringify(subsites), maxPages: 100, createdAt: now, updatedAt: now }).returning('id').executeTakeFirstOrThrow()).id;
    };
    w.siteA = await site('甲县政府网', 'http://www.jiaxian.gov.test/', w.unitA, ['xxgk.jiaxian.gov.test']);
    w.siteB = await site('乙区政府网', 'https://yiqu.gov.test/', w.unitB, []);
    const user = async (username: string, role: string, unitId: number | null) =>
      (await db.insertInto('users').values({ username, displayName: username, role: role as any, unitId, passwordHash: 'x', disabled: 0, createdAt: now, passwordChangedAt: now }).returning('id').executeTakeFirstOrThrow()).id;
    w.chief = await user('chief', 'supervisor', null);
    w.opA = await user('op-a', 'unit', w.unitA);
    w.opB = await user('op-b', 'unit', w.unitB);
    sup = await UnitScope.of(db, { id: w.chief, username: 'chief', role: 'supervisor', unitId: null });
    scopeA = await UnitScope.of(db, { id: w.opA, username: 'op-a', role: 'unit', unitId: w.unitA });
    scopeB = await UnitScope.of(db, { id: w.opB, username: 'op-b', role: 'unit', unitId: w.unitB });
  });
  afterAll(async () => {
    await store?.close();
  });

  it('counts deadlines in working days: a Friday message is forwarded by Monday; across 国庆 and its make-up Saturday', async () => {
    const friday = await wf.submitPublicMessage(store.db, PUBLIC, { siteUrl: 'http://jiaxian.gov.test/a.html', category: 'typo', title: '错别字', content: '「登陆」应为「登录」。' }, { now: bj('2026-11-27T18:00:00') });
    const m1 = await store.db.selectFrom('messages').selectAll().where('trackingNo', '=', friday.trackingNo).executeTakeFirstOrThrow();
    expect(m1.forwardDeadline).toBe('2026-11-30T15:59:59.999Z'); // Monday 23:59:59.999 Beijing
    expect(m1.forwardDeadlineEstimated).toBe(0);

    const before = await wf.submitPublicMessage(store.db, PUBLIC, { websiteId: w.siteB, category: 'dead-link', title: '链接打不开', content: '首页「政务公开」链接 404。' }, { now: bj('2025-09-30T10:00:00') });
    const m2 = await store.db.selectFrom('messages').selectAll().where('trackingNo', '=', before.trackingNo).executeTakeFirstOrThrow();
    expect(m2.forwardDeadline).toBe('2025-10-09T15:59:59.999Z'); // 10-01…10-08 off: Thursday 10-09
    const dispatched = await wf.dispatchMessage(store.db, sup, m2.id, {}, { now: bj('2025-10-09T10:00:00') });
    // 10-10 Fri (1), 10-11 Sat make-up day (2), 10-12 Sun off, 10-13 Mon (3)
    expect(dispatched.replyDeadline).toBe('2025-10-13T15:59:59.999Z');
    expect(dispatched).toMatchObject({ unitId: w.unitB, status: 'dispatched', forwardOverdue: false });
  });

  it('takes a public message: the site by id or by address (www and sub-sites too), an unguessable tracking number, supervisors told', async () => {
    const r = await wf.submitPublicMessage(store.db, PUBLIC, { siteUrl: 'https://XXGK.jiaxian.gov.test/zfxxgk/2.html', pageUrl: 'https://xxgk.jiaxian.gov.test/zfxxgk/2.html', category: 'stale', title: '栏目长期未更新', content: '政府信息公开栏目半年未更新。', contactName: '张三', contact: '13800000000' });
    expect(r.trackingNo).toMatch(wf.TRACKING_NO);
    const row = await store.db.selectFrom('messages').selectAll().where('trackingNo', '=', r.trackingNo).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ websiteId: w.siteA, unitId: w.unitA, status: 'received', source: 'public', contactName: '张三' });
    const unknown = await wf.submitPublicMessage(store.db, PUBLIC, { siteUrl: 'http://www.elsewhere.gov.test/', category: 'other', title: '别的网站', content: '这个网站不在名录里。' });
    expect((await store.db.selectFrom('messages').select(['websiteId', 'unitId']).where('trackingNo', '=', unknown.trackingNo).executeTakeFirstOrThrow())).toEqual({ websiteId: null, unitId: null });
    await expect(wf.submitPublicMessage(store.db, PUBLIC, { websiteId: 999_999, category: 'other', title: 'x', content: '不存在的网站' })).rejects.toMatchObject({ code: 'invalid', message: '所选网站不存在，请重新选择' });
    await expect(wf.submitPublicMessage(store.db, PUBLIC, { category: 'other', title: 'x', content: '没有网站' })).rejects.toMatchObject({ code: 'invalid' });
    await expect(wf.submitPublicMessage(store.db, PUBLIC, { siteUrl: 'javascript:alert(1)', category: 'other', title: 'x', content: '坏地址' })).rejects.toMatchObject({ code: 'invalid' });
    expect(await inbox(w.chief)).toContain('新的「我为政府网站找错」留言');
    const numbers = new Set(Array.from({ length: 2000 }, () => wf.newTrackingNo(bj('2026-12-03T08:00:00'))));
    expect(numbers.size).toBe(2000);
    expect([...numbers][0]).toMatch(/^ZC20261203-[23456789A-HJ-NP-Z]{8}$/);
    const audit = await store.db.selectFrom('auditLog').select(['actor', 'action', 'after', 'ip']).where('entity', '=', 'message').where('entityId', '=', String(row.id)).execute();
    expect(audit).toEqual([expect.objectContaining({ actor: '公众', action: 'submit', ip: '127.0.0.9' })]);
    expect(audit[0]!.after).not.toContain('13800000000');
  });

  it('runs dispatch → answer → publish, the unit seeing only what was forwarded to it, the public page showing the reply only once published', async () => {
    const { trackingNo } = await wf.submitPublicMessage(store.db, PUBLIC, { websiteId: w.siteA, category: 'typo', title: '<img src=x onerror=alert(1)>', content: '内容里有脚本 <script>alert(1)</script>', contactName: '李四', contact: 'li@example.com' });
    const id = (await store.db.selectFrom('messages').select('id').where('trackingNo', '=', trackingNo).executeTakeFirstOrThrow()).id;
    // Waiting for the supervisor: the suggested unit does not see it yet.
    await expect(wf.getMessageView(store.db, scopeA, id)).rejects.toMatchObject({ code: 'not_found' });
    expect((await wf.listMessageViews(store.db, scopeA, { page: 1, pageSize: 50 })).items.map((m) => m.id)).not.toContain(id);
    await expect(wf.answerMessage(store.db, sup, id, { reply: '太早' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(wf.publishMessage(store.db, sup, id)).rejects.toMatchObject({ code: 'conflict' });

    const d = await wf.dispatchMessage(store.db, sup, id, { note: '请核实' });
    expect(d).toMatchObject({ status: 'dispatched', unitId: w.unitA, unitName: '甲县人民政府' });
    expect(await inbox(w.opA, trackingNo)).toEqual(['「我为政府网站找错」留言待办理']);
    expect(await inbox(w.opB, trackingNo)).toEqual([]);
    await expect(wf.getMessageView(store.db, scopeB, id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(wf.answerMessage(store.db, scopeB, id, { reply: '越权' })).rejects.toMatchObject({ code: 'not_found' });
    const seen = await wf.getMessageView(store.db, scopeA, id);
    expect(seen.events.map((e) => e.action)).toEqual(['submit', 'dispatch']);

    let pub = await wf.lookupPublic(store.db, trackingNo.toLowerCase());
    expect(pub).toMatchObject({ status: '办理中', reply: null, replyUnit: null, title: '<img src=x onerror=alert(1)>' });
    expect(JSON.stringify(pub)).not.toMatch(/李四|li@example\.com/);

    await expect(wf.answerMessage(store.db, scopeA, id, { reply: '   ' })).rejects.toMatchObject({ code: 'invalid' });
    const a = await wf.answerMessage(store.db, scopeA, id, { reply: '已更正错别字，感谢您的监督。' });
    expect(a).toMatchObject({ status: 'answered', repliedBy: 'op-a' });
    expect(await inbox(w.chief)).toContain('找错留言已答复，待发布');
    expect((await wf.lookupPublic(store.db, trackingNo))!.reply).toBeNull();
    const back = await wf.returnMessage(store.db, sup, id, { note: '请说明更正的页面' });
    expect(back).toMatchObject({ status: 'dispatched', repliedAt: null, reply: '已更正错别字，感谢您的监督。' });
    await wf.answerMessage(store.db, scopeA, id, { reply: '已更正 /xxgk/1.html 中的错别字，感谢您的监督。' });
    await wf.publishMessage(store.db, sup, id);
    pub = await wf.lookupPublic(store.db, trackingNo);
    expect(pub).toMatchObject({ status: '已答复', reply: '已更正 /xxgk/1.html 中的错别字，感谢您的监督。', replyUnit: '甲县人民政府' });
    expect(pub!.publishedAt).toBeTruthy();
    const final = await wf.getMessageView(store.db, sup, id);
    expect(final.events.map((e) => e.action)).toEqual(['submit', 'dispatch', 'answer', 'return', 'answer', 'publish']);
    const audit = await store.db.selectFrom('auditLog').select('action').where('entity', '=', 'message').where('entityId', '=', String(id)).orderBy('id').execute();
    expect(audit.map((x) => x.action)).toEqual(['submit', 'dispatch', 'answer', 'return', 'answer', 'publish']);
    expect(await wf.lookupPublic(store.db, 'ZC20261203-AAAAAAAA')).toBeUndefined();
  });

  it('closes a message with a reason (shown publicly), forwards to another unit, and refuses a unit nobody owns', async () => {
    const { trackingNo } = await wf.submitPublicMessage(store.db, PUBLIC, { siteUrl: 'http://unknown.gov.test/', category: 'other', title: '广告', content: '点击领取大奖 http://spam.test' });
    const id = (await store.db.selectFrom('messages').select('id').where('trackingNo', '=', trackingNo).executeTakeFirstOrThrow()).id;
    await expect(wf.dispatchMessage(store.db, sup, id, {})).rejects.toMatchObject({ code: 'invalid', message: '未能识别留言所指网站的主办单位，请选择承办单位' });
    await expect(wf.closeMessage(store.db, sup, id, { status: 'invalid', reason: ' ' })).rejects.toMatchObject({ code: 'invalid' });
    await wf.closeMessage(store.db, sup, id, { status: 'invalid', reason: '广告信息' });
    expect(await wf.lookupPublic(store.db, trackingNo)).toMatchObject({ status: '无效留言', reason: '广告信息', reply: null });
    await expect(wf.dispatchMessage(store.db, sup, id, { unitId: w.unitA })).rejects.toMatchObject({ code: 'conflict' });

    const other = await wf.submitPublicMessage(store.db, PUBLIC, { siteUrl: 'http://unknown.gov.test/', category: 'other', title: '乙区的问题', content: '写错了网站地址，其实是乙区。' });
    const oid = (await store.db.selectFrom('messages').select('id').where('trackingNo', '=', other.trackingNo).executeTakeFirstOrThrow()).id;
    await wf.dispatchMessage(store.db, sup, oid, { unitId: w.unitA });
    const moved = await wf.dispatchMessage(store.db, sup, oid, { unitId: w.unitB, note: '转错单位，改转乙区' });
    expect(moved.unitId).toBe(w.unitB);
    await expect(wf.getMessageView(store.db, scopeA, oid)).rejects.toMatchObject({ code: 'not_found' });
    expect((await wf.getMessageView(store.db, scopeB, oid)).status).toBe('dispatched');
    await expect(wf.dispatchMessage(store.db, scopeA, oid, { unitId: w.unitA })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('sends a reminder before each deadline and an overdue notice after it, once each', async () => {
    await updateSettings(store.db, SYSTEM_ACTOR, { messageRemindHours: 24 });
    // Received Monday 2026-12-07 09:00: forward by Tuesday 12-08 23:59.
    const { trackingNo } = await wf.submitPublicMessage(store.db, PUBLIC, { websiteId: w.siteB, category: 'service', title: '办事指南缺材料清单', content: '某事项办事指南没有材料清单。' }, { now: bj('2026-12-07T09:00:00') });
    const id = (await store.db.selectFrom('messages').select('id').where('trackingNo', '=', trackingNo).executeTakeFirstOrThrow()).id;
    const titles = async (userId: number) => (await inbox(userId, trackingNo)).filter((t) => t.startsWith('找错留言'));
    const chiefBefore = 0;
    const opBBefore = 0;
    const sweep = (at: string) => wf.sweepMessageDeadlines(store.db, { now: bj(at) });

    await sweep('2026-12-07T10:00:00'); // 38 h left: nothing for this one
    expect((await titles(w.chief)).length).toBe(chiefBefore);
    await sweep('2026-12-08T09:00:00'); // 15 h left: the reminder
    await sweep('2026-12-08T10:00:00'); // and not again
    expect((await titles(w.chief)).slice(chiefBefore)).toEqual(['找错留言转办即将到期']);
    await sweep('2026-12-09T08:00:00'); // past the forwarding deadline
    await sweep('2026-12-09T09:00:00');
    expect((await titles(w.chief)).slice(chiefBefore)).toEqual(['找错留言转办即将到期', '找错留言转办已超期']);
    let v = await wf.getMessageView(store.db, sup, id, bj('2026-12-09T09:00:00'));
    expect(v).toMatchObject({ forwardOverdue: true, overdue: true, dueAt: '2026-12-08T15:59:59.999Z' });

    // Forwarded Wednesday 12-09 10:00: reply by Monday 12-14 (Thu, Fri, Mon).
    const d = await wf.dispatchMessage(store.db, sup, id, {}, { now: bj('2026-12-09T10:00:00') });
    expect(d.replyDeadline).toBe('2026-12-14T15:59:59.999Z');
    expect(d.forwardOverdue).toBe(true); // forwarded late stays late
    await sweep('2026-12-13T12:00:00'); // Sunday noon, 28 h left: nothing yet
    expect((await titles(w.opB)).length).toBe(opBBefore);
    await sweep('2026-12-14T08:00:00');
    await sweep('2026-12-15T08:00:00');
    await sweep('2026-12-15T09:00:00');
    expect((await titles(w.opB)).slice(opBBefore)).toEqual(['找错留言答复即将到期', '找错留言答复已超期']);
    expect((await titles(w.chief)).slice(chiefBefore)).toEqual(['找错留言转办即将到期', '找错留言转办已超期', '找错留言答复已超期']);
    v = await wf.getMessageView(store.db, scopeB, id, bj('2026-12-15T09:00:00'));
    expect(v).toMatchObject({ replyOverdue: true, overdue: true });
    expect(v.events.map((e) => e.action)).toEqual(['submit', 'remind', 'overdue', 'dispatch', 'remind', 'overdue']);
    const overdueList = await wf.listMessageViews(store.db, sup, { page: 1, pageSize: 100, overdue: true }, bj('2026-12-15T09:00:00'));
    expect(overdueList.items.map((m) => m.id)).toContain(id);
    expect(overdueList.items.every((m) => m.overdue)).toBe(true);
    const all = await wf.listMessageViews(store.db, sup, { page: 1, pageSize: 100 }, bj('2026-12-15T09:00:00'));
    const firstNotOverdue = all.items.findIndex((m) => !(m.dueAt && m.dueAt < '2026-12-15T01:00:00.000Z'));
    expect(all.items.slice(0, firstNotOverdue).length).toBeGreaterThan(0); // overdue ones lead the list
    expect(all.items.slice(firstNotOverdue).some((m) => m.dueAt !== null && m.dueAt < '2026-12-15T01:00:00.000Z')).toBe(false);
  });

  it('computes the month\'s statistics: received, answered on time, overdue, open, per unit; null for a month with none', async () => {
    const at = (d: string) => ({ now: bj(d) });
    const submit = async (title: string, websiteId: number, when: string) => {
      const r = await wf.submitPublicMessage(store.db, PUBLIC, { websiteId, category: 'other', title, content: `${title}的内容` }, at(when));
      return (await store.db.selectFrom('messages').select('id').where('trackingNo', '=', r.trackingNo).executeTakeFirstOrThrow()).id;
    };
    // March 2026 (no holiday): Mon 03-02 … 
    const onTime = await submit('按时', w.siteA, '2026-03-02T09:00:00');
    await wf.dispatchMessage(store.db, sup, onTime, {}, at('2026-03-02T15:00:00')); // reply by Thu 03-05
    await wf.answerMessage(store.db, scopeA, onTime, { reply: '已改' }, at('2026-03-04T10:00:00'));
    await wf.publishMessage(store.db, sup, onTime, at('2026-03-04T11:00:00'));
    const late = await submit('超期答复', w.siteA, '2026-03-02T09:30:00');
    await wf.dispatchMessage(store.db, sup, late, {}, at('2026-03-02T16:00:00'));
    await wf.answerMessage(store.db, scopeA, late, { reply: '已改' }, at('2026-03-09T10:00:00'));
    const missing = await submit('超期未答', w.siteB, '2026-03-03T09:00:00');
    await wf.dispatchMessage(store.db, sup, missing, {}, at('2026-03-03T10:00:00')); // reply by Fri 03-06
    const waiting = await submit('待转办', w.siteB, '2026-03-31T20:00:00'); // forward by Wed 04-01
    const spam = await submit('垃圾', w.siteB, '2026-03-10T09:00:00');
    await wf.closeMessage(store.db, sup, spam, { status: 'invalid', reason: '广告' }, at('2026-03-10T10:00:00'));
    await submit('四月的', w.siteA, '2026-04-01T00:00:00'); // Beijing midnight: April, not March
    expect(waiting).toBeGreaterThan(0);

    const stats = await wf.messageStats(store.db, '2026-03', bj('2026-04-01T12:00:00'));
    expect(stats).toEqual({
      received: 4, answered: 2, answeredOnTime: 1, overdue: 2, open: 2,
      byUnit: [
        { unitId: w.unitA, unitName: '甲县人民政府', received: 2, answeredOnTime: 1, overdue: 1 },
        { unitId: w.unitB, unitName: '乙区人民政府', received: 1, answeredOnTime: 0, overdue: 1 },
      ],
    });
    // The next day the waiting one is late too.
    expect((await wf.messageStats(store.db, '2026-03', bj('2026-04-02T09:00:00')))!.overdue).toBe(3);
    expect(await wf.messageStats(store.db, '2026-03', bj('2026-04-01T12:00:00'), [w.unitB])).toEqual({
      received: 1, answered: 0, answeredOnTime: 0, overdue: 1, open: 1,
      byUnit: [{ unitId: w.unitB, unitName: '乙区人民政府', received: 1, answeredOnTime: 0, overdue: 1 }],
    });
    expect(await wf.messageStats(store.db, '2019-01')).toBeNull();
    await expect(wf.messageStats(store.db, '2026-13')).rejects.toMatchObject({ code: 'invalid' });
  });

  it('imports the national platform\'s export: row errors in Chinese and nothing imported, then all rows, duplicates skipped', async () => {
    const header = '留言编号,留言时间,网站名称,网站地址,问题页面,问题类型,留言标题,留言内容,留言人,联系方式';
    const bad = Buffer.from(`\ufeff${header}\r\nGOV-1,2026-12-01 09:30,甲县政府网,,,错别字,标题一,内容一,王五,1390000\r\nGOV-2,昨天,,,,外星类型,,内容二,,\r\nGOV-1,2026-12-01,乙区政府网,,,,标题三,内容三,,\r\n`);
    const r1 = importMessages(store.db, sup, '留言.csv', bad);
    await expect(r1).rejects.toMatchObject({ code: 'import_invalid' });
    const details = (await r1.catch((e) => e)).details;
    expect(details).toEqual(expect.arrayContaining([
      { row: 3, column: '留言时间', message: '留言时间「昨天」无法识别，应为 YYYY-MM-DD HH:mm' },
      { row: 3, column: '留言标题', message: '留言标题不能为空' },
      { row: 3, column: '网站名称', message: '网站名称与网站地址至少填一项' },
      expect.objectContaining({ row: 3, column: '问题类型' }),
      { row: 4, column: '留言编号', message: '留言编号「GOV-1」与第 2 行重复' },
    ]));
    expect(await store.db.selectFrom('messages').select('id').where('source', '=', 'national').execute()).toHaveLength(0);
    const missingColumn = importMessages(store.db, sup, '留言.csv', Buffer.from('编号,标题\nA,B\n'));
    expect((await missingColumn.catch((e) => e)).details).toEqual(expect.arrayContaining([{ row: 1, column: '留言时间', message: '缺少必需的列「留言时间」' }]));
    await expect(importMessages(store.db, sup, '留言.txt', Buffer.from('x'))).rejects.toMatchObject({ code: 'import_invalid' });

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('留言');
    ws.addRow(header.split(','));
    ws.addRow(['GOV-1', new Date(Date.UTC(2026, 11, 1, 9, 30)), '', 'http://www.jiaxian.gov.test/', '', '链接不可用', '首页链接失效', '点开是 404', '王五', '1390000']);
    ws.addRow(['GOV-2', '2026年12月2日 14:05', '乙区政府网', '', '', '内容不更新', '动态一年没更新', '工作动态停在去年', '', '']);
    ws.addRow(['GOV-3', '2026/12/02', '不在名录的网站', '', '', '', '无主网站', '找不到主办单位', '', '']);
    const first = await importMessages(store.db, sup, '留言.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(first).toEqual({ imported: 3, skipped: [], unmatched: 1 });
    const rows = await store.db.selectFrom('messages').select(['externalNo', 'receivedAt', 'websiteId', 'unitId', 'category', 'status']).where('source', '=', 'national').orderBy('externalNo').execute();
    expect(rows).toEqual([
      { externalNo: 'GOV-1', receivedAt: '2026-12-01T01:30:00.000Z', websiteId: w.siteA, unitId: w.unitA, category: 'dead-link', status: 'received' },
      { externalNo: 'GOV-2', receivedAt: '2026-12-02T06:05:00.000Z', websiteId: w.siteB, unitId: w.unitB, category: 'stale', status: 'received' },
      { externalNo: 'GOV-3', receivedAt: '2026-12-01T16:00:00.000Z', websiteId: null, unitId: null, category: 'other', status: 'received' },
    ]);
    ws.addRow(['GOV-4', '2026-12-03 08:00', '甲县政府网', '', '', '其他', '新的一条', '新内容', '', '']);
    const again = await importMessages(store.db, sup, '留言.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(again.imported).toBe(1);
    expect(again.skipped.map((s) => [s.row, s.externalNo])).toEqual([[2, 'GOV-1'], [3, 'GOV-2'], [4, 'GOV-3']]);
    expect(await store.db.selectFrom('messages').select('id').where('source', '=', 'national').execute()).toHaveLength(4);
    expect(await inbox(w.chief)).toContain('已导入国家平台转办的找错留言');
  });

  it('reads the times national exports write, as Beijing time', () => {
    expect(parseChinaTime('2026-12-03 09:30')?.toISOString()).toBe('2026-12-03T01:30:00.000Z');
    expect(parseChinaTime('2026年12月3日 9时30分')?.toISOString()).toBe('2026-12-03T01:30:00.000Z');
    expect(parseChinaTime('2026/1/5')?.toISOString()).toBe('2026-01-04T16:00:00.000Z');
    expect(parseChinaTime('2026-12-03T09:30:00+08:00')?.toISOString()).toBe('2026-12-03T01:30:00.000Z');
    expect(parseChinaTime('2026-02-30')).toBeUndefined();
    expect(parseChinaTime('2026-12-03 25:00')).toBeUndefined();
    expect(parseChinaTime('')).toBeUndefined();
  });
});
