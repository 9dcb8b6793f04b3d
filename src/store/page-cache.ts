// The incremental-rescan cache (migration 0009): per site and URL, the validators and facts of the page as
// the last scan that saw it extracted them. Facts are compressed JSON (base64) to keep a large site small;
// short JSON (most check results) is kept plain.
import { brotliCompressSync, brotliDecompressSync, constants, inflateRawSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import type { PageFacts } from '../domain/index.js';
import type { Database } from './types.js';
import { chunks, cleanText, LIMITS } from './codec.js';

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

const nowIso = () => new Date().toISOString();

/** JSON this short is stored as it is: compressing it saves a few bytes and costs a zlib call per page on every
 *  scan (most pages' check results are `{"findings":[],…}`). */
const PLAIN_JSON_CHARS = 256;
/** Longer JSON is compressed with Brotli at quality 1, marked by this prefix (':' is not base64). Measured on
 *  8,000 bench pages (61 MB of JSON): 465 ms to compress and 200 ms to expand, against 755 / 258 ms for deflate
 *  level 1, for 5% more bytes. Rows written before (raw deflate, no prefix) are still read. */
const BROTLI = 'br:';
const BROTLI_OPTIONS = { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } };

export function encodeJson(value: unknown): string {
  const json = JSON.stringify(value) ?? 'null';
  if (json.length <= PLAIN_JSON_CHARS) return json;
  return BROTLI + brotliCompressSync(Buffer.from(json), BROTLI_OPTIONS).toString('base64');
}

/** Stored JSON: plain (it starts with '{' or '[', which base64 never does), Brotli, or raw deflate. */
export function decodeJson<T>(text: string): T | undefined {
  try {
    if (text.startsWith('{') || text.startsWith('[')) return JSON.parse(text) as T;
    const bytes = text.startsWith(BROTLI) ? brotliDecompressSync(Buffer.from(text.slice(BROTLI.length), 'base64')) : inflateRawSync(Buffer.from(text, 'base64'));
    return JSON.parse(bytes.toString('utf8')) as T;
  } catch {
    return undefined; // a damaged row only costs a fresh download or a fresh run of the checks
  }
}

/** The validators of every page stored for a site (the crawler looks them up synchronously). */
export async function pageCacheIndex(db: Kysely<Database>, siteId: number): Promise<Map<string, CachedValidators>> {
  const rows = await db.selectFrom('pageCache').select(['url', 'etag', 'lastModified']).where('siteId', '=', siteId).execute();
  const index = new Map<string, CachedValidators>();
  for (const r of rows) index.set(r.url, { ...(r.etag ? { etag: r.etag } : {}), ...(r.lastModified ? { lastModified: r.lastModified } : {}) });
  return index;
}

/** The stored pages of several URLs, a query per 500; URLs not stored (or whose row is damaged) are absent. */
export async function pageCacheFactsMany(db: Kysely<Database>, siteId: number, urls: string[]): Promise<Map<string, CachedPage>> {
  const found = new Map<string, CachedPage>();
  for (const part of chunks(urls)) {
    const rows = await db.selectFrom('pageCache').select(['url', 'facts', 'checkKey', 'checkResult']).where('siteId', '=', siteId).where('url', 'in', part).execute();
    for (const row of rows) {
      const facts = decodeJson<PageFacts>(row.facts);
      if (!facts) continue;
      const result = row.checkKey && row.checkResult ? decodeJson<unknown>(row.checkResult) : undefined;
      found.set(row.url, { facts, ...(result !== undefined ? { checks: { key: row.checkKey!, result } } : {}) });
    }
  }
  return found;
}

/**
 * Reads stored pages one URL at a time for the caller, but asks the database once per turn of the event loop
 * for every URL asked meanwhile: a rescan's 304s arrive a few dozen at a time, and a query per page cost more
 * than the pages (statement compile and prepare, about 0.1 ms each, 20,000 times).
 */
export function pageCacheReader(db: Kysely<Database>, siteId: number): (url: string) => Promise<CachedPage | undefined> {
  type Waiter = { resolve(page: CachedPage | undefined): void; reject(err: unknown): void };
  let waiting = new Map<string, Waiter[]>();
  const flush = async () => {
    const batch = waiting;
    waiting = new Map();
    try {
      const found = await pageCacheFactsMany(db, siteId, [...batch.keys()]);
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

/** Stores (or replaces) the pages a scan fetched. */
export async function savePageCache(db: Kysely<Database>, siteId: number, scanId: number, entries: PageCacheEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const at = nowIso();
  const rows = entries.map((e) => ({
    siteId,
    url: cleanText(e.url, LIMITS.url),
    etag: e.validators.etag ?? null,
    lastModified: e.validators.lastModified ?? null,
    facts: encodeJson(e.facts),
    checkKey: e.checks?.key ?? null,
    checkResult: e.checks ? encodeJson(e.checks.result) : null,
    scanId,
    updatedAt: at,
  }));
  await db.transaction().execute(async (trx) => {
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
export async function savePageChecks(db: Kysely<Database>, siteId: number, entries: Array<{ url: string; checks: CachedChecks }>): Promise<void> {
  for (const e of entries) {
    await db
      .updateTable('pageCache')
      .set({ checkKey: e.checks.key, checkResult: encodeJson(e.checks.result) })
      .where('siteId', '=', siteId)
      .where('url', '=', e.url)
      .execute();
  }
}

/** Drops stored pages: those a complete scan no longer found, or found without validators. (Rows a scan
 *  reused are left as they are: rewriting a row to mark it seen copies its facts, 60 MB for 20,000 pages.) */
export async function dropPageCache(db: Kysely<Database>, siteId: number, urls: string[]): Promise<number> {
  let dropped = 0;
  for (const part of chunks(urls)) {
    const result = await db.deleteFrom('pageCache').where('siteId', '=', siteId).where('url', 'in', part).executeTakeFirst();
    dropped += Number(result.numDeletedRows ?? 0);
  }
  return dropped;
}
