// One availability probe (站点无法访问, rules-cn §1.2): GET the home page and decide whether it opened within the
// time limit (15 s by default). The whole probe — every redirect hop, headers and body — shares one deadline,
// so a slow chain of redirects fails like a slow page. The body is read to its end (that is what "opened"
// means) but never kept, and it is capped: a page over the cap has opened.
import { defaultConfig, mergeConfig } from '../config.js';
import { createFetcher, type Fetcher } from '../crawl/fetch.js';
import type { FetchResult } from '../crawl/fetch-result.js';

export interface ProbeResult {
  ok: boolean;
  /** Status of the last answer (0 when none arrived). */
  status: number;
  ms: number;
  /** Why it failed, in Chinese; null when it opened. */
  error: string | null;
}

export interface HomeProberOptions {
  /** A probe fails when the home page has not opened within this (default 15,000 ms). */
  timeoutMs?: number;
  /** Redirect hops followed (default 5). */
  maxRedirects?: number;
  /** Decoded body bytes read before the page counts as opened (default 2 MB). */
  maxBytes?: number;
  /** Host → addresses used instead of DNS (tests, demo, bench: loopback only). */
  hosts?: Record<string, string[]>;
  hostsOnly?: boolean;
  userAgent?: string;
}

export interface HomeProber {
  probe(url: string): Promise<ProbeResult>;
  close(): Promise<void>;
}

export const PROBE_TIMEOUT_MS = 15_000;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MIN_HOP_MS = 1;

function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

/** Whether a finished exchange means the home page opened: a 2xx read to its end, or past the size cap. */
export function probeVerdict(r: Pick<FetchResult, 'outcome' | 'status' | 'error'>, ms: number, timeoutMs: number): ProbeResult {
  if (r.outcome === 'ok' && r.status >= 200 && r.status < 300) return { ok: true, status: r.status, ms, error: null };
  if (r.outcome === 'too-large') return { ok: true, status: r.status, ms, error: null };
  if (r.outcome === 'timeout') return { ok: false, status: r.status, ms, error: `首页 ${seconds(timeoutMs)} 秒内未打开` };
  if (r.outcome === 'ok' || r.outcome === 'http-error') return { ok: false, status: r.status, ms, error: `首页返回 HTTP ${r.status}` };
  return { ok: false, status: r.status, ms, error: r.error ?? `首页无法打开（${r.outcome}）` };
}

/** The next URL of a redirect, or why the chain ends here. */
function redirectTarget(r: FetchResult, seen: Set<string>, maxRedirects: number): { next: string } | { fail: string } | null {
  if (!REDIRECT_STATUSES.has(r.status) || r.outcome !== 'ok') return null;
  const location = r.headers.location;
  if (!location) return { fail: `重定向响应（${r.status}）缺少 Location 头` };
  let next: URL;
  try {
    next = new URL(location, r.finalUrl);
  } catch {
    return { fail: '重定向目标网址无效' };
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') return { fail: `重定向到不支持的协议：${next.protocol}` };
  next.hash = '';
  if (seen.has(next.href)) return { fail: '重定向循环' };
  if (seen.size > maxRedirects) return { fail: `重定向次数超过上限（${maxRedirects} 次）` };
  return { next: next.href };
}

async function probeWith(fetcher: Fetcher, url: string, o: Required<Pick<HomeProberOptions, 'timeoutMs' | 'maxRedirects' | 'maxBytes'>>): Promise<ProbeResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const seen = new Set<string>();
  let current = url;
  for (;;) {
    seen.add(current);
    const remaining = o.timeoutMs - elapsed();
    if (remaining < MIN_HOP_MS) return probeVerdict({ outcome: 'timeout', status: 0 }, elapsed(), o.timeoutMs);
    const r = await fetcher.fetch(current, { followRedirects: false, retries: 0, timeoutMs: remaining, maxBytes: o.maxBytes, sink: discard });
    const hop = redirectTarget(r, seen, o.maxRedirects);
    if (hop === null) return probeVerdict(r, elapsed(), o.timeoutMs);
    if ('fail' in hop) return { ok: false, status: r.status, ms: elapsed(), error: hop.fail };
    current = hop.next;
  }
}

function discard(): void {}

/** A prober with one keep-alive pool for every site it probes. */
export function createHomeProber(opts: HomeProberOptions = {}): HomeProber {
  const o = { timeoutMs: opts.timeoutMs ?? PROBE_TIMEOUT_MS, maxRedirects: opts.maxRedirects ?? 5, maxBytes: opts.maxBytes ?? 2 * 1024 * 1024 };
  const base = defaultConfig().crawl;
  const crawl = mergeConfig(defaultConfig(), {
    crawl: {
      requestTimeoutMs: o.timeoutMs,
      connectTimeoutMs: Math.min(base.connectTimeoutMs, o.timeoutMs),
      retries: 0,
      maxRedirects: o.maxRedirects,
      maxBodyBytes: o.maxBytes,
      perHostConcurrency: 1,
      hosts: opts.hosts ?? {},
      hostsOnly: opts.hostsOnly ?? false,
      ...(opts.userAgent ? { userAgent: opts.userAgent } : {}),
    },
  }).crawl;
  const fetcher = createFetcher(crawl);
  return {
    probe: (url) => probeWith(fetcher, url, o),
    close: () => fetcher.close(),
  };
}
