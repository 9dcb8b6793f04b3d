import { afterEach, describe, expect, it } from 'vitest';
import { crawlSite, type AttachmentBody, type CrawlProgress, type ReusedAttachment } from '../../src/crawl/crawler.js';
import type { PageFacts } from '../../src/domain/index.js';
import { parseRobots } from '../../src/crawl/robots.js';
import { html, links, startServer, testConfig, type Route, type TestServer } from './crawler-server.js';

const SITE = 'www.site.gov.cn';
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const collect = () => {
  const pages: PageFacts[] = [];
  return { pages, handlers: { onPage: (p: PageFacts) => void pages.push(p) } };
};
const hitsOf = (s: TestServer, path: string, host = SITE) => s.hits.get(host + path) ?? 0;

describe('crawlSite', () => {
  it('fetches a page linked 100 times exactly once, and follows redirects without refetching', async () => {
    const route: Route = (path) => {
      if (path === '/') return { body: html(links([...Array(100).fill('/a.html'), '/b.html', '/old'])) };
      if (path === '/a.html') return { body: html(links(['/', '/b.html', '/a.html#x', 'b.html?'])) };
      if (path === '/b.html') return { body: html(links(['/a.html', '/new.html'])) };
      if (path === '/old') return { status: 301, headers: { location: '/new.html' } };
      if (path === '/new.html') return { body: html('新页面') };
    };
    server = await startServer({ [SITE]: route });
    const { pages, handlers } = collect();
    const r = await crawlSite(server.url(SITE), testConfig({ [SITE]: ['127.0.0.1'] }), handlers);
    expect(hitsOf(server, '/')).toBe(1);
    expect(hitsOf(server, '/a.html')).toBe(1);
    expect(hitsOf(server, '/b.html')).toBe(1);
    expect(hitsOf(server, '/old')).toBe(1);
    expect(hitsOf(server, '/new.html')).toBe(1);
    // /new.html is parsed once: either reached through /old (then finalUrl says so) or directly.
    expect(pages.map((p) => p.finalUrl).sort()).toEqual(['/', '/a.html', '/b.html', '/new.html'].map((p) => server!.url(SITE, p)));
    // Whichever way it was reached, the one /new.html page was asked for as /old or /new.html, nothing else.
    const newPage = pages.find((p) => p.finalUrl === server!.url(SITE, '/new.html'));
    expect([server.url(SITE, '/old'), server.url(SITE, '/new.html')]).toContain(newPage?.url);
    expect(r.home?.url).toBe(server.url(SITE));
    expect(r.home?.depth).toBe(0);
    expect(pages.find((p) => p.url.endsWith('/b.html'))?.depth).toBe(1);
    expect(r.stats.pages).toBe(4);
    expect(r.brokenLinks).toEqual([]);
    expect(r.aborted).toBe(false);
  });

  it('judges page redirects as the fetcher does: no Location, bad schemes, loops, off-site targets, a moved home page', async () => {
    const NEW = 'www.new-site.gov.cn';
    const EXT = 'ext.example.com';
    const route: Route = (path) => {
      if (path === '/') return { status: 301, headers: { location: `http://${NEW}:${server!.port}/` } };
    };
    const moved: Route = (path) => {
      if (path === '/') return { body: html(links(['/no-location', '/to-mailto', '/loop-a', '/to-ext', '/chain/5'])) };
      if (path === '/no-location') return { status: 302 };
      if (path === '/to-mailto') return { status: 302, headers: { location: 'mailto:admin@site.gov.cn' } };
      if (path === '/loop-a') return { status: 302, headers: { location: '/loop-b' } };
      if (path === '/loop-b') return { status: 302, headers: { location: '/loop-a' } };
      if (path === '/to-ext') return { status: 302, headers: { location: `http://${EXT}:${server!.port}/gone` } };
      const m = /^\/chain\/(\d+)$/.exec(path);
      if (m) return Number(m[1]) === 0 ? { body: html('终点') } : { status: 302, headers: { location: `/chain/${Number(m[1]) - 1}` } };
    };
    server = await startServer({ [SITE]: route, [NEW]: moved, [EXT]: () => undefined });
    const cfg = testConfig({ [SITE]: ['127.0.0.1'], [NEW]: ['127.0.0.1'], [EXT]: ['127.0.0.1'] }, { maxRedirects: 3 });
    const { pages, handlers } = collect();
    const r = await crawlSite(server.url(SITE), cfg, handlers);
    // The home page moved: the new host is the site, and its pages are crawled.
    expect(r.home?.finalUrl).toBe(server.url(NEW));
    const by = new Map(r.brokenLinks.map((b) => [new URL(b.target).pathname, b]));
    expect(by.get('/no-location')).toMatchObject({ outcome: 'http-error', status: 302, internal: true });
    expect(by.get('/no-location')?.error).toContain('缺少 Location');
    expect(by.get('/loop-a')).toMatchObject({ outcome: 'redirect-loop', internal: true });
    expect(by.get('/chain/5')).toMatchObject({ outcome: 'too-many-redirects' });
    // An off-site target is only checked (HEAD), never crawled; its 404 is the link's verdict.
    expect(by.get('/to-ext')).toMatchObject({ outcome: 'http-error', status: 404 });
    expect(hitsOf(server, '/gone', EXT)).toBeGreaterThanOrEqual(1);
    // A mailto: target is not a page and not a dead link, and nothing empty is parsed as a page.
    expect(by.has('/to-mailto')).toBe(false);
    expect(pages.map((p) => new URL(p.finalUrl).pathname).sort()).toEqual(['/']);
  });

  it('stops at maxDepth and maxPages and says so', async () => {
    // A chain /p0 → /p1 → … and a wide fan from the home page.
    const route: Route = (path) => {
      const m = /^\/p(\d+)$/.exec(path);
      if (m) return { body: html(links([`/p${Number(m[1]) + 1}`])) };
      if (path === '/') return { body: html(links(['/p1'])) };
      const w = /^\/w(\d+)$/.exec(path);
      if (w) return { body: html('宽') };
    };
    server = await startServer({ [SITE]: route });
    const deep = await crawlSite(server.url(SITE), testConfig({ [SITE]: ['127.0.0.1'] }, { maxDepth: 3 }), collect().handlers);
    expect(deep.stats.pages).toBe(4); // depths 0..3
    expect(hitsOf(server, '/p3')).toBe(1);
    expect(hitsOf(server, '/p4')).toBe(0);
    expect(deep.limits.join()).toContain('最大抓取深度 3');
    expect(deep.skippedLinks.sample).toEqual([{ url: server.url(SITE, '/p4'), reason: 'max-depth', seenOn: server.url(SITE, '/p3') }]);

    const wide: Route = (path, req) => (path === "/" ? { body: html(links(Array.from({ length: 50 }, (_, i) => `/w${i}`))) } : route(path, req));
    await server.close();
    server = await startServer({ [SITE]: wide });
    const few = await crawlSite(server.url(SITE), testConfig({ [SITE]: ['127.0.0.1'] }, { maxPages: 5 }), collect().handlers);
    expect(few.stats.pages).toBe(5);
    expect([...server.hits.keys()].filter((k) => k.includes('/w')).length).toBe(4);
    expect(few.limits.join()).toContain('最大页面数 5');
    expect(few.skippedLinks.counts).toEqual({ 'max-pages': 46 });
    expect(few.limits).toContain('未抓取也未检查的链接（SKIPPED）：超过最大页面数 46 个');
  });

  it('keeps list pagination at the list page depth', async () => {
    const route: Route = (path) => {
      if (path === '/') return { body: html(links(['/col/index.html'])) };
      const m = /^\/col\/index(?:_(\d+))?\.html$/.exec(path);
      if (m) {
        const n = Number(m[1] ?? 0);
        const next = n < 30 ? `<div class="page"><a href="index_${n + 1}.html">下一页</a></div>` : '';
        return { body: html(`<ul><li><a href="/col/a${n}.html">文章${n}</a><span>2024-05-01</span></li></ul>${next}`) };
      }
      if (/^\/col\/a\d+\.html$/.test(path)) return { body: html('文章') };
    };
    server = await startServer({ [SITE]: route });
    const { pages, handlers } = collect();
    const r = await crawlSite(server.url(SITE), testConfig({ [SITE]: ['127.0.0.1'] }, { maxDepth: 2 }), handlers);
    expect(hitsOf(server, '/col/index_30.html')).toBe(1);
    expect(hitsOf(server, '/col/a30.html')).toBe(1);
    expect(pages.find((p) => p.url.endsWith('/col/index_30.html'))?.depth).toBe(1);
    expect(r.limits).toEqual([]);
  });

  it('escapes crawl traps: endless calendars and repeating path segments', async () => {
    const route: Route = (path) => {
      if (path === '/') return { body: html(links(['/cal?date=0', 'loop/'])) };
      const m = /^\/cal\?date=(\d+)$/.exec(path);
      if (m) return { body: html(links([`/cal?date=${Number(m[1]) + 1}`, `/cal?date=${Number(m[1]) + 2}`])) };
      if (path.startsWith('/loop/')) return { body: html(links(['loop/'])) }; // /loop/loop/loop/…
    };
    server = await startServer({ [SITE]: route });
    const r = await crawlSite(server.url(SITE), testConfig({ [SITE]: ['127.0.0.1'] }, { maxQueryVariantsPerPath: 10, maxDepth: 100 }), collect().handlers);
    const calendarHits = [...server.hits.keys()].filter((k) => k.includes('/cal?')).length;
    expect(calendarHits).toBe(10);
    expect(hitsOf(server, '/loop/loop/')).toBe(1);
    expect(hitsOf(server, '/loop/loop/loop/')).toBe(0);
    expect(r.limits.join()).toContain('查询参数变体超过 10');
    expect(r.limits.join()).toContain('路径段重复');
  });

  it('spills the frontier to disk on a 2,000-page site and still fetches every page exactly once', async () => {
    // home → 40 lists → 50 articles each; every article links its neighbours and the home page.
    const route: Route = (path) => {
      if (path === '/') return { body: html(links(Array.from({ length: 40 }, (_, i) => `/l${i}/`))) };
      const l = /^\/l(\d+)\/$/.exec(path);
      if (l) return { body: html(links(Array.from({ length: 50 }, (_, j) => `/l${l[1]}/a${j}.html`))) };
      const a = /^\/l(\d+)\/a(\d+)\.html$/.exec(path);
      if (a) {
        const j = Number(a[2]);
        return { body: html(links(['/', `/l${a[1]}/`, `a${(j + 1) % 50}.html`, `/l${(Number(a[1]) + 1) % 40}/a${j}.html`])) };
      }
    };
    server = await startServer({ [SITE]: route });
    const progress: CrawlProgress[] = [];
    const r = await crawlSite(
      server.url(SITE),
      testConfig({ [SITE]: ['127.0.0.1'] }, { frontierMemoryLimit: 100, concurrency: 16, perHostConcurrency: 16 }),
      { ...collect().handlers, onProgress: (p) => progress.push(p) },
    );
    expect(r.stats.pages).toBe(2041);
    expect(server.hits.size).toBe(2041);
    expect([...server.hits.values()].every((n) => n === 1)).toBe(true);
    expect(r.brokenLinks).toEqual([]);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)?.pagesDone).toBe(2041);
  });

  it('never exceeds per-host concurrency', async () => {
    const sub = 'jyj.site.gov.cn';
    const make =
      (host: string): Route =>
      (path) => {
        if (path === '/') return { body: html(links(Array.from({ length: 30 }, (_, i) => `/x${i}.html`).concat(host === SITE ? [`http://${sub}:${server!.port}/`] : []))), delayMs: 5 };
        return { body: html('页'), delayMs: 30 };
      };
    server = await startServer({ [SITE]: make(SITE), [sub]: make(sub) });
    const cfg = testConfig({ [SITE]: ['127.0.0.1'], [sub]: ['127.0.0.1'] }, { concurrency: 10, perHostConcurrency: 3, subsites: [sub] });
    const r = await crawlSite(server.url(SITE), cfg, collect().handlers);
    expect(r.stats.pages).toBe(62);
    expect(server.maxActive.get(SITE)).toBe(3);
    expect(server.maxActive.get(sub)).toBe(3);
    expect(server.maxActiveTotal).toBeLessThanOrEqual(6);
  });

  it('spaces requests to one host by perHostDelayMs', async () => {
    const times: number[] = [];
    const route: Route = (path) => {
      times.push(Date.now());
      if (path === '/') return { body: html(links(Array.from({ length: 5 }, (_, i) => `/d${i}.html`))) };
      return { body: html('页') };
    };
    server = await startServer({ [SITE]: route });
    const r = await crawlSite(server.url(SITE), testConfig({ [SITE]: ['127.0.0.1'] }, { perHostDelayMs: 60, concurrency: 8, perHostConcurrency: 8 }), collect().handlers);
    expect(r.stats.pages).toBe(6);
    // The mean gap, seen by the server: one request delayed by a busy machine can bunch with the next, but
    // unspaced requests (concurrency 8) would all arrive within a few milliseconds.
    const meanGap = (times[times.length - 1] - times[0]) / (times.length - 1);
    expect(meanGap).toBeGreaterThanOrEqual(50);
  });

  it('books broken links with their referrers: home vs page, internal vs external, 404 vs DNS', async () => {
    const EXT = 'ext.example.com';
    const DEAD = 'dead.example.com';
    const route: Route = (path) => {
      if (path === '/') return { body: html(`<nav>${links(['/missing.html', '/a.html'])}</nav><a href="http://${DEAD}/x">死站</a><img src="/img/gone.png" alt="图">`) };
      if (path === '/a.html') return { body: html(links(['/missing.html', `http://${EXT}:${server!.port}/gone`, `http://${EXT}:${server!.port}/ok`, 'mailto:x@site.gov.cn', 'javascript:void(0)']) + '<img src="/img/gone.png">') };
    };
    server = await startServer({ [SITE]: route, [EXT]: (path) => (path === '/ok' ? { body: 'ok' } : undefined) });
    const cfg = testConfig({ [SITE]: ['127.0.0.1'], [EXT]: ['127.0.0.1'], [DEAD]: [] });
    const r = await crawlSite(server.url(SITE), cfg, collect().handlers);
    const by = new Map(r.brokenLinks.map((b) => [b.target.replace(`:${server!.port}`, ''), b]));
    expect([...by.keys()].sort()).toEqual([`http://${DEAD}/x`, `http://${EXT}/gone`, `http://${SITE}/img/gone.png`, `http://${SITE}/missing.html`]);
    const missing = by.get(`http://${SITE}/missing.html`)!;
    expect(missing).toMatchObject({ internal: true, status: 404, outcome: 'http-error', seenCount: 2 });
    expect(missing.seenOn.map((s) => [s.isHome, s.url.endsWith('/a.html')])).toEqual([
      [true, false],
      [false, true],
    ]);
    expect(missing.seenOn[0]).toMatchObject({ tag: 'a', text: '链接0' });
    expect(by.get(`http://${DEAD}/x`)).toMatchObject({ internal: false, outcome: 'dns', status: 0 });
    expect(by.get(`http://${DEAD}/x`)!.seenOn[0]).toMatchObject({ isHome: true, text: '死站' });
    expect(by.get(`http://${EXT}/gone`)).toMatchObject({ internal: false, status: 404 });
    expect(by.get(`http://${EXT}/gone`)!.seenOn[0].isHome).toBe(false);
    const img = by.get(`http://${SITE}/img/gone.png`)!;
    expect(img).toMatchObject({ internal: true, status: 404, seenCount: 2 });
    expect(img.seenOn[0]).toMatchObject({ isHome: true, tag: 'img' });
    expect(hitsOf(server, '/img/gone.png')).toBeLessThanOrEqual(2); // HEAD (+ GET fallback), once per URL
    expect(hitsOf(server, '/ok', EXT)).toBe(1);
    expect(r.stats.errors).toBe(4);

    // Not checking external links: they are neither fetched nor booked.
    server.hits.clear();
    const r2 = await crawlSite(server.url(SITE), testConfig({ [SITE]: ['127.0.0.1'], [EXT]: ['127.0.0.1'], [DEAD]: [] }, { checkExternalLinks: false }), collect().handlers);
    expect(r2.brokenLinks.every((b) => b.internal)).toBe(true);
    expect(hitsOf(server, '/ok', EXT)).toBe(0);
    // The external links are SKIPPED (off-site), each once, not forgotten.
    const offSite = r2.skippedLinks.sample.filter((x) => x.reason === 'off-site').map((x) => x.url.replace(`:${server!.port}`, ''));
    expect(offSite.sort()).toEqual([`http://${DEAD}/x`, `http://${EXT}/gone`, `http://${EXT}/ok`]);
    expect(r2.skippedLinks.counts['off-site']).toBe(3);
  });

  it('hands readable attachments to onAttachment and only checks the rest', async () => {
    const pdf = Buffer.from('%PDF-1.4\n% test\n');
    const route: Route = (path) => {
      if (path === '/') return { body: html(links(['/f/a.pdf', '/f/b.docx', '/f/c.zip', '/f/missing.pdf', '/f/d.xls'])) };
      if (path === '/f/a.pdf') return { type: 'application/pdf', body: pdf };
      if (path === '/f/b.docx') return { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', body: Buffer.from('PK\x03\x04docx') };
      if (path === '/f/c.zip') return { type: 'application/zip', body: Buffer.from('PK\x03\x04zip') };
      if (path === '/f/d.xls') return { type: 'application/vnd.ms-excel', body: Buffer.from('xls') };
    };
    server = await startServer({ [SITE]: route });
    const got: AttachmentBody[] = [];
    const cfg = testConfig({ [SITE]: ['127.0.0.1'] }, {}, { maxAttachments: 2 });
    const r = await crawlSite(server.url(SITE), cfg, { ...collect().handlers, onAttachment: (a) => void ('reused' in a || got.push(a)) });
    expect(got.map((a) => new URL(a.url).pathname).sort()).toEqual(['/f/a.pdf', '/f/b.docx']);
    const a = got.find((g) => g.url.endsWith('a.pdf'))!;
    expect(a.body.equals(pdf)).toBe(true);
    expect(a.contentType).toBe('application/pdf');
    expect(a.linkedFrom).toBe(server.url(SITE));
    expect(hitsOf(server, '/f/c.zip')).toBe(1); // HEAD only
    expect(r.brokenLinks.map((b) => new URL(b.target).pathname)).toEqual(['/f/missing.pdf']);
    expect(r.limits.join()).toContain('附件提取上限 2');
  });

  it('asks for attachments conditionally when the cache offers validators, and hands a 304 on as reused', async () => {
    const pdf = Buffer.from('%PDF-1.4\n% test\n');
    const asked: Record<string, string | undefined> = {};
    const route: Route = (path, req) => {
      if (path === '/') return { body: html(links(['/f/a.pdf', '/f/b.pdf', '/f/c.pdf'])) };
      if (!path.startsWith('/f/')) return undefined;
      asked[path] = req.headers['if-none-match'];
      if (req.headers['if-none-match'] === '"v1"') return { status: 304, headers: { etag: '"v1"' } };
      return { type: 'application/pdf', body: pdf, headers: { etag: '"v1"' } };
    };
    server = await startServer({ [SITE]: route });
    const home = server.url(SITE);
    // a.pdf: stored, found on the same page; b.pdf: stored as found on another page; c.pdf: not stored.
    const attachmentCache = {
      validators: (url: string, linkedFrom: string) =>
        url.endsWith('/a.pdf') ? { etag: '"v1"' } : url.endsWith('/b.pdf') && linkedFrom !== home ? { etag: '"v1"' } : undefined,
    };
    const got: Array<AttachmentBody | ReusedAttachment> = [];
    const r = await crawlSite(home, testConfig({ [SITE]: ['127.0.0.1'] }), { ...collect().handlers, onAttachment: (a) => void got.push(a) }, { attachmentCache });
    expect(asked).toEqual({ '/f/a.pdf': '"v1"', '/f/b.pdf': undefined, '/f/c.pdf': undefined });
    const byPath = new Map(got.map((a) => [new URL(a.url).pathname, a]));
    expect(byPath.get('/f/a.pdf')).toEqual({ url: server.url(SITE, '/f/a.pdf'), linkedFrom: home, reused: true });
    expect((byPath.get('/f/b.pdf') as AttachmentBody).body.equals(pdf)).toBe(true);
    expect((byPath.get('/f/c.pdf') as AttachmentBody).validators).toEqual({ etag: '"v1"' });
    expect(r.brokenLinks).toEqual([]);
  });

  it('returns promptly with aborted: true when the signal fires', async () => {
    const route: Route = (path) => {
      if (path === '/') return { body: html(links(Array.from({ length: 200 }, (_, i) => `/s${i}.html`))) };
      return { body: html(links([`/t${path.slice(2)}`])), delayMs: 300 };
    };
    server = await startServer({ [SITE]: route });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 400);
    const t0 = Date.now();
    const r = await crawlSite(server.url(SITE), testConfig({ [SITE]: ['127.0.0.1'] }, { concurrency: 4, perHostConcurrency: 4 }), collect().handlers, { signal: ac.signal });
    expect(Date.now() - t0).toBeLessThan(10_000); // the whole crawl would take over 15 s
    expect(r.aborted).toBe(true);
    expect(r.home).toBeDefined();
    expect(r.stats.pages).toBeGreaterThan(0);
    expect(r.stats.pages).toBeLessThan(20);
  });

  it('obeys robots.txt only when respectRobots is on', async () => {
    const route: Route = (path) => {
      if (path === '/') return { body: html(links(['/open.html', '/private/secret.html'])) };
      if (path === '/open.html' || path === '/private/secret.html') return { body: html('页') };
    };
    server = await startServer({ [SITE]: route });
    const robots = parseRobots('User-agent: *\nDisallow: /private/\n');
    const on = await crawlSite(server.url(SITE), testConfig({ [SITE]: ['127.0.0.1'] }, { respectRobots: true }), collect().handlers, { robots });
    expect(on.stats.pages).toBe(2);
    expect(hitsOf(server, '/private/secret.html')).toBe(0);
    // Not silently dropped: SKIPPED, with the reason and where it was linked.
    expect(on.skippedLinks.sample).toEqual([{ url: server.url(SITE, '/private/secret.html'), reason: 'robots', seenOn: server.url(SITE) }]);
    expect(on.skippedLinks.counts).toEqual({ robots: 1 });
    expect(on.limits).toContain('未抓取也未检查的链接（SKIPPED）：robots.txt 禁止 1 个');
    const off = await crawlSite(server.url(SITE), testConfig({ [SITE]: ['127.0.0.1'] }), collect().handlers, { robots });
    expect(off.stats.pages).toBe(3);
    expect(hitsOf(server, '/private/secret.html')).toBe(1);
    expect(off.skippedLinks.counts).toEqual({});
  });

  it('honours the Crawl-delay of its own robots.txt group under respectRobots, on the site host only', async () => {
    const times: number[] = [];
    const route: Route = (path) => {
      if (path !== '/favicon.ico') times.push(Date.now());
      if (path === '/') return { body: html(links(['/1.html', '/2.html', '/3.html'])) };
      return { body: html('页') };
    };
    server = await startServer({ [SITE]: route });
    // A Mozilla group must not apply to us (product token, not substring); the govpatrol group does.
    const robots = parseRobots('User-agent: Mozilla\nCrawl-delay: 60\n\nUser-agent: govpatrol\nCrawl-delay: 0.5\n');
    const cfg = testConfig({ [SITE]: ['127.0.0.1'] }, { respectRobots: true, concurrency: 8, perHostConcurrency: 8 });
    const r = await crawlSite(server.url(SITE), cfg, collect().handlers, { robots });
    expect(r.stats.pages).toBe(4);
    // Four requests 500 ms apart start to start: the span is about 1.5 s whatever the arrival jitter of one
    // request (without the delay it is a few ms).
    expect(times.length).toBe(4);
    expect(times[3] - times[0]).toBeGreaterThanOrEqual(1200);
    expect(r.limits).toContain('已按 robots.txt 的 Crawl-delay 每 0.5 秒请求一次本站');
    // Without respectRobots the delay is only reported elsewhere, never obeyed.
    const off = await crawlSite(server.url(SITE), testConfig({ [SITE]: ['127.0.0.1'] }), collect().handlers, { robots });
    expect(off.limits.some((l) => l.includes('Crawl-delay'))).toBe(false);
  });

  it('crawls sitemap seeds and returns key pages and columns', async () => {
    const route: Route = (path) => {
      if (path === '/') return { body: html(`<nav>${links(['/xwdt/'])}</nav>`) };
      // Five dated items: fewer dated links are not yet a list page, and a list page is what makes a column.
      const items = ['2024-05-01', '2024-04-01', '2024-03-01', '2024-02-01', '2024-01-01'].map((d) => `<li><a href="/a.html">新闻</a><span>${d}</span></li>`).join('');
      if (path === '/xwdt/' || path === '/orphan.html') return { body: html(`<ul>${items}</ul>`, '新闻动态') };
      if (path === '/a.html') return { body: html('文章') };
    };
    server = await startServer({ [SITE]: route });
    const r = await crawlSite(server.url(SITE), testConfig({ [SITE]: ['127.0.0.1'] }), collect().handlers, { seeds: [server.url(SITE, '/orphan.html'), 'http://elsewhere.example/x'] });
    expect(hitsOf(server, '/orphan.html')).toBe(1);
    expect(r.stats.pages).toBe(4);
    expect(r.keyPages[0]).toBe(r.home);
    expect(r.keyPages.some((p) => p.url.endsWith('/xwdt/'))).toBe(true);
    // The seeded orphan list page is modelled like any column page: the 新闻动态 column with its dated item.
    expect(r.columns.find((c) => c.url === server!.url(SITE, '/xwdt/'))).toMatchObject({ name: '新闻动态', newestDate: '2024-05-01', itemCount: 5 });
  });
});
