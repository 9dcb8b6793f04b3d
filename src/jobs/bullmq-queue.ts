// The distributed job queue (REDIS_URL). The store keeps the job rows the API reads, exactly as in-process
// (the same dedupe: one open scan per website); BullMQ carries each queued job's id to whichever process
// runs jobs — `govpatrol worker` on any machine, or `serve --run-jobs`. A process that changes a job (takes
// it, reports progress, ends it, puts it back) writes the store first and then publishes the job on a
// Redis channel, so every `serve` pushes live progress to its subscribers (SSE) without polling, and a
// subscriber never sees a state the store does not have yet.
//
// Recovery: a worker that dies stops renewing its BullMQ lock; another worker's stalled check moves the
// job back to the wait list (once; a job that stalls twice fails, as in-process), and `reconcile` makes
// the store row agree — at start, on every stalled job, and every `sweepMs` for the running rows.
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Queue, WaitingError, Worker, type Job as BullJob } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Store } from '../store/index.js';
import { claimJob, enqueueJob, failOpenJob, finishJob, loadJob, loadOpenJob, openJobs, requeueJob, saveJobProgress, type Job, type JobProgress } from '../store/jobs.js';
import type { JobStatus } from '../store/platform-types.js';
import type { JobListener, JobQueue } from './queue.js';
import type { JobExecutor, RunnerOptions } from './runner.js';
import { closeRedis, connectRedis, onConnectionLost, type RedisUnavailableError } from './redis.js';

export const QUEUE_NAME = 'scans';
export const DEFAULT_PREFIX = 'govpatrol';

export interface BullmqQueueOptions extends RunnerOptions {
  redisUrl: string;
  /** Redis key prefix: one per deployment (database); tests use a fresh one per run. */
  prefix?: string;
  /** Run jobs in this process (workers, `serve --run-jobs`). Off: enqueue and follow progress only. */
  runJobs?: boolean;
  /** How long a worker's lock lives unrenewed before its job counts as stalled (ms, BullMQ's lockDuration). */
  lockMs?: number;
  /** How often running workers look for stalled jobs (ms). */
  stalledCheckMs?: number;
  /** How often running store rows are checked against BullMQ (ms). */
  sweepMs?: number;
  /** Live progress is published at most this often per job (ms); the end of a job always is. */
  publishMs?: number;
  /** Reconnect attempts after a lost connection before giving up (see redis.ts). */
  redisRetries?: number;
  /** Redis stayed unreachable after the bounded reconnects: the process should stop. */
  onFatal?(err: RedisUnavailableError): void;
}

interface Running {
  job: Job;
  controller: AbortController;
  /** Settles when the processor has written the outcome (or handed the job back). */
  finished: Promise<void>;
  lastSaved: number;
  lastPublished: number;
}

const REQUEUED = '上次运行被中断，已重新排队';
const STOPPED = '任务进程停止，已重新排队';
const STALLED_TWICE = '任务多次中断，已标记失败';
const QUEUED_STATES = new Set(['waiting', 'prioritized', 'delayed', 'waiting-children']);
/** BullMQ refuses custom ids that look like integers; the store's id is the number inside. */
const bullId = (jobId: number) => `job-${jobId}`;
const storeId = (id: string) => Number(id.replace(/^job-/, ''));

export class BullmqQueue implements JobQueue {
  readonly owner = `${hostname()}|${process.pid}|${randomUUID()}`;
  private readonly events = new EventEmitter();
  private readonly running = new Map<number, Running>();
  /** The latest published view of jobs running elsewhere, for get(). */
  private readonly live = new Map<number, Job>();
  private connecting: Promise<void> | undefined;
  private connection: Redis | undefined;
  private subscriber: Redis | undefined;
  private queue: Queue | undefined;
  private worker: Worker | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private started = false;
  private stopping = false;
  /** Redis was given up for good: nothing there can be waited on any more. */
  private lost = false;
  private lastErrorLog = { message: '', at: 0 };
  private readonly prefix: string;
  private readonly channel: string;

  constructor(
    private readonly store: Store,
    private readonly execute: JobExecutor | undefined,
    private readonly opts: BullmqQueueOptions,
  ) {
    this.prefix = opts.prefix ?? DEFAULT_PREFIX;
    this.channel = `${this.prefix}:${QUEUE_NAME}:changes`;
    this.events.setMaxListeners(0);
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.stopping = false;
    await this.connect();
    await this.reconcileAll(['queued', 'running']);
    if (this.opts.runJobs) this.startWorker();
    this.sweepTimer = setInterval(() => void this.reconcileAll(['running']), this.opts.sweepMs ?? 30_000);
    this.sweepTimer.unref();
  }

