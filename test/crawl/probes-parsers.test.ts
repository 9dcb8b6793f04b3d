// robots.txt and sitemap parsing, including hostile and sloppy input.
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseRobots, productToken } from '../../src/crawl/robots.js';
import { parseSitemap, MAX_SITEMAP_ENTRIES, SitemapStream } from '../../src/crawl/sitemap.js';

describe('parseRobots', () => {
  const robots = parseRobots(
    [
      '# comment line',
      'User-agent: Baiduspider',
      'Disallow: /',
      '',
      'User-agent: *',
      'Disallow: /admin/',
      'Allow: /admin/public$',
      'Disallow: /*.pdf$',
      'Disallow: /search?',
      'Crawl-delay: 2',
      'Sitemap: http://www.test.gov.cn/sitemap.xml   # trailing comment',
      'sitemap: http://www.test.gov.cn/sitemap2.xml',
    ].join('\r\n'),
  );

  it('applies the * group with longest match and Allow winning ties', () => {
    expect(robots.isAllowed('/')).toBe(true);
    expect(robots.isAllowed('/news/1.html')).toBe(true);
    expect(robots.isAllowed('/admin/login')).toBe(false);
    expect(robots.isAllowed('/admin/public')).toBe(true);
    expect(robots.isAllowed('/admin/public/x')).toBe(false); // `$` anchors the Allow
    expect(robots.isAllowed('/files/a.pdf')).toBe(false);
    expect(robots.isAllowed('/files/a.pdf?download=1')).toBe(true);
    expect(robots.isAllowed('/search?q=x')).toBe(false);
    expect(robots.isAllowed('/robots.txt')).toBe(true);
  });

  it('uses the group that names the crawler', () => {
    expect(robots.isAllowed('/news/1.html', 'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)')).toBe(false);
    expect(robots.isAllowed('/news/1.html', 'govpatrol/0.1')).toBe(true);
  });

  it('collects sitemaps, crawl delay and disallowsAll', () => {
    expect(robots.sitemaps).toEqual(['http://www.test.gov.cn/sitemap.xml', 'http://www.test.gov.cn/sitemap2.xml']);
    expect(robots.crawlDelaySec).toBe(2);
    expect(robots.disallowsAll).toBe(false);
    expect(parseRobots('User-agent: *\nDisallow: /\n').disallowsAll).toBe(true);
    expect(parseRobots('User-agent: *\nDisallow: /\n').isAllowed('/index.html')).toBe(false);
    expect(parseRobots('User-agent: *\nDisallow:\n').disallowsAll).toBe(false);
    expect(parseRobots('User-agent: Baiduspider\nDisallow: /\n').disallowsAll).toBe(false);
  });

  it('matches groups by product token, never by substring (RFC 9309)', () => {
    const r = parseRobots(
      ['User-agent: Mozilla', 'Disallow: /moz/', '', 'User-agent: spider', 'Disallow: /spider/', '', 'User-agent: compatible', 'Disallow: /compat/',
        '', 'User-agent: govpatrol', 'Disallow: /ours/', 'Crawl-delay: 3', '', 'User-agent: *', 'Disallow: /all/', 'Crawl-delay: 1'].join('\n'),
    );
    const ours = 'Mozilla/5.0 (compatible; govpatrol/0.1; +https://github.com/govpatrol)';
    const baidu = 'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)';
    // Our own group applies, alone: not the Mozilla or "compatible" groups our header happens to contain.
    expect(['/ours/a', '/moz/a', '/compat/a', '/all/a'].map((p) => r.isAllowed(p, ours))).toEqual([false, true, true, true]);
    // Baiduspider has no group of its own: "spider" is not its token, so the * group applies.
    expect(['/spider/a', '/all/a'].map((p) => r.isAllowed(p, baidu))).toEqual([true, false]);
    expect(r.isAllowed('/moz/a', 'Mozilla/5.0 (Windows NT 10.0)')).toBe(false);
    expect([productToken(ours), productToken(baidu), productToken('govpatrol/0.1'), productToken('')]).toEqual(['govpatrol', 'baiduspider', 'govpatrol', '*']);
    // Crawl-delay comes from the group that applies.
    expect(r.crawlDelayFor(ours)).toBe(3);
    expect(r.crawlDelayFor(baidu)).toBe(1);
    expect(r.crawlDelaySec).toBe(1);
  });

  it('merges consecutive user-agent lines into one group', () => {
    const r = parseRobots('User-agent: a\nUser-agent: *\nDisallow: /x\n');
    expect(r.isAllowed('/x')).toBe(false);
    expect(r.isAllowed('/x', 'a/1.0')).toBe(false);
  });

  it('accepts full URLs and non-ASCII paths', () => {
    const r = parseRobots('User-agent: *\nDisallow: /政务公开/\n');
    expect(r.isAllowed('/%E6%94%BF%E5%8A%A1%E5%85%AC%E5%BC%80/a.html')).toBe(false);
    expect(r.isAllowed('http://www.test.gov.cn/%e6%94%bf%e5%8a%a1%e5%85%ac%e5%bc%80/a.html')).toBe(false);
    expect(r.isAllowed('/other')).toBe(true);
  });

  it('survives garbage and huge input without hanging', () => {
    expect(parseRobots('').isAllowed('/')).toBe(true);
    const huge = 'User-agent: *\n' + 'Disallow: /*a*a*a*a*a*b\n'.repeat(50_000);
    const started = Date.now();
    const r = parseRobots(huge);
    expect(r.isAllowed('/' + 'a'.repeat(2000))).toBe(true);
    expect(Date.now() - started).toBeLessThan(30_000); // a regex blow-up would take far longer
    expect(parseRobots('\u0000\u0001 binary \uFFFF:::').isAllowed('/x')).toBe(true);
    // thousands of distinct wildcard rules: matching stays polynomial, never a regex blow-up
    const distinct = 'User-agent: *\n' + Array.from({ length: 5000 }, (_, i) => `Disallow: /*a*a*a*a*${i}b\n`).join('');
    const many = parseRobots(distinct);
    const t0 = Date.now();
    for (let i = 0; i < 20; i++) expect(many.isAllowed('/' + 'a'.repeat(300) + i)).toBe(true);
    expect(Date.now() - t0).toBeLessThan(30_000); // a regex blow-up would take far longer
  });
});

