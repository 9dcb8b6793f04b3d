// Availability probe results (migration 0004): batched inserts for the probe scheduler, per-slice counts for
// the 站点无法访问 window, and the points and hourly aggregates the website page charts.
// Timestamps are ISO text in UTC ('…Z', as Date.toISOString writes them), so text order is time order.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './types.js';
import { cleanText } from './codec.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface ProbeRecord {
  websiteId: number;
  /** ISO instant the probe started. */
  at: string;
  ok: boolean;
  /** HTTP status of the home page's final answer; 0 when none arrived. */
  status: number;
  ms: number;
  error?: string | null;
}

/** Probes and failed probes in one time slice. */
export interface SliceCount {
  probes: number;
  failed: number;
}

export interface ProbePoint {
  at: string;
  ok: boolean;
  status: number;
  ms: number;
  error: string | null;
}

export interface HourlyProbes {
  /** The hour's start, ISO UTC (Asia/Shanghai is a whole +8 h away, so UTC hours are Shanghai hours). */
  hour: string;
  probes: number;
  failed: number;
}

const INSERT_CHUNK = 500; // 6 values a row: far below SQLite's and PostgreSQL's parameter limits
const ID_CHUNK = 500;
const ERROR_MAX = 500;
/** The most points one read returns (a month at 24/day is 744); the aggregates cover longer ranges. */
export const MAX_PROBE_POINTS = 5000;

/** The websites to probe: every registered one, by id. */
export async function websitesForProbes(db: Db): Promise<Array<{ id: number; url: string }>> {
  return db.selectFrom('websites').select(['id', 'url']).orderBy('id').execute();
}

/** Stores probe results in a few multi-row inserts (one per 500 rows), inside one transaction; results of
 *  websites deleted meanwhile are dropped. */
export async function insertProbes(db: Kysely<Database>, rows: readonly ProbeRecord[]): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map((r) => ({
    websiteId: r.websiteId,
    at: r.at,
    ok: r.ok ? 1 : 0,
    status: Math.max(0, Math.trunc(r.status)),
    ms: Math.max(0, Math.round(r.ms)),
    error: r.error == null ? null : cleanText(r.error, ERROR_MAX),
  }));
  await db.transaction().execute(async (trx) => {
    // A website deleted while its probe ran has no row to point at: its result is dropped, not the batch.
    const live = await existingWebsites(trx, [...new Set(values.map((v) => v.websiteId))]);
    const kept = values.filter((v) => live.has(v.websiteId));
    for (let i = 0; i < kept.length; i += INSERT_CHUNK) {
      await trx.insertInto('probes').values(kept.slice(i, i + INSERT_CHUNK)).execute();
    }
  });
}

async function existingWebsites(db: Db, ids: number[]): Promise<Set<number>> {
  const out = new Set<number>();
  for (let i = 0; i < ids.length; i += ID_CHUNK) {
    const rows = await db.selectFrom('websites').select('id').where('id', 'in', ids.slice(i, i + ID_CHUNK)).execute();
    for (const r of rows) out.add(Number(r.id));
  }
  return out;
}

/**
 * Probe and failure counts per website in each slice [bounds[i], bounds[i+1]) (bounds ascending ISO instants).
 * Websites without a probe in the range are absent from the map.
 */
export async function probeSliceCounts(db: Db, websiteIds: readonly number[], bounds: readonly string[]): Promise<Map<number, SliceCount[]>> {
  const out = new Map<number, SliceCount[]>();
  if (websiteIds.length === 0 || bounds.length < 2) return out;
  const slices = bounds.length - 1;
  const at = sql.ref('at');
  const ok = sql.ref('ok');
  for (let i = 0; i < websiteIds.length; i += ID_CHUNK) {
    const ids = websiteIds.slice(i, i + ID_CHUNK);
    const rows = await db
      .selectFrom('probes')
      .select('websiteId')
      .select(
        Array.from({ length: slices }, (_, s) => [
          sql<number>`sum(case when ${at} >= ${bounds[s]} and ${at} < ${bounds[s + 1]} then 1 else 0 end)`.as(`p${s}`),
          sql<number>`sum(case when ${at} >= ${bounds[s]} and ${at} < ${bounds[s + 1]} and ${ok} = 0 then 1 else 0 end)`.as(`f${s}`),
        ]).flat(),
      )
      .where('websiteId', 'in', ids)
      .where('at', '>=', bounds[0])
      .where('at', '<', bounds[slices])
      .groupBy('websiteId')
      .execute();
    for (const row of rows as Array<Record<string, unknown> & { websiteId: number }>) {
      out.set(
        Number(row.websiteId),
        Array.from({ length: slices }, (_, s) => ({ probes: Number(row[`p${s}`] ?? 0), failed: Number(row[`f${s}`] ?? 0) })),
      );
    }
  }
  return out;
}

/** One website's probes in [from, to), oldest first, at most `limit`. */
export async function probePoints(db: Db, websiteId: number, from: string, to: string, limit = MAX_PROBE_POINTS): Promise<ProbePoint[]> {
  const rows = await db
    .selectFrom('probes')
    .select(['at', 'ok', 'status', 'ms', 'error'])
    .where('websiteId', '=', websiteId)
    .where('at', '>=', from)
    .where('at', '<', to)
    .orderBy('at')
    .limit(Math.max(1, Math.min(limit, MAX_PROBE_POINTS + 1)))
    .execute();
  return rows.map((r) => ({ at: r.at, ok: Number(r.ok) === 1, status: Number(r.status), ms: Number(r.ms), error: r.error }));
}

/** One website's probes in [from, to) counted per UTC hour, oldest first. */
export async function hourlyProbes(db: Db, websiteId: number, from: string, to: string): Promise<HourlyProbes[]> {
  const hour = sql<string>`substr(${sql.ref('at')}, 1, 13)`;
  const rows = await db
    .selectFrom('probes')
    .select([
      hour.as('hour'),
      sql<number>`count(*)`.as('probes'),
      sql<number>`sum(case when ${sql.ref('ok')} = 0 then 1 else 0 end)`.as('failed'),
    ])
    .where('websiteId', '=', websiteId)
    .where('at', '>=', from)
    .where('at', '<', to)
    .groupBy(hour)
    .orderBy(hour)
    .execute();
  return rows.map((r) => ({ hour: `${r.hour}:00:00.000Z`, probes: Number(r.probes), failed: Number(r.failed) }));
}
