// `npm run bench:api`: the platform API under load, on loopback. A province-size inventory (2,000 sites
// in 100 units, 20 scans each in their history, findings on the latest scans) is written straight into a
// fresh store; then autocannon runs every main list route and /healthz of the same server, one after the
// other in the same run, 50 connections each. Target per list route: ≥ 0.25 × healthz requests/s and
// p99 < 100 ms. DATABASE_URL=postgres://… benches PostgreSQL (a fresh schema, dropped afterwards).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { startPlatform, type Platform } from '../src/server/platform.js';
import { hashPassword } from '../src/server/password.js';
import type { Store } from '../src/store/index.js';

// autocannon ships no types; only these fields are read.
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: { url: string; connections: number; duration: number; headers: Record<string, string> }) => Promise<{
  requests: { average: number };
  latency: { p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}>;

const SITES = Number(process.env.BENCH_SITES ?? 2000);
const SCANS = Number(process.env.BENCH_SCANS ?? 20);
const UNITS = 100;
const CONNECTIONS = 50;
const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const ROOT = resolve(import.meta.dirname, '..');

async function chunked<T>(rows: T[], size: number, insert: (part: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export async function seed(store: Store): Promise<{ unitId: number; websiteId: number }> {
  const db = store.db;
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const units = Array.from({ length: UNITS }, (_, i) => ({ name: `单位${i + 1}`, type: i < 14 ? 'county' : 'city-dept', parentId: null, code: null, contact: null, includeSubunits: 0, createdAt: iso(now) }) as const);
  await chunked(units, 200, (p) => db.insertInto('units').values(p).execute());
  const sites = Array.from({ length: SITES }, (_, i) => ({ url: `http://site${i}.gov.test/`, name: `网站${i}`, createdAt: iso(now) }));
  await chunked(sites, 500, (p) => db.insertInto('sites').values(p).execute());
  const scans = [];
  for (let s = 1; s <= SITES; s++) {
    for (let k = 0; k < SCANS; k++) {
      const started = now - (SCANS - k) * 86_400_000 - s * 1000;
      const score = 50 + ((s * 7 + k * 13) % 50);
      scans.push({
        siteId: s, status: 'done' as const, startedAt: iso(started), finishedAt: iso(started + 600_000), config: '{}', ownerHost: 'bench', ownerPid: 1,
        ownerInstance: 'bench', heartbeatAt: iso(started), verdict: score >= 60 ? 'qualified' : 'unqualified', score, stats: '{"pages":500,"links":4000,"bytes":1,"errors":3}',
        report: '{}', pageCount: 500, findingCount: (s + k) % 9,
      });
    }
  }
  await chunked(scans, 1000, (p) => db.insertInto('scans').values(p).execute());
  const websites = Array.from({ length: SITES }, (_, i) => ({
    siteId: i + 1, name: `网站${i}`, url: `http://site${i}.gov.test/`, unitId: (i % UNITS) + 1, kind: i % 20 === 0 ? ('portal' as const) : ('department' as const),
    siteCode: '', icp: '', subsites: '[]', scheduleCron: null, maxPages: 100_000, latestScanId: (i + 1) * SCANS, createdAt: iso(now), updatedAt: iso(now),
  }));
  await chunked(websites, 500, (p) => db.insertInto('websites').values(p).execute());
  const findings = [];
  for (let s = 1; s <= SITES; s++) {
    const scanId = s * SCANS;
    for (let f = 0; f < 5; f++) {
      findings.push({ scanId, checkId: ['dead-link', 'typo', 'stale-column', 'missing-identifier', 'privacy-leak'][(s + f) % 5]!, indicator: 'D3', severity: 'minor', url: `http://site${s}.gov.test/a${f}.html`, target: null, evidence: '…', message: '…', detail: '{}', fingerprint: `${s}-${f}` });
    }
  }
  await chunked(findings, 1000, (p) => db.insertInto('findings').values(p).execute());
  const accounts = Array.from({ length: SITES * 3 }, (_, i) => ({ platform: 'wechat' as const, name: `账号${i}`, platformId: `id${i}`, unitId: (i % UNITS) + 1, status: 'active' as const, createdAt: iso(now) }));
  await chunked(accounts, 1000, (p) => db.insertInto('accounts').values(p).execute());
  const jobs = Array.from({ length: SITES }, (_, i) => ({ kind: 'scan', websiteId: i + 1, trigger: 'schedule', status: 'done' as const, progress: '{"pages":500,"queued":0,"errors":3}', createdAt: iso(now), startedAt: iso(now), finishedAt: iso(now) }));
  await chunked(jobs, 1000, (p) => db.insertInto('jobs').values(p).execute());
  const hash = await hashPassword('Bench-pass-2024');
  await db.insertInto('users').values([
    { username: 'admin', displayName: 'admin', role: 'supervisor', unitId: null, passwordHash: hash, disabled: 0, createdAt: iso(now), passwordChangedAt: iso(now) },
    { username: 'unit1', displayName: 'unit1', role: 'unit', unitId: 1, passwordHash: hash, disabled: 0, createdAt: iso(now), passwordChangedAt: iso(now) },
  ]).execute();
  return { unitId: 1, websiteId: 1 };
}

export async function cookieFor(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Bench-pass-2024' }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

interface Result { route: string; rps: number; p99: number; errors: number; non2xx: number }

async function hit(base: string, path: string, cookie?: string): Promise<Result> {
  const r = await autocannon({ url: base + path, connections: CONNECTIONS, duration: DURATION, headers: cookie ? { cookie } : {} });
  return { route: path, rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

async function main(): Promise<void> {
  const pgUrl = process.env.DATABASE_URL;
  const dir = mkdtempSync(join(tmpdir(), 'gp-bench-api-'));
  const schema = `gp_bench_${randomBytes(4).toString('hex')}`;
  let pgAdmin: { query(q: string): Promise<unknown>; end(): Promise<void> } | undefined;
  if (pgUrl) {
    const pg = (await import('pg')).default;
    pgAdmin = new pg.Client({ connectionString: pgUrl });
    await (pgAdmin as any).connect();
    await pgAdmin.query(`create schema ${schema}`);
  }
  let platform: Platform | undefined;
  try {
    platform = await startPlatform({ url: pgUrl ?? join(dir, 'bench.sqlite'), schema: pgUrl ? schema : undefined, port: 0, logger: false, schedules: false, runJobs: false });
    const t0 = Date.now();
    const ids = await seed(platform.store);
    console.log(`数据：${SITES} 个网站、${SITES * SCANS} 次扫描、${SITES * 3} 个账号（${pgUrl ? 'PostgreSQL' : 'SQLite'}，写入 ${((Date.now() - t0) / 1000).toFixed(1)} 秒）`);
    const base = platform.url;
    const admin = await cookieFor(base, 'admin');
    const unit = await cookieFor(base, 'unit1');
    const plan: Array<[string, string | undefined, boolean]> = [
      ['/healthz', undefined, false],
      ['/api/v1/websites', admin, true],
      ['/api/v1/websites?verdict=unqualified&page=3', admin, true],
      ['/api/v1/websites?check=privacy-leak', admin, true],
      [`/api/v1/websites?unitId=${ids.unitId}`, admin, true],
      ['/api/v1/websites (责任单位)', unit, true],
      [`/api/v1/websites/${ids.websiteId}/scans`, admin, true],
      ['/api/v1/accounts', admin, true],
      ['/api/v1/units', admin, true],
      ['/api/v1/jobs', admin, true],
      ['/api/v1/audit', admin, true],
      ['/api/v1/overview', admin, false],
      ['/healthz', undefined, false],
    ];
    const results: Array<Result & { list: boolean }> = [];
    for (const [label, cookie, list] of plan) {
      const path = label.replace(/ \(.*\)$/, '');
      const r = await hit(base, path, cookie);
      results.push({ ...r, route: label, list });
    }
    const healthz = Math.max(...results.filter((r) => r.route === '/healthz').map((r) => r.rps));
    console.log(`\n连接数 ${CONNECTIONS}，每项 ${DURATION} 秒；目标：列表 ≥ 0.25 × /healthz 请求/秒，p99 < 100 ms\n`);
    console.log(`${'路由'.padEnd(46)}${'请求/秒'.padStart(10)}${'p99 ms'.padStart(9)}${'对 healthz'.padStart(12)}  结果`);
    let failed = 0;
    for (const r of results) {
      const ratio = r.rps / healthz;
      const ok = !r.list || (ratio >= 0.25 && r.p99 < 100 && r.non2xx === 0 && r.errors === 0);
      if (!ok) failed++;
      console.log(`${r.route.padEnd(46)}${r.rps.toFixed(0).padStart(10)}${String(r.p99).padStart(9)}${ratio.toFixed(2).padStart(12)}  ${r.list ? (ok ? '达标' : '未达标') : ''}${r.non2xx ? ` 非2xx ${r.non2xx}` : ''}`);
    }
    mkdirSync(join(ROOT, 'bench', 'out'), { recursive: true });
    writeFileSync(join(ROOT, 'bench', 'out', 'api.json'), JSON.stringify({ at: new Date().toISOString(), backend: pgUrl ? 'postgres' : 'sqlite', sites: SITES, scansPerSite: SCANS, connections: CONNECTIONS, seconds: DURATION, results }, null, 2));
    console.log(failed ? `\n${failed} 个列表路由未达标` : '\n全部列表路由达标');
    process.exitCode = failed ? 1 : 0;
  } finally {
    await platform?.close();
    if (pgAdmin) {
      await pgAdmin.query(`drop schema if exists ${schema} cascade`);
      await pgAdmin.end();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('api.ts')) await main();
