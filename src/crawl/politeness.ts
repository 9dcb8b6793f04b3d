// Per-host politeness, kept apart from the frontier: the frontier is one FIFO for the whole site, and
// items whose host is busy (or resting) wait here in small per-host queues. The total parked is bounded;
// when it is full the loop stops pulling from the frontier until a host frees a slot, which always
// happens because every parked item's host has a request in flight or a timer pending.

export interface PolitenessOptions {
  concurrency: number; // global
  perHostConcurrency: number;
  perHostDelayMs: number;
  maxParked: number;
  maxBackoffMs: number;
  /** The gap for one host when it differs from perHostDelayMs (robots.txt Crawl-delay of the site's host). */
  hostDelayMs?: (host: string) => number;
}

interface HostState {
  active: number;
  nextAt: number; // earliest start time of the next request (delay and Retry-After)
  parked: unknown[];
  parkedHead: number;
}

export class Politeness<T> {
  private readonly hosts = new Map<string, HostState>();
  private readonly waiting = new Set<string>(); // hosts with parked items
  private activeTotal = 0;
  private parkedTotal = 0;

  constructor(private readonly opts: PolitenessOptions) {}

  get active(): number {
    return this.activeTotal;
  }

  get parked(): number {
    return this.parkedTotal;
  }

  /** Room for another request anywhere? */
  get hasGlobalSlot(): boolean {
    return this.activeTotal < this.opts.concurrency;
  }

  get canPark(): boolean {
    return this.parkedTotal < this.opts.maxParked;
  }

  park(host: string, item: T): void {
    const h = this.state(host);
    h.parked.push(item);
    this.parkedTotal++;
    this.waiting.add(host);
  }

  /**
   * Takes a parked item that may start now and counts it as started. Otherwise returns the wait in ms
   * until one might be startable (Infinity when only host slots, not time, are the obstacle).
   */
  take(now: number): { item: T; host: string } | number {
    if (!this.hasGlobalSlot) return Infinity;
    let wait = Infinity;
    for (const host of this.waiting) {
      const h = this.hosts.get(host)!;
      if (h.active >= this.opts.perHostConcurrency) continue;
      if (h.nextAt > now) {
        wait = Math.min(wait, h.nextAt - now);
        continue;
      }
      const item = h.parked[h.parkedHead] as T;
      h.parked[h.parkedHead++] = undefined;
      if (h.parkedHead === h.parked.length) {
        h.parked = [];
        h.parkedHead = 0;
        this.waiting.delete(host);
      }
      this.parkedTotal--;
      this.begin(host, h, now);
      return { item, host };
    }
    return wait;
  }

  /** Starts a request without parking, when its host is free right now. */
  tryStart(host: string, now: number): boolean {
    if (!this.hasGlobalSlot) return false;
    const h = this.state(host);
    if (h.parked.length > h.parkedHead) return false; // keep per-host order
    if (h.active >= this.opts.perHostConcurrency || h.nextAt > now) return false;
    this.begin(host, h, now);
    return true;
  }

  finish(host: string): void {
    const h = this.hosts.get(host);
    if (!h) return;
    h.active--;
    this.activeTotal--;
    if (h.active === 0 && h.parked.length === h.parkedHead && h.nextAt <= Date.now()) this.hosts.delete(host);
  }

  /** The host asked us to wait (Retry-After, 429/503). */
  backoff(host: string, ms: number, now: number): void {
    const h = this.state(host);
    h.nextAt = Math.max(h.nextAt, now + Math.min(Math.max(0, ms), this.opts.maxBackoffMs));
  }

  /** Drops every parked item (abort). */
  clearParked(): T[] {
    const out: T[] = [];
    for (const host of this.waiting) {
      const h = this.hosts.get(host)!;
      for (let i = h.parkedHead; i < h.parked.length; i++) out.push(h.parked[i] as T);
      h.parked = [];
      h.parkedHead = 0;
    }
    this.waiting.clear();
    this.parkedTotal = 0;
    return out;
  }

  private begin(host: string, h: HostState, now: number): void {
    h.active++;
    this.activeTotal++;
    const delay = this.opts.hostDelayMs ? this.opts.hostDelayMs(host) : this.opts.perHostDelayMs;
    if (delay > 0) h.nextAt = Math.max(h.nextAt, now + delay);
  }

  private state(host: string): HostState {
    let h = this.hosts.get(host);
    if (!h) {
      h = { active: 0, nextAt: 0, parked: [], parkedHead: 0 };
      this.hosts.set(host, h);
    }
    return h;
  }
}

/** Retry-After as milliseconds (seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}
