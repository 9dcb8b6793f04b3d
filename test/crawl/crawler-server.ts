// A loopback HTTP server for crawler tests: dispatches by Host header and path, counts hits and the
// highest number of concurrent requests per host.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseConfig, type ScanConfig, type ScanConfigInput } from '../../src/config.js';

export interface Reply {
  status?: number;
  type?: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
  delayMs?: number;
}
export type Route = (path: string, req: IncomingMessage) => Reply | undefined;

export interface TestServer {
  port: number;
  url(host: string, path?: string): string;
  hits: Map<string, number>; // "host/path?query" (no port) → count, GET and HEAD alike
  maxActive: Map<string, number>; // host → highest concurrent requests
  maxActiveTotal: number;
  connections: number; // TCP connections accepted
  close(): Promise<void>;
}

export async function startServer(routes: Record<string, Route>): Promise<TestServer> {
  const hits = new Map<string, number>();
  const active = new Map<string, number>();
  const maxActive = new Map<string, number>();
  let activeTotal = 0;
  const state = { maxActiveTotal: 0, connections: 0 };
  const server: Server = createServer((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const key = host + (req.url ?? '/');
    hits.set(key, (hits.get(key) ?? 0) + 1);
    const a = (active.get(host) ?? 0) + 1;
    active.set(host, a);
    maxActive.set(host, Math.max(maxActive.get(host) ?? 0, a));
    activeTotal++;
    state.maxActiveTotal = Math.max(state.maxActiveTotal, activeTotal);
    const route = routes[host];
    const reply: Reply = (route && route(req.url ?? '/', req)) ?? { status: 404, body: '<html><title>404</title>not found</html>' };
    const send = () => {
      active.set(host, (active.get(host) ?? 1) - 1);
      activeTotal--;
      if (res.destroyed) return;
      const body = typeof reply.body === 'string' ? Buffer.from(reply.body) : (reply.body ?? Buffer.alloc(0));
      // Content-Length also on HEAD: without it Node closes the connection after each HEAD.
      res.writeHead(reply.status ?? 200, { 'content-type': reply.type ?? 'text/html; charset=utf-8', 'content-length': String(body.length), ...reply.headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (reply.delayMs) setTimeout(send, reply.delayMs);
    else send();
  });
  server.keepAliveTimeout = 10_000; // undici subtracts a 2 s margin: shorter values mean a new connection per request
  server.on('connection', () => state.connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (host, path = '/') => `http://${host}:${port}${path}`,
    hits,
    maxActive,
    get connections() {
      return state.connections;
    },
    get maxActiveTotal() {
      return state.maxActiveTotal;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Config mapping the given hosts to loopback (hosts mapped to [] fail as DNS errors). */
export function testConfig(hosts: Record<string, string[]>, crawl: NonNullable<ScanConfigInput['crawl']> = {}, checks: ScanConfigInput['checks'] = {}): ScanConfig {
  return parseConfig({
    crawl: { hosts, hostsOnly: true, retries: 0, requestTimeoutMs: 5000, connectTimeoutMs: 2000, ...crawl },
    checks,
  });
}

export const html = (body: string, title = '测试页面') => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
export const links = (hrefs: string[]) => hrefs.map((h, i) => `<a href="${h}">链接${i}</a>`).join('\n');