describe('parseSitemap', () => {
  it('reads a urlset with namespaces, entities and whitespace', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
      <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <url><loc> http://www.test.gov.cn/a.html?x=1&amp;y=2 </loc><lastmod>2026-01-01</lastmod></url>
        <url><loc><![CDATA[http://www.test.gov.cn/b.html]]></loc></url>
        <url><loc>javascript:alert(1)</loc></url>
      </urlset>`;
    expect(parseSitemap(xml)).toEqual({ urls: ['http://www.test.gov.cn/a.html?x=1&y=2', 'http://www.test.gov.cn/b.html'], sitemaps: [] });
  });

  it('reads a sitemap index and a gzipped buffer', () => {
    const index = '<sitemapindex><sitemap><loc>http://t/s1.xml</loc></sitemap><sitemap><loc>http://t/s2.xml.gz</loc></sitemap></sitemapindex>';
    expect(parseSitemap(Buffer.from(index))).toEqual({ urls: [], sitemaps: ['http://t/s1.xml', 'http://t/s2.xml.gz'] });
    const gz = zlib.gzipSync('<urlset><url><loc>http://t/z.html</loc></url></urlset>');
    expect(parseSitemap(gz).urls).toEqual(['http://t/z.html']);
  });

  it('streams: chunks split inside tags and multi-byte characters give the same result', () => {
    const xml = Buffer.from(
      '<urlset>' + Array.from({ length: 50 }, (_, i) => `<url><loc>http://t/政务公开/${i}.html</loc></url>`).join('') + '</urlset>',
    );
    const whole = parseSitemap(xml);
    expect(whole.urls).toHaveLength(50);
    for (const size of [1, 3, 7, 100]) {
      const stream = new SitemapStream();
      for (let i = 0; i < xml.length; i += size) stream.write(xml.subarray(i, i + size));
      expect(stream.end()).toEqual(whole);
    }
    const gz = zlib.gzipSync(xml);
    const gzStream = new SitemapStream();
    for (let i = 0; i < gz.length; i += 5) gzStream.write(gz.subarray(i, i + 5));
    expect(gzStream.end()).toEqual(whole);
  });

  it('stops at the entry cap', () => {
    const xml = '<urlset>' + '<url><loc>http://t/p</loc></url>'.repeat(MAX_SITEMAP_ENTRIES + 500) + '</urlset>';
    expect(parseSitemap(xml).urls.length).toBe(MAX_SITEMAP_ENTRIES);
  });

  it('returns nothing for broken input instead of throwing', () => {
    expect(parseSitemap('<<<not xml')).toEqual({ urls: [], sitemaps: [] });
    expect(parseSitemap(Buffer.from([0x1f, 0x8b, 1, 2, 3]))).toEqual({ urls: [], sitemaps: [] });
  });
});
