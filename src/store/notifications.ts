// The in-app inbox and who receives a notification. A notification is one row per recipient; its e-mail
// outcome is recorded on the same row, so a failed send never loses the inbox entry. Mail settings live
// in the settings table under their own key (never returned by GET /settings: the password is secret).
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './types.js';
import type { Role } from './platform-types.js';
import type { MailStatus } from './message-types.js';
import type { Actor } from './scope.js';
import { cleanText, fromJson, toJson } from './codec.js';
import { writeAudit } from './audit.js';
import { notFound } from './errors.js';
import type { SecretBox } from './secret-box.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface Recipients {
  userIds?: number[];
  /** The unit's operators, and operators of the units above it that see their sub-units. */
  unitId?: number;
  /** With unitId: only these roles of that unit. Alone: every user with one of these roles. */
  roles?: Role[];
}

export interface NotificationInput {
  title: string;
  body: string;
  /** A dashboard path (e.g. /messages/12); shown as a link in the inbox and the e-mail. */
  link?: string;
}

export interface Recipient {
  id: number;
  username: string;
  displayName: string;
  email: string | null;
}

export interface InboxItem {
  id: number;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
  mailStatus: MailStatus;
  mailError: string | null;
}

export const NOTIFICATION_LIMITS = { title: 200, body: 4000, link: 500, error: 500 } as const;

