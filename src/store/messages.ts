// 「我为政府网站找错」 messages: rows, their event history, and the queries the workflow and the API read.
// Unit isolation only through UnitScope: a unit operator sees the messages dispatched to its units; a
// message not yet assigned to a unit is the supervisor's. Business rules live in src/workflows/messages.ts.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './types.js';
import type { MessageSource, MessageStatus, MessagesTable } from './message-types.js';
import type { UnitScope } from './scope.js';
import { cleanText } from './codec.js';
import { notFound } from './errors.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface MessageRow {
  id: number;
  trackingNo: string;
  source: MessageSource;
  externalNo: string | null;
  websiteId: number | null;
  websiteName: string | null;
  siteName: string;
  siteUrl: string;
  pageUrl: string;
  unitId: number | null;
  unitName: string | null;
  category: string;
  title: string;
  content: string;
  contactName: string;
  contact: string;
  status: MessageStatus;
  reason: string | null;
  receivedAt: string;
  forwardDeadline: string;
  forwardDeadlineEstimated: boolean;
  dispatchedAt: string | null;
  replyDeadline: string | null;
  replyDeadlineEstimated: boolean;
  reply: string | null;
  repliedAt: string | null;
  repliedBy: string | null;
  publishedAt: string | null;
  closedAt: string | null;
  forwardRemindedAt: string | null;
  replyRemindedAt: string | null;
  forwardOverdueAt: string | null;
  replyOverdueAt: string | null;
}

export interface MessageEvent {
  id: number;
  at: string;
  actor: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
}

export interface MessageFilter {
  page: number;
  pageSize: number;
  status?: MessageStatus;
  unitId?: number;
  /** Only messages past the deadline of their current step (forwarding, or the reply). */
  overdue?: boolean;
  /** Received in this month (YYYY-MM, Asia/Shanghai). */
  month?: string;
  q?: string;
}

/** Field caps: the public form's are tighter (workflows); these guard every path into the table. */
export const MESSAGE_LIMITS = { title: 200, content: 5000, reply: 5000, reason: 1000, name: 200, url: 2000, contact: 200, no: 64 } as const;

export type NewMessage = Omit<MessagesTable, 'id' | 'forwardRemindedAt' | 'replyRemindedAt' | 'forwardOverdueAt' | 'replyOverdueAt'>;

function messageQuery(db: Db) {
  return db
    .selectFrom('messages as m')
    .leftJoin('units as n', 'n.id', 'm.unitId')
    .leftJoin('websites as w', 'w.id', 'm.websiteId')
    .selectAll('m')
    .select(['n.name as unitName', 'w.name as websiteName']);
}

type Raw = Awaited<ReturnType<ReturnType<typeof messageQuery>['executeTakeFirstOrThrow']>>;

function toMessage(r: Raw): MessageRow {
  const { createdAt: _c, updatedAt: _u, ...rest } = r;
  return {
    ...rest,
    unitName: r.unitName ?? null,
    websiteName: r.websiteName ?? null,
    forwardDeadlineEstimated: Boolean(r.forwardDeadlineEstimated),
    replyDeadlineEstimated: Boolean(r.replyDeadlineEstimated),
  };
}

/** The deadline of the step a message is at: forwarding while received, the reply while dispatched. */
function activeDeadline() {
  return sql<string | null>`case when m.status = 'received' then m.forward_deadline when m.status = 'dispatched' then m.reply_deadline else null end`;
}

/** Where the month's messages start and end, as ISO instants (Shanghai midnight). */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const from = new Date(Date.UTC(y, m - 1, 1) - 8 * 3_600_000).toISOString();
  const to = new Date(Date.UTC(y, m, 1) - 8 * 3_600_000).toISOString();
  return { from, to };
}

/**
 * The messages a scope sees. A unit operator sees those forwarded to its units: a message waiting for the
 * supervisor (or closed by it before forwarding) carries only a suggested unit and is not the unit's yet.
 */
function scoped(db: Db, scope: UnitScope) {
  const q = scope.filter(messageQuery(db), 'm.unitId');
  return scope.all ? q : q.where('m.dispatchedAt', 'is not', null);
}

function filtered(db: Db, scope: UnitScope, f: Omit<MessageFilter, 'page' | 'pageSize'>, now: string) {
  let q = scoped(db, scope);
  if (f.status) q = q.where('m.status', '=', f.status);
  if (f.unitId) q = q.where('m.unitId', '=', f.unitId);
  if (f.month) {
    const { from, to } = monthRange(f.month);
    q = q.where('m.receivedAt', '>=', from).where('m.receivedAt', '<', to);
  }
  if (f.q) {
    const like = `%${f.q}%`;
    q = q.where((eb) => eb.or([
      eb('m.trackingNo', 'like', like), eb('m.title', 'like', like), eb('m.siteName', 'like', like), eb('m.externalNo', 'like', like),
    ]));
  }
  if (f.overdue) q = q.where(sql<boolean>`${activeDeadline()} < ${now}`);
  return q;
}

