// Loopback server for the synthetic site. One listener on 127.0.0.1 dispatches by Host header to the site,
// its bare-domain twin, and three tiny foreign hosts; /bad/ holds endpoints that misbehave on purpose.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createHash } from 'node:crypto';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import type { PlantedDefect } from './manifest.js';
import { SITE_BARE_HOST, SITE_HOST, type TestSiteOptions } from './model.js';
import { createSite, type Site } from './site.js';

export interface TestSite {
  url: string;
  port: number;
  hosts: Record<string, string[]>;
  /** The planted defects of the site as it is served now. */
  readonly manifest: PlantedDefect[];
  readonly site: Site;
  /** Serves the same origin with other options from now on (e.g. a tampered home page after a clean scan,
   *  so that the second scan has a baseline for the same site). */
  reconfigure(next: TestSiteOptions): void;
  /** Changes one page as served from now on, e.g. a page edited between two scans (its ETag changes with its
   *  bytes); a transform returning null deletes the page (404); null instead of a transform restores it. */
  edit(path: string, transform: ((html: string) => string | null) | null): void;
  close(): Promise<void>;
}

export const EXTERNAL_HOST = 'external.example.org';
export const SPAM_HOST = 'spam.example.com';
export const EVIL_HOST = 'evil.example.net';
export const NXDOMAIN_HOST = 'nxdomain.example.org';
const EXTERNAL_OK = new Set(['/', '/ok.html', '/beian', '/gongan', '/conac', '/jiucuo']);
const HANG_DESTROY_MS = 60_000;
/** Every generated page says it last changed then; an edited page says it changed when it was edited. */
const GENERATED_AT = 'Wed, 01 Jan 2025 00:00:00 GMT';
const DRIP_MAX_SECONDS = 600;

let bombCache: Buffer | undefined;
/** ~1.1 GiB of zeros as a ~1 MB gzip: one 16 MiB full-flushed deflate block repeated (each repetition starts
 *  from a reset window, so the bytes are identical), then an empty final block and the gzip trailer. */
export function gzipBomb(): Buffer {
  if (bombCache) return bombCache;
  const chunk = Buffer.alloc(16 << 20);
  const block = deflateRawSync(chunk, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const reps = 70;
  let crc = 0;
  for (let k = 0; k < reps; k++) crc = crc32(chunk, crc);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE((chunk.length * reps) % 2 ** 32, 4);
  bombCache = Buffer.concat([
    Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]),
    ...Array.from({ length: reps }, () => block),
    deflateRawSync(Buffer.alloc(0)),
    trailer,
  ]);
  return bombCache;
}

function hostOf(header: string | undefined): string {
  const h = (header ?? '').trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  return h.replace(/:\d+$/, '').replace(/\.$/, '');
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, { 'content-type': type, 'content-length': String(buf.length), ...extra });
  res.end(buf);
}

