// The parse pool must give exactly the facts in-thread extraction gives, survive a dying worker without
// losing the page, and leave no thread behind when closed.
import { readdirSync, readFileSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { crawlSite } from '../../src/crawl/crawler.js';
import { extractFacts, type ExtractInput } from '../../src/crawl/extract/index.js';
import type { PageFacts } from '../../src/domain/index.js';
import { createParsePool, ParseTimeoutError, type ParsePool } from '../../src/crawl/parse-pool.js';
import { html as page, links, startServer, testConfig, type TestServer } from './crawler-server.js';
import { html, input, rng } from './extract-helpers.js';
import { REAL_PAGES_DIR } from '../real-pages.js';
import { defaultConfig } from '../../src/config.js';
import { allChecks } from '../../src/checks/index.js';
import { FindingCollector, enabledChecks, runPageChecks } from '../../src/checks/runner.js';
import type { CheckContext } from '../../src/checks/types.js';
import type { PageProcessorInit } from '../../src/scan/page-processor.js';

let pool: ParsePool | undefined;
let server: TestServer | undefined;
afterEach(async () => {
  await pool?.close();
  await server?.close();
  pool = server = undefined;
});

/** Feeds a body in seeded random chunks, as the fetcher does. */
function parseInPool(p: ParsePool, inp: ExtractInput, body: Buffer, seed: number): Promise<PageFacts> {
  const h = p.begin(inp);
  const r = rng(seed);
  for (let i = 0; i < body.length; ) {
    const n = 1 + Math.floor(r() * 4096);
    h.write(body.subarray(i, i + n));
    i += n;
  }
  return h.end();
}

const realPages = readdirSync(REAL_PAGES_DIR)
  .filter((f) => f.endsWith('.html'))
  .map((f) => ({ name: f, body: readFileSync(REAL_PAGES_DIR + f) }));

const gbkPages = [
  { name: 'gbk header', header: 'text/html; charset=gbk', body: iconv.encode(html(`<h1>政务公开</h1><a href="/zwgk/">政务公开栏目</a><p>发布时间：2025-03-01</p>`), 'gbk') },
  {
    name: 'gbk meta after a long head',
    header: 'text/html',
    body: iconv.encode(`<html><head>${'<meta name="x" content="y">'.repeat(60)}<meta charset="gbk"><title>某某市人民政府</title></head><body><ul><li><a href="a.html">通知公告</a><span>2025-02-01</span></li></ul></body></html>`, 'gbk'),
  },
  {
    name: 'undeclared GBK, sniffed',
    header: 'text/html',
    body: iconv.encode(`<html><head><title>县人民政府</title></head><body>${'<p>网站标识码：1234000001 京ICP备05070218号</p>'.repeat(50)}</body></html>`, 'gbk'),
  },
];

// The scan's own processor (its page checks), so the test covers what the scan really runs on workers.
const PROCESSOR_MODULE = new URL('../../src/scan/page-processor.ts', import.meta.url).href;
const NOW = '2025-06-01T08:00:00.000Z';
const ROOT = 'http://www.example.gov.cn/';
const processorInit = (): PageProcessorInit => ({ config: defaultConfig(), now: NOW, rootUrl: ROOT });

/** The page checks run in this thread, as the scan did before they moved to the workers. */
function checksHere(facts: PageFacts) {
  const ctx: CheckContext = { config: defaultConfig(), now: new Date(NOW), rootUrl: ROOT, resources: new Map() };
  const out = new FindingCollector(ctx.config.checks.maxFindingsPerCheck);
  runPageChecks(enabledChecks(allChecks, ctx).page, facts, ctx, out);
  return { findings: out.findings, errors: out.errors, dropped: [...out.dropped] };
}

async function endWithExtraInPool(p: ParsePool, inp: ExtractInput, body: Buffer) {
  const h = p.begin(inp);
  h.write(body);
  return h.endWithExtra();
}

const privacyPage = Buffer.from(html(`<h1>公示名单</h1><p>张三，身份证号：11010519491231002X，联系电话：13912345678</p>`));

describe('parse pool page processor', () => {
  it('runs the page checks on the worker, with the same findings as in-thread checks', async () => {
    pool = createParsePool(1, { processor: { module: PROCESSOR_MODULE, init: processorInit() } });
    await pool.ready();
    const cases = [
      ...realPages.map((p) => ({ inp: input(`${ROOT}${p.name}`), body: p.body })),
      { inp: input(`${ROOT}privacy.html`), body: privacyPage },
    ];
    const got = await Promise.all(cases.map((c) => endWithExtraInPool(pool!, c.inp, c.body)));
    expect(pool.stats()).toMatchObject({ parsedInWorkers: cases.length, parsedInThread: 0, crashes: 0 });
    let findings = 0;
    cases.forEach((c, i) => {
      expect(got[i]!.facts).toEqual(extractFacts(c.inp, c.body));
      expect(got[i]!.extra).toEqual(checksHere(got[i]!.facts));
      findings += (got[i]!.extra as { findings: unknown[] }).findings.length;
    });
    expect(findings, 'the pages do trigger checks').toBeGreaterThan(0);
    expect((got.at(-1)!.extra as { findings: Array<{ check: string }> }).findings.map((f) => f.check)).toContain('privacy-leak');
  });

  it('gives the same extra in-thread: without workers, and for a page whose worker died', async () => {
    const spec = { module: PROCESSOR_MODULE, init: processorInit() };
    const inp = input(`${ROOT}privacy.html`);
    const want = checksHere(extractFacts(inp, privacyPage));
    expect(want.findings.length).toBeGreaterThan(0);

    pool = createParsePool(0, { processor: spec });
    expect((await endWithExtraInPool(pool, inp, privacyPage)).extra).toEqual(want);
    expect(pool.stats()).toMatchObject({ parsedInThread: 1, parsedInWorkers: 0 });
    await pool.close();

    const started: Worker[] = [];
    pool = createParsePool(1, { processor: spec, onWorkerStart: (w) => started.push(w) });
    await pool.ready();
    const big = Buffer.concat([privacyPage, ...Array(30).fill(realPages[0]!.body)]);
    const pending = endWithExtraInPool(pool, inp, big);
    void started[0]!.terminate();
    const r = await pending;
    expect(pool.stats()).toMatchObject({ crashes: 1, fallbacks: 1, parsedInThread: 1 });
    expect(r.extra).toEqual(checksHere(r.facts));
  });

  it('a processor module that cannot load leaves pages parsed, without extra', async () => {
    const spec = { module: new URL('./no-such-processor.js', import.meta.url).href, init: null };
    pool = createParsePool(1, { processor: spec });
    await pool.ready();
    const inp = input(`${ROOT}a.html`);
    const r = await endWithExtraInPool(pool, inp, realPages[1]!.body);
    expect(r).toEqual({ facts: extractFacts(inp, realPages[1]!.body), extra: undefined });
    expect(pool.stats()).toMatchObject({ parsedInWorkers: 1, crashes: 0 });
    await pool.close();
    pool = createParsePool(0, { processor: spec });
    expect((await endWithExtraInPool(pool, inp, realPages[1]!.body)).extra).toBeUndefined();
  });
});

describe('parse pool', () => {
  it('gives the same facts as in-thread extraction for real pages and GBK pages', async () => {
    const started: Worker[] = [];
    pool = createParsePool(2, { onWorkerStart: (w) => started.push(w) });
    expect(pool.size).toBe(2);
    await pool.ready();
    const cases = [
      ...realPages.map((p) => ({ name: p.name, inp: input(`http://www.example.gov.cn/${p.name}`), body: p.body })),
      ...gbkPages.map((p) => ({ name: p.name, inp: input('http://www.example.gov.cn/gbk.html', { contentTypeHeader: p.header }), body: p.body })),
    ];
    expect(cases.length).toBeGreaterThanOrEqual(10);
    // All at once, so both workers take pages concurrently.
    const got = await Promise.all(cases.map((c, i) => parseInPool(pool!, c.inp, c.body, i + 1)));
    cases.forEach((c, i) => expect(got[i], c.name).toEqual(extractFacts(c.inp, c.body)));
    expect(got.slice(-3).map((f) => f.charset), 'GBK bodies decoded as GBK').toEqual(got.slice(-3).map(() => expect.stringMatching(/^gb/)));
    const s = pool.stats();
    expect(s.parsedInWorkers).toBe(cases.length);
    expect([s.parsedInThread, s.crashes, s.fallbacks]).toEqual([0, 0, 0]);
    expect(started).toHaveLength(2);
  });

  it('re-parses a page in-thread when its worker dies, and restarts the worker', async () => {
    const started: Worker[] = [];
    pool = createParsePool(1, { onWorkerStart: (w) => started.push(w) });
    await pool.ready();
    // A page big enough (~1.4 MB) that the worker is certainly still parsing it when it dies.
    const body = Buffer.concat(Array(30).fill(realPages[0]!.body));
    const inp = input('http://www.example.gov.cn/crash.html');
    const pending = parseInPool(pool, inp, body, 7);
    void started[0]!.terminate();
    expect(await pending).toEqual(extractFacts(inp, body));
    expect(pool.stats()).toMatchObject({ crashes: 1, fallbacks: 1, parsedInThread: 1, workers: 1 });
    expect(started).toHaveLength(2);
    // The replacement takes the next page.
    await pool.ready();
    expect(await parseInPool(pool, inp, body, 8)).toEqual(extractFacts(inp, body));
    expect(pool.stats().parsedInWorkers).toBe(1);
  });

  it('a page that hangs the parser is abandoned at the per-page limit: worker replaced, page reported, the pages queued behind it kept', async () => {
    const started: Worker[] = [];
    const processor = { module: new URL('./hang-processor.ts', import.meta.url).href, init: {} };
    pool = createParsePool(1, { processor, pageTimeoutMs: 500, onWorkerStart: (w) => started.push(w) });
    await pool.ready();
    const body = realPages[1]!.body;
    const hang = endWithExtraInPool(pool, input('http://www.example.gov.cn/hang.html'), body);
    const after = endWithExtraInPool(pool, input('http://www.example.gov.cn/after.html'), body);
    await expect(hang).rejects.toBeInstanceOf(ParseTimeoutError);
    await expect(hang).rejects.toThrow('页面解析超过 0.5 秒未完成：http://www.example.gov.cn/hang.html');
    // The page queued behind it still comes back, with its processor's result.
    expect(await after).toMatchObject({ facts: { url: 'http://www.example.gov.cn/after.html' }, extra: { checked: 'http://www.example.gov.cn/after.html' } });
    expect(pool.stats()).toMatchObject({ timeouts: 1, crashes: 0, workers: 1 });
    expect(started).toHaveLength(2);
    expect(started[0]!.threadId).toBe(-1); // the hung thread is gone
    // The replacement serves the next page.
    await pool.ready();
    const next = await endWithExtraInPool(pool, input('http://www.example.gov.cn/next.html'), body);
    expect(next.extra).toEqual({ checked: 'http://www.example.gov.cn/next.html' });
    expect(pool.stats().parsedInWorkers).toBeGreaterThanOrEqual(1);
  });

  it('a crawl goes on past a page that hangs the parser, and names it in its notes', async () => {
    const SITE = 'www.site.gov.cn';
    server = await startServer({
      [SITE]: (path) => (path === '/' ? { body: page(links(['/hang.html', '/a.html', '/b.html'])) } : { body: page('正文') }),
    });
    const processor = { module: new URL('./hang-processor.ts', import.meta.url).href, init: {} };
    pool = createParsePool(1, { processor, pageTimeoutMs: 500 });
    await pool.ready();
    const seen: string[] = [];
    const r = await crawlSite(server.url(SITE), testConfig({ [SITE]: ['127.0.0.1'] }), { onPage: (p) => void seen.push(new URL(p.url).pathname) }, { parsePool: pool });
    expect(seen.sort()).toEqual(['/', '/a.html', '/b.html']);
    expect(r.limits.some((l) => l.includes('页面解析超过 0.5 秒未完成') && l.includes('/hang.html'))).toBe(true);
    expect(pool.stats().timeouts).toBe(1);
  });

  it('close terminates every worker; later pages are parsed in-thread', async () => {
    const started: Worker[] = [];
    pool = createParsePool(2, { onWorkerStart: (w) => started.push(w) });
    await pool.ready();
    const exited = started.map((w) => new Promise<number>((r) => w.once('exit', r)));
    const inp = input('http://www.example.gov.cn/a.html');
    const body = realPages[1]!.body;
    expect(await parseInPool(pool, inp, body, 3)).toEqual(extractFacts(inp, body));
    await pool.close();
    await Promise.all(exited);
    expect(started.every((w) => w.threadId === -1)).toBe(true);
    expect(pool.size).toBe(0);
    expect(await parseInPool(pool, inp, body, 4)).toEqual(extractFacts(inp, body));
    expect(pool.stats()).toMatchObject({ crashes: 0, parsedInThread: 1, parsedInWorkers: 1 });
  });

  it('with 0 workers parses in-thread, streaming', async () => {
    pool = createParsePool(0);
    expect(pool.size).toBe(0);
    const inp = input('http://www.example.gov.cn/b.html');
    const body = realPages[2]!.body;
    expect(await parseInPool(pool, inp, body, 5)).toEqual(extractFacts(inp, body));
    expect(pool.stats()).toMatchObject({ parsedInThread: 1, parsedInWorkers: 0 });
  });

  it('a crawl with parse workers finds the same pages as one without, home page first', async () => {
    const SITE = 'www.pool.gov.cn';
    const paths = Array.from({ length: 40 }, (_, i) => `/p${i}.html`);
    server = await startServer({
      [SITE]: (path) => {
        if (path === '/') return { body: page(links(paths), '首页') };
        const i = paths.indexOf(path);
        if (i >= 0) return { body: page(links(['/', paths[(i + 1) % paths.length]!, `/gone${i}.html`]), `页面${i}`) };
        return { status: 404, body: 'no' };
      },
    });
    const crawl = async (parseWorkers: number, parsePool?: ParsePool) => {
      const pages: PageFacts[] = [];
      const cfg = testConfig({ [SITE]: ['127.0.0.1'] }, { parseWorkers, concurrency: 8 });
      const r = await crawlSite(server!.url(SITE), cfg, { onPage: (p) => void pages.push(p) }, { parsePool });
      return { pages, r };
    };
    const a = await crawl(0);
    // A warmed-up shared pool, so that every page really goes through a worker.
    pool = createParsePool(2);
    await pool.ready();
    const b = await crawl(2, pool);
    expect(pool.stats()).toMatchObject({ parsedInWorkers: 41, parsedInThread: 0, crashes: 0 });
    // Its own pool: the home page is parsed in-thread while the worker loads, the rest wherever is ready.
    const c = await crawl(1);
    expect(c.r.stats).toEqual(a.r.stats);
    expect(b.pages[0]!.url).toBe(server.url(SITE));
    expect(b.r.stats).toEqual(a.r.stats);
    expect(b.r.stats.pages).toBe(41);
    const strip = (ps: PageFacts[]) => ps.map((p) => ({ ...p, ms: 0 })).sort((x, y) => x.url.localeCompare(y.url));
    expect(strip(b.pages)).toEqual(strip(a.pages));
    expect(b.r.brokenLinks.map((l) => l.target).sort()).toEqual(a.r.brokenLinks.map((l) => l.target).sort());
  });
});
