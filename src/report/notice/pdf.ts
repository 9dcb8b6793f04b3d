// Chromium's print, for the PDF of the 通报 and PNGs of its charts (the DOCX's fallback images). One browser
// for a document; nothing is fetched (every request but data: is refused), the HTML is self-contained.
import { chromium, type Browser } from 'playwright-core';
import { defaultChromiumPath } from '../../config.js';

export const PRINT_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-sync', '--no-proxy-server'];

export interface Printer {
  pdf(html: string): Promise<Buffer>;
  /** An SVG drawn at 2× for print sharpness, as PNG. */
  png(svg: string, width: number, height: number): Promise<Buffer>;
  close(): Promise<void>;
}

/** Prints with the scan's default browser: the headless shell prints the same pages as full Chromium (same
 *  engine, same fonts), about three times faster to start. */
export async function openPrinter(chromiumPath = defaultChromiumPath()): Promise<Printer> {
  const browser: Browser = await chromium.launch({ executablePath: chromiumPath, args: PRINT_ARGS });
  const offline = async (scale: number) => {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', javaScriptEnabled: false, deviceScaleFactor: scale });
    await context.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    return context;
  };
  const [context, sharp] = await Promise.all([offline(1), offline(2)]).catch(async (e) => {
    await browser.close();
    throw e;
  });
  return {
    async pdf(html) {
      const page = await context.newPage();
      try {
        await page.setContent(html, { waitUntil: 'load' });
        return await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true });
      } finally {
        await page.close();
      }
    },
    async png(svg, width, height) {
      const page = await sharp.newPage();
      await page.setViewportSize({ width, height });
      try {
        const src = `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
        await page.setContent(`<!doctype html><html><body style="margin:0;background:#fff"><img src="${src}" width="${width}" height="${height}" style="display:block"></body></html>`, { waitUntil: 'load' });
        return await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width, height } });
      } finally {
        await page.close();
      }
    },
    async close() {
      await browser.close();
    },
  };
}
