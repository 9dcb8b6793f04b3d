// The in-process job runner: takes queued jobs from the store up to a concurrency limit, runs each in its
// own promise (one site's failure never touches another's), publishes live progress to subscribers and
// writes it to the store every few seconds. At start it re-queues jobs left running by a dead process.
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Store } from '../store/index.js';
import { claimNextJob, enqueueJob, finishJob, loadJob, recoverJobs, saveJobProgress, type Job, type JobProgress } from '../store/jobs.js';
import type { JobListener, JobQueue } from './queue.js';

export interface ExecutorContext {
  job: Job;
  signal: AbortSignal;
  onProgress(p: JobProgress): void;
  /** Called once the scan row exists, so the job links to it while running. */
  onScan(scanId: number): void;
}

/** Runs one job; throws (or returns an error) on failure. */
export type JobExecutor = (ctx: ExecutorContext) => Promise<{ scanId?: number; error?: string }>;

export interface RunnerOptions {
  concurrency?: number;
  /** How often the store is polled for jobs queued by other processes (ms). */
  pollMs?: number;
  /** How often live progress is written to the store (ms). */
  saveProgressMs?: number;
  log?: { info(o: object, msg?: string): void; error(o: object, msg?: string): void };
}

interface Running {
  job: Job;
  controller: AbortController;
  done: Promise<void>;
  lastSaved: number;
}

export class InProcessRunner implements JobQueue {
  readonly owner = `${hostname()}|${process.pid}|${randomUUID()}`;
  private readonly events = new EventEmitter();
  private readonly running = new Map<number, Running>();
  private timer: NodeJS.Timeout | undefined;
  private started = false;
  private pumping: Promise<void> | undefined;
  private readonly concurrency: number;

  constructor(
    private readonly store: Store,
    private readonly execute: JobExecutor,
    private readonly opts: RunnerOptions = {},
  ) {
    this.concurrency = Math.max(1, opts.concurrency ?? 2);
    this.events.setMaxListeners(0);
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const recovered = await recoverJobs(this.store.db, (owner) => this.ownerAlive(owner));
    if (recovered.requeued.length || recovered.failed.length) this.opts.log?.info(recovered, '恢复中断的任务');
    this.timer = setInterval(() => this.pump(), this.opts.pollMs ?? 2000);
    this.timer.unref();
    this.pump();
  }

  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearInterval(this.timer);
    for (const r of this.running.values()) r.controller.abort();
    await Promise.allSettled([...this.running.values()].map((r) => r.done));
    await this.pumping;
  }

  async enqueueScan(websiteId: number, opts: Parameters<JobQueue['enqueueScan']>[1]): Promise<Job> {
    const { job } = await enqueueJob(this.store.db, opts.actor, { kind: 'scan', websiteId, trigger: opts.trigger });
    this.pump();
    return job;
  }

  async get(jobId: number): Promise<Job | undefined> {
    return this.running.get(jobId)?.job ?? loadJob(this.store.db, jobId);
  }

  subscribe(jobId: number, listener: JobListener): () => void {
    const name = `job:${jobId}`;
    this.events.on(name, listener);
    return () => this.events.off(name, listener);
  }

  async idle(): Promise<void> {
    for (;;) {
      await this.pumping;
      await Promise.allSettled([...this.running.values()].map((r) => r.done));
      const queued = await this.store.db.selectFrom('jobs').select('id').where('status', 'in', ['queued', 'running']).limit(1).executeTakeFirst();
      if (!queued && this.running.size === 0) return;
      if (!this.started) return;
      this.pump();
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** A job's owner is alive when it is this runner, or another live process on this host. */
  private ownerAlive(owner: string | null): boolean {
    if (!owner) return false;
    if (owner === this.owner) return true;
    const [host, pidText] = owner.split('|');
    if (host !== hostname()) return true; // another machine: its own restart recovers it
    const pid = Number(pidText);
    if (pid === process.pid) return false; // an earlier runner in this process, now gone
    try {
      process.kill(pid, 0);
      return true;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'EPERM';
    }
  }

  private pump(): void {
    if (!this.started || this.pumping) return;
    // Cleared in a later microtask, so an immediately finished drain cannot leave a stale promise behind.
    const draining: Promise<void> = this.drain().finally(() => {
      if (this.pumping === draining) this.pumping = undefined;
    });
    this.pumping = draining;
  }

  private async drain(): Promise<void> {
    try {
      while (this.started && this.running.size < this.concurrency) {
        const job = await claimNextJob(this.store.db, this.owner);
        if (!job) break;
        this.run(job);
      }
    } catch (err) {
      this.opts.log?.error({ err }, '任务调度出错');
    }
  }

  private publish(job: Job): void {
    this.events.emit(`job:${job.id}`, job);
  }

  private run(job: Job): void {
    const controller = new AbortController();
    const entry: Running = { job, controller, done: Promise.resolve(), lastSaved: Date.now() };
    this.running.set(job.id, entry);
    this.publish(job);
    entry.done = (async () => {
      let outcome: { status: 'done' | 'failed'; error?: string; scanId?: number };
      try {
        const result = await this.execute({
          job,
          signal: controller.signal,
          onProgress: (p) => this.progress(entry, p),
          onScan: (scanId) => {
            entry.job = { ...entry.job, scanId };
            void saveJobProgress(this.store.db, job.id, entry.job.progress, scanId).catch(() => undefined);
          },
        });
        outcome = result.error ? { status: 'failed', error: result.error, scanId: result.scanId } : { status: 'done', scanId: result.scanId };
      } catch (err) {
        outcome = { status: 'failed', error: err instanceof Error ? err.message : String(err) };
      }
      if (controller.signal.aborted && !this.started) {
        // Stopping: leave it 'running' under our owner id; the next start re-queues it.
        this.running.delete(job.id);
        return;
      }
      try {
        await finishJob(this.store.db, job.id, { ...outcome, progress: entry.job.progress });
      } catch (err) {
        this.opts.log?.error({ err, jobId: job.id }, '无法保存任务结果');
      }
      this.running.delete(job.id);
      const final = await loadJob(this.store.db, job.id).catch(() => undefined);
      if (final) this.publish(final);
      this.opts.log?.info({ jobId: job.id, status: outcome.status, error: outcome.error }, '任务结束');
      this.pump();
    })();
  }

  private progress(entry: Running, p: JobProgress): void {
    entry.job = { ...entry.job, progress: p };
    this.publish(entry.job);
    const now = Date.now();
    if (now - entry.lastSaved >= (this.opts.saveProgressMs ?? 3000)) {
      entry.lastSaved = now;
      void saveJobProgress(this.store.db, entry.job.id, p).catch(() => undefined);
    }
  }
}
