// The fetcher against real loopback servers: outcomes, redirects, timeouts, hostile bodies, DNS mapping.
import http from 'node:http';
import net from 'node:net';
import dns from 'node:dns';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import type { ScanConfig } from '../../src/config.js';
import { createFetcher, mediaType, parseRetryAfter } from '../../src/crawl/fetch.js';
import type { Fetcher } from '../../src/crawl/fetch.js';

const HOST = 'www.fetch-test.gov.cn';
let server: http.Server;
let base: string;
let connections = 0;
let fetcher: Fetcher;
const headRequests: string[] = [];

function crawlCfg(over: Partial<ScanConfig['crawl']> = {}): ScanConfig['crawl'] {
  return { ...defaultConfig().crawl, hosts: { [HOST]: ['127.0.0.1'], 'empty.gov.cn': [] }, hostsOnly: true, retries: 0, ...over };
}

function route(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://x');
  const p = url.pathname;
  if (req.method === 'HEAD') headRequests.push(p);
  if (p === '/ok') {
    res.writeHead(200, { 'content-type': 'Text/HTML; Charset=GBK', 'x-custom': 'yes' });
    res.end('<html><title>正常</title></html>');
  } else if (p === '/404') {
    res.writeHead(404, { 'content-type': 'text/html' });
    res.end('<title>找不到</title>');
  } else if (p === '/500') {
    res.writeHead(500);
    res.end('boom');
  } else if (p.startsWith('/chain/')) {
    const n = Number(p.slice('/chain/'.length));
    if (n > 0) res.writeHead(302, { location: `/chain/${n - 1}` }).end();
    else res.writeHead(200, { 'content-type': 'text/plain' }).end('end of chain');
  } else if (p === '/rel') {
    res.writeHead(301, { location: '../ok#frag' }).end();
  } else if (p === '/loop-a') {
    res.writeHead(302, { location: '/loop-b' }).end();
  } else if (p === '/loop-b') {
    res.writeHead(307, { location: `${base}/loop-a` }).end();
  } else if (p === '/to-mailto') {
    res.writeHead(302, { location: 'mailto:admin@example.gov.cn' }).end();
  } else if (p === '/no-location') {
    res.writeHead(302).end();
  } else if (p === '/hang') {
    // accepts, reads the request, never answers
  } else if (p === '/drip') {
    res.writeHead(200, { 'content-type': 'text/html' });
    const t = setInterval(() => res.write('x'), 50);
    res.on('close', () => clearInterval(t));
  } else if (p === '/reset') {
    req.socket.destroy();
  } else if (p === '/lying-length') {
    res.writeHead(200, { 'content-length': '100000', 'content-type': 'text/html' });
    res.write('only a little');
    setTimeout(() => req.socket.destroy(), 30);
  } else if (p === '/endless') {
    res.writeHead(200, { 'content-type': 'text/html' });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const pump = () => {
      while (res.write(chunk)) {
        /* keep writing until the socket pushes back */
      }
    };
    res.on('drain', pump);
    pump();
  } else if (p === '/big') {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(Buffer.alloc(300_000, 0x62));
  } else if (p === '/head-405') {
    if (req.method === 'HEAD') res.writeHead(405).end();
    else res.writeHead(200, { 'content-type': 'text/html' }).end('<p>GET works</p>');
  } else if (p === '/echo-headers') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(req.headers));
  } else {
    res.writeHead(404).end();
  }
}

beforeAll(async () => {
  server = http.createServer(route);
  server.keepAliveTimeout = 5000;
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://${HOST}:${(server.address() as AddressInfo).port}`;
  fetcher = createFetcher(crawlCfg());
});

