// The inbox API: the caller's own notifications only; the caller's e-mail; mail settings for the
// supervisor with a write-only password; the test mail through a real SMTP server on loopback.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../src/server/platform.js';
import { bootstrapAdmin } from '../../src/server/platform.js';
import { notify } from '../../src/notify/index.js';
import { type Client, login, raw, startTestPlatform } from '../server/harness.js';
import { startSmtp, type TestSmtp } from './smtp.js';

const ADMIN_PW = 'Chief-pass-2024';
const USER_PW = 'Staff-pass-2024';
const dir = mkdtempSync(join(tmpdir(), 'gp-notify-api-'));

describe('notifications API', () => {
  let p: Platform;
  let admin: Client;
  let op: Client;
  let other: Client;
  let smtp: TestSmtp;

  beforeAll(async () => {
    p = await startTestPlatform({ options: () => ({ url: join(dir, 'api.sqlite') }) });
    smtp = await startSmtp();
    await bootstrapAdmin(p.store, { GOVPATROL_ADMIN_PASSWORD: ADMIN_PW });
    admin = await login(p.url, 'admin', ADMIN_PW);
    const unit = (await admin.req('POST', '/api/v1/units', { name: '甲县人民政府', type: 'county' })).json;
    const created = await admin.req('POST', '/api/v1/users', { username: 'op', role: 'unit', unitId: unit.id, password: USER_PW, email: 'op@jia.gov.test' });
    expect(created.json.email).toBe('op@jia.gov.test');
    expect((await admin.req('POST', '/api/v1/users', { username: 'bad', role: 'viewer', password: USER_PW, email: 'not-an-address' })).status).toBe(400);
    await admin.req('POST', '/api/v1/users', { username: 'other', role: 'viewer', password: USER_PW });
    op = await login(p.url, 'op', USER_PW);
    other = await login(p.url, 'other', USER_PW);
  });
  afterAll(async () => {
    await p?.close();
    await smtp?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists, counts and marks the caller\'s own notifications; another user\'s row does not exist', async () => {
    await notify(p.store.db, { userIds: [op.user.id] }, { title: '新的整改任务', body: '<b>甲县政府网</b> 有 2 个问题', link: '/tasks/3' });
    await notify(p.store.db, { userIds: [op.user.id] }, { title: '第二条', body: '正文' });
    const list = (await op.req('GET', '/api/v1/notifications')).json;
    expect(list).toMatchObject({ total: 2, unread: 2 });
    expect(list.items.map((x: any) => x.title)).toEqual(['第二条', '新的整改任务']);
    expect(list.items[1].body).toBe('<b>甲县政府网</b> 有 2 个问题'); // stored as text; the page renders it as text
    expect((await other.req('GET', '/api/v1/notifications')).json.total).toBe(0);
    expect((await other.req('POST', `/api/v1/notifications/${list.items[0].id}/read`)).status).toBe(404);
    expect((await op.req('POST', `/api/v1/notifications/${list.items[0].id}/read`)).status).toBe(200);
    expect((await op.req('GET', '/api/v1/notifications/unread')).json).toEqual({ unread: 1 });
    expect((await op.req('GET', '/api/v1/notifications?unread=true')).json.items.map((x: any) => x.title)).toEqual(['新的整改任务']);
    expect((await op.req('POST', '/api/v1/notifications/read-all')).json).toEqual({ updated: 1 });
    expect((await op.req('GET', '/api/v1/notifications/unread')).json).toEqual({ unread: 0 });
    expect((await raw(p.url, 'GET', '/api/v1/notifications')).status).toBe(401);
  });

  it('lets a user set their own address, and says whether mail is on', async () => {
    expect((await other.req('GET', '/api/v1/notifications/email')).json).toEqual({ email: null, mailEnabled: false });
    expect((await other.req('PATCH', '/api/v1/notifications/email', { email: 'x' })).status).toBe(400);
    expect((await other.req('PATCH', '/api/v1/notifications/email', { email: 'other@gov.test' })).status).toBe(200);
    expect((await other.req('GET', '/api/v1/notifications/email')).json.email).toBe('other@gov.test');
    expect((await other.req('PATCH', '/api/v1/notifications/email', { email: '' })).status).toBe(200);
    expect((await other.req('GET', '/api/v1/notifications/email')).json.email).toBeNull();
  });

  it('keeps mail settings for the supervisor only, never returning the password; sends a test mail', async () => {
    expect((await op.req('GET', '/api/v1/notifications/mail-settings')).status).toBe(403);
    expect((await admin.req('GET', '/api/v1/notifications/mail-settings')).json).toMatchObject({ configured: false, hasPassword: false });
    expect((await admin.req('POST', '/api/v1/notifications/mail-test', { to: 'chief@gov.test' })).json.error.message).toContain('尚未配置邮件服务器');
    const saved = await admin.req('PATCH', '/api/v1/notifications/mail-settings', { host: '127.0.0.1', port: smtp.port, from: 'patrol@gov.test', pass: 'hidden-pw' });
    expect(saved.json).toMatchObject({ configured: true, hasPassword: true, host: '127.0.0.1' });
    expect(saved.text).not.toContain('hidden-pw');
    expect((await admin.req('GET', '/api/v1/settings')).text).not.toContain('hidden-pw');
    await admin.req('PATCH', '/api/v1/notifications/mail-settings', { pass: '' }); // no auth on this test server
    const sent = await admin.req('POST', '/api/v1/notifications/mail-test', { to: 'chief@gov.test' });
    expect(sent.status).toBe(200);
    const [mail] = await smtp.waitFor(1);
    expect(mail).toMatchObject({ to: ['chief@gov.test'], subject: '【政务巡检】测试邮件' });
    expect(mail!.text).toContain('邮件通知已配置成功');
    expect((await other.req('GET', '/api/v1/notifications/email')).json.mailEnabled).toBe(true);
  });
});
