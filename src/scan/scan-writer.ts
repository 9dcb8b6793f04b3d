// Every store write a scan makes goes through one queue, in order. The first write that fails stops the
// queue (later writes would only fail the same way or leave a misleading half), is reported once through
// `onError`, and is re-thrown by `drain()`; what was written before it stays. No write is ever left
// without a handler, so a broken database never becomes an unhandled rejection that kills the process.
// A timer keeps the heartbeat going while nothing else is written (a long browser pass, a slow site), so
// other processes do not take a live scan for a dead one.
import type { Store } from '../store/index.js';
import type { PageRow } from '../store/types.js';

export interface ScanWriterOptions {
  /** Heartbeat period; well under the store's staleAfterMs (30 min by default). */
  heartbeatMs?: number;
  /** Pages per addPages call. */
  batch?: number;
  /** Called once, with the first write error. */
  onError?(err: Error): void;
}

const DEFAULT_HEARTBEAT_MS = 60_000;
const DEFAULT_BATCH = 200;

export class ScanWriter {
  private chain: Promise<void> = Promise.resolve();
  private firstError?: Error;
  private pages: PageRow[] = [];
  private heartbeatQueued = false;
  private readonly timer: NodeJS.Timeout;
  private readonly batch: number;

  constructor(private readonly store: Store, readonly scanId: number, private readonly opts: ScanWriterOptions = {}) {
    this.batch = opts.batch ?? DEFAULT_BATCH;
    this.timer = setInterval(() => this.beat(), opts.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
    this.timer.unref();
  }

  /** The first write error, if any. */
  get error(): Error | undefined {
    return this.firstError;
  }

  addPage(row: PageRow): void {
    this.pages.push(row);
    if (this.pages.length >= this.batch) this.flushPages();
  }

  flushPages(): void {
    if (!this.pages.length) return;
    const rows = this.pages;
    this.pages = [];
    this.enqueue(() => this.store.addPages(this.scanId, rows));
  }

  /** Queues a write after every earlier one; skipped once a write has failed. */
  enqueue(write: () => Promise<unknown>): void {
    this.chain = this.chain
      .then(async () => {
        if (!this.firstError) await write();
      })
      .catch((err: unknown) => this.fail(err));
  }

  /** Waits for every queued write; throws the first write error. */
  async drain(): Promise<void> {
    this.flushPages();
    await this.chain;
    if (this.firstError) throw this.firstError;
  }

  /** Stops the heartbeat and waits for queued writes without throwing (error paths). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.chain;
  }

  private beat(): void {
    // One heartbeat in the queue is enough: a slow database must not pile them up.
    if (this.heartbeatQueued || this.firstError) return;
    this.heartbeatQueued = true;
    this.enqueue(async () => {
      this.heartbeatQueued = false;
      await this.store.heartbeat(this.scanId);
    });
  }

  private fail(err: unknown): void {
    if (this.firstError) return;
    this.firstError = err instanceof Error ? err : new Error(String(err));
    clearInterval(this.timer);
    this.opts.onError?.(this.firstError);
  }
}
