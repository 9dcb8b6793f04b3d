// The crawl loop: pull from the frontier, respect per-host politeness, stream each HTML page into the
// extractor, queue what it links, link-check everything else once, and book the broken links.
// Event driven: completions call pump(); no per-link promises, no O(n) scans per page.
import type { ScanConfig } from '../config.js';
import { createColumnModel } from './columns.js';
import { createScope, hostKey, type BrokenLink, type ColumnFacts, type LinkFact, type OversizedPage, type PageFacts, type Scope, type SkippedLinks, type SkipReason } from '../domain/index.js';
import type { FetchResult } from './fetch-result.js';
import { createFetcher, type Fetcher } from './fetch.js';
import { requestPage, type PageRequestDeps } from './page-request.js';
import { conditionalHeaders, validatorsOf, type AttachmentCache, type PageCache, type PageInfo, type PageValidators } from './page-cache.js';
import { Frontier, type FrontierEntry, type FrontierLimit } from './frontier.js';
import { createParsePool, type ParsePool, type ParseTimeoutError } from './parse-pool.js';
import { describeSkipped, LinkBook, referrerOf, SkipBook } from './links.js';
import { Politeness, retryAfterMs } from './politeness.js';
import type { RobotsRules } from './robots.js';
import { classifyUrl, isRejectedScheme, pathExtension, READABLE_ATTACHMENT_EXTENSIONS, targetKindOf, type TargetKind, type UrlClass } from './url.js';
import { KeyPages } from './key-pages.js';

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
  /** The response's validators, when the server sent any (worth storing for the next scan). */
  validators?: PageValidators;
}

/** An attachment the server said has not changed since the caller's stored validators (AttachmentCache). */
export interface ReusedAttachment {
  url: string;
  linkedFrom: string;
  reused: true;
}
export interface CrawlHandlers {
  /** `extra` is what the parse pool's processor returned for the page (undefined without one, or if it failed). */
  onPage(page: PageFacts, extra: unknown, info: PageInfo): void | Promise<void>;
  onAttachment?(a: AttachmentBody | ReusedAttachment): void | Promise<void>;
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
  /** The previous scan's pages: unchanged ones (304) are not downloaded or parsed again. */
  pageCache?: PageCache;
  /** The previous scan's attachments: unchanged ones (304) are handed on as reused, without a body. */
  attachmentCache?: AttachmentCache;
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
  /** Pages the server said were unchanged (304), judged on the previous scan's facts. */
  reusedPages: number;
  /** Every page URL crawled (fetched or reused), so the caller can tell which stored pages disappeared. */
  seenPages?: Set<string>;
  aborted: boolean;
  limits: string[];
}

const MAX_KEY_PAGES = 20;

/** A link's URL as the frontier queues it. */
function crawlUrlOf(url: string): string {
  const u = classifyUrl(url);
  return u.kind === 'http' ? u.url : url;
}
const MAX_OVERSIZED = 200;
const MAX_UNPARSED_NOTES = 20;
const MAX_IGNORED_LINKS = 20_000;
const PROGRESS_INTERVAL_MS = 200;
/** After an abort, in-flight requests get this long to finish before we return without them. */
const ABORT_GRACE_MS = 1000;
const PAGE_TAGS = new Set<LinkFact['tag']>(['a', 'area', 'iframe', 'frame', 'meta-refresh']);

