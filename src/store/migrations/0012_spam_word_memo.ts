// Two changes for rescans:
// - spam_word_memos: per site, the spam words the site checks found in each text they judged (key pages against
//   their baselines, spider views against the browser's), under the check key (spam-word-memo.ts). An unchanged
//   site's rescan then needs no text engine for its site checks.
// - pages_url goes: no query reads pages by URL, and each scan adds every page it saw, so a long-lived database
//   paid for the index on every page of every scan (addPages took ~1 s a scan at 460,000 rows).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('spam_word_memos')
    .addColumn('site_id', 'bigint', (c) => c.primaryKey().references('sites.id').onDelete('cascade'))
    /** The key of everything the words depend on besides the text (check-key.ts). */
    .addColumn('check_key', 'text', (c) => c.notNull())
    /** JSON: text hash → the distinct spam words found in that text. */
    .addColumn('words', 'text', (c) => c.notNull())
    .addColumn('scan_id', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.dropIndex('pages_url').ifExists().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('pages_url').ifNotExists().on('pages').column('url').execute();
  await db.schema.dropTable('spam_word_memos').ifExists().execute();
}
