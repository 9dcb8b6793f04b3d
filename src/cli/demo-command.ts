// `govpatrol demo`: serve the bundled synthetic government site on loopback, scan it, write the HTML report.
import { compareWithManifest, startTestSite } from '../../testsite/index.js';
import { defaultConfig, mergeConfig } from '../config.js';
import { runScanWithUi } from './scan-command.js';
import { renderOutcome, writeOut } from './output.js';

export async function demoCommand(flags: { pages: number; out: string; browser?: boolean; keep?: boolean }): Promise<void> {
  process.stderr.write(`正在启动模拟政府网站（约 ${flags.pages} 个页面，仅监听 127.0.0.1）…\n`);
  const site = await startTestSite({ pages: flags.pages });
  try {
    process.stderr.write(`模拟网站：${site.url}（域名在本机解析，不访问外网）\n`);
    const config = mergeConfig(defaultConfig(), {
      crawl: { hosts: site.hosts, hostsOnly: true, maxPages: Math.max(flags.pages * 2, 500), requestTimeoutMs: 5000 },
      checks: { browser: flags.browser !== false, availabilityProbes: 2 },
    });
    const outcome = await runScanWithUi(site.url, config, { db: process.env.DATABASE_URL });
    process.stdout.write(renderOutcome(outcome, 'text', { color: Boolean(process.stdout.isTTY) }));
    const path = writeOut(flags.out, renderOutcome(outcome, 'html'));
    const { missed, extra } = compareWithManifest(outcome.report.findings, site.manifest);
    process.stdout.write(
      `\nHTML 报告：${path}\n模拟网站预置了 ${site.manifest.length} 处缺陷，检出 ${site.manifest.length - missed.length} 处` +
        `${missed.length ? `（漏检：${missed.map((d) => d.check).join('、')}）` : '（全部检出）'}；` +
        `报告共 ${outcome.report.findings.length} 条问题，${extra.length ? `其中 ${extra.length} 条不在预置清单中` : '全部对应预置缺陷'}。\n`,
    );
    if (flags.keep) {
      process.stdout.write(`模拟网站继续运行于 ${site.url}（按 Ctrl-C 结束）\n`);
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    }
  } finally {
    await site.close();
  }
}
