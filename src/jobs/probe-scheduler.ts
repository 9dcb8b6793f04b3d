// Availability probes on their own clock, beside the scan jobs (never queued behind them): every website is
// probed probesPerDay times a day (default 24, hourly). Each site keeps a fixed offset inside the period,
// spread evenly over it by its id (golden-ratio hashing), plus a small random jitter per probe, so 2,000
// sites do not fire at once and two probes of a site are never closer than 0.9 period. A probe that could
// not start on time still runs (its lag is measured); the next one takes the next slot, never a burst of
// catch-up probes. Results are buffered and written in batches (every flushMs, or 500 rows).
// The website list and the settings are re-read every refreshMs, so inventory and settings changes apply
// within a minute without a hook from the routes.
import type { Store } from '../store/index.js';
import { insertProbes, websitesForProbes, type ProbeRecord } from '../store/probes.js';
import { getSettings, MIN_PROBES_PER_DAY } from '../store/settings.js';
import { createHomeProber, type HomeProber, type HomeProberOptions, type ProbeResult } from '../workflows/probing.js';

const DAY_MS = 86_400_000;
const GOLDEN = 0.6180339887498949;
const FLUSH_ROWS = 500;
/** Rows kept while the database refuses writes; beyond this the oldest are dropped (and logged). */
const MAX_BUFFERED = 100_000;

export interface ProbeSchedulerOptions extends Pick<HomeProberOptions, 'hosts' | 'hostsOnly' | 'maxBytes' | 'userAgent'> {
  /** Probes in flight at once (default 32). */
  concurrency?: number;
  /** Overrides the probesPerDay setting's period (benchmarks and tests; the platform uses the setting). */
  periodMs?: number;
  /** Overrides the probeTimeoutMs setting (benchmarks and tests). */
  timeoutMs?: number;
  /** Jitter as a share of the period, either way (default 0.05). */
  jitter?: number;
  /** The longest the scheduler sleeps between two looks at the slots (default 1 s); it wakes at the next
   *  slot when that comes sooner, so a probe starts on time, not on the next tick. */
  tickMs?: number;
  flushMs?: number;
  refreshMs?: number;
  random?: () => number;
  log?: { error(o: object, msg?: string): void };
  /** Called after each probe with its scheduling lag (benchmarks). */
  onProbe?(record: ProbeRecord, lagMs: number): void;
}

interface SiteState {
  url: string;
  /** Index of the site's current slot since the epoch. */
  slot: number;
  dueAt: number;
  running: boolean;
  queued: boolean;
}

/** A site's fixed offset inside the period: ids spread evenly by golden-ratio hashing. */
export function slotOffset(websiteId: number, periodMs: number): number {
  return ((websiteId * GOLDEN) % 1) * periodMs;
}

/** The index of the site's first slot that starts after `t`. */
export function slotAfter(websiteId: number, t: number, periodMs: number): number {
  return Math.floor((t - slotOffset(websiteId, periodMs)) / periodMs) + 1;
}

/** When slot `k` of a site starts, before jitter. */
export function slotTime(websiteId: number, k: number, periodMs: number): number {
  return slotOffset(websiteId, periodMs) + k * periodMs;
}

export class ProbeScheduler {
  private readonly sites = new Map<number, SiteState>();
  private readonly ready: number[] = [];
  private buffer: ProbeRecord[] = [];
  private inFlight = 0;
  private prober: HomeProber | undefined;
  private proberTimeout = 0;
  private periodMs = DAY_MS / 24;
  private timers: NodeJS.Timeout[] = [];
  private wake: NodeJS.Timeout | undefined;
  private wakeAt = Infinity;
  private running = false;
  private flushing: Promise<void> = Promise.resolve();
  private refreshing: Promise<void> = Promise.resolve();
  private readonly probes = new Set<Promise<void>>();
  private readonly random: () => number;

  constructor(
    private readonly store: Store,
    private readonly opts: ProbeSchedulerOptions = {},
  ) {
    this.random = opts.random ?? Math.random;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.refresh();
    this.tick();
    this.every(this.opts.flushMs ?? 5000, () => void this.flush());
    this.every(this.opts.refreshMs ?? 60_000, () => void this.refresh());
  }

  /** Stops probing, waits for the probes in flight and writes what is buffered. */
  async stop(): Promise<void> {
    this.running = false;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    clearTimeout(this.wake);
    await this.refreshing;
    await Promise.all([...this.probes]);
    await this.flush();
    await this.prober?.close();
    this.prober = undefined;
  }

  /** Re-reads the website list and settings (also called on a timer). */
  refresh(): Promise<void> {
    this.refreshing = this.refreshing.then(() => this.doRefresh()).catch((err) => this.opts.log?.error({ err }, '探测计划刷新失败'));
    return this.refreshing;
  }

  /** Writes the buffered results now. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.doFlush());
    return this.flushing;
  }

  /** The time between two probes of a site, in ms (from probesPerDay, at least 20 a day). */
  period(): number {
    return this.periodMs;
  }

  /** When each website is next probed (tests and the API). */
  nextProbes(): Map<number, Date> {
    return new Map([...this.sites].map(([id, s]) => [id, new Date(s.dueAt)]));
  }

