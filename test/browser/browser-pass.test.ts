// The browser pass against a loopback site: script-injected links, a redirect that fires only for
// visitors from Baidu, screenshots, and a network guard that keeps every request on mapped hosts.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RenderedFacts } from '../../src/domain/index.js';
import { runBrowserPass } from '../../src/browser/index.js';
import { launchChromium, type LaunchOptions } from '../../src/browser/chromium.js';
import { defaultChromiumPath } from '../../src/config.js';

const SITE = 'www.test-gov.cn';
const LANDING = 'landing.test';
let server: Server;
let port = 0;
let shotDir = '';
let results: RenderedFacts[] = [];
const blocked: string[] = [];
const beaconHits: string[] = [];

const pages: Record<string, (port: number) => string> = {
  '/plain.html': () => `<!doctype html><html><head><meta charset="utf-8"><title>某市人民政府</title></head>
    <body><h1>政务公开</h1><a href="/news/1.html">通知公告</a></body></html>`,
  '/inject.html': () => `<!doctype html><html><head><meta charset="utf-8"><title>某市人民政府 通知</title></head>
    <body><p>关于做好春节假期安全工作的通知</p><a href="/news/2.html">返回列表</a>
    <script>
      var d = document.createElement('div');
      d.style.display = 'none';
      d.innerHTML = '<a href="http://spam-casino.test/">澳门赌场</a><a href="http://spam-casino.test/b">百家乐</a>';
      document.body.appendChild(d);
    </script></body></html>`,
  '/referer.html': (p) => `<!doctype html><html><head><meta charset="utf-8"><title>某市人民政府 政策文件</title></head>
    <body><p>政策文件正文</p>
    <script>
      if (/baidu|sogou/i.test(document.referrer)) { setTimeout(function () { location.href = 'http://${LANDING}:${p}/land.html'; }, 200); }
    </script></body></html>`,
  // The redirect waits for a second of the page's time, while a fetch that never answers is pending.
  '/referer-slow.html': (p) => `<!doctype html><html><head><meta charset="utf-8"><title>某市人民政府 人事信息</title></head>
    <body><p>人事信息正文</p>
    <script>
      fetch('/hang').catch(function () {});
      if (/baidu|sogou/i.test(document.referrer)) { setTimeout(function () { location.href = 'http://${LANDING}:${p}/land.html'; }, 1000); }
    </script></body></html>`,
  // Timers that never stop: the render still ends in its time.
  '/busy.html': () => `<!doctype html><html><head><meta charset="utf-8"><title>某市人民政府 忙碌</title></head>
    <body><p id="n">0</p><script>var n = 0; setInterval(function () { document.getElementById('n').textContent = ++n; }, 1);</script></body></html>`,
  '/leak.html': (p) => `<!doctype html><html><head><meta charset="utf-8"><title>外部资源</title></head>
    <body><img src="http://unmapped.test:${p}/beacon-img.png">
    <img src="http://localhost:${p}/beacon-localhost.png">
    <script>fetch('http://127.0.0.1:${p}/beacon-ip').catch(function () {});
      try { new WebSocket('ws://127.0.0.1:${p}/beacon-ws'); } catch (e) {}</script></body></html>`,
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const host = (req.headers.host ?? '').split(':')[0];
    const path = (req.url ?? '/').split('?')[0];
    if (path.startsWith('/beacon')) beaconHits.push(`${req.headers.host}${path}`);
    if (path === '/hang') return; // never answers (closed with the server)
    if (host === LANDING) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html><head><meta charset="utf-8"><title>澳门赌场 在线娱乐</title></head><body style="background:#c00"><h1>澳门赌场</h1></body></html>');
      return;
    }
    const page = host === SITE ? pages[path] : undefined;
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page(port));
  });
  server.on('upgrade', (req, socket) => {
    beaconHits.push(`upgrade ${req.url}`);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  shotDir = await mkdtemp(join(tmpdir(), 'govpatrol-shots-'));
  const url = (p: string) => `http://${SITE}:${port}${p}`;
  // One browser launch for the whole file: Chromium is slow to start.
  results = await runBrowserPass({
    chromiumPath: inject('chromium') || defaultChromiumPath(),
    sample: [url('/plain.html'), url('/inject.html'), url('/referer.html'), url('/referer-slow.html'), url('/busy.html'), url('/leak.html')],
    hosts: { [SITE]: ['127.0.0.1'], [LANDING]: ['127.0.0.1'] },
    hostsOnly: true,
    screenshotDir: shotDir,
    timeoutMs: 10_000,
    onBlockedRequest: (u) => blocked.push(u),
  });
}, 60_000);

afterAll(async () => {
  server?.closeAllConnections();
  server?.close();
  if (shotDir) await rm(shotDir, { recursive: true, force: true });
});

const find = (path: string, as: string) => {
  const r = results.find((x) => x.url.endsWith(path) && x.as === as);
  if (!r) throw new Error(`no result for ${path} as ${as}`);
  return r;
};

