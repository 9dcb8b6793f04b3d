// Monthly rounds (常态检查): the list, opening a round (supervisor), a round's snapshot, a site's review page,
// confirming or dismissing findings and the person-judged checklist with screenshots (inspector, supervisor),
// approve and publish (supervisor). A unit operator reads its own sites' rows only: every query goes through
// its UnitScope (store/rounds.ts); round-site and evidence ids are declared unitOwned for the generated tests.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as store from '../../store/rounds.js';
import { MANUAL_RESULTS, REVIEW_DECISIONS, type Role } from '../../store/platform-types.js';
import * as rounds from '../../workflows/rounds.js';
import { createTasksFromSnapshot } from '../../workflows/tasks.js';
import { apiError } from '../http.js';
import * as s from '../schemas.js';

const SUPERVISOR: Role[] = ['supervisor'];
const INSPECTORS: Role[] = ['supervisor', 'inspector'];
const err = { 400: s.errorBody, 401: s.errorBody, 403: s.errorBody, 404: s.errorBody, 409: s.errorBody };

const ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');
const fingerprint = z.string().regex(/^[0-9a-f]{64}$/, '问题标识无效');
const indicatorCode = z.string().min(1).max(100).regex(/^[a-z0-9][a-z0-9.-]*$/, '指标代码无效');
const kind = z.enum(['veto', 'deduction', 'bonus']);

const round = z.object({
  id: z.number().int(),
  year: z.number().int(),
  seq: z.number().int(),
  month: z.string(),
  title: z.string(),
  scope: z.object({ websites: z.literal('all'), accounts: z.object({ rule: z.string() }).nullable() }),
  deadline: z.string().nullable(),
  inspectors: z.array(z.number().int()),
  status: z.enum(['open', 'published']),
  catalogue: z.string(),
  overlays: z.array(z.string()),
  cutoff: z.string(),
  publishedAt: z.string().nullable(),
  publishedBy: z.number().int().nullable(),
  createdAt: z.string(),
});
const roundSummary = round.extend({
  sites: z.number().int(),
  qualified: z.number().int(),
  unqualified: z.number().int(),
  incomplete: z.number().int(),
  manual: z.object({ done: z.number().int(), total: z.number().int() }),
});
const availability = z.object({
  from: z.string(), to: z.string(), probes: z.number().int(), failed: z.number().int(), share: z.number().nullable(), complete: z.boolean(), vetoed: z.boolean().nullable(),
});
const siteResult = z.object({
  websiteId: z.number().int(),
  name: z.string(),
  url: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  kind: z.enum(['portal', 'department']),
  scanId: z.number().int().nullable(),
  scannedAt: z.string().nullable(),
  verdict: z.enum(['qualified', 'unqualified', 'incomplete']),
  score: z.number().nullable(),
  vetoes: z.array(z.string()),
  incompleteReasons: z.array(z.string()),
  indicators: z.array(z.object({ code: z.string(), name: z.string(), kind, triggered: z.boolean(), points: z.number() })),
  problems: z.array(z.object({
    indicator: z.string(), indicatorName: z.string(), kind, check: z.string(), url: z.string(), evidence: z.string(), message: z.string(), advice: z.string(),
    source: z.enum(['machine', 'manual']), fingerprint: z.string().optional(),
  })),
  availability,
  manual: z.object({ done: z.number().int(), total: z.number().int() }),
  findings: z.object({ confirmed: z.number().int(), dismissed: z.number().int(), pending: z.number().int() }),
});
const messageStats = z.object({
  received: z.number().int(), answered: z.number().int(), answeredOnTime: z.number().int(), overdue: z.number().int(), open: z.number().int(),
  byUnit: z.array(z.object({ unitId: z.number().int(), unitName: z.string(), received: z.number().int(), answeredOnTime: z.number().int(), overdue: z.number().int() })),
});
const snapshot = z.object({
  schema: z.literal('govpatrol.round/1'),
  id: z.number().int(),
  year: z.number().int(),
  seq: z.number().int(),
  month: z.string(),
  title: z.string(),
  catalogue: z.object({ id: z.string(), name: z.string(), basis: z.string() }),
  deadline: z.string().nullable(),
  inspectors: z.array(z.string()),
  publishedAt: z.string().nullable(),
  cutoff: z.string(),
  sites: z.array(siteResult),
  accounts: z.object({ total: z.number().int(), checked: z.number().int(), qualified: z.number().int(), unqualified: z.number().int() }).nullable(),
  messages: messageStats.nullable(),
});
const evidence = z.object({
  id: z.number().int(), roundId: z.number().int(), websiteId: z.number().int(), indicator: z.string(), filename: z.string(), contentType: z.string(),
  size: z.number().int(), sha256: z.string(), by: z.string(), at: z.string(),
});
const review = z.object({ websiteId: z.number().int(), fingerprint: z.string(), decision: z.enum(REVIEW_DECISIONS), reason: z.string(), by: z.string(), at: z.string() });
const manualResult = z.object({
  websiteId: z.number().int(), indicator: z.string(), result: z.enum(MANUAL_RESULTS), note: z.string(), points: z.number().nullable(), by: z.string(), at: z.string(),
});
const siteView = z.object({
  roundSiteId: z.number().int(),
  round: z.object({ id: z.number().int(), title: z.string(), status: z.enum(['open', 'published']) }),
  site: siteResult,
  findings: z.array(z.object({
    finding: z.object({
      check: z.string(), indicator: z.string(), indicatorName: z.string(), severity: z.string(), url: z.string(), target: z.string().optional(),
      evidence: z.string(), message: z.string(), detail: z.any().describe('各检查项自己的 detail（见设计文档检查项表）'), fingerprint: z.string(),
    }),
    status: z.enum(['confirmed', 'dismissed', 'pending']),
    reason: z.string(),
    by: z.string().nullable(),
    at: z.string().nullable(),
    remembered: z.boolean(),
    superseded: z.boolean(),
  })),
  checklist: z.array(z.object({
    indicator: z.string(), name: z.string(), kind, judgedBy: z.enum(['machine', 'person', 'both']), points: z.number(), basis: z.string(), advice: z.string(),
    result: z.enum(MANUAL_RESULTS).nullable(), note: z.string(), deducted: z.number().nullable(), by: z.string().nullable(), at: z.string().nullable(),
    evidence: z.array(evidence),
  })),
});

