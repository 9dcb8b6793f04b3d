// The crawl's "request" step for a page: fetch it (redirects judged by the fetcher, followed only within the
// site and only to URLs not crawled on their own), stream its body into the parse pool as it arrives, and
// end in exactly one of: parsed facts, a body that never ended, a page that hung the parser, or just the
// fetch result (not HTML, failed, redirected elsewhere).
import type { ScanConfig } from '../config.js';
import type { Scope } from '../domain/index.js';
import type { Fetcher, FetchOptions } from './fetch.js';
import type { FetchResult } from './fetch-result.js';
import type { FrontierEntry } from './frontier.js';
import type { LinkBook } from './links.js';
import { conditionalHeaders, type PageCache } from './page-cache.js';
import type { PageFacts } from '../domain/index.js';
import { ParseTimeoutError, type ParseHandle, type ParsedPage, type ParsePool } from './parse-pool.js';

export interface PageRequestDeps {
  c: ScanConfig['crawl'];
  fetcher: Fetcher;
  parsePool: ParsePool;
  scope: Scope;
  book: LinkBook;
  /** Claims a URL for this fetch; false when it is crawled (or queued) on its own. */
  markSeen(url: string): boolean;
  /** The home page redirected to another host: the site moved there. */
  onSiteMoved(host: string): void;
  /** The crawl has returned (abort grace over): nothing more may be handed on. */
  finished(): boolean;
  /** The previous scan's pages (incremental rescans); absent for a full scan. */
  cache?: PageCache;
}

export type PageOutcome =
  | { kind: 'parsed'; result: FetchResult; parsed: ParsedPage }
  | { kind: 'unfinished'; result: FetchResult } // cut at the size cap or the time limit; an HTML page
  | { kind: 'unparsed'; result: FetchResult; error: ParseTimeoutError }
  | { kind: 'reused'; result: FetchResult; facts: PageFacts; stored?: unknown } // 304 Not Modified: the stored facts stand in
  | { kind: 'fetched'; result: FetchResult };

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

export async function requestPage(e: FrontierEntry, d: PageRequestDeps): Promise<PageOutcome> {
  const isHome = e.depth === 0;
  let current = e.url;
  const placeholder = {} as FetchResult; // the extractor reads it at end(); filled in below
  let extractor: ParseHandle | undefined;
  let sniffed = 'unknown' as 'unknown' | 'text' | 'binary';
  // The fetcher hands over the response headers before the body streams (`onResponse`): the header
  // charset is known before the parser sees a byte; without one the extractor sniffs (BOM, meta, bytes).
  let contentTypeHeader = '';
  const begin = () =>
    d.parsePool.begin({ url: e.url, finalUrl: current, depth: e.depth, isHome, contentTypeHeader, fetch: placeholder, maxTextChars: d.c.maxTextChars });
  const sink = (chunk: Buffer) => {
    if (sniffed === 'unknown') sniffed = looksBinary(chunk) ? 'binary' : 'text';
    if (sniffed !== 'text') return;
    extractor ??= begin();
    extractor.write(chunk);
  };
  // Redirects are judged by the fetcher (one copy); the crawler only says which it follows: not off-site
  // targets (only whether they answer) and not URLs crawled on their own (not fetched twice).
  let stoppedAt: { url: string; offSite: boolean } | undefined;
  const onRedirect = (target: URL): boolean => {
    if (isHome && !d.scope.inScope(target)) d.onSiteMoved(target.hostname);
    if (!d.scope.inScope(target)) stoppedAt = { url: target.href, offSite: true };
    else if (!d.markSeen(target.href)) stoppedAt = { url: target.href, offSite: false };
    else current = target.href;
    return stoppedAt === undefined;
  };
  const validators = d.cache?.validators(e.url);
  const options: FetchOptions = {
    headers: conditionalHeaders(validators),
    sink,
    onRedirect,
    onResponse: (res) => {
      contentTypeHeader = res.headers['content-type'] ?? '';
    },
  };
  const r = await d.fetcher.fetch(e.url, options);
  if (stoppedAt) return { kind: 'fetched', result: await redirectedAway(e, r, stoppedAt, d) };

  const result: FetchResult = { ...r, url: e.url, finalUrl: current };
  if (r.status === 304 && validators) return reuse(e, result, d);
  const isHtml = HTML_TYPES.has(r.contentType) || (r.contentType === '' && sniffed !== 'binary');
  // Cut at the size cap or the time limit: a finding of its own, never parsed as if it were the whole page.
  if (r.unfinished) return isHtml ? { kind: 'unfinished', result } : { kind: 'fetched', result };
  if (r.outcome !== 'ok' || !isHtml || d.finished()) return { kind: 'fetched', result };
  Object.assign(placeholder, result);
  contentTypeHeader = r.headers['content-type'] ?? '';
  extractor ??= begin();
  try {
    return { kind: 'parsed', result, parsed: await extractor.endWithExtra() };
  } catch (err) {
    if (err instanceof ParseTimeoutError) return { kind: 'unparsed', result, error: err };
    throw err;
  }
}

/**
 * The server said the page has not changed since the previous scan: its stored facts stand in, with this
 * crawl's depth and timing. Facts that have gone missing meanwhile mean a plain fetch after all.
 */
async function reuse(e: FrontierEntry, result: FetchResult, d: PageRequestDeps): Promise<PageOutcome> {
  const page = await d.cache!.page(e.url);
  if (!page) return requestPage(e, { ...d, cache: undefined });
  const facts: PageFacts = { ...page.facts, depth: e.depth, ms: result.ms, status: 200, outcome: 'ok' };
  return { kind: 'reused', result: { ...result, status: 200, outcome: 'ok', bytes: 0 }, facts, stored: page.stored };
}

/** The page redirected off-site (only whether the target answers counts) or to a URL crawled on its own
 *  (broken only if that is). */
async function redirectedAway(e: FrontierEntry, r: FetchResult, to: { url: string; offSite: boolean }, d: PageRequestDeps): Promise<FetchResult> {
  if (to.offSite) {
    const ext = await d.fetcher.check(to.url);
    return { ...ext, url: e.url, redirects: [...r.redirects, ...ext.redirects] };
  }
  const known = d.book.get(to.url);
  const verdict = known ? { outcome: known.outcome, status: known.status, error: known.error } : { outcome: 'ok' as const };
  return { ...r, url: e.url, finalUrl: to.url, ...verdict };
}

const BINARY_MAGIC = [
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0x50, 0x4b, 0x03, 0x04], // zip, docx, xlsx
  [0xd0, 0xcf, 0x11, 0xe0], // OLE: doc, xls, wps
  [0x89, 0x50, 0x4e, 0x47], // png
  [0xff, 0xd8, 0xff], // jpeg
  [0x47, 0x49, 0x46, 0x38], // gif
  [0x52, 0x61, 0x72, 0x21], // rar
];

/** A body that is clearly not text (no HTML parse for it), judged from its first chunk. */
function looksBinary(chunk: Buffer): boolean {
  for (const magic of BINARY_MAGIC) if (magic.every((b, i) => chunk[i] === b)) return true;
  const n = Math.min(chunk.length, 512);
  for (let i = 0; i < n; i++) if (chunk[i] === 0) return true;
  return false;
}
