// One availability probe against a real loopback HTTP server: a page that opens, one that answers 500, one
// that hangs past a short time limit, redirects (followed, looping, too many) and a body that keeps arriving.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHomeProber, probeVerdict, type HomeProber } from '../../src/workflows/probing.js';

const TIMEOUT_MS = 400;
let server: Server;
let base = '';
let prober: HomeProber;
const sockets = new Set<Socket>();

function page(res: ServerResponse, status: number, body = '<html><title>首页</title></html>') {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(body);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/ok/') return page(res, 200);
    if (path === '/error/') return page(res, 500, '服务器错误');
    if (path === '/missing/') return page(res, 404);
    if (path === '/hang/') return; // never answers
    if (path === '/trickle/') {
      // Headers at once, then a body that is still arriving at the time limit: the page never opened.
      res.writeHead(200, { 'content-type': 'text/html' });
      const t = setInterval(() => res.write('<p>…</p>'), 50);
      res.on('close', () => clearInterval(t));
      return;
    }
    if (path === '/hop/') return void res.writeHead(302, { location: '/ok/' }).end();
    if (path === '/loop/') return void res.writeHead(301, { location: '/loop/' }).end();
    const chain = /^\/chain(\d+)\/$/.exec(path);
    if (chain) return void res.writeHead(302, { location: Number(chain[1]) > 0 ? `/chain${Number(chain[1]) - 1}/` : '/ok/' }).end();
    if (path === '/slow-hops/') return void setTimeout(() => res.writeHead(302, { location: '/slow-hops2/' }).end(), TIMEOUT_MS * 0.6);
    if (path === '/slow-hops2/') return void setTimeout(() => page(res, 200), TIMEOUT_MS * 0.6);
    page(res, 404);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  prober = createHomeProber({ timeoutMs: TIMEOUT_MS, maxRedirects: 3 });
});

afterAll(async () => {
  await prober?.close();
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('home page probe', () => {
  it('passes a home page that opens', async () => {
    const r = await prober.probe(`${base}/ok/`);
    expect(r).toMatchObject({ ok: true, status: 200, error: null });
    expect(r.ms).toBeGreaterThanOrEqual(0);
  });

  it('fails a home page that answers 500 or 404', async () => {
    expect(await prober.probe(`${base}/error/`)).toMatchObject({ ok: false, status: 500, error: '首页返回 HTTP 500' });
    expect(await prober.probe(`${base}/missing/`)).toMatchObject({ ok: false, status: 404 });
  });

  it('fails a home page that hangs past the time limit, and one whose body is still arriving', async () => {
    const hang = await prober.probe(`${base}/hang/`);
    expect(hang).toMatchObject({ ok: false, status: 0, error: '首页 0.4 秒内未打开' });
    expect(hang.ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    expect(await prober.probe(`${base}/trickle/`)).toMatchObject({ ok: false, error: '首页 0.4 秒内未打开' });
  });

  it('follows redirects within a bound, and one deadline covers every hop', async () => {
    expect(await prober.probe(`${base}/hop/`)).toMatchObject({ ok: true, status: 200 });
    expect(await prober.probe(`${base}/chain2/`)).toMatchObject({ ok: true, status: 200 }); // 3 redirects
    expect(await prober.probe(`${base}/chain3/`)).toMatchObject({ ok: false, error: '重定向次数超过上限（3 次）' });
    expect(await prober.probe(`${base}/loop/`)).toMatchObject({ ok: false, status: 301, error: '重定向循环' });
    // Each hop alone is within the limit; together they are not.
    expect(await prober.probe(`${base}/slow-hops/`)).toMatchObject({ ok: false, error: '首页 0.4 秒内未打开' });
  });

  it('fails a refused connection with the reason', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const r = await prober.probe(`http://127.0.0.1:${port}/`);
    expect(r.ok).toBe(false);
    expect(r.status).toBe(0);
    expect(r.error).toMatch(/拒绝|refused/i);
  });
});

describe('probeVerdict', () => {
  it('counts a page over the size cap as opened and anything but 2xx as failed', () => {
    expect(probeVerdict({ outcome: 'too-large', status: 200 }, 10, 15_000).ok).toBe(true);
    expect(probeVerdict({ outcome: 'ok', status: 204 }, 10, 15_000).ok).toBe(true);
    expect(probeVerdict({ outcome: 'ok', status: 304 }, 10, 15_000)).toMatchObject({ ok: false, error: '首页返回 HTTP 304' });
    expect(probeVerdict({ outcome: 'timeout', status: 0 }, 15_000, 15_000)).toMatchObject({ ok: false, error: '首页 15 秒内未打开' });
    expect(probeVerdict({ outcome: 'dns', status: 0, error: '域名无法解析' }, 3, 15_000)).toMatchObject({ ok: false, error: '域名无法解析' });
  });
});
