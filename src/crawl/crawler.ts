// The crawl loop: pull from the frontier, respect per-host politeness, stream each HTML page into the
// extractor, queue what it links, link-check everything else once, and book the broken links.
// Event driven: completions call pump(); no per-link promises, no O(n) scans per page.
import type { ScanConfig } from '../config.js';
import { createColumnModel } from './columns.js';
import { createScope, hostKey, type BrokenLink, type ColumnFacts, type LinkFact, type OversizedPage, type PageFacts, type SkippedLinks } from '../domain/index.js';
import type { FetchResult } from './fetch-result.js';
import { createFetcher, type Fetcher, type FetchOptions } from './fetch.js';
import { Frontier, type FrontierEntry, type FrontierLimit } from './frontier.js';
import { createParsePool, ParseTimeoutError, type ParseHandle, type ParsePool } from './parse-pool.js';
import { describeSkipped, LinkBook, referrerOf, SkipBook } from './links.js';
import { Politeness, retryAfterMs } from './politeness.js';
import type { RobotsRules } from './robots.js';
import { classifyUrl, isRejectedScheme, pathExtension, READABLE_ATTACHMENT_EXTENSIONS, targetKindOf, type TargetKind } from './url.js';

export interface CrawlProgress {
  pagesDone: number;
  queued: number;
  linksChecked: number;
  bytes: number;
  errors: number;
  currentUrl?: string;
}
export interface AttachmentBody {
  url: string;
  linkedFrom: string;
  contentType: string;
  body: Buffer;
}
export interface CrawlHandlers {
  /** `extra` is what the parse pool's processor returned for the page (undefined without one, or if it failed). */
  onPage(page: PageFacts, extra?: unknown): void | Promise<void>;
  onAttachment?(a: AttachmentBody): void | Promise<void>;
  onProgress?(p: CrawlProgress): void;
}
export interface CrawlOptions {
  fetcher?: Fetcher;
  robots?: RobotsRules | null;
  seeds?: string[];
  signal?: AbortSignal;
  workDir?: string;
  /** Parse pool to share across crawls; by default each crawl starts (and closes) its own. */
  parsePool?: ParsePool;
}
export interface CrawlResult {
  home?: PageFacts;
  keyPages: PageFacts[];
  columns: ColumnFacts[];
  brokenLinks: BrokenLink[];
  /** Pages whose body never ended (cut at the size cap or the time limit), never parsed. */
  oversizedPages: OversizedPage[];
  /** Links neither crawled nor checked, by reason (linkinator's SKIPPED). */
  skippedLinks: SkippedLinks;
  stats: { pages: number; links: number; bytes: number; errors: number };
  aborted: boolean;
  limits: string[];
}

const MAX_KEY_PAGES = 20;
const MAX_OVERSIZED = 200;
const MAX_UNPARSED_NOTES = 20;
const MAX_IGNORED_LINKS = 20_000;
const PROGRESS_INTERVAL_MS = 200;
/** After an abort, in-flight requests get this long to finish before we return without them. */
const ABORT_GRACE_MS = 1000;
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
const PAGE_TAGS = new Set<LinkFact['tag']>(['a', 'area', 'iframe', 'frame', 'meta-refresh']);

