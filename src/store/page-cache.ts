// The incremental-rescan cache (migrations 0009, 0010): per site and URL, the validators and facts of the page as
// the last scan that saw it extracted them, and the page check results computed on them.
//
// Facts are plain JSON, except that the runs of navigation, breadcrumb and footer links every page repeats are
// stored once per site (page_cache_link_runs) and named in the page's `links` by a content hash. Measured on the
// 20,000-page bench site: 88 MB of the 119 MB of facts JSON were links, 82 MB of them 37 distinct nav, footer and
// breadcrumb links repeated on every page; body and list links are nearly all unique. Stored this way the facts
// take 37 MB of plain JSON instead of 59 MB of Brotli in base64, and a rescan parses a third of the text, with
// neither the Brotli nor the base64 decode.
import { createHash } from 'node:crypto';
import { brotliCompressSync, brotliDecompressSync, constants, inflateRawSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import { expandLinkRuns, freezeRun, LinkRunIndex, nameLinkRuns, type LinkFact, type PageFacts } from '../domain/index.js';
import type { Database } from './types.js';
import { chunks, cleanText, LIMITS } from './codec.js';
import { statement, writeInOwnTransaction, type SqliteHandle } from './sqlite-batch.js';

export interface CachedValidators {
  etag?: string;
  lastModified?: string;
}

/** Page check results stored beside the facts, valid while `key` (check-key.ts) is unchanged. */
export interface CachedChecks {
  key: string;
  result: unknown;
}

export interface PageCacheEntry {
  url: string;
  validators: CachedValidators;
  facts: PageFacts;
  checks?: CachedChecks;
}

export interface CachedPage {
  facts: PageFacts;
  checks?: CachedChecks;
}

/** What the cache needs of a store: Kysely for either dialect, and SQLite's own handle where there is one (the
 *  rescan reads a row per unchanged page; through Kysely each read cost a query build and compile). */
export interface PageCacheDb {
  db: Kysely<Database>;
  sqlite?: SqliteHandle;
}

const nowIso = () => new Date().toISOString();

/** JSON this short is stored as it is: compressing it saves a few bytes and costs a zlib call per page on every
 *  scan (most pages' check results are `{"findings":[],…}`). */
const PLAIN_JSON_CHARS = 256;
/** Longer check results are compressed with Brotli at quality 1, marked by this prefix (':' is not base64).
 *  Facts were too before link runs (and are still read so); rows older still (raw deflate, no prefix) as well. */
const BROTLI = 'br:';
const BROTLI_OPTIONS = { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } };

function encodeJson(value: unknown): string {
  const json = JSON.stringify(value) ?? 'null';
  if (json.length <= PLAIN_JSON_CHARS) return json;
  return BROTLI + brotliCompressSync(Buffer.from(json), BROTLI_OPTIONS).toString('base64');
}

/** Stored JSON: UTF-16 bytes (SQLite's facts, see encodeFactsRow), plain text (it starts with '{' or '[', which
 *  base64 never does), Brotli, or raw deflate. */
function decodeJson<T>(stored: string | Buffer): T | undefined {
  try {
    const text = typeof stored === 'string' ? stored : stored.toString('utf16le');
    if (text.startsWith('{') || text.startsWith('[')) return JSON.parse(text) as T;
    const bytes = text.startsWith(BROTLI) ? brotliDecompressSync(Buffer.from(text.slice(BROTLI.length), 'base64')) : inflateRawSync(Buffer.from(text, 'base64'));
    return JSON.parse(bytes.toString('utf8')) as T;
  } catch {
    return undefined; // a damaged row only costs a fresh download or a fresh run of the checks
  }
}

/** Runs kept per site: a bound on what a rescan loads. Runs are never dropped (another scan of the site may be
 *  writing rows that name them), so a site whose navigation keeps changing fills this and then stores its
 *  newer runs inline, as plain links. */
const MAX_RUNS = 2_000;
const MAX_RUN_CHARS = 65_536;

/** A run's name: a content hash, so two scans of one site storing the same run agree without asking. 72 bits:
 *  a collision among a site's 2,000 runs has a chance of about 10⁻¹⁵. */
