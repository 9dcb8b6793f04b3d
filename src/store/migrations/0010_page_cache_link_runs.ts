// Incremental rescans: the runs of navigation, breadcrumb and footer links a site repeats on every page, stored
// once per site and named in page_cache.facts by a content hash (page-cache.ts). Rows written before keep their
// links inline (Brotli, base64) and are still read.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('page_cache_link_runs')
    .addColumn('site_id', 'bigint', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    /** The run's links, a JSON array of LinkFact. */
    .addColumn('links', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('page_cache_link_runs_pk', ['site_id', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('page_cache_link_runs').ifExists().execute();
}
