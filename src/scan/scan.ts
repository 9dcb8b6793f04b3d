// One site scan, end to end: crawl → facts → checks → findings → rules → score → report.
// Data flows one way; this module only wires the stages together and owns nothing else.
import { existsSync } from 'node:fs';
import type { ScanConfig } from '../config.js';
import type { SiteFacts, VariantFacts, Baseline, PageFacts, Finding, ScanCoverage, ScanReport } from '../domain/index.js';
import type { Check, CheckContext, PageCheck } from '../checks/types.js';
import type { Screenshot } from '../report/html.js';
import { createFetcher, type Fetcher } from '../crawl/fetch.js';
import { runProbes, fetchVariants, type ProbeResult } from '../crawl/probes.js';
import { crawlSite, type AttachmentBody, type CrawlProgress, type CrawlResult, type ReusedAttachment } from '../crawl/crawler.js';
import { createParsePool, defaultParseWorkers, type ParsePool } from '../crawl/parse-pool.js';
import { asPageCheckResult, type PageCheckResult, type PageProcessorInit } from './page-processor.js';
import { extractFacts } from '../crawl/extract/index.js';
import { allChecks } from '../checks/index.js';
import { FindingCollector, enabledChecks, runAttachmentChecks, runPageChecks, runSiteChecks } from '../checks/runner.js';
import { runTextChecksOnAttachment } from '../checks/text/index.js';
import { rememberKeyPageWords, makeBaseline, provideSpamWordsMemo, SpamWordsMemo } from '../checks/security/index.js';
import { AttachmentSandbox } from '../text/attachment-sandbox.js';
import { provideDictionaries } from '../text/engine.js';
import { BrowserSchedule, isSuspect } from './browser-schedule.js';
import { parseStartUrl } from './start-url.js';
import { prepareScan, type PreparedScan } from './preflight.js';
import { ScanWriter } from './scan-writer.js';
import { buildCoverage, missingInputs, partitionSiteChecks } from './coverage.js';
import { score, indicatorInfos, type Catalogue, type IndicatorInfo } from '../rules/index.js';
import type { Store } from '../store/index.js';
import { StoreError } from '../store/errors.js';
import { SitePageCache, type CachedChecks, type PageCacheEntry } from '../store/page-cache.js';
import { SiteAttachmentCache, type AttachmentCacheEntry } from '../store/attachment-cache.js';
import { readSpamWordMemo, saveSpamWordMemo } from '../store/spam-word-memo.js';
import { attachmentCheckKey, CLOCK_CHECKS, clockMatters, pageCheckKey } from './check-key.js';
import type { PageCache, PageInfo } from '../crawl/page-cache.js';

export interface ScanProgress extends CrawlProgress {
  phase: string;
}

export interface ScanOptions {
  url: string;
  config: ScanConfig;
  store?: Store;
  signal?: AbortSignal;
  now?: Date;
  onProgress?(p: ScanProgress): void;
  onPhase?(label: string): void;
  /** Where browser screenshots go (a temp dir by default). */
  assetsDir?: string;
  /** The catalogue and dictionaries, already loaded and checked (prepareScan); loaded here when absent. */
  prepared?: PreparedScan;
  /** How often the store hears the scan is alive while nothing else is written (default 60 s). */
  heartbeatMs?: number;
}

export interface ScanOutcome {
  report: ScanReport;
  scanId?: number;
  screenshots: Screenshot[];
  /** How the crawl went, in Chinese: caps hit, robots.txt, sitemaps, dropped findings, interruption. */
  crawlNotes: string[];
  checkErrors: Array<{ check: string; url?: string; message: string }>;
  aborted: boolean;
  /** The rule each indicator code stands for (legal basis, advice), for reports. */
  indicatorInfo: (code: string) => IndicatorInfo | undefined;
}

function staticExtract(url: string, body: Buffer, contentTypeHeader: string) {
  const facts = extractFacts(
    {
      url,
      finalUrl: url,
      depth: 0,
      isHome: false,
      contentTypeHeader,
      fetch: { url, finalUrl: url, redirects: [], outcome: 'ok', status: 200, ms: 0, headers: {}, contentType: 'text/html', bytes: body.length },
      maxTextChars: 20_000,
    },
    body,
  );
  return { title: facts.title, text: facts.text, links: facts.links, scripts: facts.scripts };
}

