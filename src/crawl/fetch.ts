// The fetcher: one undici Agent (keep-alive) per fetcher, a total time limit per exchange covering
// headers AND body, manual redirects, decompression with a decoded-size cap, retries with backoff, and
// every failure classified as a FetchOutcome. It never throws. This is the crawl's hot path.
import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import { Agent } from 'undici';
import type { ScanConfig } from '../config.js';
import type { FetchOutcome, TlsChainFact } from '../domain/index.js';
import type { FetchResult } from './fetch-result.js';
import { createLookup } from './lookup.js';
import { EMPTY_HEADERS, exchange, REDIRECT_STATUSES, type Hop, type HopRequest } from './exchange.js';
import { ChainRepairs } from './tls-chain.js';
import { classifyUrl } from './url.js';

export interface FetchOptions {
  method?: 'GET' | 'HEAD';
  headers?: Record<string, string>; // e.g. User-Agent override, Referer (cloaking probes)
  maxBytes?: number; // default cfg.maxBodyBytes; the cap applies to DECODED bytes
  /** Stream the decoded body here chunk by chunk instead of buffering it (the crawler feeds the HTML parser).
   *  When set, FetchResult.body is undefined. Called only for 2xx responses. */
  sink?: (chunk: Buffer) => void;
  /** Called once with the final 2xx response's headers, before the first body chunk reaches `sink`
   *  (the crawler takes the header charset from it before the parser sees any byte). */
  onResponse?: (res: { url: string; status: number; headers: Record<string, string> }) => void;
  readBody?: boolean; // default true for GET; false = drain/abort after headers
  followRedirects?: boolean; // default true
  /** Asked before each redirect is followed, after the fetcher has judged it (scheme, loop, hop count).
   *  `target` is normalised; `redirects` already ends with it. Returning false stops there: the result is
   *  that 3xx response, with `finalUrl` the target not followed (the crawler stops at off-site targets and
   *  at URLs it crawls on their own). */
  onRedirect?: (target: URL, redirects: readonly string[]) => boolean;
  timeoutMs?: number; // total time limit for the whole exchange incl. body (default cfg.requestTimeoutMs)
  retries?: number; // default cfg.retries
}

export interface Fetcher {
  fetch(url: string, opts?: FetchOptions): Promise<FetchResult>; // never throws; every failure is an outcome
  /** HEAD, falling back to GET (without keeping the body) when HEAD is refused (405/501/400/403) or fails oddly. */
  check(url: string, opts?: Omit<FetchOptions, 'method' | 'sink'>): Promise<FetchResult>;
  /** HTTPS origins met so far whose certificate chain arrived incomplete (repaired through AIA, or not). */
  tlsChains(): TlsChainFact[];
  close(): Promise<void>;
}

const HEAD_REFUSED_STATUSES = new Set([400, 403, 405, 501]);
const BACKOFF_BASE_MS = 300;
/** An AIA issuer fetch (a certificate of a few KB) gets at most this long. */
const AIA_TIMEOUT_MS = 10_000;
const BACKOFF_JITTER_MS = 200;

export function mediaType(contentType: string | undefined): string {
  if (!contentType) return '';
  const semi = contentType.indexOf(';');
  return (semi >= 0 ? contentType.slice(0, semi) : contentType).trim().toLowerCase();
}

/** Retry-After as milliseconds to wait: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The redirect chain of one fetch: every hop's target in order, and what is allowed next. */
interface RedirectChain {
  requested: string;
  redirects: string[];
  seen: Set<string>;
  max: number;
  follow: boolean;
  onRedirect: FetchOptions['onRedirect'];
}

type HopStep = { next: URL } | { done: Partial<Hop> & { outcome: FetchOutcome }; finalUrl?: string };

/**
 * The one place redirects are judged (the crawler follows them through here too): a 3xx with a usable Location
 * gives the next URL to request; anything else ends the fetch, with the reason a broken chain failed.
 */
