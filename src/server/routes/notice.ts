// The round's 通报 (supervisor): download as DOCX, PDF or HTML; the 「下步工作要求」 draft with templates and
// earlier months' paragraphs; the document number (next of the year, assigned once); the settings (office,
// 代字, addressees, who inspected with whom).
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isValidYmd } from '../../domain/dates.js';
import { NOTICE_LIMITS } from '../../domain/notice.js';
import { NOTICE_FORMATS, NOTICE_MIME } from '../../report/notice/render.js';
import { invalid } from '../../store/errors.js';
import {
  assignNoticeNumber, countNoticeTemplates, createNoticeTemplate, deleteNoticeTemplate, getNoticeSettings, saveNoticeDraft, saveNoticeSettings,
} from '../../store/notice.js';
import type { Role } from '../../store/platform-types.js';
import { generateNotice, generateYearly, noticeEditorData } from '../../workflows/notice.js';
import * as s from '../schemas.js';

const SUPERVISOR: Role[] = ['supervisor'];
const SITE_READERS: Role[] = ['supervisor', 'inspector', 'unit'];
const yearQuery = z.object({
  year: z.coerce.number().int().min(2000, '年份无效').max(2100, '年份无效').default(() => Number(new Date().toISOString().slice(0, 4))),
  format: z.enum(NOTICE_FORMATS).default('docx'),
});
function sendFile(reply: FastifyReply, format: keyof typeof NOTICE_MIME, fileName: string, body: Buffer) {
  return reply.type(NOTICE_MIME[format]).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`).header('x-content-type-options', 'nosniff').send(body);
}
const err = { 400: s.errorBody, 401: s.errorBody, 403: s.errorBody, 404: s.errorBody, 409: s.errorBody };
const L = NOTICE_LIMITS;

const requirement = z.object({
  heading: z.string().trim().min(1, '请填写小标题').max(L.heading, `小标题不超过${L.heading}字`),
  body: z.string().trim().min(1, '请填写正文').max(L.body, `正文不超过${L.body}字`),
});
const docNumber = z.object({ year: z.number().int(), seq: z.number().int() }).nullable();
const draftView = z.object({ roundId: z.number().int(), requirements: z.array(requirement), docNumber, issuedOn: z.string().nullable(), updatedAt: z.string().nullable() });
const template = z.object({ id: z.number().int().nullable(), heading: z.string(), body: z.string() });
const editorView = z.object({
  draft: draftView,
  templates: z.array(template),
  earlier: z.array(z.object({ roundId: z.number().int(), roundTitle: z.string(), month: z.string(), requirements: z.array(requirement) })),
  published: z.boolean(),
});
const text = (max: number) => z.string().trim().max(max, `不超过${max}字`);
const settingsView = z.object({
  office: z.string(), docPrefix: z.string(), addressees: z.string(), inspector: z.string(), partner: z.string(), indicatorDocument: z.string(), letterhead: z.boolean(),
});
const settingsPatch = z.object({
  office: text(L.setting).min(1, '请填写发文机关').optional(),
  docPrefix: text(40).min(1, '请填写发文机关代字').optional(),
  addressees: text(L.setting).optional(),
  inspector: text(L.setting).min(1, '请填写检查单位').optional(),
  partner: text(L.setting).optional(),
  indicatorDocument: text(L.setting).optional(),
  letterhead: z.boolean().optional(),
});

export const noticeRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.platform.store.db;
  const config = { roles: SUPERVISOR };

  app.get('/rounds/:id/notice', {
    config,
    schema: {
      tags: ['notice'], summary: '下载检查轮次的通报（docx | pdf | html；轮次须已发布）',
      params: s.idParams, querystring: z.object({ format: z.enum(NOTICE_FORMATS).default('docx') }),
    },
  }, async (req, reply) => {
    const file = await generateNotice(db, await req.scope(), req.params.id, req.query.format);
    if (file.warning) reply.header('x-govpatrol-warning', encodeURIComponent(file.warning));
    return reply.type(NOTICE_MIME[req.query.format])
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .header('x-content-type-options', 'nosniff')
      .send(file.body);
  });

  app.get('/rounds/:id/notice/draft', {
    config,
    schema: { tags: ['notice'], summary: '通报草稿：下步工作要求、文号、成文日期，可选模板与往期段落', params: s.idParams, response: { 200: editorView, ...err } },
  }, async (req) => noticeEditorData(db, await req.scope(), req.params.id));

  app.put('/rounds/:id/notice/draft', {
    config,
    schema: {
      tags: ['notice'], summary: '保存下步工作要求和成文日期', params: s.idParams,
      body: z.object({ requirements: z.array(requirement).max(L.requirements, `下步工作要求不超过${L.requirements}条`), issuedOn: z.string().nullable().default(null) }),
      response: { 200: draftView, ...err },
    },
  }, async (req) => {
    const { requirements, issuedOn } = req.body;
    if (issuedOn !== null && !isValidYmd(issuedOn)) throw invalid('成文日期格式应为 YYYY-MM-DD');
    await req.scope();
    return saveNoticeDraft(db, req.actor, req.params.id, { requirements, issuedOn });
  });

  app.post('/rounds/:id/notice/number', {
    config,
    schema: {
      tags: ['notice'], summary: '为通报分配文号（当年顺序号，只分配一次）', params: s.idParams,
      body: z.object({ year: z.number().int().min(2000, '年份无效').max(2100, '年份无效') }), response: { 200: draftView, ...err },
    },
  }, async (req) => {
    await req.scope();
    return assignNoticeNumber(db, req.actor, req.params.id, req.body.year);
  });

  app.get('/notice/settings', { config, schema: { tags: ['notice'], summary: '通报设置（发文机关、代字、主送机关）', response: { 200: settingsView, ...err } } }, async () => getNoticeSettings(db));

  app.put('/notice/settings', {
    config, schema: { tags: ['notice'], summary: '修改通报设置', body: settingsPatch, response: { 200: settingsView, ...err } },
  }, async (req) => saveNoticeSettings(db, req.actor, req.body));

  app.post('/notice/templates', {
    config, schema: { tags: ['notice'], summary: '新增下步工作要求模板', body: requirement, response: { 200: template, ...err } },
  }, async (req) => {
    if ((await countNoticeTemplates(db)) >= L.templates) throw invalid(`模板不超过${L.templates}条，请先删除不用的模板`);
    return createNoticeTemplate(db, req.actor, req.body);
  });

  app.delete('/notice/templates/:id', {
    config, schema: { tags: ['notice'], summary: '删除模板', params: s.idParams, response: { 200: s.ok, ...err } },
  }, async (req) => {
    await deleteNoticeTemplate(db, req.actor, req.params.id);
    return { ok: true as const };
  });

  app.get('/reports/yearly', {
    config,
    schema: { tags: ['notice'], summary: '《政府网站与政务新媒体监管工作年度报表》（本年度已发布的常态检查；未掌握的数据标「未掌握」）', querystring: yearQuery },
  }, async (req, reply) => {
    const file = await generateYearly(db, await req.scope(), req.query.year, req.query.format);
    return sendFile(reply, req.query.format, file.fileName, file.body);
  });

  app.get('/websites/:id/yearly-report', {
    config: { roles: SITE_READERS, unitOwned: 'website' },
    schema: { tags: ['notice'], summary: '网站的《政府网站工作年度报表》（责任单位只能下载本单位网站的）', params: s.idParams, querystring: yearQuery },
  }, async (req, reply) => {
    const file = await generateYearly(db, await req.scope(), req.query.year, req.query.format, req.params.id);
    return sendFile(reply, req.query.format, file.fileName, file.body);
  });
};
