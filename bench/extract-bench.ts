// `npx tsx bench/extract-bench.ts`: our page-fact extractor against a bare htmlparser2 parse of the same
// bytes. Both are fed the same 16 KB chunks and both decode bytes to text (the bare run with a plain
// TextDecoder), so the ratio is the cost of extraction over the parse every crawler pays anyway.
// A third line shows the parser with no-op tag and text callbacks, which makes it build the attribute
// objects and text strings any tag-reading crawler (linkinator too) receives.
// Options: --rounds N (default 7), --ms N (time per round per input set, default 1500), --real-only,
// --only bare|ours (profile one side), --snapshot DIR (write JSON facts per input, for checking an optimisation changed nothing).
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'htmlparser2';
import { createExtractor, type ExtractInput } from '../src/crawl/extract/index.js';
import { REAL_PAGES_DIR, REAL_PAGE_URLS } from '../test/real-pages.js';

const REAL_DIR = REAL_PAGES_DIR;
const CHUNK = 16 * 1024;
const NOW = new Date('2025-12-01T00:00:00Z');

const argv = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const ROUNDS = Number(arg('--rounds') ?? 7);
const ROUND_MS = Number(arg('--ms') ?? 1500);
const SNAPSHOT = arg('--snapshot');
/** 'bare' or 'ours': run one side only (for profiling). */
const ONLY = arg('--only');

interface Page {
  name: string;
  url: string;
  isHome: boolean;
  contentType: string;
  body: Buffer;
}

const REAL_URLS = REAL_PAGE_URLS;

function realPages(): Page[] {
  return readdirSync(REAL_DIR)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => ({
      name: f,
      url: REAL_URLS[f] ?? `http://example.gov.cn/${f}`,
      isHome: f.includes('home'),
      contentType: 'text/html',
      body: readFileSync(join(REAL_DIR, f)),
    }));
}

async function syntheticPages(limit: number): Promise<Page[]> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import('../testsite/index.js')) as Record<string, unknown>;
  } catch {
    return [];
  }
  if (typeof mod.createSite !== 'function') return [];
  const origin = 'http://www.linjiang.gov.cn';
  const site = (mod.createSite as (o: object) => {
    allPaths(): Iterable<string>;
    render(path: string, req: { headers: Record<string, string | undefined> }): { status: number; headers: Record<string, string>; body: Buffer };
  })({ origin, pages: 400, seed: 7, today: NOW });
  const out: Page[] = [];
  for (const path of site.allPaths()) {
    if (out.length >= limit) break;
    const r = site.render(path, { headers: {} });
    const ct = r.headers['content-type'] ?? '';
    if (r.status !== 200 || !ct.startsWith('text/html')) continue;
    out.push({ name: path, url: origin + path, isHome: path === '/', contentType: ct, body: r.body });
  }
  return out;
}

function inputFor(p: Page): ExtractInput {
  return {
    url: p.url,
    finalUrl: p.url,
    depth: p.isHome ? 0 : 1,
    isHome: p.isHome,
    contentTypeHeader: p.contentType,
    fetch: { url: p.url, finalUrl: p.url, redirects: [], outcome: 'ok', status: 200, ms: 5, headers: {}, contentType: 'text/html', bytes: p.body.length },
    maxTextChars: 200_000,
    now: NOW,
  };
}

function chunksOf(b: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < b.length; i += CHUNK) out.push(b.subarray(i, i + CHUNK));
  return out;
}

let sink = 0; // keeps results alive so nothing is optimised away

function bareParse(chunks: Buffer[]): void {
  const td = new TextDecoder('utf-8');
  const parser = new Parser({}, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: false });
  for (const c of chunks) parser.write(td.decode(c, { stream: true }));
  parser.write(td.decode());
  parser.end();
  sink += parser.endIndex;
}

/** What any crawler that reads tags pays at least: attribute objects and text strings, then nothing. */
const NOOP_HANDLERS = { onopentag: () => {}, onclosetag: () => {}, ontext: () => {} };
function noopParse(chunks: Buffer[]): void {
  const td = new TextDecoder('utf-8');
  const parser = new Parser(NOOP_HANDLERS, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: false });
  for (const c of chunks) parser.write(td.decode(c, { stream: true }));
  parser.write(td.decode());
  parser.end();
  sink += parser.endIndex;
}

function extract(p: Page, chunks: Buffer[]): void {
  const ex = createExtractor(inputFor(p));
  for (const c of chunks) ex.write(c);
  const facts = ex.end();
  sink += facts.links.length + facts.text.length;
}

