// The 通报 of a round: its 下步工作要求 paragraphs, its document number (numbered per year: 〔YYYY〕N号)
// and 成文日期; and the supervisor's reusable paragraph templates. The office name, 代字 and addressees
// live in settings (key 'notice'). JSON in text, ISO text timestamps.
import type { Kysely } from 'kysely';
import { withId } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('notice_drafts')
    .addColumn('round_id', 'bigint', (c) => c.primaryKey().references('rounds.id').onDelete('cascade'))
    .addColumn('requirements', 'text', (c) => c.notNull().defaultTo('[]')) // JSON [{ heading, body }]
    .addColumn('doc_year', 'integer')
    .addColumn('doc_seq', 'integer')
    .addColumn('issued_on', 'text') // YYYY-MM-DD
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addUniqueConstraint('notice_drafts_doc_number', ['doc_year', 'doc_seq'])
    .execute();
  await withId(db, db.schema.createTable('notice_templates'))
    .addColumn('heading', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notice_templates').ifExists().execute();
  await db.schema.dropTable('notice_drafts').ifExists().execute();
}