// The page checks run on the parse workers, loaded from this module's sibling (.ts from source, .js built).
const PAGE_PROCESSOR_URL = new URL(`./page-processor${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;

/** What one scan holds while it runs: its clock, checks, findings, store record and open resources. */
interface ScanRun {
  opts: ScanOptions;
  cfg: ScanConfig;
  root: URL;
  rootUrl: string;
  startedAt: Date;
  ctx: CheckContext;
  checks: ReturnType<typeof enabledChecks>;
  found: FindingCollector;
  catalogue: Catalogue;
  /** The caller's signal, or a store write error: either stops the crawl. */
  signal: AbortSignal;
  record?: { store: Store; siteId: number; scanId: number; writer: ScanWriter };
  /** The previous scan's pages (incremental rescans), and what this scan changes in them. */
  cache?: IncrementalCache;
  fetcher: Fetcher;
  parsePool: ParsePool;
  sandbox: AttachmentSandbox;
  browser: BrowserSchedule;
  /** Suspect pages (hidden blocks, redirect scripts): rendered and fetched as a spider too. */
  suspects: string[];
  attachments: number;
  /** Pages the page checks ran on (here or on a parse worker). */
  pagesChecked: number;
  /** Unchanged pages whose check results from the previous scan stood (only the clock checks ran again). */
  checksReused: number;
  /** Unchanged attachments whose findings from the previous scan stood. */
  attachmentsReused: number;
}

/**
 * One scan, as named steps: prepare (load and validate everything from disk, before any request) → open (the
 * store record and the scan's resources) → probe → crawl (page checks stream past) → site facts → site checks →
 * score → save. A failed store write stops the crawl and fails the scan; what was written stays.
 */
export async function scanSite(opts: ScanOptions): Promise<ScanOutcome> {
  const prepared = opts.prepared ?? prepareScan(opts.config);
  const run = await openRun(opts, prepared);
  try {
    const probes = await probe(run);
    const crawl = await crawlPages(run, probes);
    throwIfWriteFailed(run);
    const siteFacts = await gatherSiteFacts(run, probes, crawl);
    phase(run, '运行站点级检查并计分 …');
    const skipped = runSiteChecksWithInputs(run, siteFacts, crawl);
    const notes = crawlNotes(run, probes, crawl);
    const report = scoreReport(run, siteFacts, crawl, coverage(run, siteFacts, skipped, notes));
    await save(run, report, crawl);
    return {
      report,
      scanId: run.record?.scanId,
      screenshots: siteFacts.screenshots,
      crawlNotes: notes,
      checkErrors: run.found.errors,
      aborted: crawl.aborted,
      indicatorInfo: indicatorLookup(run.catalogue),
    };
  } catch (err) {
    await markFailed(run);
    throw run.record?.writer.error ? storeFailure(run.record.writer.error) : err;
  } finally {
    await closeRun(run);
  }
}

function phase(run: ScanRun, label: string): void {
  run.opts.onPhase?.(label);
}

/** Opens the store record (site, scan, write queue) and the scan's resources; nothing is fetched yet. */
async function openRun(opts: ScanOptions, prepared: PreparedScan): Promise<ScanRun> {
  const cfg = opts.config;
  const root = parseStartUrl(opts.url);
  const rootUrl = root.href;
  const startedAt = new Date();
  const now = opts.now ?? startedAt;
  const ctx: CheckContext = { config: cfg, now, rootUrl, resources: new Map() };
  // The dictionaries were read and checked by prepareScan; the page checks on this thread use that copy.
  if (prepared.dictionaries) provideDictionaries(ctx, prepared.dictionaries);
  const writeFailed = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, writeFailed.signal]) : writeFailed.signal;
  const browser = new BrowserSchedule(cfg, root, opts.assetsDir, signal);
  try {
    const record = opts.store ? await openRecord(opts.store, rootUrl, startedAt, cfg, opts.heartbeatMs, () => writeFailed.abort()) : undefined;
    const checks = enabledChecks(allChecks, ctx);
    const cache = record && cfg.crawl.incremental ? await openCache(record.store, record.siteId, cfg, pageCheckKey(cfg, rootUrl, prepared.dictionaries), checks.page) : undefined;
    if (cache) provideSpamWordsMemo(ctx, cache.spamWords);
    return {
      cache,
      opts, cfg, root, rootUrl, startedAt, ctx,
      checks,
      found: new FindingCollector(cfg.checks.maxFindingsPerCheck),
      catalogue: prepared.catalogue,
      signal,
      record,
      browser,
      fetcher: createFetcher(cfg.crawl),
      parsePool: createParsePool(parseWorkers(cfg), { processor: pageProcessor(cfg, now, rootUrl), pageTimeoutMs: cfg.crawl.parseTimeoutMs }),
      sandbox: new AttachmentSandbox(),
      suspects: [],
      attachments: 0,
      pagesChecked: 0,
      checksReused: 0,
      attachmentsReused: 0,
    };
  } catch (err) {
    await browser.close(); // the scan never started: nothing else will close it
    throw err;
  }
}

async function openRecord(store: Store, rootUrl: string, startedAt: Date, cfg: ScanConfig, heartbeatMs: number | undefined, onWriteError: () => void) {
  const site = await store.upsertSite(rootUrl);
  const scan = await store.beginScan(site.id, startedAt.toISOString(), cfg);
  const writer = new ScanWriter(store, scan.id, { heartbeatMs, onError: onWriteError });
  return { store, siteId: site.id, scanId: scan.id, writer };
}

/** The stored pages of the previous scans of this site, and the writes this scan makes to them. */
interface IncrementalCache {
  stored: SitePageCache;
  lookup: PageCache;
  /** What this scan's page check results depend on (check-key.ts). */
  checkKey: string;
  /** The page checks run again on a page whose other results are reused (they read the clock). */
  clockChecks: PageCheck[];
  fresh: PageCacheEntry[];
  /** Stored pages this scan fetched again or reused: the rest of the stored pages are dropped at the end. */
  kept: Set<string>;
  /** Reused pages whose checks ran again (the key had changed): their new results. */
  rechecked: Array<{ url: string; checks: CachedChecks }>;
  attachments: SiteAttachmentCache;
  /** Attachments this scan read whose findings can stand for the next scan's. */
  freshAttachments: AttachmentCacheEntry[];
  /** Stored attachments this scan read again or reused: the rest are dropped at the end. */
  keptAttachments: Set<string>;
  /** The spam words of the texts the previous scan's site checks judged, and of those this scan judges. */
  spamWords: SpamWordsMemo;
}

const CACHE_BATCH = 200;

async function openCache(store: Store, siteId: number, cfg: ScanConfig, checkKey: string, pageChecks: PageCheck[]): Promise<IncrementalCache> {
  const [stored, attachments, spamWords] = await Promise.all([
    SitePageCache.open(store, siteId),
    SiteAttachmentCache.open(store.db, siteId, attachmentCheckKey(checkKey, cfg, ATTACHMENT_MAX_CHARS)),
    readSpamWordMemo(store.db, siteId, checkKey),
  ]);
  const lookup: PageCache = {
    validators: (url) => stored.validators.get(url),
    page: async (url) => {
      const cached = await stored.page(url);
      return cached && { facts: cached.facts, stored: cached.checks };
    },
  };
  return {
    stored, lookup, checkKey, clockChecks: pageChecks.filter((c) => CLOCK_CHECKS.has(c.id)), fresh: [], kept: new Set(), rechecked: [],
    attachments, freshAttachments: [], keptAttachments: new Set(), spamWords: new SpamWordsMemo(spamWords),
  };
}

/**
 * Keeps a fetched page (its validators, facts and check results) for the next scan, or notes that a stored
 * one was reused (and its results if they had to be computed again). Results with a failed check are not
 * kept: the next scan runs the checks again.
 */
function rememberPage(run: ScanRun, page: PageFacts, info: PageInfo | undefined, result: PageCheckResult, ranAgain: boolean): void {
  const cache = run.cache!;
  const checks = () => (result.errors.length === 0 ? { key: cache.checkKey, result: storedResult(page, result) } : undefined);
  if (info?.reused) {
    cache.kept.add(page.url);
    const again = ranAgain ? checks() : undefined;
    if (again) cache.rechecked.push({ url: page.url, checks: again });
  } else if (info?.validators) {
    cache.kept.add(page.url);
    cache.fresh.push({ url: page.url, validators: info.validators, facts: page, checks: checks() });
  }
  if (cache.fresh.length + cache.rechecked.length >= CACHE_BATCH) flushCache(run);
}

/** A page's results as stored: all of them when the clock cannot change them on this page (`clockFree`),
 *  else all but the checks that read the clock (run again on every scan). */
interface StoredResult extends PageCheckResult {
  clockFree?: boolean;
}

function storedResult(page: PageFacts, r: PageCheckResult): StoredResult {
  if (!clockMatters(page)) return { findings: r.findings, errors: [], dropped: r.dropped ?? [], clockFree: true };
  return { findings: r.findings.filter((f) => !CLOCK_CHECKS.has(f.check)), errors: [], dropped: (r.dropped ?? []).filter(([c]) => !CLOCK_CHECKS.has(c)) };
}

function flushCache(run: ScanRun): void {
  const cache = run.cache;
  const record = run.record;
  if (!cache || !record) return;
  const fresh = cache.fresh.splice(0);
  const rechecked = cache.rechecked.splice(0);
  const { scanId, writer } = record;
  if (fresh.length) writer.enqueue(() => cache.stored.save(scanId, fresh));
  if (rechecked.length) writer.enqueue(() => cache.stored.saveChecks(rechecked));
}

/** Stored pages this complete crawl did not reach any more: gone or no longer linked. */
function disappearedPages(run: ScanRun, crawl: CrawlResult): number {
  if (!run.cache || !crawl.seenPages || crawl.aborted) return 0;
  let n = 0;
  for (const url of run.cache.stored.validators.keys()) if (!crawl.seenPages.has(url)) n++;
  return n;
}

function parseWorkers(cfg: ScanConfig): number {
  return cfg.crawl.parseWorkers ?? defaultParseWorkers();
}

/** The page checks as the parse workers' processor, or none (they then run on this thread). */
function pageProcessor(cfg: ScanConfig, now: Date, rootUrl: string) {
  const init: PageProcessorInit = { config: cfg, now: now.toISOString(), rootUrl };
  // Measured on the 4829-page benchmark: the main thread spends ~3.0 s, one parse worker ~2.4 s, the page
  // checks ~0.6 s. With one worker, moving the checks over makes the worker the bottleneck (slower overall);
  // from two workers on, they have the room and the main thread sheds its biggest single cost.
  return parseWorkers(cfg) >= 2 ? { module: PAGE_PROCESSOR_URL, init } : undefined;
}

async function probe(run: ScanRun): Promise<ProbeResult> {
  phase(run, '探测站点可用性、HTTPS、IPv6、robots.txt …');
  return runProbes(run.rootUrl, run.fetcher, run.cfg);
}

/** Crawls the site; each page's checks, browser scheduling and store row happen as it streams past. */
async function crawlPages(run: ScanRun, probes: ProbeResult): Promise<CrawlResult> {
  phase(run, '抓取全站页面 …');
  const crawl = await crawlSite(
    run.rootUrl,
    run.cfg,
    {
      onPage: (page, extra, info) => onPage(run, page, extra, info),
      onAttachment: (a) => onAttachment(run, a),
      onProgress: (p) => run.opts.onProgress?.({ ...p, phase: '抓取' }),
    },
    {
      fetcher: run.fetcher, robots: probes.robots, seeds: probes.sitemapUrls, signal: run.signal, parsePool: run.parsePool,
      pageCache: run.cache?.lookup, attachmentCache: run.cache?.attachments,
    },
  );
  run.record?.writer.flushPages();
  flushCache(run);
  return crawl;
}

function onPage(run: ScanRun, page: PageFacts, extra: unknown, info?: PageInfo): void {
  run.pagesChecked++;
  if (run.cache) checkAndRemember(run, run.cache, page, extra, info);
  else checkPage(run, page, extra);
  const suspect = isSuspect(page);
  run.browser.onPage(page, suspect);
  if (suspect && run.suspects.length < 20) run.suspects.push(page.finalUrl || page.url);
  run.record?.writer.addPage({
    url: page.url, status: page.status, outcome: page.outcome, ms: Math.round(page.ms), bytes: page.bytes,
    title: page.title.slice(0, 500), kind: page.kind, pubDate: page.pubDate, columnName: page.columnName, depth: page.depth,
  });
}

/** A full scan: the parse worker's results, or the page checks run here straight into the scan's findings. */
function checkPage(run: ScanRun, page: PageFacts, extra: unknown): void {
  const fromWorker = asPageCheckResult(extra);
  if (fromWorker) addPageResult(run, fromWorker);
  else runPageChecks(run.checks.page, page, run.ctx, run.found);
}

function addPageResult(run: ScanRun, result: PageCheckResult): void {
  run.found.add(result.findings);
  for (const e of result.errors) run.found.fail(e.check, e.message, e.url);
  for (const [check, n] of result.dropped ?? []) run.found.drop(check, n);
}

/**
 * An incremental scan: the page's results come from a parse worker, from the previous scan (an unchanged page
 * whose results were computed under the same check key; the clock-reading checks run again only where the
 * clock can change their answer, see clockMatters), or are
 * computed here; they are kept for the next scan either way.
 */
function checkAndRemember(run: ScanRun, cache: IncrementalCache, page: PageFacts, extra: unknown, info?: PageInfo): void {
  const fromWorker = asPageCheckResult(extra);
  const stored = !fromWorker && info?.reused ? (info.stored as CachedChecks | undefined) : undefined;
  const reusable: StoredResult | undefined = stored?.key === cache.checkKey ? asPageCheckResult(stored.result) : undefined;
  let result = fromWorker ?? (reusable?.clockFree ? reusable : undefined);
  if (!result) {
    const out = new FindingCollector(run.cfg.checks.maxFindingsPerCheck);
    runPageChecks(reusable ? cache.clockChecks : run.checks.page, page, run.ctx, out);
    result = {
      findings: [...(reusable?.findings ?? []), ...out.findings],
      errors: out.errors,
      dropped: [...(reusable?.dropped ?? []), ...out.dropped],
    };
  }
  if (reusable) run.checksReused++;
  addPageResult(run, result);
  rememberPage(run, page, info, result, !reusable);
}

/** The characters of an attachment's text that are read and checked. */
const ATTACHMENT_MAX_CHARS = 500_000;

async function onAttachment(run: ScanRun, a: AttachmentBody | ReusedAttachment): Promise<void> {
  if (!run.cfg.checks.attachments || run.attachments >= run.cfg.checks.maxAttachments) return;
  run.attachments++;
  if ('reused' in a) return reuseAttachment(run, a);
  const text = await run.sandbox.extract(a.body, a.contentType, a.url, { maxChars: ATTACHMENT_MAX_CHARS, timeoutMs: run.cfg.checks.attachmentTimeoutMs });
  // An attachment whose text could not be read was not checked: say so, or the report looks clean.
  const unread = text.error !== undefined && !isUnsupportedType(text.error);
  if (unread) run.found.fail('privacy-leak', new Error(text.error), a.url);
  const findings = runAttachmentChecks(runTextChecksOnAttachment, { url: a.url, linkedFrom: a.linkedFrom, ...text }, run.ctx, run.found);
  // Kept for the next scan unless something failed, or the day can change the answer (an ID-length number).
  if (run.cache && a.validators && findings && !unread && !clockMatters({ title: '', text: text.text })) {
    run.cache.keptAttachments.add(a.url);
    run.cache.freshAttachments.push({ url: a.url, validators: a.validators, linkedFrom: a.linkedFrom, findings });
  }
}

/** An unchanged attachment (304 to the validators the cache offered): its stored findings stand. */
function reuseAttachment(run: ScanRun, a: ReusedAttachment): void {
  const findings = run.cache?.attachments.findings(a.url);
  if (!findings) return; // not offered without findings; a 304 to a request we did not make conditional
  run.attachmentsReused++;
  run.cache!.keptAttachments.add(a.url);
  run.found.add(findings);
}

/** Files of a type we do not read (archives, images) are not a failure of the text checks. */
function isUnsupportedType(error: string): boolean {
  return error.startsWith('不支持的附件类型');
}

/** Stops here, before the site checks, when the store could not keep what the scan found. */
function throwIfWriteFailed(run: ScanRun): void {
  const err = run.record?.writer.error;
  if (err) throw err;
}

/** The site-level facts: the crawl's aggregate, spider and search-referer variants, renders, baselines. */
async function gatherSiteFacts(run: ScanRun, probes: ProbeResult, crawl: CrawlResult): Promise<SiteFacts & { screenshots: Screenshot[] }> {
  const variants = await fetchSiteVariants(run, crawl);
  const { rendered, screenshots } = await run.browser.finish();
  const baselines: Baseline[] = run.record ? await run.record.store.getBaselines(run.record.siteId) : [];
  return {
    rootUrl: run.rootUrl,
    host: run.root.hostname,
    siteName: crawl.home?.meta['sitename'] || crawl.home?.title || undefined,
    now: run.ctx.now.toISOString(),
    home: crawl.home,
    probe: probes.facts,
    columns: crawl.columns,
    brokenLinks: crawl.brokenLinks,
    variants,
    baselines,
    keyPages: crawl.keyPages,
    rendered,
    oversizedPages: crawl.oversizedPages,
    skippedLinks: crawl.skippedLinks,
    tlsChains: run.fetcher.tlsChains(),
    stats: crawl.stats,
    screenshots,
  };
}

/** Key pages and suspect pages fetched as Baiduspider and from a search result (cloaking). */
async function fetchSiteVariants(run: ScanRun, crawl: CrawlResult): Promise<VariantFacts[]> {
  // An unreachable home page is already the finding; re-fetching it as a spider or in a browser adds only time.
  if (run.signal.aborted || !crawl.home || crawl.home.outcome !== 'ok') return [];
  phase(run, '以百度蜘蛛和搜索来路复查页面（cloaking）…');
  const sample = [run.rootUrl, ...crawl.keyPages.map((p) => p.finalUrl || p.url)];
  const urls = [...new Set([...sample.slice(0, Math.max(1, run.cfg.checks.cloakingSample)), ...run.suspects])];
  const variants = await fetchVariants(urls, run.fetcher, run.cfg, staticExtract);
  if (run.browser.pending) phase(run, '等待浏览器渲染完成 …');
  return variants;
}

/** Runs the site checks whose inputs this scan has; returns the ones skipped, with the reason. */
function runSiteChecksWithInputs(run: ScanRun, siteFacts: SiteFacts, crawl: CrawlResult): Map<Check, string> {
  const missing = missingInputs(siteFacts, {
    browserEnabled: run.cfg.checks.browser,
    chromiumFound: existsSync(run.cfg.checks.chromiumPath),
    chromiumPath: run.cfg.checks.chromiumPath,
    stored: Boolean(run.record),
    aborted: crawl.aborted,
  });
  const { runnable, skipped } = partitionSiteChecks(run.checks.site, missing);
  runSiteChecks(runnable, siteFacts, run.ctx, run.found);
  return skipped;
}

function coverage(run: ScanRun, siteFacts: SiteFacts, skipped: Map<Check, string>, notes: string[]): ScanCoverage {
  const failedRenders = siteFacts.rendered.filter((r) => r.error);
  return buildCoverage({
    all: allChecks,
    disabled: new Set(run.cfg.checks.disabled),
    skipped,
    pagesChecked: run.pagesChecked,
    found: run.found,
    renderErrors: { count: failedRenders.length, first: failedRenders[0]?.error },
    crawlNotes: notes,
  });
}

function scoreReport(run: ScanRun, siteFacts: SiteFacts, crawl: CrawlResult, coverage: ScanCoverage): ScanReport {
  const rules = run.cfg.rules;
  const scored = score(run.found.findings, { catalogue: run.catalogue, portal: rules.portal, noExternalService: rules.noExternalService });
  return {
    schema: 'govpatrol.scan/1',
    site: { url: run.rootUrl, name: siteFacts.siteName ?? '' },
    startedAt: run.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    stats: crawl.stats,
    verdict: scored.verdict,
    score: scored.score,
    indicators: scored.indicators,
    coverage,
    findings: scored.findings,
  };
}

function crawlNotes(run: ScanRun, probes: ProbeResult, crawl: CrawlResult): string[] {
  const notes = [...crawl.limits, ...run.browser.notes];
  const robots = probes.facts.robots;
  notes.push(
    robots.found
      ? `robots.txt：存在${robots.disallowsAll ? '，且禁止所有爬虫' : ''}；本次扫描${robots.obeyed ? '已遵守' : '未遵守（监管检查默认只报告，可用 --respect-robots 遵守）'}`
      : 'robots.txt：不存在',
  );
  if (probes.facts.sitemaps.entries) notes.push(`站点地图：${probes.facts.sitemaps.entries} 个网址已加入抓取`);
  if (crawl.reusedPages) {
    const reusedChecks = run.checksReused ? `；其中 ${run.checksReused} 个页面的检查规则、词库与配置也未变化，沿用上次的页面检查结果（含身份证号码样数字的页面仍重新运行读取日期的个人信息检查）` : '';
    notes.push(`增量扫描：${crawl.reusedPages} 个页面自上次扫描后未变化（服务器答复 304），沿用上次提取的页面内容，站点级检查照常运行${reusedChecks}`);
  }
  if (run.attachmentsReused) notes.push(`增量扫描：${run.attachmentsReused} 个附件自上次扫描后未变化（服务器答复 304），沿用上次的文本检查结果`);
  const gone = disappearedPages(run, crawl);
  if (gone) notes.push(`上次扫描保存的 ${gone} 个页面本次未再找到（已删除、改名或不再被链接）`);
  for (const [check, n] of run.found.dropped) notes.push(`检查 ${check} 的问题超过上限，另有 ${n} 条未列出`);
  if (crawl.aborted) notes.push('扫描被中断，结果不完整');
  return notes;
}

function indicatorLookup(catalogue: Catalogue): (code: string) => IndicatorInfo | undefined {
  const infos = indicatorInfos(catalogue);
  return (code) => infos.get(code);
}

/** Broken links, baselines and the report (with its findings, written once) after the queued page rows. */
async function save(run: ScanRun, report: ScanReport, crawl: CrawlResult): Promise<void> {
  if (!run.record) return;
  const { store, siteId, scanId, writer } = run.record;
  writer.enqueue(() => store.addBrokenLinks(scanId, crawl.brokenLinks));
  // An interrupted scan saw only part of the site: its pages are no baseline for the next one.
  if (!crawl.aborted) writer.enqueue(() => store.saveBaselines(siteId, scanId, crawl.keyPages.map((p) => makeBaseline(p, String(scanId)))));
  // Only a complete crawl knows which stored pages are gone (or no longer send validators).
  if (run.cache && !crawl.aborted) {
    const { stored, kept } = run.cache;
    const stale = [...stored.validators.keys()].filter((url) => !kept.has(url));
    writer.enqueue(() => stored.drop(stale));
    const { attachments, keptAttachments } = run.cache;
    writer.enqueue(() => attachments.dropAllBut(keptAttachments));
  }
  if (run.cache) {
    const { attachments, freshAttachments, spamWords, checkKey } = run.cache;
    writer.enqueue(() => attachments.save(scanId, freshAttachments));
    if (!crawl.aborted) rememberKeyPageWords(crawl.keyPages, run.ctx);
    writer.enqueue(() => saveSpamWordMemo(store.db, siteId, scanId, checkKey, spamWords.entries()));
  }
  writer.enqueue(() => store.finishScan(scanId, report, crawl.aborted ? 'aborted' : 'done'));
  await writer.drain();
}

/** On any error: the scan is marked failed; rows already written stay. Never throws. */
async function markFailed(run: ScanRun): Promise<void> {
  if (!run.record) return;
  const { store, scanId, writer } = run.record;
  await writer.stop();
  await store.finishScan(scanId, emptyReport(run.rootUrl, run.startedAt), 'failed').catch(() => undefined);
}

function storeFailure(err: Error): StoreError {
  return new StoreError(`保存扫描结果失败，扫描已停止并标记为失败（已保存的部分保留）：${err.message}`);
}

async function closeRun(run: ScanRun): Promise<void> {
  await run.record?.writer.stop();
  run.sandbox.close();
  await run.parsePool.close();
  await run.browser.close();
  await run.fetcher.close();
}

function emptyReport(url: string, startedAt: Date): ScanReport {
  return {
    schema: 'govpatrol.scan/1', site: { url, name: '' }, startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(),
    stats: { pages: 0, links: 0, bytes: 0, errors: 0 }, verdict: 'unqualified', score: 0, indicators: [], findings: [],
  };
}

export type { Finding };
