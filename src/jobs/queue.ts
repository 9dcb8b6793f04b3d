// The job queue interface. The in-process runner (runner.ts) implements it by default; the BullMQ-backed
// queue (bullmq-queue.ts, REDIS_URL) implements it for the distributed mode, with job state still kept in
// the store so the API reads jobs the same way in both modes.
import type { Job } from '../store/jobs.js';
import type { Actor } from '../store/scope.js';

export type JobListener = (job: Job) => void;

export interface JobQueue {
  /** Queues a full scan of a website (or returns the one already queued or running for it). */
  enqueueScan(websiteId: number, opts: { actor: Actor; trigger: 'manual' | 'schedule' | 'import' | 'demo' }): Promise<Job>;
  /** The freshest view of a job: live progress while it runs here, else the stored row. */
  get(jobId: number): Promise<Job | undefined>;
  /** Calls `listener` with the job each time it changes; returns the unsubscribe function. */
  subscribe(jobId: number, listener: JobListener): () => void;
  start(): Promise<void>;
  /** Stops taking jobs and aborts the running ones (they are re-queued at the next start). */
  stop(): Promise<void>;
  /** Resolves when nothing is queued or running (tests, the demo). */
  idle(): Promise<void>;
}