function nextHop(hop: Hop, current: URL, chain: RedirectChain): HopStep {
  const location = hop.headers.location;
  if (!REDIRECT_STATUSES.has(hop.status) || hop.outcome !== 'ok') return { done: hop };
  if (location === undefined) return { done: { ...hop, outcome: 'http-error', error: `重定向响应（${hop.status}）缺少 Location 头` } };
  if (!chain.follow) return { done: hop };
  const next = classifyUrl(location, current.href);
  if (next.kind !== 'http') {
    if (next.reason !== 'scheme') {
      return { done: { ...hop, outcome: 'invalid-url', error: `重定向目标网址无效：${location.slice(0, 200)}` } };
    }
    const written = new URL(location, current).href; // parses: only its scheme was refused
    chain.redirects.push(written);
    return { done: { ...hop, outcome: 'unsupported-scheme', error: `重定向到不支持的协议：${next.scheme}` }, finalUrl: written };
  }
  chain.redirects.push(next.url);
  if (chain.seen.has(next.url)) {
    return { done: { ...hop, outcome: 'redirect-loop', error: `重定向循环：又回到了 ${next.url.slice(0, 200)}` }, finalUrl: next.url };
  }
  if (chain.redirects.length > chain.max) {
    return { done: { ...hop, outcome: 'too-many-redirects', error: `重定向次数超过上限（${chain.max} 次）` }, finalUrl: next.url };
  }
  if (chain.onRedirect && !chain.onRedirect(next.parsed, chain.redirects)) return { done: hop, finalUrl: next.url };
  chain.seen.add(next.url);
  return { next: next.parsed };
}

/** Extra trusted roots from `crawl.caFiles` (PEM), on top of Node's bundled roots. */
function extraRoots(files: readonly string[]): string[] {
  return files.map((file) => {
    try {
      return readFileSync(file, 'utf8');
    } catch (err) {
      throw new Error(`无法读取证书文件 ${file}：${(err as Error).message}`);
    }
  });
}

