// 「我为政府网站找错」: the 找错 inbox for the supervisor (all) and the units (their own), its steps, the
// national platform import and the statistics; and the public routes (no session, rate-limited per
// address): the form's site list, submitting a message, and looking one up by tracking number.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import rateLimit from '@fastify/rate-limit';
import { z } from 'zod';
import { MESSAGE_STATUSES } from '../../store/message-types.js';
import type { Role } from '../../store/platform-types.js';
import { publicWebsites } from '../../store/messages.js';
import * as wf from '../../workflows/messages.js';
import { apiError } from '../http.js';
import * as s from '../schemas.js';
import { importMessages, messageTemplate } from '../messages-io.js';

const SUPERVISOR: Role[] = ['supervisor'];
const ANSWERERS: Role[] = ['supervisor', 'unit'];
const err = { 400: s.errorBody, 401: s.errorBody, 403: s.errorBody, 404: s.errorBody, 409: s.errorBody };

/** Per address: submissions an hour, look-ups a minute (GOVPATROL_PUBLIC_SUBMITS_PER_HOUR / _LOOKUPS_PER_MINUTE). */
function publicLimits() {
  const n = (v: string | undefined, d: number) => (v && Number.isInteger(Number(v)) && Number(v) > 0 ? Number(v) : d);
  return {
    submitsPerHour: n(process.env.GOVPATROL_PUBLIC_SUBMITS_PER_HOUR, 10),
    lookupsPerMinute: n(process.env.GOVPATROL_PUBLIC_LOOKUPS_PER_MINUTE, 30),
  };
}

