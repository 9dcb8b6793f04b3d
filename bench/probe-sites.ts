// Child process of `npm run bench:probes`: the sites the probes and the scan talk to, on loopback, in their own
// process (as remote sites would be), so the bench process measures only govpatrol's own work.
//  - one HTTP server for N probe sites, told apart by Host (s<i>.probe.test): i % 20 = 0 answers 500,
//    i % 20 = 1 hangs (never answers), i % 20 ∈ {2, 3} answers after 200–899 ms, i % 50 = 7 redirects once,
//    the rest answer 200 with a 16 KB home page at once;
//  - the synthetic government site (testsite/) for the full scan.
// Prints one JSON line { probePort, site: { url, hosts } } when ready.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestSite } from '../testsite/index.js';

const PAGES = Number(process.env.BENCH_SCAN_PAGES ?? 3000);
const HOME = `<!doctype html><html><head><meta charset="utf-8"><title>某某局</title></head><body>${'<p>政务公开 通知公告 政策文件 办事服务</p>'.repeat(300)}</body></html>`;

const server = createServer((req, res) => {
  const i = Number(/^s(\d+)\./.exec(req.headers.host ?? '')?.[1] ?? -1);
  const home = () => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(HOME);
  if (i < 0) return void res.writeHead(404).end();
  if (i % 20 === 0) return void res.writeHead(500).end('Internal Server Error');
  if (i % 20 === 1) return; // hangs past any timeout
  if (i % 20 === 2 || i % 20 === 3) return void setTimeout(home, 200 + ((i * 37) % 700));
  if (i % 50 === 7 && req.url === '/') return void res.writeHead(302, { location: '/index.html' }).end();
  home();
});
server.keepAliveTimeout = 5000;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const site = await startTestSite({ pages: PAGES, defects: true });
process.stdout.write(`${JSON.stringify({ probePort: (server.address() as AddressInfo).port, site: { url: site.url, hosts: site.hosts } })}\n`);
process.on('SIGTERM', () => process.exit(0));
