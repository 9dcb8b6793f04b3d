// The 「找错」 deadline sweep: every few minutes, reminders before a deadline and overdue notices after it
// (workflows/messages sweepMessageDeadlines). Each notice is claimed on its row first, so several
// processes running the sweep send it once.
import { Cron } from 'croner';
import type { Store } from '../store/index.js';
import type { Mailer } from '../notify/index.js';
import { sweepMessageDeadlines } from '../workflows/messages.js';
import { TIMEZONE } from './scheduler.js';

export class MessageSweep {
  private cron: Cron | undefined;

  constructor(
    private readonly store: Store,
    private readonly mailer: Mailer | undefined,
    private readonly log?: { info(o: object, msg?: string): void; error(o: object, msg?: string): void },
    private readonly pattern = '*/10 * * * *',
  ) {}

  start(): void {
    if (this.cron) return;
    this.cron = new Cron(this.pattern, { timezone: TIMEZONE, protect: true }, () => this.runOnce());
  }

  async runOnce(now = new Date()): Promise<void> {
    try {
      const r = await sweepMessageDeadlines(this.store.db, { mailer: this.mailer, now });
      if (r.reminded || r.overdue) this.log?.info(r, '找错留言时限提醒');
    } catch (err) {
      this.log?.error({ err }, '找错留言时限检查失败');
    }
  }

  stop(): void {
    this.cron?.stop();
    this.cron = undefined;
  }
}
