// The link resolver's string fast path must give exactly what WHATWG `new URL(href, base)` gives (with
// the fragment dropped), for every href: checked on hand-picked edge cases, on every link of the real
// pages, and on random hrefs built from the characters that matter to the URL parser.
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { UrlResolver } from '../../src/crawl/extract/resolve.js';
import { REAL_PAGES_DIR } from '../real-pages.js';

function whatwg(href: string, base: string | undefined): { href: string; host: string; hostname: string; pathname: string; search: string } | undefined {
  try {
    const u = new URL(href, base);
    u.hash = '';
    return { href: u.href, host: u.host, hostname: u.hostname, pathname: u.pathname, search: u.search };
  } catch {
    return undefined;
  }
}

function ours(href: string, base: string | undefined) {
  const r = new UrlResolver(base === undefined ? undefined : new URL(base)).resolve(href);
  return r && { href: r.href, host: r.host, hostname: r.hostname, pathname: r.pathname, search: r.search };
}

const BASES = [
  'http://www.example.gov.cn/a/b/page.html',
  'https://www.pingtan.gov.cn/zwgk/ghxx/gzjzqk/',
  'http://hdzfxxgk.hd.gov.cn/',
  'https://www.gov.cn/gongbao/content/2007/content_750420.htm?x=1#top',
  'http://127.0.0.1:8080/dir/x',
  // Bases with a port or an IP host keep the fast path for relative links.
  'http://127.0.0.1:18080/col/ywdt/202611/t20261130_5.html',
  'https://[::1]:8443/a/b/',
  'http://www.example.gov.cn:8080/a/b?q=1',
  'http://127.1/x/',
  'HTTP://WWW.Example.GOV.cn:80/a/./b/../c',
  'http://user:pw@www.example.gov.cn/a/',
  'file:///tmp/a.html',
];

const EDGE = [
  '', '.', '..', './', '../', '../../../../x', 'a/./b/../c', 'a/..', 'a/.', '/', '//', '///x', '//www.gov.cn', '//www.gov.cn/a/../b',
  '/a//b', '/a/./b', '/a/../../b', '/.well-known/x', '?', '?a=1', '?a=1&b=2/3', '??', 'x?', 'x?y?z', 'x?a=%2e', '%2e%2e/x', '.%2e/x',
  '%2E/x', 'a%2fb', '%zz', 'http://www.gov.cn', 'http://www.gov.cn?x', 'http://www.gov.cn#x', 'http://www.gov.cn/#x', 'HTTP://www.gov.cn/',
  'http://WWW.gov.cn/', 'http://www.gov.cn:80/', 'https://www.gov.cn:443/a', 'http://www.gov.cn:8080/a', 'http://a@b.cn/', 'http://1.2.3.4/',
  'http://127.1/', 'http://0x7f.1/', 'http://a.b.1/', 'http://xn--fiqs8s.cn/', 'http://中国.cn/', 'http://a_b.cn/', 'http://-a.cn/',
  'http://a.cn./', 'https:x', 'http:/x', 'http:\\\\x.cn\\y', '/a\\b', 'a b', ' a', 'a\tb', 'a\nb', "a'b?c'd", 'a"b', 'a<b>', 'a`b', 'a{b}',
  'a^b', 'a|b', 'a[b]', '中文.html', '/路径/x', 'x#frag', '#', 'ftp://x.cn/', 'foo:bar', '1a:b', 'a/b:c', 'c:/x', 'C|/x', 'index_2.html',
  'http://www.gov.cn:18080/a', 'http://www.gov.cn:18080', 'http://www.gov.cn:18080?x', 'https://www.gov.cn:80/a', 'http://www.gov.cn:443/a',
  'http://www.gov.cn:0/', 'http://www.gov.cn:08080/', 'http://www.gov.cn:65535/', 'http://www.gov.cn:65536/', 'http://www.gov.cn:123456/',
  'http://www.gov.cn:/a', 'http://www.gov.cn:8080a/', 'http://www.gov.cn:8080:1/', 'http://www.gov.cn:1#x', 'http://external.example.org:18080/beian',
  '../../zwgk/index.htm', 't20250321_97999.htm', './202503/t20250321_97999.htm', 'javascript:void(0)', 'mailto:a@b.cn', 'data:text/plain,x',
];

