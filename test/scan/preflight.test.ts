// Fail early, fail loud: what the scan reads from disk (catalogue, overlays, dictionaries, check ids) is
// judged before the first request. A loopback server counts requests: it must see none.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { scanSite } from '../../src/scan/scan.js';
import { prepareScan } from '../../src/scan/preflight.js';
import { ConfigError, defaultConfig, mergeConfig, type ScanConfigInput } from '../../src/config.js';
import { openStore } from '../../src/store/index.js';

const BIN = resolve(import.meta.dirname, '../../bin/govpatrol.js');

let server: Server;
let url = '';
let requests = 0;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gp-preflight-'));
  server = createServer((_req, res) => {
    requests++;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><head><title>测试</title></head><body>首页</body></html>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  requests = 0;
});

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, GOVPATROL_FROM_SOURCE: '1', NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', rej);
    child.on('close', (code) => {
      clearTimeout(timer);
      res({ code, stdout, stderr });
    });
  });
}

function configFile(name: string, config: ScanConfigInput): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(config));
  return file;
}

function badOverlay(): string {
  const file = join(dir, 'overlay-bad.json');
  // An overlay that patches an indicator the catalogue does not have.
  writeFileSync(file, JSON.stringify({ schema: 'govpatrol.overlay/1', id: 'bad', name: '错误的叠加', indicators: { 'NO-SUCH': { name: 'x' } } }));
  return file;
}

describe('the command line refuses a broken setup before any request (exit 2)', () => {
  const scan = (config: string) => run(['scan', url, '--config', config, '--no-store', '--no-browser', '--format', 'json']);

  it('a checks.dictionaryDir that does not exist', async () => {
    const r = await scan(configFile('dict.json', { checks: { dictionaryDir: join(dir, 'no-such-dict') } }));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('词库无法加载');
    expect(r.stderr).toContain('no-such-dict');
    expect(r.stdout).toBe('');
    expect(requests).toBe(0);
  });

  it('a dictionary with a malformed line', async () => {
    const dict = join(dir, 'dict-bad');
    mkdirSync(dict, { recursive: true });
    writeFileSync(join(dict, 'typo.tsv'), '# version: 2026-01-01.1\n按装\n');
    writeFileSync(join(dict, 'wrong-expression.tsv'), '# version: 2026-01-01.1\n');
    const r = await scan(configFile('dict-bad.json', { checks: { dictionaryDir: dict } }));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('typo.tsv:2');
    expect(requests).toBe(0);
  });

  it('an overlay that patches an indicator the catalogue lacks', async () => {
    const r = await scan(configFile('overlay.json', { rules: { overlays: [badOverlay()] } }));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('指标体系无效');
    expect(r.stderr).toContain('NO-SUCH');
    expect(requests).toBe(0);
  });

  it('an unknown catalogue name', async () => {
    const r = await scan(configFile('catalogue.json', { rules: { catalogue: 'national-2099' } }));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('national-2099');
    expect(requests).toBe(0);
  });

  it('an unknown check id in checks.disabled', async () => {
    const r = await scan(configFile('disabled.json', { checks: { disabled: ['typo', 'tpyo'] } }));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('未知的检查项「tpyo」');
    expect(requests).toBe(0);
  });

  it('while a good setup scans the same server (exit 0, requests made)', async () => {
    const r = await scan(configFile('good.json', { checks: { disabled: ['no-ipv6'] } }));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).schema).toBe('govpatrol.scan/1');
    expect(requests).toBeGreaterThan(0);
  }, 60_000);
}, 90_000);

describe('scanSite itself checks its setup first', () => {
  const config = (patch: ScanConfigInput) =>
    mergeConfig(defaultConfig(), { ...patch, crawl: { retries: 0, requestTimeoutMs: 3000 }, checks: { browser: false, availabilityProbes: 1, ...patch.checks } });

  it('rejects a wrong dictionaryDir with a ConfigError, before a request or a stored scan', async () => {
    const store = await openStore({ url: join(dir, 'preflight.sqlite') });
    try {
      const bad = config({ checks: { dictionaryDir: join(dir, 'nowhere') } });
      await expect(scanSite({ url, config: bad, store })).rejects.toBeInstanceOf(ConfigError);
      expect(requests).toBe(0);
      expect(await store.listScans()).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('rejects a bad overlay with a ConfigError before any request', async () => {
    await expect(scanSite({ url, config: config({ rules: { overlays: [badOverlay()] } }) })).rejects.toThrow(/指标体系无效/);
    expect(requests).toBe(0);
  });

  it('does not load the dictionaries when every check that reads them is off', () => {
    const off = config({ checks: { dictionaryDir: join(dir, 'nowhere'), disabled: ['typo', 'wrong-expression', 'sensitive-word', 'privacy-leak'] } });
    expect(prepareScan(off).dictionaries).toBeUndefined();
    expect(prepareScan(config({})).dictionaries?.entries.length).toBeGreaterThan(0);
  });
});
