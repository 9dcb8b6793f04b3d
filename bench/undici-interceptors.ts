// `node --import tsx bench/undici-interceptors.ts [N]`: our decoder (fetch.ts + decompress.ts) against undici 7's
// own decompress interceptor, on loopback: throughput on gzip pages, a gzip bomb against the 5 MB cap, and
// raw deflate (servers that send `Content-Encoding: deflate` without the zlib wrapper). Run once; numbers go
// into the commit message, not into a test.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { Agent, interceptors } from 'undici';
import { defaultConfig } from '../src/config.js';
import { createFetcher } from '../src/crawl/fetch.js';

const PAGE = Buffer.from(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>测试</title></head><body>${'<p>政务公开 信息发布 通知公告</p>'.repeat(1500)}</body></html>`);
const GZ = zlib.gzipSync(PAGE);
const RAW = zlib.deflateRawSync(PAGE);
const BOMB_MEMBER = zlib.gzipSync(Buffer.alloc(16 << 20), { level: 9 });
const CAP = 5 * 1024 * 1024;
const N = Number(process.argv[2] ?? 1500);
const CONCURRENCY = 16;

const server = http.createServer((req, res) => {
  if (req.url === '/bomb') {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
    let sent = 0;
    const pump = () => {
      while (!res.destroyed && sent < 4096) {
        sent++;
        if (!res.write(BOMB_MEMBER)) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
    return;
  }
  const body = req.url === '/raw' ? RAW : GZ;
  res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': req.url === '/raw' ? 'deflate' : 'gzip', 'content-length': body.length });
  res.end(body);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

async function pool(n: number, fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next++ < n) await fn();
  }));
  return performance.now() - t0;
}
const mb = (b: number) => (b / 1024 / 1024).toFixed(1);

const ours = createFetcher({ ...defaultConfig().crawl, retries: 0 });
const agent = new Agent({ connections: 10 }).compose(interceptors.decompress({ maxSize: CAP }));
async function theirs(path: string): Promise<{ bytes: number; error?: string }> {
  const res = await agent.request({ origin: base, path, method: 'GET', headers: { 'accept-encoding': 'gzip, deflate' } });
  let bytes = 0;
  try {
    for await (const chunk of res.body) bytes += (chunk as Buffer).length;
    return { bytes };
  } catch (err) {
    return { bytes, error: (err as Error).message.slice(0, 90) };
  }
}

// Warm both.
await pool(100, async () => void (await ours.fetch(`${base}/gz`)));
await pool(100, async () => void (await theirs('/gz')));
const rssBefore = process.memoryUsage().rss;
// Alternating rounds, so a busy shared machine weighs on both alike; best round of each.
let tOurs = Infinity;
let tTheirs = Infinity;
for (let round = 0; round < 3; round++) {
  tTheirs = Math.min(tTheirs, await pool(N, async () => {
    const r = await theirs('/gz');
    if (r.bytes !== PAGE.length) throw new Error('theirs: short body');
  }));
  tOurs = Math.min(tOurs, await pool(N, async () => {
    const r = await ours.fetch(`${base}/gz`);
    if (r.bytes !== PAGE.length) throw new Error('ours: short body');
  }));
}
console.log(`gzip pages (${(PAGE.length / 1024).toFixed(0)} KB, ${N} × ${CONCURRENCY} parallel): ours ${(N / (tOurs / 1000)).toFixed(0)} pages/s, undici decompress ${(N / (tTheirs / 1000)).toFixed(0)} pages/s`);

let t0 = performance.now();
const bombOurs = await ours.fetch(`${base}/bomb`, { maxBytes: CAP });
const msOurs = performance.now() - t0;
t0 = performance.now();
const bombTheirs = await theirs('/bomb');
const msTheirs = performance.now() - t0;
console.log(`gzip bomb, 5 MB cap: ours ${bombOurs.outcome}, kept ${mb(bombOurs.bytes)} MB, ratio ${bombOurs.unfinished?.ratio}:1, ${msOurs.toFixed(0)} ms | undici decompress: read ${mb(bombTheirs.bytes)} MB then "${bombTheirs.error}", ${msTheirs.toFixed(0)} ms (no first-5-MB page, no ratio)`);
const rawOurs = await ours.fetch(`${base}/raw`);
const rawTheirs = await theirs('/raw');
console.log(`raw deflate: ours ${rawOurs.outcome} ${rawOurs.bytes} bytes | undici decompress ${rawTheirs.error ? `error "${rawTheirs.error}"` : `${rawTheirs.bytes} bytes`}`);
console.log(`rss growth over the run: ${mb(process.memoryUsage().rss - rssBefore)} MB`);
await ours.close();
await agent.close();
server.close();
