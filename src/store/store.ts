// The query layer: one implementation over Kysely for both SQLite and PostgreSQL.
import { sql, type Kysely } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import type { Finding } from '../domain/index.js';
import type { Baseline, BrokenLink } from '../domain/index.js';
import type { ScanReport } from '../domain/index.js';
import {
  LIMITS, baselineToRow, brokenLinkToRow, chunks, cleanText, findingToRow, finiteNumber, fromJson, pageToRow,
  rowToBaseline, rowToBrokenLink, rowToFinding, rowToPage, toJson,
} from './codec.js';
import { connect, StoreError, type ConnectOptions, type StoreDialect } from './connect.js';
import { migrateToLatest } from './migrate.js';
import { statement, writeInOwnTransaction } from './sqlite-batch.js';
import { secretBoxFor, type SecretBox } from './secret-box.js';
import { recoverInterruptedScans, registerOwner, releaseOwner, type ScanOwner } from './recover.js';
import type { Database, PageRow, ScanStatus, ScanSummaryRow } from './types.js';

export interface StoreOptions extends ConnectOptions {
  /** A running scan with no write for this long is taken as dead by any process (default 30 min). */
  staleAfterMs?: number;
}

export interface CompareResult {
  previousScanId?: number;
  newFindings: Finding[];
  fixedFindings: Finding[];
}

export interface Store {
  db: Kysely<Database>;
  dialect: StoreDialect;
  /** SQLite only: the handle under `db` (see connect.ts). */
  sqlite?: BetterSqlite3.Database;
  /** Scan ids this open found left running by a dead process and marked 'aborted'. */
  recoveredScanIds: number[];
  /** Seals and opens the secrets the platform keeps (secret-box.ts). */
  secrets: SecretBox;
  upsertSite(url: string, name?: string): Promise<{ id: number }>;
  beginScan(siteId: number, startedAt: string, config: unknown): Promise<{ id: number }>;
  addPages(scanId: number, pages: PageRow[]): Promise<void>;
  addBrokenLinks(scanId: number, links: BrokenLink[]): Promise<void>;
  addFindings(scanId: number, findings: Finding[]): Promise<void>;
  /** Tells other processes the scan is alive (every add* call does this too). */
  heartbeat(scanId: number): Promise<void>;
  finishScan(scanId: number, report: ScanReport, status: 'done' | 'aborted' | 'failed'): Promise<void>;
  saveBaselines(siteId: number, scanId: number, baselines: Baseline[]): Promise<void>;
  getBaselines(siteId: number): Promise<Baseline[]>;
  listScans(siteId?: number, limit?: number): Promise<ScanSummaryRow[]>;
  getScan(scanId: number): Promise<ScanSummaryRow | undefined>;
  getScanReport(scanId: number): Promise<ScanReport | undefined>;
  findingsOf(scanId: number): Promise<Finding[]>;
  pagesOf(scanId: number): Promise<PageRow[]>;
  brokenLinksOf(scanId: number): Promise<BrokenLink[]>;
  compareWithPrevious(scanId: number): Promise<CompareResult>;
  close(): Promise<void>;
}

const DEFAULT_STALE_AFTER_MS = 30 * 60_000;
/** addPages on SQLite (sqlite-batch.ts): the same rows and counter as the Kysely path. */
const INSERT_PAGE = `insert into pages (scan_id, url, status, outcome, ms, bytes, title, kind, pub_date, column_name, depth)
  values (@scanId, @url, @status, @outcome, @ms, @bytes, @title, @kind, @pubDate, @columnName, @depth)`;
const COUNT_PAGES = 'update scans set page_count = page_count + ?, heartbeat_at = ? where id = ?';
const MAX_LIST = 1000;

/** Opens (and migrates) the store. See connect.ts for the URL forms. */
export async function openStore(opts: StoreOptions = {}): Promise<Store> {
  const { db, dialect, sqlite } = connect(opts);
  const owner = registerOwner();
  try {
    await migrateToLatest(db, dialect);
    const recovered = await recoverInterruptedScans(db, opts.staleAfterMs ?? DEFAULT_STALE_AFTER_MS);
    return new KyselyStore(db, dialect, owner, recovered, secretBoxFor(opts.url), sqlite);
  } catch (err) {
    releaseOwner(owner);
    await db.destroy().catch(() => {});
    if (err instanceof StoreError) throw err;
    throw new StoreError(`无法打开数据库（${dialect}）：${(err as Error).message}`);
  }
}

