// `govpatrol demo`: the platform with synthetic sites, units, users and finished scans (demo-platform.ts);
// `--report-only`: serve the bundled synthetic government site on loopback, scan it, write the HTML report.
// testsite/ is loaded dynamically, here only (design.md: src/ never imports it otherwise).
import { defaultConfig, mergeConfig } from '../config.js';
import { runScanWithUi } from './scan-command.js';
import { renderOutcome, writeOut } from './output.js';

export interface DemoFlags {
  pages: number;
  out: string;
  browser?: boolean;
  keep?: boolean;
  reportOnly?: boolean;
  port?: number;
  db?: string;
}

export async function demoCommand(flags: DemoFlags): Promise<void> {
  if (flags.reportOnly) return reportDemo(flags);
  const { startDemo } = await import('./demo-platform.js');
  const started = Date.now();
  const demo = await startDemo({ pages: flags.pages, browser: flags.browser === true, port: flags.port, db: flags.db, log: (line) => process.stderr.write(`${line}\n`) });
  try {
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    const lines = [
      '',
      `政务巡检演示平台已就绪（准备用时 ${seconds} 秒）：${demo.url}/`,
      '',
      '演示账号（密码随机生成，只显示这一次）：',
      ...demo.users.map((u) => `  ${u.username.padEnd(10)} ${u.password}  ${roleName(u.role)}${u.unitName ? `（${u.unitName}）` : ''}`),
      '',
      `接口文档：${demo.url}/api/docs    按 Ctrl-C 结束`,
      '',
    ];
    process.stdout.write(lines.join('\n'));
    const { untilSignal } = await import('./serve-command.js');
    await untilSignal();
  } finally {
    await demo.close();
  }
}

function roleName(role: string): string {
  return ({ supervisor: '监管方', inspector: '检查员', unit: '责任单位', viewer: '只读' } as Record<string, string>)[role] ?? role;
}

async function reportDemo(flags: DemoFlags): Promise<void> {
  const { compareWithManifest, startTestSite } = await import('../../testsite/index.js');
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