export function createFetcher(cfg: ScanConfig['crawl']): Fetcher {
  const lookup = createLookup(cfg.hosts, cfg.hostsOnly);
  const roots = extraRoots(cfg.caFiles);
  /** One keep-alive pool; `intermediates` (PEM) complete chains that servers send incomplete. */
  const makeAgent = (intermediates: string[] = []) => {
    const extra = [...roots, ...intermediates];
    return new Agent({
      connections: cfg.perHostConcurrency + 2,
      pipelining: 1,
      keepAliveTimeout: 10_000,
      keepAliveMaxTimeout: 60_000,
      // Our own total timer governs; undici's idle timers would only add a second, different clock.
      headersTimeout: 0,
      bodyTimeout: 0,
      maxHeaderSize: 64 * 1024,
      // `ca` replaces Node's bundled roots, so they are passed along with ours.
      connect: { timeout: cfg.connectTimeoutMs, lookup, ...(extra.length ? { ca: [...tls.rootCertificates, ...extra] } : {}) },
    });
  };
  const agent = makeAgent();
  const chains = new ChainRepairs({
    lookup,
    connectTimeoutMs: cfg.connectTimeoutMs,
    makeDispatcher: makeAgent,
    fetchIssuer: async (url, maxBytes) => {
      const r = await fetchOnce(url, { maxBytes, retries: 0, timeoutMs: Math.min(cfg.requestTimeoutMs, AIA_TIMEOUT_MS) }, false);
      return r.outcome === 'ok' && r.body && r.body.length > 0 ? r.body : undefined;
    },
  });
  const baseHeaders: Record<string, string> = {
    'user-agent': cfg.userAgent,
    accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    'accept-language': 'zh-CN,zh;q=0.9',
    'accept-encoding': 'gzip, deflate, br',
  };

  function mergedHeaders(extra: Record<string, string> | undefined): Record<string, string> {
    if (!extra) return baseHeaders;
    const out = { ...baseHeaders };
    for (const key in extra) out[key.toLowerCase()] = extra[key];
    return out;
  }

  /** One exchange, through the repaired-chain dispatcher of its origin when there is one. A garbled answer
   *  (see Hop.garbled) is asked again at once, on another connection: a server that really answers
   *  garbage fails twice and is reported as before. */
  async function exchangeOnce(req: HopRequest): Promise<Hop> {
    const hop = await exchange(chains.dispatcherFor(req.url.origin) ?? agent, req, cfg.connectTimeoutMs);
    return hop.garbled ? exchange(chains.dispatcherFor(req.url.origin) ?? agent, req, cfg.connectTimeoutMs) : hop;
  }

  async function exchangeWithRetries(req: HopRequest, retries: number): Promise<Hop> {
    for (let attempt = 0; ; attempt++) {
      const hop = await exchangeOnce(req);
      // A body cut at the cap or the time limit came from a server that answered: asking again costs as much.
      if (attempt >= retries || hop.sinkFed || hop.unfinished) return hop;
      const retryable = hop.outcome === 'timeout' || hop.outcome === 'reset' || hop.status === 429 || hop.status === 503;
      if (!retryable) return hop;
      let waitMs = BACKOFF_BASE_MS * 2 ** attempt + Math.random() * BACKOFF_JITTER_MS;
      const retryAfter = parseRetryAfter(hop.headers['retry-after']);
      if (retryAfter !== undefined) waitMs = retryAfter;
      await sleep(Math.min(waitMs, cfg.maxRetryAfterMs));
    }
  }

  /** As a browser does: an incomplete certificate chain is repaired once per origin, then asked again. */
  async function exchangeRepairing(req: HopRequest, retries: number, repair: boolean): Promise<Hop> {
    const hop = await exchangeWithRetries(req, retries);
    if (!hop.chainIncomplete || !repair) return hop;
    const repaired = await chains.repair(req.url, req.url.href);
    if (!repaired) return hop;
    const again = await exchangeWithRetries(req, retries);
    if (again.outcome === 'tls') chains.failed(req.url.origin, again.error ?? '');
    return again;
  }

  /** @param repair whether an incomplete chain may be repaired (not while fetching an issuer for a repair) */
  async function fetchOnce(input: string, opts: FetchOptions, repair: boolean): Promise<FetchResult> {
    const started = performance.now();
    const method = opts.method ?? 'GET';
    const timeoutMs = opts.timeoutMs ?? cfg.requestTimeoutMs;
    const maxBytes = opts.maxBytes ?? cfg.maxBodyBytes;
    const retries = opts.retries ?? cfg.retries;
    const readWanted = method === 'GET' && opts.readBody !== false;
    const follow = opts.followRedirects !== false;
    const headers = mergedHeaders(opts.headers);
    const redirects: string[] = [];

    const result = (url: string, finalUrl: string, hop: Partial<Hop> & { outcome: FetchOutcome }): FetchResult => {
      const h = hop.headers ?? EMPTY_HEADERS;
      const out: FetchResult = {
        url,
        finalUrl,
        redirects,
        outcome: hop.outcome,
        status: hop.status ?? 0,
        ms: Math.round(performance.now() - started),
        headers: h,
        contentType: mediaType(h['content-type']),
        bytes: hop.bytes ?? 0,
      };
      if (hop.body !== undefined) out.body = hop.body;
      if (hop.error !== undefined) out.error = hop.error;
      if (hop.unfinished !== undefined) out.unfinished = hop.unfinished;
      return out;
    };

    const start = classifyUrl(input);
    if (start.kind !== 'http') {
      const outcome = start.reason === 'scheme' ? 'unsupported-scheme' : 'invalid-url';
      return result(input, input, { outcome, error: outcome === 'unsupported-scheme' ? `不支持的协议：${start.scheme}` : '网址格式无效' });
    }
    const requested = start.url;
    const chain: RedirectChain = { requested, redirects, seen: new Set([requested]), max: cfg.maxRedirects, follow, onRedirect: opts.onRedirect };
    const target = opts.sink ? { sink: opts.sink, onResponse: opts.onResponse } : undefined;
    let current = start.parsed;
    for (;;) {
      const hop = await exchangeRepairing({ url: current, method, headers, timeoutMs, maxBytes, readWanted, target }, retries, repair);
      const step = nextHop(hop, current, chain);
      if ('next' in step) {
        current = step.next;
        continue;
      }
      return result(requested, step.finalUrl ?? current.href, step.done);
    }
  }

  function fetch(input: string, opts: FetchOptions = {}): Promise<FetchResult> {
    return fetchOnce(input, opts, true);
  }

  async function check(url: string, opts: Omit<FetchOptions, 'method' | 'sink'> = {}): Promise<FetchResult> {
    const head = await fetch(url, { ...opts, method: 'HEAD' });
    const refused = HEAD_REFUSED_STATUSES.has(head.status) || head.outcome === 'reset' || head.outcome === 'error';
    if (!refused) return head;
    return fetch(url, { ...opts, method: 'GET', readBody: false });
  }

  async function close(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const forced = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        agent.destroy().then(resolve, resolve);
      }, 2000);
    });
    await Promise.race([Promise.all([agent.close().catch(() => undefined), chains.close()]), forced]);
    clearTimeout(timer);
  }

  return { fetch, check, close, tlsChains: () => chains.list() };
}