  /** Stops taking jobs, aborts the running ones and puts them back in the queue for another worker. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.started = false;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    // close() first: it stops the worker from fetching while the aborted jobs hand themselves back. Without
    // Redis it must not wait for BullMQ's connections (they would never close), only for our own jobs.
    const closing = this.worker?.close(this.lost);
    const running = [...this.running.values()];
    for (const r of running) r.controller.abort();
    await Promise.allSettled(running.map((r) => r.finished));
    await closing?.catch((err) => this.opts.log?.error({ err }, '任务进程关闭出错'));
    await this.queue?.close().catch(() => undefined);
    await closeRedis(this.subscriber);
    await closeRedis(this.connection);
    this.worker = this.queue = this.subscriber = this.connection = this.connecting = undefined;
  }

  async enqueueScan(websiteId: number, opts: Parameters<JobQueue['enqueueScan']>[1]): Promise<Job> {
    await this.connect();
    const { job } = await enqueueJob(this.store.db, opts.actor, { kind: 'scan', websiteId, trigger: opts.trigger });
    // Also for a job that was already open: adding the same id again is a no-op in BullMQ, and it repairs a
    // row whose first add was lost (Redis down at that moment).
    if (job.status === 'queued') await this.addToQueue(job.id);
    return job;
  }

  async get(jobId: number): Promise<Job | undefined> {
    const stored = await loadJob(this.store.db, jobId);
    const live = this.running.get(jobId)?.job ?? this.live.get(jobId);
    if (stored?.status !== 'running' || !live) return stored;
    return { ...stored, progress: live.progress, scanId: live.scanId ?? stored.scanId };
  }

  subscribe(jobId: number, listener: JobListener): () => void {
    const name = `job:${jobId}`;
    this.events.on(name, listener);
    return () => this.events.off(name, listener);
  }

  /** Resolves when the store has no open job (only meaningful while some process runs jobs). */
  async idle(): Promise<void> {
    while ((await openJobs(this.store.db)).length > 0) await new Promise((r) => setTimeout(r, 100));
  }

  // ---------- connections ----------

  private connect(): Promise<void> {
    this.connecting ??= this.openConnections().catch((err) => {
      this.connecting = undefined;
      throw err;
    });
    return this.connecting;
  }

  private async openConnections(): Promise<void> {
    const url = this.opts.redisUrl;
    const connection = await connectRedis(url, { retries: this.opts.redisRetries });
    const subscriber = connection.duplicate();
    subscriber.on('error', () => undefined);
    try {
      await subscriber.connect();
      subscriber.on('message', (_channel, message) => this.onMessage(message));
      await subscriber.subscribe(this.channel);
    } catch (err) {
      await closeRedis(subscriber);
      await closeRedis(connection);
      throw err;
    }
    const lost = (err: RedisUnavailableError) => {
      if (this.stopping || this.lost) return;
      this.lost = true;
      this.opts.log?.error({ err }, err.message);
      this.opts.onFatal?.(err);
    };
    onConnectionLost(connection, url, lost);
    onConnectionLost(subscriber, url, lost);
    this.queue = new Queue(QUEUE_NAME, { connection, prefix: this.prefix });
    this.queue.on('error', (err) => this.logRedisError(err, 'Redis 队列出错'));
    this.connection = connection;
    this.subscriber = subscriber;
  }

