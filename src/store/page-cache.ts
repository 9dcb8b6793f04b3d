// The incremental-rescan cache (migration 0009): per site and URL, the validators and facts of the page as
// the last scan that saw it extracted them. Facts are deflated JSON (base64) to keep a large site small.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import type { PageFacts } from '../domain/index.js';
import type { Database } from './types.js';
import { chunks, cleanText, LIMITS } from './codec.js';

export interface CachedValidators {
  etag?: string;
  lastModified?: string;
}

export interface PageCacheEntry {
  url: string;
  validators: CachedValidators;
  facts: PageFacts;
}

const nowIso = () => new Date().toISOString();

export function encodeFacts(facts: PageFacts): string {
  return deflateRawSync(Buffer.from(JSON.stringify(facts)), { level: 1 }).toString('base64');
}

export function decodeFacts(text: string): PageFacts | undefined {
  try {
    return JSON.parse(inflateRawSync(Buffer.from(text, 'base64')).toString('utf8')) as PageFacts;
  } catch {
    return undefined; // a damaged row only costs a fresh download
  }
}

/** The validators of every page stored for a site (the crawler looks them up synchronously). */
export async function pageCacheIndex(db: Kysely<Database>, siteId: number): Promise<Map<string, CachedValidators>> {
  const rows = await db.selectFrom('pageCache').select(['url', 'etag', 'lastModified']).where('siteId', '=', siteId).execute();
  const index = new Map<string, CachedValidators>();
  for (const r of rows) index.set(r.url, { ...(r.etag ? { etag: r.etag } : {}), ...(r.lastModified ? { lastModified: r.lastModified } : {}) });
  return index;
}

export async function pageCacheFacts(db: Kysely<Database>, siteId: number, url: string): Promise<PageFacts | undefined> {
  const row = await db.selectFrom('pageCache').select('facts').where('siteId', '=', siteId).where('url', '=', url).executeTakeFirst();
  return row ? decodeFacts(row.facts) : undefined;
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
    facts: encodeFacts(e.facts),
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
            scanId: eb.ref('excluded.scanId'),
            updatedAt: eb.ref('excluded.updatedAt'),
          })),
        )
        .execute();
    }
  });
}

/** Marks pages a scan reused (304) as seen by it. */
export async function touchPageCache(db: Kysely<Database>, siteId: number, scanId: number, urls: string[]): Promise<void> {
  for (const part of chunks(urls, 500)) {
    await db.updateTable('pageCache').set({ scanId }).where('siteId', '=', siteId).where('url', 'in', part).execute();
  }
}

/** Drops the pages a complete scan no longer found (gone, unlinked, or no longer sending validators). */
export async function prunePageCache(db: Kysely<Database>, siteId: number, scanId: number): Promise<number> {
  const result = await db.deleteFrom('pageCache').where('siteId', '=', siteId).where('scanId', '<>', scanId).executeTakeFirst();
  return Number(result.numDeletedRows ?? 0);
}
