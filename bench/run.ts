// `npm run bench`: govpatrol against peers on the same data in the same run.
//  1. Crawl benchmark: a 20,000-page synthetic site written to disk and served by nginx on loopback;
//     govpatrol scan (every check on, browser included), govpatrol --no-browser, linkinator 6
//     (--recurse --concurrency 100) and wget --spider -r. Prints wall time, pages/s and peak RSS for each,
//     Chromium's memory beside govpatrol's, and the ratios to linkinator.
//  2. Text-engine benchmark: our matcher vs GNU grep -F -o -f on the same dictionary and data.
//  3. Optional (--million): a 1,000,000-page site generated on request, scanned in < 512 MB RSS.
// Everything talks to 127.0.0.1 only.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, readFileSync, mkdirSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'node:net';
import { writeSiteToDir, startTestSite } from '../testsite/index.js';
import { cpuSecondsWithChildren, descendants, processMemory } from '../src/browser/memory.js';
import { BENCH_DEPS, ensureSystemDeps, missingMessage } from '../scripts/system-deps.js';

const ROOT = resolve(import.meta.dirname, '..');
const args = new Set(process.argv.slice(2));
const PAGES = Number(process.env.BENCH_PAGES ?? 20_000);
/** Wall time and RSS vary from run to run (linkinator's peak RSS by up to a third): each tool runs this many
 *  times, interleaved with the others, and the medians are compared. */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));

interface Measure { name: string; pages: number; seconds: number; peakRssMb: number; browserMb?: number; cpuSeconds?: number; note?: string }

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => res(port));
    });
    srv.on('error', rej);
  });
}

/** Runs a command under GNU time; returns wall seconds, peak RSS of the largest process (MB), CPU seconds
 *  (user + system, children included) and output. */
function timed(cmd: string, argv: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ seconds: number; peakRssMb: number; cpuSeconds: number; stdout: string; stderr: string; code: number }> {
  return new Promise((res) => {
    const timeFile = join(tmpdir(), `gp-time-${process.pid}-${Math.random().toString(36).slice(2)}`);
    const started = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-f', '%M %U %S', '-o', timeFile, cmd, ...argv], { cwd: opts.cwd ?? ROOT, env: { ...process.env, ...opts.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { if (stdout.length < 50e6) stdout += d; });
    // (wget -nv logs a line per URL on stderr: ~1.5 MB for the bench site, all of it counted for its pages)
    child.stderr.on('data', (d) => { if (stderr.length < 20e6) stderr += d; });
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const [kb, user, system] = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
      rmSync(timeFile, { force: true });
      res({ seconds, peakRssMb: kb / 1024, cpuSeconds: user + system, stdout, stderr, code: code ?? -1 });
    });
  });
}

