// The navigation, breadcrumb and footer links a site repeats cross from the parse worker once: pages parsed on a
// worker still have exactly the links in-thread extraction gives, sharing the repeated runs as frozen objects.
import { afterEach, describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/crawl/extract/index.js';
import { createParsePool, type ParsePool } from '../../src/crawl/parse-pool.js';
import { LinkRunReceiver, LinkRunSender, MAX_LINK_RUNS } from '../../src/crawl/link-runs.js';
import type { LinkFact } from '../../src/domain/index.js';
import { input } from './extract-helpers.js';

const ROOT = 'http://www.example.gov.cn/';
const NAV = `<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/bsfw/">办事服务</a></li></ul></div>`;
const FOOTER = `<div class="footer"><a href="/about.html">关于我们</a><a href="/map.html">网站地图</a><p>网站标识码：1234000001</p></div>`;
const page = (i: number, nav = NAV) =>
  Buffer.from(`<!doctype html><html><head><meta charset="utf-8"><title>第${i}页</title></head><body>${nav}
  <div class="list"><ul><li><a href="/art/${i}.html">文章${i}</a><span>2025-01-0${1 + (i % 9)}</span></li></ul></div>${FOOTER}</body></html>`);

let pool: ParsePool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

async function parse(p: ParsePool, url: string, body: Buffer) {
  const h = p.begin(input(url));
  h.write(body);
  return h.end();
}

describe('link runs between the parse worker and the main thread', () => {
  it('gives each page the links in-thread extraction gives, the repeated runs shared and frozen', async () => {
    pool = createParsePool(1);
    await pool.ready();
    const pages = Array.from({ length: 12 }, (_, i) => ({ url: `${ROOT}p${i}.html`, body: page(i, i === 7 ? NAV.replace('办事服务', '互动交流') : NAV) }));
    const got = await Promise.all(pages.map((p) => parse(pool!, p.url, p.body)));
    expect(pool.stats()).toMatchObject({ parsedInWorkers: pages.length, parsedInThread: 0, fallbacks: 0 });
    got.forEach((facts, i) => expect(facts).toEqual(extractFacts(input(pages[i].url), pages[i].body)));

    const navOf = (links: LinkFact[]) => links.filter((l) => l.place === 'nav');
    const [a, b] = [navOf(got[1].links), navOf(got[2].links)];
    expect(a.length).toBe(3);
    expect(a[0]).toBe(b[0]); // one object for every page that repeats the run
    expect(Object.isFrozen(a[0])).toBe(true);
    expect(navOf(got[7].links)[2].text).toBe('互动交流'); // a page whose navigation differs has its own run
    expect(navOf(got[7].links)[0]).not.toBe(a[0]);
    const list = got[3].links.find((l) => l.place === 'list')!;
    expect(list.url).toBe(`${ROOT}art/3.html`);
    expect(Object.isFrozen(list)).toBe(false); // links of one page only are plain
  });

  it('names at most MAX_LINK_RUNS runs, then sends new runs as plain links', () => {
    const sender = new LinkRunSender();
    const receiver = new LinkRunReceiver();
    const nav = (i: number): LinkFact[] => [{ url: `${ROOT}n${i}`, href: `/n${i}`, tag: 'a', text: `栏目${i}`, place: 'nav' }];
    for (let i = 0; i < MAX_LINK_RUNS; i++) expect(typeof sender.encode(nav(i))[0]).toBe('object');
    expect(sender.encode(nav(0))).toEqual([1]); // a known run goes by its number
    const late = sender.encode(nav(MAX_LINK_RUNS));
    expect(late).toEqual(nav(MAX_LINK_RUNS)); // over the bound: inline
    expect(receiver.decode(late)).toEqual(nav(MAX_LINK_RUNS));
  });

  it('names runs by content: an equal run (other objects) gets its number, a run differing in any one field a new one', () => {
    const sender = new LinkRunSender();
    const link = (over: Partial<LinkFact> = {}): LinkFact => ({
      url: `${ROOT}a`, href: '/a', tag: 'a', text: '甲', place: 'footer', markup: '<a href="/a">', ...over,
    });
    const run = (mid: Partial<LinkFact> = {}) => [link(), link({ url: `${ROOT}m`, ...mid }), link({ url: `${ROOT}z` })];
    expect(sender.encode(run())).toEqual([{ run: 1, links: run() }]);
    expect(sender.encode(run())).toEqual([1]);
    // Same first and last link as run 1 (one bucket), one middle field apart: each is a run of its own.
    const apart: Array<Partial<LinkFact>> = [
      { url: `${ROOT}n` }, { href: '/b' }, { tag: 'area' }, { text: '乙' }, { date: '2025-01-01' }, { hidden: 'display:none' }, { markup: '<a>' },
    ];
    apart.forEach((mid, i) => expect(sender.encode(run(mid))).toEqual([{ run: i + 2, links: run(mid) }]));
    apart.forEach((mid, i) => expect(sender.encode(run(mid))).toEqual([i + 2]));
    expect(sender.encode([...run(), link({ place: 'body' }), ...run()])).toEqual([1, link({ place: 'body' }), 1]);
  });

  it('refuses a page naming a run it never received, so the pool parses that page again in-thread', () => {
    expect(new LinkRunReceiver().decode([3])).toBeUndefined();
  });
});
