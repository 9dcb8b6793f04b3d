// Incremental rescans of attachments: per site and URL, the validators (ETag, Last-Modified) of an attachment whose
// text the last scan read, and the text check findings on it (attachment-cache.ts). A 304 answer then stands for
// the download, the text extraction and the checks.
import type { Kysely } from 'kysely';
import { withId } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('attachment_cache'))
    .addColumn('site_id', 'bigint', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    /** The page the attachment was found on: the findings name it. */
    .addColumn('linked_from', 'text', (c) => c.notNull())
    /** The key of everything the findings depend on besides the file (check-key.ts). */
    .addColumn('check_key', 'text', (c) => c.notNull())
    /** The findings, a JSON array of CheckFinding. */
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('scan_id', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachment_cache_site_url').unique().on('attachment_cache').columns(['site_id', 'url']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('attachment_cache').ifExists().execute();
}