/** Reads a file from /proc, or '' once the process is gone. */
function proc(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Runs the govpatrol CLI and samples its process tree every 200 ms: the scan process's own peak RSS (the
 *  kernel's VmHWM, exact), the peak summed PSS of the browser side (the browser host and its Chromium), and
 *  the CPU seconds of the scan process (up to its last sample: on a shared machine they vary far less than
 *  the wall time). */
async function timedScan(argv: string[]): Promise<{ seconds: number; peakRssMb: number; browserMb: number; cpuSeconds: number; stdout: string; stderr: string }> {
  const started = process.hrtime.bigint();
  const child = spawn(join(ROOT, 'bin', 'govpatrol.js'), argv, { cwd: ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => { if (stdout.length < 50e6) stdout += d; });
  child.stderr.on('data', (d) => { if (stderr.length < 1e6) stderr += d; });
  let hwmKb = 0;
  let browserBytes = 0;
  let cpuSeconds = 0;
  const sample = () => {
    cpuSeconds = Math.max(cpuSeconds, cpuSecondsWithChildren(child.pid!));
    hwmKb = Math.max(hwmKb, Number(/VmHWM:\s+(\d+)/.exec(proc(`/proc/${child.pid}/status`))?.[1] ?? 0));
    const host = descendants(child.pid!).find((pid) => proc(`/proc/${pid}/cmdline`).includes('browser/host'));
    if (host) browserBytes = Math.max(browserBytes, processMemory(host) + descendants(host).reduce((sum, pid) => sum + processMemory(pid), 0));
  };
  const timer = setInterval(sample, 200);
  await new Promise((res) => child.on('close', res));
  clearInterval(timer);
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, peakRssMb: hwmKb / 1024, browserMb: browserBytes / 1048576, cpuSeconds, stdout, stderr };
}

async function startNginx(dir: string, port: number): Promise<() => void> {
  const prefix = mkdtempSync(join(tmpdir(), 'gp-nginx-'));
  mkdirSync(join(prefix, 'logs'), { recursive: true });
  const conf = `worker_processes 1;
error_log ${prefix}/logs/error.log;
pid ${prefix}/nginx.pid;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  sendfile on; tcp_nopush on; keepalive_requests 100000; keepalive_timeout 65;
  charset_types text/html;
  server { listen 127.0.0.1:${port}; root ${dir}; index index.html; }
}`;
  writeFileSync(join(prefix, 'nginx.conf'), conf);
  const r = spawnSync('nginx', ['-c', join(prefix, 'nginx.conf'), '-p', prefix]);
  if (r.status !== 0) throw new Error(`nginx 启动失败：${r.stderr}`);
  return () => {
    spawnSync('nginx', ['-c', join(prefix, 'nginx.conf'), '-p', prefix, '-s', 'stop']);
    rmSync(prefix, { recursive: true, force: true });
  };
}

function fmt(m: Measure): string {
  const pps = m.pages / m.seconds;
  const browser = m.browserMb ? `  浏览器进程（Chromium 与驱动，PSS 合计）峰值 ${m.browserMb.toFixed(0)} MB` : '';
  const cpu = m.cpuSeconds ? `  CPU ${m.cpuSeconds.toFixed(1)} s` : '';
  return `${m.name.padEnd(22)} ${String(m.pages).padStart(7)} 页  ${m.seconds.toFixed(1).padStart(7)} s  ${pps.toFixed(0).padStart(6)} 页/秒  峰值内存 ${m.peakRssMb.toFixed(0).padStart(5)} MB${cpu}${m.note ? '  ' + m.note : ''}${browser}`;
}

async function crawlBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gp-bench-site-'));
  chmodSync(dir, 0o755); // nginx's worker runs as an unprivileged user
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  console.log(`生成 ${PAGES} 页的模拟网站到 ${dir} …`);
  const written = await writeSiteToDir(dir, { pages: PAGES, origin, defects: false });
  console.log(`已写入 ${written.files} 个文件，${(written.bytes / 1048576).toFixed(0)} MB；nginx 监听 ${origin}`);
  const stopNginx = await startNginx(dir, port);
  const rounds: Measure[][] = [];
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      console.log(`第 ${round}/${ROUNDS} 轮 …`);
      rounds.push(await crawlRound(origin, written.files));
    }
  } finally {
    stopNginx();
    rmSync(dir, { recursive: true, force: true });
  }
  printCrawlResults(rounds);
}

