// The coverage part of every report format: which checks did not fully run, and the one line that says the
// verdict is incomplete. Shared by the text and HTML reports so they can never disagree.
import type { CheckCoverage, CheckStatus, ScanCoverage } from '../domain/index.js';

export const STATUS_LABELS: Record<CheckStatus, string> = { ran: '已运行', partial: '部分运行', skipped: '未运行', failed: '出错' };

/** Checks that did not fully run, in the order the report lists them (failed first). */
export function incompleteChecks(coverage: ScanCoverage | undefined): Array<[string, CheckCoverage]> {
  const order: Record<CheckStatus, number> = { failed: 0, skipped: 1, partial: 2, ran: 3 };
  return Object.entries(coverage?.checks ?? {})
    .filter(([, c]) => c.status !== 'ran')
    .sort((a, b) => order[a[1].status] - order[b[1].status] || a[0].localeCompare(b[0]));
}

/** 「有 N 项检查未运行/出错，结论不完整」, or undefined when every check ran. */
export function incompleteLine(coverage: ScanCoverage | undefined): string | undefined {
  const n = incompleteChecks(coverage).length;
  return n ? `有 ${n} 项检查未运行/出错，结论不完整` : undefined;
}

/** One check's coverage in words (its status is shown beside it): 「出错 3 次：…」 or the reason it did not
 *  (fully) run, then the pages it ran on and the findings past the cap. */
export function describeCoverage(c: CheckCoverage): string {
  const parts: string[] = [];
  if (c.errors) parts.push(`出错 ${c.errors} 次${c.reason ? `：${c.reason}` : ''}`);
  else if (c.reason) parts.push(c.reason);
  if (c.pages !== undefined) parts.push(`检查页面 ${c.pages} 个`);
  if (c.dropped) parts.push(`另有 ${c.dropped} 条问题超过上限未列出`);
  return parts.join('；') || STATUS_LABELS[c.status];
}
