// An attachment whose text cannot be read was not checked: the scan must say so, never look clean.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { scanSite } from '../../src/scan/scan.js';
import { defaultConfig, mergeConfig } from '../../src/config.js';

const HOST = 'www.broken-attach.gov.cn';
let server: Server;
let port = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><head><title>通知公告</title></head><body><h1>通知公告</h1><a href="/f/list.pdf">名单（PDF）</a><a href="/f/pic.zip">图片</a></body></html>');
    } else if (req.url === '/f/list.pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      res.end('%PDF-1.7\nthis is not a readable PDF body');
    } else if (req.url === '/f/pic.zip') {
      res.writeHead(200, { 'content-type': 'application/x-rar-compressed' });
      res.end('Rar!\u001a\u0007\u0000 not a document');
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

it('reports an unreadable PDF as a failed text check with its URL; a type it does not read is no failure', async () => {
  const config = mergeConfig(defaultConfig(), {
    crawl: { hosts: { [HOST]: ['127.0.0.1'] }, hostsOnly: true, requestTimeoutMs: 5000, retries: 0 },
    checks: { browser: false, availabilityProbes: 1 },
  });
  const outcome = await scanSite({ url: `http://${HOST}:${port}/`, config });
  const failures = outcome.checkErrors.filter((e) => e.check === 'privacy-leak');
  expect(failures.map((e) => e.url)).toEqual([`http://${HOST}:${port}/f/list.pdf`]);
  expect(failures[0].message).toContain('附件');
  expect(outcome.report.findings.filter((f) => f.url.includes('/f/'))).toEqual([]);
}, 120_000);