/** One round: every tool once on the same site, in a fixed order, so rounds interleave the tools. */
async function crawlRound(origin: string, files: number): Promise<Measure[]> {
  const results: Measure[] = [];
  // Run as users do: the bin with its V8 flags, on the compiled build (see buildFirst).
  const scanArgs = ['scan', `${origin}/`, '--format', 'json', '--max-pages', String(PAGES * 2), '--concurrency', '32', '--no-store', '--hosts-only', '--no-external-links'];
  const pagesOf = (r: { stdout: string; stderr: string }) => {
    try {
      return (JSON.parse(r.stdout) as { stats: { pages: number } }).stats.pages;
    } catch {
      console.error(r.stderr.slice(-2000));
      return 0;
    }
  };
  const ours = await timedScan(scanArgs);
  results.push({ name: 'govpatrol', pages: pagesOf(ours), seconds: ours.seconds, peakRssMb: ours.peakRssMb, browserMb: ours.browserMb, cpuSeconds: ours.cpuSeconds, note: '全部检查（含浏览器渲染）' });
  const noBrowser = await timedScan([...scanArgs, '--no-browser']);
  results.push({ name: 'govpatrol --no-browser', pages: pagesOf(noBrowser), seconds: noBrowser.seconds, peakRssMb: noBrowser.peakRssMb, cpuSeconds: noBrowser.cpuSeconds, note: '除浏览器渲染外全部检查' });
  // Incremental rescan: a first scan that keeps its pages in a store, then a second scan of the unchanged
  // site against it (conditional requests; nginx answers 304 from its ETag and Last-Modified).
  const dbDir = mkdtempSync(join(tmpdir(), 'gp-bench-db-'));
  const stored = [...scanArgs.filter((a) => a !== '--no-store'), '--db', join(dbDir, 'bench.sqlite')];
  const firstStored = await timedScan(stored);
  results.push({ name: 'govpatrol 首扫（存库）', pages: pagesOf(firstStored), seconds: firstStored.seconds, peakRssMb: firstStored.peakRssMb, browserMb: firstStored.browserMb, cpuSeconds: firstStored.cpuSeconds, note: '全部检查，保存页面供增量复扫' });
  const rescan = await timedScan(stored);
  results.push({ name: 'govpatrol 复扫', pages: pagesOf(rescan), seconds: rescan.seconds, peakRssMb: rescan.peakRssMb, browserMb: rescan.browserMb, cpuSeconds: rescan.cpuSeconds, note: '同一网站未变化，增量复扫' });
  rmSync(dbDir, { recursive: true, force: true });

  const lk = await timed(join(ROOT, 'node_modules', '.bin', 'linkinator'), [`${origin}/`, '--recurse', '--concurrency', '100', '--format', 'json', '--skip', '^(?!http://127\\.0\\.0\\.1)']);
  let lkPages = 0;
  try {
    const out = JSON.parse(lk.stdout) as { links: Array<{ url: string; status: number }> };
    lkPages = new Set(out.links.filter((l) => l.url.endsWith('.html') || l.url.endsWith('/')).map((l) => l.url)).size;
  } catch { console.error(lk.stderr.slice(-2000)); }
  results.push({ name: 'linkinator', pages: lkPages, seconds: lk.seconds, peakRssMb: lk.peakRssMb, cpuSeconds: lk.cpuSeconds, note: '只查链接' });

  const wgetDir = mkdtempSync(join(tmpdir(), 'gp-wget-'));
  const wg = await timed('wget', ['--spider', '-r', '-l', 'inf', '-nd', '-nv', '-e', 'robots=off', '-P', wgetDir, `${origin}/`]);
  const wgPages = (wg.stderr.match(/\.html|\/ 200 OK|URL: .*\/ 200/g) ?? []).length;
  results.push({ name: 'wget', pages: Math.min(wgPages, files), seconds: wg.seconds, peakRssMb: wg.peakRssMb, cpuSeconds: wg.cpuSeconds, note: '--spider -r' });
  rmSync(wgetDir, { recursive: true, force: true });
  for (const m of results) console.log('    ' + fmt(m));
  return results;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Each tool's median over the rounds (wall, RSS, CPU each on its own), with the range beside it. */
function medianMeasure(runs: Measure[]): Measure & { range: string } {
  const of = (pick: (m: Measure) => number | undefined) => median(runs.map((m) => pick(m) ?? 0));
  const span = (pick: (m: Measure) => number, digits: number) => {
    const v = runs.map(pick);
    return `${Math.min(...v).toFixed(digits)}–${Math.max(...v).toFixed(digits)}`;
  };
  return {
    ...runs[0],
    seconds: of((m) => m.seconds),
    peakRssMb: of((m) => m.peakRssMb),
    browserMb: runs[0].browserMb === undefined ? undefined : of((m) => m.browserMb),
    cpuSeconds: of((m) => m.cpuSeconds),
    range: `各轮用时 ${span((m) => m.seconds, 1)} s，内存 ${span((m) => m.peakRssMb, 0)} MB`,
  };
}

function printCrawlResults(rounds: Measure[][]): void {
  const names = rounds[0].map((m) => m.name);
  const results = names.map((name) => medianMeasure(rounds.map((r) => r.find((m) => m.name === name)!)));
  console.log(`\n抓取基准（同一数据、同一次运行，${rounds.length} 轮交替运行取中位数）：`);
  for (const m of results) console.log('  ' + fmt(m) + `  （${m.range}）`);
  const byName = (name: string) => results.find((m) => m.name === name)!;
  const [ours, nb, lk, wg] = ['govpatrol', 'govpatrol --no-browser', 'linkinator', 'wget'].map(byName);
  const x = (v: number) => `${v.toFixed(2)}×`;
  const perRound = (a: string, b: string, pick: (m: Measure) => number) => {
    const ratios = rounds.map((r) => pick(r.find((m) => m.name === a)!) / pick(r.find((m) => m.name === b)!));
    return `各轮 ${ratios.map((v) => v.toFixed(2)).join(' / ')}`;
  };
  console.log(`\n  用时 govpatrol / linkinator = ${x(ours.seconds / lk.seconds)}（目标 ≤ 1.0×，力争 ≤ 0.67×；${perRound('govpatrol', 'linkinator', (m) => m.seconds)}；不含浏览器 ${x(nb.seconds / lk.seconds)}）`);
  console.log(`  用时 govpatrol / wget       = ${x(ours.seconds / wg.seconds)}（不含浏览器 ${x(nb.seconds / wg.seconds)}）`);
  console.log(`  内存 govpatrol / linkinator = ${x(ours.peakRssMb / lk.peakRssMb)}（目标 ≤ 1.0×；${perRound('govpatrol', 'linkinator', (m) => m.peakRssMb)}；不含浏览器 ${x(nb.peakRssMb / lk.peakRssMb)}）`);
  const [first, again] = ['govpatrol 首扫（存库）', 'govpatrol 复扫'].map(byName);
  console.log(`  增量复扫 / 首扫 = ${x(again.seconds / first.seconds)}（目标 ≤ 0.3×；${perRound('govpatrol 复扫', 'govpatrol 首扫（存库）', (m) => m.seconds)}；页面数 ${again.pages} / ${first.pages}；CPU 时间之比 ${x((again.cpuSeconds ?? 0) / (first.cpuSeconds ?? 1))}）`);
  console.log(`  Chromium 与驱动（独立进程）峰值 ${(ours.browserMb ?? 0).toFixed(0)} MB（PSS 合计，不计入上面的扫描进程内存）`);
  console.log('  govpatrol 的峰值内存为扫描进程自身（VmHWM，含解析线程）；linkinator 与 wget 为 GNU time 报告的峰值常驻内存。');
  console.log('  CPU 为用户态 + 内核态时间，含子进程（govpatrol 含浏览器进程）。');
}

/** The bin runs the compiled build when there is one, as after `npm install`; measure that, freshly built. */
function buildFirst(): void {
  console.log('编译（npm run build）…');
  const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(1);
}

async function textBench(): Promise<void> {
  const mod = await import('./text-bench.js');
  const r = await mod.runTextBench();
  console.log(`\n文本引擎基准：govpatrol ${r.oursMBps.toFixed(1)} MB/s，grep -F ${r.grepMBps.toFixed(1)} MB/s，比值 ${r.ratio.toFixed(2)}×（目标 ≥ 0.5×）`);
}

async function millionBench(): Promise<void> {
  const site = await startTestSite({ pages: 1_000_000, defects: false });
  try {
    const hosts = Object.entries(site.hosts).flatMap(([h, ips]) => ['--resolve', `${h}=${ips.join(',')}`]);
    // The default per-site URL cap (200,000) is a crawl-trap bound; this run lifts it to take the whole site.
    const cfgFile = join(mkdtempSync(join(tmpdir(), 'gp-million-')), 'config.json');
    writeFileSync(cfgFile, JSON.stringify({ crawl: { maxUrlsPerSite: 3_000_000, maxPages: 1_100_000 } }));
    const r = await timed(join(ROOT, 'bin', 'govpatrol.js'), ['scan', site.url, '--format', 'json', '--config', cfgFile, '--concurrency', '32', '--no-store', '--hosts-only', '--no-external-links', '--no-browser', ...hosts]);
    let pages = 0;
    try { pages = JSON.parse(r.stdout).stats.pages; } catch { console.error(r.stderr.slice(-2000)); }
    console.log(`\n百万页：${fmt({ name: 'govpatrol', pages, seconds: r.seconds, peakRssMb: r.peakRssMb })}（目标 < 512 MB）`);
  } finally {
    await site.close();
  }
}

const { missing } = ensureSystemDeps(BENCH_DEPS);
if (missing.length) {
  console.error(missingMessage(missing, 'BENCH_SKIP'));
  process.exit(1);
}
buildFirst();
if (!args.has('--text-only') && !args.has('--million-only')) await crawlBench();
if (!args.has('--crawl-only') && !args.has('--million-only')) await textBench();
if (args.has('--million') || args.has('--million-only')) await millionBench();
