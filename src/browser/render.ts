// Renders one URL as one identity (a plain browser, or a visitor arriving from Baidu) in its own tab of a
// pooled browser context. Contexts are reused for a few renders (see session.ts), so after each render the
// cookies and the storage of every origin the tab touched are cleared: a spam script that marks its first
// visit (cookie, localStorage) must not hide from the next identity.
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { hostOf, siteMatcher, type RenderedFacts } from '../domain/index.js';
import { DOM_LINKS_SCRIPT, injectedLinks, staticLinkUrls, type DomLink } from './links.js';
import { requestAllowed } from './network-guard.js';

export interface Identity {
  as: string; // 'browser' | 'referer:baidu'
  referer?: string;
}

/** What every render of one scan shares: set once per context. */
export interface ContextOptions {
  hosts: Record<string, string[]>;
  hostsOnly: boolean;
  userAgent: string;
  onBlockedRequest?: (url: string) => void;
}

export interface RenderJob {
  url: string;
  identity: Identity;
  deadline: number; // epoch ms; the job stops waiting at this instant
  screenshotDir?: string;
  /** Screenshot a plain visit even when it shows nothing (the home page's evidence); default true. */
  plainScreenshot?: boolean;
  staticLinks?: string[];
}

const VIEWPORT = { width: 1280, height: 800 };
const MAX_SCREENSHOT_BYTES = 200 * 1024;
// Spam redirects for search-engine visitors often sit in a setTimeout of up to a second; a plain visit only
// needs the page to finish its own scripts (injected links), so it waits less.
const SETTLE_MS = { referer: 1500, plain: 400 };
const MAX_NAVIGATIONS = 4;
const MAX_CLEARED_ORIGINS = 50;

/** A context with the network guard on every request; pop-ups a page opens are closed at once. */
export async function openContext(browser: Browser, opts: ContextOptions): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    userAgent: opts.userAgent,
    acceptDownloads: false,
    serviceWorkers: 'block',
    ignoreHTTPSErrors: true, // we audit the page, we do not trust it
    javaScriptEnabled: true,
  });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (requestAllowed(url, opts.hosts, opts.hostsOnly)) return route.continue();
    opts.onBlockedRequest?.(url);
    return route.abort('blockedbyclient');
  });
  // WebSockets bypass context.route, and an IP literal bypasses the resolver rules: filter them too.
  await context.routeWebSocket(/.*/, (ws) => {
    if (requestAllowed(ws.url(), opts.hosts, opts.hostsOnly)) return ws.connectToServer();
    opts.onBlockedRequest?.(ws.url());
    return ws.close();
  });
  return context;
}

