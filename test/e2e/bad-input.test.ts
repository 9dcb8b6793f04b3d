// Hostile or broken home pages: none may crash or hang a scan; each becomes a clear finding.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:net';
import { startTestSite, type TestSite } from '../../testsite/index.js';
import { scanSite } from '../../src/scan/scan.js';
import { defaultConfig, mergeConfig } from '../../src/config.js';
import type { Finding } from '../../src/domain/index.js';

let site: TestSite;
let silent: Server;
let silentPort = 0;
const silentSockets = new Set<import('node:net').Socket>();

beforeAll(async () => {
  site = await startTestSite({ pages: 100 });
  // Accepts connections and never answers.
  silent = createServer((socket) => {
    silentSockets.add(socket);
    socket.on('close', () => silentSockets.delete(socket));
  });
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  silentPort = (silent.address() as { port: number }).port;
});
afterAll(async () => {
  await site?.close();
  for (const socket of silentSockets) socket.destroy();
  await new Promise((r) => silent.close(r));
});

function config() {
  return mergeConfig(defaultConfig(), {
    crawl: { hosts: site.hosts, hostsOnly: true, requestTimeoutMs: 1500, retries: 0, maxBodyBytes: 2 * 1024 * 1024 },
    checks: { browser: false, availabilityProbes: 1, availabilityThresholdMs: 1000 },
  });
}

async function scanHome(url: string) {
  const started = Date.now();
  const outcome = await scanSite({ url, config: config() });
  return { ...outcome, seconds: (Date.now() - started) / 1000 };
}

function availability(findings: Finding[]) {
  return findings.find((f): f is Finding<'availability'> => f.check === 'availability');
}

describe('a home page that cannot be read is an availability finding', () => {
  // The last column: the home page never ends, so it is an oversized-page finding (size cap or time limit).
  const cases: Array<[string, string, string[], Array<'size-cap' | 'time-limit'>?]> = [
    ['a redirect loop', '/bad/loop-a', ['redirect-loop']],
    ['a gzip bomb', '/bad/gzip-bomb', ['too-large', 'ok'], ['size-cap']],
    ['an endless body', '/bad/huge', ['too-large', 'timeout', 'ok'], ['size-cap', 'time-limit']],
    ['a slow drip', '/bad/slow-drip', ['timeout'], ['time-limit']],
    ['a connection reset', '/bad/reset', ['reset']],
    ['a lying Content-Length', '/bad/lying-length', ['reset', 'decode-error']],
    ['a 500 error', '/bad/500.html', ['http-error']],
  ];
  for (const [name, path, outcomes, cut] of cases) {
    it(`${name} (${path})`, async () => {
      const r = await scanHome(new URL(path, site.url).href);
      expect(r.seconds).toBeLessThan(30);
      const f = availability(r.report.findings);
      // A body cut at the size cap still opened in time; the site is then judged on what was read.
      if (f) expect(outcomes).toContain(f.detail.outcome);
      else expect(outcomes).toContain('ok');
      expect(r.report.findings.every((x) => x.message.length > 0)).toBe(true);
      const oversized = r.report.findings.filter((x): x is Finding<'oversized-page'> => x.check === 'oversized-page');
      if (!cut) {
        expect(oversized).toEqual([]);
        return;
      }
      // Never parsed as if it were the whole page: no page facts, one finding saying what was seen.
      expect(r.report.stats.pages).toBe(0);
      expect(oversized).toHaveLength(1);
      expect(oversized[0]).toMatchObject({ url: new URL(path, site.url).href, indicator: 'function.availability', detail: { location: 'home' } });
      expect(cut).toContain(oversized[0].detail.reason);
      for (const key of ['bytes', 'ratio', 'ms'] as const) expect(typeof oversized[0].detail[key]).toBe('number');
      if (path === '/bad/gzip-bomb') expect(oversized[0].detail.ratio as number).toBeGreaterThan(100);
    }, 60_000);
  }

  it('a server that accepts and never answers', async () => {
    const r = await scanHome(`http://127.0.0.1:${silentPort}/`);
    expect(r.seconds).toBeLessThan(30);
    expect(availability(r.report.findings)?.detail.outcome).toBe('timeout');
    expect(r.report.verdict).toBe('unqualified');
  }, 60_000);

  it('a refused connection', async () => {
    const r = await scanHome('http://127.0.0.1:1/');
    expect(availability(r.report.findings)?.detail.outcome).toBe('refused');
  }, 60_000);

  it('a host whose name does not resolve', async () => {
    const r = await scanHome('http://nxdomain.example.org/');
    expect(availability(r.report.findings)?.detail.outcome).toBe('dns');
  }, 60_000);
});

describe('content that is not what it claims', () => {
  it('a home page that is not HTML is scanned without crashing', async () => {
    const r = await scanHome(new URL('/bad/not-html', site.url).href);
    expect(r.seconds).toBeLessThan(30);
    // Fetched and read (bytes counted) without a crawl error, but not taken for an HTML page; the site is up.
    expect(r.report.stats).toMatchObject({ errors: 0, pages: 0 });
    expect(r.report.stats.bytes).toBeGreaterThan(0);
    expect(availability(r.report.findings)).toBeUndefined();
    expect(r.report.schema).toBe('govpatrol.scan/1');
  }, 60_000);
});
