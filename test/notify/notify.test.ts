// notify(): inbox rows per recipient, e-mail to a real SMTP server on loopback (Chinese subject and body),
// failures recorded on the row without losing it; on SQLite and PostgreSQL.
import { createServer } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';
import { Mailer, notify } from '../../src/notify/index.js';
import { getMailSettings, listInbox, markAllRead, markRead, resolveRecipients, saveMailSettings, unreadCount } from '../../src/store/notifications.js';
import { SYSTEM_ACTOR } from '../../src/store/scope.js';
import { onBothBackends } from '../messages/backends.js';
import { startSmtp, type TestSmtp } from './smtp.js';

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

onBothBackends('notify', (backend) => {
  let store: Store;
  let smtp: TestSmtp;
  let mailer: Mailer;
  const u = {} as Record<'county' | 'bureau' | 'other' | 'opCounty' | 'opBureau' | 'opBureauOff' | 'opOther' | 'chief' | 'inspector', number>;

  beforeAll(async () => {
    store = await openStore(backend.options());
    smtp = await startSmtp({ user: 'notifier', pass: 'smtp-秘密' });
    mailer = new Mailer(store);
    const now = new Date().toISOString();
    const unit = async (name: string, parentId: number | null, includeSubunits: number) =>
      (await store.db.insertInto('units').values({ name, type: 'county', parentId, includeSubunits, createdAt: now }).returning('id').executeTakeFirstOrThrow()).id;
    u.county = await unit('甲县人民政府', null, 1);
    u.bureau = await unit('甲县教育局', u.county, 0);
    u.other = await unit('乙区人民政府', null, 0);
    const user = async (username: string, role: string, unitId: number | null, email: string | null, disabled = 0) =>
      (await store.db.insertInto('users').values({ username, displayName: username, role: role as any, unitId, passwordHash: 'x', disabled, email, createdAt: now, passwordChangedAt: now }).returning('id').executeTakeFirstOrThrow()).id;
    u.opCounty = await user('op-county', 'unit', u.county, 'county@jia.gov.test');
    u.opBureau = await user('op-bureau', 'unit', u.bureau, 'bureau@jia.gov.test');
    u.opBureauOff = await user('op-bureau-off', 'unit', u.bureau, 'off@jia.gov.test', 1);
    u.opOther = await user('op-other', 'unit', u.other, null);
    u.chief = await user('chief', 'supervisor', null, 'chief@gov.test');
    u.inspector = await user('insp', 'inspector', null, null);
  });
  afterAll(async () => {
    await mailer?.close();
    await smtp?.close();
    await store?.close();
  });

  it('resolves recipients: a unit reaches its operators and those above who watch sub-units; roles; ids; no disabled user', async () => {
    const names = async (to: Parameters<typeof resolveRecipients>[1]) => (await resolveRecipients(store.db, to)).map((r) => r.username);
    expect(await names({ unitId: u.bureau })).toEqual(['op-county', 'op-bureau']);
    expect(await names({ unitId: u.county })).toEqual(['op-county']);
    expect(await names({ unitId: u.other })).toEqual(['op-other']);
    expect(await names({ roles: ['supervisor', 'inspector'] })).toEqual(['chief', 'insp']);
    expect(await names({ userIds: [u.chief, u.opOther, u.opBureauOff] })).toEqual(['op-other', 'chief']);
    expect(await names({ userIds: [u.chief], unitId: u.other })).toEqual(['op-other', 'chief']);
    expect(await names({})).toEqual([]);
  });

  it('with mail off writes inbox rows only, and the inbox belongs to its user', async () => {
    const r = await notify(store.db, { unitId: u.bureau }, { title: '整改任务即将到期', body: '请及时处理。', link: '/tasks/1' }, mailer);
    expect(r).toMatchObject({ mailed: 0 });
    expect(r.ids).toHaveLength(2);
    const inbox = await listInbox(store.db, u.opBureau, { page: 1, pageSize: 10 });
    expect(inbox).toMatchObject({ total: 1, unread: 1 });
    expect(inbox.items[0]).toMatchObject({ title: '整改任务即将到期', link: '/tasks/1', readAt: null, mailStatus: 'none' });
    await expect(markRead(store.db, u.opOther, inbox.items[0]!.id)).rejects.toMatchObject({ code: 'not_found' });
    await markRead(store.db, u.opBureau, inbox.items[0]!.id);
    expect(await unreadCount(store.db, u.opBureau)).toBe(0);
    expect(await unreadCount(store.db, u.opCounty)).toBe(1);
    expect(await markAllRead(store.db, u.opCounty)).toBe(1);
    expect(await unreadCount(store.db, u.opCounty)).toBe(0);
  });

  it('mails every recipient with an address through SMTP with auth, Chinese subject and body intact', async () => {
    await saveMailSettings(store.db, store.secrets, SYSTEM_ACTOR, { host: '127.0.0.1', port: smtp.port, secure: false, user: 'notifier', pass: 'smtp-秘密', from: '政务巡检 <patrol@gov.test>', dashboardUrl: 'https://patrol.gov.test/' });
    const before = smtp.mails.length;
    const r = await notify(store.db, { unitId: u.bureau, userIds: [u.inspector] }, { title: '「我为政府网站找错」留言待办理', body: '留言 ZC20261203-ABCD 已转办贵单位，请在 3 个工作日内答复。', link: '/messages/7' }, mailer);
    expect(r.ids).toHaveLength(3); // op-county, op-bureau, insp (no address: inbox only)
    expect(r.mailed).toBe(2);
    await mailer.idle();
    const mails = (await smtp.waitFor(before + 2)).slice(before);
    expect(mails.map((m) => m.to[0]).sort()).toEqual(['bureau@jia.gov.test', 'county@jia.gov.test']);
    for (const m of mails) {
      expect(m.from).toBe('patrol@gov.test');
      expect(m.subject).toBe('【政务巡检】「我为政府网站找错」留言待办理');
      expect(m.text).toContain('留言 ZC20261203-ABCD 已转办贵单位，请在 3 个工作日内答复。');
      expect(m.text).toContain('https://patrol.gov.test/#/messages/7');
    }
    const rows = await store.db.selectFrom('notifications').select(['userId', 'mailStatus', 'mailedAt']).where('id', 'in', r.ids).orderBy('userId').execute();
    expect(rows.map((x) => [x.userId, x.mailStatus])).toEqual([[u.opCounty, 'sent'], [u.opBureau, 'sent'], [u.inspector, 'none']]);
    expect(rows[0]!.mailedAt).toBeTruthy();
  });

  it('records a failed send on the row and keeps the inbox entry; the password stays out of the audit log', async () => {
    await saveMailSettings(store.db, store.secrets, SYSTEM_ACTOR, { port: await closedPort() });
    expect((await getMailSettings(store.db, store.secrets)).pass).toBe('smtp-秘密'); // a patch without pass keeps it
    const r = await notify(store.db, { userIds: [u.chief] }, { title: '测试失败', body: '无法投递' }, mailer);
    expect(r.mailed).toBe(1);
    await mailer.idle();
    const row = await store.db.selectFrom('notifications').selectAll().where('id', '=', r.ids[0]!).executeTakeFirstOrThrow();
    expect(row.mailStatus).toBe('failed');
    expect(row.mailError).toMatch(/ECONNREFUSED|connect/i);
    expect((await listInbox(store.db, u.chief, { page: 1, pageSize: 5 })).items[0]).toMatchObject({ title: '测试失败', mailStatus: 'failed' });
    const audit = await store.db.selectFrom('auditLog').select(['before', 'after']).where('entity', '=', 'mail-settings').execute();
    expect(audit.length).toBe(2);
    expect(JSON.stringify(audit)).not.toContain('smtp-秘密');
    expect(JSON.stringify(audit)).toContain('hasPassword');
    // Stored sealed: the settings row itself never holds the password (the successful send above opened it).
    const stored = await store.db.selectFrom('settings').select('value').where('key', '=', 'mail').executeTakeFirstOrThrow();
    expect(stored.value).not.toContain('smtp-秘密');
    expect(JSON.parse(stored.value).pass).toMatch(/^gpsecret1:/);
  });

  it('a wrong SMTP password fails the send, recorded', async () => {
    await saveMailSettings(store.db, store.secrets, SYSTEM_ACTOR, { port: smtp.port, pass: 'wrong' });
    const r = await notify(store.db, { userIds: [u.chief] }, { title: '认证', body: '密码错误' }, mailer);
    await mailer.idle();
    const row = await store.db.selectFrom('notifications').select(['mailStatus', 'mailError']).where('id', '=', r.ids[0]!).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ mailStatus: 'failed' });
    expect(row.mailError).toMatch(/auth|535|认证/i);
  });
});
