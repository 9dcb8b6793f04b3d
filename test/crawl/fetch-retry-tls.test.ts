// Retries (429/503 with Retry-After, resets, never plain 4xx) and TLS failures against loopback servers.
import http from 'node:http';
import https from 'node:https';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import type { ScanConfig } from '../../src/config.js';
import { createFetcher } from '../../src/crawl/fetch.js';

function crawlCfg(over: Partial<ScanConfig['crawl']> = {}): ScanConfig['crawl'] {
  return { ...defaultConfig().crawl, hosts: { 'secure.test.gov.cn': ['127.0.0.1'] }, hostsOnly: true, ...over };
}

/** Request times per path, to measure the wait between attempts. */
const hits = new Map<string, number[]>();
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const p = req.url ?? '/';
    const times = hits.get(p) ?? [];
    times.push(Date.now());
    hits.set(p, times);
    const n = times.length;
    if (p === '/429-then-ok') {
      if (n === 1) res.writeHead(429, { 'retry-after': '1' }).end('slow down');
      else res.writeHead(200, { 'content-type': 'text/html' }).end('<p>ok</p>');
    } else if (p === '/429-long') {
      if (n === 1) res.writeHead(429, { 'retry-after': '3600' }).end();
      else res.writeHead(200).end('ok');
    } else if (p === '/503-always') {
      res.writeHead(503).end();
    } else if (p === '/404') {
      res.writeHead(404).end();
    } else if (p === '/reset-once') {
      if (n === 1) req.socket.destroy();
      else res.writeHead(200).end('second time lucky');
    } else if (p === '/hang-once') {
      if (n > 1) res.writeHead(200).end('answered');
    } else if (p === '/drip-always') {
      res.writeHead(200, { 'content-type': 'text/html' });
      const t = setInterval(() => res.write('x'), 50);
      res.on('close', () => clearInterval(t));
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('retries', () => {
  it('honours Retry-After on 429: the second attempt waited about a second', async () => {
    const f = createFetcher(crawlCfg({ retries: 2 }));
    try {
      const r = await f.fetch(`${base}/429-then-ok`);
      expect(r.outcome).toBe('ok');
      const times = hits.get('/429-then-ok')!;
      expect(times.length).toBe(2);
      expect(times[1] - times[0]).toBeGreaterThanOrEqual(950);
      expect(times[1] - times[0]).toBeLessThan(10_000);
    } finally {
      await f.close();
    }
  });

  it('caps Retry-After by maxRetryAfterMs', async () => {
    const f = createFetcher(crawlCfg({ retries: 1, maxRetryAfterMs: 200 }));
    try {
      const started = Date.now();
      const r = await f.fetch(`${base}/429-long`);
      expect(r.outcome).toBe('ok');
      expect(Date.now() - started).toBeLessThan(10_000); // far below the uncapped Retry-After
      const times = hits.get('/429-long')!;
      expect(times[1] - times[0]).toBeGreaterThanOrEqual(180);
    } finally {
      await f.close();
    }
  });

  it('gives up on a persistent 503 after the configured retries, with backoff between attempts', async () => {
    const f = createFetcher(crawlCfg({ retries: 2 }));
    try {
      const r = await f.fetch(`${base}/503-always`);
      expect(r).toMatchObject({ outcome: 'http-error', status: 503 });
      const times = hits.get('/503-always')!;
      expect(times.length).toBe(3);
      expect(times[1] - times[0]).toBeGreaterThanOrEqual(250); // first backoff ≥ 300 ms base
      expect(times[2] - times[1]).toBeGreaterThanOrEqual(550); // doubled
    } finally {
      await f.close();
    }
  });

  it('never retries a plain 404', async () => {
    const f = createFetcher(crawlCfg({ retries: 3 }));
    try {
      const r = await f.fetch(`${base}/404`);
      expect(r).toMatchObject({ outcome: 'http-error', status: 404 });
      expect(hits.get('/404')!.length).toBe(1);
    } finally {
      await f.close();
    }
  });

  it('retries a reset and a timeout', async () => {
    const f = createFetcher(crawlCfg({ retries: 1 }));
    try {
      const reset = await f.fetch(`${base}/reset-once`);
      expect(reset.outcome).toBe('ok');
      expect(reset.body?.toString()).toBe('second time lucky');
      const hang = await f.fetch(`${base}/hang-once`, { timeoutMs: 300 });
      expect(hang.outcome).toBe('ok');
      expect(hits.get('/hang-once')!.length).toBe(2);
    } finally {
      await f.close();
    }
  });

  it('never retries a body that was still arriving at the time limit: the server answered, asking again costs as much', async () => {
    const f = createFetcher(crawlCfg({ retries: 2 }));
    try {
      const r = await f.fetch(`${base}/drip-always`, { timeoutMs: 300 });
      expect(r).toMatchObject({ outcome: 'timeout', status: 200, unfinished: { reason: 'time-limit' } });
      expect(hits.get('/drip-always')!.length).toBe(1);
    } finally {
      await f.close();
    }
  });
});

describe('TLS', () => {
  let dir: string;
  let tlsServer: https.Server;
  let port = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'govpatrol-tls-'));
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=secure.test.gov.cn'],
      { stdio: 'ignore' },
    );
    tlsServer = https.createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => {
      res.writeHead(200).end('secret');
    });
    await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
    port = (tlsServer.address() as AddressInfo).port;
  });

  afterAll(async () => {
    tlsServer.closeAllConnections();
    await new Promise((resolve) => tlsServer.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('a self-signed certificate is a tls failure with a Chinese explanation', async () => {
    const f = createFetcher(crawlCfg({ retries: 0 }));
    try {
      const r = await f.fetch(`https://secure.test.gov.cn:${port}/`);
      expect(r.outcome).toBe('tls');
      expect(r.error).toContain('自签名');
    } finally {
      await f.close();
    }
  });

  it('speaking https to a plain http port is a tls failure', async () => {
    const f = createFetcher(crawlCfg({ retries: 0 }));
    try {
      const r = await f.fetch(`${base.replace('http:', 'https:')}/404`);
      expect(r.outcome).toBe('tls');
    } finally {
      await f.close();
    }
  });
});