  private every(ms: number, fn: () => void): void {
    const t = setInterval(fn, ms);
    t.unref();
    this.timers.push(t);
  }

  private async doRefresh(): Promise<void> {
    const settings = await getSettings(this.store.db);
    const perDay = Math.max(MIN_PROBES_PER_DAY, settings.probesPerDay);
    const period = this.opts.periodMs ?? DAY_MS / perDay;
    const timeout = this.opts.timeoutMs ?? settings.probeTimeoutMs;
    if (!this.running) return;
    this.ensureProber(timeout);
    const list = await websitesForProbes(this.store.db);
    const periodChanged = period !== this.periodMs;
    this.periodMs = period;
    const now = Date.now();
    const wanted = new Map(list.map((w) => [w.id, w.url]));
    for (const id of this.sites.keys()) if (!wanted.has(id)) this.sites.delete(id);
    for (const [id, url] of wanted) {
      const site = this.sites.get(id);
      if (!site) this.sites.set(id, this.schedule({ url, slot: 0, dueAt: 0, running: false, queued: false }, id, slotAfter(id, now, period)));
      else {
        site.url = url;
        if (periodChanged && !site.running) this.schedule(site, id, slotAfter(id, now, period));
      }
    }
    this.tick(); // new sites and new slots may come before the next wake-up
  }

  private ensureProber(timeoutMs: number): void {
    if (this.prober && this.proberTimeout === timeoutMs) return;
    const old = this.prober;
    this.prober = createHomeProber({ timeoutMs, hosts: this.opts.hosts, hostsOnly: this.opts.hostsOnly, maxBytes: this.opts.maxBytes, userAgent: this.opts.userAgent });
    this.proberTimeout = timeoutMs;
    // Probes still running on the old prober finish on it; it closes once they have.
    if (old) void Promise.all([...this.probes]).then(() => old.close());
  }

  /** Puts the site on slot k, with this probe's jitter. */
  private schedule(site: SiteState, id: number, k: number): SiteState {
    site.slot = k;
    site.dueAt = slotTime(id, k, this.periodMs) + (this.random() * 2 - 1) * (this.opts.jitter ?? 0.05) * this.periodMs;
    return site;
  }

  /** Queues the sites whose slot has come, starts what the concurrency allows, and sleeps until the next slot. */
  private tick(): void {
    if (!this.running) return;
    const now = Date.now();
    const due: Array<[number, number]> = [];
    let next = now + (this.opts.tickMs ?? 1000);
    for (const [id, s] of this.sites) {
      if (s.running || s.queued) continue;
      if (s.dueAt <= now) due.push([id, s.dueAt]);
      else next = Math.min(next, s.dueAt);
    }
    due.sort((a, b) => a[1] - b[1]);
    for (const [id] of due) {
      this.sites.get(id)!.queued = true;
      this.ready.push(id);
    }
    this.pump();
    this.sleepUntil(next);
  }

  private sleepUntil(at: number): void {
    clearTimeout(this.wake);
    this.wakeAt = at;
    this.wake = setTimeout(() => this.tick(), Math.max(0, at - Date.now()));
    this.wake.unref();
  }

  private pump(): void {
    const limit = this.opts.concurrency ?? 32;
    while (this.running && this.inFlight < limit && this.ready.length > 0) {
      const id = this.ready.shift()!;
      const site = this.sites.get(id);
      if (!site || site.running) continue;
      site.queued = false;
      const p = this.probeOne(id, site).finally(() => {
        this.probes.delete(p);
        this.inFlight--;
        this.pump();
      });
      this.inFlight++;
      this.probes.add(p);
    }
  }

  private async probeOne(id: number, site: SiteState): Promise<void> {
    site.running = true;
    const startedAt = Date.now();
    const lag = startedAt - site.dueAt;
    let result: ProbeResult;
    try {
      result = await this.prober!.probe(site.url);
    } catch (err) {
      result = { ok: false, status: 0, ms: Date.now() - startedAt, error: `探测出错：${(err as Error).message}` };
    }
    site.running = false;
    // The next slot, or the first one after now when this probe ran more than a period late (no catch-up burst).
    this.schedule(site, id, Math.max(site.slot + 1, slotAfter(id, Date.now(), this.periodMs)));
    if (this.running && site.dueAt < this.wakeAt) this.sleepUntil(site.dueAt);
    const record: ProbeRecord = { websiteId: id, at: new Date(startedAt).toISOString(), ...result };
    this.buffer.push(record);
    this.opts.onProbe?.(record, lag);
    if (this.buffer.length >= FLUSH_ROWS) void this.flush();
  }

  private async doFlush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const rows = this.buffer;
    this.buffer = [];
    try {
      await insertProbes(this.store.db, rows);
    } catch (err) {
      // Kept for the next flush; bounded so an unreachable database cannot exhaust memory.
      this.buffer = [...rows, ...this.buffer];
      const dropped = this.buffer.length - MAX_BUFFERED;
      if (dropped > 0) this.buffer.splice(0, dropped);
      this.opts.log?.error({ err, rows: rows.length, dropped: Math.max(0, dropped) }, '探测结果写入失败');
    }
  }
}
