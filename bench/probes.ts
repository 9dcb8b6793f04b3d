// `npm run bench:probes`: availability probes of 2,000 sites in one process while a full scan runs in it.
// The sites live in a child process on loopback (bench/probe-sites.ts): 5% answer 500, 5% hang, 10% are slow
// (0.2–0.9 s), 2% redirect once, the rest answer at once. The probe time limit is 2 s here (15 s in
// production; hanging sites hold a slot for the whole limit, so throughput scales with concurrency ÷ limit).
// Two phases, each with the synthetic site (testsite/) being scanned again and again in the same process:
//  1. saturated: every site due every second (far more than can be served) → the sustained probes/s;
//  2. paced: the 2,000 sites spread over 100 s (20 probes/s, 36× the production need) → scheduling lag.
// The production need is 2,000 × 24 / 86,400 = 0.56 probes/s. Everything talks to 127.0.0.1 only.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { defaultConfig, mergeConfig } from '../src/config.js';
import { scanSite } from '../src/scan/scan.js';
import { openStore, type Store } from '../src/store/index.js';
import { ProbeScheduler } from '../src/jobs/probe-scheduler.js';

const SITES = Number(process.env.BENCH_SITES ?? 2000);
const TIMEOUT_MS = Number(process.env.BENCH_PROBE_TIMEOUT_MS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_PROBE_CONCURRENCY ?? 32); // the platform default
const PHASE_S = Number(process.env.BENCH_SECONDS ?? 40);
const WARMUP_S = 5;
const NEEDED = (SITES * 24) / 86_400;
const ROOT = resolve(import.meta.dirname, '..');

interface Child { probePort: number; site: { url: string; hosts: Record<string, string[]> }; stop(): void }

async function startSites(): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'probe-sites.ts')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((res, rej) => {
    createInterface({ input: child.stdout! }).once('line', res);
    child.once('exit', (code) => rej(new Error(`probe-sites exited ${code}`)));
  });
  return { ...(JSON.parse(line) as Omit<Child, 'stop'>), stop: () => child.kill('SIGTERM') };
}

async function seed(store: Store, port: number): Promise<Record<string, string[]>> {
  const now = new Date().toISOString();
  const db = store.db;
  const unit = await db.insertInto('units').values({ name: '基准单位', type: 'other', parentId: null, code: null, contact: null, includeSubunits: 0, createdAt: now }).returning('id').executeTakeFirstOrThrow();
  const hosts: Record<string, string[]> = {};
  for (let from = 0; from < SITES; from += 500) {
    const batch = Array.from({ length: Math.min(500, SITES - from) }, (_, k) => from + k);
    const sites = await db.insertInto('sites').values(batch.map((i) => ({ url: `http://s${i}.probe.test:${port}/`, name: `网站${i}`, createdAt: now }))).returning('id').execute();
    await db.insertInto('websites').values(batch.map((i, k) => ({
      siteId: sites[k]!.id, name: `网站${i}`, url: `http://s${i}.probe.test:${port}/`, unitId: unit.id, kind: 'department' as const,
      siteCode: '', icp: '', subsites: '[]', scheduleCron: null, maxPages: 1000, latestScanId: null, createdAt: now, updatedAt: now,
    }))).execute();
    for (const i of batch) hosts[`s${i}.probe.test`] = ['127.0.0.1'];
  }
  return hosts;
}

/** Full scans of the synthetic site, one after the other, until stopped. */
function scanLoop(store: Store, site: Child['site']): { stop(): Promise<{ scans: number; pages: number }> } {
  let stopping = false;
  let scans = 0;
  let pages = 0;
  const abort = new AbortController();
  const config = mergeConfig(defaultConfig(), { crawl: { hosts: site.hosts, hostsOnly: true, checkExternalLinks: false, maxPages: 100_000 }, checks: { browser: false } });
  const loop = (async () => {
    while (!stopping) {
      let done = 0;
      // Pages of the scan cut off at the end count too; only whole scans count as scans.
      await scanSite({ url: site.url, config, store, signal: abort.signal, onProgress: (p) => (done = p.pagesDone) }).catch(() => undefined);
      pages += done;
      if (!stopping) scans++;
    }
  })();
  return {
    async stop() {
      stopping = true;
      abort.abort();
      await loop;
      return { scans, pages };
    },
  };
}