describe('runBrowserPass', () => {
  it('renders every sample URL as a browser and as a visitor from Baidu', () => {
    expect(results).toHaveLength(12);
    expect(find('/plain.html', 'browser')).toMatchObject({ title: '某市人民政府', navigatedOffSite: false, injectedLinks: [] });
    expect(find('/plain.html', 'browser').error).toBeUndefined();
  });

  it('finds links that scripts inject after load, with why they are hidden', () => {
    const r = find('/inject.html', 'browser');
    expect(r.injectedLinks.map((l) => l.url)).toEqual(['http://spam-casino.test/', 'http://spam-casino.test/b']);
    expect(r.injectedLinks[0]).toMatchObject({ text: '澳门赌场', hidden: 'display:none', tag: 'a' });
  });

  it("sees a Baidu-only redirect a second into the page's time, though a fetch that never answers holds the page's clock", () => {
    expect(find('/referer-slow.html', 'browser').navigatedOffSite).toBe(false);
    const fromBaidu = find('/referer-slow.html', 'referer:baidu');
    expect(fromBaidu.error).toBeUndefined();
    expect(fromBaidu.navigatedOffSite).toBe(true);
    expect(fromBaidu.finalUrl).toBe(`http://${LANDING}:${port}/land.html`);
  });

  it('ends the render of a page whose timers never stop, in its time', () => {
    for (const as of ['browser', 'referer:baidu']) {
      const r = find('/busy.html', as);
      expect(r.error).toBeUndefined();
      expect(r.title).toBe('某市人民政府 忙碌');
    }
  });

  it('sees the off-site navigation that fires only for a Baidu referrer', () => {
    const direct = find('/referer.html', 'browser');
    expect(direct.navigatedOffSite).toBe(false);
    expect(direct.finalUrl).toBe(`http://${SITE}:${port}/referer.html`);
    const fromBaidu = find('/referer.html', 'referer:baidu');
    expect(fromBaidu.navigatedOffSite).toBe(true);
    expect(fromBaidu.finalUrl).toBe(`http://${LANDING}:${port}/land.html`);
    expect(fromBaidu.title).toBe('澳门赌场 在线娱乐');
  });

  it('writes a bounded screenshot for every plain visit and for every search-engine visit that shows something', async () => {
    const r = find('/referer.html', 'referer:baidu');
    expect(r.screenshot).toMatch(/\.(png|jpg)$/);
    const file = join(shotDir, r.screenshot!);
    const size = (await stat(file)).size;
    expect(size).toBeGreaterThan(1000);
    expect(size).toBeLessThanOrEqual(200 * 1024);
    const head = await readFile(file);
    expect(head.subarray(1, 4).toString() === 'PNG' || (head[0] === 0xff && head[1] === 0xd8)).toBe(true);
    const evidence = (x: (typeof results)[number]) => x.as === 'browser' || x.navigatedOffSite || x.injectedLinks.length > 0;
    expect(results.every((x) => x.error || !evidence(x) || x.screenshot)).toBe(true);
    expect(results.filter((x) => !x.error && !evidence(x)).every((x) => !x.screenshot)).toBe(true);
  });

  it('aborts requests to hosts outside the map; none of them reaches the network', () => {
    expect(blocked.some((u) => u.startsWith('http://unmapped.test:'))).toBe(true);
    expect(blocked.some((u) => u.startsWith('http://localhost:'))).toBe(true);
    expect(blocked.some((u) => u.startsWith('http://127.0.0.1:'))).toBe(true);
    expect(blocked.some((u) => u.startsWith('ws://127.0.0.1:'))).toBe(true);
    expect(beaconHits).toEqual([]);
  });
});

describe('runBrowserPass with one guard layer missing', () => {
  // Chromium's resolver rules alone already stop every beacon above; with them gone (a mistake in that layer),
  // the tab's request filter and the refusing proxy must still keep requests, WebSockets included, on mapped hosts.
  it('keeps every request on mapped hosts without the resolver rule that fails unmapped names', async () => {
    const withoutCatchAll = (o: LaunchOptions) => launchChromium({ ...o, args: o.args.map((a) => a.replace(/(, )?MAP \* ~NOTFOUND/, '')) });
    const before = beaconHits.length;
    const leaked: string[] = [];
    const [r] = await runBrowserPass({
      chromiumPath: inject('chromium') || defaultChromiumPath(),
      sample: [`http://${SITE}:${port}/leak.html`],
      hosts: { [SITE]: ['127.0.0.1'] },
      hostsOnly: true,
      timeoutMs: 10_000,
      onBlockedRequest: (u) => leaked.push(u),
      launch: withoutCatchAll,
    });
    expect(r.error).toBeUndefined();
    expect(leaked.some((u) => u.startsWith('ws://127.0.0.1:'))).toBe(true);
    expect(beaconHits.slice(before)).toEqual([]);
  }, 60_000);
});

describe('runBrowserPass failures', () => {
  it('never throws: a missing Chromium becomes an error on every result', async () => {
    const r = await runBrowserPass({ chromiumPath: '/nonexistent/chromium', sample: ['http://www.test-gov.cn/'], hosts: {}, hostsOnly: true });
    expect(r).toHaveLength(2);
    expect(r.every((x) => typeof x.error === 'string' && x.error.includes('无法启动浏览器'))).toBe(true);
  });
});
