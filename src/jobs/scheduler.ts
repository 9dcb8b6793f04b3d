// Scheduled scans: one croner job per website (its own pattern, or the platform default), in Asia/Shanghai.
// sync() rebuilds the set after inventory or settings change.
import { Cron } from 'croner';
import type { Store } from '../store/index.js';
import { websitesForSchedule } from '../store/jobs.js';
import { getSettings } from '../store/settings.js';
import { SYSTEM_ACTOR } from '../store/scope.js';
import type { JobQueue } from './queue.js';

export const TIMEZONE = 'Asia/Shanghai';

/** A croner pattern's problem in Chinese, or undefined when it is valid. */
export function cronProblem(pattern: string): string | undefined {
  try {
    const c = new Cron(pattern, { timezone: TIMEZONE, paused: true });
    const next = c.nextRun();
    c.stop();
    return next ? undefined : `定时规则「${pattern}」不会再触发`;
  } catch (err) {
    return `定时规则「${pattern}」无效：${(err as Error).message}`;
  }
}

export class Scheduler {
  private readonly crons = new Map<number, { pattern: string; cron: Cron }>();
  private syncing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly queue: JobQueue,
    private readonly log?: { error(o: object, msg?: string): void },
  ) {}

  sync(): Promise<void> {
    this.syncing = this.syncing.then(() => this.doSync()).catch((err) => this.log?.error({ err }, '定时任务同步失败'));
    return this.syncing;
  }

  /** Next run per website id (for the API and tests). */
  nextRuns(): Map<number, Date | null> {
    return new Map([...this.crons].map(([id, c]) => [id, c.cron.nextRun()]));
  }

  stop(): void {
    for (const { cron } of this.crons.values()) cron.stop();
    this.crons.clear();
  }

  private async doSync(): Promise<void> {
    const settings = await getSettings(this.store.db);
    const sites = await websitesForSchedule(this.store.db);
    const wanted = new Map(sites.map((s) => [s.id, s.scheduleCron || settings.defaultScheduleCron]));
    for (const [id, entry] of this.crons) {
      if (wanted.get(id) !== entry.pattern) {
        entry.cron.stop();
        this.crons.delete(id);
      }
    }
    for (const [id, pattern] of wanted) {
      if (this.crons.has(id) || cronProblem(pattern)) continue;
      const cron = new Cron(pattern, { timezone: TIMEZONE, protect: true }, () => {
        this.queue.enqueueScan(id, { actor: SYSTEM_ACTOR, trigger: 'schedule' }).catch((err) => this.log?.error({ err, websiteId: id }, '定时扫描入队失败'));
      });
      this.crons.set(id, { pattern, cron });
    }
  }
}
