// `govpatrol scan <url>`
import { buildConfig, type ScanFlags } from './options.js';
import { scanSite, type ScanOutcome } from '../scan/scan.js';
import { parseStartUrl } from '../scan/start-url.js';
import { prepareScan } from '../scan/preflight.js';
import { ProgressBar } from '../scan/progress.js';
import type { Store } from '../store/index.js';
import type { ScanConfig } from '../config.js';
import { renderOutcome, writeOut, type Format } from './output.js';

export interface ScanCommandFlags extends ScanFlags {
  format: Format;
  out?: string;
  db?: string;
  store?: boolean;
}

/** Runs a scan with a progress bar and Ctrl-C handling: the first Ctrl-C stops the crawl and still writes a
 *  consistent (aborted) scan to the database; a second one quits at once. */
export async function runScanWithUi(url: string, config: ScanConfig, opts: { db?: string; store?: boolean; quiet?: boolean }): Promise<ScanOutcome> {
  // Bad input (the URL, the catalogue and overlays, the dictionaries, check ids) fails before anything is opened
  // or fetched: a usage error, exit 2.
  parseStartUrl(url);
  const prepared = prepareScan(config);
  let store: Store | undefined;
  // Loaded only when used: the query builder and the database drivers cost a --no-store scan ~20 MB of memory.
  if (opts.store !== false) store = await (await import('../store/index.js')).openStore({ url: opts.db ?? process.env.DATABASE_URL });
  const bar = new ProgressBar(process.stderr, !opts.quiet && Boolean(process.stderr.isTTY));
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts === 1) {
      bar.done();
      process.stderr.write('\n正在停止扫描并保存已完成的部分（再按一次 Ctrl-C 立即退出）…\n');
      controller.abort();
    } else {
      process.exit(130);
    }
  };
  process.on('SIGINT', onSigint);
  try {
    return await scanSite({
      url,
      config,
      prepared,
      store,
      signal: controller.signal,
      onPhase: (label) => bar.phase(label),
      onProgress: (p) => bar.update({ phase: '抓取', pagesDone: p.pagesDone, maxPages: config.crawl.maxPages, queued: p.queued, errors: p.errors, bytes: p.bytes, currentUrl: p.currentUrl }),
    });
  } finally {
    bar.done();
    process.off('SIGINT', onSigint);
    await store?.close();
  }
}

export async function scanCommand(url: string, flags: ScanCommandFlags): Promise<void> {
  const config = buildConfig(flags);
  const outcome = await runScanWithUi(url, config, { db: flags.db, store: flags.store });
  const content = renderOutcome(outcome, flags.format, { color: !flags.out && Boolean(process.stdout.isTTY) });
  if (flags.out) {
    const path = writeOut(flags.out, content);
    process.stderr.write(`报告已写入 ${path}\n`);
    if (flags.format !== 'text') process.stderr.write(renderOutcome(outcome, 'text').split('\n').slice(0, 3).join('\n') + '\n');
  } else {
    process.stdout.write(content);
  }
  if (outcome.aborted) process.exitCode = 130;
}