/** Users a notification goes to: enabled accounts only, each once. */
export async function resolveRecipients(db: Db, to: Recipients): Promise<Recipient[]> {
  const byId = new Map<number, Recipient>();
  const base = () => db.selectFrom('users').select(['id', 'username', 'displayName', 'email']).where('disabled', '=', 0);
  if (to.userIds?.length) for (const u of await base().where('id', 'in', to.userIds).execute()) byId.set(u.id, u);
  if (to.unitId != null) {
    const units = await unitAndWatchingAncestors(db, to.unitId);
    let q = base().where('unitId', 'in', units);
    q = to.roles?.length ? q.where('role', 'in', to.roles) : q.where('role', '=', 'unit');
    for (const u of await q.execute()) byId.set(u.id, u);
  } else if (to.roles?.length) {
    for (const u of await base().where('role', 'in', to.roles).execute()) byId.set(u.id, u);
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** The unit itself, plus each ancestor whose operators see their sub-units (as UnitScope grants). */
async function unitAndWatchingAncestors(db: Db, unitId: number): Promise<number[]> {
  const units = await db.selectFrom('units').select(['id', 'parentId', 'includeSubunits']).execute();
  const byId = new Map(units.map((u) => [u.id, u]));
  const out = [unitId];
  const seen = new Set(out);
  let parent = byId.get(unitId)?.parentId ?? null;
  while (parent != null && !seen.has(parent)) {
    seen.add(parent);
    const p = byId.get(parent);
    if (!p) break;
    if (p.includeSubunits) out.push(p.id);
    parent = p.parentId;
  }
  return out;
}

/** One inbox row per recipient; mailStatus 'pending' where an e-mail will be sent. Returns the new ids. */
export async function insertNotifications(
  db: Db,
  recipients: Array<{ id: number; mail: boolean }>,
  n: NotificationInput,
): Promise<number[]> {
  if (!recipients.length) return [];
  const now = new Date().toISOString();
  const rows = recipients.map((r) => ({
    userId: r.id,
    title: cleanText(n.title, NOTIFICATION_LIMITS.title),
    body: cleanText(n.body, NOTIFICATION_LIMITS.body),
    link: n.link ? cleanText(n.link, NOTIFICATION_LIMITS.link) : null,
    createdAt: now,
    mailStatus: (r.mail ? 'pending' : 'none') as MailStatus,
  }));
  const inserted = await db.insertInto('notifications').values(rows).returning('id').execute();
  return inserted.map((r) => r.id);
}

export async function recordMailOutcome(db: Db, id: number, outcome: { ok: true } | { ok: false; error: string }): Promise<void> {
  await db
    .updateTable('notifications')
    .set(outcome.ok
      ? { mailStatus: 'sent', mailError: null, mailedAt: new Date().toISOString() }
      : { mailStatus: 'failed', mailError: cleanText(outcome.error, NOTIFICATION_LIMITS.error) })
    .where('id', '=', id)
    .execute();
}

// ---------- the inbox (always the caller's own rows) ----------

export async function listInbox(db: Db, userId: number, p: { page: number; pageSize: number; unread?: boolean }): Promise<{ items: InboxItem[]; total: number; unread: number }> {
  let q = db.selectFrom('notifications').where('userId', '=', userId);
  if (p.unread) q = q.where('readAt', 'is', null);
  const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const items = await q
    .select(['id', 'title', 'body', 'link', 'createdAt', 'readAt', 'mailStatus', 'mailError'])
    .orderBy('id', 'desc')
    .limit(p.pageSize)
    .offset((p.page - 1) * p.pageSize)
    .execute();
  return { items, total: Number(total), unread: await unreadCount(db, userId) };
}

export async function unreadCount(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one of the user's own notifications read; another user's row "does not exist". */
export async function markRead(db: Db, userId: number, id: number): Promise<void> {
  const row = await db.selectFrom('notifications').select(['id', 'readAt']).where('id', '=', id).where('userId', '=', userId).executeTakeFirst();
  if (!row) throw notFound('通知');
  if (!row.readAt) await db.updateTable('notifications').set({ readAt: new Date().toISOString() }).where('id', '=', id).execute();
}

export async function markAllRead(db: Db, userId: number): Promise<number> {
  const res = await db
    .updateTable('notifications')
    .set({ readAt: new Date().toISOString() })
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

// ---------- mail settings ----------

export interface MailSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
  from: string;
  /** The dashboard's address as users reach it (links in mails); '' leaves links as paths. */
  dashboardUrl: string;
}

/** What the settings page sees: never the password itself. */
export interface MailSettingsView extends Omit<MailSettings, 'pass'> {
  configured: boolean;
  hasPassword: boolean;
}

const MAIL_KEY = 'mail';
export const EMPTY_MAIL: MailSettings = { host: '', port: 587, secure: false, user: '', pass: '', from: '', dashboardUrl: '' };

export function mailConfigured(m: MailSettings): boolean {
  return Boolean(m.host && m.from);
}

/** The settings with the password opened (it is stored sealed: secret-box.ts). */
export async function getMailSettings(db: Db, secrets: SecretBox): Promise<MailSettings> {
  const stored = await storedMailSettings(db);
  return { ...stored, pass: secrets.open(stored.pass) };
}

async function storedMailSettings(db: Db): Promise<MailSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', MAIL_KEY).executeTakeFirst();
  return { ...EMPTY_MAIL, ...fromJson<Partial<MailSettings>>(row?.value, {}) };
}

export function mailView(m: MailSettings): MailSettingsView {
  const { pass, ...rest } = m;
  return { ...rest, configured: mailConfigured(m), hasPassword: pass.length > 0 };
}

/**
 * A patch without `pass` keeps the stored password; pass '' clears it. The password is stored sealed (a
 * password saved before sealing existed is sealed on the next save); the audit row never holds it.
 */
export async function saveMailSettings(db: Kysely<Database>, secrets: SecretBox, actor: Actor, patch: Partial<MailSettings>): Promise<MailSettings> {
  return db.transaction().execute(async (trx) => {
    const before = await getMailSettings(trx, secrets);
    const after: MailSettings = { ...before };
    for (const [k, v] of Object.entries(patch)) if (v !== undefined && k in EMPTY_MAIL) (after as any)[k] = v;
    const value = toJson({ ...after, pass: secrets.seal(after.pass) });
    await trx
      .insertInto('settings')
      .values({ key: MAIL_KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
    await writeAudit(trx, actor, 'update', 'mail-settings', null, mailView(before), mailView(after));
    return after;
  });
}

/** The user's own e-mail address (null: inbox only). */
export async function setOwnEmail(db: Kysely<Database>, actor: Actor, email: string | null): Promise<void> {
  if (actor.id == null) throw notFound('用户');
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('users').select('email').where('id', '=', actor.id!).executeTakeFirst();
    if (!before) throw notFound('用户');
    await trx.updateTable('users').set({ email }).where('id', '=', actor.id!).execute();
    await writeAudit(trx, actor, 'update-email', 'user', actor.id, before, { email });
  });
}

export async function getOwnEmail(db: Db, userId: number): Promise<string | null> {
  return (await db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst())?.email ?? null;
}
