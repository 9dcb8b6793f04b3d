// Incomplete certificate chains: a loopback HTTPS server that sends its certificate alone, an AIA server on
// loopback that serves the missing intermediate (DER), and a scanner that trusts only the test root.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig, mergeConfig, type ScanConfig } from '../../src/config.js';
import { createFetcher } from '../../src/crawl/fetch.js';
import { scanSite } from '../../src/scan/scan.js';
import { makePki, type TestPki } from './tls-chain-certs.js';

const SITE = 'www.chain.gov.cn';
const AIA = 'aia.test.gov.cn';
let pki: TestPki;
let aia: http.Server;
let aiaPort = 0;
let aiaBody: () => Buffer;
const aiaHits: string[] = [];
const servers: https.Server[] = [];

async function listen(server: http.Server | https.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** An HTTPS server for SITE; `cert` is what it sends (the leaf alone, or leaf + intermediate). */
async function siteServer(cert: string): Promise<number> {
  const server = https.createServer({ key: pki.leafKey, cert }, (req, res) => {
    if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><head><title>链测试</title></head><body><a href="/a.html">一</a> <a href="/gone.html">失效</a></body></html>');
    } else if (req.url === '/a.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><title>一</title><body>正文</body></html>');
    } else res.writeHead(404, { 'content-type': 'text/html' }).end('<html><title>404</title></html>');
  });
  servers.push(server);
  return listen(server);
}

function crawlCfg(over: Partial<ScanConfig['crawl']> = {}): ScanConfig['crawl'] {
  return { ...defaultConfig().crawl, hosts: { [SITE]: ['127.0.0.1'], [AIA]: ['127.0.0.1'] }, hostsOnly: true, retries: 0, caFiles: [pki.rootFile], ...over };
}

beforeAll(async () => {
  aiaBody = () => pki.intermediateDer;
  aia = http.createServer((req, res) => {
    aiaHits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/pkix-cert' }).end(aiaBody());
  });
  aiaPort = await listen(aia);
  pki = makePki([SITE], `http://${AIA}:${aiaPort}/int.der`);
}, 30_000);

afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
  aia.closeAllConnections();
  await new Promise((resolve) => aia.close(resolve));
  pki?.remove();
});

describe('incomplete certificate chains', () => {
  it('fetches the missing intermediate through AIA once, opens the site as a browser does, and records the chain', async () => {
    const port = await siteServer(pki.leafPem);
    const f = createFetcher(crawlCfg());
    aiaHits.length = 0;
    try {
      const urls = ['/', '/a.html', '/', '/a.html'].map((p) => `https://${SITE}:${port}${p}`);
      const results = await Promise.all(urls.map((u) => f.fetch(u)));
      expect(results.map((r) => r.outcome)).toEqual(['ok', 'ok', 'ok', 'ok']);
      expect(results[0].body?.toString()).toContain('链测试');
      expect(aiaHits).toEqual(['/int.der']); // cached per scan: one fetch for every request to the origin
      expect((await f.check(`https://${SITE}:${port}/gone.html`)).status).toBe(404);
      const [fact, ...more] = f.tlsChains();
      expect(more).toEqual([]);
      expect(fact).toMatchObject({ origin: `https://${SITE}:${port}`, repaired: true, aiaUrl: `http://${AIA}:${aiaPort}/int.der` });
      expect(fact.missingIssuer).toContain('GovPatrol Test Intermediate CA');
      expect(fact.subject).toContain(SITE);
    } finally {
      await f.close();
    }
  });

  it('a server that sends the whole chain is not reported', async () => {
    const port = await siteServer(pki.leafPem + pki.intermediatePem);
    const f = createFetcher(crawlCfg());
    try {
      expect((await f.fetch(`https://${SITE}:${port}/`)).outcome).toBe('ok');
      expect(f.tlsChains()).toEqual([]);
    } finally {
      await f.close();
    }
  });

  it('a fetched intermediate never makes an untrusted root trusted', async () => {
    const port = await siteServer(pki.leafPem);
    const f = createFetcher(crawlCfg({ caFiles: [] }));
    try {
      const r = await f.fetch(`https://${SITE}:${port}/`);
      expect(r.outcome).toBe('tls');
      // The chain was completed, and still ends at a root nobody trusts.
      expect(f.tlsChains()[0]).toMatchObject({ repaired: false });
    } finally {
      await f.close();
    }
  });

  it('a certificate at the AIA address that did not sign the leaf is refused', async () => {
    const port = await siteServer(pki.leafPem);
    const f = createFetcher(crawlCfg());
    aiaBody = () => Buffer.from(pki.rootPem); // a real certificate, but not the leaf's issuer
    try {
      const r = await f.fetch(`https://${SITE}:${port}/`);
      expect(r.outcome).toBe('tls');
      expect(r.error).toContain('证书链不完整');
      expect(f.tlsChains()[0]).toMatchObject({ repaired: false });
      expect(f.tlsChains()[0].error).toContain('并非该证书的签发机构');
    } finally {
      aiaBody = () => pki.intermediateDer;
      await f.close();
    }
  });

  it('a scan judges the site as a browser would and reports the chain as its own minor finding', async () => {
    const port = await siteServer(pki.leafPem);
    const config = mergeConfig(defaultConfig(), {
      crawl: { hosts: crawlCfg().hosts, hostsOnly: true, retries: 0, caFiles: [pki.rootFile], requestTimeoutMs: 5000 },
      checks: { browser: false, availabilityProbes: 1 },
    });
    const { report } = await scanSite({ url: `https://${SITE}:${port}/`, config });
    const checks = report.findings.map((f) => f.check);
    expect(checks).not.toContain('availability');
    expect(checks).not.toContain('no-https');
    expect(report.stats.pages).toBe(2);
    const dead = report.findings.filter((f) => f.check === 'dead-link');
    expect(dead.map((f) => [f.target, f.detail.status])).toEqual([[`https://${SITE}:${port}/gone.html`, 404]]);
    const chain = report.findings.filter((f) => f.check === 'tls-chain');
    expect(chain).toHaveLength(1);
    expect(chain[0]).toMatchObject({ severity: 'minor', indicator: 'function.availability', detail: { repaired: true } });
    expect(chain[0].message).toContain('GovPatrol Test Intermediate CA');
    expect(chain[0].detail.advice).toContain('中间证书');
  }, 60_000);
});
