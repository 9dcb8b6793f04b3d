// The crawl must end, in bounded time, with every hostile target classified, when pages link the
// synthetic site's misbehaving endpoints (/bad/…).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { crawlSite, type CrawlResult } from '../../src/crawl/crawler.js';
import type { PageFacts } from '../../src/domain/index.js';
import { startTestSite, type TestSite } from '../../testsite/index.js';
import { html, links, startServer, testConfig, type TestServer } from './crawler-server.js';

const HUB = 'www.hub.gov.cn';
const BAD = ['hang', 'reset', 'slow-drip', 'huge', 'gzip-bomb', 'lying-length', 'loop-a', 'not-html', '404.html', '500.html'];
let site: TestSite;
let hub: TestServer;
let result: CrawlResult;
let ms = 0;
const pages: PageFacts[] = [];

beforeAll(async () => {
  site = await startTestSite({ pages: 100 });
  const siteHost = new URL(site.url).host;
  hub = await startServer({ [HUB]: (path) => (path === '/' ? { body: html(links(BAD.map((b) => `http://${siteHost}/bad/${b}`))) } : undefined) });
  const cfg = testConfig({ ...site.hosts, [HUB]: ['127.0.0.1'] }, { subsites: [new URL(site.url).hostname], requestTimeoutMs: 3000, maxBodyBytes: 512 * 1024, concurrency: 16 });
  const t0 = Date.now();
  result = await crawlSite(hub.url(HUB), cfg, { onPage: (p) => void pages.push(p) });
  ms = Date.now() - t0;
}, 30_000);
afterAll(async () => {
  await hub?.close();
  await site?.close();
});

it('ends in bounded time and classifies each hostile target', () => {
  expect(ms).toBeLessThan(10_000); // 3 s request limit, hostile targets in parallel
  const outcome = (b: string) => result.brokenLinks.find((l) => l.target.endsWith(`/bad/${b}`));
  expect(outcome('hang')?.outcome).toBe('timeout');
  expect(outcome('slow-drip')?.outcome).toBe('timeout');
  expect(['reset', 'decode-error']).toContain(outcome('reset')?.outcome ?? 'reset');
  expect(outcome('loop-a')?.outcome).toBe('redirect-loop');
  expect(outcome('404.html')).toMatchObject({ status: 404, internal: true });
  expect(outcome('500.html')).toMatchObject({ status: 500, internal: true });
  // A huge body or a gzip bomb still answered: capped, not a dead link.
  expect(outcome('huge')).toBeUndefined();
  expect(outcome('gzip-bomb')).toBeUndefined();
  expect(outcome('not-html')).toBeUndefined();
  for (const b of result.brokenLinks) expect(b.seenOn[0]).toMatchObject({ isHome: true, url: hub.url(HUB) });
  // The not-HTML body is not parsed as a page.
  expect(pages.some((p) => p.url.endsWith('/bad/not-html'))).toBe(false);
  expect(result.aborted).toBe(false);
});
