// Login throttling per account and per address: failures in a sliding window. In memory (one process);
// a scaled-out deployment puts the same counters in Redis.
export interface ThrottleLimits {
  perAccount: number;
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_LIMITS: ThrottleLimits = { perAccount: 5, perAddress: 20, windowMs: 15 * 60_000 };

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: ThrottleLimits = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until a retry is allowed, or 0 when the attempt may go ahead. */
  retryAfter(username: string, ip: string): number {
    const a = this.recent(`u:${username.toLowerCase()}`);
    const b = this.recent(`ip:${ip}`);
    const blocked: number[] = [];
    if (a.length >= this.limits.perAccount) blocked.push(a[a.length - this.limits.perAccount]!);
    if (b.length >= this.limits.perAddress) blocked.push(b[b.length - this.limits.perAddress]!);
    if (!blocked.length) return 0;
    return Math.max(1, Math.ceil((Math.max(...blocked) + this.limits.windowMs - this.now()) / 1000));
  }

  fail(username: string, ip: string): void {
    for (const key of [`u:${username.toLowerCase()}`, `ip:${ip}`]) {
      const list = this.recent(key);
      list.push(this.now());
      this.failures.set(key, list);
    }
  }

  succeed(username: string): void {
    this.failures.delete(`u:${username.toLowerCase()}`);
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.limits.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }
}
