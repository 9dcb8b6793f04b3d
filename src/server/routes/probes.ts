// A website's availability probes (站点无法访问): the points, hourly and daily counts and the current week's
// window, for the chart on the website page. Owned by the website's unit.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getWebsite } from '../../store/inventory.js';
import { invalid } from '../../store/errors.js';
import { probeHistory } from '../../workflows/availability.js';
import * as s from '../schemas.js';

const err = { 400: s.errorBody, 401: s.errorBody, 403: s.errorBody, 404: s.errorBody };
const DAY_MS = 86_400_000;
/** The longest range one request reads (the points are capped anyway; the hourly counts are not). */
const MAX_RANGE_DAYS = 92;

const instant = z
  .string()
  .max(40)
  .refine((v) => !Number.isNaN(Date.parse(v)), '时间格式无效（应为 ISO 8601，如 2026-12-01T00:00:00+08:00）')
  .optional();

const point = z.object({ at: z.string(), ok: z.boolean(), status: z.number().int(), ms: z.number().int(), error: z.string().nullable() });
const count = { probes: z.number().int(), failed: z.number().int() };
export const availabilityWindowSchema = z.object({
  from: z.string(),
  to: z.string(),
  probes: z.number().int(),
  failed: z.number().int(),
  share: z.number().nullable(),
  complete: z.boolean(),
  vetoed: z.boolean().nullable(),
});
const probeHistorySchema = z.object({
  websiteId: z.number().int(),
  from: z.string(),
  to: z.string(),
  points: z.array(point),
  truncated: z.boolean(),
  hourly: z.array(z.object({ hour: z.string(), ...count })),
  daily: z.array(z.object({ date: z.string(), ...count })),
  window: availabilityWindowSchema,
});

/** The requested range: default the last 7 days; from before to; at most MAX_RANGE_DAYS. */
function range(q: { from?: string; to?: string }, now: Date): { from: Date; to: Date } {
  const to = q.to ? new Date(q.to) : now;
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - 7 * DAY_MS);
  if (from.getTime() >= to.getTime()) throw invalid('开始时间须早于结束时间');
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) throw invalid(`查询范围不得超过 ${MAX_RANGE_DAYS} 天`);
  return { from, to };
}

export const probeRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.platform.store.db;
  app.get('/websites/:id/probes', {
    config: { unitOwned: 'website' },
    schema: {
      tags: ['websites'],
      summary: '网站可用性探测：探测记录、按小时/按天统计与近 7 天窗口（站点无法访问）',
      params: s.idParams,
      querystring: z.object({ from: instant, to: instant }),
      response: { 200: probeHistorySchema, ...err },
    },
  }, async (req) => {
    const website = await getWebsite(db, await req.scope(), req.params.id);
    const now = new Date();
    const { from, to } = range(req.query, now);
    return probeHistory(db, website.id, from, to, now);
  });
};
