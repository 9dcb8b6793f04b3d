// Renders one URL as one identity (a plain browser, or a visitor arriving from Baidu) in its own tab of a
// pooled browser context, over the DevTools protocol. Contexts are reused for a few renders (see session.ts), so
// after each render the cookies and the storage of every origin the tab touched are cleared: a spam script that
// marks its first visit (cookie, localStorage) must not hide from the next identity.
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hostOf, siteMatcher, type RenderedFacts } from '../domain/index.js';
import type { CdpParams, CdpResult } from './cdp.js';
import type { Chromium } from './chromium.js';
import { DOM_LINKS_SCRIPT, injectedLinks, staticLinkUrls, type DomLink } from './links.js';
import { refusingProxyRules, requestAllowed } from './network-guard.js';

export interface Identity {
  as: string; // 'browser' | 'referer:baidu'
  referer?: string;
}

/** What every render of one scan shares: set once per context. */
export interface ContextOptions {
  hosts: Record<string, string[]>;
  hostsOnly: boolean;
  userAgent: string;
  /** The refusing proxy (network-guard.ts) for whatever is not for a mapped host. */
  proxyUrl?: string;
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

/** A browser context of the scan's Chromium, with the options every tab in it gets. */
export interface BrowserContext {
  readonly chromium: Chromium;
  readonly id: string;
  readonly options: ContextOptions;
  close(): Promise<void>;
}

const VIEWPORT = { width: 1280, height: 800 };
const MAX_SCREENSHOT_BYTES = 200 * 1024;
// Spam redirects for search-engine visitors often sit in a setTimeout of up to a second; a plain visit only
// needs the page to finish its own scripts (injected links), so it waits less. In the page's time (virtual, see
// Tab.settle): on a page that loads nothing more, these take milliseconds.
const SETTLE_MS = { referer: 1500, plain: 400 };
/** Real time the page's timers get to catch up when a pending fetch held its clock (see Tab.settle). */
const SETTLE_CATCH_UP_MS = 300;
const MAX_NAVIGATIONS = 4;
const MAX_CLEARED_ORIGINS = 50;
// Pages may not register service workers (they would outlive the render and serve later ones).
const NO_SERVICE_WORKERS = 'if (self.ServiceWorkerContainer) ServiceWorkerContainer.prototype.register = async () => undefined;';

/** A context (an incognito profile) whose downloads are refused and, with hostsOnly, whose traffic to unmapped hosts goes to the refusing proxy. */
export async function openContext(chromium: Chromium, options: ContextOptions): Promise<BrowserContext> {
  const proxy = options.proxyUrl ? refusingProxyRules(options.hosts, options.hostsOnly, options.proxyUrl) : undefined;
  const { browserContextId: id } = await chromium.cdp.send('Target.createBrowserContext', { disposeOnDetach: true, ...proxy });
  await chromium.cdp.send('Browser.setDownloadBehavior', { behavior: 'deny', browserContextId: id });
  return { chromium, id, options, close: () => chromium.cdp.send('Target.disposeBrowserContext', { browserContextId: id }).then(() => undefined) };
}

export async function renderOne(context: BrowserContext, job: RenderJob): Promise<RenderedFacts> {
  const facts: RenderedFacts = { url: job.url, as: job.identity.as, finalUrl: job.url, navigatedOffSite: false, title: '', injectedLinks: [] };
  let tab: Tab | undefined;
  try {
    tab = await Tab.open(context, job.deadline);
    await visit(tab, job, facts);
  } catch (err) {
    facts.error = `浏览器检测出错：${(err as Error).message.split('\n')[0]}`;
  } finally {
    if (tab) await tab.clearState().catch(() => undefined);
    await tab?.close().catch(() => undefined);
  }
  return facts;
}

async function visit(tab: Tab, job: RenderJob, facts: RenderedFacts): Promise<void> {
  const response = await tab.goto(job.url, job.identity.referer).catch((err: Error) => {
    facts.error = `页面加载失败：${err.message.split('\n')[0]}`;
    return undefined;
  });
  let staticUrls = job.staticLinks ? new Set(job.staticLinks) : undefined;
  if (!staticUrls && response) {
    const body = await tab.responseBody(response.requestId).catch(() => undefined);
    if (body) staticUrls = staticLinkUrls(body, response.url);
  }
  const firstDocument = response?.url ?? job.url;

  // Follow script-driven navigations until the page is quiet, within the deadline.
  let seen = -1;
  for (let i = 0; i < MAX_NAVIGATIONS && seen !== tab.navigations && Date.now() < job.deadline; i++) {
    seen = tab.navigations;
    await tab.settle(job.identity.referer ? SETTLE_MS.referer : SETTLE_MS.plain);
  }

  facts.finalUrl = tab.lastNavigation || job.url;
  const isSite = siteMatcher(job.url);
  facts.navigatedOffSite = !isSite(hostOf(facts.finalUrl));
  facts.title = String((await tab.evaluate('document.title').catch(() => '')) ?? '');
  if (!facts.navigatedOffSite && staticUrls && tab.url === firstDocument) {
    const dom = ((await tab.evaluate(DOM_LINKS_SCRIPT).catch(() => [])) ?? []) as DomLink[];
    facts.injectedLinks = injectedLinks(dom, staticUrls, tab.url);
  }
  // Screenshots are evidence: for a visit that shows something (an off-site redirect or injected links), and
  // for a plain visit unless the caller opts out. Each costs a few hundred milliseconds of Chromium's CPU.
  const plain = !job.identity.referer && job.plainScreenshot !== false;
  if (plain || facts.navigatedOffSite || facts.injectedLinks.length) {
    facts.screenshot = await screenshot(tab, job).catch(() => undefined);
  }
  if (!facts.error && Date.now() >= job.deadline) facts.error = '渲染超时，结果可能不完整';
}

async function screenshot(tab: Tab, job: RenderJob): Promise<string | undefined> {
  if (!job.screenshotDir) return undefined;
  let shot = await tab.screenshot('png');
  let ext = 'png';
  for (const quality of [60, 35]) {
    if (shot.length <= MAX_SCREENSHOT_BYTES) break;
    shot = await tab.screenshot('jpeg', quality);
    ext = 'jpg';
  }
  if (shot.length > MAX_SCREENSHOT_BYTES) return undefined;
  const id = createHash('sha1').update(`${job.url}\n${job.identity.as}`).digest('hex').slice(0, 16);
  const name = `${id}-${job.identity.as.replace(/[^a-z0-9]+/gi, '-')}.${ext}`;
  await writeFile(join(job.screenshotDir, name), shot);
  return name;
}

/** One tab (page target) of a context, attached over a flat session, and what its events have told. */
class Tab {
  /** Main-frame navigations so far (each redirect hop counts), and the URL of the last one. */
  navigations = 0;
  lastNavigation = '';
  /** The main frame's current URL. */
  url = 'about:blank';
  private loaded = true;
  private readonly loadWaiters = new Set<() => void>();
  private readonly documents = new Map<string, string>(); // main-frame document responses: request id → URL
  private readonly origins = new Set<string>();
  private crashed?: Error;
  /** Resolves the settle() under way when the page's virtual time budget is spent. */
  private budgetSpent?: () => void;
  private stopListening: Array<() => void> = [];

