// Site-level probes run once per scan: availability, HTTPS, IPv6, soft 404, robots.txt, sitemaps, and the
// cloaking variants (the same page fetched as a browser, as Baiduspider and from a Baidu search).
import dns from 'node:dns/promises';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import type { ScanConfig } from '../config.js';
import type { FetchOutcome, ProbeFacts, VariantFacts } from '../domain/index.js';
import type { Fetcher } from './fetch.js';
import { buildHostMap, mappedAddresses, normaliseHost } from './lookup.js';
import { parseRobots } from './robots.js';
import type { RobotsRules } from './robots.js';
import { MAX_SITEMAP_BYTES, MAX_SITEMAP_ENTRIES, SitemapStream } from './sitemap.js';

export type { RobotsRules } from './robots.js';

export const BROWSER_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
export const BAIDUSPIDER_UA = 'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)';

const ROBOTS_MAX_BYTES = 512 * 1024;
const MAX_SITEMAP_FILES = 20; // robots Sitemap lines plus children of an index
const IPV6_CONNECT_TIMEOUT_MS = 3000;
const DNS_TIMEOUT_MS = 5000;
const VARIANT_TEXT_CHARS = 20_000;
const VARIANT_MAX_LINK_HOSTS = 500;
const VARIANT_MAX_SCRIPTS = 200;
/** Extra time above the availability threshold so a slow page is measured rather than cut off. */
const AVAILABILITY_MARGIN_MS = 2000;

export interface ProbeHooks {
  onProgress?(msg: string): void;
}

export interface ProbeResult {
  facts: ProbeFacts;
  robots: RobotsRules | null;
  sitemapUrls: string[];
}

function withTimeout<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((resolve) => {
      timer = setTimeout(() => resolve(fallback), ms);
    }),
  ]);
}

/** Title of an HTML body, for the soft-404 probe (the full extractor is not needed here). */
function quickTitle(body: Buffer | undefined): string | undefined {
  if (!body) return undefined;
  const head = body.subarray(0, 64 * 1024).toString('utf8');
  const m = /<title[^>]*>([\s\S]{0,1000}?)<\/title>/i.exec(head);
  return m ? m[1].replace(/\s+/g, ' ').trim() : undefined;
}

async function probeAvailability(rootUrl: string, fetcher: Fetcher, cfg: ScanConfig, hooks: ProbeHooks): Promise<ProbeFacts['availability']> {
  const thresholdMs = cfg.checks.availabilityThresholdMs;
  const attempts: ProbeFacts['availability']['attempts'] = [];
  for (let i = 0; i < cfg.checks.availabilityProbes; i++) {
    hooks.onProgress?.(`可用性探测 ${i + 1}/${cfg.checks.availabilityProbes}`);
    const r = await fetcher.fetch(rootUrl, { retries: 0, timeoutMs: thresholdMs + AVAILABILITY_MARGIN_MS });
    attempts.push({ outcome: r.outcome, status: r.status, ms: r.ms });
  }
  return { url: rootUrl, attempts, thresholdMs };
}

async function probeHttps(root: URL, fetcher: Fetcher, cfg: ScanConfig, availability: ProbeFacts['availability']): Promise<ProbeFacts['https']> {
  if (root.protocol === 'https:') {
    const first = availability.attempts[0];
    return { checked: true, httpsUrl: root.href, outcome: first?.outcome ?? 'error', status: first?.status ?? 0 };
  }
  const httpsUrl = `https://${root.hostname.includes(':') ? `[${root.hostname}]` : root.hostname}/`;
  const r = await fetcher.fetch(httpsUrl, {
    retries: 0,
    readBody: false,
    timeoutMs: Math.min(cfg.crawl.requestTimeoutMs, 10_000),
  });
  const out: ProbeFacts['https'] = { checked: true, httpsUrl, outcome: r.outcome, status: r.status };
  if (r.error) out.error = r.error;
  return out;
}

/** AAAA addresses of the host: from the host map when it knows the host, else DNS unless hostsOnly. */
async function aaaaOf(host: string, cfg: ScanConfig): Promise<{ aaaa: string[]; error?: string }> {
  const bare = normaliseHost(host);
  if (net.isIPv6(bare)) return { aaaa: [bare] };
  if (net.isIPv4(bare)) return { aaaa: [], error: '站点以 IPv4 地址访问，没有 IPv6 地址' };
  const mapped = mappedAddresses(buildHostMap(cfg.crawl.hosts), bare);
  if (mapped) return { aaaa: mapped.filter((a) => a.family === 6).map((a) => a.address) };
  if (cfg.crawl.hostsOnly) return { aaaa: [] };
  try {
    const list = await withTimeout(dns.resolve6(bare), DNS_TIMEOUT_MS, null);
    if (list === null) return { aaaa: [], error: 'AAAA 记录查询超时' };
    return { aaaa: list.slice(0, 16) };
  } catch {
    return { aaaa: [] };
  }
}

