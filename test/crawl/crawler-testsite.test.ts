import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { crawlSite, type AttachmentBody, type CrawlResult } from '../../src/crawl/crawler.js';
import type { PageFacts } from '../../src/domain/index.js';
import { startTestSite, type TestSite } from '../../testsite/index.js';

describe('crawlSite on the synthetic site (300 pages)', () => {
  let site: TestSite;
  let result: CrawlResult;
  const pages: PageFacts[] = [];
  const attachments: AttachmentBody[] = [];

  beforeAll(async () => {
    site = await startTestSite({ pages: 300 });
    const cfg = parseConfig({ crawl: { hosts: site.hosts, hostsOnly: true, retries: 0, requestTimeoutMs: 5000 } });
    result = await crawlSite(site.url, cfg, { onPage: (p) => void pages.push(p), onAttachment: (a) => void ('reused' in a || attachments.push(a)) });
  }, 60_000);
  afterAll(async () => {
    await site?.close();
  });

  it('crawls the whole site, each page once, without hitting a cap', () => {
    expect(result.aborted).toBe(false);
    expect(result.limits).toEqual([]);
    expect(result.stats.pages).toBeGreaterThanOrEqual(250);
    const urls = pages.map((p) => p.finalUrl);
    expect(new Set(urls).size).toBe(urls.length);
    expect(result.home?.url).toBe(site.url);
    expect(result.keyPages.length).toBeGreaterThan(5);
    expect(result.keyPages.length).toBeLessThanOrEqual(20);
    expect(result.columns.length).toBeGreaterThanOrEqual(12);
    expect(attachments.length).toBeGreaterThan(0);
  });

  it('finds every planted dead link with its referrer, and no other internal broken link', () => {
    const planted = site.manifest.filter((d) => d.check === 'dead-link');
    expect(planted.length).toBeGreaterThanOrEqual(4);
    const byTarget = new Map(result.brokenLinks.map((b) => [b.target, b]));
    for (const d of planted) {
      const b = byTarget.get(d.target!);
      expect(b, `未发现死链 ${d.target}`).toBeDefined();
      expect(b!.seenOn.map((s) => s.url), `死链 ${d.target} 的来源页`).toContain(d.url);
      if (d.detail?.internal !== undefined) expect(b!.internal).toBe(d.detail.internal);
      if (d.detail?.location === 'home') expect(b!.seenOn.some((s) => s.isHome)).toBe(true);
    }
    const plantedTargets = new Set(planted.map((d) => d.target));
    const unexpected = result.brokenLinks.filter((b) => b.internal && !plantedTargets.has(b.target));
    expect(unexpected.map((b) => `${b.target} ${b.outcome} ${b.status}`)).toEqual([]);
  });
});
