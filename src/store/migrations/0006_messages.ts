// 「我为政府网站找错」 messages and their event history, the in-app notification inbox, and an e-mail
// address per user (where notifications are mailed). ISO text timestamps and 0/1 integers, as in 0002.
import type { Kysely } from 'kysely';
import { withId } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('email', 'text').execute();

  await withId(db, db.schema.createTable('notifications'))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    /** none (no address or mail off) · pending · sent · failed */
    .addColumn('mail_status', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('mail_error', 'text')
    .addColumn('mailed_at', 'text')
    .execute();
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'id']).execute();
  await db.schema.createIndex('notifications_user_unread').on('notifications').columns(['user_id', 'read_at']).execute();

  await withId(db, db.schema.createTable('messages'))
    .addColumn('tracking_no', 'text', (c) => c.notNull().unique())
    /** public (our form) · national (imported from the national platform) */
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_no', 'text')
    .addColumn('website_id', 'bigint', (c) => c.references('websites.id').onDelete('set null'))
    .addColumn('site_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('site_url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('page_url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('unit_id', 'bigint', (c) => c.references('units.id').onDelete('restrict'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    /** The sender's name and contact: private, never published. */
    .addColumn('contact_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contact', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('forward_deadline', 'text', (c) => c.notNull())
    .addColumn('forward_deadline_estimated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('dispatched_at', 'text')
    .addColumn('reply_deadline', 'text')
    .addColumn('reply_deadline_estimated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reply', 'text')
    .addColumn('replied_at', 'text')
    .addColumn('replied_by', 'text')
    .addColumn('published_at', 'text')
    .addColumn('closed_at', 'text')
    /** When the reminder before each deadline, and the overdue notice after it, went out (sent once). */
    .addColumn('forward_reminded_at', 'text')
    .addColumn('reply_reminded_at', 'text')
    .addColumn('forward_overdue_at', 'text')
    .addColumn('reply_overdue_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('messages_unit').on('messages').columns(['unit_id', 'id']).execute();
  await db.schema.createIndex('messages_status').on('messages').columns(['status', 'id']).execute();
  await db.schema.createIndex('messages_received').on('messages').column('received_at').execute();
  await db.schema.createIndex('messages_external').on('messages').columns(['source', 'external_no']).execute();

  await withId(db, db.schema.createTable('message_events'))
    .addColumn('message_id', 'bigint', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('message_events_message').on('message_events').columns(['message_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['message_events', 'messages', 'notifications']) await db.schema.dropTable(table).ifExists().execute();
  await db.schema.alterTable('users').dropColumn('email').execute();
}