const category = z.enum(wf.CATEGORY_CODES);
const status = z.enum(MESSAGE_STATUSES);
const iso = z.string().nullable();
const event = z.object({ id: z.number().int(), at: z.string(), actor: z.string(), action: z.string(), fromStatus: z.string().nullable(), toStatus: z.string().nullable(), note: z.string().nullable() });
const message = z.object({
  id: z.number().int(), trackingNo: z.string(), source: z.enum(['public', 'national']), externalNo: z.string().nullable(),
  websiteId: z.number().int().nullable(), websiteName: z.string().nullable(), siteName: z.string(), siteUrl: z.string(), pageUrl: z.string(),
  unitId: z.number().int().nullable(), unitName: z.string().nullable(), category: z.string(), categoryLabel: z.string(),
  title: z.string(), content: z.string(), contactName: z.string(), contact: z.string(), status, reason: z.string().nullable(),
  receivedAt: z.string(), forwardDeadline: z.string(), forwardDeadlineEstimated: z.boolean(), dispatchedAt: iso,
  replyDeadline: iso, replyDeadlineEstimated: z.boolean(), reply: z.string().nullable(), repliedAt: iso, repliedBy: z.string().nullable(),
  publishedAt: iso, closedAt: iso, forwardRemindedAt: iso, replyRemindedAt: iso, forwardOverdueAt: iso, replyOverdueAt: iso,
  dueAt: iso, forwardOverdue: z.boolean(), replyOverdue: z.boolean(), overdue: z.boolean(),
});
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');
const stats = z.object({
  received: z.number().int(), answered: z.number().int(), answeredOnTime: z.number().int(), overdue: z.number().int(), open: z.number().int(),
  byUnit: z.array(z.object({ unitId: z.number().int(), unitName: z.string(), received: z.number().int(), answeredOnTime: z.number().int(), overdue: z.number().int() })),
});
const publicMessage = z.object({
  trackingNo: z.string(), siteName: z.string(), category: z.string(), title: z.string(), content: z.string(), status: z.string(),
  receivedAt: z.string(), reply: z.string().nullable(), replyUnit: z.string().nullable(), repliedAt: iso, publishedAt: iso, reason: z.string().nullable(),
});
const L = wf.PUBLIC_LIMITS;
const submission = z.object({
  websiteId: z.number().int().positive().nullable().optional(),
  siteUrl: z.string().trim().max(L.url, `网站地址不超过 ${L.url} 个字符`).optional(),
  pageUrl: z.union([z.literal(''), z.string().trim().max(L.url, `页面地址不超过 ${L.url} 个字符`).regex(/^https?:\/\//i, '问题页面地址应以 http:// 或 https:// 开头')]).optional(),
  category,
  title: z.string().trim().min(1, '请填写标题').max(L.title, `标题不超过 ${L.title} 个字`),
  content: z.string().trim().min(5, '请具体描述问题（至少 5 个字）').max(L.content, `内容不超过 ${L.content} 个字`),
  contactName: z.string().trim().max(L.contactName, `姓名不超过 ${L.contactName} 个字`).optional(),
  contact: z.string().trim().max(L.contact, `联系方式不超过 ${L.contact} 个字符`).optional(),
  /** Honeypot: hidden from people, filled by bots. */
  website: z.string().max(500).optional(),
});

export const messageRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.platform.store.db;
  const mailer = app.platform.mailer;
  const limits = publicLimits();
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => Object.assign(new Error(`操作过于频繁，请 ${Math.max(1, Math.ceil(ctx.ttl / 60_000))} 分钟后再试`), { statusCode: 429 }),
  });

  // ---------- public (no session) ----------
  app.get('/public/messages/form', {
    config: { public: true, rateLimit: { max: limits.lookupsPerMinute, timeWindow: 60_000 } },
    schema: {
      tags: ['public'], summary: '「我为政府网站找错」表单选项：可选网站与问题类型（公开）',
      response: { 200: z.object({ websites: z.array(z.object({ id: z.number().int(), name: z.string(), url: z.string() })), categories: z.array(z.object({ code: z.string(), label: z.string() })), limits: z.record(z.string(), z.number()) }), 429: s.errorBody },
    },
  }, async () => ({
    websites: await publicWebsites(db),
    categories: wf.CATEGORY_CODES.map((code) => ({ code, label: wf.MESSAGE_CATEGORIES[code] })),
    limits: { ...wf.PUBLIC_LIMITS },
  }));

  app.post('/public/messages', {
    config: { public: true, rateLimit: { max: limits.submitsPerHour, timeWindow: 3_600_000 } },
    schema: {
      tags: ['public'], summary: '提交找错留言（公开；按来源地址限流），返回查询编号',
      body: submission, response: { 200: z.object({ trackingNo: z.string() }), 400: s.errorBody, 429: s.errorBody },
    },
  }, async (req) => {
    const { website, ...input } = req.body;
    if (website) {
      // A bot filled the hidden field: it gets an answer that looks like success, and nothing is stored.
      req.log.info({ ip: req.ip }, 'honeypot: 找错留言被丢弃');
      return { trackingNo: wf.newTrackingNo() };
    }
    return wf.submitPublicMessage(db, { ...req.actor, username: '公众' }, input, { mailer });
  });

  app.get('/public/messages/:trackingNo', {
    config: { public: true, rateLimit: { max: limits.lookupsPerMinute, timeWindow: 60_000 } },
    schema: {
      tags: ['public'], summary: '按查询编号查看留言与已发布的答复（公开，不含留言人信息）',
      params: z.object({ trackingNo: z.string().trim().max(40) }), response: { 200: publicMessage, 404: s.errorBody, 429: s.errorBody },
    },
  }, async (req, reply) => {
    const found = wf.TRACKING_NO.test(req.params.trackingNo.toUpperCase()) ? await wf.lookupPublic(db, req.params.trackingNo) : undefined;
    if (!found) return apiError(reply, 404, 'not_found', '未找到该查询编号的留言，请核对后重试');
    return found;
  });

  // ---------- the 找错 inbox ----------
  app.get('/messages', {
    schema: {
      tags: ['messages'], summary: '找错留言（监管方：全部；责任单位：本单位）；超期在前',
      querystring: z.object({ ...s.paging, status: status.optional(), unitId: s.id.optional(), overdue: z.enum(['true', 'false']).optional(), month: month.optional(), q: z.string().trim().max(100).optional() }),
      response: { 200: s.listOf(message), ...err },
    },
  }, async (req) => wf.listMessageViews(db, await req.scope(), { ...req.query, overdue: req.query.overdue === 'true' }));

  app.get('/messages/stats', {
    schema: {
      tags: ['messages'], summary: '找错统计（某月收到的留言：收到、按时答复、超期；按单位）；无数据为 null',
      querystring: z.object({ month: month.optional() }), response: { 200: z.object({ month: z.string(), stats: stats.nullable() }), ...err },
    },
  }, async (req) => {
    const m = req.query.month ?? new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    return { month: m, stats: await wf.messageStats(db, m, new Date(), (await req.scope()).unitIds) };
  });

  app.get('/messages/stats/year', {
    schema: {
      tags: ['messages'], summary: '找错统计：一年中每月的汇总',
      querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
      response: { 200: z.object({ year: z.number().int(), months: z.array(z.object({ month: z.string(), stats: stats.nullable() })) }), ...err },
    },
  }, async (req) => {
    const year = req.query.year ?? Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
    const unitIds = (await req.scope()).unitIds;
    const months = [];
    for (let i = 1; i <= 12; i++) {
      const m = `${year}-${String(i).padStart(2, '0')}`;
      months.push({ month: m, stats: await wf.messageStats(db, m, new Date(), unitIds) });
    }
    return { year, months };
  });

  app.get('/messages/template', { schema: { tags: ['messages'], summary: '国家平台留言导入模板（XLSX）' } }, async (_req, reply) =>
    reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('找错留言导入模板.xlsx')}`)
      .send(await messageTemplate()),
  );

  app.post('/messages/import', {
    config: { roles: SUPERVISOR },
    schema: {
      tags: ['messages'], summary: '导入国家平台转办的留言（multipart 字段 file，.xlsx 或 .csv）；整批成功或整批不导入，已导入的编号跳过',
      response: { 200: z.object({ imported: z.number().int(), unmatched: z.number().int(), skipped: z.array(z.object({ row: z.number().int(), externalNo: z.string(), message: z.string() })) }), 422: s.errorBody, ...err },
    },
  }, async (req, reply) => {
    const file = await req.file();
    if (!file) return apiError(reply, 400, 'invalid', '请选择要导入的文件（字段 file）');
    return importMessages(db, await req.scope(), file.filename, await file.toBuffer(), mailer);
  });

  app.get('/messages/:id', {
    config: { unitOwned: 'message' },
    schema: { tags: ['messages'], summary: '留言详情与办理记录', params: s.idParams, response: { 200: message.extend({ events: z.array(event) }), ...err } },
  }, async (req) => wf.getMessageView(db, await req.scope(), req.params.id));

  app.post('/messages/:id/dispatch', {
    config: { roles: SUPERVISOR, unitOwned: 'message' },
    schema: { tags: ['messages'], summary: '转办给承办单位（默认为所指网站的主办单位）', params: s.idParams, body: z.object({ unitId: z.number().int().positive().nullable().optional(), note: z.string().trim().max(1000).optional() }), response: { 200: message, ...err } },
  }, async (req) => wf.dispatchMessage(db, await req.scope(), req.params.id, req.body, { mailer }));

  // The body may be empty: an empty reply is refused by the workflow after the scope check, so another unit's
  // message answers 404 whatever is sent.
  app.post('/messages/:id/answer', {
    config: { roles: ANSWERERS, unitOwned: 'message' },
    schema: { tags: ['messages'], summary: '承办单位答复（发布前可修改）', params: s.idParams, body: z.object({ reply: z.string().max(5000, '答复不超过 5000 字').default('') }).nullable(), response: { 200: message, ...err } },
  }, async (req) => wf.answerMessage(db, await req.scope(), req.params.id, { reply: req.body?.reply ?? '' }, { mailer }));

  app.post('/messages/:id/return', {
    config: { roles: SUPERVISOR, unitOwned: 'message' },
    schema: { tags: ['messages'], summary: '退回答复，要求承办单位重新答复', params: s.idParams, body: z.object({ note: z.string().trim().min(1, '请填写退回原因').max(1000) }), response: { 200: message, ...err } },
  }, async (req) => wf.returnMessage(db, await req.scope(), req.params.id, req.body, { mailer }));

  app.post('/messages/:id/publish', {
    config: { roles: SUPERVISOR, unitOwned: 'message' },
    schema: { tags: ['messages'], summary: '发布答复（公众可按查询编号查看）', params: s.idParams, response: { 200: message, ...err } },
  }, async (req) => wf.publishMessage(db, await req.scope(), req.params.id));

  app.post('/messages/:id/close', {
    config: { roles: SUPERVISOR, unitOwned: 'message' },
    schema: { tags: ['messages'], summary: '不予受理或标为无效留言（须说明原因）', params: s.idParams, body: z.object({ status: z.enum(['rejected', 'invalid']), reason: z.string().trim().min(1, '请填写原因').max(1000) }), response: { 200: message, ...err } },
  }, async (req) => wf.closeMessage(db, await req.scope(), req.params.id, req.body));
};
