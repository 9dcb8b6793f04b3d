// The inbox (always the caller's own notifications), the caller's e-mail address, and the mail settings
// (supervisor; the SMTP password is write-only).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  getMailSettings, getOwnEmail, listInbox, mailView, markAllRead, markRead, saveMailSettings, setOwnEmail, unreadCount,
} from '../../store/notifications.js';
import { invalid } from '../../store/errors.js';
import { MAIL_STATUSES, type MailStatus } from '../../store/message-types.js';
import type { Role } from '../../store/platform-types.js';
import * as s from '../schemas.js';

const SUPERVISOR: Role[] = ['supervisor'];
const err = { 400: s.errorBody, 401: s.errorBody, 403: s.errorBody, 404: s.errorBody };

const inboxItem = z.object({
  id: z.number().int(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
  mailStatus: z.enum(MAIL_STATUSES),
  mailError: z.string().nullable(),
});
const email = z.string().trim().max(254).email('请输入有效的电子邮件地址');
const mailSettingsView = z.object({
  host: z.string(), port: z.number().int(), secure: z.boolean(), user: z.string(), from: z.string(), dashboardUrl: z.string(),
  configured: z.boolean(), hasPassword: z.boolean(),
});
const mailSettingsPatch = z.object({
  host: z.string().trim().max(253).optional(),
  port: z.number().int().min(1).max(65535).optional(),
  secure: z.boolean().optional(),
  user: z.string().trim().max(254).optional(),
  pass: z.string().max(512).optional(),
  from: z.string().trim().max(320).optional(),
  dashboardUrl: z.union([z.literal(''), z.string().trim().max(500).regex(/^https?:\/\//i, '平台地址须以 http:// 或 https:// 开头')]).optional(),
});

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.platform.store.db;
  const mailer = app.platform.mailer;
  const me = (req: { session?: { user: { id: number } } }) => req.session!.user.id;

  app.get('/notifications', {
    schema: {
      tags: ['notifications'], summary: '我的通知（站内信）',
      querystring: z.object({ ...s.paging, unread: z.enum(['true', 'false']).optional() }),
      response: { 200: z.object({ items: z.array(inboxItem), total: z.number().int(), unread: z.number().int() }), ...err },
    },
  }, async (req) => listInbox(db, me(req), { page: req.query.page, pageSize: req.query.pageSize, unread: req.query.unread === 'true' }));

  app.get('/notifications/unread', {
    schema: { tags: ['notifications'], summary: '未读通知数', response: { 200: z.object({ unread: z.number().int() }), ...err } },
  }, async (req) => ({ unread: await unreadCount(db, me(req)) }));

  app.post('/notifications/:id/read', {
    schema: { tags: ['notifications'], summary: '标为已读（仅本人的通知）', params: s.idParams, response: { 200: s.ok, ...err } },
  }, async (req) => {
    await markRead(db, me(req), req.params.id);
    return { ok: true as const };
  });

  app.post('/notifications/read-all', {
    schema: { tags: ['notifications'], summary: '全部标为已读', response: { 200: z.object({ updated: z.number().int() }), ...err } },
  }, async (req) => ({ updated: await markAllRead(db, me(req)) }));

  app.get('/notifications/email', {
    schema: { tags: ['notifications'], summary: '本人接收通知的邮箱', response: { 200: z.object({ email: z.string().nullable(), mailEnabled: z.boolean() }), ...err } },
  }, async (req) => ({ email: await getOwnEmail(db, me(req)), mailEnabled: (await mailer.settings()) !== null }));

  app.patch('/notifications/email', {
    schema: { tags: ['notifications'], summary: '设置本人接收通知的邮箱（空值：只收站内信）', body: z.object({ email: z.union([z.literal(''), email]).nullable() }), response: { 200: s.ok, ...err } },
  }, async (req) => {
    await setOwnEmail(db, req.actor, req.body.email || null);
    return { ok: true as const };
  });

  app.get('/notifications/mail-settings', {
    config: { roles: SUPERVISOR },
    schema: { tags: ['notifications'], summary: '邮件（SMTP）设置；未配置时只发站内信', response: { 200: mailSettingsView, ...err } },
  }, async () => mailView(await getMailSettings(db, app.platform.store.secrets)));

  app.patch('/notifications/mail-settings', {
    config: { roles: SUPERVISOR },
    schema: { tags: ['notifications'], summary: '修改邮件设置（不传 pass 则保留原密码）', body: mailSettingsPatch, response: { 200: mailSettingsView, ...err } },
  }, async (req) => mailView(await saveMailSettings(db, app.platform.store.secrets, req.actor, req.body)));

  app.post('/notifications/mail-test', {
    config: { roles: SUPERVISOR },
    schema: { tags: ['notifications'], summary: '发送测试邮件（同步发送，失败时返回原因）', body: z.object({ to: email }), response: { 200: s.ok, ...err } },
  }, async (req) => {
    const settings = await mailer.settings();
    if (!settings) throw invalid('尚未配置邮件服务器（SMTP 主机与发件人），通知只发站内信');
    try {
      await mailer.sendNow({ to: req.body.to, subject: '【政务巡检】测试邮件', text: '这是一封测试邮件：邮件通知已配置成功。' }, settings);
    } catch (e) {
      throw invalid(`测试邮件发送失败：${(e as Error).message}`);
    }
    return { ok: true as const };
  });
};

export type { MailStatus };