interface Rate {
  mbs: number;
  pps: number;
}

function prepare(pages: Page[]) {
  return pages.map((p) => ({ p, chunks: chunksOf(p.body) }));
}

/**
 * One timed round of ~ROUND_MS of this process's CPU time (user + system, GC threads included): whole
 * passes over the input set. CPU time rather than wall time, so other load on a shared machine does not
 * count against us (rates are per CPU-second of one core).
 */
function round(prepared: ReturnType<typeof prepare>, bytesPerPass: number, fn: (p: Page, chunks: Buffer[]) => void): Rate {
  let passes = 0;
  const start = process.cpuUsage();
  let elapsed = 0;
  do {
    for (const x of prepared) fn(x.p, x.chunks);
    passes++;
    const used = process.cpuUsage(start);
    elapsed = (used.user + used.system) / 1e6;
  } while (elapsed * 1000 < ROUND_MS);
  return { mbs: (bytesPerPass * passes) / elapsed / 1e6, pps: (prepared.length * passes) / elapsed };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Bare and extractor rounds alternate, so load from other processes hits both alike: the reported
 * ratio is the median of per-round ratios, the rates are the best round of each.
 */
function report(label: string, pages: Page[]): void {
  if (pages.length === 0) return;
  const bytes = pages.reduce((n, p) => n + p.body.length, 0);
  const prepared = prepare(pages);
  const bareFn = (_p: Page, c: Buffer[]) => bareParse(c);
  for (let i = 0; i < 3; i++) for (const x of prepared) (bareFn(x.p, x.chunks), extract(x.p, x.chunks)); // JIT warm-up
  const bare: Rate[] = [];
  const noop: Rate[] = [];
  const ours: Rate[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    if (ONLY !== 'ours') bare.push(round(prepared, bytes, bareFn));
    if (!ONLY) noop.push(round(prepared, bytes, (_p, c) => noopParse(c)));
    if (ONLY !== 'bare') ours.push(round(prepared, bytes, extract));
    if (!ONLY) ratios.push(ours[r].mbs / bare[r].mbs);
  }
  const best = (rs: Rate[]) => rs.reduce((a, b) => (b.mbs > a.mbs ? b : a), { mbs: 0, pps: 0 });
  console.log(`\n${label}: ${pages.length} pages, avg ${(bytes / pages.length / 1024).toFixed(1)} KB`);
  if (bare.length) console.log(`  bare htmlparser2 : ${best(bare).mbs.toFixed(1).padStart(7)} MB/s ${best(bare).pps.toFixed(0).padStart(7)} pages/s (best round)`);
  if (noop.length) console.log(`  + no-op callbacks: ${best(noop).mbs.toFixed(1).padStart(7)} MB/s ${best(noop).pps.toFixed(0).padStart(7)} pages/s (best round; attribute objects built)`);
  if (ours.length) console.log(`  extractor        : ${best(ours).mbs.toFixed(1).padStart(7)} MB/s ${best(ours).pps.toFixed(0).padStart(7)} pages/s (best round)`);
  if (ratios.length) console.log(`  ratio            : ${(median(ratios) * 100).toFixed(1)} % of the bare parse (median of rounds; best/best ${((best(ours).mbs / best(bare).mbs) * 100).toFixed(1)} %)`);
}

function writeSnapshot(dir: string, pages: Page[]): void {
  mkdirSync(dir, { recursive: true });
  for (const p of pages) {
    const whole = createExtractor(inputFor(p));
    whole.write(p.body);
    const a = JSON.stringify(whole.end(), null, 1);
    const chunked = createExtractor(inputFor(p));
    for (let i = 0; i < p.body.length; i += 97) chunked.write(p.body.subarray(i, i + 97));
    const b = JSON.stringify(chunked.end(), null, 1);
    const file = p.name.replace(/[^a-zA-Z0-9._-]+/g, '_') || 'root';
    writeFileSync(join(dir, file + '.json'), a);
    writeFileSync(join(dir, file + '.chunked.json'), b);
  }
  console.log(`snapshot: ${pages.length * 2} files in ${dir}`);
}

const real = realPages();
const synthetic = argv.includes('--real-only') ? [] : await syntheticPages(300);
if (SNAPSHOT) {
  writeSnapshot(SNAPSHOT, [...real, ...synthetic]);
} else {
  console.log(`rounds ${ROUNDS} × ${ROUND_MS} ms, best round reported, ${CHUNK / 1024} KB chunks`);
  report('real pages', real);
  report('synthetic testsite pages', synthetic);
  if (sink === -1) console.log(sink);
}