/** Forgets what the last render left behind: cookies, and storage of every origin it touched. */
async function clearState(context: BrowserContext, page: Page, origins: Set<string>): Promise<void> {
  await context.clearCookies();
  const cdp = await context.newCDPSession(page);
  try {
    for (const origin of origins) await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' });
    await cdp.send('Network.clearBrowserCache');
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

async function settle(page: Page, deadline: number, settleMs: number): Promise<void> {
  const left = () => Math.max(1, deadline - Date.now());
  await page.waitForLoadState('load', { timeout: left() }).catch(() => undefined);
  await page.waitForTimeout(Math.min(settleMs, left()));
}

async function screenshot(page: Page, job: RenderJob): Promise<string | undefined> {
  if (!job.screenshotDir) return undefined;
  const timeout = Math.max(1000, job.deadline - Date.now());
  let shot = await page.screenshot({ type: 'png', timeout });
  let ext = 'png';
  for (const quality of [60, 35]) {
    if (shot.length <= MAX_SCREENSHOT_BYTES) break;
    shot = await page.screenshot({ type: 'jpeg', quality, timeout });
    ext = 'jpg';
  }
  if (shot.length > MAX_SCREENSHOT_BYTES) return undefined;
  const id = createHash('sha1').update(`${job.url}\n${job.identity.as}`).digest('hex').slice(0, 16);
  const name = `${id}-${job.identity.as.replace(/[^a-z0-9]+/gi, '-')}.${ext}`;
  await writeFile(join(job.screenshotDir, name), shot);
  return name;
}

export async function renderOne(context: BrowserContext, job: RenderJob): Promise<RenderedFacts> {
  const facts: RenderedFacts = { url: job.url, as: job.identity.as, finalUrl: job.url, navigatedOffSite: false, title: '', injectedLinks: [] };
  let page: Page | undefined;
  const origins = new Set<string>();
  // Pop-ups opened by page scripts are closed at once; only the tab we opened is judged.
  const onPopup = (p: Page) => {
    if (page && p !== page) p.close().catch(() => undefined);
  };
  const onRequest = (req: { url(): string }) => {
    const origin = originOf(req.url());
    if (origin && origins.size < MAX_CLEARED_ORIGINS) origins.add(origin);
  };
  context.on('page', onPopup);
  context.on('request', onRequest);
  try {
    page = await context.newPage();
    await visit(page, job, facts);
  } catch (err) {
    facts.error = `浏览器检测出错：${(err as Error).message.split('\n')[0]}`;
  } finally {
    context.off('page', onPopup);
    context.off('request', onRequest);
    if (page) await clearState(context, page, origins).catch(() => undefined);
    await page?.close().catch(() => undefined);
  }
  return facts;
}

function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

async function visit(page: Page, job: RenderJob, facts: RenderedFacts): Promise<void> {
  page.on('dialog', (d) => d.dismiss().catch(() => undefined));
  let lastNavigation = job.url;
  let navigations = 0;
  page.on('request', (req) => {
    if (req.isNavigationRequest() && req.frame() === page.mainFrame()) {
      lastNavigation = req.url();
      navigations++;
    }
  });

  const timeout = Math.max(1000, job.deadline - Date.now());
  const response = await page.goto(job.url, { referer: job.identity.referer, waitUntil: 'load', timeout }).catch((err: Error) => {
    facts.error = `页面加载失败：${err.message.split('\n')[0]}`;
    return null;
  });
  let staticUrls = job.staticLinks ? new Set(job.staticLinks) : undefined;
  if (!staticUrls && response) {
    const body = await response.body().catch(() => undefined);
    if (body) staticUrls = staticLinkUrls(body, response.url());
  }
  const firstDocument = response?.url() ?? job.url;

  // Follow script-driven navigations until the page is quiet, within the deadline.
  let seen = -1;
  for (let i = 0; i < MAX_NAVIGATIONS && seen !== navigations && Date.now() < job.deadline; i++) {
    seen = navigations;
    await settle(page, job.deadline, job.identity.referer ? SETTLE_MS.referer : SETTLE_MS.plain);
  }

  facts.finalUrl = lastNavigation;
  const isSite = siteMatcher(job.url);
  facts.navigatedOffSite = !isSite(hostOf(lastNavigation));
  facts.title = await page.title().catch(() => '');
  if (!facts.navigatedOffSite && staticUrls && page.url() === firstDocument) {
    const dom = (await page.evaluate(DOM_LINKS_SCRIPT).catch(() => [])) as DomLink[];
    facts.injectedLinks = injectedLinks(dom, staticUrls, page.url());
  }
  // Screenshots are evidence: for a visit that shows something (an off-site redirect or injected links), and
  // for a plain visit unless the caller opts out. Each costs a few hundred milliseconds of Chromium's CPU.
  const plain = !job.identity.referer && job.plainScreenshot !== false;
  if (plain || facts.navigatedOffSite || facts.injectedLinks.length) {
    facts.screenshot = await screenshot(page, job).catch(() => undefined);
  }
  if (!facts.error && Date.now() >= job.deadline) facts.error = '渲染超时，结果可能不完整';
}
