// E-mail through nodemailer over SMTP, configured on the settings page (host, port, secure, user, pass,
// from). Off until host and from are set: then notifications stay in the inbox only. Sending never blocks
// the caller: each mail runs in the background and its outcome is written onto its inbox row.
import nodemailer, { type Transporter } from 'nodemailer';
import type { Store } from '../store/index.js';
import { getMailSettings, mailConfigured, recordMailOutcome, type MailSettings } from '../store/notifications.js';

export interface OutgoingMail {
  /** The inbox row whose mailStatus records the outcome. */
  notificationId?: number;
  to: string;
  subject: string;
  text: string;
}

export interface MailerLog {
  error(o: object, msg?: string): void;
}

/** Bounds so a dead SMTP server cannot hold sockets for minutes. */
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 };

export class Mailer {
  private transport: { key: string; transporter: Transporter } | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly store: Pick<Store, 'db' | 'secrets'>,
    private readonly log?: MailerLog,
  ) {}

  /** The stored settings when mail is configured, else null (inbox only). */
  async settings(): Promise<MailSettings | null> {
    const s = await getMailSettings(this.store.db, this.store.secrets);
    return mailConfigured(s) ? s : null;
  }

  /** Queues the mails and returns at once; outcomes land on their inbox rows. */
  dispatch(mails: OutgoingMail[], settings: MailSettings): void {
    for (const mail of mails) {
      const job = this.deliver(mail, settings).finally(() => this.inFlight.delete(job));
      this.inFlight.add(job);
    }
  }

  /** Sends one mail now and reports the error (the settings page's test button). */
  async sendNow(mail: OutgoingMail, settings: MailSettings): Promise<void> {
    await this.transporter(settings).sendMail({ from: settings.from, to: mail.to, subject: mail.subject, text: mail.text });
  }

  /** Resolves once every mail queued so far has been tried (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  async close(): Promise<void> {
    await this.idle();
    this.transport?.transporter.close();
    this.transport = undefined;
  }

  private async deliver(mail: OutgoingMail, settings: MailSettings): Promise<void> {
    let outcome: { ok: true } | { ok: false; error: string };
    try {
      await this.sendNow(mail, settings);
      outcome = { ok: true };
    } catch (err) {
      outcome = { ok: false, error: (err as Error).message || String(err) };
      this.log?.error({ err, to: mail.to }, '邮件发送失败');
    }
    if (mail.notificationId == null) return;
    await recordMailOutcome(this.store.db, mail.notificationId, outcome).catch((err) => this.log?.error({ err }, '记录邮件发送结果失败'));
  }

  /** One pooled transport per distinct configuration; a settings change builds a new one. */
  private transporter(s: MailSettings): Transporter {
    const key = JSON.stringify([s.host, s.port, s.secure, s.user, s.pass]);
    if (this.transport?.key === key) return this.transport.transporter;
    this.transport?.transporter.close();
    const transporter = nodemailer.createTransport({
      pool: true,
      maxConnections: 2,
      host: s.host,
      port: s.port,
      secure: s.secure,
      auth: s.user ? { user: s.user, pass: s.pass } : undefined,
      ...TIMEOUTS,
    });
    this.transport = { key, transporter };
    return transporter;
  }
}