/** Overdue first (oldest deadline first), then the open ones by deadline, then the rest newest first. */
export async function listMessages(db: Db, scope: UnitScope, f: MessageFilter, now = new Date().toISOString()): Promise<{ items: MessageRow[]; total: number }> {
  const base = filtered(db, scope, f, now);
  const [{ total }] = await base.clearSelect().select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await base
    .orderBy(sql`case when ${activeDeadline()} is null then 2 when ${activeDeadline()} < ${now} then 0 else 1 end`)
    .orderBy(activeDeadline())
    .orderBy('m.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items: rows.map(toMessage), total: Number(total) };
}

export async function getMessage(db: Db, scope: UnitScope, id: number): Promise<MessageRow> {
  const row = await scoped(db, scope).where('m.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('留言');
  return toMessage(row);
}

export async function messageEvents(db: Db, messageId: number): Promise<MessageEvent[]> {
  return db.selectFrom('messageEvents').select(['id', 'at', 'actor', 'action', 'fromStatus', 'toStatus', 'note']).where('messageId', '=', messageId).orderBy('id').execute();
}

export async function findByTrackingNo(db: Db, trackingNo: string): Promise<MessageRow | undefined> {
  const row = await messageQuery(db).where('m.trackingNo', '=', trackingNo).executeTakeFirst();
  return row ? toMessage(row) : undefined;
}

export async function insertMessage(trx: Db, m: NewMessage): Promise<number> {
  const clean = {
    ...m,
    externalNo: m.externalNo == null ? null : cleanText(m.externalNo, MESSAGE_LIMITS.no),
    siteName: cleanText(m.siteName, MESSAGE_LIMITS.name),
    siteUrl: cleanText(m.siteUrl, MESSAGE_LIMITS.url),
    pageUrl: cleanText(m.pageUrl, MESSAGE_LIMITS.url),
    title: cleanText(m.title, MESSAGE_LIMITS.title),
    content: cleanText(m.content, MESSAGE_LIMITS.content),
    contactName: cleanText(m.contactName, MESSAGE_LIMITS.name),
    contact: cleanText(m.contact, MESSAGE_LIMITS.contact),
  };
  const { id } = await trx.insertInto('messages').values(clean).returning('id').executeTakeFirstOrThrow();
  return id;
}

export type MessagePatch = Partial<Omit<MessagesTable, 'id' | 'trackingNo' | 'createdAt'>>;

export async function updateMessageRow(trx: Db, id: number, patch: MessagePatch): Promise<void> {
  const set: MessagePatch = { ...patch, updatedAt: new Date().toISOString() };
  if (set.reply != null) set.reply = cleanText(set.reply, MESSAGE_LIMITS.reply);
  if (set.reason != null) set.reason = cleanText(set.reason, MESSAGE_LIMITS.reason);
  await trx.updateTable('messages').set(set).where('id', '=', id).execute();
}

export async function addMessageEvent(
  trx: Db,
  e: { messageId: number; actor: string; action: string; fromStatus: string | null; toStatus: string | null; note?: string | null },
): Promise<void> {
  await trx
    .insertInto('messageEvents')
    .values({ ...e, note: e.note == null ? null : cleanText(e.note, MESSAGE_LIMITS.reply), at: new Date().toISOString() })
    .execute();
}

export async function trackingNoTaken(db: Db, trackingNo: string): Promise<boolean> {
  return Boolean(await db.selectFrom('messages').select('id').where('trackingNo', '=', trackingNo).executeTakeFirst());
}

/** External numbers (national platform) already held, among those given. */
export async function heldExternalNos(db: Db, source: MessageSource, nos: string[]): Promise<Set<string>> {
  const held = new Set<string>();
  for (let i = 0; i < nos.length; i += 500) {
    const rows = await db.selectFrom('messages').select('externalNo').where('source', '=', source).where('externalNo', 'in', nos.slice(i, i + 500)).execute();
    for (const r of rows) if (r.externalNo) held.add(r.externalNo);
  }
  return held;
}

/** The registry as the matcher needs it: every website with its host names and owner unit. */
export async function websitesForMatching(db: Db): Promise<Array<{ id: number; name: string; url: string; subsites: string; unitId: number }>> {
  return db.selectFrom('websites').select(['id', 'name', 'url', 'subsites', 'unitId']).orderBy('id').execute();
}

/** The public list of websites the form offers: names and addresses only. */
export async function publicWebsites(db: Db): Promise<Array<{ id: number; name: string; url: string }>> {
  const rows = await db.selectFrom('websites').select(['id', 'name', 'url']).orderBy('id').execute();
  // Chinese order (pinyin) the same on every database, whatever its collation.
  return rows.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.id - b.id);
}

/** Messages still waiting on a step (received or dispatched): the deadline sweep's input. */
export async function openMessages(db: Db): Promise<MessageRow[]> {
  const rows = await messageQuery(db).where('m.status', 'in', ['received', 'dispatched']).orderBy('m.id').execute();
  return rows.map(toMessage);
}

/** Every message received in the month, with its unit, for the statistics. */
export async function messagesOfMonth(db: Db, month: string): Promise<MessageRow[]> {
  const { from, to } = monthRange(month);
  const rows = await messageQuery(db).where('m.receivedAt', '>=', from).where('m.receivedAt', '<', to).orderBy('m.id').execute();
  return rows.map(toMessage);
}
