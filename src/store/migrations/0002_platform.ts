// The platform: units (a tree), users and sessions, the website and new-media registry, scan jobs,
// settings and the audit log. Booleans are 0/1 integers and timestamps ISO text, as in 0001, so the
// same migration runs on SQLite and PostgreSQL.
import type { Kysely } from 'kysely';
import { withId } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('units'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'bigint', (c) => c.references('units.id').onDelete('restrict'))
    .addColumn('code', 'text')
    .addColumn('contact', 'text')
    /** A unit operator of this unit also sees its sub-units (granted by the supervisor). */
    .addColumn('include_subunits', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('units_parent').on('units').column('parent_id').execute();
  await db.schema.createIndex('units_name').on('units').column('name').execute();

  await withId(db, db.schema.createTable('users'))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'bigint', (c) => c.references('units.id').onDelete('restrict'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('password_changed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('users_unit').on('users').column('unit_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey()) // sha256 of the cookie token; the token itself is never stored
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await withId(db, db.schema.createTable('websites'))
    .addColumn('site_id', 'bigint', (c) => c.notNull().unique().references('sites.id').onDelete('restrict'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'bigint', (c) => c.notNull().references('units.id').onDelete('restrict'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('site_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('icp', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('subsites', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('schedule_cron', 'text')
    .addColumn('max_pages', 'integer', (c) => c.notNull())
    /** The latest finished scan, kept by the job runner so lists need no per-row subquery. */
    .addColumn('latest_scan_id', 'bigint', (c) => c.references('scans.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('websites_unit').on('websites').columns(['unit_id', 'id']).execute();
  await db.schema.createIndex('websites_latest_scan').on('websites').column('latest_scan_id').execute();

  await withId(db, db.schema.createTable('accounts'))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('platform_id', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('unit_id', 'bigint', (c) => c.notNull().references('units.id').onDelete('restrict'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('accounts_unit').on('accounts').columns(['unit_id', 'id']).execute();

  await withId(db, db.schema.createTable('jobs'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('website_id', 'bigint', (c) => c.references('websites.id').onDelete('cascade'))
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('error', 'text')
    .addColumn('scan_id', 'bigint', (c) => c.references('scans.id').onDelete('set null'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('owner', 'text')
    .addColumn('heartbeat_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('jobs_status').on('jobs').columns(['status', 'id']).execute();
  await db.schema.createIndex('jobs_website').on('jobs').columns(['website_id', 'id']).execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('audit_log'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'bigint')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at', 'id']).execute();
  await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity', 'entity_id']).execute();

  // List routes read "finished scans of a site, newest first" and per-scan finding counts.
  await db.schema.createIndex('scans_site_status_started').on('scans').columns(['site_id', 'status', 'started_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('scans_site_status_started').ifExists().execute();
  for (const table of ['audit_log', 'settings', 'jobs', 'accounts', 'websites', 'sessions', 'users', 'units']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
