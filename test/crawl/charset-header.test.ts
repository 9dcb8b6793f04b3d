// A GBK page whose charset is declared only in the Content-Type header, with a long ASCII head, must decode.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import iconv from 'iconv-lite';
import { crawlSite } from '../../src/crawl/crawler.js';
import { defaultConfig, mergeConfig } from '../../src/config.js';
import type { PageFacts } from '../../src/domain/index.js';

let server: http.Server;
let base = '';

beforeAll(async () => {
  const ascii = `<!-- ${'x'.repeat(4000)} -->`; // past the extractor's 2 KB sniffing window
  const page = `<html><head>${ascii}<title>临江市人民政府办公室</title></head><body><p>关于做好冬季供暖工作的通知</p></body></html>`;
  server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=GBK' });
    res.end(iconv.encode(page, 'gbk'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
});
afterAll(() => new Promise((r) => server.close(r)));

describe('charset from the response header', () => {
  it('decodes a header-only GBK page whose first kilobytes are ASCII', async () => {
    const pages: PageFacts[] = [];
    const cfg = mergeConfig(defaultConfig(), { crawl: { maxPages: 1, useSitemaps: false } });
    await crawlSite(base, cfg, { onPage: (p) => void pages.push(p) });
    expect(pages).toHaveLength(1);
    expect(pages[0].title).toBe('临江市人民政府办公室');
    expect(pages[0].text).toContain('关于做好冬季供暖工作的通知');
    expect(pages[0].charsetSource).toBe('header');
  });
});
