// Rectification tasks (整改任务). Supervisors and inspectors see all, overdue first; a unit operator sees its own
// (UnitScope, in the store). The unit answers; inspectors verify, reject or ask for a re-check. A task the
// caller cannot see answers 404 before its body is judged.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getTask, listTasks, taskCounts } from '../../store/tasks.js';
import type { Role } from '../../store/platform-types.js';
import { answerTask, rejectTask, requestRecheck, verifyTask, type TaskDeps } from '../../workflows/tasks.js';
import * as s from '../schemas.js';

const ANSWERERS: Role[] = ['unit', 'supervisor'];
const VERIFIERS: Role[] = ['supervisor', 'inspector'];
const err = { 400: s.errorBody, 401: s.errorBody, 403: s.errorBody, 404: s.errorBody, 409: s.errorBody };
const STATUSES = ['open', 'answered', 'closed', 'reopened'] as const;

const task = z.object({
  id: z.number().int(),
  roundId: z.number().int().nullable(),
  websiteId: z.number().int(),
  websiteName: z.string(),
  websiteUrl: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  indicator: z.string(),
  indicatorName: z.string(),
  kind: z.enum(['veto', 'deduction']),
  title: z.string(),
  status: z.enum(STATUSES),
  deadline: z.string(),
  deadlineYmd: z.string(),
  deadlineEstimated: z.boolean(),
  overdue: z.boolean(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answeredBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  closedHow: z.enum(['recheck', 'inspector']).nullable(),
  recheckState: z.enum(['queued', 'running']).nullable(),
  needsInspector: z.boolean(),
  reopenCount: z.number().int(),
  itemCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const taskItem = z.object({
  id: z.number().int(),
  source: z.enum(['machine', 'manual']),
  findingId: z.number().int().nullable(),
  scanId: z.number().int().nullable(),
  check: z.string(),
  url: z.string(),
  target: z.string().nullable(),
  evidence: z.string(),
  message: z.string(),
  advice: z.string(),
  detail: z.record(z.string(), z.unknown()),
  result: z.enum(['still-present', 'fixed', 'cannot-recheck']).nullable(),
  resultReason: z.string().nullable(),
  resultAt: z.string().nullable(),
});
const taskEvent = z.object({
  id: z.number().int(), at: z.string(), actor: z.string(), action: z.string(), fromStatus: z.string().nullable(), toStatus: z.string().nullable(), note: z.string(),
});
const taskDetail = task.extend({ items: z.array(taskItem), events: z.array(taskEvent) });
const counts = z.object({
  total: z.number().int(), open: z.number().int(), answered: z.number().int(), reopened: z.number().int(), closed: z.number().int(), overdue: z.number().int(),
});
const taskQuery = z.object({
  ...s.paging,
  status: z.enum(STATUSES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  websiteId: s.id.optional(),
  unitId: s.id.optional(),
  roundId: s.id.optional(),
  q: z.string().max(200).optional(),
});
// Lengths are judged by the workflow (a Chinese message); this only bounds what is read. An empty body is
// allowed through so that a task the caller cannot see answers 404, not 400.
const answerBody = z.object({ answer: z.string().max(10_000).optional() }).nullish();
const noteBody = z.object({ note: z.string().max(10_000).optional() }).nullish();

export function taskRoutes(deps: () => TaskDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const db = app.platform.store.db;

    app.get('/tasks', {
      schema: { tags: ['tasks'], summary: '整改任务（逾期的在前；单位只看本单位）', querystring: taskQuery, response: { 200: s.listOf(task), ...err } },
    }, async (req) => listTasks(db, await req.scope(), { ...req.query, overdue: req.query.overdue === 'true' }));

    app.get('/tasks/summary', {
      schema: { tags: ['tasks'], summary: '整改任务数（按状态，含逾期数）', response: { 200: counts, ...err } },
    }, async (req) => taskCounts(db, await req.scope()));

    app.get('/tasks/:id', {
      config: { unitOwned: 'task' },
      schema: { tags: ['tasks'], summary: '整改任务详情：问题证据、整改建议、历史', params: s.idParams, response: { 200: taskDetail, ...err } },
    }, async (req) => getTask(db, await req.scope(), req.params.id));

    app.post('/tasks/:id/answer', {
      config: { roles: ANSWERERS, unitOwned: 'task' },
      schema: { tags: ['tasks'], summary: '单位反馈整改情况（随后自动复查）', params: s.idParams, body: answerBody, response: { 200: task, ...err } },
    }, async (req) => answerTask(deps(), await req.scope(), req.params.id, req.body?.answer));

    app.post('/tasks/:id/verify', {
      config: { roles: VERIFIERS, unitOwned: 'task' },
      schema: { tags: ['tasks'], summary: '检查员核验通过（办结）', params: s.idParams, body: noteBody, response: { 200: task, ...err } },
    }, async (req) => verifyTask(deps(), await req.scope(), req.params.id, req.body?.note));

    app.post('/tasks/:id/reject', {
      config: { roles: VERIFIERS, unitOwned: 'task' },
      schema: { tags: ['tasks'], summary: '检查员退回（须写明理由）', params: s.idParams, body: noteBody, response: { 200: task, ...err } },
    }, async (req) => rejectTask(deps(), await req.scope(), req.params.id, req.body?.note));

    app.post('/tasks/:id/recheck', {
      config: { roles: VERIFIERS, unitOwned: 'task' },
      schema: { tags: ['tasks'], summary: '立即自动复查', params: s.idParams, response: { 200: taskDetail, ...err } },
    }, async (req) => requestRecheck(deps(), await req.scope(), req.params.id));
  };
}