function tcpConnect(address: string, port: number, timeoutMs: number): Promise<{ connected: boolean; outcome: FetchOutcome; error?: string }> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port, family: 6, timeout: timeoutMs });
    const done = (r: { connected: boolean; outcome: FetchOutcome; error?: string }) => {
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.destroy();
      resolve(r);
    };
    socket.once('connect', () => done({ connected: true, outcome: 'ok' }));
    socket.once('timeout', () => done({ connected: false, outcome: 'timeout', error: `IPv6 连接超时（${timeoutMs / 1000} 秒）` }));
    socket.once('error', (err: NodeJS.ErrnoException) =>
      done(
        err.code === 'ECONNREFUSED'
          ? { connected: false, outcome: 'refused', error: 'IPv6 地址拒绝连接' }
          : { connected: false, outcome: 'error', error: `IPv6 连接失败（${err.code ?? err.message}）` },
      ),
    );
  });
}

async function probeIpv6(root: URL, cfg: ScanConfig): Promise<ProbeFacts['ipv6']> {
  const host = normaliseHost(root.hostname);
  const { aaaa, error } = await aaaaOf(host, cfg);
  if (aaaa.length === 0) return { host, aaaa, connected: false, outcome: 'dns', error: error ?? '域名没有 AAAA（IPv6）解析记录' };
  const port = root.port ? Number(root.port) : root.protocol === 'https:' ? 443 : 80;
  const r = await tcpConnect(aaaa[0], port, Math.min(IPV6_CONNECT_TIMEOUT_MS, cfg.crawl.connectTimeoutMs));
  const out: ProbeFacts['ipv6'] = { host, aaaa, connected: r.connected, outcome: r.outcome };
  if (r.error) out.error = r.error;
  return out;
}

async function probeSoft404(root: URL, fetcher: Fetcher): Promise<ProbeFacts['soft404']> {
  const url = new URL(`/govpatrol-404-${randomBytes(6).toString('hex')}.html`, root).href;
  const r = await fetcher.fetch(url, { retries: 0, maxBytes: 256 * 1024 });
  const out: ProbeFacts['soft404'] = { url, status: r.status, finalUrl: r.finalUrl, outcome: r.outcome, bytes: r.bytes };
  const title = quickTitle(r.body);
  if (title !== undefined) out.title = title;
  return out;
}

function looksLikeHtml(body: Buffer): boolean {
  const start = body.subarray(0, 512).toString('utf8').trimStart().toLowerCase();
  return start.startsWith('<!doctype html') || start.startsWith('<html') || start.includes('<head') || start.includes('<body');
}

async function probeRobots(root: URL, fetcher: Fetcher, cfg: ScanConfig): Promise<{ facts: ProbeFacts['robots']; rules: RobotsRules | null }> {
  const url = new URL('/robots.txt', root).href;
  const r = await fetcher.fetch(url, { maxBytes: ROBOTS_MAX_BYTES, retries: 1 });
  // A missing robots.txt often comes back as a 200 HTML page (soft 404): that is not a robots file.
  const found = r.status === 200 && (r.outcome === 'ok' || r.outcome === 'too-large') && !!r.body && !looksLikeHtml(r.body);
  const rules = found && r.body ? parseRobots(r.body.toString('utf8')) : null;
  return {
    facts: {
      url,
      status: r.status,
      found,
      disallowsAll: rules?.disallowsAll ?? false,
      sitemaps: rules?.sitemaps.slice(0, MAX_SITEMAP_FILES) ?? [],
      obeyed: cfg.crawl.respectRobots,
    },
    rules,
  };
}

async function probeSitemaps(root: URL, fetcher: Fetcher, fromRobots: string[], hooks: ProbeHooks): Promise<ProbeFacts['sitemaps']> {
  const queue = fromRobots.length ? fromRobots.slice(0, MAX_SITEMAP_FILES) : [new URL('/sitemap.xml', root).href];
  const urls = new Set<string>();
  let entries = 0;
  let filesFetched = 0;
  const fetched = new Set<string>();
  // Depth 0: the listed sitemaps; depth 1: children of a sitemap index. Deeper nesting is ignored.
  let level: string[] = queue;
  for (let depth = 0; depth < 2 && level.length; depth++) {
    const children: string[] = [];
    for (const sm of level) {
      if (fetched.has(sm) || filesFetched >= MAX_SITEMAP_FILES || entries >= MAX_SITEMAP_ENTRIES) continue;
      fetched.add(sm);
      filesFetched++;
      hooks.onProgress?.(`读取网站地图 ${sm}`);
      // Parsed as it streams in; a file cut at the size cap still yields the entries before the cut.
      const stream = new SitemapStream();
      const r = await fetcher.fetch(sm, { maxBytes: MAX_SITEMAP_BYTES, retries: 1, sink: (chunk) => stream.write(chunk) });
      if (r.outcome !== 'ok' && r.outcome !== 'too-large') continue;
      const parsed = stream.end();
      for (const u of parsed.urls) {
        if (entries >= MAX_SITEMAP_ENTRIES) break;
        entries++;
        urls.add(u);
      }
      if (depth === 0) children.push(...parsed.sitemaps);
    }
    level = children;
  }
  return { urls: [...urls], entries };
}