describe('UrlResolver gives what the URL parser gives', () => {
  it('edge cases, every base', () => {
    for (const base of [...BASES, undefined]) for (const href of EDGE) expect({ href, base, r: ours(href, base) }).toEqual({ href, base, r: whatwg(href, base) });
  });

  it('every link and src of the real pages', () => {
    const dir = REAL_PAGES_DIR;
    let n = 0;
    let fast = 0;
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.html'))) {
      const hrefs: string[] = [];
      const p = new Parser({ onopentag: (_n, a) => { for (const v of [a.href, a.src, a.action]) if (v) hrefs.push(v.trim()); } }, { decodeEntities: true, lowerCaseAttributeNames: true });
      p.end(readFileSync(dir + f, 'utf8'));
      for (const base of BASES) for (const href of hrefs) {
        expect({ href, base, r: ours(href, base) }).toEqual({ href, base, r: whatwg(href, base) });
        n++;
        const r = new UrlResolver(new URL(base)).resolve(href);
        if (r && !(r instanceof URL)) fast++;
      }
    }
    expect(n).toBeGreaterThan(5000);
    expect(fast / n).toBeGreaterThan(0.5); // the comparison above really exercised the fast path
  });

  it('takes the fast path for an absolute link with a plain port', () => {
    const r = new UrlResolver(new URL(BASES[0])).resolve('http://external.example.org:18080/beian');
    expect(r).not.toBeInstanceOf(URL);
    expect(r && { href: r.href, host: r.host, hostname: r.hostname }).toEqual({
      href: 'http://external.example.org:18080/beian', host: 'external.example.org:18080', hostname: 'external.example.org',
    });
  });

  it('shares a link between pages only where the page does not matter: same origin, root-relative or absolute', () => {
    const resolve = (href: string, base: string) => new UrlResolver(new URL(base)).resolve(href)?.href;
    const pages = ['http://www.a.gov.cn/x/1.html', 'http://www.a.gov.cn/y/z/2.html', 'http://www.a.gov.cn:8080/x/3.html', 'https://www.a.gov.cn/4.html'];
    for (let round = 0; round < 2; round++) {
      for (const base of pages) for (const href of ['/n/a.html', 'b.html', '../c.html', '?p=2', '//www.b.gov.cn/d', 'http://www.b.gov.cn/e']) {
        expect({ href, base, r: resolve(href, base) }).toEqual({ href, base, r: whatwg(href, base)?.href });
      }
    }
    const [first, again] = [new UrlResolver(new URL(pages[0])).resolve('/n/a.html'), new UrlResolver(new URL(pages[1])).resolve('/n/a.html')];
    expect(again).toBe(first); // one result for every page of the origin
  });

  it('random hrefs from URL-significant characters', () => {
    const piece = fc.constantFrom(
      'a', 'Z', '0', '9', '-', '_', '.', '..', '/', '//', '?', '#', '%', '%2e', '%2E', '%41', ':', '@', '\\', ' ', '\t', "'", '"', '<', '`', '{', '^', '|',
      '~', '!', '$', '&', '(', '*', '+', ',', ';', '=', '中', 'http://', 'https://', 'www.gov.cn', 'WWW', 'x.cn', ':80', ':443', ':8080', ':0', '65536', '1.2.3.4', 'index.html',
    );
    const href = fc.array(piece, { maxLength: 12 }).map((xs) => xs.join(''));
    fc.assert(
      fc.property(href, fc.constantFrom(...BASES), (h, base) => {
        const t = h.trim();
        expect(ours(t, base)).toEqual(whatwg(t, base));
      }),
      { numRuns: 20_000, seed: 42 },
    );
  });
});