const smallPage = (title: string) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body><p>${title}</p></body></html>`;

export async function startTestSite(opts: TestSiteOptions = {}): Promise<TestSite> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let site: Site | undefined;
  let port = 0;
  let closed = false;

  const later = (ms: number, fn: () => void): NodeJS.Timeout => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
    return t;
  };

  const badEndpoint = (path: string, req: http.IncomingMessage, res: http.ServerResponse): boolean => {
    const socket = req.socket;
    switch (path) {
      case '/bad/hang':
        later(HANG_DESTROY_MS, () => socket.destroy());
        return true;
      case '/bad/reset':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': '5000' });
        res.write('<!DOCTYPE html><html><head><title>reset</title></head><body>', () => socket.destroy());
        return true;
      case '/bad/slow-drip': {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        let n = 0;
        const tick = () => {
          if (res.destroyed || closed || ++n > DRIP_MAX_SECONDS) return void res.end();
          res.write('a');
          later(1000, tick);
        };
        tick();
        return true;
      }
      case '/bad/huge': {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        const chunk = Buffer.alloc(64 * 1024, 'a');
        const pump = () => {
          while (!res.destroyed && !closed) if (!res.write(chunk)) return void res.once('drain', pump);
        };
        res.write('<!DOCTYPE html><html><body>');
        pump();
        return true;
      }
      case '/bad/gzip-bomb':
        send(res, 200, 'text/html; charset=utf-8', gzipBomb(), { 'content-encoding': 'gzip' });
        return true;
      case '/bad/lying-length':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': '100000' });
        res.write('<html>1234', () => later(20, () => socket.destroy()));
        return true;
      case '/bad/loop-a':
      case '/bad/loop-b':
        send(res, 302, 'text/html; charset=utf-8', '', { location: path === '/bad/loop-a' ? '/bad/loop-b' : '/bad/loop-a' });
        return true;
      case '/bad/not-html': {
        const home = site!.render('/', { headers: {} });
        send(res, 200, 'application/octet-stream', home.body);
        return true;
      }
      default:
        return false;
    }
  };

  // Pages answer conditional requests as nginx does for static files: ETag and Last-Modified, 304 on a match.
  const edits = new Map<string, { transform: (html: string) => string | null; at: string }>();
  const withEdit = (path: string, r: ReturnType<Site['render']>) => {
    const edit = edits.get(path);
    const edited = edit && r.status === 200 ? edit.transform(r.body.toString('utf8')) : undefined;
    if (edited === null) r = { ...r, status: 404, body: Buffer.from(smallPage('404 Not Found')) };
    const body = typeof edited === 'string' ? Buffer.from(edited) : r.body;
    const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
    return { ...r, body, validators: { etag, 'last-modified': edit?.at ?? GENERATED_AT } };
  };
  const notModified = (req: http.IncomingMessage, v: { etag: string; 'last-modified': string }): boolean => {
    const inm = req.headers['if-none-match'];
    if (inm !== undefined) return inm.split(',').some((t) => t.trim() === v.etag);
    const ims = req.headers['if-modified-since'];
    return ims !== undefined && Date.parse(ims) >= Date.parse(v['last-modified']);
  };

  const serveSite = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const rawUrl = req.url ?? '/';
    const path = rawUrl.split('?')[0];
    if (path.startsWith('/bad/') && badEndpoint(path, req, res)) return;
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const answer = () => {
      if (res.destroyed) return;
      let r;
      try {
        r = withEdit(path, site!.render(rawUrl, { headers }));
      } catch {
        return send(res, 400, 'text/plain; charset=utf-8', 'bad request');
      }
      if (r.status === 200 && notModified(req, r.validators)) {
        res.writeHead(304, r.validators);
        return void res.end();
      }
      res.writeHead(r.status, { ...r.headers, ...(r.status === 200 ? r.validators : {}), 'content-length': String(r.body.length) });
      res.end(r.body);
    };
    const slow = opts.variant?.slowHomeMs;
    if (slow && (path === '/' || path === '/index.html')) later(slow, answer);
    else answer();
  };

  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const host = hostOf(req.headers.host);
    const path = (req.url ?? '/').split('?')[0];
    if (!site) return send(res, 503, 'text/plain', 'starting');
    if (host === SITE_HOST) return serveSite(req, res);
    if (host === SITE_BARE_HOST) {
      return send(res, 301, 'text/html; charset=utf-8', '', { location: `http://${SITE_HOST}:${port}${req.url ?? '/'}` });
    }
    if (host === EXTERNAL_HOST) {
      return EXTERNAL_OK.has(path) ? send(res, 200, 'text/html; charset=utf-8', smallPage('外部站点')) : send(res, 404, 'text/html; charset=utf-8', smallPage('404 Not Found'));
    }
    if (host === SPAM_HOST) return send(res, 200, 'text/html; charset=utf-8', smallPage('示例外部站点'));
    if (host === EVIL_HOST) {
      if (path === '/x.js') return send(res, 200, 'application/javascript', 'console.log("x");\n');
      if (path === '/frame.html') return send(res, 200, 'text/html; charset=utf-8', smallPage('frame'));
      return send(res, 404, 'text/plain', 'not found');
    }
    send(res, 404, 'text/plain; charset=utf-8', 'unknown host');
  };

  const track = (server: http.Server) => {
    server.on('connection', (s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    server.on('clientError', (_err, s) => s.destroy());
  };

  const listen = (server: http.Server, host: string, p: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(p, host, () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const closeServer = (server: http.Server) => new Promise<void>((resolve) => server.close(() => resolve()));

  const servers: http.Server[] = [];
  for (let attempt = 0; ; attempt++) {
    const v4 = http.createServer(handler);
    track(v4);
    port = await listen(v4, '127.0.0.1', 0);
    servers.push(v4);
    if (!opts.variant?.ipv6) break;
    const v6 = http.createServer(handler);
    track(v6);
    try {
      await listen(v6, '::1', port);
      servers.push(v6);
      break;
    } catch (err) {
      // The same port number is taken on ::1: try another pair.
      servers.length = 0;
      await closeServer(v4);
      if (attempt >= 5) throw err;
    }
  }

  const url = `http://${SITE_HOST}:${port}/`;
  const origin = `http://${SITE_HOST}:${port}`;
  site = createSite({ ...opts, origin });
  const siteAddrs = opts.variant?.ipv6 ? ['127.0.0.1', '::1'] : ['127.0.0.1'];
  return {
    url,
    port,
    hosts: {
      [SITE_HOST]: siteAddrs,
      [SITE_BARE_HOST]: ['127.0.0.1'],
      [EXTERNAL_HOST]: ['127.0.0.1'],
      [SPAM_HOST]: ['127.0.0.1'],
      [EVIL_HOST]: ['127.0.0.1'],
      [NXDOMAIN_HOST]: [],
    },
    get manifest() {
      return site!.manifest(origin);
    },
    get site() {
      return site!;
    },
    reconfigure(next: TestSiteOptions) {
      site = createSite({ ...opts, ...next, variant: { ...opts.variant, ...next.variant }, origin });
    },
    edit(path: string, transform: ((html: string) => string | null) | null) {
      if (transform) edits.set(path, { transform, at: new Date().toUTCString() });
      else edits.delete(path);
    },
    async close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const s of sockets) s.destroy();
      await Promise.all(servers.map(closeServer));
    },
  };
}
