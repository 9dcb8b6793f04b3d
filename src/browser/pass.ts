// The browser pass over a fixed sample: every URL rendered as a browser and as a visitor from Baidu, in one
// BrowserSession (one Chromium launch), which is closed when the pass ends. It never throws.
import type { RenderedFacts } from '../domain/index.js';
import { requestsFor } from './requests.js';
import { BrowserSession, type SessionOptions } from './session.js';

export interface BrowserPassOptions extends SessionOptions {
  sample: string[];
  /** Static anchor URLs per sample URL; without it the pass parses the served HTML itself. */
  staticLinks?: Record<string, string[]>;
}

export async function runBrowserPass(opts: BrowserPassOptions): Promise<RenderedFacts[]> {
  const session = new BrowserSession(opts);
  try {
    const requests = opts.sample.flatMap((url) => requestsFor(url, opts.staticLinks?.[url]));
    return await Promise.all(requests.map((r) => session.render(r)));
  } finally {
    await session.close();
  }
}
