// A small Chrome DevTools Protocol client over --remote-debugging-pipe: JSON messages separated by NUL bytes,
// Chromium reading on its fd 3 and writing on its fd 4. Commands are answered by id; events go to the listeners
// of their session (flat sessions: '' is the browser's own). This is all the browser pass needs of the protocol,
// without a driver library between it and Chromium.
import type { Readable, Writable } from 'node:stream';

export type CdpParams = Record<string, unknown>;
// Protocol answers are read by field name where used; typing each of the few commands would add nothing.
export type CdpResult = any;
export type CdpListener = (method: string, params: CdpResult) => void;

interface Pending {
  resolve: (result: CdpResult) => void;
  reject: (err: Error) => void;
  method: string;
}

export class CdpConnection {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<CdpListener>>();
  private buffered: Buffer[] = [];
  private closedError?: Error;

  constructor(private readonly out: Writable, input: Readable) {
    input.on('data', (chunk: Buffer) => this.onData(chunk));
    input.on('close', () => this.onClose());
    input.on('error', () => this.onClose());
    out.on('error', () => this.onClose());
  }

  get connected(): boolean {
    return !this.closedError;
  }

  send(method: string, params: CdpParams = {}, sessionId?: string): Promise<CdpResult> {
    if (this.closedError) return Promise.reject(new Error(`${method}: ${this.closedError.message}`));
    const id = this.nextId++;
    const message = JSON.stringify(sessionId ? { id, method, params, sessionId } : { id, method, params });
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.out.write(message + '\0');
    });
  }

  /** Listens to the events of one session ('' for the browser); returns the way to stop listening. */
  on(sessionId: string, listener: CdpListener): () => void {
    let set = this.listeners.get(sessionId);
    if (!set) this.listeners.set(sessionId, (set = new Set()));
    set.add(listener);
    return () => void set.delete(listener);
  }

  private onData(chunk: Buffer): void {
    let start = 0;
    for (let end = chunk.indexOf(0); end !== -1; start = end + 1, end = chunk.indexOf(0, start)) {
      this.buffered.push(chunk.subarray(start, end));
      const text = Buffer.concat(this.buffered).toString('utf8');
      this.buffered = [];
      this.dispatch(JSON.parse(text));
    }
    if (start < chunk.length) this.buffered.push(chunk.subarray(start));
  }

  private dispatch(msg: { id?: number; method?: string; params?: unknown; result?: unknown; error?: { message: string }; sessionId?: string }): void {
    if (msg.id !== undefined) {
      const waiting = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (!waiting) return;
      if (msg.error) waiting.reject(new Error(`${waiting.method}: ${msg.error.message}`));
      else waiting.resolve(msg.result);
      return;
    }
    if (!msg.method) return;
    for (const listener of this.listeners.get(msg.sessionId ?? '') ?? []) listener(msg.method, msg.params);
  }

  private onClose(): void {
    if (this.closedError) return;
    this.closedError = new Error('浏览器连接已断开');
    for (const { reject, method } of this.pending.values()) reject(new Error(`${method}: ${this.closedError.message}`));
    this.pending.clear();
    for (const listener of this.listeners.get('') ?? []) listener('Connection.closed', {});
  }
}