function runId(json: string): string {
  return createHash('sha256').update(json).digest('base64url').slice(0, 12);
}

/** The link runs of one site: by id for reading, by content for writing (only runs this process wrote or read).
 *  A page's run is found by comparing it with the known runs (LinkRunIndex), as the parse worker finds it; only
 *  a run not met before is serialised and hashed. */
class LinkRuns {
  private readonly byId = new Map<string, readonly LinkFact[]>();
  private readonly index = new LinkRunIndex<string>();
  /** Runs met since the last save, to be stored with the pages that name them. */
  private pending: Array<{ id: string; links: string }> = [];

  add(id: string, json: string): void {
    const run = freezeRun(JSON.parse(json) as LinkFact[]);
    this.byId.set(id, run);
    this.index.add(run, id);
  }

  get(id: string): readonly LinkFact[] | undefined {
    return this.byId.get(id);
  }

  /** The id of the run links[start..end), stored with the next save when new; undefined when the site has too
   *  many runs or the run is too long. */
  name(links: readonly LinkFact[], start: number, end: number): string | undefined {
    const known = this.index.find(links, start, end);
    if (known !== undefined) return known;
    if (this.index.size >= MAX_RUNS) return undefined;
    const json = JSON.stringify(links.slice(start, end));
    if (json.length > MAX_RUN_CHARS) return undefined;
    const id = runId(json);
    // The index keeps a frozen copy: the page's own link objects may still be changed by its checks.
    this.index.add(freezeRun(JSON.parse(json) as LinkFact[]), id);
    this.pending.push({ id, links: json });
    return id;
  }

  takePending(): Array<{ id: string; links: string }> {
    return this.pending.splice(0);
  }
}

function encodeFacts(facts: PageFacts, runs: LinkRuns): string {
  // Each run of shared links (same place, in a row) as its run id, other links as they are.
  return JSON.stringify({ ...facts, links: nameLinkRuns(facts.links, (links, start, end) => runs.name(links, start, end)) });
}

/** Facts as SQLite keeps them: the JSON's UTF-16 bytes, as a BLOB. A rescan reads a row per unchanged page, and
 *  making a string of stored UTF-8 (most of it Chinese) was most of the read: the bytes of UTF-16 become a
 *  string by a copy. Read and parsed on the bench site: 290 → 193 ms of CPU for 19,329 rows, in a database 7 %
 *  larger. (PostgreSQL keeps the text.) */
function factsBlob(json: string): Buffer {
  return Buffer.from(json, 'utf16le');
}

/** Stored facts back, their run ids replaced by the runs' links; undefined for a damaged row or a missing run. */
function decodeFacts(row: string | Buffer, runs: LinkRuns): PageFacts | undefined {
  const facts = decodeJson<PageFacts>(row);
  if (!facts || !Array.isArray(facts.links)) return undefined;
  const stored = facts.links as Array<string | LinkFact>;
  if (!stored.some(isRunId)) return facts;
  const links = expandLinkRuns(stored, isRunId, (id) => runs.get(id));
  if (!links) return undefined;
  facts.links = links;
  return facts;
}

function isRunId(l: string | LinkFact): l is string {
  return typeof l === 'string';
}

interface StoredRow {
  url: string;
  facts: string | Buffer;
  checkKey: string | null;
  checkResult: string | null;
}

function decodeRow(row: StoredRow, runs: LinkRuns): CachedPage | undefined {
  const facts = decodeFacts(row.facts, runs);
  if (!facts) return undefined;
  const result = row.checkKey && row.checkResult ? decodeJson<unknown>(row.checkResult) : undefined;
  return { facts, ...(result !== undefined ? { checks: { key: row.checkKey!, result } } : {}) };
}

/** save() on SQLite (sqlite-batch.ts): the same rows as the Kysely path. */
const INSERT_RUN = 'insert into page_cache_link_runs (site_id, id, links) values (@siteId, @id, @links) on conflict (site_id, id) do nothing';
const UPSERT_PAGE = `insert into page_cache (site_id, url, etag, last_modified, facts, check_key, check_result, scan_id, updated_at)
  values (@siteId, @url, @etag, @lastModified, @facts, @checkKey, @checkResult, @scanId, @updatedAt)
  on conflict (site_id, url) do update set etag = excluded.etag, last_modified = excluded.last_modified, facts = excluded.facts,
  check_key = excluded.check_key, check_result = excluded.check_result, scan_id = excluded.scan_id, updated_at = excluded.updated_at`;