  private async addToQueue(jobId: number): Promise<void> {
    await this.queue!.add('scan', { jobId }, {
      jobId: bullId(jobId),
      removeOnComplete: true,
      // Failed jobs stay a week: reconcile reads why a job failed (stalled twice) from them.
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  // ---------- live progress across processes ----------

  private async publish(job: Job): Promise<void> {
    await this.connection?.publish(this.channel, JSON.stringify(job)).catch(() => undefined);
  }

  private async publishStored(jobId: number): Promise<void> {
    const job = await loadJob(this.store.db, jobId).catch(() => undefined);
    if (job) await this.publish(job);
  }

  private onMessage(message: string): void {
    let job: Job;
    try {
      job = JSON.parse(message) as Job;
    } catch {
      return;
    }
    if (job.status === 'running') this.live.set(job.id, job);
    else this.live.delete(job.id);
    this.events.emit(`job:${job.id}`, job);
  }

  // ---------- running jobs (workers) ----------

  private startWorker(): void {
    this.worker = new Worker<{ jobId: number }>(QUEUE_NAME, (bull, token) => this.process(bull, token), {
      connection: this.connection!,
      prefix: this.prefix,
      concurrency: Math.max(1, this.opts.concurrency ?? 2),
      lockDuration: this.opts.lockMs ?? 30_000,
      stalledInterval: this.opts.stalledCheckMs ?? 30_000,
      // A job whose worker died twice fails, as in-process: a scan that kills its worker must not loop.
      maxStalledCount: 1,
    });
    this.worker.on('error', (err) => this.logRedisError(err, 'Redis 任务进程出错'));
    this.worker.on('stalled', (id) => void this.reconcile(storeId(id)).catch((err) => this.opts.log?.error({ err }, '任务状态核对出错')));
  }

  /** While Redis is away BullMQ reports the same error many times a second: logged once per 30 s. */
  private logRedisError(err: Error, label: string): void {
    const now = Date.now();
    if (err.message === this.lastErrorLog.message && now - this.lastErrorLog.at < 30_000) return;
    this.lastErrorLog = { message: err.message, at: now };
    this.opts.log?.error({ err }, label);
  }

  private async process(bull: BullJob<{ jobId: number }>, token: string | undefined): Promise<void> {
    const job = await claimJob(this.store.db, bull.data.jobId, this.owner);
    if (!job) return; // ended (or deleted) meanwhile: nothing to run
    let settle!: () => void;
    const finished = new Promise<void>((r) => (settle = r));
    const entry: Running = { job, controller: new AbortController(), finished, lastSaved: Date.now(), lastPublished: 0 };
    this.running.set(job.id, entry);
    try {
      await this.publish(job);
      const outcome = await this.runExecutor(entry);
      if (entry.controller.signal.aborted && this.stopping) return await this.handBack(entry, bull, token);
      // A worker cut off from Redis longer than its lock lasted may find another worker took the job over.
      if ((await loadOpenJob(this.store.db, job.id))?.owner !== this.owner) return;
      await finishJob(this.store.db, job.id, { ...outcome, progress: entry.job.progress });
      await this.publishStored(job.id);
      this.opts.log?.info({ jobId: job.id, status: outcome.status, error: outcome.error }, '任务结束');
    } finally {
      this.running.delete(job.id);
      settle();
    }
  }

  private async runExecutor(entry: Running): Promise<{ status: 'done' | 'failed'; error?: string; scanId?: number }> {
    try {
      const result = await this.execute!({
        job: entry.job,
        signal: entry.controller.signal,
        onProgress: (p) => this.progress(entry, p),
        onScan: (scanId) => {
          entry.job = { ...entry.job, scanId };
          void saveJobProgress(this.store.db, entry.job.id, entry.job.progress, scanId).catch(() => undefined);
          void this.publish(entry.job);
        },
      });
      return result.error ? { status: 'failed', error: result.error, scanId: result.scanId } : { status: 'done', scanId: result.scanId };
    } catch (err) {
      return { status: 'failed', error: err instanceof Error ? err.message : String(err) };
    }
  }

  /** Stopping: the store row and the BullMQ job both go back to waiting, for the next free worker. */
  private async handBack(entry: Running, bull: BullJob, token: string | undefined): Promise<never> {
    await requeueJob(this.store.db, entry.job.id, this.owner, STOPPED);
    await this.publishStored(entry.job.id);
    await bull.moveToWait(token);
    throw new WaitingError();
  }

  private progress(entry: Running, p: JobProgress): void {
    entry.job = { ...entry.job, progress: p };
    const now = Date.now();
    if (now - entry.lastPublished >= (this.opts.publishMs ?? 250)) {
      entry.lastPublished = now;
      void this.publish(entry.job);
    }
    if (now - entry.lastSaved >= (this.opts.saveProgressMs ?? 3000)) {
      entry.lastSaved = now;
      void saveJobProgress(this.store.db, entry.job.id, p).catch(() => undefined);
    }
  }

  // ---------- store rows agree with BullMQ ----------

  private async reconcileAll(statuses: JobStatus[]): Promise<void> {
    try {
      for (const row of await openJobs(this.store.db, statuses)) await this.reconcile(row.id);
    } catch (err) {
      this.opts.log?.error({ err }, '任务状态核对出错');
    }
  }

  /**
   * One open row against its BullMQ job. The row's owner is read before the job's state, and every change is
   * guarded by that owner: a worker that takes the job meanwhile changes the owner, and the change is skipped.
   */
  private async reconcile(jobId: number): Promise<void> {
    const row = await loadOpenJob(this.store.db, jobId);
    if (!row) return;
    const state = await this.queue!.getJobState(bullId(jobId));
    if (state === 'active') return;
    let changed = false;
    if (QUEUED_STATES.has(state)) {
      if (row.status === 'running') changed = await requeueJob(this.store.db, jobId, row.owner, REQUEUED);
    } else if (state === 'failed') {
      changed = await failOpenJob(this.store.db, jobId, row.owner, await this.failureReason(jobId));
    } else {
      // Not in Redis (lost, or added before Redis was reachable): queue it (again).
      if (row.status === 'running') changed = await requeueJob(this.store.db, jobId, row.owner, REQUEUED);
      if (row.status === 'queued' || changed) await this.addToQueue(jobId);
    }
    if (changed) await this.publishStored(jobId);
  }

  private async failureReason(jobId: number): Promise<string> {
    const reason = (await this.queue!.getJob(bullId(jobId)))?.failedReason ?? '';
    return !reason || /stalled/i.test(reason) ? STALLED_TWICE : `任务失败：${reason}`;
  }
}
