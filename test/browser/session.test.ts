// The scan's browser: one Chromium launch however many renders, contexts recycled after N renders with no
// state carried from one render to the next, time budgets, and Chromium closed on every path — including
// when the process that owns the browser host dies without a word.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BrowserSession, requestsFor, type SessionOptions } from '../../src/browser/index.js';
import { RemoteBrowser } from '../../src/browser/remote.js';
import { launchChromium, type Chromium, type LaunchOptions } from '../../src/browser/chromium.js';
import { descendants } from '../../src/browser/memory.js';

const CHROMIUM = inject('chromium');
const SITE = 'www.test-gov.cn';
let server: Server;
let port = 0;
const url = (p: string) => `http://${SITE}:${port}${p}`;

// A page that remembers its visitor: only the first visit (no cookie, no localStorage) says "first".
const ONCE = `<!doctype html><html><head><meta charset="utf-8"><title>-</title></head><body><script>
  var seen = localStorage.getItem('seen') || document.cookie.indexOf('seen=1') >= 0;
  localStorage.setItem('seen', '1'); document.cookie = 'seen=1; path=/; max-age=3600';
  document.title = seen ? 'again' : 'first';
</script></body></html>`;

beforeAll(async () => {
  server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(req.url?.startsWith('/once') ? ONCE : `<!doctype html><html><head><title>页面 ${req.url}</title></head><body><a href="/a">a</a></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => void server?.close());

/** A launcher that counts launches and the contexts each browser opens, and keeps the browsers. */
function countingLauncher() {
  const counts = { launches: 0, contexts: 0, browsers: [] as Chromium[] };
  const launch = async (o: LaunchOptions) => {
    counts.launches++;
    const browser = await launchChromium(o);
    const send = browser.cdp.send.bind(browser.cdp);
    browser.cdp.send = (method, params, sessionId) => {
      if (method === 'Target.createBrowserContext') counts.contexts++;
      return send(method, params, sessionId);
    };
    counts.browsers.push(browser);
    return browser;
  };
  return { counts, launch };
}

const base = (): SessionOptions => ({ chromiumPath: CHROMIUM, hosts: { [SITE]: ['127.0.0.1'] }, hostsOnly: true, timeoutMs: 20_000 });

describe.skipIf(!CHROMIUM)('BrowserSession', () => {
  it('launches Chromium once for all its renders, recycles contexts after N renders, and closes it', async () => {
    const { counts, launch } = countingLauncher();
    const session = new BrowserSession({ ...base(), launch, concurrency: 1, recycleAfter: 2 });
    const results = await Promise.all(['/1', '/2', '/3'].flatMap((p) => requestsFor(url(p))).map((r) => session.render(r)));
    expect(results.map((r) => r.error)).toEqual(Array(6).fill(undefined));
    expect(results.map((r) => r.title)).toContain('页面 /3');
    expect(counts.launches).toBe(1);
    expect(counts.contexts).toBe(3); // 6 renders, a fresh context every 2
    expect(session.stats).toEqual({ launches: 1, contextsOpened: 3, renders: 6 });
    await session.close();
    expect(counts.browsers[0].connected).toBe(false);
    expect((await session.render(requestsFor(url('/4'))[0])).error).toContain('浏览器已关闭');
    expect(counts.launches).toBe(1);
  }, 120_000);

  it('carries no cookie or storage from one render to the next in a reused context', async () => {
    const session = new BrowserSession({ ...base(), concurrency: 1, recycleAfter: 10 });
    try {
      const [asBrowser, fromBaidu] = requestsFor(url('/once.html'));
      expect((await session.render(asBrowser)).title).toBe('first');
      expect((await session.render(fromBaidu)).title).toBe('first');
      expect(session.stats.contextsOpened).toBe(1);
    } finally {
      await session.close();
    }
  }, 120_000);

  it('closes a render that is still running when the session closes', async () => {
    const { counts, launch } = countingLauncher();
    const session = new BrowserSession({ ...base(), launch });
    const running = session.render(requestsFor(url('/during-close'))[0]);
    await new Promise((r) => setTimeout(r, 50));
    await session.close();
    const facts = await running;
    expect(counts.browsers.every((b) => !b.connected)).toBe(true);
    expect(facts.url).toBe(url('/during-close')); // an error or a result, but an answer, and no browser left
  }, 120_000);
});

describe('BrowserSession without a browser', () => {
  it('tries to launch once, and every render reports why it could not run', async () => {
    let launches = 0;
    const session = new BrowserSession({ ...base(), chromiumPath: '/nonexistent/chromium', launch: async () => { launches++; throw new Error('spawn ENOENT'); } });
    const results = await Promise.all(requestsFor(url('/1')).concat(requestsFor(url('/2'))).map((r) => session.render(r)));
    expect(launches).toBe(1);
    expect(results.every((r) => r.error?.startsWith('无法启动浏览器（/nonexistent/chromium）'))).toBe(true);
    await session.close();
  });

  it('never launches once the total budget is spent', async () => {
    let launches = 0;
    const session = new BrowserSession({ ...base(), totalBudgetMs: 0, launch: async () => { launches++; throw new Error('unexpected'); } });
    const r = await session.render(requestsFor(url('/1'))[0]);
    expect(r.error).toBe('浏览器检测超出总时限，未执行');
    expect(launches).toBe(0);
  });
});

const chromiumPids = (root: number) => descendants(root).filter((pid) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chromium');
  } catch {
    return false;
  }
});

async function gone(pids: number[], withinMs: number): Promise<boolean> {
  const end = Date.now() + withinMs;
  while (Date.now() < end) {
    if (pids.every((pid) => { try { process.kill(pid, 0); return false; } catch { return true; } })) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

describe.skipIf(!CHROMIUM)('RemoteBrowser (the browser host process)', () => {
  it('renders in a child process with one launch, and leaves no Chromium behind after close', async () => {
    const remote = new RemoteBrowser(base());
    const results = await Promise.all(['/1', '/2'].flatMap((p) => requestsFor(url(p))).map((r) => remote.render(r)));
    expect(results.map((r) => r.title)).toEqual(['页面 /1', '页面 /1', '页面 /2', '页面 /2']);
    const pids = chromiumPids(process.pid);
    expect(pids.length).toBeGreaterThan(0);
    const stats = await remote.close();
    expect(stats).toMatchObject({ launches: 1, renders: 4 });
    expect(stats!.chromiumPeakBytes).toBeGreaterThan(10 * 1048576);
    expect(stats!.cpuSeconds).toBeGreaterThan(0.1); // the host and its Chromium, counted once Chromium has exited
    expect(await gone(pids, 20_000)).toBe(true);
    expect((await remote.render(requestsFor(url('/3'))[0])).error).toContain('浏览器已关闭');
  }, 120_000);

  it('launches Chromium on warmUp(), before any render, and the renders then share that launch', async () => {
    const remote = new RemoteBrowser(base());
    remote.warmUp();
    const end = Date.now() + 30_000;
    while (!chromiumPids(process.pid).length && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    expect(chromiumPids(process.pid).length).toBeGreaterThan(0);
    expect((await remote.render(requestsFor(url('/1'))[0])).title).toBe('页面 /1');
    expect(await remote.close()).toMatchObject({ launches: 1, renders: 1 });
  }, 120_000);

  it('takes Chromium down when the scan process is killed outright (SIGKILL, no exit hooks)', async () => {
    const script = `
      const { RemoteBrowser } = await import(${JSON.stringify(new URL('../../src/browser/remote.ts', import.meta.url).href)});
      const remote = new RemoteBrowser(${JSON.stringify(base())});
      const r = await remote.render({ url: ${JSON.stringify(url('/1'))}, identity: { as: 'browser' } });
      console.log('READY ' + r.title);
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const ready = await new Promise<string>((resolve) => {
      let out = '';
      child.stdout.on('data', (d) => (out += d) && out.includes('\n') && resolve(out));
      child.on('exit', () => resolve(out));
    });
    expect(ready).toContain('READY 页面 /1');
    const pids = descendants(child.pid!);
    expect(chromiumPids(child.pid!).length).toBeGreaterThan(0);
    child.kill('SIGKILL');
    expect(await gone(pids, 30_000)).toBe(true);
  }, 120_000);
});
