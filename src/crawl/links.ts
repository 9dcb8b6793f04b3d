// Broken-link book-keeping. Memory stays bounded on huge sites: a queued URL carries only its first
// referrer (in the frontier row); later referrers are remembered only while the target is pending
// (bounded map) or once it is known to be broken (capped at MAX_SEEN_ON per target, all counted).
import type { BrokenLink, FetchOutcome, LinkFact, SkippedLink, SkippedLinks, SkipReason } from '../domain/index.js';

export type Referrer = BrokenLink['seenOn'][number];

export const MAX_SEEN_ON = 10;
/** Past this many broken targets (a wrecked site), new ones keep a single referrer to bound memory. */
const MAX_FULLY_TRACKED_BROKEN = 20_000;
const MAX_TEXT = 120;
const MAX_MARKUP = 240;

export function referrerOf(pageUrl: string, isHome: boolean, link: LinkFact): Referrer {
  const r: Referrer = { url: pageUrl, isHome, place: link.place, tag: link.tag, text: link.text.slice(0, MAX_TEXT) };
  if (link.markup) r.markup = link.markup.slice(0, MAX_MARKUP);
  return r;
}

/** Outcomes that mean the link does not resolve for a visitor. A too-large body still resolved. */
export function isBrokenOutcome(outcome: FetchOutcome, _status?: number): boolean {
  switch (outcome) {
    case 'ok':
    case 'too-large':
    case 'decode-error':
    case 'unsupported-scheme':
      return false;
    case 'http-error':
      return true; // 4xx/5xx, or a redirect without a Location: a dead end for a visitor too
    default:
      return true;
  }
}

interface Pending {
  count: number; // referrers beyond the first (which rides in the frontier row)
  refs: Referrer[];
}

export interface Resolution {
  outcome: FetchOutcome;
  status: number;
  error?: string;
}

export class LinkBook {
  private readonly broken = new Map<string, BrokenLink>();
  private readonly pending = new Map<string, Pending>();
  private readonly sparse = new Set<string>(); // broken targets kept with one referrer only

  /** @param maxPending targets whose later referrers are remembered while their outcome is unknown */
  constructor(private readonly maxPending: number) {}

  /** A target was just queued; remember later referrers while it is pending (if room). */
  track(target: string): void {
    if (this.pending.size < this.maxPending && !this.pending.has(target)) this.pending.set(target, { count: 0, refs: [] });
  }

  /** Another page links an already-seen target. */
  note(target: string, ref: Referrer): void {
    const b = this.broken.get(target);
    if (b) {
      b.seenCount++;
      if (b.seenOn.length < this.seenOnCap(b)) b.seenOn.push(ref);
      return;
    }
    const p = this.pending.get(target);
    if (p) {
      p.count++;
      if (p.refs.length < MAX_SEEN_ON) p.refs.push(ref);
    }
    // else: resolved fine, or pending beyond the memory bound: nothing to keep
  }

  isBroken(target: string): boolean {
    return this.broken.has(target);
  }

  get(target: string): BrokenLink | undefined {
    return this.broken.get(target);
  }

  /** Would `note` keep a referrer for this target? (Saves building one for the common fine case.) */
  wants(target: string): boolean {
    return this.broken.has(target) || this.pending.has(target);
  }

  /** The target resolved: returns whether it was broken (then it is booked with every known referrer). */
  resolve(target: string, r: Resolution, internal: boolean, firstRef: Referrer | undefined): boolean {
    const p = this.pending.get(target);
    if (p) this.pending.delete(target);
    if (!isBrokenOutcome(r.outcome, r.status)) return false;
    // Nobody links it (the start URL, a sitemap entry): other checks report it, not as a dead link.
    if (!firstRef && (!p || p.count === 0)) return true;
    const seenOn: Referrer[] = [];
    if (firstRef) seenOn.push(firstRef);
    if (p) for (const ref of p.refs) if (seenOn.length < MAX_SEEN_ON) seenOn.push(ref);
    const entry: BrokenLink = {
      target,
      outcome: r.outcome,
      status: r.status,
      internal,
      seenOn,
      seenCount: (firstRef ? 1 : 0) + (p ? p.count : 0),
    };
    if (r.error) entry.error = r.error.slice(0, 300);
    this.broken.set(target, entry);
    if (this.broken.size > MAX_FULLY_TRACKED_BROKEN) {
      seenOn.length = Math.min(seenOn.length, 1);
      this.sparse.add(target);
    }
    return true;
  }

  private seenOnCap(b: BrokenLink): number {
    return this.sparse.has(b.target) ? 1 : MAX_SEEN_ON;
  }

  /** Forget a pending target that will never be fetched (crawl stopped). */
  drop(target: string): void {
    this.pending.delete(target);
  }

  get brokenCount(): number {
    return this.broken.size;
  }

  list(): BrokenLink[] {
    const out = [...this.broken.values()];
    // Home-page links first: they weigh most in the rules.
    out.sort((a, b) => Number(b.seenOn.some((s) => s.isHome)) - Number(a.seenOn.some((s) => s.isHome)));
    return out;
  }
}

/** Distinct skipped URLs remembered for de-duplication; past this a URL skipped twice may count twice. */
const MAX_SKIP_TRACKED = 50_000;
const MAX_SKIP_SAMPLE = 500;

/** Links the crawl decided not to fetch, kept as SKIPPED with their reason instead of silently dropped. */
export class SkipBook {
  private readonly seen = new Set<string>();
  private readonly counts: Partial<Record<SkipReason, number>> = {};
  private readonly sample: SkippedLink[] = [];

  note(url: string, reason: SkipReason, seenOn?: string): void {
    if (this.seen.has(url)) return;
    if (this.seen.size < MAX_SKIP_TRACKED) this.seen.add(url);
    this.counts[reason] = (this.counts[reason] ?? 0) + 1;
    if (this.sample.length < MAX_SKIP_SAMPLE) this.sample.push(seenOn ? { url: url.slice(0, 2048), reason, seenOn } : { url: url.slice(0, 2048), reason });
  }

  result(): SkippedLinks {
    return { counts: { ...this.counts }, sample: [...this.sample] };
  }
}

const SKIP_TEXT: Record<SkipReason, string> = {
  scheme: '非 http(s) 协议',
  'invalid-url': '网址无效或过长',
  'off-site': '外部链接（未开启外链检查）',
  robots: 'robots.txt 禁止',
  'max-depth': '超过最大深度',
  'max-urls': '超过单站网址数上限',
  'query-variants': '查询参数变体过多',
  'repeating-path': '路径段重复（疑似爬虫陷阱）',
  'max-pages': '超过最大页面数',
};

/** One Chinese line for the crawl notes: how many links were skipped, by reason. */
export function describeSkipped(s: SkippedLinks): string | undefined {
  const parts = (Object.keys(s.counts) as SkipReason[]).map((r) => `${SKIP_TEXT[r]} ${s.counts[r]} 个`);
  return parts.length ? `未抓取也未检查的链接（SKIPPED）：${parts.join('，')}` : undefined;
}
