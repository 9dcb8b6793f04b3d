// Initial schema: sites, scans and everything a scan keeps (pages, broken links, findings, indicator
// results, defacement baselines). Types used are portable: text, integer, bigint, double precision.
import type { Kysely } from 'kysely';
import { withId } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('sites'))
    .addColumn('url', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('scans'))
    .addColumn('site_id', 'bigint', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('owner_host', 'text', (c) => c.notNull())
    .addColumn('owner_pid', 'integer', (c) => c.notNull())
    .addColumn('owner_instance', 'text', (c) => c.notNull())
    .addColumn('heartbeat_at', 'text', (c) => c.notNull())
    .addColumn('abort_reason', 'text')
    .addColumn('verdict', 'text')
    .addColumn('score', 'double precision')
    .addColumn('stats', 'text')
    .addColumn('report', 'text')
    .addColumn('page_count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('finding_count', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('scans_site_started').on('scans').columns(['site_id', 'started_at']).execute();
  await db.schema.createIndex('scans_status').on('scans').column('status').execute();

  await withId(db, db.schema.createTable('pages'))
    .addColumn('scan_id', 'bigint', (c) => c.notNull().references('scans.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('ms', 'double precision', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('pub_date', 'text')
    .addColumn('column_name', 'text')
    .addColumn('depth', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pages_scan').on('pages').column('scan_id').execute();
  await db.schema.createIndex('pages_url').on('pages').column('url').execute();

  await withId(db, db.schema.createTable('broken_links'))
    .addColumn('scan_id', 'bigint', (c) => c.notNull().references('scans.id').onDelete('cascade'))
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('internal', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('seen_count', 'integer', (c) => c.notNull())
    .addColumn('seen_on', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('broken_links_scan').on('broken_links').column('scan_id').execute();
  await db.schema.createIndex('broken_links_target').on('broken_links').column('target').execute();

  await withId(db, db.schema.createTable('findings'))
    .addColumn('scan_id', 'bigint', (c) => c.notNull().references('scans.id').onDelete('cascade'))
    .addColumn('check_id', 'text', (c) => c.notNull())
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('findings_scan').on('findings').column('scan_id').execute();
  await db.schema.createIndex('findings_fingerprint').on('findings').column('fingerprint').execute();
  await db.schema.createIndex('findings_url').on('findings').column('url').execute();

  await withId(db, db.schema.createTable('indicator_results'))
    .addColumn('scan_id', 'bigint', (c) => c.notNull().references('scans.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('triggered', 'integer', (c) => c.notNull())
    .addColumn('points', 'double precision', (c) => c.notNull())
    .addColumn('findings', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('indicator_results_scan').on('indicator_results').column('scan_id').execute();

  await withId(db, db.schema.createTable('baselines'))
    .addColumn('site_id', 'bigint', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('scan_id', 'bigint', (c) => c.notNull().references('scans.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('script_srcs', 'text', (c) => c.notNull())
    .addColumn('iframe_srcs', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('baselines_site_url').on('baselines').columns(['site_id', 'url']).execute();
  await db.schema.createIndex('baselines_scan').on('baselines').column('scan_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['baselines', 'indicator_results', 'findings', 'broken_links', 'pages', 'scans', 'sites']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