export const roundRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.platform.store.db;
  const jobs = app.platform.jobs;

  app.get('/rounds', {
    schema: {
      tags: ['rounds'], summary: '常态检查轮次（含各站结论统计与人工检查进度）',
      querystring: z.object({ ...s.paging, year: z.coerce.number().int().min(2000).max(2100).optional() }),
      response: { 200: s.listOf(roundSummary), ...err },
    },
  }, async (req) => rounds.listRoundSummaries(db, await req.scope(), req.query));

  app.get('/rounds/next-title', {
    schema: {
      tags: ['rounds'], summary: '下一轮次的编号与标题（按年度自动编号）',
      querystring: z.object({ month: month.optional() }),
      response: { 200: z.object({ year: z.number().int(), seq: z.number().int(), title: z.string() }), ...err },
    },
  }, async (req) => rounds.nextRoundTitle(db, req.query.month));

  app.post('/rounds', {
    config: { roles: SUPERVISOR },
    schema: {
      tags: ['rounds'], summary: '开启一轮常态检查（取各站最近一次完成的全站扫描，没有的立即扫描）',
      body: z.object({
        month,
        deadline: ymd.nullable().optional(),
        inspectors: z.array(s.id).max(100).default([]),
        cutoff: ymd.optional(),
        freshScans: z.boolean().default(false),
      }),
      response: { 200: round, ...err },
    },
  }, async (req) => rounds.openRound(db, jobs, await req.scope(), req.body));

  app.get('/rounds/:id', {
    schema: {
      tags: ['rounds'], summary: '轮次详情：快照（未发布时实时计算，发布后为冻结的快照）及各站的检查记录编号',
      params: s.idParams,
      response: { 200: z.object({ round, snapshot, roundSites: z.array(z.object({ id: z.number().int(), websiteId: z.number().int() })) }), ...err },
    },
  }, async (req) => {
    const scope = await req.scope();
    const [r, snap, sites] = await Promise.all([
      store.getRound(db, scope, req.params.id),
      rounds.getRoundSnapshot(db, scope, req.params.id),
      store.listRoundSites(db, scope, req.params.id),
    ]);
    return { round: r, snapshot: snap, roundSites: sites.map((x) => ({ id: x.id, websiteId: x.websiteId })) };
  });

  app.post('/rounds/:id/publish', {
    config: { roles: SUPERVISOR },
    schema: { tags: ['rounds'], summary: '审核并发布：冻结快照及其计算依据；已发布的轮次返回 409', params: s.idParams, response: { 200: snapshot, ...err } },
  }, async (req) => {
    const snapshot = await rounds.publishRound(db, await req.scope(), req.params.id);
    // The confirmed problems become rectification tasks for the units. The round is published either way;
    // a failure here is logged, and createTasksForRound (idempotent) makes them later.
    await createTasksFromSnapshot(app.platform.tasks, req.actor, snapshot).catch((err) => req.log.error({ err, roundId: snapshot.id }, '整改任务生成失败'));
    return snapshot;
  });

  app.get('/rounds/:id/verify', {
    config: { roles: SUPERVISOR },
    schema: {
      tags: ['rounds'], summary: '用冻结的计算依据复算已发布轮次，核对与发布快照是否一致',
      params: s.idParams, response: { 200: z.object({ identical: z.boolean() }), ...err },
    },
  }, async (req) => {
    const { stored, recomputed } = await rounds.recomputePublished(db, await req.scope(), req.params.id);
    return { identical: JSON.stringify(stored) === JSON.stringify(recomputed) };
  });

  app.get('/round-sites/:id', {
    config: { unitOwned: 'roundSite' },
    schema: { tags: ['rounds'], summary: '一个网站在本轮的检查：机器发现（含确认/排除状态）、人工检查清单与结论', params: s.idParams, response: { 200: siteView, ...err } },
  }, async (req) => rounds.getRoundSite(db, await req.scope(), req.params.id));

  app.post('/round-sites/:id/reviews', {
    config: { roles: INSPECTORS, unitOwned: 'roundSite' },
    schema: {
      tags: ['rounds'], summary: '确认或排除机器发现的问题（排除须填理由；同一证据在以后的轮次中沿用排除）',
      params: s.idParams,
      body: z.object({ fingerprints: z.array(fingerprint).min(1).max(1000), decision: z.enum(REVIEW_DECISIONS), reason: z.string().max(store.REASON_MAX).default('') }),
      response: { 200: z.object({ items: z.array(review) }), ...err },
    },
  }, async (req) => ({ items: await rounds.reviewSiteFindings(db, await req.scope(), req.params.id, req.body) }));

  app.put('/round-sites/:id/manual', {
    config: { roles: INSPECTORS, unitOwned: 'roundSite' },
    schema: {
      tags: ['rounds'], summary: '填写人工检查项结果（不符合须填说明；扣分指标可填扣分）',
      params: s.idParams,
      body: z.object({
        indicator: indicatorCode,
        result: z.enum(MANUAL_RESULTS),
        note: z.string().max(store.NOTE_MAX).default(''),
        points: z.number().min(0).max(100).nullable().optional(),
      }),
      response: { 200: manualResult, ...err },
    },
  }, async (req) => rounds.setSiteManualResult(db, await req.scope(), req.params.id, req.body));

  app.post('/round-sites/:id/evidence', {
    config: { roles: INSPECTORS, unitOwned: 'roundSite' },
    schema: {
      tags: ['rounds'], summary: `上传人工检查截图（multipart 字段 file；PNG/JPEG/GIF/WebP，不超过 ${store.EVIDENCE_MAX_BYTES / 1024 / 1024} MB）`,
      params: s.idParams, querystring: z.object({ indicator: indicatorCode }), response: { 200: evidence, 413: s.errorBody, ...err },
    },
  }, async (req, reply) => {
    const file = await req.file({ limits: { fileSize: store.EVIDENCE_MAX_BYTES + 1, files: 1 } });
    if (!file) return apiError(reply, 400, 'invalid', '请选择要上传的截图（字段 file）');
    const data = await file.toBuffer();
    if (file.file.truncated) return apiError(reply, 413, 'too_large', `截图不能超过 ${store.EVIDENCE_MAX_BYTES / 1024 / 1024} MB`);
    return rounds.addSiteEvidence(db, await req.scope(), req.params.id, { indicator: req.query.indicator, filename: file.filename, data });
  });

  app.get('/round-evidence/:id', {
    config: { unitOwned: 'evidence' },
    schema: { tags: ['rounds'], summary: '查看人工检查截图（按识别出的图片类型返回）', params: s.idParams },
  }, async (req, reply) => {
    const e = await store.getEvidence(db, await req.scope(), req.params.id);
    return reply
      .type(e.contentType) // sniffed from the bytes when uploaded: only image types are ever served
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, max-age=3600')
      .header('content-disposition', `inline; filename="evidence-${e.id}.${e.contentType.split('/')[1]}"; filename*=UTF-8''${encodeURIComponent(e.filename)}`)
      .send(e.data);
  });

  app.delete('/round-evidence/:id', {
    config: { roles: INSPECTORS, unitOwned: 'evidence' },
    schema: { tags: ['rounds'], summary: '删除人工检查截图', params: s.idParams, response: { 200: s.ok, ...err } },
  }, async (req) => {
    await store.deleteEvidence(db, await req.scope(), req.params.id);
    return { ok: true as const };
  });
};
