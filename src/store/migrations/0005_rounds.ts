// Monthly inspection rounds (常态检查): the round, the sites it covers (with the scan used), inspectors'
// decisions on machine findings, the dismissal memory (a false alarm is argued once per evidence), the
// person-judged checklist results and their screenshot evidence. JSON in text, ISO text timestamps, as in 0001.
import type { Kysely } from 'kysely';
import { isPostgres, withId } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('rounds'))
    .addColumn('year', 'integer', (c) => c.notNull())
    /** The N in 「YYYY年第N次常态检查」. */
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull()) // YYYY-MM, Asia/Shanghai
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull().defaultTo('{}')) // JSON
    .addColumn('deadline', 'text')
    .addColumn('inspectors', 'text', (c) => c.notNull().defaultTo('[]')) // JSON user ids
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('catalogue', 'text', (c) => c.notNull())
    .addColumn('overlays', 'text', (c) => c.notNull().defaultTo('[]')) // JSON
    .addColumn('cutoff', 'text', (c) => c.notNull())
    /** The frozen RoundSnapshot and the inputs it was computed from, once published. */
    .addColumn('snapshot', 'text')
    .addColumn('inputs', 'text')
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addUniqueConstraint('rounds_year_seq', ['year', 'seq'])
    .execute();
  await db.schema.createIndex('rounds_status').on('rounds').columns(['status', 'id']).execute();

  await withId(db, db.schema.createTable('round_sites'))
    .addColumn('round_id', 'bigint', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
    .addColumn('website_id', 'bigint', (c) => c.notNull().references('websites.id').onDelete('cascade'))
    .addColumn('scan_id', 'bigint', (c) => c.references('scans.id').onDelete('set null'))
    /** A fresh scan started for the round; its scan becomes scan_id when it finishes. */
    .addColumn('job_id', 'bigint', (c) => c.references('jobs.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('round_sites_round_website', ['round_id', 'website_id'])
    .execute();
  await db.schema.createIndex('round_sites_website').on('round_sites').column('website_id').execute();

  await withId(db, db.schema.createTable('round_reviews'))
    .addColumn('round_id', 'bigint', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
    .addColumn('website_id', 'bigint', (c) => c.notNull().references('websites.id').onDelete('cascade'))
    /** findingFingerprint (store/codec.ts): check + url + target + evidence. */
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull()) // confirmed | dismissed
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('by_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('round_reviews_key', ['round_id', 'website_id', 'fingerprint'])
    .execute();
  await db.schema.createIndex('round_reviews_website').on('round_reviews').columns(['website_id', 'fingerprint']).execute();

  await withId(db, db.schema.createTable('round_dismissals'))
    .addColumn('website_id', 'bigint', (c) => c.notNull().references('websites.id').onDelete('cascade'))
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('check_id', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    /** The round where it was argued. */
    .addColumn('round_id', 'bigint', (c) => c.references('rounds.id').onDelete('set null'))
    .addColumn('by_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('round_dismissals_key', ['website_id', 'fingerprint'])
    .execute();

  await withId(db, db.schema.createTable('round_manual_results'))
    .addColumn('round_id', 'bigint', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
    .addColumn('website_id', 'bigint', (c) => c.notNull().references('websites.id').onDelete('cascade'))
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull()) // pass | fail | na
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    /** Deduction indicators: points lost (null: the indicator's full value). */
    .addColumn('points', 'real')
    .addColumn('by_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('round_manual_results_key', ['round_id', 'website_id', 'indicator'])
    .execute();

  await withId(db, db.schema.createTable('round_evidence'))
    .addColumn('round_id', 'bigint', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
    .addColumn('website_id', 'bigint', (c) => c.notNull().references('websites.id').onDelete('cascade'))
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull()) // sniffed from the bytes, never the client's claim
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('data', isPostgres(db) ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('by_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('round_evidence_item').on('round_evidence').columns(['round_id', 'website_id', 'indicator']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['round_evidence', 'round_manual_results', 'round_dismissals', 'round_reviews', 'round_sites', 'rounds']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
