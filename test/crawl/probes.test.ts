// runProbes and fetchVariants against a small loopback site that answers per Host header.
import http from 'node:http';
import net from 'node:net';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig, mergeConfig } from '../../src/config.js';
import type { ScanConfig, ScanConfigInput } from '../../src/config.js';
import { createFetcher } from '../../src/crawl/fetch.js';
import type { Fetcher } from '../../src/crawl/fetch.js';
import { BAIDUSPIDER_UA, fetchVariants, runProbes } from '../../src/crawl/probes.js';

let server: http.Server;
let port = 0;
let ipv6Available = false;
const SLOW_MS = 450;

function homeFor(req: http.IncomingMessage): { status: number; headers: Record<string, string>; body: string } {
  const ua = req.headers['user-agent'] ?? '';
  const referer = req.headers.referer ?? '';
  if (ua.includes('Baiduspider')) {
    return {
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: '<title>澳门赌场 在线娱乐</title><body>真人娱乐 <a href="http://casino.example.com/">点击</a><script src="http://casino.example.com/x.js"></script></body>',
    };
  }
  if (referer.includes('baidu.com')) return { status: 302, headers: { location: 'http://casino.example.com/landing' }, body: '' };
  return {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: `<title>测试市人民政府</title><body>政务公开 <a href="/news/">新闻</a><a href="http://www.gov.cn/">中国政府网</a><script src="/js/site.js"></script></body>`,
  };
}

function route(req: http.IncomingMessage, res: http.ServerResponse): void {
  const host = (req.headers.host ?? '').split(':')[0];
  const path = req.url ?? '/';
  const site = `http://${host}:${port}`;
  if (path === '/') {
    const page = homeFor(req);
    const delay = host === 'slow.test.gov.cn' ? SLOW_MS : 0;
    setTimeout(() => res.writeHead(page.status, page.headers).end(page.body), delay);
    return;
  }
  if (host === 'www.test.gov.cn') {
    if (path === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`User-agent: *\nDisallow: /admin/\nSitemap: ${site}/sitemap_index.xml\n`);
    } else if (path === '/sitemap_index.xml') {
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(
        `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` +
          `<sitemap><loc>${site}/sitemap-a.xml</loc></sitemap><sitemap><loc>${site}/sitemap-b.xml.gz</loc></sitemap>` +
          `<sitemap><loc>${site}/sitemap-missing.xml</loc></sitemap></sitemapindex>`,
      );
    } else if (path === '/sitemap-a.xml') {
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(`<urlset><url><loc>${site}/a1.html</loc></url><url><loc>${site}/a2.html</loc></url></urlset>`);
    } else if (path === '/sitemap-b.xml.gz') {
      res.writeHead(200, { 'content-type': 'application/x-gzip' });
      res.end(zlib.gzipSync(`<urlset><url><loc>${site}/b1.html</loc></url><url><loc>${site}/a1.html</loc></url></urlset>`));
    } else {
      // soft 404: a missing page that answers 200
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><title>页面不存在</title><body>对不起，您访问的页面不存在</body></html>');
    }
    return;
  }
  if (host === 'disallow.test.gov.cn' && path === '/robots.txt') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /\n');
    return;
  }
  if (host === 'html-robots.test.gov.cn') {
    // missing robots.txt answered with the home page HTML
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><head><title>首页</title></head></html>');
    return;
  }
  if (path === '/sitemap.xml' && host === 'plain.test.gov.cn') {
    res.writeHead(200, { 'content-type': 'text/xml' }).end(`<urlset><url><loc>${site}/only.html</loc></url></urlset>`);
    return;
  }
  res.writeHead(404, { 'content-type': 'text/html' }).end('<title>404</title>');
}

function config(over: ScanConfigInput = {}): ScanConfig {
  const v6 = ipv6Available ? ['::1'] : [];
  return mergeConfig(defaultConfig(), {
    ...over,
    crawl: {
      hostsOnly: true,
      retries: 0,
      hosts: {
        'www.test.gov.cn': ['127.0.0.1', ...v6],
        'slow.test.gov.cn': ['127.0.0.1'],
        'plain.test.gov.cn': ['127.0.0.1'],
        'disallow.test.gov.cn': ['127.0.0.1'],
        'html-robots.test.gov.cn': ['127.0.0.1'],
      },
      ...over.crawl,
    },
    checks: { availabilityProbes: 2, availabilityThresholdMs: 300, ...over.checks },
  });
}

