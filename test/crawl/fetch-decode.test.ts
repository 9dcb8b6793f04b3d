// Content-Encoding: gzip/deflate/br decoding, the decoded-size cap against gzip bombs, corrupt streams.
import http from 'node:http';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { createFetcher } from '../../src/crawl/fetch.js';
import type { Fetcher } from '../../src/crawl/fetch.js';
import { parseContentEncoding } from '../../src/crawl/decompress.js';

const PAGE = '<html><head><title>政务公开</title></head><body>' + '通知公告'.repeat(2000) + '</body></html>';
const PAGE_BYTES = Buffer.byteLength(PAGE);
// One gzip member of 16 MiB of zeros is ~16 KiB; members concatenated are still one valid gzip body.
const BOMB_MEMBER = zlib.gzipSync(Buffer.alloc(16 * 1024 * 1024), { level: 9 });
const BOMB_MEMBERS = 64 * 1024; // 1 TiB once decoded: only a client that stops reading survives it

let server: http.Server;
let base: string;
let fetcher: Fetcher;
let bombBytesSent = 0;
let bombClosed = false;

function send(res: http.ServerResponse, encoding: string, body: Buffer): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': encoding, 'content-length': body.length });
  res.end(body);
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const p = req.url ?? '/';
    if (p === '/gzip') send(res, 'gzip', zlib.gzipSync(PAGE));
    else if (p === '/x-gzip') send(res, 'x-gzip', zlib.gzipSync(PAGE));
    else if (p === '/br') send(res, 'br', zlib.brotliCompressSync(PAGE));
    else if (p === '/deflate') send(res, 'deflate', zlib.deflateSync(PAGE));
    else if (p === '/deflate-raw') send(res, 'deflate', zlib.deflateRawSync(PAGE));
    else if (p === '/gzip-br') send(res, 'gzip, br', zlib.brotliCompressSync(zlib.gzipSync(PAGE)));
    else if (p === '/identity') send(res, 'identity', Buffer.from(PAGE));
    else if (p === '/unknown') send(res, 'zz-custom', Buffer.from(PAGE));
    else if (p === '/empty-gzip') {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': 0 });
      res.end();
    } else if (p === '/corrupt') {
      const good = zlib.gzipSync(PAGE);
      const bad = Buffer.from(good);
      for (let i = 20; i < bad.length - 8; i += 7) bad[i] ^= 0x5a;
      send(res, 'gzip', bad);
    } else if (p === '/not-gzip') send(res, 'gzip', Buffer.from('this is plain text, not gzip at all'));
    else if (p === '/truncated') {
      const good = zlib.gzipSync(PAGE);
      send(res, 'gzip', good.subarray(0, Math.floor(good.length / 2)));
    } else if (p === '/bomb') {
      bombBytesSent = 0;
      bombClosed = false;
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      let sent = 0;
      res.on('close', () => {
        bombClosed = true;
      });
      const pump = () => {
        while (sent < BOMB_MEMBERS && !res.destroyed) {
          sent++;
          bombBytesSent += BOMB_MEMBER.length;
          if (!res.write(BOMB_MEMBER)) return;
        }
        if (sent >= BOMB_MEMBERS) res.end();
      };
      res.on('drain', pump);
      pump();
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fetcher = createFetcher({ ...defaultConfig().crawl, hostsOnly: true, retries: 0 });
});

afterAll(async () => {
  await fetcher.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('decoding', () => {
  for (const path of ['/gzip', '/x-gzip', '/br', '/deflate', '/deflate-raw', '/gzip-br', '/identity']) {
    it(`decodes ${path.slice(1)}`, async () => {
      const r = await fetcher.fetch(base + path);
      expect(r.outcome).toBe('ok');
      expect(r.bytes).toBe(PAGE_BYTES);
      expect(r.body?.toString('utf8')).toBe(PAGE);
    });
  }

  it('streams decoded chunks to the sink', async () => {
    const chunks: Buffer[] = [];
    const r = await fetcher.fetch(`${base}/br`, { sink: (c) => chunks.push(c) });
    expect(r.outcome).toBe('ok');
    expect(r.body).toBeUndefined();
    expect(Buffer.concat(chunks).toString('utf8')).toBe(PAGE);
  });

  it('an empty body with a gzip header is an empty ok body', async () => {
    const r = await fetcher.fetch(`${base}/empty-gzip`);
    expect(r).toMatchObject({ outcome: 'ok', bytes: 0 });
  });

  it('the cap counts decoded bytes, not wire bytes', async () => {
    const r = await fetcher.fetch(`${base}/gzip`, { maxBytes: 1000 });
    expect(r.outcome).toBe('too-large');
    expect(r.body?.length).toBe(1000);
    expect(r.unfinished?.reason).toBe('size-cap');
    // A body read to its end is not cut.
    expect((await fetcher.fetch(`${base}/gzip`)).unfinished).toBeUndefined();
  });

  it('parses Content-Encoding lists in decoding order', () => {
    expect(parseContentEncoding('gzip, br')).toEqual(['br', 'gzip']);
    expect(parseContentEncoding('identity')).toEqual([]);
    expect(parseContentEncoding(undefined)).toEqual([]);
    expect(parseContentEncoding('compress')).toBeNull();
  });
});

describe('broken and hostile compression', () => {
  it('corrupt gzip is a decode-error', async () => {
    const r = await fetcher.fetch(`${base}/corrupt`);
    expect(r.outcome).toBe('decode-error');
    expect(r.error).toMatch(/压缩数据/);
  });

  it('a body that is not gzip at all is a decode-error', async () => {
    const r = await fetcher.fetch(`${base}/not-gzip`);
    expect(r.outcome).toBe('decode-error');
  });

  it('truncated gzip is a decode-error', async () => {
    const r = await fetcher.fetch(`${base}/truncated`);
    expect(r.outcome).toBe('decode-error');
    expect(r.error).toContain('截断');
  });

  it('an unknown coding is a decode-error naming it', async () => {
    const r = await fetcher.fetch(`${base}/unknown`);
    expect(r.outcome).toBe('decode-error');
    expect(r.error).toContain('zz-custom');
  });

  it('a gzip bomb stops at the cap quickly and memory stays low', async () => {
    global.gc?.();
    const before = process.memoryUsage();
    const started = Date.now();
    const r = await fetcher.fetch(`${base}/bomb`, { maxBytes: 2 * 1024 * 1024 });
    const elapsed = Date.now() - started;
    const after = process.memoryUsage();
    expect(r.outcome).toBe('too-large');
    expect(r.body?.length).toBe(2 * 1024 * 1024);
    // Reported as cut, with the ratio the decoder saw (16 MiB of zeros gzip to ~16 KiB: about 1000:1).
    expect(r.unfinished).toMatchObject({ reason: 'size-cap' });
    expect(r.unfinished!.ratio).toBeGreaterThan(500);
    expect(r.unfinished!.wireBytes).toBeLessThan(r.bytes);
    expect(elapsed).toBeLessThan(15_000); // decoding the whole bomb would take hours
    // Decoding all of it would take 1 TiB; we stay within a few dozen MB.
    expect(after.rss - before.rss).toBeLessThan(100 * 1024 * 1024);
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(64 * 1024 * 1024);
    // The client stopped reading: the server never got to send the whole bomb.
    await vi.waitFor(() => expect(bombClosed).toBe(true), { timeout: 10_000, interval: 20 });
    expect(bombBytesSent).toBeLessThan(32 * 1024 * 1024);
  });
});