afterAll(async () => {
  await fetcher.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

afterEach(() => vi.restoreAllMocks());

describe('fetch: plain outcomes', () => {
  it('ok: body, lower-cased media type and headers, timing', async () => {
    const r = await fetcher.fetch(`${base}/ok`);
    expect(r.outcome).toBe('ok');
    expect(r.status).toBe(200);
    expect(r.contentType).toBe('text/html');
    expect(r.headers['x-custom']).toBe('yes');
    expect(r.headers['content-type']).toBe('Text/HTML; Charset=GBK');
    expect(r.body?.toString()).toContain('正常');
    expect(r.bytes).toBe(Buffer.byteLength('<html><title>正常</title></html>'));
    expect(r.url).toBe(`${base}/ok`);
    expect(r.finalUrl).toBe(`${base}/ok`);
    expect(r.redirects).toEqual([]);
    expect(r.ms).toBeGreaterThanOrEqual(0);
    expect(r.error).toBeUndefined();
  });

  it('404 and 500 are http-error with the status kept', async () => {
    const r404 = await fetcher.fetch(`${base}/404`);
    expect(r404).toMatchObject({ outcome: 'http-error', status: 404 });
    expect(r404.error).toContain('404');
    const r500 = await fetcher.fetch(`${base}/500`);
    expect(r500).toMatchObject({ outcome: 'http-error', status: 500 });
  });

  it('sends a User-Agent, Accept-Encoding, and lets the caller override headers', async () => {
    const r = await fetcher.fetch(`${base}/echo-headers`, { headers: { 'User-Agent': 'Baiduspider/2.0', Referer: 'https://www.baidu.com/s?wd=x' } });
    const seen = JSON.parse(r.body!.toString()) as Record<string, string>;
    expect(seen['user-agent']).toBe('Baiduspider/2.0');
    expect(seen.referer).toBe('https://www.baidu.com/s?wd=x');
    expect(seen['accept-encoding']).toContain('gzip');
    expect(seen.host).toBe(new URL(base).host);
  });

  it('invalid URL and unsupported schemes are outcomes, not exceptions', async () => {
    expect((await fetcher.fetch('http://')).outcome).toBe('invalid-url');
    expect((await fetcher.fetch('not a url')).outcome).toBe('invalid-url');
    const mail = await fetcher.fetch('mailto:someone@example.gov.cn');
    expect(mail.outcome).toBe('unsupported-scheme');
    expect(mail.error).toContain('mailto:');
    expect((await fetcher.fetch('javascript:void(0)')).outcome).toBe('unsupported-scheme');
  });

  it('streams 2xx bodies to the sink without buffering them', async () => {
    const chunks: Buffer[] = [];
    const r = await fetcher.fetch(`${base}/big`, { sink: (c) => chunks.push(c) });
    expect(r.outcome).toBe('ok');
    expect(r.body).toBeUndefined();
    expect(r.bytes).toBe(300_000);
    expect(Buffer.concat(chunks).length).toBe(300_000);
  });

  it('does not feed the sink for error pages', async () => {
    let called = 0;
    const r = await fetcher.fetch(`${base}/404`, { sink: () => called++ });
    expect(r.outcome).toBe('http-error');
    expect(called).toBe(0);
  });

  it('readBody=false returns after the headers', async () => {
    const r = await fetcher.fetch(`${base}/big`, { readBody: false });
    expect(r).toMatchObject({ outcome: 'ok', status: 200, bytes: 0 });
    expect(r.body).toBeUndefined();
  });
});

describe('fetch: redirects', () => {
  it('follows a chain and records each hop', async () => {
    const r = await fetcher.fetch(`${base}/chain/3`);
    expect(r.outcome).toBe('ok');
    expect(r.redirects).toEqual([`${base}/chain/2`, `${base}/chain/1`, `${base}/chain/0`]);
    expect(r.finalUrl).toBe(`${base}/chain/0`);
    expect(r.body?.toString()).toBe('end of chain');
  });

  it('resolves a relative Location and drops the fragment', async () => {
    const r = await fetcher.fetch(`${base}/rel`);
    expect(r.outcome).toBe('ok');
    expect(r.finalUrl).toBe(`${base}/ok`);
  });

  it('detects a loop', async () => {
    const r = await fetcher.fetch(`${base}/loop-a`);
    expect(r.outcome).toBe('redirect-loop');
    expect(r.redirects).toEqual([`${base}/loop-b`, `${base}/loop-a`]);
    expect(r.error).toContain('重定向循环');
  });

  it('stops after maxRedirects', async () => {
    const f = createFetcher(crawlCfg({ maxRedirects: 3 }));
    try {
      const r = await f.fetch(`${base}/chain/10`);
      expect(r.outcome).toBe('too-many-redirects');
      expect(r.redirects.length).toBe(4);
      const ok = await f.fetch(`${base}/chain/3`);
      expect(ok.outcome).toBe('ok');
    } finally {
      await f.close();
    }
  });

  it('refuses a redirect to a non-http scheme', async () => {
    const r = await fetcher.fetch(`${base}/to-mailto`);
    expect(r.outcome).toBe('unsupported-scheme');
    expect(r.redirects).toEqual(['mailto:admin@example.gov.cn']);
  });

  it('can leave redirects unfollowed', async () => {
    const r = await fetcher.fetch(`${base}/chain/2`, { followRedirects: false });
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe('/chain/1');
    expect(r.redirects).toEqual([]);
  });

  it('a redirect without Location is an error', async () => {
    const r = await fetcher.fetch(`${base}/no-location`);
    expect(r.outcome).toBe('http-error');
    expect(r.status).toBe(302);
  });
});

describe('fetch: hostile and broken servers', () => {
  it('a server that never answers ends as timeout', async () => {
    const r = await fetcher.fetch(`${base}/hang`, { timeoutMs: 400 });
    expect(r.outcome).toBe('timeout');
    expect(r.unfinished).toBeUndefined(); // no answer at all: a dead link, not a page that never ends
    expect(r.ms).toBeGreaterThanOrEqual(380);
    expect(r.ms).toBeLessThan(10_000); // generous: only a hung fetch would pass it
    expect(r.error).toContain('超时');
  });

  it('a slow drip is cut by the total limit, not an idle timer, and reported as a body still arriving', async () => {
    const r = await fetcher.fetch(`${base}/drip`, { timeoutMs: 500 });
    expect(r.outcome).toBe('timeout');
    expect(r.status).toBe(200);
    expect(r.unfinished).toMatchObject({ reason: 'time-limit', ratio: 1 });
    expect(r.bytes).toBeGreaterThan(0);
    expect(r.unfinished!.wireBytes).toBe(r.bytes);
    expect(r.ms).toBeGreaterThanOrEqual(480);
    expect(r.ms).toBeLessThan(10_000); // generous: only a hung fetch would pass it
  });

  it('a connection dropped before the answer is reset', async () => {
    const r = await fetcher.fetch(`${base}/reset`);
    expect(r.outcome).toBe('reset');
    expect(r.status).toBe(0);
  });

  it('a closed port is refused', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const r = await fetcher.fetch(`http://127.0.0.1:${port}/`);
    expect(r.outcome).toBe('refused');
    expect(r.error).toContain('拒绝');
  });

  it('a lying Content-Length ends as reset with a clear message', async () => {
    const r = await fetcher.fetch(`${base}/lying-length`);
    expect(['reset', 'decode-error']).toContain(r.outcome);
    expect(r.error).toContain('Content-Length');
  });

  it('an endless body is too-large at the cap', async () => {
    const started = Date.now();
    const r = await fetcher.fetch(`${base}/endless`, { maxBytes: 1024 * 1024 });
    expect(r.outcome).toBe('too-large');
    expect(r.unfinished).toMatchObject({ reason: 'size-cap', ratio: 1 });
    expect(r.body?.length).toBe(1024 * 1024);
    expect(Date.now() - started).toBeLessThan(20_000); // the body never ends: only the cap stops it
    // the connection was abandoned, the fetcher still works
    expect((await fetcher.fetch(`${base}/ok`)).outcome).toBe('ok');
  });

  it('keeps connections alive: 50 sequential requests use 1–2 sockets', async () => {
    const opened = await connectionsOpenedBy(async (f) => {
      for (let i = 0; i < 50; i++) {
        const r = await f.fetch(`${base}/ok`);
        expect(r.outcome).toBe('ok');
      }
    });
    expect(opened).toBeLessThanOrEqual(1);
    expect(connections).toBeGreaterThan(0);
  });
});

/** Connections a fresh fetcher opens to the test server while `requests` run, after one warm-up GET. */
async function connectionsOpenedBy(requests: (f: Fetcher) => Promise<void>): Promise<number> {
  const f = createFetcher(crawlCfg());
  try {
    await f.fetch(`${base}/ok`);
    const before = connections;
    await requests(f);
    return connections - before;
  } finally {
    await f.close();
  }
}

describe('check: HEAD with GET fallback', () => {
  it('uses HEAD when the server accepts it', async () => {
    headRequests.length = 0;
    const r = await fetcher.check(`${base}/ok`);
    expect(r).toMatchObject({ outcome: 'ok', status: 200, bytes: 0 });
    expect(headRequests).toEqual(['/ok']);
  });

  it('falls back to GET when HEAD answers 405', async () => {
    const r = await fetcher.check(`${base}/head-405`);
    expect(r).toMatchObject({ outcome: 'ok', status: 200 });
    expect(r.body).toBeUndefined();
  });

  it('reports a dead link', async () => {
    const r = await fetcher.check(`${base}/404`);
    expect(r).toMatchObject({ outcome: 'http-error', status: 404 });
  });
});

describe('HEAD keeps its connection', () => {
  it('HEAD checks and GETs alternate on one kept connection', async () => {
    const opened = await connectionsOpenedBy(async (f) => {
      for (let i = 0; i < 20; i++) {
        expect((await f.check(`${base}/ok`)).outcome).toBe('ok');
        expect((await f.fetch(`${base}/ok`)).outcome).toBe('ok');
      }
    });
    expect(opened).toBeLessThanOrEqual(1);
  });

  /** A raw server that answers HEAD with a body anyway (at once or a moment later), GET properly, and
   *  /garbage with bytes that are not HTTP. Requests on one connection are answered in order. */
  async function strayBodyServer(strayDelayMs: number): Promise<{ server: net.Server; url: string; gets: () => number }> {
    let gets = 0;
    const server = net.createServer((socket) => {
      let buffered = '';
      let queue = Promise.resolve();
      socket.on('error', () => undefined);
      socket.on('data', (data) => {
        buffered += data.toString('latin1');
        let end: number;
        while ((end = buffered.indexOf('\r\n\r\n')) >= 0) {
          const [method, path] = buffered.slice(0, end).split(' ');
          buffered = buffered.slice(end + 4);
          queue = queue.then(() => answer(socket, method, path));
        }
      });
    });
    const answer = async (socket: net.Socket, method: string, path: string) => {
      if (socket.destroyed) return;
      if (path === '/garbage') {
        socket.write('NOT HTTP AT ALL\r\n\r\n');
        return;
      }
      if (method === 'HEAD') {
        const head = 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\n';
        if (strayDelayMs === 0) socket.write(head + 'hello');
        else {
          socket.write(head);
          await new Promise((r) => setTimeout(r, strayDelayMs));
          if (!socket.destroyed) socket.write('hello');
        }
        return;
      }
      gets++;
      socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 2\r\n\r\nok');
    };
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, gets: () => gets };
  }

  for (const delay of [0, 50]) {
    it(`a server that sends a body after a HEAD response (${delay ? 'a moment later' : 'at once'}) spoils no later request`, async () => {
      const { server, url } = await strayBodyServer(delay);
      const f = createFetcher(crawlCfg());
      try {
        // HEAD through fetch(), not check(): check() would hide a spoiled answer behind its GET fallback.
        for (let i = 0; i < 3; i++) expect(await f.fetch(`${url}/file.pdf`, { method: 'HEAD' })).toMatchObject({ outcome: 'ok', status: 200 });
        for (let i = 0; i < 3; i++) {
          expect(await f.check(`${url}/file.pdf`)).toMatchObject({ outcome: 'ok', status: 200 });
          expect(await f.fetch(`${url}/page.html`)).toMatchObject({ outcome: 'ok', status: 200, bytes: 2 });
        }
      } finally {
        await f.close();
        server.close();
      }
    });
  }

  it('a server that answers garbage is still reported, after one more try', async () => {
    const { server, url } = await strayBodyServer(0);
    const f = createFetcher(crawlCfg());
    let connects = 0;
    server.on('connection', () => connects++);
    try {
      const r = await f.fetch(`${url}/garbage`);
      expect(r.outcome).toBe('error');
      expect(r.error).toContain('不是合法的 HTTP');
      expect(connects).toBe(2);
    } finally {
      await f.close();
      server.close();
    }
  });
});

