// Rectification tasks (整改任务): one per site and indicator of a published round, for the site's owner unit,
// with the findings it covers (copied, so the evidence outlives the scans) and its history. The re-check is
// queued on the task row itself (recheck_state), so a restart picks it up. JSON in text, ISO text timestamps,
// booleans 0/1, as in 0001.
import type { Kysely } from 'kysely';
import { withId } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('tasks'))
    /** The published round it came from (no foreign key: a published round is never deleted, and tasks
     *  could come from elsewhere later). */
    .addColumn('round_id', 'bigint')
    .addColumn('website_id', 'bigint', (c) => c.notNull().references('websites.id').onDelete('cascade'))
    /** The owner unit when the task was made (unit isolation filters on it). */
    .addColumn('unit_id', 'bigint', (c) => c.notNull())
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('indicator_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // veto | deduction
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // open | answered | closed | reopened
    .addColumn('deadline', 'text', (c) => c.notNull()) // ISO instant: end of the last working day, Asia/Shanghai
    .addColumn('deadline_ymd', 'text', (c) => c.notNull())
    .addColumn('deadline_estimated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('answer', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('closed_how', 'text') // recheck | inspector
    /** queued | running | null: the automatic re-check after an answer. */
    .addColumn('recheck_state', 'text')
    .addColumn('recheck_owner', 'text')
    .addColumn('recheck_at', 'text')
    /** Set when the re-check could not judge everything: the inspector must verify. */
    .addColumn('needs_inspector', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('overdue_notified_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('tasks_round_site_indicator', ['round_id', 'website_id', 'indicator'])
    .execute();
  await db.schema.createIndex('tasks_unit_status').on('tasks').columns(['unit_id', 'status', 'deadline']).execute();
  await db.schema.createIndex('tasks_status_deadline').on('tasks').columns(['status', 'deadline']).execute();
  await db.schema.createIndex('tasks_website').on('tasks').column('website_id').execute();
  await db.schema.createIndex('tasks_recheck').on('tasks').columns(['recheck_state', 'id']).execute();

  await withId(db, db.schema.createTable('task_items'))
    .addColumn('task_id', 'bigint', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull()) // machine | manual
    /** The finding row (no foreign key: scans may be pruned; the item keeps its own copy). */
    .addColumn('finding_id', 'bigint')
    .addColumn('scan_id', 'bigint')
    .addColumn('check_id', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('advice', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
    /** The latest re-check: still-present | fixed | cannot-recheck, its reason and time. */
    .addColumn('result', 'text')
    .addColumn('result_reason', 'text')
    .addColumn('result_at', 'text')
    .execute();
  await db.schema.createIndex('task_items_task').on('task_items').columns(['task_id', 'id']).execute();

  await withId(db, db.schema.createTable('task_events'))
    .addColumn('task_id', 'bigint', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'bigint')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('task_events_task').on('task_events').columns(['task_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['task_events', 'task_items', 'tasks']) await db.schema.dropTable(table).ifExists().execute();
}