export async function crawlSite(rootUrl: string, cfg: ScanConfig, handlers: CrawlHandlers, opts: CrawlOptions = {}): Promise<CrawlResult> {
  const c = cfg.crawl;
  const root = classifyUrl(rootUrl);
  const limits = new Set<string>();
  const stats = { pages: 0, links: 0, bytes: 0, errors: 0 };
  if (root.kind !== 'http') {
    return { keyPages: [], columns: [], brokenLinks: [], oversizedPages: [], skippedLinks: { counts: {}, sample: [] }, stats: { ...stats, errors: 1 }, reusedPages: 0, aborted: false, limits: [`起始网址无效：${rootUrl.slice(0, 200)}`] };
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
  const keyPages = new KeyPages(MAX_KEY_PAGES);
  const oversized: OversizedPage[] = [];
  let unparsed = 0;
  let reusedPages = 0;
  const seenPages = opts.pageCache ? new Set<string>() : undefined;
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

  /** request → emit (→ recurse, inside emit): one frontier entry, whatever its kind, then its link verdict. */
  const run = async (e: FrontierEntry, host: string): Promise<void> => {
    const r = await request(e);
    if (finished) return; // returned already (abort grace over): results would be inconsistent
    stats.links++;
    stats.bytes += r.bytes;
    const wait = r.status === 429 || r.status === 503 ? retryAfterMs(r.headers['retry-after']) : undefined;
    if (wait !== undefined) politeness.backoff(host, wait, Date.now());
    // A body that never ended came from a server that answered: the link resolves (the page is its own finding).
    const verdict = r.unfinished ? { outcome: 'ok' as const, status: r.status } : r;
    if (book.resolve(e.url, verdict, e.internal, e.ref)) stats.errors++;
  };

  const request = async (e: FrontierEntry): Promise<FetchResult> => {
    if (e.kind === 'attachment') return fetchAttachment(e);
    if (e.kind !== 'page') return fetcher.check(e.url);
    const page = await requestPage(e, pageDeps);
    if (page.kind === 'unfinished') noteOversized(page.result, e);
    else if (page.kind === 'unparsed') noteUnparsed(page.error);
    // The home page is the only page in flight until its links are queued, so it is still handled first.
    else if (page.kind === 'parsed' && !finished) await emit(page.parsed.facts, e, page.parsed.extra, { validators: validatorsOf(page.result.headers), reused: false });
    else if (page.kind === 'reused' && !finished) {
      reusedPages++;
      await emit(page.facts, e, undefined, { reused: true, stored: page.stored });
    }
    return page.result;
  };

  const fetchAttachment = async (e: FrontierEntry): Promise<FetchResult> => {
    const readable = READABLE_ATTACHMENT_EXTENSIONS.has(pathExtension(new URL(e.url).pathname));
    if (!wantAttachments || !readable) return fetcher.check(e.url);
    if (attachmentsTaken >= cfg.checks.maxAttachments) {
      limits.add(`已达到附件提取上限 ${cfg.checks.maxAttachments} 个，其余附件只检查能否访问`);
      return fetcher.check(e.url);
    }
    attachmentsTaken++;
    const linkedFrom = e.ref?.url ?? '';
    const validators = opts.attachmentCache?.validators(e.url, linkedFrom);
    const r = await fetcher.fetch(e.url, { maxBytes: c.maxAttachmentBytes, headers: conditionalHeaders(validators) });
    if (r.status === 304 && validators) {
      if (!finished && !stopped) await handlers.onAttachment!({ url: e.url, linkedFrom, reused: true });
      return { ...r, status: 200, outcome: 'ok' };
    }
    if (r.outcome === 'ok' && r.body && !finished && !stopped) {
      await handlers.onAttachment!({ url: e.url, linkedFrom, contentType: r.contentType, body: r.body, validators: validatorsOf(r.headers) });
    }
    return r;
  };

  const pageDeps: PageRequestDeps = {
    c,
    fetcher,
    parsePool,
    scope,
    book,
    markSeen: (url) => frontier.markSeen(url),
    onSiteMoved: (host) => {
      scope.addHost(host);
      ignoredLinks.clear();
    },
    finished: () => finished,
    cache: opts.pageCache,
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

  /** emit: the page's facts to the column model and the caller, its links to the frontier (recurse). */
  const emit = async (page: PageFacts, e: FrontierEntry, extra: unknown, info: PageInfo) => {
    stats.pages++;
    seenPages?.add(e.url);
    const isHome = e.depth === 0;
    if (isHome) home = page;
    if (isHome) keyPages.offerHome(page, crawlUrlOf);
    else if (e.depth === 1 && (e.ref?.place === 'nav' || page.kind === 'list')) keyPages.offerLinked(e.url, page);
    columns.addPage(page);
    recurse(page, isHome);
    if (isHome) for (const s of opts.seeds ?? []) offerSeed(s);
    await handlers.onPage(page, extra, info);
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
  const linkRules: LinkRules = { scope, checkExternalLinks: c.checkExternalLinks, robotsAllow };

  // Links that never enter the frontier whatever their tag (not http; off-site with external checks off)
  // are not in frontier.has(); without this memo every occurrence on every page is parsed again.
  const ignoredLinks = new Set<string>();
  const ignore = (url: string) => {
    if (ignoredLinks.size >= MAX_IGNORED_LINKS) ignoredLinks.clear();
    ignoredLinks.add(url);
  };

  /** recurse: offers each link of a page to the frontier, or books it as SKIPPED (shouldSkip). */
  const recurse = (page: PageFacts, isHome: boolean) => {
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
      const u = isRejectedScheme(link.href) ? REJECTED_SCHEME : classifyUrl(link.url);
      if (u.kind === 'http' && u.url !== link.url && frontier.has(u.url)) {
        if (book.wants(u.url)) book.note(u.url, referrerOf(pageUrl, isHome, link));
        continue;
      }
      const target = shouldSkip(link, u, linkRules);
      if ('skip' in target) {
        if (target.memo) ignore(link.url);
        skipped.note(u.kind === 'http' ? u.url : link.url, target.skip, pageUrl);
        continue;
      }
      const { kind, internal, parsed } = target;
      const linkDepth = pagination?.has(link.url) ? page.depth : depth;
      const outcome = frontier.offer({ url: parsed.href, depth: linkDepth, kind, internal, ref: referrerOf(pageUrl, isHome, link) }, parsed);
      if (outcome === 'queued') book.track(parsed.href);
      else if (outcome !== 'seen') {
        noteLimit(outcome);
        skipped.note(parsed.href, outcome, pageUrl);
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
      keyPages: keyPages.pages(),
      columns: columns.result(home),
      brokenLinks: book.list(),
      oversizedPages: oversized,
      skippedLinks: skipped.result(),
      stats: { ...stats },
      reusedPages,
      seenPages,
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

const REJECTED_SCHEME: UrlClass = { kind: 'rejected', reason: 'scheme' };

interface LinkRules {
  scope: Scope;
  checkExternalLinks: boolean;
  robotsAllow(u: URL): boolean;
}

/**
 * shouldSkip: why a link not yet in the frontier is neither crawled nor checked (`memo`: the same URL is
 * skipped whatever tag links it, so later occurrences need no second look), or what it is to the crawl.
 */
function shouldSkip(link: LinkFact, u: UrlClass, rules: LinkRules): { skip: SkipReason; memo: boolean } | { kind: TargetKind; internal: boolean; parsed: URL } {
  if (u.kind !== 'http') return { skip: u.reason === 'scheme' ? 'scheme' : 'invalid-url', memo: true };
  const internal = rules.scope.inScope(u.parsed);
  if (!internal) return rules.checkExternalLinks ? { kind: 'resource', internal, parsed: u.parsed } : { skip: 'off-site', memo: true };
  let kind = targetKindOf(u.parsed.pathname);
  if (kind === 'page' && !PAGE_TAGS.has(link.tag)) kind = 'resource';
  // Not memoised: the same URL linked as an <img> is still checked.
  if (kind === 'page' && !rules.robotsAllow(u.parsed)) return { skip: 'robots', memo: false };
  return { kind, internal, parsed: u.parsed };
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