export async function crawlSite(rootUrl: string, cfg: ScanConfig, handlers: CrawlHandlers, opts: CrawlOptions = {}): Promise<CrawlResult> {
  const c = cfg.crawl;
  const root = classifyUrl(rootUrl);
  const limits = new Set<string>();
  const stats = { pages: 0, links: 0, bytes: 0, errors: 0 };
  if (root.kind !== 'http') {
    return { keyPages: [], columns: [], brokenLinks: [], oversizedPages: [], skippedLinks: { counts: {}, sample: [] }, stats: { ...stats, errors: 1 }, aborted: false, limits: [`起始网址无效：${rootUrl.slice(0, 200)}`] };
  }
  const fetcher = opts.fetcher ?? createFetcher(c);
  const scope = createScope(root.url, c.subsites);
  const frontier = new Frontier({
    memoryLimit: c.frontierMemoryLimit,
    maxDepth: c.maxDepth,
    maxUrls: c.maxUrlsPerSite,
    maxQueryVariantsPerPath: c.maxQueryVariantsPerPath,
    workDir: opts.workDir,
  });
  const book = new LinkBook(c.frontierMemoryLimit);
  const skipped = new SkipBook();
  const robots = c.respectRobots ? (opts.robots ?? null) : null;
  const politeness = new Politeness<FrontierEntry>({
    concurrency: c.concurrency,
    perHostConcurrency: c.perHostConcurrency,
    perHostDelayMs: c.perHostDelayMs,
    maxParked: c.concurrency * 4 + 16,
    maxBackoffMs: c.maxRetryAfterMs,
    hostDelayMs: robotsDelay(robots, c, root.parsed, limits),
  });
  const columns = createColumnModel(cfg);
  const wantAttachments = cfg.checks.attachments && handlers.onAttachment !== undefined;
  // Started now so the workers warm up while the home page is fetched.
  const parsePool = opts.parsePool ?? createParsePool(c.parseWorkers, { pageTimeoutMs: c.parseTimeoutMs });

  let home: PageFacts | undefined;
  const keyPages: PageFacts[] = [];
  const oversized: OversizedPage[] = [];
  let unparsed = 0;
  let pagesStarted = 0;
  let attachmentsTaken = 0;
  let stopped = false;
  let finished = false;
  let aborted = false;
  let wakeTimer: NodeJS.Timeout | undefined;
  let lastProgress = 0;
  let currentUrl: string | undefined;
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));

  const progress = (force = false) => {
    if (!handlers.onProgress) return;
    const now = Date.now();
    if (!force && now - lastProgress < PROGRESS_INTERVAL_MS) return;
    lastProgress = now;
    handlers.onProgress({
      pagesDone: stats.pages,
      queued: frontier.size + politeness.parked,
      linksChecked: stats.links,
      bytes: stats.bytes,
      errors: stats.errors,
      currentUrl,
    });
  };

  const finish = () => {
    if (finished) return;
    finished = true;
    if (wakeTimer) clearTimeout(wakeTimer);
    resolveDone();
  };

  const onAbort = () => {
    if (stopped) return;
    stopped = true;
    aborted = true;
    politeness.clearParked();
    if (politeness.active === 0) finish();
    else setTimeout(finish, ABORT_GRACE_MS).unref();
  };
  if (opts.signal?.aborted) onAbort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });

  /** Next frontier entry worth starting; page entries past maxPages are dropped. */
  const nextEntry = (): FrontierEntry | undefined => {
    for (;;) {
      const e = frontier.pop();
      if (!e) return undefined;
      if (e.kind !== 'page' || pagesStarted < c.maxPages) return e;
      limits.add(`已达到最大页面数 ${c.maxPages}，其余页面未抓取`);
      skipped.note(e.url, 'max-pages', e.ref?.url);
      book.drop(e.url);
    }
  };

  const pump = () => {
    if (finished) return;
    if (stopped) {
      if (politeness.active === 0) finish();
      return;
    }
    let wait = Infinity;
    while (politeness.hasGlobalSlot) {
      const now = Date.now();
      const taken = politeness.take(now);
      if (typeof taken !== 'number') {
        launch(taken.item, taken.host);
        continue;
      }
      wait = taken;
      if (!politeness.canPark) break;
      const e = nextEntry();
      if (!e) break;
      const host = hostOf(e.url);
      if (politeness.tryStart(host, now)) launch(e, host);
      else politeness.park(host, e);
    }
    if (politeness.active === 0 && politeness.parked === 0 && frontier.size === 0) {
      finish();
      return;
    }
    if (wait !== Infinity && !wakeTimer) {
      wakeTimer = setTimeout(() => {
        wakeTimer = undefined;
        pump();
      }, Math.max(1, wait));
    }
  };

  const launch = (e: FrontierEntry, host: string) => {
    if (e.kind === 'page') pagesStarted++;
    currentUrl = e.url;
    run(e, host)
      .catch(() => {
        stats.errors++; // a handler threw; the crawl goes on
      })
      .finally(() => {
        politeness.finish(host);
        progress();
        pump();
      });
  };

  const run = async (e: FrontierEntry, host: string): Promise<void> => {
    let r: FetchResult;
    if (e.kind === 'page') r = await crawlPage(e);
    else if (e.kind === 'attachment') r = await fetchAttachment(e);
    else r = await fetcher.check(e.url);
    if (finished) return; // returned already (abort grace over): results would be inconsistent
    stats.links++;
    stats.bytes += r.bytes;
    const wait = r.status === 429 || r.status === 503 ? retryAfterMs(r.headers['retry-after']) : undefined;
    if (wait !== undefined) politeness.backoff(host, wait, Date.now());
    // A body that never ended came from a server that answered: the link resolves (the page is its own finding).
    const verdict = r.unfinished ? { outcome: 'ok' as const, status: r.status } : r;
    if (book.resolve(e.url, verdict, e.internal, e.ref)) stats.errors++;
  };

  const fetchAttachment = async (e: FrontierEntry): Promise<FetchResult> => {
    const readable = READABLE_ATTACHMENT_EXTENSIONS.has(pathExtension(new URL(e.url).pathname));
    if (!wantAttachments || !readable) return fetcher.check(e.url);
    if (attachmentsTaken >= cfg.checks.maxAttachments) {
      limits.add(`已达到附件提取上限 ${cfg.checks.maxAttachments} 个，其余附件只检查能否访问`);
      return fetcher.check(e.url);
    }
    attachmentsTaken++;
    const r = await fetcher.fetch(e.url, { maxBytes: c.maxAttachmentBytes });
    if (r.outcome === 'ok' && r.body && !finished && !stopped) {
      await handlers.onAttachment!({ url: e.url, linkedFrom: e.ref?.url ?? '', contentType: r.contentType, body: r.body });
    }
    return r;
  };

  /** Fetches a page (the extractor learns the final URL before the body streams, and redirect targets are
   *  de-duplicated against the frontier), parses it, and queues what it links. */
  const crawlPage = async (e: FrontierEntry): Promise<FetchResult> => {
    const isHome = e.depth === 0;
    let current = e.url;
    const placeholder = {} as FetchResult; // the extractor reads it at end(); filled in below
    let extractor: ParseHandle | undefined;
    let sniffed = 'unknown' as 'unknown' | 'text' | 'binary';
    // The fetcher hands over the response headers before the body streams (`onResponse`): the header
    // charset is known before the parser sees a byte; without one the extractor sniffs (BOM, meta, bytes).
    let contentTypeHeader = '';
    const sink = (chunk: Buffer) => {
      if (sniffed === 'unknown') sniffed = looksBinary(chunk) ? 'binary' : 'text';
      if (sniffed !== 'text') return;
      extractor ??= parsePool.begin({ url: e.url, finalUrl: current, depth: e.depth, isHome, contentTypeHeader, fetch: placeholder, maxTextChars: c.maxTextChars });
      extractor.write(chunk);
    };
    // Redirects are judged by the fetcher (one copy); the crawler only says which it follows: not off-site
    // targets (only whether they answer) and not URLs crawled on their own (not fetched twice).
    let stoppedAt: { url: string; offSite: boolean } | undefined;
    const onRedirect = (target: URL): boolean => {
      if (isHome && !scope.inScope(target)) {
        scope.addHost(target.hostname); // the site moved
        ignoredLinks.clear();
      }
      if (!scope.inScope(target)) stoppedAt = { url: target.href, offSite: true };
      else if (!frontier.markSeen(target.href)) stoppedAt = { url: target.href, offSite: false };
      else current = target.href;
      return stoppedAt === undefined;
    };
    const fetchOptions: FetchOptions = {
      sink,
      onRedirect,
      onResponse: (res) => {
        contentTypeHeader = res.headers['content-type'] ?? '';
      },
    };
    const r = await fetcher.fetch(e.url, fetchOptions);
    const redirects = r.redirects;
    if (stoppedAt?.offSite) {
      const ext = await fetcher.check(stoppedAt.url);
      return { ...ext, url: e.url, redirects: [...redirects, ...ext.redirects] };
    }
    if (stoppedAt) {
      // Redirects to a URL crawled (or queued) on its own: broken only if that is.
      const known = book.get(stoppedAt.url);
      const verdict = known ? { outcome: known.outcome, status: known.status, error: known.error } : { outcome: 'ok' as const };
      return { ...r, url: e.url, finalUrl: stoppedAt.url, redirects, ...verdict };
    }
    const result: FetchResult = { ...r, url: e.url, finalUrl: current, redirects };
    const isHtml = HTML_TYPES.has(r.contentType) || (r.contentType === '' && sniffed !== 'binary');
    if (r.unfinished) {
      // Cut at the size cap or the time limit: a finding of its own, never parsed as if it were the whole page.
      if (isHtml) noteOversized(result, e);
      return result;
    }
    if (r.outcome !== 'ok' || !isHtml || finished) return result;
    Object.assign(placeholder, result);
    extractor ??= parsePool.begin({ url: e.url, finalUrl: current, depth: e.depth, isHome, contentTypeHeader: r.headers['content-type'] ?? '', fetch: placeholder, maxTextChars: c.maxTextChars });
    // The home page is the only page in flight until its links are queued, so it is still handled first.
    let parsed: Awaited<ReturnType<ParseHandle['endWithExtra']>>;
    try {
      parsed = await extractor.endWithExtra();
    } catch (err) {
      if (!(err instanceof ParseTimeoutError)) throw err;
      noteUnparsed(err);
      return result;
    }
    const { facts: page, extra } = parsed;
    if (finished) return result;
    await acceptPage(page, e, extra);
    return result;
  };

  /** A page that hung the parser: its worker was replaced; the page is named in the crawl notes. */
  const noteUnparsed = (err: ParseTimeoutError) => {
    unparsed++;
    if (unparsed <= MAX_UNPARSED_NOTES) limits.add(`${err.message}，该页未检查`);
    else limits.add(`解析超时的页面超过 ${MAX_UNPARSED_NOTES} 个，其余未逐一列出`);
  };

  const noteOversized = (r: FetchResult, e: FrontierEntry) => {
    if (oversized.length >= MAX_OVERSIZED || !r.unfinished) return;
    const { reason, wireBytes, ratio } = r.unfinished;
    oversized.push({
      url: e.url,
      finalUrl: r.finalUrl,
      reason,
      bytes: r.bytes,
      wireBytes,
      ratio,
      ms: r.ms,
      capBytes: c.maxBodyBytes,
      timeLimitMs: c.requestTimeoutMs,
      ...(r.headers['content-encoding'] ? { contentEncoding: r.headers['content-encoding'].slice(0, 40) } : {}),
      status: r.status,
      isHome: e.depth === 0,
      ...(e.ref ? { linkedFrom: e.ref.url } : {}),
    });
  };

  const acceptPage = async (page: PageFacts, e: FrontierEntry, extra: unknown) => {
    stats.pages++;
    const isHome = e.depth === 0;
    if (isHome) home = page;
    if (keyPages.length < MAX_KEY_PAGES && (isHome || (e.depth === 1 && (e.ref?.place === 'nav' || page.kind === 'list')))) keyPages.push(page);
    columns.addPage(page);
    queueLinks(page, isHome);
    if (isHome) for (const s of opts.seeds ?? []) offerSeed(s);
    await handlers.onPage(page, extra);
  };

  const offerSeed = (href: string) => {
    const u = classifyUrl(href);
    if (u.kind !== 'http' || !scope.inScope(u.parsed)) return;
    if (!robotsAllow(u.parsed)) {
      skipped.note(u.url, 'robots');
      return;
    }
    if (frontier.offer({ url: u.url, depth: 1, kind: targetKindOf(u.parsed.pathname), internal: true }, u.parsed) === 'queued') book.track(u.url);
  };

  // robots.txt belongs to the start host (and its www twin); subsites have their own, which we do not read.
  const rootHostKey = hostKey(root.parsed.hostname);
  const robotsAllow = (u: URL) => robots === null || hostKey(u.hostname) !== rootHostKey || robots.isAllowed(u.pathname + u.search, c.userAgent);

  // Links that never enter the frontier whatever their tag (not http; off-site with external checks off)
  // are not in frontier.has(); without this memo every occurrence on every page is parsed again.
  const ignoredLinks = new Set<string>();
  const ignore = (url: string) => {
    if (ignoredLinks.size >= MAX_IGNORED_LINKS) ignoredLinks.clear();
    ignoredLinks.add(url);
  };

  const queueLinks = (page: PageFacts, isHome: boolean) => {
    const pageUrl = page.finalUrl || page.url;
    const depth = page.depth + 1;
    // Pagination of a list (index_1.html … index_900.html) stays at the list's depth: a long column
    // is not a deep site, and maxDepth would otherwise cut off its older articles.
    const pagination = page.pagination.length > 0 ? new Set(page.pagination) : undefined;
    for (const link of page.links) {
      // Fast path: most links on a page (navigation, footer) point at URLs already seen.
      if (frontier.has(link.url)) {
        if (book.wants(link.url)) book.note(link.url, referrerOf(pageUrl, isHome, link));
        continue;
      }
      if (ignoredLinks.has(link.url)) continue;
      if (isRejectedScheme(link.href)) {
        skipped.note(link.url, 'scheme', pageUrl);
        continue;
      }
      const u = classifyUrl(link.url);
      if (u.kind !== 'http') {
        ignore(link.url);
        skipped.note(link.url, u.reason === 'scheme' ? 'scheme' : 'invalid-url', pageUrl);
        continue;
      }
      if (u.url !== link.url && frontier.has(u.url)) {
        if (book.wants(u.url)) book.note(u.url, referrerOf(pageUrl, isHome, link));
        continue;
      }
      const internal = scope.inScope(u.parsed);
      let kind: TargetKind;
      if (!internal) {
        if (!c.checkExternalLinks) {
          ignore(link.url);
          skipped.note(u.url, 'off-site', pageUrl);
          continue;
        }
        kind = 'resource';
      } else {
        kind = targetKindOf(u.parsed.pathname);
        if (kind === 'page' && !PAGE_TAGS.has(link.tag)) kind = 'resource';
        if (kind === 'page' && !robotsAllow(u.parsed)) {
          skipped.note(u.url, 'robots', pageUrl); // not memoised: the same URL as an <img> is checked
          continue;
        }
      }
      const linkDepth = pagination?.has(link.url) ? page.depth : depth;
      const outcome = frontier.offer({ url: u.url, depth: linkDepth, kind, internal, ref: referrerOf(pageUrl, isHome, link) }, u.parsed);
      if (outcome === 'queued') book.track(u.url);
      else if (outcome !== 'seen') {
        noteLimit(outcome);
        skipped.note(u.url, outcome, pageUrl);
      }
    }
  };

  const noteLimit = (l: FrontierLimit) => {
    switch (l) {
      case 'max-depth':
        limits.add(`已达到最大抓取深度 ${c.maxDepth}，更深的页面未抓取`);
        break;
      case 'max-urls':
        limits.add(`已达到单站网址数上限 ${c.maxUrlsPerSite}，其余链接未抓取`);
        break;
      case 'query-variants':
        limits.add(`同一路径的查询参数变体超过 ${c.maxQueryVariantsPerPath} 个（疑似爬虫陷阱），其余未抓取`);
        break;
      case 'repeating-path':
        limits.add('发现路径段重复 3 次及以上的网址（疑似爬虫陷阱），已跳过');
        break;
    }
  };

  try {
    frontier.offer({ url: root.url, depth: 0, kind: 'page', internal: true }, root.parsed);
    if (!opts.signal?.aborted) pump();
    await done;
    progress(true);
    const skippedNote = describeSkipped(skipped.result());
    if (skippedNote) limits.add(skippedNote);
    return {
      home,
      keyPages,
      columns: columns.result(home),
      brokenLinks: book.list(),
      oversizedPages: oversized,
      skippedLinks: skipped.result(),
      stats: { ...stats },
      aborted,
      limits: [...limits],
    };
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    frontier.close();
    if (!opts.parsePool) await parsePool.close();
    if (!opts.fetcher) {
      const closing = fetcher.close().catch(() => undefined);
      if (!aborted) await closing;
    }
  }
}

