// The rectification task worker: runs the automatic re-checks queued on task rows (one at a time; each is a
// few page fetches) and, every few minutes, announces tasks that went overdue. It polls the store, so a
// re-check queued by another process is taken too, and at start it re-queues re-checks a dead process left.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Database } from '../store/types.js';
import { claimRecheck, requeueRechecks } from '../store/tasks.js';
import { runTaskRecheck, sweepOverdue, type RecheckRunner, type TaskDeps } from '../workflows/tasks.js';

export interface TaskWorkerOptions {
  pollMs?: number;
  overdueEveryMs?: number;
  /** Replaces the network re-check (tests of the state machine). */
  recheck?: RecheckRunner;
  log?: { info(o: object, msg?: string): void; error(o: object, msg?: string): void };
}

export class TaskWorker {
  readonly owner = `${hostname()}|${process.pid}|${randomUUID()}`;
  private timer: NodeJS.Timeout | undefined;
  private started = false;
  private draining: Promise<void> | undefined;
  private again = false;
  private lastSweep = 0;

  constructor(
    private readonly deps: Omit<TaskDeps, 'kick'>,
    private readonly opts: TaskWorkerOptions = {},
  ) {}

  /** What the workflows call after queueing a re-check. */
  readonly kick = (): void => {
    if (!this.started) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    const run: Promise<void> = this.drain().finally(() => {
      if (this.draining === run) this.draining = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
    this.draining = run;
  };

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const mine = this.owner;
    // Only this process runs re-checks it owns; anything 'running' under another id of this host is dead
    // when that process is gone. Another host's re-checks are left to its own restart.
    await requeueRechecks(this.deps.db as Kysely<Database>, (owner) => owner === mine || !sameHostDead(owner));
    this.timer = setInterval(this.kick, this.opts.pollMs ?? 3000);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearInterval(this.timer);
    await this.draining;
  }

  /** Resolves when no re-check is queued or running here (tests, the demo). */
  async idle(): Promise<void> {
    for (;;) {
      await this.draining;
      const queued = await this.deps.db.selectFrom('tasks').select('id').where('recheckState', 'is not', null).limit(1).executeTakeFirst();
      if (!queued || !this.started) return;
      this.kick();
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        if (!this.started) return;
        const id = await claimRecheck(this.deps.db, this.owner);
        if (id === undefined) break;
        await runTaskRecheck({ ...this.deps, kick: this.kick }, id, this.opts.recheck).catch((err) => this.fail(id, err));
      }
      await this.maybeSweep();
    } catch (err) {
      this.opts.log?.error({ err }, '整改任务调度出错');
    }
  }

  private async maybeSweep(): Promise<void> {
    const now = Date.now();
    if (now - this.lastSweep < (this.opts.overdueEveryMs ?? 5 * 60_000)) return;
    this.lastSweep = now;
    const n = await sweepOverdue(this.deps);
    if (n) this.opts.log?.info({ overdue: n }, '整改任务逾期提醒');
  }

  /** A re-check that threw: the task goes back to waiting, with the error logged (never lost in 'running'). */
  private async fail(id: number, err: unknown): Promise<void> {
    this.opts.log?.error({ err, taskId: id }, '整改任务复查失败');
    await this.deps.db.updateTable('tasks').set({ recheckState: null, recheckOwner: null, needsInspector: 1 }).where('id', '=', id).execute();
  }
}

/** True when `owner` is a process of this host that no longer runs. */
function sameHostDead(owner: string | null): boolean {
  if (!owner) return true;
  const [host, pidText] = owner.split('|');
  if (host !== hostname()) return false;
  const pid = Number(pidText);
  if (pid === process.pid) return true; // an earlier worker in this process, now gone
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'EPERM';
  }
}