function canListenV6(): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(0, '::1', () => s.close(() => resolve(true)));
  });
}

beforeAll(async () => {
  ipv6Available = await canListenV6();
  server = http.createServer(route);
  // Dual-stack when the machine has IPv6: the same port answers on 127.0.0.1 and ::1.
  await new Promise<void>((resolve) =>
    ipv6Available ? server.listen({ port: 0, host: '::', ipv6Only: false }, resolve) : server.listen(0, '127.0.0.1', resolve),
  );
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function withFetcher<T>(cfg: ScanConfig, fn: (f: Fetcher) => Promise<T>): Promise<T> {
  const f = createFetcher(cfg.crawl);
  try {
    return await fn(f);
  } finally {
    await f.close();
  }
}

describe('runProbes', () => {
  it('collects availability, https, soft-404, robots and nested sitemaps', async () => {
    const cfg = config();
    const progress: string[] = [];
    const { facts, robots, sitemapUrls } = await withFetcher(cfg, (f) =>
      runProbes(`http://www.test.gov.cn:${port}/`, f, cfg, { onProgress: (m) => progress.push(m) }),
    );
    expect(facts.availability.thresholdMs).toBe(300);
    expect(facts.availability.attempts).toHaveLength(2);
    for (const a of facts.availability.attempts) {
      expect(a).toMatchObject({ outcome: 'ok', status: 200 });
    }
    // https://www.test.gov.cn/ is port 443 on loopback, where nothing speaks TLS for this site
    expect(facts.https.checked).toBe(true);
    expect(facts.https.httpsUrl).toBe('https://www.test.gov.cn/');
    expect(facts.https.outcome).not.toBe('ok');

    expect(facts.soft404.url).toMatch(/\/govpatrol-404-[0-9a-f]+\.html$/);
    expect(facts.soft404).toMatchObject({ status: 200, outcome: 'ok', title: '页面不存在' });
    expect(facts.soft404.bytes).toBeGreaterThan(0);

    expect(facts.robots).toMatchObject({ status: 200, found: true, disallowsAll: false, obeyed: false });
    expect(facts.robots.sitemaps).toEqual([`http://www.test.gov.cn:${port}/sitemap_index.xml`]);
    expect(robots?.isAllowed('/admin/x')).toBe(false);
    expect(robots?.isAllowed('/news/')).toBe(true);

    const site = `http://www.test.gov.cn:${port}`;
    expect(sitemapUrls.sort()).toEqual([`${site}/a1.html`, `${site}/a2.html`, `${site}/b1.html`]);
    expect(facts.sitemaps.entries).toBe(4); // a1 listed twice
    expect(facts.sitemaps.urls).toEqual(sitemapUrls);
    expect(progress.length).toBeGreaterThan(0);
  });

  it('measures a slow home page instead of cutting it off', async () => {
    const cfg = config();
    const { facts } = await withFetcher(cfg, (f) => runProbes(`http://slow.test.gov.cn:${port}/`, f, cfg));
    for (const a of facts.availability.attempts) {
      expect(a.outcome).toBe('ok');
      expect(a.ms).toBeGreaterThanOrEqual(300);
    }
  });

  it('falls back to /sitemap.xml, and reports a missing robots.txt', async () => {
    const cfg = config({ crawl: { respectRobots: true } });
    const { facts, robots, sitemapUrls } = await withFetcher(cfg, (f) => runProbes(`http://plain.test.gov.cn:${port}/`, f, cfg));
    expect(facts.robots).toMatchObject({ status: 404, found: false, obeyed: true });
    expect(robots).toBeNull();
    expect(sitemapUrls).toEqual([`http://plain.test.gov.cn:${port}/only.html`]);
    expect(facts.soft404).toMatchObject({ status: 404, outcome: 'http-error' });
  });

  it('sees a robots.txt that shuts out everyone, and ignores an HTML page posing as robots.txt', async () => {
    const cfg = config({ crawl: { useSitemaps: false } });
    const shut = await withFetcher(cfg, (f) => runProbes(`http://disallow.test.gov.cn:${port}/`, f, cfg));
    expect(shut.facts.robots).toMatchObject({ found: true, disallowsAll: true });
    expect(shut.facts.sitemaps).toEqual({ urls: [], entries: 0 });
    const html = await withFetcher(cfg, (f) => runProbes(`http://html-robots.test.gov.cn:${port}/`, f, cfg));
    expect(html.facts.robots).toMatchObject({ status: 200, found: false });
    expect(html.robots).toBeNull();
  });

  it('ipv6: connects to the AAAA address from the hosts map', async (ctx) => {
    if (!ipv6Available) ctx.skip();
    const cfg = config({ crawl: { useSitemaps: false } });
    const { facts } = await withFetcher(cfg, (f) => runProbes(`http://www.test.gov.cn:${port}/`, f, cfg));
    expect(facts.ipv6).toMatchObject({ host: 'www.test.gov.cn', aaaa: ['::1'], connected: true, outcome: 'ok' });
  });

  it('ipv6: a host without AAAA is not connected, and no resolver is asked under hostsOnly', async () => {
    const cfg = config({ crawl: { useSitemaps: false } });
    const { facts } = await withFetcher(cfg, (f) => runProbes(`http://plain.test.gov.cn:${port}/`, f, cfg));
    expect(facts.ipv6).toMatchObject({ host: 'plain.test.gov.cn', aaaa: [], connected: false, outcome: 'dns' });
    expect(facts.ipv6.error).toContain('AAAA');
  });

  it('ipv6: an AAAA address where nothing listens is not connected', async (ctx) => {
    if (!ipv6Available) ctx.skip();
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '::1', resolve));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const cfg = config({ crawl: { useSitemaps: false, hosts: { 'v6only.test.gov.cn': ['::1'] } } });
    const { facts } = await withFetcher(cfg, (f) => runProbes(`http://v6only.test.gov.cn:${closedPort}/`, f, cfg));
    expect(facts.ipv6).toMatchObject({ aaaa: ['::1'], connected: false, outcome: 'refused' });
    expect(facts.availability.attempts[0].outcome).toBe('refused');
  });
});

