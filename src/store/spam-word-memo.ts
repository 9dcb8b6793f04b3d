// Per site, the spam words the last scan's site checks found in each text they judged (migration 0012), valid
// under one check key (check-key.ts): an unchanged site's rescan looks them up instead of building the text
// engine. Keys are text hashes (the checks' SpamWordsMemo); a damaged row is only a memo lost.
import type { Kysely } from 'kysely';
import type { Database } from './types.js';

export type SpamWordEntries = Record<string, readonly string[]>;

/** Entries kept per site: a bound on what one row holds (a scan judges a few dozen texts). */
const MAX_ENTRIES = 1_000;

export async function readSpamWordMemo(db: Kysely<Database>, siteId: number, checkKey: string): Promise<SpamWordEntries> {
  const row = await db.selectFrom('spamWordMemos').select('words').where('siteId', '=', siteId).where('checkKey', '=', checkKey).executeTakeFirst();
  return row ? parseEntries(row.words) : {};
}

export async function saveSpamWordMemo(db: Kysely<Database>, siteId: number, scanId: number, checkKey: string, entries: SpamWordEntries): Promise<void> {
  const kept = Object.fromEntries(Object.entries(entries).slice(0, MAX_ENTRIES));
  const row = { siteId, checkKey, words: JSON.stringify(kept), scanId, updatedAt: new Date().toISOString() };
  await db
    .insertInto('spamWordMemos')
    .values(row)
    .onConflict((oc) => oc.column('siteId').doUpdateSet({ checkKey: row.checkKey, words: row.words, scanId: row.scanId, updatedAt: row.updatedAt }))
    .execute();
}

function parseEntries(json: string): SpamWordEntries {
  const out: SpamWordEntries = {};
  try {
    const value: unknown = JSON.parse(json);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return out;
    for (const [key, words] of Object.entries(value)) {
      if (Array.isArray(words) && words.every((w) => typeof w === 'string')) out[key] = words;
    }
  } catch {
    // a damaged row: the texts are judged afresh
  }
  return out;
}