  private constructor(
    private readonly context: BrowserContext,
    private readonly targetId: string,
    private readonly sessionId: string,
    private readonly deadline: number,
  ) {}

  static async open(context: BrowserContext, deadline: number): Promise<Tab> {
    const { cdp } = context.chromium;
    const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank', browserContextId: context.id });
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true }).catch(async (err: Error) => {
      await cdp.send('Target.closeTarget', { targetId }).catch(() => undefined);
      throw err;
    });
    const tab = new Tab(context, targetId, sessionId, deadline);
    tab.stopListening.push(cdp.on(sessionId, (method, params) => tab.onEvent(method, params)));
    tab.stopListening.push(cdp.on('', (method, params) => tab.onBrowserEvent(method, params)));
    await tab.setUp();
    return tab;
  }

  private send(method: string, params: CdpParams = {}): Promise<CdpResult> {
    return this.context.chromium.cdp.send(method, params, this.sessionId);
  }

  private async setUp(): Promise<void> {
    const { userAgent } = this.context.options;
    await Promise.all([
      this.send('Page.enable'),
      this.send('Page.setLifecycleEventsEnabled', { enabled: true }),
      this.send('Network.enable'),
      this.send('Network.setBypassServiceWorker', { bypass: true }),
      this.send('Fetch.enable', { patterns: [{ urlPattern: '*', requestStage: 'Request' }] }),
      this.send('Emulation.setDeviceMetricsOverride', { ...VIEWPORT, deviceScaleFactor: 1, mobile: false }),
      this.send('Emulation.setUserAgentOverride', { userAgent }),
      this.send('Security.setIgnoreCertificateErrors', { ignore: true }), // we audit the page, we do not trust it
      this.send('Page.addScriptToEvaluateOnNewDocument', { source: NO_SERVICE_WORKERS }),
    ]);
  }

  /** Navigates and waits for the new document's load event; the main document's response (after redirects), if any. */
  async goto(url: string, referrer?: string): Promise<{ requestId: string; url: string } | undefined> {
    this.loaded = false;
    const nav = await this.send('Page.navigate', { url, ...(referrer ? { referrer, referrerPolicy: 'unsafeUrl' } : {}) });
    if (nav.errorText) throw new Error(`${nav.errorText} at ${url}`);
    await this.waitLoaded(this.deadline);
    if (!this.loaded) throw new Error(`页面在时限内未加载完成（${url}）`);
    const responseUrl = nav.loaderId ? this.documents.get(nav.loaderId) : undefined;
    return responseUrl === undefined ? undefined : { requestId: nav.loaderId, url: responseUrl };
  }

  /**
   * Waits for the current document's load event, then lets its scripts run for `ms` of the page's own time
   * (within the deadline). The page's clock is virtual: its timers fire as soon as nothing else is left to do,
   * so a redirect in a setTimeout of a second fires in milliseconds instead of a second of waiting. The clock
   * stands still while a fetch is pending (a script that first asks where to go gets its full time); if a fetch
   * still holds it after `ms` of real time, the clock is let run regardless, as real time would have.
   */
  async settle(ms: number): Promise<void> {
    await this.waitLoaded(this.deadline);
    const budget = Math.min(ms, Math.max(1, this.deadline - Date.now()));
    const inTime = await this.runVirtualTime('pauseIfNetworkFetchesPending', budget, budget);
    if (!inTime) await this.runVirtualTime('advance', budget, Math.min(SETTLE_CATCH_UP_MS, Math.max(1, this.deadline - Date.now())));
  }

  /** Gives the page `budget` ms of virtual time under `policy`; true when spent within `realMs` of real time. */
  private async runVirtualTime(policy: string, budget: number, realMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const spent = new Promise<boolean>((resolve) => {
      this.budgetSpent = () => resolve(true);
      timer = setTimeout(() => resolve(false), realMs);
    });
    try {
      await this.send('Emulation.setVirtualTimePolicy', { policy, budget });
      return await spent;
    } finally {
      clearTimeout(timer);
      this.budgetSpent = undefined;
    }
  }

  async responseBody(requestId: string): Promise<Buffer> {
    const { body, base64Encoded } = await this.bounded(this.send('Network.getResponseBody', { requestId }));
    return Buffer.from(body, base64Encoded ? 'base64' : 'utf8');
  }

  /** Evaluates an expression in the page; its value, copied out. */
  async evaluate(expression: string): Promise<unknown> {
    const { result, exceptionDetails } = await this.bounded(this.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true }));
    if (exceptionDetails) throw new Error(exceptionDetails.text ?? 'evaluate failed');
    return result?.value;
  }

  async screenshot(format: 'png' | 'jpeg', quality?: number): Promise<Buffer> {
    const { data } = await this.bounded(this.send('Page.captureScreenshot', { format, ...(quality ? { quality } : {}) }), 1000);
    return Buffer.from(data, 'base64');
  }

  /** Forgets what this render left behind: cookies, and storage of every origin the tab touched. */
  async clearState(): Promise<void> {
    await this.context.chromium.cdp.send('Storage.clearCookies', { browserContextId: this.context.id });
    for (const origin of this.origins) await this.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' });
    await this.send('Network.clearBrowserCache');
  }

  async close(): Promise<void> {
    for (const stop of this.stopListening) stop();
    this.wake();
    await this.context.chromium.cdp.send('Target.closeTarget', { targetId: this.targetId });
  }

  private onEvent(method: string, p: CdpResult): void {
    switch (method) {
      case 'Fetch.requestPaused':
        return this.filter(p.requestId, p.request.url);
      case 'Network.requestWillBeSent':
        this.noteOrigin(p.request.url);
        if (p.type === 'Document' && p.frameId === this.targetId) {
          this.lastNavigation = p.request.url;
          this.navigations++;
        }
        return;
      case 'Network.responseReceived':
        if (p.type === 'Document' && p.frameId === this.targetId) this.documents.set(p.requestId, p.response.url);
        return;
      case 'Network.webSocketCreated':
        // WebSockets pass no request filter: the refusing proxy stops them; here they are only reported.
        if (!requestAllowed(p.url, this.context.options.hosts, this.context.options.hostsOnly)) this.context.options.onBlockedRequest?.(p.url);
        return;
      case 'Page.lifecycleEvent':
        if (p.frameId !== this.targetId) return;
        if (p.name === 'init') this.loaded = false;
        else if (p.name === 'load') {
          this.loaded = true;
          this.wake();
        }
        return;
      case 'Page.frameNavigated':
        if (!p.frame.parentId) this.url = p.frame.url + (p.frame.urlFragment ?? '');
        return;
      case 'Page.navigatedWithinDocument':
        if (p.frameId === this.targetId) this.url = p.url;
        return;
      case 'Emulation.virtualTimeBudgetExpired':
        this.budgetSpent?.();
        return;
      case 'Page.javascriptDialogOpening':
        this.send('Page.handleJavaScriptDialog', { accept: false }).catch(() => undefined);
        return;
      case 'Inspector.targetCrashed':
        this.crashed = new Error('页面渲染进程崩溃');
        this.wake();
        return;
    }
  }

  /** Pop-ups opened by the page are closed at once: only the tab we opened is judged. */
  private onBrowserEvent(method: string, p: CdpResult): void {
    if (method === 'Target.targetCreated' && p.targetInfo.openerId === this.targetId) {
      this.context.chromium.cdp.send('Target.closeTarget', { targetId: p.targetInfo.targetId }).catch(() => undefined);
    } else if (method === 'Connection.closed') this.wake();
  }

  private filter(requestId: string, url: string): void {
    const { hosts, hostsOnly, onBlockedRequest } = this.context.options;
    if (requestAllowed(url, hosts, hostsOnly)) {
      this.send('Fetch.continueRequest', { requestId }).catch(() => undefined);
      return;
    }
    onBlockedRequest?.(url);
    this.send('Fetch.failRequest', { requestId, errorReason: 'BlockedByClient' }).catch(() => undefined);
  }

  private noteOrigin(url: string): void {
    const origin = originOf(url);
    if (origin && this.origins.size < MAX_CLEARED_ORIGINS) this.origins.add(origin);
  }

  private waitLoaded(deadline: number): Promise<void> {
    if (this.loaded || this.crashed || Date.now() >= deadline) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.loadWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, deadline - Date.now());
      this.loadWaiters.add(done);
    });
  }

  private wake(): void {
    for (const done of [...this.loadWaiters]) done();
  }

  /** A command's answer, unless the deadline (at least `minMs` from now) or a renderer crash comes first. */
  private bounded<T>(command: Promise<T>, minMs = 1): Promise<T> {
    if (this.crashed) return Promise.reject(this.crashed);
    const ms = Math.max(minMs, this.deadline - Date.now());
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(this.crashed ?? new Error(`超时（${ms} ms）`)), ms)));
    return Promise.race([command, late]).finally(() => clearTimeout(timer));
  }
}

function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}
