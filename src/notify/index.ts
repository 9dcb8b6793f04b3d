// Notifications for everyone (tasks, 找错 messages, rounds): an inbox row per recipient, and an e-mail to
// each recipient with an address when mail is configured. notify() returns once the inbox rows are
// written; mail goes out in the background and a failure is recorded on the row, never losing it.
// Call it after the change it announces has committed (mail cannot be taken back).
import type { Kysely } from 'kysely';
import type { Database } from '../store/types.js';
import { insertNotifications, resolveRecipients, type NotificationInput, type Recipients } from '../store/notifications.js';
import { Mailer, type OutgoingMail } from './mailer.js';

export { Mailer, type OutgoingMail } from './mailer.js';
export type { NotificationInput, Recipients } from '../store/notifications.js';

export interface NotifyResult {
  /** Inbox rows written, one per recipient. */
  ids: number[];
  /** Of those, how many get an e-mail. */
  mailed: number;
}

const MAIL_SUBJECT_PREFIX = '【政务巡检】';

export async function notify(db: Kysely<Database>, to: Recipients, n: NotificationInput, mailer?: Mailer): Promise<NotifyResult> {
  const recipients = await resolveRecipients(db, to);
  if (!recipients.length) return { ids: [], mailed: 0 };
  const settings = mailer ? await mailer.settings() : null;
  const rows = recipients.map((r) => ({ id: r.id, mail: settings !== null && Boolean(r.email) }));
  const ids = await insertNotifications(db, rows, n);
  if (!mailer || !settings) return { ids, mailed: 0 };
  const mails: OutgoingMail[] = [];
  recipients.forEach((r, i) => {
    if (rows[i]!.mail) mails.push({ notificationId: ids[i], to: r.email!, subject: MAIL_SUBJECT_PREFIX + n.title, text: mailText(n, settings.dashboardUrl) });
  });
  mailer.dispatch(mails, settings);
  return { ids, mailed: mails.length };
}

/** Plain text only: nothing from a notification (which may quote a sender's words) becomes markup. */
export function mailText(n: NotificationInput, dashboardUrl: string): string {
  const lines = [n.body];
  if (n.link) lines.push('', `查看详情：${dashboardUrl ? linkUrl(dashboardUrl, n.link) : n.link}`);
  lines.push('', '—— 本邮件由政务巡检平台自动发送，请勿直接回复。');
  return lines.join('\n');
}

/** The dashboard routes by hash: /messages/3 → https://host/#/messages/3. */
function linkUrl(base: string, link: string): string {
  return `${base.replace(/\/+$/, '')}/#${link.startsWith('/') ? link : `/${link}`}`;
}