interface PhaseResult { probes: number; seconds: number; perSecond: number; lagP50: number; lagP99: number; failed: number; loopP99: number; peakRssMb: number }

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;
}

async function phase(store: Store, hosts: Record<string, string[]>, periodMs: number): Promise<PhaseResult> {
  const lags: number[] = [];
  let counted = 0;
  let failed = 0;
  let measuring = false;
  const probes = new ProbeScheduler(store, {
    periodMs, timeoutMs: TIMEOUT_MS, concurrency: CONCURRENCY, hosts, hostsOnly: true,
    onProbe: (r, lag) => {
      if (!measuring) return;
      counted++;
      if (!r.ok) failed++;
      lags.push(lag);
    },
  });
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  let peakRss = 0;
  const rss = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
  await probes.start();
  await new Promise((r) => setTimeout(r, WARMUP_S * 1000));
  measuring = true;
  loopDelay.enable();
  const started = performance.now();
  await new Promise((r) => setTimeout(r, PHASE_S * 1000));
  measuring = false;
  const seconds = (performance.now() - started) / 1000;
  loopDelay.disable();
  await probes.stop();
  clearInterval(rss);
  lags.sort((a, b) => a - b);
  return {
    probes: counted, seconds, perSecond: counted / seconds, failed,
    lagP50: Math.round(percentile(lags, 50)), lagP99: Math.round(percentile(lags, 99)), loopP99: loopDelay.percentile(99) / 1e6, peakRssMb: peakRss / 1048576,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'gp-bench-probes-'));
const child = await startSites();
const store = await openStore({ url: join(dir, 'probes.sqlite') });
try {
  const hosts = await seed(store, child.probePort);
  const rssBefore = process.memoryUsage().rss / 1048576;
  console.log(`${SITES} 个探测站点（回环，子进程）；探测超时 ${TIMEOUT_MS} ms，并发 ${CONCURRENCY}；每阶段 ${PHASE_S} s（预热 ${WARMUP_S} s 不计）；同时循环全量扫描模拟网站 ${child.site.url}`);
  const scans = scanLoop(store, child.site);
  const saturated = await phase(store, hosts, 1000);
  const paced = await phase(store, hosts, (SITES / 20) * 1000);
  const scanned = await scans.stop();
  const rows = Number((await store.db.selectFrom('probes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const line = (name: string, r: PhaseResult) =>
    `  ${name.padEnd(10)} ${r.probes.toString().padStart(6)} 次探测 ${r.seconds.toFixed(1)} s = ${r.perSecond.toFixed(1).padStart(6)} 次/秒；失败 ${(100 * r.failed / Math.max(1, r.probes)).toFixed(1)}%；调度延迟 p50 ${r.lagP50} ms、p99 ${r.lagP99} ms；事件循环延迟 p99 ${r.loopP99.toFixed(0)} ms；峰值 RSS ${r.peakRssMb.toFixed(0)} MB`;
  console.log('\n可用性探测基准（一个进程，同时全量扫描）：');
  console.log(line('饱和', saturated));
  console.log(line('按计划', paced));
  console.log(`  同期扫描：完成 ${scanned.scans} 次全量扫描，共 ${scanned.pages} 页；探测库共写入 ${rows} 行；开始前 RSS ${rssBefore.toFixed(0)} MB`);
  console.log(`  需求 ${SITES}×24/86400 = ${NEEDED.toFixed(2)} 次/秒；持续能力 ${saturated.perSecond.toFixed(1)} 次/秒；需求/能力 = ${(NEEDED / saturated.perSecond).toFixed(4)}（能力为需求的 ${(saturated.perSecond / NEEDED).toFixed(0)} 倍）`);
} finally {
  await store.close();
  child.stop();
  rmSync(dir, { recursive: true, force: true });
}
