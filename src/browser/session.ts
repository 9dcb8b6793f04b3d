// One Chromium per scan: launched once (by warmUp() or the first render), never again, and closed once. Renders share a small
// pool of slots (pages rendered at once); each slot keeps a browser context for `recycleAfter` renders and
// then replaces it, so whatever a hostile page leaks (memory, caches, workers) is bounded — the way GSA's
// site-scanning engine recycles its pooled pages. Per-render and total time budgets; it never throws.
import { mkdir } from 'node:fs/promises';
import type { RenderedFacts } from '../domain/index.js';
import { launchChromium, type Chromium, type LaunchOptions } from './chromium.js';
import { hostResolverRules, startRefusingProxy } from './network-guard.js';
import { openContext, renderOne, type BrowserContext, type Identity } from './render.js';

export interface SessionOptions {
  chromiumPath: string;
  hosts: Record<string, string[]>;
  hostsOnly: boolean;
  screenshotDir?: string;
  timeoutMs?: number; // per render, default 15 s
  totalBudgetMs?: number; // all renders of the session, from its first render; default 3 min
  concurrency?: number; // renders at once, default 4 (much of a render is waiting for scripts to settle)
  recycleAfter?: number; // renders per context before it is replaced, default 20
  onBlockedRequest?: (url: string) => void;
  /** Launches Chromium (launchChromium by default); tests pass a counting wrapper. */
  launch?: (opts: LaunchOptions) => Promise<Chromium>;
}

export interface RenderRequest {
  url: string;
  identity: Identity;
  /** The static HTML's anchor URLs; without them the render parses the served HTML itself. */
  staticLinks?: string[];
  /** Screenshot the plain visit even when it shows nothing; default true. */
  plainScreenshot?: boolean;
}

export interface SessionStats {
  launches: number;
  contextsOpened: number;
  renders: number;
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--hide-scrollbars',
  '--mute-audio',
  '--disable-field-trial-config',
  '--disable-breakpad',
  '--disable-extensions',
  '--disable-default-apps',
  '--disable-hang-monitor',
  '--disable-back-forward-cache',
  '--disable-background-timer-throttling', // a tab's timers run at full rate: the settle waits count on them
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  '--disable-features=MediaRouter,OptimizationHints,NetworkTimeServiceQuerying,PaintHolding,HttpsUpgrades,HttpsFirstBalancedModeAutoEnable',
  '--metrics-recording-only',
  '--password-store=basic',
  '--use-mock-keychain',
  '--force-color-profile=srgb',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
  '--no-proxy-server',
  '--disable-dev-shm-usage',
  '--webrtc-ip-handling-policy=disable_non_proxied_udp', // no STUN/UDP to literal addresses
  '--force-webrtc-ip-handling-policy',
  // Bounds on Chromium's own memory: few renderer processes, and a page's script heap capped (a page that
  // allocates without end crashes its own renderer, and that render reports the error).
  '--renderer-process-limit=2',
  '--js-flags=--max-old-space-size=256',
];

const DEFAULTS = { timeoutMs: 15_000, totalBudgetMs: 180_000, concurrency: 4, recycleAfter: 20 };

interface Slot {
  context?: BrowserContext;
  uses: number;
}

export class BrowserSession {
  readonly stats: SessionStats = { launches: 0, contextsOpened: 0, renders: 0 };
  private readonly opts: SessionOptions & typeof DEFAULTS;
  private browser?: Promise<Chromium | Error>;
  private proxy?: { url: string; close(): void };
  private userAgent = '';
  private budgetEnd = 0;
  private closed = false;
  private readonly free: Slot[] = [];
  private readonly waiting: Array<(slot: Slot) => void> = [];
  private slots = 0;
  private rendering = 0;

  constructor(opts: SessionOptions) {
    this.opts = { ...DEFAULTS, ...opts };
  }

  /** Renders under way: the times Chromium's memory grows. */
  get busy(): boolean {
    return this.rendering > 0;
  }