const UPDATE_CHECKS = 'update page_cache set check_key = @checkKey, check_result = @checkResult where site_id = @siteId and url = @url';

/**
 * One site's stored pages, as a scan uses them: the validators of every page (the crawler looks them up
 * synchronously), the facts of a page the server says is unchanged, and the writes of what the scan fetched.
 */
export class SitePageCache {
  private readonly readRow: (url: string) => Promise<StoredRow | undefined>;

  private constructor(
    private readonly store: PageCacheDb,
    private readonly siteId: number,
    readonly validators: Map<string, CachedValidators>,
    private readonly runs: LinkRuns,
  ) {
    this.readRow = store.sqlite ? sqliteRowReader(store.sqlite, siteId) : batchedRowReader(store.db, siteId);
  }

  static async open(store: PageCacheDb, siteId: number): Promise<SitePageCache> {
    const [validators, runs] = await Promise.all([readValidators(store, siteId), readRuns(store.db, siteId)]);
    return new SitePageCache(store, siteId, validators, runs);
  }

  /** The stored page of a URL; undefined if none (or its row is damaged). */
  async page(url: string): Promise<CachedPage | undefined> {
    const row = await this.readRow(url);
    return row && decodeRow(row, this.runs);
  }

  /** Stores (or replaces) pages the scan fetched, and the link runs they name that were not stored yet. */
  async save(scanId: number, entries: PageCacheEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const at = nowIso();
    const rows = entries.map((e) => ({
      siteId: this.siteId,
      url: cleanText(e.url, LIMITS.url),
      etag: e.validators.etag ?? null,
      lastModified: e.validators.lastModified ?? null,
      facts: encodeFacts(e.facts, this.runs),
      checkKey: e.checks?.key ?? null,
      checkResult: e.checks ? encodeJson(e.checks.result) : null,
      scanId,
      updatedAt: at,
    }));
    const newRuns = this.runs.takePending().map((r) => ({ siteId: this.siteId, ...r }));
    // Runs first: a row never names a run that is not stored.
    const written = writeInOwnTransaction(this.store.sqlite, (sqlite) => {
      const insertRun = statement(sqlite, INSERT_RUN);
      for (const run of newRuns) insertRun.run(run);
      const upsert = statement(sqlite, UPSERT_PAGE);
      for (const row of rows) upsert.run({ ...row, facts: factsBlob(row.facts) });
    });
    if (written) return;
    await this.store.db.transaction().execute(async (trx) => {
      for (const part of chunks(newRuns)) {
        await trx.insertInto('pageCacheLinkRuns').values(part).onConflict((oc) => oc.columns(['siteId', 'id']).doNothing()).execute();
      }
      for (const part of chunks(rows)) {
        await trx
          .insertInto('pageCache')
          .values(part)
          .onConflict((oc) =>
            oc.columns(['siteId', 'url']).doUpdateSet((eb) => ({
              etag: eb.ref('excluded.etag'),
              lastModified: eb.ref('excluded.lastModified'),
              facts: eb.ref('excluded.facts'),
              checkKey: eb.ref('excluded.checkKey'),
              checkResult: eb.ref('excluded.checkResult'),
              scanId: eb.ref('excluded.scanId'),
              updatedAt: eb.ref('excluded.updatedAt'),
            })),
          )
          .execute();
      }
    });
  }

  /** Stores the check results a scan computed again for pages it reused (the key had changed). */
  async saveChecks(entries: Array<{ url: string; checks: CachedChecks }>): Promise<void> {
    const rows = entries.map((e) => ({ siteId: this.siteId, url: e.url, checkKey: e.checks.key, checkResult: encodeJson(e.checks.result) }));
    const written = writeInOwnTransaction(this.store.sqlite, (sqlite) => {
      const update = statement(sqlite, UPDATE_CHECKS);
      for (const row of rows) update.run(row);
    });
    if (written) return;
    for (const e of rows) {
      await this.store.db
        .updateTable('pageCache')
        .set({ checkKey: e.checkKey, checkResult: e.checkResult })
        .where('siteId', '=', this.siteId)
        .where('url', '=', e.url)
        .execute();
    }
  }

