// Availability probes (站点无法访问, rules-cn §1.2): one row per probe of a website's home page, kept so the
// rolling-week veto is computed from stored results, never estimated. ok is 0/1, at is ISO text (UTC, 'Z'),
// so range comparisons on the text are comparisons in time.
// Retention: unbounded for now (2,000 sites × 24/day ≈ 17.5 M rows a year, about 1 GB on SQLite); a pruning
// job older than the longest window anyone reads (a round's week, the chart's range) can be added later.
import type { Kysely } from 'kysely';
import { withId } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('probes'))
    .addColumn('website_id', 'bigint', (c) => c.notNull().references('websites.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('ms', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .execute();
  // The window query and the chart read one site's probes in a time range.
  await db.schema.createIndex('probes_website_at').on('probes').columns(['website_id', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('probes_website_at').ifExists().execute();
  await db.schema.dropTable('probes').ifExists().execute();
}