describe('DNS through the hosts map', () => {
  it('an unmapped host fails as dns with hostsOnly, without asking the resolver', async () => {
    const spy = vi.spyOn(dns, 'lookup');
    const port = new URL(base).port;
    const r = await fetcher.fetch(`http://unmapped.example.gov.cn:${port}/ok`);
    expect(r.outcome).toBe('dns');
    expect(r.error).toContain('域名无法解析');
    const empty = await fetcher.fetch(`http://empty.gov.cn:${port}/ok`);
    expect(empty.outcome).toBe('dns');
    expect(spy).not.toHaveBeenCalled();
  });

  it('without hostsOnly an unmapped name goes to the system resolver (localhost only)', async () => {
    const spy = vi.spyOn(dns, 'lookup');
    const f = createFetcher(crawlCfg({ hostsOnly: false, hosts: {} }));
    try {
      const r = await f.fetch(`http://localhost:${new URL(base).port}/ok`);
      expect(spy).toHaveBeenCalled();
      expect(['ok', 'refused']).toContain(r.outcome); // localhost may resolve to ::1 first
    } finally {
      await f.close();
    }
  });

  it('host names are matched case-insensitively and IP literals need no mapping', async () => {
    const port = new URL(base).port;
    expect((await fetcher.fetch(`http://WWW.FETCH-TEST.GOV.CN:${port}/ok`)).outcome).toBe('ok');
    expect((await fetcher.fetch(`http://127.0.0.1:${port}/ok`)).outcome).toBe('ok');
  });
});

describe('helpers', () => {
  it('mediaType strips parameters and lower-cases', () => {
    expect(mediaType('Text/HTML; charset=UTF-8')).toBe('text/html');
    expect(mediaType(undefined)).toBe('');
  });

  it('parseRetryAfter reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('garbage')).toBeUndefined();
  });
});
