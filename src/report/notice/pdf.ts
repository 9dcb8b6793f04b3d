// Chromium's print, for the PDF of the 通报 and PNGs of its charts (the DOCX's fallback images). One browser
// for a document, driven over the DevTools pipe by the same small client as the scans' browser pass (no driver
// library). The HTML is self-contained and printed with scripts off; every request is refused but the page's own
// file (images are data: URIs, which are no requests).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium, type Chromium } from '../../browser/chromium.js';
import type { CdpParams, CdpResult } from '../../browser/cdp.js';
import { defaultChromiumPath } from '../../config.js';

export const PRINT_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-sync', '--no-proxy-server'];

export interface Printer {
  pdf(html: string): Promise<Buffer>;
  /** An SVG drawn at 2× for print sharpness, as PNG. */
  png(svg: string, width: number, height: number): Promise<Buffer>;
  close(): Promise<void>;
}

/** How long one document may take to load and print. */
const STEP_TIMEOUT_MS = 60_000;
/** The viewport a document is laid out in before printing (print layout follows its @page size). */
const PAGE_VIEWPORT = { width: 1280, height: 720 };

/** Prints with the scan's default browser: the headless shell prints the same pages as full Chromium (same
 *  engine, same fonts), about three times faster to start. */
export async function openPrinter(chromiumPath = defaultChromiumPath()): Promise<Printer> {
  const chromium = await launchChromium({ executablePath: chromiumPath, args: PRINT_ARGS, timeout: 30_000 });
  const dir = await mkdtemp(join(tmpdir(), 'govpatrol-print-')).catch(async (err: Error) => {
    await chromium.close();
    throw err;
  });
  let n = 0;
  const page = async <T>(html: string, viewport: { width: number; height: number; scale: number }, use: (tab: PrintTab) => Promise<T>): Promise<T> => {
    const file = join(dir, `doc-${++n}.html`);
    await writeFile(file, html);
    const tab = await PrintTab.open(chromium, viewport);
    try {
      await tab.load(pathToFileURL(file).href);
      return await use(tab);
    } finally {
      await tab.close();
      await rm(file, { force: true });
    }
  };
  return {
    pdf: (html) =>
      page(html, { ...PAGE_VIEWPORT, scale: 1 }, async (tab) => {
        const { data } = await tab.send('Page.printToPDF', { preferCSSPageSize: true, printBackground: true, generateTaggedPDF: true });
        return Buffer.from(data, 'base64');
      }),
    png: (svg, width, height) => {
      const src = `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
      const html = `<!doctype html><html><body style="margin:0;background:#fff"><img src="${src}" width="${width}" height="${height}" style="display:block"></body></html>`;
      return page(html, { width, height, scale: 2 }, async (tab) => {
        const { data } = await tab.send('Page.captureScreenshot', { format: 'png', clip: { x: 0, y: 0, width, height, scale: 1 } });
        return Buffer.from(data, 'base64');
      });
    },
    async close() {
      await chromium.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** One tab in a context of its own: scripts off, zh-CN in Asia/Shanghai, nothing fetched but its own file. */
class PrintTab {
  private loaded?: () => void;
  private allowed = '';
  private stop: () => void = () => undefined;

  private constructor(
    private readonly chromium: Chromium,
    private readonly contextId: string,
    private readonly targetId: string,
    private readonly sessionId: string,
  ) {}

  static async open(chromium: Chromium, viewport: { width: number; height: number; scale: number }): Promise<PrintTab> {
    const { cdp } = chromium;
    const { browserContextId } = await cdp.send('Target.createBrowserContext', { disposeOnDetach: true });
    const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank', browserContextId });
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
    const tab = new PrintTab(chromium, browserContextId, targetId, sessionId);
    tab.stop = cdp.on(sessionId, (method, params) => tab.onEvent(method, params));
    await Promise.all([
      tab.send('Page.enable'),
      tab.send('Page.setLifecycleEventsEnabled', { enabled: true }),
      tab.send('Fetch.enable', { patterns: [{ urlPattern: '*' }] }),
      tab.send('Emulation.setScriptExecutionDisabled', { value: true }),
      tab.send('Emulation.setLocaleOverride', { locale: 'zh-CN' }),
      tab.send('Emulation.setTimezoneOverride', { timezoneId: 'Asia/Shanghai' }),
      tab.send('Emulation.setDeviceMetricsOverride', { width: viewport.width, height: viewport.height, deviceScaleFactor: viewport.scale, mobile: false }),
    ]);
    return tab;
  }

  send(method: string, params: CdpParams = {}): Promise<CdpResult> {
    return bounded(this.chromium.cdp.send(method, params, this.sessionId), method);
  }

  /** Opens the document and waits for its load event (its images included). */
  async load(url: string): Promise<void> {
    this.allowed = url;
    const loaded = new Promise<void>((resolve) => (this.loaded = resolve));
    const nav = await this.send('Page.navigate', { url });
    if (nav.errorText) throw new Error(`打印页面无法打开：${nav.errorText}`);
    await bounded(loaded, 'load');
  }

  async close(): Promise<void> {
    this.stop();
    await this.chromium.cdp.send('Target.closeTarget', { targetId: this.targetId }).catch(() => undefined);
    await this.chromium.cdp.send('Target.disposeBrowserContext', { browserContextId: this.contextId }).catch(() => undefined);
  }

  private onEvent(method: string, p: CdpResult): void {
    if (method === 'Fetch.requestPaused') {
      const allowed = p.request.url === this.allowed || String(p.request.url).startsWith('data:');
      const reply = allowed ? this.send('Fetch.continueRequest', { requestId: p.requestId }) : this.send('Fetch.failRequest', { requestId: p.requestId, errorReason: 'BlockedByClient' });
      reply.catch(() => undefined);
    } else if (method === 'Page.lifecycleEvent' && p.name === 'load' && p.frameId === this.targetId) {
      this.loaded?.();
    }
  }
}

function bounded<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`打印超时（${what}，${STEP_TIMEOUT_MS / 1000} s）`)), STEP_TIMEOUT_MS)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
