// Incremental rescans: per site and URL, the page's validators (ETag, Last-Modified) and its facts as the
// last scan that saw it extracted them (deflated JSON, base64, so the same TEXT column serves both dialects).
import type { Kysely } from 'kysely';
import { withId } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('page_cache'))
    .addColumn('site_id', 'bigint', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('facts', 'text', (c) => c.notNull())
    /** The page check results computed on these facts, and the key of everything they depend on. */
    .addColumn('check_key', 'text')
    .addColumn('check_result', 'text')
    /** The last scan that saw the page (fetched or reused); older rows are pages that disappeared. */
    .addColumn('scan_id', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('page_cache_site_url').unique().on('page_cache').columns(['site_id', 'url']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('page_cache').ifExists().execute();
}