export async function runProbes(rootUrl: string, fetcher: Fetcher, cfg: ScanConfig, hooks: ProbeHooks = {}): Promise<ProbeResult> {
  const root = new URL(rootUrl);
  const availability = await probeAvailability(root.href, fetcher, cfg, hooks);
  hooks.onProgress?.('检查 HTTPS、IPv6、404 页面和 robots.txt');
  const [https, ipv6, soft404, robots] = await Promise.all([
    probeHttps(root, fetcher, cfg, availability),
    probeIpv6(root, cfg),
    probeSoft404(root, fetcher),
    probeRobots(root, fetcher, cfg),
  ]);
  const sitemaps = cfg.crawl.useSitemaps
    ? await probeSitemaps(root, fetcher, robots.facts.sitemaps, hooks)
    : { urls: [], entries: 0 };
  return {
    facts: { availability, https, ipv6, soft404, robots: robots.facts, sitemaps },
    robots: robots.rules,
    sitemapUrls: sitemaps.urls,
  };
}

type ExtractFn = (
  url: string,
  body: Buffer,
  contentTypeHeader: string,
) => { title: string; text: string; links: { url: string }[]; scripts: { src?: string }[] };

interface VariantSpec {
  as: string;
  userAgent: string;
  referer?: string;
}

async function fetchVariant(url: string, spec: VariantSpec, fetcher: Fetcher, extract: ExtractFn): Promise<VariantFacts> {
  const headers: Record<string, string> = { 'user-agent': spec.userAgent };
  if (spec.referer) headers.referer = spec.referer;
  const r = await fetcher.fetch(url, { headers, retries: 1 });
  const facts: VariantFacts = {
    url,
    as: spec.as,
    userAgent: spec.userAgent,
    outcome: r.outcome,
    status: r.status,
    finalUrl: r.finalUrl,
    redirects: r.redirects,
    title: '',
    text: '',
    linkHosts: [],
    scriptSrcs: [],
  };
  if (spec.referer) facts.referer = spec.referer;
  if (r.body && (r.outcome === 'ok' || r.outcome === 'too-large')) {
    try {
      const page = extract(r.finalUrl, r.body, r.headers['content-type'] ?? '');
      facts.title = page.title;
      facts.text = page.text.length > VARIANT_TEXT_CHARS ? page.text.slice(0, VARIANT_TEXT_CHARS) : page.text;
      const hosts = new Set<string>();
      for (const link of page.links) {
        if (hosts.size >= VARIANT_MAX_LINK_HOSTS) break;
        try {
          hosts.add(new URL(link.url).hostname);
        } catch {
          // a link the extractor could not make absolute carries no host
        }
      }
      facts.linkHosts = [...hosts];
      facts.scriptSrcs = page.scripts
        .map((s) => s.src)
        .filter((s): s is string => !!s)
        .slice(0, VARIANT_MAX_SCRIPTS);
    } catch {
      // hostile markup that breaks the extractor leaves the variant with its fetch facts only
    }
  }
  return facts;
}

/** Each URL as a browser, as Baiduspider, and as a browser arriving from a Baidu search for the site. */
export async function fetchVariants(urls: string[], fetcher: Fetcher, _cfg: ScanConfig, extract: ExtractFn): Promise<VariantFacts[]> {
  const out: VariantFacts[] = [];
  let siteName = '';
  for (const url of urls) {
    const browser = await fetchVariant(url, { as: 'browser', userAgent: BROWSER_UA }, fetcher, extract);
    // People reach a site by searching its name; the home page title stands in for it.
    if (!siteName) siteName = browser.title.slice(0, 30) || safeHost(url);
    const referer = `https://www.baidu.com/s?wd=${encodeURIComponent(siteName)}`;
    const [spider, fromSearch] = await Promise.all([
      fetchVariant(url, { as: 'baiduspider', userAgent: BAIDUSPIDER_UA }, fetcher, extract),
      fetchVariant(url, { as: 'referer:baidu', userAgent: BROWSER_UA, referer }, fetcher, extract),
    ]);
    out.push(browser, spider, fromSearch);
  }
  return out;
}

function safeHost(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url.slice(0, 30);
  }
}
