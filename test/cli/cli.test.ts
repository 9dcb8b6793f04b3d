// The command line as a user runs it: a real process, real exit codes, real files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startTestSite, type TestSite } from '../../testsite/index.js';
import Database from 'better-sqlite3';
import { openStore } from '../../src/store/index.js';

const BIN = resolve(import.meta.dirname, '../../bin/govpatrol.js');

interface Run { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

function run(args: string[], opts: { onSpawn?: (kill: (sig: NodeJS.Signals) => void, output: () => string) => void; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, GOVPATROL_FROM_SOURCE: '1', NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    opts.onSpawn?.((sig) => child.kill(sig), () => stdout + stderr);
    child.on('error', rej);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      res({ code, signal, stdout, stderr });
    });
  });
}

function resolveFlags(site: TestSite): string[] {
  return [...Object.entries(site.hosts).flatMap(([h, ips]) => ['--resolve', `${h}=${ips.join(',')}`]), '--hosts-only'];
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gp-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('usage errors exit 2 with a Chinese message', () => {
  it('rejects a missing URL', async () => {
    const r = await run(['scan']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/错误|缺少|missing/);
  });
  it('rejects an invalid URL', async () => {
    const r = await run(['scan', 'http://', '--no-store']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('网址无效');
  });
  it('rejects a non-http scheme', async () => {
    const r = await run(['scan', 'ftp://www.example.gov.cn/', '--no-store']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('只支持 http 和 https');
  });
  it('rejects a bad number', async () => {
    const r = await run(['scan', 'http://www.example.gov.cn/', '--max-pages', 'abc']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--max-pages 必须是正整数');
  });
  it('rejects a config file with an unknown key or bad JSON', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ crawl: { maxPagez: 3 } }));
    const r1 = await run(['scan', 'http://www.example.gov.cn/', '--config', bad, '--no-store']);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toContain('配置无效');
    writeFileSync(bad, '{ not json');
    const r2 = await run(['scan', 'http://www.example.gov.cn/', '--config', bad, '--no-store']);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('不是合法的 JSON');
  });
});

describe('an unreachable site is a finding, not a crash', () => {
  it('exits 0 and reports availability for a name that does not resolve', async () => {
    const r = await run(['scan', 'http://nosuch.example.gov.cn/', '--hosts-only', '--no-store', '--no-browser', '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.verdict).toBe('unqualified');
    const availability = report.findings.find((f: { check: string }) => f.check === 'availability');
    expect(availability.detail.outcome).toBe('dns');
  });
});

describe('scanning the synthetic site', () => {
  let site: TestSite;
  beforeAll(async () => {
    site = await startTestSite({ pages: 150 });
  });
  afterAll(async () => site?.close());

  it('writes exactly the govpatrol.scan/1 JSON schema', async () => {
    const out = join(dir, 'r.json');
    const r = await run(['scan', site.url, ...resolveFlags(site), '--no-store', '--no-browser', '--format', 'json', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('报告已写入');
    expect(r.stderr).toMatch(/有 \d+ 项检查未运行\/出错，结论不完整/); // the summary echoed for --out
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(Object.keys(report).sort()).toEqual(['coverage', 'findings', 'finishedAt', 'indicators', 'schema', 'score', 'site', 'startedAt', 'stats', 'verdict']);
    expect(Object.keys(report.coverage).sort()).toEqual(['checkErrors', 'checks', 'complete', 'crawlNotes']);
    expect(report.coverage.checks['hidden-link'].status).toBe('partial'); // --no-browser: the render part did not run
    expect(report.schema).toBe('govpatrol.scan/1');
    expect(Object.keys(report.stats).sort()).toEqual(['bytes', 'errors', 'links', 'pages']);
    expect(['qualified', 'unqualified']).toContain(report.verdict);
    // The demo site is built with deliberate defects: some indicator fires and the score drops below full marks.
    expect(report.indicators.some((i: { triggered: boolean }) => i.triggered)).toBe(true);
    expect(report.score).toBeGreaterThan(0);
    expect(report.score).toBeLessThan(100);
    for (const i of report.indicators) {
      expect(Object.keys(i).sort()).toEqual(['code', 'findings', 'kind', 'name', 'points', 'triggered']);
      expect(['veto', 'deduction', 'bonus']).toContain(i.kind);
    }
    for (const f of report.findings) {
      for (const k of ['check', 'indicator', 'severity', 'url', 'evidence', 'message', 'detail']) expect(f).toHaveProperty(k);
      expect(['veto', 'major', 'minor', 'info']).toContain(f.severity);
    }
    expect(new Set(report.findings.map((f: { check: string }) => f.check))).toEqual(new Set(site.manifest.map((d) => d.check)));
  }, 90_000);

  it('writes a self-contained HTML report with the hostile content escaped', async () => {
    const out = join(dir, 'r.html');
    const r = await run(['scan', site.url, ...resolveFlags(site), '--no-store', '--no-browser', '--format', 'html', '--out', out]);
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('政务巡检报告');
    expect(html).toContain('不合格');
    expect(html).toContain('整改建议');
    expect(html).toMatch(/依据：国办秘函〔2019〕19号/);
    // The hidden-link evidence is markup from the page: shown as text, never as markup.
    expect(html).toContain('&lt;div style=&quot;display:none&quot;&gt;');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<iframe/i);
    expect(html).not.toMatch(/href="(?!https?:)/);
  }, 90_000);

  it('prints a text summary, worst indicator first', async () => {
    const r = await run(['scan', site.url, ...resolveFlags(site), '--no-store', '--no-browser']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('结论：不合格');
    const lines = r.stdout.split('\n');
    const first = lines.findIndex((l) => l.includes('触发的指标'));
    expect(lines[first + 2]).toContain('单项否决');
    expect(r.stdout).toContain('问题汇总');
  }, 90_000);
});

/** Pages a running scan has written so far (0 while the database or its tables do not exist yet). */
function storedPages(file: string): number {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM pages').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

describe('Ctrl-C', () => {
  it('stops the scan and leaves a consistent database', async () => {
    const site = await startTestSite({ pages: 20_000, defects: false });
    const db = join(dir, 'ctrlc.sqlite');
    try {
      let sent = false;
      const r = await run(['scan', site.url, ...resolveFlags(site), '--no-browser', '--db', db, '--concurrency', '2'], {
        // Interrupt once the scan has stored pages (an event, not a fixed delay: a busy machine is slow to start).
        onSpawn: (kill) => {
          const poll = setInterval(() => {
            if (!sent && storedPages(db) > 0) {
              sent = true;
              kill('SIGINT');
              clearInterval(poll);
            }
          }, 100);
        },
        timeoutMs: 90_000,
      });
      expect(sent).toBe(true);
      expect(r.stderr).toContain('正在停止扫描');
      expect(r.code).toBe(130);
      const store = await openStore({ url: db });
      try {
        const scans = await store.listScans();
        expect(scans).toHaveLength(1);
        expect(scans[0].status).toBe('aborted');
        const pages = await store.pagesOf(scans[0].id);
        expect(pages.length).toBeGreaterThan(0);
        expect(pages.length).toBeLessThan(20_000);
        const report = await store.getScanReport(scans[0].id);
        expect(report?.stats.pages).toBeGreaterThan(0);
      } finally {
        await store.close();
      }
    } finally {
      await site.close();
    }
  }, 120_000);
});
