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
  const cfg = testConfig({ ...site.hosts, [HUB]: ['127.0.0.1'] }, { subsites: [new URL(site.url).hostname], requestTimeoutMs: 5000, maxBodyBytes: 512 * 1024, concurrency: 16 });
  const t0 = Date.now();
  result = await crawlSite(hub.url(HUB), cfg, { onPage: (p) => void pages.push(p) });
  ms = Date.now() - t0;
}, 30_000);
afterAll(async () => {
  await hub?.close();
  await site?.close();
});

it('ends in bounded time and classifies each hostile target', () => {
  expect(ms).toBeLessThan(25_000); // 5 s request limit, hostile targets in parallel (generous: a busy machine)
  const outcome = (b: string) => result.brokenLinks.find((l) => l.target.endsWith(`/bad/${b}`));
  expect(outcome('hang')?.outcome).toBe('timeout');
  expect(['reset', 'decode-error']).toContain(outcome('reset')?.outcome);
  expect(outcome('loop-a')?.outcome).toBe('redirect-loop');
  expect(outcome('404.html')).toMatchObject({ status: 404, internal: true });
  expect(outcome('500.html')).toMatchObject({ status: 500, internal: true });
  // A huge body, a gzip bomb or a slow drip still answered: not dead links, but pages that never end.
  expect(outcome('huge')).toBeUndefined();
  expect(outcome('gzip-bomb')).toBeUndefined();
  expect(outcome('slow-drip')).toBeUndefined();
  expect(outcome('not-html')).toBeUndefined();
  for (const b of result.brokenLinks) expect(b.seenOn[0]).toMatchObject({ isHome: true, url: hub.url(HUB) });
  // The not-HTML body is not parsed as a page.
  expect(pages.some((p) => p.url.endsWith('/bad/not-html'))).toBe(false);
  expect(result.aborted).toBe(false);
});

it('reports each body that never ends, with bytes, ratio and time, and never parses it as a page', () => {
  const cut = (b: string) => result.oversizedPages.find((o) => o.url.endsWith(`/bad/${b}`));
  expect(result.oversizedPages.map((o) => new URL(o.url).pathname).sort()).toEqual(['/bad/gzip-bomb', '/bad/huge', '/bad/slow-drip']);
  const cap = 512 * 1024;
  // The bomb: past the cap after decompression from a few KB on the wire.
  expect(cut('gzip-bomb')).toMatchObject({ reason: 'size-cap', contentEncoding: 'gzip', status: 200, isHome: false, linkedFrom: hub.url(HUB) });
  expect(cut('gzip-bomb')!.bytes).toBeGreaterThanOrEqual(cap);
  expect(cut('gzip-bomb')!.ratio).toBeGreaterThan(100);
  // The endless stream: past the cap, uncompressed.
  expect(cut('huge')).toMatchObject({ reason: 'size-cap', ratio: 1 });
  expect(cut('huge')!.bytes).toBeGreaterThanOrEqual(cap);
  // The drip: still arriving at the 5 s limit, a few bytes read.
  expect(cut('slow-drip')).toMatchObject({ reason: 'time-limit', timeLimitMs: 5000 });
  expect(cut('slow-drip')!.bytes).toBeGreaterThan(0);
  expect(cut('slow-drip')!.ms).toBeGreaterThan(4000);
  for (const b of ['gzip-bomb', 'huge', 'slow-drip']) expect(pages.some((p) => p.url.endsWith(`/bad/${b}`))).toBe(false);
  expect(result.aborted).toBe(false);
});
