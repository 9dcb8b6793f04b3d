// Plain-text summary for the terminal: verdict first (and whether it is complete), then indicators worst first,
// then a findings table, then the checks that did not fully run and how the crawl went.
import { shanghaiTime, type CheckId, type ScanReport, type IndicatorResult } from '../domain/index.js';
import { CHECK_LABELS, KIND_LABELS, SEVERITY_LABELS, SEVERITY_ORDER, VERDICT_LABELS } from './labels.js';
import { STATUS_LABELS, describeCoverage, incompleteChecks, incompleteLine } from './coverage.js';

/** Display width of a string in a terminal: CJK and full-width characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    w += cp >= 0x1100 && (cp <= 0x115f || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd)) ? 2 : 1;
  }
  return w;
}

function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

function truncate(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let out = '';
  for (const ch of s) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return out + '…';
}

/** Worst first: triggered vetoes, then deductions by points lost, then the rest. */
export function rankIndicators(indicators: IndicatorResult[]): IndicatorResult[] {
  const weight = (i: IndicatorResult) => (i.triggered ? (i.kind === 'veto' ? 1000 : i.kind === 'deduction' ? 100 + i.points : 50) : 0);
  return [...indicators].sort((a, b) => weight(b) - weight(a) || b.findings - a.findings);
}

export function renderText(report: ScanReport, opts: { color?: boolean; maxFindings?: number } = {}): string {
  const c = (code: string, s: string) => (opts.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const lines: string[] = [];
  const verdict = VERDICT_LABELS[report.verdict];
  lines.push(`政务巡检报告  ${report.site.name || ''} ${report.site.url}`);
  lines.push(`结论：${report.verdict === 'qualified' ? c('32', verdict) : c('31;1', verdict)}    得分：${report.score}`);
  const incomplete = incompleteLine(report.coverage);
  if (incomplete) lines.push(c('33;1', `注意：${incomplete}（见文末「检查覆盖」）`));
  const s = report.stats;
  const secs = ((Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 1000).toFixed(1);
  lines.push(`检查时间 ${shanghaiTime(report.startedAt)}（北京时间）`);
  lines.push(`页面 ${s.pages}  链接 ${s.links}  流量 ${(s.bytes / 1048576).toFixed(1)} MB  抓取错误 ${s.errors}  用时 ${secs} 秒`);
  lines.push('');

  const triggered = rankIndicators(report.indicators).filter((i) => i.triggered);
  lines.push(triggered.length ? '触发的指标（最严重在前）：' : '未触发任何指标。');
  if (triggered.length) {
    lines.push(`  ${pad('类型', 10)}${pad('指标', 34)}${pad('扣/加分', 9)}问题数`);
    for (const i of triggered) {
      const kind = KIND_LABELS[i.kind];
      const points = i.kind === 'veto' ? '否决' : String(i.points);
      const cell = pad(points, 9);
      lines.push(`  ${pad(kind, 10)}${pad(truncate(i.name, 32), 34)}${i.kind === 'veto' ? c('31;1', cell) : cell}${i.findings}`);
    }
  }
  lines.push('');

  const byCheck = new Map<string, { n: number; worst: string }>();
  for (const f of report.findings) {
    const e = byCheck.get(f.check) ?? { n: 0, worst: f.severity };
    e.n++;
    if (SEVERITY_ORDER[f.severity as keyof typeof SEVERITY_ORDER] < SEVERITY_ORDER[e.worst as keyof typeof SEVERITY_ORDER]) e.worst = f.severity;
    byCheck.set(f.check, e);
  }
  if (byCheck.size) {
    lines.push('问题汇总：');
    lines.push(`  ${pad('检查项', 36)}${pad('级别', 8)}数量`);
    const rows = [...byCheck.entries()].sort((a, b) =>
      SEVERITY_ORDER[a[1].worst as keyof typeof SEVERITY_ORDER] - SEVERITY_ORDER[b[1].worst as keyof typeof SEVERITY_ORDER] || b[1].n - a[1].n);
    for (const [check, e] of rows) {
      const label = `${CHECK_LABELS[check as keyof typeof CHECK_LABELS] ?? check} (${check})`;
      lines.push(`  ${pad(truncate(label, 34), 36)}${pad(SEVERITY_LABELS[e.worst as keyof typeof SEVERITY_LABELS], 8)}${e.n}`);
    }
    lines.push('');
    const max = opts.maxFindings ?? 30;
    const sorted = [...report.findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
    lines.push(`问题明细（前 ${Math.min(max, sorted.length)} 条，共 ${sorted.length} 条；完整内容见 --format html 或 json）：`);
    for (const f of sorted.slice(0, max)) {
      lines.push(`  [${SEVERITY_LABELS[f.severity]}] ${f.message}`);
      lines.push(`      页面：${f.url}${f.target ? `  目标：${f.target}` : ''}`);
      if (f.evidence) lines.push(`      证据：${truncate(f.evidence.replace(/\s+/g, ' '), 100)}`);
    }
  } else {
    lines.push('未发现问题。');
  }
  lines.push(...coverageLines(report.coverage));
  return lines.join('\n') + '\n';
}

/** Which checks did not fully run and why, findings past the caps, the crawl notes and check errors. */
function coverageLines(coverage: ScanReport['coverage']): string[] {
  if (!coverage) return [];
  const lines: string[] = [''];
  const incomplete = incompleteChecks(coverage);
  const capped = Object.entries(coverage.checks).filter(([, e]) => e.status === 'ran' && e.dropped);
  lines.push('检查覆盖：');
  for (const [id, e] of [...incomplete, ...capped]) {
    lines.push(`  ${pad(STATUS_LABELS[e.status], 10)}${CHECK_LABELS[id as CheckId] ?? id} (${id})：${describeCoverage(e)}`);
  }
  const ran = Object.keys(coverage.checks).length - incomplete.length;
  lines.push(incomplete.length ? `  其余 ${ran} 项检查已运行。` : `  全部 ${ran} 项检查已运行。`);
  if (coverage.crawlNotes.length) lines.push('', `抓取说明：${coverage.crawlNotes.join('；')}`);
  const errors = coverage.checkErrors;
  if (errors.count) {
    const first = errors.examples[0];
    lines.push('', `检查出错 ${errors.count} 次（其余检查不受影响）${first ? `，例如 ${first.check}${first.url ? `（${first.url}）` : ''}：${first.message}` : ''}`);
  }
  return lines;
}