const nowIso = () => new Date().toISOString();

class KyselyStore implements Store {
  private closed = false;

  constructor(
    readonly db: Kysely<Database>,
    readonly dialect: StoreDialect,
    private readonly owner: ScanOwner,
    readonly recoveredScanIds: number[],
    readonly secrets: SecretBox,
    readonly sqlite?: BetterSqlite3.Database,
  ) {}

  async upsertSite(url: string, name?: string): Promise<{ id: number }> {
    const cleanUrl = cleanText(url, LIMITS.url).trim();
    if (!cleanUrl) throw new StoreError('网站地址不能为空');
    const cleanName = name === undefined ? undefined : cleanText(name, LIMITS.short);
    const row = await this.db
      .insertInto('sites')
      .values({ url: cleanUrl, name: cleanName ?? '', createdAt: nowIso() })
      // A no-op update when no name is given, so RETURNING still yields the existing row.
      .onConflict((oc) => oc.column('url').doUpdateSet(cleanName === undefined ? { url: cleanUrl } : { name: cleanName }))
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id };
  }

  async beginScan(siteId: number, startedAt: string, config: unknown): Promise<{ id: number }> {
    const row = await this.db
      .insertInto('scans')
      .values({
        siteId: siteId,
        status: 'running',
        startedAt: cleanText(startedAt, LIMITS.short),
        config: toJson(config ?? {}, {}),
        ownerHost: this.owner.host,
        ownerPid: this.owner.pid,
        ownerInstance: this.owner.instance,
        heartbeatAt: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id };
  }

  async heartbeat(scanId: number): Promise<void> {
    await this.db.updateTable('scans').set({ heartbeatAt: nowIso() }).where('id', '=', scanId).execute();
  }

  async addPages(scanId: number, pages: PageRow[]): Promise<void> {
    if (pages.length === 0) return this.heartbeat(scanId);
    const rows = pages.map((p) => pageToRow(scanId, p));
    const at = nowIso();
    const written = writeInOwnTransaction(this.sqlite, (sqlite) => {
      const insert = statement(sqlite, INSERT_PAGE);
      for (const row of rows) insert.run(row);
      statement(sqlite, COUNT_PAGES).run(rows.length, at, scanId);
    });
    if (written) return;
    await this.db.transaction().execute(async (trx) => {
      for (const part of chunks(rows)) await trx.insertInto('pages').values(part).execute();
      await trx
        .updateTable('scans')
        .set((eb) => ({ pageCount: eb('pageCount', '+', rows.length), heartbeatAt: at }))
        .where('id', '=', scanId)
        .execute();
    });
  }

  async addBrokenLinks(scanId: number, links: BrokenLink[]): Promise<void> {
    if (links.length === 0) return this.heartbeat(scanId);
    const rows = links.map((l) => brokenLinkToRow(scanId, l));
    await this.db.transaction().execute(async (trx) => {
      for (const part of chunks(rows)) await trx.insertInto('brokenLinks').values(part).execute();
      await trx.updateTable('scans').set({ heartbeatAt: nowIso() }).where('id', '=', scanId).execute();
    });
  }

  async addFindings(scanId: number, findings: Finding[]): Promise<void> {
    if (findings.length === 0) return this.heartbeat(scanId);
    const rows = findings.map((f) => findingToRow(scanId, f));
    await this.db.transaction().execute(async (trx) => {
      for (const part of chunks(rows)) await trx.insertInto('findings').values(part).execute();
      await trx
        .updateTable('scans')
        .set((eb) => ({ findingCount: eb('findingCount', '+', rows.length), heartbeatAt: nowIso() }))
        .where('id', '=', scanId)
        .execute();
    });
  }

  /**
   * Records how the scan ended. The report's findings (with indicators filled in by the rules engine) are
   * written here, once, in the same transaction as the status; findings already written by addFindings are
   * kept, never deleted and rewritten (a failed scan keeps what it wrote), so a caller passes each finding
   * to exactly one of the two. The report's indicators replace earlier ones. The report JSON is kept
   * without its findings array; getScanReport puts them back from the findings table.
   */
  async finishScan(scanId: number, report: ScanReport, status: 'done' | 'aborted' | 'failed'): Promise<void> {
    const { findings, ...rest } = report;
    const findingRows = (findings ?? []).map((f) => findingToRow(scanId, f));
    const indicatorRows = (report.indicators ?? []).map((i) => ({
      scanId: scanId,
      code: cleanText(i.code, LIMITS.short),
      name: cleanText(i.name, LIMITS.short),
      kind: cleanText(i.kind, LIMITS.short),
      triggered: i.triggered ? 1 : 0,
      points: finiteNumber(i.points),
      findings: Math.trunc(finiteNumber(i.findings)),
    }));
    await this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('scans')
        .set({
          status,
          finishedAt: cleanText(report.finishedAt || nowIso(), LIMITS.short),
          heartbeatAt: nowIso(),
          verdict: report.verdict ?? null,
          score: report.score == null ? null : finiteNumber(report.score),
          stats: toJson(report.stats ?? null),
          report: toJson(rest),
        })
        .set((eb) => ({ findingCount: eb('findingCount', '+', findingRows.length) }))
        .where('id', '=', scanId)
        .returning('siteId')
        .executeTakeFirst();
      if (!updated) throw new StoreError(`扫描记录不存在：${scanId}`);
      for (const part of chunks(findingRows)) await trx.insertInto('findings').values(part).execute();
      await trx.deleteFrom('indicatorResults').where('scanId', '=', scanId).execute();
      for (const part of chunks(indicatorRows)) await trx.insertInto('indicatorResults').values(part).execute();
      const siteName = cleanText(report.site?.name ?? '', LIMITS.short);
      if (siteName) {
        await trx.updateTable('sites').set({ name: siteName }).where('id', '=', updated.siteId).where('name', '=', '').execute();
      }
    });
  }

  async saveBaselines(siteId: number, scanId: number, baselines: Baseline[]): Promise<void> {
    if (baselines.length === 0) return;
    const rows = baselines.map((b) => baselineToRow(siteId, scanId, b));
    const urls = [...new Set(rows.map((r) => r.url))];
    await this.db.transaction().execute(async (trx) => {
      // Saving twice for the same scan replaces, so a retried save never doubles a baseline.
      for (const part of chunks(urls)) {
        await trx.deleteFrom('baselines').where('scanId', '=', scanId).where('url', 'in', part).execute();
      }
      for (const part of chunks(rows, 50)) await trx.insertInto('baselines').values(part).execute();
    });
  }

  async getBaselines(siteId: number): Promise<Baseline[]> {
    const ranked = this.db
      .selectFrom('baselines as b')
      .innerJoin('scans as s', 's.id', 'b.scanId')
      .where('b.siteId', '=', siteId)
      .where('s.status', '=', 'done')
      .selectAll('b')
      .select(sql<number>`row_number() over (partition by b.url order by b.taken_at desc, b.id desc)`.as('rn')); // raw SQL: stored names
    const rows = await this.db.selectFrom(ranked.as('t')).selectAll().where('t.rn', '=', 1).orderBy('t.url').execute();
    return rows.map(rowToBaseline);
  }

  private summaryQuery() {
    return this.db
      .selectFrom('scans as s')
      .innerJoin('sites as site', 'site.id', 's.siteId')
      .select([
        's.id', 's.siteId', 'site.url as siteUrl', 'site.name as siteName', 's.status', 's.abortReason',
        's.startedAt', 's.finishedAt', 's.verdict', 's.score', 's.stats', 's.pageCount', 's.findingCount',
      ]);
  }

  async listScans(siteId?: number, limit = 50): Promise<ScanSummaryRow[]> {
    let query = this.summaryQuery();
    if (siteId !== undefined) query = query.where('s.siteId', '=', siteId);
    const bounded = Math.min(MAX_LIST, Math.max(1, Math.trunc(limit) || 50));
    const rows = await query.orderBy('s.startedAt', 'desc').orderBy('s.id', 'desc').limit(bounded).execute();
    return rows.map(toSummary);
  }

  async getScan(scanId: number): Promise<ScanSummaryRow | undefined> {
    const row = await this.summaryQuery().where('s.id', '=', scanId).executeTakeFirst();
    return row && toSummary(row);
  }

  async getScanReport(scanId: number): Promise<ScanReport | undefined> {
    const row = await this.db.selectFrom('scans').select('report').where('id', '=', scanId).executeTakeFirst();
    const base = fromJson<Omit<ScanReport, 'findings'> | null>(row?.report, null);
    if (!base) return undefined;
    return { ...base, findings: await this.findingsOf(scanId) };
  }

  async findingsOf(scanId: number): Promise<Finding[]> {
    const rows = await this.db.selectFrom('findings').selectAll().where('scanId', '=', scanId).orderBy('id').execute();
    return rows.map(rowToFinding);
  }

  async pagesOf(scanId: number): Promise<PageRow[]> {
    const rows = await this.db.selectFrom('pages').selectAll().where('scanId', '=', scanId).orderBy('id').execute();
    return rows.map(rowToPage);
  }

  async brokenLinksOf(scanId: number): Promise<BrokenLink[]> {
    const rows = await this.db.selectFrom('brokenLinks').selectAll().where('scanId', '=', scanId).orderBy('id').execute();
    return rows.map(rowToBrokenLink);
  }

  /** Against the latest earlier DONE scan of the same site; findings are matched by check+url+target+evidence. */
  async compareWithPrevious(scanId: number): Promise<CompareResult> {
    const current = await this.db.selectFrom('scans').select(['id', 'siteId', 'startedAt']).where('id', '=', scanId).executeTakeFirst();
    if (!current) throw new StoreError(`扫描记录不存在：${scanId}`);
    const previous = await this.db
      .selectFrom('scans')
      .select('id')
      .where('siteId', '=', current.siteId)
      .where('status', '=', 'done')
      .where('id', '!=', scanId)
      .where((eb) =>
        eb.or([
          eb('startedAt', '<', current.startedAt),
          eb.and([eb('startedAt', '=', current.startedAt), eb('id', '<', scanId)]),
        ]),
      )
      .orderBy('startedAt', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const now = await this.keyedFindings(scanId);
    if (!previous) return { newFindings: now.map((x) => x.finding), fixedFindings: [] };
    const before = await this.keyedFindings(previous.id);
    const nowKeys = new Set(now.map((x) => x.key));
    const beforeKeys = new Set(before.map((x) => x.key));
    return {
      previousScanId: previous.id,
      newFindings: now.filter((x) => !beforeKeys.has(x.key)).map((x) => x.finding),
      fixedFindings: before.filter((x) => !nowKeys.has(x.key)).map((x) => x.finding),
    };
  }

  private async keyedFindings(scanId: number): Promise<Array<{ key: string; finding: Finding }>> {
    const rows = await this.db.selectFrom('findings').selectAll().where('scanId', '=', scanId).orderBy('id').execute();
    return rows.map((r) => ({ key: r.fingerprint, finding: rowToFinding(r) }));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    releaseOwner(this.owner);
    await this.db.destroy();
  }
}

function toSummary(r: {
  id: number; siteId: number; siteUrl: string; siteName: string; status: ScanStatus; abortReason: string | null;
  startedAt: string; finishedAt: string | null; verdict: string | null; score: number | null; stats: string | null;
  pageCount: number; findingCount: number;
}): ScanSummaryRow {
  const row: ScanSummaryRow = {
    id: r.id,
    siteId: r.siteId,
    siteUrl: r.siteUrl,
    siteName: r.siteName,
    status: r.status,
    interrupted: r.abortReason === 'interrupted',
    startedAt: r.startedAt,
    pageCount: Number(r.pageCount),
    findingCount: Number(r.findingCount),
  };
  if (r.finishedAt != null) row.finishedAt = r.finishedAt;
  if (r.verdict === 'qualified' || r.verdict === 'unqualified') row.verdict = r.verdict;
  if (r.score != null) row.score = Number(r.score);
  const stats = fromJson<ScanSummaryRow['stats'] | null>(r.stats, null);
  if (stats) row.stats = stats;
  return row;
}