describe('fetchVariants', () => {
  // A tiny stand-in for the real extractor (another module): title, visible text, links and scripts.
  const extract = (url: string, body: Buffer) => {
    const html = body.toString('utf8');
    const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';
    const links = [...html.matchAll(/href="([^"]+)"/g)].map((m) => ({ url: new URL(m[1], url).href }));
    const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => ({ src: new URL(m[1], url).href }));
    const text = html.replace(/<title>[^<]*<\/title>/, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
    return { title, text, links, scripts };
  };

  it('fetches as a browser, as Baiduspider and from a Baidu search, and sees the differences', async () => {
    const cfg = config();
    const home = `http://www.test.gov.cn:${port}/`;
    const variants = await withFetcher(cfg, (f) => fetchVariants([home], f, cfg, extract));
    expect(variants.map((v) => v.as)).toEqual(['browser', 'baiduspider', 'referer:baidu']);
    const [browser, spider, fromSearch] = variants;

    expect(browser).toMatchObject({ outcome: 'ok', status: 200, title: '测试市人民政府', finalUrl: home });
    expect(browser.userAgent).toContain('Chrome');
    expect(browser.linkHosts.sort()).toEqual(['www.gov.cn', 'www.test.gov.cn']);
    expect(browser.scriptSrcs).toEqual([`http://www.test.gov.cn:${port}/js/site.js`]);

    expect(spider.userAgent).toBe(BAIDUSPIDER_UA);
    expect(spider.title).toBe('澳门赌场 在线娱乐');
    expect(spider.linkHosts).toEqual(['casino.example.com']);
    expect(spider.text).toContain('真人娱乐');

    expect(fromSearch.referer).toBe(`https://www.baidu.com/s?wd=${encodeURIComponent('测试市人民政府')}`);
    expect(fromSearch.redirects).toEqual(['http://casino.example.com/landing']);
    expect(fromSearch.finalUrl).toBe('http://casino.example.com/landing');
    expect(fromSearch.outcome).toBe('dns'); // the foreign host is never resolved in tests
    expect(fromSearch.title).toBe('');
  });

  it('bounds the text of each variant', async () => {
    const cfg = config();
    const long = () => ({ title: 't', text: '字'.repeat(50_000), links: [], scripts: [] });
    const variants = await withFetcher(cfg, (f) => fetchVariants([`http://www.test.gov.cn:${port}/`], f, cfg, long));
    expect(variants[0].text.length).toBe(20_000);
  });
});
