import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { createGunzip } from 'node:zlib';
import http from 'node:http';
import { startTestSite, PLANTED_WORDS, type TestSite } from '../../testsite/index.js';
import { rawGet } from './http.js';

const SITE = 'www.linjiang.gov.cn';
let site: TestSite;

beforeAll(async () => {
  site = await startTestSite({ today: new Date('2025-03-10T02:00:00Z') });
});
afterAll(async () => {
  await site.close();
});

describe('testsite server', () => {
  it('dispatches by Host header', async () => {
    expect(site.url).toBe(`http://${SITE}:${site.port}/`);
    const home = await rawGet(site.port, SITE, '/');
    expect(home.status).toBe(200);
    const html = home.body.toString();
    expect(html).toContain('<meta name="SiteIDCode" content="2108000001">');
    expect(html).toContain('辽ICP备12345678号');
    expect(html).toContain('辽公网安备 21080202000001号');
    expect(html).toContain('alt="党政机关"');
    expect(html).toContain('我为政府网站找错');
    expect(html).toContain('<form class="search" action="/search"');
    expect((html.match(/\/col\/[a-z]+\/index\.html">/g) ?? []).length).toBeGreaterThanOrEqual(13);
    const bare = await rawGet(site.port, 'linjiang.gov.cn', '/col/ywdt/index.html?x=1');
    expect(bare.status).toBe(301);
    expect(bare.headers.location).toBe(`http://${SITE}:${site.port}/col/ywdt/index.html?x=1`);
    expect((await rawGet(site.port, 'external.example.org', '/ok.html')).status).toBe(200);
    expect((await rawGet(site.port, 'external.example.org', '/gone.html')).status).toBe(404);
    for (const p of ['/beian', '/conac', '/jiucuo', '/gongan']) expect((await rawGet(site.port, 'external.example.org', p)).status).toBe(200);
    expect((await rawGet(site.port, 'spam.example.com', '/casino.html')).status).toBe(200);
    const js = await rawGet(site.port, 'evil.example.net', '/x.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toContain('javascript');
    expect((await rawGet(site.port, 'unknown.example', '/')).status).toBe(404);
    expect(site.hosts['nxdomain.example.org']).toEqual([]);
    expect(site.hosts[SITE]).toEqual(['127.0.0.1']);
  });

  it('serves a search page, robots.txt and a sitemap listing the columns', async () => {
    const s = await rawGet(site.port, SITE, `/search?q=${encodeURIComponent('临江市')}&x=<script>`);
    expect(s.status).toBe(200);
    expect(s.body.toString()).toContain('搜索结果');
    expect(s.body.toString()).not.toContain('<script>');
    const robots = await rawGet(site.port, SITE, '/robots.txt');
    expect(robots.body.toString()).toContain(`Sitemap: http://${SITE}:${site.port}/sitemap.xml`);
    const sm = (await rawGet(site.port, SITE, '/sitemap.xml')).body.toString();
    expect(sm).toContain(`<loc>http://${SITE}:${site.port}/col/tzgg/index.html</loc>`);
    expect((sm.match(/<loc>/g) ?? []).length).toBe(14);
  });

  it('soft 404 for unknown pages, real 404 under /bad/ and /attach/', async () => {
    const soft = await rawGet(site.port, SITE, '/no/such/page.html');
    expect(soft.status).toBe(200);
    expect(soft.body.toString()).toContain('页面不存在');
    expect((await rawGet(site.port, SITE, '/bad/nothing')).status).toBe(404);
    expect((await rawGet(site.port, SITE, '/attach/999.pdf')).status).toBe(404);
    expect((await rawGet(site.port, SITE, '/bad/404.html')).status).toBe(404);
    expect((await rawGet(site.port, SITE, '/bad/500.html')).status).toBe(500);
  });

  it('GBK pages decode with TextDecoder("gbk")', async () => {
    const pages = site.site.specialPages.filter((p) => p.actual === 'gbk');
    expect(pages.map((p) => p.kind).sort()).toEqual(['gbk-header-only', 'gbk-no-header-charset', 'gbk-no-header-charset', 'wrong-declared-charset']);
    for (const p of pages) {
      const r = await rawGet(site.port, SITE, p.path);
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe(p.contentType);
      const text = new TextDecoder('gbk').decode(r.body);
      expect(text).toContain('临江市人民政府');
      expect(text).toContain('网站标识码：2108000001');
      expect(text).not.toContain('\ufffd');
      expect(r.body.toString('utf8')).toContain('\ufffd'); // really not UTF-8
      if (p.kind === 'gbk-header-only') expect(text).not.toContain('charset=');
      else expect(text).toContain('<meta charset="gb2312">');
    }
    const list = new TextDecoder('gbk').decode((await rawGet(site.port, SITE, '/col/rsxx/index.html')).body);
    expect(list).toContain('人事信息');
  });

  it('misbehaving endpoints misbehave', async () => {
    await expect(rawGet(site.port, SITE, '/bad/hang', { timeoutMs: 300 })).rejects.toThrow(/timeout/);
    await expect(rawGet(site.port, SITE, '/bad/reset', { timeoutMs: 2000 })).rejects.toThrow();
    await expect(rawGet(site.port, SITE, '/bad/lying-length', { timeoutMs: 2000 })).rejects.toThrow();
    const t0 = Date.now();
    await expect(rawGet(site.port, SITE, '/bad/slow-drip', { timeoutMs: 1500 })).rejects.toThrow(/timeout/);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1400);
    const huge = await rawGet(site.port, SITE, '/bad/huge', { maxBytes: 8 << 20 });
    expect(huge.body.length).toBeGreaterThanOrEqual(8 << 20);
    const a = await rawGet(site.port, SITE, '/bad/loop-a');
    expect([a.status, a.headers.location]).toEqual([302, '/bad/loop-b']);
    const b = await rawGet(site.port, SITE, '/bad/loop-b');
    expect(b.headers.location).toBe('/bad/loop-a');
    const nh = await rawGet(site.port, SITE, '/bad/not-html');
    expect(nh.headers['content-type']).toBe('application/octet-stream');
    expect(nh.body.toString()).toContain('<html');
  });

  it('gzip bomb is small on the wire and inflates past 1 GB', async () => {
    const bomb = await rawGet(site.port, SITE, '/bad/gzip-bomb');
    expect(bomb.headers['content-encoding']).toBe('gzip');
    expect(bomb.body.length).toBeLessThan(2 << 20);
    // The trailer's ISIZE states the inflated length; inflating the first 64 MiB checks the stream is real.
    expect(bomb.body.readUInt32LE(bomb.body.length - 4)).toBeGreaterThan(1_000_000_000);
    const inflated = await new Promise<number>((resolve, reject) => {
      let n = 0;
      const g = createGunzip();
      g.on('data', (d: Buffer) => {
        n += d.length;
        if (d.some((x) => x !== 0)) reject(new Error('non-zero'));
        if (n >= 64 << 20) {
          g.destroy();
          resolve(n);
        }
      });
      g.on('error', reject);
      g.end(bomb.body);
    });
    expect(inflated).toBeGreaterThanOrEqual(64 << 20);
  }, 20_000);

  it('attachments are valid PDF, DOCX and XLSX files', async () => {
    const p = PLANTED_WORDS.privacy;
    const pdf = await rawGet(site.port, SITE, '/attach/1001.pdf');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const pdfText = pdf.body.toString('latin1');
    expect(pdfText.startsWith('%PDF-1.4')).toBe(true);
    expect(pdfText).toContain(p.pdfIdCard);
    expect(pdfText.trimEnd().endsWith('%%EOF')).toBe(true);
    const xref = Number(/startxref\n(\d+)/.exec(pdfText)![1]);
    expect(pdfText.slice(xref, xref + 4)).toBe('xref');
    const xlsx = unzipSync(new Uint8Array((await rawGet(site.port, SITE, '/attach/1002.xlsx')).body));
    expect(Object.keys(xlsx)).toContain('xl/workbook.xml');
    const shared = strFromU8(xlsx['xl/sharedStrings.xml']);
    expect(shared).toContain(p.xlsxIdCard);
    expect(shared).toContain(p.xlsxMobile);
    expect(strFromU8(xlsx['xl/worksheets/sheet1.xml'])).toContain('t="s"');
    const docs = site.site.specialPages.filter((s) => s.kind === 'attachment');
    const docx = docs.find((d) => d.actual === 'docx');
    expect(docx).toBeDefined();
    const dr = await rawGet(site.port, SITE, docx!.path);
    expect(dr.headers['content-type']).toBe(docx!.contentType);
    const doc = strFromU8(unzipSync(new Uint8Array(dr.body))['word/document.xml']);
    expect(doc).toContain('<w:t xml:space="preserve">');
    for (const d of docs) expect((await rawGet(site.port, SITE, d.path)).status).toBe(200);
  });

  it('serves Baiduspider a cloaked home page', async () => {
    const spider = await rawGet(site.port, SITE, '/', { headers: { 'user-agent': 'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)' } });
    const text = spider.body.toString();
    expect(text).toContain(`<title>${PLANTED_WORDS.cloakingTitle}</title>`);
    expect(text).toContain(`http://spam.example.com:${site.port}/`);
    const browser = (await rawGet(site.port, SITE, '/', { headers: { 'user-agent': 'Mozilla/5.0 Chrome/120' } })).body.toString();
    expect(browser).toContain('<title>临江市人民政府</title>');
    expect(browser).not.toContain('spam.example.com');
  });
});

describe('testsite variants', () => {
  it('slow, tampered, stale, no-search home and IPv6', async () => {
    const v = await startTestSite({ today: new Date('2025-03-10T02:00:00Z'), variant: { slowHomeMs: 400, tampered: true, staleHome: true, noSearch: true, ipv6: true } });
    try {
      const t0 = Date.now();
      const home = await rawGet(v.port, SITE, '/');
      expect(Date.now() - t0).toBeGreaterThanOrEqual(380);
      const html = home.body.toString();
      expect(html).toContain(`<script src="http://evil.example.net:${v.port}/x.js"></script>`);
      expect(html).toContain(`<iframe src="http://evil.example.net:${v.port}/frame.html"`);
      expect(html).not.toContain('action="/search"');
      const dates = [...html.matchAll(/<span>(\d{4}-\d{2}-\d{2})<\/span>/g)].map((m) => m[1]).sort();
      expect(dates.at(-1)! <= '2025-02-08').toBe(true);
      expect((await rawGet(v.port, SITE, '/search?q=a')).body.toString()).not.toContain('搜索结果');
      expect(v.hosts[SITE]).toEqual(['127.0.0.1', '::1']);
      const six = await rawGet(v.port, SITE, '/robots.txt', { address: '::1' });
      expect(six.status).toBe(200);
      const checks = v.manifest.map((d) => d.check);
      for (const c of ['stale-homepage', 'availability', 'no-search', 'defacement'] as const) expect(checks).toContain(c);
      expect(checks).not.toContain('no-ipv6');
    } finally {
      await v.close();
    }
  });

  it('close() ends hanging connections promptly', async () => {
    const v = await startTestSite({ pages: 100 });
    const pending = rawGet(v.port, SITE, '/bad/hang', { timeoutMs: 10_000 }).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    await v.close();
    expect(await pending).toBeInstanceOf(Error);
    expect(Date.now() - t0).toBeLessThan(2000);
    void http;
  });
});