  /** Drops stored pages: those a complete scan no longer found, or found without validators. (Rows a scan
   *  reused are left as they are: rewriting a row to mark it seen copies its facts.) */
  async drop(urls: string[]): Promise<number> {
    let dropped = 0;
    for (const part of chunks(urls)) {
      const result = await this.store.db.deleteFrom('pageCache').where('siteId', '=', this.siteId).where('url', 'in', part).executeTakeFirst();
      dropped += Number(result.numDeletedRows ?? 0);
    }
    return dropped;
  }
}

/** A stored row's validators, without the columns it has none for. */
export function storedValidators(row: { etag: string | null; lastModified: string | null }): CachedValidators {
  return { ...(row.etag ? { etag: row.etag } : {}), ...(row.lastModified ? { lastModified: row.lastModified } : {}) };
}

async function readValidators(store: PageCacheDb, siteId: number): Promise<Map<string, CachedValidators>> {
  type Row = { url: string; etag: string | null; lastModified: string | null };
  const rows: Row[] = store.sqlite
    ? (statement(store.sqlite, 'select url, etag, last_modified as lastModified from page_cache where site_id = ?').all(siteId) as Row[])
    : await store.db.selectFrom('pageCache').select(['url', 'etag', 'lastModified']).where('siteId', '=', siteId).execute();
  const index = new Map<string, CachedValidators>();
  for (const r of rows) index.set(r.url, storedValidators(r));
  return index;
}

async function readRuns(db: Kysely<Database>, siteId: number): Promise<LinkRuns> {
  const rows = await db.selectFrom('pageCacheLinkRuns').select(['id', 'links']).where('siteId', '=', siteId).execute();
  const runs = new LinkRuns();
  for (const r of rows) {
    try {
      runs.add(r.id, r.links);
    } catch {
      // a damaged run: the pages naming it are fetched again
    }
  }
  return runs;
}

/** SQLite: one prepared statement, a synchronous read per page. */
function sqliteRowReader(sqlite: SqliteHandle, siteId: number): (url: string) => Promise<StoredRow | undefined> {
  const stmt = statement(sqlite, 'select url, facts, check_key as checkKey, check_result as checkResult from page_cache where site_id = ? and url = ?');
  return async (url) => stmt.get(siteId, url) as StoredRow | undefined;
}

/**
 * PostgreSQL: reads stored pages one URL at a time for the caller, but asks the database once per turn of the
 * event loop for every URL asked meanwhile (a rescan's 304s arrive a few dozen at a time; a round trip each
 * would cost more than the pages).
 */
function batchedRowReader(db: Kysely<Database>, siteId: number): (url: string) => Promise<StoredRow | undefined> {
  type Waiter = { resolve(row: StoredRow | undefined): void; reject(err: unknown): void };
  let waiting = new Map<string, Waiter[]>();
  const flush = async () => {
    const batch = waiting;
    waiting = new Map();
    try {
      const found = new Map<string, StoredRow>();
      for (const part of chunks([...batch.keys()])) {
        const rows = await db.selectFrom('pageCache').select(['url', 'facts', 'checkKey', 'checkResult']).where('siteId', '=', siteId).where('url', 'in', part).execute();
        for (const row of rows) found.set(row.url, row);
      }
      for (const [url, waiters] of batch) for (const w of waiters) w.resolve(found.get(url));
    } catch (err) {
      for (const waiters of batch.values()) for (const w of waiters) w.reject(err);
    }
  };
  return (url) =>
    new Promise((resolve, reject) => {
      if (waiting.size === 0) setImmediate(() => void flush());
      const waiters = waiting.get(url);
      if (waiters) waiters.push({ resolve, reject });
      else waiting.set(url, [{ resolve, reject }]);
    });
}