/** Longest Crawl-delay honoured; a robots.txt asking for more would stretch a 5,000-page crawl over days. */
const MAX_CRAWL_DELAY_MS = 30_000;

/** Under --respect-robots, the robots.txt Crawl-delay for our product token spaces requests to the site's own
 *  host (and its www twin); other hosts keep perHostDelayMs. Undefined when there is nothing to add. */
function robotsDelay(robots: RobotsRules | null, c: ScanConfig['crawl'], root: URL, limits: Set<string>): ((host: string) => number) | undefined {
  const asked = robots?.crawlDelayFor(c.userAgent);
  if (asked === undefined || asked * 1000 <= c.perHostDelayMs) return undefined;
  const ms = Math.min(asked * 1000, MAX_CRAWL_DELAY_MS);
  limits.add(
    ms < asked * 1000
      ? `robots.txt 要求抓取间隔 ${asked} 秒，过长，按 ${MAX_CRAWL_DELAY_MS / 1000} 秒执行`
      : `已按 robots.txt 的 Crawl-delay 每 ${asked} 秒请求一次本站`,
  );
  const siteKey = hostKey(root.hostname);
  return (host) => (hostKey(host.replace(/:\d+$/, '')) === siteKey ? ms : c.perHostDelayMs);
}

/** host[:port] of a normalised absolute URL, without parsing it again. */
function hostOf(url: string): string {
  const start = url.indexOf('//') + 2;
  const end = url.indexOf('/', start);
  return url.slice(start, end === -1 ? undefined : end);
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