  /** Renders one URL as one identity; errors (no Chromium, timeouts, budget spent, closed) land in `error`. */
  async render(req: RenderRequest): Promise<RenderedFacts> {
    this.rendering++;
    try {
      return await this.renderCounted(req);
    } finally {
      this.rendering--;
    }
  }

  private async renderCounted(req: RenderRequest): Promise<RenderedFacts> {
    const facts: RenderedFacts = { url: req.url, as: req.identity.as, finalUrl: req.url, navigatedOffSite: false, title: '', injectedLinks: [] };
    if (!this.budgetEnd) this.budgetEnd = Date.now() + this.opts.totalBudgetMs;
    const refused = this.refusal();
    if (refused) return { ...facts, error: refused };
    const browser = await (this.browser ??= this.launch());
    if (browser instanceof Error) return { ...facts, error: browser.message };
    const slot = await this.acquire();
    try {
      const late = this.refusal(); // the wait for a slot may have spent the budget, or the scan ended
      if (late) return { ...facts, error: late };
      const context = await this.contextFor(slot, browser);
      this.stats.renders++;
      const deadline = Math.min(this.budgetEnd, Date.now() + this.opts.timeoutMs);
      return await renderOne(context, { ...req, deadline, screenshotDir: this.opts.screenshotDir });
    } catch (err) {
      return { ...facts, error: `浏览器检测出错：${(err as Error).message.split('\n')[0]}` };
    } finally {
      this.release(slot);
    }
  }

  /** Launches Chromium now, before the first render asks for it, so that its start overlaps other work. */
  warmUp(): void {
    if (!this.closed) this.browser ??= this.launch();
  }

  /** Closes Chromium (if it was launched); renders still running end with an error. Safe to call twice. */
  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.waiting.splice(0)) wake({ uses: 0 });
    const browser = await this.browser;
    if (browser && !(browser instanceof Error)) await browser.close().catch(() => undefined);
    this.proxy?.close();
  }

  private refusal(): string | undefined {
    if (this.closed) return '浏览器已关闭（扫描结束或被中断），未执行';
    if (Date.now() >= this.budgetEnd) return '浏览器检测超出总时限，未执行';
    return undefined;
  }

  private async launch(): Promise<Chromium | Error> {
    const launch = this.opts.launch ?? launchChromium;
    this.stats.launches++;
    try {
      if (this.opts.screenshotDir) await mkdir(this.opts.screenshotDir, { recursive: true });
      if (this.opts.hostsOnly) this.proxy = await startRefusingProxy();
      const browser = await launch({
        executablePath: this.opts.chromiumPath,
        args: [...CHROMIUM_ARGS, `--host-resolver-rules=${hostResolverRules(this.opts.hosts, this.opts.hostsOnly)}`],
        timeout: 30_000,
      });
      await browser.cdp.send('Target.setDiscoverTargets', { discover: true }); // to see (and close) pop-ups
      // Headless Chromium announces itself as HeadlessChrome; spam scripts skip such visitors.
      this.userAgent = `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${browser.version} Safari/537.36`;
      if (this.closed) await browser.close().catch(() => undefined); // closed while launching
      return browser;
    } catch (err) {
      return new Error(`无法启动浏览器（${this.opts.chromiumPath}）：${(err as Error).message.split('\n')[0]}`);
    }
  }

  private async contextFor(slot: Slot, browser: Chromium): Promise<BrowserContext> {
    if (slot.context && slot.uses < this.opts.recycleAfter) {
      slot.uses++;
      return slot.context;
    }
    await slot.context?.close().catch(() => undefined);
    const { hosts, hostsOnly, onBlockedRequest } = this.opts;
    const context = await openContext(browser, { hosts, hostsOnly, userAgent: this.userAgent, proxyUrl: this.proxy?.url, onBlockedRequest });
    this.stats.contextsOpened++;
    slot.context = context;
    slot.uses = 1;
    return context;
  }

  private async acquire(): Promise<Slot> {
    const slot = this.free.pop();
    if (slot) return slot;
    if (this.slots < this.opts.concurrency) {
      this.slots++;
      return { uses: 0 };
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot): void {
    const next = this.waiting.shift();
    if (next) next(slot);
    else this.free.push(slot);
  }
}
